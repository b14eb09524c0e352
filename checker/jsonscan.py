"""A JSON object read by a flat scan, before the ``json`` module parses it.

Python's ``json`` recurses once per nested array or object, so 100,000 levels exhaust
its stack (and edcheck's own walkers fail much earlier). This scan walks the text once,
with an explicit stack, and gives:

* where the object that opens the text ends (its closing ``}``), so that the text after
  it (a page's body) is never parsed as JSON;
* the character offset of every key, by the path of the data ``json`` builds;
* the limits edcheck applies to every front-matter format (``yaml12.MAX_DEPTH`` levels,
  ``yaml12.MAX_NODES`` values, ``yaml12.MAX_NUMBER_DIGITS`` digits in a number),
  refused at the offset where each is first passed.

Strings follow RFC 8259 (section 7: a quotation mark ends a string unless escaped); the
scan never fails on malformed JSON, it stops (or reads on), and ``json`` then reports the
syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.tomlscan import TOO_DEEP, TOO_MANY, ScanProblem
from checker.yaml12 import MAX_DEPTH, MAX_NODES, MAX_NUMBER_DIGITS

Path = tuple[str | int, ...]

_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|[^\s{}\[\],:"]+|"', re.DOTALL)
_NUMBER = re.compile(r"-?([0-9]+)(?:\.([0-9]*))?(?:[eE][-+]?[0-9]+)?")


@dataclass
class Scanned:
    """Key offsets by path (the first of duplicates), the offset just past the object
    (``-1``: never closed), and the first duplicate key: (path, offset, first offset)."""

    keys: dict[Path, int] = field(default_factory=dict)
    end: int = -1
    duplicate: tuple[Path, int, int] | None = None


class _Open:
    """An array or object being scanned."""

    __slots__ = ("is_object", "items", "key", "path")

    def __init__(self, path: Path, is_object: bool) -> None:
        self.path = path
        self.is_object = is_object
        self.items = 0
        self.key = ""

    def child(self) -> Path:
        return (*self.path, self.key if self.is_object else self.items)


def scan(text: str, start: int = 0, *, max_nodes: int | None = MAX_NODES) -> Scanned:
    """Scan the JSON value that starts at ``start``; raises :class:`ScanProblem` where a
    limit is passed (``max_nodes`` values, ``None``: no count). Malformed JSON is scanned
    as far as it goes, for ``json`` to report."""
    from json.decoder import scanstring  # type: ignore[attr-defined]

    found = Scanned()
    stack: list[_Open] = []
    nodes = 0
    expecting_key = False
    for token in _TOKEN.finditer(text, start):
        word = token.group(0)
        first = word[0]
        offset = token.start()
        if first in "{[":
            if len(stack) + 1 > MAX_DEPTH:
                raise ScanProblem(TOO_DEEP, offset)
            stack.append(_Open(stack[-1].child() if stack else (), first == "{"))
            expecting_key = first == "{"
        elif first in "}]":
            if len(stack) <= 1:
                found.end = token.end() if stack else -1
                return found
            stack.pop()
            expecting_key = False
            continue  # the container was counted when it opened
        elif first == ",":
            if stack:
                stack[-1].items += 1
                expecting_key = stack[-1].is_object
            continue
        elif first == ":":
            expecting_key = False
            continue
        elif first == '"':
            if len(word) == 1:
                return found  # an unterminated string: json reports it
            if stack and stack[-1].is_object and expecting_key:
                try:
                    name = scanstring(text, offset + 1)[0]
                except ValueError:  # a bad escape: json reports it
                    return found
                stack[-1].key = name
                path = stack[-1].child()
                first_offset = found.keys.setdefault(path, offset)
                if first_offset != offset and found.duplicate is None:
                    found.duplicate = (path, offset, first_offset)
                expecting_key = False
        elif number := _NUMBER.fullmatch(word):
            digits = len(number.group(1)) + len(number.group(2) or "")
            if digits > MAX_NUMBER_DIGITS:
                raise ScanProblem(f"number with {digits} digits is too long", offset)
        nodes += 1
        if max_nodes is not None and nodes > max_nodes:
            raise ScanProblem(TOO_MANY, offset)
        if not stack:
            return found  # a lone value: not an object, json says so
    return found
