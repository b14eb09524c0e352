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
