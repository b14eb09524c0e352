"""The `techdocs` pack on a synthetic GOV.UK tech-docs site, and due-date tables for both
packs at month ends and leap days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.dates import add_interval as review_date
from checker.dates import add_months, parse_interval, parse_site_date
from tests.conftest import Run

TECHDOCS_FORMATS = ("%Y-%m-%d",)  # the techdocs pack's date_formats: the gem's loose dates


def parse_date(value: object) -> date | None:
    found = parse_site_date(value, TECHDOCS_FORMATS)
    return found[0] if found else None


def page(*lines: str, body: str = "Some documentation.\n") -> str:
    return "---\n" + "".join(line + "\n" for line in ("title: A page", *lines)) + "---\n" + body


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tech-docs source folder: .html.md and .html.md.erb pages, a partial, a page with no
    review keys, one that shows front matter in its body, and assorted problems."""
    (tmp_path / ".git").mkdir()
    source = tmp_path / "source"
    (source / "documentation").mkdir(parents=True)
    files = {
        "index.html.md.erb": page(
            "last_reviewed_on: 2026-11-01", "review_in: 6 months", 'owner_slack: "#platform"'
        ),
        "documentation/overdue.html.md": page(
            "last_reviewed_on: 2026-05-25", "review_in: 6 months", 'owner_slack: "#platform"'
        ),
        "documentation/soon.html.md": page(
            "last_reviewed_on: 2025-12-20", "review_in: 1 year", 'owner_slack: "#platform"'
        ),
        "documentation/unreviewed.html.md": page(
            body="```yaml\n---\nlast_reviewed_on: 1999-01-01\nreview_in: 1 day\n---\n```\n"
        ),
        "documentation/no-owner.html.md": page(
            "last_reviewed_on: 2026-10-01", "review_in: 3 months"
        ),
        "documentation/bad-interval.html.md": page(
            "last_reviewed_on: 2026-10-01", "review_in: 1.5 years", 'owner_slack: "@alex"'
        ),
        "documentation/bad-date.html.md": page(
            "last_reviewed_on: 2018-012-07", "review_in: 2 weeks", 'owner_slack: "@alex"'
        ),
        "documentation/no-date.html.md": page("review_in: six weeks", 'owner_slack: "@alex"'),
        "documentation/unpadded.html.md": page(
            "last_reviewed_on: 2026-9-1", "review_in: a fortnight", 'owner_slack: "@alex"'
        ),
        "documentation/_partial.html.md": page("review_in: nonsense"),
        "documentation/plain.html.md": "# No front matter at all\n",
    }
    for name, text in files.items():
        (source / name).write_text(text)
    return tmp_path


def test_techdocs_site_without_config(site: Path, run: Run) -> None:
    result = run(
        "check", "source", "--pack", "techdocs", "--today", "2026-11-25", "--format", "json"
    )
    assert result.code == 1
    assert result.json["files_checked"] == 10  # the partial is not a page
    assert result.found() == [
        ("source/documentation/bad-date.html.md", 3, 1, "review-date-invalid"),
        ("source/documentation/bad-interval.html.md", 4, 1, "review-interval-invalid"),
        ("source/documentation/no-date.html.md", 5, 1, "review-date-required"),
        ("source/documentation/no-owner.html.md", 5, 1, "owner-required"),
        ("source/documentation/overdue.html.md", 3, 1, "review-overdue"),
        ("source/documentation/soon.html.md", 3, 1, "review-due-soon"),
        ("source/documentation/unpadded.html.md", 4, 1, "review-interval-invalid"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 months", (6, "month")),
        ("1 Year", (1, "year")),
        ("six weeks", (6, "week")),
        ("TWO FORTNIGHTS", (2, "fortnight")),
        ("1 day", (1, "day")),
        ("3 days", (3, "day")),
        ("6months", None),
        ("1.5 years", None),
        ("a year", None),
        ("", None),
        ("6", None),
        (6, None),
    ],
)
def test_intervals(text: object, expected: tuple[int, str] | None) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-03-29", date(2019, 3, 29)),
        ("2017-5-02", date(2017, 5, 2)),
        ("2019-03-2r9", None),
        ("2018-012-07", None),
        ("2019-02-30", None),
        ("", None),
        (None, None),
    ],
)
def test_dates(text: object, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("reviewed", "interval", "due"),
    [
        (date(2024, 1, 31), (1, "month"), date(2024, 2, 29)),
        (date(2023, 1, 31), (1, "month"), date(2023, 2, 28)),
        (date(2024, 2, 29), (1, "year"), date(2025, 2, 28)),
        (date(2024, 2, 29), (4, "year"), date(2028, 2, 29)),
        (date(2024, 8, 31), (6, "month"), date(2025, 2, 28)),
        (date(2024, 12, 31), (2, "week"), date(2025, 1, 14)),
        (date(2024, 2, 22), (1, "fortnight"), date(2024, 3, 7)),
        (date(2023, 2, 28), (1, "day"), date(2023, 3, 1)),
    ],
)
def test_techdocs_due_dates(reviewed: date, interval: tuple[int, str], due: date) -> None:
    assert review_date(reviewed, interval) == due


@pytest.mark.parametrize(
    ("reviewed", "due"),
    [
        (date(2024, 2, 29), date(2026, 2, 28)),
        (date(2022, 8, 31), date(2024, 8, 31)),
        (date(2023, 12, 31), date(2025, 12, 31)),
        (date(2024, 3, 31), date(2026, 3, 31)),
    ],
)
def test_health_due_dates(reviewed: date, due: date) -> None:
    assert add_months(reviewed, 24) == due


def test_overdue_on_the_review_date_itself(site: Path, run: Run) -> None:
    """The gem counts a page overdue on its review date; the health pack, the day after."""
    on_the_day = run(
        "check",
        "source/documentation/overdue.html.md",
        "--pack",
        "techdocs",
        "--today",
        "2026-11-25",
        "--format",
        "json",
    )
    assert [rule for *_, rule in on_the_day.found()] == ["review-overdue"]
    before = run(
        "check",
        "source/documentation/overdue.html.md",
        "--pack",
        "techdocs",
        "--today",
        "2026-11-24",
        "--format",
        "json",
    )
    assert [rule for *_, rule in before.found()] == ["review-due-soon"]
