"""``edcheck init``: a commented starter configuration that fits the site's generator."""

from __future__ import annotations

from pathlib import Path

from checker import sites
from checker.config import CONFIG_NAME
from checker.errors import UsageError
from checker.writes import ANYTHING, rewrite

HEADER = """\
# edcheck configuration: https://github.com/edcheck/edcheck/blob/main/docs/configuration.md
# Every setting is optional; delete what you do not need. Unknown settings are errors.
"""

CONTENT = """
content:
  # Folders holding articles, relative to this file.
  roots: [content]
  # Which files are content, and which never are (globs; ** spans folders).
  include: ["**/*.md", "**/*.markdown", "**/*.mdx"]
  exclude: ["**/node_modules/**", "**/.*/**", "**/README.md"]
"""

TYPES = """
# Content types (the front matter `type`). article and book-review are built in;
# list a type to change its review cycle, schema or packs.
types:
  article:
    schema: article          # built-in schema, or a path to your own JSON Schema
    packs: [health]          # rule packs: built-in names or paths to .yaml files
    review:
      interval_months: 24    # a review falls due this many months after reviewed.on
      warn_days: 30          # warn (review-due-soon) this many days ahead
  book-review:
    schema: book-review
    packs: [health]
    review:
      interval_months: 24
      warn_days: 30
"""

RULES = """
# Per-rule settings: severity (error, warning, off) and parameters.
rules:
  footnote-unused:
    severity: warning
  disclosure-link:
    params:
      pattern: "(?i)disclosure"   # a body link whose text or URL matches counts
  # peer-review-statement:
  #   params:
  #     pattern: "(?i)peer[- ]reviewed"
"""

LIMITS = """
# Files larger than this many bytes are refused unread (file-too-large).
max_file_size: 5000000
"""

STARTER = HEADER + CONTENT + TYPES + RULES + LIMITS

# What each generator's starter says, between the header and the content types.
HUGO = """
# A Hugo site ({source}). edcheck reads it and each section's _index.md, never runs Hugo:
# _index.md pages are list pages and headless pages snippets, neither an article;
# draft: true is a draft; cascade values reach the pages below their section.
generator: hugo

content:
  # Hugo keeps its pages in {root}/.
  roots: [{root}]
  # include and exclude are left unset: edcheck then also leaves out what Hugo does
  # not publish as pages (layouts/, themes/, archetypes/, ...). Set them to choose.

# Where the pages keep what the rules check: Hugo's own front matter keys.
fields:
  published: date            # Hugo's publication date
  author: authors            # Hugo's authors (a list of names)

# Hugo writes dates with a time (2026-01-10T09:30:00+01:00): read as their day.
date_formats: ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]

# Pages without a type are articles. Hugo's own `type` picks a layout: a page whose
# type is not a content type below is reported, so list such types under types.
# These are fallbacks: a type cascaded by a section's _index.md comes first.
defaults:
  - paths: ["{root}/**"]
    values: {{type: article}}
"""

JEKYLL = """
# A Jekyll site ({source}). edcheck reads its defaults (in Jekyll's order), never runs
# Jekyll: posts in _drafts/ and pages with published: false are never publishable;
# markdown_ext and exclude say which files are pages.
generator: jekyll

content:
  # Jekyll keeps posts in _posts/ and drafts in _drafts/. The site's own pages (index.md,
  # about.md) are left out: add "." to check every page.
  roots: [{roots}]
  # include and exclude are left unset: edcheck then also leaves out what Jekyll does
  # not publish as pages (_layouts/, _includes/, _site/, exclude, ...). Set them to choose.

# Where the pages keep what the rules check: Jekyll's own front matter keys.
fields:
  published: date            # Jekyll's post date
  author: author             # Jekyll's author

# Jekyll writes dates with a time (2026-01-10 09:30:00 +0100): read as their day.
date_formats: ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]

# Pages without a type are articles: a fallback after _config.yml's own defaults.
defaults:
  - paths: [{paths}]
    values: {{type: article}}
"""

DOCUSAURUS = """
# A Docusaurus site ({source} marks it; edcheck never runs it). draft: true is a
# draft, unlisted: true never publishable; files and folders starting with _ are partials.
generator: docusaurus

content:
  # Docusaurus keeps its pages in docs/ and blog/ (those that exist).
  roots: [{roots}]
  # include and exclude are left unset: edcheck then also leaves out the partials.
  # Set them to choose.

# Pages without a type are articles.
defaults:
  - paths: [{paths}]
    values: {{type: article}}
"""

TECHDOCS = """
# A GOV.UK tech-docs site ({source}). Its default_owner_slack is the owner of
# every page without its own owner_slack; partials (_*) are not pages.
generator: techdocs

content:
  # tech-docs keeps its pages in {root}/ (.html.md and .html.md.erb).
  roots: ["{root}"]
  # include and exclude are left unset: edcheck then also checks .html.md.erb pages
  # and leaves out the partials. Set them to choose.

# The techdocs pack reads last_reviewed_on, review_in and owner_slack with the gem's
# rules (`edcheck check --pack techdocs` does the same with no configuration). The
# pages' own `type:` is the site's, not an edcheck content type: every page is judged
# as an article with no edcheck shape.
types:
  article:
    schema: none
    packs: [techdocs]

rules:
  frontmatter-missing:
    severity: off            # tech-docs judges only the pages that carry review facts
"""


def starter(folder: Path, generator: str | None) -> str:
    """The starter configuration for a site of ``generator`` (``None``: no generator)."""
    if generator == "hugo":
        source = sites.first_file(folder, sites.HUGO_CONFIGS) or "hugo.toml"
        body = HUGO.format(source=source, root="content")
        return HEADER + body + TYPES + RULES + LIMITS
    if generator == "jekyll":
        source = sites.first_file(folder, sites.JEKYLL_CONFIGS) or "_config.yml"
        body = JEKYLL.format(source=source, **_roots(folder, "_posts", "_drafts"))
        return HEADER + body + TYPES + RULES + LIMITS
    if generator == "docusaurus":
        source = sites.first_file(folder, sites.DOCUSAURUS_CONFIGS) or "docusaurus.config.js"
        body = DOCUSAURUS.format(source=source, **_roots(folder, "docs", "blog"))
        return HEADER + body + TYPES + RULES + LIMITS
    if generator == "techdocs":
        root = "source" if (folder / "source").is_dir() else "."
        body = TECHDOCS.format(source=sites.TECHDOCS_CONFIG, root=root)
        return HEADER + body + LIMITS
    return STARTER


def _roots(folder: Path, *names: str) -> dict[str, str]:
    """The content roots among ``names`` that exist (a root must), and globs for them."""
    roots = [name for name in names if (folder / name).is_dir()] or ["."]
    return {
        "roots": ", ".join(f'"{root}"' for root in roots),
        "paths": ", ".join('"**"' if root == "." else f'"{root}/**"' for root in roots),
    }


def write(folder: Path, *, force: bool, generator: str = "auto") -> Path:
    """Write ``.edcheck.yaml`` in ``folder`` for its generator ("auto": found by its
    configuration file; "none": today's starter for a site without one)."""
    path = folder / CONFIG_NAME
    if path.exists() and not force:
        raise UsageError(f"{CONFIG_NAME} already exists here (use --force to replace it)")
    found = sites.detect_generator(folder) if generator == "auto" else generator
    try:
        content = starter(folder, None if found == "none" else found).encode("utf-8")
        rewrite(path, ANYTHING if force else None, lambda _current: content)
    except OSError as error:
        raise UsageError(f"cannot write {CONFIG_NAME}: {error}") from None
    return path
