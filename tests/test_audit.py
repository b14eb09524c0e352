"""`edcheck audit`: exact figures for the example site in every format, escaping, compare."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, TODAY, Run, complete_article, git_env


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The example site, copied outside git (so the history is 'unknown')."""
    copy = tmp_path / "site"
    shutil.copytree(ROOT / "examples" / "site", copy)
    (copy / ".git").mkdir()
    return copy


def audit_json(run: Run, cwd: Path, *extra: str) -> dict[str, Any]:
    result = run("audit", "--format", "json", "--today", TODAY, *extra, cwd=cwd)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert isinstance(data, dict)
    return data


def test_example_site_figures(site: Path, run: Run) -> None:
    data = audit_json(run, site)
    figures = dict(data["site"])
    figures.pop("generated")
    assert figures == {
        "articles": 11,
        "publishable": 9,
        "compliant": 6,
        "compliance": 0.6667,
        "overdue": 1,
        "review_date_unreadable": 0,
        "due_30_days": 1,
        "due_90_days": 2,
        "changed_after_review": 0,
        "by_rule": {
            "review-overdue": 1,
            "review-due-soon": 1,
            "review-date-required": 1,
            "author-required": 1,
            "published-date-required": 1,
            "book-details": 1,
            "empty-placeholder": 1,
            "rating-range": 1,
            "isbn-invalid": 1,
        },
        "by_section": {
            "articles": {"articles": 8, "with_errors": 1, "overdue": 1},
            "reviews": {"articles": 3, "with_errors": 2, "overdue": 0},
        },
        "by_reviewer": {
            "(none)": {"articles": 2, "with_errors": 0, "overdue": 0},
            "Dr Amira Haddad": {"articles": 4, "with_errors": 2, "overdue": 1},
            "greg-mulhauser": {"articles": 5, "with_errors": 1, "overdue": 0},
        },
        "by_status": {"draft": 1, "in-review": 1, "published": 9},
        "due_per_month": {
            "2026-11": 0,
            "2026-12": 1,
            "2027-01": 0,
            "2027-02": 1,
            "2027-03": 0,
            "2027-04": 1,
            "2027-05": 1,
            "2027-06": 0,
            "2027-07": 0,
            "2027-08": 1,
            "2027-09": 0,
            "2027-10": 2,
        },
    }
    assert len(data["notes"]) == 1
    assert data["notes"][0].startswith("last content changes unknown: ")
    articles = {article["path"]: article for article in data["articles"]}
    seed = articles["content/reviews/how-connections-heal.md"]
    assert (seed["errors"], seed["reviewer"], seed["section"], seed["due"]) == (
        5,
        "greg-mulhauser",
        "reviews",
        None,
    )
    overdue = articles["content/articles/mindfulness-basics.md"]
    assert (overdue["due"], overdue["days_to_due"]) == ("2024-03-01", -999)


def test_csv_reads_back(site: Path, run: Run) -> None:
    result = run("audit", "--format", "csv", "--today", TODAY, cwd=site)
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert len(rows) == 11
    assert list(rows[0])[:4] == ["path", "title", "type", "status"]
    seed = next(row for row in rows if row["path"].endswith("how-connections-heal.md"))
    assert seed["findings"] == (
        "author-required=1; book-details=1; empty-placeholder=1; published-date-required=1; "
        "review-date-required=1"
    )


def test_html_is_self_contained_and_escaped(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    hostile = complete_article(title='"<script>alert(1)</script>"')
    (tmp_path / "a.md").write_text(hostile)
    result = run(
        "audit",
        "--format",
        "html",
        "--today",
        TODAY,
        "--link",
        "https://example.org/blob/main/{path}",
        cwd=tmp_path,
    )
    page = result.out
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://example.org/blob/main/a.md"' in page
    assert "<link" not in page and " src=" not in page  # nothing fetched from anywhere
    assert page.count("<script>") == 1  # only the sorting and filtering script


def test_compare(site: Path, run: Run, tmp_path: Path) -> None:
    before = tmp_path / "before.json"
    before.write_text(json.dumps(audit_json(run, site)))
    article = site / "content" / "reviews" / "rooms-of-the-mind.md"
    article.write_text(article.read_text().replace("rating: 3.7", "rating: 3.5"))
    (site / "content" / "articles" / "new.md").write_text(complete_article(author='""'))
    data = audit_json(run, site, "--compare", str(before))
    assert data["compared"] == {
        "previous": TODAY,
        "compliance_delta": -0.0667,
        "new_findings": [
            {"path": "content/articles/new.md", "rule": "author-required", "count": 1}
        ],
        "fixed_findings": [
            {"path": "content/reviews/rooms-of-the-mind.md", "rule": "rating-range", "count": 1}
        ],
    }
    text = run("audit", "--today", TODAY, "--compare", str(before), cwd=site)
    assert "Since 2026-11-25: -6.7 points, 1 new findings, 1 fixed." in text.out
    bad = run("audit", "--compare", str(site / ".edcheck.yaml"), cwd=site)
    assert bad.code == 2


def test_history_from_git(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    env = git_env()

    def git(*args: str, when: str = "2026-01-01T12:00:00") -> None:
        subprocess.run(
            ["git", *args],
            cwd=root,
            env={**env, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when},
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    (root / "a.md").write_text(complete_article())  # reviewed 2026-02-01
    (root / "b.md").write_text(complete_article())
    git("add", "-A")
    git("commit", "-qm", "one", when="2026-01-15T12:00:00")
    (root / "b.md").write_text(complete_article().replace("Body text.", "Edited later."))
    git("commit", "-qam", "two", when="2026-03-01T12:00:00")
    data = audit_json(run, root)
    articles = {article["path"]: article for article in data["articles"]}
    assert (articles["a.md"]["last_changed"], articles["a.md"]["changed_after_review"]) == (
        "2026-01-15",
        False,
    )
    assert (articles["b.md"]["last_changed"], articles["b.md"]["changed_after_review"]) == (
        "2026-03-01",
        True,
    )
    assert data["site"]["changed_after_review"] == 1


def test_audit_file_output_and_bad_format(site: Path, run: Run) -> None:
    written = run("audit", "--format", "html", "--output", "audit.html", "--today", TODAY, cwd=site)
    assert (written.code, written.out) == (0, "wrote the audit of 11 articles to audit.html\n")
    assert (site / "audit.html").read_text().startswith("<!DOCTYPE html>")
    assert run("audit", "--format", "pdf", cwd=site).code == 2


def test_parallel_audit_matches_serial(tmp_path: Path) -> None:
    from dataclasses import asdict

    from checker.api import Options
    from checker.audit import run_audit

    (tmp_path / ".git").mkdir()
    for index in range(420):
        text = complete_article() if index % 5 else complete_article(author='""')
        (tmp_path / f"a{index:03d}.md").write_text(text)
    today = date.fromisoformat(TODAY)
    serial = run_audit(Options(today=today, jobs=1), tmp_path)
    parallel = run_audit(Options(today=today, jobs=2), tmp_path)
    assert [asdict(a) for a in parallel.articles] == [asdict(a) for a in serial.articles]
    assert parallel.site["compliant"] == 336
