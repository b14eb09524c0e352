"""The built-in model's view of a page, so that the built-in schemas follow the site's
mapping: each fact moved from the site's key to the built-in key, dates the site writes
in its own formats given as ISO, the page's resolved type filled in, and the schema's
findings told back in the site's keys."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from checker.dates import parse_site_date
from checker.documents import FieldPath, dotted
from checker.model import DATE_FACTS, DEFAULT_FIELDS
from checker.record import EditorialRecord

_DATE_KEYS = ("updated",)  # dates the built-in schemas know that are not facts


@dataclass(frozen=True)
class CanonicalView:
    """The instance the built-in schemas validate, and how its paths map back."""

    data: dict[str, Any]
    moved: tuple[tuple[FieldPath, FieldPath], ...]  # (built-in path, site path)

    def site_terms(self, path: FieldPath, message: str) -> tuple[FieldPath, str]:
        """A schema finding's path and message in the site's own keys."""
        for built_in, site in self.moved:
            if path[: len(built_in)] == built_in:
                site_path = (*site, *path[len(built_in) :])
                old = ".".join(map(str, built_in))
                new = ".".join(map(str, site))
                if message.startswith(old):
                    message = new + message[len(old) :]
                return site_path, message
        return path, message


def _pop(data: dict[str, Any], path: FieldPath) -> Any:
    node: Any = data
    for part in path[:-1]:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node.pop(path[-1], None) if isinstance(node, dict) else None


def _put(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    node = data
    for part in path[:-1]:
        child = node.get(part) if isinstance(part, str) else None
        if not isinstance(child, dict):
            child = {}
            node[str(part)] = child
        node = child
    node[str(path[-1])] = value


def canonical_view(record: EditorialRecord) -> CanonicalView:
    """The page as the built-in model would write it (see the module's docstring)."""
    fields = record.model.fields
    if record.model.is_builtin:
        data = dict(record.document.data)  # the built-in model: nothing moves
        _resolved_type(data, record)
        return CanonicalView(data, ())
    data = copy.deepcopy(record.document.data)
    for default in record.model.defaults:
        if default.paths(record.relative):
            for key, value in default.values.items():
                data.setdefault(key, copy.deepcopy(value))
    moved: list[tuple[FieldPath, FieldPath]] = []
    taken = []
    for name, built_in in DEFAULT_FIELDS.items():
        site = fields.get(name)
        if built_in is None or site == built_in:
            continue
        taken.append((name, built_in, site))
    values = {name: _pop(data, dotted(site)) if site else None for name, _, site in taken}
    for _, built_in, _ in taken:
        _pop(data, dotted(built_in))  # the site's own key of that name is not this fact
    for name, built_in, site in taken:
        if site is not None and values[name] is not None:
            _put(data, dotted(built_in), values[name])
            moved.append((dotted(built_in), dotted(site)))
    for name in DATE_FACTS:
        built_in = DEFAULT_FIELDS.get(name)
        if built_in:
            _iso(data, dotted(built_in), record.model.date_formats)
    for key in _DATE_KEYS:
        _iso(data, dotted(key), record.model.date_formats)
    _resolved_type(data, record)
    return CanonicalView(data, tuple(moved))


def _resolved_type(data: dict[str, Any], record: EditorialRecord) -> None:
    """A page without a type has its default type (the engine reports a missing one once);
    a type that is not text stays for the schema to report."""
    fact = record.fact("type")
    if not fact.present or fact.blank:
        data["type"] = record.type


def _iso(data: dict[str, Any], path: FieldPath, formats: tuple[str, ...]) -> None:
    if not formats:
        return
    node: Any = data
    for part in path[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) and isinstance(node.get(path[-1]), str):
        parsed = parse_site_date(node[path[-1]], formats)
        if parsed is not None:
            node[path[-1]] = parsed[0].isoformat()
