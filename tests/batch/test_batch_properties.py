"""A property over ``ruleset batch``: whatever mix of inputs (good, broken, archives with odd or
repeated members, links to files and to folders, odd names) and whatever --out, a batch never ends
in exit 70, never changes anything outside its --out, and its JSON summary lists every input once."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
import zipfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruleset.cli import cli
from tests.conftest import EXAMPLES_DIR
from tests.faults.test_faults import check_accounting, snapshot, temporaries

CONTENTS = {
    "good": (EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml").read_bytes(),
    "gaps": (EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml").read_bytes(),
    "broken": b"agency: [\n",
    "empty": b"",
    "not-utf8": b"agency: S\xe1\xff\n",
}
NAMES = [
    "a.yaml",
    "b.yml",
    "c.json",
    "a.yaml.json",
    "x~1.yaml",
    "bản sao.yaml",
    "Sở Nội vụ.yaml",  # NFC
    "So\u031b\u0309 Nội vụ.yaml",  # the same name typed with combining marks (NFD)
    "-dash.yaml",
    "sum#mary.yaml",
    os.fsdecode(b"\xff\xfe.yaml"),  # not UTF-8
]
FOLDERS = ["", "sub", "sub/deeper", "a.yaml.json"]

entry = st.one_of(
    st.tuples(
        st.just("file"),
        st.sampled_from(FOLDERS),
        st.sampled_from(NAMES),
        st.sampled_from(sorted(CONTENTS)),
    ),
    st.tuples(
        st.just("link"), st.sampled_from(FOLDERS), st.sampled_from(NAMES), st.integers(0, 20)
    ),
    st.tuples(
        st.just("loop"), st.sampled_from(FOLDERS), st.sampled_from(["loop", "again"]), st.just(0)
    ),
)
archive = st.lists(
    st.tuples(
        st.sampled_from(["m.yaml", "d/m.yaml", "n.json", "../up.yaml", "m.txt"]),
        st.sampled_from(sorted(CONTENTS)),
    ),
    max_size=4,
)
OUTS = ["fresh", "in-input", "is-input", "foreign", "ours-before"]


def _build(
    root: Path, entries: list[tuple[str, str, str, object]], archives: list[list[tuple[str, str]]]
) -> tuple[list[str], int]:
    """Lay the inputs out; returns the zip paths and how many distinct inputs there are."""
    source = root / "in"
    source.mkdir()
    files: list[Path] = []
    for kind, folder, name, what in entries:
        where = source / folder
        if where.exists() and not where.is_dir():
            continue
        where.mkdir(parents=True, exist_ok=True)
        path = where / name
        if os.path.lexists(path) or (path.exists() and path.is_dir()):
            continue
        if kind == "file":
            path.write_bytes(CONTENTS[str(what)])
            files.append(path)
        elif kind == "link" and files:
            os.symlink(files[int(str(what)) % len(files)], path)
        elif kind == "loop":
            os.symlink(source, path)
    zips = []
    members = 0
    for index, content in enumerate(archives):
        path = root / "zips" / f"z{index}.zip"
        path.parent.mkdir(exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as handle:
                for name, what in content:
                    handle.writestr(name, CONTENTS[what])
        members += sum(1 for name, _ in content if name.endswith((".yaml", ".yml", ".json")))
        zips.append(str(path))
    hidden_or_odd = {p for p in files if p.name.startswith(".")}
    distinct = {
        os.stat(p).st_ino
        for p in files
        if p not in hidden_or_odd and p.name.lower().endswith((".yaml", ".yml", ".json"))
    }
    return zips, len(distinct) + members


def _out(root: Path, choice: str) -> Path:
    if choice == "in-input":
        return root / "in" / "reports"
    if choice == "is-input":
        return root / "in"
    out = root / "out"
    if choice == "foreign":
        out.mkdir()
        (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    elif choice == "ours-before":
        assert (
            CliRunner()
            .invoke(
                cli,
                [
                    "batch",
                    str(EXAMPLES_DIR / "kontum-so-noi-vu-2021q4.yaml"),
                    "--out",
                    str(out),
                    "-q",
                ],
            )
            .exit_code
            == 0
        )
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(entry, max_size=10),
    archives=st.lists(archive, max_size=2),
    out_choice=st.sampled_from(OUTS),
    glob_too=st.booleans(),
)
def test_a_batch_accounts_for_everything_and_touches_nothing_else(
    entries: list[tuple[str, str, str, object]],
    archives: list[list[tuple[str, str]]],
    out_choice: str,
    glob_too: bool,
) -> None:
    root = Path(tempfile.mkdtemp(prefix="batch-property-"))
    try:
        zips, expected = _build(root, entries, archives)
        out = _out(root, out_choice)
        before = snapshot(root, (root / "out",))
        paths = [str(root / "in"), *zips] + (
            [str(root / "in" / "**" / "*.yaml")] if glob_too else []
        )
        result = CliRunner().invoke(cli, ["batch", *paths, "--out", str(out), "--jobs", "1", "-q"])
        assert result.exit_code in (0, 1, 2), result.output
        assert "Traceback" not in result.output
        after = snapshot(root, (root / "out",))
        assert after == before, "something outside --out changed"
        assert not temporaries(root)
        if out_choice in ("in-input", "is-input", "foreign"):
            assert result.exit_code == 2 and not (out / "summary.json").exists()
            return
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        check_accounting(summary)
        totals = summary["totals"]
        empty_glob = sum(1 for row in summary["unreadable"] if "matches nothing" in row["error"])
        assert empty_glob <= int(glob_too)  # a pattern that matches nothing is listed, once
        # Copies of one agency's report in one period count once; the others are listed, superseded.
        superseded = sum(1 for row in summary["skipped"] if "superseded" in row["skipped"])
        assert totals["checked"] + superseded + totals["unreadable"] - empty_glob == expected, (
            summary
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
