"""``footnotes``: every citation has an entry, and every entry is cited.

A bracketed number of four digits (``[2004]``, 1000 and over) is a year, not a citation,
unless the reference list has that label; an entry with such a label needs no citation
unless the text cites it. A group or range (``[1,2]``, ``[3-5]``) cites only on a page
that has a numbered reference list: elsewhere ``[1, 6]`` is an interval ("a random
integer in [1, 6]").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from checker.kinds.base import Context, Finding, Params, rule_kind
from checker.record import EditorialRecord

YEAR_LIKE = 1000  # bracketed numbers from here on read as years


class FootnoteParams(Params):
    report: Literal["unresolved", "unused"]


def year_like(label: str) -> bool:
    """``[2004]`` in prose: a number of 1000 or more (a year), not a citation."""
    return label.isdigit() and int(label) >= YEAR_LIKE


@rule_kind("footnotes", FootnoteParams)
def check(record: EditorialRecord, params: FootnoteParams, context: Context) -> Iterator[Finding]:
    """Citations like [3], [1,2], [3-5] or [^3] must match the reference list, both ways."""
    facts = record.document.facts
    listed = {mark.label for mark in facts.references}
    cited = {mark.label for mark in facts.citations}
    if params.report == "unresolved":
        numbered = any(label.isdigit() for label in listed)
        for mark in facts.citations:
            if mark.group and not numbered:
                continue  # an interval on a page without a reference list
            if mark.label not in listed and not year_like(mark.label):
                yield Finding(mark.line, mark.column, {"label": mark.label})
    else:
        for mark in facts.references:
            if mark.label not in cited and not year_like(mark.label):
                yield Finding(mark.line, mark.column, {"label": mark.label})
