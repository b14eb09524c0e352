""" "Did you mean ...?": the closest known name to a misspelt rule id or setting.

Closeness is :func:`difflib.get_close_matches` (Ratcliff/Obershelp similarity, cut-off
0.6), compared without regard to case, so that ``Review-Overdue`` and ``reviwe-overdue``
both find ``review-overdue``. A name with nothing close gets no suggestion, never a guess.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

CUTOFF = 0.6


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` (case-insensitively), or ``None`` when none is
    close enough or ``word`` is itself a choice."""
    by_folded: dict[str, str] = {}
    for choice in sorted(set(choices)):
        by_folded.setdefault(choice.casefold(), choice)
    if word in by_folded.values():
        return None
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=CUTOFF)
    return by_folded[found[0]] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """The hint to append to a message about the unknown ``word``:
    `` (did you mean `review-overdue`?)``, or ``""`` when nothing is close."""
    found = closest(word, choices)
    return f" (did you mean `{found}`?)" if found else ""


def setting_names(model: type[BaseModel], loc: Iterable[str | int]) -> list[str]:
    """The keys a file may write at ``loc`` inside ``model`` (field names, or their
    aliases where they have one): ``setting_names(Config, ("content",))`` is
    ``["roots", "include", "exclude"]``. Dictionary keys and list indexes in ``loc``
    step into the values and items; ``[]`` when ``loc`` leads to no model."""
    current: Any = model
    for part in loc:
        current = _inside(current, part)
        if current is None:
            return []
    current = _model_of(current)
    if current is None:
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _inside(annotation: Any, part: str | int) -> Any:
    """The annotation one step inside ``annotation`` (a field, a value, an item)."""
    model = _model_of(annotation)
    if model is not None:
        for name, info in model.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return None
    for option in _options(annotation):
        origin = typing.get_origin(option)
        arguments = typing.get_args(option)
        if origin is dict and len(arguments) == 2:
            return arguments[1]
        if origin in (list, tuple) and arguments and isinstance(part, int):
            return arguments[0]
    return None


def _options(annotation: Any) -> list[Any]:
    """The members of an optional, union or annotated type (the type itself otherwise)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _options(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [member for item in typing.get_args(annotation) for member in _options(item)]
    return [annotation]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None
