"""Benchmark figures for ruleset, printed as one table (see README, "Benchmarks").

    pip install -e '.[bench]' && python benchmarks/run.py [--count 2000] [--big 20000]

On the same generated files, in one run: (1) the floor: read + yaml.load(CSafeLoader) in one
process; (2) `ruleset batch` end to end with --jobs 1 and 2 (documents/second, peak memory);
(3) the same inputs as JSON; (4) regopy (OPA's Rego) evaluating eleven catalogue rules written in
Rego (benchmarks/rego/) over the same parsed documents, with a check that both engines give the
same verdict per document and rule; (5) `ruleset check` on one file, whole process; (6) peak memory
of batch --jobs 1 at --count and at --big documents; and where the time of one document goes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import submission, to_yaml  # noqa: E402

from ruleset.documents.read import parse_bytes  # noqa: E402
from ruleset.judging.engine import check_submission  # noqa: E402
from ruleset.judging.submission import parse_submission, validate_submission  # noqa: E402
from ruleset.output import write_atomically  # noqa: E402
from ruleset.reporters.json_report import render_json_compact  # noqa: E402
from ruleset.rules.load import load_rule_set  # noqa: E402
from ruleset.rules.ruleset import bundled_rules_dir  # noqa: E402

MEASURE = (
    "import resource, subprocess, sys, time\n"
    "t = time.perf_counter(); code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def generate(directory: Path, count: int, fmt: str, seed: int = 7) -> list[str]:
    rule_set = load_rule_set(bundled_rules_dir())
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        data = submission(rule_set, rng, index, 0.7)
        folder = directory / data["agency"]["province"] / data["agency"]["kind"]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{index:06d}.{fmt}"
        text = to_yaml(data) if fmt == "yaml" else json.dumps(data, ensure_ascii=False, indent=1)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return sorted(paths)


def measured(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS of any process of the command (KiB), exit code."""
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    wall, rss, code = output.stdout.split()
    return float(wall), int(rss), int(code)


def floor(paths: list[str]) -> float:
    start = time.perf_counter()
    for path in paths:
        with open(path, "rb") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    return len(paths) / (time.perf_counter() - start)


def stages(paths: list[str], out: Path) -> dict[str, float]:
    """Milliseconds per document for each step of checking one file, in one process."""
    rule_set = load_rule_set(bundled_rules_dir())
    out.mkdir(parents=True, exist_ok=True)
    totals = dict.fromkeys(["read", "parse", "validate", "judge", "render", "write"], 0.0)
    for index, path in enumerate(paths):
        t0 = time.perf_counter()
        with open(path, "rb") as handle:
            data = handle.read()
        t1 = time.perf_counter()
        document = parse_bytes(data, path)
        t2 = time.perf_counter()
        loaded = validate_submission(document, rule_set)
        t3 = time.perf_counter()
        report = check_submission(rule_set, loaded)
        t4 = time.perf_counter()
        text = render_json_compact(report)
        t5 = time.perf_counter()
        write_atomically(str(out / f"{index}.json"), text, durable=False)
        t6 = time.perf_counter()
        for key, value in zip(
            totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True
        ):
            totals[key] += value
    return {key: 1000 * value / len(paths) for key, value in totals.items()}


def regopy_comparison(paths: list[str]) -> tuple[float, int, int, list[str]]:
    """Rego documents/second over parsed documents, and agreement with ruleset per (doc, rule).

    regopy runs in a process of its own (benchmarks/rego_eval.py): it and google-re2 both bundle
    RE2/abseil, and in one process they corrupt memory.
    """
    done = subprocess.run(
        [sys.executable, str(HERE / "rego_eval.py"), *paths],
        capture_output=True,
        text=True,
        check=True,
    )
    payload = json.loads(done.stdout)
    rate = len(paths) / payload["seconds"]
    rule_set = load_rule_set(bundled_rules_dir())
    compared = disagreements = 0
    examples = []
    for path, theirs in zip(paths, payload["verdicts"], strict=True):
        with open(path, "rb") as handle:
            report = check_submission(rule_set, parse_submission(handle.read(), path, rule_set))
        ours = {r.rule.id: r.status.value for r in report.obligations}
        for rule_id, status in theirs.items():
            compared += 1
            if ours.get(rule_id) != status:
                disagreements += 1
                if len(examples) < 5:
                    examples.append(f"{path} {rule_id}: ruleset {ours.get(rule_id)}, rego {status}")
    return rate, compared, disagreements, examples


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument(
        "--big", type=int, default=20000, help="documents for the memory-growth run (0: skip)"
    )
    parser.add_argument("--no-regopy", action="store_true")
    parser.add_argument(
        "--workdir", default=str(HERE / ".work"), help="where generated files and reports go"
    )
    args = parser.parse_args()
    ruleset_cmd = [sys.executable, "-m", "ruleset"]
    rows: list[tuple[str, str]] = [("cores", str(os.cpu_count()))]
    # Under benchmarks/.work by default: on this machine /tmp creates files 9x slower than /work.
    os.makedirs(args.workdir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ruleset-bench-", dir=args.workdir) as work:
        root = Path(work)
        yaml_paths = generate(root / "yaml", args.count, "yaml")
        generate(root / "json", args.count, "json")
        size = statistics.mean(os.path.getsize(p) for p in yaml_paths)
        rows.append(
            ("documents", f"{args.count} YAML + {args.count} JSON, mean {size / 1024:.1f} KiB")
        )
        base = floor(yaml_paths)
        rows.append(("1. floor: read + yaml.load(CSafeLoader)", f"{base:,.0f} docs/s"))
        per_doc = stages(yaml_paths[:500], root / "stage-out")
        rows.append(
            ("   ruleset per document, ms", ", ".join(f"{k} {v:.3f}" for k, v in per_doc.items()))
        )
        for jobs in (1, 2):
            wall, rss, _ = measured(
                [
                    *ruleset_cmd,
                    "batch",
                    str(root / "yaml"),
                    "--jobs",
                    str(jobs),
                    "--out",
                    str(root / f"out{jobs}"),
                    "--quiet",
                ]
            )
            rate = args.count / wall
            rows.append(
                (
                    f"2. batch --jobs {jobs}, YAML",
                    f"{rate:,.0f} docs/s ({100 * rate / base:.0f}% of floor), peak RSS {rss / 1024:.0f} MiB",
                )
            )
        wall, rss, _ = measured(
            [
                *ruleset_cmd,
                "batch",
                str(root / "json"),
                "--jobs",
                "1",
                "--out",
                str(root / "outj"),
                "--quiet",
            ]
        )
        rows.append(
            (
                "3. batch --jobs 1, JSON",
                f"{args.count / wall:,.0f} docs/s, peak RSS {rss / 1024:.0f} MiB",
            )
        )
        if not args.no_regopy:
            rate, compared, disagreements, examples = regopy_comparison(yaml_paths)
            rows.append(
                (
                    "4. regopy, 11 rules in Rego",
                    f"{rate:,.0f} docs/s (evaluation only, input already parsed)",
                )
            )
            rows.append(("   verdicts compared / disagreeing", f"{compared} / {disagreements}"))
            rows.extend(("   disagreement", e) for e in examples)
            stage_total = sum(per_doc[k] for k in ("parse", "validate", "judge"))
            rows.append(
                (
                    "   ruleset parse+validate+judge (all 40 rules)",
                    f"{1000 / stage_total:,.0f} docs/s",
                )
            )
        one = yaml_paths[0]
        times = [measured([*ruleset_cmd, "check", one])[0] for _ in range(5)]
        rows.append(
            (
                "5. ruleset check one file, whole process",
                f"median {statistics.median(times):.3f} s of 5",
            )
        )
        if args.big:
            generate(root / "big", args.big, "yaml", seed=11)
            _, small_rss, _ = measured(
                [
                    *ruleset_cmd,
                    "batch",
                    str(root / "yaml"),
                    "--jobs",
                    "1",
                    "--out",
                    str(root / "m1"),
                    "--quiet",
                ]
            )
            wall, big_rss, _ = measured(
                [
                    *ruleset_cmd,
                    "batch",
                    str(root / "big"),
                    "--jobs",
                    "1",
                    "--out",
                    str(root / "m2"),
                    "--quiet",
                ]
            )
            rows.append(
                (
                    f"6. peak RSS at {args.count} vs {args.big} docs",
                    f"{small_rss / 1024:.0f} MiB vs {big_rss / 1024:.0f} MiB (x{big_rss / small_rss:.2f}); {args.big / wall:,.0f} docs/s",
                )
            )
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
