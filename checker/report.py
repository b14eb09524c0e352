"""A run's report: the values every reporter renders (and nothing else it may import)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

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


@dataclass(frozen=True)
class Due:
    """A review that is overdue or falls due soon, or whose due date cannot be worked out
    (``due`` is ``None`` and ``problem`` says why: such a page is never dropped)."""

    due: date | None
    days: int | None  # days from today to the due date (negative: overdue)
    path: str
    title: str
    type: str
    reviewer: str
    reviewed_on: date | None
    section: str
    overdue: bool = False  # by the site's rule (tech-docs: on the due date itself)
    problem: str = ""


@dataclass
class Article:
    path: str
    title: str
    type: str
    status: str
    section: str
    author: str
    reviewer: str
    reviewed_on: str | None
    due: str | None
    days_to_due: int | None  # negative: overdue by that many days
    last_changed: str | None  # from git history; None when unknown
    changed_after_review: bool
    errors: int
    warnings: int
    findings: dict[str, int] = field(default_factory=dict)  # rule -> count
    overdue: bool = False  # by the site's rule (tech-docs: on the due date itself)
    review_problem: str | None = None  # why no due date can be worked out

    @property
    def publishable(self) -> bool:
        return self.status in ("approved", "published")


@dataclass
class Audit:
    today: str
    articles: list[Article]
    notes: list[str]
    site: dict[str, Any] = field(default_factory=dict)
    compared: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": "edcheck",
            "kind": "audit",
            "today": self.today,
            "site": self.site,
            "articles": [asdict(article) for article in self.articles],
            "notes": self.notes,
            **({"compared": self.compared} if self.compared is not None else {}),
        }
