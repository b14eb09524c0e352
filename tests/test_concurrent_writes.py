"""Writes racing other writers, with real processes: another edcheck, an editor saving the
file, a signal. No write may lose someone else's change or leave a file behind.

The moments are exact, not timed: ``EDCHECK_TEST_PAUSE=POINT:FIFO`` (read only by
checker/writes.py, for tests only) stops a write at POINT until the test opens and closes
the FIFO. The only clock is a hang guard that kills a child after 120 seconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.documents import body_fingerprint
from tests.conftest import ROOT, TODAY, complete_article

HANG_GUARD = 120.0  # seconds; only ends a child that hangs
CHANGED = "not signed a.md: the file changed while it was being signed; try again\n"
ORIGINAL = complete_article()
SAVED = ORIGINAL.replace("Body text.", "The editor's new paragraph.")
# where a write can stop (checker/writes.py); the last three are inside the swap, where a
# signal waits until the swap is done
BEFORE_THE_SWAP = ("locked", "written")
IN_THE_SWAP = ("before-rename", "compared")
POINTS = (*BEFORE_THE_SWAP, *IN_THE_SWAP, "verified")


def _env(pause: tuple[str, Path] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDCHECK_")}
    env["PYTHONPATH"] = str(ROOT)
    if pause is not None:
        env["EDCHECK_TEST_PAUSE"] = f"{pause[0]}:{pause[1]}"
    return env


def _edcheck(
    site: Path, *args: str, pause: tuple[str, Path] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*prefix, sys.executable, "-m", "checker", *args],
        cwd=site,
        env=_env(pause),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _sign(
    site: Path, reviewer: str, pause: tuple[str, Path] | None = None
) -> subprocess.Popen[str]:
    return _edcheck(
        site, "review", "sign", "a.md", "--reviewer", reviewer, "--today", TODAY, pause=pause
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"{process.args!r} hung: killed")
    return process.returncode, out, err


def _make_site(folder: Path, text: str = ORIGINAL) -> Path:
    (folder / ".git").mkdir(parents=True)
    (folder / "a.md").write_text(text)
    return folder


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return _make_site(tmp_path / "site")


@pytest.fixture
def gate(tmp_path: Path) -> Path:
    fifo = tmp_path / "gate"
    os.mkfifo(fifo)
    return fifo


def _signed_alone(folder: Path, reviewer: str) -> str:
    """What signing the original by ``reviewer`` alone writes (checked to pass)."""
    alone = _make_site(folder)
    assert _finish(_sign(alone, reviewer))[0] == 0
    assert _finish(_edcheck(alone, "check", "--today", TODAY, "a.md"))[0] == 0
    return (alone / "a.md").read_text()


def _hash_is_valid(text: str) -> bool:
    front, body = text.split("---\n", 2)[1:]
    return f'  hash: "{body_fingerprint(body)}"\n' in front


def _left(site: Path) -> list[str]:
    return sorted(os.listdir(site))


# `python -m checker`, started at the same instant as its pair: imports done, each child
# waits for the end of one shared pipe, then runs the package as `-m` would. A witness
# notes the text the sign read (its first read of a.md); it changes nothing the sign does.
LAUNCH = """
import os, pathlib, runpy, sys
import checker.cli
start, witness, seen = int(sys.argv[1]), pathlib.Path(sys.argv[2]), []
read_bytes = pathlib.Path.read_bytes
def reading(path):
    data = read_bytes(path)
    if path.name == "a.md" and not seen:
        seen.append(data.decode())
    return data
pathlib.Path.read_bytes = reading
os.read(start, 1)
sys.argv = ["checker", *sys.argv[3:]]
try:
    runpy.run_module("checker", run_name="__main__", alter_sys=True)
finally:
    witness.write_text("".join(seen))
"""


def _signs_at_once(
    site: Path, reviewers: tuple[str, ...], witnesses: Path
) -> dict[str, tuple[int, str, str, str]]:
    start, go = os.pipe()
    sign = ("review", "sign", "a.md", "--today", TODAY, "--reviewer")
    try:
        processes = {
            name: subprocess.Popen(
                [sys.executable, "-c", LAUNCH, str(start), str(witnesses / name), *sign, name],
                cwd=site,
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                pass_fds=(start,),
            )
            for name in reviewers
        }
    finally:
        os.close(start)
        os.close(go)  # every child reads the end of the pipe: they start together
    results = {name: _finish(process) for name, process in processes.items()}
    return {name: (*result, (witnesses / name).read_text()) for name, result in results.items()}


@pytest.mark.parametrize("pairs", [20, pytest.param(200, marks=pytest.mark.slow)])
def test_two_signs_at_once_never_lose_a_review(tmp_path: Path, pairs: int) -> None:
    """Two reviewers sign the same file at the same instant, ``pairs`` times. Only a
    signer whose review is in the file may say "signed". When the runs overlap (one read
    the file before the other wrote it), the one that writes second refuses: it would
    overwrite a review it was never shown, on text it did not judge. When they do not
    overlap, both sign, one after the other, and the file holds the later review, exactly
    as that reviewer alone would write it, with a valid hash."""
    reviewers = ("amira-haddad", "greg-mulhauser")
    alone = {name: _signed_alone(tmp_path / name, name) for name in reviewers}
    site = _make_site(tmp_path / "site")
    witnesses = tmp_path / "witnesses"
    witnesses.mkdir()
    article = site / "a.md"
    outcomes: Counter[str] = Counter()
    for _ in range(pairs):
        article.write_text(ORIGINAL)
        results = _signs_at_once(site, reviewers, witnesses)
        signed = {name for name, (code, *_) in results.items() if code == 0}
        for name, (code, out, err, read) in results.items():
            if code == 0:
                assert out.startswith(f"signed a.md: reviewed by {name} on {TODAY} (")
            else:  # it read the text both read, and the other wrote first
                assert (code, out, err, read) == (1, CHANGED, "", ORIGINAL)
        assert signed, results
        if len(signed) == 2:  # in turn: one read the original, the other what it wrote
            first = next(name for name in reviewers if results[name][3] == ORIGINAL)
            last = next(name for name in reviewers if name != first)
            assert results[last][3] == alone[first]
        else:
            (last,) = signed
            assert results[last][3] == ORIGINAL
        text = article.read_text()
        assert text == alone[last]
        assert _hash_is_valid(text)
        assert _left(site) == [".git", "a.md"]
        outcomes["one refused" if len(signed) == 1 else "both, in turn"] += 1
    assert sum(outcomes.values()) == pairs
    print(f"\n{pairs} pairs: {dict(outcomes)}")


def _wait_for_the_lock(process: subprocess.Popen[str]) -> None:
    """Return once ``process`` waits for an edcheck lock (a blocked flock in /proc/locks)."""
    started = time.monotonic()
    while process.poll() is None:
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if "->" in fields and "FLOCK" in fields and str(process.pid) in fields:
                return
        if time.monotonic() - started > HANG_GUARD:
            break
        time.sleep(0.005)
    pytest.fail(f"the second sign never waited for the lock: {_finish(process)}")


def test_a_sign_that_read_the_file_before_another_wrote_it_refuses(
    tmp_path: Path, site: Path, gate: Path
) -> None:
    """The overlap made certain: the first sign holds the lock, the second has read and
    judged the same text and waits for the lock; the first writes, the second refuses."""
    if not Path("/proc/locks").exists():
        pytest.skip("no /proc/locks to see a process wait for a lock")
    signed = _signed_alone(tmp_path / "alone", "amira-haddad")
    first = _sign(site, "amira-haddad", pause=("locked", gate))
    with gate.open("wb"):
        second = _sign(site, "greg-mulhauser")
        _wait_for_the_lock(second)
    assert _finish(first)[0] == 0
    assert _finish(second) == (1, CHANGED, "")
    assert (site / "a.md").read_text() == signed
    assert _left(site) == [".git", "a.md"]


def _save_in_place(article: Path, text: str) -> None:
    with article.open("w") as stream:  # as most editors save: truncate, write
        stream.write(text)


def _save_by_rename(article: Path, text: str) -> None:
    fresh = article.with_name(".a.md.editor-swp")
    fresh.write_text(text)
    os.replace(fresh, article)


def _wait_for_the_save(article: Path, saver: threading.Thread) -> None:
    """Return once the editor's save is done, or held back by edcheck's lease on the file
    (listed as BREAKING in /proc/locks): the test goes on from a known state."""
    inode = f":{article.stat().st_ino}"
    locks = Path("/proc/locks")
    started = time.monotonic()
    while saver.is_alive():
        listed = locks.read_text().splitlines() if locks.exists() else []
        if any("BREAKING" in line and line.split()[5].endswith(inode) for line in listed):
            return
        if time.monotonic() - started > HANG_GUARD:
            pytest.fail("the editor's save hung")
        time.sleep(0.005)


@pytest.mark.parametrize("point", POINTS[:-1])
@pytest.mark.parametrize("save", [_save_in_place, _save_by_rename], ids=["in-place", "rename"])
def test_an_editors_save_during_a_sign_is_never_lost(
    site: Path, gate: Path, point: str, save: Callable[[Path, str], None]
) -> None:
    """An editor saves while the sign is stopped at ``point``: the sign refuses and the
    editor's text stays. In place, inside the swap, the save waits on edcheck's lease
    until edcheck has given the file back."""
    article = site / "a.md"
    sign = _sign(site, "amira-haddad", pause=(point, gate))
    saver = threading.Thread(target=save, args=(article, SAVED))
    with gate.open("wb"):  # opens once the sign waits at `point`
        saver.start()
        _wait_for_the_save(article, saver)
    saver.join(HANG_GUARD)
    assert (*_finish(sign), saver.is_alive()) == (1, CHANGED, "", False)
    assert article.read_text() == SAVED
    assert _left(site) == [".git", "a.md"]


def _leases_work(path: Path) -> bool:
    import fcntl

    with path.open("rb") as stream:
        try:
            fcntl.fcntl(stream.fileno(), fcntl.F_SETLEASE, fcntl.F_RDLCK)
        except (OSError, AttributeError):
            return False
        fcntl.fcntl(stream.fileno(), fcntl.F_SETLEASE, fcntl.F_UNLCK)
    return True


def test_a_file_open_for_writing_is_not_signed(site: Path) -> None:
    article = site / "a.md"
    if not _leases_work(article):
        pytest.skip("no file leases here: an open writer is caught only once it writes")
    with article.open("r+") as editor:  # another program is saving it right now
        assert _finish(_sign(site, "amira-haddad")) == (
            1,
            "not signed a.md: another program has it open for writing\n",
            "",
        )
        editor.write(SAVED)
        editor.truncate()
    assert article.read_text() == SAVED
    assert _left(site) == [".git", "a.md"]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
@pytest.mark.parametrize("point", POINTS)
def test_a_signal_at_each_point_of_a_sign(
    tmp_path: Path, site: Path, gate: Path, point: str, number: int
) -> None:
    """The signal ends the process with its own status; the file is the old one before the
    swap, the new one once the swap has begun; no temporary or lock file is left."""
    signed = _signed_alone(tmp_path / "alone", "amira-haddad")
    sign = _sign(site, "amira-haddad", pause=(point, gate))
    with gate.open("wb"):
        sign.send_signal(number)
    assert _finish(sign) == (-number, "", "")
    assert (site / "a.md").read_text() == (ORIGINAL if point in BEFORE_THE_SWAP else signed)
    assert _left(site) == [".git", "a.md"]


@pytest.mark.parametrize(
    "command",
    [
        ("baseline", "create", "--today", TODAY),
        ("check", "--format", "json", "--output", "report.json", "--today", TODAY, "a.md"),
        ("audit", "--format", "html", "--output", "audit.html", "--today", TODAY),
        ("init",),
    ],
    ids=["baseline", "check-output", "audit-output", "init"],
)
@pytest.mark.parametrize("point", BEFORE_THE_SWAP)
def test_a_signal_during_any_write_leaves_no_temporary(
    site: Path, gate: Path, command: tuple[str, ...], point: str
) -> None:
    process = _edcheck(site, *command, pause=(point, gate))
    with gate.open("wb"):
        process.send_signal(signal.SIGTERM)
    assert _finish(process)[0] == -signal.SIGTERM
    assert _left(site) == [".git", "a.md"]


def test_sigterm_at_many_moments_of_a_big_sign(site: Path) -> None:
    """Without a pause: SIGTERM at 16 moments of signing a 3 MB article (the moments are
    spread by sleeping; nothing is bounded by them)."""
    article = site / "a.md"
    original = ORIGINAL.replace("Body text.", "Long body line.\n" * 200_000)
    command = ("review", "sign", "a.md", "--reviewer", "x", "--force", "--today", TODAY)
    outcomes: Counter[tuple[str, int]] = Counter()
    for attempt in range(16):
        article.write_text(original)
        process = _edcheck(site, *command)
        time.sleep(0.1 + attempt * 0.04)
        process.send_signal(signal.SIGTERM)
        code = _finish(process)[0]
        text = article.read_text()
        assert text == original or (_hash_is_valid(text) and text.endswith("Long body line.\n\n"))
        assert code in (0, -signal.SIGTERM)
        assert _left(site) == [".git", "a.md"]
        outcomes[("old" if text == original else "new", code)] += 1
    assert sum(outcomes.values()) == 16


def test_root_keeps_another_users_owner_group_mode_and_attributes(site: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    article = site / "a.md"
    os.chown(article, 65534, 65534)
    article.chmod(0o640)
    try:
        os.setxattr(article, "user.editor", b"kept")
        attributes = True
    except OSError:
        attributes = False  # the file system keeps no user attributes
    code, out, _ = _finish(_sign(site, "amira-haddad"))
    assert (code, out.startswith("signed a.md")) == (0, True)
    found = article.stat()
    assert (found.st_uid, found.st_gid, found.st_mode & 0o7777) == (65534, 65534, 0o640)
    if attributes:
        assert os.getxattr(article, "user.editor") == b"kept"


def _as_user(uid: int, groups: str) -> tuple[str, ...]:
    """setpriv: run as ``uid`` (gid 65534) in ``groups``, able to read root's Python
    (CAP_DAC_READ_SEARCH) and nothing more: not root for writing, owning or chown."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to run a signer who is not root")
    return (
        setpriv,
        f"--reuid={uid}",
        "--regid=65534",
        f"--groups={groups}" if groups else "--clear-groups",
        "--inh-caps=+dac_read_search",
        "--ambient-caps=+dac_read_search",
    )


@pytest.fixture
def shared_site() -> Iterator[Path]:
    """A site any user may write in (the test's own folder is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="edcheck-shared-"))
    folder.chmod(0o777)
    _make_site(folder)
    article = folder / "a.md"
    os.chown(article, 65534, 100)
    article.chmod(0o664)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.parametrize(
    ("uid", "groups", "out"),
    [
        (65534, "100", "signed a.md: reviewed by x on 2026-11-25 ("),
        (65534, "", "not signed a.md: its group (gid 100) cannot be kept: you are not in it\n"),
        (
            65533,
            "100",
            "not signed a.md: it belongs to another user (uid 65534), and a rewrite would "
            "make it yours\n",
        ),
    ],
    ids=["owner-in-group", "owner-not-in-group", "not-owner"],
)
def test_a_signer_who_is_not_root_keeps_owner_and_group_or_refuses(
    shared_site: Path, uid: int, groups: str, out: str
) -> None:
    article = shared_site / "a.md"
    prefix = _as_user(uid, groups)
    command = ("review", "sign", "a.md", "--reviewer", "x", "--today", TODAY)
    code, printed, _ = _finish(_edcheck(shared_site, *command, prefix=prefix))
    assert printed.startswith(out)
    assert code == (0 if out.startswith("signed") else 1)
    found = article.stat()
    assert (found.st_uid, found.st_gid, found.st_mode & 0o777) == (65534, 100, 0o664)
    assert ("  by: x\n" in article.read_text()) == (code == 0)
    assert _left(shared_site) == [".git", "a.md"]
