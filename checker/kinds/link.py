"""``link``: a policy link, in a front-matter field or as a link in the body.

A link in the body is a Markdown link (inline, reference or autolink), an HTML
``<a href>`` (inline or in an HTML block), an MDX ``<Link to>`` / ``<Link href>``, or a
template tag named in ``tags``: a Hugo shortcode ``{{< ref "..." >}}`` /
``{{% relref "..." %}}`` or a Liquid tag ``{% link ... %}`` / ``{% include link.html
url="..." %}``, whose arguments are taken as its address. A name with a second word
(``include link.html``) names a tag and its first argument.

The field counts only when its value is a link: a URL (``scheme://...``, ``mailto:``)
or a site path (``/...``, ``./...``, ``../...``, ``#...``, or a relative path to a page,
``policies/disclosure.md``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from checker.documents import is_blank
from checker.kinds.base import Context, Finding, Params, at, rule_kind
from checker.patterns import Pattern, search
from checker.record import EditorialRecord

DEFAULT_TAGS = ["ref", "relref", "link", "post_url"]
# {{< name args >}}, {{% name args %}} (Hugo) and {% name args %} (Liquid); bounded
_TAG = re.compile(
    r"\{\{([<%])[ \t]*(?P<hugo>[\w./-]{1,100})(?P<hargs>[^\n]{0,500}?)[ \t]*[>%]\}\}"
    r"|(?<!\{)\{%-?[ \t]*(?P<liquid>[\w-]{1,100})(?P<largs>[^\n]{0,500}?)-?%\}"
)
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|mailto:)\S+")
_SITE_PATH = re.compile(
    r"(?:/|\./|\.\./|#)\S*|[\w.~-]+(?:/[\w.~-]+)*(?:\.(?:md|mdx|markdown|html?)|/)(?:#\S*)?"
)


class LinkParams(Params):
    field: str | None = None
    pattern: Pattern
    tags: list[str] = DEFAULT_TAGS  # template tags that make links (see the module's doc)


def is_link(value: str) -> bool:
    """A URL (``scheme://``, ``mailto:``) or a site path; a sentence is not a link."""
    text = value.strip()
    return bool(_URL.fullmatch(text) or _SITE_PATH.fullmatch(text))


@rule_kind("link", LinkParams)
def check(record: EditorialRecord, params: LinkParams, context: Context) -> Iterator[Finding]:
    """The field holds a link, or the body links to a page whose text or URL matches."""
    field = params.field if params.field and record.kept(params.field) else None
    value = record.get(field) if field else None
    if field and not is_blank(value):
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(item, str) and is_link(item) for item in texts):
            return
    facts = record.document.facts
    for link in facts.links:
        if search(params.pattern, link.text) or search(params.pattern, link.url):
            return
    if params.tags and any("{" in prose.text for prose in facts.prose):
        named = {tuple(name.split(None, 1)) for name in params.tags if name.strip()}
        for prose in facts.prose:
            for found in _TAG.finditer(prose.text) if "{" in prose.text else ():
                name = found.group("hugo") or found.group("liquid")
                args = (found.group("hargs") or found.group("largs") or "").strip()
                first = args.split(None, 1)[0].strip("\"'") if args else ""
                if ((name,) in named or (name, first) in named) and search(params.pattern, args):
                    return
    reason = ""
    if field and not is_blank(value):
        reason = (
            f" ({record.key(field)} is {_shown(value)}: not a link, neither a URL nor a site path)"
        )
    if field:
        yield at(record, field, {"reason": reason})
    else:
        yield Finding(record.document.body_line, 1, {"field": "body", "reason": ""})


def _shown(value: object, limit: int = 60) -> str:
    """The value as YAML would spell it (``true``, ``"text"``), cut to ``limit``."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 4] + '..."'
