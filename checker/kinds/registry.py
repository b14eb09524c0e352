"""``registry``: the reviewer is in the registry, was active, and may review this page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from checker.dates import parse_iso_date
from checker.documents import Document
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.kinds.distinct import people


class RegistryParams(Params):
    field: str = "reviewed.by"
    date_field: str = "reviewed.on"
    check: Literal["unknown", "inactive", "not-qualified"]


@rule_kind("registry", RegistryParams)
def check(document: Document, params: RegistryParams, context: Context) -> Iterator[Finding]:
    """Each reviewer named must be in the registry, active then, and qualified for the page."""
    registry = context.registry
    if registry is None:
        return
    for name in people(document.get(params.field)):
        if not name.strip():
            continue
        reviewer = registry.find(name)
        if reviewer is None:
            if params.check == "unknown":
                yield at(document, params.field, {"value": name, "registry": registry.shown})
            continue
        values = {"reviewer": reviewer.shown, "value": name}
        if params.check == "inactive":
            raw = document.get(params.date_field)
            day = parse_iso_date(raw) if isinstance(raw, str) else None
            if day is not None and not reviewer.active_on(day):
                since = reviewer.active_from.isoformat() if reviewer.active_from else "the start"
                until = reviewer.active_until.isoformat() if reviewer.active_until else "now"
                period = f"{since} to {until}"
                yield at(
                    document,
                    params.date_field,
                    {**values, "date": day.isoformat(), "period": period},
                )
        elif params.check == "not-qualified":
            kind = document.type or "article"
            if reviewer.types is not None and kind not in reviewer.types:
                yield at(document, params.field, {**values, "what": f"{kind} pages"})
            elif reviewer.sections is not None and context.section not in reviewer.sections:
                section = context.section or "top-level"
                yield at(document, params.field, {**values, "what": f"the {section} section"})
