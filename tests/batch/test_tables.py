"""The inspector's summary: words in the chosen language, agencies by name worst first, CSV for
Excel, and a .zip inside a folder read like one named on the command line."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from ruleset.batch import run_batch
from tests.conftest import EXAMPLES_DIR, RULES_DIR

GOOD = "kontum-so-noi-vu-2021q4.yaml"  # compliant
GAPS = "kontum-ubnd-huyen-dak-ha-2021q4.yaml"  # several gaps


def _inputs(root: Path) -> Path:
    root.mkdir()
    shutil.copy(EXAMPLES_DIR / GOOD, root / "a.yaml")
    with zipfile.ZipFile(root / "nested.zip", "w") as archive:
        archive.write(EXAMPLES_DIR / GAPS, "dak-ha.yaml")
    return root


def test_a_zip_inside_a_folder_is_checked_and_its_reports_mirror_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    outcome = run_batch([str(_inputs(tmp_path / "in"))], str(RULES_DIR), out_dir=str(out))
    assert outcome.total == 2
    assert (out / "nested" / "dak-ha.yaml.json").is_file() and (out / "a.yaml.json").is_file()


def test_the_overview_speaks_the_chosen_language_and_ranks_agencies(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    english = run_batch([str(inputs)], str(RULES_DIR), lang="en").overview
    vietnamese = run_batch([str(inputs)], str(RULES_DIR), lang="vi").overview
    assert "Batch summary" in english and "Agencies, lowest score first" in english
    assert "Tổng hợp rà soát" in vietnamese and "Batch summary" not in vietnamese
    assert "Not met" in english and "Không đạt" in vietnamese
    worst, best = english.index("Đăk Hà"), english.index("Sở Nội vụ")
    assert worst < best, "the agency with the lower score comes first"


def test_markdown_lists_agencies_by_name_worst_first(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(
        [str(_inputs(tmp_path / "in"))], str(RULES_DIR), out_dir=str(out), summary_format="markdown"
    )
    text = (out / "summary.md").read_text(encoding="utf-8")
    matrix = text[text.index("## Ma trận") :]
    assert matrix.index("Đăk Hà") < matrix.index("Sở Nội vụ")


def test_layout_of_reports_does_not_depend_on_how_many_paths_were_given(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(EXAMPLES_DIR / GOOD, other / "b.yaml")
    alone, together = tmp_path / "alone", tmp_path / "together"
    run_batch([str(inputs)], str(RULES_DIR), out_dir=str(alone))
    run_batch([str(inputs), str(other)], str(RULES_DIR), out_dir=str(together))
    assert (alone / "a.yaml.json").is_file() and (together / "a.yaml.json").is_file()
    assert (together / "b.yaml.json").is_file()


def test_the_same_agency_and_period_twice_counts_the_later_submission(tmp_path: Path) -> None:
    """An agency that re-sends its self-assessment is counted once: the later one (by submitted)."""
    root = tmp_path / "in"
    root.mkdir()
    text = (EXAMPLES_DIR / GAPS).read_text(encoding="utf-8")
    assert "submitted: 2022-01-12" in text
    (root / "1-first.yaml").write_text(text, encoding="utf-8")
    fixed = (
        (EXAMPLES_DIR / GAPS)
        .read_text(encoding="utf-8")
        .replace("submitted: 2022-01-12", "submitted: 2022-01-20")
    )
    (root / "0-resent.yaml").write_text(fixed, encoding="utf-8")
    out = tmp_path / "out"
    outcome = run_batch([str(root)], str(RULES_DIR), out_dir=str(out), lang="en")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["files"] == 2
    assert summary["totals"]["checked"] == 1 and summary["totals"]["skipped"] == 1
    assert [row["file"] for row in summary["agencies"]] == [str(root / "0-resent.yaml")]
    (skipped,) = summary["skipped"]
    assert skipped["file"] == str(root / "1-first.yaml") and "superseded" in skipped["skipped"]
    assert "0-resent.yaml" in skipped["skipped"]
    judged = {o["rule_id"]: o["judged"] for o in summary["obligations"]}
    assert max(judged.values()) == 1, "the superseded submission adds nothing to the counts"
    assert "superseded" in outcome.overview


@pytest.mark.parametrize("newer", ["0-a.yaml", "1-b.yaml"])
def test_two_submissions_signed_the_same_day_count_the_file_written_later(
    tmp_path: Path, newer: str
) -> None:
    """Signed the same day: the file written later counts, whichever comes first in the batch
    (the file times are read only for such a tie)."""
    root = tmp_path / "in"
    root.mkdir()
    for index, name in enumerate(("0-a.yaml", "1-b.yaml")):
        shutil.copy(EXAMPLES_DIR / GAPS, root / name)
        stamp = 1_700_000_000 + (10_000 if name == newer else 0) + index
        os.utime(root / name, (stamp, stamp))
    out = tmp_path / "out"
    run_batch([str(root)], str(RULES_DIR), out_dir=str(out), lang="en", jobs=1)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [row["file"] for row in summary["agencies"]] == [str(root / newer)]
    (skipped,) = summary["skipped"]
    assert skipped["file"] != str(root / newer) and newer in skipped["skipped"]


def test_two_submissions_signed_and_written_alike_count_the_later_in_the_batch(
    tmp_path: Path,
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for name in ("0-a.yaml", "1-b.yaml"):
        shutil.copy(EXAMPLES_DIR / GAPS, root / name)
        os.utime(root / name, (1_700_000_000, 1_700_000_000))
    out = tmp_path / "out"
    run_batch([str(root)], str(RULES_DIR), out_dir=str(out), lang="en", jobs=1)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [row["file"] for row in summary["agencies"]] == [str(root / "1-b.yaml")]
