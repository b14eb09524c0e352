"""``edcheck check --staged``: judge each staged content file as it will be committed
(the index, not the working tree), for the native git hook."""

from __future__ import annotations

from pathlib import Path

from checker.api import rule_infos
from checker.git import Repository
from checker.paths import shown_path
from checker.pipeline import Judged, Options, Page, judge_all, open_session
from checker.report import Report


def check_staged(options: Options, cwd: Path) -> Report:
    repo = Repository(cwd, keep_index=True)
    session = open_session(options, cwd)
    policy = session.policy
    base = policy.config.base
    pages: list[Page] = []
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
        pages.append(Page(shown_path(absolute, cwd), relative, absolute, repo.staged(path)))
    diagnostics = sorted(d for found in judge_all(session, pages, _found) for d in found)
    return Report(
        today=session.today,
        files_checked=len(pages),
        diagnostics=diagnostics,
        excluded=excluded,
        notes=list(policy.notes),
        files=sorted(page.shown for page in pages),
        rules=rule_infos(policy),
    )


def _found(judged: Judged) -> list:  # type: ignore[type-arg]
    return judged.diagnostics
