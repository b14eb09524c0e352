"""The library's entry point: ``check(...)`` returns a report; it never prints or exits."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from checker.diagnostics import Diagnostic, Severity
from checker.discovery import select_files
from checker.errors import UsageError
from checker.pipeline import (
    Judged,
    Options,
    Page,
    Session,
    build_policy,
    judge_all,
    locate_config,
    open_session,
)
from checker.policy import Policy
from checker.report import Report, RuleInfo
from checker.suppressions import apply_waivers

__all__ = [
    "Options",
    "Report",
    "RuleInfo",
    "build_policy",
    "check",
    "check_session",
    "config_report",
    "locate_config",
    "open_session",
    "rule_infos",
]


def config_report(error: UsageError, today: date | None = None) -> Report:
    """The report for a run stopped by an invalid config, pack, schema, registry or site
    file: one ``config-invalid`` finding at the error's path, line and column. ``today``
    is the run's (``--today``), the real date when not fixed. ``error.path`` must be set."""
    if error.path is None:
        raise ValueError("a config report needs the file the error is in")
    finding = Diagnostic(
        error.path.replace(os.sep, "/"),
        error.line,
        error.column,
        "config-invalid",
        Severity.ERROR,
        error.message,
    )
    return Report(today=today or date.today(), files_checked=0, diagnostics=[finding])


def check(options: Options, cwd: Path | None = None) -> Report:
    """Judge the files named in ``options`` (or the configured content roots)."""
    session = open_session(options, cwd or Path.cwd())
    return check_session(session, options)


def check_session(session: Session, options: Options) -> Report:
    """Judge the working tree's files for a session already open."""
    policy, cwd, today = session.policy, session.cwd, session.today
    selection = select_files(list(options.paths), policy, cwd)
    pages = [Page(t.shown, t.relative, t.path) for t in selection.targets]
    found = judge_all(session, pages, _diagnostics, options.jobs)
    diagnostics = [item for items in found for item in items]
    relative_of = {page.shown: page.relative for page in pages}
    diagnostics = apply_waivers(
        diagnostics, policy, today, relative_of, whole_site=not options.paths
    )
    diagnostics.sort(key=Diagnostic.place)
    notes = [*policy.notes, *selection.notes]
    if options.baseline:
        diagnostics, notes = _without_baseline(diagnostics, notes, policy, cwd)
    return Report(
        today=today,
        files_checked=len(pages),
        diagnostics=diagnostics,
        excluded=selection.excluded,
        notes=notes,
        files=[page.shown for page in pages],
        rules=rule_infos(policy),
    )


def _diagnostics(judged: Judged) -> list[Diagnostic]:
    return judged.diagnostics


def rule_infos(policy: Policy) -> dict[str, RuleInfo]:
    """The engine rules and every pack rule in force, for reporters that describe them."""
    from checker.packs import engine_pack

    found = {
        rule.id: RuleInfo(rule.id, rule.severity, rule.summary, " ".join(rule.why.split()))
        for rule in engine_pack().rules
        if rule.id in policy.engine_rules or rule.id == "config-invalid"
    }
    for rules in policy.types.values():
        for active in rules.rules:
            item = policy.catalogue[active.id].rule
            found.setdefault(
                active.id,
                RuleInfo(
                    active.id, active.severity.value, item.summary, " ".join(item.why.split())
                ),
            )
    return found


def baseline_relative(policy: Policy, cwd: Path) -> Callable[[str], str]:
    """Shown paths as the baseline records them: from the configuration's folder."""

    def relative(shown: str) -> str:
        absolute = Path(os.path.abspath(cwd / shown))
        try:
            return absolute.relative_to(policy.config.base).as_posix()
        except ValueError:
            return shown

    return relative


def _without_baseline(
    diagnostics: list[Diagnostic], notes: list[str], policy: Policy, cwd: Path
) -> tuple[list[Diagnostic], list[str]]:
    from checker import baseline

    recorded = baseline.load(policy.config.base / baseline.BASELINE_NAME)
    if recorded is None:
        return diagnostics, notes
    read = baseline.file_lines()
    relative = baseline_relative(policy, cwd)
    new, still = baseline.split(diagnostics, recorded, relative, lambda p, n: read(str(cwd / p), n))
    if still:
        notes = [
            *notes,
            f"{still} finding(s) recorded in {baseline.BASELINE_NAME} still present, not shown",
        ]
    return new, notes
