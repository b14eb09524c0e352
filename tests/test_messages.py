"""Messages that are true (issue 11): each missing field named once, values shown as the
file writes them (never as Python prints them), one finding per blank value, an unquoted
ISBN shown as written, and keys that nearly match named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.spelling import near_miss, spelled, visible_key
from tests.conftest import TODAY, Run

Write = Callable[[str, str | bytes], Path]


def diagnostics(run: Run, *args: str) -> list[tuple[int, int, str, str]]:
    result = run("check", "--today", TODAY, "--format", "json", *args)
    assert result.code in (0, 1), result.err
    return [
        (item["line"], item["column"], item["rule"], item["message"])
        for item in result.json["diagnostics"]
    ]


def messages(run: Run, name: str, rule: str) -> list[tuple[int, int, str]]:
    return [(line, col, msg) for line, col, found, msg in diagnostics(run, name) if found == rule]


# -- each missing field is named once --------------------------------------------------
@pytest.mark.parametrize("text", ["---\n---\nBody.\n", "---\nauthor: Jane\n---\nBody.\n"])
def test_title_and_type_missing_are_each_named_once(run: Run, write: Write, text: str) -> None:
    write("page.md", text)
    schema = [message for *_, message in messages(run, "page.md", "schema")]
    assert len(schema) == 2
    assert sum("title" in message for message in schema) == 1
    assert schema[0] == "title is required"
    assert schema[1].startswith("type is missing: the page is judged as type 'article'")


def test_every_missing_required_property_of_a_schema_is_its_own(
    run: Run, write: Write, tmp_path: Path
) -> None:
    """jsonschema gives one error per missing property, each with the whole list."""
    write(
        "schemas/page.schema.json",
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "type": "object",
                "required": ["title", "summary", "owner"],
            }
        ),
    )
    write(".edcheck.yaml", "types:\n  article: {schema: schemas/page.schema.json, packs: []}\n")
    write("page.md", "---\ntype: article\n---\nBody.\n")
    (tmp_path / ".git").mkdir(exist_ok=True)
    assert sorted(messages(run, "page.md", "schema")) == [
        (3, 1, "owner is required"),
        (3, 1, "summary is required"),
        (3, 1, "title is required"),
    ]


# -- values as the file writes them ----------------------------------------------------
@pytest.mark.parametrize(
    ("value", "shown"), [(".inf", ".inf"), ("-.Inf", "-.Inf"), (".NaN", ".NaN")]
)
def test_a_number_json_cannot_hold_is_a_finding_not_a_crash(
    run: Run, write: Write, value: str, shown: str
) -> None:
    # JSON Schema has no infinity: jsonschema's multipleOf overflowed (exit 3) on it
    write(
        "page.md",
        f"---\ntitle: T\ntype: book-review\nrating: {value}\nbook:\n  pages: {value}\n---\n",
    )
    found = diagnostics(run, "page.md")
    assert (
        4,
        1,
        "rating-range",
        f"rating is {shown}: use a number from 0 to 5 in steps of 0.5",
    ) in found
    assert [
        (line, rule) for line, _, rule, message in found if value.lower() in message.lower()
    ] == [
        (4, "rating-range"),
        (6, "schema"),
    ]


def test_jekyll_published_false_is_shown_as_written(run: Run, write: Write) -> None:
    write("page.md", "---\ntitle: T\ntype: article\npublished: false\nauthor: J\n---\nBody.\n")
    assert messages(run, "page.md", "review-date-invalid") == [
        (4, 1, "published is false, not a calendar date: write it as YYYY-MM-DD")
    ]


def test_rating_true_is_shown_as_written(run: Run, write: Write) -> None:
    write("page.md", "---\ntitle: T\ntype: book-review\nrating: true\n---\nBody.\n")
    assert messages(run, "page.md", "rating-range") == [
        (4, 1, "rating is true: use a number from 0 to 5 in steps of 0.5")
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("TRUE", "TRUE"),
        ('"4"', '"4"'),
        ("'four'", "'four'"),
        ("[4, 5]", "[4, 5]"),
        ("{stars: 4}", "{stars: 4}"),
        ("7  # seven", "7"),
    ],
)
def test_ratings_are_shown_as_written(run: Run, write: Write, written: str, shown: str) -> None:
    write("page.md", f"---\ntitle: T\ntype: book-review\nrating: {written}\n---\nBody.\n")
    assert messages(run, "page.md", "rating-range") == [
        (4, 1, f"rating is {shown}: use a number from 0 to 5 in steps of 0.5")
    ]


def test_a_block_list_is_spelled_as_yaml(run: Run, write: Write) -> None:
    write("page.md", "---\ntitle: T\ntype: article\npublished:\n  - 2026-01-01\n---\nBody.\n")
    assert messages(run, "page.md", "review-date-invalid") == [
        (4, 1, "published is [2026-01-01], not a calendar date: write it as YYYY-MM-DD")
    ]


def test_a_date_that_is_not_one_is_shown_as_written(run: Run, write: Write) -> None:
    write("a.md", "---\ntitle: T\ntype: article\npublished: 2025-02-30\n---\nBody.\n")
    write("b.md", "---\ntitle: T\ntype: article\npublished: '2025-02-30'\n---\nBody.\n")
    assert messages(run, "a.md", "review-date-invalid") == [
        (4, 1, "published is 2025-02-30, not a calendar date: write it as YYYY-MM-DD")
    ]
    assert messages(run, "b.md", "review-date-invalid") == [
        (4, 1, "published is '2025-02-30', not a calendar date: write it as YYYY-MM-DD")
    ]


def test_the_review_queue_shows_values_as_written(run: Run, write: Write) -> None:
    """The record's problems ("last_reviewed_on is ..., not a date") too."""
    write(
        "page.md",
        "---\ntitle: T\nlast_reviewed_on: [2026]\nreview_in: 6 months\nowner_slack: x\n---\n",
    )
    result = run(
        "review", "due", "--pack", "techdocs", "--today", TODAY, "--format", "json", "page.md"
    )
    assert result.code == 0, result.err
    assert [item["problem"] for item in result.json["reviews"]] == [
        "last_reviewed_on is [2026], not a date"
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "empty"),
        ("", "empty"),
        ("  ", "empty"),
        (False, "false"),
        (True, "true"),
        ([None, 1.5, "a b"], "[null, 1.5, a b]"),
        ({"a": [True]}, "{a: [true]}"),
        ("yes", "yes"),
        ("true", '"true"'),
        ("12", '"12"'),
        ("a: b", '"a: b"'),
        ("x" * 80, "x" * 57 + "..."),
        (float("nan"), ".nan"),
    ],
)
def test_yaml_spelling(value: object, expected: str) -> None:
    assert spelled(value) == expected


# -- a blank value is reported once ----------------------------------------------------
def test_a_blank_title_is_reported_once(run: Run, write: Write) -> None:
    write("page.md", '---\ntitle: ""\ntype: article\nstatus: draft\n---\nBody.\n')
    assert diagnostics(run, "page.md") == [(2, 1, "schema", "title must not be blank")]


@pytest.mark.parametrize(
    ("line", "rule", "message"),
    [
        ("rating: ''", "rating-required", "rating is blank: add the star rating"),
        ('status: ""', None, None),
    ],
)
def test_blank_values_are_reported_once(
    run: Run, write: Write, line: str, rule: str | None, message: str | None
) -> None:
    write("page.md", f"---\ntitle: T\ntype: book-review\n{line}\n---\nBody.\n")
    found = [item for item in diagnostics(run, "page.md") if item[0] == 4]
    if rule is None:
        assert found == []
    else:
        assert [(r, m.split(" (")[0]) for _, _, r, m in found] == [(rule, message)]


def test_a_blank_book_year_is_reported_by_the_rule_only(run: Run, write: Write) -> None:
    write(
        "page.md",
        '---\ntitle: T\ntype: book-review\nbook:\n  title: B\n  authors: [A]\n  year: ""\n'
        '  pages: ""\n---\nBody.\n',
    )
    found = [item for item in diagnostics(run, "page.md") if item[0] in (7, 8)]
    assert found == [
        (7, 3, "book-details", "book.year is blank: a review must say which book it reviews")
    ]


# -- an unquoted ISBN ------------------------------------------------------------------
def test_an_unquoted_isbn_is_shown_as_written_and_quoted(run: Run, write: Write) -> None:
    write(
        "page.md",
        "---\ntitle: T\ntype: book-review\nbook:\n  title: B\n  isbn: 0306406152\n---\nBody.\n",
    )
    assert messages(run, "page.md", "isbn-invalid") == [
        (
            6,
            3,
            "book.isbn 0306406152 is a number to YAML, which reads it as 306406152 (the "
            'leading zero dropped): quote it, "0306406152"',
        )
    ]


def test_an_unquoted_wrong_isbn_says_to_quote_it(run: Run, write: Write) -> None:
    write("page.md", "---\ntitle: T\ntype: book-review\nbook:\n  isbn: 0306406153\n---\n")
    assert messages(run, "page.md", "isbn-invalid") == [
        (
            5,
            3,
            "book.isbn 0306406153 is not a valid ISBN-10 or ISBN-13 (length or check digit); "
            'write it in quotes, "0306406153", so that YAML keeps it as text',
        )
    ]


def test_quoted_and_valid_unquoted_isbns(run: Run, write: Write) -> None:
    write("a.md", '---\ntitle: T\ntype: book-review\nbook:\n  isbn: "0306406153"\n---\n')
    write("b.md", "---\ntitle: T\ntype: book-review\nbook:\n  isbn: 1593850336\n---\n")
    assert messages(run, "a.md", "isbn-invalid") == [
        (5, 3, 'book.isbn "0306406153" is not a valid ISBN-10 or ISBN-13 (length or check digit)')
    ]
    assert messages(run, "b.md", "isbn-invalid") == []


# -- keys that nearly match ------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "rule", "message"),
    [
        (
            "Author: Jane",
            "author-required",
            "author is missing (found `Author`; keys are case-sensitive): add who wrote the page",
        ),
        (
            "author\u00a0: Jane",
            "author-required",
            "author is missing (found `author\\u00a0`, which holds U+00A0 no-break space: keys "
            "must match exactly): add who wrote the page",
        ),
        (
            "peer-review: Checked.",
            "peer-review-statement",
            "peer_review is missing (found `peer-review`; write `peer_review`): add the "
            "statement that clinical content is checked by a qualified professional",
        ),
    ],
)
def test_a_near_miss_key_is_named(
    run: Run, write: Write, line: str, rule: str, message: str
) -> None:
    write("page.md", f"---\ntitle: T\ntype: article\n{line}\n---\nBody.\n")
    assert [found[2] for found in messages(run, "page.md", rule)] == [message]


def test_a_near_miss_title_is_named_by_the_schema(run: Run, write: Write) -> None:
    write("page.md", "---\nTitle: T\ntype: article\n---\nBody.\n")
    assert messages(run, "page.md", "schema") == [
        (4, 1, "title is required (found `Title`; keys are case-sensitive)")
    ]


def test_a_near_miss_nested_key_is_named(run: Run, write: Write) -> None:
    write("page.md", "---\ntitle: T\ntype: article\nreviewed:\n  By: x\n  on: 2026-01-01\n---\n")
    assert [m for *_, m in messages(run, "page.md", "reviewer-required")] == [
        "reviewed.by is missing (found `By`; keys are case-sensitive): add who carried out "
        "the last clinical review"
    ]


def test_near_miss_helper() -> None:
    assert near_miss({"title ": 1}, "title") == (
        "found `title `, which holds U+0020 space: keys must match exactly"
    )
    assert near_miss({"title": 1, "Title": 2}, "title") is None
    assert near_miss({"name": 1}, "title") is None
    assert near_miss(["title"], "title") is None
    assert visible_key("a\u200bb") == "a\\u200bb"
