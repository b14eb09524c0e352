"""``fingerprint``: the reviewed text must still be the text on the page."""

from __future__ import annotations

from collections.abc import Iterator

from checker.documents import body_fingerprint
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.record import EditorialRecord


class FingerprintParams(Params):
    field: str


@rule_kind("fingerprint", FingerprintParams)
def check(
    record: EditorialRecord, params: FingerprintParams, context: Context
) -> Iterator[Finding]:
    """When a body fingerprint is recorded, the body must still match it."""
    recorded = record.get(params.field)
    if not isinstance(recorded, str) or not recorded.strip():
        return
    if recorded.strip() != body_fingerprint(record.document.body):
        yield at(record, params.field)
