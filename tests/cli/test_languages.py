"""Errors speak the language the user chose: --lang en is English only, --lang vi Vietnamese only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from tests.conftest import EXAMPLES_DIR

VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
ENGLISH = re.compile(r"\b(expected|unknown|invalid|found|missing|must|the|did you mean)\b", re.I)


def _broken(tmp_path: Path) -> Path:
    """A submission with a misspelt key, a negative count, a wrong type and an unknown rule."""
    text = (EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml").read_text(encoding="utf-8")
    text = text.replace("submitted:", "submited:", 1)
    text = re.sub(r"participants: \d+", "participants: -3", text, count=1)
    text = text.replace("schema_version: 1", "schema_version: one", 1)
    text = re.sub(r"(?m)^(  name: ).*$", r"\1[1, 2]", text, count=1)
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _stderr(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stderr


def test_the_broken_file_has_several_kinds_of_error(tmp_path: Path) -> None:
    code, err = _stderr("check", str(_broken(tmp_path)), "--lang", "en")
    assert code == 2
    assert "unknown key 'submited'" in err and "did you mean 'submitted'" in err
    assert "must be at least 0" in err and "wrong type" in err and "must be 1" in err


def test_english_errors_carry_no_vietnamese(tmp_path: Path) -> None:
    _, err = _stderr("check", str(_broken(tmp_path)), "--lang", "en")
    assert not VIETNAMESE.search(err), err


def test_vietnamese_errors_carry_no_english(tmp_path: Path) -> None:
    _, err = _stderr("check", str(_broken(tmp_path)), "--lang", "vi")
    assert "khóa không hợp lệ 'submited'" in err and "có phải là 'submitted'" in err
    assert not ENGLISH.search(err), err


def test_without_a_language_errors_come_in_both(tmp_path: Path) -> None:
    _, err = _stderr("check", str(_broken(tmp_path)))
    assert "khóa không hợp lệ 'submited' / unknown key 'submited'" in err


@pytest.mark.parametrize(
    ("args", "english"),
    [
        (
            (
                "template",
                "--agency-kind",
                "nope",
                "--province",
                "kon-tum",
                "--period-start",
                "2021-01-01",
                "--period-end",
                "2021-03-31",
            ),
            "unknown agency kind 'nope'",
        ),
        (("rules", "show", "286-CV/TU:9"), "no rule with id '286-CV/TU:9'"),
    ],
)
def test_every_command_honours_lang_for_errors(args: tuple[str, ...], english: str) -> None:
    code, err = _stderr(*args, "--lang", "en")
    assert code == 2 and english in err and not VIETNAMESE.search(err)


def test_a_yaml_syntax_error_in_vietnamese_carries_no_libyaml_english(tmp_path: Path) -> None:
    path = tmp_path / "hong.yaml"
    path.write_text("period: {start: 2021-10-01, end: 2021-12-31\nsubmitted: 2022-01-01\n", "utf-8")
    code, err = _stderr("check", str(path), "--lang", "vi")
    assert code == 2 and "hong.yaml:2:" in err and "lỗi cú pháp YAML" in err
    assert not ENGLISH.search(err) and "while parsing" not in err, err
