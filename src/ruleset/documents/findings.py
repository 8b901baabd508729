"""Problems found in one document, located and worded only as far as anyone will read them.

A file with thousands of faults (unknown ids, dangling references, wrong-typed items) must not
cost thousands of position look-ups, each a walk of the file: findings are ordered by where they
sit in the data (cheap), the first :data:`MAX_PROBLEMS` are located, and the rest are counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ruleset.documents.document import Document, join_pointer, split_pointer
from ruleset.documents.textio import EXCERPT_CHARS, excerpt
from ruleset.errors import Problem
from ruleset.text import Suggester, Text, did_you_mean

MAX_PROBLEMS = 50
"""Problems shown per file; the others are counted in one closing line."""


@dataclass(frozen=True)
class Finding:
    """A problem not yet located: where in the data (a JSON pointer), what, and how to fix it.

    ``hint`` may be a function, so that a did-you-mean is only computed for findings shown.
    """

    pointer: str
    message: Text
    hint: Text | Callable[[], Text | None] | None = None
    at_key: bool = False


class _Order:
    """Document order of pointers, from the data alone (dicts keep the order keys were read)."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.indexes: dict[int, dict[str, int]] = {}

    def key(self, pointer: str) -> tuple[int, ...]:
        node, out = self.data, []
        for token in split_pointer(pointer):
            if isinstance(node, dict):
                index = self.indexes.get(id(node))
                if index is None:
                    index = self.indexes[id(node)] = {name: i for i, name in enumerate(node)}
                position = index.get(token)
                if position is None:
                    break
                out.append(position)
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                out.append(int(token))
                node = node[int(token)]
            else:
                break
        return tuple(out)


def located(
    document: Document, findings: list[Finding], limit: int = MAX_PROBLEMS, data: Any = None
) -> list[Problem]:
    """The first ``limit`` findings in document order, located, then one line counting the rest."""
    order = _Order(document.data if data is None else data)
    shown = sorted(findings, key=lambda f: order.key(f.pointer))[:limit]
    problems = []
    for finding in shown:
        line, column, sheet = document.where(finding.pointer, finding.at_key)
        hint = finding.hint() if callable(finding.hint) else finding.hint
        # A pointer holds the file's keys: each shown, like any excerpt, short and escaped.
        tokens = tuple(
            excerpt(token, EXCERPT_CHARS // 2) for token in split_pointer(finding.pointer)
        )
        pointer = join_pointer(tokens) or "/"
        problems.append(Problem(document.path, finding.message, line, column, pointer, hint, sheet))
    problems.sort(key=lambda p: (p.sheet or "", p.line or 0, p.column or 0, p.message.en))
    rest = len(findings) - len(shown)
    if rest > 0:
        problems.append(
            Problem(
                document.path,
                Text(
                    f"… và {rest} vấn đề khác (chỉ hiện {limit} vấn đề đầu)",
                    f"… and {rest} more problems (the first {limit} are shown)",
                ),
                hint=Text(
                    "sửa các lỗi này rồi chạy lại để xem phần còn lại",
                    "fix these and run again to see the rest",
                ),
            )
        )
    return problems


def suggest(word: str, suggester: Suggester, otherwise: Text) -> Callable[[], Text | None]:
    """A did-you-mean computed only if the finding is shown."""
    return lambda: did_you_mean(word, suggester, otherwise)
