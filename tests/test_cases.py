"""Content cases kept as files: each folder's files are checked and every diagnostic's
(path, line, column, rule) must match its ``expected.txt`` exactly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import TODAY, Run

CASES = sorted(path for path in (Path(__file__).parent / "cases").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Path, tmp_path: Path, run: Run) -> None:
    folder = tmp_path / case.name
    shutil.copytree(case, folder)
    (folder / ".git").mkdir()
    expected = [line.split() for line in (folder / "expected.txt").read_text().splitlines() if line]
    (folder / "expected.txt").unlink()
    result = run("check", "--format", "json", "--today", TODAY, cwd=folder)
    assert result.err == ""
    found = [[f"{path}:{line}:{column}", rule] for path, line, column, rule in result.found()]
    assert found == expected
    severities = {item["rule"]: item["severity"] for item in result.json["diagnostics"]}
    assert result.code == (1 if "error" in severities.values() else 0)
