"""ruleset: check agencies' self-assessments against directives written as data."""

from ruleset.errors import InputError, RulesetError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import Submission, load_submission
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from ruleset.version import __version__

__all__ = [
    "InputError",
    "RuleSet",
    "RulesetError",
    "Submission",
    "__version__",
    "check_submission",
    "load_rule_set",
    "load_submission",
]
