"""The data folder's lock: one writing command at a time (submit, lock, unlock, check-store).

``fcntl.flock`` on ``DATA/.lock`` where available (released by the OS if the process
dies); otherwise a lock file created with ``O_CREAT | O_EXCL`` and removed on release.
Both wait up to ``timeout`` seconds, then raise :class:`FolderBusy`.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

try:  # POSIX; elsewhere the lock falls back to an exclusively created file
    import fcntl
except ImportError:  # pragma: no cover - exercised by monkeypatching in the tests
    fcntl = None  # type: ignore[assignment]

from kehoach.core.i18n import Localized
from kehoach.core.layout import EXCL_LOCK_NAME, LOCK_NAME
from kehoach.store.errors import StoreError

LOCK_TIMEOUT = 60.0  # seconds a submit waits for another one to finish
LOCK_POLL = 0.05

BUSY = Localized(
    "Thư mục dữ liệu đang bận: một lệnh submit khác chưa xong (khóa {path}).",
    "The data folder is busy: another submit has not finished (lock {path}).",
)
BUSY_HINT = Localized(
    "Thử lại sau ít phút. Nếu chắc chắn không còn lệnh nào đang chạy, xóa tệp {path}.",
    "Try again in a few minutes. If no other submit is running, delete {path}.",
)


class FolderBusy(StoreError):
    """Another command held the data folder's lock for longer than the wait."""

    def __init__(self, path: Path):
        super().__init__(BUSY, BUSY_HINT, path=path)


class DataLock:
    """An exclusive lock on the data folder for the check → write → log sequence.

    ``fcntl.flock`` on ``DATA/.lock`` where available (released by the OS if the process
    dies); otherwise a lock file created with ``O_CREAT | O_EXCL`` and removed on release.
    Both wait up to ``timeout`` seconds, then raise :class:`FolderBusy`.
    """

    def __init__(self, root: Path, timeout: float = LOCK_TIMEOUT):
        self.root = root
        self.timeout = timeout
        self._fd: int | None = None
        self._excl: Path | None = None

    def __enter__(self) -> DataLock:
        deadline = time.monotonic() + self.timeout
        if fcntl is not None:
            path = self.root / LOCK_NAME
            # never through a link (a dangling .lock would create its target elsewhere)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        os.close(fd)
                        raise
                    if time.monotonic() >= deadline:
                        os.close(fd)
                        self._busy(path)
                    time.sleep(LOCK_POLL)
            self._fd = fd
            return self
        path = self.root / EXCL_LOCK_NAME
        while True:
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                break
            except FileExistsError:
                if time.monotonic() >= deadline:
                    self._busy(path)
                time.sleep(LOCK_POLL)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.close(fd)
        self._excl = path
        return self

    def _busy(self, path: Path) -> None:
        raise FolderBusy(path)

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._excl is not None:
            self._excl.unlink(missing_ok=True)
            self._excl = None
