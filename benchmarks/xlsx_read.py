"""How long reading a 40-obligation workbook takes (README, "Excel workbooks").

    python benchmarks/xlsx_read.py [--repeat 20]

Writes one workbook holding 40 of the catalogue's obligations, each filled (status, summary,
an inline activity, a document id, a figure), then times, in this process: openpyxl's parse
alone, ``parse_bytes`` (container checks + parse + conversion into submission data), and
``parse_submission`` + ``check_submission`` (what ``ruleset check`` does after reading the file).
Prints the median CPU time of each (CPU, not wall clock: the machine is shared), and the same
for the YAML of the same content, for comparison.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from typing import Any

import openpyxl
import yaml

from ruleset.documents.read import parse_bytes
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import parse_submission
from ruleset.rules.load import load_rule_set
from ruleset.template.xlsx_form import workbook_bytes


def submission(rule_ids: list[str]) -> dict[str, Any]:
    obligations = {
        rule_id: {
            "status": "done",
            "summary": f"Đã thực hiện nhiệm vụ {rule_id}, có kế hoạch và báo cáo kết quả.",
            "evidence": {
                "documents": ["kh-01"],
                "activities": [
                    {
                        "kind": "dissemination",
                        "date": "2021-11-15",
                        "title": f"Hội nghị tuyên truyền về nhiệm vụ {rule_id}",
                        "participants": 120,
                        "cites": ["286-CV/TU"],
                    }
                ],
            },
            "figures": {"violations_detected": 2, "violations_handled": 2},
        }
        for rule_id in rule_ids
    }
    return {
        "agency": {
            "id": "kt-so",
            "name": "Sở Nội vụ",
            "kind": "so-ban-nganh",
            "province": "kon-tum",
        },
        "period": {"start": "2021-10-01", "end": "2021-12-31"},
        "submitted": "2022-01-10",
        "documents": [
            {"id": "kh-01", "number": "12/KH-SNV", "date": "2021-10-05", "title": "Kế hoạch"}
        ],
        "obligations": obligations,
    }


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        action()
        times.append(time.process_time() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    rules = load_rule_set()
    data = submission([rule.id for rule in rules.rules][:40])
    book = workbook_bytes(data, rules)
    text = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    print(f"workbook: {len(book):,} bytes, 40 obligations; YAML: {len(text):,} bytes")
    rows = [
        ("openpyxl.load_workbook alone", lambda: openpyxl.load_workbook(io.BytesIO(book))),
        ("parse_bytes(.xlsx)", lambda: parse_bytes(book, "s.xlsx")),
        (
            "parse_submission + check (.xlsx)",
            lambda: check_submission(rules, parse_submission(book, "s.xlsx", rules)),
        ),
        ("parse_bytes(.yaml)", lambda: parse_bytes(text, "s.yaml")),
        (
            "parse_submission + check (.yaml)",
            lambda: check_submission(rules, parse_submission(text, "s.yaml", rules)),
        ),
    ]
    for label, action in rows:
        print(f"{label:36} {median_ms(action, repeat):8.1f} ms CPU (median of {repeat})")


if __name__ == "__main__":
    main()
