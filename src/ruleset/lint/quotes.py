"""Every quote must be found in the text it claims to come from."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ruleset.errors import Problem
from ruleset.lint.context import LintContext
from ruleset.lint.problem import ERROR, LintProblem
from ruleset.rules.sources import matched_prefix, normalise_text


def quote_problems(ctx: LintContext) -> Iterator[LintProblem]:
    texts: dict[str, str | None] = {}
    for rule in ctx.rule_set.rules:
        citation = rule.citation
        document = ctx.documents[rule.id]
        if citation.source_file is None:
            line, column = document.locate("/source") or (None, None)
            yield LintProblem(
                ERROR,
                "quote-unverifiable",
                Problem(
                    rule.file,
                    "thiếu source_file: không kiểm được trích dẫn / no source_file: the quote cannot be verified",
                    line,
                    column,
                    "/source",
                ),
            )
            continue
        if citation.source_file not in texts:
            path = os.path.join(ctx.directory, citation.source_file)
            try:
                with open(path, encoding="utf-8") as handle:
                    texts[citation.source_file] = normalise_text(handle.read())
            except (OSError, UnicodeDecodeError):
                texts[citation.source_file] = None
        text = texts[citation.source_file]
        if text is None:
            line, column = document.locate("/source/source_file") or (None, None)
            yield LintProblem(
                ERROR,
                "source-missing",
                Problem(
                    rule.file,
                    f"không đọc được tệp nguồn / cannot read source text {citation.source_file}",
                    line,
                    column,
                    "/source/source_file",
                ),
            )
            continue
        quote = normalise_text(citation.quote)
        if quote in text:
            continue
        matched = matched_prefix(quote, text)
        line, column = document.locate("/source/quote") or (None, None)
        yield LintProblem(
            ERROR,
            "quote-not-found",
            Problem(
                rule.file,
                "trích dẫn không có trong văn bản nguồn / quote not found in "
                f"{citation.source_file}: matches up to «…{quote[max(0, matched - 40) : matched]}» "
                f"then the quote has «{quote[matched : matched + 40]}…»",
                line,
                column,
                "/source/quote",
                hint="copy the sentence exactly from the source text (whitespace, NFC and * are ignored)",
            ),
        )
