"""Evaluate the Rego rules with regopy over documents, in a process of its own.

regopy and google-re2 each bundle RE2/abseil; loaded into one process they corrupt memory
("munmap_chunk(): invalid pointer" seen here), so run.py calls this script in a subprocess.
The query is compiled once into a bundle, as OPA prepares a query once for many inputs: compiling
it again for each document was two thirds of regopy's time.

    python benchmarks/rego_eval.py FILE... > verdicts.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import yaml
from regopy import Interpreter

HERE = Path(__file__).resolve().parent


def main() -> None:
    rego = Interpreter()
    for name in ("ruleset", "rules"):
        rego.add_module(name, (HERE / "rego" / f"{name}.rego").read_text(encoding="utf-8"))
    bundle = rego.build("data.rules.status")
    documents = []
    for path in sys.argv[1:]:
        with open(path, "rb") as handle:
            data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
        documents.append(json.dumps(data, default=str, ensure_ascii=False))
    start = time.perf_counter()
    verdicts = []
    for document in documents:
        rego.set_input_term(document)
        verdicts.append(json.loads(str(rego.query_bundle(bundle)))["expressions"][0])
    elapsed = time.perf_counter() - start
    json.dump({"seconds": elapsed, "verdicts": verdicts}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
