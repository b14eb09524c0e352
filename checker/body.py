"""What the rules need to know about a Markdown body: links, citations, references.

The body is parsed with markdown-it-py (CommonMark plus footnotes), so code spans,
code blocks, escapes and link syntax are understood as Markdown, not guessed at.
Two reference styles are recognised:

* numbered: ``[1]`` in the text, and a paragraph (or list item) starting with ``[1]``
  in the reference list, as the seed page and most health sites write them;
* footnotes: ``[^1]`` in the text and ``[^1]: ...`` definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# In text tokens: a numbered citation, or a footnote reference left as text because it
# has no definition (defined ones arrive as ``footnote_ref`` tokens).
_NUMBERED = re.compile(r"\[(\d{1,4})\]")
_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Mark:
    """A citation in the text, or an entry in the reference list."""

    label: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class BodyFacts:
    links: tuple[Link, ...]
    citations: tuple[Mark, ...]
    references: tuple[Mark, ...]


EMPTY = BodyFacts((), (), ())


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark").use(footnote_plugin)
    # Keep footnote definitions where they stand (with their lines), unused ones included,
    # and keep escaped characters apart so that ``\\[3\\]`` never reads as a citation.
    parser.core.ruler.disable(["footnote_tail", "text_join"])
    return parser


def read_body(body: str, first_line: int) -> BodyFacts:
    """Parse ``body`` (which starts on ``first_line`` of its file) for links and references."""
    if "[" not in body and "<" not in body and "://" not in body:
        return EMPTY  # no link, footnote or reference syntax: nothing to parse for
    tokens = _parser().parse(body)
    lines = body.splitlines()
    links: list[Link] = []
    citations: list[Mark] = []
    references: list[Mark] = []

    def column(line_index: int, needle: str) -> int:
        if 0 <= line_index < len(lines):
            found = lines[line_index].find(needle)
            return found + 1 if found >= 0 else 1
        return 1

    paragraph_start = False
    for token in tokens:
        if token.type == "paragraph_open":
            paragraph_start = True
            continue
        if token.type == "footnote_reference_open" and token.map:
            label = str(token.meta.get("label", ""))
            line_index = token.map[0]
            references.append(Mark(label, first_line + line_index, column(line_index, f"[^{label}]")))
            continue
        if token.type != "inline" or token.map is None:
            paragraph_start = False
            continue
        line_index = token.map[0]
        leading = paragraph_start
        paragraph_start = False
        link: list[Any] | None = None
        for child in token.children or ():
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                line_index += 1
                leading = False
            elif kind == "link_open":
                link = [str(child.attrs.get("href", "")), "", line_index]
            elif kind == "link_close" and link is not None:
                url, text, at = link
                links.append(Link(text, url, first_line + at, column(at, text or url) if text else 1))
                link = None
            elif kind == "footnote_ref":
                label = str(child.meta.get("label", ""))
                citations.append(Mark(label, first_line + line_index, column(line_index, f"[^{label}]")))
            elif kind == "text":
                content = child.content
                if link is not None:
                    link[1] += content
                for found in _NUMBERED.finditer(content):
                    mark = Mark(
                        found.group(1),
                        first_line + line_index,
                        column(line_index, found.group(0)),
                    )
                    if leading and found.start() == 0 and not content[: found.start()].strip():
                        references.append(mark)
                    else:
                        citations.append(mark)
                for found in _UNDEFINED_FOOTNOTE.finditer(content):
                    line_number = first_line + line_index
                    citations.append(Mark(found.group(1), line_number, column(line_index, found.group(0))))
                leading = False
            elif kind != "text":
                leading = False
    return BodyFacts(tuple(links), tuple(citations), tuple(references))
