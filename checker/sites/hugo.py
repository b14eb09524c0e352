"""Hugo: list and headless pages, and cascades from the site configuration and each
section's ``_index`` page (see ``checker.sites``)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from checker.errors import UsageError
from checker.globs import PathMatcher
from checker.model import PageDefault, PageFilter
from checker.sites.base import (
    HUGO_CONFIGS,
    MAX_PAGE_BYTES,
    MAX_SECTIONS,
    TIMESTAMPED,
    Loc,
    Scope,
    Settings,
    SiteConventions,
    first_file,
    literal,
    read_settings,
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


def read_hugo(base: Path) -> SiteConventions:
    source = first_file(base, HUGO_CONFIGS)
    settings = read_settings(base, source)
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
        date_formats=TIMESTAMPED,
    )


def section_page(path: str) -> bool:
    """A Hugo section page (``_index.md`` and the like): a list page, read for its
    cascade, so part of the policy that a commit holds."""
    name = path.rsplit("/", 1)[-1]
    return name.startswith("_index.") and os.path.splitext(name)[1].lower() in HUGO_CONTENT_SUFFIXES


def _hugo_sections(base: Path, content: Path) -> list[Settings]:
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


def _read_section(path: Path, shown: str) -> Settings | None:
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
    return Settings(shown, document.data, document.position)


def _cascade(
    settings: Settings, below: str, content: str, own: str | None = None
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
            found.append(PageDefault(Scope([f"{literal(below)}**"], *tests), values))
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
