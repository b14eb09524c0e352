"""The editors' audit: a whole site's compliance, reviews and findings, as data that the
reporters in ``checker/reporters/audit_*.py`` turn into text, HTML, CSV and JSON."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from checker.api import Options, build_policy, resolve_today
from checker.dates import add_months, parse_iso_date
from checker.diagnostics import Severity
from checker.discovery import Target, select_files
from checker.documents import DocumentProblem, read_document
from checker.engine import check_document, unreadable
from checker.kinds.dates import due_date
from checker.paths import section_of
from checker.policy import Policy
from checker.registry import people_shown

PARALLEL_THRESHOLD = 400


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


def run_audit(options: Options, cwd: Path) -> Audit:
    today = resolve_today(options.today)
    policy = build_policy(options, cwd)
    selection = select_files(list(options.paths), policy, cwd)
    history, notes = _history(cwd)
    targets = selection.targets
    jobs = options.jobs if options.jobs is not None else (os.cpu_count() or 1)
    state = (policy, today, history, cwd)
    if jobs > 1 and len(targets) >= PARALLEL_THRESHOLD and os.name == "posix":
        articles = _parallel(targets, state, jobs)
    else:
        articles = [_article(target, *state) for target in targets]
    audit = Audit(today.isoformat(), articles, notes + selection.notes)
    audit.site = summarise(articles, today)
    return audit


_State = tuple[Policy, date, dict[str, date] | None, Path]
_worker: _State | None = None


def _chunk(chunk: list[Target]) -> list[Article]:
    assert _worker is not None
    return [_article(target, *_worker) for target in chunk]


def _parallel(targets: list[Target], state: _State, jobs: int) -> list[Article]:
    """Both cores: forked workers inherit the policy and the history already read."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    _worker = state
    size = max(50, len(targets) // (jobs * 8))
    chunks = [targets[start : start + size] for start in range(0, len(targets), size)]
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return [article for found in pool.map(_chunk, chunks) for article in found]
    finally:
        _worker = None


def _article(
    target: Target, policy: Policy, today: date, history: dict[str, date] | None, cwd: Path
) -> Article:
    roots = policy.config.config.content.roots
    try:
        document = read_document(target.path, target.shown, policy.max_file_size)
    except DocumentProblem as failure:
        return _bare(
            target.shown,
            section_of(target.relative, roots),
            unreadable(policy, target.shown, failure),
        )
    found = check_document(document, target.relative, policy, today)
    rules = policy.types.get(document.type or "article")
    raw = document.get("reviewed.on")
    reviewed = parse_iso_date(raw) if isinstance(raw, str) else None
    due = due_date(reviewed, rules.cycle.interval_months) if reviewed and rules else None
    changed = history.get(str((cwd / target.shown).resolve())) if history is not None else None
    title = document.get("title")
    return Article(
        path=target.shown,
        title=title if isinstance(title, str) else "",
        type=document.type or "article",
        status=document.status,
        section=section_of(target.relative, roots),
        author=people_shown(document.get("author"), None),
        reviewer=people_shown(document.get("reviewed.by"), policy.registry),
        reviewed_on=reviewed.isoformat() if reviewed else None,
        due=due.isoformat() if due else None,
        days_to_due=(due - today).days if due else None,
        last_changed=changed.isoformat() if changed else None,
        changed_after_review=bool(changed and reviewed and changed > reviewed),
        errors=sum(1 for item in found if item.severity is Severity.ERROR),
        warnings=sum(1 for item in found if item.severity is Severity.WARNING),
        findings=dict(Counter(item.rule for item in found)),
    )


def _bare(path: str, section: str, found: list[Any]) -> Article:
    return Article(
        path=path,
        title="",
        type="",
        status="unknown",
        section=section,
        author="",
        reviewer="",
        reviewed_on=None,
        due=None,
        days_to_due=None,
        last_changed=None,
        changed_after_review=False,
        errors=len(found),
        warnings=0,
        findings=dict(Counter(item.rule for item in found)),
    )


def _history(cwd: Path) -> tuple[dict[str, date] | None, list[str]]:
    """When each file's content last changed, from one pass over git history."""
    from checker.errors import UsageError
    from checker.git import GitFailure, Repository

    try:
        repo = Repository(cwd)
    except UsageError:
        return None, ["last content changes unknown: not a git repository"]
    try:
        changes = repo.last_changes()
    except GitFailure:
        return None, ["last content changes unknown: git history could not be read"]
    notes = (
        ["last content changes unknown before the clone's depth: this is a shallow clone"]
        if repo.is_shallow()
        else []
    )
    return {str(repo.root / path): when for path, when in changes.items()}, notes


def summarise(articles: list[Article], today: date) -> dict[str, Any]:
    publishable = [article for article in articles if article.publishable]
    compliant = [article for article in publishable if article.errors == 0]
    by_rule: Counter[str] = Counter()
    for article in articles:
        by_rule.update(article.findings)
    months = [add_months(date(today.year, today.month, 1), offset) for offset in range(12)]
    per_month = Counter(article.due[:7] for article in publishable if article.due)

    def group(key: str) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for article in articles:
            name = getattr(article, key) or "(none)"
            entry = found.setdefault(name, {"articles": 0, "with_errors": 0, "overdue": 0})
            entry["articles"] += 1
            entry["with_errors"] += 1 if article.errors else 0
            entry["overdue"] += 1 if article.publishable and (article.days_to_due or 0) < 0 else 0
        return dict(sorted(found.items()))

    def due_within(days: int) -> int:
        return sum(
            1 for a in publishable if a.days_to_due is not None and 0 <= a.days_to_due <= days
        )

    return {
        "articles": len(articles),
        "publishable": len(publishable),
        "compliant": len(compliant),
        "compliance": round(len(compliant) / len(publishable), 4) if publishable else 1.0,
        "overdue": sum(1 for a in publishable if a.days_to_due is not None and a.days_to_due < 0),
        "due_30_days": due_within(30),
        "due_90_days": due_within(90),
        "changed_after_review": sum(1 for a in publishable if a.changed_after_review),
        "by_rule": dict(by_rule.most_common()),
        "by_section": group("section"),
        "by_reviewer": group("reviewer"),
        "by_status": dict(sorted(Counter(article.status for article in articles).items())),
        "due_per_month": {
            month.isoformat()[:7]: per_month.get(month.isoformat()[:7], 0) for month in months
        },
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def compare(audit: Audit, previous: dict[str, Any]) -> dict[str, Any]:
    """What got better or worse since a previous audit's JSON."""

    def findings(articles: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
        found: Counter[tuple[str, str]] = Counter()
        for article in articles:
            for rule, count in (article.get("findings") or {}).items():
                found[(str(article.get("path")), str(rule))] += int(count)
        return found

    before = findings(previous.get("articles") or [])
    after = findings([asdict(article) for article in audit.articles])
    new = after - before
    fixed = before - after
    old_rate = float((previous.get("site") or {}).get("compliance", 0.0))
    return {
        "previous": previous.get("today"),
        "compliance_delta": round(audit.site["compliance"] - old_rate, 4),
        "new_findings": [{"path": p, "rule": r, "count": c} for (p, r), c in sorted(new.items())],
        "fixed_findings": [
            {"path": p, "rule": r, "count": c} for (p, r), c in sorted(fixed.items())
        ],
    }
