"""The configuration file ``.edcheck.yaml``: typed once, validated strictly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from checker import yamlfile
from checker.errors import UsageError

CONFIG_NAME = ".edcheck.yaml"
DEFAULT_INCLUDE = ["**/*.md", "**/*.markdown", "**/*.mdx"]
DEFAULT_EXCLUDE = [
    "**/node_modules/**",
    "**/.*/**",
    "**/README.md",
    "**/CHANGELOG.md",
    "**/CONTRIBUTING.md",
    "**/LICENSE.md",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class ReviewPolicy(Strict):
    """When reviews fall due for a content type."""

    interval_months: int = Field(24, ge=1, le=600, description="months from one review to the next")
    warn_days: int = Field(30, ge=0, le=3650, description="days before the due date to warn")
    warn_months: int | None = Field(
        None, ge=1, le=120, description="warn this many calendar months ahead instead of warn_days"
    )
    overdue_on_due_date: bool = Field(
        False,
        description="overdue on the due date itself (the tech-docs gem's rule), not the day after",
    )
    page_interval_required: bool = Field(
        False,
        description="a page has no due date without its own interval (fields.review_interval)",
    )


class TypePolicy(Strict):
    """What a content type must satisfy."""

    schema_: str = Field("article", alias="schema", description="built-in schema or a .json file")
    packs: list[str] = Field(["health"], description="rule packs: built-in names or .yaml files")
    review: ReviewPolicy = ReviewPolicy()


class RuleSetting(Strict):
    """Per-rule adjustments."""

    severity: Literal["error", "warning", "off"] | None = None
    params: dict[str, Any] = Field({}, description="overrides of the rule's parameters")


class ContentSettings(Strict):
    """Where the content lives."""

    roots: list[str] = Field(["."], description="folders to check, relative to this file")
    include: list[str] = Field(DEFAULT_INCLUDE, description="globs of content files")
    exclude: list[str] = Field(DEFAULT_EXCLUDE, description="globs never checked")


Status = Literal["draft", "in-review", "approved", "published", "retired"]
DEFAULT_TRANSITIONS: dict[Status, list[Status]] = {
    "draft": ["in-review"],
    "in-review": ["draft", "approved"],
    "approved": ["draft", "in-review", "published"],
    "published": ["draft", "in-review", "retired"],
    "retired": ["draft", "in-review"],
}


class WorkflowSettings(Strict):
    """Which status changes a pull request may make (checked by `edcheck ci`)."""

    transitions: dict[Status, list[Status]] = Field(
        DEFAULT_TRANSITIONS, description="for each status, the statuses it may move to"
    )
    start: list[Status] = Field(
        ["draft", "in-review"],
        description="statuses a new article may start in (approved or published too, if it "
        "passes every rule)",
    )


class Waiver(Strict):
    """A documented, expiring exception to a rule."""

    paths: list[str] = Field(min_length=1, description="globs of the files it covers")
    rule: str
    reason: str = Field(min_length=1, pattern=r"\S")
    expires: date


def _field_key(value: str) -> str:
    if not re.fullmatch(r"[^.\s]+(\.[^.\s]+)*", value):
        raise ValueError("name a front-matter key, e.g. reviewed.on, or null for none")
    return value


# A dotted front-matter key (no empty part, no spaces), or None: the site does not keep it
FieldKey = Annotated[str, AfterValidator(_field_key)] | None


def _date_format(value: str) -> str:
    """A strftime format that names a year and a month, with codes strptime knows."""
    codes = re.findall(r"%(.)", value)
    unknown = sorted({code for code in codes if code not in _STRFTIME_CODES})
    if unknown:
        raise ValueError(f"unknown strftime code(s) {', '.join('%' + c for c in unknown)}")
    if not {"Y", "y"} & set(codes) or not {"m", "B", "b"} & set(codes):
        raise ValueError("a date format needs a year (%Y) and a month (%m, %B or %b)")
    return value


_STRFTIME_CODES = frozenset("aAbBcdfHIjmMpSUwWxXyYzZ%")
DateFormat = Annotated[str, AfterValidator(_date_format)]


class Fields(Strict):
    """Where the site keeps each editorial fact (dotted front-matter keys)."""

    title: FieldKey = "title"
    type: FieldKey = Field("type", description="null: the site has no edcheck content types")
    status: FieldKey = "status"
    author: FieldKey = "author"
    published: FieldKey = "published"
    reviewer: FieldKey = "reviewed.by"
    reviewed_on: FieldKey = "reviewed.on"
    review_hash: FieldKey = "reviewed.hash"
    review_interval: FieldKey = Field(None, description='a per-page interval, e.g. "6 months"')
    review_due: FieldKey = Field(None, description="a per-page next-review date")
    owner: FieldKey = None
    rating: FieldKey = "rating"
    disclosure: FieldKey = "disclosure"
    peer_review: FieldKey = "peer_review"


class PageDefaults(Strict):
    """Values pages get where their own front matter lacks the key (Jekyll's defaults)."""

    paths: list[str] = Field(["**"], description="globs, relative to this file")
    values: dict[str, Any] = Field(min_length=1, description="front-matter keys and values")


class PageSelector(Strict):
    """Pages picked by path, or by a front-matter value (any entry matches)."""

    paths: list[str] = Field([], description="globs, relative to this file")
    values: list[dict[str, Any]] = Field(
        [], description="front-matter key/value pairs, e.g. {published: false}"
    )


Generator = Literal["auto", "none", "hugo", "jekyll", "techdocs", "docusaurus"]


class Config(Strict):
    """``.edcheck.yaml``."""

    fields: Fields = Fields()
    date_formats: list[DateFormat] = Field(
        [], description="strftime formats accepted besides ISO YYYY-MM-DD, tried in order"
    )
    defaults: list[PageDefaults] = []
    not_publishable: PageSelector = Field(
        PageSelector(), description="pages that are never publishable (judged as drafts)"
    )
    not_articles: PageSelector = Field(
        PageSelector(), description="pages that are not articles: list pages, headless snippets"
    )
    generator: Generator = Field(
        "auto",
        description="the site generator whose own configuration edcheck reads "
        "(auto: found by its config file)",
    )

    content: ContentSettings = ContentSettings()
    types: dict[str, TypePolicy] = Field(
        {}, description="content types, added to the built-in ones"
    )
    rules: dict[str, RuleSetting] = {}
    workflow: WorkflowSettings = WorkflowSettings()
    reviewers: str | None = Field(
        None, description="the reviewer registry file, e.g. reviewers.yaml"
    )
    waivers: list[Waiver] = []
    max_file_size: int = Field(5_000_000, ge=1, le=1_000_000_000, description="bytes")
    max_body_units: int = Field(
        100_000,
        ge=100,
        le=1_500_000,
        description="how much Markdown syntax a body may hold (line breaks and characters "
        "such as [ * _ < ! - :); over it, body-too-complex and the body is not parsed",
    )
    templated: bool | None = Field(
        None,
        description="a template engine fills {{ variables }} and {% tags %} in the pages' "
        "text (Liquid, Nunjucks), so empty-placeholder leaves them alone; null: the site "
        "generator decides (Jekyll: yes)",
    )


BUILTIN_TYPES = {
    "article": TypePolicy(schema_="article"),
    "book-review": TypePolicy(schema_="book-review"),
}


@dataclass(frozen=True)
class LoadedConfig:
    config: Config
    path: Path | None  # None: no file, the default profile
    shown: str | None
    base: Path  # folder that relative paths in the config start from
    positions: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)

    @property
    def types(self) -> dict[str, TypePolicy]:
        return {**BUILTIN_TYPES, **self.config.types}

    def position(self, *loc: str | int) -> tuple[int, int]:
        """1-based line and column of a setting, or of the first key inside it (a list
        item has no key of its own); (1, 1) when unknown."""
        found = self.positions.get(loc)
        if found is None:
            inside = [where for key, where in self.positions.items() if key[: len(loc)] == loc]
            found = min(inside) if inside else None
        return (found[0] + 1, found[1] + 1) if found else (1, 1)

    def error(self, message: str, *loc: str | int) -> UsageError:
        """A configuration error at the setting ``loc`` (or the file, or no file)."""
        for end in range(len(loc), 0, -1):
            found = self.positions.get(loc[:end])
            if found is not None:
                return UsageError(message, self.shown, found[0] + 1, found[1] + 1)
        return UsageError(message, self.shown)


def find_config(start: Path) -> Path | None:
    """``.edcheck.yaml`` in ``start`` or a parent, stopping at the git root."""
    folder = start.resolve()
    while True:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def load_config(
    path: Path | None, shown: str | None = None, cwd: Path | None = None
) -> LoadedConfig:
    if path is None:  # no configuration file: the defaults, from the working directory
        return LoadedConfig(Config(), None, None, (cwd or Path.cwd()).resolve())
    shown = shown or str(path)
    data, loaded = yamlfile.load_mapping(path, shown, "configuration")
    config = yamlfile.validate(Config, data, yamlfile.locator(loaded, shown), noun="setting")
    return LoadedConfig(config, path, shown, path.parent.resolve(), loaded.keys)
