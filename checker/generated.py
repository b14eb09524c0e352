"""Files generated from the code: docs/rules.md (from the packs) and
schemas/config.schema.json (from the configuration models).

Run ``python -m checker.generated`` in a checkout to rewrite both; a test fails when
either differs from what this module generates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.catalogue import Entry, entries
from checker.config import Config
from checker.packs import builtin_packs, engine_pack, load_pack

HEADER = """\
# Rules

Every diagnostic edcheck reports carries one of these rule ids. This page is generated
from the rule packs (`rules/*.yaml`) by `python -m checker.generated`; the examples on it
are run by the test suite, so each failing example really fails and each passing example
really passes. `edcheck explain RULE` shows the same text in a terminal.

Drafts and `in-review` articles are checked only by the rules marked *any status*;
publishable articles (`approved`, `published`, or no status) by all of them.
Change a rule's severity or parameters in `.edcheck.yaml` (see
[configuration.md](configuration.md)), or skip it with `--ignore RULE`.
"""


def visible(text: str) -> str:
    """Control characters shown as symbols (the NUL byte of an example becomes ␀)."""
    return text.replace("\x00", "\u2400")


def _fence(text: str) -> str:
    return "```markdown\n" + visible(text).rstrip("\n") + "\n```\n"


def _scope(entry: Entry, scope: str) -> str:
    return {"engine": "always on", "ci": "`edcheck ci` only"}.get(entry.kind, scope)


def _section(entry: Entry) -> str:
    rule = entry.rule
    scope = "any status" if rule.when.status == "any" else "publishable articles"
    types = f"; types: {', '.join(rule.when.types)}" if rule.when.types else ""
    kind = "" if entry.kind in ("engine", "ci") else f"; kind `{entry.kind}`"
    lines = [
        f"### `{rule.id}`",
        "",
        f"*{rule.severity}; {_scope(entry, scope)}{types}{kind}*",
        "",
        f"**What:** fires when {rule.summary}.",
        "",
        "**Why:** " + " ".join(rule.why.split()),
        "",
    ]
    if rule.examples.today:
        lines += [f"Examples judged as if today were {rule.examples.today.isoformat()}.", ""]
    for name, content in rule.examples.files.items():
        lines += [f"With `{name}`:", "", "```yaml", content.rstrip("\n"), "```", ""]
    if rule.examples.config:
        lines += [
            "With this `.edcheck.yaml`:",
            "",
            "```yaml",
            rule.examples.config.rstrip("\n"),
            "```",
            "",
        ]
    what = {"config": "`.edcheck.yaml`", "git": "pull request"}.get(
        rule.examples.subject, "article"
    )
    lines += [f"Failing {what}:", "", _fence(rule.examples.fail).rstrip("\n"), ""]
    lines += [f"Passing {what}:", "", _fence(rule.examples.pass_).rstrip("\n"), ""]
    return "\n".join(lines)


def render() -> str:
    parts = [HEADER, "## Contents", ""]
    every = entries()
    for entry in every:
        parts.append(
            f"- [`{entry.id}`](#{entry.id}) ({entry.pack}, {entry.severity}): {entry.summary}"
        )
    parts += ["", "## Engine rules", "", " ".join(engine_pack().description.split()), ""]
    parts += [_section(entry) for entry in every if entry.pack == "engine"]
    parts += ["## CI gate rules", "", " ".join(engine_pack("_ci").description.split()), ""]
    parts += [_section(entry) for entry in every if entry.pack == "ci"]
    for name in builtin_packs():
        loaded = load_pack(name)
        parts += [f"## Pack `{name}`", ""]
        parts += [_section(entry) for entry in every if entry.pack == loaded[0].pack]
    return "\n".join(parts).rstrip("\n") + "\n"


def _schema(model: Any, name: str, title: str) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://edcheck.invalid/schemas/{name}.schema.json",
        "title": title,
        **{key: value for key, value in schema.items() if key != "title"},
    }


def config_schema() -> dict[str, Any]:
    return _schema(Config, "config", "edcheck configuration (.edcheck.yaml)")


def config_schema_text() -> str:
    return json.dumps(config_schema(), indent=2) + "\n"


def registry_schema() -> dict[str, Any]:
    from checker.registry import RegistryFile

    return _schema(RegistryFile, "registry", "edcheck reviewer registry (reviewers.yaml)")


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    (root / "docs" / "rules.md").write_text(render(), encoding="utf-8")
    (root / "schemas" / "config.schema.json").write_text(config_schema_text(), encoding="utf-8")
    registry = json.dumps(registry_schema(), indent=2) + "\n"
    (root / "schemas" / "registry.schema.json").write_text(registry, encoding="utf-8")


if __name__ == "__main__":
    main()
