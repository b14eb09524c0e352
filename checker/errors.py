"""The errors that stop a run (exit code 2): how edcheck was called or configured, and
git's own failures. Anything else that escapes is a bug of edcheck's (exit code 3)."""

from __future__ import annotations


class UsageError(Exception):
    """A problem with how edcheck was called, or with its configuration.

    When the problem is inside a file (config, rule pack, schema), ``path``, ``line`` and
    ``column`` say where; the CLI then reports it as a ``config-invalid`` diagnostic.
    """

    def __init__(
        self, message: str, path: str | None = None, line: int = 1, column: int = 1
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class GitFailure(Exception):
    """A git command failed; the message is git's own reason, in one line."""
