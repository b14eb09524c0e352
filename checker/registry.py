"""The reviewer registry (``reviewers.yaml``): who may review what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from checker import yamlfile
from checker.errors import UsageError
from checker.people import person_key


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Reviewer(Strict):
    """One reviewer."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", description="written in reviewed.by")
    name: str = Field(min_length=1, description="display name")
    credentials: str = Field("", description='e.g. "Clinical Psychologist, DClinPsy"')
    emails: list[str] = Field([], description="addresses their commits use")
    types: list[str] | None = Field(None, description="content types they review (default: all)")
    sections: list[str] | None = Field(None, description="sections they review (default: all)")
    active_from: date | None = None
    active_until: date | None = None

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.credentials})" if self.credentials else self.name

    def active_on(self, day: date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_until is None or day <= self.active_until
        )


class RegistryFile(Strict):
    """``reviewers.yaml``."""

    reviewers: list[Reviewer]


_EMAIL = r"[^@\s]+@[^@\s]+\.[^@\s]+"


@dataclass(frozen=True)
class Registry:
    reviewers: tuple[Reviewer, ...]
    shown: str  # the file, for messages

    def find(self, name: str) -> Reviewer | None:
        """The reviewer ``name`` is: an id, a display name, or the id-style form of one."""
        wanted = name.strip()
        key = person_key(wanted)
        for reviewer in self.reviewers:
            if wanted == reviewer.id or key in (person_key(reviewer.name), reviewer.id):
                return reviewer
        return None


def people_shown(value: object, registry: Registry | None) -> str:
    """Names from front matter (text or a list), as editors know them: a registered
    reviewer's display name and credentials, anyone else as written."""
    names = (
        [value]
        if isinstance(value, str)
        else [str(v) for v in value]
        if isinstance(value, list)
        else []
    )
    shown = []
    for name in names:
        found = registry.find(name) if registry else None
        shown.append(found.shown if found else name)
    return ", ".join(shown)


def load_registry(path: Path, shown: str) -> Registry:
    import re

    data, loaded = yamlfile.load_mapping(path, shown, "reviewer registry")
    parsed = yamlfile.validate(
        RegistryFile, data, yamlfile.locator(loaded, shown), "reviewer registry: "
    )
    seen: dict[str, int] = {}
    for index, reviewer in enumerate(parsed.reviewers):
        here = ("reviewers", index)
        if reviewer.id in seen:
            line, column = yamlfile.locate(loaded, (*here, "id"))
            raise UsageError(f"reviewer id {reviewer.id!r} is listed twice", shown, line, column)
        seen[reviewer.id] = index
        for number, email in enumerate(reviewer.emails):
            if not re.fullmatch(_EMAIL, email):
                line, column = yamlfile.locate(loaded, (*here, "emails", number))
                raise UsageError(f"{email!r} is not an email address", shown, line, column)
        if (
            reviewer.active_from
            and reviewer.active_until
            and reviewer.active_from > reviewer.active_until
        ):
            line, column = yamlfile.locate(loaded, (*here, "active_until"))
            raise UsageError("active_until is before active_from", shown, line, column)
    return Registry(tuple(parsed.reviewers), shown)
