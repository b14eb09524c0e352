"""The machine contract: one JSON object, as DESIGN.md specifies."""

from __future__ import annotations

from checker.escape import json_text
from checker.report import Report


def render(report: Report, colour: bool) -> str:
    return json_text(report.to_json())
