"""A bounded YAML 1.2 (core schema) loader that remembers where every key is.

PyYAML's C parser produces the event stream; this module builds the data from it with
an explicit stack, so that:

* plain scalars follow YAML 1.2: ``on``, ``off``, ``yes`` and ``no`` stay strings, and
  dates stay text (edcheck validates them itself, strictly);
* every mapping key, nested ones included, keeps its line and column;
* duplicate keys, unknown tags (``!!python/object``), deep nesting and alias bombs are
  reported as problems with a position instead of being constructed, recursed into or
  expanded;
* U+0085, U+2028 and U+2029 are ordinary characters, as YAML 1.2 says (production
  ``c-printable``; only LF, CR and CRLF break a line). libyaml follows YAML 1.1, which
  breaks lines at them: before parsing, each is replaced by a private-use character the
  text does not hold (one for one, so every index and column stays), and put back in
  every scalar. Lines are then counted as :mod:`checker.lines` counts them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from checker.lines import split_lines

try:  # libyaml: ten times faster than the pure-Python parser, same grammar. The base
    # loader is used only for its event stream; it sets up almost nothing per file.
    from yaml import CBaseLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _Parser  # type: ignore[assignment]

# The event types, for callers that walk the stream themselves (sign-off splices values in
# at their marks): only this module imports PyYAML.
ScalarEvent = yaml.ScalarEvent
MappingStartEvent = yaml.MappingStartEvent
MappingEndEvent = yaml.MappingEndEvent
SequenceStartEvent = yaml.SequenceStartEvent
SequenceEndEvent = yaml.SequenceEndEvent
DocumentEndEvent = yaml.DocumentEndEvent
StreamEndEvent = yaml.StreamEndEvent
Event = yaml.Event

MAX_DEPTH = 64
MAX_NODES = 20_000
MAX_NUMBER_DIGITS = 100

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 0-based line and column within the parsed text

_TAG = "tag:yaml.org,2002:"
_TOO_DEEP = f"front matter is nested more than {MAX_DEPTH} deep"
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")


class YamlProblem(Exception):
    """Malformed or refused YAML, at a 0-based position in the parsed text."""

    def __init__(self, message: str, line: int, column: int, first_line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.first_line = first_line  # for a duplicate key: where the key first appeared

    def describe(self, offset: int) -> str:
        """The message, with lines counted from ``offset`` (the text's first file line)."""
        if self.first_line is None:
            return self.message
        return f"{self.message} (first defined on line {self.first_line + offset})"


@dataclass
class Loaded:
    data: Any
    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)


# YAML 1.2 ordinary characters that libyaml (YAML 1.1) takes for line breaks.
_ORDINARY_BREAKS = "\u0085\u2028\u2029"


def _shield(text: str) -> tuple[str, dict[int, int] | None]:
    """``text`` with U+0085, U+2028 and U+2029 replaced one for one by private-use
    characters it does not hold, and the table that puts them back (``None``: nothing
    was replaced)."""
    present = [char for char in _ORDINARY_BREAKS if char in text]
    if not present:
        return text, None
    stand_ins: list[str] = []
    code = 0xE000
    while len(stand_ins) < len(present):  # the private-use area has 6,400 characters
        if chr(code) not in text:
            stand_ins.append(chr(code))
        code += 1
    forward = {ord(char): ord(stand_in) for char, stand_in in zip(present, stand_ins, strict=True)}
    return text.translate(forward), {new: old for old, new in forward.items()}


_NUMBER_START = frozenset("0123456789+-.")


def _number(text: str, line: int, column: int) -> int | float | None:
    if not text or text[0] not in _NUMBER_START:
        return None  # most plain scalars are words: skip the number patterns
    digits = len(text.lstrip("+-"))
    if _INT.fullmatch(text):
        if digits > MAX_NUMBER_DIGITS:
            raise YamlProblem(f"number with {digits} digits is too long", line, column)
        return int(text, 10)
    if _OCT.fullmatch(text):
        return int(text[2:], 8) if digits <= MAX_NUMBER_DIGITS else None
    if _HEX.fullmatch(text):
        return int(text[2:], 16) if digits <= MAX_NUMBER_DIGITS else None
    if _FLOAT.fullmatch(text):
        if digits > MAX_NUMBER_DIGITS:
            raise YamlProblem(f"number with {digits} digits is too long", line, column)
        return float(text)
    if _INF.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN.fullmatch(text):
        return math.nan
    return None


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    return (mark.line, mark.column) if mark is not None else (0, 0)


def _scalar(event: yaml.ScalarEvent, line: int, column: int) -> Any:
    value: str = event.value
    tag = event.tag
    if tag in (None, "!"):
        if not event.implicit[0]:  # quoted or block scalar: always text
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        number = _number(value, line, column)
        return value if number is None else number
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool" and value in _TRUE | _FALSE:
        return value in _TRUE
    if tag in (_TAG + "int", _TAG + "float"):
        number = _number(value, line, column)
        if number is not None:
            return float(number) if tag.endswith("float") else number
        raise YamlProblem(f"{value!r} is not a number", line, column)
    raise YamlProblem(_tag_message(tag), line, column)


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    return f"YAML tag {shown} is not allowed in front matter"


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("anchor", "container", "key", "mark", "nodes", "path", "seen")

    def __init__(
        self, container: dict[str, Any] | list[Any], path: Path, mark: Position, anchor: str | None
    ) -> None:
        self.container = container
        self.path = path
        self.mark = mark
        self.anchor = anchor
        self.key: str | None = None
        self.seen: dict[str, int] = {}
        self.nodes = 1


class _Builder:
    """Builds the data from the event stream, bounded, with an explicit stack."""

    def __init__(self, value_positions: bool) -> None:
        self.restore: dict[int, int] | None = None
        self.result = Loaded(None)
        self.values = self.result.values if value_positions else None
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.total_nodes = 0
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        mark = _position(event)
        if isinstance(event, yaml.ScalarEvent):
            if self.restore is not None:
                event.value = event.value.translate(self.restore)
            self.place(_scalar(event, *mark), mark, 1, event.anchor, new=1)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self.open(event, mark)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self.stack.pop()
            # its values were counted as they came; the collection itself is one more
            self.place(frame.container, frame.mark, frame.nodes, frame.anchor, new=1)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise YamlProblem(f"unknown alias *{event.anchor}", *mark)
            value, nodes = self.anchors[event.anchor]
            self.place(value, mark, nodes, None, new=nodes)  # an alias repeats them all
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem("front matter holds more than one YAML document", *mark)

    def open(self, event: yaml.CollectionStartEvent, mark: Position) -> None:
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", _TAG + ("map" if is_mapping else "seq")):
            raise YamlProblem(_tag_message(event.tag), *mark)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(_TOO_DEEP, *mark)
        path: Path = ()
        if self.stack:
            parent = self.stack[-1]
            if isinstance(parent.container, list):
                path = (*parent.path, len(parent.container))
            elif parent.key is None:
                raise YamlProblem("a mapping key must be plain text", *mark)
            else:
                path = (*parent.path, parent.key)
        container: dict[str, Any] | list[Any] = {} if is_mapping else []
        self.stack.append(_Frame(container, path, mark, event.anchor))

    def place(self, value: Any, mark: Position, nodes: int, anchor: str | None, new: int) -> None:
        """Put a finished value in its parent; ``nodes`` is its size with every alias
        expanded, ``new`` how many values it adds to the document's count."""
        self.total_nodes += new
        if self.total_nodes > MAX_NODES:
            if self.anchors:
                message = f"front matter expands to more than {MAX_NODES} values (alias bomb?)"
            else:
                message = f"front matter holds more than {MAX_NODES} values"
            raise YamlProblem(message, *mark)
        if anchor is not None:
            self.anchors[anchor] = (value, nodes)
        if not self.stack:
            self.result.data = value
            return
        frame = self.stack[-1]
        frame.nodes += nodes
        container = frame.container
        if isinstance(container, list):
            if self.values is not None:
                self.values[(*frame.path, len(container))] = mark
            container.append(value)
        elif frame.key is None:
            self.set_key(frame, value, mark)
        else:
            container[frame.key] = value
            if self.values is not None:
                self.values[(*frame.path, frame.key)] = mark
            frame.key = None

    def set_key(self, frame: _Frame, value: Any, mark: Position) -> None:
        if value is None or isinstance(value, dict | list | float):
            raise YamlProblem("a mapping key must be plain text", *mark)
        key = value if isinstance(value, str) else str(value).lower()
        if key in frame.seen:
            raise YamlProblem(f"duplicate key {key!r}", *mark, first_line=frame.seen[key])
        frame.seen[key] = mark[0]
        frame.key = key
        self.result.keys[(*frame.path, key)] = mark


def load(text: str, *, value_positions: bool = False) -> Loaded:
    """Load one YAML document with YAML 1.2 core-schema semantics, bounded.

    Every key's position is kept; each value's too when ``value_positions`` (for
    edcheck's own files, whose errors may point at a list item).
    """
    builder = _Builder(value_positions)
    text, builder.restore = _shield(text)
    try:
        for event in _stream(text):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        line, column = _mark(error)
        # libyaml 0.2.5 (PyYAML >= 6.0.2 wheels) looks ahead for flow keys and stops deep
        # flow nesting with its own limit before any event reaches the builder: edcheck's
        # limit is the one a user meets, whatever the libyaml version.
        deep = _flow_too_deep(text)
        if deep is not None and deep <= (line, column):
            raise YamlProblem(_TOO_DEEP, *deep) from None
        raise YamlProblem(_describe(error), line, column) from None
    except yaml.YAMLError as error:  # reader errors: bad characters
        raise YamlProblem(str(error).splitlines()[0], 0, 0) from None
    return builder.result


def events(text: str) -> list[Event]:
    """The whole event stream of ``text`` (each event with its start and end marks), for
    edits that must land at the parser's positions. Raises :class:`YamlProblem`."""
    shielded, restore = _shield(text)
    try:
        found = list(_stream(shielded))
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(_describe(error), *_mark(error)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(str(error).splitlines()[0], 0, 0) from None
    if restore is not None:
        for event in found:
            if isinstance(event, yaml.ScalarEvent):
                event.value = event.value.translate(restore)
    return found


def _stream(text: str) -> Iterator[Event]:
    """libyaml's events for ``text``; PyYAML's errors pass through."""
    parser = _Parser(text)
    try:
        while (event := parser.get_event()) is not None:
            yield event
    finally:
        parser.dispose()


def _mark(error: yaml.MarkedYAMLError) -> Position:
    problem = error.problem_mark or error.context_mark
    return (problem.line, problem.column) if problem else (0, 0)


def _describe(error: yaml.MarkedYAMLError) -> str:
    parts = [part for part in (error.context, error.problem) if part]
    return "YAML syntax error: " + (", ".join(parts) if parts else "malformed YAML")


def _flow_too_deep(text: str) -> Position | None:
    """Where flow collections (``[`` and ``{``) first nest ``MAX_DEPTH`` deep, if they do.

    A light scan used only after the parser has failed, to tell edcheck's nesting limit
    from the parser's own. Quoted scalars, comments, block scalars (``|``, ``>``) and the
    continuation lines of plain scalars are skipped; a bracket opens a collection only
    where a node may start (anywhere inside a flow collection; in block context after
    ``- ``, ``? ``, ``: ``, or at the start of a line that follows one ending in ``:``
    or ``-``). Returns a 0-based position, counted like the builder's limit (the
    top-level mapping is one level).
    """
    if text.count("[") + text.count("{") < MAX_DEPTH:
        return None
    depth = 0
    value_next = True  # the previous line left a value to come (or there was none)
    block_scalar: int | None = None  # the indentation of the key a block scalar belongs to
    for line_number, line in enumerate(split_lines(text)):
        indent = len(line) - len(line.lstrip(" "))
        if block_scalar is not None:
            if not line.strip() or indent > block_scalar:
                continue
            block_scalar = None
        node_start = depth > 0 or value_next
        quote, escaped, last = "", False, ""
        for column, char in enumerate(line):
            following = line[column + 1 : column + 2]
            if quote:
                if char == quote and not escaped:
                    quote = ""
                escaped = quote == '"' and char == "\\" and not escaped
                continue
            if char == "#" and (column == 0 or line[column - 1] in " \t"):
                break  # a comment runs to the end of the line
            if char in "[{" and (node_start or depth > 0):
                depth += 1
                if depth >= MAX_DEPTH:
                    return (line_number, column)
                node_start = True
            elif char in "]}" and depth > 0:
                depth -= 1
            elif char in "'\"" and node_start:
                quote, escaped = char, False
            elif char in "|>" and node_start and depth == 0:
                block_scalar = indent
                break
            elif char in "-?:," and (depth > 0 or following in ("", " ", "\t")):
                node_start = True
            elif char not in " \t":
                node_start = False
            if char not in " \t":
                last = char
        value_next = depth == 0 and last in (":", "-", "?")
    return None
