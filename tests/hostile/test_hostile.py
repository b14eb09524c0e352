"""The hostile-input suite: every case gives its expected diagnostics and exit code, within
a CPU-time bound and 200 MB, with no traceback, no network and no file changed."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import CPU_SECONDS, ROOT, run_measured
from tests.hostile.cases import CASES, Case

HERE = Path(__file__).resolve().parent
MAX_MEGABYTES = 200


def _snapshot(folder: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and ".git" not in path.parts:
            try:
                found[str(path.relative_to(folder))] = path.read_bytes()
            except PermissionError:
                found[str(path.relative_to(folder))] = b"<unreadable>"
    return found


def _command(case: Case) -> list[str]:
    command = [sys.executable, "-m", "checker", *case.args]
    if os.geteuid() == 0 and case.name == "unreadable-file":
        dropped = "-dac_override,-dac_read_search"
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root reads any file, and setpriv is not here to drop that power")
        command = [setpriv, f"--inh-caps={dropped}", f"--bounding-set={dropped}", *command]
    return command


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile(case: Case, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    for name, content in case.files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    if case.setup is not None:
        case.setup(root)
    before = _snapshot(root)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "EDCHECK_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(ROOT)])  # HERE: the network guard
    env["TMPDIR"] = str(tmp_path)
    peak_file = tmp_path / "peak-kb"
    env["EDCHECK_TEST_PEAK_FILE"] = str(peak_file)  # written by sitecustomize at exit
    done = run_measured(_command(case), cwd=root, env=env)
    stdout, stderr = done.out, done.err
    assert done.code == case.code, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert "network connection" not in stderr
    assert done.cpu < CPU_SECONDS, f"{case.name} used {done.cpu:.2f} CPU seconds"
    megabytes = int(peak_file.read_text()) / 1024
    assert megabytes < MAX_MEGABYTES, f"{case.name} peaked at {megabytes:.0f} MB"
    if case.findings is not None:
        report = json.loads(stdout)
        assert [(d["path"], d["line"], d["rule"]) for d in report["diagnostics"]] == case.findings
    if case.stderr is not None:
        assert stderr.startswith(case.stderr) and stderr.count("\n") == 1, stderr
    assert _snapshot(root) == before
