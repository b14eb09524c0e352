"""Property tests (hypothesis) for the parsers everything else trusts."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from checker import yaml12
from checker.dates import add_months, parse_iso_date
from checker.kinds.isbn import isbn_is_valid


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_iso_dates_round_trip(day: date) -> None:
    assert parse_iso_date(day.isoformat()) == day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)), st.integers(0, 1200))
def test_add_months(start: date, months: int) -> None:
    due = add_months(start, months)
    assert (due.year * 12 + due.month) - (start.year * 12 + start.month) == months
    assert due.day == start.day or (
        due.day < start.day and (due + (date(2000, 1, 2) - date(2000, 1, 1))).day == 1
    )


@given(st.lists(st.integers(0, 9), min_size=12, max_size=12), st.integers(0, 12), st.integers(1, 9))
def test_isbn13_check_digit(digits: list[int], position: int, change: int) -> None:
    total = sum(digit * (1 if index % 2 == 0 else 3) for index, digit in enumerate(digits))
    valid = [*digits, (10 - total % 10) % 10]
    assert isbn_is_valid("".join(map(str, valid)))
    broken = list(valid)
    broken[position] = (broken[position] + change) % 10
    assert not isbn_is_valid("".join(map(str, broken)))


# libyaml follows YAML 1.1 in reading NEL, LS and PS as line breaks, and refuses
# surrogates and the BOM inside a document: those are where YAML and JSON part ways.
text = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\x85\u2028\u2029\ufeff"),
    max_size=20,
)
scalars = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | text
json_data = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(text, json_data, max_size=6))
def test_json_is_yaml_1_2(data: dict[str, Any]) -> None:
    """JSON is YAML 1.2: the loader reads any JSON document back unchanged."""
    assert yaml12.load(json.dumps(data, ensure_ascii=False)).data == data


# Robustness: whatever the input, the parsers answer or say why, never crash.

from checker.dates import parse_interval, parse_site_date  # noqa: E402
from checker.documents import DocumentProblem, parse_document  # noqa: E402
from checker.frontmatter import FrontMatterProblem, split  # noqa: E402

front_matter_like = st.one_of(
    st.text(max_size=300),
    st.builds(lambda body: "---\n" + body + "\n---\n", st.text(max_size=300)),
    st.builds(lambda body: "+++\n" + body + "\n+++\n", st.text(max_size=300)),
    st.builds(lambda body: "{" + body, st.text(max_size=300)),
)


@given(front_matter_like)
def test_splitter_never_crashes(text: str) -> None:
    try:
        split(text)
    except FrontMatterProblem as problem:
        assert problem.rule == "frontmatter-syntax" and problem.line >= 1 and problem.message


@given(st.binary(max_size=400))
def test_documents_from_any_bytes(raw: bytes) -> None:
    from pathlib import Path

    try:
        parse_document(raw, Path("x.md"), "x.md", 10_000)
    except DocumentProblem as problem:
        assert problem.rule in {"file-unreadable", "file-too-large", "frontmatter-syntax"}


@given(st.text(max_size=200))
def test_yaml_loader_never_crashes(text: str) -> None:
    try:
        yaml12.load(text)
    except yaml12.YamlProblem as problem:
        assert problem.message


@given(st.one_of(st.text(max_size=40), st.integers(), st.none()))
def test_techdocs_parsers_never_crash(value: object) -> None:
    parse_interval(value)
    parse_site_date(value, ("%Y-%m-%d", "%d/%m/%Y", "%B %Y"))
