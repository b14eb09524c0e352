"""`edcheck review sign`: the review is written, nothing else changes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.documents import body_fingerprint
from checker.signoff import Signature, SignError, sign_text
from tests.conftest import ROOT, TODAY, Run, complete_article

SIG = Signature("greg-mulhauser", date(2026, 11, 25), "sha256:" + "ab" * 32)
HASH = '"sha256:' + "ab" * 32 + '"'


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # values replaced in place; comments and quoting elsewhere untouched
            "---\ntitle: 'x'   # keep\nreviewed:\n  by: 'old name'   # who\n  on:\n---\nBody\n",
            f"---\ntitle: 'x'   # keep\nreviewed:\n  by: 'greg-mulhauser'   # who\n  on: 2026-11-25\n  hash: {HASH}\n---\nBody\n",
        ),
        (  # no review yet: a block at the end of the front matter
            '---\ntitle: "x"\n\n# a comment\nauthor: A\n---\nBody\n',
            f'---\ntitle: "x"\n\n# a comment\nauthor: A\nreviewed:\n  by: greg-mulhauser\n  on: 2026-11-25\n  hash: {HASH}\n---\nBody\n',
        ),
        (  # flow mapping stays a flow mapping
            "---\nreviewed: {by: a, on: 2020-01-01}\ntitle: x\n---\nB\n",
            f'---\nreviewed: {{by: "greg-mulhauser", on: 2026-11-25, hash: {HASH}}}\ntitle: x\n---\nB\n',
        ),
        (  # CRLF line endings are kept, other keys of the review too
            "---\r\ntitle: x\r\nreviewed:\r\n  by: a\r\n  on: 2020-01-01\r\n  note: kept\r\n---\r\nB\r\n",
            f"---\r\ntitle: x\r\nreviewed:\r\n  by: greg-mulhauser\r\n  on: 2026-11-25\r\n  note: kept\r\n  hash: {HASH}\r\n---\r\nB\r\n",
        ),
        (  # an empty reviewed key gets its fields
            "---\ntitle: x\nreviewed:\nauthor: y\n---\nB\n",
            f"---\ntitle: x\nreviewed:\n  by: greg-mulhauser\n  on: 2026-11-25\n  hash: {HASH}\nauthor: y\n---\nB\n",
        ),
        (  # TOML: a [reviewed] table, literal strings and comments kept
            "+++\ntitle = \"x\"  # t\n\n[reviewed]\nby = 'a'  # who\non = 2020-01-01\n\n[extra]\nq = 1\n+++\nB\n",
            f"+++\ntitle = \"x\"  # t\n\n[reviewed]\nby = 'greg-mulhauser'  # who\non = 2026-11-25\nhash = {HASH}\n\n[extra]\nq = 1\n+++\nB\n",
        ),
        (  # TOML without a review: a new table at the end
            '+++\ntitle = "x"\n+++\nB\n',
            f'+++\ntitle = "x"\n\n[reviewed]\nby = "greg-mulhauser"\non = 2026-11-25\nhash = {HASH}\n+++\nB\n',
        ),
    ],
)
def test_splice(before: str, after: str) -> None:
    assert sign_text(before, SIG) == after


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"title": "x"}\nB\n', "sign-off writes YAML and TOML front matter; this file's is JSON"),
        ("No front matter\n", "the file has no front matter to sign"),
        (
            "---\nreviewed: yes please\n---\n",
            "reviewed is a single value, not a mapping: fix it by hand first",
        ),
        (
            '+++\nreviewed = {by = "a"}\n+++\n',
            "sign-off writes a [reviewed] table; this file sets reviewed inline or with dotted keys",
        ),
        ("---\ntitle: [x\n---\n", "line 3: YAML syntax error: "),
    ],
)
def test_refusals(text: str, message: str) -> None:
    with pytest.raises(SignError) as caught:
        sign_text(text, SIG)
    if message.endswith(": "):  # the parser's own wording follows edcheck's prefix
        assert str(caught.value).startswith(message)
    else:
        assert str(caught.value) == message


keys = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True).filter(lambda key: key != "reviewed")
values = st.one_of(
    st.from_regex(r"[A-Za-z][A-Za-z ]{0,12}[A-Za-z]", fullmatch=True).filter(
        lambda v: v.lower() not in {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
    ),
    st.integers(0, 10_000),
)


@given(st.dictionaries(keys, values, min_size=1, max_size=6), st.booleans(), st.text(max_size=60))
def test_sign_keeps_everything_else(
    fields: dict[str, object], with_review: bool, body: str
) -> None:
    lines = [f"{key}: {value}" for key, value in fields.items()]
    if with_review:
        lines += ["reviewed:", "  by: someone", "  on: 2020-01-01"]
    text = "---\n" + "\n".join(lines) + "\n---\n" + body.replace("\r", "")
    signed = sign_text(text, SIG)  # raises unless it reads back as before plus the review
    assert signed.endswith("---\n" + body.replace("\r", ""))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_sign_command(site: Path, run: Run) -> None:
    article = site / "a.md"
    article.write_bytes(
        b"\xef\xbb\xbf" + complete_article().replace("  on: 2026-02-01\n", "  on:\n").encode()
    )
    article.chmod(0o640)
    result = run("review", "sign", "a.md", "--reviewer", "greg-mulhauser", "--today", TODAY)
    text = article.read_bytes()
    body = text.decode("utf-8-sig").split("---\n", 2)[2]
    fingerprint = body_fingerprint(body)
    assert (result.code, result.out) == (
        0,
        f"signed a.md: reviewed by greg-mulhauser on {TODAY} ({fingerprint[:19]}…)\n",
    )
    assert text.startswith(b"\xef\xbb\xbf---\n")
    assert f'  on: {TODAY}\n  hash: "{fingerprint}"\n'.encode() in text
    assert article.stat().st_mode & 0o777 == 0o640
    assert run("check", "--today", TODAY, "a.md").code == 0
    article.write_text(
        article.read_text(encoding="utf-8-sig").replace("Body text.", "Edited."), encoding="utf-8"
    )
    stale = run("check", "--format", "json", "--today", TODAY, "a.md")
    assert [rule for *_, rule in stale.found()] == ["review-stale"]


def test_sign_refuses_when_other_checks_fail(site: Path, run: Run) -> None:
    article = site / "a.md"
    original = complete_article(author='""')
    article.write_text(original)
    refused = run("review", "sign", "a.md", "--reviewer", "Amira Haddad", "--today", TODAY)
    assert refused.code == 1
    assert refused.out == (
        "not signed a.md: 1 other check(s) fail (--force signs anyway):\n"
        "  a.md:5:1 author-required author is blank: add who wrote the page\n"
    )
    assert article.read_text() == original
    forced = run(
        "review", "sign", "a.md", "--reviewer", "Amira Haddad", "--force", "--today", TODAY
    )
    assert forced.code == 0
    assert forced.out.splitlines()[1:] == [
        "  --force: signed although 1 other check(s) fail:",
        "  a.md:5:1 author-required author is blank: add who wrote the page",
    ]
    assert "  by: Amira Haddad\n" in article.read_text()


def test_sign_usage_errors(site: Path, run: Run) -> None:
    (site / "a.md").write_text(complete_article())
    assert run("review", "sign", "a.md", "--reviewer", " ", "--today", TODAY).code == 2
    future = run(
        "review", "sign", "a.md", "--reviewer", "x", "--on", "2027-01-01", "--today", TODAY
    )
    assert (future.code, future.err) == (
        2,
        "edcheck: error: --on 2027-01-01 is after today (2026-11-25)\n",
    )
    missing = run("review", "sign", "nope.md", "--reviewer", "x", "--today", TODAY)
    assert (missing.code, missing.out) == (1, "not signed nope.md: not a regular file\n")


def test_interrupted_sign_leaves_the_old_or_the_new_file(site: Path) -> None:
    """Kill the signing process at many moments; the file is always whole."""
    article = site / "big.md"
    original = complete_article().replace("Body text.", "Long body line.\n" * 200_000)
    article.write_text(original)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "checker",
        "review",
        "sign",
        "big.md",
        "--reviewer",
        "x",
        "--force",
        "--today",
        TODAY,
    ]
    outcomes = set()
    for attempt in range(12):
        article.write_text(original)
        process = subprocess.Popen(
            command, cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(0.15 + attempt * 0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        text = article.read_text()
        assert text == original or (
            text.startswith(original[:40])
            and "  hash: " in text
            and text.endswith("Long body line.\n\n")
        )
        outcomes.add(text == original)
    assert outcomes  # at least one attempt ran; both outcomes are allowed
