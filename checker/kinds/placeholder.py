"""``placeholder``: unfilled template gaps in the text a reader sees.

The patterns run on the front matter as written, and on the body's prose only (see
``checker.body``): code spans, code blocks, HTML comments and blocks, link destinations
and MDX comments are never searched. Besides the patterns, a template variable
``{{ name }}`` or a Liquid tag ``{% ... %}`` left in the prose is a gap on a site whose
pages are not templated (``templated`` in ``.edcheck.yaml``; the Jekyll preset says they
are): readers see it as written. Hugo's shortcodes (``{{< >}}``, ``{{% %}}``) are not
gaps.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from checker.kinds.base import Context, Finding, Params, rule_kind
from checker.patterns import Pattern, compiled
from checker.record import EditorialRecord

if TYPE_CHECKING:
    from checker.body import Prose
    from checker.documents import Document

FILL = "fill in the missing words"
# {{ name }} (not Hugo's {{< >}} / {{% %}}, not the empty {{ }} a pattern reports) and
# Liquid / Nunjucks tags; bounded, so that a body of unclosed braces stays linear.
_VARIABLE = re.compile(
    r"\{\{-?[ \t]*(?P<name>[^\s{}<%][^{}\n]{0,200}?)[ \t]*-?\}\}"
    r"|(?<!\{)\{%-?[ \t]*(?P<tag>[A-Za-z_][\w-]{0,100})[^\n]{0,500}?-?%\}"
)

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_SHORTCODE = re.compile(
    r"\{\{<[ \t]*(?P<closing>/)?[ \t]*(?P<name>[\w./-]{1,100})[^\n]{0,500}?>\}\}"
)


class PlaceholderParams(Params):
    patterns: list[Pattern]
    variables: bool = True  # report {{ name }} and {% tag %} on sites that are not templated


@rule_kind("placeholder", PlaceholderParams)
def check(
    record: EditorialRecord, params: PlaceholderParams, context: Context
) -> Iterator[Finding]:
    """A match of the patterns in the front matter or the body's prose; an unfilled
    template variable in the prose of a page that is not templated."""
    document = record.document
    patterns = [compiled(pattern) for pattern in params.patterns]
    offset = document.front.body_offset if document.front else 0
    front = document.text[:offset]
    any_gap = _any_gap(tuple(params.patterns))
    for first, last in _gaps(patterns, front) if any_gap.search(front) else ():
        yield Finding(*document.line_col(first), _gap(front[first:last]))
    body = document.body
    variables = params.variables and not record.model.templated and ("{{" in body or "{%" in body)
    shortcodes = _paired_shortcodes(document.text) if variables else []
    pieces = document.facts.prose
    joined = "\n\n".join(prose.text for prose in pieces)
    searched = any_gap.search(joined) is not None
    # pieces come in document order: each is sorted on its own, and findings are made
    # as they are asked for (the engine builds the first few and counts the rest)
    for prose in pieces:
        found: list[tuple[int, int, int, int, re.Match[str] | None]] = []
        for first, last in _gaps(patterns, prose.text) if searched else ():
            found.append((*prose.position(first), first, last, None))
        if variables and "{" in prose.text:
            for variable in _VARIABLE.finditer(prose.text):
                start = prose.position(variable.start())
                if not _inside(shortcodes, document.lines.offset(start[0]) + start[1] - 1):
                    found.append((*start, variable.start(), variable.end(), variable))
        found.sort(key=lambda item: (item[0], item[1]))
        for line, column, first, last, match in found:
            yield Finding(line, column, _Described(document, prose, first, last, match))


class _Described(Mapping[str, object]):
    """A gap's message values, worked out only if the finding is shown (the engine
    renders the first few of a rule and counts the rest)."""

    def __init__(self, document: Document, prose: Prose, first: int, last: int, match: Any) -> None:
        self._where = (document, prose, first, last)
        self._match = match

    @cached_property
    def _values(self) -> dict[str, object]:
        written = _as_written(*self._where)
        return _gap(written) if self._match is None else _variable(self._match, written)

    def __getitem__(self, key: str) -> object:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


@lru_cache(maxsize=64)
def _any_gap(patterns: tuple[str, ...]) -> Any:
    """One pattern that finds at least whatever ``patterns`` find, in any piece of prose
    of a page joined by blank lines (multi-line, so ``$`` also ends each piece): one
    search per page instead of one per pattern and paragraph."""
    plain = (_NAMED_GROUP.sub("(?:", pattern) for pattern in patterns)
    return compiled("(?m)" + "|".join(f"(?:{pattern})" for pattern in plain))


def _gaps(patterns: list[Any], text: str) -> list[tuple[int, int]]:
    """(start, end) of each gap the patterns find in ``text``, in order, none inside
    another. A pattern may name its gap ``(?P<gap>...)``; what it matches around that is
    context (RE2 has no lookaround): ``(?:^|[(]|: )(?P<gap>TBD)\\b`` finds "TBD", not
    ": TBD"."""
    spans = []
    for pattern in patterns:
        group = pattern.groupindex.get("gap", 0)
        spans += [match.span(group) for match in pattern.finditer(text)]
    kept: list[tuple[int, int]] = []
    for first, last in sorted(spans, key=lambda span: (span[0], -span[1])):
        if first >= 0 and (not kept or first >= kept[-1][1]):
            kept.append((first, last))
    return kept


def _as_written(document: Document, prose: Prose, first: int, last: int) -> str:
    """``prose.text[first:last]`` as the file writes it (prose stands a code span in by
    one character, and leaves escapes and inline HTML out)."""
    start = prose.position(first)
    end = prose.position(max(first, last - 1))
    begin = document.lines.offset(start[0]) + start[1] - 1
    stop = document.lines.offset(end[0]) + end[1]
    return document.text[begin:stop] if begin < stop else prose.text[first:last]


def _paired_shortcodes(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the inner text of Hugo's paired ``{{< name >}} ...
    {{< /name >}}`` shortcodes: the shortcode receives that text as it stands (to
    highlight it as code, as ``highlight`` and ``code-toggle`` do), so a ``{{ . }}`` in
    it is an example, not a gap. ``{{% %}}`` pairs are left out: their inner text is
    rendered as Markdown, and readers see it."""
    if "{{<" not in text:
        return []
    spans: list[tuple[int, int]] = []
    opened: list[tuple[str, int]] = []
    for tag in _SHORTCODE.finditer(text):
        name = tag.group("name")
        if not tag.group("closing"):
            opened.append((name, tag.end()))
            continue
        for depth in range(len(opened) - 1, -1, -1):
            if opened[depth][0] == name:
                spans.append((opened[depth][1], tag.start()))
                del opened[depth:]
                break
    merged: list[tuple[int, int]] = []  # nested pairs inside outer ones: keep the outer
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, disjoint: see
    :func:`_paired_shortcodes`)."""
    index = bisect_right(spans, (offset, 1 << 62)) - 1
    return index >= 0 and offset < spans[index][1]


def _gap(text: str) -> dict[str, object]:
    return {"text": text.strip() or text, "advice": FILL}


def _variable(match: re.Match[str], written: str) -> dict[str, object]:
    name = match.group("name")
    what = (
        f"the template variable {name.strip()}"
        if name
        else f"the template tag {match.group('tag')}"
    )
    return {
        "text": written,
        "advice": f"{what} is shown as written, because this site does not fill templates "
        "in its pages: write the value (or set templated: true in .edcheck.yaml if the "
        "site does fill them)",
    }
