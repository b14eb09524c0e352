"""The CI files we ship or document are valid: action.yml, the GitHub workflow and the
GitLab job (checked with check-jsonschema's bundled schemas: no network)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

FILES = [
    ("vendor.github-actions", ROOT / "action.yml"),
    ("vendor.github-workflows", ROOT / "docs" / "examples" / "github-workflow.yml"),
    ("vendor.gitlab-ci", ROOT / "docs" / "examples" / "gitlab-ci.yml"),
]


@pytest.mark.parametrize(("schema", "path"), FILES, ids=[path.name for _, path in FILES])
def test_ci_file_is_valid(schema: str, path: object) -> None:
    tool = shutil.which("check-jsonschema")
    if tool is None:
        pytest.fail("check-jsonschema is not installed: .ci/run installs it")
    done = subprocess.run(
        [tool, "--builtin-schema", schema, str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_docs_show_the_files_as_shipped() -> None:
    text = (ROOT / "docs" / "ci.md").read_text()
    for name in ("github-workflow.yml", "gitlab-ci.yml"):
        assert (ROOT / "docs" / "examples" / name).read_text() in text
