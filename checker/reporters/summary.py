"""A Markdown summary for a CI job's page (GitHub's ``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

from collections import Counter

from checker.escape import visible
from checker.report import Report
from checker.reporters.text import summary

MAX_ROWS = 200


def _cell(text: str) -> str:
    return visible(text.replace("|", "\\|").replace("\n", " "))


def render(report: Report, colour: bool) -> str:
    lines = ["## edcheck", "", summary(report), ""]
    if report.diagnostics:
        counts = Counter((item.rule, item.severity.value) for item in report.diagnostics)
        lines += ["| rule | severity | findings |", "|---|---|---|"]
        lines += [
            f"| `{_cell(rule)}` | {severity} | {count} |"
            for (rule, severity), count in sorted(counts.items())
        ]
        lines += ["", "| where | rule | message |", "|---|---|---|"]
        for item in report.diagnostics[:MAX_ROWS]:
            where = _cell(f"{item.path}:{item.line}:{item.column}")
            lines.append(f"| `{where}` | `{_cell(item.rule)}` | {_cell(item.message)} |")
        if len(report.diagnostics) > MAX_ROWS:
            lines.append(
                f"\n{len(report.diagnostics) - MAX_ROWS} more findings are in the job's log."
            )
    return "\n".join(lines) + "\n"
