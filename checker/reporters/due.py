"""The editors' queue (``edcheck review due``): text, CSV, JSON and iCalendar.

Each format has its escaping rule (``checker.escape``): text shows control characters as
escapes and holds no workflow command; CSV cells are neutralised against formulas; JSON
escapes controls; iCalendar drops them."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date

from checker.escape import csv_cell, inert, json_text, visible, without_controls
from checker.report import Due

COLUMNS = (
    "due",
    "days",
    "path",
    "title",
    "type",
    "section",
    "reviewer",
    "reviewed_on",
    "problem",
)


def _when(item: Due) -> str:
    if item.days is None:
        return "date unreadable"
    if item.overdue and item.days == 0:
        return "overdue today"
    if item.days < 0:
        return f"overdue by {-item.days} day{'' if item.days == -1 else 's'}"
    if item.days == 0:
        return "due today"
    return f"due in {item.days} day{'' if item.days == 1 else 's'}"


def text(today: date, items: list[Due]) -> str:
    if not items:
        return "No reviews are overdue or due in that window.\n"
    lines = []
    for item in items:
        reviewer, section = visible(item.reviewer), visible(item.section)
        where = f"({reviewer or 'no reviewer'}{', ' + section if section else ''})"
        path = visible(item.path)
        if item.due is None:
            problem = visible(item.problem)
            lines.append(f"{'??????????':<10}  {_when(item):<20}  {path}: {problem}")
        else:
            lines.append(f"{item.due.isoformat()}  {_when(item):<20}  {path}  {where}")
    overdue = sum(1 for item in items if item.overdue)
    unreadable = sum(1 for item in items if item.due is None)
    coming = len(items) - overdue - unreadable
    summary = f"{len(items)} reviews: {overdue} overdue, {coming} coming up"
    summary += f", {unreadable} with a review date that cannot be read." if unreadable else "."
    lines += ["", summary]
    return inert("\n".join(lines) + "\n")


def _row(item: Due) -> dict[str, str | int | None]:
    return {
        "due": item.due.isoformat() if item.due else None,
        "days": item.days,
        "path": item.path,
        "title": item.title,
        "type": item.type,
        "section": item.section,
        "reviewer": item.reviewer,
        "reviewed_on": item.reviewed_on.isoformat() if item.reviewed_on else None,
        "problem": item.problem or None,
        "overdue": item.overdue,
    }


def as_csv(today: date, items: list[Due], neutralise: bool = True) -> str:
    """The queue for spreadsheets: with ``neutralise`` (the default) every text cell is
    safe to open (:func:`checker.escape.csv_cell`) and no line is a workflow command;
    without it, every value exactly as found, for programs."""
    buffer = io.StringIO()
    # A raw value may hold a CR, which the csv module quotes only when the line terminator
    # holds one: raw CSV ends its lines with CRLF, as RFC 4180 does.
    writer = csv.writer(buffer, lineterminator="\n" if neutralise else "\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        row = _row(item)
        writer.writerow([csv_cell(row[column], neutralise) for column in COLUMNS])
    return inert(buffer.getvalue()) if neutralise else buffer.getvalue()


def as_json(today: date, items: list[Due]) -> str:
    return json_text(
        {"today": today.isoformat(), "reviews": [_row(item) for item in items]}, ensure_ascii=True
    )


def _escape(value: str) -> str:
    """RFC 5545 TEXT: a line break as ``\\n``, every other control character dropped."""
    return (
        without_controls(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded, as RFC 5545 requires."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _basic(day: date) -> str:
    """An iCalendar DATE, ``YYYYMMDD``: four digits of year always (``strftime('%Y')``
    writes the year 5 as ``5`` on glibc)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def as_ics(today: date, items: list[Due]) -> str:
    """The queue as an iCalendar (RFC 5545) file: one all-day event per review on its
    due date (today for a date that cannot be read)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//edcheck//review due//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Reviews due",
    ]
    stamp = f"{_basic(today)}T000000Z"
    for item in items:
        # a review date that cannot be read is an action for today
        day = item.due or today
        uid = hashlib.sha256(f"{item.path}|{day.isoformat()}".encode()).hexdigest()[:32]
        # an all-day event ends the next day; 9999-12-31 has none (iCalendar's years have
        # four digits), and an event without DTEND lasts its one day (RFC 5545 3.6.1)
        end = (
            [f"DTEND;VALUE=DATE:{_basic(date.fromordinal(day.toordinal() + 1))}"]
            if day < date.max
            else []
        )
        reviewed = item.reviewed_on.isoformat() if item.reviewed_on else "unknown"
        description = f"{item.path}; reviewer: {item.reviewer or 'none'}; last reviewed {reviewed}"
        if item.problem:
            description += f"; {item.problem}"
        summary = "Review due: " if item.due else "Review date cannot be read: "
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@edcheck",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_basic(day)}",
            *end,
            f"SUMMARY:{_escape(summary + (item.title or item.path))}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


FORMATS = {"text": text, "csv": as_csv, "json": as_json, "ics": as_ics}
