"""The recipes in docs/recipes/: each example site in tests/recipes/<name>/ is checked,
queued (`review due`) and audited with its own configuration, and the three commands
must agree page by page about what is overdue, what is due soon and which review dates
cannot be read; `review sign` writes the site's own keys and takes the page off every
list. The console sessions pasted in each recipe are run again and must match."""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, TODAY, Result, Run

RECIPES = ROOT / "tests" / "recipes"
DOCS = ROOT / "docs" / "recipes"

Finding = tuple[str, int, str]  # path, line, rule
Queued = tuple[str, str | None, int | None, str, str | None]  # path, due, days, reviewer, problem


@dataclass(frozen=True)
class Recipe:
    name: str
    files_checked: int
    findings: tuple[Finding, ...]
    queue: tuple[Queued, ...]  # `review due --within 3650d`, in its order
    overdue_on_due_date: bool  # the tech-docs gem's rule; otherwise overdue the day after
    sign: tuple[str, str, str, str]  # file, reviewer, front-matter lines before, after
    summary: tuple[int, ...]  # the audit's counts, in the order of SUMMARY
    window_days: int = 30  # due soon: 30 days; tech-docs: one calendar month (30 from TODAY)


SUMMARY = (
    "articles",
    "publishable",
    "compliant",
    "overdue",
    "review_date_unreadable",
    "due_30_days",
)


TECHDOCS = Recipe(
    name="techdocs",
    files_checked=8,
    findings=(
        ("source/documentation/alerts.html.md.erb", 4, "review-due-soon"),
        ("source/documentation/deploying.html.md.erb", 4, "review-overdue"),
        ("source/documentation/legacy-hosting.html.md", 4, "review-date-invalid"),
        ("source/documentation/monitoring.html.md", 4, "review-overdue"),
        ("source/documentation/rotating-secrets.html.md.erb", 5, "review-date-required"),
    ),
    queue=(
        (
            "source/documentation/legacy-hosting.html.md",
            None,
            None,
            "",
            "last_reviewed_on is 2019-02-30, not a date",
        ),
        ("source/documentation/monitoring.html.md", "2026-01-10", -319, "", None),
        ("source/documentation/deploying.html.md.erb", "2026-11-25", 0, "", None),
        ("source/documentation/alerts.html.md.erb", "2026-12-10", 15, "", None),
        ("source/index.html.md.erb", "2027-03-01", 96, "", None),
        ("source/learn/getting-started.html.md.erb", "2027-10-01", 310, "", None),
    ),
    summary=(8, 8, 4, 2, 1, 1),
    overdue_on_due_date=True,
    sign=(
        "source/documentation/deploying.html.md.erb",
        "#example-platform",
        "last_reviewed_on: 2026-05-25\n",
        "last_reviewed_on: 2026-11-25\n",
    ),
)
DOCFX = Recipe(
    name="docfx",
    files_checked=9,
    findings=(
        ("articles/email-on-phone.md", 6, "reviewer-required"),
        ("articles/guest-wifi.md", 6, "review-date-required"),
        ("articles/printer-drivers.md", 6, "review-due-soon"),
        ("articles/shared-drives.md", 6, "review-date-invalid"),
        ("articles/two-step-sign-in.md", 6, "review-due-soon"),
        ("articles/vpn-setup.md", 6, "review-overdue"),
    ),
    queue=(
        (
            "articles/shared-drives.md",
            None,
            None,
            "Ana Lima",
            "lastreviewed is 31/02/2019, not a date",
        ),
        ("articles/vpn-setup.md", "2020-06-25", -2344, "Priya Shah", None),
        ("articles/two-step-sign-in.md", "2026-11-25", 0, "Tom Okafor", None),
        ("articles/printer-drivers.md", "2026-12-12", 17, "Ana Lima", None),
        ("articles/video-calls.md", "2027-03-01", 96, "Tom Okafor", None),
        ("articles/email-on-phone.md", "2027-03-03", 98, "", None),
        ("articles/reset-password.md", "2027-09-10", 289, "Tom Okafor", None),
    ),
    summary=(9, 8, 4, 1, 1, 2),
    overdue_on_due_date=False,
    sign=(
        "articles/vpn-setup.md",
        "Ana Lima",
        "reviewer: Priya Shah\nlastreviewed: 25/06/2019\n",
        "reviewer: Ana Lima\nlastreviewed: 25/11/2026\n"
        'reviewhash: "sha256:9f1aa3af57526ef3a7c94661ba15202cb01b3d858d605be2b612db58dc555c65"\n',
    ),
)
DOCUSAURUS = Recipe(
    name="docusaurus",
    files_checked=8,
    findings=(
        ("docs/conditions/grief.mdx", 10, "review-date-invalid"),
        ("docs/conditions/insomnia.mdx", 9, "author-required"),
        ("docs/conditions/insomnia.mdx", 9, "peer-review-statement"),
        ("docs/conditions/low-mood.mdx", 10, "review-overdue"),
        ("docs/treatments/talking-therapies.mdx", 10, "review-due-soon"),
    ),
    queue=(
        (
            "docs/conditions/grief.mdx",
            None,
            None,
            "Dr Amira Haddad",
            "reviewed.on is 2025-02-30, not a date",
        ),
        ("docs/conditions/low-mood.mdx", "2026-09-30", -56, "Dr Amira Haddad", None),
        ("docs/treatments/talking-therapies.mdx", "2026-12-10", 15, "Dr Amira Haddad", None),
        ("docs/conditions/insomnia.mdx", "2028-02-20", 452, "Dr Amira Haddad", None),
        ("docs/conditions/panic-attacks.mdx", "2028-03-02", 463, "Dr Amira Haddad", None),
    ),
    summary=(8, 5, 2, 1, 1, 1),
    overdue_on_due_date=False,
    sign=(
        "docs/conditions/low-mood.mdx",
        "Dr Amira Haddad",
        "  on: 2024-09-30\n",
        "  on: 2026-11-25\n"
        '  hash: "sha256:55ab0c26468bdc114350f82957d8a601c40c7a7eae294f30b9d3413c9642583b"\n',
    ),
)
HUGO = Recipe(
    name="hugo",
    files_checked=9,
    findings=(
        ("content/conditions/depression.md", 10, "review-overdue"),
        ("content/conditions/ocd.md", 9, "review-due-soon"),
        ("content/treatments/exercise.md", 9, "review-date-invalid"),
        ("content/treatments/mindfulness.md", 8, "author-required"),
        ("content/treatments/mindfulness.md", 8, "peer-review-statement"),
    ),
    queue=(
        (
            "content/treatments/exercise.md",
            None,
            None,
            "Dr Amira Haddad",
            "reviewed.on is 2025-13-01, not a date",
        ),
        ("content/conditions/depression.md", "2026-06-15", -163, "Dr Amira Haddad", None),
        ("content/conditions/ocd.md", "2026-12-20", 25, "Dr Amira Haddad", None),
        ("content/treatments/mindfulness.md", "2028-01-20", 421, "Dr Amira Haddad", None),
        ("content/conditions/anxiety.md", "2028-04-20", 512, "Dr Amira Haddad", None),
    ),
    summary=(9, 5, 2, 1, 1, 1),
    overdue_on_due_date=False,
    sign=(
        "content/conditions/depression.md",
        "Dr Amira Haddad",
        "on = 2024-06-15\n",
        "on = 2026-11-25\n"
        'hash = "sha256:8a70d45099e9d4a396a49076af50733e159799808b960c596715fc099ab85248"\n',
    ),
)
JEKYLL = Recipe(
    name="jekyll",
    files_checked=7,
    findings=(
        ("_posts/2023-10-02-night-shifts.md", 7, "review-overdue"),
        ("_posts/2024-12-01-caffeine.md", 7, "review-due-soon"),
        ("_posts/2025-06-30-light.md", 7, "review-date-invalid"),
        ("_posts/2026-02-11-napping.md", 7, "author-required"),
    ),
    queue=(
        (
            "_posts/2025-06-30-light.md",
            None,
            None,
            "Dr Omar Reyes",
            "reviewed.on is 31/06/2025, not a date",
        ),
        ("_posts/2023-10-02-night-shifts.md", "2026-11-10", -15, "Dr Omar Reyes", None),
        ("_posts/2024-12-01-caffeine.md", "2026-12-14", 19, "Dr Omar Reyes", None),
        ("_posts/2026-02-11-napping.md", "2028-02-15", 447, "Dr Omar Reyes", None),
        ("_posts/2025-01-20-wind-down-routine.md", "2028-05-04", 526, "Dr Omar Reyes", None),
    ),
    summary=(7, 5, 2, 1, 1, 1),
    overdue_on_due_date=False,
    sign=(
        "_posts/2023-10-02-night-shifts.md",
        "Dr Omar Reyes",
        "  on: 2024-11-10\n",
        "  on: 2026-11-25\n"
        '  hash: "sha256:274e265ee127bdd9c212fe819c35cbe51a894166d928e3c05e66ccdaa33a072a"\n',
    ),
)
ALL = [TECHDOCS, DOCFX, DOCUSAURUS, HUGO, JEKYLL]
each_recipe = pytest.mark.parametrize("recipe", ALL, ids=[recipe.name for recipe in ALL])


def copy_site(tmp_path: Path, name: str, *, without: tuple[str, ...] = ()) -> Path:
    """The recipe's site as a repository of its own (an empty .git stops config discovery)."""
    site = tmp_path / name
    shutil.copytree(RECIPES / name, site, ignore=shutil.ignore_patterns(*without))
    (site / ".git").mkdir()
    return site


@dataclass(frozen=True)
class Verdicts:
    """What each command says about a site's reviews, page by page."""

    check: Result
    due: Result
    audit: Result

    @property
    def findings(self) -> list[Finding]:
        return [(path, line, rule) for path, line, _, rule in self.check.found()]

    def flagged(self, rule: str) -> set[str]:
        return {path for path, _, found in self.findings if found == rule}

    @property
    def queue(self) -> list[dict[str, object]]:
        items = self.due.json["reviews"]
        assert isinstance(items, list)
        return items

    @property
    def articles(self) -> dict[str, dict[str, object]]:
        return {article["path"]: article for article in self.audit.json["articles"]}


def verdicts(run: Run, site: Path, *options: str) -> Verdicts:
    check = run("check", "--format", "json", "--today", TODAY, *options, cwd=site)
    due = run(
        "review",
        "due",
        "--within",
        "3650d",
        "--format",
        "json",
        "--today",
        TODAY,
        *options,
        cwd=site,
    )
    audit = run("audit", "--format", "json", "--today", TODAY, *options, cwd=site)
    assert (due.code, due.err, audit.code, audit.err) == (0, "", 0, "")
    return Verdicts(check, due, audit)


def queue_overdue(recipe: Recipe, queue: list[dict[str, object]]) -> set[str]:
    """Overdue by the site's rule, from the queue's own days (tech-docs: on the due date)."""
    last = 0 if recipe.overdue_on_due_date else -1
    found = {
        str(item["path"])
        for item in queue
        if isinstance(item["days"], int) and item["days"] <= last
    }
    assert {str(item["path"]) for item in queue if item["overdue"]} == found  # its own flag
    return found


def queue_due_soon(recipe: Recipe, queue: list[dict[str, object]]) -> set[str]:
    first = 1 if recipe.overdue_on_due_date else 0
    return {
        str(item["path"])
        for item in queue
        if isinstance(item["days"], int) and first <= item["days"] <= recipe.window_days
    }


def audit_due_soon(recipe: Recipe, articles: dict[str, dict[str, object]]) -> set[str]:
    return {
        path
        for path, article in articles.items()
        if article["status"] in ("approved", "published")
        and not article["overdue"]
        and isinstance(article["days_to_due"], int)
        and 0 <= article["days_to_due"] <= recipe.window_days
    }


def assert_agree(recipe: Recipe, seen: Verdicts) -> tuple[set[str], set[str], dict[str, str]]:
    """The three commands name the same overdue, due-soon and unreadable pages; returns them."""
    articles = seen.articles
    overdue = seen.flagged("review-overdue")
    assert queue_overdue(recipe, seen.queue) == overdue
    assert {path for path, article in articles.items() if article["overdue"]} == overdue
    due_soon = seen.flagged("review-due-soon")
    assert queue_due_soon(recipe, seen.queue) == due_soon
    assert audit_due_soon(recipe, articles) == due_soon
    unreadable = {str(item["path"]): str(item["problem"]) for item in seen.queue if item["problem"]}
    assert {
        path: str(article["review_problem"])
        for path, article in articles.items()
        if article["review_problem"]
    } == unreadable
    assert set(unreadable) <= seen.flagged("review-date-invalid")
    return overdue, due_soon, unreadable


@each_recipe
def test_the_recipe_site_as_each_command_sees_it(recipe: Recipe, run: Run, tmp_path: Path) -> None:
    seen = verdicts(run, copy_site(tmp_path, recipe.name))
    assert seen.check.code == 1
    assert seen.check.json["files_checked"] == recipe.files_checked
    assert seen.findings == list(recipe.findings)
    assert [
        (item["path"], item["due"], item["days"], item["reviewer"], item["problem"])
        for item in seen.queue
    ] == list(recipe.queue)
    overdue, due_soon, unreadable = assert_agree(recipe, seen)
    assert overdue == {path for path, _, rule in recipe.findings if rule == "review-overdue"}
    assert due_soon == {path for path, _, rule in recipe.findings if rule == "review-due-soon"}
    assert unreadable == {path: problem for path, _, _, _, problem in recipe.queue if problem}
    site = seen.audit.json["site"]
    assert tuple(site[key] for key in SUMMARY) == recipe.summary


@each_recipe
def test_signing_an_overdue_page_takes_it_off_every_list(
    recipe: Recipe, run: Run, tmp_path: Path
) -> None:
    site = copy_site(tmp_path, recipe.name)
    name, reviewer, before, after = recipe.sign
    page = site / name
    original = page.read_text(encoding="utf-8")
    assert original.count(before) == 1
    signed = run("review", "sign", "--reviewer", reviewer, "--today", TODAY, name, cwd=site)
    assert signed.code == 0, signed.out
    # the built-in keys read as a sentence; a site's own keys are named as written
    assert signed.out.startswith(f"signed {name}: ")
    assert f"reviewed by {reviewer} on 2026-11-25 " in signed.out or (
        after.strip().splitlines()[-1].split(":")[0] in signed.out
    )
    assert page.read_text(encoding="utf-8") == original.replace(before, after)
    seen = verdicts(run, site)
    overdue, _, _ = assert_agree(recipe, seen)
    assert name not in overdue
    assert overdue == {
        path for path, _, rule in recipe.findings if rule == "review-overdue" and path != name
    }
    assert seen.findings == [item for item in recipe.findings if item[0] != name]
    assert seen.articles[name]["reviewed_on"] == "2026-11-25"


def test_techdocs_without_configuration_is_the_same(run: Run, tmp_path: Path) -> None:
    """`--pack techdocs` alone (no .edcheck.yaml) and the recipe's configuration agree."""
    site = copy_site(tmp_path, "techdocs", without=(".edcheck.yaml",))
    bare = verdicts(run, site, "--pack", "techdocs")
    configured = verdicts(run, copy_site(tmp_path / "configured", "techdocs"))
    assert bare.findings == configured.findings == list(TECHDOCS.findings)
    # the sections differ: without content.roots, the first folder ("source") is the section
    assert [{**item, "section": ""} for item in bare.queue] == [
        {**item, "section": ""} for item in configured.queue
    ]
    assert_agree(TECHDOCS, bare)


def test_techdocs_owner_comes_from_the_gem_configuration(run: Run, tmp_path: Path) -> None:
    """config/tech-docs.yml's default_owner_slack owns every page without its own
    owner_slack; without that file, those pages have no owner."""
    site = copy_site(tmp_path, "techdocs")
    (site / "config" / "tech-docs.yml").unlink()
    extra = sorted(set(verdicts(run, site).findings) - set(TECHDOCS.findings))
    assert extra == [
        ("source/documentation/legacy-hosting.html.md", 6, "owner-required"),
        ("source/documentation/monitoring.html.md", 6, "owner-required"),
        ("source/documentation/rotating-secrets.html.md.erb", 5, "owner-required"),
        ("source/index.html.md.erb", 6, "owner-required"),
    ]


def test_techdocs_own_type_key_is_not_an_edcheck_type(run: Run, tmp_path: Path) -> None:
    """`type: learn` is the tech-docs site's own key: no schema finding, and the page is
    judged (and listed) as an ordinary page."""
    seen = verdicts(run, copy_site(tmp_path, "techdocs"))
    page = "source/learn/getting-started.html.md.erb"
    assert (page, "schema") not in {(path, rule) for path, _, rule in seen.findings}
    article = seen.articles[page]
    assert (article["type"], article["status"], article["errors"], article["due"]) == (
        "article",
        "published",
        0,
        "2027-10-01",
    )


def test_partials_and_list_pages_are_not_judged(run: Run, tmp_path: Path) -> None:
    """Partials (`_name`) are not pages; Hugo's `_index.md` and Docusaurus' landing page are
    pages but not articles; drafts and unlisted pages are judged as drafts."""
    statuses = {}
    for name in ("techdocs", "docusaurus", "hugo", "jekyll"):
        seen = verdicts(run, copy_site(tmp_path, name))
        statuses.update(
            {
                path: article["status"]
                for path, article in seen.articles.items()
                if article["status"] != "published"
            }
        )
        assert not any("/_" in path and "_index.md" not in path for path in seen.articles)
    assert statuses == {
        "docs/index.mdx": "not an article",
        "docs/treatments/medication.mdx": "draft",
        "docs/treatments/sleep-routines.mdx": "draft",
        "content/_index.md": "not an article",
        "content/conditions/_index.md": "not an article",
        "content/treatments/_index.md": "not an article",
        "content/treatments/cbt.md": "draft",
        "_drafts/dreams.md": "draft",
        "_posts/2026-11-01-sleep-trackers.md": "draft",
    }


# -- the recipes themselves -----------------------------------------------------------

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def fences(name: str, language: str) -> list[str]:
    text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
    return [body for found, body in FENCE.findall(text) if found == language]


@each_recipe
def test_the_recipe_shows_the_example_configuration(recipe: Recipe) -> None:
    config = (RECIPES / recipe.name / ".edcheck.yaml").read_text(encoding="utf-8")
    assert config in fences(recipe.name, "yaml")


def lines(text: str) -> list[str]:
    """Text as shown in a recipe: trailing spaces (the audit's tables) and blank lines at
    the end do not count."""
    return [line.rstrip() for line in text.rstrip().splitlines()]


@each_recipe
def test_the_recipe_output_is_what_edcheck_prints(recipe: Recipe, run: Run, tmp_path: Path) -> None:
    """Every `$ edcheck ...` in the recipe's console blocks, run in order in a copy of the
    example site, prints exactly what the recipe shows."""
    site = copy_site(tmp_path, recipe.name)
    sessions = fences(recipe.name, "console")
    commands = 0
    for session in sessions:
        for block in re.split(r"^(?=\$ )", session, flags=re.MULTILINE):
            if not block.startswith("$ "):
                continue
            command, _, shown = block.partition("\n")
            words = shlex.split(command[2:])
            assert words[0] == "edcheck", command
            result = run(*words[1:], cwd=site)
            assert lines(result.out + result.err) == lines(shown), command
            commands += 1
    assert commands >= 5


# -- what the recipes found missing in edcheck (fixed, or xfail until it is) -------------


def test_a_techdocs_page_marked_draft_is_judged_alike(run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "techdocs")
    page = site / "source/documentation/monitoring.html.md"
    page.write_text(page.read_text().replace("weight: 20\n", "weight: 20\ndraft: true\n"))
    assert_agree(TECHDOCS, verdicts(run, site))


def test_a_list_page_with_review_facts_is_not_overdue(run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "hugo")
    index = site / "content/conditions/_index.md"
    index.write_text(
        index.read_text().replace("weight: 1\n", "weight: 1\nreviewed:\n  on: 2020-01-01\n")
    )
    seen = verdicts(run, site)
    assert seen.articles["content/conditions/_index.md"]["overdue"] is False
    assert seen.audit.json["site"]["by_section"]["conditions"]["overdue"] == 1


@pytest.mark.parametrize("name", ["articles/shared-drives.md", "articles/guest-wifi.md"])
def test_sign_writes_the_site_date_format(name: str, run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "docfx")
    signed = run("review", "sign", "--reviewer", "Dana Reyes", "--today", TODAY, name, cwd=site)
    assert signed.code == 0, signed.out
    assert "\nlastreviewed: 25/11/2026\n" in (site / name).read_text()


def test_a_fact_the_site_does_not_keep_is_not_demanded(run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "docfx")
    config = site / ".edcheck.yaml"
    config.write_text(
        config.read_text().replace("  published-date-required: {severity: off}\n", "")
    )
    seen = verdicts(run, site)
    assert "published-date-required" not in {rule for _, _, rule in seen.findings}


def test_keys_with_a_dot_in_their_name(run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "docfx")
    config = site / ".edcheck.yaml"
    config.write_text(
        config.read_text().replace("  published: null", "  author: ms.author\n  published: null")
    )
    name = "articles/reset-password.md"
    page = site / name
    page.write_text(page.read_text().replace("author: Priya Shah", "ms.author: Priya Shah"))
    seen = verdicts(run, site)
    assert (seen.articles[name]["author"], seen.articles[name]["errors"]) == ("Priya Shah", 0)


def test_sign_under_hugo_params(run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "hugo")
    (site / ".edcheck.yaml").write_text(
        "content: {roots: [content]}\n"
        "fields: {published: date, author: authors, reviewer: params.reviewed.by,\n"
        "         reviewed_on: params.reviewed.on, review_hash: params.reviewed.hash}\n"
        'date_formats: ["%Y-%m-%dT%H:%M:%S%z"]\n'
        'not_articles: {paths: ["**/_index.md"]}\n'
        "defaults: [{values: {type: article}}]\n"
    )
    name = "content/conditions/ocd.md"
    page = site / name
    page.write_text(
        page.read_text().replace(
            "reviewed:\n  by: Dr Amira Haddad\n  on: 2024-12-20\n",
            "params:\n  reviewed:\n    by: Dr Amira Haddad\n    on: 2024-12-20\n",
        )
    )
    assert name in verdicts(run, site).flagged("review-due-soon")
    signed = run("review", "sign", "--reviewer", "Dana Reyes", "--today", TODAY, name, cwd=site)
    assert signed.code == 0, signed.out
    assert "\n    on: 2026-11-25\n" in page.read_text()


def test_the_date_hint_has_no_strftime_codes(run: Run, tmp_path: Path) -> None:
    seen = verdicts(run, copy_site(tmp_path, "hugo"))
    (message,) = [
        d["message"] for d in seen.check.json["diagnostics"] if d["rule"] == "review-date-invalid"
    ]
    assert "%" not in message


def test_the_audit_csv_says_overdue_and_unreadable(run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "techdocs")
    result = run("audit", "--format", "csv", "--today", TODAY, cwd=site)
    header = result.out.splitlines()[0].split(",")
    assert {"overdue", "review_problem"} <= set(header)


def test_on_dotnet_is_not_a_template_gap(run: Run, tmp_path: Path) -> None:
    site = copy_site(tmp_path, "docusaurus")
    page = site / "docs/conditions/panic-attacks.mdx"
    page.write_text(
        page.read_text() + "\nThe booking tool is built on .NET and runs in a browser.\n"
    )
    seen = verdicts(run, site)
    assert "empty-placeholder" not in {rule for _, _, rule in seen.findings}
