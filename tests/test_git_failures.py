"""Git and environment failures are one-line errors with exit 2 and git's real reason, in
every command; crash logs cannot be planted; --jobs never forks more than the cores."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker import pipeline
from tests.conftest import ROOT, git, git_env

COMMANDS = [["check", "--staged"], ["hook", "install"], ["ci", "--base", "HEAD"]]


def _edcheck(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**git_env(), "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def _repo(folder: Path) -> Path:
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / "a.md").write_text("---\ntitle: x\ntype: article\nstatus: draft\n---\n")
    git(folder, "add", "a.md")
    git(folder, "commit", "-qm", "a page")
    return folder


@pytest.mark.parametrize("command", [*COMMANDS, ["audit"]], ids=lambda c: c[0])
def test_a_repository_owned_by_someone_else(command: list[str], tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user here")
    repo = _repo(tmp_path / "theirs")
    for path in [repo, *repo.rglob("*")]:
        os.lchown(path, 65534, 65534)
    done = _edcheck(*command, cwd=repo, HOME=str(tmp_path))  # no global safe.directory
    fix = f"`git config --global --add safe.directory {repo}`"
    if command == ["audit"]:  # the audit works, without history
        assert done.returncode == 0, done.stdout + done.stderr
        assert fix in " ".join(done.stdout.split())
        return
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr == (
        "edcheck: error: git failed: git refuses a repository owned by another user "
        "(dubious ownership): if you trust it, run "
        f"`git config --global --add safe.directory {repo}`\n"
    )


def test_a_corrupt_index(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    (repo / ".git" / "index").write_bytes(b"DIRC\x00\x00\x00\x02garbage")
    done = _edcheck("check", "--staged", cwd=repo)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.startswith("edcheck: error: git failed: ")
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [*COMMANDS, ["audit"]], ids=lambda c: c[0])
def test_no_git_on_the_machine(command: list[str], tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    empty = tmp_path / "bin"
    empty.mkdir()
    done = _edcheck(*command, cwd=repo, PATH=str(empty))
    if command == ["audit"]:  # the audit works, without history
        assert done.returncode == 0, done.stderr
        assert " ".join(done.stdout.split()).endswith(  # the terminal may wrap the note
            "note: last content changes unknown: git was not found on PATH: install git "
            "(or set GIT_PYTHON_GIT_EXECUTABLE)"
        )
        return
    assert (done.returncode, done.stderr) == (
        2,
        "edcheck: error: git was not found on PATH: install git (or set "
        "GIT_PYTHON_GIT_EXECUTABLE)\n",
    )


def test_crash_logs_get_a_new_private_file(tmp_path: Path) -> None:
    """An internal error's log goes to the user's own state folder, under a name nobody
    can guess, created afresh (a link planted in /tmp is never followed)."""
    state = tmp_path / "state"
    script = "from checker import cli; raise SystemExit(cli._crash(RuntimeError('boom')))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_STATE_HOME": str(state)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 3
    (log,) = (state / "edcheck").iterdir()
    assert done.stderr == (
        "edcheck: internal error (RuntimeError); please report it with the log: "
        f"the details are in {log}\n"
    )
    assert log.name.startswith("edcheck-crash-") and log.suffix == ".log"
    assert (log.stat().st_mode & 0o777, (state / "edcheck").stat().st_mode & 0o777) == (
        0o600,
        0o700,
    )
    assert "RuntimeError: boom" in log.read_text()


def test_jobs_never_exceed_the_cores() -> None:
    cores = os.cpu_count() or 1
    assert pipeline.worker_count(1000) == cores
    assert pipeline.worker_count(None) == cores
    assert pipeline.worker_count(1) == 1
    assert pipeline.worker_count(0) == 1


def test_git_is_needed_for_these_tests() -> None:
    assert shutil.which("git") is not None
