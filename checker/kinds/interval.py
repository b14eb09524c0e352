"""``interval``: a page's own review interval can be read (``6 months``, ``one year``)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.dates import parse_interval
from checker.kinds.base import Context, Finding, Params, at, rule_kind, shown
from checker.record import EditorialRecord


class IntervalParams(Params):
    field: str = "review_interval"
    required: bool = False  # a page without one is a finding too


@rule_kind("interval", IntervalParams)
def check(record: EditorialRecord, params: IntervalParams, context: Context) -> Iterator[Finding]:
    """The interval is a whole number (or a number word up to twenty) and a unit: day,
    week, fortnight, month or year, as the tech-docs gem reads ``review_in``."""
    fact = record.fact(params.field)
    if not fact.present or fact.blank:
        if params.required:
            yield at(record, params.field, {"value": "missing"})
        return
    if parse_interval(fact.value) is None:
        yield at(record, params.field, {"value": shown(fact.value)})
