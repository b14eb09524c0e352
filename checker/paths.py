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
