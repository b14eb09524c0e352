"""Counted budgets: how much work a Markdown body may cause, decided before any parsing.

A parser's work on a body is counted in advance, in one linear pass, so that a body that
would make a parser run for minutes or take gigabytes is refused on the line where it
passes the budget (the engine reports ``body-too-complex`` there) instead of being
parsed. The counts are deterministic: the same file is judged the same way on every
machine, however busy (a time limit would not be).

What is counted (all measured in ``bench/adversarial.py``, see docs/benchmarks.md):

* **units**: line breaks (LF, CRLF, lone CR), the characters at which markdown-it's
  inline parser stops and tries its rules (``TERMINATORS``: ``[``, ``*``, ``<``, ``!``,
  ``-``, ``:`` and the others of markdown-it's ``isTerminatorChar``), and every line
  that opens an ordered list item (``1.``, whose digits are not terminators). Every
  token markdown-it makes, and every rule it tries, starts at one of these; the worst
  cost measured per unit is about 20 µs and 1 KB (markdown-it-py). A body has at most
  one unit per character, so a body shorter than ``MAX_UNITS`` is never counted.
* **scan**: a link destination (after ``](``) and a footnote label (after ``[^``) are
  read up to the next space or control character, and markdown-it-py reads a
  destination again from each nested ``(`` (up to 32 levels): for every ``](`` and
  ``[^``, the number of characters left in its word. Ordinary links cost the length
  of their address.
* **the Rust parser's envelope**: markdown-it-pyrs (the ``[fast]`` extra) is used only
  for bodies where no footnote opener ``[^`` stands inside an open bracket or right
  before one (its footnote plugin is exponential on ``[^[^[^...``, ``[a [^[a [^...``
  and ``[^a\n[^a\n...``, 33 s for 76 bytes, and panics on ``[^[`` at the end of a
  text; ordinary footnotes ``[^1]`` are read safely) and without an inline footnote
  opener ``^[`` (which panics its link parser: "begin <= end"), with at most
  ``RUST_MAX_UNITS`` units in any one paragraph (deep nesting overflows its stack: a
  segmentation fault at about 30,000 levels of ``*``, ``>``, ``![`` or ``1.``; a tree
  walk quadratic in depth),
  no line whose container prefix (indentation, ``>``, list markers) is
  ``RUST_MAX_PREFIX`` characters or longer, and at most ``RUST_MAX_DEFINITIONS`` lines
  that start like a link reference definition (quadratic: 5,000 of them before a long
  paragraph took 31 s). Any other body goes to markdown-it-py, which has a nesting
  limit and is bounded by the units and scan budgets.

A body within budget takes at most about 4 CPU seconds and 150 MB for the whole check
on the development machine (docs/benchmarks.md, "Adversarial bodies"); an ordinary
1,300-word article counts a few hundred units, and 4.9 MB of prose in 80-character
lines about 60,000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from checker.lines import line_of

MAX_UNITS = 100_000
MAX_SCAN = 2_000_000  # characters read again after ](  and [^
RUST_MAX_UNITS = 10_000
RUST_MAX_PREFIX = 64
RUST_MAX_DEFINITIONS = 256
FINDINGS_PER_RULE = 50  # diagnostics shown per rule and file; the rest are counted

# markdown-it's isTerminatorChar (LF included), a lone CR, and an ordered list marker
# opening a line.
TERMINATORS = "\n!#$%&*+-:<=>@[\\]^_`{}~"
_UNIT = re.compile(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~]|\r(?!\n)|^[ \t]{0,3}\d{1,9}[.)]", re.MULTILINE)
_ORDERED = re.compile(r"^[ \t]{0,3}\d{1,9}[.)]", re.MULTILINE)
_SCAN_START = re.compile(r"\]\(|\[\^")
_WORD_END = re.compile(r"[\x00-\x20]")
_LONG_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{RUST_MAX_PREFIX}}}", re.MULTILINE)
_BRACKET = re.compile(r"\[\^?|\]|\n[ \t]*(?:\r?\n|\r)|\r[ \t]*\r")
_BLANK_LINE = re.compile(r"(?:\r?\n|\r)[ \t]*(?:\r?\n|\r)")
_DEFINITION_START = re.compile(r"^ {0,3}\[[^\]\r\n]{0,999}\]:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Exceeded:
    """Where and how a body passed its budget: ``line`` is 1-based in the file."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Assessment:
    """A body's budget: ``exceeded`` (``None`` when within it), and whether the Rust
    parser may read it (``rust_safe``)."""

    exceeded: Exceeded | None
    rust_safe: bool


WITHIN = Assessment(None, True)


def assess(body: str, first_line: int = 1, max_units: int = MAX_UNITS) -> Assessment:
    """Count ``body`` (which starts on ``first_line`` of its file) against the budgets
    (``max_units``: the units budget, ``max_body_units`` in .edcheck.yaml).

    One pass over the body at most (C-speed scans: ``str.count``, compiled regexes),
    linear in its length; a body shorter than ``RUST_MAX_UNITS`` characters costs
    nothing but a search for ``[^``.
    """
    exceeded = _units(body, first_line, max_units) or _scan(body, first_line)
    return Assessment(exceeded, exceeded is None and rust_safe(body))


def rust_safe(body: str) -> bool:
    """Whether markdown-it-pyrs may parse ``body`` (see the module's doc)."""
    if "^[" in body or ("[^" in body and _nested_footnote(body)):
        return False  # the footnote plugin: inline footnotes ^[...] panic it
    if len(body) <= RUST_MAX_UNITS:
        return True  # at most one unit per character; prefixes and definitions below
    if any(  # inline nesting lives within a paragraph; a blank line ends it
        len(block) > RUST_MAX_UNITS
        and next(islice(_UNIT.finditer(block), RUST_MAX_UNITS, None), None) is not None
        for block in _BLANK_LINE.split(body)
    ):
        return False
    if _LONG_PREFIX.search(body) is not None:
        return False
    found = _DEFINITION_START.finditer(body)
    return next(islice(found, RUST_MAX_DEFINITIONS, None), None) is None


def _nested_footnote(body: str) -> bool:
    """Whether a ``[^`` opens inside a bracket still open in its paragraph, or right
    before a ``[``: the shapes on which the Rust footnote plugin's label parsing recurses
    without bound. One pass; escapes are not read, so a ``\\[`` counts as a bracket
    (erring towards the pure-Python parser, which reads every body)."""
    depth = 0
    for found in _BRACKET.finditer(body):
        token = found.group()
        if token == "]":
            depth = max(0, depth - 1)
        elif token[0] != "[":
            depth = 0  # a blank line ends the paragraph, and its brackets with it
        elif token == "[^" and (depth or body.startswith("[", found.end())):
            return True
        else:
            depth += 1
    return False


def units(body: str) -> int:
    """The body's units (see the module's doc), counted in full."""
    counted = sum(body.count(character) for character in TERMINATORS)
    counted += body.count("\r") - body.count("\r\n")
    return counted + len(_ORDERED.findall(body))


def _units(body: str, first_line: int, max_units: int) -> Exceeded | None:
    if len(body) <= max_units:
        return None
    over = next(islice(_UNIT.finditer(body), max_units, None), None)
    if over is None:
        return None
    line = first_line + line_of(body, over.start()) - 1
    return Exceeded(
        line,
        f"the body is too complex to read: over {max_units:,} units of Markdown syntax "
        "(line breaks and characters such as [ ] * _ < ! - :) by this line; links, "
        "citations, references and comments were not checked: split the page "
        "(or raise max_body_units in .edcheck.yaml)",
    )


def _scan(body: str, first_line: int) -> Exceeded | None:
    """The characters read again after each ``](`` and ``[^`` (to its word's end)."""
    total = 0
    word_end = -1
    for found in _SCAN_START.finditer(body):
        start = found.start()
        if start >= word_end:
            space = _WORD_END.search(body, start)
            word_end = space.start() if space else len(body)
        total += word_end - start
        if total > MAX_SCAN:
            line = first_line + line_of(body, start) - 1
            return Exceeded(
                line,
                f"the body is too complex to read: its link addresses and footnote labels "
                f"run to over {MAX_SCAN:,} characters without a space by this line; links, "
                "citations, references and comments were not checked: put spaces between "
                "links, or split the page",
            )
    return None
