"""The native git hook and `check --staged`, driven by real `git commit`s."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, TODAY, Run, complete_article, git, git_env

COMPLETE = complete_article()
INCOMPLETE = complete_article().replace("  on: 2026-02-01\n", "  on:\n")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "README.md").write_text("# Content\n")
    git(root, "add", "README.md")
    git(root, "commit", "-qm", "start")
    return root


def test_install_and_uninstall(repo: Path, run: Run) -> None:
    installed = run("hook", "install", cwd=repo)
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert installed.code == 0
    assert (
        installed.out
        == f"installed {hook}: commits of incomplete publishable articles are now blocked\n"
    )
    assert hook.stat().st_mode & 0o777 == 0o755
    assert "check --staged" in hook.read_text()
    assert run("hook", "install", cwd=repo).code == 0  # its own hook may be rewritten
    removed = run("hook", "uninstall", cwd=repo)
    assert (removed.code, removed.out) == (0, f"removed {hook}\n")
    assert not hook.exists()


def test_someone_elses_hook_is_left_alone(repo: Path, run: Run) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    refused = run("hook", "install", cwd=repo)
    assert refused.code == 2
    assert (
        refused.err
        == f"edcheck: error: {hook} exists and was not written by edcheck (use --force to replace it)\n"
    )
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"
    assert run("hook", "uninstall", cwd=repo).code == 2
    assert run("hook", "install", "--force", cwd=repo).code == 0
    assert "edcheck hook install" in hook.read_text()


def test_staged_version_is_judged_not_the_working_tree(repo: Path, run: Run) -> None:
    assert run("hook", "install", cwd=repo).code == 0
    article = repo / "article.md"
    # incomplete in the index, complete in the working tree: blocked
    article.write_text(INCOMPLETE)
    git(repo, "add", "article.md")
    article.write_text(COMPLETE)
    env = git_env(EDCHECK_TODAY=TODAY, NO_COLOR="1", PYTHONPATH=str(ROOT))
    blocked = subprocess.run(
        ["git", "commit", "-m", "x"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert blocked.returncode == 1
    assert "article.md:11:3 review-date-required" in blocked.stdout + blocked.stderr
    # complete in the index, incomplete in the working tree: committed
    git(repo, "add", "article.md")
    article.write_text(INCOMPLETE)
    passed = subprocess.run(
        ["git", "commit", "-m", "x"], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert git(repo, "show", "HEAD:article.md") == COMPLETE


def test_check_staged_directly(repo: Path, run: Run) -> None:
    (repo / "a.md").write_text(INCOMPLETE)
    (repo / "b.md").write_text(COMPLETE)
    git(repo, "add", "a.md", "b.md")
    result = run("check", "--staged", "--format", "json", "--today", TODAY, cwd=repo)
    assert result.code == 1
    assert result.found() == [("a.md", 11, 3, "review-date-required")]
    assert result.json["files_checked"] == 2
    both = run("check", "--staged", "a.md", cwd=repo)
    assert (both.code, both.err) == (
        2,
        "edcheck: error: --staged judges the staged files; name no paths with it\n",
    )


def test_staged_excluded_and_unreadable(repo: Path, run: Run) -> None:
    (repo / "CHANGELOG.md").write_text("# Changes\n")
    (repo / "binary.md").write_bytes(b"\x00\x01")
    (repo / "notes.txt").write_text("not content")
    git(repo, "add", "CHANGELOG.md", "binary.md", "notes.txt")
    result = run("check", "--staged", "--format", "json", "--today", TODAY, cwd=repo)
    assert result.found() == [("binary.md", 1, 1, "file-unreadable")]
    assert result.json["files_checked"] == 1
