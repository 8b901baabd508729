"""``ruleset rules list|show|kinds``: the catalogue, one rule explained, the agency kinds."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from ruleset.checks.explain import explain
from ruleset.cli.common import LANG_CHOICE, rules_option
from ruleset.documents.schema import did_you_mean
from ruleset.errors import InputError
from ruleset.model import Rule
from ruleset.rules.ruleset import RuleSet, bundled_rules_dir, load_rule_set
from ruleset.rules.sources import NATURE_WORDS, SOURCES_FILE, Source, load_sources

FORMAT_CHOICE = click.Choice(["text", "json"])


def _load(rules_dir: str | None) -> RuleSet:
    return load_rule_set(rules_dir or bundled_rules_dir())


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
        raise InputError.at(
            "--" + what, f"không rõ / unknown {what} '{text}' (known: {', '.join(vocabulary.ids)})"
        )
    return str(found)


@click.group("rules", help="Danh mục quy tắc / the rule catalogue.")
def rules_group() -> None:
    """Subcommands to read the catalogue."""


@rules_group.command(
    "list", help="Liệt kê quy tắc / list rules, optionally for one agency kind and province."
)
@rules_option
@click.option("--agency-kind", "agency_kind", default=None, help="Agency kind id or alias.")
@click.option("--province", default=None, help="Province id or name, or 'national'.")
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
@click.option("--lang", type=LANG_CHOICE, default="vi", show_default=True)
def list_command(
    rules_dir: str | None, agency_kind: str | None, province: str | None, fmt: str, lang: str
) -> None:
    rule_set = _load(rules_dir)
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
        title = rule.title.vi if lang == "vi" else rule.title.en
        where = (
            ", ".join(rule.provinces)
            if rule.provinces
            else ("toàn quốc" if lang == "vi" else "national")
        )
        click.echo(f"{rule.id:<20} {rule.severity.value:<8} {where:<10} {title}")
    click.echo(f"{len(rules)} quy tắc / rules")


@rules_group.command("show", help="Giải thích một quy tắc / explain one rule.")
@click.argument("rule_id")
@rules_option
@click.option("--lang", type=LANG_CHOICE, default="vi", show_default=True)
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
def show_command(rule_id: str, rules_dir: str | None, lang: str, fmt: str) -> None:
    rule_set = _load(rules_dir)
    rule = rule_set.rule(rule_id)
    if rule is None:
        known = [r.id for r in rule_set.rules]
        suggestion = did_you_mean(rule_id, known)
        hint = f" (ý bạn là / did you mean '{suggestion}'?)" if suggestion else ""
        raise InputError.at(rule_id, f"không có quy tắc / no rule with id '{rule_id}'{hint}")
    source = _sources(rule_set).get(rule.citation.document)
    if fmt == "json":
        payload = rule_summary(rule)
        payload["rationale"] = rule.rationale
        payload["checks"] = [{"id": c.id, "requires": explain(c.spec, lang)} for c in rule.checks]
        payload["examples"] = [{"name": e.name, "expect": e.expect.value} for e in rule.examples]
        payload["source_nature"] = source.nature if source else None
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    click.echo(show_text(rule, source, lang, rule_set))


def show_text(rule: Rule, source: Source | None, lang: str, rule_set: RuleSet) -> str:
    vi = lang == "vi"
    c = rule.citation
    kinds = []
    for kind in rule.agency_kinds:
        term = rule_set.agency_kinds.term(kind)
        kinds.append(f"{kind} ({term.name.vi if vi else term.name.en})" if term else kind)
    lines = [
        f"{rule.id} — {rule.title.vi if vi else rule.title.en}",
        "",
        rule.description.vi if vi else rule.description.en,
        "",
        ("Căn cứ: " if vi else "Source: ")
        + f"{c.kind} {c.document} ({c.issuer}, {c.date}), {c.clause}",
        f"  “{c.quote}”",
    ]
    if source is not None:
        nature = NATURE_WORDS[source.nature][0 if vi else 1]
        lines.append(
            ("  Văn bản đang giữ: " if vi else "  Text held: ")
            + f"sources/{source.file} ({nature})"
        )
    if c.reported_by:
        lines.append(("  Nguồn tin: " if vi else "  Reported by: ") + c.reported_by)
    where = ", ".join(rule.provinces) if rule.provinces else ("toàn quốc" if vi else "national")
    until = rule.effective_until or ("nay" if vi else "now")
    lines += [
        "",
        ("Áp dụng cho: " if vi else "Binds: ") + "; ".join(kinds),
        ("Địa bàn: " if vi else "Jurisdiction: ") + where,
        ("Hiệu lực: " if vi else "In force: ") + f"{rule.effective_from} → {until}",
        ("Mức độ: " if vi else "Severity: ") + rule.severity.value,
        "",
        "Yêu cầu:" if vi else "Requires:",
    ]
    for check in rule.checks:
        lines.append(f"  - [{check.id}] {explain(check.spec, lang)}")
    if rule.rationale:
        lines += ["", ("Lý giải: " if vi else "Rationale: ") + rule.rationale]
    lines += ["", "Ví dụ:" if vi else "Examples:"]
    for example in rule.examples:
        lines.append(f"  - {example.name} → {example.expect.value}")
    return "\n".join(lines)


@rules_group.command("kinds", help="Các loại cơ quan / agency kinds with their names and aliases.")
@rules_option
@click.option("--format", "fmt", type=FORMAT_CHOICE, default="text", show_default=True)
def kinds_command(rules_dir: str | None, fmt: str) -> None:
    rule_set = _load(rules_dir)
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
