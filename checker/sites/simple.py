"""GOV.UK tech-docs (``default_owner_slack``, partials) and Docusaurus (``unlisted``,
partials), see ``checker.sites``."""

from __future__ import annotations

from pathlib import Path

from checker.model import PageFilter
from checker.sites.base import (
    DOCUSAURUS_CONFIGS,
    TECHDOCS_CONFIG,
    SiteConventions,
    first_file,
    read_settings,
)

# -- tech-docs ---------------------------------------------------------------------------


def read_techdocs(base: Path) -> SiteConventions:
    source = TECHDOCS_CONFIG if (base / TECHDOCS_CONFIG).is_file() else None
    data = read_settings(base, source).data
    owner = data.get("default_owner_slack")
    values = {"owner": owner} if isinstance(owner, str) and owner.strip() else {}
    return SiteConventions(
        generator="techdocs",
        source=TECHDOCS_CONFIG,
        include=("**/*.html.md", "**/*.html.md.erb", "**/*.md.erb"),
        exclude=("**/_*",),
        site_values=values,
    )


# -- Docusaurus --------------------------------------------------------------------------


def read_docusaurus(base: Path) -> SiteConventions:
    return SiteConventions(
        generator="docusaurus",
        source=first_file(base, DOCUSAURUS_CONFIGS),
        exclude=("**/_*", "**/_*/**", "**/__tests__/**"),
        not_publishable=PageFilter(None, (("unlisted", True),)),
    )
