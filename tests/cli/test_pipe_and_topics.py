"""A reader that leaves early is not our bug; topics are listed where people look for them."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys

from click.testing import CliRunner

from ruleset.cli import cli


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    # A one-page pipe and a 5.5 KB list: the command is still writing when the reader leaves
    # (into the default 64 KiB pipe it could finish first and rightly exit 0).
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [sys.executable, "-m", "ruleset", "rules", "list"], stdout=write_end, stderr=subprocess.PIPE
    )
    os.close(write_end)
    assert process.stderr is not None
    assert len(os.read(read_end, 10)) == 10
    os.close(read_end)
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141 and "Traceback" not in error


def test_rules_topics_lists_every_topic_with_its_documents() -> None:
    result = CliRunner().invoke(cli, ["rules", "topics", "--lang", "en"])
    assert result.exit_code == 0
    assert "social-network-code-of-conduct" in result.output and "874/QĐ-BTTTT" in result.output


def test_the_template_offers_the_topic_ids_unbroken() -> None:
    args = ["template", "--agency-kind", "so-ban-nganh", "--province", "kon-tum"]
    result = CliRunner().invoke(
        cli, [*args, "--period-start", "2021-10-01", "--period-end", "2021-12-31"]
    )
    assert result.exit_code == 0
    assert "network-information-security" in result.output
    assert "topics: [...]" in result.output
