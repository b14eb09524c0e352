"""``edcheck check --staged``: judge each staged content file as it will be committed
(the index, not the working tree), for the native git hook."""

from __future__ import annotations

from pathlib import Path

from checker.api import Options, Report, build_policy, resolve_today, rule_infos
from checker.diagnostics import Diagnostic
from checker.documents import DocumentProblem, parse_document
from checker.engine import check_document, unreadable
from checker.git import Repository
from checker.paths import shown_path


def check_staged(options: Options, cwd: Path) -> Report:
    repo = Repository(cwd, keep_index=True)
    today = resolve_today(options.today)
    policy = build_policy(options, cwd)
    base = policy.config.base
    diagnostics: list[Diagnostic] = []
    files: list[str] = []
    excluded = 0
    for path in repo.staged_files():
        absolute = repo.root / path
        try:
            relative = absolute.relative_to(base).as_posix()
        except ValueError:
            continue  # outside the configuration's folder
        if not policy.include(relative):
            continue
        if policy.exclude(relative):
            excluded += 1
            continue
        shown = shown_path(absolute, cwd)
        raw = repo.staged(path)
        if raw is None:
            continue
        files.append(shown)
        try:
            document = parse_document(raw, absolute, shown, policy.max_file_size)
        except DocumentProblem as failure:
            diagnostics.extend(unreadable(policy, shown, failure))
            continue
        diagnostics.extend(check_document(document, relative, policy, today))
    diagnostics.sort()
    return Report(
        today=today,
        files_checked=len(files),
        diagnostics=diagnostics,
        excluded=excluded,
        files=sorted(files),
        rules=rule_infos(policy),
    )
