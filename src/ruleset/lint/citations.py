"""A rule's citation must agree with the source it names in sources/sources.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from ruleset.documents.document import Document
from ruleset.documents.textio import excerpt
from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.text import Text


def citation_problems(ctx: LintContext) -> Iterator[LintProblem]:
    if ctx.sources is None:
        return
    by_file = {"sources/" + s.file: s for s in ctx.sources.values()}
    for rule in ctx.rule_set.rules:
        citation = rule.citation
        document = ctx.documents[rule.id]

        def located(
            pointer: str, message: Text, code: LintCode, doc: Document = document
        ) -> LintProblem:
            return LintProblem(code, doc.problem(pointer, message))

        source = ctx.sources.get(citation.document)
        if source is None:
            yield located(
                "/source/document",
                Text(
                    f"văn bản '{citation.document}' không có trong sources/sources.yaml (đã biết: {', '.join(sorted(ctx.sources))})",
                    f"document not listed in sources/sources.yaml (known: {', '.join(sorted(ctx.sources))})",
                ),
                LintCode.UNKNOWN_DOCUMENT,
            )
            continue
        if citation.source_file is not None and by_file.get(citation.source_file) is not source:
            yield located(
                "/source/source_file",
                Text(
                    f"source_file '{excerpt(citation.source_file)}' không phải văn bản nguồn của {citation.document} (sources/{source.file})",
                    f"source_file '{excerpt(citation.source_file)}' is not the text listed for {citation.document} (sources/{source.file})",
                ),
                LintCode.WRONG_SOURCE_FILE,
            )
        if citation.date != source.date:
            yield located(
                "/source/date",
                Text(
                    f"ngày {citation.date} khác ngày ban hành trong sources.yaml ({source.date})",
                    f"date {citation.date} differs from the source's date in sources.yaml ({source.date})",
                ),
                LintCode.CITATION_DATE,
            )
