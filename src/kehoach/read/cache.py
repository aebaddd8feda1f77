"""kehoach's caches on this machine: where they live and how an entry is written.

Two caches share the folder: validated plans (:mod:`kehoach.read.planfile`) and what
``status`` printed (:mod:`kehoach.commands.outcache`). ``KEHOACH_CACHE_DIR`` moves the
folder; ``KEHOACH_NO_CACHE=1`` turns both off. A cache is only ever a shortcut: any failure
to read or write it means no cache, never a failed command.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder of kehoach's caches, or None when caching is off."""
    env = os.environ
    if env.get("KEHOACH_NO_CACHE"):
        return None
    base = env.get("KEHOACH_CACHE_DIR")
    if base:
        return Path(base)
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kehoach"


def write_cache_file(path: Path, data: bytes) -> None:
    """Write a cache entry so that a reader sees the old entry or the new one, never half
    of one (a temporary file renamed over it). Raises OSError; callers ignore it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
