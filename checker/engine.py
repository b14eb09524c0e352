"""Judge one document against the policy: engine rules, schema, then the packs."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from checker.diagnostics import Diagnostic, Severity
from checker.documents import Document, DocumentProblem, read_document
from checker.kinds import Context
from checker.paths import section_of
from checker.policy import ActiveRule, Policy, TypeRules
from checker.suppressions import apply as suppressions_apply
from checker.suppressions import read_suppressions

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render(template: str, values: dict[str, object]) -> str:
    """Fill ``{name}`` slots from ``values`` (never attribute or index access)."""
    return _PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), template)


def check_file(
    path: Path, shown: str, relative: str, policy: Policy, today: date
) -> list[Diagnostic]:
    """All diagnostics for one file; ``relative`` is its path for the config's globs."""
    try:
        document = read_document(path, shown, policy.max_file_size)
    except DocumentProblem as failure:
        return unreadable(policy, shown, failure)
    return check_document(document, relative, policy, today)


def unreadable(policy: Policy, shown: str, failure: DocumentProblem) -> list[Diagnostic]:
    """The diagnostic for a file that could not be read or split."""
    return _problem(policy, shown, failure.rule, failure.message, failure.line, failure.column)


def _problem(  # noqa: PLR0917
    policy: Policy, shown: str, rule: str, message: str, line: int = 1, column: int = 1
) -> list[Diagnostic]:
    if rule not in policy.engine_rules:
        return []
    return [Diagnostic(shown, line, column, rule, Severity.ERROR, message)]


def check_document(
    document: Document, relative: str, policy: Policy, today: date
) -> list[Diagnostic]:
    """All diagnostics for a document already read."""
    shown = document.shown

    def problem(rule: str, message: str, line: int = 1, column: int = 1) -> list[Diagnostic]:
        return _problem(policy, shown, rule, message, line, column)

    if document.front is None:
        if not policy.front_matter_required:
            return []
        return problem(
            "frontmatter-missing",
            "no front matter: start the file with a --- block holding at least title and type",
        )
    type_name = document.type
    rules = policy.types.get(type_name) if type_name else None
    if rules is None:
        if type_name is None and "type" not in document.data:
            rules = policy.types.get("article")
        if rules is None:
            line, column = document.position("type")
            known = ", ".join(sorted(policy.types))
            value = document.data.get("type")
            return problem(
                "schema", f"type {value!r} is not a configured content type ({known})", line, column
            )
    return judge(document, relative, rules, policy, today)


def judge(
    document: Document, relative: str, rules: TypeRules, policy: Policy, today: date
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    section = section_of(relative, policy.config.config.content.roots)
    context = Context(today, rules.cycle, policy.registry, section)
    active = [rule for rule in rules.rules if _applies(rule, document, relative)]
    if "schema" in policy.engine_rules and rules.policy.schema_ != "none":
        for shape in policy.schemas.check(rules.policy.schema_, document.data):
            if any(shape.path[: len(cover)] == cover for rule in active for cover in rule.covers):
                continue  # a named rule reports this field
            line, column = document.position(shape.path)
            found.append(
                Diagnostic(document.shown, line, column, "schema", Severity.ERROR, shape.message)
            )
    for rule in active:
        for finding in rule.kind.check(document, rule.params, context):
            message = render(rule.message, dict(finding.values))
            found.append(
                Diagnostic(
                    document.shown, finding.line, finding.column, rule.id, rule.severity, message
                )
            )
    return _suppressed(found, document, policy)


def _suppressed(found: list[Diagnostic], document: Document, policy: Policy) -> list[Diagnostic]:
    """Drop what the file's own edcheck-disable comments silence; report bad comments."""
    if "edcheck-disable" not in document.text:
        return found
    suppressions, problems = read_suppressions(document, policy.known_rules)
    if "suppression-invalid" not in policy.engine_rules:
        problems = []
    return suppressions_apply(found, suppressions) + problems


def _applies(rule: ActiveRule, document: Document, relative: str) -> bool:
    if rule.publishable_only and not document.publishable:
        return False
    if rule.types is not None and document.type not in rule.types:
        return False
    return rule.paths is None or rule.paths(relative)
