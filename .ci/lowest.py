"""Print a pip constraints file that pins every direct dependency to its lower bound.

Reads pyproject.toml's ``dependencies`` and the named optional-dependency groups; each
``name>=X`` becomes ``name==X`` (markers kept). Transitive dependencies stay free, as in
a "lowest-direct" resolution. Usage: python3 .ci/lowest.py GROUP... > constraints.txt
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*([^;]*?)\s*(;.*)?$")


def lower_bound(requirement: str) -> str | None:
    """``typer>=0.24,<0.29`` -> ``typer==0.24``; None where there is no lower bound."""
    match = REQUIREMENT.match(requirement)
    if match is None:
        raise SystemExit(f"cannot read requirement {requirement!r}")
    name, _, specifiers, marker = match.groups()
    for specifier in (part.strip() for part in specifiers.split(",")):
        if specifier.startswith(">="):
            return f"{name}=={specifier[2:].strip()}{' ' + marker if marker else ''}"
    return None


def main(groups: list[str]) -> int:
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for group in groups:
        requirements += project["optional-dependencies"][group]
    for requirement in requirements:
        pinned = lower_bound(requirement)
        if pinned is not None:
            print(pinned)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
