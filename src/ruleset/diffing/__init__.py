"""``ruleset diff``: what a change to the rules does, before it is published.

``resolve`` turns ``DIR``, ``git:REV`` or ``git:REV:path`` into a rules directory; ``compare``
classifies each change and suggests the version bump; ``impact`` re-checks submissions under
both rule sets (scores and the obligations that moved them); ``totals`` counts per rule change
and per agency kind; ``render`` and ``render_impact`` write the result as text, JSON or Markdown.
"""

from ruleset.diffing.compare import RuleChange, RuleSetDiff, compare_rule_sets
from ruleset.diffing.impact import SubmissionImpact, impact
from ruleset.diffing.resolve import resolved_rules
from ruleset.diffing.totals import Impact, summarise

__all__ = [
    "Impact",
    "RuleChange",
    "RuleSetDiff",
    "SubmissionImpact",
    "compare_rule_sets",
    "impact",
    "resolved_rules",
    "summarise",
]
