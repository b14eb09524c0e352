"""JSON Schemas (Draft 2020-12) for front matter: loaded locally, never fetched.

Every ``$ref`` is resolved when a schema is loaded, against a registry that holds only
the built-in schemas and the JSON files beside a site's own schema. A reference to
anything else (a URL, a file elsewhere) is a configuration error; edcheck never makes a
network request or reads outside the schema folders.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from checker import jsonscan, resources, schemaregex
from checker.errors import UsageError
from checker.lines import LineIndex, line_of
from checker.paths import shown_path
from checker.tomlscan import ScanProblem
from checker.walk import rebuild


@dataclass(frozen=True)
class ShapeProblem:
    path: tuple[str | int, ...]
    message: str


def _same(value: Any) -> Any:
    """A leaf as JSON Schema sees it: JSON has no infinity or NaN (RFC 8259, section 6),
    so YAML's ``.inf`` / ``.nan`` and TOML's ``inf`` / ``nan`` reach validation as text
    (``jsonschema``'s ``multipleOf`` would overflow on them), and a schema asking for a
    number reports them."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
    return value


def strip_blanks(value: Any) -> Any:
    """Keys with no value count as absent: the editorial rules report them, not the schema.
    (A copy, at any depth: walked without recursion.)"""
    return rebuild(value, _same, drop_none=True)


def _refuse(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]


def _line_of_ref(text: str, ref: str) -> int:
    found = text.find(json.dumps(ref))
    return line_of(text, found) if found >= 0 else 1


MAX_SCHEMA_BYTES = 1_000_000


def _read_schema(path: Path) -> tuple[str, dict[str, Any]]:
    """A site's schema file: its text and its JSON object, bounded like front matter in
    depth (``yaml12.MAX_DEPTH``) and held to ``MAX_SCHEMA_BYTES``. Any problem is a
    :class:`UsageError` naming the file, with a line where there is one."""
    shown = shown_path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_SCHEMA_BYTES + 1)
        if len(raw) > MAX_SCHEMA_BYTES:
            raise UsageError(f"schema is over the {MAX_SCHEMA_BYTES:,}-byte limit", shown)
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("schema is not valid UTF-8", shown) from None
    except OSError as error:
        raise UsageError(f"cannot read the schema: {error.strerror}", shown) from None
    lines = LineIndex(text)
    start = len(text) - len(text.lstrip(" \t\r\n"))
    try:
        jsonscan.scan(text, start, max_nodes=None)
        contents = json.loads(text)
    except ScanProblem as problem:
        message = problem.message.replace("front matter", "schema")
        raise UsageError(message, shown, *lines.line_col(problem.offset)) from None
    except json.JSONDecodeError as error:
        raise UsageError(
            f"schema is not readable JSON: {error.msg}", shown, *lines.line_col(error.pos)
        ) from None
    if not isinstance(contents, dict):
        raise UsageError("schema must be a JSON object", shown)
    return text, contents


def _schema_position(text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """1-based line and column of the deepest part of ``path`` that is a key in the
    schema's text (the file's start when none is)."""
    keys = jsonscan.scan(text, len(text) - len(text.lstrip(" \t\r\n")), max_nodes=None).keys
    for end in range(len(path), 0, -1):
        if path[:end] in keys:
            return LineIndex(text).line_col(keys[path[:end]])
    return 1, 1


class SchemaSet:
    """The schemas of one configuration, loaded on first use."""

    def __init__(self, base: Path) -> None:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self._base = base
        self._validators: dict[str, Any] = {}
        self._texts: dict[str, tuple[str, str]] = {}  # uri -> (shown, text)
        self._resolved: set[str] = set()
        self._folders: dict[str, Path] = {}  # uri of a site's schema -> its folder
        resources_: list[tuple[str, Any]] = []
        for name in resources.builtin_names("schemas", ".schema.json"):
            text = resources.read_text("schemas", f"{name}.schema.json")
            contents = json.loads(text)
            uri = contents["$id"]
            self._texts[uri] = (f"schemas/{name}.schema.json", text)
            schemaregex.drop_dialects(contents)
            resource = Resource.from_contents(contents, default_specification=DRAFT202012)
            resources_.append((uri, resource))
        self._registry = Registry(retrieve=_refuse).with_resources(resources_)  # type: ignore[call-arg]

    def _uri_for(self, name: str) -> str:
        if name in resources.builtin_names("schemas", ".schema.json"):
            return f"https://edcheck.invalid/schemas/{name}.schema.json"
        return self._add_local(name)

    def _add_local(self, name: str) -> str:
        path = (self._base / name).resolve()
        if not path.is_file():
            raise UsageError(f"schema {name!r} is neither built in nor a file")
        if not path.is_relative_to(self._base):
            raise UsageError(f"schema {name!r} is outside the repository")
        return self._load_file(path)

    def _load_file(self, path: Path) -> str:
        """Register the schema in ``path`` (after checking it is one); its URI."""
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError
        from referencing import Resource
        from referencing.jsonschema import DRAFT202012

        text, contents = _read_schema(path)
        shown = shown_path(path)
        try:
            Draft202012Validator.check_schema(contents)
        except SchemaError as error:
            line, column = _schema_position(text, tuple(error.absolute_path))
            raise UsageError(f"invalid JSON Schema: {error.message}", shown, line, column) from None
        for where, message in schemaregex.regex_problems(contents):
            line, column = _schema_position(text, where)
            raise UsageError(f"invalid JSON Schema: {message}", shown, line, column)
        # validated as Draft 2020-12 throughout, by edcheck's class (see schemaregex)
        schemaregex.drop_dialects(contents)
        declared = contents.get("$id")
        uri = declared if isinstance(declared, str) else path.as_uri()
        if not isinstance(declared, str):  # its relative $refs resolve beside it
            contents = {"$id": uri, **contents}
        self._texts[uri] = (shown, text)
        self._folders[uri] = path.parent
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        self._registry = self._registry.with_resource(uri, resource)
        return uri

    def _beside(self, uri: str, target: str) -> bool:
        """Load the file that ``target`` (a referenced URI, fragment removed) names beside
        the schema ``uri``: a file URI in the same folder, or the one ``.json`` file there
        whose ``$id`` is ``target``. Only files a schema refers to are ever loaded; other
        JSON files in the folder (``package.json``) are not schemas."""
        folder = self._folders.get(uri)
        if folder is None or target in self._texts:
            return False
        if target.startswith("file:"):
            from urllib.parse import unquote, urlsplit

            candidate = Path(unquote(urlsplit(target).path))
            if candidate.parent != folder or not candidate.is_file():
                return False
            self._load_file(candidate)
            return True
        for sibling in sorted(folder.glob("*.json")):
            if sibling.as_uri() in self._texts or not sibling.is_file():
                continue
            try:  # only its "$id" is read here: a file that is not a schema is skipped
                with open(sibling, "rb") as handle:
                    head = handle.read(MAX_SCHEMA_BYTES + 1)
                declared = json.loads(head).get("$id") if len(head) <= MAX_SCHEMA_BYTES else None
            except (OSError, ValueError, AttributeError, RecursionError):
                continue
            if declared == target:
                self._load_file(sibling)
                return True
        return False

    def validator(self, name: str) -> Any:
        """The validator for schema ``name`` (a built-in schema's name, or a file relative
        to the site): edcheck's Draft 2020-12 class, whose patterns run on RE2
        (:mod:`checker.schemaregex`). Loaded, checked and every ``$ref`` resolved on first
        use; a schema that is broken, or whose patterns RE2 cannot run, is a
        :class:`UsageError` naming its file and line."""
        if name in self._validators:
            return self._validators[name]
        from jsonschema import FormatChecker

        uri = self._uri_for(name)  # a site's schema is checked against the meta-schema
        contents = self._registry.contents(uri)
        self._resolve_all(uri)
        checker = FormatChecker(formats=("date",))
        validator = schemaregex.validator_class()(
            contents, registry=self._registry, format_checker=checker
        )
        self._validators[name] = validator
        return validator

    def _resolve_all(self, uri: str) -> None:
        """Resolve every ``$ref`` now: refs are lazy, and a bad one could hide in ``anyOf``."""
        from referencing.exceptions import Unresolvable

        if uri in self._resolved:
            return
        self._resolved.add(uri)
        shown, text = self._texts[uri]
        for ref in _refs(self._registry.contents(uri)):
            target = urljoin(uri, ref).split("#")[0]
            try:
                try:
                    resolved = self._registry.resolver(base_uri=uri).lookup(ref)
                except Unresolvable:
                    if not self._beside(uri, target):
                        raise
                    resolved = self._registry.resolver(base_uri=uri).lookup(ref)
            except Unresolvable:
                raise UsageError(
                    f"$ref {ref!r} does not resolve to a schema beside this one "
                    "(edcheck never fetches schemas)",
                    shown,
                    _line_of_ref(text, ref),
                ) from None
            del resolved
            if target in self._texts:
                self._resolve_all(target)

    def check(self, name: str, data: dict[str, Any]) -> list[ShapeProblem]:
        """The problems of front matter ``data`` under schema ``name``, in the editor's
        words (blank values count as absent; see :func:`strip_blanks`)."""
        validator = self.validator(name)
        problems: list[ShapeProblem] = []
        try:
            for error in validator.iter_errors(strip_blanks(data)):
                problems.extend(_problems(error))
        except RecursionError:  # data is at most 64 deep: only a schema loop recurses so
            uri = self._uri_for(name)
            shown = self._texts[uri][0] if uri in self._texts else name
            raise UsageError(
                "invalid JSON Schema: its $refs lead back to themselves without reaching a "
                'property or item (as {"$ref": "#"} does), so it never ends',
                shown,
            ) from None
        return problems


def _refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` in a schema, outside the keywords whose values are data; walked with
    an explicit stack."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            for key, value in current.items():
                if key == "$ref" and isinstance(value, str):
                    yield value
                elif key not in ("const", "enum", "examples", "default"):
                    pending.append(value)
        elif isinstance(current, list):
            pending.extend(current)


def _short(value: Any) -> str:
    """A value as YAML spells it (``false``, ``[a, b]``; ``empty``), cut to 40 characters."""
    from checker.spelling import spelled

    return spelled(value, 40)


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
    """One JSON Schema error as problems in the editor's words: the field's dotted path,
    the value as YAML spells it. jsonschema reports each missing required property as an
    error of its own (all with the same list), so the name is this error's own; a key
    that nearly matches is named. A blank text counts as absent, as a null does (see
    :func:`strip_blanks`): only ``minLength`` and ``pattern`` speak of it, once."""
    from checker.spelling import near_miss

    path = tuple(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    if kind == "required":
        missing = next(
            (name for name in value if f"{name!r} is a required property" == error.message),
            None,
        ) or next((name for name in value if name not in instance), "?")
        message = f"{_dotted((*path, missing))} is required"
        found = near_miss(instance, missing) if isinstance(missing, str) else None
        yield ShapeProblem((*path, missing), f"{message} ({found})" if found else message)
        return
    schema_path = tuple(error.relative_schema_path)
    if len(schema_path) >= 2 and schema_path[-2] == "propertyNames" and isinstance(instance, str):
        # the instance is a key (jsonschema gives it no path of its own): name it as one
        text = f"does not match {value!r}" if kind == "pattern" else str(error.message)[:120]
        where = _dotted(path) or "front matter"
        yield ShapeProblem((*path, instance), f"{where} key {_short(instance)} {text}")
        return
    if isinstance(instance, str) and not instance.strip():
        if kind not in ("minLength", "pattern"):
            return  # blank is absent: the editorial rules report it
        minimum = error.schema.get("minLength")
        if kind == "pattern" and isinstance(minimum, int) and len(instance) < minimum:
            return  # the minLength error says it
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
        extra = sorted(schemaregex.additional_properties(error.instance, error.schema))
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
