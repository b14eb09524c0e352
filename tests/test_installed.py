"""The package as users get it: a built wheel in a fresh virtual environment, and the
hook as the real pre-commit installs and runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, TODAY, edcheck_as_git_repo, git, git_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("edcheck-*.whl")
    return found


def test_wheel_carries_schemas_and_packs(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "checker/data/schemas/article.schema.json",
        "checker/data/schemas/book-review.schema.json",
        "checker/data/schemas/config.schema.json",
        "checker/data/rules/health.yaml",
        "checker/data/rules/_engine.yaml",
        "checker/cli.py",
    ):
        assert expected in names


def test_installed_wheel_checks_the_example_site(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True
    )
    site = tmp_path / "site"
    shutil.copytree(ROOT / "examples" / "site", site)
    (site / ".git").mkdir()
    done = subprocess.run(
        [str(venv / "bin" / "edcheck"), "check", "--today", TODAY],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    assert done.stdout.endswith("Checked 11 files: 8 errors, 1 warning in 4 files.\n")
    assert "content/reviews/how-connections-heal.md:23:3 review-date-required" in done.stdout
    explained = subprocess.run(
        [str(venv / "bin" / "edcheck"), "explain", "disclosure-link"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert explained.stdout.startswith("disclosure-link (error, pack health)")
    located = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import checker.resources as r; print(r.data_dir('rules'))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(venv) in located.stdout  # the packs came from the installed package


SEED = (ROOT / "examples" / "site" / "content" / "reviews" / "how-connections-heal.md").read_text()
COMPLETE = """---
title: Sleep and mood
type: article
author: Jane Doe
published: 2026-01-10
disclosure: /policies/review-disclosure/
peer_review: Checked by a clinical psychologist before publication.
reviewed:
  by: greg-mulhauser
  on: 2026-02-01
---
Short nights lower mood.
"""
DRAFT = "---\ntitle: Panic\ntype: article\nstatus: draft\n---\nTODO\n"


def test_pre_commit_blocks_the_seed_page(tmp_path: Path) -> None:
    """The real pre-commit installs edcheck from a git repo, as a user's config would."""
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed: .ci/run installs it")
    hook_repo = tmp_path / "edcheck"
    rev = edcheck_as_git_repo(hook_repo)

    content = tmp_path / "content-repo"
    content.mkdir()
    git(content, "init", "-q")
    (content / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: edcheck\n"
        f"        args: [--today, '{TODAY}', --]\n"
    )
    env = git_env(PRE_COMMIT_HOME=str(tmp_path / "cache"), NO_COLOR="1")

    def commit(*files: str) -> subprocess.CompletedProcess[str]:
        subprocess.run(["git", "add", *files], cwd=content, env=env, check=True)
        return subprocess.run(
            ["git", "commit", "-m", "content"],
            cwd=content,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    subprocess.run(["pre-commit", "install"], cwd=content, env=env, check=True, capture_output=True)
    subprocess.run(["git", "add", ".pre-commit-config.yaml"], cwd=content, env=env, check=True)
    subprocess.run(
        ["git", "commit", "-qm", "config"], cwd=content, env=env, check=True, capture_output=True
    )

    (content / "reviews").mkdir()
    (content / "reviews" / "how-connections-heal.md").write_text(SEED)
    (content / "reviews" / "old-copy.html.md.erb").write_text(SEED)  # a tech-docs page name
    blocked = commit("reviews/how-connections-heal.md", "reviews/old-copy.html.md.erb")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    output = blocked.stdout + blocked.stderr  # git shows the hook's output on stderr
    assert "reviews/how-connections-heal.md:23:3 review-date-required" in output
    assert "reviews/how-connections-heal.md:7:1 author-required" in output
    assert "reviews/old-copy.html.md.erb:23:3 review-date-required" in output
    assert git(content, "log", "--oneline").count("\n") == 1  # nothing was committed

    subprocess.run(["git", "reset", "-q"], cwd=content, env=env, check=True)
    (content / "reviews" / "how-connections-heal.md").unlink()
    (content / "reviews" / "old-copy.html.md.erb").unlink()
    (content / "articles").mkdir()
    (content / "articles" / "sleep-and-mood.md").write_text(COMPLETE)
    (content / "articles" / "-rf.md").write_text(DRAFT)
    passed = commit("articles/sleep-and-mood.md", "articles/-rf.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    output = passed.stdout + passed.stderr
    assert "edcheck (editorial compliance)" in output and "Passed" in output
