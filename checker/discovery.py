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
    collector = _Collector(policy, cwd)
    roots = names or [str(policy.config.base / root) for root in policy.config.config.content.roots]
    for name in roots:
        path = Path(name) if Path(name).is_absolute() else cwd / name
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"no such file or folder: {name}")
        if path.is_dir() and not path.is_symlink():
            for found in _walk(path):
                collector.add(found, walked=True)
        else:
            collector.add(path, walked=False)
    collector.selection.targets.sort(key=lambda target: target.shown)
    return collector.selection


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            name for name in dirs if not name.startswith(".") and name != "node_modules"
        )
        found.extend(Path(root) / name for name in files)
    return found


class _Collector:
    def __init__(self, policy: Policy, cwd: Path) -> None:
        self.policy = policy
        self.cwd = cwd
        self.base = policy.config.base
        self.selection = Selection()
        self.seen: set[Path] = set()

    def relative(self, path: Path) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.base).as_posix()
        except ValueError:
            return absolute.as_posix().lstrip("/")

    def add(self, path: Path, *, walked: bool) -> None:
        relative = self.relative(path)
        if walked and not self.policy.include(relative):
            return
        if self.policy.exclude(relative):
            self.selection.excluded += 1
            return
        shown = shown_path(path, self.cwd)
        if path.is_symlink() and not path.resolve().is_relative_to(self.base):
            self.selection.notes.append(f"{shown}: symlink to outside the repository, not followed")
            return
        if not path.is_file() and path.exists():
            kind = "a folder" if path.is_dir() else "not a regular file"
            self.selection.notes.append(f"{shown}: {kind}, skipped")
            return
        key = Path(os.path.abspath(path))
        if key not in self.seen:
            self.seen.add(key)
            self.selection.targets.append(Target(path, shown, relative))
