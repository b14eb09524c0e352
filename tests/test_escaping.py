"""One escaping rule per output (issue 13): content cannot command a terminal, a CI runner
or a spreadsheet, and the machine formats still carry it exactly.

Tables for each rule of ``checker.escape``, exact outputs of every reporter for hostile
values, the hostile file names of ``tests/hostile/cases.py`` end to end, and a hypothesis
property over every format."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.audit import summarise
from checker.diagnostics import Diagnostic, Severity
from checker.documents import body_fingerprint
from checker.escape import FORMULA_STARTS, JSON, XML, csv_cell, inert, visible, without_controls
from checker.report import Article, Audit, Due, Report
from checker.reporters import REPORTERS, summary
from checker.reporters import audit as audit_formats
from checker.reporters import due as due_formats
from checker.reporters.sarif import artifact_uri
from tests.conftest import TODAY, Run
from tests.hostile.cases import (
    CASES,
    NAME_CLEARS_SCREEN,
    NAME_FORMULA,
    NAME_WORKFLOW_COMMAND,
    Case,
)

DAY = date.fromisoformat(TODAY)
CONTROLS = "".join(map(chr, [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]))
RAW_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # all but tab
FOOTNOTE = "reference [x\x1b[2J\x1b[H\x1b[32mAll-clear] is cited but not in the reference list"
FOOTNOTE_SHOWN = (
    r"reference [x\x1b[2J\x1b[H\x1b[32mAll-clear] is cited but not in the reference list"
)
EVIL = "evil\n::warning title=Injected::from a file name.md"


# ---- the rules, as tables ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain, with a tab\tand a \\ backslash", "plain, with a tab\tand a \\ backslash"),
        ("\x1b[2J\x1b[H", r"\x1b[2J\x1b[H"),
        ("a\nb\rc", r"a\nb\rc"),
        ("\x00\x07\x08\x0b\x0c\x1f", r"\x00\x07\x08\x0b\x0c\x1f"),
        ("del\x7f c1\x85\x9b end", r"del\x7f c1\x85\x9b end"),
        ("ünïcødé \u2028 \xa0", "ünïcødé \u2028 \xa0"),  # not controls: kept
    ],
)
def test_visible(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_without_controls_keeps_tab_and_newline() -> None:
    assert without_controls("a\x1b[2J\tb\r\nc\x7f\x9bd\x00") == "a[2J\tb\ncd"


@pytest.mark.parametrize(
    ("output", "text", "xml"),
    [
        ("::warning title=x::y", r"\x3a:warning title=x::y", "&#58;:warning title=x::y"),
        ("  \t::stop-commands::t", r"  	\x3a:stop-commands::t", "  \t&#58;:stop-commands::t"),
        ("a ##[error]boom", r"a #\x23[error]boom", "a #&#35;[error]boom"),
        ("###[x]", r"##\x23[x]", "##&#35;[x]"),
        ("a::b and : and ## [", "a::b and : and ## [", "a::b and : and ## ["),
        ("ok\n::error::x\nok", "ok\n" + r"\x3a:error::x" + "\nok", "ok\n&#58;:error::x\nok"),
    ],
)
def test_inert(output: str, text: str, xml: str) -> None:
    assert inert(output) == text
    assert inert(output, XML) == xml


def test_inert_json_spelling() -> None:
    assert inert('"a ##[error]b"', JSON) == r'"a #\u0023[error]b"'


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://example.org","x")', '\'=HYPERLINK("https://example.org","x")'),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("+1", "'+1"),
        ("-3", "'-3"),  # text from content: quoted as OWASP says
        ("\t=1", "'\t=1"),
        ("\r=1", r"'\r=1"),
        ("a\x1b[2Jb\nc", r"a\x1b[2Jb\nc"),
        (" =1", " =1"),
        ("plain", "plain"),
        (-3, -3),  # a number edcheck computed (days): stays a number
        (0, 0),
        (None, ""),
    ],
)
def test_csv_cell(value: str | int | None, cell: str | int) -> None:
    assert csv_cell(value) == cell
    assert csv_cell(value, neutralise=False) == ("" if value is None else value)


# ---- each reporter, exactly --------------------------------------------------------------


def _report(*diagnostics: Diagnostic, notes: tuple[str, ...] = ()) -> Report:
    files = sorted({item.path for item in diagnostics})
    return Report(DAY, len(files), sorted(diagnostics), notes=list(notes), files=files)


FOOTNOTE_REPORT = _report(
    Diagnostic("a.md", 13, 10, "footnote-unresolved", Severity.ERROR, FOOTNOTE)
)


def test_text_shows_a_footnote_label_escaped() -> None:
    assert REPORTERS["text"](FOOTNOTE_REPORT, False) == (
        f"a.md:13:10 footnote-unresolved {FOOTNOTE_SHOWN}\n"
        "\nChecked 1 file: 1 error, 0 warnings in 1 file.\n"
    )
    assert REPORTERS["text"](FOOTNOTE_REPORT, True) == (
        f"\x1b[1ma.md:13:10\x1b[0m \x1b[31mfootnote-unresolved\x1b[0m {FOOTNOTE_SHOWN}\n"
        "\nChecked 1 file: 1 error, 0 warnings in 1 file.\n"
    )


def test_text_lines_never_start_a_workflow_command() -> None:
    report = _report(
        Diagnostic(EVIL, 1, 1, "r", Severity.WARNING, "m ##[error]x"),
        Diagnostic("::error::x.md", 2, 3, "r", Severity.ERROR, "m"),
        notes=("::stop-commands::t",),
    )
    assert (
        REPORTERS["text"](report, False)
        == (
            r"\x3a:error::x.md:2:3 r m" + "\n\n"
            r"evil\n::warning title=Injected::from a file name.md:1:1 r m #\x23[error]x (warning)"
            "\nnote: ::stop-commands::t\n\n"  # mid-line: the runner does not read it
            "Checked 2 files: 1 error, 1 warning in 2 files.\n"
        )
    )


def test_github_escapes_data_and_properties() -> None:
    report = _report(
        Diagnostic("a:b,c\n.md", 1, 2, "r", Severity.ERROR, "100%\r\ndone\x1b[2J ##[x]"),
        Diagnostic(EVIL, 3, 4, "r", Severity.WARNING, "::error::no"),
    )
    assert REPORTERS["github"](report, False) == (
        r"::error file=a%3Ab%2Cc%0A.md,line=1,col=2,title=r::100%25%0D%0Adone\x1b[2J ##[x]"
        "\n"
        "::warning file=evil%0A%3A%3Awarning title=Injected%3A%3Afrom a file name.md,"
        "line=3,col=4,title=r::::error::no\n"
        "Checked 2 files: 1 error, 1 warning in 2 files.\n"
    )


def test_step_summary_shows_controls_escaped() -> None:
    report = _report(Diagnostic("a\x1b.md", 1, 2, "r", Severity.ERROR, "x|y\nz\x07"))
    assert (
        summary.render(report, False).splitlines()[-1] == r"| `a\x1b.md:1:2` | `r` | x\|y z\x07 |"
    )


def test_junit_is_xml_for_any_control_character() -> None:
    message = "a" + CONTROLS + "b\n::error::x ##[warning]y"
    report = _report(Diagnostic("p\x1b\r.md", 1, 1, "r\x00", Severity.ERROR, message))
    output = REPORTERS["junit"](report, False)
    assert RAW_CONTROL.search(output.replace("\n", "")) is None
    assert "\n::" not in output and "##[" not in output
    failure = ElementTree.fromstring(output.encode()).find("testsuite/testcase/failure")
    assert failure is not None
    kept = "\t\n\r"  # XML carries these (CR as &#13;); every other control is U+FFFD
    expected = "a" + "".join(c if c in kept else "\ufffd" for c in CONTROLS) + "b\n::error::x"
    assert failure.get("message") == expected + " ##[warning]y"
    assert failure.get("type") == "r\ufffd"
    assert failure.text == f"p\ufffd\r.md:1:1 r\ufffd {expected} ##[warning]y"


def test_json_and_sarif_round_trip_with_nothing_raw() -> None:
    message = "a" + CONTROLS + " ##[error]x ::y"
    report = _report(Diagnostic("p\x1b\n\x9b.md", 1, 1, "r", Severity.ERROR, message))
    output = REPORTERS["json"](report, False)
    assert RAW_CONTROL.search(output.replace("\n", "")) is None and "##[" not in output
    assert r"\u009b" in output and r"#\u0023[error]" in output
    assert json.loads(output) == report.to_json()
    sarif = json.loads(REPORTERS["sarif"](report, False))
    result = sarif["runs"][0]["results"][0]
    assert result["message"]["text"] == message
    assert (
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "p%1B%0A%C2%9B.md"
    )


HOSTILE_DUE = Due(
    due=date(2026, 11, 20),
    days=-5,
    path='=HYPERLINK("x")\x1b[2J\n.md',
    title="@SUM(1)",
    type="article",
    reviewer="-Jane\x1b[8m",
    reviewed_on=date(2024, 11, 20),
    section="+news",
    overdue=True,
)
UNREADABLE_DUE = Due(None, None, "::error::b.md", "", "", "", None, "", problem="date \x07?")


def test_due_text() -> None:
    assert due_formats.text(DAY, [HOSTILE_DUE, UNREADABLE_DUE]) == (
        r'2026-11-20  overdue by 5 days     =HYPERLINK("x")\x1b[2J\n.md  (-Jane\x1b[8m, +news)'
        "\n"
        r"??????????  date unreadable       ::error::b.md: date \x07?" + "\n\n"
        "2 reviews: 1 overdue, 0 coming up, 1 with a review date that cannot be read.\n"
    )


def test_due_csv_neutralised_and_raw() -> None:
    header = "due,days,path,title,type,section,reviewer,reviewed_on,problem\n"
    assert due_formats.as_csv(DAY, [HOSTILE_DUE]) == header + (
        r"""2026-11-20,-5,"'=HYPERLINK(""x"")\x1b[2J\n.md",'@SUM(1),article,'+news,"""
        r"""'-Jane\x1b[8m,2024-11-20,""" + "\n"
    )
    assert due_formats.as_csv(DAY, [HOSTILE_DUE], neutralise=False) == (
        header.replace("\n", "\r\n")
        + '2026-11-20,-5,"=HYPERLINK(""x"")\x1b[2J\n.md",@SUM(1),article,+news,'
        "-Jane\x1b[8m,2024-11-20,\r\n"
    )


def test_due_json_and_ics() -> None:
    data = json.loads(due_formats.as_json(DAY, [HOSTILE_DUE]))
    assert (data["reviews"][0]["path"], data["reviews"][0]["reviewer"]) == (
        HOSTILE_DUE.path,
        HOSTILE_DUE.reviewer,
    )
    ics = due_formats.as_ics(DAY, [HOSTILE_DUE])
    assert RAW_CONTROL.search(ics.replace("\r\n", "")) is None
    assert "SUMMARY:Review due: @SUM(1)\r\n" in ics
    assert (
        'DESCRIPTION:=HYPERLINK("x")[2J\\n.md\\; reviewer: -Jane[8m\\; last reviewed 20\r\n 24-'
        in ics
    )


ARTICLE = Article(
    path="[/bold]:warning:\x1b[2J.md",
    title='=HYPERLINK("x")',
    type="article",
    status="published",
    section="[red]news",
    author="-Jane",
    reviewer="@SUM(1)",
    reviewed_on="2024-01-10",
    due="2026-01-10",
    days_to_due=-319,
    last_changed=None,
    changed_after_review=False,
    errors=2,
    warnings=0,
    findings={"review-overdue": 1, "review-before-publication": 1},
    overdue=True,
)
NOTE = "x" * 95 + " ::stop-commands::t \x1b[8m"
AUDIT = Audit(TODAY, [ARTICLE], [NOTE], site=summarise([ARTICLE], DAY))


def test_audit_text_takes_content_as_plain_text() -> None:
    """Rich markup (``[/bold]`` crashed it with MarkupError) and emoji codes are shown as
    written; a note that rich wraps cannot start a line with ``::``."""
    lines = [line.rstrip() for line in audit_formats.as_text(AUDIT).split("\n")]
    assert lines[14] == "│ [red]news │        1 │           1 │       1 │"
    assert lines[20] == r"│ [/bold]:warning:\x1b[2J.md │      2 │"
    assert lines[22:] == ["note:", "x" * 95, r"\x3a:stop-commands::t \x1b[8m", ""]


def test_audit_csv_neutralised_and_raw() -> None:
    header = ",".join(audit_formats.CSV_COLUMNS) + "\n"
    tail = ",article,published,{},{},{},2024-01-10,2026-01-10,-319,yes,,,no,2,0,"
    tail += "review-before-publication=1; review-overdue=1\n"
    assert audit_formats.as_csv(AUDIT) == header + (
        '[/bold]:warning:\\x1b[2J.md,"\'=HYPERLINK(""x"")"'
        + tail.format("[red]news", "'-Jane", "'@SUM(1)")
    )
    raw = header + '[/bold]:warning:\x1b[2J.md,"=HYPERLINK(""x"")"'
    raw += tail.format("[red]news", "-Jane", "@SUM(1)")
    assert audit_formats.as_csv(AUDIT, neutralise=False) == raw.replace("\n", "\r\n")


def test_audit_html_and_json() -> None:
    article = replace(ARTICLE, title="<script>x</script>\x1b ##[error]y")
    page = audit_formats.as_html(Audit(TODAY, [article], ["\n::error::z"], AUDIT.site))
    assert r"&lt;script&gt;x&lt;/script&gt;\x1b #&#35;[error]y</a>" in page
    assert r"<small>Note: \n::error::z</small>" in page
    assert RAW_CONTROL.search(page.replace("\n", "")) is None
    assert json.loads(audit_formats.as_json(AUDIT)) == json.loads(json.dumps(AUDIT.to_json()))


# ---- the command line ----------------------------------------------------------------------


def test_usage_errors_show_names_escaped(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    result = run("check", "--output", "no\x1b[2J/::x.json", "--today", TODAY)
    assert result.code == 2
    assert result.err == (
        r"edcheck: error: cannot write no\x1b[2J/::x.json: No such file or directory" + "\n"
    )


def _materialise(case: Case, root: Path) -> None:
    (root / ".git").mkdir()
    for name, content in case.files.items():
        (root / name).write_bytes(content if isinstance(content, bytes) else content.encode())


def _case(name: str) -> Case:
    return next(case for case in CASES if case.name == name)


SCREEN = r"\x1b[2J\x1b[H\x1b[32mAll-clear\n.md"
COMMAND = r"::stop-commands::pwned\x1b[8m\n::warning title=Injected::from a file name.md"
FORMULA = r'=HYPERLINK("evil")\x1b[2J\n@SUM(1).md'
FORMULA_CELL = "\"'" + FORMULA.replace('"', '""') + '"'
SYNTAX = "YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'"
UNRESOLVED = r"reference [\x1b[2J\x1b[32mAll-clear] is cited but not in the reference list: add the entry or fix the number"
OVERDUE = (
    "review overdue: it was due on 2026-01-10, 319 days ago; review the page and update reviewed.on"
)
BEFORE = "reviewed.on (2024-01-10) is before the publication date (2026-01-10): review the published text"
ONE_ERROR = "Checked 1 file: 1 error, 0 warnings in 1 file.\n"
END_TO_END = [
    (
        "name-clears-the-screen",
        ("check",),
        f"{SCREEN}:4:7 frontmatter-syntax {SYNTAX}\n\n{ONE_ERROR}",
    ),
    (
        "name-clears-the-screen",
        ("check", "--format", "github"),
        r"::error file=\x1b[2J\x1b[H\x1b[32mAll-clear%0A.md,line=4,col=7,"
        f"title=frontmatter-syntax::{SYNTAX}\n{ONE_ERROR}",
    ),
    (
        "name-is-a-workflow-command",
        ("check",),
        r"\x3a" + f"{COMMAND[1:]}:13:5 footnote-unresolved {UNRESOLVED}\n\n{ONE_ERROR}",
    ),
    (
        "name-is-a-workflow-command",
        ("check", "--format", "github"),
        r"::error file=%3A%3Astop-commands%3A%3Apwned\x1b[8m%0A%3A%3Awarning "
        "title=Injected%3A%3Afrom a file name.md,line=13,col=5,title=footnote-unresolved::"
        f"{UNRESOLVED}\n{ONE_ERROR}",
    ),
    (
        "name-is-a-workflow-command",
        ("review", "sign", "--reviewer", "greg-mulhauser", NAME_WORKFLOW_COMMAND),
        f"not signed {COMMAND}: 1 other check(s) fail (--force signs anyway):\n"
        r"  \x3a" + f"{COMMAND[1:]}:14:5 footnote-unresolved {UNRESOLVED}\n",
    ),
    (
        "name-is-a-workflow-command",
        ("audit", "--format", "csv"),
        ",".join(audit_formats.CSV_COLUMNS) + "\n"
        r"\x3a" + f"{COMMAND[1:]},Sleep and mood,article,published,,Jane Doe,greg-mulhauser,"
        "2026-02-01,2028-02-01,433,no,,,no,1,0,footnote-unresolved=1\n",
    ),
    (
        "name-is-a-spreadsheet-formula",
        ("check",),
        f"{FORMULA}:11:3 review-before-publication {BEFORE}\n"
        f"{FORMULA}:11:3 review-overdue {OVERDUE}\n\n"
        "Checked 1 file: 2 errors, 0 warnings in 1 file.\n",
    ),
    (
        "name-is-a-spreadsheet-formula",
        ("audit", "--format", "csv"),
        ",".join(audit_formats.CSV_COLUMNS) + "\n"
        f"""{FORMULA_CELL},"'=HYPERLINK(""evil"")",article,published,,Jane Doe,'@SUM(1),"""
        "2024-01-10,2026-01-10,-319,yes,,,no,2,0,review-before-publication=1; review-overdue=1\n",
    ),
    (
        "name-is-a-spreadsheet-formula",
        ("review", "due", "--format", "csv"),
        "due,days,path,title,type,section,reviewer,reviewed_on,problem\n"
        f"""2026-01-10,-319,{FORMULA_CELL},"'=HYPERLINK(""evil"")",article,,'@SUM(1),2024-01-10,\n""",
    ),
    (
        "name-is-a-spreadsheet-formula",
        ("review", "due"),
        f"2026-01-10  overdue by 319 days   {FORMULA}  (@SUM(1))\n\n1 reviews: 1 overdue, 0 coming up.\n",
    ),
]


@pytest.mark.parametrize(
    ("name", "args", "out"), END_TO_END, ids=[f"{n}-{' '.join(a[:3])}" for n, a, _ in END_TO_END]
)
def test_hostile_names_end_to_end(
    name: str, args: tuple[str, ...], out: str, tmp_path: Path, run: Run
) -> None:
    """The hostile cases' files, through every output they reach: exact text."""
    _materialise(_case(name), tmp_path)
    result = run(*args, "--today", TODAY)
    assert (result.err, result.out) == ("", out)


def test_signed_lines_show_the_name_escaped(tmp_path: Path, run: Run) -> None:
    _materialise(_case("name-is-a-spreadsheet-formula"), tmp_path)
    result = run("review", "sign", NAME_FORMULA, "--reviewer", "greg-mulhauser", "--today", TODAY)
    body = (tmp_path / NAME_FORMULA).read_text().split("---\n", 2)[2]
    assert (result.code, result.err, result.out) == (
        0,
        "",
        f"signed {FORMULA}: reviewed by greg-mulhauser on {TODAY} "
        f"({body_fingerprint(body)[:19]}…)\n",
    )


def test_the_hostile_names() -> None:
    """The three hostile cases each name a real file holding ESC and a newline."""
    for name in (NAME_CLEARS_SCREEN, NAME_WORKFLOW_COMMAND, NAME_FORMULA):
        assert "\x1b" in name and "\n" in name
    names = {name for case in CASES for name in case.files}
    assert {NAME_CLEARS_SCREEN, NAME_WORKFLOW_COMMAND, NAME_FORMULA} <= names


# ---- the property: every format, random hostile values -------------------------------------

PREFIXES = [
    "",
    "::",
    "::warning title=x::",
    " \t::stop-commands::t",
    "##[error]",
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\n::error::",
]
hostile_char = st.one_of(
    st.sampled_from(CONTROLS),
    st.sampled_from(":=+-@#[]%,;'\" \\"),
    st.characters(codec="utf-8"),  # no lone surrogates: a name cannot hold one
)
hostile = st.builds(
    lambda prefix, rest: prefix + rest,
    st.sampled_from(PREFIXES),
    st.text(hostile_char, max_size=12),
)
rule_ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
diagnostics = st.builds(
    Diagnostic,
    hostile,
    st.integers(1, 99),
    st.integers(1, 99),
    rule_ids,
    st.sampled_from(Severity),
    hostile,
)
optional_dates = st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 12, 31)))
dues = st.builds(
    Due,
    optional_dates,
    st.one_of(st.none(), st.integers(-999, 999)),
    hostile,
    hostile,
    hostile,
    hostile,
    optional_dates,
    hostile,
    st.booleans(),
    hostile,
)
articles = st.builds(
    Article,
    path=hostile,
    title=hostile,
    type=hostile,
    status=st.sampled_from(["draft", "published", ""]),
    section=hostile,
    author=hostile,
    reviewer=hostile,
    reviewed_on=st.one_of(st.none(), hostile),
    due=st.one_of(st.none(), st.dates().map(date.isoformat)),
    days_to_due=st.one_of(st.none(), st.integers(-999, 999)),
    last_changed=st.one_of(st.none(), hostile),
    changed_after_review=st.booleans(),
    errors=st.integers(0, 3),
    warnings=st.integers(0, 3),
    findings=st.dictionaries(hostile, st.integers(1, 3), max_size=2),
    overdue=st.booleans(),
    review_problem=st.one_of(st.none(), hostile),
)
KNOWN_FORMATS = {"text", "github", "json", "sarif", "junit"}  # no codequality format yet
OWN_COLOURS = re.compile(r"\x1b\[(?:31|33|1|2|0)m")


def _no_command_lines(output: str) -> None:
    """No line GitHub's runner reads as a command (``::`` after white space, or ``##[``)."""
    for line in output.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


def _terminal_safe(output: str) -> None:
    assert RAW_CONTROL.search(output.replace("\n", "")) is None, output
    _no_command_lines(output)


def _github_annotation(line: str) -> tuple[dict[str, str], str]:
    """A line parsed as the runner parses ``::name props::data`` (actions/runner)."""
    end = line.index("::", 2)
    _, properties = line[2:end].split(" ", 1)
    found = {}
    for pair in properties.split(","):
        key, value = pair.split("=", 1)
        for escaped, raw in (
            ("%0D", "\r"),
            ("%0A", "\n"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ):
            value = value.replace(escaped, raw)
        found[key] = value
    data = line[end + 2 :]
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        data = data.replace(escaped, raw)
    return found, data


def _shown_in_github(text: str) -> str:
    return "".join(char if char in "\r\n" else visible(char) for char in text)


def _xml_shown(text: str) -> str:
    return "".join("\ufffd" if char in CONTROLS and char not in "\t\n\r" else char for char in text)


def _expected_cell(value: str, first: bool) -> str:
    """A neutralised cell: OWASP's quote, visible escapes, no ``##[``; a first cell that
    the writer leaves unquoted starts its line, so a ``::`` there is escaped too."""
    shown = ("'" if value.startswith(FORMULA_STARTS) else "") + visible(value)
    shown = shown.replace("##[", r"#\x23[")
    if first and not {",", '"'} & set(shown) and shown.lstrip().startswith("::"):
        start = len(shown) - len(shown.lstrip())
        shown = shown[:start] + r"\x3a" + shown[start + 1 :]
    return shown


def _csv_safe(output: str, raw: str, rows: list[dict[str, Any]], numbers: set[str]) -> None:
    """Neutralised: one line a row, no control character, no command, every text cell
    safe; raw: every value exactly."""
    _no_command_lines(output)
    assert RAW_CONTROL.search(output.replace("\n", "")) is None
    read = list(csv.DictReader(io.StringIO(output, newline="")))
    assert len(read) == len(rows) == output.count("\n") - 1
    first_column = output.split(",", 1)[0]
    for cells, row in zip(read, rows, strict=True):
        for column, cell in cells.items():
            value = row[column]
            if column in numbers or not isinstance(value, str):
                assert cell == ("" if value is None else str(value))
            else:
                assert not cell.startswith(FORMULA_STARTS)
                assert cell == _expected_cell(value, first=column == first_column)
    exact = [
        {column: "" if value is None else str(value) for column, value in row.items()}
        for row in rows
    ]
    read_raw = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert [
        {column: row[column] for column in cells}
        for row, cells in zip(exact, read_raw, strict=True)
    ] == read_raw


@given(st.lists(diagnostics, max_size=3), st.lists(hostile, max_size=2))
def test_every_check_format_is_safe(found: list[Diagnostic], notes: list[str]) -> None:
    assert set(REPORTERS) <= KNOWN_FORMATS, "a new format needs its rule here"
    files = sorted({item.path for item in found})
    report = Report(DAY, len(files), sorted(found), notes=notes, files=files)
    for name, render in REPORTERS.items():
        output = render(report, False)
        if name == "text":
            _terminal_safe(output)
            coloured = render(report, True)
            _terminal_safe(OWN_COLOURS.sub("", coloured))
        elif name == "github":
            *annotations, last = output.rstrip("\n").split("\n")
            assert RAW_CONTROL.search(output.replace("\n", "")) is None
            _no_command_lines(last)
            for line, item in zip(annotations, report.diagnostics, strict=True):
                assert line.startswith(f"::{item.severity.value} ")
                properties, data = _github_annotation(line)
                assert properties["file"] == _shown_in_github(item.path)
                assert (properties["line"], properties["col"]) == (str(item.line), str(item.column))
                assert properties["title"] == item.rule
                assert data == _shown_in_github(item.message)
        elif name in ("json", "sarif"):
            assert RAW_CONTROL.search(output.replace("\n", "")) is None and "##[" not in output
            document = json.loads(output)
            if name == "json":
                assert document == report.to_json()
            else:
                results = document["runs"][0]["results"]
                assert [r["message"]["text"] for r in results] == [
                    d.message for d in report.diagnostics
                ]
                assert [
                    r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    for r in results
                ] == [artifact_uri(d.path) for d in report.diagnostics]
        else:
            _no_command_lines(output)
            assert RAW_CONTROL.search(output.replace("\n", "")) is None
            root = ElementTree.fromstring(output.encode())
            assert [case.get("name") for case in root.iter("testcase")] == [
                _xml_shown(p) for p in files
            ]
    # the job summary is Markdown GitHub renders, never read for commands
    assert RAW_CONTROL.search(summary.render(report, False).replace("\n", "")) is None


@given(st.lists(dues, max_size=3))
def test_every_due_format_is_safe(items: list[Due]) -> None:
    _terminal_safe(due_formats.text(DAY, items))
    rows = [due_formats._row(item) for item in items]
    raw = due_formats.as_csv(DAY, items, neutralise=False)
    _csv_safe(due_formats.as_csv(DAY, items), raw, rows, {"days"})
    data = json.loads(due_formats.as_json(DAY, items))
    assert [(r["path"], r["title"], r["problem"]) for r in data["reviews"]] == [
        (item.path, item.title, item.problem or None) for item in items
    ]
    ics = due_formats.as_ics(DAY, items)
    assert RAW_CONTROL.search(ics.replace("\r\n", "")) is None
    unfolded = ics.replace("\r\n ", "").split("\r\n")
    summaries = [line.removeprefix("SUMMARY:") for line in unfolded if line.startswith("SUMMARY:")]
    assert [re.sub(r"\\([\\;,n])", _ics_unescape, text) for text in summaries] == [
        ("Review due: " if item.due else "Review date cannot be read: ")
        + without_controls(item.title or item.path)
        for item in items
    ]


def _ics_unescape(found: re.Match[str]) -> str:
    return "\n" if found.group(1) == "n" else found.group(1)


@given(st.lists(articles, max_size=3), st.lists(hostile, max_size=2))
def test_every_audit_format_is_safe(found: list[Article], notes: list[str]) -> None:
    report = Audit(TODAY, found, notes, site=summarise(found, DAY))
    _terminal_safe(audit_formats.as_text(report))
    rows = []
    for article in found:
        row = dict(article.__dict__)
        row["findings"] = "; ".join(f"{r}={c}" for r, c in sorted(article.findings.items()))
        row["overdue"] = "yes" if article.overdue else "no"
        row["changed_after_review"] = "yes" if article.changed_after_review else "no"
        rows.append(row)
    raw = audit_formats.as_csv(report, neutralise=False)
    numbers = {"days_to_due", "errors", "warnings"}
    _csv_safe(audit_formats.as_csv(report), raw, rows, numbers)
    output = audit_formats.as_json(report)
    assert RAW_CONTROL.search(output.replace("\n", "")) is None and "##[" not in output
    assert json.loads(output) == json.loads(json.dumps(report.to_json()))
    page = audit_formats.as_html(report)
    _no_command_lines(page)
    assert RAW_CONTROL.search(page.replace("\n", "")) is None


def test_raw_csv_is_asked_for_and_only_with_csv(tmp_path: Path, run: Run) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text(
        "---\ntitle: '=HYPERLINK(\"x\")'\ntype: article\nstatus: draft\n---\nText.\n"
    )
    safe = run("audit", "--format", "csv", "--today", "2026-11-25", cwd=tmp_path)
    raw = run("audit", "--format", "csv", "--raw-csv", "--today", "2026-11-25", cwd=tmp_path)
    assert safe.out.splitlines()[1].startswith('a.md,"\'=HYPERLINK(""x"")",article,')
    assert raw.out.splitlines()[1].startswith('a.md,"=HYPERLINK(""x"")",article,')
    wrong = run("review", "due", "--raw-csv", cwd=tmp_path)
    assert (wrong.code, wrong.err) == (2, "edcheck: error: --raw-csv goes with --format csv\n")
