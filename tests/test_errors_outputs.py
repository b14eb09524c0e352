"""Outputs that follow their specs (SARIF URIs, the JUnit timestamp), one error handler
with one taxonomy for every command (a broken configuration, a damaged repository), and
rule ids and settings checked against every name edcheck knows, with a "did you mean"."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from checker.reporters.sarif import artifact_uri
from checker.suggest import closest, did_you_mean, setting_names
from tests.conftest import ROOT, TODAY, Run, build_site, complete_article, git

SARIF_SCHEMA = ROOT.parent / "shared" / "external-schemas" / "sarif-schema-2.1.0.json"
NO_DATE = complete_article().replace("  on: 2026-02-01\n", "  on:\n")

# -- SARIF: artifactLocation.uri is a URI reference (RFC 3986) ---------------------------

NAMES = {
    "Sleep Advice/night #1.md": "Sleep%20Advice/night%20%231.md",
    "Schlaf über #1 100%.md": "Schlaf%20%C3%BCber%20%231%20100%25.md",
    "why?.md": "why%3F.md",
    "c:drive.md": "c%3Adrive.md",  # not a scheme
    "plain-name_1.0~x.md": "plain-name_1.0~x.md",  # unreserved characters stay
}


@pytest.mark.parametrize(("name", "uri"), NAMES.items())
def test_sarif_uri_is_percent_encoded(name: str, uri: str) -> None:
    assert artifact_uri(name) == uri


def test_sarif_uri_of_a_name_that_is_not_utf8_keeps_its_byte() -> None:
    assert artifact_uri("bad\udcff.md") == "bad%FF.md"


def _sarif_site(tmp_path: Path) -> Path:
    return build_site(tmp_path, {name: NO_DATE for name in NAMES})


def test_sarif_output_carries_encoded_uris(tmp_path: Path, run: Run) -> None:
    result = run("check", "--format", "sarif", "--today", TODAY, cwd=_sarif_site(tmp_path))
    assert result.code == 1
    document = json.loads(result.out)
    uris = sorted(
        item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for item in document["runs"][0]["results"]
    )
    assert uris == sorted(NAMES.values())


def test_sarif_with_such_names_validates_against_the_schema(tmp_path: Path, run: Run) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA} (shared/ is absent)")
    from jsonschema import Draft4Validator, FormatChecker

    result = run("check", "--format", "sarif", "--today", TODAY, cwd=_sarif_site(tmp_path))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    checker = Draft4Validator(schema, format_checker=FormatChecker())
    assert sorted(str(error) for error in checker.iter_errors(json.loads(result.out))) == []


def test_sarif_defines_its_uri_base_without_the_absolute_path(tmp_path: Path, run: Run) -> None:
    """Every ``uriBaseId`` a result names is defined in ``run.originalUriBaseIds``
    (SARIF 2.1.0 section 3.14.14), and the definition gives no machine's folder."""
    site = _sarif_site(tmp_path)
    result = run("check", "--format", "sarif", "--today", TODAY, cwd=site)
    run_ = json.loads(result.out)["runs"][0]
    assert run_["originalUriBaseIds"] == {
        "SRCROOT": {
            "description": {
                "text": "The folder edcheck ran in: every result's uri is relative to it."
            }
        }
    }
    named = {
        item["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]
        for item in run_["results"]
    }
    assert named == {"SRCROOT"}
    assert str(site) not in result.out
    assert site.as_uri() not in result.out


# -- JUnit: timestamp is an xs:dateTime -------------------------------------------------

ANT_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")


def test_junit_timestamp_is_a_datetime(tmp_path: Path, run: Run) -> None:
    site = build_site(tmp_path, {"a.md": complete_article()})
    result = run("check", "--format", "junit", "--today", "2025-11-25", cwd=site)
    suite = ElementTree.fromstring(result.out.encode()).find("testsuite")
    assert suite is not None
    stamp = suite.get("timestamp")
    assert stamp == "2025-11-25T00:00:00"
    assert ANT_DATETIME.fullmatch(stamp)  # the Ant JUnit schema's ISO8601_DATETIME_PATTERN
    assert datetime.fromisoformat(stamp) == datetime(2025, 11, 25)


# -- One handler: a broken configuration, reported the same way by every command ---------

BROKEN = "content:\n  rootz: [x]\n"
LINE = ".edcheck.yaml:2:3 config-invalid unknown setting 'content.rootz' (did you mean `roots`?)"
FOUND = [(".edcheck.yaml", 2, 3, "config-invalid")]


def _broken_repo(tmp_path: Path) -> Path:
    """A repository whose configuration is broken at its base commit and its head."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / ".edcheck.yaml").write_text(BROKEN)
    (repo / "a.md").write_text(complete_article())
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    (repo / "a.md").write_text(NO_DATE)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "head")
    (repo / "a.md").write_text(complete_article(title="Staged"))
    git(repo, "add", "a.md")
    return repo


# Commands whose report is the diagnostics themselves: the finding is the report.
REPORTING = [
    ["check"],
    ["check", "a.md"],
    ["check", "--staged"],
    ["ci", "--base", "HEAD~1"],
]
# Every other command: the same finding's line on stderr (stdout may be CSV, HTML, ICS).
OTHERS = [
    ["audit"],
    ["audit", "--format", "csv"],
    ["audit", "--format", "html"],
    ["review", "due"],
    ["review", "due", "--format", "csv"],
    ["review", "due", "--format", "ics"],
    ["review", "sign", "a.md", "--reviewer", "greg-mulhauser"],
    ["baseline", "create"],
    ["baseline", "update"],
]
JSON_COMMANDS = [
    ["check", "--format", "json"],
    ["check", "--staged", "--format", "json"],
    ["ci", "--base", "HEAD~1", "--format", "json"],
    ["audit", "--format", "json"],
    ["review", "due", "--format", "json"],
]


def _ids(command: list[str]) -> str:
    return " ".join(command)


@pytest.mark.parametrize("command", REPORTING, ids=_ids)
def test_broken_config_in_a_report(command: list[str], tmp_path: Path, run: Run) -> None:
    result = run(*command, "--today", TODAY, cwd=_broken_repo(tmp_path))
    assert (result.code, result.err) == (2, "")
    assert result.out == f"{LINE}\n\nNothing was checked: fix the configuration first.\n"


@pytest.mark.parametrize("command", OTHERS, ids=_ids)
def test_broken_config_in_other_commands(command: list[str], tmp_path: Path, run: Run) -> None:
    repo = _broken_repo(tmp_path)
    before = (repo / "a.md").read_bytes()
    result = run(*command, "--today", TODAY, cwd=repo)
    assert (result.code, result.out, result.err) == (2, "", LINE + "\n")
    assert (repo / "a.md").read_bytes() == before
    assert not (repo / ".edcheck-baseline.json").exists()


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=_ids)
def test_broken_config_in_json(command: list[str], tmp_path: Path, run: Run) -> None:
    result = run(*command, "--today", TODAY, cwd=_broken_repo(tmp_path))
    assert (result.code, result.err) == (2, "")
    assert result.found() == FOUND
    # the run's --today, not the clock (config_report once ignored it)
    assert (result.json["today"], result.json["files_checked"]) == (TODAY, 0)
    assert result.json["summary"] == {"errors": 1, "warnings": 0}


def test_broken_config_with_output_file(tmp_path: Path, run: Run) -> None:
    """--output: the JSON goes to the file, as the report would; the line to stderr."""
    repo = _broken_repo(tmp_path)
    result = run("audit", "--format", "json", "--output", "audit.json", "--today", TODAY, cwd=repo)
    assert (result.code, result.out, result.err) == (2, "", LINE + "\n")
    written = json.loads((repo / "audit.json").read_text())
    assert [(d["path"], d["line"], d["rule"]) for d in written["diagnostics"]] == [
        (".edcheck.yaml", 2, "config-invalid")
    ]


def test_broken_config_today_from_the_environment(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDCHECK_TODAY", "2024-02-29")
    result = run("check", "--format", "json", cwd=_broken_repo(tmp_path))
    assert (result.code, result.json["today"]) == (2, "2024-02-29")


def test_broken_rule_pack_in_rules_json(tmp_path: Path, run: Run) -> None:
    (tmp_path / "pack.yaml").write_text("pack: p\ndescription: d\nrulez: []\n")
    result = run("rules", "--pack", "pack.yaml", "--format", "json")
    assert (result.code, result.err) == (2, "")
    assert [(d["path"], d["line"], d["rule"]) for d in result.json["diagnostics"]] == [
        ("pack.yaml", 3, "config-invalid")
    ]
    assert result.json["diagnostics"][0]["message"] == (
        "invalid rule pack: unknown key 'rulez' (did you mean `rules`?)"
    )
    text = run("rules", "--pack", "pack.yaml")
    assert (text.code, text.out) == (2, "")
    assert text.err == (
        "pack.yaml:3:1 config-invalid invalid rule pack: unknown key 'rulez' "
        "(did you mean `rules`?)\n"
    )


# -- One handler: a damaged repository is a one-line git error, exit 2 -------------------


def _staged_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "a.md").write_text(complete_article())
    git(repo, "add", "a.md")
    git(repo, "commit", "-qm", "a page")
    (repo / "a.md").write_text(NO_DATE)
    git(repo, "add", "a.md")
    return repo


def test_garbage_index(tmp_path: Path, run: Run) -> None:
    repo = _staged_repo(tmp_path)
    (repo / ".git" / "index").write_bytes(b"garbage\n")
    result = run("check", "--staged", "--today", TODAY, cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "edcheck: error: git failed: fatal: .git/index: index file smaller than expected\n"
    )


def test_garbage_index_with_a_header(tmp_path: Path, run: Run) -> None:
    repo = _staged_repo(tmp_path)
    (repo / ".git" / "index").write_bytes(b"DIRC\x00\x00\x00\x09" + b"garbage" * 10)
    result = run("check", "--staged", "--today", TODAY, cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == "edcheck: error: git failed: error: bad index version 9\n"


def test_a_staged_file_git_cannot_read_is_never_skipped(tmp_path: Path, run: Run) -> None:
    """The index lists the file but its object is gone: once "No content files to check",
    exit 0, and the commit went through unjudged."""
    repo = _staged_repo(tmp_path)
    blob = git(repo, "rev-parse", ":a.md").strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    result = run("check", "--staged", "--today", TODAY, cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "edcheck: error: git failed: cannot read the staged a.md: fatal: git cat-file "
        ":a.md: bad file; the repository may be damaged (run `git fsck`)\n"
    )


def test_damaged_refs_in_the_gate_say_what_git_says(tmp_path: Path, run: Run) -> None:
    """Not "head 'HEAD' is not a commit": git could not look, and says why."""
    repo = _staged_repo(tmp_path)
    (repo / ".git" / "packed-refs").write_text("garbage\n")
    result = run("ci", "--base", "HEAD", "--today", TODAY, cwd=repo)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "edcheck: error: git failed: fatal: unexpected line in .git/packed-refs: garbage\n"
    )
    missing = run("ci", "--base", "nope", "--today", TODAY, cwd=_staged_repo(tmp_path / "b"))
    assert (missing.code, missing.err) == (
        2,
        "edcheck: error: base 'nope' is not a commit in this repository\n",
    )


def test_submodules_in_the_index_are_not_files(tmp_path: Path, run: Run) -> None:
    repo = _staged_repo(tmp_path)
    commit = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{commit},module.md")
    result = run("check", "--staged", "--format", "json", "--today", TODAY, cwd=repo)
    assert result.code == 1
    assert {path for path, *_ in result.found()} == {"a.md"}


# -- Rule ids: every id edcheck knows; unknown ones get a "did you mean" -----------------


def _all_rule_ids(run: Run) -> list[str]:
    listed = run("rules", "--format", "json")
    assert listed.code == 0
    return sorted({entry["id"] for entry in json.loads(listed.out)})


@pytest.mark.parametrize("pack", ["health", "techdocs"])
def test_select_accepts_every_listed_rule(pack: str, tmp_path: Path, run: Run) -> None:
    site = build_site(tmp_path, {"a.md": complete_article()})
    every = ",".join(_all_rule_ids(run))
    for option in ("--select", "--ignore"):
        result = run("check", "--pack", pack, option, every, "--today", TODAY, cwd=site)
        assert result.code in (0, 1), result.err


def test_selecting_another_packs_rule_runs_nothing_and_says_so(tmp_path: Path, run: Run) -> None:
    site = build_site(tmp_path, {"a.md": NO_DATE})
    result = run(
        "check", "--pack", "techdocs", "--select", "disclosure-link", "--today", TODAY, cwd=site
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "note: --select disclosure-link: not run here: it belongs to the health pack, and "
        "the packs in force are techdocs\n\nChecked 1 file: all clear.\n"
    )
    # and with the pack in force, the rule runs
    health = run("check", "--select", "review-date-required", "--format", "json", cwd=site)
    assert [rule for *_, rule in health.found()] == ["review-date-required"]


@pytest.mark.parametrize(
    ("option", "given", "expected"),
    [
        ("--select", "review-overdu", "review-overdue"),
        ("--ignore", "Disclosure-Link", "disclosure-link"),
        ("--select", "workflow-transtion", "workflow-transition"),
        ("--select", "frontmatter-sytnax", "frontmatter-syntax"),
    ],
)
def test_unknown_rule_option_did_you_mean(
    option: str, given: str, expected: str, tmp_path: Path, run: Run
) -> None:
    site = build_site(tmp_path, {"a.md": complete_article()})
    result = run("check", option, given, "--today", TODAY, cwd=site)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"edcheck: error: unknown rule {given!r} (did you mean `{expected}`?): "
        "see `edcheck rules`\n"
    )


def test_unknown_rule_with_nothing_close(tmp_path: Path, run: Run) -> None:
    site = build_site(tmp_path, {"a.md": complete_article()})
    result = run("check", "--select", "zzz", cwd=site)
    assert (result.code, result.err) == (
        2,
        "edcheck: error: unknown rule 'zzz': see `edcheck rules`\n",
    )


@pytest.mark.parametrize(
    ("config", "where", "message"),
    [
        (
            "rules:\n  review-overdu:\n    severity: warning\n",
            (2, 3),
            "unknown rule 'review-overdu' (did you mean `review-overdue`?)",
        ),
        (
            "waivers:\n  - paths: [a.md]\n    rule: disclosure-lnk\n    reason: legacy\n"
            "    expires: 2027-01-01\n",
            (3, 5),
            "the waiver names unknown rule 'disclosure-lnk' (did you mean `disclosure-link`?)",
        ),
        ("Content:\n  roots: [.]\n", (1, 1), "unknown setting 'Content' (did you mean `content`?)"),
        (
            "types:\n  guide:\n    reviw:\n      interval_months: 6\n",
            (3, 5),
            "unknown setting 'types.guide.reviw' (did you mean `review`?)",
        ),
        (
            "fields:\n  reviewed_by: reviewer\n",
            (2, 3),
            "unknown setting 'fields.reviewed_by' (did you mean `reviewed_on`?)",
        ),
        ("max_size: 10\n", (1, 1), "unknown setting 'max_size' (did you mean `max_file_size`?)"),
        ("colour: red\n", (1, 1), "unknown setting 'colour'"),
    ],
)
def test_config_names_did_you_mean(
    config: str, where: tuple[int, int], message: str, tmp_path: Path, run: Run
) -> None:
    site = build_site(tmp_path, {".edcheck.yaml": config, "a.md": complete_article()})
    result = run("check", "--format", "json", "--today", TODAY, cwd=site)
    assert result.code == 2
    assert result.found() == [(".edcheck.yaml", *where, "config-invalid")]
    assert result.json["diagnostics"][0]["message"] == message


def test_config_may_tune_another_packs_rule(tmp_path: Path, run: Run) -> None:
    """A config shared by the health pack and a `--pack techdocs` run: its health rules
    are known, so they do not stop the run."""
    config = "rules:\n  disclosure-link:\n    severity: warning\n    params: {}\n"
    site = build_site(tmp_path, {".edcheck.yaml": config, "a.md": complete_article()})
    result = run("check", "--pack", "techdocs", "--today", TODAY, cwd=site)
    assert (result.code, result.err) == (0, "")


def test_engine_rules_still_take_no_params(tmp_path: Path, run: Run) -> None:
    config = "rules:\n  schema:\n    params: {x: 1}\n"
    site = build_site(tmp_path, {".edcheck.yaml": config, "a.md": complete_article()})
    result = run("check", "--format", "json", cwd=site)
    assert (result.code, result.found()) == (2, [(".edcheck.yaml", 3, 5, "config-invalid")])


def test_suggestions() -> None:
    assert closest("review-overdu", ["review-overdue", "review-due-soon"]) == "review-overdue"
    assert closest("TITLE", ["title", "type"]) == "title"
    assert closest("title", ["title"]) is None  # itself: nothing to suggest
    assert closest("qqq", ["title"]) is None
    assert did_you_mean("tpye", ["type", "title"]) == " (did you mean `type`?)"
    assert did_you_mean("qqq", ["type"]) == ""
    from checker.config import Config

    assert setting_names(Config, ("content",)) == ["roots", "include", "exclude"]
    assert setting_names(Config, ("types", "guide")) == ["schema", "packs", "review"]
    assert setting_names(Config, ("waivers", 0)) == ["paths", "rule", "reason", "expires"]
    assert setting_names(Config, ("nothing",)) == []


@pytest.mark.parametrize(
    ("checked", "found", "expected"),
    [
        # findings on pages and on the configuration are told apart
        (
            4,
            [("a.md", "author-required", "error"), (".edcheck.yaml", "waiver-unused", "warning")],
            "Checked 4 files: 1 error, 1 warning in 1 file and the configuration.",
        ),
        (
            2,
            [("a.md", "author-required", "error")],
            "Checked 2 files: 1 error, 0 warnings in 1 file.",
        ),
        # a pull request that changes only the policy checked no page: it says so
        (
            0,
            [(".edcheck.yaml", "policy-changed", "error")],
            "No content files to check; 1 error, 0 warnings in the configuration.",
        ),
        (
            0,
            [(".edcheck.yaml", "config-invalid", "error")],
            "Nothing was checked: fix the configuration first.",
        ),
    ],
)
def test_the_summary_says_where_the_findings_are(
    checked: int, found: list[tuple[str, str, str]], expected: str
) -> None:
    from datetime import date

    from checker.diagnostics import Diagnostic, Severity
    from checker.report import Report
    from checker.reporters.text import summary

    diagnostics = [
        Diagnostic(path, 1, 1, rule, Severity(level), "x") for path, rule, level in found
    ]
    assert summary(Report(date(2026, 11, 25), checked, diagnostics)) == expected
