"""What CI and editors are told: suites of cases with located annotations, in both languages.

SARIF, JUnit and GitHub workflow commands all say the same things in different shapes, so a
report, an unreadable input or a lint run is first turned into this neutral form (here, or in
``cli/lint.py`` for lint, which this layer may not import) and each format only renders it.
Met obligations are passing cases (JUnit counts them), never annotations: SARIF gets no
``kind: pass`` results, which would multiply a batch's file by the number of rules and which code
scanning does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from ruleset.errors import InputError
from ruleset.model import Finding, ObligationResult, Report, Rule, Severity, Status
from ruleset.text import Lang, Text


class Level(str, Enum):
    """SARIF's levels; GitHub calls the last one ``notice``."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


class Outcome(str, Enum):
    """A JUnit test case's result."""

    PASSED = "passed"
    FAILED = "failed"
    ERRORED = "error"
    SKIPPED = "skipped"


# A gap's level follows the rule's severity; --fail-on decides the exit code, not this.
GAP_LEVEL = {
    Severity.CRITICAL: Level.ERROR,
    Severity.HIGH: Level.ERROR,
    Severity.MEDIUM: Level.WARNING,
    Severity.LOW: Level.NOTE,
}
INPUT_ERROR = "input-error"  # the rule id of an input that cannot be read
NOTE = "note"  # the rule id of the report's other notes (document references read, ...)
SOURCE = Text("Căn cứ", "Source")
_CANNOT_READ = Text("Không đọc được tệp", "The file cannot be read")
_OTHER = Text("Ghi chú khác của báo cáo", "Other notes of the report")


@dataclass(frozen=True)
class Place:
    """Where a finding is: ``line``/``column`` are a workbook cell's row and column when ``sheet``."""

    path: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class Annotation:
    """One located message: a SARIF result, a GitHub command, a line of a JUnit failure."""

    rule_id: str
    level: Level
    message: Text
    place: Place
    title: Text  # what is wrong in a few words (a status); renderers put the rule id before it
    citation: str | None = None  # the clause that asks for it (its words are Vietnamese)
    facts: tuple[tuple[str, str], ...] = ()  # SARIF properties: status, severity, code, ...


@dataclass(frozen=True)
class Case:
    """One JUnit test case: an obligation, a lint problem, an unreadable input."""

    name: str
    title: Text
    outcome: Outcome
    label: Text  # the outcome in words (a status, a level)
    kind: str  # the failure's type: a status value, a lint code, input-error
    annotations: tuple[Annotation, ...] = ()
    detail: str | None = None  # more for the failure body: the clause and its quote


@dataclass(frozen=True)
class Suite:
    """Everything about one input file (or a rules directory)."""

    name: str
    cases: tuple[Case, ...]
    notes: tuple[Annotation, ...] = ()  # annotations that are no test case (general notes)

    def annotations(self) -> Iterator[Annotation]:
        for case in self.cases:
            yield from case.annotations
        yield from self.notes


@dataclass(frozen=True)
class RuleInfo:
    """A SARIF reportingDescriptor: what a rule id stands for."""

    id: str
    title: Text
    level: Level
    help: str | None = None  # the clause and its quote
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Tool:
    """The engine, and the rule set it judged with (None for lint)."""

    version: str
    ruleset: tuple[str, str, str] | None = None  # name, version, digest


Suites = Callable[[], Iterable[Suite]]  # may be called twice (JUnit counts before it writes)
CiRenderer = Callable[[Tool, Sequence[RuleInfo], Suites, Lang | None], Iterator[str]]

SPECIAL_RULES = (
    RuleInfo(INPUT_ERROR, _CANNOT_READ, Level.ERROR),
    RuleInfo(NOTE, _OTHER, Level.NOTE),
)


def _place(report: Report, finding: Finding) -> Place:
    return Place(report.submission_path, finding.line, finding.column, finding.sheet)


def citation_of(rule: Rule) -> str:
    """``Công văn 3855/UBND-KGVX (issuer, date), clause``: where the duty comes from."""
    c = rule.citation
    return f"{c.kind} {c.document} ({c.issuer}, {c.date}), {c.clause}"


def quoted(rule: Rule) -> str:
    return f"{citation_of(rule)}: “{rule.citation.quote}”"


def rule_info(rule: Rule) -> RuleInfo:
    quote = quoted(rule)
    facts = (("severity", rule.severity.value), ("document", rule.citation.document))
    return RuleInfo(rule.id, rule.title, GAP_LEVEL[rule.severity], quote, facts)


def rules_info(rules: Iterable[Rule]) -> tuple[RuleInfo, ...]:
    """One descriptor per rule id, sorted, and the two of our own."""
    unique: dict[str, Rule] = {}
    for rule in rules:
        unique.setdefault(rule.id, rule)
    return tuple(rule_info(unique[key]) for key in sorted(unique)) + SPECIAL_RULES


def tool_of(report: Report) -> Tool:
    return Tool(
        report.engine_version,
        (report.ruleset_name, report.ruleset_version, report.ruleset_digest),
    )


def _case(report: Report, result: ObligationResult) -> Case:
    rule, status = result.rule, result.status
    title = status.label
    facts = (("status", status.value), ("severity", rule.severity.value))
    citation = citation_of(rule)
    level = GAP_LEVEL[rule.severity]
    found: list[Annotation] = []
    if status.is_gap:
        messages = [(f.message, _place(report, f)) for f in result.findings] or [
            (status.label + ": " + rule.title, Place(report.submission_path))
        ]
        found = [Annotation(rule.id, level, m, p, title, citation, facts) for m, p in messages]
    advice = Text("lưu ý", "check this")
    found += [
        Annotation(rule.id, Level.NOTE, a.message, _place(report, a), advice, None, facts)
        for a in result.advice
    ]
    outcome = (
        Outcome.FAILED
        if status.is_gap
        else Outcome.SKIPPED
        if status is Status.NOT_APPLICABLE
        else Outcome.PASSED
    )
    detail = quoted(rule) if status.is_gap else None
    return Case(rule.id, rule.title, outcome, status.label, status.value, tuple(found), detail)


def suite_of(report: Report) -> Suite:
    """A report as a suite: one case per obligation, the general notes as notes."""
    note_title = Text("Ghi chú", "Note")
    notes = tuple(
        Annotation(NOTE, Level.NOTE, f.message, _place(report, f), note_title)
        for f in report.general_findings
    )
    return Suite(report.submission_path, tuple(_case(report, r) for r in report.obligations), notes)


def suite_of_error(path: str, error: InputError) -> Suite:
    """An unreadable input as a suite of one errored case, each problem located."""
    found = tuple(
        Annotation(
            INPUT_ERROR,
            Level.ERROR,
            p.message + (Text.same(" (") + p.hint + ")" if p.hint else ""),
            Place(p.path, p.line, p.column, p.sheet),
            _CANNOT_READ,
            facts=(("pointer", p.pointer),) if p.pointer else (),
        )
        for p in error.problems
    )
    case = Case(INPUT_ERROR, _CANNOT_READ, Outcome.ERRORED, _CANNOT_READ, INPUT_ERROR, found)
    return Suite(path, (case,))
