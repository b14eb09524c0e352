"""The editorial model of a site: where it keeps each editorial fact, how it writes dates,
which values its pages get by default, and which pages are drafts or not articles at all.

Built once per run from the configuration (``fields``, ``date_formats``, ``defaults``,
``not_publishable``, ``not_articles``), the presets of the active packs, and what the
site generator's own configuration says (``checker.sites``). ``record.build_record`` reads
one page through it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

# The facts that hold dates, read with the site's date formats; the rest is text or numbers.
DATE_FACTS = frozenset({"published", "reviewed_on", "review_due"})
DEFAULT_TYPE = "article"


PathTest = Callable[[str], bool]  # a page's path (relative to the config) -> picked?


def any_of(*tests: PathTest | None) -> PathTest | None:
    """A path test that picks what any of ``tests`` picks (``None``: none given)."""
    given = [test for test in tests if test is not None]
    if len(given) <= 1:
        return given[0] if given else None
    return lambda path: any(test(path) for test in given)


def under(test: PathTest, prefix: str) -> PathTest:
    """``test`` written for paths from a folder ``prefix`` above the configuration's."""
    return lambda path: test(f"{prefix}/{path}")


@dataclass(frozen=True)
class PageDefault:
    """Values for the pages under ``paths`` whose front matter lacks the key."""

    paths: PathTest
    values: Mapping[str, Any]


@dataclass(frozen=True)
class PageFilter:
    """Pages picked by path or by a front-matter value; empty picks none."""

    paths: PathTest | None = None
    values: tuple[tuple[str, Any], ...] = ()

    def picks(self, relative: str, lookup: Any) -> bool:
        """``lookup(key)`` gives a page's value at a dotted key (``None`` when absent)."""
        if self.paths is not None and self.paths(relative):
            return True
        return any(_same(lookup(key), wanted) for key, wanted in self.values)


def _same(value: Any, wanted: Any) -> bool:
    """YAML 1.2 values compare as written; ``true`` is not ``1``."""
    return type(value) is type(wanted) and value == wanted


@dataclass(frozen=True)
class DueRules:
    """When a content type's reviews fall due, and when they are overdue or due soon.

    ``overdue_on_due_date``: the tech-docs gem's rule (a page is overdue on its review
    date); otherwise overdue from the day after. Due soon: within ``warn_months``
    calendar months when set (the gem: one month), else ``warn_days`` days.
    """

    interval_months: int = 24
    warn_days: int = 30
    warn_months: int | None = None
    overdue_on_due_date: bool = False
    page_interval_required: bool = False  # no due date without the page's own interval


@dataclass(frozen=True)
class EditorialModel:
    """Where a site keeps each fact (``fields``: fact -> dotted key, or ``None``)."""

    fields: Mapping[str, str | None]
    date_formats: tuple[str, ...] = ()
    defaults: tuple[PageDefault, ...] = ()
    not_publishable: PageFilter = PageFilter()
    not_articles: PageFilter = PageFilter()
    due_rules: Mapping[str, DueRules] = field(default_factory=dict)  # per content type
    site_values: Mapping[str, Any] = field(default_factory=dict)  # fact -> site-wide value
    templated: bool = False  # a template engine fills {{ variables }} in the pages' text

    @cached_property
    def is_builtin(self) -> bool:
        """The built-in model itself: every fact under its built-in key, ISO dates only,
        no defaults (the built-in schemas can then read pages as they are)."""
        return (
            all(self.fields.get(name) == key for name, key in DEFAULT_FIELDS.items())
            and not self.date_formats
            and not self.defaults
        )

    def key(self, name: str) -> str | None:
        """The site's dotted key for a fact; any other name is a key already."""
        return self.fields.get(name) if name in self.fields else name

    def due_rules_for(self, type_name: str) -> DueRules:
        return self.due_rules.get(type_name) or DueRules()


DEFAULT_FIELDS: Mapping[str, str | None] = {
    "title": "title",
    "type": "type",
    "status": "status",
    "author": "author",
    "published": "published",
    "reviewer": "reviewed.by",
    "reviewed_on": "reviewed.on",
    "review_hash": "reviewed.hash",
    "review_interval": None,
    "review_due": None,
    "owner": None,
    "rating": "rating",
    "disclosure": "disclosure",
    "peer_review": "peer_review",
}


def canonical_key(name: str) -> str | None:
    """The built-in model's key for a fact (where the built-in schemas expect it)."""
    return DEFAULT_FIELDS.get(name)
