"""The data folder's names and paths: where each thing lives under ``DATA/``.

Pure: path arithmetic only, nothing is read or written here. Every module that finds or
writes something in the data folder takes its name from here, so the layout is said once
(docs/contract.md §1):

- ``DATA/YYYY-MM/UNIT.csv`` — a stored submission (canonical CSV), one per unit and month;
- ``DATA/YYYY-MM/UNIT.md`` — a unit's narrative report for the month, as stored text
  (:mod:`kehoach.core.narrative`); the Word file it came from is kept under ``_originals``;
- ``DATA/_log.csv`` — the submission log; ``DATA/_revisions.csv`` — revised values;
  ``DATA/_locks.csv`` — months closed and reopened;
- ``DATA/_history/YYYY-MM/UNIT.<UTC time>[-n].csv`` — replaced versions (``.md`` for a
  narrative report);
- ``DATA/_originals/YYYY-MM/UNIT.<sha256>.xlsx`` — workbooks as sent (``.docx``: a
  narrative report's Word file);
- ``DATA/_reports/YYYY-MM.json`` — the figures of an issued report;
- ``DATA/YYYY-MM/_nhiem_vu.md`` — the office's tasks for the month's report;
- ``DATA/.lock`` — the folder lock that serialises the writing commands.

Names starting with ``.`` or ``_`` are never read as submissions; a month number ``m ≤ 0``
(last year's figures, as the reader keeps them) is month ``m + 12`` of the year before.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kehoach.core.models import Plan

LOG_NAME = "_log.csv"
REVISIONS_NAME = "_revisions.csv"
LOCKS_NAME = "_locks.csv"
HISTORY_DIR = "_history"
ORIGINALS_DIR = "_originals"
REPORTS_DIR = "_reports"
TASKS_NAME = "_nhiem_vu.md"
NARRATIVE_SUFFIX = ".md"
LOCK_NAME = ".lock"
# The trail files (_log.csv, _revisions.csv, _locks.csv) start with a UTF-8 BOM, so that
# Excel opened by a double click on a Vietnamese machine reads them as UTF-8; every reader
# takes them with or without it.
BOM = "\ufeff"
# Without fcntl: a file created with O_EXCL; a separate name so that a `.lock` left by
# flock on the same folder never looks like a held lock.
EXCL_LOCK_NAME = ".lock.excl"

# A month folder: YYYY-MM (the month part is checked where it matters).
MONTH_DIR = re.compile(r"([0-9]{4})-([0-9]{2})")
# A month as the trail files write it: YYYY-MM with a real month.
MONTH_TEXT = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
# atomic.write_atomic's temporary name for a stored NAME.csv: ".NAME.csv.<random>.tmp"
TEMP_FILE = re.compile(r"\.[^/]+\.csv\.[^./]+\.tmp")
# history_name's pattern: UNIT.<YYYYMMDDTHHMMSSZ>[-n].csv
HISTORY_STAMP = r"\.[0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.csv"


def _month(year: int, month: int) -> str:
    # core.numbers.format_month, imported when a path is made: the output cache reads the
    # names above on every `status`, and numbers compiles its patterns at import.
    from kehoach.core.numbers import format_month

    return format_month(year, month)


def is_hidden(name: str) -> bool:
    """Whether the readers skip ``name`` (kept history, the trail, temporary files)."""
    return name.startswith((".", "_"))


def calendar_month(plan_year: int, month: int) -> tuple[int, int]:
    """(year, month) of a month number as the dataset keeps it: ``month ≤ 0`` is last
    year's month ``month + 12``."""
    return (plan_year, month) if month >= 1 else (plan_year - 1, month + 12)


def submission_path(root: Path, plan: Plan, unit: int, month: int) -> Path:
    """``DIR/YYYY-MM/UNIT.csv`` of unit index ``unit``; a month ≤ 0 is last year's."""
    folder = _month(*calendar_month(plan.year, month))
    return root / folder / f"{plan.units[unit].code}.csv"


def narrative_path(root: Path, plan: Plan, unit: int, month: int) -> Path:
    """``DIR/YYYY-MM/UNIT.md``: unit index ``unit``'s narrative report for ``month``."""
    folder = _month(*calendar_month(plan.year, month))
    return root / folder / f"{plan.units[unit].code}{NARRATIVE_SUFFIX}"


def history_stamp(when: datetime) -> str:
    """The UTC time in a history file's name, to the second: ``20201005T020000Z``."""
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def history_name(unit_code: str, stamp: str, n: int = 1) -> str:
    """``UNIT.<stamp>.csv``, or ``UNIT.<stamp>-n.csv`` for the n-th at the same second."""
    return f"{unit_code}.{stamp}.csv" if n == 1 else f"{unit_code}.{stamp}-{n}.csv"


def is_history_of(name: str, unit_code: str) -> bool:
    return re.fullmatch(re.escape(unit_code) + HISTORY_STAMP, name) is not None


def narrative_history_name(unit_code: str, stamp: str, n: int = 1) -> str:
    """A replaced narrative report: ``UNIT.<stamp>.md``, or ``UNIT.<stamp>-n.md``."""
    suffix = NARRATIVE_SUFFIX
    return f"{unit_code}.{stamp}{suffix}" if n == 1 else f"{unit_code}.{stamp}-{n}{suffix}"


def history_folder(root: Path, year: int, month: int) -> Path:
    return root / HISTORY_DIR / _month(year, month)


def original_path(
    root: Path, year: int, month: int, unit_code: str, digest: str, suffix: str
) -> Path:
    """Where a submitted workbook is kept: ``_originals/YYYY-MM/UNIT.<sha256>.xlsx``."""
    return root / ORIGINALS_DIR / _month(year, month) / f"{unit_code}.{digest}{suffix}"


def snapshot_path(root: Path, month: str) -> Path:
    """``_reports/YYYY-MM.json`` for ``month`` written ``YYYY-MM``."""
    return root / REPORTS_DIR / f"{month}.json"


def tasks_path(root: Path, year: int, month: int) -> Path:
    return root / _month(year, month) / TASKS_NAME


def trail_files(root: Path) -> list[Path]:
    """The trail files beside the submissions that outputs depend on (revisions, locks)."""
    return [root / REVISIONS_NAME, root / LOCKS_NAME]
