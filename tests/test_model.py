"""The editorial model: a site's own keys, date formats, defaults, drafts and list pages,
the tech-docs preset, and one severity resolution, through every command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TODAY, Run, complete_article, git

OWN_KEYS = """\
fields:
  reviewer: reviewer
  reviewed_on: lastreviewed
  author: ms.author
  published: ms.date
  review_hash: review_fingerprint
date_formats: ["%d/%m/%Y"]
"""


def kb_page(lastreviewed: str, *, reviewer: str = "Dr Amira Haddad") -> str:
    return (
        "---\n"
        "title: Resetting a password\n"
        "type: article\n"
        "ms:\n"
        "  author: Jane Doe\n"
        "  date: 10/01/2018\n"
        "disclosure: /policies/review-disclosure/\n"
        "peer_review: Checked by the support team's lead before publication.\n"
        f"reviewer: {reviewer}\n"
        f"lastreviewed: {lastreviewed}\n"
        "---\n"
        "Open the settings page.\n"
    )


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    """A knowledge base that keeps its facts under its own keys, with DD/MM/YYYY dates."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(OWN_KEYS)
    pages = {
        "overdue.md": kb_page("25/06/2019"),
        "soon.md": kb_page("10/12/2024"),
        "current.md": kb_page("01/10/2026"),
        "unreadable.md": kb_page("31/02/2019"),
        "blank.md": kb_page('""', reviewer='""'),
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_own_keys_and_formats_through_check(kb: Path, run: Run) -> None:
    result = run("check", "--format", "json", "--today", TODAY, cwd=kb)
    found = [(d["path"], d["line"], d["rule"], d["message"]) for d in result.json["diagnostics"]]
    assert found == [
        (
            "blank.md",
            9,
            "reviewer-required",
            "reviewer is blank: add who carried out the last clinical review",
        ),
        (
            "blank.md",
            10,
            "review-date-required",
            "lastreviewed is blank: add the date of the last clinical review (YYYY-MM-DD or DD/MM/YYYY)",
        ),
        (
            "overdue.md",
            10,
            "review-overdue",
            "review overdue: it was due on 2021-06-25, 1979 days ago; review the page and "
            "update lastreviewed",
        ),
        (
            "soon.md",
            10,
            "review-due-soon",
            "review due on 2026-12-10, in 15 days: plan the next review",
        ),
        (
            "unreadable.md",
            10,
            "review-date-invalid",
            "lastreviewed is 31/02/2019, not a calendar date: write it as YYYY-MM-DD or DD/MM/YYYY",
        ),
    ]


def test_own_keys_through_due_and_audit(kb: Path, run: Run) -> None:
    due = run("review", "due", "--format", "json", "--today", TODAY, cwd=kb).json
    assert [(r["path"], r["due"], r["days"], r["problem"]) for r in due["reviews"]] == [
        ("unreadable.md", None, None, "lastreviewed is 31/02/2019, not a date"),
        ("overdue.md", "2021-06-25", -1979, None),
        ("soon.md", "2026-12-10", 15, None),
    ]
    audit = run("audit", "--format", "json", "--today", TODAY, cwd=kb).json
    by_path = {a["path"]: a for a in audit["articles"]}
    assert by_path["overdue.md"]["overdue"] is True
    assert by_path["overdue.md"]["reviewer"] == "Dr Amira Haddad"
    assert by_path["overdue.md"]["author"] == "Jane Doe"
    assert by_path["soon.md"]["days_to_due"] == 15
    assert by_path["unreadable.md"]["review_problem"] == "lastreviewed is 31/02/2019, not a date"
    assert audit["site"]["overdue"] == 1
    assert audit["site"]["review_date_unreadable"] == 1


def test_sign_writes_the_sites_own_keys_in_its_format(kb: Path, run: Run) -> None:
    result = run(
        "review", "sign", "overdue.md", "--reviewer", "Greg Mulhauser", "--today", TODAY, cwd=kb
    )
    assert result.code == 0, result.out
    text = (kb / "overdue.md").read_text()
    assert "reviewer: Greg Mulhauser\nlastreviewed: 25/11/2026\nreview_fingerprint: " in text
    assert "\nreviewed:" not in text  # nothing written under the built-in keys
    due = run("review", "due", "--format", "json", "--today", TODAY, cwd=kb).json
    assert "overdue.md" not in [r["path"] for r in due["reviews"]]


def test_month_precision_dates_fall_due_from_the_months_end(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(
        'fields: {reviewed_on: page_last_reviewed}\ndate_formats: ["%B %Y", "%A, %B %d, %Y"]\n'
        "types:\n  article: {review: {interval_months: 12}}\n"
    )
    page = "---\ntitle: x\ntype: article\nstatus: draft\npage_last_reviewed: {}\n---\n"
    (tmp_path / "month.md").write_text(page.format("November 2025"))
    (tmp_path / "day.md").write_text(page.format("'Tuesday, August 14, 2018'"))
    audit = run("audit", "--format", "json", "--today", TODAY, cwd=tmp_path).json
    assert {a["path"]: a["due"] for a in audit["articles"]} == {
        "day.md": "2019-08-14",
        "month.md": "2026-11-30",  # reviewed some time in November 2025
    }


def test_defaults_drafts_and_list_pages(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(
        "fields: {published: date}\n"
        "defaults:\n"
        "  - paths: ['guides/**']\n"
        "    values: {type: book-review}\n"
        "not_publishable:\n"
        "  values: [{published: false}, {unlisted: true}]\n"
        "  paths: ['_drafts/**']\n"
        "not_articles:\n"
        "  paths: ['**/_index.md']\n"
        "  values: [{headless: true}]\n"
    )
    bare = "---\ntitle: x\n{}---\nText.\n"
    files = {
        "guides/a.md": bare.format(""),  # a book review by default: needs a rating
        "hidden.md": bare.format("published: false\n"),
        "unlisted.md": bare.format("unlisted: true\n"),
        "_drafts/idea.md": bare.format(""),
        "guides/_index.md": bare.format(""),
        "snippet.md": bare.format("headless: true\n"),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = run("check", "--format", "json", "--today", TODAY, cwd=tmp_path)
    rules = {(d["path"], d["rule"]) for d in result.json["diagnostics"]}
    assert {path for path, _ in rules} == {"guides/a.md"}
    assert ("guides/a.md", "rating-required") in rules
    assert ("guides/a.md", "schema") not in rules  # the default gave the page its type
    audit = run("audit", "--format", "json", "--today", TODAY, cwd=tmp_path).json
    assert {a["path"]: a["status"] for a in audit["articles"]} == {
        "_drafts/idea.md": "draft",
        "guides/_index.md": "not an article",
        "guides/a.md": "published",
        "hidden.md": "draft",
        "snippet.md": "not an article",
        "unlisted.md": "draft",
    }


TECHDOCS_PAGE = """\
---
title: Deploying
type: learn
last_reviewed_on: {date}
review_in: 6 months
---
Some documentation.
"""


@pytest.fixture
def techdocs(tmp_path: Path) -> Path:
    """A tech-docs site: a site-wide owner in config/tech-docs.yml, pages with their own
    `type:` key, an .html.md.erb page."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "tech-docs.yml").write_text('default_owner_slack: "#platform"\n')
    docs = tmp_path / "source" / "documentation"
    docs.mkdir(parents=True)
    (docs / "overdue.html.md.erb").write_text(TECHDOCS_PAGE.format(date="2026-05-25"))
    (docs / "soon.html.md").write_text(TECHDOCS_PAGE.format(date="2026-06-20"))
    (docs / "fine.html.md").write_text(TECHDOCS_PAGE.format(date="2026-10-01"))
    return tmp_path


def test_techdocs_preset_through_every_command(techdocs: Path, run: Run) -> None:
    (techdocs / ".git").mkdir()
    check = run("check", "--pack", "techdocs", "--format", "json", "--today", TODAY, cwd=techdocs)
    assert check.found() == [
        ("source/documentation/overdue.html.md.erb", 4, 1, "review-overdue"),
        ("source/documentation/soon.html.md", 4, 1, "review-due-soon"),
    ]  # no owner-required (the site-wide owner), no schema error for `type: learn`
    due = run(
        "review", "due", "--pack", "techdocs", "--format", "json", "--today", TODAY, cwd=techdocs
    ).json
    assert [(r["path"], r["due"], r["days"]) for r in due["reviews"]] == [
        ("source/documentation/overdue.html.md.erb", "2026-11-25", 0),
        ("source/documentation/soon.html.md", "2026-12-20", 25),
    ]
    audit = run("audit", "--pack", "techdocs", "--format", "json", "--today", TODAY, cwd=techdocs)
    overdue = [a["path"] for a in audit.json["articles"] if a["overdue"]]
    assert overdue == ["source/documentation/overdue.html.md.erb"]  # due today: overdue
    assert audit.json["site"]["overdue"] == 1


def test_techdocs_gate_reports_the_malformed_date(techdocs: Path, run: Run) -> None:
    git(techdocs, "init", "-q", "-b", "main")
    git(techdocs, "add", "-A")
    git(techdocs, "commit", "-qm", "base")
    new = techdocs / "source" / "documentation" / "new.html.md"
    new.write_text(TECHDOCS_PAGE.format(date="2019-03-2r9"))
    git(techdocs, "add", "-A")
    git(techdocs, "commit", "-qm", "a new page")
    result = run(
        "ci",
        "--base",
        "HEAD~1",
        "--pack",
        "techdocs",
        "--format",
        "json",
        "--today",
        TODAY,
        cwd=techdocs,
    )
    assert result.found() == [("source/documentation/new.html.md", 4, 1, "review-date-invalid")]


def test_unchecked_page_extensions_are_told(techdocs: Path, run: Run) -> None:
    (techdocs / ".git").mkdir()
    (techdocs / "config" / "tech-docs.yml").unlink()  # no generator: the default includes
    result = run("check", "--today", TODAY, cwd=techdocs)
    assert (
        "note: 1 file with other extensions was not checked: *.html.md.erb "
        "(add them to content.include to check them)\n"
    ) in result.out


def test_severity_off_works_for_engine_rules(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "notes.md").write_text("# No front matter\n")
    assert run("check", "--format", "json", cwd=tmp_path).found() == [
        ("notes.md", 1, 1, "frontmatter-missing")
    ]
    (tmp_path / ".edcheck.yaml").write_text("rules:\n  frontmatter-missing: {severity: off}\n")
    assert run("check", "--format", "json", cwd=tmp_path).found() == []
    (tmp_path / ".edcheck.yaml").write_text("rules:\n  frontmatter-missing: {severity: warning}\n")
    result = run("check", "--format", "json", cwd=tmp_path)
    assert (result.code, result.json["diagnostics"][0]["severity"]) == (0, "warning")


@pytest.mark.parametrize(
    ("setting", "line", "message"),
    [
        (
            "rules:\n  config-invalid:\n    severity: off\n",
            3,
            "config-invalid cannot be made off: edcheck cannot judge without it",
        ),
        (
            "rules:\n  schema:\n    params: {x: 1}\n",
            3,
            "schema is an engine or gate rule and takes no params",
        ),
    ],
)
def test_severity_settings_that_cannot_work_are_refused(
    setting: str, line: int, message: str, tmp_path: Path, run: Run
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(setting)
    result = run("check", "--format", "json", cwd=tmp_path)
    assert result.code == 2
    (found,) = result.json["diagnostics"]
    assert (found["path"], found["line"], found["rule"], found["message"]) == (
        ".edcheck.yaml",
        line,
        "config-invalid",
        message,
    )


def test_a_pack_preset_field_must_be_a_fact(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pack.yaml").write_text(
        "pack: mine\ndescription: x\nmodel:\n  fields: {reviewd_on: x}\nrules: []\n"
    )
    (tmp_path / ".edcheck.yaml").write_text("types:\n  article: {packs: [pack.yaml]}\n")
    result = run("check", "--format", "json", cwd=tmp_path)
    assert result.code == 2
    (found,) = result.json["diagnostics"]
    assert (found["path"], found["line"], found["rule"]) == ("pack.yaml", 4, "config-invalid")


def test_json_report_of_due_is_valid_json_with_problems(kb: Path, run: Run) -> None:
    result = run("review", "due", "--format", "csv", "--today", TODAY, cwd=kb)
    assert result.out.splitlines()[1] == (
        ",,unreadable.md,Resetting a password,article,,Dr Amira Haddad,,"
        '"lastreviewed is 31/02/2019, not a date"'
    )
    text = run("review", "due", "--today", TODAY, cwd=kb).out
    assert text.endswith(
        "3 reviews: 1 overdue, 1 coming up, 1 with a review date that cannot be read.\n"
    )
    assert json.loads(run("review", "due", "--format", "json", cwd=kb).out)["reviews"]


def test_the_gate_reads_hugo_cascades_at_the_policy_commit(tmp_path: Path, run: Run) -> None:
    """A section's cascade gives its pages their author: `ci` must see it as `check` does."""
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('title = "Site"\n')
    (site / ".edcheck.yaml").write_text("content: {roots: [content]}\n")
    (site / "content" / "posts" / "_index.md").write_text(
        "---\ntitle: Posts\ncascade:\n  author: Jane Doe\n---\n"
    )
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "base")
    page = complete_article(author="<drop>")
    (site / "content" / "posts" / "sleep.md").write_text(page)
    git(site, "add", "-A")
    git(site, "commit", "-qm", "a post")
    check = run("check", "--format", "json", "--today", TODAY, cwd=site)
    gate = run("ci", "--base", "HEAD~1", "--format", "json", "--today", TODAY, cwd=site)
    assert check.found() == []
    assert gate.found() == []
    assert gate.json["files_checked"] == 1


# -- found by a fresh user trying to break the model -------------------------------------


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            'fields: {reviewed_on: ""}',
            "name a front-matter key, e.g. reviewed.on, or null for none",
        ),
        (
            "fields: {reviewed_on: a..b}",
            "name a front-matter key, e.g. reviewed.on, or null for none",
        ),
        ('date_formats: ["hello"]', "a date format needs a year (%Y) and a month (%m, %B or %b)"),
        ('date_formats: ["%d/%m"]', "a date format needs a year (%Y) and a month (%m, %B or %b)"),
        ('date_formats: ["%Y-%m-%Q"]', "unknown strftime code(s) %Q"),
    ],
)
def test_model_settings_that_cannot_work(
    setting: str, message: str, tmp_path: Path, run: Run
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(setting + "\n")
    result = run("check", "--format", "json", cwd=tmp_path)
    (found,) = result.json["diagnostics"]
    assert (result.code, found["line"], found["rule"]) == (2, 1, "config-invalid")
    assert found["message"].endswith(message)


def test_the_weekday_must_be_the_dates(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(
        'fields: {reviewed_on: page_last_reviewed}\ndate_formats: ["%A, %B %d, %Y"]\n'
    )
    page = "---\ntitle: x\ntype: article\nstatus: draft\npage_last_reviewed: '{}'\n---\n"
    (tmp_path / "right.md").write_text(page.replace("{}", "Tuesday, August 14, 2018"))
    (tmp_path / "wrong.md").write_text(page.replace("{}", "Monday, August 14, 2018"))
    assert run("check", "--format", "json", "--today", TODAY, cwd=tmp_path).found() == [
        ("wrong.md", 5, 1, "review-date-invalid")
    ]


def test_sign_writes_a_key_with_a_dot_in_its_name_in_place(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(
        "fields: {reviewer: ms.reviewer, reviewed_on: ms.date, review_hash: null}\n"
        'date_formats: ["%m/%d/%Y"]\n'
    )
    (tmp_path / "a.md").write_text(
        "---\ntitle: x\ntype: article\nstatus: draft\nms.reviewer: Ana\nms.date: 06/25/2019\n"
        "---\nText.\n"
    )
    signed = run("review", "sign", "a.md", "--reviewer", "Bo", "--today", TODAY, cwd=tmp_path)
    assert signed.code == 0, signed.out
    text = (tmp_path / "a.md").read_text()
    assert "ms.reviewer: Bo\nms.date: 11/25/2026\n---" in text
    assert "\nms:\n" not in text


def test_sign_writes_a_toml_date_where_the_site_writes_datetimes(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text('date_formats: ["%Y-%m-%dT%H:%M:%S%z"]\n')
    (tmp_path / "a.md").write_text(
        '+++\ntitle = "x"\ntype = "article"\nstatus = "draft"\n[reviewed]\n'
        "on = 2024-12-10T08:00:00Z\n+++\nText.\n"
    )
    signed = run("review", "sign", "a.md", "--reviewer", "Bo", "--today", TODAY, cwd=tmp_path)
    assert signed.code == 0, signed.out
    assert "\non = 2026-11-25\n" in (tmp_path / "a.md").read_text()


def test_a_per_page_next_review_date(tmp_path: Path, run: Run) -> None:
    """Read where the site keeps it, listed when unreadable, and renewed by sign-off."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text(
        "fields: {review_due: next_review, review_hash: null}\n"
        "types:\n  article: {review: {interval_months: 6}}\n"
    )
    page = complete_article().replace("---\nBody", "next_review: {}\n---\nBody")
    (tmp_path / "due.md").write_text(page.format("2026-11-01"))
    (tmp_path / "garbled.md").write_text(page.format("not sure"))
    due = run("review", "due", "--format", "json", "--today", TODAY, cwd=tmp_path).json
    assert [(r["path"], r["due"], r["problem"]) for r in due["reviews"]] == [
        ("garbled.md", None, "next_review is not sure, not a date"),
        ("due.md", "2026-11-01", None),
    ]
    signed = run("review", "sign", "due.md", "--reviewer", "B", "--today", TODAY, cwd=tmp_path)
    assert signed.code == 0, signed.out
    assert "next_review: 2027-05-25\n" in (tmp_path / "due.md").read_text()
    assert "  on: 2026-11-25\n" in (tmp_path / "due.md").read_text()


def test_an_unreadable_page_interval_is_a_finding(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text("fields: {review_interval: every}\n")
    page = "---\ntitle: x\ntype: article\nstatus: draft\nevery: {}\n---\n"
    (tmp_path / "bad.md").write_text(page.format("1.5 years"))
    (tmp_path / "good.md").write_text(page.format("18 months"))
    result = run("check", "--format", "json", "--today", TODAY, cwd=tmp_path)
    assert [(d["path"], d["rule"], d["message"]) for d in result.json["diagnostics"]] == [
        (
            "bad.md",
            "review-interval-invalid",
            "every is 1.5 years: write a whole number and a unit, e.g. 6 months",
        )
    ]


def test_run_from_inside_a_techdocs_site(techdocs: Path, run: Run) -> None:
    """`cd source && edcheck check . --pack techdocs` still reads config/tech-docs.yml."""
    (techdocs / ".git").mkdir()
    (techdocs / "source" / "documentation" / "fine.html.md").write_text(
        TECHDOCS_PAGE.format(date="2026-10-01").replace("type: learn\n", "")
    )
    inside = techdocs / "source"
    result = run(
        "check", ".", "--pack", "techdocs", "--format", "json", "--today", TODAY, cwd=inside
    )
    assert "owner-required" not in {rule for *_, rule in result.found()}
    assert result.json["files_checked"] == 3


def test_a_jekyll_flag_is_not_a_date(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "_config.yml").write_text("title: Site\n")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-held.md").write_text(
        "---\ntitle: Held\ntype: article\npublished: false\ndate: 2024-01-01\n---\nText.\n"
    )
    result = run("check", "--format", "json", "--today", TODAY, cwd=tmp_path)
    assert result.found() == []


def test_audit_at_the_end_of_the_calendar(kb: Path, run: Run) -> None:
    result = run("audit", "--format", "json", "--today", "9999-12-01", cwd=kb)
    assert result.code == 0
    assert list(result.json["site"]["due_per_month"]) == ["9999-12"]


def test_sign_refuses_a_page_that_is_not_an_article(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".edcheck.yaml").write_text("not_articles: {paths: ['**/_index.md']}\n")
    (tmp_path / "_index.md").write_text("---\ntitle: Section\n---\n")
    result = run("review", "sign", "_index.md", "--reviewer", "B", "--today", TODAY, cwd=tmp_path)
    assert (result.code, result.out) == (
        1,
        "not signed _index.md: it is not an article (a list page or a snippet)\n",
    )
