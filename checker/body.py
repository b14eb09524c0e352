"""What the rules need to know about a Markdown body: links, citations, references, the
text a reader sees, and the comments a writer left.

The body is parsed as CommonMark with footnotes by markdown-it, so code spans, code
blocks, HTML, escapes and link syntax are understood as Markdown, not guessed at. Two
reference styles are recognised:

* numbered: ``[1]`` in the text, and a paragraph (or list item) starting with ``[1]``
  in the reference list, as the seed page and most health sites write them; a group
  ``[1,2]``, ``[1, 2]`` or a range ``[3-5]`` / ``[3–5]`` cites each number;
* footnotes: ``[^1]`` in the text and ``[^1]: ...`` definitions.

A line ``[label]: destination "title"`` at the start of a paragraph is a link reference
definition even when markdown-it refuses it because its destination holds a template
tag (``[2]: {{ site.repository }}/issues``): it is neither an entry nor a citation, and
``[2]`` in the text is a link to it, not a citation.

**Prose** is the text of paragraphs and headings as a reader sees it: emphasis markers,
escapes and inline HTML removed, each code span replaced by U+FFFC (so that words on
either side of it never run together), soft and hard breaks as ``\\n``. Code blocks,
HTML blocks, link destinations, image descriptions and uncited footnote definitions are
not prose. In MDX, ``{/* ... */}`` comments are not prose either.

**Comments** are the HTML comments of the parse (HTML blocks and inline HTML, as
CommonMark 0.31 reads them: ``--`` may occur inside) and, in MDX, ``{/* ... */}``.

Two parsers give the same facts: markdown-it-py (always installed) and, when the
optional ``markdown-it-pyrs`` is installed (``pip install edcheck[fast]``), the same
grammar in Rust, about eight times faster on a long article. The test suite checks
that both agree. Every position is found in one pass with running counters: the work
is linear in the body's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from checker.budget import Assessment, assess
from checker.lines import LineIndex, split_lines

# In text: a numbered citation or a group of them ([1], [1,2], [1, 2], [3-5], [3–5]),
# or a footnote reference left as text because it has no definition (defined ones
# arrive from the parser as footnote references).
_NUMBERED = re.compile(r"\[(\d{1,4}(?:[ \t]*[,\u2013-][ \t]*\d{1,4}){0,50})\]")
_GROUP_PART = re.compile(r"(\d{1,4})(?:[ \t]*[\u2013-][ \t]*(\d{1,4}))?")
MAX_RANGE = 100  # [1-9999] is not a citation of 9,999 entries
_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
# A link reference definition markdown-it may refuse because of a template tag in it.
_DEFINITION = re.compile(r"\[([^\[\]]{1,999})\]:[ \t]*(\S.*)?$")
_TEMPLATE_TAG = re.compile(r"\{\{.{0,500}?\}\}|\{%.{0,500}?%\}")
_DESTINATION = re.compile(r"""\S+(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*""")
# Comments by their delimiters (see comment_spans): the opener, the closer, and how far
# past the opener's start the closer may begin. CommonMark 0.31: <!--> and <!---> are
# comments, and -- may occur inside one.
_HTML_COMMENT = ("<!--", "-->", 2)
_MDX_COMMENT = ("{/*", "*/}", 3)
# <a href=...> (HTML: tag and attribute names in any case), and MDX's <Link to=...> /
# <Link href=...> (a JSX component: its name and props as written, case-sensitive).
_HTML_LINK = re.compile(r"<(?P<tag>[aA]|Link)(?=[\s/>])(?P<attrs>[^>]*)>")
_HTML_LINK_CLOSE = re.compile(r"</(?:[aA]|Link)\s*>")
_URL_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\}|([^\s"'=<>`{}]+))"""
_HREF = re.compile(r"(?:^|\s)(?i:href)" + _URL_VALUE)
_LINK_URL = re.compile(r"(?:^|\s)(?:href|to)" + _URL_VALUE)
_TAGS = re.compile(r"<[^<>]*>")  # a tag never holds <: each scan stops at the next one
CODE = "\ufffc"  # stands for a code span in prose
_WINDOW = 4096  # how far markup may push a piece from where the last one ended


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
    group: bool = False  # one of several labels in one bracket: [1,2], [3-5]


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment as written (``<!-- ... -->`` or MDX's ``{/* ... */}``), and where it
    starts in the file (1-based line and column)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Prose:
    """The text of one paragraph or heading as a reader sees it (see the module's doc).

    ``spots``: (offset in ``text``, line, column) where each piece of it starts in the
    file, in order; :meth:`position` maps an offset in ``text`` to the file.
    """

    text: str
    spots: tuple[tuple[int, int, int], ...]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the file of ``text[offset]``."""
        index = bisect_right(self.spots, (offset, 1 << 62, 0)) - 1
        if index < 0:
            return (self.spots[0][1], self.spots[0][2]) if self.spots else (1, 1)
        start, line, column = self.spots[index]
        return line, column + offset - start


@dataclass(frozen=True, slots=True)
class BodyFacts:
    links: tuple[Link, ...]
    citations: tuple[Mark, ...]
    references: tuple[Mark, ...]
    prose: tuple[Prose, ...] = ()
    comments: tuple[Comment, ...] = ()


EMPTY = BodyFacts((), (), ())


def read_body(
    body: str, first_line: int, *, mdx: bool = False, budget: Assessment | None = None
) -> BodyFacts:
    """Parse ``body`` (which starts on ``first_line`` of its file); ``mdx``: the file is
    MDX (``{/* ... */}`` is a comment). ``budget``: the body's assessment, if already
    made (:func:`checker.budget.assess`). A body over its budget is not parsed: it has
    no facts, and the engine reports ``body-too-complex``. markdown-it-pyrs reads only
    the bodies the budget says it reads safely; markdown-it-py reads the rest."""
    if not body.strip():
        return EMPTY
    budget = budget or assess(body, first_line)
    if budget.exceeded is not None:
        return EMPTY
    rust = _rust_parser() if budget.rust_safe else None
    if rust is not None:
        try:
            return read_body_rust(body, first_line, rust, mdx=mdx)
        except BaseException as failure:  # a Rust panic is a BaseException
            if type(failure).__name__ != "PanicException":
                raise
    return read_body_python(body, first_line, mdx=mdx)


def citation_labels(group: str) -> list[str]:
    """The labels a numbered citation's group cites: ``1,2`` -> 1, 2; ``3-5`` (or with an
    en dash) -> 3, 4, 5. A backwards range, one over ``MAX_RANGE`` numbers, or a group
    holding 0 (an interval such as ``[0, 100]``: references are numbered from 1) cites
    nothing (an empty list: the brackets are not a citation)."""
    labels: list[str] = []
    for part in _GROUP_PART.finditer(group):
        first = int(part.group(1))
        if part.group(2) is None:
            labels.append(str(first))
            continue
        last = int(part.group(2))
        if last < first or last - first > MAX_RANGE:
            return []
        labels += [str(number) for number in range(first, last + 1)]
    return [] if "0" in labels else labels


def is_definition_line(line: str) -> str | None:
    """The label of a link reference definition line (``[label]: dest "title"``, the
    destination possibly built by template tags), or ``None``."""
    found = _DEFINITION.match(line.strip(" \t"))
    if found is None or found.group(2) is None:
        return None
    rest = _TEMPLATE_TAG.sub("T", found.group(2))
    return found.group(1) if _DESTINATION.fullmatch(rest) else None


def comment_spans(text: str, opening: str, closing: str, skip: int) -> Iterator[tuple[int, int]]:
    """Where each comment of ``text`` starts and ends (offsets, the end exclusive), in
    order; a comment opens with ``opening`` and ends with the first ``closing`` that
    begins at least ``skip`` characters after its start. An opener with no closer
    yields ``(start, -1)`` and ends the scan (no later opener has a closer either).

    One pass, linear in ``len(text)``: one ``str.find`` per opener and per closer, each
    from where the last one ended (a lazy ``<!--.*?-->`` would rescan the rest of the
    text from every unclosed opener)."""
    position = 0
    while (start := text.find(opening, position)) >= 0:
        end = text.find(closing, start + skip)
        if end < 0:
            yield start, -1
            return
        position = end + len(closing)
        yield start, position


def html_links(html: str) -> list[Link]:
    """``<a href>`` links (tag and attribute names in any case, as HTML reads them) and
    MDX ``<Link to|href>`` links (as written: JSX names are case-sensitive) in a piece
    of HTML, with their text: tags removed, up to the closing tag or the next link's
    opening tag (a link never holds another), or to the end of ``html``.

    Linear in ``len(html)``: no tag is looked for past the last ``>``, each opening
    tag's match ends at the first ``>`` after it, each closing tag is searched for once,
    and the texts of two links never overlap."""
    end = html.rfind(">") + 1
    openings = list(_HTML_LINK.finditer(html, 0, end)) if end else []
    found = []
    closing = -1  # the start of the first closing tag after the link being read
    for index, opened in enumerate(openings):
        url = _url_of(opened.group("tag"), opened.group("attrs"))
        if url is None:
            continue
        if closing < opened.end():
            after = _HTML_LINK_CLOSE.search(html, opened.end())
            closing = after.start() if after else len(html)
        stop = openings[index + 1].start() if index + 1 < len(openings) else len(html)
        inner = html[opened.end() : min(closing, stop)]
        found.append(Link(" ".join(_TAGS.sub(" ", inner).split()), url))
    return found


def _url_of(tag: str, attributes: str) -> str | None:
    """The address of an ``<a>`` (its ``href``, in any case) or of a ``<Link>`` (its
    ``to`` or ``href``, as written), or ``None``."""
    found = (_LINK_URL if tag == "Link" else _HREF).search(attributes)
    if found is None:
        return None
    return next(group for group in found.groups() if group is not None)


class _Source:
    """The body's lines, to place a piece of a block's content (which lost the
    container's prefix: indentation, ``>`` markers) on its line of the file."""

    def __init__(self, body: str, first_line: int) -> None:
        self.lines = split_lines(body)
        self.first_line = first_line

    def place(
        self, block_line: int, content: str, offset: int, counter: list[int]
    ) -> tuple[int, int]:
        """File line and column of ``content[offset]``, ``content`` being the text of a
        block starting at 0-based body line ``block_line``. ``counter`` holds [offset,
        line within content, start of that line, its shift] reached so far (offsets only
        grow while a block is read): newlines are counted and lines matched once."""
        reached, index, start, shift = counter
        if offset < reached:
            reached, index, start, shift = 0, 0, 0, -1
        moved = False
        while True:
            newline = content.find("\n", start, offset)
            if newline < 0:
                break
            index += 1
            start = newline + 1
            moved = True
        if moved or shift < 0:
            shift = self._shift(block_line + index, content, start)
        counter[:] = [offset, index, start, shift]
        return self.first_line + block_line + index, shift + offset - start + 1

    def _shift(self, row: int, content: str, start: int) -> int:
        """How far the content line starting at ``start`` stands from its file line's
        start: the line ends with it (a prefix was removed), or holds it (a heading's
        closing ``#`` were removed too)."""
        end = content.find("\n", start)
        own = content[start : end if end >= 0 else len(content)]
        if not 0 <= row < len(self.lines):
            return 0
        source = self.lines[row]
        trimmed, kept = source.rstrip(" \t"), own.rstrip(" \t")
        if trimmed.endswith(kept):
            return len(trimmed) - len(kept)
        return max(source.find(own), 0)


@dataclass
class _Inline:
    """Prose being built for one paragraph or heading."""

    leading: bool
    text: list[str] = field(default_factory=list)
    spots: list[tuple[int, int, int]] = field(default_factory=list)
    size: int = 0
    citations: int = 0  # how many citations the facts held when it began
    references: int = 0
    link: list[Any] | None = None  # [url, text] while inside a link


class _Facts:
    """Facts being collected, with lines and columns in the file."""

    def __init__(self, body: str, first_line: int, *, mdx: bool) -> None:
        self.body = body
        self.first_line = first_line
        self.mdx = mdx
        self.source = _Source(body, first_line)
        self.links: list[Link] = []
        self.citations: list[Mark] = []
        self.references: list[Mark] = []
        self.prose: list[Prose] = []
        self.comments: list[Comment] = []
        self.defined: set[str] = set()  # link labels of definitions markdown-it refused
        self.inline: _Inline | None = None

    # -- one paragraph or heading ------------------------------------------------------

    def begin(self, *, leading: bool) -> _Inline:
        self.end()
        self.inline = _Inline(
            leading, citations=len(self.citations), references=len(self.references)
        )
        return self.inline

    def piece(self, text: str, line: int, column: int, *, spot: bool = True) -> None:
        """Visible text at (line, column); ``spot``: it starts a piece of its own (a line
        break does not: it belongs to the piece before)."""
        inline = self.inline
        if inline is None or not text:
            return
        if spot or not inline.spots:
            inline.spots.append((inline.size, line, column))
        inline.text.append(text)
        inline.size += len(text)
        if inline.link is not None:
            inline.link[1] += text if text != CODE else ""

    def text(self, content: str, line: int, column: int) -> None:
        """Plain text as written in the file at (line, column); citations in it."""
        inline = self.inline
        leading = inline is not None and inline.leading and not inline.spots
        self.piece(content, line, column)
        if "[" not in content:
            return
        for found in _NUMBERED.finditer(content):
            mark_column = column + found.start()
            if leading and found.start() == 0 and found.group(1).isdigit():
                self.references.append(Mark(found.group(1), line, mark_column))
                continue  # "[1] Miller, J. B. ..." opens an entry
            labels = citation_labels(found.group(1))
            for label in labels:
                self.citations.append(Mark(label, line, mark_column, len(labels) > 1))
        if "[^" in content:
            for found in _UNDEFINED_FOOTNOTE.finditer(content):
                self.citations.append(Mark(found.group(1), line, column + found.start()))

    def open_link(self, url: str) -> None:
        if self.inline is not None:
            self.close_link()
            self.inline.link = [url, ""]

    def close_link(self) -> None:
        if self.inline is not None and self.inline.link is not None:
            url, text = self.inline.link
            self.links.append(Link(text, url))
            self.inline.link = None

    def html_inline(self, html: str, line: int, column: int) -> None:
        if html.startswith("<!--"):
            self.comments.append(Comment(html, line, column))
        elif _HTML_LINK_CLOSE.fullmatch(html):
            self.close_link()
        elif (opened := _HTML_LINK.match(html)) and (
            url := _url_of(opened.group("tag"), opened.group("attrs"))
        ):
            self.open_link(url)

    def end(self) -> None:
        """Finish the paragraph or heading being read."""
        inline, self.inline = self.inline, None
        if inline is None:
            return
        if inline.link is not None:
            url, text = inline.link
            self.links.append(Link(text, url))
        text = "".join(inline.text)
        if self.mdx and "{/*" in text:
            text = self._mdx_comments(text, inline)
        if self.mdx and "<Link" in text:  # an attribute {'...'} is no HTML to CommonMark
            self.links += html_links(text)
        if inline.leading and "]:" in text:
            self._definitions(text, inline)
        self.prose.append(Prose(text, tuple(inline.spots)))

    def _mdx_comments(self, text: str, inline: _Inline) -> str:
        """Take the MDX comments ``{/* ... */}`` out of a paragraph's text: each is a
        comment, and U+FFFC as many times in the text (the same length, so that the
        spots still hold; U+FFFC never reads as a gap). Linear (:func:`comment_spans`)."""
        prose = Prose(text, tuple(inline.spots))
        parts: list[str] = []
        position = 0
        for start, end in comment_spans(text, *_MDX_COMMENT):
            if end < 0:
                break  # not a comment: MDX refuses to compile it
            self.comments.append(Comment(text[start:end], *prose.position(start)))
            parts += [text[position:start], CODE * (end - start)]
            position = end
        return "".join(parts) + text[position:]

    def _definitions(self, text: str, inline: _Inline) -> None:
        """Link reference definitions opening the paragraph are not entries or citations."""
        lines = text.split("\n")
        count = 0
        for line in lines:
            label = is_definition_line(line)
            if label is None:
                break
            self.defined.add(label.casefold())
            count += 1
        if not count or not inline.spots:
            return
        last = inline.spots[0][1] + count  # the first line after the definitions
        self.citations[inline.citations :] = [
            mark for mark in self.citations[inline.citations :] if mark.line >= last
        ]
        self.references[inline.references :] = [
            mark for mark in self.references[inline.references :] if mark.line >= last
        ]

    # -- blocks --------------------------------------------------------------------------

    def html_block(self, content: str, block_line: int) -> None:
        """An HTML block's comments and links; ``block_line``: its 0-based body line.
        A link inside a comment is no link: readers never see it, and text after a
        comment that is never closed is inside it (as browsers read it) up to the
        block's end. Linear in the block's length."""
        visible = content
        if "<!--" in content:
            counter = [0, 0, 0, -1]
            parts: list[str] = []
            position = 0
            for start, end in comment_spans(content, *_HTML_COMMENT):
                parts.append(content[position:start])
                if end < 0:
                    position = len(content)
                    break
                line, column = self.source.place(block_line, content, start, counter)
                self.comments.append(Comment(content[start:end], line, column))
                position = end
            parts.append(content[position:])
            visible = " ".join(parts)  # tags on either side of a comment stay apart
        if "<" in visible:
            self.links += html_links(visible)

    def footnote_definition(self, label: str, line: int, column: int = 1) -> None:
        self.references.append(Mark(label, line, column))

    def footnote_citation(self, label: str, line: int, column: int) -> None:
        self.citations.append(Mark(label, line, column))

    def result(self) -> BodyFacts:
        self.end()
        citations = self.citations
        if self.defined:  # [2] with a definition [2]: {{ ... }} is a link, not a citation
            citations = [mark for mark in citations if mark.label.casefold() not in self.defined]
        references = sorted(self.references, key=lambda mark: (mark.line, mark.column))
        # footnote definitions come last from the Rust parser: document order for both
        prose = sorted(self.prose, key=lambda item: item.spots[0][1:] if item.spots else (0, 0))
        comments = sorted(self.comments, key=lambda item: (item.line, item.column))
        return BodyFacts(
            tuple(self.links),
            tuple(citations),
            tuple(references),
            tuple(prose),
            tuple(comments),
        )


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


def read_body_python(body: str, first_line: int, *, mdx: bool = False) -> BodyFacts:
    """The facts from markdown-it-py's tokens."""
    facts = _Facts(body, first_line, mdx=mdx)
    paragraph_start = False
    cited: set[str] = set()
    # what each footnote definition added: (label, [citations, references, prose, links,
    # comments] lengths before, the same after); the Rust plugin drops uncited ones
    notes: list[tuple[str, list[int], list[int]]] = []
    parts = (facts.citations, facts.references, facts.prose, facts.links, facts.comments)
    for token in _python_parser().parse(body):
        kind = token.type
        if kind == "paragraph_open":
            paragraph_start = True
            continue
        if kind == "footnote_reference_open" and token.map:
            facts.end()
            label = str(token.meta.get("label", ""))
            facts.footnote_definition(label, first_line + token.map[0])
            notes.append((label, [len(part) for part in parts], []))
        elif kind == "footnote_reference_close" and notes:
            facts.end()
            notes[-1][2].extend(len(part) for part in parts)
        elif kind == "inline" and token.map is not None:
            _python_inline(facts, token, cited, leading=paragraph_start)
            facts.end()
        elif kind == "html_block" and token.map is not None:
            facts.html_block(token.content, token.map[0])
        paragraph_start = False
    for label, before, after in reversed(notes):
        if label not in cited and after:
            for part, start, end in zip(parts, before, after, strict=True):
                del part[start:end]  # type: ignore[attr-defined]
    return facts.result()


def _run_at(content: str, run: str, start: int) -> int:
    """Where a backtick run of exactly ``run`` starts, at or after ``start`` (-1: none)."""
    while True:
        found = content.find(run, start)
        if found < 0:
            return -1
        end = found + len(run)
        while end < len(content) and content[end] == run[0]:
            end += 1
        if end - found == len(run) and (found == 0 or content[found - 1] != run[0]):
            return found
        start = end


def _after_link(content: str, at: int) -> int:
    """Where the text goes on after a link whose text ends with the ``]`` (or the
    autolink's ``>``) at ``at``: past ``(destination "title")`` or ``[label]``."""
    if at >= len(content) or content[at] == ">":
        return at + 1
    at += 1
    if content.startswith("[", at):
        end = content.find("]", at)
        return end + 1 if end >= 0 else at
    if not content.startswith("(", at):
        return at
    depth, index, quote = 0, at, ""
    limit = min(len(content), at + _WINDOW)
    while index < limit:
        char = content[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and depth == 1 and content[index - 1] in " \t\n":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return at


def _python_inline(facts: _Facts, token: Any, cited: set[str], *, leading: bool) -> None:
    """One inline token's children. markdown-it-py gives them no positions; each is found
    in the token's content (the block's text, containers' prefixes removed) from a cursor
    that only moves forward, and placed on its line of the file by ``_Source.place``."""
    content: str = token.content
    block_line: int = token.map[0]
    counter = [0, 0, 0, -1]
    cursor = 0
    facts.begin(leading=leading)

    def place(offset: int) -> tuple[int, int]:
        return facts.source.place(block_line, content, offset, counter)

    def find(needle: str) -> int:
        # only markup stands between the cursor and the next piece: a bounded window
        found = content.find(needle, cursor, cursor + len(needle) + _WINDOW) if needle else -1
        return found if found >= 0 else cursor

    # (an image's description is in its own children: not prose)
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            at = find(child.content)
            cursor = at + len(child.content)
            facts.text(child.content, *place(at))
        elif kind == "text_special":
            at = find(child.markup)
            cursor = at + len(child.markup)
            facts.piece(child.content, *place(at))
        elif kind in ("softbreak", "hardbreak"):
            at = find("\n")
            facts.piece("\n", *place(at), spot=False)
            cursor = at + 1
        elif kind == "code_inline":
            at = _run_at(content, child.markup, cursor)
            at = at if at >= 0 else cursor
            facts.piece(CODE, *place(at))
            closing = _run_at(content, child.markup, at + len(child.markup))
            cursor = closing + len(child.markup) if closing >= 0 else at + len(child.markup)
        elif kind == "html_inline":
            at = find(child.content)
            cursor = at + len(child.content)
            facts.html_inline(child.content, *place(at))
        elif kind == "link_open":
            cursor = find("<" if child.markup == "autolink" else "[") + 1
            facts.open_link(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            cursor = _after_link(content, find(">" if child.markup == "autolink" else "]"))
            facts.close_link()
        elif kind == "footnote_ref":
            at = find("[^")
            label = str(child.meta.get("label", ""))
            cited.add(label)
            facts.footnote_citation(label, *place(at))
            cursor = find("]") + 1


# markdown-it-pyrs (optional) --------------------------------------------------------


@lru_cache(maxsize=1)
def _rust_parser() -> Any:
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    return markdown_it_pyrs.MarkdownIt("commonmark").enable("footnote")


_INLINE = frozenset(
    {
        "text",
        "text_special",
        "softbreak",
        "hardbreak",
        "code_inline",
        "html_inline",
        "link",
        "autolink",
        "image",
        "em",
        "strong",
        "footnote_ref",
    }
)
_OPENERS = frozenset({"paragraph", "list_item"})
_BLOCK_CODE = frozenset({"code_block", "fence", "html_block"})


class _Offsets:
    """Byte offsets (the Rust parser's source maps) to 0-based lines and columns of the
    body, with running counters: nodes come in document order."""

    def __init__(self, body: str, first_line: int) -> None:
        self.body = body
        self.encoded = body.encode("utf-8")
        self.ascii = len(self.encoded) == len(body)
        self.index = LineIndex(body)
        self.first_line = first_line
        self.reached = [0, 0]  # byte offset, character offset

    def char(self, offset: int) -> int:
        if self.ascii:
            return offset
        byte, char = self.reached
        if offset < byte:
            byte, char = 0, 0
        char += len(self.encoded[byte:offset].decode("utf-8", "ignore"))
        self.reached = [offset, char]
        return char

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column in the file of the byte at ``offset``."""
        line, column = self.index.line_col(self.char(offset))
        return self.first_line + line - 1, column


def read_body_rust(body: str, first_line: int, parser: Any, *, mdx: bool = False) -> BodyFacts:
    """The same facts from the Rust parser's tree, walked once in document order."""
    facts = _Facts(body, first_line, mdx=mdx)
    offsets = _Offsets(body, first_line)
    code: list[tuple[int, int]] = []
    defined: set[str] = set()
    skip_until = -1  # inside a code span or image: no citations, no link text
    opening = False  # the next node opens a paragraph or list item
    link_end = -1  # the end of the link being read
    for node in parser.tree(body).walk():
        name = node.name
        leading, opening = opening, name in _OPENERS
        source = node.srcmap
        if source is None or source[0] < skip_until:
            continue
        if link_end >= 0 and source[0] >= link_end:
            facts.close_link()
            link_end = -1
        if name not in _INLINE:
            _rust_block(facts, offsets, node, code, defined)
            continue
        if facts.inline is None:
            facts.begin(leading=leading)
        if name == "text":
            content = str(node.meta.get("content", ""))
            if "<!--" in content:
                _text_with_comments(facts, offsets, content, source[0])
            else:
                facts.text(content, *offsets.line_col(source[0]))
        elif name == "text_special":
            facts.piece(str(node.meta.get("content", "")), *offsets.line_col(source[0]))
        elif name in ("softbreak", "hardbreak"):
            facts.piece("\n", *offsets.line_col(source[0]), spot=False)
        elif name == "code_inline":
            facts.piece(CODE, *offsets.line_col(source[0]))
            skip_until = source[1]
        elif name == "image":
            skip_until = source[1]
        elif name == "html_inline":
            facts.html_inline(str(node.meta.get("content", "")), *offsets.line_col(source[0]))
        elif name in ("link", "autolink"):
            facts.open_link(str(node.meta.get("url", "")))
            link_end = source[1]
        elif name == "footnote_ref":
            facts.footnote_citation(str(node.meta.get("label", "")), *offsets.line_col(source[0]))
    facts.end()
    if "[^" in body:
        _uncited_definitions(facts, offsets, defined, code)
    return facts.result()


def _rust_block(
    facts: _Facts, offsets: _Offsets, node: Any, code: list[tuple[int, int]], defined: set[str]
) -> None:
    """A block node: it ends the paragraph being read; code and HTML blocks are kept
    apart, an HTML block read for comments and links, a footnote definition listed."""
    facts.end()
    name, source = node.name, node.srcmap
    if name in _BLOCK_CODE:
        code.append(source)
        if name == "html_block":
            line, _ = offsets.line_col(source[0])
            facts.html_block(str(node.meta.get("content", "")), line - offsets.first_line)
    elif name == "footnote_def":
        label = str(node.meta.get("label", ""))
        defined.add(label)
        facts.footnote_definition(label, offsets.line_col(source[0])[0])


def _text_with_comments(facts: _Facts, offsets: _Offsets, content: str, start: int) -> None:
    """A text node holding ``<!-- ... -->``: CommonMark 0.31 (and markdown-it-py) read an
    inline comment with ``--`` inside as HTML; markdown-it-pyrs (0.30) leaves it text.
    Read it as the Python parser does (within one line of text). ``start``: the node's
    byte offset in the body. Linear: the bytes before each piece are counted once."""
    reached = [0, start]  # a character offset in content, and its byte offset in the body

    def byte(offset: int) -> int:
        character, at = reached
        reached[:] = [offset, at + len(content[character:offset].encode())]
        return reached[1]

    position = 0
    for begin, end in comment_spans(content, *_HTML_COMMENT):
        if end < 0:
            break
        if begin > position:
            facts.text(content[position:begin], *offsets.line_col(byte(position)))
        facts.html_inline(content[begin:end], *offsets.line_col(byte(begin)))
        position = end
    if position < len(content):
        facts.text(content[position:], *offsets.line_col(byte(position)))


def _uncited_definitions(
    facts: _Facts, offsets: _Offsets, defined: set[str], code: list[tuple[int, int]]
) -> None:
    """The Rust footnote plugin drops definitions nobody cites; find those in the source
    (a definition may start any line outside code and HTML blocks). One pass: matches
    and code ranges both come in document order."""
    body = offsets.body
    byte = char = 0  # the byte and character offsets reached
    block = 0  # the first code range that may still hold a definition
    for found in _FOOTNOTE_DEFINITION.finditer(body):
        label = found.group(1)
        start = found.start()
        byte += start - char if offsets.ascii else len(body[char:start].encode("utf-8"))
        char = start
        while block < len(code) and code[block][1] <= byte:
            block += 1
        if label in defined or (block < len(code) and code[block][0] <= byte):
            continue
        defined.add(label)
        facts.footnote_definition(label, offsets.first_line + offsets.index.line(char) - 1)
