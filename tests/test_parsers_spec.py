"""Front-matter parsers against their specs (issue 11): what is front matter at all, YAML
1.2's ordinary characters, lines as the file counts them, one nesting bound for every
format, schemas that are schemas, and TOML keys found by a real lexer."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from checker import cli, schemaregex
from checker.body import _rust_parser, read_body_python, read_body_rust
from checker.frontmatter import FrontMatterProblem, iso_dates, split
from checker.schemas import strip_blanks
from tests.conftest import (
    CPU_SECONDS,
    ROOT,
    TODAY,
    Run,
    build_site,
    complete_article,
    run_measured,
)

Write = Callable[[str, str | bytes], Path]

CHECK = ("check", "--format", "json", "--today", TODAY)
DEEP = "front matter is nested more than 64 deep"


def check(run: Run, *paths: str) -> tuple[int, list[tuple[str, int, int, str]]]:
    result = run(*CHECK, *paths)
    return result.code, result.found()


def messages(run: Run, *paths: str) -> list[str]:
    return [item["message"] for item in run(*CHECK, *paths).json["diagnostics"]]


# The complete article of tests/conftest.py in TOML and in JSON: both pass alone.
TOML_GOOD = """+++
title = "Sleep and mood"
type = "article"
status = "published"
author = "Jane Doe"
published = 2026-01-10
disclosure = "/policies/review-disclosure/"
peer_review = "Checked by a clinical psychologist before publication."
[reviewed]
by = "greg-mulhauser"
on = 2026-02-01
+++
Body text.
"""
JSON_GOOD = """{
  "title": "Sleep and mood",
  "type": "article",
  "status": "published",
  "author": "Jane Doe",
  "published": "2026-01-10",
  "disclosure": "/policies/review-disclosure/",
  "peer_review": "Checked by a clinical psychologist before publication.",
  "reviewed": {"by": "greg-mulhauser", "on": "2026-02-01"}
}
Body text.
"""


@pytest.mark.parametrize("text", [complete_article(), TOML_GOOD, JSON_GOOD])
def test_the_good_articles_pass(text: str, write: Write, run: Run) -> None:
    write("a.md", text)
    assert check(run, "a.md") == (0, [])


# 1. A body that starts with "{" is front matter only when it opens a JSON object --------


@pytest.mark.parametrize(
    "first_line",
    [
        "{{< youtube abc >}}",  # a Hugo shortcode
        "{{% notice %}}Read this{{% /notice %}}",
        "{/* an MDX comment */}",
        "{/* edcheck-disable-file -- a reason */}",
        "{% include figure.html %}",  # Liquid
        "{% set x = 1 %}",  # Nunjucks
        "{# a Nunjucks comment #}",
        "{{ page.title }}",
        "{title}",
    ],
)
def test_a_body_starting_with_a_brace_has_no_front_matter(
    first_line: str, write: Write, run: Run
) -> None:
    write("a.md", first_line + "\n\nSome text.\n")
    assert split(first_line + "\n") is None
    assert check(run, "a.md") == (1, [("a.md", 1, 1, "frontmatter-missing")])
    assert not any("JSON" in message for message in messages(run, "a.md"))


@pytest.mark.parametrize(
    "opening", ['{"title": "T"}\n', '{ "title": "T"}\n', '{\r\n\t"title": "T"\r\n}\r\n', "{}\n"]
)
def test_a_json_object_at_the_top_is_front_matter(opening: str) -> None:
    front = split(opening + "Body\n")
    assert front is not None and front.format == "json"
    assert front.data == ({"title": "T"} if "title" in opening else {})


def test_broken_json_front_matter_is_still_a_json_syntax_error(write: Write, run: Run) -> None:
    write("a.md", '{\n  "title": "T",\n  "type": \n}\nBody\n')
    assert check(run, "a.md") == (1, [("a.md", 4, 1, "frontmatter-syntax")])
    assert messages(run, "a.md") == ["JSON syntax error: Expecting value"]


# 2. U+2028, U+2029, U+0085 are ordinary characters; LF, CRLF and lone CR end lines ----

ORDINARY = ["\u2028", "\u2029", "\u0085"]


@pytest.mark.parametrize("char", ORDINARY)
@pytest.mark.parametrize("spelling", ['"a{c}b"', "a{c}b", "'a{c}b'", "|\n  a{c}b"])
def test_yaml_keeps_the_character_and_every_later_line(
    char: str, spelling: str, write: Write, run: Run
) -> None:
    title = spelling.format(c=char)
    text = complete_article(title=title, author="<drop>", published="2025-02-30")
    write("a.md", text)
    front = split(text)
    assert front is not None
    assert front.data["title"] in ("a" + char + "b", "a" + char + "b\n")
    shift = title.count("\n")
    # published is on line 5 (line 6 after a block scalar); author is missing: the
    # finding stands on the closing --- (line 11 / 12)
    assert check(run, "a.md") == (
        1,
        [
            ("a.md", 5 + shift, 1, "review-date-invalid"),
            ("a.md", 11 + shift, 1, "author-required"),
        ],
    )


@pytest.mark.parametrize("char", ORDINARY)
def test_body_findings_after_the_character_keep_their_line(
    char: str, write: Write, run: Run
) -> None:
    text = complete_article(title=f'"a{char}b"').replace(
        "Body text.\n", f"First{char}line.\nSecond {char} line cites [3].\n"
    )
    write("a.md", text)
    assert check(run, "a.md") == (1, [("a.md", 14, 21, "footnote-unresolved")])


@pytest.mark.parametrize("char", ORDINARY)
def test_toml_and_json_keep_the_character_and_the_lines(char: str, write: Write, run: Run) -> None:
    toml = TOML_GOOD.replace('"Sleep and mood"', f'"a{char}b" # note{char}end').replace(
        "published = 2026-01-10", 'published = "2025-02-30"'
    )
    json_text = JSON_GOOD.replace('"Sleep and mood"', f'"a{char}b"').replace(
        '"2026-01-10"', '"2025-02-30"'
    )
    write("t.md", toml)
    write("j.md", json_text)
    for text in (toml, json_text):
        front = split(text)
        assert front is not None and front.data["title"] == f"a{char}b"
    assert check(run, "t.md", "j.md") == (
        1,
        [("j.md", 6, 3, "review-date-invalid"), ("t.md", 6, 1, "review-date-invalid")],
    )


@pytest.mark.parametrize("ending", ["\r\n", "\n"])
def test_crlf_counts_lines_like_lf(ending: str, write: Write, run: Run) -> None:
    text = complete_article(author="<drop>", published="2025-02-30").replace(
        "Body text.\n", "Line one.\nLine two cites [3].\n"
    )
    write("a.md", text.replace("\n", ending))
    assert check(run, "a.md") == (
        1,
        [
            ("a.md", 5, 1, "review-date-invalid"),
            ("a.md", 11, 1, "author-required"),
            ("a.md", 13, 16, "footnote-unresolved"),
        ],
    )


def test_a_lone_cr_ends_a_body_line(write: Write, run: Run) -> None:
    write("a.md", complete_article().replace("Body text.\n", "Line one.\rLine two cites [3].\r"))
    assert check(run, "a.md") == (1, [("a.md", 14, 16, "footnote-unresolved")])


@pytest.mark.parametrize("mark", ["---", "+++"])
def test_front_matter_in_lone_cr_lines_is_refused(mark: str, write: Write, run: Run) -> None:
    # Lines are counted, but Hugo's and Jekyll's readers want LF: the page would show
    # its fields as text, so edcheck refuses it rather than read what readers will not.
    write("a.md", complete_article().replace("\n", "\r").replace("---", mark))
    assert check(run, "a.md") == (1, [("a.md", 1, 4, "frontmatter-syntax")])


def test_lone_cr_in_toml_is_a_syntax_error_on_its_line(write: Write, run: Run) -> None:
    # TOML 1.0: a newline is LF or CRLF; a lone CR is refused where it stands
    write("a.md", '+++\ntitle = "x"\ntype = "article"\rstatus = "draft"\n+++\n')
    assert check(run, "a.md") == (1, [("a.md", 3, 17, "frontmatter-syntax")])


@pytest.mark.parametrize("ending", ["\r", "\n"])
def test_both_markdown_parsers_count_a_lone_cr_as_a_line_end(ending: str) -> None:
    body = f"One.{ending}Two.{ending}{ending}Cites [3] and [^n].{ending}"
    expected = read_body_python(body, 10)
    assert [(mark.line, mark.column) for mark in expected.citations] == [(13, 7), (13, 15)]
    rust = _rust_parser()
    if rust is not None:
        assert read_body_rust(body, 10, rust).citations == expected.citations


# 3. One nesting bound (64 levels) and one value bound for every format -------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        # TOML: 1,000 nested arrays; the 64th "[" opens level 65 (the table is level 1)
        ("+++\na = " + "[" * 1000 + "]" * 1000 + "\n+++\n", 2, 68),
        # TOML: [{b = [{b = ... 195 times (1.6 KB): the 32nd "{" is level 65
        ("+++\na = " + "[{b = " * 195 + "1" + "}]" * 195 + "\n+++\n", 2, 192),
        # TOML: a header and dotted keys open tables too
        ("+++\n[" + ".".join(["k"] * 70) + "]\n+++\n", 2, 128),
        ("+++\n" + ".".join(["k"] * 70) + " = 1\n+++\n", 2, 127),
        # JSON: 100,000 levels, and 490 levels (1 KB) that broke strip_blanks
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n", 1, 70),
        ('{"title": "x",\n "a": ' + "[" * 490 + "]" * 490 + "}\nBody\n", 2, 70),
        # YAML, as before
        ("---\na: " + "[" * 1000 + "]" * 1000 + "\n---\n", 2, 67),
    ],
    ids=["toml-1000", "toml-195", "toml-header", "toml-dotted", "json-100000", "json-490", "yaml"],
)
def test_deep_nesting_is_refused_where_level_65_opens(
    text: str, line: int, column: int, write: Write, run: Run
) -> None:
    write("a.md", text)
    assert check(run, "a.md") == (1, [("a.md", line, column, "frontmatter-syntax")])
    assert messages(run, "a.md") == [DEEP]


def test_sixty_four_levels_are_read_and_validated(write: Write, run: Run) -> None:
    """The limit speaks first: 64 levels pass every parser and walker, the schema's
    validation of a recursive schema included."""
    schema = {
        "type": "object",
        "properties": {"tree": {"$ref": "#/$defs/node"}},
        "$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
    }
    write(".edcheck.yaml", "types:\n  guide: {schema: s/guide.json}\n")
    write("s/guide.json", json.dumps(schema))
    tree = "[" * 63 + "5" + "]" * 63  # levels 2..64 are lists; 5 is not a list
    write("j.md", '{"title": "T", "type": "guide", "status": "draft",\n "tree": ' + tree + "}\n")
    write("t.md", '+++\ntitle = "T"\ntype = "guide"\nstatus = "draft"\ntree = ' + tree + "\n+++\n")
    write("y.md", "---\ntitle: T\ntype: guide\nstatus: draft\ntree: " + tree + "\n---\n")
    code, found = check(run, "j.md", "t.md", "y.md")
    assert code == 1
    assert [(path, rule) for path, *_, rule in found] == [
        ("j.md", "schema"),
        ("t.md", "schema"),
        ("y.md", "schema"),
    ]
    assert messages(run, "j.md")[0].startswith("tree" + "[0]" * 63 + " must be a list")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("+++\na = [" + "1," * 20_001 + "]\n+++\n", 2, "front matter holds more than 20000 values"),
        ('{"a": [' + "1," * 20_001 + "1]}\n", 1, "front matter holds more than 20000 values"),
        ("+++\na = " + "1" * 5000 + "\n+++\n", 2, "number with 5000 digits is too long"),
        ('{"a":\n ' + "1" * 5000 + "}\n", 2, "number with 5000 digits is too long"),
    ],
)
def test_value_count_and_number_length_bounds(
    text: str, line: int, message: str, write: Write, run: Run
) -> None:
    write("a.md", text)
    code, found = check(run, "a.md")
    assert (code, [(path, at, rule) for path, at, _, rule in found]) == (
        1,
        [("a.md", line, "frontmatter-syntax")],
    )
    assert messages(run, "a.md") == [message]


def test_the_walkers_do_not_recurse() -> None:
    deep: object = "2024-01-01"
    for _ in range(100_000):
        deep = {"a": [deep, None]}
    assert isinstance(strip_blanks(deep), dict)
    assert isinstance(iso_dates(deep), dict)
    assert strip_blanks({"a": None, "b": [None, {"c": None}]}) == {"b": [None, {}]}


def test_markdown_nesting_is_bounded_by_the_parser(write: Write, run: Run) -> None:
    """markdown-it stops nesting at its own maxNesting (block quotes, lists): a deep
    body is text, not a crash, with either parser."""
    body = "> " * 5000 + "- " * 5000 + "Cites [3].\n" + "[" * 5000 + "x" + "]" * 5000 + "\n"
    write("a.md", complete_article() + body)
    code, found = check(run, "a.md")
    assert code in (0, 1)
    assert all(rule != "frontmatter-syntax" for *_, rule in found)
    assert read_body_python(body, 1) is not None


# 4. A custom schema beside other JSON files; broken schemas are config-invalid ----------

GUIDE_SCHEMA = """{
  "type": "object",
  "properties": {"x": {"$ref": "common.json#/$defs/text"}}
}
"""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("package.json", '{"name": "site", "version": "1.0.0"}'),
        ("docfx.json", '{"build": {"content": [{"files": ["**/*.md"]}]}}'),
        ("list.json", "[1, 2]"),
        ("broken.json", "{"),
        ("deep.json", "[" * 100_000),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ("check", "--format", "json"),
        ("review", "due", "--format", "json"),
        ("audit", "--format", "json"),
    ],
)
def test_other_json_files_beside_a_schema_are_not_schemas(
    name: str, content: str, command: tuple[str, ...], write: Write, run: Run
) -> None:
    write(".edcheck.yaml", "types:\n  guide: {schema: s/guide.json}\n")
    write("s/guide.json", GUIDE_SCHEMA)
    write("s/common.json", '{"$defs": {"text": {"type": "string"}}}')
    write(f"s/{name}", content)
    write("a.md", "---\ntitle: T\ntype: guide\nstatus: draft\nx: 3\n---\nBody.\n")
    result = run(*command, "--today", TODAY)
    assert "internal error" not in result.err
    if command[0] == "check":
        assert (result.code, result.found()) == (1, [("a.md", 5, 1, "schema")])
        assert result.json["diagnostics"][0]["message"].startswith("x must be text")
    else:
        assert result.code == 0, result.err


def test_a_schema_referenced_by_its_id_beside_the_schema(write: Write, run: Run) -> None:
    write(".edcheck.yaml", "types:\n  guide: {schema: s/guide.json}\n")
    write(
        "s/guide.json",
        '{"$id": "https://example.org/s/guide.json", "type": "object",\n'
        ' "properties": {"x": {"$ref": "common.json"}}}',
    )
    write("s/common.json", '{"$id": "https://example.org/s/common.json", "type": "string"}')
    write("s/package.json", '{"name": "site"}')
    write("a.md", "---\ntitle: T\ntype: guide\nstatus: draft\nx: 3\n---\n")
    assert check(run, "a.md") == (1, [("a.md", 5, 1, "schema")])


@pytest.mark.parametrize(
    ("files", "where", "message"),
    [
        (
            {"s/guide.json": '{"type": "object",\n "properties": {"x": {"type": }}}'},
            ("s/guide.json", 2, 31),
            "schema is not readable JSON: Expecting value",
        ),
        (
            {"s/guide.json": '{"type": "object",\n "properties": {"x": {"type": 5}}}'},
            ("s/guide.json", 2, 23),
            "invalid JSON Schema: 5 is not valid under any of the given schemas",
        ),
        (
            {
                "s/guide.json": '{"properties": {"x": {"$ref": "common.json"}}}',
                "s/common.json": '{\n\n  "type": [}',
            },
            ("s/common.json", 3, 12),
            "schema is not readable JSON: Expecting value",
        ),
        (
            {"s/guide.json": '{"type": "object",\n "a": ' + "[" * 100_000 + "]" * 100_000 + "}"},
            ("s/guide.json", 2, 70),
            "schema is nested more than 64 deep",
        ),
        (
            {"s/guide.json": "[1]"},
            ("s/guide.json", 1, 1),
            "schema must be a JSON object",
        ),
    ],
    ids=["not-json", "not-a-schema", "referenced-file-broken", "deep", "not-an-object"],
)
def test_a_broken_schema_is_config_invalid_with_its_line(
    files: dict[str, str],
    where: tuple[str, int, int],
    message: str,
    write: Write,
    run: Run,
) -> None:
    write(".edcheck.yaml", "types:\n  guide: {schema: s/guide.json}\n")
    for name, content in files.items():
        write(name, content)
    write("a.md", "---\ntitle: T\ntype: guide\nstatus: draft\n---\n")
    result = run(*CHECK)
    assert (result.code, result.found()) == (2, [(*where, "config-invalid")])
    assert result.json["diagnostics"][0]["message"] == message


def test_the_crash_handler_names_the_real_error_and_never_fails(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from referencing.exceptions import CannotDetermineSpecification

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    try:  # what typer does to every exception, and a frozen attrs exception refuses
        try:
            raise CannotDetermineSpecification({"name": "site"})
        except CannotDetermineSpecification as error:
            error.__typer_developer_exception__ = None  # type: ignore[attr-defined]
    except AttributeError as frozen:
        refused = frozen
    assert type(refused).__name__ == "FrozenInstanceError"
    assert cli._crash(refused) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("edcheck: internal error (CannotDetermineSpecification); ")
    assert "the details are in " in err

    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("no text")

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "missing" / "x"))
    (tmp_path / "missing").write_text("a file where a folder should be")
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stderr", closed)  # writing to stderr fails too
    assert cli._crash(Unprintable()) == 3


# 5. TOML keys found by a lexer that follows the TOML 1.0 grammar -------------------------


def toml_keys(source: str) -> dict[tuple[str | int, ...], tuple[int, int]]:
    front = split("+++\n" + source + "+++\nBody\n")
    assert front is not None
    return front.keys


def test_a_triple_quote_escaped_inside_a_multiline_string() -> None:
    keys = toml_keys(
        'title = "T"\nsummary = """a \\""" b\nc = "not a key"\n"""\npublished = "2025-02-30"\n'
    )
    assert ("c",) not in keys
    assert keys[("published",)] == (6, 1)


def test_literal_quotes_inside_a_basic_multiline_string() -> None:
    keys = toml_keys("summary = \"\"\"it's '''quoted''' here\nx = 1\n\"\"\"\npublished = 1\n")
    assert ("x",) not in keys
    assert keys[("published",)] == (5, 1)


def test_closing_delimiter_with_extra_quotes() -> None:
    keys = toml_keys('a = """ends with two quotes"""""\nb = \'\'\'one\'\'\'\'\nc = 3\n')
    assert keys[("b",)] == (3, 1)
    assert keys[("c",)] == (4, 1)


def test_a_key_after_a_multiline_array_with_equals_in_strings() -> None:
    keys = toml_keys('tags = [\n  "a = b",\n  """\nx = 1\n""",  # c = d\n]\nafter = 1\n')
    assert ("x",) not in keys and ("a",) not in keys
    assert keys[("after",)] == (8, 1)


def test_quoted_keys_with_dots_inline_tables_and_arrays_of_tables() -> None:
    keys = toml_keys(
        'site."reviewed.on" = 1\n'
        'reviewed = { by = "x", on = "2025-02-30" }\n'
        "[[book.editors]]\n"
        'name = "A"\n'
        "[[book.editors]]\n"
        'name = "B"\n'
        "[book.editors.contact]\n"
        'email = "b@example.org"\n'
    )
    assert keys[("site", "reviewed.on")] == (2, 6)
    assert keys[("reviewed", "on")] == (3, 24)
    assert keys[("book", "editors", 0, "name")] == (5, 1)
    assert keys[("book", "editors", 1)] == (6, 1)
    assert keys[("book", "editors", 1, "name")] == (7, 1)
    assert keys[("book", "editors", 1, "contact", "email")] == (9, 1)


def test_an_inline_table_key_is_where_a_finding_points(write: Write, run: Run) -> None:
    write(
        "a.md",
        TOML_GOOD.replace(
            '[reviewed]\nby = "greg-mulhauser"\non = 2026-02-01\n',
            'reviewed = { by = "greg-mulhauser", on = "2025-02-30" }\n',
        ),
    )
    assert check(run, "a.md") == (1, [("a.md", 9, 37, "review-date-invalid")])


def test_toml_syntax_errors_keep_their_file_line(write: Write, run: Run) -> None:
    write("a.md", '+++\ntitle = "T"\nsummary = """x\n"""\ntype = \n+++\n')
    assert check(run, "a.md") == (1, [("a.md", 5, 8, "frontmatter-syntax")])


def test_a_problem_from_the_json_scanner_has_a_line() -> None:
    with pytest.raises(FrontMatterProblem) as raised:
        split('{\r"title": "a",\r"title": "b"\r}\r')
    assert (raised.value.line, raised.value.column) == (3, 1)
    assert raised.value.message == "duplicate key 'title' (first defined on line 2)"


def test_sign_off_keeps_ordinary_characters_and_refuses_lone_cr(
    write: Write, run: Run, tmp_path: Path
) -> None:
    write("a.md", complete_article(title="a\u2028b"))
    result = run("review", "sign", "a.md", "--reviewer", "x", "--on", "2026-11-01")
    assert result.code == 0, result.err
    front = split((tmp_path / "a.md").read_bytes().decode("utf-8"))
    assert front is not None
    assert (front.data["title"], front.data["reviewed"]["on"]) == ("a\u2028b", "2026-11-01")
    lone_cr = complete_article().replace("\n", "\r")
    write("b.md", lone_cr)
    result = run("review", "sign", "b.md", "--reviewer", "x", "--on", "2026-11-01")
    assert result.code == 1
    assert "front matter lines end in a lone CR" in result.out + result.err
    assert (tmp_path / "b.md").read_bytes() == lone_cr.encode()


# 6. A schema's patterns run on RE2, as every pattern from a site's policy does -----------

CATASTROPHIC = "^([a-z0-9]+-?)*$"  # Python's re backtracks for hours on 41 characters
SLOW_TEXT = "ab" * 20 + "_"
SLUG_SCHEMA = json.dumps(
    {"type": "object", "properties": {"slug": {"type": "string", "pattern": CATASTROPHIC}}}
)
KEY_SCHEMAS: dict[str, dict[str, object]] = {
    "patternProperties": {"patternProperties": {CATASTROPHIC: {"type": "string"}}},
    "additionalProperties": {
        "patternProperties": {CATASTROPHIC: True},
        "additionalProperties": False,
    },
    "unevaluatedProperties": {
        "patternProperties": {CATASTROPHIC: True},
        "unevaluatedProperties": False,
    },
    "propertyNames": {"propertyNames": {"pattern": CATASTROPHIC}},
}


def _measured_check(root: Path) -> tuple[int, list[tuple[int, int, str, str]], float]:
    """``edcheck check`` in another process (a hang is killed, never waited for): exit
    code, (line, column, rule, message) of each finding, CPU seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("EDCHECK_TODAY", None)
    command = [sys.executable, "-m", "checker", *CHECK, "page.md"]
    done = run_measured(command, cwd=root, env=env, hang_after=60)
    assert "Traceback" not in done.err, done.err
    found = [
        (item["line"], item["column"], item["rule"], item["message"])
        for item in json.loads(done.out)["diagnostics"]
    ]
    return done.code, found, done.cpu


def test_the_issue_pattern_finishes_with_its_finding(tmp_path: Path) -> None:
    root = build_site(
        tmp_path,
        {
            ".edcheck.yaml": "types: {guide: {schema: schemas/guide.schema.json, packs: [health]}}\n",
            "schemas/guide.schema.json": SLUG_SCHEMA,
            "page.md": f'---\ntitle: x\ntype: guide\nstatus: draft\nslug: "{SLOW_TEXT}"\n---\nbody',
        },
    )
    code, found, cpu = _measured_check(root)
    message = f"slug {SLOW_TEXT[:37]}... does not match {CATASTROPHIC!r}"
    assert (code, found) == (1, [(5, 1, "schema", message)])
    assert cpu < CPU_SECONDS


def test_a_pattern_in_a_referenced_schema_naming_its_dialect_runs_on_re2(tmp_path: Path) -> None:
    """jsonschema changes validator class where a schema names its ``$schema``: the
    referenced file's pattern would run on Python's re again."""
    slug = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "string",
        "pattern": CATASTROPHIC,
    }
    root = build_site(
        tmp_path,
        {
            ".edcheck.yaml": "types: {guide: {schema: s/guide.json}}\n",
            "s/guide.json": '{"properties": {"slug": {"$ref": "slug.json"}}}',
            "s/slug.json": json.dumps(slug),
            "page.md": f"---\ntitle: x\ntype: guide\nstatus: draft\nslug: {SLOW_TEXT}\n---\n",
        },
    )
    code, found, cpu = _measured_check(root)
    message = f"slug {SLOW_TEXT[:37]}... does not match {CATASTROPHIC!r}"
    assert (code, found) == (1, [(5, 1, "schema", message)])
    assert cpu < CPU_SECONDS


@pytest.mark.parametrize(
    ("keyword", "finding"),
    [
        ("patternProperties", []),  # the key does not match: nothing to check
        (
            "additionalProperties",
            [(6, 1, "schema", f"front matter has unknown field(s): {SLOW_TEXT}")],
        ),
        (
            "unevaluatedProperties",
            [
                (
                    6,
                    1,
                    "schema",
                    "front matter: Unevaluated properties are not allowed "
                    f"({SLOW_TEXT!r} was unexpected)",
                )
            ],
        ),
        (
            "propertyNames",
            [
                (
                    5,
                    1,
                    "schema",
                    f"front matter key {SLOW_TEXT[:37]}... does not match {CATASTROPHIC!r}",
                )
            ],
        ),
    ],
)
def test_patterns_on_keys_run_on_re2(
    keyword: str, finding: list[tuple[int, int, str, str]], tmp_path: Path
) -> None:
    schema = {"properties": {"title": True, "type": True, "status": True}, **KEY_SCHEMAS[keyword]}
    root = build_site(
        tmp_path,
        {
            ".edcheck.yaml": "types: {guide: {schema: s/guide.json}}\n",
            "s/guide.json": json.dumps(schema),
            "page.md": f"---\ntitle: x\ntype: guide\nstatus: draft\n{SLOW_TEXT}: 1\n---\n",
        },
    )
    code, found, cpu = _measured_check(root)
    assert (code, found) == (1 if finding else 0, finding)
    assert cpu < CPU_SECONDS


@pytest.mark.parametrize(
    ("schema", "where", "message"),
    [
        (
            '{"type": "object",\n "properties": {"slug": {"type": "string",\n'
            '   "pattern": "^(?!draft-)[a-z-]+$"}}}',
            (3, 4),
            "invalid JSON Schema: pattern '^(?!draft-)[a-z-]+$' cannot run on RE2 "
            "(invalid perl operator: (?!); edcheck runs patterns in linear time, without "
            "lookaround or backreferences",
        ),
        (
            '{"type": "object",\n "patternProperties": {\n  "^(x)\\\\1$": {"type": "string"}}}',
            (3, 3),
            "invalid JSON Schema: patternProperties key '^(x)\\\\1$' cannot run on RE2 "
            "(invalid escape sequence: \\1); edcheck runs patterns in linear time, without "
            "lookaround or backreferences",
        ),
    ],
    ids=["lookahead", "backreference-in-a-key"],
)
def test_a_pattern_re2_cannot_run_is_config_invalid(
    schema: str, where: tuple[int, int], message: str, write: Write, run: Run
) -> None:
    write(".edcheck.yaml", "types:\n  guide: {schema: s/guide.json}\n")
    write("s/guide.json", schema)
    write("a.md", "---\ntitle: T\ntype: guide\nstatus: draft\nslug: ab\n---\n")
    result = run(*CHECK)
    assert (result.code, result.found()) == (2, [("s/guide.json", *where, "config-invalid")])
    assert result.json["diagnostics"][0]["message"] == message


def test_a_pattern_property_is_not_an_unknown_field(write: Write, run: Run) -> None:
    write(".edcheck.yaml", "types:\n  guide: {schema: s/guide.json}\n")
    schema = {
        "properties": {"title": True, "type": True, "status": True},
        "patternProperties": {"^x-": True},
        "additionalProperties": False,
    }
    write("s/guide.json", json.dumps(schema))
    write("a.md", "---\ntitle: T\ntype: guide\nstatus: draft\nx-extra: 1\nzz: 2\n---\n")
    assert messages(run, "a.md") == ["front matter has unknown field(s): zz"]


def test_schema_patterns_are_searched_not_matched_from_the_start() -> None:
    assert schemaregex.search("b", "abc")  # JSON Schema patterns are unanchored
    assert not schemaregex.search("^b", "abc")
    assert not schemaregex.search("^[0-9]+$", "12\n")  # $ is the text's end (ECMA-262)
    assert not schemaregex.search("^[0-9]+$", "\u0661\u0662")  # \d and [0-9] are ASCII
    assert not schemaregex.search("^[a-z]+$", "ab\ud800")  # a lone surrogate, no crash
    assert schemaregex.search("^ab.$", "ab\ud800")


def test_the_built_in_schemas_patterns_run_on_re2() -> None:
    from checker import resources

    names = resources.builtin_names("schemas", ".schema.json")
    assert names
    for name in names:
        schema = json.loads(resources.read_text("schemas", f"{name}.schema.json"))
        assert list(schemaregex.regex_problems(schema)) == [], name


# -- inputs that crashed (exit 3) -------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "column"),
    [(r"x\ud800", 26), (r"x\udc00", 26), (r"\uD83D\u0041", 25), (r"x\\\ud800", 28)],
)
def test_half_a_surrogate_pair_in_json_is_a_syntax_error(
    write: Write, run: Run, value: str, column: int
) -> None:
    # YAML and TOML refuse the escape; json decoded it into text no report could print
    write("a.md", '{"title": "x", "type": "' + value + '", "status": "draft"}\nBody.\n')
    assert check(run, "a.md") == (1, [("a.md", 1, column, "frontmatter-syntax")])


@pytest.mark.parametrize("value", [r"x\ud83d\ude00", r"x\\ud800"])
def test_a_whole_pair_or_an_escaped_backslash_is_text(write: Write, run: Run, value: str) -> None:
    write("a.md", '{"title": "' + value + '", "type": "article", "status": "draft"}\nBody.\n')
    assert check(run, "a.md") == (0, [])


def test_a_schema_that_refers_to_itself_without_end_is_config_invalid(
    write: Write, run: Run
) -> None:
    write(
        "s/guide.json",
        '{"$schema": "https://json-schema.org/draft/2020-12/schema",\n "$ref": "#"}\n',
    )
    write(".edcheck.yaml", "types:\n  guide: {schema: s/guide.json, packs: [health]}\n")
    write("a.md", "---\ntitle: x\ntype: guide\nstatus: draft\n---\nBody.\n")
    result = run(*CHECK, "a.md")
    assert result.code == 2
    assert [(d["path"], d["rule"]) for d in result.json["diagnostics"]] == [
        ("s/guide.json", "config-invalid")
    ]
    assert "lead back to themselves" in result.json["diagnostics"][0]["message"]
