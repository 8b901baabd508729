"""Reporters turn a :class:`~ruleset.model.Report` into text; chosen by name, one interface.

The tables name each reporter's module; a reporter is imported when it is first used, so that
``check`` on one file does not load the HTML page, SARIF, JUnit and the rest it will not write."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from ruleset.errors import InputError
from ruleset.model import Report
from ruleset.text import Lang
from ruleset.version import __version__

if TYPE_CHECKING:
    from ruleset.reporters.ci import CiRenderer

Renderer = Callable[[Report, str, bool], str]
T = TypeVar("T")


class _Table(Mapping[str, T], Generic[T]):
    """Name -> function, each imported from ``module:attribute`` on first use."""

    def __init__(self, places: dict[str, str]) -> None:
        self._places = places

    def __getitem__(self, name: str) -> T:
        module, _, attribute = self._places[name].partition(":")
        found: T = getattr(importlib.import_module(module), attribute)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


REPORTERS: Mapping[str, Renderer] = _Table(
    {
        "text": "ruleset.reporters.text:render_text",
        "json": "ruleset.reporters.json_report:render_json",
        "markdown": "ruleset.reporters.markdown:render_markdown",
        "html": "ruleset.reporters.html:render_html",
    }
)

# For CI and editors: one document over any number of reports (a batch is one SARIF run), in
# the chosen language or both (``vi / en``) when none was chosen.
CI_FORMATS: Mapping[str, CiRenderer] = _Table(
    {
        "sarif": "ruleset.reporters.sarif:sarif_chunks",
        "junit": "ruleset.reporters.junit:junit_chunks",
        "github": "ruleset.reporters.github:github_chunks",
    }
)
FORMATS = sorted([*REPORTERS, *CI_FORMATS])


def render(report: Report, fmt: str, lang: str = "vi", colour: bool = False) -> str:
    """Render a report in a named format and language (colour only matters for text)."""
    return REPORTERS[fmt](report, lang, colour)


def render_ci(items: Sequence[Report | tuple[str, InputError]], fmt: str, lang: Lang | None) -> str:
    """Reports, and inputs that could not be read (path, error), in the order given, as one CI
    document (SARIF, JUnit or GitHub workflow commands): a job gets a result for every file."""
    from ruleset.reporters.ci import Tool, rules_info, suite_of, suite_of_error, tool_of

    reports = [item for item in items if isinstance(item, Report)]
    suites = [
        suite_of(item) if isinstance(item, Report) else suite_of_error(*item) for item in items
    ]
    rules = rules_info(result.rule for report in reports for result in report.obligations)
    tool = tool_of(reports[0]) if reports else Tool(__version__)
    return "".join(CI_FORMATS[fmt](tool, rules, lambda: suites, lang))
