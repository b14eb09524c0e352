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


# A time of day after a date, as YAML 1.1 timestamps (what Ruby's Psych reads for the
# tech-docs gem), ISO 8601 and RFC 3339 write it: ``T`` or spaces, ``hh:mm`` with optional
# seconds and fraction, then an optional zone (``Z``, ``+01:00``, ``+0100``, ``-5``).
_TIME_OF_DAY = re.compile(
    r"(?P<date>.+?)(?:[Tt]|[ \t]+)(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.[0-9]+)?)?"
    r"(?:[ \t]*(?:[Zz]|[+-](?P<zh>[0-9]{1,2})(?::?(?P<zm>[0-9]{2}))?))?"
)
_TIME_CODES = ("%H", "%I", "%M", "%S", "%f", "%p", "%z", "%Z", "%X", "%T", "%R", "%c")


def plain_day_format(date_format: str) -> bool:
    """A strftime format that names a calendar day and nothing of the time of day."""
    return not month_precision(date_format) and not any(code in date_format for code in _TIME_CODES)


def _date_part(text: str) -> str | None:
    """The date before a valid time of day (hours 0-23, minutes 0-59, seconds 0-60, zone
    within a day), or ``None`` when ``text`` does not end in one."""
    found = _TIME_OF_DAY.fullmatch(text)
    if found is None:
        return None
    second = int(found.group("second") or 0)
    zone_hours, zone_minutes = int(found.group("zh") or 0), int(found.group("zm") or 0)
    if int(found.group("hour")) > 23 or int(found.group("minute")) > 59 or second > 60:
        return None
    if zone_hours > 23 or zone_minutes > 59:
        return None
    return found.group("date")


def parse_site_date(value: object, formats: tuple[str, ...]) -> tuple[date, bool] | None:
    """A front-matter date: ISO ``YYYY-MM-DD`` first, then each strftime format in
    ``formats``, in order. Returns the date and whether it is only a month (a format
    without a day, e.g. ``%B %Y``: the date is the month's first day); ``None`` when the
    value matches none of them (never a guess). Values are text; a YAML date is never
    constructed (see ``yaml12``) and TOML dates arrive as ISO text.

    Each format in ``formats`` that names a day and no time of day also reads that date
    followed by a time of day (``2026-06-01 10:00:00``, ``2026-06-01T10:00:00Z``), as
    YAML timestamps and ISO 8601 write it: the date is the calendar date as written, the
    time and zone are not applied. The built-in model (no ``formats``) takes plain ISO
    dates only."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = parse_iso_date(text)
    if iso is not None:
        return iso, False
    found = _parse_formats(text, formats)
    if found is not None or not formats:
        return found
    day = _date_part(text)
    if day is None:
        return None
    return _parse_formats(day, tuple(f for f in formats if plain_day_format(f)))


def _parse_formats(text: str, formats: tuple[str, ...]) -> tuple[date, bool] | None:
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


# Number words as the tech-docs gem reads them (Chronic 0.10.2's numerizer): zero to
# nineteen, the tens (with a unit after a space, a hyphen or nothing: "twenty four",
# "twenty-four", "twentyfour"), hundreds and thousands ("one hundred and twenty").
_UNITS = {
    word: number
    for number, word in enumerate([
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen",
    ])
} | {"ninteen": 19}  # fmt: skip
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}
_WORD = re.compile(
    "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "and"], key=len, reverse=True)), re.IGNORECASE
)
_UNIT = re.compile(r"(day|week|fortnight|month|year)s?", re.IGNORECASE)

Interval = tuple[int, str]  # (count, unit): (6, "month"), (2, "week")

# The longest interval the calendar holds (0001-01-01 to 9999-12-31), per unit; a count
# with more digits than this is not even converted (Python refuses 4,300-digit numbers).
_CALENDAR_DAYS = (date.max - date.min).days
_MOST = {
    "day": _CALENDAR_DAYS,
    "week": _CALENDAR_DAYS // 7,
    "fortnight": _CALENDAR_DAYS // 14,
    "month": 9999 * 12 - 1,
    "year": 9998,
}
_MOST_DIGITS = 7


def number_words(text: str) -> int | None:
    """``twenty-four`` as 24, as the tech-docs gem's parser reads number words; ``None``
    for anything else (``a``, ``1.5``, ``a dozen``)."""
    words: list[str] = []
    for part in text.lower().replace("-", " ").split():
        position = 0
        while position < len(part):  # "twentyfour" is two words run together
            found = _WORD.match(part, position)
            if found is None:
                return None
            words.append(found.group(0))
            position = found.end()
    total, group, last = 0, None, ""
    for word in words:
        if word == "and":
            if group is None and not total:
                return None
        elif word in _UNITS:
            if (
                last in _UNITS
                or (last in _TENS and _UNITS[word] == 0)
                or (last in _TENS and _UNITS[word] >= 10)
            ):
                return None
            group = (group or 0) + _UNITS[word]
        elif word in _TENS:
            if last in _UNITS or last in _TENS or (group or 0) % 100:
                return None
            group = (group or 0) + _TENS[word]
        elif word == "hundred":
            if group is None or group >= 100 or group == 0:
                return None
            group *= 100
        else:  # thousand
            if group is None or group == 0 or total:
                return None
            total, group = group * 1000, None
        last = word
    if last == "and" or (group is None and not total):
        return None
    return total + (group or 0)


def parse_interval(value: object) -> Interval | None:
    """A review interval as the tech-docs gem reads ``review_in``: a count and a unit
    (day, week, fortnight, month, year; singular or plural, any case): ``6 months``,
    ``six weeks``, ``twenty-four months``, ``one hundred days``; not ``6months``,
    ``1.5 years`` or ``a year`` (the gem's build fails on those). ``None`` otherwise.
    The count may exceed the calendar: see :func:`interval_fits`."""
    if not isinstance(value, str):
        return None
    parts = value.split()
    unit_found = _UNIT.fullmatch(parts[-1]) if len(parts) >= 2 else None
    if unit_found is None:
        return None
    count, unit = " ".join(parts[:-1]), unit_found.group(1).lower()
    if count.isascii() and count.isdigit():
        if len(count) > _MOST_DIGITS:
            return 10**_MOST_DIGITS, unit  # longer than any calendar: see interval_fits
        return int(count), unit
    number = number_words(count)
    return None if number is None else (number, unit)


def interval_fits(interval: Interval) -> bool:
    """False for an interval longer than the whole calendar (more than 9,998 years): no
    date plus it is a date, so a page with it could never fall due."""
    count, unit = interval
    return count <= _MOST[unit]


def add_interval(start: date, interval: Interval) -> date:
    """``start`` plus an interval: days, weeks and fortnights exactly, months and years
    as calendar months (clamped to the month's end), as the tech-docs gem counts them.
    Raises ``OverflowError`` when the result falls after 9999-12-31."""
    from datetime import timedelta

    count, unit = interval
    if unit in ("day", "week", "fortnight"):
        days = count * {"day": 1, "week": 7, "fortnight": 14}[unit]
        try:
            return start + timedelta(days=days)
        except (OverflowError, ValueError):
            raise OverflowError("date out of range") from None
    return add_months(start, count * (12 if unit == "year" else 1))
