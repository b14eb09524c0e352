"""Body rules read the body as Markdown: prose, code, HTML, comments and links as its
readers and its format define them (issue 11, "Body rules ignore Markdown structure")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.body import (
    Link,
    _rust_parser,
    comment_spans,
    html_links,
    read_body_python,
    read_body_rust,
)
from tests.conftest import TODAY, Run, build_site, complete_article

BODY_LINE = 13  # the body's first line in complete_article()


def page(body: str, **changes: str) -> str:
    return complete_article(**changes).replace("Body text.\n", body)


def check(run: Run, root: Path, *paths: str) -> tuple[int, list[tuple[str, int, int, str, str]]]:
    result = run("check", "--format", "json", "--today", TODAY, *paths, cwd=root)
    found = [
        (d["path"], d["line"], d["column"], d["rule"], d["message"])
        for d in result.json["diagnostics"]
    ]
    return result.code, found


def rules_at(found: list[tuple[str, int, int, str, str]]) -> list[tuple[int, int, str]]:
    return [(line, column, rule) for _, line, column, rule, _ in found]


# -- empty-placeholder: prose only, and the context of a real gap ----------------------


@pytest.mark.parametrize(
    "body",
    [
        "Stop by on Tuesday and say hello.\n",
        "A link that ends on .html is fine.\n",
        "The booking tool is built on .NET and runs in a browser.\n",
        "```\nTODO: fill in\n```\n",
        "    TODO in indented code\n",
        "A code span `TODO` and `by on .` shows code.\n",
        "<!-- TODO: add the chapter list -->\n",
        "Text <!-- TODO inline comment --> more text.\n",
        "A [link](/by/on/.) and an image ![TODO](/x.png).\n",
        "Reviewed by {{ reviewer }} on {{ review_date }}.\n",  # templated: see below
    ],
)
def test_no_placeholder_outside_prose_or_without_a_gap(run: Run, tmp_path: Path, body: str) -> None:
    build_site(tmp_path, {"a.md": page(body), ".edcheck.yaml": "templated: true\n"})
    assert check(run, tmp_path) == (0, [])


@pytest.mark.parametrize(
    ("body", "line", "column", "text"),
    [
        ("Reviewed by  on .\n", 13, 10, "by  on ."),
        ("It was originally published by on and was last reviewed.\n", 13, 29, "by on and"),
        ("Edited by , 2004.\n", 13, 8, "by ,"),
        ("Last reviewed by Dr Reyes on .\n", 13, 27, "on ."),
        ("Text, then\nTODO here.\n", 14, 1, "TODO"),
        ("Dates TBD.\n", 13, 7, "TBD"),
        ("Lorem ipsum dolor.\n", 13, 1, "Lorem ipsum"),
        ("A gap {{ }} here.\n", 13, 7, "{{ }}"),
        ("> quoted `x\n> y` then TODO\n", 14, 11, "TODO"),
        ("# Heading TODO ##\n", 13, 11, "TODO"),
    ],
)
def test_a_real_gap_in_prose(
    run: Run, tmp_path: Path, body: str, line: int, column: int, text: str
) -> None:
    build_site(tmp_path, {"a.md": page(body)})
    code, found = check(run, tmp_path)
    assert code == 1
    assert found == [
        (
            "a.md",
            line,
            column,
            "empty-placeholder",
            f'unfilled placeholder "{text}": fill in the missing words',
        )
    ]


def test_front_matter_placeholders_still_count(run: Run, tmp_path: Path) -> None:
    build_site(tmp_path, {"a.md": page("Body.\n", title="TODO")})
    assert rules_at(check(run, tmp_path)[1]) == [(2, 8, "empty-placeholder")]


# -- template variables: reported unless the site fills them ---------------------------

VARIABLES = "Reviewed by {{ reviewer }} on {{ review_date }}.\n"


def test_an_unfilled_template_variable_is_reported(run: Run, tmp_path: Path) -> None:
    build_site(tmp_path, {"a.md": page(VARIABLES)})
    code, found = check(run, tmp_path)
    assert code == 1
    assert rules_at(found) == [(13, 13, "empty-placeholder"), (13, 31, "empty-placeholder")]
    assert found[0][4] == (
        'unfilled placeholder "{{ reviewer }}": the template variable reviewer is shown as '
        "written, because this site does not fill templates in its pages: write the value "
        "(or set templated: true in .edcheck.yaml if the site does fill them)"
    )
    assert "the template variable review_date" in found[1][4]


def test_liquid_tags_show_on_a_site_that_is_not_templated(run: Run, tmp_path: Path) -> None:
    body = "{% include note.html %}; Hugo's {{< youtube abc >}} and {{% notice %}} are not.\n"
    build_site(tmp_path, {"a.md": page(body)})
    _, found = check(run, tmp_path)
    assert rules_at(found) == [(13, 1, "empty-placeholder")]
    assert "the template tag include is shown as written" in found[0][4]


def test_a_hugo_site_reports_the_variable(run: Run, tmp_path: Path) -> None:
    build_site(
        tmp_path,
        {"hugo.toml": 'title = "x"\n', "content/a.md": page(VARIABLES)},
    )
    assert rules_at(check(run, tmp_path)[1]) == [
        (13, 13, "empty-placeholder"),
        (13, 31, "empty-placeholder"),
    ]


def test_a_hugo_paired_shortcode_holds_examples_not_gaps(run: Run, tmp_path: Path) -> None:
    # Hugo's docs (functions/lang/Translate.md): a shortcode receives its inner text
    # as it stands; a {{% %}} pair's text is rendered as Markdown, so readers see it.
    body = (
        "{{< code-toggle file=i18n/en >}}\n[day]\none = '{{ . }} day'\n{{< /code-toggle >}}\n"
        "\n{{% note %}}\nReviewed by {{ reviewer }}.\n{{% /note %}}\n"
    )
    build_site(tmp_path, {"hugo.toml": 'title = "x"\n', "content/a.md": page(body)})
    assert check(run, tmp_path)[1] == [
        (
            "content/a.md",
            19,
            13,
            "empty-placeholder",
            'unfilled placeholder "{{ reviewer }}": the template variable reviewer is shown '
            "as written, because this site does not fill templates in its pages: write the "
            "value (or set templated: true in .edcheck.yaml if the site does fill them)",
        )
    ]


def test_a_gap_is_quoted_as_the_file_writes_it(run: Run, tmp_path: Path) -> None:
    # prose stands one character in for a code span; the message shows the source
    body = "Title: {{ replace .Name `-` ` ` | title }} here.\n"
    build_site(tmp_path, {"hugo.toml": 'title = "x"\n', "content/a.md": page(body)})
    found = check(run, tmp_path)[1]
    assert [(line, column, text.split(":")[0]) for _, line, column, _, text in found] == [
        (13, 8, 'unfilled placeholder "{{ replace .Name `-` ` ` | title }}"')
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Includes extras like the TODO plugin.", []),  # Hugo's docs, tools/migrations.md
        ("We will TODO this later.", []),
        ("TODO: add the dosage.", [(13, 1)]),
        ("Dose: TBD.", [(13, 7)]),
        ("See the list (TK) below.", [(13, 15)]),
        ("| morning | TBD |\n| night | TODO |", [(13, 13), (14, 11)]),  # table cells
        ("He was TK. Tk. XXX-large sizes.", []),  # a size, not a gap
        ("Lorem\nipsum dolor.", [(13, 1)]),  # across a line break
    ],
)
def test_a_marker_word_is_a_gap_only_where_text_is_missing(
    run: Run, tmp_path: Path, sentence: str, expected: list[tuple[int, int]]
) -> None:
    build_site(tmp_path, {"a.md": page(sentence + "\n")})
    assert [(line, column) for _, line, column, _, _ in check(run, tmp_path)[1]] == expected


def test_a_jekyll_site_is_templated(run: Run, tmp_path: Path) -> None:
    body = VARIABLES + "\n{% include note.html %} and {{ }} still is a gap.\n"
    build_site(
        tmp_path,
        {"_config.yml": "title: x\n", "a.md": page(body, published="<drop>", date="2026-01-10")},
    )
    assert rules_at(check(run, tmp_path)[1]) == [(15, 29, "empty-placeholder")]


def test_templated_false_overrides_the_jekyll_preset(run: Run, tmp_path: Path) -> None:
    build_site(
        tmp_path,
        {
            "_config.yml": "title: x\n",
            ".edcheck.yaml": "templated: false\n",
            "a.md": page(VARIABLES, published="<drop>", date="2026-01-10"),
        },
    )
    assert rules_at(check(run, tmp_path)[1]) == [
        (13, 13, "empty-placeholder"),
        (13, 31, "empty-placeholder"),
    ]


# -- citations ---------------------------------------------------------------------------

REFERENCES = "".join(f"\n[{n}] Entry {n}.\n" for n in range(1, 6))


def test_citation_groups_and_ranges(run: Run, tmp_path: Path) -> None:
    body = "Claims [1,2] and [3–5].\n" + REFERENCES
    build_site(tmp_path, {"a.md": page(body)})
    assert check(run, tmp_path) == (0, [])
    build_site(tmp_path, {"a.md": page("Claims [1, 2] and [3-5].\n" + REFERENCES)})
    assert check(run, tmp_path) == (0, [])


def test_a_group_citing_a_missing_entry(run: Run, tmp_path: Path) -> None:
    body = "Claims [1,7] and [2] and [3–5].\n" + REFERENCES
    build_site(tmp_path, {"a.md": page(body)})
    code, found = check(run, tmp_path)
    assert code == 1
    assert found == [
        (
            "a.md",
            13,
            8,
            "footnote-unresolved",
            "reference [7] is cited but not in the reference list: add the entry or fix the number",
        )
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # Hugo's docs: intervals, not citations (functions/math/Rand.md, images/Colorize.md)
        "A random integer in the closed interval [1, 6].",
        "The hue is typically in the range [0, 360].",
    ],
)
def test_an_interval_is_not_a_citation_group(run: Run, tmp_path: Path, sentence: str) -> None:
    build_site(tmp_path, {"a.md": page(sentence + "\n")})
    assert check(run, tmp_path) == (0, [])


def test_a_range_from_zero_is_not_a_citation_even_with_references(run: Run, tmp_path: Path) -> None:
    build_site(tmp_path, {"a.md": page("Scores in [0, 10] vary [1].\n\n[1] A.\n")})
    assert check(run, tmp_path) == (0, [])


def test_a_bracketed_year_is_not_a_citation(run: Run, tmp_path: Path) -> None:
    build_site(tmp_path, {"a.md": page("The first edition [2004] said so.\n")})
    assert check(run, tmp_path) == (0, [])
    # ... unless the reference list has that label
    body = "The first edition [2004] said so [1].\n\n[1] A.\n\n[2004] The first edition.\n"
    build_site(tmp_path, {"a.md": page(body)})
    assert check(run, tmp_path) == (0, [])
    body = "The first edition [2004] said so [1].\n\n[1] A.\n\n[2005] Another edition.\n"
    build_site(tmp_path, {"a.md": page(body)})
    assert check(run, tmp_path) == (0, [])


def test_templated_link_definitions_are_not_citations(run: Run, tmp_path: Path) -> None:
    body = (
        "See the [issue tracker][2] and [pull requests][3], as [1] says.\n\n"
        "[1] A source.\n\n"
        "[2]: {{ site.repository }}/issues\n"
        '[3]: {{ site.repository }}/pulls "Pull requests"\n'
    )
    build_site(tmp_path, {"a.md": page(body), ".edcheck.yaml": "templated: true\n"})
    assert check(run, tmp_path) == (0, [])


def test_a_reference_entry_with_a_colon_is_still_an_entry(run: Run, tmp_path: Path) -> None:
    body = "Cited [1].\n\n[1]: Miller, J. B. (1976). Toward a New Psychology of Women.\n"
    build_site(tmp_path, {"a.md": page(body)})
    assert check(run, tmp_path) == (0, [])


# -- disclosure-link: HTML, MDX, template tags, and a field that is not a link ---------


@pytest.mark.parametrize(
    ("name", "body", "config"),
    [
        ("a.md", 'See <a href="/policies/review-disclosure/">the policy</a>.\n', ""),
        ("a.md", '<p>\n  <a href="/policies/review-disclosure/">the policy</a>\n</p>\n', ""),
        ("a.md", "See <a href='/p/42'>our disclosure policy</a>.\n", ""),
        ("a.mdx", 'See <Link to="/policies/review-disclosure/">the policy</Link>.\n', ""),
        ("a.mdx", "See <Link href={'/policies/review-disclosure/'}>policy</Link>.\n", ""),
        ("a.md", 'See {{< ref "policies/review-disclosure.md" >}}.\n', "templated: true\n"),
        ("a.md", 'See {{< relref "/policies/disclosure" >}}.\n', ""),
        ("a.md", "See {% link _policies/review-disclosure.md %}.\n", "templated: true\n"),
        (
            "a.md",
            'See {% include link.html url="/policies/review-disclosure/" %}.\n',
            "templated: true\nrules:\n  disclosure-link:\n"
            '    params: {tags: [link, "include link.html"]}\n',
        ),
    ],
)
def test_links_that_count(run: Run, tmp_path: Path, name: str, body: str, config: str) -> None:
    files = {name: page(body, disclosure='""')}
    if config:
        files[".edcheck.yaml"] = config
    build_site(tmp_path, files)
    assert check(run, tmp_path) == (0, [])


def test_an_include_counts_only_by_configured_name(run: Run, tmp_path: Path) -> None:
    body = 'See {% include link.html url="/policies/review-disclosure/" %}.\n'
    build_site(
        tmp_path, {"a.md": page(body, disclosure='""'), ".edcheck.yaml": "templated: true\n"}
    )
    assert rules_at(check(run, tmp_path)[1]) == [(7, 1, "disclosure-link")]


def test_a_disclosure_that_is_not_a_link(run: Run, tmp_path: Path) -> None:
    build_site(
        tmp_path,
        {"a.md": page("No link here.\n", disclosure='"We have no conflicts of interest."')},
    )
    code, found = check(run, tmp_path)
    assert code == 1
    assert found == [
        (
            "a.md",
            7,
            1,
            "disclosure-link",
            'no link to the disclosure policy (disclosure is "We have no conflicts of interest.": '
            "not a link, neither a URL nor a site path): set disclosure (e.g. "
            "/policies/review-disclosure/) or link to the policy in the text",
        )
    ]


@pytest.mark.parametrize(
    "value",
    [
        "/policies/review-disclosure/",
        "https://example.org/disclosure",
        "../policies/disclosure.md",
        "./disclosure.html",
        "policies/disclosure.md",
        "policies/disclosure/",
    ],
)
def test_disclosure_values_that_are_links(run: Run, tmp_path: Path, value: str) -> None:
    build_site(tmp_path, {"a.md": page("No link here.\n", disclosure=value)})
    assert check(run, tmp_path) == (0, [])


# -- suppressions: only real comments --------------------------------------------------


def test_a_suppression_shown_in_code_silences_nothing(run: Run, tmp_path: Path) -> None:
    body = (
        "Show `<!-- edcheck-disable-file disclosure-link -- see policy -->` here.\n\n"
        "```\n<!-- edcheck-disable empty-placeholder -->\n```\n"
    )
    build_site(tmp_path, {"a.md": page(body, disclosure='""')})
    assert rules_at(check(run, tmp_path)[1]) == [(7, 1, "disclosure-link")]


def test_an_inline_html_comment_suppresses(run: Run, tmp_path: Path) -> None:
    body = "Text <!-- edcheck-disable-file disclosure-link -- policy is in the footer --> here.\n"
    build_site(tmp_path, {"a.md": page(body, disclosure='""')})
    assert check(run, tmp_path) == (0, [])


def test_a_heading_is_not_a_front_matter_comment(run: Run, tmp_path: Path) -> None:
    body = "# edcheck-disable-file disclosure-link -- a heading, not a comment\n"
    build_site(tmp_path, {"a.md": page(body, disclosure='""')})
    assert rules_at(check(run, tmp_path)[1]) == [(7, 1, "disclosure-link")]


def test_the_mdx_comment_form(run: Run, tmp_path: Path) -> None:
    body = "{/* edcheck-disable-file disclosure-link -- see the footer */}\nText.\n"
    build_site(tmp_path, {"a.mdx": page(body, disclosure='""')})
    assert check(run, tmp_path) == (0, [])
    body = "Text.\n\n{/* edcheck-disable empty-placeholder -- quoting the template */}\nTODO\n"
    build_site(tmp_path, {"a.mdx": page(body)})
    assert check(run, tmp_path) == (0, [])
    # in a Markdown file the same braces are text readers see
    build_site(
        tmp_path,
        {"b.md": page("{/* edcheck-disable-file disclosure-link -- x */}\n", disclosure='""')},
    )
    assert rules_at(check(run, tmp_path, "b.md")[1]) == [(7, 1, "disclosure-link")]


def test_an_html_comment_in_mdx_is_reported(run: Run, tmp_path: Path) -> None:
    body = "<!-- edcheck-disable-file disclosure-link -- see policy -->\nText.\n"
    build_site(tmp_path, {"a.mdx": page(body, disclosure='""')})
    code, found = check(run, tmp_path)
    assert code == 1
    assert found == [
        (
            "a.mdx",
            7,
            1,
            "disclosure-link",
            "no link to the disclosure policy: set disclosure (e.g. /policies/review-disclosure/) "
            "or link to the policy in the text",
        ),
        (
            "a.mdx",
            13,
            1,
            "suppression-invalid",
            "MDX does not compile HTML comments, so this suppression silences nothing: write "
            "{/* edcheck-disable RULE -- reason */}",
        ),
    ]


# -- linear work -----------------------------------------------------------------------


def _steps(body: str) -> int:
    """How many positions the parse placed: a counted measure of its work."""
    facts = read_body_python(body, 1)
    return len(facts.citations) + len(facts.references) + sum(len(p.spots) for p in facts.prose)


def test_citations_on_one_long_line_are_placed_in_one_pass() -> None:
    body = "[1]" + "".join(f"x[{n % 9 + 1}]" for n in range(40_000)) + "\n"
    facts = read_body_python(body, 1)
    assert len(facts.citations) == 40_000
    assert facts.citations[-1].column == len(body) - 3  # "[n]" ends the line
    assert _steps(body) == 40_001 + 1


@pytest.mark.skipif(_rust_parser() is None, reason="markdown-it-pyrs is not installed")
def test_many_uncited_definitions_with_the_rust_parser() -> None:
    body = "".join(f"[^{n}]: A note nobody cites.\n\n" for n in range(20_000))
    facts = read_body_rust(body, 1, _rust_parser())
    assert len(facts.references) == 20_000
    assert facts.references[-1].line == 2 * 20_000 - 1


def test_placeholders_are_capped_like_every_rule_with_a_count(run: Run, tmp_path: Path) -> None:
    build_site(tmp_path, {"a.md": page("".join(f"TODO: part {n}.\n\n" for n in range(70)))})
    found = check(run, tmp_path)[1]
    assert [line for _, line, _, _, _ in found] == [13 + 2 * n for n in range(50)]
    assert found[-1][4] == (
        'unfilled placeholder "TODO": fill in the missing words '
        "(and 20 more empty-placeholder findings in this file, not shown)"
    )


def test_a_range_is_reported_in_numeric_order(run: Run, tmp_path: Path) -> None:
    build_site(tmp_path, {"a.md": page("Claims [1-100].\n" + REFERENCES)})
    found = check(run, tmp_path)[1]
    labels = [message.split("]")[0].removeprefix("reference [") for *_, message in found]
    assert labels == [str(n) for n in range(6, 56)]
    assert found[-1][4].endswith(
        "(and 45 more footnote-unresolved findings in this file, not shown)"
    )


# -- HTML as readers see it: comments hide links, tag and attribute names in any case -------

NO_DISCLOSURE = (
    "a.md",
    11,
    1,
    "disclosure-link",
    "no link to the disclosure policy: set disclosure (e.g. /policies/review-disclosure/) "
    "or link to the policy in the text",
)
READERS = [
    pytest.param(read_body_python, id="markdown-it-py"),
    pytest.param(
        lambda body, line: read_body_rust(body, line, _rust_parser()),
        id="fast",
        marks=pytest.mark.skipif(_rust_parser() is None, reason="no markdown-it-pyrs"),
    ),
]
COMMENTED_LINKS = [
    # the example: an HTML block of one comment holding a link
    '<!-- <a href="/policies/disclosure/">policy</a> -->\n',
    # ... spread over several lines
    '<!--\n<a href="/policies/disclosure/">\n  policy</a>\n-->\n',
    # a comment inside another HTML block
    '<div>\n  <!-- <a href="/policies/disclosure/">policy</a> -->\n</div>\n',
    # a comment never closed hides the rest of its block, as browsers read it
    '<div>\n<!-- old footer\n<a href="/policies/disclosure/">policy</a>\n</div>\n',
    # upper case does not make it visible
    '<!-- <A HREF="/policies/disclosure/">policy</A> -->\n',
]


@pytest.mark.parametrize("body", COMMENTED_LINKS)
def test_a_link_inside_an_html_comment_is_no_link(run: Run, tmp_path: Path, body: str) -> None:
    """Readers never see it: the page has no disclosure link (it passed before)."""
    build_site(tmp_path, {"a.md": page(body, disclosure="<drop>")})
    assert check(run, tmp_path) == (1, [NO_DISCLOSURE])


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("body", COMMENTED_LINKS)
def test_commented_links_are_not_facts_with_either_parser(reader: Any, body: str) -> None:
    facts = reader(body, BODY_LINE)
    assert facts.links == ()
    if "-->" in body:  # a closed comment is still a comment, on its line
        (comment,) = facts.comments
        assert comment.text.startswith("<!--") and comment.text.endswith("-->")
        assert comment.line == BODY_LINE + body.split("\n").index(
            next(line for line in body.split("\n") if "<!--" in line)
        )


@pytest.mark.parametrize(
    "body",
    [
        # a link after a closed comment, in the same block, is seen
        '<div><!-- a note --><a href="/policies/disclosure/">policy</a></div>\n',
        # CommonMark 0.31 (and HTML): <!--> is a whole, empty comment
        '<!--> <a href="/policies/disclosure/">policy</a> -->\n',
        # a link in text beside an inline comment
        'Read <!-- note --> our <a href="/policies/disclosure/">policy</a>.\n',
    ],
)
def test_a_link_outside_a_comment_counts(run: Run, tmp_path: Path, body: str) -> None:
    build_site(tmp_path, {"a.md": page(body, disclosure="<drop>")})
    assert check(run, tmp_path) == (0, [])


@pytest.mark.parametrize(
    ("name", "body"),
    [
        # the example: HTML tag and attribute names are case-insensitive
        ("a.md", 'Read our <A HREF="/policies/review-disclosure/">policy</A>.\n'),
        ("a.md", '<DIV>\n<A HREF="/policies/review-disclosure/">policy</A>\n</DIV>\n'),
        ("a.md", "Read our <a Href='/policies/review-disclosure/'>policy</a>.\n"),
        ("a.md", "Read our <A\n  HREF=/policies/review-disclosure/>policy</A>.\n"),
        ("a.mdx", 'Read our <A HREF="/policies/review-disclosure/">policy</A>.\n'),
        ("a.mdx", 'Read our <Link to="/policies/review-disclosure/">policy</Link>.\n'),
    ],
)
def test_html_links_in_any_case_count(run: Run, tmp_path: Path, name: str, body: str) -> None:
    """It was "no link to the disclosure policy"."""
    build_site(tmp_path, {name: page(body, disclosure="<drop>")})
    assert check(run, tmp_path) == (0, [])


@pytest.mark.parametrize(
    ("name", "body"),
    [
        # an MDX component's name and props are case-sensitive: no Link, no to
        ("a.mdx", 'Read our <LINK to="/policies/review-disclosure/">policy</LINK>.\n'),
        ("a.mdx", 'Read our <Link TO="/policies/review-disclosure/">policy</Link>.\n'),
        # <link> is a stylesheet's element, <a-card> a custom element: no hyperlinks
        ("a.md", '<link rel="help" href="/policies/review-disclosure/">\n'),
        ("a.md", 'Our <a-card href="/policies/review-disclosure/">policy</a-card>.\n'),
        # an <a> without href (an anchor) links nowhere
        ("a.md", '<a name="disclosure" title="/policies/review-disclosure/">policy</a>\n'),
    ],
)
def test_names_that_are_not_html_links(run: Run, tmp_path: Path, name: str, body: str) -> None:
    build_site(tmp_path, {name: page(body, disclosure="<drop>")})
    assert check(run, tmp_path) == (1, [(name, *NO_DISCLOSURE[1:])])


def test_html_link_texts_end_where_browsers_end_them() -> None:
    assert html_links('<A HREF="/x">Our <B>policy</B></A> after') == [Link("Our policy", "/x")]
    # a link never holds another: the next one ends it
    assert html_links('<a href="/1">one <a href="/2">two</a> three') == [
        Link("one", "/1"),
        Link("two", "/2"),
    ]
    # one never closed runs to the end of the HTML
    assert html_links('<div><a href="/1">one <i>more</i></div>') == [Link("one more", "/1")]
    assert html_links('<a href="/1"') == []  # no tag: nothing ends it
    assert html_links("<Link to={'/1'}>one</Link><Link href=\"/2\">two</Link>") == [
        Link("one", "/1"),
        Link("two", "/2"),
    ]


def test_comment_spans_follow_commonmark() -> None:
    html = ("<!--", "-->", 2)
    assert list(comment_spans("<!---->", *html)) == [(0, 7)]
    assert list(comment_spans("a<!-->b<!--->c", *html)) == [(1, 6), (7, 13)]
    assert list(comment_spans("<!-- a -- b -->x<!-- y", *html)) == [(0, 15), (16, -1)]
    assert list(comment_spans("{/* a */}{/*/}", "{/*", "*/}", 3)) == [(0, 9), (9, -1)]
