"""``python -m ruleset``: the same as the ``ruleset`` command."""

from ruleset.cli import main

main()
