"""`edcheck review due`: the editors' queue in every format."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from checker.dates import add_months
from tests.conftest import ROOT, TODAY, Run

SITE = ROOT / "examples" / "site"


def test_text_queue(run: Run) -> None:
    result = run("review", "due", "--within", "90d", "--today", TODAY, cwd=SITE)
    assert result.code == 0
    assert result.out == (
        "2024-03-01  overdue by 999 days   content/articles/mindfulness-basics.md  (Dr Amira Haddad, articles)\n"
        "2026-12-10  due in 15 days        content/articles/talking-therapies.md  (greg-mulhauser, articles)\n"
        "2027-02-11  due in 78 days        content/articles/grief-after-loss.md  (Dr Amira Haddad, articles)\n"
        "\n3 reviews: 1 overdue, 2 coming up.\n"
    )


@pytest.mark.parametrize(
    ("within", "count"), [("0d", 1), ("15d", 2), ("2w", 1), ("3m", 3), ("12m", 8)]
)
def test_windows(run: Run, within: str, count: int) -> None:
    result = run(
        "review", "due", "--within", within, "--today", TODAY, "--format", "json", cwd=SITE
    )
    assert len(json.loads(result.out)["reviews"]) == count


def test_csv_reads_back(run: Run) -> None:
    result = run("review", "due", "--within", "12m", "--today", TODAY, "--format", "csv", cwd=SITE)
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0]) == [
        "due",
        "days",
        "path",
        "title",
        "type",
        "section",
        "reviewer",
        "reviewed_on",
        "problem",
    ]
    assert [row["due"] for row in rows] == sorted(row["due"] for row in rows)
    for row in rows:
        reviewed = date.fromisoformat(row["reviewed_on"])
        assert row["due"] == add_months(reviewed, 24).isoformat()
        assert int(row["days"]) == (date.fromisoformat(row["due"]) - date.fromisoformat(TODAY)).days


def test_ics_is_valid_icalendar(run: Run) -> None:
    from icalendar import Calendar

    result = run("review", "due", "--within", "12m", "--today", TODAY, "--format", "ics", cwd=SITE)
    assert "\r\n" in result.out
    calendar = Calendar.from_ical(result.out)
    events = [component for component in calendar.walk("VEVENT")]
    assert len(events) == 8
    first = events[0]
    assert str(first["SUMMARY"]) == "Review due: Mindfulness basics"
    assert first.decoded("DTSTART") == date(2024, 3, 1)
    assert "content/articles/mindfulness-basics.md" in str(first["DESCRIPTION"])
    assert len({str(event["UID"]) for event in events}) == 8


def test_bad_within(run: Run) -> None:
    result = run("review", "due", "--within", "soon", cwd=SITE)
    assert (result.code, result.err) == (
        2,
        "edcheck: error: --within 'soon' is not a span such as 60d, 8w or 3m\n",
    )


@pytest.mark.parametrize(
    ("within", "count"),
    [("10000d", 8), ("36500d", 8), ("36525d", 8), ("5217w", 8), ("1217m", 8), ("0036525d", 8)],
)
def test_long_windows_up_to_100_years(run: Run, within: str, count: int) -> None:
    result = run(
        "review", "due", "--within", within, "--today", TODAY, "--format", "json", cwd=SITE
    )
    assert result.code == 0, result.err
    assert len(result.json["reviews"]) == count


@pytest.mark.parametrize(
    "within", ["40000d", "36526d", "5218w", "1218m", "9999m", "9" * 5000 + "d"]
)
def test_a_window_longer_than_100_years_says_so(run: Run, within: str) -> None:
    result = run("review", "due", "--within", within, "--today", TODAY, cwd=SITE)
    assert (result.code, result.err) == (
        2,
        f"edcheck: error: --within {within} is longer than 100 years\n",
    )


@pytest.mark.parametrize("within", ["\u0666\u0660d", "-5d", "5.5d", "5y"])
def test_a_window_that_is_not_a_span(run: Run, within: str) -> None:
    result = run("review", "due", "--within", within, "--today", TODAY, cwd=SITE)
    assert (result.code, result.err) == (
        2,
        f"edcheck: error: --within {within!r} is not a span such as 60d, 8w or 3m\n",
    )


def test_a_100_year_window_at_the_calendars_end(run: Run) -> None:
    result = run("review", "due", "--within", "36525d", "--today", "9999-12-31", cwd=SITE)
    assert result.code == 0, result.err
    assert "internal error" not in result.err
