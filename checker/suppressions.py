"""Suppressions written in the content, and waivers granted in the configuration.

In a file: ``<!-- edcheck-disable RULE[,RULE] -- reason -->`` silences those rules on the
next line, ``<!-- edcheck-disable-file RULE -- reason -->`` in the whole file; in front
matter (YAML or TOML), the same words may follow a ``#``. The reason is mandatory.

Only real comments count: HTML comments as the Markdown parse reads them (an HTML block
or inline HTML, never one shown in a code span or a code block) and ``#`` comments in
the front matter. In an MDX file the comment is MDX's ``{/* edcheck-disable RULE --
reason */}``; MDX 2 and later refuse to compile an HTML comment, so there the HTML form
silences nothing and is reported (``suppression-invalid``) with the MDX form to use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.diagnostics import Diagnostic, Severity
from checker.documents import Document
from checker.globs import PathMatcher
from checker.suggest import did_you_mean

if TYPE_CHECKING:
    from datetime import date

    from checker.policy import Policy

# The words of a suppression, inside a comment's delimiters: the head, then rule ids
# (these characters) up to the first "--" (not "-->"), then the reason (see _words).
_HEAD = re.compile(r"\s*edcheck-disable(?P<file>-file)?\b")
_RULE_CHARACTERS = re.compile(r"[A-Za-z0-9_,\s-]*")
_REASON_START = re.compile(r"--(?!>)")
# A front-matter comment: a # at a line's start or after a blank, to the line's end.
_FRONT_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#(?P<words>[^\r\n]*)", re.MULTILINE)
_DELIMITERS = (("<!--", "-->"), ("{/*", "*/}"))


@dataclass(frozen=True)
class Suppression:
    rules: frozenset[str]
    line: int  # the line silenced; 0 for the whole file


def comments(document: Document) -> Iterator[tuple[str, int, int, str]]:
    """The document's comments that may hold a suppression: (the words inside the
    delimiters, line, column, form), form being ``#``, ``html`` or ``mdx``."""
    front = document.front
    if front is not None and front.format in ("yaml", "toml"):
        head = document.text[: front.body_offset]
        if "edcheck-disable" in head:
            for found in _FRONT_COMMENT.finditer(head):
                if "edcheck-disable" in found.group("words"):
                    yield (found.group("words"), *document.line_col(found.start()), "#")
    if "edcheck-disable" not in document.body:
        return
    for comment in document.facts.comments:
        if "edcheck-disable" not in comment.text:
            continue
        for form, (opening, closing) in zip(("html", "mdx"), _DELIMITERS, strict=True):
            if comment.text.startswith(opening):
                words = comment.text[len(opening) :].removesuffix(closing)
                yield words, comment.line, comment.column, form


def _words(words: str) -> tuple[bool, str, str] | None:
    """A suppression's words read: (the whole file?, the rule ids as written, the reason,
    stripped), or ``None`` when they cannot be read (a character that is not part of a
    rule id before the ``--`` of the reason). Linear in ``len(words)``: three scans, each
    once (a regex with a lazy rule list and optional blanks on both sides took minutes
    on one comment holding a few thousand spaces)."""
    head = _HEAD.match(words)
    if head is None:
        return None
    start = head.end()
    listed = _RULE_CHARACTERS.match(words, start)
    end = listed.end() if listed else start  # the rule ids end by here
    dashes = _REASON_START.search(words, start)
    if dashes is not None and dashes.end() <= end:
        return (
            bool(head.group("file")),
            words[start : dashes.start()],
            words[dashes.end() :].strip(),
        )
    if end < len(words):
        return None
    return bool(head.group("file")), words[start:], ""


def read_suppressions(
    document: Document, known: Iterable[str], severity: Severity = Severity.ERROR
) -> tuple[list[Suppression], list[Diagnostic]]:
    """The suppressions a document declares, and problems with them (``suppression-invalid``
    at ``severity``)."""
    known_rules = set(known)
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    if "edcheck-disable" not in document.text:
        return found, problems
    mdx = document.path.suffix.lower() == ".mdx"
    for words, line, column, form in comments(document):
        if not words.lstrip().startswith("edcheck-disable"):
            continue  # a comment that mentions the words, not a suppression
        match = _words(words)

        def problem(message: str, line: int = line, column: int = column) -> None:
            problems.append(
                Diagnostic(document.shown, line, column, "suppression-invalid", severity, message)
            )

        example = (
            "{/* edcheck-disable RULE -- reason */}"
            if mdx
            else "<!-- edcheck-disable RULE -- reason -->"
        )
        if match is None:
            problem(f"edcheck-disable cannot be read: write {example}")
            continue
        whole_file, listed, reason = match
        rules = frozenset(part.strip() for part in listed.split(",") if part.strip())
        if mdx and form == "html":
            problem(
                "MDX does not compile HTML comments, so this suppression silences nothing: "
                f"write {example}"
            )
        elif not rules:
            problem(f"edcheck-disable names no rule: write {example}")
        elif unknown := sorted(rules - known_rules):
            hint = did_you_mean(unknown[0], known_rules) if len(unknown) == 1 else ""
            problem(f"edcheck-disable names unknown rule(s): {', '.join(unknown)}{hint}")
        elif not reason:
            problem(f"edcheck-disable needs a reason after --: {example}")
        else:
            found.append(Suppression(rules, 0 if whole_file else line + 1))
    return found, problems


def apply(diagnostics: list[Diagnostic], suppressions: list[Suppression]) -> list[Diagnostic]:
    if not suppressions:
        return diagnostics
    return [
        item
        for item in diagnostics
        if not any(item.rule in s.rules and s.line in (0, item.line) for s in suppressions)
    ]


def apply_waivers(
    diagnostics: list[Diagnostic],
    policy: Policy,
    today: date,
    relative_of: dict[str, str],
    *,
    whole_site: bool,
) -> list[Diagnostic]:
    """Drop what the config's waivers cover; report expired waivers, and unused ones after
    a whole-site check (a partial run cannot tell)."""
    config = policy.config
    waivers = config.config.waivers
    if not waivers:
        return diagnostics
    where = config.shown or ".edcheck.yaml"
    found: list[Diagnostic] = []
    live = []
    for index, waiver in enumerate(waivers):
        line, column = config.position("waivers", index)
        expired = policy.engine_severity("waiver-expired")
        if waiver.expires < today:
            if expired is not None:
                found.append(
                    Diagnostic(
                        where,
                        line,
                        column,
                        "waiver-expired",
                        expired,
                        f"the waiver for {waiver.rule} on {', '.join(waiver.paths)} expired on "
                        f"{waiver.expires.isoformat()}: fix the pages, or renew it with a new "
                        "date and reason",
                    )
                )
        else:
            live.append((index, waiver, PathMatcher(waiver.paths), line, column))
    used: set[int] = set()
    for item in diagnostics:
        relative = relative_of.get(item.path)
        covering = [
            index
            for index, waiver, matches, *_ in live
            if relative is not None and waiver.rule == item.rule and matches(relative)
        ]
        used.update(covering)
        if not covering:
            found.append(item)
    unused = policy.engine_severity("waiver-unused")
    if whole_site and unused is not None:
        for index, waiver, _, line, column in live:
            if index not in used:
                found.append(
                    Diagnostic(
                        where,
                        line,
                        column,
                        "waiver-unused",
                        unused,
                        f"the waiver for {waiver.rule} on {', '.join(waiver.paths)} silenced "
                        "nothing: remove it",
                    )
                )
    return found
