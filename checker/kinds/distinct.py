"""``distinct``: one person must not fill two roles (the reviewer is not an author)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.people import people, person_key
from checker.record import EditorialRecord


class DistinctParams(Params):
    field: str
    other: str


@rule_kind("distinct", DistinctParams)
def check(record: EditorialRecord, params: DistinctParams, context: Context) -> Iterator[Finding]:
    """Nobody named in ``field`` may also be named in ``other``."""
    others = {person_key(name) for name in people(record.get(params.other)) if name.strip()}
    for name in people(record.get(params.field)):
        if name.strip() and person_key(name) in others:
            yield at(record, params.field, {"value": name})
