"""Every git access edcheck makes, in one small module (the only one importing GitPython).

Names come from ``git diff --name-status -z`` and ``git log -z`` (exact for any file name:
spaces, newlines, leading dashes, any bytes), revisions are refused when they start with a
dash and passed after ``--end-of-options``, and the ``GIT_*`` variables a hook inherits are
cleared so they cannot point git elsewhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checker.errors import GitFailure, UsageError

_HOOK_VARIABLES = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_PREFIX",
)


@dataclass(frozen=True)
class Change:
    """One file in a diff: status letter (A, M, D, R, C, T) and its path(s)."""

    status: str
    path: str
    old_path: str | None = None


class Repository:
    """A git repository found from a folder."""

    def __init__(self, start: Path, *, keep_index: bool = False) -> None:
        try:
            import git
        except ImportError:  # GitPython finds no git executable (a slim container image)
            raise UsageError(
                "git was not found on PATH: install git (or set GIT_PYTHON_GIT_EXECUTABLE)"
            ) from None

        keep = ("GIT_INDEX_FILE",) if keep_index else ()
        for name in _HOOK_VARIABLES:
            if name not in keep:
                os.environ.pop(name, None)
        try:
            repo = git.Repo(start, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise UsageError(f"{start} is not inside a git repository") from None
        tree = repo.working_tree_dir
        if tree is None:
            raise UsageError("a bare repository has no working tree to check")
        self.root = Path(tree).resolve()
        self._repo: Any = repo
        self._git: Any = repo.git
        self._run("rev-parse", "--git-dir")  # git's own refusals (ownership) speak first

    def _bytes(self, *args: str) -> bytes:
        import git

        try:
            output: bytes = self._git.execute(
                ["git", *args], stdout_as_string=False, strip_newline_in_stdout=False
            )
            return output
        except git.GitCommandError as error:
            raise GitFailure(_reason(error.stderr or "", str(error.status))) from None

    def _run(self, *args: str) -> str:
        """Output as text; bytes that are not UTF-8 (in file names) survive as surrogates."""
        return os.fsdecode(self._bytes(*args))

    def resolve(self, revision: str, what: str) -> str:
        """The commit id of ``revision``; a clear error when it is not there."""
        if not revision or revision.startswith("-"):
            raise UsageError(f"{what} {revision!r} is not a revision")
        try:
            return self._run(
                "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
            ).strip()
        except GitFailure as failure:
            if str(failure).startswith(("fatal:", "error:")):
                raise  # git could not look (a damaged repository), not "there is no such commit"
            hint = (
                " (in CI, fetch it: actions/checkout needs fetch-depth: 0)"
                if self.is_shallow()
                else ""
            )
            raise UsageError(
                f"{what} {revision!r} is not a commit in this repository{hint}"
            ) from None

    def is_shallow(self) -> bool:
        return self._run("rev-parse", "--is-shallow-repository").strip() == "true"

    def merge_base(self, base: str, head: str) -> str:
        try:
            found = self._run("merge-base", "--end-of-options", base, head).strip()
        except GitFailure:
            found = ""
        if found:
            return found
        if self.is_shallow():
            raise UsageError(
                "the merge base of the pull request is not in this shallow clone: "
                "fetch the full history (actions/checkout with fetch-depth: 0)"
            )
        raise UsageError("the base and head have no common history")

    def changes(self, base: str, head: str) -> list[Change]:
        """Files added, modified, renamed, copied or deleted from ``base`` to ``head``."""
        output = self._run(
            "diff",
            "--name-status",
            "-z",
            "-M",
            "-C",
            "--no-ext-diff",
            "--no-textconv",
            "--end-of-options",
            base,
            head,
            "--",
        )
        fields = output.split("\0")
        found: list[Change] = []
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index][0]
            if status in "RC":
                found.append(Change(status, fields[index + 2], fields[index + 1]))
                index += 3
            else:
                found.append(Change(status, fields[index + 1]))
                index += 2
        return found

    def read(self, commit: str, path: str) -> bytes | None:
        """A file's bytes at ``commit``; ``None`` when it is not there (or not a file)."""
        try:
            blob = self._repo.commit(commit).tree[path]
        except (KeyError, ValueError):
            return None
        if blob.type != "blob":
            return None
        try:
            data: bytes = blob.data_stream.read()
        except Exception as error:  # a damaged object: zlib, IO or GitPython errors
            raise UsageError(
                f"git cannot read {path} at {commit[:12]} ({type(error).__name__}): the "
                "repository is damaged; run `git fsck`"
            ) from None
        return data

    def folder(self, commit: str, folder: str) -> list[str]:
        """Paths of the files directly in ``folder`` at ``commit``."""
        try:
            tree = self._repo.commit(commit).tree
            if folder not in ("", "."):
                tree = tree[folder]
        except (KeyError, ValueError):
            return []
        return [str(blob.path) for blob in tree.blobs]

    def tree_files(self, commit: str, folder: str = "") -> list[str]:
        """Paths of every file under ``folder`` at ``commit``, subfolders included, exact
        (``git ls-tree -r -z``)."""
        args = ["ls-tree", "-r", "--name-only", "-z", "--end-of-options", commit]
        if folder not in ("", "."):
            args += ["--", folder]
        return [
            name
            for name in self._bytes(*args).decode("utf-8", "surrogateescape").split("\0")
            if name
        ]

    def staged(self, path: str) -> bytes:
        """A file's bytes in the index (what the next commit will hold), for a path
        :meth:`staged_files` listed. Raises :class:`GitFailure` with git's reason when git
        cannot read it (a damaged index or object store): a staged file is never skipped
        in silence, or a commit would pass unjudged."""
        try:
            return self._bytes("cat-file", "blob", f":{path}")
        except GitFailure as failure:
            raise GitFailure(
                f"cannot read the staged {path}: {failure}; the repository may be damaged "
                "(run `git fsck`)"
            ) from None

    def authors(self, base: str, head: str) -> dict[str, set[str]]:
        """For each path changed in ``base..head``: the names and emails of its commits' authors."""
        output = self._run(
            "log",
            "-z",
            "--name-only",
            "--format=%x01%an%x00%ae",
            "--end-of-options",
            f"{base}..{head}",
            "--",
        )
        found: dict[str, set[str]] = {}
        for record in output.split("\x01")[1:]:
            name, email, *paths = record.split("\0")
            if paths:
                paths[0] = paths[0].removeprefix("\n")  # git puts a newline before the names
            for path in paths:
                if path:
                    found.setdefault(path, set()).update({name.strip(), email.strip()})
        return found

    def hooks_folder(self) -> Path:
        """Where git looks for hooks (``core.hooksPath`` respected)."""
        folder = Path(self._run("rev-parse", "--git-path", "hooks").strip())
        return folder if folder.is_absolute() else self.root / folder

    def last_changes(self) -> dict[str, date]:
        """The date each path's content last changed, in one pass over the history."""
        output = self._run(
            "log", "-z", "--name-only", "--no-renames", "--format=%x01%cs", "HEAD", "--"
        )
        found: dict[str, date] = {}
        for record in output.split("\x01")[1:]:
            day, _, rest = record.partition("\0")
            when = date.fromisoformat(day.strip())
            for path in rest.lstrip("\n").split("\0"):
                if path and path not in found:
                    found[path] = when
        return found

    def staged_files(self) -> Iterator[str]:
        """Paths of the files added, copied, modified or renamed in the index (exact, from
        ``git diff --cached --raw -z``); submodules (mode 160000) are not files and are
        left out."""
        output = self._run(
            "diff", "--cached", "--raw", "-z", "--diff-filter=ACMR", "--no-ext-diff", "--no-renames"
        )
        fields = output.split("\0")
        for header, name in zip(fields[0::2], fields[1::2], strict=False):
            if name and header.split(" ")[1:2] != ["160000"]:
                yield name


def _reason(stderr: str, status: str) -> str:
    """git's own reason for a failure, in one line: its ``fatal:``/``error:`` line rather
    than a ``hint:``; a repository owned by another user gets the command that fixes it."""
    lines = [line.removeprefix("stderr: ").strip(" '\t") for line in stderr.strip().splitlines()]
    lines = [line for line in lines if line]
    text = " ".join(lines)
    if "dubious ownership" in text:
        found = re.search(r"safe\.directory\s+(\S+)", text)
        where = found.group(1).strip("'") if found else "PATH"
        return (
            "git refuses a repository owned by another user (dubious ownership): if you trust "
            f"it, run `git config --global --add safe.directory {where}`"
        )
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line
    return lines[-1] if lines else f"exit status {status}"
