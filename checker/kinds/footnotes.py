"""``footnotes``: every citation has an entry, and every entry is cited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from checker.kinds.base import Context, Finding, Params, rule_kind
from checker.record import EditorialRecord


class FootnoteParams(Params):
    report: Literal["unresolved", "unused"]


@rule_kind("footnotes", FootnoteParams)
def check(record: EditorialRecord, params: FootnoteParams, context: Context) -> Iterator[Finding]:
    """Citations like [3] or [^3] must match the reference list, both ways."""
    facts = record.document.facts
    if params.report == "unresolved":
        listed = {mark.label for mark in facts.references}
        for mark in facts.citations:
            if mark.label not in listed:
                yield Finding(mark.line, mark.column, {"label": mark.label})
    else:
        cited = {mark.label for mark in facts.citations}
        for mark in facts.references:
            if mark.label not in cited:
                yield Finding(mark.line, mark.column, {"label": mark.label})
