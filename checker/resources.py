"""Built-in data (schemas and rule packs), from the installed package or the checkout.

In a wheel they live in ``checker/data/``; in a source checkout they are the top-level
``schemas/`` and ``rules/`` folders.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def data_dir(name: str) -> Traversable:
    """``schemas`` or ``rules``: the folder holding that kind of built-in data."""
    packaged = files("checker") / "data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name


def builtin_names(name: str, suffix: str) -> list[str]:
    return sorted(
        entry.name.removesuffix(suffix)
        for entry in data_dir(name).iterdir()
        if entry.name.endswith(suffix)
    )


def read_text(name: str, filename: str) -> str:
    return (data_dir(name) / filename).read_text(encoding="utf-8")
