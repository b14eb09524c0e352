"""The library's entry point: ``check(...)`` returns a report; it never prints or exits."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from checker import version
from checker.config import LoadedConfig, find_config, load_config
from checker.dates import parse_iso_date
from checker.diagnostics import Diagnostic, Severity
from checker.discovery import Target, select_files
from checker.engine import check_file
from checker.errors import UsageError
from checker.paths import shown_path
from checker.policy import Policy
from checker.suppressions import apply_waivers

PARALLEL_THRESHOLD = 400  # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Options:
    paths: Sequence[str] = ()
    config: str | None = None
    today: str | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    packs: Sequence[str] = ()
    jobs: int | None = None
    baseline: bool = True  # leave out the findings recorded in .edcheck-baseline.json


@dataclass(frozen=True)
class RuleInfo:
    """What reporters may say about a rule (SARIF and JUnit describe the rules)."""

    id: str
    severity: str
    summary: str
    why: str


@dataclass(frozen=True)
class Report:
    today: date
    files_checked: int
    diagnostics: list[Diagnostic]
    excluded: int = 0
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # every file checked, as shown
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # the rules in force

    @property
    def errors(self) -> int:
        return sum(1 for item in self.diagnostics if item.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for item in self.diagnostics if item.severity is Severity.WARNING)

    def to_json(self) -> dict[str, object]:
        return {
            "tool": "edcheck",
            "version": version(),
            "today": self.today.isoformat(),
            "files_checked": self.files_checked,
            "summary": {"errors": self.errors, "warnings": self.warnings},
            "diagnostics": [item.to_json() for item in self.diagnostics],
        }


def config_report(error: UsageError) -> Report:
    """The report for a run stopped by an invalid config, pack or schema file."""
    assert error.path is not None
    finding = Diagnostic(
        error.path.replace(os.sep, "/"),
        error.line,
        error.column,
        "config-invalid",
        Severity.ERROR,
        error.message,
    )
    return Report(today=date.today(), files_checked=0, diagnostics=[finding])


def resolve_today(value: str | None) -> date:
    """``--today``, else ``EDCHECK_TODAY``, else the system date."""
    for source, text in (("--today", value), ("EDCHECK_TODAY", os.environ.get("EDCHECK_TODAY"))):
        if text:
            parsed = parse_iso_date(text)
            if parsed is None:
                raise UsageError(f"{source} {text!r} is not a calendar date (YYYY-MM-DD)")
            return parsed
    return date.today()


def locate_config(option: str | None, cwd: Path) -> LoadedConfig:
    if option is not None:
        path = Path(option) if Path(option).is_absolute() else cwd / option
        if not path.is_file():
            raise UsageError(f"config file not found: {option}")
    else:
        found = find_config(cwd)
        if found is None:
            return load_config(None, cwd=cwd)
        path = found
    return load_config(path, shown_path(path.resolve(), cwd.resolve()))


def build_policy(options: Options, cwd: Path) -> Policy:
    config = locate_config(options.config, cwd)
    return Policy(config, select=options.select, ignore=options.ignore, packs=options.packs)


def check(options: Options, cwd: Path | None = None) -> Report:
    """Judge the files named in ``options`` (or the configured content roots)."""
    cwd = cwd or Path.cwd()
    today = resolve_today(options.today)
    policy = build_policy(options, cwd)
    selection = select_files(list(options.paths), policy, cwd)
    targets = selection.targets
    jobs = options.jobs if options.jobs is not None else (os.cpu_count() or 1)
    if jobs > 1 and len(targets) >= PARALLEL_THRESHOLD:
        diagnostics = _check_parallel(targets, policy, options, cwd, today, jobs)
    else:
        diagnostics = [d for target in targets for d in _check_one(target, policy, today)]
    relative_of = {target.shown: target.relative for target in targets}
    diagnostics = apply_waivers(
        diagnostics, policy, today, relative_of, whole_site=not options.paths
    )
    diagnostics.sort()
    notes = list(selection.notes)
    if options.baseline:
        diagnostics, notes = _without_baseline(diagnostics, notes, policy, cwd)
    return Report(
        today=today,
        files_checked=len(targets),
        diagnostics=diagnostics,
        excluded=selection.excluded,
        notes=notes,
        files=[target.shown for target in targets],
        rules=rule_infos(policy),
    )


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


def _check_one(target: Target, policy: Policy, today: date) -> list[Diagnostic]:
    return check_file(target.path, target.shown, target.relative, policy, today)


_worker: tuple[Policy, date] | None = None


def _start_worker(options: Options, cwd: Path, today: date) -> None:
    global _worker
    _worker = (build_policy(options, cwd), today)


def _check_chunk(chunk: list[Target]) -> list[Diagnostic]:
    assert _worker is not None
    policy, today = _worker
    return [d for target in chunk for d in _check_one(target, policy, today)]


def _check_parallel(  # noqa: PLR0917
    targets: list[Target], policy: Policy, options: Options, cwd: Path, today: date, jobs: int
) -> list[Diagnostic]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(50, len(targets) // (jobs * 8))
    chunks = [targets[start : start + size] for start in range(0, len(targets), size)]
    global _worker
    context: Any
    if os.name == "posix":  # forked workers inherit the policy already built
        _worker = (policy, today)
        context = multiprocessing.get_context("fork")
        initializer: Any = None
    else:  # spawned workers build their own
        context = multiprocessing.get_context("spawn")
        initializer = _start_worker
    try:
        with ProcessPoolExecutor(
            jobs, mp_context=context, initializer=initializer, initargs=(options, cwd, today)
        ) as pool:
            return [d for result in pool.map(_check_chunk, chunks) for d in result]
    finally:
        _worker = None
