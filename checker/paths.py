"""How paths are shown: relative to the working directory, with ``/`` separators."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: Path, cwd: Path | None = None) -> str:
    start = cwd or Path.cwd()
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(start).as_posix()
    except ValueError:
        return os.path.relpath(absolute, start).replace(os.sep, "/")


def section_of(relative: str, roots: list[str]) -> str:
    """The top folder of an article below its content root (``reviews`` for
    ``content/reviews/x.md``); empty for an article directly in a root."""
    for root in sorted(roots, key=len, reverse=True):
        prefix = root.strip("/") + "/"
        if root.strip("/") in ("", ".") or relative.startswith(prefix):
            rest = relative if root.strip("/") in ("", ".") else relative[len(prefix) :]
            parts = rest.split("/")
            return parts[0] if len(parts) > 1 else ""
    return relative.split("/", maxsplit=1)[0] if "/" in relative else ""
