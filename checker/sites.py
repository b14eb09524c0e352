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

import json
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import Any

from checker.errors import UsageError
from checker.globs import PathMatcher
from checker.model import PageDefault, PageFilter

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
        "techdocs": _techdocs,
        "hugo": _hugo,
        "jekyll": _jekyll,
        "docusaurus": _docusaurus,
    }
    reader = readers.get(name or "")
    return reader(base) if reader is not None else SiteConventions()


def first_file(base: Path, names: Iterable[str]) -> str | None:
    """The first of ``names`` that is a file in ``base``."""
    return next((name for name in names if (base / name).is_file()), None)


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
class _Settings:
    """One file's settings, and where each stands in it (1-based line and column)."""

    shown: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    locate: Callable[[Loc], tuple[int, int]] = lambda loc: (1, 1)

    def error(self, message: str, *loc: str | int) -> UsageError:
        line, column = self.locate(loc)
        return UsageError(message, self.shown, line, column)


def _read_settings(base: Path, name: str | None) -> _Settings:
    """A generator's configuration file (none read when ``name`` is ``None``)."""
    if name is None:
        return _Settings()
    path = base / name
    if name.endswith((".yml", ".yaml")):
        from checker import yamlfile  # bounded: 1 MB, YAML 1.2, positions

        data, loaded = yamlfile.load_mapping(path, name, "site configuration")
        return _Settings(name, data, lambda loc: yamlfile.locate(loaded, loc))
    text = _read_text(path, name)
    data = _load_toml(text, name) if name.endswith(".toml") else _load_json(text, name)
    return _Settings(name, data, _text_locator(text))


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


_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)")


def _load_toml(text: str, shown: str) -> dict[str, Any]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_AT.search(str(error))
        if found and found.group(1):
            line, column = int(found.group(1)), int(found.group(2))
        else:  # at the end of the document
            line, column = max(1, len(text.splitlines())), 1
        message = _TOML_AT.sub("", str(error)).strip()
        raise UsageError(f"TOML syntax error: {message}", shown, line, column) from None
    plain = _iso_text(data)
    assert isinstance(plain, dict)
    return plain


def _iso_text(value: Any) -> Any:
    """TOML dates and times become ISO text, as front matter gives them."""
    if isinstance(value, dict):
        return {key: _iso_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso_text(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _load_json(text: str, shown: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UsageError(
            f"JSON syntax error: {error.msg}", shown, error.lineno, error.colno
        ) from None
    except RecursionError:
        raise UsageError("JSON is nested too deeply", shown) from None
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
        line = text.count("\n", 0, found) + 1
        return line, found - (text.rfind("\n", 0, found) + 1) + 1

    return locate


def _literal(text: str) -> str:
    """``text`` as a glob that matches only itself."""
    return re.sub(r"([*?\[{])", r"[\1]", text)


def _strings(settings: _Settings, value: object, *loc: str | int) -> list[str]:
    """A setting that is a list of text (or one text)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        name = ".".join(str(part) for part in loc)
        raise settings.error(f"{name} must be a list of paths", *loc)
    return list(items)


# -- tech-docs ---------------------------------------------------------------------------


def _techdocs(base: Path) -> SiteConventions:
    source = TECHDOCS_CONFIG if (base / TECHDOCS_CONFIG).is_file() else None
    data = _read_settings(base, source).data
    owner = data.get("default_owner_slack")
    values = {"owner": owner} if isinstance(owner, str) and owner.strip() else {}
    return SiteConventions(
        generator="techdocs",
        source=TECHDOCS_CONFIG,
        include=("**/*.html.md", "**/*.html.md.erb", "**/*.md.erb"),
        exclude=("**/_*",),
        site_values=values,
    )


# -- Hugo --------------------------------------------------------------------------------

# Hugo's folders beside content/ that hold templates, assets or output, never pages.
HUGO_NOT_PAGES = (
    "archetypes/**",
    "assets/**",
    "data/**",
    "i18n/**",
    "layouts/**",
    "public/**",
    "resources/**",
    "static/**",
    "themes/**",
)
HUGO_CONTENT_SUFFIXES = frozenset(
    [
        ".md",
        ".markdown",
        ".mdown",
        ".html",
        ".htm",
        ".adoc",
        ".asciidoc",
        ".org",
        ".pdc",
        ".pandoc",
        ".rst",
    ]
)
HUGO_ENVIRONMENT = "production"  # what `hugo` builds; edcheck judges what is published
# A Hugo target glob is matched whole against a logical path ("/articles/x"); edcheck's
# globs drop a leading "/" and let a glob without one match in any folder, so each side
# starts with a character no path holds.
_WHOLE = "\0"


def _hugo(base: Path) -> SiteConventions:
    source = first_file(base, HUGO_CONFIGS)
    settings = _read_settings(base, source)
    content = settings.data.get("contentDir", "content")
    if not isinstance(content, str) or not content.strip():
        raise settings.error("contentDir must be a folder name", "contentDir")
    folder = PurePosixPath(content.strip())
    inside = not folder.is_absolute() and ".." not in folder.parts
    prefix = "" if folder.as_posix() == "." else folder.as_posix() + "/"
    sections: list[PageDefault] = []
    if inside and (base / folder).is_dir():
        for index_page in _hugo_sections(base, base / folder):
            section = PurePosixPath(index_page.shown or "").parent.as_posix()
            below = "" if section == "." else section + "/"
            sections += _cascade(index_page, below, prefix, index_page.shown)
    home = _cascade(settings, prefix, prefix) if inside else []
    return SiteConventions(
        generator="hugo",
        source=source,
        exclude=HUGO_NOT_PAGES,
        defaults=(*sections, *home),
        not_articles=PageFilter(
            PathMatcher(["**/_index.*"]), (("headless", True), ("build.render", "never"))
        ),
    )


def section_page(path: str) -> bool:
    """A Hugo section page (``_index.md`` and the like): a list page, read for its
    cascade, so part of the policy that a commit holds."""
    name = path.rsplit("/", 1)[-1]
    return name.startswith("_index.") and os.path.splitext(name)[1].lower() in HUGO_CONTENT_SUFFIXES


def _hugo_sections(base: Path, content: Path) -> list[_Settings]:
    """The ``_index`` pages under ``content`` that hold a cascade, the deepest first."""
    found: list[str] = []
    folders = [str(content)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith(".") and entry.name != "node_modules":
                    folders.append(entry.path)
            elif section_page(entry.name) and entry.is_file(follow_symlinks=False):
                found.append(Path(entry.path).relative_to(base).as_posix())
                if len(found) > MAX_SECTIONS:
                    raise UsageError(
                        f"more than {MAX_SECTIONS:,} _index pages under {content.name}: edcheck "
                        "reads no cascade from so many (generator: none turns this off)"
                    )
    found.sort(key=lambda shown: (-shown.count("/"), shown))
    pages = (_read_section(base / shown, shown) for shown in found)
    return [page for page in pages if page is not None]


def _read_section(path: Path, shown: str) -> _Settings | None:
    """A section page's front matter, when it mentions a cascade."""
    from checker.documents import DocumentProblem, parse_document

    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise UsageError(
                f"file is {size:,} bytes, over the {MAX_PAGE_BYTES:,}-byte limit: edcheck "
                "cannot read its cascade",
                shown,
            )
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read file: {error.strerror}", shown) from None
    if b"cascade" not in raw:
        return None
    try:
        document = parse_document(raw, path, shown, MAX_PAGE_BYTES)
    except DocumentProblem as problem:
        message = f"{problem.message} (edcheck reads this section's cascade)"
        raise UsageError(message, shown, problem.line, problem.column) from None
    return _Settings(shown, document.data, document.position)


def _cascade(
    settings: _Settings, below: str, content: str, own: str | None = None
) -> list[PageDefault]:
    """The defaults ``cascade`` gives the pages below a section (in its order): its
    descendants, so not the section page ``own`` that holds it."""
    value = settings.data.get("cascade")
    if value is None:
        return []
    entries = value if isinstance(value, list) else [value]
    found = []
    for number, entry in enumerate(entries):
        loc: Loc = ("cascade", number) if isinstance(value, list) else ("cascade",)
        if not isinstance(entry, dict):
            raise settings.error("cascade must be a mapping of values, or a list of them", *loc)
        key = "target" if "target" in entry else "_target"
        target = entry.get(key, {})
        if not isinstance(target, dict) or not all(isinstance(v, str) for v in target.values()):
            raise settings.error(f"{key} must be a mapping of globs (path, kind, ...)", *loc, key)
        values = {name: item for name, item in entry.items() if name not in ("target", "_target")}
        tests = _target_tests(target, content)
        if values and tests is not None:
            if own is not None:
                tests.append(lambda relative: relative != own)
            found.append(PageDefault(Scope([f"{_literal(below)}**"], *tests), values))
    return found


def _target_tests(target: Mapping[str, str], content: str) -> list[Callable[[str], bool]] | None:
    """What a cascade's target asks of a page; ``None`` when it picks none of the pages
    edcheck judges (only list pages, or another build environment). Its ``lang`` is not
    read: every language's pages are picked."""
    if "kind" in target and not _hugo_glob(target["kind"])("page"):
        return None
    if "environment" in target and not _hugo_glob(target["environment"])(HUGO_ENVIRONMENT):
        return None
    if "path" not in target:
        return []
    wanted = _hugo_glob(target["path"])

    def picks(relative: str) -> bool:
        logical = _logical_path(relative, content)
        return logical is not None and wanted(logical)

    return [picks]


def _hugo_glob(glob: str) -> Callable[[str], bool]:
    matcher = PathMatcher([_WHOLE + glob])
    return lambda text: matcher(_WHOLE + text)


def _logical_path(relative: str, content: str) -> str | None:
    """A page's logical path, as Hugo's targets see it: below the content folder, lower
    case, without its extension; a bundle's index is its folder (``/articles/x``)."""
    if not relative.startswith(content):
        return None
    folder, _, name = relative[len(content) :].rpartition("/")
    stem = name.rsplit(".", 1)[0]
    path = folder if stem in ("index", "_index") else f"{folder}/{stem}".lstrip("/")
    return "/" + path.lower().replace(" ", "-")


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


def _jekyll(base: Path) -> SiteConventions:
    source = first_file(base, JEKYLL_CONFIGS)
    settings = _read_settings(base, source)
    data = settings.data
    extensions = data.get("markdown_ext", JEKYLL_MARKDOWN)
    if not isinstance(extensions, str) or not all(
        re.fullmatch(r"[A-Za-z0-9_+-]+", item.strip()) for item in extensions.split(",")
    ):
        raise settings.error("markdown_ext must be extensions separated by commas", "markdown_ext")
    excluded = [
        glob
        for item in _strings(settings, data.get("exclude", []), "exclude")
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
    )


def _jekyll_defaults(settings: _Settings) -> tuple[PageDefault, ...]:
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
    return [f"/{_literal(path)}**"]


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
    return Scope(globs, PathMatcher(folders.get(kind, [f"_{_literal(kind)}/**"])))


# -- Docusaurus --------------------------------------------------------------------------


def _docusaurus(base: Path) -> SiteConventions:
    return SiteConventions(
        generator="docusaurus",
        source=first_file(base, DOCUSAURUS_CONFIGS),
        exclude=("**/_*", "**/_*/**", "**/__tests__/**"),
        not_publishable=PageFilter(None, (("unlisted", True),)),
    )
