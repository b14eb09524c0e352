"""The editors' queue (``edcheck review due``): text, CSV, JSON and iCalendar."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date

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
        where = f"({item.reviewer or 'no reviewer'}{', ' + item.section if item.section else ''})"
        if item.due is None:
            lines.append(f"{'??????????':<10}  {_when(item):<20}  {item.path}: {item.problem}")
        else:
            lines.append(f"{item.due.isoformat()}  {_when(item):<20}  {item.path}  {where}")
    overdue = sum(1 for item in items if item.overdue)
    unreadable = sum(1 for item in items if item.due is None)
    coming = len(items) - overdue - unreadable
    summary = f"{len(items)} reviews: {overdue} overdue, {coming} coming up"
    summary += f", {unreadable} with a review date that cannot be read." if unreadable else "."
    lines += ["", summary]
    return "\n".join(lines) + "\n"


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


def as_csv(today: date, items: list[Due]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(_row(item) for item in items)
    return buffer.getvalue()


def as_json(today: date, items: list[Due]) -> str:
    return (
        json.dumps(
            {"today": today.isoformat(), "reviews": [_row(item) for item in items]}, indent=2
        )
        + "\n"
    )


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
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


def as_ics(today: date, items: list[Due]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//edcheck//review due//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Reviews due",
    ]
    stamp = today.strftime("%Y%m%dT000000Z")
    for item in items:
        # a review date that cannot be read is an action for today
        day = item.due or today
        uid = hashlib.sha256(f"{item.path}|{day.isoformat()}".encode()).hexdigest()[:32]
        end = date.fromordinal(day.toordinal() + 1)
        reviewed = item.reviewed_on.isoformat() if item.reviewed_on else "unknown"
        description = f"{item.path}; reviewer: {item.reviewer or 'none'}; last reviewed {reviewed}"
        if item.problem:
            description += f"; {item.problem}"
        summary = "Review due: " if item.due else "Review date cannot be read: "
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@edcheck",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary + (item.title or item.path))}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


FORMATS = {"text": text, "csv": as_csv, "json": as_json, "ics": as_ics}
