"""Closing a month: the lock file ``kehoach lock`` / ``unlock`` keep, and what they change.

Owns ``DATA/_locks.csv``, a CSV a person can read (and open in Excel)::

    time,month,state,user,note
    2020-10-22T01:15:00Z,2020-09,locked,ketoan,Báo cáo tháng 9 đã phát hành
    2020-10-25T02:00:00Z,2020-09,unlocked,ketoan,Chi cục Thuế điều chỉnh KT04

One line per lock or unlock, never rewritten: the file is the trail of who closed and
reopened which month, when and why. The latest line of a month (in file order, not by its
time: a clock set wrong must not reopen a month) says whether it is locked. ``note`` is
the note of a lock and the reason of an unlock.

A file that cannot be read line for line (edited by hand into something else) is never
taken for "no month locked": :func:`read_locks` reports every bad line, and ``submit``,
``lock`` and ``unlock`` refuse to run (exit 2) until it is fixed. Lines are appended
under the data folder's lock (:class:`kehoach.store.folder_lock.DataLock`) and written with
:func:`kehoach.store.atomic.write_atomic`, so a lock and a submit racing each other are
serialised, and a crash leaves the old file or the new one.

The parse and format functions are pure; reading, appending and :func:`set_month_lock`
(what the commands do) sit below them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kehoach.core.i18n import Localized, month_label
from kehoach.core.issues import Issue
from kehoach.core.layout import BOM, LOCKS_NAME, MONTH_TEXT
from kehoach.core.records import (
    LOCKED,
    LOCKS_HEADER,
    STATES,
    UNKNOWN_USER,
    UNLOCKED,
    LockEntry,
    shown_time,
    trail_time,
)
from kehoach.store.atomic import write_atomic
from kehoach.store.errors import StoreError
from kehoach.store.folder_lock import DataLock

_SHOWN_CHARS = 80  # of a bad line, in a message

LOCK_MESSAGES = {
    "file_bad": Localized(
        "Tệp khóa sổ {path} bị hỏng, không biết được tháng nào đã khóa:",
        "The lock file {path} is damaged: which months are locked cannot be told:",
    ),
    "file_bad_hint": Localized(
        "Sửa hoặc xóa các dòng đó (mỗi dòng: {columns}; state là locked hoặc unlocked) rồi "
        "chạy lại. Khi tệp còn hỏng, lock, unlock và submit đều dừng lại.",
        "Fix or delete those lines (each line: {columns}; state is locked or unlocked) and "
        "run again. While the file is damaged, lock, unlock and submit all stop.",
    ),
    "locked": Localized(
        "✔ Đã khóa sổ {month} (ghi vào {path}).", "✔ Locked {month} (recorded in {path})."
    ),
    "already_locked": Localized(
        "{month} đã khóa sổ từ {time} (người khóa: {user}); không thay đổi gì.",
        "{month} has been locked since {time} (by {user}); nothing changed.",
    ),
    "unlocked": Localized(
        "✔ Đã mở khóa {month} (ghi vào {path}). Số liệu nộp từ nay không cần --reopen-reason.",
        "✔ Unlocked {month} (recorded in {path}). Submissions no longer need --reopen-reason.",
    ),
    "not_locked": Localized(
        "{month} chưa khóa sổ; không thay đổi gì.", "{month} is not locked; nothing changed."
    ),
    "empty_reason": Localized(
        'Cần ghi lý do (--{option} "…"): lý do được lưu lại làm dấu vết.',
        'A reason is required (--{option} "…"): it is kept as the trail.',
    ),
    "note": Localized("; ghi chú: {note}", "; note: {note}"),
    "write_failed": Localized(
        "Không ghi được {path}: {error}. Không thay đổi gì.",
        "Could not write {path}: {error}. Nothing changed.",
    ),
}


# ------------------------------------------------------------------ records


def lock_problem(code: str, line: int | None, text: str = "", **params: Any) -> Issue:
    """A line of the lock file that cannot be read (``line`` None: the whole file), as an
    issue of the catalogue; the line's text is shown cut to a readable length."""
    shown = text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"
    return Issue(code, LOCKS_NAME, line, None, {"line": line, "text": repr(shown), **params})


@dataclass
class LockFile:
    """The lock file as read: its lines in file order and the lines that failed."""

    entries: list[LockEntry] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def latest(self, month: str) -> LockEntry | None:
        """The line that decides ``month``: its last one in the file."""
        for entry in reversed(self.entries):
            if entry.month == month:
                return entry
        return None

    def is_locked(self, month: str) -> bool:
        entry = self.latest(month)
        return entry is not None and entry.locked

    def locked_months(self) -> dict[str, LockEntry]:
        """Every month locked now, with the line that locked it."""
        latest: dict[str, LockEntry] = {}
        for entry in self.entries:
            latest[entry.month] = entry
        return {m: e for m, e in sorted(latest.items()) if e.locked}


# ------------------------------------------------------------------ pure parse / format


def parse_time(text: str) -> datetime:
    """An ISO time; without a zone it is taken as UTC. ValueError when it is none."""
    when = datetime.fromisoformat(text.strip())
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def one_line(text: str) -> str:
    """A note or reason on one line: a line break in it would only confuse a reader."""
    return " ".join(text.split())


def format_lock_line(entry: LockEntry) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        (
            trail_time(entry.time),
            entry.month,
            entry.state,
            one_line(entry.user) or UNKNOWN_USER,
            one_line(entry.note),
        )
    )
    return buf.getvalue()


def parse_locks(text: str) -> LockFile:
    """The lock file's text as entries and problems; never raises.

    A BOM and CRLF line ends (Excel, Notepad) are accepted; blank lines are skipped.
    """
    out = LockFile()
    text = text.removeprefix("\ufeff")
    physical = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    header_seen = False
    end = 0  # the physical line the previous record ended on
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:  # e.g. a NUL byte: report the line, keep reading after it
            end = reader.line_num
            out.problems.append(
                lock_problem("lock-bad-cells", start, _raw(physical, start, end), **_cells(0))
            )
            continue
        end = reader.line_num
        raw = _raw(physical, start, end)
        if not any(c.strip() for c in cells):
            continue
        if not header_seen:
            header_seen = True
            if tuple(c.strip().lower() for c in cells) != LOCKS_HEADER:
                out.problems.append(
                    lock_problem("lock-bad-header", start, raw, expected=",".join(LOCKS_HEADER))
                )
            continue
        entry = _parse_cells(cells, start, raw, out.problems)
        if entry is not None:
            out.entries.append(entry)
    return out


def _raw(physical: list[str], start: int, end: int) -> str:
    return "\n".join(physical[start - 1 : end])


def _cells(n: int) -> dict[str, Any]:
    return {"cells": n, "expected": len(LOCKS_HEADER), "columns": ",".join(LOCKS_HEADER)}


def _parse_cells(cells: list[str], line: int, raw: str, problems: list[Issue]) -> LockEntry | None:
    if len(cells) != len(LOCKS_HEADER):
        problems.append(lock_problem("lock-bad-cells", line, raw, **_cells(len(cells))))
        return None
    time_text, month, state, user, note = (c.strip() for c in cells)
    try:
        when = parse_time(time_text)
    except ValueError:
        problems.append(lock_problem("lock-bad-time", line, raw, value=time_text))
        return None
    if not MONTH_TEXT.fullmatch(month):
        problems.append(lock_problem("lock-bad-month", line, raw, value=month))
        return None
    if state.lower() not in STATES:
        problems.append(lock_problem("lock-bad-state", line, raw, value=state))
        return None
    return LockEntry(when, month, state.lower(), user, note, line)


# ------------------------------------------------------------------ the file


def locks_path(root: Path) -> Path:
    return root / LOCKS_NAME


def read_locks(root: Path) -> LockFile:
    """The lock file of the data folder ``root``; no file means no month is locked."""
    path = locks_path(root)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return LockFile()
    except OSError as exc:
        return LockFile(problems=[lock_problem("lock-unreadable", None, error=exc.strerror)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return LockFile(problems=[lock_problem("lock-not-utf8", None)])
    return parse_locks(text)


class LockFileDamaged(StoreError):
    """The lock file cannot be read line for line: which months are locked is unknown."""

    def __init__(self, path: Path, problems: list[Issue]):
        super().__init__(
            LOCK_MESSAGES["file_bad"], LOCK_MESSAGES["file_bad_hint"], path=path,
            columns=",".join(LOCKS_HEADER),
        )  # fmt: skip
        self.problems = problems

    def message(self, lang: str) -> str:
        lines = [super().message(lang)]
        lines += [f"  {p.message(lang)}" for p in self.problems]
        return "\n".join(lines)


def read_locks_or_fail(root: Path) -> LockFile:
    """:func:`read_locks`, raising :class:`LockFileDamaged` on a damaged file."""
    locks = read_locks(root)
    if locks.problems:
        raise LockFileDamaged(locks_path(root), locks.problems)
    return locks


def append_lock(root: Path, entry: LockEntry) -> None:
    """Add one line, atomically: the file is rewritten whole to a temporary file and
    renamed, so a crash leaves it as it was or with the new line, never half a line.

    Called under the data folder's lock, after the file was read without problems.
    """
    write_atomic(locks_path(root), locks_with(root, entry))


def locks_with(root: Path, entry: LockEntry) -> bytes:
    """The lock file's bytes with ``entry`` added at the end (the header when new)."""
    path = locks_path(root)
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = b""
    if not old.strip():
        # with a BOM, for Excel, double-clicked on a Vietnamese machine (README)
        old = (BOM + ",".join(LOCKS_HEADER) + "\n").encode("utf-8")
    elif not old.endswith(b"\n"):
        old += b"\n"  # a last line saved by hand without its line end
    return old + format_lock_line(entry).encode("utf-8")


def current_user() -> str:
    """The OS user name, for the trail; ``unknown`` where the system cannot tell."""
    import getpass

    try:
        return one_line(getpass.getuser()) or UNKNOWN_USER
    except Exception:  # no USER/LOGNAME and no password entry (containers, services)
        return UNKNOWN_USER


# ------------------------------------------------------------------ what submit says


def month_param(month: str) -> Localized:
    """``2020-09`` as "Tháng 9/2020" / "September 2020", to start a sentence."""
    year, num = (int(p) for p in month.split("-"))
    return Localized(month_label(year, num, "vi").capitalize(), month_label(year, num, "en"))


@dataclass(frozen=True)
class MonthLocked:
    """A refusal: the submission has figures for a locked month and gives no reason."""

    entry: LockEntry  # the line that locked the month

    def to_dict(self, lang: str) -> dict[str, Any]:
        note = LOCK_MESSAGES["note"](lang).format(note=self.entry.note) if self.entry.note else ""
        params = {
            "month": month_param(self.entry.month),
            "month_code": self.entry.month,
            "time": shown_time(self.entry.time),
            "user": self.entry.user,
            "note": note,
        }
        out = Issue("month-locked", params=params).to_dict(lang)
        out["month"] = self.entry.month
        out["lock"] = self.entry.to_dict()
        return out


# ------------------------------------------------------------------ what lock and unlock do


@dataclass(frozen=True)
class LockChange:
    """What ``lock`` / ``unlock`` did: ``entry`` is the line written, or None when the month
    was already in that state (``current`` is then the line that says so)."""

    entry: LockEntry | None
    current: LockEntry | None
    snapshot: Path | None = None  # the month's snapshot, when this change recorded it


# What ``lock`` records beside its line: the snapshot's path and bytes, None for none.
SnapshotMaker = Callable[[], "tuple[Path, bytes] | None"]


def set_month_lock(
    root: Path,
    month: str,
    *,
    unlock: bool,
    note: str,
    now: datetime,
    user: str,
    snapshot: SnapshotMaker | None = None,
) -> LockChange:
    """Lock or unlock ``month`` (``YYYY-MM``), under the data folder's lock.

    Locking a locked month, or unlocking an open one, changes nothing — except that a
    locked month without its snapshot (a lock cut off by a crash before this journal
    existed) gets it. ``snapshot`` makes the month's snapshot; it is called under the
    lock, so the figures recorded are the figures locked, and the lock line and the
    snapshot are one transaction (:mod:`kehoach.store.journal`). Raises
    :class:`LockFileDamaged` (nothing written) or OSError when the file cannot be written.
    """
    from kehoach.store.journal import Transaction, recover, remove_leftovers
    from kehoach.store.journal import run as run_transaction

    with DataLock(root):
        # Whatever a crash left: temporary files, a change half written (finished first).
        remove_leftovers(root)
        recover(root)
        # Read under the lock: a submit that started first has finished by now, one that
        # starts later sees this line.
        current = read_locks_or_fail(root).latest(month)
        if unlock and (current is None or not current.locked):
            return LockChange(None, current)
        made = snapshot() if snapshot is not None and not unlock else None
        if not unlock and current is not None and current.locked:
            if made is None:
                return LockChange(None, current)
            tx = Transaction("lock", {"month": month})
            tx.write(root, made[0], made[1])
            run_transaction(root, tx)
            return LockChange(None, current, made[0])
        entry = LockEntry(
            now.astimezone(UTC), month, UNLOCKED if unlock else LOCKED, user, one_line(note)
        )
        tx = Transaction("unlock" if unlock else "lock", {"month": month})
        tx.write(root, locks_path(root), locks_with(root, entry))
        if made is not None:
            tx.write(root, made[0], made[1])
        run_transaction(root, tx)
        return LockChange(entry, current, made[0] if made else None)
