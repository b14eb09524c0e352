"""Jekyll: ``defaults`` in Jekyll's order, drafts, unpublished pages, ``markdown_ext``
and the files Jekyll does not publish (see ``checker.sites``)."""

from __future__ import annotations

import re
from pathlib import Path

from checker.globs import PathMatcher
from checker.model import PageDefault, PageFilter
from checker.sites.base import (
    JEKYLL_CONFIGS,
    TIMESTAMPED,
    Scope,
    Settings,
    SiteConventions,
    first_file,
    literal,
    read_settings,
    strings,
)

# -- Jekyll ------------------------------------------------------------------------------

JEKYLL_MARKDOWN = "markdown,mkdown,mkdn,mkd,md"
# Jekyll's own excludes, and its folders of templates, data and output.
JEKYLL_NOT_PAGES = (
    "**/_*",
    "_site/**",
    "_includes/**",
    "_layouts/**",
    "_sass/**",
    "_data/**",
    "_plugins/**",
    "gemfiles/**",
    "vendor/bundle/**",
    "vendor/cache/**",
    "vendor/gems/**",
    "vendor/ruby/**",
)
_UNDERSCORED = PathMatcher(["**/_*/**", "**/_*"])


def read_jekyll(base: Path) -> SiteConventions:
    source = first_file(base, JEKYLL_CONFIGS)
    settings = read_settings(base, source)
    data = settings.data
    extensions = data.get("markdown_ext", JEKYLL_MARKDOWN)
    if not isinstance(extensions, str) or not all(
        re.fullmatch(r"[A-Za-z0-9_+-]+", item.strip()) for item in extensions.split(",")
    ):
        raise settings.error("markdown_ext must be extensions separated by commas", "markdown_ext")
    excluded = [
        glob
        for item in strings(settings, data.get("exclude", []), "exclude")
        if item.strip("/")
        for glob in _jekyll_paths(item)
    ]
    return SiteConventions(
        generator="jekyll",
        source=source,
        include=tuple(f"**/*.{item.strip()}" for item in extensions.split(",")),
        exclude=(*JEKYLL_NOT_PAGES, *excluded),
        defaults=_jekyll_defaults(settings),
        not_publishable=PageFilter(PathMatcher(["_drafts/**"]), (("published", False),)),
        # Jekyll's `published` is a flag (false: not built); a post's date is `date`
        fields={"published": "date"},
        templated=True,  # Liquid renders {{ variables }} and {% tags %} in every page
        date_formats=TIMESTAMPED,
    )


def _jekyll_defaults(settings: Settings) -> tuple[PageDefault, ...]:
    entries = settings.data.get("defaults", [])
    if not isinstance(entries, list):
        raise settings.error("defaults must be a list of {scope, values} entries", "defaults")
    ranked = []
    for number, entry in enumerate(entries):
        loc = ("defaults", number)
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            raise settings.error("a defaults entry needs values: a mapping", *loc)
        scope = entry.get("scope") or {}
        if not isinstance(scope, dict):
            raise settings.error("scope must be a mapping (path, type)", *loc, "scope")
        path, kind = scope.get("path") or "", scope.get("type")
        if not isinstance(path, str):
            raise settings.error("scope.path must be a path", *loc, "scope", "path")
        if kind is not None and not isinstance(kind, str):
            raise settings.error("scope.type must be a name", *loc, "scope", "type")
        path = path.removeprefix("/")
        # Jekyll's precedence: the longer path, then a scope with a type, then the later
        rank = (len(path), kind is not None, number)
        ranked.append((rank, PageDefault(_jekyll_scope(path, kind), dict(entry["values"]))))
    ranked.sort(key=lambda item: item[0], reverse=True)
    return tuple(default for _, default in ranked)


def _jekyll_paths(path: str) -> list[str]:
    """Globs for the paths Jekyll takes ``path`` to cover: those that start with it (Jekyll
    compares text, so ``about`` covers ``about-us/`` too), or, for a glob, each path it
    matches and everything below."""
    path = path.removeprefix("/")
    if not path:
        return ["**"]
    if "*" in path:
        return [f"/{path}", f"/{path.rstrip('/')}/**"]
    return [f"/{literal(path)}**"]


def _jekyll_scope(path: str, kind: str | None) -> PathMatcher:
    """A defaults scope: the paths under ``path`` of the type ``kind`` (posts, pages,
    drafts or a collection's name)."""
    globs = _jekyll_paths(path)
    if kind is None:
        return PathMatcher(globs)
    kind = {"page": "pages", "post": "posts", "draft": "drafts"}.get(kind, kind)
    if kind == "pages":
        return Scope(globs, lambda relative: not _UNDERSCORED(relative))
    folders = {"posts": ["**/_posts/**", "_drafts/**"], "drafts": ["_drafts/**"]}
    return Scope(globs, PathMatcher(folders.get(kind, [f"_{literal(kind)}/**"])))
