"""The editors' audit: a whole site's compliance, reviews and findings, as data that the
reporters in ``checker/reporters/audit_*.py`` turn into text, HTML, CSV and JSON."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from checker.dates import add_months
from checker.diagnostics import Severity
from checker.discovery import select_files
from checker.paths import section_of
from checker.pipeline import Judged, Options, Page, Session, judge_all, open_session
from checker.registry import people_shown
from checker.report import Article, Audit


def run_audit(options: Options, cwd: Path) -> Audit:
    """The whole site's audit: every page judged once, read through its record."""
    session = open_session(options, cwd)
    selection = select_files(list(options.paths), session.policy, cwd)
    history, notes = _history(cwd)
    pages = [Page(t.shown, t.relative, t.path) for t in selection.targets]
    articles = judge_all(session, pages, partial(_article, session, history), options.jobs)
    audit = Audit(session.today.isoformat(), articles, notes + selection.notes)
    audit.site = summarise(articles, session.today)
    return audit


def _article(session: Session, history: dict[str, date] | None, judged: Judged) -> Article:
    policy, today = session.policy, session.today
    roots = policy.config.config.content.roots
    page, record, found = judged.page, judged.record, judged.diagnostics
    section = section_of(page.relative, roots)
    if record is None:
        return _bare(page.shown, section, found)
    judged_as_article = record.is_article and record.publishable
    dates = record.review
    reviewed, due = dates.reviewed_on, dates.due
    changed = history.get(str((session.cwd / page.shown).resolve())) if history else None
    return Article(
        path=page.shown,
        title=record.title,
        type=record.type,
        status=record.status if record.is_article else "not an article",
        section=section,
        author=people_shown(record.get("author"), None),
        reviewer=people_shown(record.get("reviewer"), policy.registry),
        reviewed_on=reviewed.isoformat() if reviewed else None,
        due=due.isoformat() if due else None,
        days_to_due=(due - today).days if due else None,
        last_changed=changed.isoformat() if changed else None,
        changed_after_review=bool(changed and reviewed and changed > reviewed),
        errors=sum(1 for item in found if item.severity is Severity.ERROR),
        warnings=sum(1 for item in found if item.severity is Severity.WARNING),
        findings=dict(Counter(item.rule for item in found)),
        overdue=judged_as_article and record.overdue(today),
        review_problem=dates.problem if judged_as_article else None,
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
    from checker.errors import GitFailure, UsageError
    from checker.git import Repository

    try:
        repo = Repository(cwd)
    except UsageError as error:  # not a repository, or no git on this machine
        reason = "not a git repository" if "not inside" in error.message else error.message
        return None, [f"last content changes unknown: {reason}"]
    except GitFailure as failure:  # git refuses the repository (another user's)
        return None, [f"last content changes unknown: git failed: {failure}"]
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
    first = date(today.year, today.month, 1)
    months = []
    for offset in range(12):  # the next twelve months, as far as the calendar goes
        try:
            months.append(add_months(first, offset))
        except OverflowError:
            break
    per_month = Counter(article.due[:7] for article in publishable if article.due)

    def group(key: str) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for article in articles:
            name = getattr(article, key) or "(none)"
            entry = found.setdefault(name, {"articles": 0, "with_errors": 0, "overdue": 0})
            entry["articles"] += 1
            entry["with_errors"] += 1 if article.errors else 0
            entry["overdue"] += 1 if article.overdue else 0
        return dict(sorted(found.items()))

    def due_within(days: int) -> int:
        return sum(
            1
            for a in publishable
            if not a.overdue and a.days_to_due is not None and 0 <= a.days_to_due <= days
        )

    return {
        "articles": len(articles),
        "publishable": len(publishable),
        "compliant": len(compliant),
        "compliance": round(len(compliant) / len(publishable), 4) if publishable else 1.0,
        "overdue": sum(1 for a in publishable if a.overdue),
        "review_date_unreadable": sum(1 for a in publishable if a.review_problem),
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
