"""People named in front matter: one name or a list, and who counts as the same person."""

from __future__ import annotations

import re


def person_key(name: str) -> str:
    """``Greg Mulhauser`` and ``greg-mulhauser`` are the same person."""
    return re.sub(r"[\W_]+", "-", name.casefold()).strip("-")


def people(value: object) -> list[str]:
    """The names in a value: a single name, or the text items of a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []
