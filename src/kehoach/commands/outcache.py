"""A cache of what ``kehoach status`` printed, so an unchanged folder is shown at once.

Most of ``status``'s start-up is importing pydantic (the plan's models) and rich, before
any figure is read (README, Performance). When nothing it depends on has changed since a
previous run, the same bytes are printed again without importing either. What the output
depends on, all in the key:

- the command and its options (month, group, unit, --json, language);
- the plan file's bytes; every file under the data folder that the reader would see
  (names starting with ``.`` or ``_`` are skipped by both), by path, size and mtime;
- the terminal: whether stdout is one, its size, and the variables rich reads for colour
  and width (``COLUMNS``, ``TERM``, ``NO_COLOR``, …);
- the code: kehoach's version and build, the installed versions of rich, pydantic and
  the other libraries, the Python version (:func:`kehoach.read.cache.code_stamp`).

Safe under concurrent writes: an entry is written atomically (a reader sees the old entry
or the new one), and never while an input file is younger than ``_SETTLE`` seconds: a file
changed again within its mtime's granularity could otherwise keep the same size and mtime
(git's "racy clean" problem). Only runs that end in 0 or 1 are kept (an exit 2 is a usage
or input problem, said on stderr). ``KEHOACH_NO_CACHE=1`` turns it off with the plan cache;
``KEHOACH_NO_OUTPUT_CACHE=1`` turns off this one alone. Stdlib only: a hit imports nothing
heavy.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kehoach.core.layout import REPORTS_DIR, is_hidden, trail_files
from kehoach.read.cache import cache_dir, code_stamp, write_cache_file

_SETTLE = 2.0  # seconds an input must be older than for its output to be kept
_KEEP = 64  # entries kept in the cache folder; the oldest go first
_TERMINAL_VARS = (
    "COLUMNS", "LINES", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE",
    "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES", "CLICOLOR", "CLICOLOR_FORCE",
)  # fmt: skip


def output_cache_dir() -> Path | None:
    """The folder of kehoach's caches, or None when this cache is off."""
    if os.environ.get("KEHOACH_NO_OUTPUT_CACHE"):
        return None
    return cache_dir()


def _terminal() -> list[str]:
    parts = [f"tty={os.isatty(1)}"]
    for fd in (0, 1, 2):
        try:
            size = os.get_terminal_size(fd)
            parts.append(f"fd{fd}={size.columns}x{size.lines}")
        except OSError:
            parts.append(f"fd{fd}=-")
    parts += [f"{name}={os.environ.get(name)}" for name in _TERMINAL_VARS]
    return parts


def _code() -> list[str]:
    """What renders the output: kehoach's build, its libraries' versions, Python
    (read/cache.py: code_stamp; no source file is read)."""
    return [code_stamp()]


def _inputs(plan: Path, data: Path) -> tuple[list[str], float] | None:
    """The plan's digest and the data files' listing, with the newest mtime; None when
    the plan cannot be read (the command itself will say why)."""
    try:
        raw = plan.read_bytes()
        plan_mtime = plan.stat().st_mtime
    except OSError:
        return None
    parts = [str(plan.resolve()), hashlib.sha256(raw).hexdigest(), str(data.resolve())]
    newest = plan_mtime
    for dirpath, dirnames, filenames in os.walk(data):
        dirnames[:] = sorted(d for d in dirnames if not is_hidden(d))
        for name in sorted(filenames):
            if is_hidden(name):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:
                return None  # removed while we looked: do not cache this run
            parts.append(f"{os.path.relpath(path, data)}:{st.st_size}:{st.st_mtime_ns}")
            newest = max(newest, st.st_mtime)
    # What status shows beside the figures: the revisions and the issued reports'
    # snapshots (adjustments since a report, kehoach.core.snapshot), and the locks.
    extra = trail_files(data)
    reports = data / REPORTS_DIR
    if reports.is_dir():
        extra += sorted(reports.glob("*.json"))
    for path in extra:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            continue
        except OSError:
            return None
        parts.append(f"{os.path.relpath(path, data)}:{st.st_size}:{st.st_mtime_ns}")
        newest = max(newest, st.st_mtime)
    return parts, newest


class _Tee:
    """sys.stdout while the command runs: writes go through and are kept."""

    def __init__(self, stream):
        self._stream = stream
        self.kept: list[str] = []

    def write(self, text: str) -> int:
        self.kept.append(text)
        return self._stream.write(text)

    def __getattr__(self, name: str):  # isatty, fileno, encoding, flush… as the stream's
        return getattr(self._stream, name)


def cached_output(
    command: str, options: list[str], plan: Path, data: Path, run: Callable[[], int]
) -> int:
    """Print what ``run`` printed last time for the same key, or run it (and keep it)."""
    folder = output_cache_dir()
    inputs = _inputs(plan, data) if folder is not None else None
    if folder is None or inputs is None:
        return run()
    parts, newest = inputs
    key_parts = [command, *options, *parts, *_terminal(), *_code()]
    key = hashlib.sha256("\0".join(key_parts).encode("utf-8", "surrogateescape")).hexdigest()
    entry = folder / f"out-{key[:40]}.txt"
    try:
        code_line, _, text = entry.read_bytes().partition(b"\n")
        code = int(code_line)
    except (OSError, ValueError):
        pass
    else:
        sys.stdout.write(text.decode("utf-8"))
        return code
    tee = _Tee(sys.stdout)
    sys.stdout = tee
    try:
        code = run()
    finally:
        sys.stdout = tee._stream
    if code in (0, 1) and time.time() - newest > _SETTLE:
        _store(folder, entry, code, "".join(tee.kept))
    return code


def _store(folder: Path, entry: Path, code: int, text: str) -> None:
    try:
        write_cache_file(entry, f"{code}\n{text}".encode())
        old = sorted(folder.glob("out-*.txt"), key=lambda p: p.stat().st_mtime)
        for path in old[:-_KEEP]:
            path.unlink(missing_ok=True)
    except (OSError, UnicodeEncodeError):
        pass  # no cache is only slower
