"""The review lifecycle for editors: sign a review off (``edcheck review sign``) and list
the reviews that fall due (``edcheck review due``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from checker.dates import (
    add_interval,
    interval_fits,
    parse_interval,
    parse_iso_date,
    parse_site_date,
    plain_day_format,
)
from checker.diagnostics import Diagnostic, Severity
from checker.discovery import select_files
from checker.documents import DocumentProblem, body_fingerprint, decode, is_blank, parse_document
from checker.errors import UsageError
from checker.frontmatter import FrontMatterProblem, split
from checker.paths import section_of, shown_path
from checker.pipeline import Judged, Options, Page, Session, judge, judge_all, open_session
from checker.record import EditorialRecord, build_record
from checker.registry import people_shown
from checker.report import Due
from checker.signoff import Signature, SignError, SignKeys, sign_text
from checker.writes import ChangedMeanwhile, WriteRefused, rewrite

BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Signed:
    """What happened to one file."""

    shown: str
    signed: bool
    reason: str = ""
    failing: list[Diagnostic] = field(default_factory=list)  # checks that fail after signing
    signature: Signature | None = None
    written: dict[str, str] = field(default_factory=dict)  # the site's keys -> what was written


def sign(
    paths: list[str],
    reviewer: str,
    on: date | None,
    *,
    force: bool,
    options: Options,
    cwd: Path,
    force_write: bool = False,
) -> list[Signed]:
    """Sign each file off as reviewed by ``reviewer`` on ``on`` (default: today), written
    into the site's own keys for the reviewer, the review date and the fingerprint."""
    if not reviewer.strip():
        raise UsageError("--reviewer must name the reviewer")
    session = open_session(options, cwd)
    today = session.today
    when = on or today
    if when > today:
        raise UsageError(f"--on {when.isoformat()} is after today ({today.isoformat()})")
    policy = session.policy
    if policy.model.key("reviewed_on") is None:
        raise UsageError("this site keeps no review date (fields.reviewed_on), so nothing to sign")
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
        results.append(
            _sign_one(
                session, path, shown, Signature(reviewer.strip(), when, ""), force, force_write
            )
        )
    return results


def _sign_keys(record: EditorialRecord) -> SignKeys:
    """The site's keys for the review, as this page writes them (``ms.date`` as one key
    where the page has it so), and the date written as the page writes its review date
    now; a page with no readable date gets the site's first date format that names a day
    and no time of day (``%d/%m/%Y``), else ISO."""
    model = record.model
    by, on, hash_key, due = (
        model.key(name) for name in ("reviewer", "reviewed_on", "review_hash", "review_due")
    )
    data = record.document.data
    literal = frozenset(
        key for key in (by, on, hash_key, due) if key and "." in key and key in data
    )
    date_format = None
    current = record.get("reviewed_on")
    plain = [f for f in model.date_formats if plain_day_format(f)]
    if isinstance(current, str) and parse_iso_date(current) is None:
        matching = [f for f in model.date_formats if parse_site_date(current, (f,))]
        date_format = matching[0] if matching and plain_day_format(matching[0]) else None
        if not matching:
            date_format = plain[0] if plain else None
    elif current is None or is_blank(current):
        date_format = plain[0] if plain else None
    return SignKeys(by, on, hash_key, due, date_format=date_format, literal=literal)


class NoNextDue(Exception):
    """The next review date cannot be written: it falls after 9999-12-31."""


def _next_due(record: EditorialRecord, when: date) -> date | None:
    """The next review date to write, for a site that keeps one per page: ``when`` plus
    the page's own interval (when it can be read and fits the calendar), else its type's.
    Raises :class:`NoNextDue` when that date falls after 9999-12-31."""
    if record.model.key("review_due") is None:
        return None
    interval = parse_interval(record.get("review_interval"))
    if interval is None or not interval_fits(interval):
        interval = (record.due_rules.interval_months, "month")
    try:
        return add_interval(when, interval)
    except OverflowError:
        raise NoNextDue(
            f"the next review ({when.isoformat()} plus {interval[0]} {interval[1]}s) would "
            f"fall after 9999-12-31, so {record.key('review_due')} cannot be written"
        ) from None


def _sign_one(  # noqa: PLR0917
    session: Session,
    path: Path,
    shown: str,
    signature: Signature,
    force: bool,
    force_write: bool = False,
) -> Signed:
    policy = session.policy
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
    try:
        relative = path.resolve().relative_to(policy.config.base).as_posix()
    except ValueError:
        relative = path.name
    document = parse_document(raw, path, shown, max(policy.max_file_size, len(raw)))
    record = build_record(document, relative, policy.model)
    if not record.is_article:
        return Signed(shown, False, "it is not an article (a list page or a snippet)")
    try:
        next_due = _next_due(record, signature.on)
    except NoNextDue as refusal:
        return Signed(shown, False, str(refusal))
    signature = Signature(
        signature.by, signature.on, body_fingerprint(text[front.body_offset :]), next_due
    )
    keys = _sign_keys(record)
    try:
        signed_text = sign_text(text, signature, keys)
    except SignError as error:
        return Signed(shown, False, str(error))
    written = {".".join(path): value for path, value in signature.values(keys).items()}
    data = (BOM if raw.startswith(BOM) else b"") + signed_text.encode("utf-8")
    judged = judge(session, Page(shown, relative, path, data), max(policy.max_file_size, len(data)))
    failing = [item for item in judged.diagnostics if item.severity is Severity.ERROR]
    if failing and not force:
        return Signed(shown, False, "other checks fail", failing, signature)
    try:  # only if it still holds the bytes read and judged (see checker/writes.py)
        rewrite(path, raw, lambda _current: data, force=force_write)
    except ChangedMeanwhile:
        return Signed(shown, False, "the file changed while it was being signed; try again")
    except WriteRefused as refusal:
        return Signed(shown, False, str(refusal))
    except OSError as error:
        return Signed(shown, False, f"cannot write it: {error.strerror or error}")
    return Signed(shown, True, "", failing, signature, written)


def due(options: Options, within_days: int, cwd: Path) -> tuple[date, list[Due]]:
    """Publishable articles whose review is overdue or due within ``within_days`` (and
    those whose review date cannot be read), soonest first."""
    session = open_session(options, cwd)
    selection = select_files(list(options.paths), session.policy, cwd)
    pages = [Page(t.shown, t.relative, t.path) for t in selection.targets]
    entries = judge_all(session, pages, partial(_due_entry, session, within_days), options.jobs)
    found = [entry for entry in entries if entry is not None]
    found.sort(key=lambda item: (item.due is not None, item.due or session.today, item.path))
    return session.today, found


def _due_entry(session: Session, within_days: int, judged: Judged) -> Due | None:
    record = judged.record
    if record is None or not record.is_article or not record.publishable:
        return None
    dates = record.review
    if dates.due is None and dates.problem is None:
        return None  # the page keeps no review facts
    days = record.days_to_due(session.today)
    if days is not None and days > within_days:
        return None
    policy = session.policy
    return Due(
        due=dates.due,
        days=days,
        path=judged.page.shown,
        title=record.title,
        type=record.type,
        reviewer=people_shown(record.get("reviewer"), policy.registry),
        reviewed_on=dates.reviewed_on,
        section=section_of(judged.page.relative, policy.config.config.content.roots),
        overdue=record.overdue(session.today),
        problem=dates.problem or "",
    )
