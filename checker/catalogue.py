"""The rule catalogue: ``edcheck rules`` and ``edcheck explain``."""

from __future__ import annotations

from dataclasses import dataclass

from checker.errors import UsageError
from checker.packs import PackRule, builtin_packs, engine_pack, load_pack


@dataclass(frozen=True)
class Entry:
    id: str
    severity: str
    pack: str
    kind: str
    rule: PackRule

    @property
    def summary(self) -> str:
        return self.rule.summary

    def to_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "severity": self.severity,
            "pack": self.pack,
            "kind": self.kind,
            "summary": self.summary,
            "why": self.rule.why.strip(),
        }


def entries(packs: list[str] | None = None) -> list[Entry]:
    found = [
        Entry(rule.id, rule.severity, "engine", "engine", rule) for rule in engine_pack().rules
    ]
    found += [Entry(rule.id, rule.severity, "ci", "ci", rule) for rule in engine_pack("_ci").rules]
    for name in packs or builtin_packs():
        for item in load_pack(name):
            found.append(
                Entry(item.rule.id, item.rule.severity, item.pack, item.rule.kind, item.rule)
            )
    return found


def find(rule_id: str) -> Entry:
    """A rule by id, or ``pack:id`` where packs share an id (techdocs:review-overdue)."""
    pack, _, wanted = rule_id.rpartition(":")
    for entry in entries():
        if entry.id == wanted and pack in ("", entry.pack):
            return entry
    raise UsageError(f"unknown rule {rule_id!r}: `edcheck rules` lists them all")


def explain(rule_id: str) -> str:
    entry = find(rule_id)
    rule = entry.rule
    lines = [
        f"{rule.id} ({rule.severity}, pack {entry.pack})",
        "",
        f"Fires when: {rule.summary}",
        "",
        "Why: " + " ".join(rule.why.split()),
        "",
    ]
    if rule.examples.today:
        lines += [f"(examples judged as if today were {rule.examples.today.isoformat()})", ""]
    lines += [
        "Failing example:",
        "",
        _indent(rule.examples.fail),
        "Passing example:",
        "",
        _indent(rule.examples.pass_),
    ]
    return "\n".join(lines)


def _indent(text: str) -> str:
    text = text.replace("\x00", "\u2400")  # a NUL byte, shown
    return "".join(f"    {line}\n" if line.strip() else "\n" for line in text.splitlines()) + "\n"
