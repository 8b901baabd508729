"""Every quote must be found in the text it claims to come from."""

from __future__ import annotations

from collections.abc import Iterator

from ruleset.documents.textio import excerpt
from ruleset.errors import InputError
from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.rules.sources import matched_prefix, normalise_text, source_text
from ruleset.text import Text


def quote_problems(ctx: LintContext) -> Iterator[LintProblem]:
    texts: dict[str, str | InputError] = {}
    for rule in ctx.rule_set.rules:
        citation = rule.citation
        document = ctx.documents[rule.id]
        if citation.source_file is None:
            message = Text(
                "thiếu source_file: không kiểm được trích dẫn",
                "no source_file: the quote cannot be verified",
            )
            yield LintProblem(LintCode.QUOTE_UNVERIFIABLE, document.problem("/source", message))
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
            message = Text(
                f"không đọc được văn bản nguồn {excerpt(citation.source_file)}",
                f"cannot read source text {excerpt(citation.source_file)}",
            )
            why = text.problems[0].message
            yield LintProblem(
                LintCode.SOURCE_MISSING, document.problem("/source/source_file", message, why)
            )
            continue
        quote = normalise_text(citation.quote)
        if quote in text:
            continue
        matched = matched_prefix(quote, text)
        before = excerpt(quote[max(0, matched - 40) : matched])
        after = excerpt(quote[matched : matched + 40])
        source = excerpt(citation.source_file)
        message = Text(
            f"trích dẫn không có trong {source}: khớp đến «…{before}» "
            f"rồi trích dẫn viết «{after}…»",
            f"quote not found in {source}: matches up to «…{before}» then the quote has «{after}…»",
        )
        yield LintProblem(
            LintCode.QUOTE_NOT_FOUND,
            document.problem(
                "/source/quote",
                message,
                Text(
                    "chép nguyên văn câu từ văn bản nguồn (khoảng trắng, NFC và dấu * được bỏ qua)",
                    "copy the sentence exactly from the source text (whitespace, NFC and * are ignored)",
                ),
            ),
        )
