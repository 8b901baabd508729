"""``ruleset batch``: bad files never stop the others, zip input is read safely, results do not
depend on --jobs, an interrupted run leaves nothing half-written, and the summary adds up."""

from __future__ import annotations

import csv
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from ruleset.batch import run_batch
from ruleset.batch import work as batch_work
from ruleset.batch.paths import MARKER
from ruleset.cli import cli
from tests.batch.test_inputs import planned_reports
from tests.conftest import EXAMPLES_DIR, RULES_DIR
from tests.helpers import base_submission


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The shipped examples in two folders, plus one broken file among them."""
    root = tmp_path / "in"
    for index, example in enumerate(sorted(EXAMPLES_DIR.iterdir())):
        target = root / ("a" if index % 2 else "b") / example.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(example, target)
    (root / "b" / "hong.yaml").write_text("agency: [\n", encoding="utf-8")
    return root


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_a_broken_file_is_listed_and_the_others_are_reported(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = invoke("batch", str(corpus), "--out", str(out), "--jobs", "1")
    assert code == 2
    assert "hong.yaml:2:1" in output and "YAML" in output
    examples = len(list(EXAMPLES_DIR.iterdir()))
    reports = sorted(p for p in out.rglob("*.json") if p.name != "summary.json")
    assert len(reports) == examples
    assert (out / "a").is_dir() and (out / "b").is_dir()  # input layout mirrored
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["totals"]["files"] == examples + 1
    assert summary["totals"]["unreadable"] == 1
    assert summary["unreadable"][0]["file"].endswith("hong.yaml")


def test_exit_code_is_one_when_only_gaps(corpus: Path) -> None:
    (corpus / "b" / "hong.yaml").unlink()
    assert invoke("batch", str(corpus), "--jobs", "1", "--quiet")[0] == 1
    compliant = next(corpus.rglob("kontum-so-noi-vu-2021q4.yaml"))
    assert invoke("batch", str(compliant), "--quiet")[0] == 0


def test_summaries_and_reports_do_not_depend_on_jobs(corpus: Path, tmp_path: Path) -> None:
    for fmt in ("json", "csv", "markdown"):
        outs = []
        for jobs in ("1", "2"):
            out = tmp_path / f"out-{fmt}-{jobs}"
            invoke(
                "batch", str(corpus), "--out", str(out), "--jobs", jobs, "--summary", fmt, "--quiet"
            )
            outs.append(
                {
                    str(p.relative_to(out)): p.read_bytes()
                    for p in sorted(out.rglob("*"))
                    if p.is_file()
                }
            )
        assert outs[0] == outs[1]
        assert len(outs[0]) > 5


def test_zip_input_reads_members_and_refuses_unsafe_ones(tmp_path: Path) -> None:
    archive = tmp_path / "nop.zip"
    good = (EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml").read_bytes()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("quy4/so-noi-vu.yaml", good)
        zf.writestr("../escape.yaml", good)
        zf.writestr("bomb.yaml", b"a: " + b"x" * 2_000_000)
    out = tmp_path / "out"
    code, output = invoke("batch", str(archive), "--out", str(out), "--jobs", "1")
    assert code == 2
    assert (out / "nop" / "quy4" / "so-noi-vu.yaml.json").is_file()
    assert "../escape.yaml" in output and "unsafe path" in output
    assert "bomb.yaml" in output and "compression ratio" in output
    assert not (tmp_path / "escape.yaml.json").exists() and not list(tmp_path.glob("escape*"))


def test_links_leading_outside_the_tree_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    root.mkdir()
    outside = tmp_path / "secret.yaml"
    shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", outside)
    os.symlink(outside, root / "link.yaml")
    shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", root / "real.yaml")
    outcome = run_batch([str(root)], str(RULES_DIR), out_dir=str(tmp_path / "out"))
    assert outcome.done == 1 and outcome.exit_code == 2
    assert "link leads outside" in outcome.overview


def test_an_interrupted_run_leaves_no_partial_report(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    def interrupt(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    outcome = run_batch([str(corpus)], str(RULES_DIR), out_dir=str(out), progress=interrupt)
    assert outcome.exit_code == 130 and outcome.done == 3
    assert f"after 3 of {outcome.total} files" in outcome.overview
    files = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.endswith(".tmp")]
    assert len([p for p in files if p.name not in ("summary.json", MARKER)]) <= 3
    assert not (out / "summary.json").exists()


def test_an_interrupt_during_a_write_leaves_no_temporary(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # the first is the --out marker, the second the first report
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    out = tmp_path / "out"
    outcome = run_batch([str(corpus)], str(RULES_DIR), out_dir=str(out))
    assert outcome.exit_code == 130 and outcome.done == 1
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def _dying_chunk(items: list[Any]) -> list[Any]:
    if any("kontum-so-noi-vu" in item.display for item in items):
        os._exit(9)  # a worker killed mid-run
    return batch_work.check_chunk(items)


def test_a_killed_worker_stops_the_run_cleanly(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ruleset.batch.run.check_chunk", _dying_chunk)
    out = tmp_path / "out"
    outcome = run_batch([str(corpus)], str(RULES_DIR), out_dir=str(out), jobs=2)
    assert outcome.stopped == "worker died" and outcome.exit_code == 2
    assert outcome.done < outcome.total
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_summary_numbers_match_a_hand_count(tmp_path: Path) -> None:
    root = tmp_path / "in"
    activity = {
        "kind": "briefing",
        "date": "2021-10-20",
        "title": "Quán triệt",
        "cites": ["874/QĐ-BTTTT", "24/2018/QH14"],  # 286-CV/TU:1.1 names both subjects
    }
    met = {"status": "done", "evidence": {"activities": [activity]}}
    not_done = {"status": "not_done", "reason": "chưa"}
    sub1 = base_submission(**{"286-CV/TU:1.1": met})
    sub2 = base_submission(**{"286-CV/TU:1.1": not_done})
    sub2["agency"] = dict(sub2["agency"], id="a2", name="Sở Y tế")
    sub3 = base_submission(
        **{
            "286-CV/TU:1.1": met,
            "286-CV/TU:1.1.c": {"status": "done", "figures": {"staff_harmful_shares": 0}},
        }
    )
    sub3["agency"] = dict(sub3["agency"], id="a3", name="Sở Tư pháp")
    for name, data in (("1.yaml", sub1), ("2.yaml", sub2), ("3.yaml", sub3)):
        _write(root / name, data)
    out = tmp_path / "out"
    outcome = run_batch(
        [str(root)], str(RULES_DIR), out_dir=str(out), summary_format="csv", lang="en"
    )
    assert outcome.exit_code == 1
    assert (out / "summary.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    obligations = {
        row["Obligation"]: row
        for row in csv.DictReader((out / "summary-obligations.csv").open(encoding="utf-8-sig"))
    }
    # 286-CV/TU:1.1 met in 1 and 3, not met in 2 -> 2 of 3
    assert (obligations["286-CV/TU:1.1"]["Met"], obligations["286-CV/TU:1.1"]["Not met"]) == (
        "2",
        "1",
    )
    assert obligations["286-CV/TU:1.1"]["Compliance"] == "66.7"
    # 1.1.c reported only by 3 -> 1 met, 2 missing -> 33.3%
    assert (obligations["286-CV/TU:1.1.c"]["Met"], obligations["286-CV/TU:1.1.c"]["Missing"]) == (
        "1",
        "2",
    )
    assert obligations["286-CV/TU:1.1.c"]["Compliance"] == "33.3"
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8-sig")))
    assert [r["Agency id"] for r in rows] == ["a1", "a2", "a3"]
    assert rows[1]["286-CV/TU:1.1"] == "Not met" and rows[2]["286-CV/TU:1.1.c"] == "Met"
    assert rows[0]["2575-CV/TU:1.1"] == ""  # a Bắc Kạn rule does not bind a Kon Tum department
    assert all(float(r["Score"]) < 100 for r in rows)
    assert outcome.summary_files[0].endswith("summary.csv")


def test_glob_and_quiet(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml", tmp_path / "x.yaml")
    code, output = invoke("batch", str(tmp_path / "*.yaml"), "--quiet")
    assert code == 0 and output == ""
    code, output = invoke("batch", str(tmp_path / "nothing-*.yaml"))
    assert code == 2 and "matches nothing" in output


def test_an_archive_is_opened_once_however_many_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reopening the archive for each member read its whole directory each time: quadratic."""
    archive = tmp_path / "nhieu.zip"
    good = (EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml").read_bytes()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for index in range(300):
            zf.writestr(f"d/s{index}.yaml", good)
    opened: list[str] = []
    real_zipfile = zipfile.ZipFile

    def counting(path: Any, *args: Any, **kwargs: Any) -> zipfile.ZipFile:
        opened.append(str(path))
        return real_zipfile(path, *args, **kwargs)

    monkeypatch.setattr(zipfile, "ZipFile", counting)
    outcome = run_batch([str(archive)], str(RULES_DIR), jobs=1)
    assert outcome.done == 300 and outcome.exit_code == 0
    # Once to list the members, once to read them all, once to date them at the end (the 300 are
    # one agency's for one period, signed one day: the file written last counts).
    assert len(opened) == 3


def test_report_paths_are_unique_and_decided_in_input_order() -> None:
    relatives = ["x.yaml", "x.yaml.json/y.yaml", "s/m.yaml", "s/m.yaml", "summary", "x.yaml~1"]
    planned = planned_reports(relatives, ".json")
    assert planned == [
        "x.yaml~1.json",  # x.yaml.json is a folder another report needs
        "x.yaml.json/y.yaml.json",
        "s/m.yaml.json",
        "s/m.yaml~1.json",
        "summary~1.json",  # summary.json is the summary's
        "x.yaml~1~1.json",  # x.yaml~1.json was taken by the first
    ]
    assert len(set(planned)) == len(planned)
    assert planned_reports(relatives, ".json") == planned  # deterministic
