"""``ruleset diff --against``: scores as well as statuses, totals per rule change and per agency
kind, grouped rather than repeated per file, in both languages, text, Markdown and JSON.

The fixture set: five submissions of four agencies of two kinds, copied from the examples.
``so-ban-nganh``: Sở Nội vụ twice (a resubmission: two submissions, one agency), Sở TTTT;
``ubnd-huyen``: Đăk Hà and a copy of it as Sa Thầy. Every figure below is counted by hand from
the severity weights (low 1, medium 2, high 3, critical 4) and credits (met 1, partially met 0.5).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ruleset.cli import cli
from ruleset.diffing import compare_rule_sets, impact, summarise
from ruleset.diffing.render import DIFF_FORMAT
from ruleset.diffing.render_impact import impact_lines
from ruleset.rules.load import load_rule_set
from ruleset.text import Lang
from tests.conftest import EXAMPLES_DIR, RULES_DIR


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _new_rules(root: Path, *, stricter_check: bool) -> Path:
    """3855/UBND-KGVX:1 raised from medium to critical; with ``stricter_check``, 286-CV/TU:1.1.b
    also asks for two rebuttals instead of one. Version 0.4.0: the bump is enough (exit 0)."""
    rules = root / "new-rules"
    shutil.copytree(RULES_DIR, rules)
    _edit(
        rules / "catalogue/3855-UBND-KGVX/1.yaml", "\nseverity: medium\n", "\nseverity: critical\n"
    )
    if stricter_check:
        rebuttal = (
            "values: [rebuttal, publication]\n        - date_in_period:\n            path: date\n"
        )
        rebuttal += "        - about: [countering-hostile-information]\n      at_least: "
        _edit(rules / "catalogue/286-CV-TU/1.1.b.yaml", rebuttal + "1", rebuttal + "2")
    _edit(rules / "ruleset.yaml", "version: 0.3.0", "version: 0.4.0")
    return rules


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subs = tmp_path / "subs"
    subs.mkdir()
    shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", subs / "noi-vu.yaml")
    shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", subs / "noi-vu-resubmitted.yaml")
    shutil.copy(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml", subs / "so-tttt.yaml")
    shutil.copy(EXAMPLES_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.yaml", subs / "dak-ha.yaml")
    sa_thay = subs / "sa-thay.yaml"
    shutil.copy(EXAMPLES_DIR / "kontum-ubnd-huyen-dak-ha-2021q4.yaml", sa_thay)
    _edit(sa_thay, "id: kt-ubnd-dak-ha", "id: kt-ubnd-sa-thay")
    _edit(sa_thay, "name: Ủy ban nhân dân huyện Đăk Hà", "name: Ủy ban nhân dân huyện Sa Thầy")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _diff(rules: Path, *options: str, against: tuple[str, ...] = ("subs",)) -> tuple[int, str]:
    sources = [arg for path in against for arg in ("--against", path)]
    result = CliRunner().invoke(cli, ["diff", str(RULES_DIR), str(rules), *sources, *options])
    return result.exit_code, result.output


def _impact(rules: Path) -> dict:  # type: ignore[type-arg]
    code, output = _diff(rules, "--format", "json")
    assert code == 0, output
    payload = json.loads(output)
    assert payload["format"] == DIFF_FORMAT
    return payload["impact"]  # type: ignore[no-any-return]


def test_a_severity_change_moves_scores_without_any_status_change(workdir: Path) -> None:
    rules = _new_rules(workdir, stricter_check=False)
    impact = _impact(rules)
    assert impact["status_changed"] == {"submissions": 0, "agencies": 0}
    # Sở TTTT: weights 25 → 27, credit 11: 44.0 → 40.7; Đăk Hà and Sa Thầy: weights 13 → 15,
    # credit 2.5: 19.2 → 16.7; Sở Nội vụ meets the obligation and everything else: 100 stays.
    assert impact["score_changed"] == {"submissions": 3, "agencies": 3}
    scores = {s["file"]: (s["score"]["old"], s["score"]["new"]) for s in impact["submissions"]}
    assert scores == {
        "subs/dak-ha.yaml": (19.2, 16.7),
        "subs/noi-vu-resubmitted.yaml": (100.0, 100.0),
        "subs/noi-vu.yaml": (100.0, 100.0),
        "subs/sa-thay.yaml": (19.2, 16.7),
        "subs/so-tttt.yaml": (44.0, 40.7),
    }
    code, english = _diff(rules, "--lang", "en")
    assert code == 0
    assert "Score changes: 3 submissions (3 agencies); status changes: none." in english
    assert (
        "  Sở Thông tin và Truyền thông tỉnh Kon Tum (kt-so-tttt), subs/so-tttt.yaml: "
        "score 44.0 → 40.7, no status change\n"
        "    3855/UBND-KGVX:1: Missing; severity medium → critical (this change alone: -3.3)\n"
    ) in english
    assert "No status changes" not in english
    _, vietnamese = _diff(rules, "--lang", "vi")
    assert "Điểm thay đổi: 3 bản (3 cơ quan); kết quả thay đổi: không bản nào." in vietnamese
    assert "điểm 44.0 → 40.7, không kết quả nào thay đổi" in vietnamese
    assert "3855/UBND-KGVX:1: chặt hơn\n    mức độ trung bình → nghiêm trọng\n" in vietnamese
    assert "cần tăng: số phụ; manifest đã tăng: số phụ (đủ)" in vietnamese
    english_words = ("Missing", "score", "severity", "submission", "stricter", "bump", "none")
    assert not [word for word in english_words if word in vietnamese]


EXPECTED_EN = """\
## Impact on 5 submissions of 4 agencies

Score changes: 5 submissions (4 agencies); status changes: 2 submissions (1 agency).

### By rule change
- 286-CV/TU:1.1.b: stricter; lowers the score: 2 submissions (1 agency)
  - Met → Partially met: 2 submissions (1 agency)
- 3855/UBND-KGVX:1: stricter; lowers the score: 3 submissions (3 agencies)
  - Not met; severity medium → critical: 2 submissions (2 agencies)
  - Missing; severity medium → critical: 1 submission (1 agency)

### By agency kind
- so-ban-nganh: Provincial department or agency — 2 agencies, 3 submissions; status changes in 1 agency, score changes in 2 agencies; mean score 81.3 → 77.8
- ubnd-huyen: District or city people's committee — 2 agencies, 2 submissions; status changes in 0 agencies, score changes in 2 agencies; mean score 19.2 → 16.7

### By agency (largest fall first)
- Sở Nội vụ tỉnh Kon Tum (kt-so-noi-vu), subs/noi-vu-resubmitted.yaml: score 100.0 → 96.3
  - 286-CV/TU:1.1.b: Met → Partially met (this change alone: -4.0)
- Sở Nội vụ tỉnh Kon Tum (kt-so-noi-vu), subs/noi-vu.yaml: score 100.0 → 96.3
  - 286-CV/TU:1.1.b: Met → Partially met (this change alone: -4.0)
- Sở Thông tin và Truyền thông tỉnh Kon Tum (kt-so-tttt), subs/so-tttt.yaml: score 44.0 → 40.7, no status change
  - 3855/UBND-KGVX:1: Missing; severity medium → critical (this change alone: -3.3)
- Ủy ban nhân dân huyện Sa Thầy (kt-ubnd-sa-thay), subs/sa-thay.yaml: score 19.2 → 16.7, no status change
  - 3855/UBND-KGVX:1: Not met; severity medium → critical (this change alone: -2.5)
- Ủy ban nhân dân huyện Đăk Hà (kt-ubnd-dak-ha), subs/dak-ha.yaml: score 19.2 → 16.7, no status change
  - 3855/UBND-KGVX:1: Not met; severity medium → critical (this change alone: -2.5)
"""


def test_totals_per_change_and_per_kind_are_the_hand_counted_ones(workdir: Path) -> None:
    rules = _new_rules(workdir, stricter_check=True)
    impact = _impact(rules)
    assert impact["read"] == {"submissions": 5, "agencies": 4}
    assert impact["unreadable"] == 0
    assert impact["score_changed"] == {"submissions": 5, "agencies": 4}
    assert impact["status_changed"] == {"submissions": 2, "agencies": 1}  # Sở Nội vụ, twice
    none = {"submissions": 0, "agencies": 0}
    met, partly = (
        {"status": "met", "severity": "medium"},
        {"status": "partially_met", "severity": "medium"},
    )
    not_met = [{"status": "not_met", "severity": s} for s in ("medium", "critical")]
    missing = [{"status": "missing", "severity": s} for s in ("medium", "critical")]
    assert impact["changes"] == [
        {
            "rule_id": "286-CV/TU:1.1.b",
            "classes": ["stricter"],
            "moves": {"down": {"submissions": 2, "agencies": 1}, "up": none, "level": none},
            "transitions": [{"old": met, "new": partly, "submissions": 2, "agencies": 1}],
        },
        {
            # Sở Nội vụ meets it: alone, its heavier weight leaves 100 at 100, so it is not moved.
            "rule_id": "3855/UBND-KGVX:1",
            "classes": ["stricter"],
            "moves": {"down": {"submissions": 3, "agencies": 3}, "up": none, "level": none},
            "transitions": [
                {"old": not_met[0], "new": not_met[1], "submissions": 2, "agencies": 2},
                {"old": missing[0], "new": missing[1], "submissions": 1, "agencies": 1},
            ],
        },
    ]
    # so-ban-nganh: (100 + 100 + 44.0) / 3 = 81.3; Sở Nội vụ with both changes: weights 27,
    # credit 26, 96.3; (96.3 + 96.3 + 40.7) / 3 = 77.8.
    kinds = {k["kind"]: k for k in impact["kinds"]}
    assert list(kinds) == ["so-ban-nganh", "ubnd-huyen"]
    assert {key: kinds["so-ban-nganh"][key] for key in kinds["so-ban-nganh"] if key != "name"} == {
        "kind": "so-ban-nganh",
        "agencies": 2,
        "submissions": 3,
        "status_changed": 1,
        "score_changed": 2,
        "mean_score": {"old": 81.3, "new": 77.8},
    }
    assert kinds["ubnd-huyen"]["mean_score"] == {"old": 19.2, "new": 16.7}
    assert (kinds["ubnd-huyen"]["status_changed"], kinds["ubnd-huyen"]["score_changed"]) == (0, 2)
    assert kinds["ubnd-huyen"]["name"]["vi"] == "UBND huyện, thành phố"
    code, markdown = _diff(rules, "--lang", "en", "--format", "markdown")
    assert code == 0
    assert markdown.endswith("\n" + EXPECTED_EN), markdown
    assert markdown.count("Met → Partially met") == 3  # once grouped, once per agency


def test_both_languages_when_none_is_chosen_each_line_keeps_its_lead_once(workdir: Path) -> None:
    rules = _new_rules(workdir, stricter_check=True)
    _, both = _diff(rules)
    assert (
        "  3855/UBND-KGVX:1: chặt hơn; hạ điểm: 3 bản (3 cơ quan) / "
        "stricter; lowers the score: 3 submissions (3 agencies)\n"
    ) in both
    assert (
        "    Không đạt; mức độ trung bình → nghiêm trọng: 2 bản (2 cơ quan) / "
        "Not met; severity medium → critical: 2 submissions (2 agencies)\n"
    ) in both
    assert "Theo loại cơ quan: / By agency kind:" in both
    assert both.count("subs/so-tttt.yaml") == 1


def test_order_is_fixed_whatever_order_the_files_come_in(workdir: Path) -> None:
    rules = _new_rules(workdir, stricter_check=True)
    files = sorted(str(p.relative_to(workdir)) for p in (workdir / "subs").iterdir())
    forward = _diff(rules, against=tuple(files))
    backward = _diff(rules, against=tuple(reversed(files)))
    assert forward == backward
    assert forward == _diff(rules)


def test_json_shape_and_unreadable_submissions(workdir: Path) -> None:
    rules = _new_rules(workdir, stricter_check=True)
    (workdir / "subs" / "broken.yaml").write_text("agency: [\n", encoding="utf-8")
    impact = _impact(rules)
    assert set(impact) == {
        "read",
        "unreadable",
        "score_changed",
        "status_changed",
        "changes",
        "kinds",
        "submissions",
    }
    assert impact["read"]["submissions"] == 5 and impact["unreadable"] == 1
    files = [s["file"] for s in impact["submissions"]]
    assert files == sorted(files) and len(files) == 6
    broken = impact["submissions"][0]
    assert broken["file"] == "subs/broken.yaml" and broken["agency"] is None
    assert broken["errors"]["old"] == broken["errors"]["new"]
    assert broken["errors"]["old"]["line"] == 2 and broken["errors"]["old"]["messages"]["vi"]
    so_tttt = next(s for s in impact["submissions"] if s["file"] == "subs/so-tttt.yaml")
    assert so_tttt == {
        "file": "subs/so-tttt.yaml",
        "agency": {
            "id": "kt-so-tttt",
            "name": "Sở Thông tin và Truyền thông tỉnh Kon Tum",
            "kind": "so-ban-nganh",
            "province": "kon-tum",
        },
        "score": {"old": 44.0, "new": 40.7},
        "score_changed": True,
        "status_changed": False,
        "moved": [
            {
                "rule_id": "3855/UBND-KGVX:1",
                "old": {"status": "missing", "severity": "medium"},
                "new": {"status": "missing", "severity": "critical"},
                "status_changed": False,
                "effect": -3.3,
            }
        ],
        "errors": {"old": None, "new": None},
    }
    _, text = _diff(rules, "--lang", "en")
    assert (
        "\nCould not be read:\n  subs/broken.yaml:2:1: under both rule sets: YAML syntax error"
        in text
    )


def test_many_agencies_are_listed_up_to_a_bound_and_the_totals_stay_complete(workdir: Path) -> None:
    old, new = (
        load_rule_set(str(RULES_DIR)),
        load_rule_set(str(_new_rules(workdir, stricter_check=True))),
    )
    files = sorted(str(p.relative_to(workdir)) for p in (workdir / "subs").iterdir())
    result = summarise(compare_rule_sets(old, new), impact(old, new, files), new.agency_kinds)
    lines = [
        line if isinstance(line, str) else line.get(Lang.EN)
        for line in impact_lines(result, False, 2)
    ]
    listed = [
        line for line in lines if line.startswith("  ") and "score" in line and "(kt-" in line
    ]
    assert [line.split(", ")[1].split(":")[0] for line in listed] == [
        "subs/noi-vu-resubmitted.yaml",
        "subs/noi-vu.yaml",
    ]
    assert lines[-1] == "  … and 3 more (--format json lists all)"
    assert "  3855/UBND-KGVX:1: stricter; lowers the score: 3 submissions (3 agencies)" in lines


def test_a_submission_only_the_old_rules_can_read_is_listed_with_why(workdir: Path) -> None:
    """Sở Nội vụ reports on 286-CV/TU:1.2; once that rule is gone its entry names no rule."""
    rules = _new_rules(workdir, stricter_check=False)
    (rules / "catalogue/286-CV-TU/1.2.yaml").unlink()
    code, english = _diff(rules, "--lang", "en", against=("subs/noi-vu.yaml", "subs/dak-ha.yaml"))
    assert code == 0, english
    assert "Impact on 1 submission of 1 agency; 1 more could not be read (below)\n" in english
    assert english.endswith(
        "Could not be read:\n"
        "  subs/noi-vu.yaml:73:3: under the new rules: no rule has id '286-CV/TU:1.2'\n"
    )
    impact = json.loads(_diff(rules, "--format", "json", against=("subs/noi-vu.yaml",))[1])[
        "impact"
    ]
    (noi_vu,) = impact["submissions"]
    assert noi_vu["agency"]["id"] == "kt-so-noi-vu"  # from the report the old rules made
    assert noi_vu["score"] == {"old": 100.0, "new": None} and noi_vu["moved"] == []
    assert noi_vu["errors"]["old"] is None and noi_vu["errors"]["new"]["line"] == 73
    assert impact["read"] == {"submissions": 0, "agencies": 0} and impact["kinds"] == []
