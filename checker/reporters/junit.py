"""JUnit XML, for CI dashboards: one test case per file, one failure per diagnostic."""

from __future__ import annotations

import re
from collections import defaultdict
from xml.etree import ElementTree

from checker.diagnostics import Diagnostic, Severity
from checker.escape import XML, inert
from checker.report import Report

# Characters XML 1.0 cannot carry at all (a file name may hold them), and DEL and the C1
# controls it discourages (a terminal may obey them): shown as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def timestamp(report: Report) -> str:
    """The suite's ``timestamp``: an xs:dateTime, the run's "today" at midnight
    (``2026-11-25T00:00:00``), without a zone, as the Ant JUnit schema's
    ``ISO8601_DATETIME_PATTERN`` requires. The day every finding was judged on, not the
    clock, so that the same files and ``--today`` give the same bytes."""
    return f"{report.today.isoformat()}T00:00:00"


def render(report: Report, colour: bool) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for item in report.diagnostics:
        by_file[item.path].append(item)
    files = report.files or sorted(by_file)
    failing = sum(1 for path in files if any(d.severity is Severity.ERROR for d in by_file[path]))
    suites = ElementTree.Element(
        "testsuites", name="edcheck", tests=str(len(files)), failures=str(failing)
    )
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name="edcheck",
        tests=str(len(files)),
        failures=str(failing),
        errors="0",
        skipped="0",
        timestamp=timestamp(report),
    )
    for path in files:
        shown = _safe(path)
        case = ElementTree.SubElement(
            suite, "testcase", classname="edcheck", name=shown, file=shown
        )
        warnings = []
        for item in by_file[path]:
            where = f"{shown}:{item.line}:{item.column}"
            rule, message = _safe(item.rule), _safe(item.message)
            if item.severity is Severity.ERROR:
                failure = ElementTree.SubElement(case, "failure", message=message, type=rule)
                failure.text = f"{where} {rule} {message}"
            else:
                warnings.append(f"{where} {rule} {message} (warning)")
        if warnings:
            ElementTree.SubElement(case, "system-out").text = "\n".join(warnings)
    ElementTree.indent(suites)
    # A message's line breaks stay in the text of its element: a CR is written as a
    # character reference (a terminal would obey it; a parser would read it as LF), and no
    # line may be a workflow command when the XML is printed in a CI log.
    body = ElementTree.tostring(suites, encoding="unicode").replace("\r", "&#13;")
    return inert('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n", XML)
