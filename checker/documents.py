"""Documents: a content file read once, with its front matter, body and positions."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.budget import MAX_UNITS, Assessment, assess
from checker.frontmatter import FrontMatter, FrontMatterProblem, split
from checker.lines import LineIndex

if TYPE_CHECKING:
    from checker.body import BodyFacts

FieldPath = tuple[str | int, ...]
PUBLISHABLE = frozenset({"approved", "published"})


class DocumentProblem(Exception):
    """A file that cannot be judged: unreadable, too large, or malformed front matter."""

    def __init__(self, rule: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.line = line
        self.column = column


@lru_cache(maxsize=1024)
def dotted(path: str) -> FieldPath:
    return tuple(path.split("."))


def is_blank(value: object) -> bool:
    """No usable value: absent, null, empty or whitespace text, or a list of blanks."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return all(is_blank(item) for item in value) if isinstance(value, list) else not value
    return False


@dataclass(frozen=True)
class Document:
    path: Path
    shown: str  # the path as reported
    text: str
    front: FrontMatter | None
    max_units: int = MAX_UNITS  # the body's parsing budget (checker.budget)

    @property
    def data(self) -> dict[str, Any]:
        return self.front.data if self.front else {}

    @property
    def body(self) -> str:
        return self.text[self.front.body_offset :] if self.front else self.text

    @property
    def body_line(self) -> int:
        return self.front.body_line if self.front else 1

    def get(self, path: FieldPath | str) -> Any:
        """The value at a dotted path, or ``None`` when any part is missing."""
        node: Any = self.data
        for part in dotted(path) if isinstance(path, str) else path:
            in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not (in_mapping or in_list):
                return None
            node = node[part]
        return node

    def has(self, path: str) -> bool:
        node: Any = self.data
        for part in dotted(path):
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def position(self, path: FieldPath | str) -> tuple[int, int]:
        """Where to report a field: its key; else its nearest present parent; else the
        line where a new top-level field would be added (the closing delimiter)."""
        parts = dotted(path) if isinstance(path, str) else path
        if self.front is None:
            return (1, 1)
        keys = self.front.keys
        for end in range(len(parts), 0, -1):
            found = keys.get(parts[:end])
            if found is not None:
                return found
        return (self.front.end_line, 1)

    @property
    def type(self) -> str | None:
        value = self.data.get("type")
        return value if isinstance(value, str) else None

    @cached_property
    def status(self) -> str:
        value = self.data.get("status")
        if isinstance(value, str) and value.strip():
            return value.strip()
        if self.data.get("draft") is True:
            return "draft"
        return "published"

    @cached_property
    def publishable(self) -> bool:
        return self.status in PUBLISHABLE

    @cached_property
    def budget(self) -> Assessment:
        """The body counted against the parsing budget (:mod:`checker.budget`), once."""
        return assess(self.body, self.body_line, self.max_units)

    @cached_property
    def facts(self) -> BodyFacts:
        """Links, citations, references, prose and comments of the body; none when the
        body is over its budget (``budget.exceeded``)."""
        from checker.body import read_body

        mdx = self.path.suffix.lower() == ".mdx"
        return read_body(self.body, self.body_line, mdx=mdx, budget=self.budget)

    @cached_property
    def lines(self) -> LineIndex:
        """Where each line of the text starts (LF, CRLF and lone CR end a line)."""
        return LineIndex(self.text)

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index into the text (O(log lines))."""
        return self.lines.line_col(index)


def body_fingerprint(body: str) -> str:
    """``sha256:`` of the body with line endings, trailing spaces and blank edges ignored."""
    lines = [line.rstrip() for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    normalised = "\n".join(lines).strip("\n")
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _too_large(size: int, max_bytes: int) -> DocumentProblem:
    return DocumentProblem(
        "file-too-large",
        f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
        "(max_file_size in .edcheck.yaml)",
    )


def read_document(path: Path, shown: str, max_bytes: int, max_units: int = MAX_UNITS) -> Document:
    """Read ``path`` once and split it; raise :class:`DocumentProblem` when it cannot be.
    ``max_bytes``: the size limit; ``max_units``: the body's parsing budget."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentProblem("file-unreadable", "not a regular file: skipped")
        if info.st_size > max_bytes:
            raise _too_large(info.st_size, max_bytes)
        with open(path, "rb") as handle:
            # Sized by stat (reading max_bytes would allocate that much for every file);
            # a file that grew since is cut at the limit and refused below.
            raw = handle.read(min(info.st_size, max_bytes) + 1)
        if len(raw) > max_bytes:
            raise DocumentProblem("file-too-large", f"file is over the {max_bytes:,}-byte limit")
    except DocumentProblem:
        raise
    except OSError as error:
        raise DocumentProblem("file-unreadable", f"cannot read file: {error.strerror}") from None
    return parse_document(raw, path, shown, max_bytes, max_units)


def parse_document(
    raw: bytes, path: Path, shown: str, max_bytes: int, max_units: int = MAX_UNITS
) -> Document:
    """A document from a file's bytes (read from disk, or from git)."""
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes)
    text = decode(raw)
    try:
        front = split(text)
    except FrontMatterProblem as problem:
        raise DocumentProblem(problem.rule, problem.message, problem.line, problem.column) from None
    return Document(path=path, shown=shown, text=text, front=front, max_units=max_units)


def decode(raw: bytes) -> str:
    """UTF-8 text, with or without a byte-order mark; anything else is a problem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentProblem("file-unreadable", "file is UTF-16: save it as UTF-8")
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise DocumentProblem("file-unreadable", "file contains NUL bytes (binary file?)", line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DocumentProblem(
            "file-unreadable",
            f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")
