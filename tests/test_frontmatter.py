"""Splitting files into front matter and body, in YAML, TOML and JSON."""

from __future__ import annotations

import pytest

from checker.frontmatter import FrontMatterProblem, split


def test_yaml_positions_are_file_lines() -> None:
    front = split("---\ntitle: x\nreviewed:\n  on: 2024-01-01\n---\nBody\n")
    assert front is not None
    assert front.format == "yaml"
    assert front.keys[("reviewed", "on")] == (4, 3)
    assert (front.end_line, front.body_line) == (5, 6)


def test_crlf_and_dot_closing() -> None:
    text = "---\r\ntitle: x\r\non: 2024-01-01\r\n...\r\nBody\r\n"
    front = split(text)
    assert front is not None
    assert front.data == {"title": "x", "on": "2024-01-01"}
    assert front.keys[("on",)] == (3, 1)
    assert text[front.body_offset :] == "Body\r\n"


def test_toml_dates_become_iso_text() -> None:
    front = split(
        '+++\ntitle = "x"\npublished = 2024-01-02\n[reviewed]\nby = "a"\non = 2024-02-03\n+++\nB\n'
    )
    assert front is not None
    assert front.data == {
        "title": "x",
        "published": "2024-01-02",
        "reviewed": {"by": "a", "on": "2024-02-03"},
    }
    assert front.keys[("reviewed", "on")] == (6, 1)
    assert front.keys[("reviewed",)] == (4, 1)
    assert front.body_line == 8


def test_json_front_matter() -> None:
    text = '{\n  "title": "x",\n  "reviewed": {\n    "on": "2024-01-01"\n  }\n}\nBody\n'
    front = split(text)
    assert front is not None
    assert front.keys[("reviewed", "on")] == (4, 5)
    assert front.body_line == 7
    assert text[front.body_offset :] == "Body\n"


def test_no_front_matter() -> None:
    assert split("# Title\n\ntext\n") is None
    assert split("") is None


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("---\ntitle: x\n", "front matter opened with --- on line 1 is never closed", 1, 1),
        ("+++\ntitle = 'x'\n", "front matter opened with +++ on line 1 is never closed", 1, 1),
        ("---\ntitle: [x\n---\n", "YAML syntax error: ", 3, None),
        ("---\n- a\n- b\n---\n", "front matter must be a mapping of fields", 2, 1),
        ("---\ntitle: x\ntitle: y\n---\n", "duplicate key 'title' (first defined on line 2)", 3, 1),
        ("+++\ntitle = \n+++\n", "TOML syntax error: ", 2, None),
        ('{"title": "x",}\n', "JSON syntax error: ", 1, None),
        ('{"a": 1,\n "a": 2}\n', "duplicate key 'a'", 2, 2),
        ('{"a": NaN}\n', "NaN is not a JSON number", 1, 7),
    ],
)
def test_malformed_front_matter(text: str, message: str, line: int, column: int | None) -> None:
    with pytest.raises(FrontMatterProblem) as caught:
        split(text)
    assert caught.value.rule == "frontmatter-syntax"
    assert caught.value.message.startswith(message)
    assert caught.value.line == line
    if column is not None:  # None: a parser's own error, whose column is the library's
        assert caught.value.column == column
