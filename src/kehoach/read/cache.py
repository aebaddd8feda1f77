"""kehoach's caches on this machine: where they live and how an entry is written.

Two caches share the folder: validated plans (:mod:`kehoach.read.planfile`) and what
``status`` printed (:mod:`kehoach.commands.outcache`). ``KEHOACH_CACHE_DIR`` moves the
folder; ``KEHOACH_NO_CACHE=1`` turns both off. A cache is only ever a shortcut: any failure
to read or write it means no cache, never a failed command.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder of kehoach's caches, or None when caching is off: ``KEHOACH_CACHE_DIR``,
    else the platform's own cache folder (as platformdirs places a user cache):
    ``%LOCALAPPDATA%\\kehoach\\Cache`` on Windows, ``~/Library/Caches/kehoach`` on macOS,
    ``$XDG_CACHE_HOME/kehoach`` (default ``~/.cache/kehoach``) elsewhere."""
    env = os.environ
    if env.get("KEHOACH_NO_CACHE"):
        return None
    base = env.get("KEHOACH_CACHE_DIR")
    if base:
        return Path(base)
    return platform_cache_dir()


def platform_cache_dir(platform: str | None = None) -> Path:
    env = os.environ
    platform = platform or sys.platform
    if platform == "win32":
        local = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(local) / "kehoach" / "Cache"
    if platform == "darwin":
        return Path.home() / "Library" / "Caches" / "kehoach"
    return Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kehoach"


# What the caches' keys say of the code: kehoach's version and build, Python's, and the
# installed versions of the libraries that shape what is cached. Nothing here reads a
# source file, kehoach's or a library's (a one-file executable has none on disk):
# - a wheel and the one-file executable carry ``kehoach/_build_id.txt``, a digest of the
#   sources made when they were built (hatch_build.py, scripts/kehoach.spec);
# - a source checkout (an editable install) has no build: its sources change without a
#   new version, so their sizes and modification times stand in for one;
# - the libraries' versions come from the names of their ``*.dist-info`` folders, listed,
#   not read (importlib.metadata would cost 60 ms, the whole of a cached run's budget).
BUILD_ID_NAME = "_build_id.txt"
LIBRARIES = ("rich", "pydantic", "pydantic_core", "typer", "pyyaml", "openpyxl")


def installed_versions(names: tuple[str, ...] = LIBRARIES) -> list[str]:
    """``name-version`` of each library installed on sys.path (first found wins)."""
    wanted = {n.replace("-", "_").lower() for n in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for name in listing:
            stem, dot, suffix = name.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            project, _, version = stem.partition("-")
            key = project.replace("-", "_").lower()
            if key in wanted and key not in found:
                found[key] = f"{key}-{version}"
    return sorted(found.values())


def code_stamp() -> str:
    """A digest of what makes kehoach's cached results (see above)."""
    import hashlib

    import kehoach

    parts = [kehoach.__version__, sys.version]
    package = Path(kehoach.__file__).parent
    try:
        parts.append((package / BUILD_ID_NAME).read_text(encoding="utf-8").strip())
    except OSError:
        for path in sorted(package.rglob("*.py")):
            try:
                st = path.stat()
            except OSError:
                continue
            parts.append(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}")
    if not getattr(sys, "frozen", False):  # a one-file build's libraries are its build's
        parts += installed_versions()
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


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
