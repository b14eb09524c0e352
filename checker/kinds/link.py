"""``link``: a policy link, in a front-matter field or as a Markdown link in the body."""

from __future__ import annotations

from collections.abc import Iterator

from checker.documents import is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.patterns import Pattern, search
from checker.record import EditorialRecord


class LinkParams(Params):
    field: str | None = None
    pattern: Pattern


@rule_kind("link", LinkParams)
def check(record: EditorialRecord, params: LinkParams, context: Context) -> Iterator[Finding]:
    """The field is filled in, or the body links to a page whose text or URL matches."""
    field = params.field if params.field and record.kept(params.field) else None
    if field and not is_blank(record.get(field)):
        return
    for link in record.document.facts.links:
        if search(params.pattern, link.text) or search(params.pattern, link.url):
            return
    if field:
        yield at(record, field)
    else:
        yield Finding(record.document.body_line, 1, {"field": "body"})
