"""``registry``: the reviewer is in the registry, was active, and may review this page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.people import people
from checker.record import EditorialRecord


class RegistryParams(Params):
    field: str = "reviewer"
    date_field: str = "reviewed_on"
    check: Literal["unknown", "inactive", "not-qualified"]


@rule_kind("registry", RegistryParams)
def check(record: EditorialRecord, params: RegistryParams, context: Context) -> Iterator[Finding]:
    """Each reviewer named must be in the registry, active then, and qualified for the page."""
    registry = context.registry
    if registry is None:
        return
    for name in people(record.get(params.field)):
        if not name.strip():
            continue
        reviewer = registry.find(name)
        if reviewer is None:
            if params.check == "unknown":
                yield at(record, params.field, {"value": name, "registry": registry.shown})
            continue
        values = {"reviewer": reviewer.shown, "value": name}
        if params.check == "inactive":
            day = record.date_of(params.date_field)
            if day is not None and not reviewer.active_on(day):
                since = reviewer.active_from.isoformat() if reviewer.active_from else "the start"
                until = reviewer.active_until.isoformat() if reviewer.active_until else "now"
                period = f"{since} to {until}"
                yield at(
                    record,
                    params.date_field,
                    {**values, "date": day.isoformat(), "period": period},
                )
        elif params.check == "not-qualified":
            kind = record.type
            if reviewer.types is not None and kind not in reviewer.types:
                yield at(record, params.field, {**values, "what": f"{kind} pages"})
            elif reviewer.sections is not None and context.section not in reviewer.sections:
                section = context.section or "top-level"
                yield at(record, params.field, {**values, "what": f"the {section} section"})
