"""The `techdocs` pack on a synthetic GOV.UK tech-docs site, and due-date tables for both
packs at month ends and leap days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checker.dates import add_interval as review_date
from checker.dates import add_months, parse_interval, parse_site_date
from tests.conftest import Result, Run

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


# -- the calendar's edge (issue 11) ----------------------------------------------------
def _one_page(root: Path, reviewed: str, interval: str) -> None:
    (root / ".git").mkdir(exist_ok=True)
    (root / "page.html.md").write_text(
        page(f"last_reviewed_on: {reviewed}", f"review_in: {interval}", 'owner_slack: "#x"')
    )


def _techdocs(run: Run, command: str, *args: str, today: str = "2026-11-25") -> Result:
    words = command.split()
    return run(*words, "--pack", "techdocs", "--today", today, *args)


def test_a_never_sentinel_is_never_due(tmp_path: Path, run: Run) -> None:
    """9999-12-01 plus a year falls after the calendar: never due, as in the gem (whose
    review date is simply in the year 10000), not an internal error."""
    _one_page(tmp_path, "9999-12-01", "1 year")
    checked = _techdocs(run, "check", "--format", "json", "page.html.md")
    assert (checked.code, checked.found()) == (0, [])
    due = _techdocs(run, "review due", "--within", "36525d", "--format", "json", "page.html.md")
    assert (due.code, due.json["reviews"]) == (0, [])
    audit = _techdocs(run, "audit", "--format", "json", "page.html.md")
    assert audit.code == 0, audit.err
    site = audit.json["site"]
    assert (site["overdue"], site["review_date_unreadable"], site["compliant"]) == (0, 0, 1)
    from checker.documents import read_document
    from checker.model import DEFAULT_FIELDS, EditorialModel
    from checker.record import build_record

    model = EditorialModel(
        fields={
            **DEFAULT_FIELDS,
            "reviewed_on": "last_reviewed_on",
            "review_interval": "review_in",
        },
        date_formats=("%Y-%m-%d",),
    )
    document = read_document(tmp_path / "page.html.md", "page.html.md", 1_000_000)
    dates = build_record(document, "page.html.md", model).review
    assert (dates.due, dates.never_due, dates.problem) == (None, True, None)


@pytest.mark.parametrize("interval", ["999999999 months", "99999999999999999999 days"])
def test_an_interval_longer_than_the_calendar_is_invalid(
    tmp_path: Path, run: Run, interval: str
) -> None:
    _one_page(tmp_path, "2026-01-01", interval)
    checked = _techdocs(run, "check", "--format", "json", "page.html.md")
    assert checked.code == 1, checked.err
    assert [(d["line"], d["rule"], d["message"]) for d in checked.json["diagnostics"]] == [
        (
            4,
            "review-interval-invalid",
            f"review_in is {interval}: that is longer than the calendar (over 9,998 years), so "
            "the page would never fall due; write the interval the page needs",
        )
    ]
    due = _techdocs(run, "review due", "--format", "json", "page.html.md")
    assert [item["problem"] for item in due.json["reviews"]] == [
        f"review_in is {interval}, longer than the calendar"
    ]
    for form in ("text", "csv", "ics"):
        assert _techdocs(run, "review due", "--format", form, "page.html.md").code == 0


def test_a_review_due_on_the_last_day_of_the_calendar(tmp_path: Path, run: Run) -> None:
    """9999-12-30 plus a day is 9999-12-31: overdue on that day (the gem's rule), and an
    iCalendar event with no DTEND (there is no next day), not an internal error."""
    _one_page(tmp_path, "9999-12-30", "1 day")
    checked = _techdocs(run, "check", "--format", "json", "page.html.md", today="9999-12-31")
    assert [rule for *_, rule in checked.found()] == ["review-overdue"]
    ics = _techdocs(run, "review due", "--format", "ics", "page.html.md", today="9999-12-31")
    assert ics.code == 0, ics.err
    assert "DTSTART;VALUE=DATE:99991231\r\n" in ics.out
    assert "DTEND" not in ics.out
    for form in ("text", "json", "html", "csv"):
        audit = _techdocs(run, "audit", "--format", form, "page.html.md", today="9999-12-31")
        assert audit.code == 0, audit.err


def test_ics_dates_have_four_digit_years() -> None:
    from checker.report import Due
    from checker.reporters.due import as_ics

    item = Due(date(5, 3, 1), 0, "a.md", "A", "article", "", date(4, 3, 1), "")
    text = as_ics(date(5, 3, 1), [item])
    assert "DTSTART;VALUE=DATE:00050301\r\n" in text
    assert "DTEND;VALUE=DATE:00050302\r\n" in text
    assert "DTSTAMP:00050301T000000Z\r\n" in text


# -- the forms the gem reads -------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("twenty four months", (24, "month")),
        ("twenty-four months", (24, "month")),
        ("twentyfour months", (24, "month")),
        ("Thirty Days", (30, "day")),
        ("eighteen months", (18, "month")),
        ("ninety days", (90, "day")),
        ("one hundred days", (100, "day")),
        ("one hundred and twenty days", (120, "day")),
        ("two thousand days", (2000, "day")),
        ("fourty days", (40, "day")),  # Chronic's spelling too
        ("zero days", (0, "day")),
        ("hundred days", None),
        ("twenty twenty days", None),
        ("four four days", None),
        ("and six days", None),
        ("six weeks ago", None),
        ("a fortnight", None),
        ("1e3 days", None),
        ("\u0663 days", None),  # an Arabic-Indic digit: not a count the gem reads
    ],
)
def test_number_words(text: str, expected: tuple[int, str] | None) -> None:
    assert parse_interval(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-06-01 10:00:00",
        "2026-06-01T10:00:00Z",
        "2026-06-01t10:00:00z",
        "2026-06-01 10:00:00 +01:00",
        "2026-06-01T10:00:00.25-05:00",
        "2026-06-01 10:00:00 +0100",
        "2026-06-01 10:00",
        "2026-6-1 9:05:00",
    ],
)
def test_dates_with_a_time_of_day(text: str) -> None:
    """YAML 1.1 timestamps (what the gem's YAML reader turns into a Time) and ISO 8601:
    the calendar date as written."""
    assert parse_date(text) in (date(2026, 6, 1),)


@pytest.mark.parametrize(
    "text",
    ["2026-06-01 24:00:00", "2026-06-01 10:60", "2026-06-01 10", "2026-06-01 at 10:00",
     "2026-02-30 10:00:00", "2026-06-01 10:00:00 +25:00"],
)  # fmt: skip
def test_dates_with_a_wrong_time_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_the_built_in_model_takes_plain_iso_dates_only() -> None:
    assert parse_site_date("2026-06-01T10:00:00Z", ()) is None


@pytest.mark.parametrize(
    ("reviewed", "interval", "rule", "message"),
    [
        (
            "2026-06-01 10:00:00",
            "6 months",
            "review-due-soon",
            "review due on 2026-12-01, in 6 days: plan the next review",
        ),
        (
            "2026-06-01T10:00:00Z",
            "6 months",
            "review-due-soon",
            "review due on 2026-12-01, in 6 days: plan the next review",
        ),
        (
            "2024-12-01",
            "twenty four months",
            "review-due-soon",
            "review due on 2026-12-01, in 6 days: plan the next review",
        ),
        (
            "2024-11-25",
            "twenty-four months",
            "review-overdue",
            "review overdue: the page was due for review on 2026-11-25; review it and update "
            "last_reviewed_on",
        ),
        (
            "2026-10-26",
            "thirty days",
            "review-overdue",
            "review overdue: the page was due for review on 2026-11-25; review it and update "
            "last_reviewed_on",
        ),
    ],
)
def test_the_gems_forms_on_a_page(
    tmp_path: Path, run: Run, reviewed: str, interval: str, rule: str, message: str
) -> None:
    _one_page(tmp_path, reviewed, interval)
    checked = _techdocs(run, "check", "--format", "json", "page.html.md")
    assert [(d["line"], d["rule"], d["message"]) for d in checked.json["diagnostics"]] == [
        (3, rule, message)
    ]


def test_signing_a_dated_and_timed_page_writes_a_plain_date(tmp_path: Path, run: Run) -> None:
    _one_page(tmp_path, "2026-06-01 10:00:00", "6 months")
    signed = run(
        "review", "sign", "page.html.md", "--reviewer", "alex", "--pack", "techdocs",
        "--today", "2026-11-25",
    )  # fmt: skip
    assert signed.code == 0, signed.out + signed.err
    assert "last_reviewed_on: 2026-11-25\n" in (tmp_path / "page.html.md").read_text()


def test_signing_refuses_a_next_review_after_the_calendar(tmp_path: Path, run: Run) -> None:
    """A site that keeps the next review date per page cannot have one after 9999-12-31
    written: the file is left as it was, with the reason."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(
        "fields: {review_due: next_review, review_interval: review_in}\n"
        "types:\n  article: {schema: none, packs: []}\n"
    )
    text = (
        "---\ntitle: T\ntype: article\nreview_in: 8000 years\nreviewed:\n  by: a\n"
        "  on: 2026-01-01\nnext_review: 2027-01-01\n---\nBody.\n"
    )
    (tmp_path / "p.md").write_text(text)
    signed = run("review", "sign", "p.md", "--reviewer", "bob", "--today", "2026-11-25")
    assert signed.code == 1
    assert signed.out.strip() == (
        "not signed p.md: the next review (2026-11-25 plus 8000 years) would fall after "
        "9999-12-31, so next_review cannot be written"
    )
    assert (tmp_path / "p.md").read_text() == text
