"""``ruleset rules list|show|kinds``: the catalogue, one rule explained, the agency kinds."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from ruleset.checks.registry import explain
from ruleset.cli.common import (
    AGENCY_KIND_HELP,
    PROVINCE_HELP,
    help_option,
    lang_option,
    rules_option,
    terminal_options,
    text_json_option,
)
from ruleset.cli.ruleset_choice import load_rules
from ruleset.errors import InputError
from ruleset.model import Rule
from ruleset.rules.ruleset import RuleSet
from ruleset.rules.sources import NATURE_WORDS, SOURCES_FILE, Source, load_sources
from ruleset.text import Lang, Text, did_you_mean


def _sources(rule_set: RuleSet) -> dict[str, Source]:
    if not os.path.isfile(os.path.join(rule_set.directory, SOURCES_FILE)):
        return {}
    return load_sources(rule_set.directory)[1]


def rule_summary(rule: Rule) -> dict[str, Any]:
    """The catalogue entry of one rule, as ``rules list --format json`` gives it."""
    return {
        "id": rule.id,
        "title": {"vi": rule.title.vi, "en": rule.title.en},
        "document": rule.citation.document,
        "issuer": rule.citation.issuer,
        "clause": rule.citation.clause,
        "quote": rule.citation.quote,
        "agency_kinds": list(rule.agency_kinds),
        "provinces": list(rule.provinces) if rule.provinces is not None else None,
        "severity": rule.severity.value,
        "effective": {"from": rule.effective_from, "until": rule.effective_until},
    }


def _resolve(vocabulary: Any, text: str | None, what: str) -> str | None:
    if text is None:
        return None
    if text == "national":
        return text
    found = vocabulary.resolve(text)
    if found is None:
        known = ", ".join(vocabulary.ids)
        raise InputError.at(
            "--" + what,
            Text(f"không rõ {what} '{text}'", f"unknown {what} '{text}'"),
            hint=Text("các giá trị đã biết: ", "known: ") + known,
        )
    return str(found)


@click.group("rules", help="Danh mục quy tắc / the rule catalogue.")
@help_option
def rules_group() -> None:
    """Subcommands to read the catalogue."""


@rules_group.command(
    "list", help="Liệt kê quy tắc / list rules, optionally for one agency kind and province."
)
@rules_option
@click.option("--agency-kind", "agency_kind", default=None, help=AGENCY_KIND_HELP)
@click.option("--province", default=None, help=PROVINCE_HELP)
@text_json_option
@lang_option
@terminal_options
def list_command(
    rules_dir: str | None, agency_kind: str | None, province: str | None, fmt: str, lang: Lang
) -> None:
    rule_set = load_rules()
    kind = _resolve(rule_set.agency_kinds, agency_kind, "agency-kind")
    place = _resolve(rule_set.provinces, province, "province")
    rules = [
        rule
        for rule in rule_set.rules
        if (kind is None or kind in rule.agency_kinds)
        and (place is None or rule.provinces is None or place in rule.provinces)
    ]
    if fmt == "json":
        click.echo(json.dumps([rule_summary(r) for r in rules], ensure_ascii=False, indent=2))
        return
    for rule in rules:
        where = ", ".join(rule.provinces) if rule.provinces else _NATIONAL.get(lang)
        click.echo(f"{rule.id:<20} {rule.severity.value:<8} {where:<10} {rule.title.get(lang)}")
    click.echo(Text("{n} quy tắc", "{n} rules").format(n=len(rules)).get(lang))


@rules_group.command("show", help="Giải thích một quy tắc / explain one rule.")
@click.argument("rule_id")
@rules_option
@lang_option
@text_json_option
@terminal_options
def show_command(rule_id: str, rules_dir: str | None, lang: Lang, fmt: str) -> None:
    rule_set = load_rules()
    rule = rule_set.rule(rule_id)
    if rule is None:
        raise InputError.at(
            rule_id,
            Text(f"không có quy tắc '{rule_id}'", f"no rule with id '{rule_id}'"),
            hint=did_you_mean(rule_id, (r.id for r in rule_set.rules)),
        )
    source = _sources(rule_set).get(rule.citation.document)
    if fmt == "json":
        payload = rule_summary(rule)
        payload["rationale"] = rule.rationale
        payload["checks"] = [
            {"id": c.id, "requires": explain(c.spec).get(lang)} for c in rule.checks
        ]
        payload["examples"] = [{"name": e.name, "expect": e.expect.value} for e in rule.examples]
        payload["source_nature"] = source.nature if source else None
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(show_text(rule, source, lang, rule_set))


_NATIONAL = Text("toàn quốc", "national")
_SHOW = {
    "source": Text("Căn cứ: ", "Source: "),
    "held": Text("  Văn bản đang giữ: ", "  Text held: "),
    "reported": Text("  Nguồn tin: ", "  Reported by: "),
    "binds": Text("Áp dụng cho: ", "Binds: "),
    "where": Text("Địa bàn: ", "Jurisdiction: "),
    "in_force": Text("Hiệu lực: ", "In force: "),
    "now": Text("nay", "now"),
    "severity": Text("Mức độ: ", "Severity: "),
    "requires": Text("Yêu cầu:", "Requires:"),
    "rationale": Text("Lý giải: ", "Rationale: "),
    "why": Text("Vì: ", "Why: "),
    "examples": Text("Ví dụ:", "Examples:"),
}


def show_text(rule: Rule, source: Source | None, lang: Lang, rule_set: RuleSet) -> str:
    def w(key: str) -> str:
        return _SHOW[key].get(lang)

    c = rule.citation
    kinds = []
    for kind in rule.agency_kinds:
        term = rule_set.agency_kinds.term(kind)
        kinds.append(f"{kind} ({term.name.get(lang)})" if term else kind)
    lines = [
        f"{rule.id} — {rule.title.get(lang)}",
        "",
        rule.description.get(lang),
        "",
        w("source") + f"{c.kind} {c.document} ({c.issuer}, {c.date}), {c.clause}",
        f"  “{c.quote}”",
    ]
    if source is not None:
        lines.append(w("held") + f"sources/{source.file} ({NATURE_WORDS[source.nature].get(lang)})")
    if c.reported_by:
        lines.append(w("reported") + c.reported_by)
    where = ", ".join(rule.provinces) if rule.provinces else _NATIONAL.get(lang)
    lines += [
        "",
        w("binds") + "; ".join(kinds),
        w("where") + where,
        w("in_force") + f"{rule.effective_from} → {rule.effective_until or w('now')}",
        w("severity") + rule.severity.value,
        "",
        w("requires"),
    ]
    for check in rule.checks:
        lines.append(f"  - [{check.id}] {explain(check.spec).get(lang)}")
        if check.why:
            lines.append(f"      {w('why')}{check.why}")
    if rule.rationale:
        lines += ["", w("rationale") + rule.rationale]
    lines += ["", w("examples")]
    lines += [f"  - {example.name} → {example.expect.value}" for example in rule.examples]
    return "\n".join(lines)


@rules_group.command("kinds", help="Các loại cơ quan / agency kinds with their names and aliases.")
@rules_option
@text_json_option
@lang_option
@terminal_options
def kinds_command(rules_dir: str | None, fmt: str, lang: Lang) -> None:
    rule_set = load_rules()
    terms = rule_set.agency_kinds.terms
    if fmt == "json":
        payload = [
            {"id": t.id, "name": {"vi": t.name.vi, "en": t.name.en}, "aliases": list(t.aliases)}
            for t in terms
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for term in terms:
        aliases = ", ".join(term.aliases)
        click.echo(
            f"{term.id:<28} {term.name.vi} / {term.name.en}"
            + (f"\n{'':<28} ({aliases})" if aliases else "")
        )


@rules_group.command(
    "schema",
    help="Lược đồ JSON đầy đủ của tệp quy tắc / the whole JSON Schema of a rule file, with every "
    "check kind (for editors and other validators).",
)
@lang_option
@terminal_options
def schema_command(lang: Lang) -> None:
    from ruleset.documents.schema import load_schema
    from ruleset.rules.load import RULE_SCHEMA

    click.echo(json.dumps(load_schema(RULE_SCHEMA), ensure_ascii=False, indent=2))


@rules_group.command(
    "topics",
    help="Các chủ đề (topics) dùng trong minh chứng / the topics evidence can name in `topics:`, "
    "with the documents that define them.",
)
@rules_option
@lang_option
@text_json_option
@terminal_options
def topics_command(rules_dir: str | None, lang: Lang, fmt: str) -> None:
    topics = load_rules().topics
    if fmt == "json":
        payload = [
            {
                "id": t.id,
                "name": {"vi": t.name.vi, "en": t.name.en},
                "documents": list(t.documents),
                "phrases": list(t.phrases),
            }
            for t in topics.terms
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for topic in topics.terms:
        documents = f" [{', '.join(topic.documents)}]" if topic.documents else ""
        click.echo(f"{topic.id:<40} {topic.name.get(lang)}{documents}")
