"""`edcheck init` writes a starter that fits the site's generator: it loads, and `edcheck
check` runs with it on a small site of that kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import starter
from checker.config import Config, load_config
from tests.conftest import TODAY, Run, complete_article
from tests.conftest import build_site as build


def init(run: Run, site: Path) -> Config:
    """Run `edcheck init` in ``site``; the configuration it wrote, loaded."""
    result = run("init", cwd=site)
    assert (result.code, result.out) == (
        0,
        "wrote .edcheck.yaml: edit the content roots, then run `edcheck check`\n",
    )
    return load_config(site / ".edcheck.yaml").config


def check(run: Run, site: Path) -> list[tuple[str, int, int, str]]:
    result = run("check", "--format", "json", "--today", TODAY, cwd=site)
    assert result.code in (0, 1)
    return result.found()


HUGO_PAGE = """\
---
title: Sleep and mood
date: 2026-01-10T09:30:00+01:00
authors: [Jane Doe]
draft: false
disclosure: /policies/review-disclosure/
peer_review: Checked by a clinical psychologist before publication.
reviewed:
  by: greg-mulhauser
  on: 2026-02-01
---
Body text.
"""


def test_init_for_a_hugo_site(tmp_path: Path, run: Run) -> None:
    site = build(
        tmp_path,
        {
            "hugo.toml": 'title = "Steady Minds"\n',
            "content/_index.md": "---\ntitle: Home\n---\n",
            "content/posts/_index.md": "---\ntitle: Posts\n---\n",
            "content/posts/sleep.md": HUGO_PAGE,
            "content/posts/late.md": HUGO_PAGE.replace("2026-01-10T09:30", "2026-03-01T09:30"),
            "content/posts/wip.md": "---\ntitle: Not yet\ndraft: true\n---\n",
            "archetypes/default.md": "---\ntitle: '{{ .Title }}'\ndate: '{{ .Date }}'\n---\n",
        },
    )
    config = init(run, site)
    assert (config.generator, config.content.roots) == ("hugo", ["content"])
    assert "include" not in config.content.model_fields_set  # Hugo's own globs are added
    assert (config.fields.published, config.fields.author) == ("date", "authors")
    assert config.date_formats == ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]
    assert [(item.paths, item.values) for item in config.defaults] == [
        (["content/**"], {"type": "article"})
    ]
    written = (site / ".edcheck.yaml").read_text()
    assert "# A Hugo site (hugo.toml)." in written
    assert "  published: date            # Hugo's publication date\n" in written
    assert check(run, site) == [
        ("content/posts/late.md", 10, 3, "review-before-publication"),
    ]


def test_init_for_a_jekyll_site(tmp_path: Path, run: Run) -> None:
    site = build(
        tmp_path,
        {
            "_config.yml": (
                "title: Quiet Hours\n"
                "defaults:\n"
                "  - scope: {path: '', type: posts}\n"
                "    values:\n"
                "      disclosure: /policies/review-disclosure/\n"
                "      peer_review: Checked by a sleep clinician before publication.\n"
            ),
            "_posts/2026-01-10-sleep.md": (
                "---\ntitle: Sleep\ndate: 2026-01-10 09:30:00 +0000\nauthor: Jane Doe\n"
                "reviewed:\n  by: greg-mulhauser\n  on: 2026-02-01\n---\nBody.\n"
            ),
            "_posts/2026-02-10-light.md": "---\ntitle: Light\nauthor: Jane Doe\n---\nBody.\n",
            "index.md": "---\nlayout: home\n---\n",
        },
    )
    config = init(run, site)
    assert (config.generator, config.content.roots) == ("jekyll", ["_posts"])  # no _drafts/
    assert (config.fields.published, config.fields.author) == ("date", "author")
    assert [(item.paths, item.values) for item in config.defaults] == [
        (["_posts/**"], {"type": "article"})
    ]
    assert check(run, site) == [
        ("_posts/2026-02-10-light.md", 4, 1, "published-date-required"),
        ("_posts/2026-02-10-light.md", 4, 1, "review-date-required"),
        ("_posts/2026-02-10-light.md", 4, 1, "reviewer-required"),
    ]


def test_init_for_a_docusaurus_site(tmp_path: Path, run: Run) -> None:
    site = build(
        tmp_path,
        {
            "docusaurus.config.js": "module.exports = {title: 'Steady Minds'};\n",
            "docs/intro.md": complete_article(type="<drop>"),
            "docs/_partial.mdx": "No front matter: a partial.\n",
            "docs/hidden.md": "---\ntitle: Hidden\nunlisted: true\n---\n",
            "blog/2026-01-10-sleep.md": complete_article(type="<drop>", author="<drop>"),
            "src/pages/contact.md": "No front matter: not under the roots.\n",
        },
    )
    config = init(run, site)
    assert (config.generator, config.content.roots) == ("docusaurus", ["docs", "blog"])
    assert [(item.paths, item.values) for item in config.defaults] == [
        (["docs/**", "blog/**"], {"type": "article"})
    ]
    assert check(run, site) == [("blog/2026-01-10-sleep.md", 10, 1, "author-required")]


def test_init_for_a_techdocs_site(tmp_path: Path, run: Run) -> None:
    page = "---\ntitle: Deploying\nlast_reviewed_on: {date}\nreview_in: 6 months\n---\nText.\n"
    site = build(
        tmp_path,
        {
            "config/tech-docs.yml": 'default_owner_slack: "#platform"\n',
            "source/index.html.md.erb": page.format(date="2026-11-01"),
            "source/documentation/overdue.html.md": page.format(date="2026-05-25"),
            "source/documentation/_partial.html.md": "No front matter: a partial.\n",
            "source/documentation/plain.html.md": "# No front matter at all\n",
        },
    )
    config = init(run, site)
    assert (config.generator, config.content.roots) == ("techdocs", ["source"])
    article = config.types["article"]
    assert (article.schema_, article.packs) == ("none", ["techdocs"])
    assert config.rules["frontmatter-missing"].severity == "off"
    found = check(run, site)
    assert found == [("source/documentation/overdue.html.md", 3, 1, "review-overdue")]
    (site / ".edcheck.yaml").unlink()
    alone = run("check", "source", "--pack", "techdocs", "--format", "json", "--today", TODAY)
    assert alone.found() == found  # the same as the pack alone, with no configuration


def test_init_without_a_generator_writes_the_plain_starter(tmp_path: Path, run: Run) -> None:
    site = build(tmp_path, {"content/a.md": complete_article()})
    config = init(run, site)
    assert (site / ".edcheck.yaml").read_text() == starter.STARTER
    assert (config.generator, config.content.roots) == ("auto", ["content"])
    assert check(run, site) == []


@pytest.mark.parametrize("generator", ["hugo", "jekyll", "docusaurus", "techdocs", "none"])
def test_every_starter_loads_in_an_empty_folder(tmp_path: Path, generator: str) -> None:
    path = starter.write(tmp_path, force=False, generator=generator)
    config = load_config(path).config
    expected = "auto" if generator == "none" else generator
    assert (config.generator, config.content.roots) == (
        expected,
        {"hugo": ["content"], "none": ["content"]}.get(generator, ["."]),
    )
