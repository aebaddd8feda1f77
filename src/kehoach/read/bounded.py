"""Opening an input within its size limit, never a device, never blocking on a FIFO.

Light on purpose (the plan loader uses it on every run): the standard library only.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any


class TooLarge(OSError):
    """An input past its size limit (core.limits): refused before it is read whole."""

    def __init__(self, size: int | None, limit: int):
        super().__init__(f"larger than {limit} bytes")
        self.size = size  # None: a pipe, whose size is known only once read
        self.limit = limit


class NotRegular(OSError):
    """A device, socket or other special file given as an input: never opened."""

    def __init__(self, kind: str):
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


def _special_kind(mode: int) -> str | None:
    """What a non-regular, non-pipe file is; None for a regular file, a FIFO or a pipe."""
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "folder"
    return "special file"


def open_bounded(path: str | Path, limit: int) -> Any:
    """Open an input for reading, within its limit: a regular file past ``limit`` bytes
    raises :class:`TooLarge` before a byte is read; a device or socket raises
    :class:`NotRegular` without being opened; a FIFO or pipe is opened without blocking
    and copied into a temporary file up to ``limit`` bytes, giving up after
    ``PIPE_IDLE_SECONDS`` without data (a FIFO no one writes to reads as empty)."""
    info = os.stat(path)
    kind = _special_kind(info.st_mode)
    if kind == "folder":
        raise IsADirectoryError(21, "Is a directory", str(path))
    if kind is not None:
        raise NotRegular(kind)
    if stat.S_ISREG(info.st_mode):
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        return open(path, "rb")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        return _spool(pipe, limit)


def read_bounded(path: str | Path, limit: int) -> bytes:
    """The whole input, within its limit (:func:`open_bounded`)."""
    with open_bounded(path, limit) as f:
        return f.read(limit + 1)


def _spool(pipe, limit: int | None = None) -> Any:
    """A pipe's bytes in a temporary file, positioned at its start; :class:`TooLarge` past
    ``limit`` bytes (a pipe that never ends fills no disk)."""
    import select

    from kehoach.core.limits import MAX_SUBMISSION_BYTES, PIPE_IDLE_SECONDS

    limit = MAX_SUBMISSION_BYTES if limit is None else limit
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - returned open, closed by the caller
    try:
        fd = pipe.fileno()
        total = 0
        while True:
            # Wait before each read: a FIFO opened before its writer reads as ended, but
            # select waits for the writer (Linux reports the end only once one has come
            # and gone), up to the idle time.
            ready, _, _ = select.select([fd], [], [], PIPE_IDLE_SECONDS)
            if not ready:
                break  # nothing (more) is coming: read what came
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                continue
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise TooLarge(None, limit)
            spool.write(chunk)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool
