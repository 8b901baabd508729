"""An unreadable submission still gives the JSON or HTML reader a document, with exit 2."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from ruleset.cli import cli


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "schema_version: 1\nagency: {id: x}\nsubmited: <script>alert(1)</script>\n", "utf-8"
    )
    return path


def test_json_format_gives_a_machine_readable_error_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(_broken(tmp_path)), "--format", "json", "--lang", "en"]
    )
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["format"] == "ruleset/input-error@1" and document["exit_code"] == 2
    unknown = next(p for p in document["problems"] if "submited" in p["messages"]["en"])
    assert unknown["line"] == 3 and unknown["column"] == 1
    assert unknown["message"] == unknown["messages"]["en"] and "khóa" in unknown["messages"]["vi"]
    assert "did you mean 'submitted'" in unknown["hint"]["en"]
    assert "unknown key 'submited'" in result.stderr  # people still read the message


def test_html_format_gives_an_escaped_error_page(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(_broken(tmp_path)), "--format", "html"])
    assert result.exit_code == 2
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and "Không đọc được bản tự đánh giá" in page

    found: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            found.append(tag)

    Tags().feed(page)
    assert "script" not in found and "ul" in found


def test_text_format_prints_nothing_on_stdout(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(_broken(tmp_path))])
    assert result.exit_code == 2 and result.stdout == ""
