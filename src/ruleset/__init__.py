"""ruleset: check agencies' self-assessments against directives written as data."""

from ruleset.engine import check_submission
from ruleset.errors import InputError, RulesetError
from ruleset.rules_loader import RuleSet, load_rule_set
from ruleset.submission import Submission, load_submission
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
