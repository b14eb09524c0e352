"""What every rule kind shares: parameters, context, findings and the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from checker.spelling import spelled

if TYPE_CHECKING:
    from checker.record import EditorialRecord
    from checker.registry import Registry


class Params(BaseModel):
    """Parameters of a rule kind; unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Context(NamedTuple):
    """What a check may know besides the page: today, the registry, the page's section."""

    today: date
    registry: Registry | None = None
    section: str = ""


class Finding(NamedTuple):
    line: int
    column: int
    values: Mapping[str, object]


Check = Callable[["EditorialRecord", Any, Context], Iterable[Finding]]
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
) -> Callable[[Callable[[EditorialRecord, P, Context], Iterable[Finding]]], Check]:
    """Register ``check`` as the rule kind ``name``: a pure function from a page's
    editorial record, the rule's parameters and the context to findings."""

    def register(check: Callable[[EditorialRecord, P, Context], Iterable[Finding]]) -> Check:
        if name in KINDS:  # pragma: no cover - a programming error
            raise RuntimeError(f"rule kind {name!r} registered twice")
        summary = (check.__doc__ or "").strip().splitlines()[0] if check.__doc__ else name
        KINDS[name] = Kind(name, params, check, summary)
        return check

    return register


def at(record: EditorialRecord, field: str, values: Mapping[str, object] | None = None) -> Finding:
    """A finding at a fact or front-matter key (or where it would be added); ``{field}``
    in the message is the site's own key for it."""
    line, column = record.position(field)
    return Finding(line, column, {"field": record.key(field), **(values or {})})


def shown(value: object, limit: int = 60) -> str:
    """A value for a message as YAML spells it (``true``, ``[a, b]``; ``empty`` for none),
    cut to ``limit`` characters. Prefer :meth:`EditorialRecord.written`, which shows the
    text as the page writes it."""
    return spelled(value, limit)
