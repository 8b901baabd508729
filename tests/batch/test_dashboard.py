"""``batch --summary html``: the dashboard ranks, rolls up and links correctly, shows hostile
names and reasons as text, runs only its own script, and does not depend on --jobs."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from ruleset.batch import run_batch
from ruleset.cli import cli
from ruleset.reporters.html_assets import DASHBOARD_JS
from tests.conftest import RULES_DIR
from tests.reporters.html_checks import (
    IMAGE,
    PAYLOADS,
    SCRIPT,
    assert_nothing_injected,
    parse,
    write_batch_inputs,
)


def _dashboard(tmp_path: Path, name: str, **options: object) -> tuple[Path, str]:
    out = tmp_path / name
    outcome = run_batch(
        [str(tmp_path / "in")], str(RULES_DIR), out_dir=str(out), summary_format="html", **options
    )
    assert outcome.summary_files == (str(out / "summary.html"),)
    return out, (out / "summary.html").read_text(encoding="utf-8")


@pytest.fixture
def batch_inputs(tmp_path: Path) -> Path:
    return write_batch_inputs(tmp_path / "in")


def _table(html: str, table_id: str) -> str:
    start = html.index(f'<table id="{table_id}">')
    return html[start : html.index("</table>", start)]


def test_markup_in_names_files_and_reasons_is_text(batch_inputs: Path, tmp_path: Path) -> None:
    _, html = _dashboard(tmp_path, "out", report_format="html", jobs=1)
    parsed = parse(html)
    assert_nothing_injected(parsed, scripts=1)
    for payload in PAYLOADS:
        assert payload in parsed.text
    assert f"{SCRIPT} Ủy ban {IMAGE}" in parsed.text  # agency name, in ranking and matrix
    assert f"z{IMAGE}.yaml" in parsed.text  # an unreadable file's name
    assert f"'{SCRIPT}'" in parsed.text  # its reason quotes the unknown key
    assert html.count("<script>") == 1
    assert f"<script>{DASHBOARD_JS}</script>" in html


def test_the_policy_admits_exactly_the_inline_script(batch_inputs: Path, tmp_path: Path) -> None:
    _, html = _dashboard(tmp_path, "out", jobs=1)
    policy = next(m["content"] for m in parse(html).named("meta") if m.get("http-equiv"))
    assert policy is not None and "default-src 'none'" in policy
    digest = base64.b64encode(hashlib.sha256(DASHBOARD_JS.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in policy
    for reference in ("http:", "https:", "url(", "@import"):
        assert reference not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_links_lead_to_each_agencys_own_report(batch_inputs: Path, tmp_path: Path) -> None:
    out, html = _dashboard(tmp_path, "out", report_format="html", jobs=1)
    links = [a["href"] or "" for a in parse(_table(html, "ranking-table")).named("a")]
    assert len(links) == 10  # nine examples and the hostile one; unreadable files have none
    for href in links:
        target = out / unquote(href)
        assert target.is_file() and target.suffix == ".html"
        assert target.resolve().is_relative_to(out.resolve())
    dak_ha = next(h for h in links if "dak-ha" in h)
    assert "Ủy ban nhân dân huyện Đăk Hà" in (out / unquote(dak_ha)).read_text(encoding="utf-8")


def test_rankings_go_worst_first(batch_inputs: Path, tmp_path: Path) -> None:
    _, html = _dashboard(tmp_path, "out", jobs=1, lang="en")
    scores = [
        float(s) for s in re.findall(r'class="num sc-\w*">([\d.]+)<', _table(html, "ranking-table"))
    ]
    assert len(scores) == 10 and scores == sorted(scores) and scores[0] < scores[-1]
    obligations = html[
        html.index('<section id="by_obligation">') : html.index('<section id="by_province">')
    ]
    rates = [float(r) for r in re.findall(r"<td class=num>([\d.]+)%</td>", obligations)]
    assert rates == sorted(rates) and rates[0] < rates[-1]
    assert "Disseminate party lines and law on cyber security" in obligations  # titles shown
    assert obligations.count("<rect ") == len(rates)  # one bar per obligation


def test_province_roll_up_adds_up(batch_inputs: Path, tmp_path: Path) -> None:
    _, html = _dashboard(tmp_path, "out", jobs=1, lang="en")
    section = html[html.index('<section id="by_province">') : html.index('<div id="filters"')]
    agencies = re.findall(r"<tr><td>([^<]+)</td><td class=num>(\d+)</td>", section)
    assert dict(agencies) == {
        "Bac Kan province": "1",
        "Kon Tum province": "7",
        "National": "1",
        "Soc Trang province": "1",
    }
    options = re.findall(r'<option value="([a-z-]+)">', html[html.index('id="f-province"') :])
    assert options[:4] == ["bac-kan", "kon-tum", "national", "soc-trang"]


def test_unreadable_files_are_listed_with_reasons(batch_inputs: Path, tmp_path: Path) -> None:
    _, html = _dashboard(tmp_path, "out", jobs=1, lang="en")
    section = parse(html[html.index('<section id="unreadable_files">') :]).text
    assert "hong.yaml:2:1" in section and "YAML syntax error" in section
    assert "missing required field 'obligations'" in section


def test_same_inputs_same_dashboard_whatever_the_jobs(batch_inputs: Path, tmp_path: Path) -> None:
    _, one = _dashboard(tmp_path, "one", jobs=1, report_format="html")
    _, two = _dashboard(tmp_path, "two", jobs=2, report_format="html")
    assert one == two


def test_json_reports_are_linked_too(batch_inputs: Path, tmp_path: Path) -> None:
    out, html = _dashboard(tmp_path, "out", jobs=1)
    links = [a["href"] or "" for a in parse(_table(html, "ranking-table")).named("a")]
    assert links and all(
        href.endswith(".json") and (out / unquote(href)).is_file() for href in links
    )


def test_the_command_line_writes_the_dashboard(batch_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    options = ["--summary", "html", "--format", "html", "--lang", "en", "--jobs", "1"]
    result = CliRunner().invoke(cli, ["batch", str(batch_inputs), "--out", str(out), *options])
    assert result.exit_code == 2, result.output  # two files could not be read
    assert f"→ {out / 'summary.html'}" in result.output
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert (
        html.startswith('<!DOCTYPE html>\n<!-- written by ruleset -->\n<html lang="en">')
        and "Agency × obligation" in html
    )
    assert len([p for p in out.rglob("*.html") if p.name != "summary.html"]) == 10
