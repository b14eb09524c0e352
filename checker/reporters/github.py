"""GitHub Actions workflow commands: one annotation per diagnostic.

Data is escaped as GitHub documents (``%25``, ``%0D``, ``%0A``; in properties also ``%3A``
and ``%2C``); other control characters, which GitHub has no escape for, are shown as
visible escapes (``\\x1b``) so that neither the runner's log nor a terminal obeys them.
"""

from __future__ import annotations

from checker.escape import visible
from checker.report import Report
from checker.reporters.text import summary


def _data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, colour: bool) -> str:
    lines = []
    for item in report.diagnostics:
        command = "error" if item.severity.value == "error" else "warning"
        properties = (
            f"file={_property(item.path)},line={item.line},col={item.column},"
            f"title={_property(item.rule)}"
        )
        lines.append(f"::{command} {properties}::{_data(item.message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
