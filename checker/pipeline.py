"""One pipeline for every command: a session built once (today, policy, model), pages
from any source (the working tree, the index, a commit), and one judgement per page that
gives its editorial record and its diagnostics.

``check``, ``check --staged``, ``ci``, ``audit``, ``review due``, ``review sign`` and
``baseline`` all judge pages here, so they cannot disagree about a page.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from checker.config import LoadedConfig, find_config, load_config
from checker.diagnostics import Diagnostic
from checker.documents import DocumentProblem, parse_document, read_document
from checker.engine import judge_document, unreadable
from checker.errors import UsageError
from checker.paths import shown_path
from checker.policy import Policy
from checker.record import EditorialRecord

PARALLEL_THRESHOLD = 400  # below this, starting workers costs more than it saves
T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """What a caller asks of a run (the CLI has parsed and checked each option)."""

    paths: Sequence[str] = ()
    config: str | None = None
    today: date | None = None  # None: the system date
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    packs: Sequence[str] = ()
    jobs: int | None = None
    baseline: bool = True  # leave out the findings recorded in .edcheck-baseline.json


@dataclass(frozen=True)
class Session:
    """One run's inputs, built once: today, the policy (configuration, packs, schemas and
    the site's editorial model) and the folder paths are shown from."""

    today: date
    policy: Policy
    cwd: Path


def locate_config(option: str | None, cwd: Path) -> LoadedConfig:
    """``--config``, else ``.edcheck.yaml`` found from ``cwd`` up to the git root, else
    the defaults. Raises ``UsageError`` for a missing or invalid file."""
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


def open_session(options: Options, cwd: Path) -> Session:
    """The session for a run in ``cwd``. Raises ``UsageError`` for bad configuration."""
    return Session(options.today or date.today(), build_policy(options, cwd), cwd)


@dataclass(frozen=True)
class Page:
    """A file to judge: how it is shown, its path for the configuration's globs, and
    where it comes from (``data``: its bytes from git; ``None``: read ``path``)."""

    shown: str
    relative: str
    path: Path
    data: bytes | None = None


@dataclass(frozen=True)
class Judged:
    """One page judged: its record (``None`` when it could not be read or has no front
    matter) and its diagnostics, before waivers and the baseline."""

    page: Page
    record: EditorialRecord | None
    diagnostics: list[Diagnostic]


def judge(session: Session, page: Page, max_bytes: int | None = None) -> Judged:
    """Read and judge one page (``max_bytes``: the size limit, if not the policy's)."""
    policy = session.policy
    limit = max_bytes or policy.max_file_size
    units = policy.config.config.max_body_units
    try:
        if page.data is None:
            document = read_document(page.path, page.shown, limit, units)
        else:
            document = parse_document(page.data, page.path, page.shown, limit, units)
    except DocumentProblem as failure:
        return Judged(page, None, unreadable(policy, page.shown, failure))
    record, found = judge_document(document, page.relative, policy, session.today)
    return Judged(page, record, found)


_worker: tuple[Session, Callable[[Judged], Any]] | None = None


def worker_count(jobs: int | None) -> int:
    """How many worker processes ``--jobs`` gives: at most one per core (``--jobs 1000``
    forks no more than the machine has cores); default, every core."""
    cores = os.cpu_count() or 1
    return max(1, min(jobs, cores)) if jobs is not None else cores


def _chunks(pages: Sequence[Page], jobs: int | None) -> list[list[Page]]:
    """Pages in chunks for the workers (one chunk below the parallel threshold)."""
    if len(pages) < PARALLEL_THRESHOLD or worker_count(jobs) <= 1:
        return [list(pages)]
    size = max(50, len(pages) // (worker_count(jobs) * 8))
    return [list(pages[start : start + size]) for start in range(0, len(pages), size)]


def _chunk(chunk: list[Page]) -> list[Any]:
    assert _worker is not None
    session, keep = _worker
    return [keep(judge(session, page)) for page in chunk]


def judge_all(
    session: Session, pages: Sequence[Page], keep: Callable[[Judged], T], jobs: int | None = None
) -> list[T]:
    """``keep(judge(page))`` for every page, in order. Large runs use forked workers
    (``jobs``, at most the number of cores and of chunks; default: every core), which
    inherit the session already built and send back only what ``keep`` keeps; elsewhere
    than POSIX the run is serial."""
    chunks = _chunks(pages, jobs)
    workers = min(len(chunks), worker_count(jobs))
    if workers <= 1 or os.name != "posix":
        return [keep(judge(session, page)) for page in pages]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    _worker = (session, keep)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [kept for found in pool.map(_chunk, chunks) for kept in found]
    finally:
        _worker = None
