"""Every place edcheck writes: atomic, mode kept, never through a symlink."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.writes import write_atomic
from tests.conftest import TODAY, Run, complete_article


def test_write_atomic_keeps_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new\r\nline")
    assert target.read_bytes() == b"new\r\nline"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md"]


def test_write_atomic_refuses_symlinks(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    link = tmp_path / "link.md"
    link.symlink_to(outside)
    with pytest.raises(OSError, match="symlink"):
        write_atomic(link, "overwritten")
    assert outside.read_text() == "precious"


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text(complete_article())
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.write_text("precious")
    return tmp_path


def _link(site: Path, name: str) -> Path:
    outside = site.parent / f"{site.name}-outside"
    (site / name).symlink_to(outside)
    return outside


def test_no_command_writes_through_a_symlink(site: Path, run: Run) -> None:
    outside = _link(site, ".edcheck.yaml.link")
    (site / "report.json").symlink_to(outside)
    output = run("check", "--format", "json", "--output", "report.json", "--today", TODAY, "a.md")
    assert output.code == 2
    assert output.err.startswith("edcheck: error: cannot write report.json: ")
    (site / ".edcheck-baseline.json").symlink_to(outside)
    baseline = run("baseline", "create", "--today", TODAY)
    assert baseline.code == 2
    (site / "b.md").symlink_to(outside)
    signed = run("review", "sign", "b.md", "--reviewer", "x", "--today", TODAY)
    assert (signed.code, signed.out) == (1, "not signed b.md: not a regular file\n")
    assert outside.read_text() == "precious"


def test_init_refuses_a_symlinked_config(site: Path, run: Run) -> None:
    outside = _link(site, ".edcheck.yaml")
    result = run("init", "--force", cwd=site)
    assert result.code == 2
    assert outside.read_text() == "precious"
