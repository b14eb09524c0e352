"""The review lifecycle for editors: sign a review off (``edcheck review sign``) and list
the reviews that fall due (``edcheck review due``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from checker.dates import month_precision, parse_iso_date, parse_site_date
from checker.diagnostics import Diagnostic, Severity
from checker.discovery import select_files
from checker.documents import DocumentProblem, body_fingerprint, decode, parse_document
from checker.errors import UsageError
from checker.frontmatter import FrontMatterProblem, split
from checker.paths import section_of, shown_path
from checker.pipeline import Judged, Options, Page, Session, judge, judge_all, open_session
from checker.policy import Policy
from checker.record import build_record
from checker.registry import people_shown
from checker.report import Due
from checker.signoff import Signature, SignError, SignKeys, sign_text
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
    paths: list[str], reviewer: str, on: date | None, *, force: bool, options: Options, cwd: Path
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
            _sign_one(session, path, shown, Signature(reviewer.strip(), when, ""), force)
        )
    return results


def _sign_keys(policy: Policy, text: str, relative: str, path: Path) -> SignKeys:
    """The site's keys, and the review date written as the page writes its date now; a
    page with no readable date gets the site's first date format that names a day and no
    time (``%d/%m/%Y``), else ISO."""
    model = policy.model
    date_format = None
    if model.date_formats:
        current = None
        try:
            document = parse_document(text.encode("utf-8"), path, "", len(text.encode()) + 1)
            current = build_record(document, relative, model).get("reviewed_on")
        except DocumentProblem:
            pass
        if isinstance(current, str) and parse_iso_date(current) is not None:
            date_format = None  # the page writes ISO: keep it
        elif isinstance(current, str) and parse_site_date(current, model.date_formats):
            date_format = next(
                (f for f in model.date_formats if parse_site_date(current, (f,)) is not None),
                None,
            )
        else:
            date_format = next((f for f in model.date_formats if _plain_day_format(f)), None)
    return SignKeys(
        by=model.key("reviewer"),
        on=model.key("reviewed_on"),
        hash=model.key("review_hash"),
        date_format=date_format,
    )


def _plain_day_format(date_format: str) -> bool:
    """A format that writes a calendar day and nothing of the time of day."""
    return not month_precision(date_format) and not any(
        code in date_format for code in ("%H", "%I", "%M", "%S", "%f", "%p", "%z", "%Z")
    )


def _sign_one(
    session: Session, path: Path, shown: str, signature: Signature, force: bool
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
    signature = Signature(signature.by, signature.on, body_fingerprint(text[front.body_offset :]))
    try:
        relative = path.resolve().relative_to(policy.config.base).as_posix()
    except ValueError:
        relative = path.name
    try:
        signed_text = sign_text(text, signature, _sign_keys(policy, text, relative, path))
    except SignError as error:
        return Signed(shown, False, str(error))
    data = (BOM if raw.startswith(BOM) else b"") + signed_text.encode("utf-8")
    judged = judge(session, Page(shown, relative, path, data), max(policy.max_file_size, len(data)))
    failing = [item for item in judged.diagnostics if item.severity is Severity.ERROR]
    if failing and not force:
        return Signed(shown, False, "other checks fail", failing, signature)
    if path.read_bytes() != raw:
        return Signed(shown, False, "the file changed while it was being signed; try again")
    try:
        write_atomic(path, ("\ufeff" if raw.startswith(BOM) else "") + signed_text)
    except OSError as error:
        return Signed(shown, False, f"cannot write it: {error.strerror or error}")
    return Signed(shown, True, "", failing, signature)


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
