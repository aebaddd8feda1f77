"""What a data folder should hold after submits, checked against what it does hold.

Pure functions over a data folder and the submission log, for ``submit`` (which clears the
temporary files of a crashed submit) and for any store check that wants them:

- :func:`orphan_temp_files`: the ``.UNIT.csv.*.tmp`` files ``atomic.write_atomic`` leaves
  when a submit dies mid-write. Submits write them only while holding the data-folder
  lock, so one found by a submit holding the lock belongs to no live submit.
- :func:`unlogged_files`: stored ``YYYY-MM/UNIT.csv`` versions with no log line. Every
  version a submit stores gets one line in ``_log.csv`` (unit, month) and every version it
  replaces is kept in ``_history/YYYY-MM/UNIT.<time>.csv``; so a (unit, month) should have
  as many log lines as versions (the current file plus its history). Fewer means a submit
  was stopped between the rename and the log line, or a file was put there by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MONTH_DIR = re.compile(r"^[0-9]{4}-[0-9]{2}$")
# write_atomic's temporary name for NAME.csv: ".NAME.csv.<random>.tmp"
TEMP_FILE = re.compile(r"^\.[^/]+\.csv\.[^./]+\.tmp$")
HISTORY_DIR = "_history"


@dataclass(frozen=True)
class StoreProblem:
    """One thing wrong with a data folder: ``kind`` is ``orphan-temp-file`` or
    ``unlogged-file``; ``detail`` says what was expected."""

    kind: str
    path: Path
    detail: str = ""


def _month_dirs(root: Path) -> list[Path]:
    try:
        return sorted(
            p
            for p in root.iterdir()
            if MONTH_DIR.match(p.name) and p.is_dir() and not p.is_symlink()
        )
    except OSError:
        return []


def orphan_temp_files(root: Path) -> list[Path]:
    """Temporary files of interrupted writes in the month folders, oldest name first."""
    found: list[Path] = []
    for folder in _month_dirs(root):
        try:
            names = sorted(p.name for p in folder.iterdir())
        except OSError:
            continue
        found += [folder / n for n in names if TEMP_FILE.match(n)]
    return found


def unlogged_files(root: Path, log: Iterable) -> list[StoreProblem]:
    """Stored ``YYYY-MM/UNIT.csv`` files with fewer log lines than stored versions.

    ``log`` is the submission log's entries (anything with ``unit`` and ``month``, such as
    ``submit.read_log(root)``). A history copy that is the very file still in place (a
    submit stopped after keeping the old version but before the rename) is not counted:
    that version was logged when it was stored.
    """
    logged = Counter((entry.unit, entry.month) for entry in log)
    problems: list[StoreProblem] = []
    for folder in _month_dirs(root):
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
        except OSError:
            continue
        for path in files:
            if path.name.startswith((".", "_")) or not path.is_file():
                continue
            unit = path.stem
            versions = 1 + _history_versions(root, folder.name, unit, path)
            lines = logged[(unit, folder.name)]
            if lines < versions:
                problems.append(
                    StoreProblem(
                        "unlogged-file",
                        path,
                        f"{versions} stored version(s), {lines} log line(s) for {unit} "
                        f"{folder.name}",
                    )
                )
    return problems


def _history_versions(root: Path, month: str, unit: str, current: Path) -> int:
    folder = root / HISTORY_DIR / month
    try:
        kept = [p for p in folder.iterdir() if _is_history_of(p.name, unit)]
    except OSError:
        return 0
    return sum(1 for p in kept if not _same_file(p, current))


def _is_history_of(name: str, unit: str) -> bool:
    # UNIT.<YYYYMMDDTHHMMSSZ>[-n].csv (submit.history_path)
    return re.fullmatch(re.escape(unit) + r"\.[0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.csv", name) is not None


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.samefile(b):
            return True
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False
