"""``kehoach submit``: check a submission, then file it in the data folder without loss.

Owns what the data folder holds besides the submissions' own figures: the canonical form a
stored file is written in, atomic writes, the lock that serialises submits, the history
of replaced files (``DATA/_history/YYYY-MM/UNIT.<time>.csv``) and the submission log
(``DATA/_log.csv``), both its format and its reader (``kehoach missing`` reads it).

A workbook (.xlsx) is stored as the same canonical CSV; the workbook itself is kept as
sent, once per (unit, month) it fills, at ``DATA/_originals/YYYY-MM/UNIT.<sha256>.xlsx``,
the SHA-256 being the one the log line of that store carries (so the log leads to it).

Safety rules (the office files what arrives by email or USB and must not lose or
double-count anything):

- any error in the file, a value that conflicts with one stored elsewhere, or an existing
  ``DATA/YYYY-MM/UNIT.csv`` without ``--replace`` → nothing is stored, exit 1;
- every stored file is written to a temporary ``.…tmp`` file in its folder (the reader
  skips names starting with ``.``), flushed, fsynced and renamed over the target, so the
  target is at every instant either the old file or the new one;
- a replaced file is kept in ``_history`` (hard link, or a copy) before the rename;
- the check-existing → write → log sequence runs under an exclusive lock on ``DATA/.lock``;
- a month closed with ``kehoach lock`` (:mod:`kehoach.locks`) takes no figures unless a
  ``--reopen-reason`` is given; the reason is logged and the action marked ``reopened-…``.

The log's columns only ever grow at the end, so a line is read by position and a log
written before a column existed still reads (the missing cells are empty).
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import replace as replace_field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

try:  # POSIX; elsewhere the lock falls back to an exclusively created file
    import fcntl
except ImportError:  # pragma: no cover - exercised by monkeypatching in the tests
    fcntl = None  # type: ignore[assignment]

from kehoach.atomic import fsync_dir, write_atomic
from kehoach.cliutil import (
    EXIT_ERRORS,
    EXIT_OK,
    fail,
    load_plan_or_fail,
    month_option,
    print_json,
    require_file,
    stdout_console,
    unit_option,
)
from kehoach.i18n import Localized
from kehoach.issues import Issue
from kehoach.models import Plan
from kehoach.notes import protect_note
from kehoach.numbers import format_canonical, format_month
from kehoach.read.csv import FileResult

CANONICAL_HEADER = ("don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu")
LOG_NAME = "_log.csv"
# sha256: the file as received; stored_sha256: the stored DATA/YYYY-MM/UNIT.csv
# (kehoach check-store); reason: --reopen-reason. New columns go at the end only.
LOG_HEADER = (
    "time",
    "unit",
    "month",
    "source",
    "sha256",
    "rows",
    "action",
    "stored_sha256",
    "reason",
)
LOG_OLD_COLUMNS = 7  # logs written before stored_sha256 and reason
# new / replaced: a stored file created / replaced (its old version kept in _history);
# reopened-…: the same, in a month locked with `kehoach lock` (a revision after the lock)
# official / reopened-official: stored estimates replaced by the official figures
ACTIONS = (
    "new",
    "replaced",
    "official",
    "reopened-new",
    "reopened-replaced",
    "reopened-official",
)
REPLACING_ACTIONS = ("replaced", "official", "reopened-replaced", "reopened-official")
HISTORY_DIR = "_history"
ORIGINALS_DIR = "_originals"
LOCK_NAME = ".lock"
# Without fcntl: a file created with O_EXCL; a separate name so that a `.lock` left by
# flock on the same folder never looks like a held lock.
EXCL_LOCK_NAME = ".lock.excl"
LOCK_TIMEOUT = 60.0  # seconds a submit waits for another one to finish
LOCK_POLL = 0.05

# (unit index, indicator index, month, value or None, note, how it was sent or None,
# estimate), as read_file collects them; a month ≤ 0 is last year's (month + 12)
Row = tuple[int, int, int, Decimal | None, str, str | None, bool]
CANONICAL_EXTRA = ("ky_so_lieu", "uoc_tinh")
REVISIONS_NAME = "_revisions.csv"
REVISIONS_HEADER = (
    "time",
    "unit",
    "indicator",
    "month",
    "old",
    "new",
    "old_estimate",
    "new_estimate",
    "action",
    "reason",
)

M = {
    "no_data_dir": Localized(
        "Không tìm thấy thư mục dữ liệu {path}; chưa lưu gì.",
        "Data folder {path} not found; nothing was stored.",
    ),
    "no_data_dir_hint": Localized(
        "Kiểm tra --data (hoặc KEHOACH_DATA). Nếu đây là lần nộp đầu tiên, tạo thư mục trước: "
        "mkdir -p {path}",
        "Check --data (or KEHOACH_DATA). If this is the very first submission, create the "
        "folder first: mkdir -p {path}",
    ),
    "identical": Localized(
        "Bản đã lưu {path} có đúng các số liệu này ({unit}, {month}): tệp đã được nộp rồi. "
        "Không lưu gì.",
        "The stored {path} holds exactly these figures ({unit}, {month}): the file was "
        "already submitted. Nothing was stored.",
    ),
    "stored_new": Localized("Đã lưu {path} ({counts}, mới)", "Stored {path} ({counts}, new)"),
    "stored_replaced": Localized(
        "Đã lưu {path} ({counts}, thay thế; bản cũ: {history})",
        "Stored {path} ({counts}, replaced; old version: {history})",
    ),
    "values": Localized("{n} giá trị", "{n} value(s)"),
    "original": Localized(
        "  bảng tính gốc được giữ tại {path}", "  the workbook as sent is kept at {path}"
    ),
    "reopened": Localized(
        "— sửa sau khóa sổ, lý do đã ghi vào nhật ký",
        "— revised after the lock, the reason is in the log",
    ),
    "empty_rows": Localized("{n} dòng để trống", "{n} empty row(s)"),
    "nothing_stored": Localized("✘ Không lưu gì.", "✘ Nothing was stored."),
    "write_failed": Localized(
        "Không ghi được vào thư mục dữ liệu {path}: {error}",
        "Could not write to the data folder {path}: {error}",
    ),
    "write_failed_hint": Localized(
        "Không tệp nào đã lưu bị thay đổi. Khắc phục lỗi rồi nộp lại.",
        "No stored file was changed. Fix the problem and submit again.",
    ),
    "write_partial_hint": Localized(
        "Đã lưu trước khi lỗi: {done}. Các phần còn lại chưa lưu: khắc phục lỗi rồi nộp lại "
        "với --replace.",
        "Stored before the failure: {done}. The rest was not stored: fix the problem and "
        "submit again with --replace.",
    ),
    "symlink": Localized(
        "{path} là liên kết tượng trưng (symlink); kehoach không ghi qua liên kết trong thư "
        "mục dữ liệu. Không lưu gì.",
        "{path} is a symbolic link; kehoach does not write through links inside the data "
        "folder. Nothing was stored.",
    ),
    "symlink_hint": Localized(
        "Thay liên kết bằng thư mục thật rồi nộp lại.",
        "Replace the link with a real folder and submit again.",
    ),
    "cleaned": Localized(
        "Đã xóa tệp tạm do một lần nộp bị ngắt để lại: {paths}",
        "Removed the temporary file(s) an interrupted submit left behind: {paths}",
    ),
    "busy": Localized(
        "Thư mục dữ liệu đang bận: một lệnh submit khác chưa xong (khóa {path}).",
        "The data folder is busy: another submit has not finished (lock {path}).",
    ),
    "busy_hint": Localized(
        "Thử lại sau ít phút. Nếu chắc chắn không còn lệnh nào đang chạy, xóa tệp {path}.",
        "Try again in a few minutes. If no other submit is running, delete {path}.",
    ),
}


# ------------------------------------------------------------------ the outcome record


@dataclass(frozen=True)
class StoredFile:
    """One ``DATA/YYYY-MM/UNIT.csv`` written by a submit."""

    path: Path
    unit: str
    month: str
    rows: int
    values: int
    replaced: bool
    history: Path | None
    reopened: bool = False  # written into a locked month, with a reason
    original: Path | None = None  # the workbook as sent, kept (submissions of .xlsx)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "path": str(self.path),
            "unit": self.unit,
            "month": self.month,
            "rows": self.rows,
            "values": self.values,
            "replaced": self.replaced,
            "history": str(self.history) if self.history else None,
            "reopened": self.reopened,
        }
        if self.original is not None:
            out["original"] = str(self.original)
        return out


@dataclass(frozen=True)
class AlreadyStored:
    """A refusal: the (unit, month) file exists and ``--replace`` was not given."""

    path: Path
    unit: str
    month: str  # YYYY-MM
    identical: bool = False  # the stored file already holds exactly these rows

    def to_dict(self, lang: str) -> dict[str, Any]:
        from kehoach.i18n import month_label

        year, month = (int(p) for p in self.month.split("-"))
        params = {
            "unit": self.unit,
            "month": Localized(month_label(year, month, "vi"), month_label(year, month, "en")),
            "path": str(self.path),
            "history": HISTORY_DIR,
        }
        out = Issue("already-stored", params=params).to_dict(lang)
        if self.identical:
            out["message"] = M["identical"](lang).format(
                unit=self.unit, month=month_label(year, month, lang), path=self.path
            )
        out["file"] = str(self.path)
        return out


@dataclass
class SubmitOutcome:
    """What a submit did: the checked file, what was stored and what refused it."""

    result: FileResult
    stored: list[StoredFile] = field(default_factory=list)
    already_stored: list[AlreadyStored] = field(default_factory=list)
    # temporary files of an interrupted earlier submit, removed by this one
    cleaned: list[Path] = field(default_factory=list)
    locked: list[Any] = field(default_factory=list)  # kehoach.locks.MonthLocked

    @property
    def ok(self) -> bool:
        return self.result.ok and not self.already_stored and not self.locked

    def to_dict(self, lang: str) -> dict[str, Any]:
        errors = [dict(i.to_dict(lang), file=i.file) for i in self.result.errors]
        errors += [a.to_dict(lang) for a in self.already_stored]
        errors += [m.to_dict(lang) for m in self.locked]
        return {
            "stored": [s.to_dict() for s in self.stored],
            "errors": errors,
            "warnings": [dict(i.to_dict(lang), file=i.file) for i in self.result.warnings],
        }


# ------------------------------------------------------------------ pure building blocks


def group_rows(rows: Iterable[Row]) -> dict[tuple[int, int], list[Row]]:
    """Rows per (month, unit), in plan indicator order, one row per key.

    A key given twice with the same value (a warning) is kept once; a key given once empty
    and once with a figure keeps the figure. Keys with different figures never get here:
    that is a ``duplicate-key`` error and nothing is stored.
    """
    by_key: dict[tuple[int, int, int], Row] = {}
    for row in rows:
        unit, ind, month, value = row[:4]
        key = (month, unit, ind)
        first = by_key.get(key)
        if first is None or (first[3] is None and value is not None):
            by_key[key] = row
    groups: dict[tuple[int, int], list[Row]] = {}
    for month, unit, ind in sorted(by_key):
        groups.setdefault((month, unit), []).append(by_key[(month, unit, ind)])
    return groups


_KIND_WORDS = {"ytd": "lũy kế", "month": "tháng"}


def canonical_csv(plan: Plan, rows: Iterable[Row]) -> bytes:
    """A stored file's bytes: UTF-8 without BOM, comma, LF, canonical numbers and months."""
    rows = list(rows)
    # The two v2 columns only where a row uses them: a plain file stays five columns.
    extra = any(r[5] is not None or r[6] for r in rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    # csv.writer quotes a line end only when it is in its line terminator (LF here): a row
    # whose note holds a lone CR is written all quoted, or the reader would end it there.
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CANONICAL_HEADER + CANONICAL_EXTRA if extra else CANONICAL_HEADER)
    for unit, ind, month, value, note, kind, estimate in rows:
        year, m = (plan.year, month) if month >= 1 else (plan.year - 1, month + 12)
        cells = [
            plan.units[unit].code,
            plan.indicators[ind].code,
            format_month(year, m),
            "" if value is None else format_canonical(value),
            protect_note(note),  # formula-looking notes stay text (kehoach.notes)
        ]
        if extra:
            cells += [_KIND_WORDS.get(kind or "", ""), "x" if estimate else ""]
        (quoted if "\r" in note else writer).writerow(cells)
    return buf.getvalue().encode("utf-8")


def history_path(root: Path, plan: Plan, unit: int, month: int, now: datetime) -> Path:
    """Where a replaced file goes: ``_history/YYYY-MM/UNIT.<UTC time>.csv``, never reused."""
    folder = root / HISTORY_DIR / format_month(plan.year, month)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    code = plan.units[unit].code
    path = folder / f"{code}.{stamp}.csv"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{code}.{stamp}-{n}.csv"
    return path


def original_path(root: Path, plan: Plan, unit: int, month: int, digest: str, suffix: str) -> Path:
    """Where a submitted workbook is kept: ``_originals/YYYY-MM/UNIT.<sha256>.xlsx``."""
    folder = root / ORIGINALS_DIR / format_month(plan.year, month)
    return folder / f"{plan.units[unit].code}.{digest}{suffix}"


def is_workbook(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def _workbook_as_read(file: Path, digest: str) -> bytes | None:
    """The submitted workbook's bytes, to keep; None for a CSV, or when the file cannot be
    read again as the very bytes that were checked (a pipe, a file changed meanwhile)."""
    try:
        with open(file, "rb") as f:
            if not is_workbook(f.read(4)):
                return None
            f.seek(0)
            data = f.read()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == digest else None


def log_time(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------ safe file operations


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


class DataLock:
    """An exclusive lock on the data folder for the check → write → log sequence.

    ``fcntl.flock`` on ``DATA/.lock`` where available (released by the OS if the process
    dies); otherwise a lock file created with ``O_CREAT | O_EXCL`` and removed on release.
    Both wait up to ``timeout`` seconds, then fail with a message (exit 2).
    """

    def __init__(self, root: Path, lang: str = "vi", timeout: float = LOCK_TIMEOUT):
        self.root = root
        self.lang = lang
        self.timeout = timeout
        self._fd: int | None = None
        self._excl: Path | None = None

    def __enter__(self) -> DataLock:
        deadline = time.monotonic() + self.timeout
        if fcntl is not None:
            path = self.root / LOCK_NAME
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
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
        fail(M["busy"](self.lang).format(path=path), M["busy_hint"](self.lang).format(path=path))

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        if self._excl is not None:
            self._excl.unlink(missing_ok=True)
            self._excl = None


# ------------------------------------------------------------------ the log


@dataclass(frozen=True)
class LogEntry:
    time: datetime
    unit: str
    month: str
    source: str
    sha256: str
    rows: int
    action: str  # one of ACTIONS
    stored_sha256: str = ""  # empty in lines written before the column existed
    reason: str = ""


def append_log(root: Path, entry: LogEntry) -> None:
    """One line per stored file; the header when the log is created. Called under the lock."""
    path = root / LOG_NAME
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if not path.exists() or path.stat().st_size == 0:
        writer.writerow(LOG_HEADER)
    elif not _ends_with_newline(path):
        # A crash cut the last line short: end it, so this line is not glued to it and
        # check-store can point at the cut line alone.
        buf.write("\n")
    writer.writerow(
        (
            log_time(entry.time),
            entry.unit,
            entry.month,
            entry.source,
            entry.sha256,
            entry.rows,
            entry.action,
            entry.stored_sha256,
            " ".join(entry.reason.split()),
        )
    )
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, buf.getvalue().encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def parse_log_cells(cells: list[str]) -> LogEntry:
    """One log line's cells, by position; ValueError when they are not a log line."""
    if len(cells) not in (LOG_OLD_COLUMNS, len(LOG_HEADER)):
        raise ValueError(f"{len(cells)} cells")
    cells = cells + [""] * (len(LOG_HEADER) - len(cells))
    when = datetime.fromisoformat(cells[0])
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return LogEntry(when, cells[1], cells[2], cells[3], cells[4], int(cells[5] or 0), *cells[6:9])


def read_log(root: Path) -> list[LogEntry]:
    """The submission log, oldest first; a missing log is empty, unreadable lines skipped.

    ``kehoach check-store`` (:mod:`kehoach.storecheck`) reads it strictly and reports the
    lines skipped here.
    """
    path = root / LOG_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    entries: list[LogEntry] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)  # the header
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            continue
        try:
            entries.append(parse_log_cells(cells))
        except (TypeError, ValueError):
            continue
    return entries


# ------------------------------------------------------------------ the core


class PartialWriteError(OSError):
    """Writing failed after some files of the submission were already stored."""

    def __init__(self, cause: OSError, stored: list[StoredFile]):
        super().__init__(str(cause))
        self.cause = cause
        self.stored = stored


def submit_file(
    plan: Plan,
    file: Path,
    root: Path,
    *,
    unit: int | None = None,
    month: int | None = None,
    replace: bool = False,
    now: datetime | None = None,
    lang: str = "vi",
    lock_timeout: float = LOCK_TIMEOUT,
    reopen_reason: str | None = None,
) -> SubmitOutcome:
    """Check ``file`` like ``validate``, then store it under ``root`` if nothing objects.

    ``now`` (UTC) stamps the log and the history names; tests pass a fixed time. Figures
    for a month locked with ``kehoach lock`` are refused unless ``reopen_reason`` is given.
    Raises OSError when the data folder cannot be written (:class:`PartialWriteError` if
    some files were already stored by then); CommandError when the lock cannot be had or
    the lock file is damaged.
    """
    from kehoach.checks import CheckContext
    from kehoach.locks import MonthLocked, read_locks_or_fail
    from kehoach.read.csv import CLERK_ROWS, read_file
    from kehoach.store import compare_with_stored, load_data, submission_path, symlink_in_way

    now = now or datetime.now(UTC)
    ctx = CheckContext(plan, unit=unit, month=month)
    rows: list[Row] = []
    result = read_file(file, ctx, collect=rows, label=str(file), model_rows=CLERK_ROWS, digest=True)
    if result.ok and rows and all(row[3] is None for row in rows):
        # A form sent back unfilled: storing it would only make the real one need
        # --replace. An empty cell means "not reported", so there is nothing to store.
        result.issues.append(Issue("no-values", str(file), None, None, {"rows": result.rows}))
    if month is None:
        # A file of several months is split into one submission per (unit, month): only
        # when each is complete, or a stray row would become a submission of its own.
        from kehoach.month_spread import several_months_issue

        spread = several_months_issue(plan, rows, str(file))
        if spread is not None:
            result.issues.append(spread)
    outcome = SubmitOutcome(result)
    groups = group_rows(rows)

    with DataLock(root, lang, lock_timeout):
        # Temporary files of a submit that died mid-write: under the lock no live submit
        # owns one, and the reader skips them, so they are only clutter.
        outcome.cleaned = _remove_orphans(root)
        # Stored values are read under the lock: a submit running alongside cannot slip
        # a conflicting value in between this check and the write.
        # Compared even when the file has other errors: every problem in one run.
        stored = load_data(plan, root, skip=[file]).dataset
        if result.values is not None:
            from kehoach.month_spread import other_month_issues
            from kehoach.series_checks import series_issues

            result.issues += series_issues(plan, result.values, stored, str(file))
            result.issues += other_month_issues(plan, result.values, str(file))
        compare_with_stored(result, stored, root, plan)
        result.issues.sort(key=lambda i: i.row or 0)  # stable: row order, then check order
        result.values = None
        revisions: dict[tuple[int, int], list[Revision]] = {}
        official_only: set[tuple[int, int]] = set()
        for (m, u), group in groups.items():
            target = submission_path(root, plan, u, m)
            changes = _revisions_of(plan, stored, target, group)
            revisions[(m, u)] = changes
            if target.exists() and _only_makes_official(plan, stored, target, group):
                # Estimates turned official: no --replace needed, nor a reopen reason in a
                # locked month; recorded as revisions (Reading v2 point 4).
                official_only.add((m, u))
                continue
            if target.exists() and not replace:
                outcome.already_stored.append(
                    AlreadyStored(
                        target,
                        plan.units[u].code,
                        format_month(plan.year, m),
                        _same_bytes(target, canonical_csv(plan, group)),
                    )
                )
        # Read under the same lock as `kehoach lock` writes it: a lock and this submit
        # are one before the other, never interleaved.
        locks = read_locks_or_fail(root, lang)
        locked = {
            format_month(plan.year, m) for m, u in groups if (m, u) not in official_only
        } & set(locks.locked_months())
        if not reopen_reason:
            outcome.locked = [MonthLocked(locks.latest(m)) for m in sorted(locked)]
        if not outcome.ok:
            return outcome
        for m, u in groups:
            link = symlink_in_way(root, submission_path(root, plan, u, m))
            if link is not None:
                # status never reads through a link (store.data_files): storing there
                # would be storing where nobody looks.
                fail(M["symlink"](lang).format(path=link), M["symlink_hint"](lang))

        # The digest of the bytes read (a pipe cannot be read a second time).
        digest = result.sha256 or hashlib.sha256(file.read_bytes()).hexdigest()
        original_bytes = _workbook_as_read(file, digest)
        suffix = file.suffix.lower() if file.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
        for (m, u), group in groups.items():
            try:
                original = None
                if original_bytes is not None:
                    # Kept before the store and its log line, which names its SHA-256.
                    original = original_path(root, plan, u, m, digest, suffix)
                    if not original.exists():
                        original.parent.mkdir(parents=True, exist_ok=True)
                        write_atomic(original, original_bytes)
                reopened = format_month(plan.year, m) in locked
                stored = _store_group(
                    plan,
                    root,
                    u,
                    m,
                    group,
                    file.name,
                    digest,
                    now,
                    revisions[(m, u)],
                    reopened,
                    reopen_reason,
                )
                if original is not None:
                    stored = replace_field(stored, original=original)
                outcome.stored.append(stored)
            except PartialWriteError as exc:  # stored, but its log line failed
                raise PartialWriteError(exc.cause, outcome.stored + exc.stored) from exc
            except OSError as exc:
                if outcome.stored:
                    raise PartialWriteError(exc, outcome.stored) from exc
                raise
    return outcome


def _remove_orphans(root: Path) -> list[Path]:
    from kehoach.integrity import orphan_temp_files

    removed = []
    for path in orphan_temp_files(root):
        try:
            path.unlink()
        except OSError:
            continue  # left for the next submit, or for whoever can remove it
        removed.append(path)
    return removed


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _store_group(
    plan: Plan,
    root: Path,
    unit: int,
    month: int,
    rows: list[Row],
    source: str,
    digest: str,
    now: datetime,
    revisions: list[Revision] | None = None,
    reopened: bool = False,
    reason: str | None = None,
) -> StoredFile:
    from kehoach.store import submission_path

    target = submission_path(root, plan, unit, month)
    data = canonical_csv(plan, rows)
    history = None
    if target.exists():
        history = history_path(root, plan, unit, month, now)
        keep_copy(target, history)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except BaseException:
        if history is not None:
            # The target still holds the old file; the copy would only confuse.
            history.unlink(missing_ok=True)
        raise
    unit_code = plan.units[unit].code
    year, m = (plan.year, month) if month >= 1 else (plan.year - 1, month + 12)
    month_text = format_month(year, m)
    action = "replaced" if history else "new"
    if history and revisions and all(r.action == "official" for r in revisions):
        action = "official"  # estimates made official (Reading v2 point 4)
    if reopened:
        action = "reopened-" + action
    values = sum(1 for r in rows if r[3] is not None)
    stored = StoredFile(
        target, unit_code, month_text, len(rows), values, history is not None, history, reopened
    )
    try:
        append_log(
            root,
            LogEntry(
                now,
                unit_code,
                month_text,
                source,
                digest,
                len(rows),
                action,
                hashlib.sha256(data).hexdigest(),
                reason or "",
            ),
        )
        if revisions:
            append_revisions(
                root, now, [r._replace(action=action, reason=reason or "") for r in revisions]
            )
    except OSError as exc:
        # The file is already in place: never say "nothing was changed" (check-store
        # shows the file without its log line; a submit --replace logs it).
        raise PartialWriteError(exc, [stored]) from exc
    return stored


# ------------------------------------------------------------------ revisions


class Revision(NamedTuple):
    """A stored value replaced by a later submission: an estimate made official, or a
    correction sent with --replace."""

    unit: str
    indicator: str
    month: str
    old: Decimal | None
    new: Decimal | None
    old_estimate: bool
    new_estimate: bool
    action: str  # "official" (estimate → official figure) | "replaced"
    reason: str = ""
    time: datetime | None = None


def _stored_in(stored, target: Path, u: int, i: int, m: int) -> tuple[float, bool] | None:
    """The value of key (u, i, m) held by the stored file ``target``, and its estimate flag."""
    data = stored if m >= 1 else stored.previous
    mm = m if m >= 1 else m + 12
    src = data.source(u, i, mm)
    if src is None or Path(src[0]).resolve() != target.resolve():
        if (u, i, mm) in data.superseded:
            v, f, _ = data.superseded[(u, i, mm)]
            if Path(data.files[f]).resolve() == target.resolve():
                return v, True
        return None
    return data.raw(u, i, mm), (u, i, mm) in data.estimates


def _revisions_of(plan: Plan, stored, target: Path, group: list[Row]) -> list[Revision]:
    """What storing ``group`` over ``target`` changes, value by value."""
    if not target.exists():
        return []
    out = []
    for u, i, m, value, _note, _kind, estimate in group:
        old = _stored_in(stored, target, u, i, m)
        if old is None:
            continue
        old_value = Decimal(repr(old[0]))
        if value is not None and old_value == value and old[1] == estimate:
            continue
        year, mm = (plan.year, m) if m >= 1 else (plan.year - 1, m + 12)
        action = "official" if old[1] and not estimate else "replaced"
        out.append(
            Revision(
                plan.units[u].code,
                plan.indicators[i].code,
                format_month(year, mm),
                old_value,
                value,
                old[1],
                estimate,
                action,
            )
        )
    return out


def _only_makes_official(plan: Plan, stored, target: Path, group: list[Row]) -> bool:
    """Whether storing ``group`` over ``target`` only turns estimates into official
    figures (and keeps every other stored value as it is)."""
    new = {(u, i, m): (v, e) for u, i, m, v, _n, _k, e in group}
    turned = False
    n_ind = len(plan.indicators)
    for u, _i, m, *_ in group[:1]:
        for i in range(n_ind):
            old = _stored_in(stored, target, u, i, m)
            if old is None:
                continue
            got = new.get((u, i, m))
            if got is None or got[0] is None:
                return False  # a stored value would be dropped
            if old[1] and not got[1]:
                turned = True
            elif Decimal(repr(old[0])) != got[0] or old[1] != got[1]:
                return False
    return turned


def append_revisions(root: Path, now: datetime, revisions: list[Revision]) -> None:
    """One line per revised value in ``DATA/_revisions.csv`` (created with its header)."""
    path = root / REVISIONS_NAME
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if not path.exists() or path.stat().st_size == 0:
        writer.writerow(REVISIONS_HEADER)
    for r in revisions:
        writer.writerow(
            (
                log_time(now),
                r.unit,
                r.indicator,
                r.month,
                "" if r.old is None else format_canonical(r.old),
                "" if r.new is None else format_canonical(r.new),
                "x" if r.old_estimate else "",
                "x" if r.new_estimate else "",
                r.action,
                r.reason,
            )
        )
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, buf.getvalue().encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_revisions(root: Path) -> list[Revision]:
    """The revisions file, oldest first; unreadable lines skipped."""
    try:
        text = (root / REVISIONS_NAME).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    for rec in csv.DictReader(io.StringIO(text)):
        try:
            when = datetime.fromisoformat(rec["time"])
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            out.append(
                Revision(
                    rec["unit"],
                    rec["indicator"],
                    rec["month"],
                    Decimal(rec["old"]) if rec["old"] else None,
                    Decimal(rec["new"]) if rec["new"] else None,
                    rec["old_estimate"] == "x",
                    rec["new_estimate"] == "x",
                    rec["action"],
                    rec.get("reason") or "",
                    when,
                )
            )
        except (KeyError, TypeError, ValueError, ArithmeticError):
            continue
    return out


# ------------------------------------------------------------------ the command


def run_submit(
    file: Path,
    unit: str | None,
    month: str | None,
    replace: bool,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
    reopen_reason: str | None = None,
) -> int:
    plan = load_plan_or_fail(plan_path, lang)
    if reopen_reason is not None and not reopen_reason.strip():
        from kehoach.locks import M as LOCK_M

        fail(LOCK_M["empty_reason"](lang).format(option="reopen-reason"))
    unit_idx = unit_option(unit, plan, lang)
    month_num = month_option(month, plan, lang)
    require_file(file, lang)
    if not data.is_dir():
        fail(
            M["no_data_dir"](lang).format(path=data), M["no_data_dir_hint"](lang).format(path=data)
        )
    try:
        outcome = submit_file(
            plan,
            file,
            data,
            unit=unit_idx,
            month=month_num,
            replace=replace,
            lang=lang,
            reopen_reason=reopen_reason,
        )
    except OSError as exc:
        done = getattr(exc, "stored", [])
        cause = getattr(exc, "cause", exc)
        error = cause.strerror or str(cause) if isinstance(cause, OSError) else str(cause)
        if done:
            hint = M["write_partial_hint"](lang).format(done=", ".join(str(s.path) for s in done))
        else:
            hint = M["write_failed_hint"](lang)
        fail(M["write_failed"](lang).format(path=data, error=error), hint)
    if json_out:
        print_json(outcome.to_dict(lang))
    else:
        render_outcome(outcome, lang, stdout_console())
    return EXIT_OK if outcome.ok else EXIT_ERRORS


def render_outcome(outcome: SubmitOutcome, lang: str, console) -> None:
    from rich.text import Text

    from kehoach.render.terminal import render_file_issues

    render_file_issues(outcome.result, lang, console)
    if outcome.cleaned:
        paths = ", ".join(str(p) for p in outcome.cleaned)
        console.print(Text(M["cleaned"](lang).format(paths=paths), style="dim"), soft_wrap=True)
    for refused in [*outcome.already_stored, *outcome.locked]:
        d = refused.to_dict(lang)
        console.print(Text("✘ " + d["message"], style="bold red"), soft_wrap=True)
        console.print(Text("  " + d["hint"], style="dim"), soft_wrap=True)
    if not outcome.ok:
        if not outcome.already_stored and not outcome.locked:
            console.print(Text(M["nothing_stored"](lang), style="bold red"))
        return
    for s in outcome.stored:
        counts = M["values"](lang).format(n=s.values)
        if s.rows > s.values:
            counts += ", " + M["empty_rows"](lang).format(n=s.rows - s.values)
        if s.replaced:
            line = M["stored_replaced"](lang).format(path=s.path, counts=counts, history=s.history)
        else:
            line = M["stored_new"](lang).format(path=s.path, counts=counts)
        if s.reopened:
            line += " " + M["reopened"](lang)
        # Paths stay on one line, whole, so they can be copied.
        console.print(Text("✔ " + line, style="bold green"), soft_wrap=True)
        if s.original is not None:
            console.print(
                Text(M["original"](lang).format(path=s.original), style="dim"), soft_wrap=True
            )
