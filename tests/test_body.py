"""Body facts: links, citations and reference entries, from both Markdown parsers."""

from __future__ import annotations

import random

import pytest

from bench.corpus import article
from checker.body import BodyFacts, Link, Mark, _rust_parser, read_body_python, read_body_rust
from tests.conftest import ROOT

BODY = """Intro [1] and `[2]` and [a link [5]](/policies/review-disclosure/) and \\[3\\].
Second line cites [2] and a footnote[^n] and [^missing].

[1] Miller, J. B. (1976).

- [2] Another, listed.

[4] Never cited.

[^n]: The note.

[^u]: Nobody cites this note.

```
[9] inside a fence
[^c]: not a definition
```
<https://example.org/disclosure>
"""


def test_facts_of_a_tricky_body() -> None:
    assert read_body_python(BODY, 10) == BodyFacts(
        links=(
            Link("a link [5]", "/policies/review-disclosure/"),
            Link("https://example.org/disclosure", "https://example.org/disclosure"),
        ),
        citations=(
            Mark("1", 10, 7),
            Mark("5", 10, 33),
            Mark("2", 11, 19),
            Mark("n", 11, 37),
            Mark("missing", 11, 46),
        ),
        references=(
            Mark("1", 13, 1),
            Mark("2", 15, 3),
            Mark("4", 17, 1),
            Mark("n", 19, 1),
            Mark("u", 21, 1),
        ),
    )


CASES = [
    BODY,
    "",
    "No brackets at all.",
    "[1]\n",
    "Text [1].\n[1] is a continuation, not an entry.\n",
    "> [1] quoted entry\n\nCited [1].\n",
    "# Heading [1]\n\n[1] Entry.\n",
    "1. [1] numbered list entry\n2. [2] second\n\nSee [1] and [2].\n",
    "- loose\n\n- [3] loose entry\n\n  more\n",
    "Setext [1]\n---\n",
    "    [1] indented code\n\nText.\n",
    "<div>\n[1] html block\n</div>\n\nText [1].\n",
    "Inline <span>[1]</span> html.\n",
    "![image [1]](/x.png) alt text.\n",
    "[ref link][1]\n\n[1]: https://example.org\n",
    "Entity &#91;1&#93; is text.\n",
    "Unicode é [1] and ü [2].\n\n[1] é.\n[2] ü.\n",
    "Footnote[^a] twice[^a].\n\n[^a]: Def.\n   [^b]: indented def\n",
    "[^x]: definition first\n\nThen use[^x].\n",
    "Trailing [12] and [1234] and [12345].\n",
    'A [disclosure policy](https://example.org/policies/disclosure "title").\n',
    "*Emphasis [1]* and **strong [2]**.\n\n[1] A.\n\n[2] B.\n",
    "Line one  \nhard break [3]\n\n[3] C.\n",
    "Crlf line [1]\r\n\r\n[1] Entry.\r\n",
]


@pytest.mark.skipif(
    _rust_parser() is None, reason="markdown-it-pyrs is not installed (pip install edcheck[fast])"
)
@pytest.mark.parametrize("body", CASES)
def test_both_parsers_agree(body: str) -> None:
    assert read_body_rust(body, 3, _rust_parser()) == read_body_python(body, 3)


@pytest.mark.skipif(
    _rust_parser() is None, reason="markdown-it-pyrs is not installed (pip install edcheck[fast])"
)
def test_both_parsers_agree_on_the_example_site_and_a_corpus() -> None:
    from checker.documents import read_document

    bodies = [
        read_document(path, path.name, 10**7).body
        for path in sorted((ROOT / "examples" / "site").rglob("*.md"))
    ]
    rng = random.Random(7)
    bodies += [article(index, rng)[1] for index in range(60)]
    for body in bodies:
        assert read_body_rust(body, 1, _rust_parser()) == read_body_python(body, 1)
