"""The audit as text (a terminal summary), HTML (one self-contained page), CSV and JSON.

Each format has its escaping rule (``checker.escape``): text shows control characters as
escapes, takes content as plain text (never as rich markup) and holds no workflow command;
CSV cells are neutralised against formulas; JSON escapes controls; HTML is autoescaped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import TYPE_CHECKING

from checker.escape import XML, csv_cell, inert, json_text, visible
from checker.report import Audit

if TYPE_CHECKING:
    from rich.text import Text

CSV_COLUMNS = (
    "path",
    "title",
    "type",
    "status",
    "section",
    "author",
    "reviewer",
    "reviewed_on",
    "due",
    "days_to_due",
    "overdue",
    "review_problem",
    "last_changed",
    "changed_after_review",
    "errors",
    "warnings",
    "findings",
)


def as_json(audit: Audit, link_template: str | None = None) -> str:
    return json_text(audit.to_json())


def as_csv(audit: Audit, link_template: str | None = None, neutralise: bool = True) -> str:
    """The audit for spreadsheets: with ``neutralise`` (the default) every text cell is
    safe to open (:func:`checker.escape.csv_cell`) and no line is a workflow command;
    without it, every value exactly as found, for programs."""
    buffer = io.StringIO()
    # A raw value may hold a CR, which the csv module quotes only when the line terminator
    # holds one: raw CSV ends its lines with CRLF, as RFC 4180 does.
    writer = csv.writer(buffer, lineterminator="\n" if neutralise else "\r\n")
    writer.writerow(CSV_COLUMNS)
    for article in audit.articles:
        row = asdict(article)
        row["findings"] = "; ".join(
            f"{rule}={count}" for rule, count in sorted(article.findings.items())
        )
        row["changed_after_review"] = "yes" if article.changed_after_review else "no"
        row["overdue"] = "yes" if article.overdue else "no"
        writer.writerow([csv_cell(row[column], neutralise) for column in CSV_COLUMNS])
    return inert(buffer.getvalue()) if neutralise else buffer.getvalue()


def as_html(audit: Audit, link_template: str | None = None) -> str:
    from importlib.resources import files
    from urllib.parse import quote

    from jinja2 import Environment, select_autoescape

    # Every value shows its control characters as escapes before it is autoescaped
    # (markup the template made itself is left as it is).
    environment = Environment(
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=lambda value: visible(value) if type(value) is str else value,
    )
    template = environment.from_string(
        (files("checker") / "templates" / "audit.html.j2").read_text("utf-8")
    )

    def link(path: str) -> str:
        return link_template.replace("{path}", quote(path)) if link_template else quote(path)

    # No line may be a workflow command when the page is printed in a CI log.
    return inert(template.render(audit=audit, site=audit.site, link=link), XML)


def _plain(value: object) -> Text:
    """Content for rich: visible escapes, and never read as markup or emoji codes."""
    from rich.text import Text

    return Text(visible(str(value)))


def as_text(audit: Audit, link_template: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    site = audit.site
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False)
    console.print(_plain(f"Editorial audit as of {audit.today}"))
    console.print(
        f"Compliance: {site['compliance'] * 100:.1f}% "
        f"({site['compliant']} of {site['publishable']} "
        f"publishable articles have no errors); {site['overdue']} reviews overdue, "
        f"{site['due_30_days']} due in 30 days, {site['due_90_days']} in 90; "
        f"{site['changed_after_review']} changed after their review."
    )
    if audit.compared:
        compared = audit.compared
        console.print(
            _plain(
                f"Since {compared['previous']}: {compared['compliance_delta'] * 100:+.1f} points, "
                f"{len(compared['new_findings'])} new findings, "
                f"{len(compared['fixed_findings'])} fixed."
            )
        )
    rules = Table(title="Findings by rule")
    rules.add_column("rule")
    rules.add_column("findings", justify="right")
    for rule, count in site["by_rule"].items():
        rules.add_row(_plain(rule), str(count))
    console.print(rules)
    sections = Table(title="By section")
    for column in ("section", "articles", "with errors", "overdue"):
        sections.add_column(column, justify="left" if column == "section" else "right")
    for name, entry in site["by_section"].items():
        sections.add_row(
            _plain(name), str(entry["articles"]), str(entry["with_errors"]), str(entry["overdue"])
        )
    console.print(sections)
    worst = sorted((a for a in audit.articles if a.errors), key=lambda a: (-a.errors, a.path))[:10]
    if worst:
        offenders = Table(title="Top offenders")
        offenders.add_column("article")
        offenders.add_column("errors", justify="right")
        for article in worst:
            offenders.add_row(_plain(article.path), str(article.errors))
        console.print(offenders)
    for note in audit.notes:
        console.print(_plain(f"note: {note}"))
    output = console.file
    assert isinstance(output, io.StringIO)
    return inert(output.getvalue())


FORMATS = {"text": as_text, "html": as_html, "csv": as_csv, "json": as_json}
