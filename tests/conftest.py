"""Shared fixtures: run the CLI in-process, write content files, build git repos."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from checker.cli import main

# No per-example deadline: hypothesis's default (200 ms of wall clock) fails on a busy
# machine and proves nothing. `pytest --hypothesis-profile=long` runs the property tests
# as a longer fuzz campaign.
settings.register_profile("default", deadline=None)
settings.register_profile("long", max_examples=20_000, deadline=None)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-25"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict[str, Any]:
        data = json.loads(self.out)
        assert isinstance(data, dict)
        return data

    def found(self) -> list[tuple[str, int, int, str]]:
        """(path, line, column, rule) of every diagnostic, from JSON output."""
        items = self.json["diagnostics"]
        assert isinstance(items, list)
        return [(d["path"], d["line"], d["column"], d["rule"]) for d in items]


Run = Callable[..., Result]

# Work is bounded by CPU seconds, never by the wall clock: a busy machine stretches the
# wall clock, not the CPU time a process spends. The bound is generous (the work takes a
# small fraction of it); runaway work (catastrophic backtracking, an expanded alias bomb)
# takes hundreds of times more.
CPU_SECONDS = 10.0


def _traced() -> bool:
    """Whether coverage is tracing this process (the newest CI leg measures coverage)."""
    try:
        import coverage
    except ImportError:
        return False
    return coverage.Coverage.current() is not None


# Work measured in this process runs under coverage's tracer in CI, about three times
# slower than in a child (children are not traced); the bound grows by as much, and still
# catches a quadratic scan (which takes minutes) or a hang.
IN_PROCESS_CPU_SECONDS = CPU_SECONDS * (3 if _traced() else 1)


def cpu_seconds() -> float:
    """User plus system CPU seconds spent so far by this process and its reaped children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Measured:
    """A finished child process: exit code, output, CPU seconds and peak memory (MiB)."""

    code: int
    out: str
    err: str
    cpu: float
    megabytes: float


def run_measured(
    command: Sequence[str], *, cwd: Path, env: dict[str, str], hang_after: float = 120.0
) -> Measured:
    """Run ``command`` and account for it with ``wait4``: its own CPU time and peak memory.

    ``hang_after`` (seconds) only guards against a hang, which is killed and fails.
    """
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        with stream:
            chunks[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(name, stream))
        for name, stream in (("out", process.stdout), ("err", process.stderr))
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(hang_after)
    if any(reader.is_alive() for reader in readers):
        process.kill()
        process.wait()
        pytest.fail(f"{command} did not finish: killed")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        process.returncode,
        chunks["out"].decode(),
        chunks["err"].decode(),
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
    )


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Run:
    """Run ``edcheck ARGS`` in-process in ``cwd`` (default: the test's tmp_path)."""
    monkeypatch.delenv("EDCHECK_TODAY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def invoke(*args: str, cwd: Path | None = None) -> Result:
        monkeypatch.chdir(cwd or tmp_path)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path (folders created), text written byte for byte."""

    def put(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return put


def build_site(root: Path, files: dict[str, str]) -> Path:
    """A site in ``root`` (a git repository's top, so that no outer config is found)."""
    (root / ".git").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def git_env(**extra: str) -> dict[str, str]:
    """The environment without any GIT_* variable a hook may set, with a test identity."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        **extra,
    )
    return env


def edcheck_as_git_repo(target: Path) -> str:
    """Copy this checkout's working tree (uncommitted changes included) to ``target`` as a
    one-commit git repository, as pre-commit and pip would fetch it; returns the commit."""
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            ".git", "*.egg-info", "__pycache__", ".*_cache", "build", "dist", ".venv"
        ),
    )
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "edcheck")
    return git(target, "rev-parse", "HEAD").strip()


def git(cwd: Path, *args: str) -> str:
    env = git_env()
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, tuple[int, bytes]]]:
    """Every file under a folder with its mode and bytes, to prove nothing was written."""

    def take(folder: Path) -> dict[str, tuple[int, bytes]]:
        found = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.is_symlink():
                found[str(path.relative_to(folder))] = (path.stat().st_mode, path.read_bytes())
        return found

    return take


def complete_article(**changes: str) -> str:
    """A publishable article that passes every rule on TODAY; ``changes`` replace lines."""
    fields = {
        "title": "Sleep and mood",
        "type": "article",
        "status": "published",
        "author": "Jane Doe",
        "published": "2026-01-10",
        "disclosure": "/policies/review-disclosure/",
        "peer_review": "Checked by a clinical psychologist before publication.",
    }
    fields.update(changes)
    lines = [f"{key}: {value}" for key, value in fields.items() if value != "<drop>"]
    return (
        "---\n"
        + "\n".join(lines)
        + "\nreviewed:\n  by: greg-mulhauser\n  on: 2026-02-01\n---\nBody text.\n"
    )
