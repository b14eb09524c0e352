"""The policy in force: configuration, packs and schemas, put together once per run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import yamlfile
from checker.config import LoadedConfig, PageSelector, TypePolicy
from checker.diagnostics import Severity
from checker.documents import FieldPath, dotted
from checker.errors import UsageError
from checker.globs import PathMatcher
from checker.kinds import KINDS, Kind, Params
from checker.model import (
    DEFAULT_FIELDS,
    DueRules,
    EditorialModel,
    PageDefault,
    PageFilter,
    any_of,
    canonical_key,
)
from checker.packs import (
    CI_RULES,
    ENGINE_RULES,
    LoadedRule,
    ModelPreset,
    builtin_packs,
    load_pack,
)
from checker.registry import Registry, load_registry
from checker.schemas import SchemaSet
from checker.sites import (
    SiteConventions,
    detect_generator,
    find_site_root,
    read_site,
    rebased,
)
from checker.suggest import did_you_mean

# Engine rules' own severities (the rest are errors), and the rules that stop a run.
ENGINE_DEFAULTS = {"waiver-unused": Severity.WARNING}
UNSWITCHABLE = frozenset({"config-invalid"})


@dataclass(frozen=True)
class ActiveRule:
    id: str
    kind: Kind
    params: Params
    severity: Severity
    message: str
    types: frozenset[str] | None
    publishable_only: bool
    paths: PathMatcher | None
    covers: frozenset[FieldPath]
    has_any: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TypeRules:
    policy: TypePolicy
    rules: tuple[ActiveRule, ...]


class Policy:
    def __init__(
        self,
        config: LoadedConfig,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        packs: Iterable[str] = (),
    ) -> None:
        self.config = config
        forced_packs = list(packs)
        loaded: dict[str, list[LoadedRule]] = {}
        for policy in config.types.values():
            for name in forced_packs or policy.packs:
                if name not in loaded:
                    loaded[name] = load_pack(name, config.base)
        content = config.config.content
        include, exclude, schema = content.include, content.exclude, None
        self.front_matter_required = True
        profiles = [items[0].profile for items in loaded.values() if items and items[0].profile]
        if forced_packs and config.path is None and profiles:
            # a pack used alone, with no configuration: it says where its pages are
            include = [glob for profile in profiles for glob in profile.include]
            exclude = [glob for profile in profiles for glob in profile.exclude]
            schema = profiles[0].schema_
            self.front_matter_required = all(profile.front_matter_required for profile in profiles)
        presets = [items[0].model for items in loaded.values() if items and items[0].model]
        self.site = self._read_site(presets)
        if "include" not in content.model_fields_set:
            include = [*include, *(g for g in self.site.include if g not in include)]
        if "exclude" not in content.model_fields_set:
            exclude = [*exclude, *(g for g in self.site.exclude if g not in exclude)]
        self.include_globs = tuple(include)
        self.include = PathMatcher(include)
        self.exclude = PathMatcher(exclude)
        self.schemas = SchemaSet(config.base)
        self.max_file_size = config.config.max_file_size
        self.registry = self._load_registry()
        self.catalogue: dict[str, LoadedRule] = {
            item.rule.id: item for items in loaded.values() for item in items
        }
        self.known_rules = frozenset(self.catalogue) | ENGINE_RULES | CI_RULES
        self._pack_names = tuple(loaded)
        self.notes: list[str] = []  # for the reader: selected rules that are not in force
        self._check_rule_names(select, ignore)
        chosen = set(select)
        ignored = set(ignore)

        def enabled(rule_id: str) -> bool:
            return (not chosen or rule_id in chosen) and rule_id not in ignored

        self.engine_rules = frozenset(rule for rule in ENGINE_RULES if enabled(rule))
        self.ci_rules = frozenset(rule for rule in CI_RULES if enabled(rule))
        self.types: dict[str, TypeRules] = {}
        for type_name, configured in config.types.items():
            policy = (
                configured if schema is None else configured.model_copy(update={"schema_": schema})
            )
            active = [
                self._activate(item)
                for name in forced_packs or policy.packs
                for item in loaded[name]
                if enabled(item.rule.id)
            ]
            rules = tuple(  # the rules that can apply to this type at all
                rule
                for rule in active
                if rule is not None and (rule.types is None or type_name in rule.types)
            )
            self._load_schema(type_name, policy.schema_)
            self.types[type_name] = TypeRules(policy, rules)
        self.model = build_model(config, presets, self.site)

    def _read_site(self, presets: list[ModelPreset]) -> SiteConventions:
        generator = self.config.config.generator
        if generator == "auto":
            named = [preset.generator for preset in presets if preset.generator]
            generator = named[0] if named else "auto"
        try:
            base = self.config.base
            if generator != "none" and self.config.path is None and not detect_generator(base):
                # no configuration, run from inside a site (`cd source`): the site's root
                # is the nearest folder above, up to the repository's root, with a marker
                root = find_site_root(base)
                if root is not None:
                    prefix = base.relative_to(root).as_posix()
                    return rebased(read_site(root, generator), prefix)
            return read_site(base, generator)
        except UsageError as error:
            if error.path is None or self.config.shown is None:
                raise
            folder = Path(self.config.shown).parent
            shown = (folder / error.path).as_posix().removeprefix("./")
            raise UsageError(error.message, shown, error.line, error.column) from None

    def _load_registry(self) -> Registry | None:
        name = self.config.config.reviewers
        if name is None:
            return None
        path = (self.config.base / name).resolve()
        if not path.is_relative_to(self.config.base):
            raise self.config.error(
                f"the reviewer registry {name!r} is outside the repository", "reviewers"
            )
        if not path.is_file():
            raise self.config.error(f"the reviewer registry {name!r} does not exist", "reviewers")
        shown = name if self.config.shown is None else str(Path(self.config.shown).parent / name)
        return load_registry(path, shown.removeprefix("./"))

    def severity(self, rule_id: str, default: Severity = Severity.ERROR) -> Severity | None:
        """The one severity resolution for every rule (engine, pack and gate rules):
        ``--select``/``--ignore``, then the configuration's ``severity`` (``off``: the
        rule is not run), then the rule's own. ``None`` when the rule is off."""
        if rule_id in ENGINE_RULES and rule_id not in self.engine_rules:
            return None
        if rule_id in CI_RULES and rule_id not in self.ci_rules:
            return None
        setting = self.config.config.rules.get(rule_id)
        if setting is None or setting.severity is None:
            return default
        return None if setting.severity == "off" else Severity(setting.severity)

    def engine_severity(self, rule_id: str) -> Severity | None:
        """An engine rule's severity (errors unless configured), ``None`` when off."""
        return self.severity(rule_id, ENGINE_DEFAULTS.get(rule_id, Severity.ERROR))

    def ci_severity(self, rule_id: str) -> Severity | None:
        """A gate rule's severity from the configuration; ``None`` when it is off."""
        return self.severity(rule_id)

    def _load_schema(self, type_name: str, schema: str) -> None:
        if schema == "none":
            return
        try:
            self.schemas.validator(schema)
        except UsageError as error:
            if error.path is not None:
                raise
            raise self.config.error(error.message, "types", type_name, "schema") from None

    def _check_rule_names(self, select: Iterable[str], ignore: Iterable[str]) -> None:
        """Every rule id named in ``--select``, ``--ignore``, the configuration's ``rules``
        and its waivers must be one edcheck knows: a rule in force, or a rule of another
        pack (``edcheck rules`` lists them all), which is accepted and does nothing here
        (a selected one gets a note). An unknown id is an error with the closest known
        id as a suggestion."""
        in_force = set(self.catalogue) | set(ENGINE_RULES) | set(CI_RULES)
        elsewhere: dict[str, str] = {}  # another pack's rule id -> its pack, read on a miss

        def other_pack(rule_id: str) -> str | None:
            if not elsewhere:
                elsewhere.update(_every_pack_rule())
            return elsewhere.get(rule_id) if rule_id not in self.catalogue else None

        def hint(rule_id: str) -> str:
            other_pack(rule_id)
            return did_you_mean(rule_id, in_force | set(elsewhere))

        for option, names in (("--select", select), ("--ignore", ignore)):
            for rule_id in names:
                if rule_id in in_force:
                    continue
                pack = other_pack(rule_id)
                if pack is None:
                    raise UsageError(
                        f"unknown rule {rule_id!r}{hint(rule_id)}: see `edcheck rules`"
                    )
                if option == "--select":
                    self.notes.append(
                        f"--select {rule_id}: not run here: it belongs to the {pack} pack, "
                        f"and the packs in force are {', '.join(self._pack_names) or 'none'}"
                    )
        for rule_id, setting in self.config.config.rules.items():
            if rule_id not in in_force and other_pack(rule_id) is None:
                raise self.config.error(
                    f"unknown rule {rule_id!r}{hint(rule_id)}", "rules", rule_id
                )
            if rule_id in UNSWITCHABLE and setting.severity in ("off", "warning"):
                raise self.config.error(
                    f"{rule_id} cannot be made {setting.severity}: edcheck cannot judge without it",
                    "rules",
                    rule_id,
                    "severity",
                )
            if setting.params and (rule_id in ENGINE_RULES or rule_id in CI_RULES):
                raise self.config.error(
                    f"{rule_id} is an engine or gate rule and takes no params",
                    "rules",
                    rule_id,
                    "params",
                )
        for index, waiver in enumerate(self.config.config.waivers):
            if waiver.rule not in in_force and other_pack(waiver.rule) is None:
                raise self.config.error(
                    f"the waiver names unknown rule {waiver.rule!r}{hint(waiver.rule)}",
                    "waivers",
                    index,
                    "rule",
                )

    def _activate(self, item: LoadedRule) -> ActiveRule | None:
        rule = item.rule
        setting = self.config.config.rules.get(rule.id)
        severity = Severity(rule.severity)
        params = item.params
        if setting is not None:
            if setting.severity == "off":
                return None
            if setting.severity is not None:
                severity = Severity(setting.severity)
            if setting.params:
                params = self._override(item, setting.params)
        when = rule.when
        return ActiveRule(
            id=rule.id,
            kind=KINDS[rule.kind],
            params=params,
            severity=severity,
            message=rule.message,
            types=frozenset(when.types) if when.types is not None else None,
            publishable_only=when.status == "publishable",
            paths=PathMatcher(when.paths) if when.paths else None,
            covers=frozenset(dotted(canonical_key(path) or path) for path in rule.covers),
            has_any=tuple(when.has_any) if when.has_any is not None else None,
        )

    def _override(self, item: LoadedRule, overrides: dict[str, Any]) -> Params:
        merged = {**item.rule.params, **overrides}

        def error(message: str, loc: tuple[str | int, ...]) -> UsageError:
            return self.config.error(message, "rules", item.rule.id, "params", *loc)

        return yamlfile.validate(
            KINDS[item.rule.kind].params, merged, error, f"rule {item.rule.id}: "
        )


def _every_pack_rule() -> dict[str, str]:
    """Each built-in pack's rule ids, with the pack that defines them (the first, where
    two packs share an id)."""
    found: dict[str, str] = {}
    for name in builtin_packs():
        for item in load_pack(name):
            found.setdefault(item.rule.id, name)
    return found


def build_model(
    config: LoadedConfig, presets: list[ModelPreset], site: SiteConventions
) -> EditorialModel:
    """The site's editorial model: the built-in fields, under the active packs' presets,
    under the generator's keys, under the site's own ``fields``; the generator's own
    defaults (Hugo cascades, Jekyll ``defaults``) before the configuration's, which act
    as fallbacks."""
    settings = config.config
    fields: dict[str, str | None] = dict(DEFAULT_FIELDS)
    for preset in presets:
        fields.update(
            {name: getattr(preset.fields, name) for name in preset.fields.model_fields_set}
        )
    fields.update(site.fields)  # the generator's own keys (Jekyll's `date`)
    fields.update(
        {name: getattr(settings.fields, name) for name in settings.fields.model_fields_set}
    )
    formats = [*settings.date_formats]
    formats += [item for item in site.date_formats if item not in formats]
    for preset in presets:
        formats += [item for item in preset.date_formats if item not in formats]
    defaults = tuple(
        PageDefault(PathMatcher(item.paths), dict(item.values)) for item in settings.defaults
    )
    due_rules = {}
    for type_name, policy in config.types.items():
        review = policy.review
        chosen = review.model_fields_set
        values: dict[str, object] = {
            "interval_months": review.interval_months,
            "warn_days": review.warn_days,
            "warn_months": review.warn_months,
            "overdue_on_due_date": review.overdue_on_due_date,
            "page_interval_required": review.page_interval_required,
        }
        for preset in presets:
            for name in preset.review.model_fields_set:
                if name not in chosen:
                    values[name] = getattr(preset.review, name)
        due_rules[type_name] = DueRules(**values)  # type: ignore[arg-type]
    return EditorialModel(
        fields=fields,
        date_formats=tuple(formats),
        defaults=site.defaults + defaults,  # the generator's own (cascades) before fallbacks
        not_publishable=_merged(_selector(settings.not_publishable), site.not_publishable),
        not_articles=_merged(_selector(settings.not_articles), site.not_articles),
        due_rules=due_rules,
        site_values=dict(site.site_values),
        templated=site.templated if settings.templated is None else settings.templated,
    )


def _selector(selector: PageSelector) -> PageFilter:
    values = tuple((key, value) for item in selector.values for key, value in item.items())
    return PageFilter(PathMatcher(selector.paths) if selector.paths else None, values)


def _merged(first: PageFilter, second: PageFilter) -> PageFilter:
    return PageFilter(any_of(first.paths, second.paths), first.values + second.values)
