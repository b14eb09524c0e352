"""``placeholder``: unfilled template gaps anywhere in the file."""

from __future__ import annotations

from collections.abc import Iterator

from checker.kinds.base import Context, Finding, Params, rule_kind
from checker.patterns import Pattern, compiled
from checker.record import EditorialRecord

MAX_PER_FILE = 20


class PlaceholderParams(Params):
    patterns: list[Pattern]


@rule_kind("placeholder", PlaceholderParams)
def check(
    record: EditorialRecord, params: PlaceholderParams, context: Context
) -> Iterator[Finding]:
    """Any match of the patterns, in front matter or body, is a gap to fill."""
    combined = compiled("|".join(f"(?:{pattern})" for pattern in params.patterns))
    found = [(match.start(), match.group(0)) for match in combined.finditer(record.document.text)]
    for index, text in found[:MAX_PER_FILE]:
        line, column = record.document.line_col(index)
        yield Finding(line, column, {"text": text.strip() or text})
