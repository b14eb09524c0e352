"""Baselines: recorded findings stay quiet, new ones fail, fixed ones drop out."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TODAY, Run, complete_article

MISSING = complete_article().replace("  on: 2026-02-01\n", "  on:\n")


def test_baseline_lifecycle(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "old.md").write_text(MISSING)
    (tmp_path / "other.md").write_text(MISSING)
    created = run("baseline", "create", "--today", TODAY)
    assert (created.code, created.out) == (0, "recorded 2 finding(s) in .edcheck-baseline.json\n")
    recorded = json.loads((tmp_path / ".edcheck-baseline.json").read_text())
    assert [(item["path"], item["rule"]) for item in recorded["findings"]] == [
        ("old.md", "review-date-required"),
        ("other.md", "review-date-required"),
    ]
    quiet = run("check", "--today", TODAY)
    assert quiet.code == 0
    assert (
        "note: 2 finding(s) recorded in .edcheck-baseline.json still present, not shown"
        in quiet.out
    )
    # lines move above the finding: still recognised
    (tmp_path / "old.md").write_text(
        MISSING.replace("title: Sleep and mood", "title: Sleep and mood\nsummary: New line")
    )
    assert run("check", "--today", TODAY).code == 0
    # a new finding fails
    (tmp_path / "new.md").write_text(MISSING)
    fresh = run("check", "--format", "json", "--today", TODAY)
    assert fresh.found() == [("new.md", 11, 3, "review-date-required")]
    everything = run("check", "--format", "json", "--today", TODAY, "--no-baseline")
    assert len(everything.found()) == 3
    # fixing one and updating drops it; new findings are not added by update
    (tmp_path / "other.md").write_text(complete_article())
    updated = run("baseline", "update", "--today", TODAY)
    assert (updated.code, updated.out) == (
        0,
        "kept 1 finding(s), dropped 1 fixed in .edcheck-baseline.json\n",
    )
    (tmp_path / "other.md").write_text(MISSING)
    assert [path for path, *_ in run("check", "--format", "json", "--today", TODAY).found()] == [
        "new.md",
        "other.md",
    ]


def test_update_without_a_baseline(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    result = run("baseline", "update")
    assert (result.code, result.err) == (
        2,
        "edcheck: error: there is no .edcheck-baseline.json to update: run `edcheck baseline create`\n",
    )


def test_corrupt_baseline(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text(MISSING)
    (tmp_path / ".edcheck-baseline.json").write_text("[1, 2")
    result = run("check", "--format", "json")
    assert result.code == 2
    assert result.json["diagnostics"][0]["rule"] == "config-invalid"
