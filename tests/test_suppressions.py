"""Suppressions in the content, and waivers in the configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY, Run, complete_article

PLACEHOLDER = complete_article().replace("Body text.", "{{ }} and TODO: here.\nAnd (TODO) again.")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def found(run: Run, *args: str) -> list[tuple[str, int, int, str]]:
    return run("check", "--format", "json", "--today", TODAY, *args).found()


def test_next_line_and_whole_file(site: Path, run: Run) -> None:
    (site / "a.md").write_text(PLACEHOLDER)
    assert [rule for *_, rule in found(run)] == ["empty-placeholder"] * 3
    (site / "a.md").write_text(
        PLACEHOLDER.replace(
            "{{ }} and",
            "<!-- edcheck-disable empty-placeholder -- quoting the template -->\n{{ }} and",
        )
    )
    assert found(run) == [("a.md", 15, 6, "empty-placeholder")]
    (site / "a.md").write_text(
        PLACEHOLDER.replace(
            "---\n{{",
            "---\n<!-- edcheck-disable-file empty-placeholder -- a page about templates -->\n{{",
        )
    )
    assert found(run) == []


def test_front_matter_comment(site: Path, run: Run) -> None:
    (site / "a.md").write_text(
        complete_article(author='""').replace(
            'author: ""',
            '# edcheck-disable author-required -- an anonymous patient story\nauthor: ""',
        )
    )
    assert found(run) == []


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        (
            "<!-- edcheck-disable empty-placeholder -->",
            "edcheck-disable needs a reason after --: <!-- edcheck-disable RULE -- reason -->",
        ),
        (
            "<!-- edcheck-disable no-such-rule -- because -->",
            "edcheck-disable names unknown rule(s): no-such-rule",
        ),
        (
            "<!-- edcheck-disable disclosure-lnik -- because -->",
            "edcheck-disable names unknown rule(s): disclosure-lnik "
            "(did you mean `disclosure-link`?)",
        ),
        (
            "<!-- edcheck-disable -- because -->",
            "edcheck-disable names no rule: write <!-- edcheck-disable RULE -- reason -->",
        ),
    ],
)
def test_invalid_suppressions(site: Path, run: Run, comment: str, message: str) -> None:
    (site / "a.md").write_text(complete_article().replace("Body text.", comment + "\nBody text."))
    result = run("check", "--format", "json", "--today", TODAY)
    assert result.code == 1
    assert [(d["line"], d["rule"], d["message"]) for d in result.json["diagnostics"]] == [
        (13, "suppression-invalid", message)
    ]


WAIVER = """content:
  roots: [content]
waivers:
  - paths: ["content/legacy/**"]
    rule: review-overdue
    reason: Legacy pages are being rewritten this quarter
    expires: {expires}
"""
OVERDUE = complete_article(published="2020-01-01").replace("on: 2026-02-01", "on: 2020-02-01")


def test_waiver_applies_until_it_expires(site: Path, run: Run) -> None:
    (site / "content" / "legacy").mkdir(parents=True)
    (site / "content" / "legacy" / "old.md").write_text(OVERDUE)
    (site / "content" / "new.md").write_text(OVERDUE)
    (site / ".edcheck.yaml").write_text(WAIVER.format(expires="2027-01-31"))
    assert found(run) == [("content/new.md", 11, 3, "review-overdue")]
    (site / ".edcheck.yaml").write_text(WAIVER.format(expires="2026-11-24"))
    result = run("check", "--format", "json", "--today", TODAY)
    assert result.found() == [
        (".edcheck.yaml", 4, 5, "waiver-expired"),
        ("content/legacy/old.md", 11, 3, "review-overdue"),
        ("content/new.md", 11, 3, "review-overdue"),
    ]
    assert result.json["diagnostics"][0]["message"] == (
        "the waiver for review-overdue on content/legacy/** expired on 2026-11-24: fix the pages, "
        "or renew it with a new date and reason"
    )


def test_unused_waiver_only_on_a_whole_site_run(site: Path, run: Run) -> None:
    (site / "content").mkdir()
    (site / "content" / "new.md").write_text(complete_article())
    (site / ".edcheck.yaml").write_text(WAIVER.format(expires="2027-01-31"))
    whole = run("check", "--format", "json", "--today", TODAY)
    assert (whole.code, whole.found()) == (0, [(".edcheck.yaml", 4, 5, "waiver-unused")])
    assert found(run, "content/new.md") == []


def test_waiver_needs_a_reason(site: Path, run: Run) -> None:
    (site / ".edcheck.yaml").write_text(
        WAIVER.format(expires="2027-01-31").replace(
            "    reason: Legacy pages are being rewritten this quarter\n", ""
        )
    )
    result = run("check", "--format", "json")
    assert result.code == 2
    assert result.json["diagnostics"][0]["message"] == "waivers.0.reason: Field required"
