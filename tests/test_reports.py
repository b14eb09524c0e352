"""CI-native outputs: SARIF (validated against the official schema), JUnit, --output and
the GitHub job summary."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import ROOT, TODAY, Run, complete_article

SARIF_SCHEMA = ROOT.parent / "shared" / "external-schemas" / "sarif-schema-2.1.0.json"
MISSING_DATE = complete_article().replace("  on: 2026-02-01\n", "  on:\n")
WARNING_ONLY = complete_article(published="2024-01-10").replace("on: 2026-02-01", "on: 2024-12-10")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "good.md").write_text(complete_article())
    (tmp_path / "missing date.md").write_text(MISSING_DATE)
    (tmp_path / "soon.md").write_text(WARNING_ONLY)
    return tmp_path


def test_sarif_validates_against_the_official_schema(site: Path, run: Run) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA} (shared/ is absent)")
    from jsonschema import Draft4Validator

    result = run("check", "--format", "sarif", "--today", TODAY)
    assert result.code == 1
    document = json.loads(result.out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft4Validator(schema).iter_errors(document), key=str)
    assert errors == []
    run_ = document["runs"][0]
    assert run_["tool"]["driver"]["name"] == "edcheck"
    results = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run_["results"]
    ]
    assert results == [
        ("review-date-required", "error", "missing%20date.md", 11),
        ("review-due-soon", "warning", "soon.md", 11),
    ]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    from checker.packs import engine_pack, load_pack

    assert set(rules) == {rule.id for rule in engine_pack().rules} | {
        item.rule.id for item in load_pack("health")
    }
    for result_ in run_["results"]:
        assert run_["tool"]["driver"]["rules"][result_["ruleIndex"]]["id"] == result_["ruleId"]
    assert rules["review-due-soon"]["defaultConfiguration"] == {"level": "warning"}
    assert (
        rules["review-date-required"]["shortDescription"]["text"]
        == "Fires when `reviewed.on` missing or blank."
    )


def test_junit_one_case_per_file(site: Path, run: Run) -> None:
    result = run("check", "--format", "junit", "--today", TODAY)
    assert result.code == 1
    root = ElementTree.fromstring(result.out.encode())
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")
    cases = {str(case.get("name")): case for case in suite.iter("testcase")}
    assert sorted(cases) == ["good.md", "missing date.md", "soon.md"]
    failures = cases["missing date.md"].findall("failure")
    assert [(f.get("type"), f.text) for f in failures] == [
        (
            "review-date-required",
            "missing date.md:11:3 review-date-required reviewed.on is blank: add the date of the last clinical review (YYYY-MM-DD)",
        )
    ]
    assert cases["soon.md"].findall("failure") == []
    out = cases["soon.md"].find("system-out")
    assert (
        out is not None
        and out.text is not None
        and out.text.startswith("soon.md:11:3 review-due-soon")
    )


def test_junit_survives_control_characters_in_file_names(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "bell\x07.md").write_text(MISSING_DATE)
    result = run("check", "--format", "junit", "--today", TODAY)
    root = ElementTree.fromstring(result.out.encode())
    assert [case.get("name") for case in root.iter("testcase")] == ["bell\ufffd.md"]


def test_output_file_and_text_on_the_terminal(site: Path, run: Run) -> None:
    (site / "reports").mkdir()
    result = run("check", "--format", "json", "--output", "reports/edcheck.json", "--today", TODAY)
    assert result.code == 1
    assert result.out.startswith("missing date.md:11:3 review-date-required")
    assert result.out.endswith("Checked 3 files: 1 error, 1 warning in 2 files.\n")
    written = json.loads((site / "reports" / "edcheck.json").read_text())
    assert written["summary"] == {"errors": 1, "warnings": 1}


def test_output_into_a_missing_folder_is_a_usage_error(site: Path, run: Run) -> None:
    result = run("check", "--format", "json", "--output", "nowhere/edcheck.json", "--today", TODAY)
    assert result.code == 2
    assert result.err.startswith("edcheck: error: cannot write nowhere/edcheck.json: ")


def test_github_step_summary(site: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = site / "summary.txt"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", "--format", "github", "--today", TODAY)
    assert result.code == 1
    text = summary.read_text()
    assert text.startswith(
        "earlier step\n## edcheck\n\nChecked 3 files: 1 error, 1 warning in 2 files.\n"
    )
    assert "| `review-date-required` | error | 1 |" in text
    assert "| `missing date.md:11:3` | `review-date-required` | reviewed.on is blank" in text
