"""``number-range``: a numeric field within bounds, in steps (a star rating)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from checker.documents import is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.record import EditorialRecord


class RangeParams(Params):
    field: str
    minimum: float
    maximum: float
    step: float | None = None


def in_range(value: object, params: RangeParams) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return False
    if not params.minimum <= value <= params.maximum:
        return False
    if params.step:
        steps = (value - params.minimum) / params.step
        return math.isclose(steps, round(steps), abs_tol=1e-9)
    return True


@rule_kind("number-range", RangeParams)
def check(record: EditorialRecord, params: RangeParams, context: Context) -> Iterator[Finding]:
    """A filled-in value must be a number between the bounds, in whole steps (a blank
    one is the ``required`` kind's to report)."""
    value = record.get(params.field)
    if not is_blank(value) and not in_range(value, params):
        yield at(record, params.field, {"value": record.written(params.field)})
