"""Malformed files, configs and packs: one clear diagnostic, the right exit code, no
traceback, bounded time, and nothing written."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import (
    CPU_SECONDS,
    ROOT,
    TODAY,
    Run,
    complete_article,
    cpu_seconds,
    run_measured,
)

Write = Callable[[str, str | bytes], Path]


@pytest.fixture(autouse=True)
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("edcheck tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    ("content", "rule", "line", "column", "message"),
    [
        (
            b"---\ntitle: x\xff\n---\n",
            "file-unreadable",
            2,
            9,
            "file is not valid UTF-8 (byte 0xff)",
        ),
        (
            "---\ntitle: x\n---\n".encode("utf-16"),
            "file-unreadable",
            1,
            1,
            "file is UTF-16: save it as UTF-8",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "file-unreadable",
            3,
            1,
            "file contains NUL bytes (binary file?)",
        ),
        (
            b"",
            "frontmatter-missing",
            1,
            1,
            "no front matter: start the file with a --- block holding at least title and type",
        ),
        (
            b"# Just a heading\n",
            "frontmatter-missing",
            1,
            1,
            "no front matter: start the file with a --- block holding at least title and type",
        ),
        (
            b"---\ntitle: x\ntype: article\n",
            "frontmatter-syntax",
            1,
            1,
            "front matter opened with --- on line 1 is never closed: add a --- line after the last field",
        ),
        # the parsers' own sentences and columns vary between releases: edcheck's rule,
        # line and prefix are the contract (column None: not asserted)
        (b"---\ntitle: [x\n---\n", "frontmatter-syntax", 3, None, "YAML syntax error: "),
        (b"+++\ntitle = 'x\n+++\n", "frontmatter-syntax", 2, None, "TOML syntax error: "),
        (b'{"title": "x"\n', "frontmatter-syntax", 2, None, "JSON syntax error: "),
        (b"---\ntype: article\nstatus: draft\n---\n", "schema", 4, 1, "title is required"),
        (
            b"---\ntitle: x\ntype: article\nstatus: draft\npublished: last spring\n---\n",
            "review-date-invalid",
            5,
            1,
            "published is last spring, not a calendar date: write it as YYYY-MM-DD",
        ),
        (
            b"---\ntitle: x\ntype: article\nstatus: draft\nreviewed:\n  on: 2025-02-30\n---\n",
            "review-date-invalid",
            6,
            3,
            "reviewed.on is 2025-02-30, not a calendar date: write it as YYYY-MM-DD",
        ),
        (
            b"---\ntitle: x\ntype: article\nstatus: draft\nupdated: 2024-06-01T10:00:00\n---\n",
            "review-date-invalid",
            5,
            1,
            "updated is 2024-06-01T10:00:00, not a calendar date: write it as YYYY-MM-DD",
        ),
        (
            b"---\ntitle: x\ntype: article\nstatus: draft\npublished: 2024\n---\n",
            "review-date-invalid",
            5,
            1,
            "published is 2024, not a calendar date: write it as YYYY-MM-DD",
        ),
        (
            b"---\ntitle: !!python/object/apply:os.system [echo hacked]\n---\n",
            "frontmatter-syntax",
            2,
            8,
            "YAML tag !!python/object/apply:os.system is not allowed in front matter",
        ),
    ],
)
def test_bad_files(
    content: bytes, rule: str, line: int, column: int | None, message: str, write: Write, run: Run
) -> None:
    write("bad.md", content)
    result = run("check", "--format", "json", "--today", TODAY, "bad.md")
    assert result.code == 1
    if column is None:  # a parser's own error: its wording and column are the library's
        [found] = result.json["diagnostics"]
        assert (found["path"], found["line"], found["rule"], found["severity"]) == (
            "bad.md",
            line,
            rule,
            "error",
        )
        assert found["message"].startswith(message)
        assert len(found["message"]) > len(message)
        return
    assert result.json["diagnostics"] == [
        {
            "path": "bad.md",
            "line": line,
            "column": column,
            "rule": rule,
            "severity": "error",
            "message": message,
        }
    ]


def test_huge_file_is_refused_unread(tmp_path: Path, run: Run) -> None:
    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.write(b"---\ntitle: x\n---\n")
        handle.truncate(50 * 1024 * 1024)
    before = cpu_seconds()
    result = run("check", "--format", "json", "big.md")
    assert cpu_seconds() - before < CPU_SECONDS
    assert result.found() == [("big.md", 1, 1, "file-too-large")]
    assert result.json["diagnostics"][0]["message"] == (
        "file is 52,428,800 bytes, over the 5,000,000-byte limit (max_file_size in .edcheck.yaml)"
    )


def test_size_limit_is_configurable(write: Write, run: Run) -> None:
    write(".edcheck.yaml", "max_file_size: 100\n")
    write("a.md", complete_article())
    assert run("check", "--format", "json", "a.md").found() == [("a.md", 1, 1, "file-too-large")]


def test_alias_bomb_and_deep_nesting_are_bounded(write: Write, run: Run) -> None:
    bomb = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    write("bomb.md", "\n".join([*bomb, "---", ""]))
    write("deep.md", "---\na: " + "[" * 100_000 + "]" * 100_000 + "\n---\n")
    before = cpu_seconds()
    result = run("check", "--format", "json", "bomb.md", "deep.md")
    assert cpu_seconds() - before < CPU_SECONDS
    # edcheck's own limits speak, whatever libyaml's version: rule, line and message
    assert [
        (d["path"], d["line"], d["rule"], d["message"]) for d in result.json["diagnostics"]
    ] == [
        (
            "bomb.md",
            6,
            "frontmatter-syntax",
            "front matter expands to more than 20000 values (alias bomb?)",
        ),
        ("deep.md", 2, "frontmatter-syntax", "front matter is nested more than 64 deep"),
    ]


def test_unreadable_file(write: Write, tmp_path: Path) -> None:
    """A file edcheck may not read. As root, permissions only bind without the
    capabilities that override them, so the check runs in a process without them."""
    path = write("secret.md", complete_article())
    path.chmod(0)
    command = [sys.executable, "-m", "checker", "check", "--format", "json", "secret.md"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root reads any file, and setpriv is not here to drop that power")
        dropped = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={dropped}", f"--bounding-set={dropped}", *command]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["diagnostics"] == [
        {
            "path": "secret.md",
            "line": 1,
            "column": 1,
            "rule": "file-unreadable",
            "severity": "error",
            "message": "cannot read file: Permission denied",
        }
    ]


def test_check_writes_nothing(
    write: Write, run: Run, tmp_path: Path, snapshot: Callable[[Path], Any]
) -> None:
    write("a.md", complete_article())
    write("b.md", b"---\ntitle: [\n---\n")
    write(".edcheck.yaml", "max_file_size: 100000\n")
    before = snapshot(tmp_path)
    for output in ("text", "json", "github"):
        run("check", "--format", output, "--today", TODAY)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("config", "line", "column", "message"),
    [
        (
            "content:\n  roots: [content]\n  globs: ['*.md']\n",
            3,
            3,
            "unknown setting 'content.globs'",
        ),
        ("- a\n- b\n", 1, 1, "configuration must be a mapping of settings, not a list"),
        ("just text\n", 1, 1, "configuration must be a mapping of settings, not a single value"),
        (
            "max_file_size: lots\n",
            1,
            1,
            "max_file_size: Input should be a valid integer, unable to parse string as an integer",
        ),
        (
            "types:\n  article:\n    review: {interval_months: 0}\n",
            3,
            14,
            "types.article.review.interval_months: Input should be greater than or equal to 1",
        ),
        ("rules:\n  no-such-rule: {severity: off}\n", 2, 3, "unknown rule 'no-such-rule'"),
        (
            "rules:\n  disclosure-link: {params: {pattern: '(unclosed'}}\n",
            2,
            30,
            "rule disclosure-link: pattern: invalid regular expression '(unclosed': missing ): (unclosed",
        ),
        (
            "rules:\n  review-overdue: {severity: fatal}\n",
            2,
            20,
            "rules.review-overdue.severity: Input should be 'error', 'warning' or 'off'",
        ),
        ("a: 1\na: 2\n", 2, 1, "duplicate key 'a' (first defined on line 1)"),
        (
            "types:\n  guide: {schema: nowhere.json}\n",
            2,
            11,
            "schema 'nowhere.json' is neither built in nor a file",
        ),
    ],
)
def test_bad_config(
    config: str, line: int, column: int, message: str, write: Write, run: Run
) -> None:
    write(".edcheck.yaml", config)
    write("a.md", complete_article())
    result = run("check", "--format", "json")
    assert result.code == 2
    assert result.json["diagnostics"] == [
        {
            "path": ".edcheck.yaml",
            "line": line,
            "column": column,
            "rule": "config-invalid",
            "severity": "error",
            "message": message,
        }
    ]


PACK = """pack: local
description: A site's own rules.
rules:
  - id: summary-required
    kind: {kind}
    severity: error
    summary: no summary
    params: {params}
    message: add a summary
    why: Listings show it.
    examples:
      fail: "x"
      pass: "y"
"""


@pytest.mark.parametrize(
    ("kind", "params", "line", "column", "message"),
    [
        ("required", "{fields: [summary]}", 0, 0, ""),
        (
            "mandatory",
            "{fields: [summary]}",
            5,
            5,
            "unknown rule kind 'mandatory' (known: date-order, date-valid, distinct, fingerprint, footnotes, freshness, interval, isbn, link, number-range, placeholder, registry, required)",
        ),
        (
            "placeholder",
            "{patterns: ['(a)\\1']}",
            8,
            25,
            "rule summary-required: patterns.0: invalid regular expression '(a)\\\\1': invalid escape sequence: \\1",
        ),
        (
            "required",
            "{field: summary}",
            8,
            14,
            "rule summary-required: unknown key 'field' (did you mean `fields`?)",
        ),
    ],
)
def test_bad_pack(
    kind: str, params: str, line: int, column: int, message: str, write: Write, run: Run
) -> None:
    write("packs/local.yaml", PACK.format(kind=kind, params=params))
    write(".edcheck.yaml", "types:\n  article: {packs: [health, packs/local.yaml]}\n")
    write("a.md", complete_article())
    result = run("check", "--format", "json", "--today", TODAY)
    if not message:
        assert (result.code, result.found()) == (1, [("a.md", 12, 1, "summary-required")])
        return
    assert result.code == 2
    assert result.json["diagnostics"] == [
        {
            "path": "packs/local.yaml",
            "line": line,
            "column": column,
            "rule": "config-invalid",
            "severity": "error",
            "message": message,
        }
    ]


def test_catastrophic_regex_runs_in_linear_time(write: Write, run: Run) -> None:
    write(".edcheck.yaml", "rules:\n  peer-review-statement: {params: {pattern: '^(a+)+$'}}\n")
    write("a.md", complete_article(peer_review="a" * 50_000 + "b"))
    before = cpu_seconds()
    result = run("check", "--format", "json", "--today", TODAY, "a.md")
    assert cpu_seconds() - before < CPU_SECONDS  # Python's re backtracks for minutes here
    assert [rule for *_, rule in result.found()] == ["peer-review-statement"]


@pytest.mark.parametrize(
    ("ref", "line"),
    [
        ("https://example.org/remote.schema.json", 3),
        ("file:///etc/passwd", 3),
        ("../outside.schema.json", 3),
    ],
)
def test_schema_refs_never_leave_the_schema_folder(
    ref: str, line: int, write: Write, run: Run
) -> None:
    write("outside.schema.json", '{"type": "object"}')
    write(
        "schemas/guide.schema.json",
        '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n  "allOf": [{"$ref": "'
        + ref
        + '"}]\n}\n',
    )
    write(".edcheck.yaml", "types:\n  guide: {schema: schemas/guide.schema.json}\n")
    write("a.md", "---\ntitle: x\ntype: guide\n---\n")
    result = run("check", "--format", "json")
    assert result.code == 2
    assert result.json["diagnostics"] == [
        {
            "path": str(Path("schemas/guide.schema.json").resolve())
            if False
            else result.json["diagnostics"][0]["path"],
            "line": line,
            "column": 1,
            "rule": "config-invalid",
            "severity": "error",
            "message": f"$ref {ref!r} does not resolve to a schema beside this one (edcheck never fetches schemas)",
        }
    ]
    assert result.json["diagnostics"][0]["path"].endswith("schemas/guide.schema.json")


def test_fifo_is_skipped_with_a_note(tmp_path: Path) -> None:
    """Reading a FIFO would block for ever: run in a child, so a hang fails the test."""
    os.mkfifo(tmp_path / "pipe.md")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "checker", "check", "--today", TODAY]
    result = run_measured(command, cwd=tmp_path, env=env, hang_after=60)
    assert (result.code, result.out) == (
        0,
        "note: pipe.md: not a regular file, skipped\n\nNo content files to check.\n",
    )


def test_symlink_out_of_the_repository_is_not_followed(tmp_path: Path, run: Run) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("---\ntitle: [\n---\n")
    (tmp_path / "link.md").symlink_to(outside)
    result = run("check", "--today", TODAY)
    assert (result.code, result.out) == (
        0,
        "note: link.md: symlink to outside the repository, not followed\n\nNo content files to check.\n",
    )
