"""Split a Markdown file into front matter and body, and load the front matter.

Three forms are recognised, as Hugo, Jekyll, Astro and MkDocs write them:

* YAML between ``---`` lines (the closing line may also be ``...``);
* TOML between ``+++`` lines;
* JSON: an object at the very top of the file, recognised as Hugo's JSON front matter
  is, by its opening: ``{`` then optional whitespace then ``"`` (the first key) or ``}``
  (an empty object). Anything else that starts with ``{`` is body text, not front
  matter: a Hugo shortcode ``{{< youtube abc >}}``, an MDX comment ``{/* ... */}`` or
  expression, a Liquid or Nunjucks tag ``{% include x %}``.

The result keeps the 1-based line and column of every key, nested ones included, with
lines counted as :mod:`checker.lines` counts them (LF, CRLF and lone CR end a line;
U+0085, U+2028 and U+2029 do not), in the front matter and in the body alike.

Every format is held to the same bounds before its parser sees it (``yaml12.MAX_DEPTH``
levels of nesting, ``yaml12.MAX_NODES`` values, ``yaml12.MAX_NUMBER_DIGITS`` digits in a
number): tomllib and json recurse once per level and would exhaust Python's stack. A
bound passed is a ``frontmatter-syntax`` problem on the line where it is passed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from checker import jsonscan, tomlscan, yaml12
from checker.lines import LineIndex
from checker.walk import rebuild

Path = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line and column in the file
Format = Literal["yaml", "toml", "json"]


class FrontMatterProblem(Exception):
    """The front matter cannot be read; ``rule`` says which engine rule reports it."""

    def __init__(self, rule: str, message: str, line: int, column: int = 1) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class FrontMatter:
    """Loaded front matter: its data, the position of every key (and, for YAML and TOML,
    every value) by path, and where it and the body start, in lines of the file."""

    format: Format
    data: dict[str, Any]
    keys: dict[Path, Position]
    start_line: int  # the opening delimiter (or ``{``)
    end_line: int  # the closing delimiter (or ``}``)
    body_line: int  # the first line of the body
    body_offset: int  # index of the body in the text
    values: dict[Path, Position] = field(default_factory=dict)


_BREAK = r"(?:\r\n|\r|\n)"
_YAML_OPEN = re.compile(rf"---[ \t]*(?:{_BREAK}|\Z)")
_YAML_CLOSE = re.compile(rf"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:{_BREAK}|\Z)")
_TOML_OPEN = re.compile(rf"\+\+\+[ \t]*{_BREAK}")
_TOML_CLOSE = re.compile(rf"(?<=[\r\n])\+\+\+[ \t]*(?:{_BREAK}|\Z)")
_JSON_OPEN = re.compile(r'\{[ \t\r\n]*["}]')
# A delimiter line ended by a lone CR: line breaks edcheck counts (checker.lines), but
# the generators' front-matter readers want LF, so the page would render its fields.
_LONE_CR_OPEN = re.compile(r"(?:---|\+\+\+)[ \t]*\r(?!\n)")


def split(text: str) -> FrontMatter | None:
    """Find and load the front matter of ``text``; ``None`` when there is none.

    Raises :class:`FrontMatterProblem` (rule ``frontmatter-syntax``) with a 1-based line
    and column when it is malformed or passes a bound."""
    if _LONE_CR_OPEN.match(text):
        raise _syntax(
            "front matter lines end in a lone CR (classic Mac line endings), which Hugo "
            "and Jekyll do not read as front matter: save the file with LF line endings",
            (1, 4),
        )
    if _YAML_OPEN.match(text):
        return _delimited(text, "yaml", _YAML_CLOSE, "---")
    if _TOML_OPEN.match(text):
        return _delimited(text, "toml", _TOML_CLOSE, "+++")
    if _JSON_OPEN.match(text):
        return _json(text)
    return None


def _syntax(message: str, position: Position) -> FrontMatterProblem:
    return FrontMatterProblem("frontmatter-syntax", message, *position)


def _delimited(text: str, form: Format, closing: re.Pattern[str], mark: str) -> FrontMatter:
    lines = LineIndex(text)
    start = lines.offset(2)  # the fields start on line 2
    end = closing.search(text, start)  # its look-behind sees line 1's break
    if end is None:
        raise FrontMatterProblem(
            "frontmatter-syntax",
            f"front matter opened with {mark} on line 1 is never closed: add a {mark} line "
            "after the last field",
            1,
        )
    source = text[start : end.start()]
    end_line = lines.line(end.start())
    if form == "yaml":
        data, keys, values = _load_yaml(source)
        shift = lines.line(start) - 1  # libyaml counts lines as checker.lines does
        keys = {path: (line + shift + 1, col + 1) for path, (line, col) in keys.items()}
        values = {path: (line + shift + 1, col + 1) for path, (line, col) in values.items()}
    else:
        data, key_offsets, value_offsets = _load_toml(source, start, lines)
        keys = {path: lines.line_col(start + offset) for path, offset in key_offsets.items()}
        values = {path: lines.line_col(start + offset) for path, offset in value_offsets.items()}
    return FrontMatter(
        format=form,
        data=data,
        keys=keys,
        values=values,
        start_line=1,
        end_line=end_line,
        body_line=end_line + 1,
        body_offset=end.end(),
    )


def _load_yaml(source: str) -> tuple[dict[str, Any], dict[Path, Position], dict[Path, Position]]:
    try:
        loaded = yaml12.load(source, value_positions=True)
    except yaml12.YamlProblem as problem:  # the YAML starts on line 2
        raise FrontMatterProblem(
            "frontmatter-syntax", problem.describe(2), problem.line + 2, problem.column + 1
        ) from None
    if loaded.data is None:
        return {}, {}, {}
    if not isinstance(loaded.data, dict):
        raise FrontMatterProblem(
            "frontmatter-syntax", "front matter must be a mapping of fields (key: value)", 2
        )
    return loaded.data, loaded.keys, loaded.values


_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)")


def _toml_error_offset(source: str, error: str) -> int:
    """The offset in ``source`` that tomllib's message points at. tomllib counts lines
    by LF only (TOML 1.0: a newline is LF or CRLF; a lone CR is an error)."""
    found = _TOML_POSITION.search(error)
    if not found or not found.group(1):  # at the end: the last line that holds anything
        return len(source.rstrip("\r\n"))
    line, column = int(found.group(1)), int(found.group(2))
    offset = 0
    for _ in range(line - 1):
        offset = source.find("\n", offset) + 1
    return offset + column - 1


def load_toml(source: str) -> tuple[dict[str, Any], tomlscan.Scanned]:
    """TOML ``source`` as data (dates as ISO text) with the offsets of its keys and values.

    Raises :class:`tomlscan.ScanProblem` at a character offset of ``source``: a bound
    passed (found before tomllib sees the text) or a TOML syntax error."""
    import tomllib

    scanned = tomlscan.scan(source)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        message = _TOML_POSITION.sub("", str(error)).strip()
        offset = _toml_error_offset(source, str(error))
        raise tomlscan.ScanProblem(f"TOML syntax error: {message}", offset) from None
    return iso_dates(data), scanned


def _load_toml(
    source: str, start: int, lines: LineIndex
) -> tuple[dict[str, Any], dict[Path, int], dict[Path, int]]:
    try:
        data, scanned = load_toml(source)
    except tomlscan.ScanProblem as problem:
        raise _syntax(problem.message, lines.line_col(start + problem.offset)) from None
    return data, scanned.keys, scanned.values


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date | time) else value


def iso_dates(value: Any) -> Any:
    """``value`` with TOML's dates and times as ISO text, as YAML 1.2 and JSON give them
    (nested mappings and lists included, at any depth: walked without recursion)."""
    return rebuild(value, _iso)


def _json(text: str) -> FrontMatter:
    lines = LineIndex(text)
    try:
        scanned = jsonscan.scan(text)
    except tomlscan.ScanProblem as problem:
        raise _syntax(problem.message, lines.line_col(problem.offset)) from None
    if scanned.duplicate is not None:
        path, offset, first = scanned.duplicate
        raise _syntax(
            f"duplicate key {path[-1]!r} (first defined on line {lines.line(first)})",
            lines.line_col(offset),
        )
    decoder = json.JSONDecoder(parse_constant=_refuse_constant)
    source = text[: scanned.end] if scanned.end > 0 else text
    try:
        data, end = decoder.raw_decode(source)
    except json.JSONDecodeError as error:
        raise _syntax(f"JSON syntax error: {error.msg}", lines.line_col(error.pos)) from None
    except _JsonRefused as refused:
        found = text.find(str(refused).split()[0])
        raise _syntax(str(refused), lines.line_col(max(found, 0))) from None
    lone = _lone_surrogate(source)
    if lone is not None:  # JSON allows them (RFC 8259 section 8.2); text cannot hold them
        raise _syntax(
            "JSON escape for half a UTF-16 surrogate pair: it is not a character (write the "
            "character itself, or both halves of the pair)",
            lines.line_col(lone),
        )
    end_line = lines.line(end - 1)
    return FrontMatter(
        format="json",
        data=data,
        keys={path: lines.line_col(offset) for path, offset in scanned.keys.items()},
        start_line=1,
        end_line=end_line,
        body_line=end_line + 1,
        body_offset=lines.offset(end_line + 1),
    )


_SURROGATE = re.compile(
    r"(\\+)u([dD][89abAB][0-9a-fA-F]{2})(\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
    r"|(\\+)u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _lone_surrogate(source: str) -> int | None:
    """Where a ``\\uD800``-``\\uDFFF`` escape stands without its other half (YAML and
    TOML refuse such escapes; json decodes them into text no file or terminal can
    hold); ``None`` when there is none. An escaped backslash before ``u`` is not an
    escape."""
    if "\\u" not in source:
        return None
    for found in _SURROGATE.finditer(source):
        slashes = found.group(1) or found.group(4)
        if len(slashes) % 2 == 0:
            continue  # "\\\\ud800": an escaped backslash, then text
        if found.group(1) is not None and found.group(3) is not None:
            continue  # a high half followed by its low half
        return found.start() + len(slashes) - 1
    return None


class _JsonRefused(ValueError):
    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


def _refuse_constant(name: str) -> float:
    raise _JsonRefused(f"{name} is not a JSON number")
