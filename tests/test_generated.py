"""Generated files are up to date: docs/rules.md and schemas/config.schema.json."""

from __future__ import annotations

import json

from checker import generated
from tests.conftest import ROOT


def test_rules_doc_is_up_to_date() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generated.render(), (
        "docs/rules.md is out of date: run `python -m checker.generated`"
    )


def test_config_schema_has_not_drifted() -> None:
    on_disk = json.loads((ROOT / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    assert on_disk == generated.config_schema(), "run `python -m checker.generated`"


def test_registry_schema_has_not_drifted() -> None:
    on_disk = json.loads((ROOT / "schemas" / "registry.schema.json").read_text(encoding="utf-8"))
    assert on_disk == generated.registry_schema(), "run `python -m checker.generated`"


def test_config_schema_accepts_the_example_and_starter_configs() -> None:
    import yaml
    from jsonschema import Draft202012Validator

    from checker.starter import STARTER

    validator = Draft202012Validator(generated.config_schema())
    for text in (STARTER, (ROOT / "examples" / "site" / ".edcheck.yaml").read_text()):
        assert list(validator.iter_errors(yaml.safe_load(text))) == []
    assert list(validator.iter_errors({"content": {"root": ["x"]}}))


def test_every_rule_is_documented() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    from checker.catalogue import entries

    for entry in entries():
        assert f"### `{entry.id}`" in text


def test_book_review_schema_repeats_the_article_schema() -> None:
    article = json.loads((ROOT / "schemas" / "article.schema.json").read_text(encoding="utf-8"))
    review = json.loads((ROOT / "schemas" / "book-review.schema.json").read_text(encoding="utf-8"))
    assert review["required"] == article["required"]
    for name, definition in article["properties"].items():
        assert review["properties"][name] == definition, name
    assert set(review["properties"]) - set(article["properties"]) == {"rating", "book"}


def test_builtin_schemas_are_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
