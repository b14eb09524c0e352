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


def _staged_object_gone(root: Path) -> None:
    """A staged page whose object git cannot find: never skipped in silence."""
    (root / ".git").rmdir()
    _git(root, "init", "-q")
    (root / "a.md").write_text(GOOD)
    _git(root, "add", "a.md")
    blob = subprocess.run(
        ["git", "rev-parse", ":a.md"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()
    (root / ".git" / "objects" / blob[:2] / blob[2:]).unlink()


def _garbage_index(root: Path) -> None:
    (root / ".git").rmdir()
    _git(root, "init", "-q")
    (root / "a.md").write_text(GOOD)
    _git(root, "add", "a.md")
    (root / ".git" / "index").write_bytes(b"garbage\n")


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
    # a lone CR ends a line (YAML 1.2 b-break, CommonMark): the front matter is read
    Case(
        "lone-cr",
        {"a.md": DRAFT.replace("\n", "\r")},
        findings=[("a.md", 1, "frontmatter-syntax")],
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
        "config-typo-audit-json",
        {".edcheck.yaml": "content:\n  rootz: [x]\n", "a.md": GOOD},
        args=("audit", "--format", "json", "--today", "2026-11-25"),
        code=2,
        findings=[(".edcheck.yaml", 2, "config-invalid")],
    ),
    Case(
        "config-typo-review-due-json",
        {".edcheck.yaml": "content:\n  rootz: [x]\n", "a.md": GOOD},
        args=("review", "due", "--format", "json", "--today", "2026-11-25"),
        code=2,
        findings=[(".edcheck.yaml", 2, "config-invalid")],
    ),
    Case(
        "config-typo-audit-csv",
        {".edcheck.yaml": "content:\n  rootz: [x]\n", "a.md": GOOD},
        args=("audit", "--format", "csv", "--today", "2026-11-25"),
        code=2,
        stderr=".edcheck.yaml:2:3 config-invalid unknown setting 'content.rootz' (did you mean",
    ),
    Case(
        "staged-object-gone",
        args=("check", "--staged", "--today", "2026-11-25"),
        code=2,
        stderr="edcheck: error: git failed: cannot read the staged a.md: ",
        setup=_staged_object_gone,
    ),
    Case(
        "staged-garbage-index",
        args=("check", "--staged", "--today", "2026-11-25"),
        code=2,
        stderr="edcheck: error: git failed: fatal: .git/index: index file smaller than expected",
        setup=_garbage_index,
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
    # parsers against their specs (issue 11)
    Case(
        "body-starts-with-shortcode",
        {"a.md": "{{< youtube abc >}}\nText.\n"},
        findings=[("a.md", 1, "frontmatter-missing")],
    ),
    Case(
        "body-starts-with-mdx-comment",
        {"a.md": "{/* a note */}\nText.\n"},
        findings=[("a.md", 1, "frontmatter-missing")],
    ),
    Case(
        "body-starts-with-liquid-tag",
        {"a.md": "{% include x.html %}\nText.\n"},
        findings=[("a.md", 1, "frontmatter-missing")],
    ),
    *(
        Case(
            f"yaml-ordinary-{ord(char):04x}",
            {
                "a.md": DRAFT.replace("title: Sleep and mood", f"title: a{char}b").replace(
                    "published: 2026-01-10", "published: 2025-02-30"
                )
            },
            findings=[("a.md", 6, "review-date-invalid")],
        )
        for char in ("\u2028", "\u2029", "\u0085")
    ),
    Case(
        "toml-1000-levels",
        {"a.md": "+++\na = " + "[" * 1000 + "]" * 1000 + "\n+++\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "toml-195-inline-tables",
        {"a.md": "+++\na = " + "[{b = " * 195 + "1" + "}]" * 195 + "\n+++\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "json-100000-levels",
        {"a.md": '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n"},
        findings=[("a.md", 1, "frontmatter-syntax")],
    ),
    Case(
        "json-490-levels",
        {"a.md": '{"title": "x",\n "a": ' + "[" * 490 + "]" * 490 + "}\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "toml-20001-values",
        {"a.md": "+++\na = [" + "1," * 20_001 + "]\n+++\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "json-5000-digit-number",
        {"a.md": '{"a":\n' + "9" * 5000 + "}\n"},
        findings=[("a.md", 2, "frontmatter-syntax")],
    ),
    Case(
        "schema-beside-package-json",
        {
            ".edcheck.yaml": "types:\n  guide: {schema: s/guide.json}\n",
            "s/guide.json": '{"type": "object"}',
            "s/package.json": '{"name": "site", "version": "1.0.0"}',
            "s/docfx.json": '{"build": {}}',
            "a.md": GOOD,
        },
        code=0,
        findings=[],
    ),
    Case(
        "schema-not-json",
        {
            ".edcheck.yaml": "types:\n  guide: {schema: s/guide.json}\n",
            "s/guide.json": '{"type": "object",\n "properties": }',
            "a.md": GOOD,
        },
        code=2,
        findings=[("s/guide.json", 2, "config-invalid")],
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


def _body(text: str) -> str:
    """GOOD with ``text`` as its body (which starts on line 13)."""
    return GOOD.replace("Body text.\n", text)


def _citations(size: int) -> str:
    """[1][2]...[9999][1][2]... to ``size`` bytes: 600,000 citations in 3.5 MB."""
    parts, used, index = [], 0, 0
    while used < size:
        part = f"[{index % 9999 + 1}]"
        parts.append(part)
        used += len(part)
        index += 1
    return "".join(parts)


# Bounded work (issue 11): bodies that took a parser minutes or gigabytes. Over the
# budget, one body-too-complex error on the line where it ran out (GOOD's body: line 13).
BOUNDED = [
    Case("fast-footnote-openers", {"a.md": _body("[^" * 38)}, code=0, findings=[]),
    Case("fast-footnote-panic", {"a.md": _body("See [^[")}, code=0, findings=[]),
    Case("fast-nested-quotes", {"a.md": _body(">" * 60_000)}, code=0, findings=[]),
    Case("fast-nested-lists", {"a.md": _body("1. " * 40_000)}, code=0, findings=[]),
    Case(
        "open-brackets-4.8mb",
        {"a.md": _body("[" * 4_800_000)},
        findings=[("a.md", 13, "body-too-complex")],
    ),
    Case(
        "link-openers-4.8mb",
        {"a.md": _body("[a](" * 1_200_000)},
        findings=[("a.md", 13, "body-too-complex")],
    ),
    Case(
        "setext-runs-4.8mb",
        {"a.md": _body("=\n" * 2_400_000)},
        findings=[("a.md", 50_013, "body-too-complex")],
    ),
    Case(
        "emphasis-delimiters-4.8mb",
        {"a.md": _body("*a_ " * 1_200_000)},
        findings=[("a.md", 13, "body-too-complex")],
    ),
    Case(
        "links-100k",
        {"a.md": _body("".join(f"[a](https://e.org/{i}) " for i in range(100_000)))},
        findings=[("a.md", 13, "body-too-complex")],
    ),
    Case(
        "citations-600k",
        {"a.md": _body(_citations(3_500_000))},
        findings=[("a.md", 13, "body-too-complex")],
    ),
    Case(
        "suppression-comments-90k",
        {"a.md": _body("<!-- edcheck-disable footnote-unused -- x -->\n" * 90_000)},
        findings=[("a.md", 8346, "body-too-complex")],
    ),
    Case(
        "unresolved-citations-capped",
        {"a.md": _body("Cited " + "".join(f"[{i}]" for i in range(1, 901)))},
        findings=[("a.md", 13, "footnote-unresolved")] * 50,
    ),
]

CASES += BOUNDED
