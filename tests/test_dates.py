"""Dates: strict ISO parsing and calendar-month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from checker.dates import add_months, parse_iso_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29", date(2024, 2, 29)),
        (" 2024-01-05 ", date(2024, 1, 5)),
        ("2025-02-29", None),
        ("2025-02-30", None),
        ("2024-13-01", None),
        ("20240201", None),
        ("2024-2-1", None),
        ("01/02/2024", None),
        ("last spring", None),
        ("2024-02-01T10:00", None),
        ("", None),
    ],
)
def test_parse_iso_date(text: str, expected: date | None) -> None:
    assert parse_iso_date(text) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 24, date(2026, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 8, 31), 1, date(2024, 9, 30)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 3, 10), 24, date(2026, 3, 10)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_out_of_range() -> None:
    with pytest.raises(OverflowError):
        add_months(date(9999, 12, 1), 1)
