"""Diagnostics: the complete, frozen values every check produces."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding, built once and never changed.

    ``path`` is the path as it should be shown (relative to where edcheck runs, ``/``
    separated); ``line`` and ``column`` are 1-based and point into the original file.
    """

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str

    def place(self) -> tuple[str, int, int, str]:
        """The order findings are reported in: by file, line, column and rule; a rule's
        findings at one place keep the order the rule gave them (``[3-12]``: 3 to 12,
        not "10" before "3"), with the note on how many more were not shown last."""
        return (self.path, self.line, self.column, self.rule)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
        }
