"""Baselines: record today's findings so that only new ones fail (``.edcheck-baseline.json``).

A finding's fingerprint is its file, its rule and the text of the line it points at, not
the line number: it survives lines moving above it. Identical fingerprints are counted,
so fixing one of two identical findings is noticed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from checker.diagnostics import Diagnostic
from checker.errors import UsageError
from checker.lines import split_lines

BASELINE_NAME = ".edcheck-baseline.json"
Key = tuple[str, str, str]  # (path from the repository root, rule, fingerprint)
LineText = Callable[[str, int], str]


def fingerprint(path: str, rule: str, line_text: str) -> str:
    normalised = " ".join(line_text.split())
    return hashlib.sha256(f"{path}\0{rule}\0{normalised}".encode()).hexdigest()[:20]


def keys(
    diagnostics: Iterable[Diagnostic], relative: Callable[[str], str], line_text: LineText
) -> list[Key]:
    found = []
    for item in diagnostics:
        path = relative(item.path)
        found.append(
            (path, item.rule, fingerprint(path, item.rule, line_text(item.path, item.line)))
        )
    return found


def file_lines() -> LineText:
    """Line texts read from files on disk (each file read once)."""
    cache: dict[str, list[str]] = {}

    def text(path: str, line: int) -> str:
        if path not in cache:
            try:
                cache[path] = split_lines(
                    Path(path).read_bytes().decode("utf-8-sig", errors="replace")
                )
            except OSError:
                cache[path] = []
        lines = cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    return text


def load(path: Path) -> Counter[Key] | None:
    if not path.is_file():
        return None
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        findings = data["findings"]
        return Counter(
            (item["path"], item["rule"], item["fingerprint"])
            for item in findings
            for _ in range(int(item.get("count", 1)))
        )
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError(
            "is not an edcheck baseline (delete it, or run `edcheck baseline create`)", str(path)
        ) from None


def render(found: Counter[Key], today: date) -> str:
    findings = [
        {
            "path": path,
            "rule": rule,
            "fingerprint": print_,
            **({"count": count} if count > 1 else {}),
        }
        for (path, rule, print_), count in sorted(found.items())
    ]
    return (
        json.dumps({"version": 1, "created": today.isoformat(), "findings": findings}, indent=2)
        + "\n"
    )


def split(
    diagnostics: list[Diagnostic],
    recorded: Counter[Key],
    relative: Callable[[str], str],
    line_text: LineText,
) -> tuple[list[Diagnostic], int]:
    """(the findings that are new, how many recorded ones are still present)."""
    remaining = Counter(recorded)
    new: list[Diagnostic] = []
    still = 0
    for item, key in zip(diagnostics, keys(diagnostics, relative, line_text), strict=True):
        if remaining[key] > 0:
            remaining[key] -= 1
            still += 1
        else:
            new.append(item)
    return new, still
