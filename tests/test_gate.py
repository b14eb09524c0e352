"""`edcheck ci` against real git repositories built in each test (no git mocks)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from git import Actor, Repo

from tests.conftest import TODAY, Run, complete_article

JANE = Actor("Jane Doe", "jane@example.org")
GREG = Actor("Greg Mulhauser", "greg@example.org")
CONFIG = "content:\n  roots: [content]\n"
PUBLISHED = complete_article()  # reviewed by greg-mulhauser on 2026-02-01
DRAFT = complete_article(status="draft")


class Site:
    """A content repository: `main` holds the base; work happens on `feature`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Jane Doe")
            config.set_value("user", "email", "jane@example.org")

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        self.repo.index.add([path])

    def remove(self, path: str) -> None:
        self.repo.index.remove([path], working_tree=True)

    def move(self, old: str, new: str) -> None:
        (self.root / new).parent.mkdir(parents=True, exist_ok=True)
        self.repo.index.move([old, new])

    def commit(self, message: str, author: Actor = JANE) -> None:
        self.repo.index.commit(message, author=author, committer=author)

    def branch(self, name: str = "feature") -> None:
        self.repo.git.checkout("-b", name)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = Site(tmp_path / "site")
    site.write(".edcheck.yaml", CONFIG)
    site.write("content/sleep.md", PUBLISHED)
    site.write("content/panic.md", DRAFT)
    site.write("content/grief.md", PUBLISHED)
    site.commit("base")
    site.branch()
    return site


Gate = Callable[..., tuple[int, list[tuple[str, int, int, str]], dict[str, Any]]]


@pytest.fixture
def gate(site: Site, run: Run) -> Gate:
    def invoke(
        *extra: str, cwd: Path | None = None
    ) -> tuple[int, list[tuple[str, int, int, str]], dict[str, object]]:
        result = run(
            "ci",
            "--base",
            "main",
            "--today",
            TODAY,
            "--format",
            "json",
            *extra,
            cwd=cwd or site.root,
        )
        assert result.err == ""
        return result.code, result.found(), result.json

    return invoke


def test_clean_pull_request(site: Site, gate: Gate) -> None:
    renewed = PUBLISHED.replace("on: 2026-02-01", "on: 2026-11-20").replace(
        "Body text.", "Better body text."
    )
    site.write("content/sleep.md", renewed)
    site.commit("edit and renew the review")
    code, found, report = gate()
    assert (code, found) == (0, [])
    assert report["files_checked"] == 1


def test_only_changed_articles_are_judged(site: Site, gate: Gate) -> None:
    site.write("content/new.md", PUBLISHED.replace("  on: 2026-02-01\n", "  on:\n"))
    site.commit("add an incomplete article")
    code, found, _ = gate()
    assert code == 1
    assert found == [
        ("content/new.md", 4, 1, "workflow-transition"),
        ("content/new.md", 11, 3, "review-date-required"),
    ]


def test_body_changed_without_a_renewed_review(site: Site, gate: Gate) -> None:
    site.write("content/sleep.md", PUBLISHED.replace("Body text.", "Changed body text."))
    site.commit("edit only")
    assert gate()[:2] == (1, [("content/sleep.md", 11, 3, "review-not-renewed")])


def test_front_matter_only_change_needs_no_new_review(site: Site, gate: Gate) -> None:
    site.write(
        "content/sleep.md", PUBLISHED.replace("title: Sleep and mood", "title: Sleep and low mood")
    )
    site.commit("retitle")
    assert gate()[:2] == (0, [])


def test_status_jump_is_a_workflow_error(site: Site, gate: Gate, run: Run) -> None:
    site.write("content/panic.md", DRAFT.replace("status: draft", "status: published"))
    site.commit("publish straight from draft")
    code, found, report = gate()
    assert (code, found) == (1, [("content/panic.md", 4, 1, "workflow-transition")])
    messages = [d["message"] for d in report["diagnostics"]]
    assert messages == [
        "status changes from draft to published, which skips a step: from draft the workflow allows in-review"
    ]


def test_allowed_step_passes(site: Site, gate: Gate) -> None:
    site.write("content/panic.md", DRAFT.replace("status: draft", "status: in-review"))
    site.commit("send for review")
    assert gate()[:2] == (0, [])


def test_renames(site: Site, gate: Gate) -> None:
    site.move("content/grief.md", "content/loss/grief.md")
    site.commit("move")
    assert gate()[:2] == (0, [])
    site.write("content/loss/grief.md", PUBLISHED.replace("Body text.", "Rewritten while moving."))
    site.commit("and edit")
    assert gate()[:2] == (1, [("content/loss/grief.md", 11, 3, "review-not-renewed")])


def test_deletion_is_listed_not_judged(site: Site, run: Run) -> None:
    site.remove("content/grief.md")
    site.commit("delete")
    result = run("ci", "--base", "main", "--today", TODAY, cwd=site.root)
    assert result.code == 0
    assert result.out == "note: content/grief.md: deleted\n\nNo content files to check.\n"


def test_merge_from_main_is_not_judged(site: Site, gate: Gate) -> None:
    site.repo.git.checkout("main")
    site.write(
        "content/grief.md", PUBLISHED.replace("Body text.", "Changed on main without review.")
    )
    site.commit("an unreviewed change on main")
    site.repo.git.checkout("feature")
    site.write("content/panic.md", DRAFT.replace("status: draft", "status: in-review"))
    site.commit("feature work")
    site.repo.git.merge("main", "--no-edit")
    code, found, report = gate()
    assert (code, found) == (0, [])
    assert report["files_checked"] == 1


def test_weakened_policy_is_judged_by_the_base(site: Site, gate: Gate) -> None:
    site.write(".edcheck.yaml", CONFIG + "rules:\n  review-date-required: {severity: off}\n")
    site.write(
        "content/new.md",
        DRAFT.replace("  on: 2026-02-01\n", "  on:\n").replace(
            "status: draft", "status: in-review"
        ),
    )
    site.write("content/sleep.md", PUBLISHED.replace("  on: 2026-02-01\n", "  on:\n"))
    site.commit("relax the gate")
    code, found, _ = gate()
    assert code == 1
    assert found == [
        (".edcheck.yaml", 1, 1, "policy-changed"),
        ("content/sleep.md", 11, 3, "review-date-required"),
    ]
    code, found, _ = gate("--policy-from", "head")
    assert (code, found) == (1, [(".edcheck.yaml", 1, 1, "policy-changed")])


def test_policy_changed_can_be_a_warning(site: Site, gate: Gate) -> None:
    site.repo.git.checkout("main")
    site.write(".edcheck.yaml", CONFIG + "rules:\n  policy-changed: {severity: warning}\n")
    site.commit("policy changes warn")
    site.repo.git.checkout("feature")
    site.repo.git.merge("main", "--no-edit")
    site.write(".edcheck.yaml", CONFIG + "max_file_size: 1000000\n")
    site.commit("change policy")
    code, found, report = gate()
    assert (code, found) == (0, [(".edcheck.yaml", 1, 1, "policy-changed")])
    assert report["summary"] == {"errors": 0, "warnings": 1}


def test_reviewer_who_changed_the_article(site: Site, gate: Gate) -> None:
    renewed = PUBLISHED.replace("on: 2026-02-01", "on: 2026-11-20").replace(
        "Body text.", "Greg's own edit."
    )
    site.write("content/sleep.md", renewed)
    site.commit("edit by the reviewer", author=GREG)
    assert gate()[:2] == (1, [("content/sleep.md", 10, 3, "self-review")])


def test_hostile_file_names(site: Site, gate: Gate) -> None:
    for name in (
        "content/-rf.md",
        "content/new\nline.md",
        "content/space name.md",
        "content/ünïcode.md",
    ):
        site.write(name, DRAFT.replace("title: Sleep and mood", "title: [unclosed"))
    site.commit("odd names")
    code, found, _ = gate()
    assert code == 1
    assert sorted(path for path, *_ in found) == sorted(
        ["content/-rf.md", "content/new\nline.md", "content/space name.md", "content/ünïcode.md"]
    )
    assert {rule for *_, rule in found} == {"frontmatter-syntax"}


def test_missing_base_ref(site: Site, run: Run) -> None:
    result = run("ci", "--base", "nope", cwd=site.root)
    assert (result.code, result.err) == (
        2,
        "edcheck: error: base 'nope' is not a commit in this repository\n",
    )
    dashed = run("ci", "--base", "--upload-pack=evil", cwd=site.root)
    assert dashed.code == 2


def test_outside_a_repository(tmp_path: Path, run: Run) -> None:
    (tmp_path / "plain").mkdir()
    result = run("ci", "--base", "main", cwd=tmp_path / "plain")
    assert result.code == 2
    assert result.err.endswith("is not inside a git repository\n")


def test_shallow_clone_says_what_to_fetch(site: Site, tmp_path: Path, run: Run) -> None:
    site.write("content/panic.md", DRAFT.replace("status: draft", "status: in-review"))
    site.commit("work")
    clone = tmp_path / "shallow"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            f"file://{site.root}",
            str(clone),
        ],
        check=True,
        capture_output=True,
    )
    result = run("ci", "--base", "origin/main", cwd=clone)
    assert result.code == 2
    assert result.err == (
        "edcheck: error: the merge base of the pull request is not in this shallow clone: "
        "fetch the full history (actions/checkout with fetch-depth: 0)\n"
    )


def test_detached_head(site: Site, gate: Gate) -> None:
    site.write("content/panic.md", DRAFT.replace("status: draft", "status: published"))
    site.commit("jump")
    site.repo.git.checkout("--detach")
    assert gate()[:2] == (1, [("content/panic.md", 4, 1, "workflow-transition")])


def test_baseline_from_the_base_branch(site: Site, gate: Gate) -> None:
    site.repo.git.checkout("main")
    site.write("content/sleep.md", PUBLISHED.replace("  on: 2026-02-01\n", "  on:\n"))
    site.commit("an old gap")
    import json

    from checker.baseline import fingerprint

    finding = {
        "path": "content/sleep.md",
        "rule": "review-date-required",
        "fingerprint": fingerprint("content/sleep.md", "review-date-required", "  on:"),
    }
    site.write(
        ".edcheck-baseline.json",
        json.dumps({"version": 1, "created": TODAY, "findings": [finding]}),
    )
    site.commit("baseline")
    site.repo.git.checkout("feature")
    site.repo.git.merge("main", "--no-edit")
    site.write(
        "content/sleep.md",
        PUBLISHED.replace("  on: 2026-02-01\n", "  on:\n").replace(
            "title: Sleep and mood", "title: Sleep"
        ),
    )
    site.write(
        "content/grief.md",
        PUBLISHED.replace("  on: 2026-02-01\n", "  on:\n").replace(
            "title: Sleep and mood", "title: Grief"
        ),
    )
    site.commit("edit both")
    code, found, report = gate()
    assert (code, found) == (1, [("content/grief.md", 11, 3, "review-date-required")])
    assert report["files_checked"] == 2
