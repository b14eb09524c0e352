"""A run's report: the values every reporter renders (and nothing else it may import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checker import version
from checker.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class RuleInfo:
    """What reporters may say about a rule (SARIF and JUnit describe the rules)."""

    id: str
    severity: str
    summary: str
    why: str


@dataclass(frozen=True)
class Report:
    """What a check found: ``files_checked`` pages, their diagnostics (sorted), notes for
    the reader, the files and the rules in force."""

    today: date
    files_checked: int
    diagnostics: list[Diagnostic]
    excluded: int = 0
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file checked, as shown
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # the rules in force

    @property
    def errors(self) -> int:
        return sum(1 for item in self.diagnostics if item.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for item in self.diagnostics if item.severity is Severity.WARNING)

    def to_json(self) -> dict[str, object]:
        """The JSON contract (DESIGN.md, "JSON output")."""
        return {
            "tool": "edcheck",
            "version": version(),
            "today": self.today.isoformat(),
            "files_checked": self.files_checked,
            "summary": {"errors": self.errors, "warnings": self.warnings},
            "diagnostics": [item.to_json() for item in self.diagnostics],
        }
