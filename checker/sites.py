"""What a site generator's own configuration already says about its pages.

edcheck reads, never runs, these files (each bounded by the same YAML loader and size
limits as front matter):

* tech-docs (``config/tech-docs.yml``): ``default_owner_slack``, the owner the gem shows
  on every page without its own ``owner_slack``; partials (``_*.md``) are not pages.

A site whose generator is not recognised gets no conventions; ``generator: none`` in
``.edcheck.yaml`` turns this off, ``generator: NAME`` names it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.model import PageDefault, PageFilter

MAX_CONFIG_BYTES = 1_000_000

# The file that marks each generator's site root, first match wins.
MARKERS: tuple[tuple[str, str], ...] = (("techdocs", "config/tech-docs.yml"),)


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
    """The generator whose marker file is in ``base``; ``None`` when there is none."""
    for name, marker in MARKERS:
        if (base / marker).is_file():
            return name
    return None


def read_site(base: Path, generator: str) -> SiteConventions:
    """The conventions of ``generator`` ("auto" detects it; "none" reads nothing).

    Raises ``UsageError`` (with the file and line) when the generator's configuration
    cannot be read.
    """
    name = detect_generator(base) if generator == "auto" else generator
    if name == "techdocs":
        return _techdocs(base)
    return SiteConventions()


def _techdocs(base: Path) -> SiteConventions:
    source = "config/tech-docs.yml"
    data = _read_yaml(base / source, source)
    owner = data.get("default_owner_slack")
    values = {"owner": owner} if isinstance(owner, str) and owner.strip() else {}
    return SiteConventions(
        generator="techdocs",
        source=source,
        include=("**/*.html.md", "**/*.html.md.erb", "**/*.md.erb"),
        exclude=("**/_*",),
        site_values=values,
    )


def _read_yaml(path: Path, shown: str) -> dict[str, Any]:
    """A generator's YAML configuration as a mapping ({} when the file is absent)."""
    from checker import yamlfile
    from checker.errors import UsageError

    if not path.is_file():
        return {}
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise UsageError(f"{shown} is over {MAX_CONFIG_BYTES:,} bytes", shown)
    data, _ = yamlfile.load_mapping(path, shown, "site configuration")
    return data
