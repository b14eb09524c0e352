"""``interval``: a page's own review interval can be read (``6 months``, ``one year``)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.dates import interval_fits, parse_interval
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.record import EditorialRecord


class IntervalParams(Params):
    field: str = "review_interval"
    required: bool = False  # a page without one is a finding too


@rule_kind("interval", IntervalParams)
def check(record: EditorialRecord, params: IntervalParams, context: Context) -> Iterator[Finding]:
    """The interval is a whole number (or number words: ``twenty-four``) and a unit: day,
    week, fortnight, month or year, as the tech-docs gem reads ``review_in``; and no
    longer than the calendar (9,998 years), or the page could never fall due."""
    fact = record.fact(params.field)
    if not fact.present or fact.blank:
        if params.required:
            yield at(record, params.field, {"value": "missing", "advice": _WRITE})
        return
    interval = parse_interval(fact.value)
    if interval is None:
        yield at(record, params.field, {"value": record.written(params.field), "advice": _WRITE})
    elif not interval_fits(interval):
        yield at(record, params.field, {"value": record.written(params.field), "advice": _LONG})


_WRITE = "write a whole number and a unit, e.g. 6 months"
_LONG = (
    "that is longer than the calendar (over 9,998 years), so the page would never fall "
    "due; write the interval the page needs"
)
