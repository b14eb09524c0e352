"""``edcheck hook install`` / ``uninstall``: a native pre-commit hook for repositories
that do not use the pre-commit framework."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from checker.errors import UsageError
from checker.git import Repository
from checker.writes import write_atomic

MARKER = "# installed by `edcheck hook install`"


def hook_script() -> str:
    python = shlex.quote(sys.executable)
    return (
        "#!/bin/sh\n"
        f"{MARKER}; remove it with `edcheck hook uninstall`.\n"
        "# Judges the staged version of each staged content file.\n"
        f'exec {python} -m checker check --staged "$@"\n'
    )


def hook_path(start: Path) -> Path:
    return Repository(start).hooks_folder() / "pre-commit"


def install(start: Path, *, force: bool) -> Path:
    path = hook_path(start)
    if path.exists() and MARKER not in _read(path) and not force:
        raise UsageError(
            f"{path} exists and was not written by edcheck (use --force to replace it)"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(path, hook_script(), mode=0o755)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error}") from None
    return path


def uninstall(start: Path) -> Path:
    path = hook_path(start)
    if not path.exists():
        raise UsageError(f"there is no hook at {path}")
    if MARKER not in _read(path):
        raise UsageError(f"{path} was not written by edcheck; leaving it alone")
    path.unlink()
    return path


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
