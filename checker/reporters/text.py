"""Plain text for terminals and logs: ``path:line:col rule message``, grouped by file.

Content is shown through :func:`checker.escape.visible` (control characters as escapes)
and the finished text through :func:`checker.escape.inert` (no workflow commands)."""

from __future__ import annotations

from checker.diagnostics import Diagnostic, Severity
from checker.escape import inert, visible
from checker.report import Report

_RED, _YELLOW, _BOLD, _DIM, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[2m", "\033[0m"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def line(item: Diagnostic, colour: bool) -> str:
    """One finding as one line, ``path:line:col rule message`` (`` (warning)`` after a
    warning), with its control characters shown as escapes; never a workflow command."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    # the path starts the line: inert here too, so that colour cannot hide a `::`
    where = paint(_BOLD, inert(f"{visible(item.path)}:{item.line}:{item.column}"))
    message = visible(item.message)
    if item.severity is Severity.ERROR:
        return inert(f"{where} {paint(_RED, visible(item.rule))} {message}")
    rule = paint(_YELLOW, visible(item.rule))
    return inert(f"{where} {rule} {message} {paint(_DIM, '(warning)')}")


def render(report: Report, colour: bool) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    lines: list[str] = []
    current = None
    for item in report.diagnostics:
        if item.path != current:
            if current is not None:
                lines.append("")
            current = item.path
        lines.append(line(item, colour))
    for note in report.notes:
        lines.append(paint(_DIM, f"note: {visible(note)}"))
    if lines:
        lines.append("")
    lines.append(summary(report))
    return inert("\n".join(lines) + "\n")


# Findings on the configuration and the policy, not on a content file
_POLICY_RULES = frozenset({"config-invalid", "policy-changed", "waiver-expired", "waiver-unused"})


def summary(report: Report) -> str:
    """The last line of a text report: what was checked and what was found where."""
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    if report.files_checked == 0 and any(d.rule == "config-invalid" for d in report.diagnostics):
        return "Nothing was checked: fix the configuration first."
    if report.files_checked == 0:
        excluded = f" ({report.excluded} excluded by the config)" if report.excluded else ""
        found = f"; {counts} in the configuration" if report.diagnostics else ""
        return f"No content files to check{excluded}{found}."
    files = _plural(report.files_checked, "file")
    if not report.diagnostics:
        return f"Checked {files}: all clear."
    pages = {item.path for item in report.diagnostics if item.rule not in _POLICY_RULES}
    where = [_plural(len(pages), "file")] if pages else []
    if any(item.rule in _POLICY_RULES for item in report.diagnostics):
        where.append("the configuration")
    return f"Checked {files}: {counts} in {' and '.join(where)}."
