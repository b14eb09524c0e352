"""The hostile inputs: each a setup, a command, and the exact outcome expected."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import complete_article, git_env

Finding = tuple[str, int, str]  # (path, line, rule)
GOOD = complete_article()
DRAFT = complete_article(status="draft")


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    args: tuple[str, ...] = ("check", "--format", "json", "--today", "2026-11-25")
    code: int = 1
    findings: list[Finding] | None = None  # exact (path, line, rule) of the JSON output
    stderr: str | None = None  # a one-line message expected on stderr
    setup: Callable[[Path], None] | None = None


def front(*lines: str, body: str = "Body.\n") -> str:
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n" + body


def _bomb(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _fifo(root: Path) -> None:
    os.mkfifo(root / "pipe.md")


def _outside_link(root: Path) -> None:
    outside = root.parent / f"{root.name}-outside.md"
    outside.write_text("---\ntitle: [\n---\n")
    (root / "link.md").symlink_to(outside)


def _huge_file(root: Path) -> None:
    with open(root / "huge.md", "wb") as handle:
        handle.write(b"---\ntitle: x\n---\n")
        handle.truncate(50 * 1024 * 1024)


def _unreadable(root: Path) -> None:
    (root / "secret.md").write_text(GOOD)
    (root / "secret.md").chmod(0)


def _git(root: Path, *args: str) -> None:
    env = git_env()
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _corrupt_repo(root: Path) -> None:
    (root / ".git").rmdir()
    _git(root, "init", "-q", "-b", "main")
    (root / "a.md").write_text(GOOD)
    _git(root, "add", "a.md")
    _git(root, "commit", "-qm", "base")
    _git(root, "checkout", "-q", "-b", "feature")
    (root / "a.md").write_text(GOOD.replace("Body text.", "Changed."))
    _git(root, "commit", "-qam", "change")
    blob = subprocess.run(
        ["git", "rev-parse", "HEAD:a.md"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    path = root / ".git" / "objects" / blob[:2] / blob[2:]
    path.chmod(0o644)
    path.write_bytes(b"this is not a zlib stream")


REGEX_PACK = """pack: local
description: x
rules:
  - id: slow
    kind: placeholder
    severity: error
    summary: x
    params: {patterns: ['(a+)+$']}
    message: x
    why: x
    examples: {fail: x, pass: y}
"""
SCHEMA = (
    '{{"$schema": "https://json-schema.org/draft/2020-12/schema", "allOf": [{{"$ref": "{ref}"}}]}}'
)

# File names that try to command a terminal, a CI runner and a spreadsheet (issue 13): each
# holds ESC and a newline. tests/test_escaping.py checks every output they reach, exactly.
NAME_CLEARS_SCREEN = "\x1b[2J\x1b[H\x1b[32mAll-clear\n.md"
NAME_WORKFLOW_COMMAND = (
    "::stop-commands::pwned\x1b[8m\n::warning title=Injected::from a file name.md"
)
NAME_FORMULA = '=HYPERLINK("evil")\x1b[2J\n@SUM(1).md'
FOOTNOTE_ESCAPE = GOOD.replace("Body text.", "Text[^\x1b[2J\x1b[32mAll-clear].\n##[error]no")
FORMULA_ARTICLE = complete_article(title='"=HYPERLINK(\\"evil\\")"').replace(
    "  by: greg-mulhauser\n  on: 2026-02-01", '  by: "@SUM(1)"\n  on: 2024-01-10'
)

CASES = [
    # YAML
    Case("alias-bomb", {"a.md": _bomb(9)}, findings=[("a.md", 6, "frontmatter-syntax")]),
    Case("alias-bomb-deeper", {"a.md": _bomb(30)}, findings=[("a.md", 6, "frontmatter-syntax")]),
    Case(
        "deep-flow-nesting",
        {"a.md": "---\na: " + "[" * 100_000 + "]" * 100_000 + "\n---\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "deep-block-nesting",
        {"a.md": "---\n" + "".join(" " * i + f"k{i}:\n" for i in range(200)) + "---\n"},
        findings=[("a.md", 66, "frontmatter-syntax")],
    ),
    Case(
        "huge-scalar",
        {"a.md": front("title: " + "x" * 4_000_000, "type: article", "status: draft")},
        code=0,
        findings=[],
    ),
    Case(
        "huge-integer",
        {"a.md": front("n: " + "9" * 5000)},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "duplicate-keys",
        {"a.md": front("title: a", "type: article", "title: b")},
        findings=[("a.md", 4, "frontmatter-syntax")],
    ),
    Case(
        "python-object-tag",
        {"a.md": front("title: !!python/object/apply:os.system [touch pwned]")},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "python-name-tag",
        {"a.md": front("title: !!python/name:os.system ''")},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "unknown-alias",
        {"a.md": front("title: *nowhere")},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "document-end-marker",
        {"a.md": "---\ntitle: x\ntype: article\nstatus: draft\n...\n---\nmore\n"},
        code=0,
        findings=[],
    ),
    Case(
        "never-closed",
        {"a.md": "---\ntitle: x\ntype: article\n"},
        findings=[("a.md", 1, "frontmatter-syntax")],
    ),
    Case(
        "front-matter-only",
        {"a.md": front("title: x", "type: article", "status: draft", body="")},
        code=0,
        findings=[],
    ),
    Case(
        "front-matter-not-a-mapping",
        {"a.md": "---\n- a\n- b\n---\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    # encodings and bytes
    Case("bom", {"a.md": "\ufeff" + GOOD}, code=0, findings=[]),
    Case("crlf", {"a.md": GOOD.replace("\n", "\r\n")}, code=0, findings=[]),
    Case(
        "lone-cr",
        {"a.md": DRAFT.replace("\n", "\r")},
        code=1,
        findings=[("a.md", 1, "frontmatter-missing")],
    ),
    Case(
        "nul-bytes",
        {"a.md": b"---\ntitle: x\x00\n---\n"},
        findings=[("a.md", 2, "file-unreadable")],
    ),
    Case(
        "invalid-utf8",
        {"a.md": b"---\ntitle: caf\xe9\n---\n"},
        findings=[("a.md", 2, "file-unreadable")],
    ),
    Case("utf16", {"a.md": GOOD.encode("utf-16")}, findings=[("a.md", 1, "file-unreadable")]),
    Case("empty-file", {"a.md": ""}, findings=[("a.md", 1, "frontmatter-missing")]),
    Case("file-50mb", setup=_huge_file, findings=[("huge.md", 1, "file-too-large")]),
    Case(
        "binary-image",
        {"a.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        findings=[("a.md", 3, "file-unreadable")],
    ),
    # TOML and JSON
    Case(
        "toml-syntax",
        {"a.md": "+++\ntitle = \n+++\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "toml-duplicate",
        {"a.md": '+++\ntitle = "a"\ntitle = "b"\n+++\n'},
        findings=[("a.md", 3, "frontmatter-syntax")],
    ),
    Case(
        "json-syntax", {"a.md": '{"title": "x",}\n'}, findings=[("a.md", 1, "frontmatter-syntax")]
    ),
    Case("json-nan", {"a.md": '{"title": NaN}\n'}, findings=[("a.md", 1, "frontmatter-syntax")]),
    Case(
        "json-duplicate",
        {"a.md": '{"title": "a",\n "title": "b"}\n'},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    # the file system
    Case("symlink-outside", setup=_outside_link, code=0, findings=[]),
    Case("fifo", setup=_fifo, code=0, findings=[]),
    Case("folder-named-md", setup=lambda root: (root / "dir.md").mkdir(), code=0, findings=[]),
    Case("unreadable-file", setup=_unreadable, findings=[("secret.md", 1, "file-unreadable")]),
    Case(
        "name-with-spaces",
        {"my article.md": DRAFT.replace("title: Sleep and mood", "title: [")},
        findings=[("my article.md", 4, "frontmatter-syntax")],
    ),
    Case(
        "name-with-newline",
        {"new\nline.md": DRAFT.replace("title: Sleep and mood", "title: [")},
        findings=[("new\nline.md", 4, "frontmatter-syntax")],
    ),
    Case(
        "name-with-leading-dash",
        {"-rf.md": DRAFT.replace("title: Sleep and mood", "title: [")},
        args=("check", "--format", "json", "--", "-rf.md"),
        findings=[("-rf.md", 4, "frontmatter-syntax")],
    ),
    Case(
        "name-unicode",
        {"ünïcødé.md": DRAFT.replace("title: Sleep and mood", "title: [")},
        findings=[("ünïcødé.md", 4, "frontmatter-syntax")],
    ),
    # configuration and packs
    Case(
        "config-list",
        {".edcheck.yaml": "- a\n", "a.md": GOOD},
        code=2,
        findings=[(".edcheck.yaml", 1, "config-invalid")],
    ),
    Case(
        "config-null",
        {".edcheck.yaml": "null\n", "a.md": GOOD},
        code=2,
        findings=[(".edcheck.yaml", 1, "config-invalid")],
    ),
    Case(
        "config-10mb",
        {".edcheck.yaml": "# " + "x" * 10_000_000 + "\n", "a.md": GOOD},
        code=2,
        findings=[(".edcheck.yaml", 1, "config-invalid")],
    ),
    Case(
        "pack-list",
        {
            ".edcheck.yaml": "types:\n  article: {packs: [p.yaml]}\n",
            "p.yaml": "- a\n",
            "a.md": GOOD,
        },
        code=2,
        findings=[("p.yaml", 1, "config-invalid")],
    ),
    Case(
        "pack-null",
        {".edcheck.yaml": "types:\n  article: {packs: [p.yaml]}\n", "p.yaml": "~\n", "a.md": GOOD},
        code=2,
        findings=[("p.yaml", 1, "config-invalid")],
    ),
    Case(
        "pack-10mb",
        {
            ".edcheck.yaml": "types:\n  article: {packs: [p.yaml]}\n",
            "p.yaml": "# " + "x" * 10_000_000 + "\n",
            "a.md": GOOD,
        },
        code=2,
        findings=[("p.yaml", 1, "config-invalid")],
    ),
    Case(
        "catastrophic-regex",
        {
            ".edcheck.yaml": "types:\n  article: {packs: [p.yaml]}\n",
            "p.yaml": REGEX_PACK,
            "a.md": front("title: " + "a" * 50_000 + "b", "type: article"),
        },
        code=0,
        findings=[],
    ),
    Case(
        "remote-ref",
        {
            ".edcheck.yaml": "types:\n  guide: {schema: s/guide.json}\n",
            "s/guide.json": SCHEMA.format(ref="https://example.org/x.json"),
            "a.md": GOOD,
        },
        code=2,
        findings=[("s/guide.json", 1, "config-invalid")],
    ),
    Case(
        "outside-ref",
        {
            ".edcheck.yaml": "types:\n  guide: {schema: s/guide.json}\n",
            "s/guide.json": SCHEMA.format(ref="../outside.json"),
            "outside.json": "{}",
            "a.md": GOOD,
        },
        code=2,
        findings=[("s/guide.json", 1, "config-invalid")],
    ),
    Case(
        "file-uri-ref",
        {
            ".edcheck.yaml": "types:\n  guide: {schema: s/guide.json}\n",
            "s/guide.json": SCHEMA.format(ref="file:///etc/passwd"),
            "a.md": GOOD,
        },
        code=2,
        findings=[("s/guide.json", 1, "config-invalid")],
    ),
    # git
    Case(
        "corrupt-git-object",
        setup=_corrupt_repo,
        args=("ci", "--base", "main"),
        code=2,
        stderr="edcheck: error: git cannot read a.md at ",
    ),
    # names and values that try to command a terminal, a CI runner or a spreadsheet
    Case(
        "name-clears-the-screen",
        {NAME_CLEARS_SCREEN: DRAFT.replace("title: Sleep and mood", "title: [")},
        findings=[(NAME_CLEARS_SCREEN, 4, "frontmatter-syntax")],
    ),
    Case(
        "name-is-a-workflow-command",
        {NAME_WORKFLOW_COMMAND: FOOTNOTE_ESCAPE},
        args=("check", "--today", "2026-11-25"),
    ),
    Case(
        "name-is-a-spreadsheet-formula",
        {NAME_FORMULA: FORMULA_ARTICLE},
        args=("audit", "--format", "csv", "--today", "2026-11-25"),
        code=0,
    ),
]
