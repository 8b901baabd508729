"""``ruleset diff``: what a change to the rules does, before it is published.

``resolve`` turns ``DIR``, ``git:REV`` or ``git:REV:path`` into a rules directory; ``compare``
classifies each change and suggests the version bump; ``impact`` re-checks submissions under
both rule sets; ``render`` writes the result as text, JSON or Markdown.
"""

from ruleset.diffing.compare import RuleChange, RuleSetDiff, compare_rule_sets
from ruleset.diffing.impact import StatusChange, impact
from ruleset.diffing.resolve import resolved_rules

__all__ = [
    "RuleChange",
    "RuleSetDiff",
    "StatusChange",
    "compare_rule_sets",
    "impact",
    "resolved_rules",
]
