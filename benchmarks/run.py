"""Benchmark figures for ruleset, printed as one table (see README, "Benchmarks").

    pip install -e '.[bench]' && python benchmarks/run.py [--counts 1000,5000] [--check-runs 5]
    python benchmarks/run.py --counts 10000,100000      # the figures of issue 14 (long)

On the same generated files, in one run, for each count: (1) the floor, read +
yaml.load(CSafeLoader) in one process; (2) `ruleset batch` end to end with --jobs 1 and 2, and
with --jsonl (documents/second, the ratio to that floor, peak RSS of the largest process); then
memory growth from the smallest to the largest count; (3) `ruleset check` on one file, whole
process, median of --check-runs with a cold and with a warm rules cache; (4) regopy (OPA's Rego)
evaluating eleven catalogue rules (benchmarks/rego/) over the same parsed documents, and (5) Spectral
with the same eleven rules (benchmarks/spectral/) when its npm package is installed, each with the
agreement of its verdicts with ruleset's; and where the time of one document goes. Machines are
shared: compare the ratios, measured in one run, rather than the absolute rates.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Catalogue, submission, to_yaml  # noqa: E402

from ruleset import heap  # noqa: E402
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
    """``count`` generated submissions under ``directory``; kept and reused by later runs (writing
    100,000 files takes minutes), recognised by a marker naming the count, format and seed."""
    marker = directory / f".generated-{count}-{fmt}-{seed}"
    if marker.is_file():
        return marker.read_text(encoding="utf-8").splitlines()
    catalogue = Catalogue(load_rule_set(bundled_rules_dir()))
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        data = submission(catalogue, rng, index, 0.7)
        folder = directory / data["agency"]["province"] / data["agency"]["kind"]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{index:06d}.{fmt}"
        text = to_yaml(data) if fmt == "yaml" else json.dumps(data, ensure_ascii=False, indent=1)
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    marker.write_text("\n".join(sorted(paths)) + "\n", encoding="utf-8")
    return sorted(paths)


def measured(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS of any process of the command (KiB), exit code."""
    output = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    wall, rss, code = output.stdout.split()
    return float(wall), int(rss), int(code)


def floor(paths: list[str]) -> float:
    """The floor's rate, once every file has been read (untimed): the batch runs after it find
    the files in the page cache, and so must the floor, or it measures the disk."""
    for path in paths:
        with open(path, "rb") as handle:
            handle.read()
    start = time.perf_counter()
    for path in paths:
        with open(path, "rb") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    return len(paths) / (time.perf_counter() - start)


def stages(paths: list[str], out: Path) -> dict[str, float]:
    """Milliseconds per document for each step of checking one file, in one process set up as a
    batch worker is (the rule set out of the collector's way, ruleset.heap; the compiled helpers
    warmed up, ruleset.warmup, on the first documents, which are not counted)."""
    with heap.loading():
        rule_set = load_rule_set(bundled_rules_dir())
    for path in paths[:200]:
        with open(path, "rb") as handle:
            check_submission(
                rule_set, validate_submission(parse_bytes(handle.read(), path), rule_set)
            )
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
    return len(paths) / payload["seconds"], *agreement(paths, payload["verdicts"])


def agreement(paths: list[str], verdicts: list[dict[str, str]]) -> tuple[int, int, list[str]]:
    """Verdicts compared with ruleset's per (document, rule), how many differ, a few examples."""
    rule_set = load_rule_set(bundled_rules_dir())
    compared = disagreements = 0
    examples = []
    for path, theirs in zip(paths, verdicts, strict=True):
        with open(path, "rb") as handle:
            report = check_submission(rule_set, parse_submission(handle.read(), path, rule_set))
        ours = {r.rule.id: r.status.value for r in report.obligations}
        for rule_id, status in theirs.items():
            compared += 1
            if ours.get(rule_id) != status:
                disagreements += 1
                if len(examples) < 5:
                    examples.append(
                        f"{path} {rule_id}: ruleset {ours.get(rule_id)}, other {status}"
                    )
    return compared, disagreements, examples


def spectral_command() -> list[str] | None:
    """How to run Spectral's CLI when its npm package is installed (never fetched from here)."""
    if shutil.which("spectral"):
        return ["spectral"]
    if shutil.which("npx"):
        command = ["npx", "--no-install", "@stoplight/spectral-cli"]
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            subprocess.run([*command, "--version"], capture_output=True, check=True, timeout=120)
            return command
    return None


def js_port(paths: list[str]) -> tuple[float, int, int, list[str]] | None:
    """The eleven rules of benchmarks/spectral/verdicts.mjs (what Spectral runs) under plain node:
    evaluation rate, and agreement with ruleset, so the Spectral port is checked without Spectral."""
    if not shutil.which("node"):
        return None
    lines = []
    for path in paths:
        with open(path, "rb") as handle:
            data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
        lines.append(json.dumps(data, default=str, ensure_ascii=False))
    done = subprocess.run(
        ["node", str(HERE / "spectral" / "port_check.mjs")],
        input="\n".join(lines),
        capture_output=True,
        text=True,
        check=True,
    )
    payload = json.loads(done.stdout)
    return len(paths) / payload["seconds"], *agreement(paths, payload["verdicts"])


def check_latency(one: str, runs: int, work: Path) -> tuple[float, float, float]:
    """Median wall seconds of `ruleset check` on one file: rules cache cold (a new cache folder
    each run), warm (one folder, filled once), and of the interpreter alone for scale."""
    command = [sys.executable, "-m", "ruleset", "check", one]
    cold = []
    for index in range(runs):
        os.environ["RULESET_CACHE_DIR"] = str(work / f"cold-{index}")
        cold.append(measured(command)[0])
    os.environ["RULESET_CACHE_DIR"] = str(work / "warm")
    measured(command)
    warm = [measured(command)[0] for _ in range(runs)]
    bare = [measured([sys.executable, "-c", "pass"])[0] for _ in range(runs)]
    return statistics.median(cold), statistics.median(warm), statistics.median(bare)


def batch_rows(root: Path, count: int, rows: list[tuple[str, str]]) -> int:
    """Floor and batch rates for ``count`` documents; returns the peak RSS (KiB) of --jobs 1."""
    paths = generate(root / f"yaml-{count}", count, "yaml", seed=7 + count)
    size = statistics.mean(os.path.getsize(p) for p in paths[:2000])
    base = floor(paths)
    rows.append((f"{count:,} documents", f"YAML, mean {size / 1024:.1f} KiB"))
    rows.append(("  floor: read + yaml.load(CSafeLoader)", f"{base:,.0f} docs/s"))
    ruleset_cmd = [sys.executable, "-m", "ruleset", "batch", str(root / f"yaml-{count}"), "-q"]
    peak = 0
    with tempfile.TemporaryDirectory(prefix="out-", dir=root) as out:
        for label, extra in (
            ("batch --jobs 1", ["--jobs", "1", "--out", f"{out}/j1"]),
            ("batch --jobs 2", ["--jobs", "2", "--out", f"{out}/j2"]),
            ("batch (default --jobs)", ["--out", f"{out}/jd"]),
            ("batch --jobs 1 --jsonl", ["--jobs", "1", "--jsonl", f"{out}/all.jsonl"]),
        ):
            wall, rss, _ = measured([*ruleset_cmd, *extra])
            rate = count / wall
            peak = rss if label == "batch --jobs 1" else peak
            rows.append(
                (
                    f"  {label}",
                    f"{rate:,.0f} docs/s = {rate / base:.2f}x floor, {wall:.1f} s, "
                    f"peak RSS {rss / 1024:.0f} MiB",
                )
            )
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--counts", default="1000,5000", help="documents per batch run, comma-separated"
    )
    parser.add_argument("--check-runs", type=int, default=5, help="runs of `check` per median")
    parser.add_argument(
        "--peer-docs", type=int, default=300, help="documents given to regopy and Spectral"
    )
    parser.add_argument("--no-regopy", action="store_true")
    parser.add_argument("--no-spectral", action="store_true")
    parser.add_argument(
        "--workdir", default=str(HERE / ".work"), help="where generated files and reports go"
    )
    args = parser.parse_args()
    counts = sorted(int(c) for c in args.counts.split(","))
    rows: list[tuple[str, str]] = [("cores", str(os.cpu_count()))]
    # Under benchmarks/.work by default: on this machine /tmp creates files 9x slower than /work.
    root = Path(args.workdir)
    root.mkdir(parents=True, exist_ok=True)
    peaks = {count: batch_rows(root, count, rows) for count in counts}
    if len(counts) > 1:
        low, high = peaks[counts[0]], peaks[counts[-1]]
        rows.append(
            (
                f"memory, --jobs 1, {counts[0]:,} -> {counts[-1]:,} documents",
                f"{low / 1024:.0f} -> {high / 1024:.0f} MiB (x{high / low:.2f})",
            )
        )
    paths = generate(root / f"yaml-{counts[0]}", counts[0], "yaml", seed=7 + counts[0])
    per_doc = stages(paths[:500], root / "stage-out")
    rows.append(("ruleset per document, ms", ", ".join(f"{k} {v:.3f}" for k, v in per_doc.items())))
    ours = 1000 / sum(v for k, v in per_doc.items() if k != "write")  # parse..render, in memory
    with tempfile.TemporaryDirectory(prefix="check-", dir=root) as work:
        saved = os.environ.get("RULESET_CACHE_DIR")
        cold, warm, bare = check_latency(paths[0], args.check_runs, Path(work))
        if saved is None:
            os.environ.pop("RULESET_CACHE_DIR", None)
        else:
            os.environ["RULESET_CACHE_DIR"] = saved
    rows.append(
        (
            f"check one file, median of {args.check_runs}",
            f"cold cache {cold:.3f} s, warm cache {warm:.3f} s (python -c pass: {bare:.3f} s)",
        )
    )
    sample = paths[: args.peer_docs]
    with tempfile.TemporaryDirectory(prefix="peer-", dir=root) as out:
        command = [sys.executable, "-m", "ruleset", "batch", *sample, "-q", "--jobs", "1"]
        wall = measured([*command, "--jsonl", f"{out}/all.jsonl"])[0]
    whole = len(sample) / wall  # the same documents, the same way the peers run: one process
    rows.append(
        (
            f"ruleset batch --jobs 1 on the peers' {len(sample)} documents",
            f"{whole:,.0f} docs/s whole process (start-up included), all 41 rules",
        )
    )
    peers: list[tuple[str, tuple[float, int, int, list[str]] | None]] = []
    if not args.no_regopy:
        try:
            peers.append(("regopy (OPA's Rego), 11 rules", regopy_comparison(sample)))
        except (subprocess.CalledProcessError, OSError):
            rows.append(("regopy", "not installed: pip install -e '.[bench]'"))
    if not args.no_spectral:
        peers.append(("JS port of the 11 rules (node)", js_port(sample)))
        spectral = spectral_command()
        if spectral is None:
            rows.append(
                (
                    "Spectral, 11 rules",
                    "not installed: npm install -g @stoplight/spectral-cli "
                    "(or npm install @stoplight/spectral-cli for npx)",
                )
            )
        else:
            command = [*spectral, "lint", "--ruleset", str(HERE / "spectral" / "ruleset.mjs")]
            wall, rss, _ = measured([*command, "-f", "json", "--quiet", *sample])
            rate = len(sample) / wall
            rows.append(
                (
                    "Spectral, 11 rules, whole process",
                    f"{rate:,.0f} docs/s, peak RSS {rss / 1024:.0f} MiB; ruleset whole process "
                    f"{whole / rate:.1f}x that, parse..render in process {ours / rate:.1f}x",
                )
            )
    for label, result in peers:
        if result is None:
            rows.append((label, "node not installed"))
            continue
        rate, compared, disagreements, examples = result
        rows.append(
            (
                label,
                f"{rate:,.0f} docs/s evaluation only; ruleset parse..render of all rules "
                f"{ours / rate:.2f}x that",
            )
        )
        rows.append(("  verdicts compared / disagreeing", f"{compared} / {disagreements}"))
        rows.extend(("  disagreement", e) for e in examples[:2])
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
