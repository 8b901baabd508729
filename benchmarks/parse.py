"""Per-document parse cost of the fast path against the exact readers and the libyaml floor.

    python benchmarks/parse.py [--count 300] [--repeat 5]

On generated submissions (benchmarks/generate.py), in one run: the floor (yaml.load with
CSafeLoader; json.loads for JSON), the exact readers (load_yaml_text, load_json_text), the fast
path alone (fast_yaml, fast_json), parse_bytes as a check pays it (decode, digest, either path),
and the first locate() of a document the fast path read (libyaml composes it then, once). Times
are the best of --repeat passes, in microseconds per document; ratios are against the floor
measured in the same run, so a busy machine moves both.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import submission, to_yaml

from ruleset.documents.fast_path import fast_json, fast_yaml
from ruleset.documents.json_reader import load_json_text
from ruleset.documents.limits import DEFAULT_LIMITS
from ruleset.documents.read import parse_bytes
from ruleset.documents.yaml_reader import load_yaml_text
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import bundled_rules_dir


def best(function: Callable[[Any], object], items: list[Any], repeat: int) -> float:
    """Best time per item over ``repeat`` passes, in microseconds."""
    fastest = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            function(item)
        fastest = min(fastest, (time.perf_counter() - start) / len(items))
    return fastest * 1e6


def first_locate(path: str) -> Callable[[bytes], object]:
    def run(data: bytes) -> object:
        return parse_bytes(data, path).locate("/activities/0/participants")

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rule_set = load_rule_set(bundled_rules_dir())
    rng = random.Random(7)
    data = [submission(rule_set, rng, index, 0.7) for index in range(args.count)]
    yaml_texts = [to_yaml(item) for item in data]
    json_texts = [json.dumps(item, ensure_ascii=False, indent=1) for item in data]
    size = sum(len(text.encode()) for text in yaml_texts) / len(yaml_texts) / 1024
    taken = (
        sum(fast_yaml(text, DEFAULT_LIMITS) is not None for text in yaml_texts),
        sum(fast_json(text, DEFAULT_LIMITS) is not None for text in json_texts),
    )
    print(f"{args.count} generated submissions, {size:.1f} KiB of YAML each; fast path taken: ")
    print(f"  YAML {taken[0]}/{args.count}, JSON {taken[1]}/{args.count}\n")
    rows = {
        "YAML": [
            ("floor: yaml.load(CSafeLoader)", lambda t: yaml.load(t, Loader=yaml.CSafeLoader)),
            ("exact: load_yaml_text", lambda t: load_yaml_text(t, "s.yaml")),
            ("fast: fast_yaml", lambda t: fast_yaml(t, DEFAULT_LIMITS)),
        ],
        "JSON": [
            ("floor: json.loads", json.loads),
            ("exact: load_json_text", lambda t: load_json_text(t, "s.json")),
            ("fast: fast_json", lambda t: fast_json(t, DEFAULT_LIMITS)),
        ],
    }
    whole = {
        "YAML": [
            ("parse_bytes (what a check pays)", lambda b: parse_bytes(b, "s.yaml")),
            ("parse_bytes + first locate()", first_locate("s.yaml")),
        ],
        "JSON": [
            ("parse_bytes (what a check pays)", lambda b: parse_bytes(b, "s.json")),
            ("parse_bytes + first locate()", first_locate("s.json")),
        ],
    }
    for kind, texts in (("YAML", yaml_texts), ("JSON", json_texts)):
        encoded = [text.encode() for text in texts]
        floor = best(rows[kind][0][1], texts, args.repeat)
        print(f"{kind:4s} {'µs/doc':>44s} {'× floor':>9s}")
        for name, function in rows[kind]:
            micro = floor if function is rows[kind][0][1] else best(function, texts, args.repeat)
            print(f"  {name:40s} {micro:8.1f} {floor / micro:8.2f}×")
        for name, function in whole[kind]:
            micro = best(function, encoded, args.repeat)
            print(f"  {name:40s} {micro:8.1f} {floor / micro:8.2f}×")
        print()
    print("× floor: how many documents in the floor's time for one (above 1 is faster).")


if __name__ == "__main__":
    main()
