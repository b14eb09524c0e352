"""Values in messages as the file spells them, and keys that nearly match.

A message shows what the page says: the value's text as written in the front matter
(``0306406152``, ``false``, ``"2019-02-30"``), else the value spelled as YAML writes it
(``true``, ``[a, b]``, ``{a: 1}``), never as Python prints it (``True``, ``None``, ``['a']``);
a value with nothing in it is "empty". A key that is missing but nearly present
(``Title``, ``author`` followed by a no-break space, ``peer-review``) is named.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.documents import Document

LIMIT = 60

# plain YAML text that reads back as the same text (no indicator first, no ": " or " #",
# not a number, boolean or null under the YAML 1.2 core schema)
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")
_NOT_TEXT = re.compile(
    r"null|Null|NULL|~|true|True|TRUE|false|False|FALSE"
    r"|[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _text(value: str) -> str:
    plain = (
        _PLAIN.fullmatch(value) is not None
        and value == value.strip()
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and _NOT_TEXT.fullmatch(value) is None
        and value.isprintable()
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def _flow(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    return _text(str(value))


def spelled(value: Any, limit: int = LIMIT) -> str:
    """``value`` as YAML writes it in flow style, cut to ``limit`` characters (``...``
    ends a cut text); ``empty`` for no value at all (null, empty or blank text)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "empty"
    return _cut(_flow(value), limit)


def _quoted_end(line: str, start: int) -> int | None:
    """The index just past the quoted scalar opening at ``start``, or ``None`` when it
    does not close on this line."""
    quote = line[start]
    index = start + 1
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return None


def _flow_end(line: str, start: int) -> int | None:
    """The index just past the flow collection opening at ``start`` (quotes respected),
    or ``None`` when it does not close on this line."""
    depth, index = 0, start
    while index < len(line):
        char = line[index]
        if char in "\"'":
            end = _quoted_end(line, index)
            if end is None:
                return None
            index = end
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def _plain_end(line: str, start: int) -> int:
    found = re.search(r"[ \t]#", line[start:])
    return start + found.start() if found else len(line)


def written(document: Document, path: tuple[str | int, ...], value: Any) -> str | None:
    """The text of the value at ``path`` exactly as the front matter writes it on its
    line (a scalar, quotes included, or a flow collection); ``None`` when the file gives
    no position for it (JSON) or the value spans lines (block scalars and collections)."""
    front = document.front
    position = front.values.get(path) if front is not None else None
    if position is None:
        return None
    line_number, column = position
    lines = document.lines
    begin = lines.offset(line_number)
    end = lines.offset(line_number + 1)
    line = document.text[begin:end].rstrip("\r\n")
    start = column - 1
    if start >= len(line):
        return None
    first = line[start]
    if isinstance(value, list | dict) and first not in "[{":
        return None  # a block collection: spelled instead
    stop: int | None
    if first in "\"'":
        stop = _quoted_end(line, start)
    elif first in "[{":
        stop = _flow_end(line, start)
    elif first in "|>&*!#":
        return None
    else:
        stop = _plain_end(line, start)
    if stop is None:
        return None
    text = line[start:stop].rstrip()
    if not text or (first not in "\"'[{" and isinstance(value, str) and text != value):
        return None  # a plain scalar folded over several lines
    return text


def as_written(document: Document, path: tuple[str | int, ...], value: Any) -> str:
    """What a message shows for a value: its text as written (:func:`written`), else
    :func:`spelled`; ``empty`` for no value; cut to :data:`LIMIT` characters."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "empty"
    text = written(document, path, value)
    return _cut(text, LIMIT) if text is not None else spelled(value)


# -- keys that nearly match ------------------------------------------------------------
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]")


def _fold(key: str) -> str:
    return _INVISIBLE.sub("", key).casefold().replace("-", "_")


def visible_key(key: str) -> str:
    """``key`` with every space other than a plain space, and every invisible character,
    written as ``\\uXXXX``: ``author\\u00a0``."""
    return "".join(
        char
        if char == " " or not (char.isspace() or unicodedata.category(char) in ("Cf", "Cc"))
        else f"\\u{ord(char):04x}"
        for char in key
    )


def near_miss(mapping: object, key: str) -> str | None:
    """Why ``key`` is missing from ``mapping`` although it is nearly there: a key that
    differs only in case, spaces (a no-break space, trailing spaces), invisible characters
    or ``-`` for ``_``; ``None`` when there is no such key or ``key`` is present."""
    if not isinstance(mapping, dict) or key in mapping:
        return None
    wanted = _fold(key)
    for found in mapping:
        if not isinstance(found, str) or _fold(found) != wanted:
            continue
        shown = visible_key(found)
        if _INVISIBLE.sub("", found) == key or found.strip() == key:
            odd = sorted({char for char in found if _INVISIBLE.fullmatch(char)})
            names = ", ".join(
                f"U+{ord(char):04X} {unicodedata.name(char, 'space').lower()}" for char in odd
            )
            return f"found `{shown}`, which holds {names}: keys must match exactly"
        if found.casefold() == key.casefold():
            return f"found `{shown}`; keys are case-sensitive"
        return f"found `{shown}`; write `{key}`"
    return None
