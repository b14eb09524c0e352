"""Every snippet in README.md and docs/ that installs or configures edcheck works as
written: run against a local copy of this repository (the only change is the repository's
address), so that a snippet can never silently rot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from tests.conftest import ROOT, git, git_env

pytestmark = pytest.mark.slow

REPOSITORY = "https://github.com/edcheck/edcheck"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
PIN = re.compile(r"edcheck/edcheck@([0-9A-Za-z._-]+)|^\s*rev:\s*(\S+)", re.MULTILINE)
SEED = ROOT / "examples" / "site" / "content" / "reviews" / "how-connections-heal.md"


@dataclass(frozen=True)
class Snippet:
    """A fenced block of a document: where it is, its language and its text."""

    where: str
    language: str
    text: str


def _snippets() -> list[Snippet]:
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            where = f"{path.relative_to(ROOT)}:{line}"
            found.append(Snippet(where, match.group(1), match.group(2)))
    for path in sorted((ROOT / "docs" / "examples").glob("*.yml")):
        found.append(Snippet(str(path.relative_to(ROOT)), "yaml", path.read_text()))
    return found


SNIPPETS = _snippets()
SHELL = [s for s in SNIPPETS if s.language in ("sh", "bash") and "install" in s.text]
INSTALLS = [s for s in SHELL if f"git+{REPOSITORY}@" in s.text]
PRE_COMMIT = [s for s in SNIPPETS if s.language == "yaml" and "repos:" in s.text]
HOOK_ENTRIES = [
    s for s in SNIPPETS if s.language == "yaml" and s.text.lstrip().startswith("- id: edcheck")
]
CONFIGURING = [s for s in SNIPPETS if "edcheck/edcheck" in s.text]


def _pins() -> set[str]:
    return {a or b for s in CONFIGURING for a, b in PIN.findall(s.text)}


def test_the_snippets_are_found() -> None:
    """The lists below are what the other tests run; an empty list would test nothing."""
    assert len(INSTALLS) == 2  # README's and adoption.md's
    assert len(PRE_COMMIT) == 2  # README's and adoption.md's
    assert len(HOOK_ENTRIES) == 2  # adoption.md's extra dependency and own-args entries
    assert len(CONFIGURING) >= 10


# What a user installs from a pinned commit: the package, its data and its hook.
SHIPPED = ["checker", "rules", "schemas", "pyproject.toml", ".pre-commit-hooks.yaml", "action.yml"]


def _pin_in_history() -> str:
    """The one pinned commit, which must be in this clone's history (else: skip, in a
    shallow clone only)."""
    (pin,) = _pins()
    known = subprocess.run(
        ["git", "cat-file", "-e", f"{pin}^{{commit}}"], cwd=ROOT, env=git_env(), check=False
    )
    if known.returncode != 0:
        if git(ROOT, "rev-parse", "--is-shallow-repository").strip() == "true":
            pytest.skip("a shallow clone does not hold the pinned commit's history")
        pytest.fail(f"{pin} is not a commit of this repository")
    return pin


def test_every_snippet_pins_one_commit_of_this_repository() -> None:
    """No release is tagged yet: every snippet names the same full commit hash, a commit
    of this repository (a tag such as v0.1.0 or @v1 does not exist)."""
    (pin,) = _pins()
    assert re.fullmatch(r"[0-9a-f]{40}", pin), pin
    _pin_in_history()


def test_the_pinned_commit_ships_what_main_ships() -> None:
    """A user who copies a snippet gets today's edcheck: nothing that ships (the package,
    its packs and schemas, its dependencies, the hook, the Action) changed since the
    pinned commit. Moving the pin is the last commit of every change that ships."""
    pin = _pin_in_history()
    changed = git(ROOT, "diff", "--name-only", pin, "HEAD", "--", *SHIPPED).split()
    assert changed == [], f"update the pinned commit in the docs: {changed[:5]}"


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A clone of this repository with its history, and the pinned commit."""
    pin = _pin_in_history()
    target = tmp_path_factory.mktemp("edcheck-repo") / "edcheck"
    git(ROOT, "clone", "-q", str(ROOT), str(target))
    return target, pin


def _localised(text: str, repo: Path) -> str:
    """The snippet with the public repository's address replaced by the local clone's;
    the pinned commit and everything else stay as written."""
    text = text.replace(f"git+{REPOSITORY}@", f"git+file://localhost{repo}@")
    return text.replace(REPOSITORY, str(repo))


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment a user's shell would have: no virtual environment active, and
    the test runner's own Python first on PATH (as python3)."""
    env = git_env(**extra)
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["NO_COLOR"] = "1"
    return env


def _content_repo(folder: Path) -> Path:
    """A content repository laid out as `edcheck init`'s starter config expects."""
    (folder / "content" / "reviews").mkdir(parents=True)
    git(folder, "init", "-q")
    (folder / "content" / "reviews" / "how-connections-heal.md").write_text(SEED.read_text())
    git(folder, "add", "-A")
    return folder


def test_readme_try_it_runs_verbatim(local: tuple[Path, str], tmp_path: Path) -> None:
    """The README's first command, in a fresh clone, exactly as written."""
    repo, _ = local
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Try it") : readme.index("## Run the tests")]
    (command,) = [m.group(2) for m in FENCE.finditer(section)]
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=clone,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "review-date-required" in done.stdout
    assert done.stdout.endswith("Checked 11 files: 8 errors, 1 warning in 4 files.\n")


@pytest.mark.parametrize("snippet", INSTALLS, ids=[s.where for s in INSTALLS])
def test_install_snippet_runs(snippet: Snippet, local: tuple[Path, str], tmp_path: Path) -> None:
    """Each install snippet, run line by line with ``bash -e`` in a folder that has a
    content repository beside it (``cd your-content-repo``)."""
    repo, _ = local
    _content_repo(tmp_path / "your-content-repo")
    script = _localised(snippet.text, repo)
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=tmp_path,
        env=_clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    last = script.strip().splitlines()[-1]
    output = done.stdout + done.stderr
    if last.startswith("edcheck check"):  # the seed page fails, as the docs say it will
        assert done.returncode == 1, output
        assert "content/reviews/how-connections-heal.md:23:3 review-date-required" in done.stdout
    else:
        assert done.returncode == 0, output
    initialised = tmp_path / "your-content-repo" if "cd your-content-repo" in script else tmp_path
    assert (initialised / ".edcheck.yaml").read_text().startswith("#")
    version = subprocess.run(
        [str(tmp_path / ".venv" / "bin" / "edcheck"), "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.startswith("edcheck ")


def test_every_pip_line_in_ci_snippets_is_a_tested_one() -> None:
    """A CI job's install line is the same command as one the install test runs."""
    tested = {
        line.strip().removeprefix("python -m ")
        for snippet in INSTALLS
        for line in snippet.text.splitlines()
        if "pip install" in line
    }
    in_ci = {
        re.sub(r"^-\s*(run:\s*)?", "", line.strip())
        for snippet in CONFIGURING
        if snippet.language == "yaml"
        for line in snippet.text.splitlines()
        if "pip install" in line
    }
    assert in_ci, "no CI snippet installs edcheck"
    assert in_ci <= tested


def _pre_commit(content: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=content,
        env=_clean_env(PRE_COMMIT_HOME=str(home)),
        capture_output=True,
        text=True,
        check=False,
    )


def test_pre_commit_snippets_run(local: tuple[Path, str], tmp_path: Path) -> None:
    """Each full .pre-commit-config.yaml, and each hook entry spliced into one, with the
    real pre-commit: the seed page fails the hook."""
    repo, _ = local
    home = tmp_path / "pre-commit-home"
    configs = [_localised(s.text, repo) for s in PRE_COMMIT]
    base = yaml.safe_load(configs[0])
    for entry in HOOK_ENTRIES:
        spliced = {
            **base,
            "repos": [{**base["repos"][0], "hooks": yaml.safe_load(dedent(entry.text))}],
        }
        configs.append(yaml.safe_dump(spliced))
    for number, config in enumerate(configs):
        content = _content_repo(tmp_path / f"content-{number}")
        (content / ".pre-commit-config.yaml").write_text(config)
        checked = _pre_commit(content, "validate-config", ".pre-commit-config.yaml", home=home)
        assert checked.returncode == 0, config + checked.stdout + checked.stderr
        if "additional_dependencies" in config:
            continue  # same hook; a second environment would only reinstall it
        done = _pre_commit(content, "run", "--all-files", home=home)
        assert done.returncode == 1, config + done.stdout + done.stderr
        assert "content/reviews/how-connections-heal.md:23:3 review-date-required" in done.stdout
