"""Writing files so that a crash leaves the old file or the new one, never half of one.

Used by every command that writes: ``submit`` (stored submissions), ``report -o`` and
``template -o``.
"""

from __future__ import annotations

import os
import tempfile
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
