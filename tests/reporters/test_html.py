"""The HTML report: hostile text stays text, the page fetches nothing, the same input gives the
same bytes, and ``check --format html`` writes it. (Golden files: test_golden.py.)"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ruleset.cli import cli
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.model import Finding, Report
from ruleset.reporters import render
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Text
from tests.conftest import EXAMPLES_DIR
from tests.reporters.html_checks import (
    IMAGE,
    PAYLOADS,
    SCRIPT,
    assert_nothing_injected,
    parse,
    write_hostile_submission,
)

DAK_HA = EXAMPLES_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.yaml"


@pytest.fixture(scope="module")
def dak_ha(rule_set: RuleSet) -> Report:
    return check_submission(rule_set, load_submission(str(DAK_HA), rule_set))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_markup_in_a_submission_is_shown_as_text(
    rule_set: RuleSet, tmp_path: Path, lang: str
) -> None:
    path = write_hostile_submission(tmp_path)
    report = check_submission(rule_set, load_submission(str(path), rule_set))
    produced = render(report, "html", lang)
    parsed = parse(produced)
    assert_nothing_injected(parsed, scripts=0)
    for payload in PAYLOADS:
        assert payload in parsed.text  # shown, as text
        assert payload not in produced  # never as markup
    assert f"{SCRIPT} Ủy ban {IMAGE}" in parsed.text  # the agency's name
    assert f"'{IMAGE}'" in parsed.text  # the malformed reference, quoted by its finding


def test_the_page_fetches_nothing_and_runs_no_script(dak_ha: Report) -> None:
    produced = render(dak_ha, "html", "vi")
    parsed = parse(produced)
    assert_nothing_injected(parsed, scripts=0)
    assert not parsed.named("link") and not parsed.named("img")
    policy = next(m["content"] for m in parsed.named("meta") if m.get("http-equiv"))
    assert policy is not None
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    for reference in ("http:", "https:", "url(", "@import", "@font-face"):
        assert reference not in produced
    assert all((a["href"] or "").startswith("#o") for a in parsed.named("a"))


def test_the_page_prints_on_a4_and_adapts_to_a_phone(dak_ha: Report) -> None:
    produced = render(dak_ha, "html", "en")
    assert "@page{size:A4" in produced and "@media print{" in produced
    assert "@media (max-width:40rem)" in produced
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in produced
    assert '<html lang="en">' in produced and '<html lang="vi">' in render(dak_ha, "html", "vi")


def test_every_obligation_shows_status_severity_quote_and_findings(dak_ha: Report) -> None:
    text = parse(render(dak_ha, "html", "vi")).text
    for result in dak_ha.obligations:
        assert result.rule.id in text and result.rule.title.vi in text
        assert result.rule.citation.quote in text
        for finding in result.findings:
            assert f"{dak_ha.submission_path}:{finding.line}:{finding.column}" in text
            assert finding.message.vi in text
    assert "19.2/100" in text and dak_ha.ruleset_digest[:12] in text
    assert "Không đạt" in text and "nghiêm trọng" in text


def test_same_report_same_bytes(rule_set: RuleSet) -> None:
    first = check_submission(rule_set, load_submission(str(DAK_HA), rule_set))
    second = check_submission(rule_set, load_submission(str(DAK_HA), rule_set))
    assert render(first, "html", "vi").encode() == render(second, "html", "vi").encode()


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=40), message=st.text(max_size=40))
def test_no_text_changes_the_shape_of_the_page(dak_ha: Report, name: str, message: str) -> None:
    """Whatever the agency's name and a finding's words, the same elements and attributes."""
    baseline = parse(render(dak_ha, "html", "en")).shape()
    first = dak_ha.obligations[0]
    finding = dataclasses.replace(
        first.findings[0], message=Text(first.findings[0].message.vi, message), pointer=message
    )
    findings: tuple[Finding, ...] = (finding, *first.findings[1:])
    changed = dataclasses.replace(
        dak_ha,
        agency=dataclasses.replace(dak_ha.agency, name=name),
        submission_path=name,
        obligations=(dataclasses.replace(first, findings=findings), *dak_ha.obligations[1:]),
    )
    parsed = parse(render(changed, "html", "en"))
    assert parsed.shape() == baseline
    assert name in parsed.text


def test_check_writes_an_html_report(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.html"
    result = CliRunner().invoke(
        cli, ["check", str(DAK_HA), "--format", "html", "--lang", "en", "--output", str(out)]
    )
    assert result.exit_code == 1, result.output  # gaps found
    produced = out.read_text(encoding="utf-8")
    assert produced.startswith('<!DOCTYPE html>\n<!-- written by ruleset -->\n<html lang="en">')
    assert "Self-assessment gap report" in produced
