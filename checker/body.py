"""What the rules need to know about a Markdown body: links, citations, references.

The body is parsed as CommonMark with footnotes by markdown-it, so code spans, code
blocks, escapes and link syntax are understood as Markdown, not guessed at. Two
reference styles are recognised:

* numbered: ``[1]`` in the text, and a paragraph (or list item) starting with ``[1]``
  in the reference list, as the seed page and most health sites write them;
* footnotes: ``[^1]`` in the text and ``[^1]: ...`` definitions.

Two parsers give the same facts: markdown-it-py (always installed) and, when the
optional ``markdown-it-pyrs`` is installed (``pip install edcheck[fast]``), the same
grammar in Rust, about eight times faster on a long article. The test suite checks
that both agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

# In text: a numbered citation, or a footnote reference left as text because it has no
# definition (defined ones arrive from the parser as footnote references).
_NUMBERED = re.compile(r"\[(\d{1,4})\]")
_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


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


def read_body(body: str, first_line: int) -> BodyFacts:
    """Parse ``body`` (which starts on ``first_line`` of its file) for links and references."""
    if "[" not in body and "<" not in body and "://" not in body:
        return EMPTY  # no link, footnote or reference syntax: nothing to parse for
    rust = _rust_parser()
    if rust is not None:
        return read_body_rust(body, first_line, rust)
    return read_body_python(body, first_line)


class _Facts:
    """Facts being collected, with lines and columns in the file."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.first_line = first_line
        self.links: list[Link] = []
        self.citations: list[Mark] = []
        self.references: list[Mark] = []

    @cached_property
    def lines(self) -> list[str]:
        return self.body.splitlines()

    def mark(self, label: str, line_index: int, needle: str) -> Mark:
        column = 1
        if 0 <= line_index < len(self.lines):
            column = self.lines[line_index].find(needle) + 1 or 1
        return Mark(label, self.first_line + line_index, column)

    def footnote_definition(self, label: str, line_index: int) -> None:
        self.references.append(self.mark(label, line_index, f"[^{label}]"))

    def footnote_citation(self, label: str, line_index: int) -> None:
        self.citations.append(self.mark(label, line_index, f"[^{label}]"))

    def text(self, content: str, line_index: int, *, leading: bool) -> None:
        """Plain text; ``leading``: it opens a paragraph or list item."""
        for found in _NUMBERED.finditer(content):
            mark = self.mark(found.group(1), line_index, found.group(0))
            if leading and found.start() == 0:
                self.references.append(mark)  # "[1] Miller, J. B. ..." opens an entry
            else:
                self.citations.append(mark)
        for found in _UNDEFINED_FOOTNOTE.finditer(content) if "[^" in content else ():
            self.citations.append(self.mark(found.group(1), line_index, found.group(0)))

    def result(self) -> BodyFacts:
        references = sorted(self.references, key=lambda mark: (mark.line, mark.column))
        return BodyFacts(tuple(self.links), tuple(self.citations), tuple(references))


# markdown-it-py -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _python_parser() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark").use(footnote_plugin)
    # Keep footnote definitions where they stand (with their lines), unused ones included,
    # and keep escaped characters apart so that an escaped [3] never reads as a citation.
    parser.core.ruler.disable(["footnote_tail", "text_join"])
    return parser


def read_body_python(body: str, first_line: int) -> BodyFacts:
    facts = _Facts(body, first_line)
    paragraph_start = False
    for token in _python_parser().parse(body):
        if token.type == "paragraph_open":
            paragraph_start = True
        elif token.type == "footnote_reference_open" and token.map:
            facts.footnote_definition(str(token.meta.get("label", "")), token.map[0])
        elif token.type == "inline" and token.map is not None:
            _python_inline(facts, token, leading=paragraph_start)
            paragraph_start = False
        else:
            paragraph_start = False
    return facts.result()


def _python_inline(facts: _Facts, token: Any, *, leading: bool) -> None:
    line_index = token.map[0]
    link: list[str] | None = None  # [url, text] while inside a link
    for child in token.children or ():
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            line_index += 1
        elif kind == "link_open":
            link = [str(child.attrs.get("href", "")), ""]
        elif kind == "link_close" and link is not None:
            facts.links.append(Link(link[1], link[0]))
            link = None
        elif kind == "footnote_ref":
            facts.footnote_citation(str(child.meta.get("label", "")), line_index)
        elif kind == "text":
            if link is not None:
                link[1] += child.content
            if "[" in child.content:
                facts.text(child.content, line_index, leading=leading)
        leading = False


# markdown-it-pyrs (optional) --------------------------------------------------------


@lru_cache(maxsize=1)
def _rust_parser() -> Any:
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    return markdown_it_pyrs.MarkdownIt("commonmark").enable("footnote")


_SKIPPED = frozenset({"code_inline", "code_block", "fence", "html_block", "html_inline", "image"})
_BLOCK_CODE = frozenset({"code_block", "fence", "html_block"})
_OPENERS = frozenset({"paragraph", "list_item"})
_WANTED = _SKIPPED | {"text", "text_special", "link", "autolink", "footnote_ref", "footnote_def"}


def read_body_rust(body: str, first_line: int, parser: Any) -> BodyFacts:
    """The same facts from the Rust parser's tree, walked once in document order."""
    facts = _Facts(body, first_line)
    encoded = body.encode("utf-8")
    counted = [0, 0]  # offset and line reached so far: nodes come in document order

    def line_of(offset: int) -> int:  # srcmaps are byte offsets
        start, line = counted
        if offset < start:
            start, line = 0, 0
        line += encoded.count(b"\n", start, offset)
        counted[:] = [offset, line]
        return line

    code: list[tuple[int, int]] = []
    defined: set[str] = set()
    skip_until = -1  # inside a code span or image: no citations, no link text
    opening = False  # the next node opens a paragraph or list item
    link: list[Any] | None = None  # [url, text, end offset] while inside a link
    for node in parser.tree(body).walk():
        name = node.name
        leading, opening = opening, name in _OPENERS
        if name not in _WANTED:
            continue
        source = node.srcmap
        if source is None or source[0] < skip_until:
            continue
        if link is not None and source[0] >= link[2]:
            facts.links.append(Link(link[1], link[0]))
            link = None
        if name in ("text", "text_special"):
            content = str(node.meta.get("content", ""))
            if link is not None:
                link[1] += content
            if name == "text" and "[" in content:
                facts.text(content, line_of(source[0]), leading=leading)
        elif name in _SKIPPED:
            skip_until = source[1]
            if name in _BLOCK_CODE:
                code.append(source)
        elif name in ("link", "autolink"):
            link = [str(node.meta.get("url", "")), "", source[1]]
        elif name == "footnote_ref":
            facts.footnote_citation(str(node.meta.get("label", "")), line_of(source[0]))
        elif name == "footnote_def":
            label = str(node.meta.get("label", ""))
            defined.add(label)
            facts.footnote_definition(label, line_of(source[0]))
    if link is not None:
        facts.links.append(Link(link[1], link[0]))
    if "[^" in body:
        _uncited_definitions(facts, body, defined, code)
    return facts.result()


def _uncited_definitions(
    facts: _Facts, body: str, defined: set[str], code: list[tuple[int, int]]
) -> None:
    """The Rust footnote plugin drops definitions nobody cites; find those in the source
    (a definition may start any line outside code and HTML blocks)."""
    for found in _FOOTNOTE_DEFINITION.finditer(body):
        label = found.group(1)
        offset = len(body[: found.start()].encode("utf-8"))  # code ranges are in bytes
        if label in defined or any(start <= offset < end for start, end in code):
            continue
        defined.add(label)
        facts.footnote_definition(label, body.count("\n", 0, found.start()))
