"""Property: on any site (its own keys, date formats, intervals, defaults, statuses and
due-date rules), `check`, `review due` and `audit` agree page by page on what is overdue,
due soon and unreadable; and `ci` and `check --staged` agree with `check`."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.dates import add_months
from tests.conftest import TODAY, Run, git

DAY = date.fromisoformat(TODAY)


@dataclass(frozen=True)
class Site:
    config: str
    pages: dict[str, str]
    date_key: str
    warn_days: int
    gem_rule: bool  # the tech-docs semantics: overdue on the due date, warn a month ahead


def _front(values: dict[str, str]) -> str:
    """Dotted keys as YAML front matter lines, one mapping per parent."""
    lines: list[str] = []
    parents: dict[str, list[str]] = {}
    for key, value in values.items():
        if "." in key:
            parent, leaf = key.split(".")
            parents.setdefault(parent, []).append(f"  {leaf}: {value}")
        else:
            lines.append(f"{key}: {value}")
    for parent, leaves in parents.items():
        lines += [f"{parent}:", *leaves]
    return "".join(line + "\n" for line in lines)


@st.composite
def sites(draw: st.DrawFn) -> Site:
    reviewer_key = draw(st.sampled_from(["reviewed.by", "reviewer", "review.by"]))
    date_key = draw(st.sampled_from(["reviewed.on", "lastreviewed", "review.date"]))
    if reviewer_key.split(".")[0] == date_key.split(".")[0] != "reviewed":
        date_key = "lastreviewed"
    date_format = draw(st.sampled_from([None, "%d/%m/%Y", "%B %Y", "%Y/%m/%d"]))
    interval = draw(st.integers(1, 36))
    warn_days = draw(st.integers(0, 90))
    gem_rule = draw(st.booleans())
    config = f"fields:\n  reviewer: {reviewer_key}\n  reviewed_on: {date_key}\n"
    if date_format:
        config += f'date_formats: ["{date_format}"]\n'
    config += (
        f"types:\n  article:\n    review:\n      interval_months: {interval}\n"
        f"      warn_days: {warn_days}\n"
    )
    if gem_rule:
        config += "      overdue_on_due_date: true\n      warn_months: 1\n"
    config += "defaults:\n  - paths: ['guides/**']\n    values: {type: article}\n"
    pages = {}
    count = draw(st.integers(1, 8))
    for index in range(count):
        folder = draw(st.sampled_from(["guides", "articles"]))
        status = draw(st.sampled_from(["published", "draft", "approved", None]))
        if draw(st.booleans()):  # due near today: the edges of "overdue" and "due soon"
            due_in = draw(st.one_of(st.sampled_from([-1, 0, 1, 30, 31]), st.integers(-2, 40)))
            reviewed = add_months(DAY + timedelta(days=due_in), -interval)
        else:
            reviewed = DAY + timedelta(days=draw(st.integers(-2000, 60)))
        shape = draw(st.sampled_from(["good", "good", "good", "unreadable", "absent"]))
        if shape == "good":
            text = reviewed.strftime(date_format) if date_format else reviewed.isoformat()
            value: str | None = f'"{text}"'
        elif shape == "unreadable":
            value = '"31/02/2019"' if date_format != "%d/%m/%Y" else '"2019-13-45"'
        else:
            value = None
        values = {"title": "A page"}
        if folder == "articles":
            values["type"] = "article"
        if status:
            values["status"] = status
        values[reviewer_key] = "Dr Amira Haddad"
        if value is not None:
            values[date_key] = value
        pages[f"{folder}/p{index}.md"] = f"---\n{_front(values)}---\nText.\n"
    return Site(config, pages, date_key, warn_days, gem_rule)


def _write(site: Site, root: Path) -> None:
    (root / ".edcheck.yaml").write_text(site.config)
    for name, text in site.pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _by_rule(found: list[tuple[str, int, int, str]], rule: str) -> set[str]:
    return {path for path, _, _, name in found if name == rule}


def _due_soon(site: Site, due: date) -> bool:
    """The specification of "due soon", written independently of the implementation."""
    if site.gem_rule:
        return DAY < due <= add_months(DAY, 1)
    return DAY <= due <= DAY + timedelta(days=site.warn_days)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(site=sites())
def test_check_due_and_audit_agree(site: Site, run: Run) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        _write(site, root)
        check = run("check", "--format", "json", "--today", TODAY, cwd=root)
        due = run(
            "review", "due", "--within", "9999d", "--format", "json", "--today", TODAY, cwd=root
        )
        audit = run("audit", "--format", "json", "--today", TODAY, cwd=root)
    assert check.code in (0, 1) and due.code == 0 and audit.code == 0, check.out + due.err
    found = check.found()
    rows = due.json["reviews"]
    articles = {a["path"]: a for a in audit.json["articles"]}

    overdue = _by_rule(found, "review-overdue")
    assert overdue == {r["path"] for r in rows if r["overdue"]}
    assert overdue == {path for path, a in articles.items() if a["overdue"]}
    for row in rows:
        if row["due"] is not None:
            expected = row["days"] <= 0 if site.gem_rule else row["days"] < 0
            assert row["overdue"] is expected
            assert articles[row["path"]]["due"] == row["due"]

    soon = _by_rule(found, "review-due-soon")
    dated = [  # a review dated after today is its own error, neither overdue nor due soon
        r
        for r in rows
        if r["due"] is not None and not r["overdue"] and date.fromisoformat(r["reviewed_on"]) <= DAY
    ]
    assert soon == {r["path"] for r in dated if _due_soon(site, date.fromisoformat(r["due"]))}

    unreadable = {r["path"] for r in rows if r["problem"]}
    assert unreadable == {
        path for path, a in articles.items() if a["review_problem"] and a["status"] != "draft"
    }
    invalid = {
        d["path"]
        for d in check.json["diagnostics"]
        if d["rule"] == "review-date-invalid" and d["message"].startswith(site.date_key)
    }
    publishable = {path for path, a in articles.items() if a["status"] in ("published", "approved")}
    assert unreadable == invalid & publishable


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(site=sites())
def test_ci_and_staged_agree_with_check(site: Site, run: Run) -> None:
    rules = ("review-overdue", "review-due-soon", "review-date-invalid")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        git(root, "init", "-q", "-b", "main")
        (root / ".edcheck.yaml").write_text(site.config)
        git(root, "add", "-A")
        git(root, "commit", "-qm", "policy")
        _write(site, root)
        git(root, "add", "-A")
        staged = run("check", "--staged", "--format", "json", "--today", TODAY, cwd=root)
        git(root, "commit", "-qm", "pages")
        check = run("check", "--format", "json", "--today", TODAY, cwd=root)
        gate = run("ci", "--base", "HEAD~1", "--format", "json", "--today", TODAY, cwd=root)

    def wanted(found: list[tuple[str, int, int, str]]) -> set[tuple[str, int, str]]:
        return {(path, line, rule) for path, line, _, rule in found if rule in rules}

    assert wanted(staged.found()) == wanted(check.found())
    assert wanted(gate.found()) == wanted(check.found())
