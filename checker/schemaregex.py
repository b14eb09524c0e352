"""JSON Schema's regular expressions run by RE2, as every pattern from a site's policy is.

``jsonschema`` runs ``pattern``, ``patternProperties`` (and the ``additionalProperties``
and ``unevaluatedProperties`` that consult it) with Python's backtracking ``re``: a
site's ``"pattern": "^([a-z0-9]+-?)*$"`` against a 41-character value never finishes.
The validator class edcheck builds (:func:`validator_class`) replaces those four
keywords with implementations that match with RE2 (:func:`checker.patterns.compiled`),
in linear time.

JSON Schema patterns are ECMA-262 regular expressions and unanchored (JSON Schema 2020-12
core, section 6.4; validation, section 6.3.3): a match anywhere in the text counts, so
they are searched, never matched from the start. RE2 reads the ECMA-262 subset sites use
(classes, ``\\d`` as ASCII digits, ``^`` and ``$`` at the text's ends, ``{n,m}``); it has
no lookaround and no backreferences, and a schema using them is refused when it is
loaded (:func:`regex_problems`), never run on another engine.

``jsonschema`` picks the validator class again wherever a (sub)schema names its dialect
in ``$schema``, which would leave edcheck's class for the stock one; edcheck validates
every schema as Draft 2020-12, so :func:`drop_dialects` removes those names from the
copy it validates with.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from checker.patterns import compiled

# keywords whose values are instance data, never subschemas (nothing in them is a pattern)
_DATA = ("const", "enum", "examples", "default")


def search(pattern: str, text: str) -> bool:
    """Whether ``pattern`` (a pattern RE2 compiles) occurs anywhere in ``text``.

    A lone surrogate (JSON front matter may hold ``"\\ud800"``) cannot be given to RE2,
    which reads UTF-8; it is matched as U+FFFD, the character that stands for it.
    """
    regex = compiled(pattern)
    try:
        return regex.search(text) is not None
    except UnicodeEncodeError:
        scalar = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return regex.search(scalar) is not None


def regex_problems(schema: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every regular expression in ``schema`` (a parsed JSON Schema) that RE2 cannot
    run, as (path to the ``pattern`` keyword or ``patternProperties`` key, message).
    Walked with an explicit stack; the data keywords (``const``, ``enum``, ``examples``,
    ``default``) are not looked into."""
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), schema)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, list):
            pending.extend(((*path, index), item) for index, item in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        found: list[tuple[tuple[str | int, ...], str]] = []
        if isinstance(node.get("pattern"), str):
            found.append(((*path, "pattern"), node["pattern"]))
        if isinstance(node.get("patternProperties"), dict):
            found.extend(
                ((*path, "patternProperties", key), key) for key in node["patternProperties"]
            )
        for where, pattern in found:
            try:
                compiled(pattern)
            except ValueError as error:
                reason = str(error).removeprefix(f"invalid regular expression {pattern!r}: ")
                kind = "pattern" if where[-1] == "pattern" else "patternProperties key"
                yield (
                    where,
                    (
                        f"{kind} {pattern!r} cannot run on RE2 ({reason}); edcheck runs "
                        "patterns in linear time, without lookaround or backreferences"
                    ),
                )
        pending.extend(((*path, key), value) for key, value in node.items() if key not in _DATA)


def drop_dialects(schema: Any) -> None:
    """Remove, in place, every ``$schema`` dialect name (a text value) from ``schema``
    outside the data keywords, so that validation stays in edcheck's class (see the
    module's docstring). A property *named* ``$schema`` has a subschema, not a text, as
    its value, and stays."""
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
        elif isinstance(node, dict):
            if isinstance(node.get("$schema"), str):
                del node["$schema"]
            pending.extend(value for key, value in node.items() if key not in _DATA)


def additional_properties(instance: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """The keys of ``instance`` that neither ``properties`` nor any ``patternProperties``
    pattern of ``schema`` covers, in the instance's order."""
    properties = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    return [
        key
        for key in instance
        if key not in properties and not any(search(pattern, key) for pattern in patterns)
    ]


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(
    validator: Any, patterns: dict[str, Any], instance: Any, schema: Any
) -> Iterator[Any]:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            if search(pattern, key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _additional_properties(
    validator: Any, allowed: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[Any]:
    """``jsonschema``'s ``additionalProperties``, its messages unchanged."""
    from jsonschema._utils import extras_msg
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    extras = additional_properties(instance, schema)
    if validator.is_type(allowed, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], allowed, path=extra)
    elif not allowed and extras:
        if "patternProperties" in schema:
            verb = "does" if len(extras) == 1 else "do"
            joined = ", ".join(repr(each) for each in sorted(extras))
            patterns = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {patterns}")
        else:
            message = "Additional properties are not allowed (%s %s unexpected)"
            yield ValidationError(message % extras_msg(sorted(extras, key=str)))


def _is_valid(errors: Iterator[Any]) -> bool:
    return next(errors, None) is None


def _evaluated_keys(validator: Any, instance: dict[str, Any], schema: Any) -> set[str]:
    """The keys of ``instance`` that ``schema`` evaluates (JSON Schema 2020-12 core,
    section 11.3): ``jsonschema``'s ``find_evaluated_property_keys_by_schema`` with its
    ``patternProperties`` searched by RE2. It follows the schema (its ``$ref`` chains
    and applicators) as ``jsonschema``'s own does."""
    if validator.is_type(schema, "boolean"):
        return set()
    keys: set[str] = set()
    for keyword in ("$ref", "$dynamicRef"):
        reference = schema.get(keyword)
        if reference is not None:
            resolved = validator._resolver.lookup(reference)
            inner = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
            keys |= _evaluated_keys(inner, instance, resolved.contents)
    properties = schema.get("properties")
    if validator.is_type(properties, "object"):
        keys |= properties.keys() & instance.keys()
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        subschema = schema.get(keyword)
        if subschema is not None:
            keys |= {
                key
                for key, value in instance.items()
                if _is_valid(validator.descend(value, subschema))
            }
    for pattern in schema.get("patternProperties", {}):
        keys |= {key for key in instance if search(pattern, key)}
    for name, subschema in schema.get("dependentSchemas", {}).items():
        if name in instance:
            keys |= _evaluated_keys(validator, instance, subschema)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for subschema in schema.get(keyword, []):
            if _is_valid(validator.descend(instance, subschema)):
                keys |= _evaluated_keys(validator, instance, subschema)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            keys |= _evaluated_keys(validator, instance, schema["if"])
            if "then" in schema:
                keys |= _evaluated_keys(validator, instance, schema["then"])
        elif "else" in schema:
            keys |= _evaluated_keys(validator, instance, schema["else"])
    return keys


def _unevaluated_properties(
    validator: Any, unevaluated: Any, instance: Any, schema: Any
) -> Iterator[Any]:
    """``jsonschema``'s ``unevaluatedProperties``, its messages unchanged."""
    from jsonschema._utils import extras_msg
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    evaluated = _evaluated_keys(validator, instance, schema)
    invalid = [
        key
        for key in instance
        if key not in evaluated
        and not _is_valid(validator.descend(instance[key], unevaluated, path=key, schema_path=key))
    ]
    if not invalid:
        return
    if unevaluated is False:
        message = "Unevaluated properties are not allowed (%s %s unexpected)"
        yield ValidationError(message % extras_msg(sorted(invalid, key=str)))
    else:
        message = (
            "Unevaluated properties are not valid under the given schema "
            "(%s %s unevaluated and invalid)"
        )
        yield ValidationError(message % extras_msg(invalid))


@cache
def validator_class() -> Any:
    """Draft 2020-12's validator class with its four regular-expression keywords
    (``pattern``, ``patternProperties``, ``additionalProperties``,
    ``unevaluatedProperties``) run by RE2. Built once."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    return extend(  # type: ignore[no-untyped-call]
        Draft202012Validator,
        {
            "pattern": _pattern,
            "patternProperties": _pattern_properties,
            "additionalProperties": _additional_properties,
            "unevaluatedProperties": _unevaluated_properties,
        },
    )
