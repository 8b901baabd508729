"""Reporters turn a :class:`~ruleset.model.Report` into text; chosen by name, one interface."""

from __future__ import annotations

from collections.abc import Callable

from ruleset.model import Report
from ruleset.reporters.html import render_html
from ruleset.reporters.json_report import render_json
from ruleset.reporters.markdown import render_markdown
from ruleset.reporters.text import render_text

Renderer = Callable[[Report, str, bool], str]

REPORTERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
}


def render(report: Report, fmt: str, lang: str = "vi", colour: bool = False) -> str:
    """Render a report in a named format and language (colour only matters for text)."""
    return REPORTERS[fmt](report, lang, colour)
