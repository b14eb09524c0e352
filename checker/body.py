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
    walker = _Walker(body.splitlines(), first_line)
    paragraph_start = False
    for token in _parser().parse(body):
        if token.type == "paragraph_open":
            paragraph_start = True
        elif token.type == "footnote_reference_open" and token.map:
            walker.footnote_definition(str(token.meta.get("label", "")), token.map[0])
        elif token.type == "inline" and token.map is not None:
            walker.inline(token, leading=paragraph_start)
            paragraph_start = False
        else:
            paragraph_start = False
    return BodyFacts(tuple(walker.links), tuple(walker.citations), tuple(walker.references))


class _Walker:
    """Collects facts from the token stream, with their lines and columns in the file."""

    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.links: list[Link] = []
        self.citations: list[Mark] = []
        self.references: list[Mark] = []

    def mark(self, label: str, line_index: int, needle: str) -> Mark:
        column = 1
        if 0 <= line_index < len(self.lines):
            column = self.lines[line_index].find(needle) + 1 or 1
        return Mark(label, self.first_line + line_index, column)

    def footnote_definition(self, label: str, line_index: int) -> None:
        self.references.append(self.mark(label, line_index, f"[^{label}]"))

    def inline(self, token: Any, *, leading: bool) -> None:
        """One paragraph's inline content; ``leading``: it starts a paragraph."""
        line_index = token.map[0]
        link: list[Any] | None = None  # [url, text, line index] while inside a link
        for child in token.children or ():
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                line_index += 1
            elif kind == "link_open":
                link = [str(child.attrs.get("href", "")), "", line_index]
            elif kind == "link_close" and link is not None:
                url, text, at = link
                found = self.mark(text, at, text) if text else Mark(text, self.first_line + at, 1)
                self.links.append(Link(text, url, found.line, found.column))
                link = None
            elif kind == "footnote_ref":
                label = str(child.meta.get("label", ""))
                self.citations.append(self.mark(label, line_index, f"[^{label}]"))
            elif kind == "text":
                if link is not None:
                    link[1] += child.content
                self.text(child.content, line_index, leading=leading)
            leading = False

    def text(self, content: str, line_index: int, *, leading: bool) -> None:
        for found in _NUMBERED.finditer(content):
            mark = self.mark(found.group(1), line_index, found.group(0))
            if leading and found.start() == 0:
                self.references.append(mark)  # "[1] Miller, J. B. ..." opens an entry
            else:
                self.citations.append(mark)
        for found in _UNDEFINED_FOOTNOTE.finditer(content):
            self.citations.append(self.mark(found.group(1), line_index, found.group(0)))
