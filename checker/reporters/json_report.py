"""The machine contract: one JSON object, as DESIGN.md specifies."""

from __future__ import annotations

import json

from checker.report import Report


def render(report: Report, colour: bool) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
