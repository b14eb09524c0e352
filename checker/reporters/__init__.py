"""Reporters: pure functions from a report to text. They format; they never decide."""

from __future__ import annotations

from collections.abc import Callable

from checker.report import Report
from checker.reporters import github, json_report, junit, sarif, text

Renderer = Callable[[Report, bool], str]

REPORTERS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
}

__all__ = ["REPORTERS", "Renderer"]
