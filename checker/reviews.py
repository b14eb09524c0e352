"""The review lifecycle for editors: sign a review off (``edcheck review sign``) and list
the reviews that fall due (``edcheck review due``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.api import Options, build_policy, resolve_today
from checker.dates import parse_iso_date
from checker.diagnostics import Diagnostic, Severity
from checker.discovery import select_files
from checker.documents import (
    DocumentProblem,
    body_fingerprint,
    decode,
    parse_document,
    read_document,
)
from checker.engine import check_document
from checker.errors import UsageError
from checker.frontmatter import FrontMatterProblem, split
from checker.kinds.dates import due_date
from checker.paths import section_of, shown_path
from checker.policy import Policy
from checker.registry import people_shown
from checker.signoff import Signature, SignError, sign_text
from checker.writes import write_atomic

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Signed:
    """What happened to one file."""

    shown: str
    signed: bool
    reason: str = ""
    failing: list[Diagnostic] = field(default_factory=list)  # checks that fail after signing
    signature: Signature | None = None


def sign(
    paths: list[str], reviewer: str, on: str | None, *, force: bool, options: Options, cwd: Path
) -> list[Signed]:
    if not reviewer.strip():
        raise UsageError("--reviewer must name the reviewer")
    today = resolve_today(options.today)
    when = today if on is None else parse_iso_date(on)
    if when is None:
        raise UsageError(f"--on {on!r} is not a calendar date (YYYY-MM-DD)")
    if when > today:
        raise UsageError(f"--on {when.isoformat()} is after today ({today.isoformat()})")
    policy = build_policy(options, cwd)
    if policy.registry is not None:
        registered = policy.registry.find(reviewer)
        if registered is None:
            raise UsageError(
                f"{reviewer!r} is not in the reviewer registry ({policy.registry.shown})"
            )
        reviewer = registered.id
    results = []
    for name in paths:
        path = Path(name) if Path(name).is_absolute() else cwd / name
        shown = shown_path(path, cwd)
        if not path.is_file() or path.is_symlink():
            results.append(Signed(shown, False, "not a regular file"))
            continue
        results.append(_sign_one(path, shown, reviewer.strip(), when, force, policy, today))
    return results


def _sign_one(  # noqa: PLR0917
    path: Path, shown: str, reviewer: str, when: date, force: bool, policy: Policy, today: date
) -> Signed:
    try:
        raw = path.read_bytes()
        text = decode(raw)
        front = split(text)
    except OSError as error:
        return Signed(shown, False, f"cannot read it: {error.strerror}")
    except (DocumentProblem, FrontMatterProblem) as problem:
        return Signed(shown, False, f"line {problem.line}: {problem.message}")
    if front is None:
        return Signed(shown, False, "it has no front matter")
    signature = Signature(reviewer, when, body_fingerprint(text[front.body_offset :]))
    try:
        signed_text = sign_text(text, signature)
    except SignError as error:
        return Signed(shown, False, str(error))
    data = (BOM if raw.startswith(BOM) else b"") + signed_text.encode("utf-8")
    try:
        relative = path.resolve().relative_to(policy.config.base).as_posix()
    except ValueError:
        relative = path.name
    document = parse_document(data, path, shown, max(policy.max_file_size, len(data)))
    failing = [
        item
        for item in check_document(document, relative, policy, today)
        if item.severity is Severity.ERROR
    ]
    if failing and not force:
        return Signed(shown, False, "other checks fail", failing, signature)
    if path.read_bytes() != raw:
        return Signed(shown, False, "the file changed while it was being signed; try again")
    try:
        write_atomic(path, ("\ufeff" if raw.startswith(BOM) else "") + signed_text)
    except OSError as error:
        return Signed(shown, False, f"cannot write it: {error.strerror or error}")
    return Signed(shown, True, "", failing, signature)


@dataclass(frozen=True)
class Due:
    """A review that is overdue or falls due soon."""

    due: date
    days: int  # days from today to the due date (negative: overdue)
    path: str
    title: str
    type: str
    reviewer: str
    reviewed_on: date
    section: str


def due(options: Options, within_days: int, cwd: Path) -> tuple[date, list[Due]]:
    """Publishable articles whose review is overdue or due within ``within_days``."""
    today = resolve_today(options.today)
    policy = build_policy(options, cwd)
    found: list[Due] = []
    roots = policy.config.config.content.roots
    for target in select_files(list(options.paths), policy, cwd).targets:
        try:
            document = read_document(target.path, target.shown, policy.max_file_size)
        except DocumentProblem:
            continue
        rules = policy.types.get(document.type or "article")
        reviewed_on = document.get("reviewed.on")
        reviewed = parse_iso_date(reviewed_on) if isinstance(reviewed_on, str) else None
        if rules is None or reviewed is None or not document.publishable:
            continue
        try:
            when = due_date(reviewed, rules.cycle.interval_months)
        except OverflowError:
            continue
        days = (when - today).days
        if days > within_days:
            continue
        title = document.get("title")
        reviewer = people_shown(document.get("reviewed.by"), policy.registry)
        found.append(
            Due(
                due=when,
                days=days,
                path=target.shown,
                title=title if isinstance(title, str) else "",
                type=document.type or "article",
                reviewer=reviewer,
                reviewed_on=reviewed,
                section=section_of(target.relative, roots),
            )
        )
    found.sort(key=lambda item: (item.due, item.path))
    return today, found
