"""A reader that leaves early is not our bug; topics are listed where people look for them."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from ruleset.cli import cli


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "ruleset", "rules", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
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
