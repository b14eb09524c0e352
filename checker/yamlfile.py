"""Read edcheck's own YAML files (config, rule packs) with positions for their errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from checker import yaml12
from checker.errors import UsageError
from checker.lines import split_lines
from checker.suggest import did_you_mean, setting_names

MAX_POLICY_BYTES = 1_000_000
M = TypeVar("M", bound=BaseModel)


def load_mapping(path: Path, shown: str, what: str) -> tuple[dict[str, Any], yaml12.Loaded]:
    """Load a YAML mapping from ``path``; any problem is a :class:`UsageError` with a line."""
    try:
        size = path.stat().st_size
        if size > MAX_POLICY_BYTES:
            raise UsageError(
                f"{what} is {size:,} bytes, over the {MAX_POLICY_BYTES:,}-byte limit", shown
            )
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{what} is not valid UTF-8", shown) from None
    except OSError as error:
        raise UsageError(f"cannot read {what}: {error.strerror}", shown) from None
    return parse_mapping(text, shown, what)


def parse_mapping(text: str, shown: str, what: str) -> tuple[dict[str, Any], yaml12.Loaded]:
    try:
        loaded = yaml12.load(text, value_positions=True)
    except yaml12.YamlProblem as problem:
        raise UsageError(problem.describe(1), shown, problem.line + 1, problem.column + 1) from None
    except (ValueError, RecursionError) as error:  # pragma: no cover - defensive
        raise UsageError(f"{what} cannot be read: {error}", shown) from None
    if loaded.data is None and not any(
        line.strip() and not line.lstrip().startswith("#") for line in split_lines(text)
    ):
        loaded.data = {}  # an empty file (or only comments): no settings
    if not isinstance(loaded.data, dict):
        kinds = {list: "a list", type(None): "null"}
        kind = kinds.get(type(loaded.data), "a single value")
        raise UsageError(f"{what} must be a mapping of settings, not {kind}", shown)
    return loaded.data, loaded


def locate(loaded: yaml12.Loaded, loc: tuple[str | int, ...]) -> tuple[int, int]:
    """1-based line and column of the deepest part of ``loc`` that has a position."""
    for end in range(len(loc), 0, -1):
        found = loaded.keys.get(loc[:end]) or loaded.values.get(loc[:end])
        if found is not None:
            return found[0] + 1, found[1] + 1
    return 1, 1


Locator = Callable[[str, tuple[str | int, ...]], UsageError]


def locator(loaded: yaml12.Loaded, shown: str, prefix: tuple[str | int, ...] = ()) -> Locator:
    """Builds the error for a message about the setting at ``prefix + loc`` of a file."""

    def error(message: str, loc: tuple[str | int, ...]) -> UsageError:
        line, column = locate(loaded, (*prefix, *loc))
        return UsageError(message, shown, line, column)

    return error


def validate(model: type[M], data: object, error: Locator, label: str = "", noun: str = "key") -> M:
    """``data`` as ``model``; the first problem becomes a one-line error at its setting."""
    try:
        return model.model_validate(data)
    except ValidationError as problems:
        errors = problems.errors()
        # a misspelt key is also a missing one: name the misspelling, which says more
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        message = describe(first, noun)
        if first["type"] == "extra_forbidden" and first["loc"]:  # a misspelt key
            *outer, key = first["loc"]
            message += did_you_mean(str(key), setting_names(model, outer))
        raise error(label + message, tuple(first["loc"])) from None


def describe(error: Any, noun: str = "key") -> str:
    """One line for a pydantic error: the setting's dotted path and what is wrong."""
    location = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return f"unknown {noun} {location!r}"
    return f"{location}: {message}" if location else message
