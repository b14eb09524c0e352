"""The audit as text (a terminal summary), HTML (one self-contained page), CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from checker.report import Audit

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
    return json.dumps(audit.to_json(), indent=2, ensure_ascii=False) + "\n"


def as_csv(audit: Audit, link_template: str | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for article in audit.articles:
        row = asdict(article)
        row["findings"] = "; ".join(
            f"{rule}={count}" for rule, count in sorted(article.findings.items())
        )
        row["changed_after_review"] = "yes" if article.changed_after_review else "no"
        row["overdue"] = "yes" if article.overdue else "no"
        writer.writerow(
            {column: "" if row[column] is None else row[column] for column in CSV_COLUMNS}
        )
    return buffer.getvalue()


def as_html(audit: Audit, link_template: str | None = None) -> str:
    from importlib.resources import files
    from urllib.parse import quote

    from jinja2 import Environment, select_autoescape

    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = environment.from_string(
        (files("checker") / "templates" / "audit.html.j2").read_text("utf-8")
    )

    def link(path: str) -> str:
        return link_template.replace("{path}", quote(path)) if link_template else quote(path)

    return template.render(audit=audit, site=audit.site, link=link)


def as_text(audit: Audit, link_template: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    site = audit.site
    console = Console(file=io.StringIO(), width=100, color_system=None, force_terminal=False)
    console.print(f"Editorial audit as of {audit.today}")
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
            f"Since {compared['previous']}: {compared['compliance_delta'] * 100:+.1f} points, "
            f"{len(compared['new_findings'])} new findings, "
            f"{len(compared['fixed_findings'])} fixed."
        )
    rules = Table(title="Findings by rule")
    rules.add_column("rule")
    rules.add_column("findings", justify="right")
    for rule, count in site["by_rule"].items():
        rules.add_row(rule, str(count))
    console.print(rules)
    sections = Table(title="By section")
    for column in ("section", "articles", "with errors", "overdue"):
        sections.add_column(column, justify="left" if column == "section" else "right")
    for name, entry in site["by_section"].items():
        sections.add_row(
            name, str(entry["articles"]), str(entry["with_errors"]), str(entry["overdue"])
        )
    console.print(sections)
    worst = sorted((a for a in audit.articles if a.errors), key=lambda a: (-a.errors, a.path))[:10]
    if worst:
        offenders = Table(title="Top offenders")
        offenders.add_column("article")
        offenders.add_column("errors", justify="right")
        for article in worst:
            offenders.add_row(article.path, str(article.errors))
        console.print(offenders)
    for note in audit.notes:
        console.print(f"note: {note}")
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


FORMATS = {"text": as_text, "html": as_html, "csv": as_csv, "json": as_json}
