"""A rule's citation must agree with the source it names in sources/sources.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from ruleset.documents.document import Document
from ruleset.documents.textio import excerpt
from ruleset.errors import Problem
from ruleset.lint.context import LintContext
from ruleset.lint.problem import ERROR, LintProblem


def citation_problems(ctx: LintContext) -> Iterator[LintProblem]:
    if ctx.sources is None:
        return
    by_file = {"sources/" + s.file: s for s in ctx.sources.values()}
    for rule in ctx.rule_set.rules:
        citation = rule.citation
        document = ctx.documents[rule.id]

        def located(pointer: str, message: str, code: str, doc: Document = document) -> LintProblem:
            line, column = doc.locate(pointer) or (None, None)
            return LintProblem(ERROR, code, Problem(doc.path, message, line, column, pointer))

        source = ctx.sources.get(citation.document)
        if source is None:
            yield located(
                "/source/document",
                f"văn bản '{citation.document}' không có trong sources.yaml / document not listed in "
                f"sources/sources.yaml (known: {', '.join(sorted(ctx.sources))})",
                "unknown-document",
            )
            continue
        if citation.source_file is not None and by_file.get(citation.source_file) is not source:
            yield located(
                "/source/source_file",
                f"source_file '{excerpt(citation.source_file)}' không phải văn bản nguồn của {citation.document} / "
                f"is not the text listed for {citation.document} (sources/{source.file})",
                "wrong-source-file",
            )
        if citation.date != source.date:
            yield located(
                "/source/date",
                f"ngày {citation.date} khác ngày ban hành trong sources.yaml ({source.date}) / "
                f"date differs from the source's date",
                "citation-date",
            )
