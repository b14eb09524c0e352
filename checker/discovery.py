"""From the paths a user names to the content files to judge."""

from __future__ import annotations

import os
import re
from collections import Counter
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
    # pages under the roots that the include globs leave out, by extension ("*.md.erb")
    not_included: Counter[str] = field(default_factory=Counter)


# Names that look like pages in some generator's eyes (Markdown under all its names,
# tech-docs' ERB pages): a root holding such files that no include glob takes is told.
_PAGE_LIKE = re.compile(r"(?i)\.(md|markdown|mdown|mkdn?|mkd|mdwn|mdtxt|mdtext|mdx)(\.erb)?$")


def _extension(name: str) -> str:
    """``index.html.md.erb`` -> ``*.html.md.erb``."""
    stem = name.lstrip(".")
    return "*" + stem[stem.index(".") :] if "." in stem else name


def select_files(names: list[str], policy: Policy, cwd: Path) -> Selection:
    """Explicit files are judged unless excluded; folders are walked for included files."""
    collector = _Collector(policy, cwd)
    roots = names or [str(policy.config.base / root) for root in policy.config.config.content.roots]
    for name in roots:
        path = Path(name) if Path(name).is_absolute() else cwd / name
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"no such file or folder: {name}")
        if path.is_dir() and not path.is_symlink():
            collector.walk(path)
        else:
            collector.add(path)
    selection = collector.selection
    selection.targets.sort(key=lambda target: target.shown)
    if selection.not_included:
        count = sum(selection.not_included.values())
        kinds = ", ".join(name for name, _ in selection.not_included.most_common())
        selection.notes.append(
            f"{count} file{'s' if count != 1 else ''} with other extensions "
            f"{'were' if count != 1 else 'was'} not checked: {kinds} "
            "(add them to content.include to check them)"
        )
    return selection


class _Collector:
    def __init__(self, policy: Policy, cwd: Path) -> None:
        self.policy = policy
        self.cwd = cwd
        self.base = policy.config.base
        self.selection = Selection()
        self.seen: set[str] = set()

    def relative(self, absolute: str) -> str:
        path = Path(absolute)
        try:
            return path.relative_to(self.base).as_posix()
        except ValueError:
            return path.as_posix().lstrip("/")

    def walk(self, folder: Path) -> None:
        """Every included file below ``folder``; hidden folders and node_modules are skipped,
        and symlinked folders are not followed."""
        absolute = os.path.abspath(folder)
        relative = self.relative(absolute)
        prefix = "" if relative in ("", ".") else relative + "/"
        shown = shown_path(Path(absolute), self.cwd)
        shown_prefix = "" if shown in ("", ".") else shown + "/"
        self._walk(absolute, prefix, shown_prefix)

    def _walk(self, folder: str, relative: str, shown: str) -> None:
        with os.scandir(folder) as entries:
            ordered = sorted(entries, key=lambda entry: entry.name)
        for entry in ordered:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                if not name.startswith(".") and name != "node_modules":
                    self._walk(entry.path, f"{relative}{name}/", f"{shown}{name}/")
            elif self.policy.include(relative + name):
                self._consider(Path(entry.path), relative + name, shown + name, entry)
            elif _PAGE_LIKE.search(name) and not self.policy.exclude(relative + name):
                self.selection.not_included[_extension(name)] += 1

    def add(self, path: Path) -> None:
        absolute = os.path.abspath(path)
        self._consider(path, self.relative(absolute), shown_path(Path(absolute), self.cwd), None)

    def _consider(
        self, path: Path, relative: str, shown: str, entry: os.DirEntry[str] | None
    ) -> None:
        if self.policy.exclude(relative):
            self.selection.excluded += 1
            return
        is_link = entry.is_symlink() if entry is not None else path.is_symlink()
        if is_link and not path.resolve().is_relative_to(self.base):
            self.selection.notes.append(f"{shown}: symlink to outside the repository, not followed")
            return
        is_file = entry.is_file() if entry is not None else path.is_file()
        if not is_file:
            kind = "a folder" if path.is_dir() else "not a regular file"
            self.selection.notes.append(f"{shown}: {kind}, skipped")
            return
        if shown not in self.seen:
            self.seen.add(shown)
            self.selection.targets.append(Target(path, shown, relative))
