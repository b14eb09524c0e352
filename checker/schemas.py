"""JSON Schemas (Draft 2020-12) for front matter: loaded locally, never fetched.

Every ``$ref`` is resolved when a schema is loaded, against a registry that holds only
the built-in schemas and the JSON files beside a site's own schema. A reference to
anything else (a URL, a file elsewhere) is a configuration error; edcheck never makes a
network request or reads outside the schema folders.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from checker import resources
from checker.errors import UsageError
from checker.paths import shown_path


@dataclass(frozen=True)
class ShapeProblem:
    path: tuple[str | int, ...]
    message: str


def strip_blanks(value: Any) -> Any:
    """Keys with no value count as absent: the editorial rules report them, not the schema."""
    if isinstance(value, dict):
        return {key: strip_blanks(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [strip_blanks(item) for item in value]
    return value


def _refuse(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


def _line_of_ref(text: str, ref: str) -> int:
    found = text.find(json.dumps(ref))
    return text.count("\n", 0, found) + 1 if found >= 0 else 1


class SchemaSet:
    """The schemas of one configuration, loaded on first use."""

    def __init__(self, base: Path) -> None:
        from referencing import Registry, Resource

        self._base = base
        self._validators: dict[str, Any] = {}
        self._texts: dict[str, tuple[str, str]] = {}  # uri -> (shown, text)
        self._resolved: set[str] = set()
        self._builtin: set[str] = set()
        resources_: list[tuple[str, Any]] = []
        for name in resources.builtin_names("schemas", ".schema.json"):
            text = resources.read_text("schemas", f"{name}.schema.json")
            contents = json.loads(text)
            uri = contents["$id"]
            self._texts[uri] = (f"schemas/{name}.schema.json", text)
            self._builtin.add(uri)
            resources_.append((uri, Resource.from_contents(contents)))
        self._registry = Registry(retrieve=_refuse).with_resources(resources_)  # type: ignore[call-arg]

    def _uri_for(self, name: str) -> str:
        if name in resources.builtin_names("schemas", ".schema.json"):
            return f"https://edcheck.invalid/schemas/{name}.schema.json"
        return self._add_local(name)

    def _add_local(self, name: str) -> str:
        from referencing import Resource

        path = (self._base / name).resolve()
        if not path.is_file():
            raise UsageError(f"schema {name!r} is neither built in nor a file")
        if not path.is_relative_to(self._base):
            raise UsageError(f"schema {name!r} is outside the repository")
        primary = ""
        for sibling in sorted(path.parent.glob("*.json")):
            try:
                text = sibling.read_text(encoding="utf-8")
                contents = json.loads(text)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
                if sibling == path:
                    raise UsageError(
                        f"schema is not readable JSON: {error}", shown_path(sibling)
                    ) from None
                continue
            if not isinstance(contents, dict):
                if sibling == path:
                    raise UsageError("schema must be a JSON object", shown_path(sibling))
                continue
            declared = contents.get("$id")
            uri = declared if isinstance(declared, str) else sibling.as_uri()
            self._texts[uri] = (shown_path(sibling), text)
            self._registry = self._registry.with_resource(uri, Resource.from_contents(contents))
            if sibling == path:
                primary = uri
        return primary

    def validator(self, name: str) -> Any:
        if name in self._validators:
            return self._validators[name]
        from jsonschema import Draft202012Validator, FormatChecker
        from jsonschema.exceptions import SchemaError

        uri = self._uri_for(name)
        shown = self._texts[uri][0]
        contents = self._registry.contents(uri)
        if uri not in self._builtin:  # the built-in schemas are checked by the test suite
            try:
                Draft202012Validator.check_schema(contents)
            except SchemaError as error:
                raise UsageError(f"invalid JSON Schema: {error.message}", shown) from None
        self._resolve_all(uri)
        checker = FormatChecker(formats=("date",))
        validator = Draft202012Validator(contents, registry=self._registry, format_checker=checker)
        self._validators[name] = validator
        return validator

    def _resolve_all(self, uri: str) -> None:
        """Resolve every ``$ref`` now: refs are lazy, and a bad one could hide in ``anyOf``."""
        from referencing.exceptions import Unresolvable

        if uri in self._resolved:
            return
        self._resolved.add(uri)
        shown, text = self._texts[uri]
        resolver = self._registry.resolver(base_uri=uri)
        for ref in _refs(self._registry.contents(uri)):
            try:
                resolved = resolver.lookup(ref)
            except Unresolvable:
                raise UsageError(
                    f"$ref {ref!r} does not resolve to a schema beside this one "
                    "(edcheck never fetches schemas)",
                    shown,
                    _line_of_ref(text, ref),
                ) from None
            del resolved
            target = urljoin(uri, ref).split("#")[0]
            if target in self._texts:
                self._resolve_all(target)

    def check(self, name: str, data: dict[str, Any]) -> list[ShapeProblem]:
        validator = self.validator(name)
        problems: list[ShapeProblem] = []
        for error in validator.iter_errors(strip_blanks(data)):
            problems.extend(_problems(error))
        return problems


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            elif key not in ("const", "enum", "examples", "default"):
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}


def _problems(error: Any) -> Iterator[ShapeProblem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    if kind == "required":
        missing = next((name for name in value if name not in error.instance), "?")
        yield ShapeProblem((*path, missing), f"{_dotted((*path, missing))} is required")
        return
    where = _dotted(path) or "front matter"
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        words = " or ".join(_TYPE_WORDS.get(str(item), str(item)) for item in wanted)
        message = f"{where} must be {words}, not {_short(error.instance)}"
    elif kind == "enum":
        message = f"{where} is {_short(error.instance)}; allowed: {', '.join(map(str, value))}"
    elif kind == "format":
        message = f"{where} is {_short(error.instance)}, not a valid {value} (YYYY-MM-DD)"
    elif kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        message = f"{where} has unknown field(s): {', '.join(extra)}"
    elif kind in ("oneOf", "anyOf"):
        message = f"{where} must be text or a list of text, not {_short(error.instance)}"
    elif kind in ("minLength", "pattern") and isinstance(error.instance, str):
        message = (
            f"{where} must not be blank"
            if not error.instance.strip()
            else (f"{where} {_short(error.instance)} does not match {value!r}")
        )
    else:
        text = str(error.message)
        message = f"{where}: {text if len(text) <= 120 else text[:117] + '...'}"
    yield ShapeProblem(path, message)


def _dotted(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
