"""From the paths a user names to the content files to judge."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import UsageError
from checker.paths import shown_path
from checker.policy import Policy


@dataclass(frozen=True)
class Target:
    path: Path  # where to read it
    shown: str  # how to report it (relative to the working directory, / separated)
    relative: str  # how the config's globs see it (relative to the config's folder)


@dataclass
class Selection:
    targets: list[Target] = field(default_factory=list)
    excluded: int = 0
    notes: list[str] = field(default_factory=list)


def select_files(names: list[str], policy: Policy, cwd: Path) -> Selection:
    """Explicit files are judged unless excluded; folders are walked for included files."""
    base = policy.config.base
    selection = Selection()
    seen: set[Path] = set()
    roots = names or [str(base / root) for root in policy.config.config.content.roots]
    for name in roots:
        path = Path(name) if Path(name).is_absolute() else cwd / name
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"no such file or folder: {name}")
        if path.is_dir() and not path.is_symlink():
            for found in _walk(path):
                _add(found, policy, cwd, base, selection, seen, walked=True)
        else:
            _add(path, policy, cwd, base, selection, seen, walked=False)
    selection.targets.sort(key=lambda target: target.shown)
    return selection


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith(".") and name != "node_modules")
        found.extend(Path(root) / name for name in files)
    return found


def _relative(path: Path, base: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix().lstrip("/")


def _add(
    path: Path, policy: Policy, cwd: Path, base: Path, selection: Selection, seen: set[Path], *, walked: bool
) -> None:
    relative = _relative(path, base)
    if walked and not policy.include(relative):
        return
    if policy.exclude(relative):
        selection.excluded += 1
        return
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(base):
            selection.notes.append(f"{shown_path(path, cwd)}: symlink to outside the repository, not followed")
            return
    if not path.is_file() and path.exists():
        kind = "a folder" if path.is_dir() else "not a regular file"
        selection.notes.append(f"{shown_path(path, cwd)}: {kind}, skipped")
        return
    key = Path(os.path.abspath(path))
    if key in seen:
        return
    seen.add(key)
    selection.targets.append(Target(path, shown_path(key, cwd), relative))
