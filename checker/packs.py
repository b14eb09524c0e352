"""Rule packs: editorial policy as YAML data, validated against the rule kinds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker import resources, yamlfile
from checker.config import DateFormat, Fields
from checker.errors import UsageError
from checker.kinds import KINDS, Params
from checker.paths import shown_path

# Rules the engine itself reports (documented, with examples, in rules/_engine.yaml).
ENGINE_RULES = frozenset(
    {
        "file-unreadable",
        "file-too-large",
        "frontmatter-missing",
        "frontmatter-syntax",
        "body-too-complex",
        "schema",
        "config-invalid",
        "suppression-invalid",
        "waiver-expired",
        "waiver-unused",
    }
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Condition(Strict):
    types: list[str] | None = None
    status: Literal["publishable", "any"] = "publishable"
    paths: list[str] | None = None
    # only pages that keep one of these facts (or keys): tech-docs judges only pages
    # that carry review facts
    has_any: list[str] | None = None


class Examples(Strict):
    fail: str
    pass_: str = Field(alias="pass")
    today: date | None = None
    config: str | None = None  # the .edcheck.yaml the examples run with, if not the default
    files: dict[str, str] = {}  # more files the examples need (a reviewer registry, say)
    # what the examples are: an article, a config file, or an article as a pull request
    # leaves it (CI rules, tested with real repositories instead)
    subject: Literal["content", "config", "git"] = "content"


class PackRule(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    kind: str
    severity: Literal["error", "warning"]
    summary: str
    message: str
    why: str
    when: Condition = Condition()
    params: dict[str, Any] = {}
    covers: list[str] = []
    examples: Examples


class Profile(Strict):
    """How a pack wants content found when it is used alone (``--pack``, no config)."""

    include: list[str]
    exclude: list[str] = []
    schema_: str = Field("none", alias="schema")
    front_matter_required: bool = True


class ReviewPreset(Strict):
    """A convention's review semantics (each overrides the type's unless the site sets it)."""

    overdue_on_due_date: bool | None = None
    warn_months: int | None = Field(None, ge=1, le=120)
    page_interval_required: bool | None = None


class ModelPreset(Strict):
    """Where a convention keeps the editorial facts; the site's own settings win."""

    fields: Fields = Fields()  # only the facts it names count
    date_formats: list[DateFormat] = []
    review: ReviewPreset = ReviewPreset()
    generator: Literal["hugo", "jekyll", "techdocs", "docusaurus"] | None = None


class Pack(Strict):
    pack: str
    description: str
    profile: Profile | None = None
    model: ModelPreset | None = None
    rules: list[PackRule]


@dataclass(frozen=True)
class LoadedRule:
    """A pack rule with its parameters validated by its kind."""

    rule: PackRule
    params: Params
    pack: str
    profile: Profile | None = None
    model: ModelPreset | None = None


def builtin_packs() -> list[str]:
    return [name for name in resources.builtin_names("rules", ".yaml") if not name.startswith("_")]


# Rules only `edcheck ci` reports: they need git history (documented in rules/_ci.yaml).
CI_RULES = frozenset({"workflow-transition", "self-review", "review-not-renewed", "policy-changed"})


def engine_pack(name: str = "_engine") -> Pack:
    """The documentation and examples of the engine's own rules (or, ``_ci``, the gate's)."""
    text = resources.read_text("rules", f"{name}.yaml")
    data, _ = yamlfile.parse_mapping(text, f"rules/{name}.yaml", "rule pack")
    return Pack.model_validate(data)


def load_pack(name_or_path: str, base: Path | None = None) -> list[LoadedRule]:
    """Load a built-in pack by name, or a pack file (relative to ``base``)."""
    if name_or_path in builtin_packs():
        shown = f"rules/{name_or_path}.yaml"
        text = resources.read_text("rules", f"{name_or_path}.yaml")
        data, loaded = yamlfile.parse_mapping(text, shown, "rule pack")
    else:
        path = (base or Path.cwd()) / name_or_path
        if not path.is_file():
            known = ", ".join(builtin_packs())
            raise UsageError(
                f"unknown rule pack {name_or_path!r} (built in: {known}; or a .yaml file)"
            )
        shown = shown_path(path)
        data, loaded = yamlfile.load_mapping(path, shown, "rule pack")
    pack = yamlfile.validate(Pack, data, yamlfile.locator(loaded, shown), "invalid rule pack: ")
    result: list[LoadedRule] = []
    seen: set[str] = set()
    for index, rule in enumerate(pack.rules):
        here = ("rules", index)
        if rule.id in seen or rule.id in ENGINE_RULES:
            line, column = yamlfile.locate(loaded, (*here, "id"))
            raise UsageError(f"rule id {rule.id!r} is defined twice", shown, line, column)
        seen.add(rule.id)
        kind = KINDS.get(rule.kind)
        if kind is None:
            line, column = yamlfile.locate(loaded, (*here, "kind"))
            known = ", ".join(sorted(KINDS))
            raise UsageError(
                f"unknown rule kind {rule.kind!r} (known: {known})", shown, line, column
            )
        error = yamlfile.locator(loaded, shown, (*here, "params"))
        params = yamlfile.validate(kind.params, rule.params, error, f"rule {rule.id}: ")
        result.append(
            LoadedRule(
                rule=rule, params=params, pack=pack.pack, profile=pack.profile, model=pack.model
            )
        )
    return result
