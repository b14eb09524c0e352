"""The editorial record: one page's editorial facts, read once through the site's model.

Every rule kind, ``review due``, ``audit``, ``review sign`` and the pull-request gate read
a page through its record, so that they can never disagree about what a page says: its
type and status, who wrote and reviewed it and when, when its next review falls due, and
where each fact stands in the file (or would be added).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any, NamedTuple

from checker.dates import (
    Interval,
    add_interval,
    add_months,
    interval_fits,
    last_day_of_month,
    parse_interval,
)
from checker.dates import parse_site_date as _parse_date
from checker.documents import PUBLISHABLE, Document, FieldPath, dotted, is_blank
from checker.model import DEFAULT_TYPE, DueRules, EditorialModel
from checker.people import people
from checker.spelling import as_written, spelled

_ABSENT = object()


class Fact(NamedTuple):
    """One fact of a page: the site's key for it, its value and where it came from.

    ``origin``: ``page`` (the front matter), ``default`` (the site's ``defaults``),
    ``site`` (the generator's site-wide value, e.g. tech-docs' ``default_owner_slack``)
    or ``absent``. Where it stands in the file: :meth:`EditorialRecord.position`. (A
    named tuple: a page reads dozens of facts, and these are built fastest.)
    """

    name: str
    key: str | None
    value: Any
    origin: str

    @property
    def present(self) -> bool:
        return self.origin != "absent"

    @property
    def blank(self) -> bool:
        return is_blank(self.value)


class ReviewDates(NamedTuple):
    """When a page was last reviewed and when its next review falls due.

    ``due`` is read from the page (the site's ``review_due`` key) or computed from the
    review date and the interval (the page's own, else its type's). A review date that
    gives only a month (``%B %Y``) counts from the month's last day. ``problem`` says why
    there is no due date although the page keeps review facts (a date that matches none
    of the site's formats, an interval that cannot be read or that is longer than the
    calendar). ``never_due``: the due date would fall after 9999-12-31 (``9999-12-01``
    plus a year, a common "never" sentinel): there is no due date, the page is never
    overdue or due soon, and nothing is wrong with it (the tech-docs gem agrees).
    """

    reviewed_on: date | None = None
    interval: Interval | None = None
    due: date | None = None
    due_read: bool = False
    problem: str | None = None
    never_due: bool = False


@dataclass(frozen=True)
class EditorialRecord:
    """A page's editorial facts. Build it with :func:`build_record`."""

    document: Document
    relative: str  # the page's path for the configuration's globs
    model: EditorialModel
    type: str
    type_given: bool  # False: the default type, because the page names none
    status: str
    publishable: bool
    is_article: bool
    due_rules: DueRules = field(default_factory=DueRules)
    # facts are read when first asked for: most rules ask for a few of them
    _read: dict[str, Fact] = field(default_factory=dict, compare=False, repr=False)
    _dates: dict[str, tuple[date, bool] | None] = field(
        default_factory=dict, compare=False, repr=False
    )

    # -- any fact or front-matter key ----------------------------------------------------
    def key(self, name: str) -> str:
        """The site's key for a fact (the fact's name when the site keeps none)."""
        return self.model.key(name) or name

    def fact(self, name: str) -> Fact:
        """A fact by name (``reviewed_on``), or any front-matter key (dotted) as a fact of
        its own; read from the page, else the site's ``defaults``, else the site-wide value."""
        found = self._read.get(name)
        if found is None:
            key = self.model.fields.get(name, name)
            found = _read_fact(self.document, self.model, name, key, self.relative)
            self._read[name] = found
        return found

    def kept(self, name: str) -> bool:
        """False for a fact the site does not keep (``fields: {published: null}``) and
        gives no site-wide value for: no rule may demand it."""
        found = self.fact(name)
        return found.key is not None or found.origin == "site"

    def get(self, name: str) -> Any:
        found = self._read.get(name)
        return (found if found is not None else self.fact(name)).value

    def has(self, name: str) -> bool:
        return self.fact(name).present

    def path(self, name: str) -> FieldPath:
        """The front-matter path of a fact's key: ``("reviewed", "on")``, or ``("ms.date",)``
        for a key with a dot in its own name; ``()`` for a fact the site does not keep."""
        key = self.model.fields.get(name, name)
        if key is None:
            return ()
        if (
            "." in key
            and key in self.document.data
            and _lookup(self.document.data, key) is (self.document.data[key])
        ):
            return (key,)  # a key with a dot in its own name
        return dotted(key)

    def position(self, name: str) -> tuple[int, int]:
        """1-based line and column of a fact's key, or where it would be added."""
        return self.document.position(self.path(name))

    def written(self, name: str) -> str:
        """A fact's value for a message: its text as the page writes it (``0306406152``,
        ``false``, ``"2019-02-30"``), else as YAML spells it; ``empty`` for no value
        (see :mod:`checker.spelling`). A value from the site's defaults is spelled."""
        found = self.fact(name)
        if found.origin == "page":
            return as_written(self.document, self.path(name), found.value)
        return spelled(found.value)

    def _parsed(self, name: str) -> tuple[date, bool] | None:
        if name not in self._dates:
            self._dates[name] = _parse_date(self.get(name), self.model.date_formats)
        return self._dates[name]

    def date_of(self, name: str) -> date | None:
        """A date fact or key read with the site's formats; ``None`` if absent or unreadable."""
        parsed = self._parsed(name)
        return parsed[0] if parsed else None

    def date_readable(self, name: str) -> bool:
        """Blank or absent, or a date in ISO or one of the site's formats."""
        return self._parsed(name) is not None or is_blank(self.get(name))

    # -- people --------------------------------------------------------------------------
    @property
    def authors(self) -> list[str]:
        return _people(self.get("author"))

    @property
    def reviewers(self) -> list[str]:
        return _people(self.get("reviewer"))

    @property
    def title(self) -> str:
        value = self.get("title")
        return value.strip() if isinstance(value, str) else ""

    # -- the review cycle ----------------------------------------------------------------
    @cached_property
    def review(self) -> ReviewDates:
        return _review_dates(self)

    def days_to_due(self, today: date) -> int | None:
        due = self.review.due
        return (due - today).days if due is not None else None

    def overdue(self, today: date) -> bool:
        """Past the due date (or on it, where the site's rule says so, as tech-docs does);
        a review dated after today is never overdue."""
        dates = self.review
        if dates.due is None or (dates.reviewed_on is not None and dates.reviewed_on > today):
            return False
        return today >= dates.due if self.due_rules.overdue_on_due_date else today > dates.due

    def due_soon(self, today: date) -> bool:
        """Not yet overdue, and due within the warning window."""
        dates = self.review
        if dates.due is None or self.overdue(today):
            return False
        if dates.reviewed_on is not None and dates.reviewed_on > today:
            return False
        if dates.due < today:
            return False
        rules = self.due_rules
        try:
            if rules.warn_months:
                limit = add_months(today, rules.warn_months)
            else:
                limit = today + timedelta(days=rules.warn_days)
        except (OverflowError, ValueError):
            return True
        return dates.due <= limit


def _people(value: object) -> list[str]:
    return [name for name in people(value) if name.strip()]


def _lookup(data: Any, key: str) -> Any:
    """The value at a dotted key, nested (``reviewed.on``) or, failing that, a key with a
    dot in its own name (DocFX's ``ms.date``)."""
    node = data
    for part in dotted(key):
        if not isinstance(node, dict) or part not in node:
            if "." in key and isinstance(data, dict) and key in data:
                return data[key]
            return _ABSENT
        node = node[part]
    return node


def _default_value(document: Document, model: EditorialModel, key: str, relative: str) -> Any:
    for default in model.defaults:
        if default.paths(relative):
            found = _lookup(default.values, key)
            if found is not _ABSENT:
                return found
    return _ABSENT


def _read_fact(
    document: Document, model: EditorialModel, name: str, key: str | None, relative: str = ""
) -> Fact:
    if key is not None:
        value = _lookup(document.data, key)
        if value is not _ABSENT:
            return Fact(name, key, value, "page")
        if model.defaults:
            value = _default_value(document, model, key, relative)
            if value is not _ABSENT:
                return Fact(name, key, value, "default")
    site = model.site_values.get(name, _ABSENT)
    if site is not _ABSENT:
        return Fact(name, key, site, "site")
    return Fact(name, key, None, "absent")


def build_record(document: Document, relative: str, model: EditorialModel) -> EditorialRecord:
    """Read a page's facts through the site's model: its own front matter first, then the
    site's ``defaults`` for its path, then site-wide values from the generator."""
    read = {
        name: _read_fact(document, model, name, model.fields[name], relative)
        for name in ("type", "status")
    }

    def lookup(key: str) -> Any:
        value = _lookup(document.data, key)
        if value is _ABSENT:
            value = _default_value(document, model, key, relative)
        return None if value is _ABSENT else value

    type_fact = read["type"]
    given = type_fact.present and isinstance(type_fact.value, str) and bool(type_fact.value.strip())
    type_name = type_fact.value.strip() if given else DEFAULT_TYPE
    status_value = read["status"].value
    if isinstance(status_value, str) and status_value.strip():
        status = status_value.strip()
    elif lookup("draft") is True:
        status = "draft"  # Hugo's and Docusaurus' draft flag
    else:
        status = "published"
    publishable = status in PUBLISHABLE
    if publishable and model.not_publishable.picks(relative, lookup):
        status, publishable = "draft", False
    return EditorialRecord(
        document=document,
        relative=relative,
        model=model,
        type=type_name,
        type_given=given,
        status=status,
        publishable=publishable,
        is_article=not model.not_articles.picks(relative, lookup),
        due_rules=model.due_rules_for(type_name),
        _read=read,
    )


def _review_dates(record: EditorialRecord) -> ReviewDates:
    formats = record.model.date_formats
    fields = record.model.fields
    due_fact = record.fact("review_due") if fields.get("review_due") else None
    if due_fact is not None and due_fact.present and not due_fact.blank:
        read = _parse_date(due_fact.value, formats)
        if read is None:
            shown = record.written("review_due")
            return ReviewDates(
                reviewed_on=record.date_of("reviewed_on"),
                problem=f"{record.key('review_due')} is {shown}, not a date",
            )
        if read is not None:
            day, month_only = read
            return ReviewDates(
                reviewed_on=record.date_of("reviewed_on"),
                due=last_day_of_month(day) if month_only else day,
                due_read=True,
            )
    reviewed_fact = record.fact("reviewed_on")
    if not reviewed_fact.present or reviewed_fact.blank:
        return ReviewDates()
    parsed = record._parsed("reviewed_on")
    if parsed is None:
        shown = record.written("reviewed_on")
        return ReviewDates(problem=f"{record.key('reviewed_on')} is {shown}, not a date")
    reviewed, month_only = parsed
    start = last_day_of_month(reviewed) if month_only else reviewed
    interval: Interval | None = (record.due_rules.interval_months, "month")
    interval_fact = record.fact("review_interval")
    if interval_fact.origin != "absent" and not is_blank(interval_fact.value):
        interval = parse_interval(interval_fact.value)
        if interval is None or not interval_fits(interval):
            shown = record.written("review_interval")
            what = "not an interval" if interval is None else "longer than the calendar"
            problem = f"{record.key('review_interval')} is {shown}, {what}"
            return ReviewDates(reviewed_on=reviewed, problem=problem)
    elif record.due_rules.page_interval_required:
        problem = f"{record.key('review_interval')} is missing"
        return ReviewDates(reviewed_on=reviewed, problem=problem)
    assert interval is not None
    try:
        due = add_interval(start, interval)
    except OverflowError:  # after 9999-12-31: never due
        return ReviewDates(reviewed_on=reviewed, interval=interval, never_due=True)
    return ReviewDates(reviewed_on=reviewed, interval=interval, due=due)
