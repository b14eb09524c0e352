"""Bounded work (issue 11): a counted budget for Markdown bodies, the Rust parser kept to
what it reads safely, linear scans, and at most 50 findings per rule and file.

Work is bounded by CPU seconds and peak memory, never by the wall clock: the
adversarial bodies of bench/adversarial.py run in child processes (with markdown-it-pyrs
importable and hidden), each within ``CPU_SECONDS`` and ``MAX_MEGABYTES``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from bench.adversarial import FRONT, GENERATORS, at_budget
from checker.body import (
    Link,
    _rust_parser,
    comment_spans,
    html_links,
    read_body,
    read_body_python,
    read_body_rust,
)
from checker.budget import (
    FINDINGS_PER_RULE,
    MAX_SCAN,
    MAX_UNITS,
    RUST_MAX_UNITS,
    WITHIN,
    assess,
    rust_safe,
    units,
)
from checker.documents import parse_document
from checker.suppressions import Suppression, read_suppressions
from tests.conftest import (
    CPU_SECONDS,
    IN_PROCESS_CPU_SECONDS,
    ROOT,
    TODAY,
    Run,
    complete_article,
    cpu_seconds,
    run_measured,
)

HOSTILE = ROOT / "tests" / "hostile"
MAX_MEGABYTES = 200
RUST = _rust_parser() is not None
needs_rust = pytest.mark.skipif(not RUST, reason="markdown-it-pyrs is not installed")
TOO_COMPLEX = "the body is too complex to read: over 100,000 units of Markdown syntax"


def _bounded(work: Callable[[], object]) -> float:
    """CPU seconds ``work()`` takes in this process; fails past ``IN_PROCESS_CPU_SECONDS``
    (``CPU_SECONDS``, three times that under coverage's tracer)."""
    before = cpu_seconds()
    work()
    spent = cpu_seconds() - before
    assert spent < IN_PROCESS_CPU_SECONDS, f"{spent:.1f} CPU seconds"
    return spent


# -- the budget ------------------------------------------------------------------------


def test_a_body_shorter_than_the_budget_is_never_over_it() -> None:
    assert assess("[" * MAX_UNITS).exceeded is None


def test_units_over_the_budget_are_reported_on_the_line_where_it_ran_out() -> None:
    body = "Intro.\n" * 3 + "[" * MAX_UNITS  # 3 line breaks, then brackets on line 4
    exceeded = assess(body, first_line=10).exceeded
    assert exceeded is not None
    assert exceeded.line == 13
    assert exceeded.message.startswith(TOO_COMPLEX)


def test_units_count_each_line_break_once_and_ordered_list_markers() -> None:
    assert units("a\r\nb\rc\n") == 3  # CRLF, lone CR, LF
    assert units("1. a\n2) b\n") == 4
    assert units("Plain prose, with commas. And full stops.") == 0
    assert units("[a](b) *c* <d> !e \\f &g; `h` _i_ -j :k") == 15


def test_an_address_running_on_without_a_space_is_over_the_scan_budget() -> None:
    body = "Line one.\n" + "[a](" + "a" * MAX_SCAN + " tail\n"
    exceeded = assess(body, first_line=5, max_units=10**7).exceeded
    assert exceeded is not None
    assert exceeded.line == 6
    assert "link addresses and footnote labels run to over 2,000,000 characters" in (
        exceeded.message
    )


def test_ordinary_links_and_prose_are_within_budget() -> None:
    body = "See [the policy](https://example.org/policies/review-disclosure/) now.\n" * 20_000
    assert assess(body).exceeded is None
    assert assess(GENERATORS["prose"](4_900_000)).exceeded is None  # 4.9 MB of prose


def test_the_rust_parser_reads_only_what_it_reads_safely() -> None:
    assert rust_safe("A [link](/x) and *emphasis*.\n" * 300)
    assert not rust_safe("[^" * 38)  # exponential footnotes
    assert not rust_safe("[a [^" * 22)  # a footnote opened inside a bracket
    assert not rust_safe("[^a\n[^" * 22)  # ... the same across lines of a paragraph
    assert not rust_safe("See [^[")  # a panic in the footnote plugin
    assert not rust_safe("] ^(^[")  # ... and in its inline footnotes
    # ordinary footnotes, and brackets closed or ended by a blank line, are read safely
    assert rust_safe("Claim[^1] and claim[^note].\n\n[^1]: One.\n[^note]: Two.\n")
    assert rust_safe("A [link](/x) [^1] and [a] [^2].\n")
    assert rust_safe("An open [ bracket.\n\nThen[^1].\n\n[^1]: One.\n")
    # units count per paragraph: inline nesting cannot cross a blank line
    assert rust_safe("*a* :x: `b`\n\n" * (RUST_MAX_UNITS // 4))
    assert not rust_safe("*" * RUST_MAX_UNITS + "a" + "*" * RUST_MAX_UNITS)
    assert not rust_safe(">" * 60_000)  # a stack overflow (segmentation fault)
    assert not rust_safe("1. " * 30 + "a\n" + "x" * 10_000)  # a deep container prefix
    definitions = "".join(f"[r{i}]: /u{i}\n" for i in range(300)) + "x" * 10_000
    assert not rust_safe(definitions)  # quadratic in consecutive definitions


def test_a_body_over_budget_has_no_facts() -> None:
    body = "[a](/policies/review-disclosure/)\n" + "[" * MAX_UNITS
    assert read_body(body, 1).links == ()


# -- the [fast] extra ---------------------------------------------------------------------


@needs_rust
def test_footnote_openers_that_took_33_seconds_with_fast_go_to_markdown_it_py() -> None:
    body = "[^" * 38  # 76 bytes: 33 s in markdown-it-pyrs
    _bounded(lambda: read_body(body, 1))
    assert read_body(body, 1) == read_body_python(body, 1)


@needs_rust
def test_a_rust_panic_is_not_a_crash() -> None:
    body = "See [^["  # markdown-it-pyrs 0.4: "byte index 8 is out of bounds"
    with pytest.raises(BaseException, match="out of bounds"):
        read_body_rust(body, 1, _rust_parser())
    assert read_body(body, 1) == read_body_python(body, 1)
    assert read_body(body, 1, budget=WITHIN) == read_body_python(body, 1)  # the fallback


# -- linear scans -----------------------------------------------------------------------


@pytest.mark.parametrize("count", [40_000, 90_000])
def test_suppression_comments_are_read_in_linear_time(count: int) -> None:
    """40,000 comments took 26 s, 90,000 took 90 s (line counted from the start each)."""
    head = "---\ntitle: x\ntype: article\nstatus: draft\n---\n"
    raw = (head + "<!-- edcheck-disable footnote-unused -- a reason -->\n" * count).encode()
    document = parse_document(raw, Path("a.md"), "a.md", 10**8, 1_500_000)
    found: list[object] = []
    _bounded(lambda: found.extend(read_suppressions(document, {"footnote-unused"})[0]))
    assert len(found) == count
    assert found[-1].line == 5 + count + 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("count", [40_000, pytest.param(350_000, marks=pytest.mark.slow)])
def test_citations_on_one_line_are_placed_in_linear_time(count: int) -> None:
    """40,000 citations on one line took 5 s, 350,000 over 60 s."""
    body = "[1]" * count
    facts = read_body_python(body, 7)
    assert len(facts.citations) == count - 1  # the first [1] opens a reference entry
    assert facts.citations[-1].line == 7
    assert facts.citations[-1].column == 3 * count - 2
    _bounded(lambda: read_body_python(body, 7))


@needs_rust
def test_uncited_definitions_are_found_in_linear_time_with_fast() -> None:
    """100,000 uncited footnote definitions took 23 s with markdown-it-pyrs."""
    body = "".join(f"[^{i}]: A note.\n" for i in range(100_000))
    facts = read_body_rust(body, 1, _rust_parser())
    assert len(facts.references) == 100_000
    assert facts.references[-1].line == 100_000
    _bounded(lambda: read_body_rust(body, 1, _rust_parser()))


# -- at most 50 findings per rule and file ------------------------------------------------


def _unresolved(count: int, before: str = "") -> str:
    """A complete article whose body cites [1] to [count], none of them listed."""
    cited = "Cited " + "".join(f"[{i}]" for i in range(1, count + 1))
    return complete_article().replace("Body text.", before + cited)


def _site(tmp_path: Path, text: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text(text, encoding="utf-8")


def test_findings_are_capped_per_rule_with_a_note_of_how_many_more(
    run: Run, tmp_path: Path
) -> None:
    text = _unresolved(500)
    _site(tmp_path, text)
    result = run("check", "--format", "json", "--today", TODAY, "a.md")
    assert result.code == 1
    found = [item for item in result.json["diagnostics"] if item["rule"] == "footnote-unresolved"]
    assert len(found) == FINDINGS_PER_RULE == 50
    assert found[0]["message"] == (
        "reference [1] is cited but not in the reference list: add the entry or fix the number"
    )
    assert found[-1]["message"] == (
        "reference [50] is cited but not in the reference list: add the entry or fix the "
        "number (and 450 more footnote-unresolved findings in this file, not shown)"
    )
    line = text.split("\n").index(text.split("\n")[-2]) + 1
    assert (found[-1]["line"], found[-1]["column"]) == (
        line,
        text.split("\n")[-2].index("[50]") + 1,
    )
    assert result.json["summary"]["errors"] == len(result.json["diagnostics"])


def test_sarif_and_junit_carry_the_same_note(run: Run, tmp_path: Path) -> None:
    _site(tmp_path, _unresolved(60))
    note = "(and 10 more footnote-unresolved findings in this file, not shown)"
    sarif = run("check", "--format", "sarif", "--today", TODAY, "a.md")
    results = [
        item
        for item in json.loads(sarif.out)["runs"][0]["results"]
        if item["ruleId"] == "footnote-unresolved"
    ]
    assert len(results) == 50
    assert results[-1]["message"]["text"].endswith(note)
    junit = run("check", "--format", "junit", "--today", TODAY, "a.md")
    assert note in junit.out


def test_the_cap_counts_what_suppressions_leave(run: Run, tmp_path: Path) -> None:
    comment = "<!-- edcheck-disable-file footnote-unresolved -- a quoted list -->\n\n"
    _site(tmp_path, _unresolved(100, before=comment))
    result = run("check", "--format", "json", "--today", TODAY, "a.md")
    assert result.json["diagnostics"] == []
    assert result.code == 0


def test_bad_comments_are_capped_too(run: Run, tmp_path: Path) -> None:
    _site(tmp_path, complete_article().replace("Body text.", "<!-- edcheck-disable -->\n\n" * 60))
    result = run("check", "--format", "json", "--today", TODAY, "a.md")
    found = [d for d in result.json["diagnostics"] if d["rule"] == "suppression-invalid"]
    assert len(found) == 50
    assert found[-1]["message"].endswith(
        "(and 10 more suppression-invalid findings in this file, not shown)"
    )
    assert result.code == 1


def test_a_body_over_budget_is_an_error_on_its_line(run: Run, tmp_path: Path) -> None:
    """Never a silent skip: the disclosure link in the body is not read, so it fails."""
    text = complete_article(disclosure="<drop>").replace(
        "Body text.",
        "See [our disclosure policy](/policies/review-disclosure/).\n\n" + "[" * MAX_UNITS,
    )
    _site(tmp_path, text)
    result = run("check", "--format", "json", "--today", TODAY, "a.md")
    assert result.code == 1
    found = {(d["line"], d["rule"]): d["message"] for d in result.json["diagnostics"]}
    assert found[(14, "body-too-complex")].startswith(TOO_COMPLEX)
    assert (11, "disclosure-link") in found  # the body's link was not read


# -- adversarial bodies, end to end, in child processes -------------------------------------

_CHILD = """
import sys
if sys.argv[1] == "hide":
    sys.modules["markdown_it_pyrs"] = None  # as if the [fast] extra were not installed
from checker.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _check(
    tmp_path: Path, text: str, *, rust: bool, name: str = "a.md", config: str = ""
) -> tuple[int, list[tuple[int, str]], float]:
    """Run ``edcheck check --format json`` on ``text`` (in a file ``name``, with ``config``
    as .edcheck.yaml) in a child: (exit code, (line, rule) of each finding, CPU seconds);
    fails past the CPU and memory bounds."""
    root = tmp_path / ("fast" if rust else "python")
    root.mkdir()
    (root / ".git").mkdir()
    (root / name).write_text(text, encoding="utf-8")
    if config:
        (root / ".edcheck.yaml").write_text(config, encoding="utf-8")
    peak = root / "peak-kb"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "EDCHECK_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(HOSTILE), str(ROOT)])
    env["EDCHECK_TEST_PEAK_FILE"] = str(peak)
    env["RUST_BACKTRACE"] = "0"
    args = ["check", "--format", "json", "--today", TODAY, name]
    command = [sys.executable, "-c", _CHILD, "show" if rust else "hide", *args]
    done = run_measured(command, cwd=root, env=env)
    assert "Traceback" not in done.err, done.err
    assert done.code in (0, 1), (done.code, done.err)
    assert done.cpu < CPU_SECONDS, f"{done.cpu:.1f} CPU seconds"
    megabytes = int(peak.read_text()) / 1024
    assert megabytes < MAX_MEGABYTES, f"peaked at {megabytes:.0f} MB"
    report = json.loads(done.out)
    return done.code, [(d["line"], d["rule"]) for d in report["diagnostics"]], done.cpu


PARSERS = [
    pytest.param(False, id="markdown-it-py"),
    pytest.param(True, id="fast", marks=needs_rust),
]
BODY_LINE = FRONT.count("\n") + 1  # the body's first line in the file

# Each case as large as the budget lets it be (it is parsed: the worst that is), or half
# of that where the whole takes more than a few CPU seconds (the whole is `slow`).
AT_BUDGET = [
    "open-brackets",
    "setext-runs",
    "emphasis-delimiters",
    "nested-emphasis",
    "nested-brackets",
    "citations-one-line",
    "unresolved-citations",
    "bad-comments",
    "comments",
    "uncited-definitions",
    "many-footnotes",
    "link-openers",
    "footnote-openers",
    "nested-images",
    "backslashes",
]
SLOW_AT_BUDGET = ["image-openers", "many-links", "many-autolinks", "placeholders", "entities"]


@pytest.mark.parametrize("rust", PARSERS)
@pytest.mark.parametrize(
    "name",
    [*AT_BUDGET, *(pytest.param(name, marks=pytest.mark.slow) for name in SLOW_AT_BUDGET)],
)
def test_the_worst_body_within_budget_is_bounded(name: str, rust: bool, tmp_path: Path) -> None:
    size = at_budget(name)
    body = GENERATORS[name](size)
    assert assess(body).exceeded is None
    _, found, _ = _check(tmp_path, FRONT + body, rust=rust)
    assert "body-too-complex" not in {rule for _, rule in found}
    for rule in {rule for _, rule in found}:
        assert sum(1 for _, seen in found if seen == rule) <= FINDINGS_PER_RULE


@pytest.mark.parametrize("rust", PARSERS)
@pytest.mark.parametrize("name", ["nested-quotes", "nested-lists", "nested-emphasis"])
def test_nesting_that_crashed_the_rust_parser_is_read(
    name: str, rust: bool, tmp_path: Path
) -> None:
    """60,000 levels of > (or 1., or *): a segmentation fault in markdown-it-pyrs."""
    body = GENERATORS[name](min(at_budget(name), 180_000))
    code, found, _ = _check(tmp_path, FRONT + body, rust=rust)
    assert code == 0 and found == []


@pytest.mark.parametrize("rust", PARSERS)
@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("open-brackets", 4_800_000),  # 78 s, 573 MB
        ("link-openers", 4_800_000),  # 58 s
        ("setext-runs", 4_800_000),  # 34 s, 1.9 GB
        ("emphasis-delimiters", 4_800_000),  # 22 s, 1.8 GB
        ("many-links", 3_700_000),  # 100,000 links: 15-22 s
        ("unresolved-citations", 3_500_000),  # 600,000 findings, 22 s, 1.3 GB
        ("comments", 4_800_000),  # 90,000 suppression comments, 90 s
    ],
)
def test_the_issues_bodies_are_refused_on_their_line(
    name: str, size: int, rust: bool, tmp_path: Path
) -> None:
    body = GENERATORS[name](size)
    exceeded = assess(body, BODY_LINE).exceeded
    assert exceeded is not None
    code, found, _ = _check(tmp_path, FRONT + body, rust=rust)
    assert code == 1
    assert found == [(exceeded.line, "body-too-complex")]


# -- HTML and MDX scans: one linear pass, either parser ----------------------------------

# The issue's bodies (each over a minute or tens of seconds before, none body-too-complex):
# a prefix, a unit repeated, and how many times.
HTML_SCANS = {
    "a-href": ("<div>\n", '<a href="', 40_000, "a.md"),  # 360 KB: over 60 s
    "mdx-comments": ("Text ", "{/* ", 40_000, "a.mdx"),  # 160 KB: 58 s
    "link-openers": ("<div>\n", "<Link ", 40_000, "a.md"),  # 240 KB: 40 s
    "html-comments": ("", "<!--", 24_000, "a.md"),  # 96 KB, never closed: 11.5 s
    "inline-comments": ("Text ", "<!--", 24_000, "a.md"),
    "unclosed-links": ("<div>\n", '<a href="/x">', 7_000, "a.md"),  # no </a>
    "open-tags-in-a-link": ('<div>\n<a href="/x">', "<b", 49_000, "a.md"),
}


def _at_budget(prefix: str, unit: str, max_units: int = MAX_UNITS) -> str:
    """``prefix`` and ``unit`` as many times as the units budget lets a body hold."""
    body = prefix + unit * ((max_units - units(prefix) - 1) // units(unit))
    assert assess(body, 1, max_units).exceeded is None
    return body


@pytest.mark.parametrize("reader", ["python", pytest.param("fast", marks=needs_rust)])
@pytest.mark.parametrize("name", HTML_SCANS)
def test_html_and_mdx_scans_are_linear_with_either_parser(name: str, reader: str) -> None:
    """At the issue's size and at the largest the budget lets through: no link, no
    comment (every opener is unclosed or has no address), within the CPU bound."""
    prefix, unit, count, file = HTML_SCANS[name]
    for body in (prefix + unit * count, _at_budget(prefix, unit)):
        assert assess(body).exceeded is None
        mdx = file.endswith(".mdx")
        if reader == "python":
            facts = read_body_python(body, 1, mdx=mdx)
            _bounded(partial(read_body_python, body, 1, mdx=mdx))
        else:
            facts = read_body_rust(body, 1, _rust_parser(), mdx=mdx)
            _bounded(partial(read_body_rust, body, 1, _rust_parser(), mdx=mdx))
        assert facts.comments == ()
        if name == "unclosed-links":
            assert len(facts.links) == body.count("<a ")
            assert {link.text for link in facts.links} == {""}
        elif name == "open-tags-in-a-link":
            assert facts.links == (Link(unit * ((len(body) - len(prefix)) // 2), "/x"),)
        else:
            assert facts.links == ()


SIZE = 4_900_000  # a body just under max_file_size


def test_the_html_scans_are_linear_on_bodies_of_five_megabytes() -> None:
    """The scans alone, past any budget: 4.9 MB each within the CPU bound."""
    cases: list[tuple[Callable[[], object], object]] = [
        (lambda: html_links("<div>\n" + '<a href="' * (SIZE // 9)), []),
        (lambda: html_links("<Link " * (SIZE // 6)), []),
        (lambda: len(html_links('<a href="/x">' * (SIZE // 13))), SIZE // 13),
        (
            lambda: html_links('<a href="/x">' + "<b" * (SIZE // 2)),
            [Link("<b" * (SIZE // 2), "/x")],
        ),
    ]
    for opening, closing, skip in (("<!--", "-->", 2), ("{/*", "*/}", 3)):
        unclosed = opening * (SIZE // 4)
        closed = (opening + " a " + closing) * (SIZE // 10)
        cases += [
            (partial(_spans, unclosed, opening, closing, skip), [(0, -1)]),
            (partial(_count_spans, closed, opening, closing, skip), SIZE // 10),
        ]
    for work, expected in cases:
        result: list[object] = []
        _bounded(partial(_keep, work, result))
        assert result == [expected]


def _spans(text: str, opening: str, closing: str, skip: int) -> list[tuple[int, int]]:
    return list(comment_spans(text, opening, closing, skip))


def _count_spans(text: str, opening: str, closing: str, skip: int) -> int:
    return len(_spans(text, opening, closing, skip))


def _keep(work: Callable[[], object], result: list[object]) -> None:
    result.append(work())


@pytest.mark.parametrize("rust", PARSERS)
@pytest.mark.parametrize("name", ["a-href", "mdx-comments", "link-openers", "html-comments"])
def test_the_issues_html_bodies_pass_within_bounds(name: str, rust: bool, tmp_path: Path) -> None:
    """End to end, as a hook runs: exit 0, no finding (none is body-too-complex)."""
    prefix, unit, count, file = HTML_SCANS[name]
    assert _check(tmp_path, FRONT + prefix + unit * count, rust=rust, name=file)[:2] == (0, [])


@pytest.mark.parametrize(
    ("prefix", "unit"),
    [("<div>\n", '<a href="'), ("<div>\n", "<Link "), ("", "<!--"), ("Text ", "<!--")],
)
def test_html_bodies_at_the_highest_budget_are_bounded(
    prefix: str, unit: str, tmp_path: Path
) -> None:
    """max_body_units at its ceiling (1,500,000): up to 4.9 MB of openers, still linear."""
    ceiling = 1_500_000
    body = _at_budget(prefix, unit, ceiling)[: SIZE + len(prefix)]
    body = prefix + unit * ((len(body) - len(prefix)) // len(unit))
    config = f"max_body_units: {ceiling}\n"
    assert _check(tmp_path, FRONT + body, rust=False, config=config)[:2] == (0, [])


@pytest.mark.parametrize("blanks", [5_000, 2_400_000])  # 2.4 M: twice, under max_file_size
def test_a_suppression_full_of_blanks_is_read_in_linear_time(blanks: int, tmp_path: Path) -> None:
    """5,000 spaces in one comment took 334 CPU seconds (a backtracking regex)."""
    bad = "<!-- edcheck-disable footnote-unused" + " " * blanks + "! -->\n\n"
    good = "<!-- edcheck-disable-file disclosure-link" + " " * blanks + "-- see the footer -->\n"
    text = complete_article(disclosure="<drop>").replace("Body text.\n", bad + good)
    code, found, _ = _check(tmp_path, text, rust=False)
    assert (code, found) == (1, [(12, "suppression-invalid")])  # the body's first line
    document = parse_document(text.encode(), Path("a.md"), "a.md", 10**8, 1_500_000)
    kept, problems = read_suppressions(document, {"footnote-unused", "disclosure-link"})
    assert [problem.message for problem in problems] == [
        "edcheck-disable cannot be read: write <!-- edcheck-disable RULE -- reason -->"
    ]
    assert kept == [Suppression(frozenset({"disclosure-link"}), 0)]
