"""The reviewer registry: validation with lines, and its use by the rules, sign-off, the
editors' queue and the gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from git import Actor, Repo

from tests.conftest import TODAY, Run, complete_article

REGISTRY = """reviewers:
  - id: greg-mulhauser
    name: Dr Greg Mulhauser
    credentials: Clinical Psychologist, DClinPsy
    emails: [greg@example.org]
  - id: amira-haddad
    name: Dr Amira Haddad
    credentials: Consultant Psychiatrist, MRCPsych
    types: [article]
    sections: [conditions]
"""


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text("reviewers: reviewers.yaml\n")
    (tmp_path / "reviewers.yaml").write_text(REGISTRY)
    return tmp_path


@pytest.mark.parametrize(
    ("registry", "line", "column", "message"),
    [
        (
            REGISTRY + "  - id: greg-mulhauser\n    name: Someone Else\n",
            11,
            5,
            "reviewer id 'greg-mulhauser' is listed twice",
        ),
        (
            REGISTRY.replace("[greg@example.org]", "[greg-at-example]"),
            5,
            14,
            "'greg-at-example' is not an email address",
        ),
        (
            REGISTRY.replace("    emails:", "    phone: 123\n    emails:"),
            5,
            5,
            "reviewer registry: unknown key 'reviewers.0.phone'",
        ),
        (
            REGISTRY + "    active_from: 2026-01-01\n    active_until: 2025-01-01\n",
            12,
            5,
            "active_until is before active_from",
        ),
        (
            REGISTRY + "    active_from: 2026-02-30\n",
            11,
            5,
            "reviewer registry: reviewers.1.active_from: Input should be a valid date or datetime, day value is outside expected range",
        ),
        ("- just a list\n", 1, 1, "reviewer registry must be a mapping of settings, not a list"),
    ],
)
def test_registry_errors(
    site: Path, run: Run, registry: str, line: int, column: int, message: str
) -> None:
    (site / "reviewers.yaml").write_text(registry)
    (site / "a.md").write_text(complete_article())
    result = run("check", "--format", "json", "--today", TODAY)
    assert result.code == 2
    assert result.json["diagnostics"] == [
        {
            "path": "reviewers.yaml",
            "line": line,
            "column": column,
            "rule": "config-invalid",
            "severity": "error",
            "message": message,
        }
    ]


def test_missing_registry_file(site: Path, run: Run) -> None:
    (site / "reviewers.yaml").unlink()
    result = run("check", "--format", "json")
    assert result.code == 2
    assert (
        result.json["diagnostics"][0]["message"]
        == "the reviewer registry 'reviewers.yaml' does not exist"
    )


def test_registry_rules(site: Path, run: Run) -> None:
    (site / "conditions").mkdir()
    (site / "conditions" / "ok.md").write_text(
        complete_article().replace("by: greg-mulhauser", "by: Dr Amira Haddad")
    )
    (site / "elsewhere.md").write_text(
        complete_article().replace("by: greg-mulhauser", "by: amira-haddad")
    )
    (site / "unknown.md").write_text(
        complete_article().replace("by: greg-mulhauser", "by: Greg Mulhouser")
    )
    result = run("check", "--format", "json", "--today", TODAY)
    assert result.found() == [
        ("elsewhere.md", 10, 3, "reviewer-not-qualified"),
        ("unknown.md", 10, 3, "reviewer-unknown"),
    ]
    messages = [item["message"] for item in result.json["diagnostics"]]
    assert messages == [
        "Dr Amira Haddad (Consultant Psychiatrist, MRCPsych) is not registered to review the top-level section",
        "reviewed.by Greg Mulhouser is not in the reviewer registry (reviewers.yaml): use a reviewer's id",
    ]


def test_sign_with_a_registry(site: Path, run: Run) -> None:
    article = site / "a.md"
    article.write_text(complete_article().replace("  on: 2026-02-01\n", "  on:\n"))
    unknown = run("review", "sign", "a.md", "--reviewer", "Dr Nobody", "--today", TODAY)
    assert (unknown.code, unknown.err) == (
        2,
        "edcheck: error: 'Dr Nobody' is not in the reviewer registry (reviewers.yaml)\n",
    )
    signed = run("review", "sign", "a.md", "--reviewer", "Dr Greg Mulhauser", "--today", TODAY)
    assert signed.code == 0
    assert "  by: greg-mulhauser\n" in article.read_text()  # the id is written


def test_due_shows_names_and_credentials(site: Path, run: Run) -> None:
    (site / "a.md").write_text(
        complete_article()
        .replace("on: 2026-02-01", "on: 2024-12-01")
        .replace("published: 2026-01-10", "published: 2024-01-10")
    )
    result = run("review", "due", "--today", TODAY)
    assert result.out.splitlines()[0] == (
        "2026-12-01  due in 6 days         a.md  (Dr Greg Mulhauser (Clinical Psychologist, DClinPsy))"
    )


def test_gate_matches_the_reviewers_email(tmp_path: Path, run: Run) -> None:
    repo = Repo.init(tmp_path / "site", initial_branch="main")
    root = tmp_path / "site"
    (root / ".edcheck.yaml").write_text("reviewers: reviewers.yaml\n")
    (root / "reviewers.yaml").write_text(REGISTRY)
    (root / "a.md").write_text(complete_article())
    repo.index.add([".edcheck.yaml", "reviewers.yaml", "a.md"])
    jane = Actor("Jane Doe", "jane@example.org")
    repo.index.commit("base", author=jane, committer=jane)
    repo.git.checkout("-b", "feature")
    (root / "a.md").write_text(
        complete_article()
        .replace("on: 2026-02-01", "on: 2026-11-20")
        .replace("Body text.", "Edited.")
    )
    repo.index.add(["a.md"])
    laptop = Actor("gm", "greg@example.org")  # a different name, the registered email
    repo.index.commit("edit", author=laptop, committer=laptop)
    result = run("ci", "--base", "main", "--format", "json", "--today", TODAY, cwd=root)
    assert result.found() == [("a.md", 10, 3, "self-review")]
    (root / "reviewers.yaml").write_text(REGISTRY.replace("MRCPsych", "FRCPsych"))
    repo.index.add(["reviewers.yaml"])
    repo.index.commit("registry", author=jane, committer=jane)
    again = run("ci", "--base", "main", "--format", "json", "--today", TODAY, cwd=root)
    assert again.found() == [
        ("a.md", 10, 3, "self-review"),
        ("reviewers.yaml", 1, 1, "policy-changed"),
    ]
