"""An unreadable submission as a document, for the machines and pages that expected a report.

With ``--format json`` a script reading stdout gets this instead of nothing; with ``html`` an
officer who double-clicks the output sees what is wrong. The human message still goes to stderr
and the exit code is still 2.
"""

from __future__ import annotations

import json
from typing import Any

from ruleset.errors import Exit, InputError, Problem, location
from ruleset.reporters.html_assets import BASE_CSS, esc, page
from ruleset.text import Lang, Text

ERROR_FORMAT = "ruleset/input-error@1"
_TITLE = Text("Không đọc được bản tự đánh giá", "The self-assessment cannot be read")
_HINT = Text("Gợi ý", "Hint")


def _problem(problem: Problem, lang: Lang) -> dict[str, Any]:
    return {
        "file": problem.path,
        "line": problem.line,
        "column": problem.column,
        "sheet": problem.sheet,
        "where": location(problem.path, problem.line, problem.column, problem.sheet),
        "pointer": problem.pointer,
        "message": problem.message.get(lang),
        "messages": {"vi": problem.message.vi, "en": problem.message.en},
        "hint": {"vi": problem.hint.vi, "en": problem.hint.en} if problem.hint else None,
    }


def error_document(error: InputError, lang: Lang) -> dict[str, Any]:
    """The error as data: printed by ``check --format json``, one line of ``batch --jsonl``."""
    return {
        "format": ERROR_FORMAT,
        "exit_code": int(Exit.INPUT),
        "problems": [_problem(problem, lang) for problem in error.problems],
    }


def error_json(error: InputError, lang: Lang) -> str:
    return json.dumps(error_document(error, lang), ensure_ascii=False, indent=2) + "\n"


def error_html(error: InputError, lang: Lang) -> str:
    items = []
    for problem in error.problems:
        hint = (
            f"<br><small>{esc(_HINT.get(lang))}: {esc(problem.hint.get(lang))}</small>"
            if problem.hint
            else ""
        )
        where = location(problem.path, problem.line, problem.column, problem.sheet)
        items.append(
            f"<li><code>{esc(where)}</code>: {esc(problem.message.get(lang))}{hint}</li>\n"
        )
    body = [f"<h1>{esc(_TITLE.get(lang))}</h1>\n<ul class=findings>\n", *items, "</ul>\n"]
    return "".join(page(lang=lang.value, title=_TITLE.get(lang), css=BASE_CSS, body=body))


ERROR_DOCUMENTS = {"json": error_json, "html": error_html}
