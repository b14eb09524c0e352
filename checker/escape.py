"""One escaping rule per output: what content may not say to a terminal, a spreadsheet or a
CI runner.

Article bodies, front-matter values and file names reach every report. Each output has its
own rule, and each rule lives here so that reporters and the CLI share it:

- text for terminals and logs: control characters are shown as visible escapes
  (:func:`visible`), and no line can be read by GitHub Actions as a workflow command
  (:func:`inert`);
- CSV: OWASP's rule against formula injection, then the text rule (:func:`csv_cell`);
- JSON and XML: the format's own escapes, plus :func:`inert` in that format's spelling;
- iCalendar: control characters dropped (:func:`without_controls`).

Values only: nothing here imports the engine (the reporters' import contract).
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

# C0 controls except tab, DEL and the C1 controls: what a terminal may obey (ESC starts a
# command, CR and LF start lines, 0x9B is CSI on 8-bit terminals).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SHORT = {"\n": "\\n", "\r": "\\r"}
# What a JSON encoder leaves raw (it escapes C0 itself): DEL and C1.
_JSON_RAW_CONTROL = re.compile("[\x7f-\x9f]")
# A cell that starts with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape_one(found: re.Match[str]) -> str:
    char = found.group()
    return _SHORT.get(char) or f"\\x{ord(char):02x}"


def visible(text: str) -> str:
    """``text`` with every C0 and C1 control character except tab, and DEL, shown as an
    escape: ``\\n``, ``\\r``, ``\\x1b``, ``\\x9b``. Backslashes are left as they are."""
    return _CONTROL.sub(_escape_one, text)


def without_controls(text: str) -> str:
    """``text`` without its control characters; tab and newline are kept."""
    return _CONTROL.sub(lambda found: found.group() if found.group() == "\n" else "", text)


class Spelling(NamedTuple):
    """How an output writes ``:`` and ``#`` when it must hide them from GitHub Actions."""

    colon: str
    number_sign: str


TEXT = Spelling("\\x3a", "\\x23")
JSON = Spelling("\\u003a", "\\u0023")
XML = Spelling("&#58;", "&#35;")


def _inert_line(line: str, spelling: Spelling) -> str:
    line = line.replace("##[", "#" + spelling.number_sign + "[")
    # The runner trims leading white space before it looks for ``::``.
    start = len(line) - len(line.lstrip())
    if line.startswith("::", start):
        line = line[:start] + spelling.colon + line[start + 1 :]
    return line


def inert(output: str, spelling: Spelling = TEXT) -> str:
    """A finished output in which GitHub Actions finds no workflow command.

    The runner reads a line as a command when, after leading white space, it starts with
    ``::`` (``::warning title=x::y``, ``::stop-commands::token``), or when it holds the
    legacy ``##[name]`` anywhere. The first colon of such a line, and the second ``#`` of
    ``##[``, are written in the output's own escape (``spelling``). Lines are split on
    ``\\n`` only: values in the output must already be free of CR and LF.
    """
    if "::" not in output and "##[" not in output:
        return output
    return "\n".join(_inert_line(line, spelling) for line in output.split("\n"))


def csv_cell(value: str | int | None, neutralise: bool = True) -> str | int:
    """One CSV cell. Numbers edcheck computed stay numbers (``-3`` days stays sortable);
    text from content that starts with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading
    ``'`` (OWASP) and then shows its control characters as escapes. ``neutralise=False``
    gives the value exactly, for programs rather than spreadsheets."""
    if value is None:
        return ""
    if isinstance(value, int) or not neutralise:
        return value
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return visible(value)


def json_text(document: object, ensure_ascii: bool = False) -> str:
    """JSON with two spaces of indent and a final newline, as every JSON output is written:
    no raw control character (DEL and C1 as ``\\u00XX`` too) and no ``##[``."""
    text = json.dumps(document, indent=2, ensure_ascii=ensure_ascii)
    text = _JSON_RAW_CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return inert(text, JSON) + "\n"
