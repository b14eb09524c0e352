"""The one way edcheck writes a file: a transaction that cannot lose someone else's change.

``rewrite(path, expected, produce)`` takes the bytes the caller read (``expected``; ``None``
for "there is no file"; ``ANYTHING`` for "whatever is there") and a function making the new
bytes from the current ones. Under an advisory lock beside the file (``.NAME.edcheck-lock``,
removed on the way out) it re-reads the file and compares it with ``expected``, writes a
temporary file beside it (fsynced, with the file's owner, group, mode and extended
attributes), compares the file once more immediately before the rename, swaps the two
atomically (``renameat2(RENAME_EXCHANGE)``) and checks that what it swapped out is exactly
what it compared (else it swaps back), then reads the result back. On any doubt it raises
``WriteRefused`` (one line saying why) and the file is as it was, or holds the other
program's change. SIGTERM and SIGHUP end a write as Ctrl-C does: the temporary file and the
lock file are removed, then the signal's own behaviour (and exit code) follows.

Test-only: ``EDCHECK_TEST_PAUSE=POINT:FIFO`` makes a write stop at ``POINT`` (``locked``,
``written``, ``before-rename``, ``compared``, ``verified``) until a writer opens and closes
the FIFO. The test suite uses it to land an editor's save or a signal at an exact moment;
nothing else may set it.
"""

from __future__ import annotations

import ctypes
import enum
import errno
import fcntl
import hashlib
import os
import secrets
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Final, Literal


class WriteRefused(OSError):
    """edcheck did not write the file, for the reason given (one line); it is as it was."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class ChangedMeanwhile(WriteRefused):
    """Someone else changed, created or removed the file while edcheck was working."""


class _Anything(enum.Enum):
    ANYTHING = "whatever the file holds, or no file"


ANYTHING: Final = _Anything.ANYTHING
Expected = bytes | None | Literal[_Anything.ANYTHING]

PAUSE_VARIABLE: Final = "EDCHECK_TEST_PAUSE"  # test-only, see the module's docstring
LOCK_SUFFIX: Final = "edcheck-lock"
NEW_FILE_MODE: Final = 0o644
_STOPPING: Final = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
_RENAME_NOREPLACE: Final = 1
_RENAME_EXCHANGE: Final = 2
_KINDS: Final = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}
_SYMLINK: Final = "it is a symlink; edcheck does not write through links"
_KEPT: Final = "it changed while edcheck was writing it; the other change was kept"


def write_atomic(path: Path, text: str, mode: int | None = None) -> None:
    """Write ``text`` (UTF-8) to ``path`` whatever it holds now: ``rewrite`` with
    ``ANYTHING``. A symlink is refused, never followed."""
    data = text.encode("utf-8")
    rewrite(path, ANYTHING, lambda _current: data, mode=mode)


def rewrite(
    path: Path,
    expected: Expected,
    produce: Callable[[bytes | None], bytes],
    *,
    force: bool = False,
    mode: int | None = None,
) -> None:
    """Replace ``path`` with ``produce(current)`` if it still holds ``expected``.

    Refused unless ``force``: a file with more than one hard link (a rewrite would split
    them), a read-only file (no write bit for its owner), and, when not running as root,
    a file owned by someone else (it would become yours) or whose group or extended
    attributes cannot be kept. Always refused: anything but a regular file. ``mode``
    replaces the file's mode (default: the file's own, or 0644 for a new file).
    """
    with _signals_end_the_write():
        transaction = _Transaction(path, force=force, mode=mode)
        try:
            transaction.run(expected, produce)
        finally:
            with _deferred():
                transaction.close()


class _Transaction:
    """One write's state, so that every way out (refusal, error, signal) can undo it."""

    def __init__(self, path: Path, *, force: bool, mode: int | None) -> None:
        self.path = path
        self.name = path.name
        self.force = force
        self.mode = mode
        self.directory: int | None = None
        self.lock_fd: int | None = None
        self.lock_name: str | None = None  # set while the lock is held: removed on the way out
        self.lock_seen: tuple[str, tuple[int, int]] | None = None  # opened, maybe not held
        self.old_fd: int | None = None
        self.old: os.stat_result | None = None
        self.leased = False
        self.temp_fd: int | None = None
        self.temp_name: str | None = None  # a name to remove on the way out
        self.new: tuple[int, int] | None = None

    def run(self, expected: Expected, produce: Callable[[bytes | None], bytes]) -> None:
        self._open_directory()
        self._lock()
        current = self._read_target()
        if self.old is not None and not self.force:
            _check_protections(self.old)
        if expected is not ANYTHING and current != expected:
            if current is None:
                raise ChangedMeanwhile("it was removed since edcheck read it")
            raise ChangedMeanwhile(
                "it was created since edcheck looked"
                if expected is None
                else "it changed since edcheck read it"
            )
        _pause("locked")
        content = produce(current)
        self._write_temporary(content)
        _pause("written")
        if current is None:
            self._commit_creating()
        else:
            self._commit_replacing(current)
        self._verify(content)
        _pause("verified")

    def close(self) -> None:
        """Remove what this write left (temporary file, lock file) and close everything."""
        for fd in (self.temp_fd, self.old_fd):
            if fd is not None:
                with suppress(OSError):
                    os.close(fd)  # closing the target's descriptor also ends the lease
        self.temp_fd = self.old_fd = None
        self._tidy_unheld_lock()
        for name in (self.temp_name, self.lock_name):  # the lock file only while held
            if name is not None:
                with suppress(OSError):
                    os.unlink(name, dir_fd=self.directory)
        self.temp_name = self.lock_name = None
        for fd in (self.lock_fd, self.directory):
            if fd is not None:
                with suppress(OSError):
                    os.close(fd)
        self.lock_fd = self.directory = None

    def _tidy_unheld_lock(self) -> None:
        """Stopped before the lock was ours (a signal while waiting for it, or just after
        creating its file): if nobody holds it now and the name is still the file we
        opened, we are its holder for a moment and remove it, as every holder does."""
        if self.lock_name is not None or self.lock_fd is None or self.lock_seen is None:
            return
        name, identity = self.lock_seen
        with suppress(OSError):
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _holds(self.directory, name, identity):
                self.lock_name = name

    def _open_directory(self) -> None:
        if self.name in ("", ".", ".."):
            raise WriteRefused("it is a folder, not a regular file")
        with _deferred():
            self.directory = os.open(self.path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            found = os.stat(self.name, dir_fd=self.directory, follow_symlinks=False)
        except FileNotFoundError:
            return
        _refuse_kind(found.st_mode)  # before the lock, so nothing is created beside a device

    def _lock(self) -> None:
        """Hold ``.NAME.edcheck-lock`` (flock): another edcheck writing the same file waits.

        The holder removes the file while holding it, so a waiter that then gets the lock
        checks that its descriptor is still the file of that name, else starts again."""
        name = f".{_short(self.name)}.{LOCK_SUFFIX}"
        flags = os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        while True:
            with _deferred():
                if self.lock_fd is not None:  # a lock file removed under us: start again
                    os.close(self.lock_fd)
                self.lock_fd = os.open(name, flags, 0o644, dir_fd=self.directory)
                held = os.fstat(self.lock_fd)
                self.lock_seen = (name, _identity(held))  # tidied on the way out if not held
            if not stat.S_ISREG(held.st_mode):
                raise WriteRefused(f"its lock file {name} is not a regular file")
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX)
            with _deferred():
                if _holds(self.directory, name, _identity(held)):
                    self.lock_name = name
                    return
                os.close(self.lock_fd)
                self.lock_fd = None

    def _read_target(self) -> bytes | None:
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            with _deferred():
                self.old_fd = os.open(self.name, flags, dir_fd=self.directory)
        except FileNotFoundError:
            return None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise WriteRefused(_SYMLINK) from None
            raise
        self.old = os.fstat(self.old_fd)
        _refuse_kind(self.old.st_mode)
        return _read_all(self.old_fd)

    def _write_temporary(self, content: bytes) -> None:
        with _deferred():
            self.temp_name, fd = _create_beside(self.directory, self.name)
            self.temp_fd = fd
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
        if self.old is not None:
            self._keep_owner_and_attributes(fd, self.old)
        if self.mode is not None:
            os.fchmod(fd, self.mode)
        else:  # after fchown, which may clear the set-id bits
            os.fchmod(fd, stat.S_IMODE(self.old.st_mode) if self.old else NEW_FILE_MODE)
        os.fsync(fd)
        self.new = _identity(os.fstat(fd))
        with _deferred():
            os.close(fd)
            self.temp_fd = None

    def _keep_owner_and_attributes(self, fd: int, old: os.stat_result) -> None:
        if os.geteuid() == 0:
            os.fchown(fd, old.st_uid, old.st_gid)
        elif os.fstat(fd).st_gid != old.st_gid:
            try:
                os.fchown(fd, -1, old.st_gid)
            except PermissionError:
                if not self.force:
                    raise WriteRefused(
                        f"its group (gid {old.st_gid}) cannot be kept: you are not in it"
                    ) from None
        if self.old_fd is None or not hasattr(os, "listxattr"):
            return
        try:
            names = os.listxattr(self.old_fd)
        except OSError:
            return  # the file system keeps none
        for name in names:
            try:
                os.setxattr(fd, name, os.getxattr(self.old_fd, name))
            except OSError:
                if not self.force:
                    raise WriteRefused(f"its extended attribute {name} cannot be kept") from None

    def _commit_creating(self) -> None:
        assert self.temp_name is not None
        with _deferred():  # a signal waits until the file is placed or not
            _pause("before-rename")
            if _holds(self.directory, self.name, None):
                raise ChangedMeanwhile(
                    "it was created while edcheck was writing it; that file was kept"
                )
            _pause("compared")
            try:
                _place_new(self.directory, self.temp_name, self.name)
            except FileExistsError:
                raise ChangedMeanwhile(
                    "it was created while edcheck was writing it; that file was kept"
                ) from None
            self.temp_name = None
            _sync(self.directory)

    def _commit_replacing(self, current: bytes) -> None:
        assert self.old_fd is not None
        assert self.temp_name is not None
        with _deferred():  # a signal waits until the swap is done or undone
            self._take_lease()
            _pause("before-rename")
            if not self._still_old(self.name, current):
                raise ChangedMeanwhile(_KEPT)
            _pause("compared")
            if _exchange(self.directory, self.temp_name, self.name):
                self._settle_exchange(current)
            else:  # no RENAME_EXCHANGE on this file system: a plain rename
                os.replace(
                    self.temp_name, self.name, src_dir_fd=self.directory, dst_dir_fd=self.directory
                )
                self.temp_name = None
            _sync(self.directory)

    def _settle_exchange(self, current: bytes) -> None:
        """The temporary name now holds what the target held at the swap: keep the swap
        only if that is exactly the file compared (no other save slipped in between)."""
        assert self.temp_name is not None
        if self._still_old(self.temp_name, current):
            os.unlink(self.temp_name, dir_fd=self.directory)
            self.temp_name = None
            return
        if _holds(self.directory, self.name, self.new) and _exchange(
            self.directory, self.temp_name, self.name
        ):
            raise ChangedMeanwhile(_KEPT)  # swapped back; our copy is removed on the way out
        kept, self.temp_name = self.temp_name, None
        raise ChangedMeanwhile(
            f"it changed twice while edcheck was writing it; one is kept as {kept}"
        )

    def _still_old(self, name: str, current: bytes) -> bool:
        """``name`` is the file read under the lock, with the same bytes, and no program has
        asked to open it for writing since (a lease break)."""
        assert self.old_fd is not None
        assert self.old is not None
        if not _holds(self.directory, name, _identity(self.old)):
            return False
        if self.leased and fcntl.fcntl(self.old_fd, fcntl.F_GETLEASE) != fcntl.F_RDLCK:
            return False
        return _read_all(self.old_fd) == current

    def _take_lease(self) -> None:
        """A read lease on the file (Linux, for its owner or root): refused while another
        program has it open for writing, and broken (seen by ``F_GETLEASE``) if one opens it
        for writing before the swap, which then holds that program back until it is undone."""
        if self.old_fd is None or not _in_main_thread() or not hasattr(fcntl, "F_SETLEASE"):
            return
        try:
            fcntl.fcntl(self.old_fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)
        except OSError as error:
            if error.errno == errno.EAGAIN:
                raise WriteRefused("another program has it open for writing") from None
            return  # no leases here (not the owner, a network file system): bytes compared only
        self.leased = True

    def _verify(self, content: bytes) -> None:
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        try:
            fd = os.open(self.name, flags, dir_fd=self.directory)
        except OSError:
            raise ChangedMeanwhile("it was moved right after edcheck wrote it") from None
        try:
            same = _identity(os.fstat(fd)) == self.new and _read_all(fd) == content
        finally:
            os.close(fd)
        if not same:
            raise ChangedMeanwhile(
                "it changed right after edcheck wrote it; the other change was kept"
            )


def _check_protections(old: os.stat_result) -> None:
    if old.st_nlink > 1:
        raise WriteRefused(f"it has {old.st_nlink} hard links, which a rewrite would split")
    if not old.st_mode & stat.S_IWUSR:
        raise WriteRefused(f"it is read-only (mode {stat.S_IMODE(old.st_mode):04o})")
    if os.geteuid() != 0 and old.st_uid != os.geteuid():
        raise WriteRefused(
            f"it belongs to another user (uid {old.st_uid}), and a rewrite would make it yours"
        )


def _refuse_kind(mode: int) -> None:
    if stat.S_ISLNK(mode):
        raise WriteRefused(_SYMLINK)
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "something else")
        raise WriteRefused(f"it is {kind}, not a regular file")


def _identity(found: os.stat_result) -> tuple[int, int]:
    return found.st_dev, found.st_ino


def _holds(directory: int | None, name: str, identity: tuple[int, int] | None) -> bool:
    """``name`` in ``directory`` is the file ``identity`` (``None``: there is a file)."""
    try:
        found = os.stat(name, dir_fd=directory, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return identity is None or _identity(found) == identity


def _read_all(fd: int) -> bytes:
    chunks, offset = [], 0
    while chunk := os.pread(fd, 1 << 20, offset):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _short(name: str) -> str:
    """``name``, or a digest of it when a prefix and suffix would pass the 255-byte limit."""
    raw = os.fsencode(name)
    return name if len(raw) <= 200 else hashlib.sha256(raw).hexdigest()[:32]


def _create_beside(directory: int | None, name: str) -> tuple[str, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    while True:
        temporary = f".{_short(name)}.{secrets.token_hex(4)}.tmp"
        try:
            return temporary, os.open(temporary, flags, 0o600, dir_fd=directory)
        except FileExistsError:
            continue


def _sync(directory: int | None) -> None:
    """Make the rename itself durable (some file systems cannot sync a folder)."""
    if directory is not None:
        with suppress(OSError):
            os.fsync(directory)


def _renameat2(directory: int | None, source: str, target: str, flags: int) -> bool:
    """Linux ``renameat2``; False where the C library or the file system lacks it."""
    call = getattr(_LIBC, "renameat2", None) if _LIBC is not None else None
    if call is None or directory is None:
        return False
    if call(directory, os.fsencode(source), directory, os.fsencode(target), flags) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(number, os.strerror(number), target)


def _exchange(directory: int | None, source: str, target: str) -> bool:
    return _renameat2(directory, source, target, _RENAME_EXCHANGE)


def _place_new(directory: int | None, source: str, target: str) -> None:
    """Rename ``source`` to ``target`` only if no ``target`` exists (FileExistsError)."""
    if _renameat2(directory, source, target, _RENAME_NOREPLACE):
        return
    try:  # a hard link cannot replace a file either
        os.link(source, target, src_dir_fd=directory, dst_dir_fd=directory, follow_symlinks=False)
    except OSError as error:
        if isinstance(error, FileExistsError):
            raise
        # no hard links on this file system: checked just before, then renamed
        os.replace(source, target, src_dir_fd=directory, dst_dir_fd=directory)
        return
    os.unlink(source, dir_fd=directory)


def _load_libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


_LIBC: Final = _load_libc()


def _pause(point: str) -> None:
    """Test-only (``EDCHECK_TEST_PAUSE=POINT:FIFO``): wait at ``point`` until the test
    opens and closes the FIFO. Read here and nowhere else."""
    wanted, _, fifo = os.environ.get(PAUSE_VARIABLE, "").partition(":")
    if wanted == point and fifo:
        with open(fifo, "rb") as gate:
            gate.read()


class _Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived during a write: unwind it, then let the signal act."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _interrupt(number: int, _frame: FrameType | None) -> None:
    raise _Interrupted(number)


def _notice(_number: int, _frame: FrameType | None) -> None:
    """SIGIO: a lease break, read with ``F_GETLEASE``; its default action would end us."""


_Handler = Callable[[int, FrameType | None], object] | signal.Handlers
_HANDLERS: Final = (
    (signal.SIGTERM, _interrupt),
    (signal.SIGHUP, _interrupt),
    (signal.SIGIO, _notice),  # only where it has no handler of its own
)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def _deferred() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for a step that must finish once started
    (creating a file and noting its name, the swap); they act when it ends."""
    if not _in_main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextmanager
def _signals_end_the_write() -> Iterator[None]:
    """For one write, SIGTERM and SIGHUP unwind it (as SIGINT's KeyboardInterrupt does);
    then the handlers before it are restored and the signal is raised again, so that the
    process ends as it would have, with the signal's exit status."""
    if not _in_main_thread():
        yield
        return
    previous: dict[int, _Handler] = {}
    try:
        with _deferred():
            for number, handler in _HANDLERS:
                before = signal.getsignal(number)
                if before is signal.SIG_DFL or (handler is _interrupt and callable(before)):
                    previous[number] = before
                    signal.signal(number, handler)
        yield
    except _Interrupted as stop:
        with _deferred():
            _restore(previous)
        os.kill(os.getpid(), stop.number)
        raise WriteRefused(f"interrupted by {signal.Signals(stop.number).name}") from None
    finally:
        with _deferred():
            _restore(previous)


def _restore(previous: dict[int, _Handler]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)
    previous.clear()
