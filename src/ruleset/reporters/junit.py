"""JUnit XML as GitLab, Jenkins and GitHub test reporters read it.

One ``testsuite`` per input file, one ``testcase`` per obligation: a gap is a ``failure`` (its
type the status), "not applicable" is ``skipped``, an unreadable input is one ``error`` case. No
``time`` attribute: nothing was timed, and the same input gives the same bytes. Characters XML 1.0
cannot carry (a control character typed into a submission) become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence

from ruleset.errors import location
from ruleset.reporters.ci import SOURCE, Annotation, Case, Outcome, RuleInfo, Suite, Suites, Tool
from ruleset.text import Lang

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
JUNIT_MARK = "<!-- written by ruleset -->\n"  # how --output knows a file of ours
_TAGS = {Outcome.FAILED: "failure", Outcome.ERRORED: "error"}


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(annotation: Annotation, lang: Lang | None) -> str:
    p = annotation.place
    return f"{location(p.path, p.line, p.column, p.sheet)}: {annotation.message.get(lang)}"


def _counts(cases: Sequence[Case]) -> dict[str, str]:
    def count(outcome: Outcome) -> str:
        return str(sum(1 for case in cases if case.outcome is outcome))

    return {
        "tests": str(len(cases)),
        "failures": count(Outcome.FAILED),
        "errors": count(Outcome.ERRORED),
        "skipped": count(Outcome.SKIPPED),
    }


def _testcase(suite: Suite, case: Case, lang: Lang | None) -> ET.Element:
    name = f"{case.name} — {case.title.get(lang)}"
    element = ET.Element(
        "testcase",
        {"classname": _clean(suite.name), "name": _clean(name), "file": _clean(suite.name)},
    )
    lines = [_line(a, lang) for a in case.annotations]
    tag = _TAGS.get(case.outcome)
    if tag is not None:
        first = case.annotations[0].message.get(lang) if case.annotations else ""
        message = f"{case.label.get(lang)}: {first}" if first else case.label.get(lang)
        failure = ET.SubElement(element, tag, {"type": case.kind, "message": _clean(message)})
        if case.detail is not None:
            lines.append(f"{SOURCE.get(lang)}: {case.detail}")
        failure.text = _clean("\n".join(lines))
    elif case.outcome is Outcome.SKIPPED:
        ET.SubElement(element, "skipped", {"message": _clean(case.label.get(lang))})
    elif lines:  # a met obligation with advice on the evidence it accepted
        ET.SubElement(element, "system-out").text = _clean("\n".join(lines))
    return element


def _testsuite(suite: Suite, lang: Lang | None) -> str:
    element = ET.Element("testsuite", {"name": _clean(suite.name), **_counts(suite.cases)})
    element.extend(_testcase(suite, case, lang) for case in suite.cases)
    ET.indent(element, space="  ", level=1)
    return "  " + ET.tostring(element, encoding="unicode") + "\n"


def junit_chunks(
    tool: Tool, rules: Sequence[RuleInfo], suites: Suites, lang: Lang | None
) -> Iterator[str]:
    """The XML in pieces: totals (a first pass over the suites), then one suite at a time."""
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for suite in suites():
        for key, value in _counts(suite.cases).items():
            totals[key] += int(value)
    attributes = " ".join(f'{key}="{value}"' for key, value in totals.items())
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + JUNIT_MARK
    yield f'<testsuites name="ruleset" {attributes}>\n'
    for suite in suites():
        yield _testsuite(suite, lang)
    yield "</testsuites>\n"
