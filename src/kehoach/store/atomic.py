"""Writing files so that a crash leaves the old file or the new one, never half of one.

Used by every command that writes: ``submit`` (stored submissions), ``report -o`` and
``template -o`` (which keep a different file already there, see ``write_keeping_old``),
and the trail files, which only ever grow (:func:`append_durable`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that it is always either the old or the new file.

    The temporary file sits in the same folder (a rename across file systems is not
    atomic) and its name starts with ``.``, which the data-folder reader skips, and ends
    in ``.tmp``: a crash leaves at worst an ignored temporary file, never a half CSV.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            # mkstemp makes the file private (0600); a stored file is as readable as others.
            os.chmod(tmp, _file_mode(path))
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def _file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_keeping_old(path: Path, data: bytes, now: datetime | None = None) -> Path | None:
    """``write_atomic``, keeping a file already at ``path`` whose bytes differ.

    The old file stays, under ``NAME.<UTC time>.bak`` beside it (a hard link, or a copy
    where links are not possible) before the new one replaces it: a report edited by hand
    or a form already filled in is never lost to a rerun. The name does not end in
    ``.csv``, so a data folder never reads a kept file as a submission. Returns where the
    old file was kept, or None when there was none or it held the same bytes.
    """
    _remove_stale_temps(path)
    try:
        same = _holds(path, data)
    except FileNotFoundError:
        same = None
    if same is None or same:
        write_atomic(path, data)
        return None
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}.{stamp}.bak")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.{stamp}-{n}.bak")
    try:
        os.link(path, kept)
    except OSError:
        shutil.copy2(path, kept)
    try:
        write_atomic(path, data)
    except BaseException:
        # Not replaced (on Windows: the file is open in Word or Excel): the old file is
        # still where it was, so its kept copy would only be a stray file.
        kept.unlink(missing_ok=True)
        raise
    return kept


def _remove_stale_temps(path: Path) -> None:
    """The temporary files an interrupted write of ``path`` left beside it (a killed
    ``report -o``): this write replaces what they were for."""
    prefix, folder = f".{path.name}.", path.parent
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        rest = name[len(prefix) : -len(".tmp")]
        if rest and "." not in rest:  # mkstemp's random part, nothing else
            with contextlib.suppress(OSError):
                (folder / name).unlink()


def _holds(path: Path, data: bytes) -> bool:
    """Whether the regular file at ``path`` holds exactly ``data``; never reads more than
    ``len(data)`` bytes, and never opens a FIFO or a device (which could block or never
    end): those are not "the same file" (store.outputs refuses them before this)."""
    import stat

    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    with open(path, "rb") as f:
        return f.read(len(data) + 1) == data


def keep_copy(src: Path, dest: Path) -> None:
    """Put the current ``src`` at ``dest`` without touching ``src`` (hard link, else copy)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dest)
    except OSError:
        # File systems without hard links (FAT on a USB stick, some shares): copy.
        shutil.copy2(src, dest)
        with open(dest, "rb") as f:
            os.fsync(f.fileno())
    fsync_dir(dest.parent)


def append_durable(path: Path, data: bytes) -> None:
    """Add ``data`` at the end of ``path`` (created if missing) and wait until it is on
    disk: one write of the whole record, so a crash leaves it whole or cut, never mixed
    with another. Called under the data folder's lock."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
