"""The YAML 1.2 loader: semantics, positions and limits."""

from __future__ import annotations

import pytest

from checker import yaml12


def test_yaml_1_2_core_schema() -> None:
    loaded = yaml12.load(
        "on: yes\nno: off\nn: ~\nt: true\nT: TRUE\ni: 12\no: 0o17\nh: 0x1f\nf: 3.5\ne: 1e3\n"
        "d: 2024-02-01\nq: '12'\nsexa: 1:20\ninf: .inf\nnul:\n"
    )
    assert loaded.data == {
        "on": "yes",
        "no": "off",
        "n": None,
        "t": True,
        "T": True,
        "i": 12,
        "o": 15,
        "h": 31,
        "f": 3.5,
        "e": 1000.0,
        "d": "2024-02-01",
        "q": "12",
        "sexa": "1:20",
        "inf": float("inf"),
        "nul": None,
    }


def test_explicit_core_tags() -> None:
    loaded = yaml12.load("a: !!str 12\nb: !!int '7'\nc: !!float 2\nd: !!null ''\n")
    assert loaded.data == {"a": "12", "b": 7, "c": 2.0, "d": None}


def test_every_key_has_its_position() -> None:
    loaded = yaml12.load("title: x\nreviewed:\n  by: a\n  on: 2024-01-01\nlist:\n  - k: v\n")
    assert loaded.keys == {
        ("title",): (0, 0),
        ("reviewed",): (1, 0),
        ("reviewed", "by"): (2, 2),
        ("reviewed", "on"): (3, 2),
        ("list",): (4, 0),
        ("list", 0, "k"): (5, 4),
    }


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a'", 2, 0),
        (
            "a: !!python/object:os.system x\n",
            "YAML tag !!python/object:os.system is not allowed in front matter",
            0,
            3,
        ),
        ("a: !custom x\n", "YAML tag !custom is not allowed in front matter", 0, 3),
        ("a: !!binary aGk=\n", "YAML tag !!binary is not allowed in front matter", 0, 3),
        ("a: [1, 2\n", "YAML syntax error: ", 1, None),
        ("a: 1\n---\nb: 2\n", "front matter holds more than one YAML document", 1, 0),
        ("a: *nowhere\n", "unknown alias *nowhere", 0, 3),
        ("? [a, b]\n: 1\n", "a mapping key must be plain text", 0, 2),
        ("n: " + "9" * 5000 + "\n", "number with 5000 digits is too long", 0, 3),
    ],
)
def test_refused_yaml(text: str, message: str, line: int, column: int | None) -> None:
    with pytest.raises(yaml12.YamlProblem) as caught:
        yaml12.load(text)
    assert caught.value.message.startswith(message)
    assert caught.value.line == line
    if column is not None:  # None: a parser's own error, whose column is the library's
        assert caught.value.column == column


def test_duplicate_key_names_first_line() -> None:
    with pytest.raises(yaml12.YamlProblem) as caught:
        yaml12.load("a: 1\nb: 2\na: 3\n")
    assert caught.value.first_line == 0


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: " + "[" * 100_000 + "]" * 100_000, 0),  # PyYAML's composer crashes the process
        ("a: " + "[" * 65, 0),  # unclosed: the parser fails too, edcheck's limit speaks
        ("a: 1\nb:\n  - " + "{x: " * 70, 2),
        ('a: "[[[ # not a comment"\nb: ' + "[" * 2_000, 1),
        ("a: x\n# " + "[" * 100 + "\nb: " + "{a: " * 1_500, 2),
        ("a: [" + '"]]", ' * 200 + "[" * 1_500, 0),
    ],
    ids=["closed-100k", "unclosed", "block-then-flow", "quoted", "comment", "quoted-closers"],
)
def test_deep_nesting_is_refused_by_edcheck_limit(text: str, line: int) -> None:
    """edcheck's nesting limit decides before any libyaml's (0.2.5 has one of its own)."""
    with pytest.raises(yaml12.YamlProblem) as caught:
        yaml12.load(text)
    assert caught.value.message == "front matter is nested more than 64 deep"
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: [[[x]]\nb: " + "[" * 10, 1),
        ("title: T\n# example: " + "[" * 100 + "\nbad: [unclosed\n", 3),
        ("title: T\nnote: |\n  " + "[" * 100 + "\nbad: [unclosed\n", 4),
        ("title: T\nnote: >-\n  text\n  " + "{" * 100 + "\nbad: [unclosed\n", 5),
        ("a: [1, # " + "[" * 100 + "\n  2\nbad: [unclosed\n", 2),
        ("title: Some words\n  " + "[" * 100 + " more words\nbad: [unclosed\n", 3),
    ],
    ids=["shallow", "comment", "literal-block", "folded-block", "flow-comment", "plain-continued"],
)
def test_shallow_syntax_errors_stay_syntax_errors(text: str, line: int) -> None:
    """Brackets in comments, block scalars and plain text are not nesting: the parser's
    own error is reported, where the parser found it."""
    with pytest.raises(yaml12.YamlProblem) as caught:
        yaml12.load(text)
    assert caught.value.message.startswith("YAML syntax error: ")
    assert caught.value.line == line


def test_a_comment_does_not_move_the_nesting_error() -> None:
    text = "title: T\n# see: " + "[" * 70 + "\nx: " + "[" * 2_000 + "]" * 2_000 + "\n"
    with pytest.raises(yaml12.YamlProblem) as caught:
        yaml12.load(text)
    assert (caught.value.message, caught.value.line) == (
        "front matter is nested more than 64 deep",
        2,
    )


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    with pytest.raises(yaml12.YamlProblem) as caught:
        yaml12.load("\n".join(lines) + "\n")
    assert caught.value.message == "front matter expands to more than 20000 values (alias bomb?)"


@pytest.mark.parametrize("count", [19_995, 19_997])
def test_the_value_limit_counts_each_value_once(count: int) -> None:
    """Two keys, a value, the list, its items and the mapping: count + 5 values."""
    text = "title: T\nlist: [" + ", ".join(["x"] * count) + "]\n"
    if count + 5 <= yaml12.MAX_NODES:
        assert len(yaml12.load(text).data["list"]) == count
        return
    with pytest.raises(yaml12.YamlProblem) as caught:
        yaml12.load(text)
    assert (caught.value.message, caught.value.line) == (
        "front matter holds more than 20000 values",
        1,
    )


def test_many_keys_with_lists_are_fine() -> None:
    text = "".join(f"k{i}: [" + ", ".join(["x"] * 600) + "]\n" for i in range(20))
    assert len(yaml12.load(text).data) == 20


def test_small_aliases_are_fine() -> None:
    loaded = yaml12.load("base: &b {x: 1}\ncopy: *b\n")
    assert loaded.data == {"base": {"x": 1}, "copy": {"x": 1}}
