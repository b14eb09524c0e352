"""Date kinds: ``date-valid``, ``date-order`` and ``freshness`` (review due dates)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from checker.dates import add_months, parse_iso_date
from checker.documents import Document, is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind, shown


def field_date(document: Document, field: str) -> date | None:
    value = document.get(field)
    return parse_iso_date(value) if isinstance(value, str) else None


class DateValidParams(Params):
    fields: list[str]


@rule_kind("date-valid", DateValidParams)
def check_valid(document: Document, params: DateValidParams, context: Context) -> Iterator[Finding]:
    """Every listed date that is filled in must be a real ISO calendar date (YYYY-MM-DD)."""
    for field in params.fields:
        value = document.get(field)
        if is_blank(value):
            continue
        if not isinstance(value, str) or parse_iso_date(value) is None:
            yield at(document, field, {"value": shown(value)})


class DateOrderParams(Params):
    field: str
    not_after: str | None = None  # "today" or another date field
    not_before: str | None = None


def _bound(document: Document, name: str, context: Context) -> date | None:
    return context.today if name == "today" else field_date(document, name)


@rule_kind("date-order", DateOrderParams)
def check_order(document: Document, params: DateOrderParams, context: Context) -> Iterator[Finding]:
    """A date must not fall after (or before) today or another date field."""
    value = field_date(document, params.field)
    if value is None:
        return
    after = _bound(document, params.not_after, context) if params.not_after else None
    before = _bound(document, params.not_before, context) if params.not_before else None
    if (after is not None and value > after) or (before is not None and value < before):
        limit = after if after is not None and value > after else before
        assert limit is not None
        yield at(document, params.field, {"value": value.isoformat(), "limit": limit.isoformat()})


class FreshnessParams(Params):
    field: str
    window: Literal["overdue", "due-soon"]


def due_date(reviewed: date, interval_months: int) -> date:
    return add_months(reviewed, interval_months)


@rule_kind("freshness", FreshnessParams)
def check_freshness(
    document: Document, params: FreshnessParams, context: Context
) -> Iterator[Finding]:
    """A review falls due ``interval`` months after it was done; warn ahead of time."""
    reviewed = field_date(document, params.field)
    if reviewed is None or reviewed > context.today:
        return
    try:
        due = due_date(reviewed, context.review.interval_months)
    except OverflowError:
        return
    days_left = (due - context.today).days
    values = {"due": due.isoformat(), "days": abs(days_left)}
    overdue = days_left < 0
    due_soon = 0 <= days_left <= context.review.warn_days
    if (params.window == "overdue" and overdue) or (params.window == "due-soon" and due_soon):
        yield at(document, params.field, values)
