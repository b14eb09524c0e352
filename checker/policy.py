"""The policy in force: configuration, packs and schemas, put together once per run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import yamlfile
from checker.config import LoadedConfig, TypePolicy
from checker.diagnostics import Severity
from checker.documents import FieldPath, dotted
from checker.errors import UsageError
from checker.globs import PathMatcher
from checker.kinds import KINDS, Kind, Params
from checker.kinds.base import ReviewCycle
from checker.packs import CI_RULES, ENGINE_RULES, LoadedRule, load_pack
from checker.registry import Registry, load_registry
from checker.schemas import SchemaSet


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


@dataclass(frozen=True)
class TypeRules:
    policy: TypePolicy
    rules: tuple[ActiveRule, ...]
    cycle: ReviewCycle


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
        self.include = PathMatcher(include)
        self.exclude = PathMatcher(exclude)
        self.schemas = SchemaSet(config.base)
        self.max_file_size = config.config.max_file_size
        self.registry = self._load_registry()
        self.catalogue: dict[str, LoadedRule] = {
            item.rule.id: item for items in loaded.values() for item in items
        }
        self.known_rules = frozenset(self.catalogue) | ENGINE_RULES | CI_RULES
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
            rules = tuple(rule for rule in active if rule is not None)
            self._load_schema(type_name, policy.schema_)
            cycle = ReviewCycle(policy.review.interval_months, policy.review.warn_days)
            self.types[type_name] = TypeRules(policy, rules, cycle)

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

    def ci_severity(self, rule_id: str) -> Severity | None:
        """A gate rule's severity from the configuration; ``None`` when it is off."""
        if rule_id not in self.ci_rules:
            return None
        setting = self.config.config.rules.get(rule_id)
        if setting is None or setting.severity is None:
            return Severity.ERROR
        return None if setting.severity == "off" else Severity(setting.severity)

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
        known = set(self.catalogue) | set(ENGINE_RULES) | set(CI_RULES)
        for rule_id in [*select, *ignore]:
            if rule_id not in known:
                raise UsageError(f"unknown rule {rule_id!r}: see `edcheck rules`")
        for rule_id in self.config.config.rules:
            if rule_id not in known:
                raise self.config.error(f"unknown rule {rule_id!r}", "rules", rule_id)

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
            covers=frozenset(dotted(path) for path in rule.covers),
        )

    def _override(self, item: LoadedRule, overrides: dict[str, Any]) -> Params:
        merged = {**item.rule.params, **overrides}

        def error(message: str, loc: tuple[str | int, ...]) -> UsageError:
            return self.config.error(message, "rules", item.rule.id, "params", *loc)

        return yamlfile.validate(
            KINDS[item.rule.kind].params, merged, error, f"rule {item.rule.id}: "
        )
