"""``techdocs``: GOV.UK tech-docs review dates (``last_reviewed_on`` + ``review_in``), with
the tech-docs gem's own semantics."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal

from checker.dates import add_months
from checker.documents import Document, is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind, shown

_NUMBERS = {
    word: number
    for number, word in enumerate(
        [
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
    )
}
_INTERVAL = re.compile(
    r"\s*([0-9]+|[A-Za-z]+)\s+(day|week|fortnight|month|year)s?\s*", re.IGNORECASE
)
_LOOSE_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def parse_interval(value: object) -> tuple[int, str] | None:
    """``6 months`` or ``six weeks`` as (6, "month"); not ``6months``, ``1.5 years``, ``a year``."""
    if not isinstance(value, str):
        return None
    found = _INTERVAL.fullmatch(value)
    if found is None:
        return None
    count = found.group(1).lower()
    number = int(count) if count.isdigit() else _NUMBERS.get(count)
    if number is None:
        return None
    return number, found.group(2).lower()


def parse_date(value: object) -> date | None:
    """``2019-03-29`` and, as the gem reads it, ``2017-5-02``; nothing else."""
    if not isinstance(value, str):
        return None
    found = _LOOSE_DATE.fullmatch(value)
    if found is None:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def review_date(reviewed: date, interval: tuple[int, str]) -> date:
    count, unit = interval
    if unit in ("day", "week", "fortnight"):
        return reviewed + timedelta(days=count * {"day": 1, "week": 7, "fortnight": 14}[unit])
    return add_months(reviewed, count * (12 if unit == "year" else 1))


class TechdocsParams(Params):
    check: Literal[
        "overdue", "due-soon", "date-required", "date-invalid", "interval-invalid", "owner-required"
    ]
    date_field: str = "last_reviewed_on"
    interval_field: str = "review_in"
    owner_field: str = "owner_slack"


@rule_kind("techdocs", TechdocsParams)
def check(document: Document, params: TechdocsParams, context: Context) -> Iterator[Finding]:
    """A reviewed tech-docs page needs a valid date, interval and owner, and a review in time."""
    has_date, has_interval = document.has(params.date_field), document.has(params.interval_field)
    if not (has_date or has_interval):
        return  # not a reviewed page
    raw_date, raw_interval = document.get(params.date_field), document.get(params.interval_field)
    reviewed, interval = parse_date(raw_date), parse_interval(raw_interval)
    if params.check == "date-required":
        if not has_date:
            yield at(document, params.date_field)
    elif params.check == "date-invalid":
        if has_date and reviewed is None:
            yield at(document, params.date_field, {"value": shown(raw_date)})
    elif params.check == "interval-invalid":
        if interval is None:
            value = shown(raw_interval) if has_interval else "missing"
            yield at(document, params.interval_field, {"value": value})
    elif params.check == "owner-required":
        if is_blank(document.get(params.owner_field)):
            yield at(document, params.owner_field)
    elif reviewed is not None and interval is not None:
        due = review_date(reviewed, interval)
        values = {"due": due.isoformat(), "days": abs((due - context.today).days)}
        if (params.check == "overdue" and due <= context.today) or (
            params.check == "due-soon" and context.today < due <= add_months(context.today, 1)
        ):
            yield at(document, params.date_field, values)
