"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps)."""

from __future__ import annotations

from urllib.parse import quote

from checker import version
from checker.escape import json_text
from checker.report import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/edcheck/edcheck"

# The URI base every result's ``artifactLocation`` names (``uriBaseId``), defined in
# ``run.originalUriBaseIds`` (SARIF 2.1.0 section 3.14.14). Its ``uri`` is left out: an
# artifactLocation there may have none (the base is then for the consumer to supply,
# as code-scanning uploads do with the checkout), and the folder's absolute path would
# name the machine's user and folders in a report that is shared.
BASE_ID = "SRCROOT"
ORIGINAL_URI_BASE_IDS = {
    BASE_ID: {
        "description": {"text": "The folder edcheck ran in: every result's uri is relative to it."}
    }
}


def artifact_uri(path: str) -> str:
    """A shown path (relative, ``/``-separated) as the relative URI reference SARIF's
    ``artifactLocation.uri`` must hold (RFC 3986, SARIF 2.1.0 section 3.4.3): each segment
    percent-encoded as UTF-8, only the unreserved characters (``A-Z a-z 0-9 - . _ ~``)
    kept, ``/`` kept as the separator. ``Sleep Advice/night #1.md`` becomes
    ``Sleep%20Advice/night%20%231.md``; a ``:`` is encoded too, so that no first segment
    can read as a scheme."""
    return quote(path, safe="/", encoding="utf-8", errors="surrogateescape")


def render(report: Report, colour: bool) -> str:
    """``report`` as a SARIF 2.1.0 log (JSON text): one run, each rule in force described,
    one result per diagnostic with its file as a URI relative to ``SRCROOT``. ``colour``
    is ignored (SARIF is for programs)."""
    fired = sorted({item.rule for item in report.diagnostics} | set(report.rules))
    index = {rule_id: number for number, rule_id in enumerate(fired)}
    rules = []
    for rule_id in fired:
        info = report.rules.get(rule_id)
        summary = info.summary if info else rule_id
        why = info.why if info else summary
        level = "warning" if info and info.severity == "warning" else "error"
        rules.append(
            {
                "id": rule_id,
                "name": rule_id,
                "shortDescription": {"text": f"Fires when {summary}."},
                "fullDescription": {"text": why},
                "help": {
                    "text": f"{why} Run `edcheck explain {rule_id}` for examples.",
                    "markdown": (
                        f"{why}\n\nRun `edcheck explain {rule_id}` for a failing and a "
                        "passing example."
                    ),
                },
                "helpUri": f"{HOME}/blob/main/docs/rules.md#{rule_id}",
                "defaultConfiguration": {"level": level},
            }
        )
    results = [
        {
            "ruleId": item.rule,
            "ruleIndex": index[item.rule],
            "level": item.severity.value,
            "message": {"text": item.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": artifact_uri(item.path),
                            "uriBaseId": BASE_ID,
                        },
                        "region": {"startLine": item.line, "startColumn": item.column},
                    }
                }
            ],
        }
        for item in report.diagnostics
    ]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "edcheck",
                        "version": version(),
                        "informationUri": HOME,
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": f"edcheck/{report.today.isoformat()}"},
                "originalUriBaseIds": ORIGINAL_URI_BASE_IDS,
                "results": results,
            }
        ],
    }
    return json_text(document)
