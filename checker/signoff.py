"""Sign-off: write the reviewer, the review date and the fingerprint of the reviewed text
into a file's front matter, under the site's own keys (``reviewed.by``, ``reviewed.on`` and
``reviewed.hash`` in the built-in model), changing nothing else.

The new values are spliced in at the positions the parser reports (libyaml's event marks
for YAML, the table's lines for TOML); the rest of the file stays byte for byte: key
order, comments, quoting, blank lines, the BOM and the line endings. The result is parsed
again and must hold the same front matter plus the review, or nothing is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker import yaml12
from checker.frontmatter import FrontMatterProblem, split


class SignError(Exception):
    """The file cannot be signed as it is; the message says why."""


@dataclass(frozen=True)
class SignKeys:
    """Where a site keeps the review: dotted keys (``None``: the site keeps no such fact,
    and nothing is written for it); ``due`` the page's own next-review date, if the site
    keeps one; ``literal``, keys the page writes with a dot in their own name (DocFX's
    ``ms.date``); ``date_format`` how dates are written (strftime; ``None``: ISO)."""

    by: str | None = "reviewed.by"
    on: str | None = "reviewed.on"
    hash: str | None = "reviewed.hash"
    due: str | None = None
    date_format: str | None = None
    literal: frozenset[str] = frozenset()

    def path(self, key: str) -> tuple[str, ...]:
        return (key,) if key in self.literal else tuple(key.split("."))


@dataclass(frozen=True)
class Signature:
    by: str
    on: date
    hash: str
    due: date | None = None  # the next review, for a site that keeps it per page

    def values(self, keys: SignKeys = SignKeys()) -> dict[tuple[str, ...], str]:
        """Key path -> text to write, in the order by, on, hash, due."""

        def day(when: date) -> str:
            return when.strftime(keys.date_format) if keys.date_format else when.isoformat()

        found = {keys.by: self.by, keys.on: day(self.on), keys.hash: self.hash}
        if self.due is not None:
            found[keys.due] = day(self.due)
        return {keys.path(key): value for key, value in found.items() if key is not None}


def _groups(values: dict[tuple[str, ...], str]) -> dict[str, dict[str, str]]:
    """Values by the table they go in ("" for the top level): {"reviewed": {"by": ...}}."""
    grouped: dict[str, dict[str, str]] = {}
    for path, value in values.items():
        grouped.setdefault(".".join(path[:-1]), {})[path[-1]] = value
    return grouped


Tree = dict[str, "str | Tree"]


def _tree(values: dict[tuple[str, ...], str]) -> Tree:
    """Key paths as nested mappings: {"params": {"reviewed": {"by": ...}}}."""
    tree: Tree = {}
    for path, value in values.items():
        node = tree
        *parents, leaf = path
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise SignError(f"{'.'.join(path)!r} is not a key sign-off can write")
            node = child
        node[leaf] = value
    return tree


def sign_text(text: str, signature: Signature, keys: SignKeys = SignKeys()) -> str:
    """``text`` (a whole file, BOM removed) with the review written into its front matter
    under ``keys``. Raises ``SignError`` when it cannot be done without touching anything
    else."""
    try:
        front = split(text)
    except FrontMatterProblem as problem:
        raise SignError(f"line {problem.line}: {problem.message}") from None
    if front is None:
        raise SignError("the file has no front matter to sign")
    if re.search(r"\r(?!\n)", text[: front.body_offset]):  # lines end in a lone CR
        raise SignError("sign-off writes front matter whose lines end in LF or CRLF, not CR")
    newline = "\r\n" if "\r\n" in text[: front.body_offset] else "\n"
    start = text.index("\n") + 1
    end = _line_start(text, front.end_line)
    source = text[start:end]
    values = signature.values(keys)
    if front.format == "yaml":
        signed = _sign_yaml(source, values, newline)
    elif front.format == "toml":
        dates = {keys.path(key) for key in (keys.on, keys.due) if key is not None}
        signed = _sign_toml(source, values, newline, dates)
    else:
        raise SignError("sign-off writes YAML and TOML front matter; this file's is JSON")
    result = text[:start] + signed + text[end:]
    _verify(front.data, result, values)
    return result


def _line_start(text: str, line: int) -> int:
    index = 0
    for _ in range(line - 1):
        index = text.index("\n", index) + 1
    return index


def _verify(before: dict[str, Any], result: str, values: dict[tuple[str, ...], str]) -> None:
    try:
        after = split(result)
    except FrontMatterProblem:
        after = None
    expected = _merged(before, _tree(values))
    if after is None or after.data != expected:
        raise SignError(
            "the rewritten front matter did not read back as expected; the file is unchanged"
        )


def _merged(data: dict[str, Any], tree: Tree) -> dict[str, Any]:
    merged = dict(data)
    for key, value in tree.items():
        if isinstance(value, dict):
            inner = merged.get(key)
            merged[key] = _merged(inner if isinstance(inner, dict) else {}, value)
        else:
            merged[key] = value
    return merged


# YAML -----------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._@/-]*[A-Za-z0-9.]|[A-Za-z0-9]")
_SPECIAL = re.compile(r"(?i)(true|false|yes|no|on|off|null|~|y|n|[-+.\d][\d._:eE+-]*)")


def _yaml_scalar(value: str, style: str | None, flow: bool) -> str:
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if (
        style in (None, "")
        and not flow
        and _PLAIN.fullmatch(value)
        and not _SPECIAL.fullmatch(value)
    ):
        return value
    if style in (None, "") and _ISO_DATE.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _index(mark: Any) -> int:
    """A libyaml mark's character index in the parsed text."""
    return int(mark.index)


def _sign_yaml(source: str, values: dict[tuple[str, ...], str], newline: str) -> str:
    events = _events(source)
    start = next((i for i, e in enumerate(events) if isinstance(e, yaml12.MappingStartEvent)), None)
    if start is None:
        raise SignError("the front matter is not a mapping of fields")
    edits = _edit_mapping(source, events, start, _tree(values), newline, "")
    for begin, end, replacement in sorted(edits, reverse=True):
        source = source[:begin] + replacement + source[end:]
    return source


def _block(tree: Tree, indent: str, newline: str) -> str:
    """New block-style lines for ``tree`` at ``indent``."""
    lines = ""
    for key, value in tree.items():
        if isinstance(value, dict):
            lines += f"{indent}{key}:{newline}" + _block(value, indent + "  ", newline)
        else:
            lines += f"{indent}{key}: {_yaml_scalar(value, None, False)}{newline}"
    return lines


def _flow(tree: Tree) -> str:
    return ", ".join(
        f"{key}: {{{_flow(value)}}}"
        if isinstance(value, dict)
        else f"{key}: {_yaml_scalar(value, None, True)}"
        for key, value in tree.items()
    )


def _events(source: str) -> list[Any]:
    try:
        return yaml12.events(source)
    except yaml12.YamlProblem as problem:
        raise SignError(f"the front matter is not valid YAML: {problem.message}") from None


def _skip(events: list[Any], index: int) -> int:
    """Index after the node starting at ``index``."""
    depth = 0
    while True:
        event = events[index]
        if isinstance(event, yaml12.MappingStartEvent | yaml12.SequenceStartEvent):
            depth += 1
        elif isinstance(event, yaml12.MappingEndEvent | yaml12.SequenceEndEvent):
            depth -= 1
        index += 1
        if depth == 0:
            return index


def _mapping_entries(events: list[Any], start: int) -> dict[str, tuple[int, int]]:
    """Keys of the mapping whose MappingStart is at (or, for the document, after) ``start``:
    key -> (key event index, value event index)."""
    index = start
    while not isinstance(events[index], yaml12.MappingStartEvent):
        if isinstance(events[index], yaml12.DocumentEndEvent | yaml12.StreamEndEvent):
            return {}
        index += 1
    index += 1
    entries: dict[str, tuple[int, int]] = {}
    while not isinstance(events[index], yaml12.MappingEndEvent):
        key_index = index
        index = _skip(events, index)
        value_index = index
        index = _skip(events, index)
        key = events[key_index]
        if isinstance(key, yaml12.ScalarEvent):
            entries[key.value] = (key_index, value_index)
    return entries


def _edit_mapping(  # noqa: PLR0917
    source: str,
    events: list[Any],
    start: int,
    values: Tree,
    newline: str,
    prefix: str,
) -> list[tuple[int, int, str]]:
    """Edits that write ``values`` into the mapping whose start event is ``start``:
    existing scalars replaced in place, nested mappings entered, missing keys added after
    the mapping's last entry in its own style."""
    mapping = events[start]
    flow = bool(mapping.flow_style)
    entries = _mapping_entries(events, start)
    edits: list[tuple[int, int, str]] = []
    missing: Tree = {}
    for key, value in values.items():
        if key not in entries:
            missing[key] = value
            continue
        key_event, event = events[entries[key][0]], events[entries[key][1]]
        if isinstance(value, dict):
            if isinstance(event, yaml12.MappingStartEvent):
                edits.extend(
                    _edit_mapping(
                        source, events, entries[key][1], value, newline, f"{prefix}{key}."
                    )
                )
            elif isinstance(event, yaml12.ScalarEvent) and not event.value.strip() and not flow:
                indent = " " * (key_event.start_mark.column + 2)
                block = newline + _block(value, indent, newline).removesuffix(newline)
                edits.append((_index(event.start_mark), _index(event.end_mark), block))
            else:
                raise SignError(
                    f"{prefix}{key} is a single value, not a mapping: fix it by hand first"
                )
            continue
        if not isinstance(event, yaml12.ScalarEvent):
            raise SignError(f"{prefix}{key} holds a list or mapping: fix it by hand first")
        begin, finish = _index(event.start_mark), _index(event.end_mark)
        rendered = _yaml_scalar(value, event.style, flow)
        if begin == finish and source[begin - 1 : begin] != " ":
            rendered = " " + rendered
        edits.append((begin, finish, rendered))
    if not missing:
        return edits
    if flow:
        closing = _index(events[_skip(events, start) - 1].start_mark)
        separator = ", " if entries else ""
        edits.append((closing, closing, separator + _flow(missing)))
        return edits
    if not entries:
        raise SignError(
            f"{prefix.rstrip('.') or 'the front matter'} is an empty mapping: fix it by hand first"
        )
    first_key = events[next(iter(entries.values()))[0]]
    indent = " " * first_key.start_mark.column
    last_end = max(
        _index(events[_skip(events, value) - 1].end_mark) for _, value in entries.values()
    )
    line_end = source.find(
        "\n", last_end - 1 if source[last_end - 1 : last_end] == "\n" else last_end
    )
    insert_at = len(source) if line_end < 0 else line_end + 1
    added = _block(missing, indent, newline)
    if insert_at == len(source) and source and not source.endswith("\n"):
        added = newline + added
    edits.append((insert_at, insert_at, added))
    return edits


# TOML -----------------------------------------------------------------------------

_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
_ARRAY_TABLE = re.compile(r"^\s*\[\[")


def _toml_value(value: str, is_date: bool, old: str = "") -> str:
    if is_date and _ISO_DATE.fullmatch(value):
        return value  # a TOML local date
    if old.startswith("'") and "'" not in value and "\n" not in value:
        return f"'{value}'"  # keep a literal string literal
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    """A TOML key: bare where it can be, quoted otherwise (``"ms.date"``)."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _value_span(line: str, equals: int) -> tuple[int, int]:
    """Start and end of the value after ``=`` on a line (a trailing comment excluded)."""
    start = equals + 1
    while start < len(line) and line[start] in " \t":
        start += 1
    if start < len(line) and line[start] in "\"'":
        quote = line[start]
        end = start + 1
        while end < len(line) and line[end] != quote:
            end += 2 if line[end] == "\\" and quote == '"' else 1
        return start, min(end + 1, len(line))
    comment = line.find("#", start)
    end = len(line) if comment < 0 else comment
    while end > start and line[end - 1] in " \t":
        end -= 1
    return start, end


def _sign_toml(
    source: str, values: dict[tuple[str, ...], str], newline: str, dates: set[tuple[str, ...]]
) -> str:
    for parent, leaves in _groups(values).items():
        prefix = tuple(parent.split(".")) if parent else ()
        written = {leaf for leaf in leaves if (*prefix, leaf) in dates}
        source = _sign_toml_table(source, parent, leaves, written, newline)
    return source


def _sign_toml_table(
    source: str, parent: str, values: dict[str, str], dates: set[str], newline: str
) -> str:
    """Write ``values`` into the table ``[parent]`` ("" : the top-level keys)."""
    lines = source.splitlines(keepends=True)
    header: int | None = None if parent else -1
    for number, line in enumerate(lines):
        stripped = line.strip()
        table = _TABLE.match(line)
        if parent and table and not _ARRAY_TABLE.match(line) and table.group(1).strip() == parent:
            header = number
            break
        if (
            parent
            and header is None
            and re.match(rf"\s*{re.escape(parent)}\s*[.=]", stripped)
            and not _TABLE.match(line)
        ):
            raise SignError(
                f"sign-off writes a [{parent}] table; this file sets {parent} inline "
                "or with dotted keys"
            )
    if header is None:
        block = "".join(
            f"{_toml_key(key)} = {_toml_value(value, key in dates)}{newline}"
            for key, value in values.items()
        )
        prefix = "" if not source or source.endswith(("\n", "\r")) else newline
        return source + f"{prefix}{newline}[{parent}]{newline}{block}"
    end = len(lines)
    for number in range(header + 1, len(lines)):
        if lines[number].lstrip().startswith("["):
            end = number
            break
    last_key = header
    names = "|".join(re.escape(key) for key in values)
    for number in range(header + 1, end):
        line = lines[number]
        found = re.match(rf"\s*[\"']?({names})[\"']?\s*=", line)
        if re.match(r"\s*[A-Za-z0-9_\"'-]+\s*=", line):
            last_key = number
        if found and found.group(1) in values:
            key = found.group(1)
            start, stop = _value_span(line, line.index("=", found.start(1)))
            rendered = _toml_value(values[key], key in dates, line[start:stop])
            lines[number] = line[:start] + rendered + line[stop:]
            values = {name: value for name, value in values.items() if name != key}
    if values:
        added = "".join(
            f"{_toml_key(key)} = {_toml_value(value, key in dates)}{newline}"
            for key, value in values.items()
        )
        if last_key < 0:
            lines.insert(0, added)
        else:
            anchor = lines[last_key]
            if not anchor.endswith(("\n", "\r")):
                lines[last_key] = anchor + newline
            lines.insert(last_key + 1, added)
    return "".join(lines)
