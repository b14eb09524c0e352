"""Every place edcheck writes: one transaction (checker/writes.py), never through a symlink,
never over a device, a FIFO, a hard link or a read-only file. Races with other writers
and signals: tests/test_concurrent_writes.py."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from checker import writes
from checker.writes import ANYTHING, ChangedMeanwhile, WriteRefused, rewrite, write_atomic
from tests.conftest import TODAY, Run, complete_article


def test_write_atomic_keeps_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, "new\r\nline")
    assert target.read_bytes() == b"new\r\nline"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md"]


def test_write_atomic_refuses_symlinks(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    link = tmp_path / "link.md"
    link.symlink_to(outside)
    with pytest.raises(OSError, match="symlink"):
        write_atomic(link, "overwritten")
    assert outside.read_text() == "precious"


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writes, "_renameat2", broken)  # the swap (RENAME_EXCHANGE)
    monkeypatch.setattr(os, "replace", broken)  # where the file system has no swap
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.md"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.md").write_text(complete_article())
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.write_text("precious")
    return tmp_path


def _link(site: Path, name: str) -> Path:
    outside = site.parent / f"{site.name}-outside"
    (site / name).symlink_to(outside)
    return outside


def test_no_command_writes_through_a_symlink(site: Path, run: Run) -> None:
    outside = _link(site, ".edcheck.yaml.link")
    (site / "report.json").symlink_to(outside)
    output = run("check", "--format", "json", "--output", "report.json", "--today", TODAY, "a.md")
    assert output.code == 2
    assert output.err.startswith("edcheck: error: cannot write report.json: ")
    (site / ".edcheck-baseline.json").symlink_to(outside)
    baseline = run("baseline", "create", "--today", TODAY)
    assert baseline.code == 2
    (site / "b.md").symlink_to(outside)
    signed = run("review", "sign", "b.md", "--reviewer", "x", "--today", TODAY)
    assert (signed.code, signed.out) == (1, "not signed b.md: not a regular file\n")
    assert outside.read_text() == "precious"


def test_init_refuses_a_symlinked_config(site: Path, run: Run) -> None:
    outside = _link(site, ".edcheck.yaml")
    result = run("init", "--force", cwd=site)
    assert result.code == 2
    assert outside.read_text() == "precious"


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_rewrite_refuses_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"changed by an editor")
    with pytest.raises(ChangedMeanwhile, match=r"^it changed since edcheck read it$"):
        rewrite(target, b"what edcheck read", lambda _current: b"new")
    with pytest.raises(ChangedMeanwhile, match=r"^it was created since edcheck looked$"):
        rewrite(target, None, lambda _current: b"new")
    assert target.read_bytes() == b"changed by an editor"
    target.unlink()
    with pytest.raises(ChangedMeanwhile, match=r"^it was removed since edcheck read it$"):
        rewrite(target, b"what edcheck read", lambda _current: b"new")
    assert _names(tmp_path) == []


def test_rewrite_gives_produce_the_current_bytes(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"one")
    rewrite(target, b"one", lambda current: (current or b"") + b" two")
    rewrite(target, ANYTHING, lambda current: (current or b"") + b" three")
    assert target.read_bytes() == b"one two three"
    rewrite(tmp_path / "new.md", None, lambda current: repr(current).encode())
    assert (tmp_path / "new.md").read_bytes() == b"None"
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o644


def test_hard_links_and_read_only_files_are_refused_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")
    os.link(target, tmp_path / "b.md")
    with pytest.raises(WriteRefused, match=r"^it has 2 hard links, which a rewrite would split$"):
        write_atomic(target, "new")
    assert (target.read_text(), target.stat().st_nlink) == ("old", 2)
    rewrite(target, ANYTHING, lambda _current: b"new", force=True)
    assert (target.read_text(), (tmp_path / "b.md").read_text()) == ("new", "old")
    target.chmod(0o444)
    with pytest.raises(WriteRefused, match=r"^it is read-only \(mode 0444\)$"):
        write_atomic(target, "newer")
    rewrite(target, b"new", lambda _current: b"newer", force=True)
    assert (target.read_text(), target.stat().st_mode & 0o777) == ("newer", 0o444)
    assert _names(tmp_path) == ["a.md", "b.md"]


def test_a_lock_file_left_by_a_killed_run_is_used_and_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")
    (tmp_path / ".a.md.edcheck-lock").write_bytes(b"")  # SIGKILL leaves it: harmless
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert _names(tmp_path) == ["a.md"]
    (tmp_path / ".a.md.edcheck-lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OSError, match="symbolic links"):
        write_atomic(target, "through a planted link")
    assert (target.read_text(), _names(tmp_path)) == ("new", [".a.md.edcheck-lock", "a.md"])


def test_long_names_get_short_lock_and_temporary_names(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 127)  # 254 bytes: a prefix and suffix would pass 255
    target.write_text("old")
    write_atomic(target, "new")
    assert (target.read_text(), _names(tmp_path)) == ("new", [target.name])


def test_without_renameat2_the_write_still_refuses_to_replace_a_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a file system without RENAME_EXCHANGE: a plain rename after the last look."""
    monkeypatch.setattr(writes, "_renameat2", lambda *args: False)
    target = tmp_path / "a.md"
    target.write_text("old")
    os.chmod(target, 0o600)
    write_atomic(target, "new")
    rewrite(tmp_path / "b.md", None, lambda _current: b"created")
    assert (target.read_text(), target.stat().st_mode & 0o777) == ("new", 0o600)
    assert (tmp_path / "b.md").read_text() == "created"
    assert _names(tmp_path) == ["a.md", "b.md"]


def test_ctrl_c_during_a_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_text("old")

    def interrupted(_current: bytes | None) -> bytes:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rewrite(target, ANYTHING, interrupted)
    assert (target.read_text(), _names(tmp_path)) == ("old", ["a.md"])


def test_signal_handlers_are_restored_after_a_write(tmp_path: Path) -> None:
    before = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGHUP)}
    write_atomic(tmp_path / "a.md", "new")
    assert {number: signal.getsignal(number) for number in before} == before


def test_commands_refuse_hard_links_and_read_only_files(site: Path, run: Run) -> None:
    article = site / "a.md"
    original = article.read_text()
    os.link(article, site / "copy.md")
    signed = run("review", "sign", "a.md", "--reviewer", "x", "--today", TODAY)
    assert (signed.code, signed.out) == (
        1,
        "not signed a.md: it has 2 hard links, which a rewrite would split\n",
    )
    (site / "report.json").write_text("old report")
    os.link(site / "report.json", site / "report-copy.json")
    output = run("check", "--format", "json", "--output", "report.json", "--today", TODAY, "a.md")
    assert (output.code, output.err) == (
        2,
        "edcheck: error: cannot write report.json: it has 2 hard links, which a rewrite "
        "would split\n",
    )
    (site / "copy.md").unlink()
    article.chmod(0o444)
    signed = run("review", "sign", "a.md", "--reviewer", "x", "--today", TODAY)
    assert (signed.code, signed.out) == (1, "not signed a.md: it is read-only (mode 0444)\n")
    (site / ".edcheck-baseline.json").write_text("{}")
    (site / ".edcheck-baseline.json").chmod(0o444)
    baseline = run("baseline", "create", "--today", TODAY)
    assert (baseline.code, baseline.err) == (
        2,
        "edcheck: error: cannot write .edcheck-baseline.json: it is read-only (mode 0444)\n",
    )
    assert article.read_text() == original
    assert (site / "report.json").read_text() == "old report"


def test_output_refuses_fifos_and_devices(site: Path, run: Run) -> None:
    """Never replaced by a regular file (as root, `--output /dev/null` would have replaced
    /dev/null): tested on a FIFO and a copy of /dev/null's device node in the test's
    folder, never on /dev/null itself."""
    os.mkfifo(site / "pipe")
    kinds = {"pipe": "a FIFO"}
    try:
        os.mknod(site / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        kinds["null"] = "a character device"
    except OSError:
        pass  # not permitted here (not root, or a container without mknod)
    for name, kind in kinds.items():
        for command in (
            ("check", "--format", "json", "--output", name, "--today", TODAY, "a.md"),
            ("review", "due", "--output", name, "--today", TODAY),
        ):
            result = run(*command)
            assert (result.code, result.err) == (
                2,
                f"edcheck: error: cannot write {name}: it is {kind}, not a regular file\n",
            )
    os.mkfifo(site / ".edcheck-baseline.json")
    baseline = run("baseline", "create", "--today", TODAY)
    assert baseline.err.endswith(": it is a FIFO, not a regular file\n")
    assert stat.S_ISFIFO(os.lstat(site / "pipe").st_mode)
    if "null" in kinds:
        assert stat.S_ISCHR(os.lstat(site / "null").st_mode)
    assert _names(site) == sorted([".edcheck-baseline.json", ".git", "a.md", *kinds])
    if "null" not in kinds:
        pytest.skip("mknod is not permitted here: the character device was not tried")
