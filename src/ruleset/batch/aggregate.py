"""Fold batch results into a summary without holding them: counters in memory (one per rule),
per-submission rows spooled to disk and streamed into the summary files at the end."""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator

from ruleset.batch.ci_summary import (
    CI_FILES,
    PRINTED,
    SuiteSpool,
    print_ci_summary,
    write_ci_summary,
)
from ruleset.batch.dashboard import write_dashboard
from ruleset.batch.inputs import BatchInput
from ruleset.batch.latest import LatestTable
from ruleset.batch.spool import RowSpool
from ruleset.batch.tables import write_csv, write_markdown
from ruleset.batch.work import ItemResult
from ruleset.errors import Exit
from ruleset.model import Severity, Status
from ruleset.output import write_atomically_from
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang, Text

SUMMARY_FORMAT = "ruleset/batch-summary@1"
STATUS_ORDER = [s.value for s in Status]
SUPERSEDED = Text(
    "đã có bản nộp sau của cùng cơ quan, cùng kỳ ({later}): chỉ tính bản sau",
    "superseded by a later submission of the same agency and period ({later}): only that one counts",
)


class Aggregator:
    """Counts per obligation and per outcome; rows go to a spool file, not to memory."""

    def __init__(
        self, rule_set: RuleSet, fail_on: Severity, spool_dir: str | None, ci: bool = False
    ) -> None:
        self.rule_set = rule_set
        self.rule_ids = [rule.id for rule in rule_set.rules]
        self.fail_on = fail_on
        self.per_rule: dict[str, Counter[str]] = {rid: Counter() for rid in self.rule_ids}
        self.files = self.checked = self.unreadable = self.skipped = self.with_gaps = 0
        self.score_total = 0.0
        self.scored = 0
        self.latest = LatestTable()  # the submission that counts, per agency and period
        self._settled = False
        # The spool lives as long as the aggregator; close() ends it.
        self._spool = RowSpool(spool_dir)
        self.ci = ci  # whether the suites CI summaries are made of are kept
        self.suites = SuiteSpool(spool_dir)

    def add(self, result: ItemResult, source: BatchInput | None = None) -> None:
        """Count one result; ``source`` is the input it came from (None: no file to date)."""
        self.files += 1
        if result.suite is not None:
            self.suites.add(result.suite)
        elif self.ci and result.error is not None:
            self.suites.add_error(result.display, result.error)
        if result.skipped is not None:
            self.skipped += 1
            self._spool.write({"file": result.display, "skipped": result.skipped})
            return
        if result.error is not None:
            self.unreadable += 1
            self._spool.write({"file": result.display, "error": result.error})
            return
        self.checked += 1
        for rule_id, status in result.statuses:
            counts = self.per_rule.get(rule_id)
            if counts is None:  # not setdefault: it would build a Counter for every status
                counts = self.per_rule[rule_id] = Counter()
            counts[status] += 1
        if result.score is not None:
            self.score_total += result.score
            self.scored += 1
        gap = result.worst_gap is not None and result.worst_gap.rank >= self.fail_on.rank
        self.with_gaps += gap
        key = (result.agency_id, result.period_start, result.period_end)
        self.latest.offer(key, result.submitted, self.files, result.display, source)
        score = None if result.score is None else round(result.score, 1)
        row = {
            "arrival": self.files,
            "gap": gap,
            "submitted": result.submitted,
            "file": result.display,
            "report": result.report,
            "agency_id": result.agency_id,
            "agency_name": result.agency_name,
            "agency_kind": result.agency_kind,
            "province": result.province,
            "period_start": result.period_start,
            "period_end": result.period_end,
            "score": score,
            "statuses": dict(result.statuses),
        }
        self._spool.write(row)

    @property
    def exit_code(self) -> Exit:
        """The worst over all submissions: 2 unreadable, 1 a gap at or above --fail-on, else 0."""
        self._settle()
        return Exit.INPUT if self.unreadable else Exit.GAPS if self.with_gaps else Exit.OK

    def _superseded_by(self, row: dict[str, object]) -> str | None:
        """The later submission of the same agency and period that counts instead, if any."""
        if "statuses" not in row:
            return None
        key = (str(row["agency_id"]), str(row["period_start"]), str(row["period_end"]))
        arrival = row["arrival"]
        assert isinstance(arrival, int)
        return self.latest.superseded_by(key, arrival)

    def _settle(self) -> None:
        """Take out what superseded submissions added: the same agency and period submitted twice
        counts once, the later one (by `submitted`, then file time, then order)."""
        if self._settled:
            return
        self._settled = True
        for row in self._spooled():
            if self._superseded_by(row) is None:
                continue
            statuses = row["statuses"]
            assert isinstance(statuses, dict)
            for rule_id, status in statuses.items():
                self.per_rule[rule_id][status] -= 1
            score = row["score"]
            if isinstance(score, (int, float)):
                self.score_total -= float(score)
                self.scored -= 1
            self.with_gaps -= bool(row["gap"])
            self.checked -= 1
            self.skipped += 1

    def _spooled(self) -> Iterator[dict[str, object]]:
        return iter(self._spool)

    def _rows(self) -> Iterator[dict[str, object]]:
        """Rows for the summaries; a superseded submission is listed as skipped, with why."""
        self._settle()
        for row in self._spooled():
            later = self._superseded_by(row)
            if later is not None:
                reason = SUPERSEDED.format(later=later).get(None)
                yield {"file": row["file"], "skipped": reason}
                continue
            for internal in ("arrival", "gap"):
                row.pop(internal, None)
            yield row

    def obligations(self) -> list[dict[str, object]]:
        self._settle()
        out = []
        for rule_id in sorted(self.per_rule):
            counts = self.per_rule[rule_id]
            judged = sum(n for status, n in counts.items() if status != "not_applicable")
            rate = round(100.0 * counts["met"] / judged, 1) if judged else None
            out.append(
                {
                    "rule_id": rule_id,
                    "judged": judged,
                    "compliance_rate": rate,
                    "counts": {status: counts[status] for status in STATUS_ORDER if counts[status]},
                }
            )
        return out

    def totals(self) -> dict[str, object]:
        self._settle()
        return {
            "files": self.files,
            "checked": self.checked,
            "unreadable": self.unreadable,
            "skipped": self.skipped,
            "with_gaps": self.with_gaps,
            "mean_score": round(self.score_total / self.scored, 1) if self.scored else None,
        }

    # ---- writers -------------------------------------------------------------------------
    def write(self, out_dir: str, fmt: str, lang: Lang | None = Lang.VI) -> list[str]:
        """Write the summary files atomically; returns their paths. ``lang`` None: the CI
        formats in both languages, the others in Vietnamese."""
        return self.writers(lang or Lang.VI, lang)[fmt](out_dir)

    def writers(self, lang: Lang, ci_lang: Lang | None) -> dict[str, Callable[[str], list[str]]]:
        """The summary formats written under --out, by name (``SUMMARY_FORMATS``)."""
        rule_set = self.rule_set
        return {
            "json": self._write_json,
            "csv": lambda directory: write_csv(self, directory, lang),
            "markdown": lambda directory: write_markdown(self, directory, lang),
            "html": lambda directory: write_dashboard(
                directory, rule_set, self.totals(), self.obligations(), self._rows(), lang
            ),
            "xlsx": self._write_xlsx,
            **{
                fmt: functools.partial(write_ci_summary, fmt, rule_set, self.suites, ci_lang)
                for fmt in CI_FILES
            },
        }

    def emit(self, fmt: str, lang: Lang | None, echo: Callable[[str], None]) -> None:
        """Print a summary that only works on stdout (``PRINTED``: GitHub workflow commands)."""
        print_ci_summary(fmt, self.rule_set, self.suites, lang, echo)

    def _write_xlsx(self, out_dir: str) -> list[str]:
        """Imported here: openpyxl costs every batch process (workers too) ~85 ms and ~10 MB."""
        from ruleset.batch.xlsx_summary import write_xlsx_summary

        return write_xlsx_summary(self, out_dir)

    def _header(self) -> dict[str, object]:
        rs = self.rule_set
        return {
            "format": SUMMARY_FORMAT,
            "ruleset": {"name": rs.name, "version": rs.version, "digest": rs.digest},
        }

    def _write_json(self, out_dir: str) -> list[str]:
        path = os.path.join(out_dir, "summary.json")

        def chunks() -> Iterator[str]:
            head = dict(self._header(), totals=self.totals(), obligations=self.obligations())
            text = json.dumps(head, ensure_ascii=False, indent=2)
            yield text[:-2] + ',\n  "agencies": ['
            first = True
            errors = []
            skipped = []
            for row in self._rows():
                if "error" in row:
                    errors.append(row)  # bounded by the number of unreadable files
                    continue
                if "skipped" in row:
                    skipped.append(row)
                    continue
                yield ("\n    " if first else ",\n    ") + json.dumps(
                    row, ensure_ascii=False, sort_keys=True
                )
                first = False
            yield ("\n  " if not first else "") + '],\n  "unreadable": '
            yield json.dumps(errors, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            yield ',\n  "skipped": '
            yield json.dumps(skipped, ensure_ascii=False, indent=2).replace("\n", "\n  ") + "\n}\n"

        write_atomically_from(path, chunks())
        return [path]

    def rows(self) -> Iterator[dict[str, object]]:
        """Every spooled row, in the order results arrived."""
        return self._rows()

    def close(self) -> None:
        self._spool.close()
        self.suites.close()
        self.latest.close()


# Every --summary format: written under --out, or printed on stdout.
SUMMARY_FORMATS = ("json", "csv", "markdown", "html", "xlsx", *CI_FILES)
PRINTED_SUMMARIES = PRINTED
CI_SUMMARIES = frozenset({*CI_FILES, *PRINTED})  # these need the workers' suites
