"""The pieces every generator's reader shares: the conventions it returns, its limits
and marker files, bounded readers for YAML, TOML and JSON settings with positions, and
scopes that intersect globs with further tests."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker import jsonscan
from checker.errors import UsageError
from checker.frontmatter import load_toml
from checker.globs import PathMatcher
from checker.lines import LineIndex
from checker.model import PageDefault, PageFilter
from checker.tomlscan import ScanProblem

MAX_CONFIG_BYTES = 1_000_000
MAX_PAGE_BYTES = 5_000_000  # an _index page, as any page (max_file_size's default)
MAX_SECTIONS = 10_000  # _index pages read for their cascade

TECHDOCS_CONFIG = "config/tech-docs.yml"
HUGO_CONFIGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
JEKYLL_CONFIGS = ("_config.yml", "_config.yaml")
DOCUSAURUS_CONFIGS = (
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
)

# Every generator's configuration files (generator, path from the site root), first
# match wins: what detection looks for, and what a reader of a commit (the gate) copies.
MARKERS: tuple[tuple[str, str], ...] = (
    ("techdocs", TECHDOCS_CONFIG),
    *(("hugo", name) for name in HUGO_CONFIGS),
    *(("jekyll", name) for name in JEKYLL_CONFIGS),
    *(("docusaurus", name) for name in DOCUSAURUS_CONFIGS),
)

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class SiteConventions:
    """A generator's conventions, as the editorial model takes them."""

    generator: str | None = None
    source: str | None = None  # the configuration file read, relative to the site root
    include: tuple[str, ...] = ()  # page globs besides the default ones
    exclude: tuple[str, ...] = ()
    defaults: tuple[PageDefault, ...] = ()
    not_publishable: PageFilter = field(default_factory=PageFilter)
    not_articles: PageFilter = field(default_factory=PageFilter)
    site_values: Mapping[str, Any] = field(default_factory=dict)  # fact -> site-wide value
    # where the generator's own pages keep a fact (under the site's own `fields`)
    fields: Mapping[str, str | None] = field(default_factory=dict)
    templated: bool = False  # the generator fills {{ variables }} in pages (Jekyll's Liquid)
    # strftime formats its dates come in besides ISO; a format naming a day also reads
    # that day with a time of day after it (see checker.dates.parse_site_date)
    date_formats: tuple[str, ...] = ()


# Hugo and Jekyll read a front-matter date with a time of day and zone as well as a
# plain one ("2025-01-15T23:29:46-08:00", Jekyll's "2013-05-06 02:12:52 +0200")
TIMESTAMPED = ("%Y-%m-%d",)


class Scope(PathMatcher):
    """The pages under ``globs`` that every test also picks.

    A generator's scopes are intersections (a Hugo section and its cascade's target path,
    a Jekyll defaults path and its type) that one list of globs cannot say; a
    ``PageDefault`` takes any ``PathMatcher``.
    """

    def __init__(self, globs: Iterable[str], *tests: Callable[[str], bool]) -> None:
        super().__init__(globs)
        self.tests = tests

    def __call__(self, path: str) -> bool:
        return super().__call__(path) and all(test(path) for test in self.tests)


# -- reading a generator's files ---------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """One file's settings, and where each stands in it (1-based line and column)."""

    shown: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    locate: Callable[[Loc], tuple[int, int]] = lambda loc: (1, 1)

    def error(self, message: str, *loc: str | int) -> UsageError:
        line, column = self.locate(loc)
        return UsageError(message, self.shown, line, column)


def read_settings(base: Path, name: str | None) -> Settings:
    """A generator's configuration file (none read when ``name`` is ``None``)."""
    if name is None:
        return Settings()
    path = base / name
    if name.endswith((".yml", ".yaml")):
        from checker import yamlfile  # bounded: 1 MB, YAML 1.2, positions

        data, loaded = yamlfile.load_mapping(path, name, "site configuration")
        return Settings(name, data, lambda loc: yamlfile.locate(loaded, loc))
    text = _read_text(path, name)
    data = _load_toml(text, name) if name.endswith(".toml") else _load_json(text, name)
    return Settings(name, data, _text_locator(text))


def _read_text(path: Path, shown: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise UsageError(f"{shown} is over {MAX_CONFIG_BYTES:,} bytes", shown)
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("site configuration is not valid UTF-8", shown) from None
    except OSError as error:
        raise UsageError(f"cannot read the site configuration: {error.strerror}", shown) from None


def _load_toml(text: str, shown: str) -> dict[str, Any]:
    try:  # bounded in depth before tomllib recurses, with lines as checker.lines counts
        plain, _ = load_toml(text)
    except ScanProblem as problem:
        message = problem.message.replace("front matter", "site configuration")
        raise UsageError(message, shown, *LineIndex(text).line_col(problem.offset)) from None
    return plain


def _load_json(text: str, shown: str) -> dict[str, Any]:
    try:  # bounded in depth before json recurses
        jsonscan.scan(text, len(text) - len(text.lstrip(" \t\r\n")), max_nodes=None)
        data = json.loads(text)
    except ScanProblem as problem:
        message = problem.message.replace("front matter", "site configuration")
        raise UsageError(message, shown, *LineIndex(text).line_col(problem.offset)) from None
    except json.JSONDecodeError as error:
        position = LineIndex(text).line_col(error.pos)
        raise UsageError(f"JSON syntax error: {error.msg}", shown, *position) from None
    if not isinstance(data, dict):
        raise UsageError("site configuration must be a JSON object of settings", shown)
    return data


def _text_locator(text: str) -> Callable[[Loc], tuple[int, int]]:
    """Where a setting stands in a TOML or JSON file: each named key of ``loc`` searched
    for after the one before it (these readers keep no positions)."""

    def locate(loc: Loc) -> tuple[int, int]:
        start, found = 0, -1
        for part in loc:
            if isinstance(part, int):
                continue
            key = re.compile(rf"(?<![\w-])[\"']?{re.escape(part)}[\"']?(?=\s*[=:\].])")
            match = key.search(text, start)
            if match is None:
                break
            found, start = match.start(), match.end()
        if found < 0:
            return (1, 1)
        return LineIndex(text).line_col(found)

    return locate


def literal(text: str) -> str:
    """``text`` as a glob that matches only itself."""
    return re.sub(r"([*?\[{])", r"[\1]", text)


def strings(settings: Settings, value: object, *loc: str | int) -> list[str]:
    """A setting that is a list of text (or one text)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        name = ".".join(str(part) for part in loc)
        raise settings.error(f"{name} must be a list of paths", *loc)
    return list(items)


def first_file(base: Path, names: Iterable[str]) -> str | None:
    """The first of ``names`` that is a file in ``base``."""
    return next((name for name in names if (base / name).is_file()), None)
