"""Date kinds: ``date-valid``, ``date-order`` and ``freshness`` (review due dates).

Dates are read with the site's ``date_formats`` besides ISO; the due date and what counts
as overdue or due soon come from the page's editorial record, the one place they are
worked out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Literal

from checker.documents import is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.record import EditorialRecord

_CODES = {
    "%Y": "YYYY",
    "%y": "YY",
    "%m": "MM",
    "%d": "DD",
    "%B": "Month",
    "%b": "Mon",
    "%A": "Weekday",
    "%a": "Day",
    "%e": "D",
    "%H": "hh",
    "%I": "hh",
    "%M": "mm",
    "%S": "ss",
    "%f": "ffffff",
    "%p": "AM",
    "%z": "+hhmm",
    "%Z": "TZ",
    "%j": "DDD",
    "%%": "%",
}


def readable_format(date_format: str) -> str:
    """``%d/%m/%Y`` as an editor reads it: ``DD/MM/YYYY``."""
    return re.sub(r"%.", lambda code: _CODES.get(code.group(0), code.group(0)[1]), date_format)


def expected_dates(record: EditorialRecord) -> str:
    """How the site may write a date: ``YYYY-MM-DD``, then its own formats."""
    formats = ["YYYY-MM-DD"]
    formats += [f for f in map(readable_format, record.model.date_formats) if f not in formats]
    return " or ".join(formats)


class DateValidParams(Params):
    fields: list[str]


@rule_kind("date-valid", DateValidParams)
def check_valid(
    record: EditorialRecord, params: DateValidParams, context: Context
) -> Iterator[Finding]:
    """Every listed date that is filled in must be a real calendar date, in ISO
    (YYYY-MM-DD) or one of the site's ``date_formats``."""
    for field in params.fields:
        value = record.get(field)
        if is_blank(value):
            continue
        if not isinstance(value, str) or not record.date_readable(field):
            values = {"value": record.written(field), "expected": expected_dates(record)}
            yield at(record, field, values)


class DateOrderParams(Params):
    field: str
    not_after: str | None = None  # "today" or another date field
    not_before: str | None = None


def _bound(record: EditorialRecord, name: str, context: Context) -> date | None:
    return context.today if name == "today" else record.date_of(name)


@rule_kind("date-order", DateOrderParams)
def check_order(
    record: EditorialRecord, params: DateOrderParams, context: Context
) -> Iterator[Finding]:
    """A date must not fall after (or before) today or another date field."""
    value = record.date_of(params.field)
    if value is None:
        return
    after = _bound(record, params.not_after, context) if params.not_after else None
    before = _bound(record, params.not_before, context) if params.not_before else None
    if (after is not None and value > after) or (before is not None and value < before):
        limit = after if after is not None and value > after else before
        assert limit is not None
        yield at(
            record,
            params.field,
            {
                "value": value.isoformat(),
                "limit": limit.isoformat(),
                "other": record.key(params.not_before or ""),
            },
        )


class FreshnessParams(Params):
    window: Literal["overdue", "due-soon"]


@rule_kind("freshness", FreshnessParams)
def check_freshness(
    record: EditorialRecord, params: FreshnessParams, context: Context
) -> Iterator[Finding]:
    """A review falls due a set interval after it was done (the page's own interval, else
    its type's), or on the page's own next-review date; warn ahead of time."""
    due = record.review.due
    if due is None:
        return
    if (params.window == "overdue" and record.overdue(context.today)) or (
        params.window == "due-soon" and record.due_soon(context.today)
    ):
        where = "review_due" if record.review.due_read else "reviewed_on"
        days = (due - context.today).days
        values = {
            "due": due.isoformat(),
            "days": abs(days),
            "when": _when(days),  # "in 3 days", "today", "2 days ago"
            "date_field": record.key("reviewed_on"),
        }
        yield at(record, where, values)


def _when(days: int) -> str:
    if days == 0:
        return "today"
    count = f"{abs(days)} day{'' if abs(days) == 1 else 's'}"
    return f"in {count}" if days > 0 else f"{count} ago"
