"""What a site generator's own configuration already says about its pages.

edcheck reads, never runs, these files (YAML with edcheck's bounded YAML 1.2 loader, TOML
and JSON with the standard library's, each within a size limit); a file it cannot read
stops the run with its file and line:

* tech-docs (``config/tech-docs.yml``): ``default_owner_slack``, the owner the gem shows
  on every page without its own ``owner_slack``; partials (``_*``) are not pages.
* Hugo (``hugo.toml``/``.yaml``/``.json``, or ``config.*`` beside a ``content/``
  folder; ``contentDir`` says where the pages are): ``_index.*`` pages are list pages
  and ``headless: true`` (or ``build.render: never``) pages are snippets, neither an
  article; ``cascade`` in the site configuration and in each section's ``_index.*``
  gives values to the pages below that lack them, the closest section first, narrowed
  by its ``target`` (``_target``) path, kind and environment. Hugo's folders that hold
  no pages (layouts, themes, ...) are left out.
* Jekyll (``_config.yml``): ``defaults`` in Jekyll's order (the longer scope path first,
  then a scope with a type, then the later entry); ``_drafts/`` and ``published: false``
  are never publishable; ``markdown_ext`` adds page extensions; ``exclude``, Jekyll's own
  excludes and its underscore folders (``_layouts``, ``_includes``, ...) are not pages.
* Docusaurus (``docusaurus.config.js``/``.ts``/``.mjs``, a marker only: never executed):
  ``unlisted: true`` is never publishable; ``_`` files and folders are partials.
  (``draft: true`` is a draft on every site.)

A site whose generator is not recognised gets no conventions; ``generator: none`` in
``.edcheck.yaml`` turns this off, ``generator: NAME`` names it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from checker.model import PageDefault, PageFilter, under
from checker.sites.base import (
    DOCUSAURUS_CONFIGS,
    HUGO_CONFIGS,
    JEKYLL_CONFIGS,
    MARKERS,
    MAX_SECTIONS,
    TECHDOCS_CONFIG,
    SiteConventions,
    first_file,
)
from checker.sites.hugo import read_hugo, section_page
from checker.sites.jekyll import read_jekyll
from checker.sites.simple import read_docusaurus, read_techdocs

__all__ = [
    "DOCUSAURUS_CONFIGS",
    "HUGO_CONFIGS",
    "JEKYLL_CONFIGS",
    "MARKERS",
    "MAX_SECTIONS",
    "TECHDOCS_CONFIG",
    "SiteConventions",
    "detect_generator",
    "find_site_root",
    "first_file",
    "read_site",
    "rebased",
    "section_page",
]


def detect_generator(base: Path) -> str | None:
    """The generator whose marker file is in ``base``; ``None`` when there is none.

    Hugo's ``config.*`` names count only beside a ``content/`` folder (other tools write
    a ``config.json`` too); its own ``hugo.*`` names count alone.
    """
    for name, marker in MARKERS:
        if (base / marker).is_file() and (
            not marker.startswith("config.") or (base / "content").is_dir()
        ):
            return name
    return None


def read_site(base: Path, generator: str) -> SiteConventions:
    """The conventions of ``generator`` ("auto" detects it; "none" reads nothing).

    Raises ``UsageError`` (with the file and line) when the generator's configuration
    cannot be read.
    """
    name = detect_generator(base) if generator == "auto" else generator
    readers: dict[str, Callable[[Path], SiteConventions]] = {
        "techdocs": read_techdocs,
        "hugo": read_hugo,
        "jekyll": read_jekyll,
        "docusaurus": read_docusaurus,
    }
    reader = readers.get(name or "")
    return reader(base) if reader is not None else SiteConventions()


def find_site_root(start: Path) -> Path | None:
    """The nearest folder above ``start`` (up to the git repository's root) that holds a
    generator's marker file; ``None`` when there is none."""
    for folder in start.resolve().parents:
        if detect_generator(folder) is not None:
            return folder
        if (folder / ".git").exists():
            return None
    return None


def rebased(site: SiteConventions, prefix: str) -> SiteConventions:
    """``site``'s conventions for pages seen from its subfolder ``prefix``: path tests
    and defaults are shifted; globs that only make sense from the site's root are left
    out (``**/``-globs hold anywhere)."""
    return replace(
        site,
        include=tuple(glob for glob in site.include if glob.startswith("**/")),
        exclude=tuple(glob for glob in site.exclude if glob.startswith("**/")),
        defaults=tuple(PageDefault(under(d.paths, prefix), d.values) for d in site.defaults),
        not_publishable=_rebased_filter(site.not_publishable, prefix),
        not_articles=_rebased_filter(site.not_articles, prefix),
    )


def _rebased_filter(picked: PageFilter, prefix: str) -> PageFilter:
    paths = under(picked.paths, prefix) if picked.paths is not None else None
    return PageFilter(paths, picked.values)
