"""Every quote must be found in the text it claims to come from."""

from __future__ import annotations

from collections.abc import Iterator

from ruleset.documents.textio import excerpt
from ruleset.errors import InputError, Problem
from ruleset.lint.context import LintContext
from ruleset.lint.problem import ERROR, LintProblem
from ruleset.rules.sources import matched_prefix, normalise_text, source_text


def quote_problems(ctx: LintContext) -> Iterator[LintProblem]:
    texts: dict[str, str | InputError] = {}
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
            try:
                texts[citation.source_file] = normalise_text(
                    source_text(ctx.directory, citation.source_file)
                )
            except InputError as error:
                texts[citation.source_file] = error
        text = texts[citation.source_file]
        if isinstance(text, InputError):
            line, column = document.locate("/source/source_file") or (None, None)
            yield LintProblem(
                ERROR,
                "source-missing",
                Problem(
                    rule.file,
                    f"không đọc được tệp nguồn / cannot read source text "
                    f"{excerpt(citation.source_file)}",
                    line,
                    column,
                    "/source/source_file",
                    hint=text.problems[0].message,
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
                f"{excerpt(citation.source_file)}: matches up to "
                f"«…{excerpt(quote[max(0, matched - 40) : matched])}» "
                f"then the quote has «{excerpt(quote[matched : matched + 40])}…»",
                line,
                column,
                "/source/quote",
                hint="copy the sentence exactly from the source text (whitespace, NFC and * are ignored)",
            ),
        )
