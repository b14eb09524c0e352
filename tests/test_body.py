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
    facts = read_body_python(BODY, 10)
    assert BodyFacts(facts.links, facts.citations, facts.references) == BodyFacts(
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
    # issue 11: prose, comments, HTML links, citation groups, templated definitions
    "Stop by on Tuesday; `TODO` and <!-- TODO --> and\nReviewed by  on .\n",
    "Text <!-- edcheck-disable-file x -- why --> more TODO.\n",
    "<!-- block one -->\n<!-- block -- two -->\n\nText.\n",
    "> quoted `x\n> y` then TODO\n",
    "# Heading TODO ##\n\nSetext TODO\n---\n",
    "Claims [1,2] and [1, 7] and [3\u20135] and [3-5] and [9-2] and [2004].\n\n[1] A.\n",
    "See the [tracker][2] and [1].\n\n[1] A.\n\n[2]: {{ site.repository }}/issues\n"
    '[3]: {{ site.repository }}/pulls "Pulls"\n',
    'See <a href="/policies/review-disclosure/">the <b>policy</b></a> and\n'
    '<div>\n<a href="/x">disclosure</a> <Link to="/y">y</Link>\n</div>\n',
    'A [link](</my url> "title") then TODO and ![alt TODO](/i.png) TODO.\n',
    "Entity &amp; TODO \\[1\\] and <https://example.org/TODO> end.\n",
    "Lone\rcr [1] TODO\r\r[1] Entry.\r",
    "Unicode \u00e9\u00e9 TODO \u2028 [1] and `\u00fc` TODO.\n\n[1] \u00e9.\n",
    "- tight TODO\n- [2] entry\n  - nested TODO\n",
    "Footnote[^a].\n\n[^a]: Cited note TODO.\n\n[^b]: Uncited note TODO [4].\n",
    "Hard  \nbreak TODO\\\nand more.\n",
]

MDX_CASES = [
    "{/* edcheck-disable-file x -- why */}\nText TODO.\n",
    "See <Link href={'/p/disclosure/'}>policy</Link>.\n",
    "Text {/* a\ncomment */} after.\n",
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


@pytest.mark.skipif(
    _rust_parser() is None, reason="markdown-it-pyrs is not installed (pip install edcheck[fast])"
)
@pytest.mark.parametrize("body", MDX_CASES)
def test_both_parsers_agree_on_mdx(body: str) -> None:
    rust = read_body_rust(body, 3, _rust_parser(), mdx=True)
    assert rust == read_body_python(body, 3, mdx=True)
    assert rust.comments or rust.links
