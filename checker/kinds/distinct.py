"""``distinct``: one person must not fill two roles (the reviewer is not an author)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.documents import Document
from checker.kinds.base import Context, Finding, Params, at, rule_kind


def person_key(name: str) -> str:
    """``Greg Mulhauser`` and ``greg-mulhauser`` are the same person."""
    return re.sub(r"[\W_]+", "-", name.casefold()).strip("-")


def people(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


class DistinctParams(Params):
    field: str
    other: str


@rule_kind("distinct", DistinctParams)
def check(document: Document, params: DistinctParams, context: Context) -> Iterator[Finding]:
    """Nobody named in ``field`` may also be named in ``other``."""
    others = {person_key(name) for name in people(document.get(params.other)) if name.strip()}
    for name in people(document.get(params.field)):
        if name.strip() and person_key(name) in others:
            yield at(document, params.field, {"value": name})
