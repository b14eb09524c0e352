"""Calendar dates: strict ISO parsing and month arithmetic."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_iso_date(text: str) -> date | None:
    """Parse ``YYYY-MM-DD`` and nothing else; ``None`` when it is not a real date."""
    match = _ISO_DATE.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(start: date, months: int) -> date:
    """``start`` plus whole calendar months, clamped to the last day of the month."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def last_day_of_month(day: date) -> date:
    """The last calendar day of ``day``'s month."""
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


# strftime codes that leave the day of the month unsaid: such a format gives a month
_DAY_CODES = ("%d", "%e", "%j", "%-d", "%x", "%c", "%F", "%D")


def month_precision(date_format: str) -> bool:
    """True when ``date_format`` (strftime codes) names a month but not its day, as
    ``%B %Y`` does: a date read with it stands for the whole month."""
    return not any(code in date_format for code in _DAY_CODES)


def parse_site_date(value: object, formats: tuple[str, ...]) -> tuple[date, bool] | None:
    """A front-matter date: ISO ``YYYY-MM-DD`` first, then each strftime format in
    ``formats``, in order. Returns the date and whether it is only a month (a format
    without a day, e.g. ``%B %Y``: the date is the month's first day); ``None`` when the
    value matches none of them (never a guess). Values are text; a YAML date is never
    constructed (see ``yaml12``) and TOML dates arrive as ISO text."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = parse_iso_date(text)
    if iso is not None:
        return iso, False
    from datetime import datetime

    for date_format in formats:
        try:
            parsed = datetime.strptime(text, date_format).date()
        except ValueError:
            continue
        if not _weekday_agrees(parsed, date_format, text):
            continue  # "Monday, August 14, 2018" was a Tuesday: not a date, never a guess
        return parsed, month_precision(date_format)
    return None


def _weekday_agrees(parsed: date, date_format: str, text: str) -> bool:
    """strptime reads a weekday name and ignores it: the named day must be the date's."""
    for code in ("%A", "%a"):
        if code in date_format and parsed.strftime(code).casefold() not in text.casefold():
            return False
    return True


_NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_INTERVAL = re.compile(
    r"\s*([0-9]+|[A-Za-z]+)\s+(day|week|fortnight|month|year)s?\s*", re.IGNORECASE
)

Interval = tuple[int, str]  # (count, unit): (6, "month"), (2, "week")


def parse_interval(value: object) -> Interval | None:
    """A review interval as the tech-docs gem reads ``review_in``: ``6 months``, ``six
    weeks``, ``1 year``; not ``6months``, ``1.5 years`` or ``a year``. ``None`` otherwise."""
    if not isinstance(value, str):
        return None
    found = _INTERVAL.fullmatch(value)
    if found is None:
        return None
    count = found.group(1).lower()
    if count.isdigit():
        number = int(count)
    elif count in _NUMBER_WORDS:
        number = _NUMBER_WORDS.index(count)
    else:
        return None
    return number, found.group(2).lower()


def add_interval(start: date, interval: Interval) -> date:
    """``start`` plus an interval: days, weeks and fortnights exactly, months and years
    as calendar months (clamped to the month's end). Raises ``OverflowError``."""
    from datetime import timedelta

    count, unit = interval
    if unit in ("day", "week", "fortnight"):
        days = count * {"day": 1, "week": 7, "fortnight": 14}[unit]
        try:
            return start + timedelta(days=days)
        except (OverflowError, ValueError):
            raise OverflowError("date out of range") from None
    return add_months(start, count * (12 if unit == "year" else 1))
