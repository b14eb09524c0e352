"""``required``: fields that must carry a value (optionally one matching a pattern)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from checker.documents import is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.kinds.dates import expected_dates
from checker.patterns import Pattern, search
from checker.record import EditorialRecord
from checker.spelling import near_miss


class RequiredParams(Params):
    fields: list[str] = []
    any_of: list[list[str]] = []
    pattern: Pattern | None = None


@rule_kind("required", RequiredParams)
def check(record: EditorialRecord, params: RequiredParams, context: Context) -> Iterator[Finding]:
    """Each field must be present and non-blank; an ``any_of`` group needs one of them."""
    for field in params.fields:
        if not record.kept(field):
            continue  # the site keeps no such fact
        value = record.get(field)
        if is_blank(value):
            detail = "is blank" if record.has(field) else _missing(record, field)
            yield at(record, field, {"detail": detail, "expected": expected_dates(record)})
        elif params.pattern is not None and not (
            isinstance(value, str) and search(params.pattern, value)
        ):
            yield at(record, field, {"detail": f"does not match {params.pattern!r}"})
    for listed in params.any_of:
        group = [field for field in listed if record.kept(field)]
        if group and all(is_blank(record.get(field)) for field in group):
            if any(record.has(field) for field in group):
                detail = "is blank"
            else:
                detail = next(
                    (found for found in map(partial(_missing, record), group) if found != _GONE),
                    _GONE,
                )
            yield at(
                record, group[0], {"field": " or ".join(map(record.key, group)), "detail": detail}
            )


_GONE = "is missing"


def _missing(record: EditorialRecord, field: str) -> str:
    """``is missing``, naming a key that nearly matches: ``is missing (found `Title`; keys
    are case-sensitive)``."""
    path = record.path(field)
    if not path:
        return _GONE
    parent = record.document.get(path[:-1]) if len(path) > 1 else record.document.data
    found = near_miss(parent, path[-1]) if isinstance(path[-1], str) else None
    return f"{_GONE} ({found})" if found else _GONE
