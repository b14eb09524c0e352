"""Judge one document against the policy: engine rules, schema, then the packs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from checker.budget import FINDINGS_PER_RULE
from checker.canonical import canonical_view
from checker.diagnostics import Diagnostic, Severity
from checker.documents import Document, DocumentProblem, read_document
from checker.kinds import Context
from checker.paths import section_of
from checker.policy import ActiveRule, Policy, TypeRules
from checker.record import EditorialRecord, build_record
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
        document = read_document(
            path, shown, policy.max_file_size, policy.config.config.max_body_units
        )
    except DocumentProblem as failure:
        return unreadable(policy, shown, failure)
    return check_document(document, relative, policy, today)


def unreadable(policy: Policy, shown: str, failure: DocumentProblem) -> list[Diagnostic]:
    """The diagnostic for a file that could not be read or split."""
    return _problem(policy, shown, failure.rule, failure.message, failure.line, failure.column)


def _problem(  # noqa: PLR0917
    policy: Policy, shown: str, rule: str, message: str, line: int = 1, column: int = 1
) -> list[Diagnostic]:
    severity = policy.engine_severity(rule)
    if severity is None:
        return []
    return [Diagnostic(shown, line, column, rule, severity, message)]


def check_document(
    document: Document, relative: str, policy: Policy, today: date
) -> list[Diagnostic]:
    """All diagnostics for a document already read."""
    return judge_document(document, relative, policy, today)[1]


def judge_document(
    document: Document, relative: str, policy: Policy, today: date
) -> tuple[EditorialRecord | None, list[Diagnostic]]:
    """A document's editorial record (``None`` without front matter) and its diagnostics."""
    shown = document.shown
    if document.front is None:
        if not policy.front_matter_required:
            return None, []
        return None, _problem(
            policy,
            shown,
            "frontmatter-missing",
            "no front matter: start the file with a --- block holding at least title and type",
        )
    record = build_record(document, relative, policy.model)
    if not record.is_article:
        return record, []  # a list page, a headless snippet: not an article
    rules = policy.types.get(record.type)
    if rules is None:
        line, column = record.position("type")
        known = ", ".join(sorted(policy.types))
        message = f"{record.key('type')} {record.type!r} is not a configured content type ({known})"
        return record, _problem(policy, shown, "schema", message, line, column)
    found = judge(record, rules, policy, today)
    type_fact = record.fact("type")
    if record.publishable and type_fact.key and (not type_fact.present or type_fact.blank):
        line, column = record.position("type")
        key = record.key("type")
        message = (
            f"{key} is missing: the page is judged as type {record.type!r}; add {key}, or give "
            "these pages a default type (defaults in .edcheck.yaml)"
        )
        found += _problem(policy, shown, "schema", message, line, column)
    return record, found


def judge(
    record: EditorialRecord, rules: TypeRules, policy: Policy, today: date
) -> list[Diagnostic]:
    """The schema and every applicable rule, for a page whose type is known; what the
    file's own edcheck-disable comments silence left out, bad comments reported, and at
    most ``FINDINGS_PER_RULE`` diagnostics of each rule (the last one shown says how
    many more there are). A body over its budget is ``body-too-complex``."""
    document = record.document
    silenced, problems = _suppressions(document, policy)
    found: list[Diagnostic] = []
    section = section_of(record.relative, policy.config.config.content.roots)
    context = Context(today, policy.registry, section)
    active = [rule for rule in rules.rules if _applies(rule, record)]
    if "schema" in policy.engine_rules and rules.policy.schema_ != "none":
        severity = policy.engine_severity("schema")
        view = canonical_view(record)
        for shape in policy.schemas.check(rules.policy.schema_, view.data):
            if any(shape.path[: len(cover)] == cover for rule in active for cover in rule.covers):
                continue  # a named rule reports this field
            path, message = view.site_terms(shape.path, shape.message)
            line, column = document.position(path)
            if severity is not None and not silenced("schema", line):
                found.append(Diagnostic(document.shown, line, column, "schema", severity, message))
    for rule in active:
        shown: list[Diagnostic] = []
        more = 0
        for finding in rule.kind.check(record, rule.params, context):
            if silenced(rule.id, finding.line):
                continue
            if len(shown) >= FINDINGS_PER_RULE:
                more += 1  # counted, not built: the work stays proportional to the cap
                continue
            message = render(rule.message, dict(finding.values))
            shown.append(
                Diagnostic(
                    document.shown, finding.line, finding.column, rule.id, rule.severity, message
                )
            )
        found += _with_more(shown, more)
    exceeded = document.budget.exceeded
    if exceeded is not None:
        found += _problem(
            policy, document.shown, "body-too-complex", exceeded.message, exceeded.line
        )
    return cap(found + problems)


Silenced = Callable[[str, int], bool]


def _suppressions(document: Document, policy: Policy) -> tuple[Silenced, list[Diagnostic]]:
    """Whether the file's edcheck-disable comments silence a rule on a line (a lookup in
    constant time, however many comments), and the problems with those comments."""
    if "edcheck-disable" not in document.text:
        return (lambda rule, line: False), []
    severity = policy.engine_severity("suppression-invalid")
    suppressions, problems = read_suppressions(
        document, policy.known_rules, severity or Severity.ERROR
    )
    whole_file: set[str] = set()
    by_line: dict[int, set[str]] = {}
    for suppression in suppressions:
        if suppression.line == 0:
            whole_file |= suppression.rules
        else:
            by_line.setdefault(suppression.line, set()).update(suppression.rules)

    def silenced(rule: str, line: int) -> bool:
        return rule in whole_file or rule in by_line.get(line, ())

    return silenced, problems if severity is not None else []


def cap(found: list[Diagnostic]) -> list[Diagnostic]:
    """At most ``FINDINGS_PER_RULE`` diagnostics of each rule, in order; the last one
    kept of a rule that had more says how many more (``(and N more ...)``)."""
    counts: dict[str, int] = {}
    for item in found:
        counts[item.rule] = counts.get(item.rule, 0) + 1
    if all(count <= FINDINGS_PER_RULE for count in counts.values()):
        return found
    kept: list[Diagnostic] = []
    seen: dict[str, int] = {}
    for item in found:
        index = seen.get(item.rule, 0)
        seen[item.rule] = index + 1
        if index < FINDINGS_PER_RULE - 1 or counts[item.rule] <= FINDINGS_PER_RULE:
            kept.append(item)
        elif index == FINDINGS_PER_RULE - 1:
            kept += _with_more([item], counts[item.rule] - FINDINGS_PER_RULE)
    return kept


def _with_more(shown: list[Diagnostic], more: int) -> list[Diagnostic]:
    """``shown``, its last message saying that ``more`` like it were not shown."""
    if not more or not shown:
        return shown
    last = shown[-1]
    note = f"{more:,} more {last.rule} finding{'s' if more > 1 else ''} in this file, not shown"
    return [*shown[:-1], replace(last, message=f"{last.message} (and {note})")]


def _applies(rule: ActiveRule, record: EditorialRecord) -> bool:
    if rule.publishable_only and not record.publishable:
        return False
    if rule.types is not None and record.type not in rule.types:
        return False
    if rule.has_any is not None and not any(record.has(name) for name in rule.has_any):
        return False
    return rule.paths is None or rule.paths(record.relative)
