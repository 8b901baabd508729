"""Reporters turn a :class:`~ruleset.model.Report` into text; chosen by name, one interface."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ruleset.errors import InputError
from ruleset.model import Report
from ruleset.reporters.ci import (
    CiRenderer,
    Tool,
    rules_info,
    suite_of,
    suite_of_error,
    tool_of,
)
from ruleset.reporters.github import github_chunks
from ruleset.reporters.html import render_html
from ruleset.reporters.json_report import render_json
from ruleset.reporters.junit import junit_chunks
from ruleset.reporters.markdown import render_markdown
from ruleset.reporters.sarif import sarif_chunks
from ruleset.reporters.text import render_text
from ruleset.text import Lang
from ruleset.version import __version__

Renderer = Callable[[Report, str, bool], str]

REPORTERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
}

# For CI and editors: one document over any number of reports (a batch is one SARIF run), in
# the chosen language or both (``vi / en``) when none was chosen.
CI_FORMATS: dict[str, CiRenderer] = {
    "sarif": sarif_chunks,
    "junit": junit_chunks,
    "github": github_chunks,
}
FORMATS = sorted([*REPORTERS, *CI_FORMATS])


def render(report: Report, fmt: str, lang: str = "vi", colour: bool = False) -> str:
    """Render a report in a named format and language (colour only matters for text)."""
    return REPORTERS[fmt](report, lang, colour)


def render_ci(items: Sequence[Report | tuple[str, InputError]], fmt: str, lang: Lang | None) -> str:
    """Reports, and inputs that could not be read (path, error), in the order given, as one CI
    document (SARIF, JUnit or GitHub workflow commands): a job gets a result for every file."""
    reports = [item for item in items if isinstance(item, Report)]
    suites = [
        suite_of(item) if isinstance(item, Report) else suite_of_error(*item) for item in items
    ]
    rules = rules_info(result.rule for report in reports for result in report.obligations)
    tool = tool_of(reports[0]) if reports else Tool(__version__)
    return "".join(CI_FORMATS[fmt](tool, rules, lambda: suites, lang))


def render_ci_error(path: str, error: InputError, fmt: str, lang: Lang | None) -> str:
    """An input that cannot be read, as the CI document a job expected instead of nothing."""
    return render_ci([(path, error)], fmt, lang)
