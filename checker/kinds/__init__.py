"""Rule kinds: the code behind the rules that packs declare as data.

Each kind is a small module with a typed parameter model and a pure ``check`` function
that yields findings. Importing this package registers every kind once.
"""

from checker.kinds import (
    dates,
    distinct,
    fingerprint,
    footnotes,
    interval,
    isbn,
    link,
    number,
    placeholder,
    registry,
    required,
)
from checker.kinds.base import KINDS, Context, Finding, Kind, Params

__all__ = [
    "KINDS",
    "Context",
    "Finding",
    "Kind",
    "Params",
    "dates",
    "distinct",
    "fingerprint",
    "footnotes",
    "interval",
    "isbn",
    "link",
    "number",
    "placeholder",
    "registry",
    "required",
]
