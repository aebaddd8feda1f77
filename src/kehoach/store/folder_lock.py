"""The data folder's lock: one writing command at a time (submit, lock, unlock, check-store).

One lock file, ``DATA/.lock``, locked by the operating system: ``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows (a byte-range lock on the file's first byte). Either is
released by the OS when the process ends, however it ends (a crash, a killed window, a
power cut), so a lock can never be left behind for the user to delete; the file itself
stays, empty, and means nothing unless a live process holds it. A command waits up to
``timeout`` seconds, saying once on stderr that it waits (:data:`WAIT_NOTICE`, set by the
commands layer), then raises :class:`FolderBusy`.
"""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

from kehoach.core.i18n import Localized
from kehoach.core.layout import LOCK_NAME
from kehoach.store.errors import StoreError

LOCK_TIMEOUT = 60.0  # seconds a submit waits for another one to finish
LOCK_POLL = 0.05

BUSY = Localized(
    "Thư mục dữ liệu đang bận: một lệnh khác (submit, lock, unlock) vẫn đang ghi sau "
    "{seconds:g} giây chờ (khóa {path}).",
    "The data folder is busy: another command (submit, lock, unlock) was still writing "
    "after {seconds:g} seconds (lock {path}).",
)
BUSY_HINT = Localized(
    "Thử lại khi lệnh kia xong. Khóa tự nhả khi lệnh kia kết thúc, kể cả khi nó bị tắt "
    "ngang; không cần xóa tệp nào.",
    "Try again once the other command is done. The lock is released when it ends, even "
    "if it is killed; there is no file to delete.",
)
WAITING = Localized(
    "Đang chờ một lệnh khác ghi xong thư mục dữ liệu (tối đa {seconds:g} giây)…",
    "Waiting for another command to finish writing the data folder (up to {seconds:g} s)…",
)

# Called once when a lock is not free at once, with the wait's length in seconds: the
# commands layer prints WAITING on stderr (the store prints nothing itself).
WAIT_NOTICE: Callable[[float], None] | None = None


class FolderBusy(StoreError):
    """Another command held the data folder's lock for longer than the wait."""

    def __init__(self, path: Path, seconds: float = LOCK_TIMEOUT):
        super().__init__(BUSY, BUSY_HINT, path=path, seconds=seconds)


_BUSY_ERRNOS = (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", -1))


def _try_lock(fd: int) -> bool:
    """Take the OS lock on ``fd`` without waiting: True, or False when another holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as exc:
        if exc.errno in _BUSY_ERRNOS:
            return False
        raise
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _wait_of(timeout: float) -> float:
    """The wait: ``KEHOACH_LOCK_TIMEOUT`` (seconds) replaces the default one, for a script
    that would rather fail fast than wait a minute."""
    if timeout != LOCK_TIMEOUT:
        return timeout
    try:
        return max(0.0, float(os.environ.get("KEHOACH_LOCK_TIMEOUT", "")))
    except ValueError:
        return timeout


class DataLock:
    """An exclusive lock on the data folder for the check → write → log sequence (see the
    module docstring)."""

    def __init__(self, root: Path, timeout: float = LOCK_TIMEOUT):
        self.root = root
        self.timeout = _wait_of(timeout)
        self._fd: int | None = None

    def __enter__(self) -> DataLock:
        if fcntl is None and msvcrt is None:  # pragma: no cover - neither POSIX nor Windows
            raise OSError(errno.ENOSYS, "no file locking on this system")
        deadline = time.monotonic() + self.timeout
        path = self.root / LOCK_NAME
        # never through a link (a dangling .lock would create its target elsewhere)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags, 0o644)
        told = False
        try:
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    raise FolderBusy(path, self.timeout)
                if not told and WAIT_NOTICE is not None and self.timeout >= 1:
                    told = True
                    WAIT_NOTICE(self.timeout)
                time.sleep(LOCK_POLL)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None
