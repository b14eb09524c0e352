"""Lines as a file counts them: one definition of a line break for every position edcheck reports.

A line ends at LF, at CRLF or at a lone CR, as YAML 1.2 (production ``b-break``),
CommonMark (section 2.1, "line ending") and editors count them. Nothing else ends a
line: U+0085, U+2028 and U+2029 are ordinary characters in YAML 1.2 and CommonMark, and
so are form feed and vertical tab, although Python's ``str.splitlines`` breaks on all of
them (which shifted every later finding down a line).

Lines and columns are 1-based; a column counts characters (code points), as the rest of
edcheck's positions do.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate

_BREAK = re.compile(r"\r\n|\r|\n")
_NEXT = (1).__add__  # a line's length with its LF


def split_lines(text: str) -> list[str]:
    """``text`` cut at LF, CRLF and lone CR, breaks removed; like ``str.splitlines`` but
    blind to U+0085, U+2028, U+2029, FF and VT. An empty text has no lines."""
    if not text:
        return []
    parts = _BREAK.split(text) if "\r" in text else text.split("\n")
    if parts[-1] == "":
        parts.pop()  # a final line break ends the last line, it does not start a new one
    return parts


def line_of(text: str, index: int) -> int:
    """The 1-based line holding character ``index`` of ``text`` (one scan; for many
    lookups in the same text use :class:`LineIndex`)."""
    if "\r" not in text:
        return text.count("\n", 0, index) + 1
    return sum(1 for _ in _BREAK.finditer(text, 0, index)) + 1


class LineIndex:
    """Where each line of a text starts, found in one pass; lookups are O(log lines).

    ``line_col(index)`` -> (line, column), both 1-based; ``index`` is a character offset
    into the text (an offset inside a CRLF counts as the end of its line).
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        """Character offsets at which lines 1, 2, ... start."""
        if "\r" in self.text:
            return [0, *(found.end() for found in _BREAK.finditer(self.text))]
        # LF only (nearly every file): the same offsets, six times faster, all in C
        lengths = map(_NEXT, map(len, self.text.split("\n")))
        return list(accumulate(lengths, initial=0))[:-1]

    def line_col(self, index: int) -> tuple[int, int]:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def line(self, index: int) -> int:
        return bisect_right(self.starts, index)

    def offset(self, line: int) -> int:
        """The offset at which 1-based ``line`` starts (the text's end past the last line)."""
        if line < 1:
            return 0
        return self.starts[line - 1] if line <= len(self.starts) else len(self.text)
