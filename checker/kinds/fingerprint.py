"""``fingerprint``: the reviewed text must still be the text on the page."""

from __future__ import annotations

from collections.abc import Iterator

from checker.documents import Document, body_fingerprint
from checker.kinds.base import Context, Finding, Params, at, rule_kind


class FingerprintParams(Params):
    field: str


@rule_kind("fingerprint", FingerprintParams)
def check(document: Document, params: FingerprintParams, context: Context) -> Iterator[Finding]:
    """When a body fingerprint is recorded, the body must still match it."""
    recorded = document.get(params.field)
    if not isinstance(recorded, str) or not recorded.strip():
        return
    if recorded.strip() != body_fingerprint(document.body):
        yield at(document, params.field)
