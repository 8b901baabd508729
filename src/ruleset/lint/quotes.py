"""Every quote must be found in the text it claims to come from."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.rules.sources import matched_prefix, normalise_text
from ruleset.text import Text


def quote_problems(ctx: LintContext) -> Iterator[LintProblem]:
    texts: dict[str, str | None] = {}
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
            path = os.path.join(ctx.directory, citation.source_file)
            try:
                with open(path, encoding="utf-8") as handle:
                    texts[citation.source_file] = normalise_text(handle.read())
            except (OSError, UnicodeDecodeError):
                texts[citation.source_file] = None
        text = texts[citation.source_file]
        if text is None:
            message = Text(
                f"không đọc được văn bản nguồn {citation.source_file}",
                f"cannot read source text {citation.source_file}",
            )
            yield LintProblem(
                LintCode.SOURCE_MISSING, document.problem("/source/source_file", message)
            )
            continue
        quote = normalise_text(citation.quote)
        if quote in text:
            continue
        matched = matched_prefix(quote, text)
        before, after = quote[max(0, matched - 40) : matched], quote[matched : matched + 40]
        message = Text(
            f"trích dẫn không có trong {citation.source_file}: khớp đến «…{before}» "
            f"rồi trích dẫn viết «{after}…»",
            f"quote not found in {citation.source_file}: matches up to «…{before}» "
            f"then the quote has «{after}…»",
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
