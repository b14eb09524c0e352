"""What every rule kind shares: parameters, context, findings and the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from checker.documents import Document

if TYPE_CHECKING:
    from checker.registry import Registry


class Params(BaseModel):
    """Parameters of a rule kind; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ReviewCycle(NamedTuple):
    interval_months: int
    warn_days: int


class Context(NamedTuple):
    today: date
    review: ReviewCycle
    registry: Registry | None = None
    section: str = ""


class Finding(NamedTuple):
    line: int
    column: int
    values: Mapping[str, object]


Check = Callable[[Document, Any, Context], Iterable[Finding]]
P = TypeVar("P", bound=Params)


@dataclass(frozen=True)
class Kind:
    name: str
    params: type[Params]
    check: Check
    summary: str


KINDS: dict[str, Kind] = {}


def rule_kind(
    name: str, params: type[P]
) -> Callable[[Callable[[Document, P, Context], Iterable[Finding]]], Check]:
    """Register ``check`` as the rule kind ``name``."""

    def register(check: Callable[[Document, P, Context], Iterable[Finding]]) -> Check:
        if name in KINDS:  # pragma: no cover - a programming error
            raise RuntimeError(f"rule kind {name!r} registered twice")
        summary = (check.__doc__ or "").strip().splitlines()[0] if check.__doc__ else name
        KINDS[name] = Kind(name, params, check, summary)
        return check

    return register


def at(document: Document, field: str, values: Mapping[str, object] | None = None) -> Finding:
    """A finding at a front-matter field (or where it would be added)."""
    line, column = document.position(field)
    return Finding(line, column, {"field": field, **(values or {})})


def shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
