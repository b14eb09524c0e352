"""Suppressions written in the content, and waivers granted in the configuration.

In a file: ``<!-- edcheck-disable RULE[,RULE] -- reason -->`` silences those rules on the
next line, ``<!-- edcheck-disable-file RULE -- reason -->`` in the whole file (in front
matter, the same words may follow a ``#``). The reason is mandatory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.diagnostics import Diagnostic, Severity
from checker.documents import Document
from checker.globs import PathMatcher

if TYPE_CHECKING:
    from datetime import date

    from checker.policy import Policy

_COMMENT = re.compile(
    r"(?:<!--|#)\s*edcheck-disable(?P<file>-file)?\b\s*(?P<rules>[A-Za-z0-9_,\s-]*?)"
    r"\s*(?:--(?!>)\s*(?P<reason>.*?))?\s*(?:-->|$)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Suppression:
    rules: frozenset[str]
    line: int  # the line silenced; 0 for the whole file


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
    for match in _COMMENT.finditer(document.text):
        line, column = document.line_col(match.start())
        rules = frozenset(part.strip() for part in match.group("rules").split(",") if part.strip())
        reason = (match.group("reason") or "").strip()

        def problem(message: str, line: int = line, column: int = column) -> None:
            problems.append(
                Diagnostic(document.shown, line, column, "suppression-invalid", severity, message)
            )

        if not rules:
            problem("edcheck-disable names no rule: write <!-- edcheck-disable RULE -- reason -->")
        elif unknown := sorted(rules - known_rules):
            problem(f"edcheck-disable names unknown rule(s): {', '.join(unknown)}")
        elif not reason:
            problem(
                "edcheck-disable needs a reason after --: <!-- edcheck-disable RULE -- reason -->"
            )
        else:
            found.append(Suppression(rules, 0 if match.group("file") else line + 1))
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
