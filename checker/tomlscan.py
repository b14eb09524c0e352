"""TOML front matter read by a lexer that follows the TOML 1.0 grammar, before tomllib.

tomllib gives the data but no positions, and it recurses once per nested array or
inline table (1,000 levels, or ``a = [{b = [{b = ...`` 195 times, exhaust Python's
stack). This lexer walks the same text once and gives:

* the character offset of every key (table headers, dotted keys, keys inside inline
  tables and arrays of tables, whose n-th ``[[x]]`` is path ``("x", n)``), as the paths
  of the data tomllib builds;
* the limits edcheck applies to every front-matter format (``yaml12.MAX_DEPTH`` levels,
  ``yaml12.MAX_NODES`` values, ``yaml12.MAX_NUMBER_DIGITS`` digits), checked before
  tomllib sees the text, each refused at the offset where it is first passed.

Strings and comments follow the ABNF of TOML 1.0 (``basic-string``, ``ml-basic-string``
with its escapes and up to two quotes before the closing delimiter, ``literal-string``,
``ml-literal-string``, ``comment``), so a triple quote, ``=`` or ``#`` inside a string is
never taken for syntax. The lexer never fails: what it does not understand it reads as
part of a value, and tomllib then reports the syntax error. Its own nesting is bounded
by the depth limit it enforces.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from checker.yaml12 import MAX_DEPTH, MAX_NODES, MAX_NUMBER_DIGITS

Path = tuple[str | int, ...]

TOO_DEEP = f"front matter is nested more than {MAX_DEPTH} deep"
TOO_MANY = f"front matter holds more than {MAX_NODES} values"


class ScanProblem(Exception):
    """A limit passed at character ``offset`` of the scanned text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class Scanned:
    """Character offsets of every key (``keys``) and of every value (``values``)."""

    keys: dict[Path, int] = field(default_factory=dict)
    values: dict[Path, int] = field(default_factory=dict)


_WS = re.compile(r"[ \t]*")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"((?:[^"\\\r\n]|\\.)*)"?')
_LITERAL = re.compile(r"'([^'\r\n]*)'?")
_ML_BASIC_BODY = re.compile(r'(?:[^"\\]|\\[\s\S])*')
_ML_LITERAL_BODY = re.compile(r"[^']*")
_QUOTES = {'"': re.compile(r'"+'), "'": re.compile(r"'+")}
_COMMENT = re.compile(r"#[^\r\n]*")
# A value that is neither a string nor a collection: a number, boolean, date or time
# (a date and a time may be separated by one space), or anything tomllib will refuse.
_SCALAR = re.compile(r"[^\s,\[\]{}#\"'=]+(?: (?=\d\d:)[^\s,\[\]{}#\"'=]+)?")
_DECIMAL = re.compile(r"[+-]?[0-9_]+")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_SIMPLE_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    def one(found: re.Match[str]) -> str:
        code = found.group(1) or found.group(2)
        if code is not None:
            number = int(code, 16)
            return chr(number) if number <= 0x10FFFF else found.group(0)
        return _SIMPLE_ESCAPES.get(found.group(3), found.group(0))

    return _ESCAPE.sub(one, text) if "\\" in text else text


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.nodes = 0
        self.found = Scanned()
        self.tables: dict[Path, int] = {}  # array-of-tables path -> elements so far

    # -- small pieces ------------------------------------------------------------------

    def count(self, offset: int, new: int = 1) -> None:
        self.nodes += new
        if self.nodes > MAX_NODES:
            raise ScanProblem(TOO_MANY, offset)

    def opens(self, path: Path, offset: int) -> None:
        """A table or array at ``path`` starts at ``offset``: the top-level table is
        level 1, so a container at ``path`` is level ``len(path) + 1``."""
        if len(path) + 1 > MAX_DEPTH:
            raise ScanProblem(TOO_DEEP, offset)
        self.count(offset)

    def blank(self, newlines: bool) -> None:
        """Skip spaces and tabs (and comments and line breaks when ``newlines``)."""
        text = self.text
        while True:
            self.pos = _WS.match(text, self.pos).end()  # type: ignore[union-attr]
            if self.pos >= len(text):
                return
            char = text[self.pos]
            if char == "#":
                self.pos = _COMMENT.match(text, self.pos).end()  # type: ignore[union-attr]
            elif newlines and char in "\r\n":
                self.pos += 1
            else:
                return

    def key(self) -> list[tuple[str, int]]:
        """A simple or dotted key: each part with its offset."""
        parts: list[tuple[str, int]] = []
        text = self.text
        while True:
            self.blank(newlines=False)
            start = self.pos
            if start >= len(text):
                return parts
            char = text[start]
            if char == '"':
                found = _BASIC.match(text, start)
                assert found is not None
                parts.append((_unescape(found.group(1)), start))
            elif char == "'":
                found = _LITERAL.match(text, start)
                assert found is not None
                parts.append((found.group(1), start))
            else:
                found = _BARE.match(text, start) or _SCALAR.match(text, start)
                if found is None:
                    return parts
                parts.append((found.group(0), start))
            self.pos = found.end()
            self.blank(newlines=False)
            if self.pos < len(text) and text[self.pos] == ".":
                self.pos += 1
                continue
            return parts

    def multiline(self, quote: str) -> None:
        """A multi-line string (opened by three ``quote`` characters) at ``pos``: it closes
        at the first run of three or more quotes outside escapes, of which up to two
        more belong to the content (TOML 1.0, ``mlb-quotes`` and ``mll-quotes``)."""
        text = self.text
        body = _ML_BASIC_BODY if quote == '"' else _ML_LITERAL_BODY
        self.pos += 3
        while self.pos < len(text):
            self.pos = body.match(text, self.pos).end()  # type: ignore[union-attr]
            run = _QUOTES[quote].match(text, self.pos)
            if run is None:
                return  # unterminated: tomllib says so
            self.pos = run.end()
            if len(run.group(0)) >= 3:
                self.pos = min(run.end(), run.start() + 5)
                return

    # -- the grammar ---------------------------------------------------------------------

    def value(self, path: Path) -> None:
        text = self.text
        start = self.pos
        if start >= len(text):
            return
        self.found.values.setdefault(path, start)
        char = text[start]
        if text.startswith(('"""', "'''"), start):
            self.multiline(char)
        elif char == '"':
            self.pos = _BASIC.match(text, start).end()  # type: ignore[union-attr]
        elif char == "'":
            self.pos = _LITERAL.match(text, start).end()  # type: ignore[union-attr]
        elif char == "[":
            self.array(path)
            return
        elif char == "{":
            self.inline_table(path)
            return
        else:
            found = _SCALAR.match(text, start)
            if found is None:
                return  # a stray character: tomllib will refuse it
            self.pos = found.end()
            digits = len(found.group(0).lstrip("+-").replace("_", ""))
            if digits > MAX_NUMBER_DIGITS and _DECIMAL.fullmatch(found.group(0)):
                raise ScanProblem(f"number with {digits} digits is too long", start)
        self.count(start)

    def array(self, path: Path) -> None:
        index = itertools.count()
        self.collection(path, "]", lambda: self.value((*path, next(index))))

    def inline_table(self, path: Path) -> None:
        self.collection(path, "}", lambda: self.key_value(path))

    def collection(self, path: Path, closing: str, item: Callable[[], None]) -> None:
        """An array or inline table from its opening bracket to ``closing``: ``item``
        reads each element."""
        self.opens(path, self.pos)
        self.pos += 1
        text = self.text
        while True:
            self.blank(newlines=True)
            if self.pos >= len(text):
                return
            char = text[self.pos]
            if char == closing:
                self.pos += 1
                return
            if char == ",":
                self.pos += 1
                continue
            before = self.pos
            item()
            if self.pos == before:
                self.pos += 1  # not an element: step over it (tomllib reports it)
                return
            if char == ",":
                self.pos += 1
                continue
            before = self.pos
            self.key_value(path)
            if self.pos == before:
                self.pos += 1

    def key_value(self, table: Path) -> None:
        parts = self.key()
        if not parts:
            return
        path = table
        for number, (name, offset) in enumerate(parts):
            if number:  # a dotted key's earlier parts are tables
                self.opens(path, parts[number - 1][1])
            path = (*path, name)
            self.found.keys.setdefault(path, offset)
            self.count(offset)
        self.blank(newlines=False)
        if self.pos < len(self.text) and self.text[self.pos] == "=":
            self.pos += 1
            self.blank(newlines=False)
            self.value(path)

    def header(self) -> Path:
        """A ``[table]`` or ``[[array.of.tables]]`` header; returns the table's path in
        the data (an array's element by its index)."""
        text = self.text
        bracket = self.pos
        is_array = text.startswith("[[", bracket)
        self.pos += 2 if is_array else 1
        parts = self.key()
        self.blank(newlines=False)
        closing = "]]" if is_array else "]"
        if text.startswith(closing, self.pos):
            self.pos += len(closing)
        path: Path = ()
        for number, (name, offset) in enumerate(parts):
            path = (*path, name)
            self.found.keys.setdefault(path, offset if number < len(parts) - 1 else bracket)
            last = number == len(parts) - 1
            if is_array and last:
                self.opens(path, bracket)  # the array
                element = self.tables.get(path, 0)
                self.tables[path] = element + 1
                path = (*path, element)
                self.found.keys[path] = bracket
            elif path in self.tables:  # inside the latest element of an array of tables
                path = (*path, self.tables[path] - 1)
            self.opens(path, offset if not last else bracket)
        return path

    def document(self) -> Scanned:
        text = self.text
        table: Path = ()
        while self.pos < len(text):
            self.blank(newlines=True)
            if self.pos >= len(text):
                break
            before = self.pos
            if text[self.pos] == "[":
                table = self.header()
            else:
                self.key_value(table)
            if self.pos == before:
                self.pos += 1  # nothing TOML knows: tomllib will say what is wrong
        return self.found


def scan(text: str) -> Scanned:
    """The offsets of ``text``'s keys and values; raises :class:`ScanProblem` where the
    text passes edcheck's depth, size or number-length limits."""
    return _Lexer(text).document()
