"""The command line: output formats, options, exit codes, the error handler."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from checker import cli
from tests.conftest import ROOT, TODAY, Run, complete_article

# the one place the version is written; the installed package's metadata carries it
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]

MISSING_DATE = (
    "---\ntitle: Sleep\ntype: article\nauthor: Jane Doe\npublished: 2026-01-10\n"
    "disclosure: /policies/review-disclosure/\npeer_review: Checked.\nreviewed:\n"
    "  by: greg-mulhauser\n  on:\n---\nText.\n"
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "good.md").write_text(complete_article())
    (tmp_path / "content" / "missing-date.md").write_text(MISSING_DATE)
    return tmp_path


def test_json_output_is_the_contract(site: Path, run: Run) -> None:
    result = run("check", "--format", "json", "--today", TODAY)
    assert result.code == 1
    assert result.json == {
        "tool": "edcheck",
        "version": VERSION,
        "today": TODAY,
        "files_checked": 2,
        "summary": {"errors": 1, "warnings": 0},
        "diagnostics": [
            {
                "path": "content/missing-date.md",
                "line": 10,
                "column": 3,
                "rule": "review-date-required",
                "severity": "error",
                "message": "reviewed.on is blank: add the date of the last clinical review (YYYY-MM-DD)",
            }
        ],
    }


def test_text_output(site: Path, run: Run) -> None:
    result = run("check", "--today", TODAY)
    assert result.code == 1
    assert result.out == (
        "content/missing-date.md:10:3 review-date-required reviewed.on is blank: add the date of "
        "the last clinical review (YYYY-MM-DD)\n\nChecked 2 files: 1 error, 0 warnings in 1 file.\n"
    )


def test_paths_are_relative_to_the_working_directory(site: Path, run: Run) -> None:
    result = run(
        "check", "--format", "json", "--today", TODAY, "missing-date.md", cwd=site / "content"
    )
    assert result.found() == [("missing-date.md", 10, 3, "review-date-required")]


def test_clean_run_exits_zero(site: Path, run: Run) -> None:
    result = run("check", "--today", TODAY, "content/good.md")
    assert (result.code, result.out) == (0, "Checked 1 file: all clear.\n")


def test_warnings_alone_exit_zero(site: Path, run: Run) -> None:
    (site / "content" / "missing-date.md").unlink()
    soon = complete_article(published="2024-01-10").replace("on: 2026-02-01", "on: 2024-12-01")
    (site / "content" / "soon.md").write_text(soon)
    result = run("check", "--format", "json", "--today", TODAY)
    assert result.code == 0
    assert result.found() == [("content/soon.md", 11, 3, "review-due-soon")]


def test_github_annotations(site: Path, run: Run) -> None:
    result = run("check", "--format", "github", "--today", TODAY)
    assert result.out.splitlines()[0] == (
        "::error file=content/missing-date.md,line=10,col=3,title=review-date-required::"
        "reviewed.on is blank: add the date of the last clinical review (YYYY-MM-DD)"
    )


def test_github_escaping() -> None:
    from checker.api import Report
    from checker.diagnostics import Diagnostic, Severity
    from checker.reporters import github

    report = Report(
        today=__import__("datetime").date(2026, 1, 1),
        files_checked=1,
        diagnostics=[Diagnostic("a,b:c.md", 1, 2, "r", Severity.WARNING, "100%\nnext")],
    )
    assert github.render(report, False).splitlines()[0] == (
        "::warning file=a%2Cb%3Ac.md,line=1,col=2,title=r::100%25%0Anext"
    )


def test_select_and_ignore(site: Path, run: Run) -> None:
    (site / "content" / "good.md").write_text(complete_article(author='""'))
    selected = run("check", "--format", "json", "--today", TODAY, "--select", "author-required")
    assert [rule for *_, rule in selected.found()] == ["author-required"]
    ignored = run(
        "check",
        "--format",
        "json",
        "--today",
        TODAY,
        "--ignore",
        "author-required,review-date-required",
    )
    assert ignored.found() == []
    assert ignored.code == 0


def test_unknown_rule_is_a_usage_error(site: Path, run: Run) -> None:
    result = run("check", "--ignore", "no-such-rule")
    assert result.code == 2
    assert result.err == "edcheck: error: unknown rule 'no-such-rule': see `edcheck rules`\n"


def test_today_from_environment(site: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDCHECK_TODAY", "2026-01-15")
    result = run("check", "--format", "json", "content/good.md")
    assert result.json["today"] == "2026-01-15"
    assert [rule for *_, rule in result.found()] == ["review-date-future"]
    monkeypatch.setenv("EDCHECK_TODAY", "soon")
    bad = run("check")
    assert (bad.code, bad.err) == (
        2,
        "edcheck: error: EDCHECK_TODAY 'soon' is not a calendar date (YYYY-MM-DD)\n",
    )


def test_missing_path(site: Path, run: Run) -> None:
    result = run("check", "nowhere.md")
    assert (result.code, result.err) == (2, "edcheck: error: no such file or folder: nowhere.md\n")


def test_folder_without_content(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x")
    result = run("check", "empty")
    assert (result.code, result.out) == (0, "No content files to check.\n")


def test_excluded_files_are_counted(site: Path, run: Run) -> None:
    (site / "README.md").write_text("# Readme\n")
    result = run("check", "README.md")
    assert (result.code, result.out) == (
        0,
        "No content files to check (1 excluded by the config).\n",
    )


def test_unknown_format(site: Path, run: Run) -> None:
    result = run("check", "--format", "xml")
    assert (result.code, result.err) == (
        2,
        "edcheck: error: unknown format 'xml': choose from text, json, github, sarif, junit\n",
    )


def test_bad_option_exits_2(run: Run) -> None:
    result = run("check", "--bogus")
    assert result.code == 2
    assert "No such option: --bogus" in result.err


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._colour(Terminal()) is True
    assert cli._colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._colour(Terminal()) is False


def test_text_reporter_colours() -> None:
    from datetime import date

    from checker.api import Report
    from checker.diagnostics import Diagnostic, Severity
    from checker.reporters import text

    report = Report(date(2026, 1, 1), 1, [Diagnostic("a.md", 1, 1, "r", Severity.ERROR, "m")])
    assert text.render(report, True).splitlines()[0] == "\x1b[1ma.md:1:1\x1b[0m \x1b[31mr\x1b[0m m"


def test_rules_lists_the_catalogue(run: Run) -> None:
    from checker.packs import engine_pack, load_pack

    result = run("rules", "--format", "json")
    assert result.code == 0
    ids = [entry["id"] for entry in json.loads(result.out)]
    engine = [rule.id for rule in engine_pack().rules]
    gate = [rule.id for rule in engine_pack("_ci").rules]
    health = [item.rule.id for item in load_pack("health")]
    techdocs = [item.rule.id for item in load_pack("techdocs")]
    assert ids == engine + gate + health + techdocs
    assert engine[:6] == [
        "file-unreadable",
        "file-too-large",
        "frontmatter-missing",
        "frontmatter-syntax",
        "schema",
        "config-invalid",
    ]
    assert gate == ["workflow-transition", "review-not-renewed", "self-review", "policy-changed"]
    text = run("rules")
    row = text.out.splitlines()[ids.index("review-date-required")]
    assert row.split()[:3] == ["review-date-required", "error", "health"]


def test_explain(run: Run) -> None:
    result = run("explain", "review-overdue")
    assert result.code == 0
    assert result.out.startswith(
        "review-overdue (error, pack health)\n\nFires when: today is past the review due date\n"
    )
    assert "Failing example:" in result.out and "Passing example:" in result.out
    assert "      on: 2024-11-24\n" in result.out
    unknown = run("explain", "nope")
    assert (unknown.code, unknown.err) == (
        2,
        "edcheck: error: unknown rule 'nope': `edcheck rules` lists them all\n",
    )


def test_init_writes_a_valid_starter(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    first = run("init")
    assert first.code == 0
    written = (tmp_path / ".edcheck.yaml").read_text()
    assert written.startswith("# edcheck configuration")
    again = run("init")
    assert (again.code, again.err) == (
        2,
        "edcheck: error: .edcheck.yaml already exists here (use --force to replace it)\n",
    )
    (tmp_path / ".edcheck.yaml").write_text("max_file_size: 1\n")
    forced = run("init", "--force")
    assert forced.code == 0 and (tmp_path / ".edcheck.yaml").read_text() == written
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(complete_article())
    assert run("check", "--today", TODAY).code == 0


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.code, result.out) == (0, f"edcheck {VERSION}\n")


def test_internal_error_is_one_line_and_a_log(
    site: Path, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from checker import api

    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "check", explode)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))  # the user's own state folder
    result = run("check")
    assert result.code == 3
    lines = result.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "edcheck: internal error (RuntimeError); please report it with the log: the details are in "
    )
    log = Path(lines[0].rsplit(" ", 1)[1])
    assert log.parent == tmp_path / "edcheck"
    assert "RuntimeError: boom" in log.read_text()
    assert "Traceback" not in result.err and "Traceback" not in result.out


def test_python_dash_m(site: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--today", TODAY, "content/good.md"],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert (done.returncode, done.stdout) == (0, "Checked 1 file: all clear.\n")


def test_pack_option(site: Path, run: Run) -> None:
    chosen = run("check", "--format", "json", "--today", TODAY, "--pack", "health")
    assert chosen.found() == [("content/missing-date.md", 10, 3, "review-date-required")]
    unknown = run("check", "--pack", "nope")
    assert unknown.code == 2
    assert (
        unknown.err
        == "edcheck: error: unknown rule pack 'nope' (built in: health, techdocs; or a .yaml file)\n"
    )


def test_content_roots_from_config(site: Path, run: Run) -> None:
    (site / "drafts").mkdir()
    (site / "drafts" / "broken.md").write_text("---\ntitle: [\n---\n")
    everything = run("check", "--format", "json", "--today", TODAY)
    assert [path for path, *_ in everything.found()] == [
        "content/missing-date.md",
        "drafts/broken.md",
    ]
    (site / ".edcheck.yaml").write_text("content:\n  roots: [content]\n")
    configured = run("check", "--format", "json", "--today", TODAY)
    assert [path for path, *_ in configured.found()] == ["content/missing-date.md"]
    from_below = run("check", "--format", "json", "--today", TODAY, cwd=site / "content")
    assert from_below.found() == [("missing-date.md", 10, 3, "review-date-required")]


def test_parallel_run_gives_the_same_report(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    for index in range(420):
        text = complete_article() if index % 7 else MISSING_DATE
        (tmp_path / f"a{index:03d}.md").write_text(text)
    serial = run("check", "--format", "json", "--today", TODAY, "--jobs", "1")
    parallel = run("check", "--format", "json", "--today", TODAY, "--jobs", "2")
    assert parallel.out == serial.out
    assert parallel.json["files_checked"] == 420
    assert parallel.json["summary"] == {"errors": 60, "warnings": 0}
