"""Split a Markdown file into front matter and body, and load the front matter.

Three forms are recognised, as Hugo, Jekyll, Astro and MkDocs write them: YAML between
``---`` lines, TOML between ``+++`` lines and a JSON object at the top of the file. The
result keeps the 1-based line and column of every key, nested ones included.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from checker import yaml12

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
    format: Format
    data: dict[str, Any]
    keys: dict[Path, Position]
    start_line: int  # the opening delimiter (or ``{``)
    end_line: int  # the closing delimiter (or ``}``)
    body_line: int  # the first line of the body
    body_offset: int  # index of the body in the text
    values: dict[Path, Position] = field(default_factory=dict)


_YAML_OPEN = re.compile(r"---[ \t]*\r?\n|---[ \t]*\Z")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*\r?\n")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)


def split(text: str) -> FrontMatter | None:
    """Find and load the front matter of ``text``; ``None`` when there is none."""
    if _YAML_OPEN.match(text):
        return _delimited(text, "yaml", _YAML_CLOSE, "---")
    if _TOML_OPEN.match(text):
        return _delimited(text, "toml", _TOML_CLOSE, "+++")
    if text.startswith("{"):
        return _json(text)
    return None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _delimited(text: str, form: Format, closing: re.Pattern[str], mark: str) -> FrontMatter:
    first_newline = text.find("\n")
    start = first_newline + 1 if first_newline >= 0 else len(text)
    end = closing.search(text, start)
    if end is None:
        raise FrontMatterProblem(
            "frontmatter-syntax",
            f"front matter opened with {mark} on line 1 is never closed: add a {mark} line "
            "after the last field",
            1,
        )
    source = text[start : end.start()]
    end_line = _line_of(text, end.start())
    body_offset = end.end()
    if form == "yaml":
        data, keys, values = _load_yaml(source)
    else:
        data, keys = _load_toml(source)
        values = {}
    shift = 1  # the fields start on line 2
    return FrontMatter(
        format=form,
        data=data,
        keys={path: (line + shift + 1, col + 1) for path, (line, col) in keys.items()},
        values={path: (line + shift + 1, col + 1) for path, (line, col) in values.items()},
        start_line=1,
        end_line=end_line,
        body_line=end_line + 1,
        body_offset=body_offset,
    )


def _load_yaml(source: str) -> tuple[dict[str, Any], dict[Path, Position], dict[Path, Position]]:
    try:
        loaded = yaml12.load(source)
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
_TOML_TABLE = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(
    r"\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _toml_key_parts(dotted: str) -> list[str]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", dotted)
    return [next(part for part in groups if part) if any(groups) else "" for groups in parts]


def _load_toml(source: str) -> tuple[dict[str, Any], dict[Path, Position]]:
    import tomllib

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        if found and found.group(1):
            line, column = int(found.group(1)), int(found.group(2))
        else:  # "at end of document": the last line of the front matter
            line, column = max(1, len(source.splitlines())), 1
        message = _TOML_POSITION.sub("", str(error)).strip()
        raise FrontMatterProblem(
            "frontmatter-syntax", f"TOML syntax error: {message}", line + 1, column
        ) from None
    keys: dict[Path, Position] = {}
    table: list[str] = []
    in_multiline = False
    for number, text in enumerate(source.splitlines()):
        if text.count('"""') % 2 or text.count("'''") % 2:
            in_multiline = not in_multiline
            if in_multiline and (found_key := _TOML_KEY.match(text)):
                path = (*table, *_toml_key_parts(found_key.group(1)))
                keys.setdefault(path, (number, found_key.start(1)))
            continue
        if in_multiline:
            continue
        if header := _TOML_TABLE.match(text):
            table = _toml_key_parts(header.group(1))
            keys.setdefault(tuple(table), (number, text.index("[")))
        elif found_key := _TOML_KEY.match(text):
            path = (*table, *_toml_key_parts(found_key.group(1)))
            keys.setdefault(path, (number, found_key.start(1)))
    return iso_dates(data), keys


def iso_dates(value: Any) -> Any:
    """``value`` with TOML's dates and times as ISO text, as YAML 1.2 and JSON give them
    (nested mappings and lists included)."""
    if isinstance(value, dict):
        return {key: iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [iso_dates(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _json(text: str) -> FrontMatter:
    decoder = json.JSONDecoder(
        object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant
    )
    try:
        data, end = decoder.raw_decode(text)
    except json.JSONDecodeError as error:
        raise FrontMatterProblem(
            "frontmatter-syntax", f"JSON syntax error: {error.msg}", error.lineno, error.colno
        ) from None
    except _JsonRefused as refused:
        line, column = _locate_json_problem(text, refused)
        raise FrontMatterProblem("frontmatter-syntax", str(refused), line, column) from None
    keys = _json_keys(text[:end])
    end_line = _line_of(text, end - 1)
    newline = text.find("\n", end)
    body_offset = len(text) if newline < 0 else newline + 1
    return FrontMatter(
        format="json",
        data=data,
        keys=keys,
        start_line=1,
        end_line=end_line,
        body_line=end_line + 1,
        body_offset=body_offset,
    )


class _JsonRefused(ValueError):
    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _JsonRefused(f"duplicate key {key!r}", key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> float:
    raise _JsonRefused(f"{name} is not a JSON number")


def _locate_json_problem(text: str, refused: _JsonRefused) -> Position:
    needle = f'"{refused.key}"' if refused.key is not None else str(refused).split()[0]
    found = text.rfind(needle) if refused.key is not None else text.find(needle)
    if found < 0:
        return (1, 1)
    line = _line_of(text, found)
    return line, found - (text.rfind("\n", 0, found) + 1) + 1


def _json_keys(source: str) -> dict[Path, Position]:
    """Positions of the keys of a JSON object that is known to be valid."""
    scanstring = json.decoder.scanstring  # type: ignore[attr-defined]

    keys: dict[Path, Position] = {}
    stack: list[list[Any]] = []  # [path, is_object, next index, pending key]
    index, line, line_start = 0, 1, 0
    expecting_key = False
    while index < len(source):
        char = source[index]
        if char == "\n":
            line, line_start = line + 1, index + 1
        elif char == '"':
            value, end = scanstring(source, index + 1)
            if stack and stack[-1][1] and expecting_key:
                frame = stack[-1]
                frame[3] = value
                keys[(*frame[0], value)] = (line, index - line_start + 1)
                expecting_key = False
            index = end
            continue
        elif char in "{[":
            path: Path = ()
            if stack:
                frame = stack[-1]
                path = (*frame[0], frame[3]) if frame[1] else (*frame[0], frame[2])
            stack.append([path, char == "{", 0, None])
            expecting_key = char == "{"
        elif char in "}]":
            stack.pop()
        elif char == "," and stack:
            frame = stack[-1]
            frame[2] += 1
            expecting_key = frame[1]
        index += 1
    return keys
