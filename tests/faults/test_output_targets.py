"""``ruleset.output``: what counts as ours, what is a stream, and what is refused."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import load_submission
from ruleset.output import is_report, never, target_kind, write_output
from ruleset.reporters import REPORTERS, render
from ruleset.reporters.json_report import render_json_compact
from ruleset.rules.ruleset import RuleSet
from tests.conftest import EXAMPLES_DIR


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_report_we_write_is_recognised_as_ours(
    rule_set: RuleSet, fmt: str, lang: str
) -> None:
    """If a reporter changes how a report begins, this fails: update REPORT_HEADS with it."""
    submission = load_submission(str(EXAMPLES_DIR / "kontum-so-tttt-2021q4.yaml"), rule_set)
    report = check_submission(rule_set, submission)
    assert is_report(render(report, fmt, lang, False).encode("utf-8")[:512])
    assert is_report(render_json_compact(report, lang)[:512])


@pytest.mark.parametrize(
    "head",
    [b"", b"schema_version: 1\n", b'{"format": "other"}', "# Ghi chú của tôi\n".encode()],
)
def test_other_content_is_not_ours(head: bytes) -> None:
    assert not is_report(head)


def test_kinds_of_target(tmp_path: Path) -> None:
    assert target_kind(str(tmp_path / "new.txt"), is_report) == "new"
    assert target_kind("/dev/null", is_report) == "stream"
    assert target_kind("/dev/stdout", is_report) == "stream"
    os.mkfifo(tmp_path / "pipe")
    assert target_kind(str(tmp_path / "pipe"), is_report) == "stream"
    with pytest.raises(InputError, match="not a regular file"):
        target_kind(str(tmp_path / "pipe"), is_report, streams=False)
    ours = tmp_path / "old.txt"
    ours.write_text("Self-assessment gap report: x\n", encoding="utf-8")
    assert target_kind(str(ours), is_report) == "replace"
    with pytest.raises(InputError, match="was not written by ruleset"):
        target_kind(str(ours), never)
    os.symlink(ours, tmp_path / "link.txt")
    with pytest.raises(InputError, match="symbolic link"):
        target_kind(str(tmp_path / "link.txt"), is_report)
    with pytest.raises(InputError, match="is a directory"):
        target_kind(str(tmp_path), is_report)


def test_a_fifo_is_written_as_a_stream(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def drain() -> None:
        with open(pipe, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=drain)
    reader.start()
    write_output(str(pipe), "Báo cáo\n", ours=is_report)
    reader.join(timeout=30)
    assert received == ["Báo cáo\n".encode()]
    assert pipe.is_fifo()


def test_protected_trees_and_inputs(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    with pytest.raises(InputError, match="inside the input or rules folder"):
        write_output(str(rules / "r.txt"), "x", ours=is_report, protected=(str(rules),))
    os.symlink(rules, tmp_path / "alias")  # a link into the rules folder is inside it too
    with pytest.raises(InputError, match="inside the input or rules folder"):
        write_output(
            str(tmp_path / "alias" / "r.txt"), "x", ours=is_report, protected=(str(rules),)
        )
    source = tmp_path / "s.yaml"
    source.write_text("Self-assessment gap report: looks like ours\n", encoding="utf-8")
    with pytest.raises(InputError, match="the output file is an input file"):
        write_output(str(source), "x", ours=is_report, inputs=(str(source),))
    assert not list(rules.iterdir())
