"""Every rule's failing example fails with that rule, and its passing example does not.

The same examples are shown by ``edcheck explain`` and in docs/rules.md, so the
documentation is tested code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.packs import PackRule, builtin_packs, engine_pack, load_pack
from tests.conftest import TODAY, Run

CASES = [pytest.param(rule, id=f"engine:{rule.id}") for rule in engine_pack().rules] + [
    pytest.param(item.rule, id=f"{name}:{item.rule.id}")
    for name in builtin_packs()
    for item in load_pack(name)
]


def _judge(rule: PackRule, text: str, tmp_path: Path, run: Run) -> tuple[int, set[str]]:
    folder = tmp_path / ("fail" if text is rule.examples.fail else "pass")
    folder.mkdir()
    (folder / ".git").mkdir()  # the config search stops here
    today = rule.examples.today.isoformat() if rule.examples.today else TODAY
    if rule.examples.subject == "config":
        (folder / ".edcheck.yaml").write_text(text, encoding="utf-8")
        (folder / "content").mkdir()
    else:
        if rule.examples.config:
            (folder / ".edcheck.yaml").write_text(rule.examples.config, encoding="utf-8")
        for name, content in rule.examples.files.items():
            (folder / name).write_text(content, encoding="utf-8")
        (folder / "example.md").write_bytes(text.encode("utf-8", "surrogateescape"))
    result = run("check", "--format", "json", "--today", today, cwd=folder)
    assert result.code in (0, 1, 2), result.err
    return result.code, {rule_id for (_, _, _, rule_id) in result.found()}


@pytest.mark.parametrize("rule", CASES)
def test_failing_example_fails(rule: PackRule, tmp_path: Path, run: Run) -> None:
    code, rules = _judge(rule, rule.examples.fail, tmp_path, run)
    assert rule.id in rules
    if rule.id == "config-invalid":
        assert code == 2
    elif rule.severity == "error":
        assert code == 1
    else:
        assert code in (0, 1)  # a warning never fails the run by itself


@pytest.mark.parametrize("rule", CASES)
def test_passing_example_passes(rule: PackRule, tmp_path: Path, run: Run) -> None:
    code, rules = _judge(rule, rule.examples.pass_, tmp_path, run)
    assert rule.id not in rules
    assert code != 2


def test_every_catalogue_rule_has_an_example() -> None:
    from checker.packs import ENGINE_RULES

    assert {rule.id for rule in engine_pack().rules} == set(ENGINE_RULES)
    health = {item.rule.id for item in load_pack("health")}
    assert health == {
        "rating-required",
        "rating-range",
        "disclosure-link",
        "peer-review-statement",
        "reviewer-required",
        "review-date-required",
        "review-date-invalid",
        "review-date-future",
        "review-before-publication",
        "review-overdue",
        "review-interval-invalid",
        "review-due-soon",
        "review-stale",
        "author-required",
        "published-date-required",
        "book-details",
        "isbn-invalid",
        "empty-placeholder",
        "footnote-unresolved",
        "footnote-unused",
        "reviewer-is-author",
        "reviewer-unknown",
        "reviewer-inactive",
        "reviewer-not-qualified",
    }
