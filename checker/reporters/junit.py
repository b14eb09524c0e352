"""JUnit XML, for CI dashboards: one test case per file, one failure per diagnostic."""

from __future__ import annotations

import re
from collections import defaultdict
from xml.etree import ElementTree

from checker.diagnostics import Diagnostic, Severity
from checker.report import Report

# Characters XML 1.0 cannot carry at all (a file name may hold them): shown as U+FFFD.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


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
        timestamp=report.today.isoformat(),
    )
    for path in files:
        shown = _safe(path)
        case = ElementTree.SubElement(
            suite, "testcase", classname="edcheck", name=shown, file=shown
        )
        warnings = []
        for item in by_file[path]:
            where = f"{shown}:{item.line}:{item.column}"
            message = _safe(item.message)
            if item.severity is Severity.ERROR:
                failure = ElementTree.SubElement(case, "failure", message=message, type=item.rule)
                failure.text = f"{where} {item.rule} {message}"
            else:
                warnings.append(f"{where} {item.rule} {message} (warning)")
        if warnings:
            ElementTree.SubElement(case, "system-out").text = "\n".join(warnings)
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + ElementTree.tostring(suites, encoding="unicode")
        + "\n"
    )
