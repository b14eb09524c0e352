"""What a site generator's own configuration says, read for the editorial model: Hugo's
list pages, headless pages and cascade, Jekyll's defaults, drafts and page extensions,
Docusaurus' partials and unlisted pages; located errors for a configuration that cannot be
read; `generator: none` and `generator: NAME`."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import sites
from checker.sites import hugo as hugo_sites
from tests.conftest import TODAY, Run, complete_article
from tests.conftest import build_site as build


def check(run: Run, site: Path, *args: str) -> list[tuple[str, int, int, str]]:
    return run("check", "--format", "json", "--today", TODAY, *args, cwd=site).found()


def audited(run: Run, site: Path) -> dict[str, tuple[str, str, str]]:
    """Each page's (type, status, author) as the audit reads them."""
    audit = run("audit", "--format", "json", "--today", TODAY, cwd=site).json
    return {a["path"]: (a["type"], a["status"], a["author"]) for a in audit["articles"]}


def front(*lines: str, body: str = "Text.\n") -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


# -- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "generator"),
    [
        (["config/tech-docs.yml", "source/index.html.md"], "techdocs"),
        (["hugo.toml"], "hugo"),
        (["hugo.yaml", "content/a.md"], "hugo"),
        (["config.toml", "content/a.md"], "hugo"),
        (["config.json", "content/a.md"], "hugo"),
        (["config.json"], None),  # not Hugo's own name, and no content/ beside it
        (["config.yaml", "docs/a.md"], None),
        (["_config.yml"], "jekyll"),
        (["_config.yaml"], "jekyll"),
        (["docusaurus.config.js"], "docusaurus"),
        (["docusaurus.config.ts"], "docusaurus"),
        (["docusaurus.config.mjs"], "docusaurus"),
        (["index.md"], None),
    ],
)
def test_detect_generator(tmp_path: Path, files: list[str], generator: str | None) -> None:
    build(tmp_path, dict.fromkeys(files, ""))
    assert sites.detect_generator(tmp_path) == generator


# -- Hugo --------------------------------------------------------------------------------


def test_hugo_list_pages_headless_pages_and_drafts(tmp_path: Path, run: Run) -> None:
    site = build(
        tmp_path,
        {
            "hugo.toml": 'title = "Steady Minds"\n',
            "content/_index.md": front("title: Home"),
            "content/posts/_index.md": front("title: Posts"),
            "content/posts/sleep.md": complete_article(),
            "content/posts/bundle/index.md": complete_article(),
            "content/posts/snippet.md": front("title: Shared note", "headless: true"),
            "content/posts/hidden.md": front("title: Hidden", "build:", "  render: never"),
            "content/posts/wip.md": front(
                "title: Work in progress", "type: article", "draft: true"
            ),
            "archetypes/default.md": "No front matter: a template.\n",
            "layouts/partials/note.md": "No front matter: a template.\n",
            "themes/calm/docs/guide.md": "No front matter: the theme's own.\n",
        },
    )
    result = run("check", "--format", "json", "--today", TODAY, cwd=site)
    assert (result.code, result.found(), result.json["files_checked"]) == (0, [], 7)
    assert {path: status for path, (_, status, _) in audited(run, site).items()} == {
        "content/_index.md": "not an article",
        "content/posts/_index.md": "not an article",
        "content/posts/bundle/index.md": "published",
        "content/posts/hidden.md": "not an article",
        "content/posts/sleep.md": "published",
        "content/posts/snippet.md": "not an article",
        "content/posts/wip.md": "draft",
    }


def test_generator_none_reads_nothing(tmp_path: Path, run: Run) -> None:
    site = build(
        tmp_path,
        {
            ".edcheck.yaml": "generator: none\n",
            "hugo.toml": 'title = "Steady Minds"\n',
            "content/posts/_index.md": front("title: Posts", "type: article"),
            "archetypes/default.md": "No front matter: a template.\n",
        },
    )
    assert [(path, rule) for path, _, _, rule in check(run, site)] == [
        ("archetypes/default.md", "frontmatter-missing"),
        ("content/posts/_index.md", "author-required"),
        ("content/posts/_index.md", "disclosure-link"),
        ("content/posts/_index.md", "peer-review-statement"),
        ("content/posts/_index.md", "published-date-required"),
        ("content/posts/_index.md", "review-date-required"),
        ("content/posts/_index.md", "reviewer-required"),
    ]


def test_hugo_cascade_reaches_the_pages_below_its_section(tmp_path: Path, run: Run) -> None:
    """The closest section's cascade first, then the home page's, then the site
    configuration's; a section's cascade is for the pages below it, not for itself."""
    site = build(
        tmp_path,
        {
            ".edcheck.yaml": "types:\n  guide: {schema: article, packs: [health]}\n",
            "hugo.toml": 'title = "Steady Minds"\n[cascade]\nauthor = "Site Team"\n',
            "content/_index.md": front("title: Home", "cascade:", "  author: Home Team"),
            "content/guides/_index.md": front(
                "title: Guides", "cascade:", "  type: guide", "  author: Guides Team"
            ),
            "content/guides/deep/_index.md": front(
                "title: Deeper",
                "cascade:",
                "  - type: article",
                "    target:",
                "      path: '{/guides/deep/kept,/guides/deep/kept/**}'",
            ),
            "content/guides/g.md": complete_article(type="<drop>", author="<drop>"),
            "content/guides/own.md": complete_article(author="Jane Doe"),
            "content/guides/deep/kept.md": complete_article(type="<drop>", author="<drop>"),
            "content/guides/deep/other.md": complete_article(type="<drop>"),
            "content/posts/p.md": complete_article(author="<drop>"),
        },
    )
    assert check(run, site) == []
    assert audited(run, site) == {
        "content/_index.md": ("article", "not an article", "Site Team"),
        "content/guides/_index.md": ("article", "not an article", "Home Team"),
        "content/guides/deep/_index.md": ("guide", "not an article", "Guides Team"),
        "content/guides/deep/kept.md": ("article", "published", "Guides Team"),
        "content/guides/deep/other.md": ("guide", "published", "Jane Doe"),
        "content/guides/g.md": ("guide", "published", "Guides Team"),
        "content/guides/own.md": ("article", "published", "Jane Doe"),
        "content/posts/p.md": ("article", "published", "Home Team"),
    }


HUGO_TARGETS = """\
title = "Steady Minds"

[[cascade]]
  disclosure = "/policies/review-disclosure/"
  [cascade._target]
    path = "/posts/**"

[[cascade]]
  author = "Wrong: list pages only"
  [cascade._target]
    kind = "{section,taxonomy}"

[[cascade]]
  author = "Wrong: a staging build only"
  [cascade._target]
    environment = "staging"

[[cascade]]
  author = "Site Team"
  [cascade._target]
    environment = "{staging,production}"
    kind = "page"
"""


def test_hugo_cascade_targets(tmp_path: Path, run: Run) -> None:
    """A target's path is matched against the page's logical path; a cascade for list
    pages only, or for another build environment than production's, reaches no article."""
    site = build(
        tmp_path,
        {
            "hugo.toml": HUGO_TARGETS,
            "content/posts/p.md": complete_article(disclosure="<drop>", author="<drop>"),
            "content/posts/b/index.md": complete_article(disclosure="<drop>"),
            "content/about.md": complete_article(disclosure="<drop>"),
        },
    )
    assert check(run, site) == [("content/about.md", 11, 1, "disclosure-link")]
    assert {path: author for path, (_, _, author) in audited(run, site).items()} == {
        "content/about.md": "Jane Doe",
        "content/posts/b/index.md": "Jane Doe",
        "content/posts/p.md": "Site Team",
    }


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.yaml", "title: Steady Minds\ncascade:\n  author: Site Team\n"),
        ("hugo.json", '{"title": "Steady Minds", "cascade": [{"author": "Site Team"}]}\n'),
        ("config.toml", 'title = "Steady Minds"\n[cascade]\nauthor = "Site Team"\n'),
        ("config.yaml", "title: Steady Minds\ncascade:\n  - author: Site Team\n"),
    ],
)
def test_hugo_site_configuration_in_each_format(
    tmp_path: Path, run: Run, name: str, text: str
) -> None:
    site = build(tmp_path, {name: text, "content/a.md": complete_article(author="<drop>")})
    assert check(run, site) == []
    assert audited(run, site) == {"content/a.md": ("article", "published", "Site Team")}


def test_hugo_content_dir(tmp_path: Path, run: Run) -> None:
    site = build(
        tmp_path,
        {
            "hugo.toml": 'contentDir = "pages"\n[cascade]\nauthor = "Site Team"\n',
            "pages/_index.md": front("title: Home"),
            "pages/guides/_index.md": front("title: Guides", "cascade:", "  author: Guides"),
            "pages/guides/a.md": complete_article(author="<drop>"),
            "pages/b.md": complete_article(author="<drop>"),
        },
    )
    assert check(run, site) == []
    assert audited(run, site) == {
        "pages/_index.md": ("article", "not an article", "Site Team"),
        "pages/b.md": ("article", "published", "Site Team"),
        "pages/guides/_index.md": ("article", "not an article", "Site Team"),  # not its own
        "pages/guides/a.md": ("article", "published", "Guides"),
    }


@pytest.mark.parametrize(
    ("name", "text", "where", "message"),
    [
        ("hugo.toml", 'title = "Steady\n', (1, 16), "TOML syntax error: Illegal character"),
        ("hugo.toml", 'title = "x"\ncascade = 3\n', (2, 1), "cascade must be a mapping"),
        (
            "hugo.toml",
            'title = "x"\n[cascade]\n  author = "A"\n  _target = "/posts"\n',
            (4, 3),
            "_target must be a mapping of globs",
        ),
        ("hugo.toml", "contentDir = 3\n", (1, 1), "contentDir must be a folder name"),
        ("hugo.json", '{"title": "x",\n "cascade": [1}\n', (2, 15), "JSON syntax error"),
        ("hugo.json", "[1, 2]\n", (1, 1), "site configuration must be a JSON object"),
        ("hugo.yaml", "title: x\ncascade: [\n", (3, 1), "YAML syntax error"),
        ("hugo.yaml", "title: x\ncascade:\n  - 3\n", (3, 5), "cascade must be a mapping"),
        (
            "content/guides/_index.md",
            "---\ntitle: Guides\ncascade: {type: [\n---\n",
            (4, 1),
            "YAML syntax error",
        ),
        (
            "content/guides/_index.md",
            "+++\ntitle = 'Guides'\n[cascade]\ntarget = 'x'\n+++\n",
            (4, 1),
            "target must be a mapping of globs",
        ),
    ],
)
def test_hugo_configuration_that_cannot_be_read(
    tmp_path: Path, run: Run, name: str, text: str, where: tuple[int, int], message: str
) -> None:
    files = {"content/a.md": complete_article(), name: text}
    if not name.startswith("hugo."):
        files["hugo.toml"] = 'title = "x"\n'
    result = run("check", "--format", "json", cwd=build(tmp_path, files))
    assert (result.code, result.found()) == (2, [(name, *where, "config-invalid")])
    assert result.json["diagnostics"][0]["message"].startswith(message)


def test_a_section_page_without_a_cascade_is_judged_not_read(tmp_path: Path, run: Run) -> None:
    """A malformed _index.md that names no cascade stops nothing: it is a page's problem."""
    files = {
        "hugo.toml": 'title = "x"\n',
        "content/guides/_index.md": "---\ntitle: [\n---\n",
        "content/a.md": complete_article(),
    }
    assert check(run, build(tmp_path, files)) == [
        ("content/guides/_index.md", 3, 1, "frontmatter-syntax")
    ]


def test_hugo_section_pages_are_bounded(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    cascade = front("title: Section", "cascade:", "  author: Team")
    files = {"hugo.toml": "", "content/a.md": complete_article()}
    files.update({f"content/s{number}/_index.md": cascade for number in range(3)})
    site = build(tmp_path, files)
    monkeypatch.setattr(hugo_sites, "MAX_PAGE_BYTES", 20)
    too_large = run("check", "--format", "json", cwd=site)
    assert (too_large.code, too_large.found()) == (
        2,
        [("content/s0/_index.md", 1, 1, "config-invalid")],
    )
    assert too_large.json["diagnostics"][0]["message"] == (
        "file is 53 bytes, over the 20-byte limit: edcheck cannot read its cascade"
    )
    monkeypatch.setattr(hugo_sites, "MAX_PAGE_BYTES", 5_000_000)
    monkeypatch.setattr(hugo_sites, "MAX_SECTIONS", 2)
    too_many = run("check", "--format", "json", cwd=site)
    assert (too_many.code, too_many.err) == (
        2,
        "edcheck: error: more than 2 _index pages under content: edcheck reads no cascade "
        "from so many (generator: none turns this off)\n",
    )


# -- Jekyll ------------------------------------------------------------------------------

JEKYLL_CONFIG = """\
title: Quiet Hours
markdown_ext: "md,mkd"
exclude: [private/, Gemfile]
defaults:
  - scope: {path: "guides", type: pages}
    values: {type: book-review}
  - scope: {path: ""}
    values: {type: article, author: Site Team}
  - scope: {path: "", type: posts}
    values: {type: guide}
  - scope: {path: "guides"}
    values: {type: article, author: Guides Team}
  - scope: {path: "guides/old"}
    values: {type: article}
  - scope: {path: "notes/*"}
    values: {author: Notes Team}
"""


def test_jekyll_defaults_in_jekylls_order(tmp_path: Path, run: Run) -> None:
    page = front("title: A page")
    site = build(
        tmp_path,
        {
            ".edcheck.yaml": "types:\n  guide: {schema: article, packs: [health]}\n",
            "_config.yml": JEKYLL_CONFIG,
            "index.md": page,
            "_posts/2026-01-10-sleep.md": page,
            "guides/a.md": page,
            "guides-old/b.md": page,  # Jekyll compares text: "guides" covers it too
            "guides/old/c.md": page,
            "notes/2026/d.md": page,
            "notesx/e.md": page,  # a glob covers only the paths it matches
        },
    )
    assert {path: (kind, author) for path, (kind, _, author) in audited(run, site).items()} == {
        "_posts/2026-01-10-sleep.md": ("guide", "Site Team"),
        "guides-old/b.md": ("book-review", "Guides Team"),
        "guides/a.md": ("book-review", "Guides Team"),
        "guides/old/c.md": ("article", "Guides Team"),
        "index.md": ("article", "Site Team"),
        "notes/2026/d.md": ("article", "Notes Team"),
        "notesx/e.md": ("article", "Site Team"),
    }


def test_jekyll_drafts_unpublished_pages_and_page_files(tmp_path: Path, run: Run) -> None:
    incomplete = front("title: Not finished", "type: article")
    site = build(
        tmp_path,
        {
            ".edcheck.yaml": "fields: {published: date}\n",
            "_config.yml": JEKYLL_CONFIG,
            "_posts/2026-01-10-sleep.md": complete_article(published="<drop>").replace(
                "type: article", "type: article\ndate: 2026-01-10"
            ),
            "_drafts/idea.md": incomplete,
            "hidden.md": front("title: Hidden", "type: article", "published: false"),
            "notes.mkd": incomplete,
            "notes.markdown": incomplete,  # edcheck's own default extensions stay
            "private/secret.md": incomplete,
            "Gemfile.md": incomplete,
            "_includes/footer.md": "No front matter: an include.\n",
            "_layouts/post.md": "No front matter: a layout.\n",
            "_site/index.md": "No front matter: the built site.\n",
            "vendor/bundle/gems/x/doc.md": "No front matter: a gem's.\n",
            "_posts/_partial.md": "No front matter: Jekyll ignores it.\n",
        },
    )
    result = run("check", "--format", "json", "--today", TODAY, cwd=site)
    assert result.json["files_checked"] == 5
    assert [(path, rule) for path, _, _, rule in result.found()] == [
        ("notes.markdown", "disclosure-link"),
        ("notes.markdown", "peer-review-statement"),
        ("notes.markdown", "published-date-required"),
        ("notes.markdown", "review-date-required"),
        ("notes.markdown", "reviewer-required"),
        ("notes.mkd", "disclosure-link"),
        ("notes.mkd", "peer-review-statement"),
        ("notes.mkd", "published-date-required"),
        ("notes.mkd", "review-date-required"),
        ("notes.mkd", "reviewer-required"),
    ]  # the draft and the unpublished page get the draft rules only: none fail
    statuses = {path: status for path, (_, status, _) in audited(run, site).items()}
    assert statuses == {
        "_drafts/idea.md": "draft",
        "_posts/2026-01-10-sleep.md": "published",
        "hidden.md": "draft",
        "notes.markdown": "published",
        "notes.mkd": "published",
    }


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("title: x\ndefaults:\n  - scope: {path: [\n", (4, 1), "YAML syntax error"),
        ("title: x\ndefaults: {path: x}\n", (2, 1), "defaults must be a list"),
        ("defaults:\n  - scope: {path: x}\n", (2, 5), "a defaults entry needs values"),
        ("defaults:\n  - values: {a: 1}\n    scope: [x]\n", (3, 5), "scope must be a mapping"),
        ("defaults:\n  - values: {a: 1}\n    scope: {path: 3}\n", (3, 13), "scope.path must"),
        ("defaults:\n  - values: {a: 1}\n    scope: {type: [x]}\n", (3, 13), "scope.type must"),
        ("markdown_ext: [md]\n", (1, 1), "markdown_ext must be extensions"),
        ('markdown_ext: "md,*"\n', (1, 1), "markdown_ext must be extensions"),
        ("exclude: private\nx: [\n", (3, 1), "YAML syntax error"),
        ("exclude: [3]\n", (1, 1), "exclude must be a list of paths"),
        ("- a list\n", (1, 1), "site configuration must be a mapping"),
    ],
)
def test_jekyll_configuration_that_cannot_be_read(
    tmp_path: Path, run: Run, text: str, where: tuple[int, int], message: str
) -> None:
    site = build(tmp_path, {"_config.yml": text, "index.md": complete_article()})
    result = run("check", "--format", "json", cwd=site)
    assert (result.code, result.found()) == (2, [("_config.yml", *where, "config-invalid")])
    assert result.json["diagnostics"][0]["message"].startswith(message)


def test_configuration_errors_name_the_file_from_the_working_folder(
    tmp_path: Path, run: Run
) -> None:
    site = build(
        tmp_path,
        {"site/.edcheck.yaml": "generator: jekyll\n", "site/_config.yml": "defaults: 3\n"},
    )
    result = run("check", "--config", "site/.edcheck.yaml", cwd=site)
    assert (result.code, result.out.splitlines()[0]) == (
        2,
        "site/_config.yml:1:1 config-invalid defaults must be a list of {scope, values} entries",
    )


def test_generator_named_in_the_configuration(tmp_path: Path, run: Run) -> None:
    """`generator: jekyll` reads Jekyll's conventions though no _config.yml marks the site."""
    incomplete = front("title: Not finished", "type: article")
    site = build(tmp_path, {"_drafts/idea.md": incomplete})
    assert [rule for *_, rule in check(run, site)] == [
        "author-required",
        "disclosure-link",
        "peer-review-statement",
        "published-date-required",
        "review-date-required",
        "reviewer-required",
    ]
    (site / ".edcheck.yaml").write_text("generator: jekyll\n")
    assert check(run, site) == []


# -- Docusaurus --------------------------------------------------------------------------


def test_docusaurus_partials_unlisted_and_drafts(tmp_path: Path, run: Run) -> None:
    incomplete = front("title: Not finished", "type: article")
    site = build(
        tmp_path,
        {
            # a marker only: edcheck never runs it
            "docusaurus.config.js": "throw new Error('never executed');\n",
            "docs/index.mdx": complete_article(),
            "docs/_shared-note.mdx": "No front matter: a partial.\n",
            "docs/_snippets/note.md": "No front matter: a partial.\n",
            "docs/hidden.md": incomplete.replace("---\nText", "unlisted: true\n---\nText"),
            "docs/wip.mdx": incomplete.replace("---\nText", "draft: true\n---\nText"),
            "blog/2026-01-10-sleep.md": complete_article(),
        },
    )
    result = run("check", "--format", "json", "--today", TODAY, cwd=site)
    assert (result.code, result.found(), result.json["files_checked"]) == (0, [], 4)
    assert {path: status for path, (_, status, _) in audited(run, site).items()} == {
        "blog/2026-01-10-sleep.md": "published",
        "docs/hidden.md": "draft",
        "docs/index.mdx": "published",
        "docs/wip.mdx": "draft",
    }


@pytest.mark.parametrize(
    ("config", "key", "stamp"),
    [
        ("_config.yml", "date", "2013-05-06 02:12:52 +0200"),  # Jekyll's own posts
        ("_config.yml", "date", '"2015-01-20 19:23:12 -0800"'),
        ("hugo.toml", "published", "2025-01-15T23:29:46-08:00"),  # Hugo's own docs
        ("hugo.toml", "published", "2025-01-15T23:29:46Z"),
    ],
)
def test_generators_read_dates_with_a_time_of_day(
    tmp_path: Path, run: Run, config: str, key: str, stamp: str
) -> None:
    article = complete_article(published="<drop>").replace(
        "type: article", f"type: article\n{key}: {stamp}"
    )
    hugo = config.endswith("toml")
    site, plain = tmp_path / "site", tmp_path / "plain"
    site.mkdir()
    plain.mkdir()
    build(site, {config: 'title = "x"\n' if hugo else "x: 1\n"})
    build(site, {"content/a.md" if hugo else "a.md": article})
    result = run("check", "--format", "json", "--today", TODAY, cwd=site)
    assert (result.code, result.json["diagnostics"]) == (0, [])
    # the same stamp where the built-in model reads dates: plain ISO dates only
    build(plain, {"a.md": article.replace(f"{key}: {stamp}", f"published: {stamp}")})
    result = run("check", "--format", "json", "--today", TODAY, cwd=plain)
    assert [(d["line"], d["rule"]) for d in result.json["diagnostics"]] == [
        (4, "review-date-invalid")
    ]
