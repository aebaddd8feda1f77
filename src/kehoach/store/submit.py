"""Filing a submission in the data folder without loss: the store behind ``kehoach submit``.

:func:`submit_file` checks the file through the one pipeline (:func:`kehoach.pipeline.check_file`)
under the data folder's lock, and stores it when nothing objects: the canonical CSV
(:mod:`kehoach.store.canonical`), the history of replaced files
(``DATA/_history/YYYY-MM/UNIT.<time>.csv``), the log line (:mod:`kehoach.store.log`) and the
revised values (:mod:`kehoach.store.revisions`).

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
- a month closed with ``kehoach lock`` (:mod:`kehoach.store.month_locks`) takes no figures unless a
  ``--reopen-reason`` is given; the reason is logged and the action marked ``reopened-…``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from dataclasses import replace as replace_field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kehoach.core.i18n import Localized, month_label
from kehoach.core.issues import Issue
from kehoach.core.layout import (
    HISTORY_DIR,
    LOG_NAME,
    REVISIONS_NAME,
    calendar_month,
    history_folder,
    history_name,
    history_stamp,
    original_path,
    submission_path,
)
from kehoach.core.models import Plan
from kehoach.core.numbers import format_month
from kehoach.core.records import LogEntry, Revision
from kehoach.core.safetext import one_record
from kehoach.pipeline import check_file
from kehoach.read.checks import CheckContext
from kehoach.read.datafolder import load_data
from kehoach.read.rows import FileResult
from kehoach.store.atomic import write_atomic
from kehoach.store.canonical import Row, canonical_csv, group_rows
from kehoach.store.errors import StoreError
from kehoach.store.folder_lock import LOCK_TIMEOUT, DataLock
from kehoach.store.journal import (
    Transaction,
    journal_path,
    recover,
    refuse_links,
    remove_leftovers,
)
from kehoach.store.journal import run as run_transaction
from kehoach.store.log import log_bytes
from kehoach.store.month_locks import MonthLocked, read_locks_or_fail
from kehoach.store.revisions import revision_bytes

ALREADY_SUBMITTED = Localized(
    "Bản đã lưu {path} có đúng các số liệu này ({unit}, {month}): tệp đã được nộp rồi. "
    "Không lưu gì.",
    "The stored {path} holds exactly these figures ({unit}, {month}): the file was "
    "already submitted. Nothing was stored.",
)
SYMLINK = Localized(
    "{path} là liên kết tượng trưng (symlink); kehoach không ghi qua liên kết trong thư "
    "mục dữ liệu. Không lưu gì.",
    "{path} is a symbolic link; kehoach does not write through links inside the data "
    "folder. Nothing was stored.",
)
SYMLINK_HINT = Localized(
    "Thay liên kết bằng thư mục thật rồi nộp lại.",
    "Replace the link with a real folder and submit again.",
)


class SymlinkInTheWay(StoreError):
    """A symbolic link where a stored file would go: status never reads through one."""

    def __init__(self, path: Path):
        super().__init__(SYMLINK, SYMLINK_HINT, path=path)


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
    # estimates made official in a locked month (no reason needed; said, and a revision)
    official_after_lock: bool = False

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
        if self.official_after_lock:
            out["official_after_lock"] = True
        return out


@dataclass(frozen=True)
class EstimateOverOfficial:
    """A refusal: the file would replace official figures by estimates, which needs
    ``--replace`` and a reason (then it is a revision)."""

    path: Path
    unit: str
    month: str  # YYYY-MM
    indicators: tuple[str, ...]

    def to_dict(self, lang: str) -> dict[str, Any]:
        params = {
            "unit": self.unit,
            "month": self.month,
            "indicators": ", ".join(self.indicators),
            "path": str(self.path),
        }
        out = Issue("estimate-replaces-official", params=params).to_dict(lang)
        out["file"] = str(self.path)
        return out


@dataclass(frozen=True)
class AlreadyStored:
    """A refusal: the (unit, month) file exists and ``--replace`` was not given."""

    path: Path
    unit: str
    month: str  # YYYY-MM
    identical: bool = False  # the stored file already holds exactly these rows

    def to_dict(self, lang: str) -> dict[str, Any]:
        year, month = (int(p) for p in self.month.split("-"))
        params = {
            "unit": self.unit,
            "month": Localized(month_label(year, month, "vi"), month_label(year, month, "en")),
            "path": str(self.path),
            "history": HISTORY_DIR,
        }
        out = Issue("already-stored", params=params).to_dict(lang)
        if self.identical:
            out["message"] = ALREADY_SUBMITTED(lang).format(
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
    locked: list[MonthLocked] = field(default_factory=list)
    estimate_over_official: list[EstimateOverOfficial] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.result.ok
            and not self.already_stored
            and not self.locked
            and not self.estimate_over_official
        )

    def to_dict(self, lang: str) -> dict[str, Any]:
        errors = [dict(i.to_dict(lang), file=i.file) for i in self.result.errors]
        errors += [a.to_dict(lang) for a in self.already_stored]
        errors += [m.to_dict(lang) for m in self.locked]
        errors += [e.to_dict(lang) for e in self.estimate_over_official]
        return {
            "stored": [s.to_dict() for s in self.stored],
            "errors": errors,
            "warnings": [dict(i.to_dict(lang), file=i.file) for i in self.result.warnings],
        }


# ------------------------------------------------------------------ where things go


def history_path(root: Path, plan: Plan, unit: int, month: int, now: datetime) -> Path:
    """Where a replaced file goes: ``_history/YYYY-MM/UNIT.<UTC time>.csv``, never reused."""
    folder = history_folder(root, plan.year, month)
    stamp = history_stamp(now)
    code = plan.units[unit].code
    n = 1
    path = folder / history_name(code, stamp)
    while path.exists():
        n += 1
        path = folder / history_name(code, stamp, n)
    return path


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


def symlink_in_way(root: Path, target: Path) -> Path | None:
    """The first symbolic link between ``root`` and ``target`` (both included below
    ``root``), or None: a submit never writes through one."""
    try:
        parts = target.relative_to(root).parts
    except ValueError:
        return target
    path = root
    for part in parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


# ------------------------------------------------------------------ the core


class PartialWriteError(OSError):
    """Writing failed after the submit's transaction was recorded (``unfinished``): the
    files in ``stored`` are stored by the next command that finishes it
    (:func:`kehoach.store.journal.recover`); or before anything was written (``stored``
    empty)."""

    def __init__(self, cause: OSError, stored: list[StoredFile], unfinished: bool = False):
        super().__init__(str(cause))
        self.cause = cause
        self.stored = stored
        self.unfinished = unfinished


def submit_file(
    plan: Plan,
    file: Path,
    root: Path,
    *,
    unit: int | None = None,
    month: int | None = None,
    replace: bool = False,
    now: datetime | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
    reopen_reason: str | None = None,
) -> SubmitOutcome:
    """Check ``file`` like ``validate``, then store it under ``root`` if nothing objects.

    ``now`` (UTC) stamps the log and the history names; tests pass a fixed time. Figures
    for a month locked with ``kehoach lock`` are refused unless ``reopen_reason`` is given.
    Raises OSError when the data folder cannot be written (:class:`PartialWriteError` if
    some files were already stored by then); a :class:`~kehoach.store.errors.StoreError`
    when the lock cannot be had, the lock file is damaged or a link is in the way.
    """
    now = now or datetime.now(UTC)
    ctx = CheckContext(plan, unit=unit, month=month)
    with DataLock(root, lock_timeout):
        # Temporary files of a submit that died mid-write: under the lock no live submit
        # owns one, and the reader skips them, so they are only clutter.
        cleaned = _remove_orphans(root)
        # A change a crash cut off is finished before this one looks at the folder.
        recover(root)
        # Stored values are read under the lock: a submit running alongside cannot slip
        # a conflicting value in between this check and the write.
        stored = load_data(plan, root, skip=[file]).dataset
        checked = check_file(plan, file, ctx, stored, root, keep_rows=True, digest=True)
        result = checked.result
        outcome = SubmitOutcome(result, cleaned=cleaned)
        groups = group_rows(checked.rows or [])
        result.issues += _unreadable_notes(plan, file, checked.rows or [])
        revisions: dict[tuple[int, int], list[Revision]] = {}
        official_only: set[tuple[int, int]] = set()
        for (m, u), group in groups.items():
            target = submission_path(root, plan, u, m)
            changes = revisions_of_group(plan, stored, target, group)
            revisions[(m, u)] = changes
            downgraded = tuple(
                r.indicator for r in changes if r.new_estimate and not r.old_estimate
            )
            if downgraded and not (replace and reopen_reason):
                # An official figure replaced by an estimate: only on purpose, with a reason.
                outcome.estimate_over_official.append(
                    EstimateOverOfficial(
                        target, plan.units[u].code, format_month(plan.year, m), downgraded
                    )
                )
            if target.exists() and _only_makes_official(plan, stored, target, group):
                # Estimates turned official: no --replace needed, nor a reopen reason in a
                # locked month; recorded as revisions (docs/plan.md §4).
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
        locks = read_locks_or_fail(root)
        locked = {
            format_month(plan.year, m) for m, u in groups if (m, u) not in official_only
        } & set(locks.locked_months())
        if not reopen_reason:
            outcome.locked = [MonthLocked(locks.latest(m)) for m in sorted(locked)]
        # Estimates made official in a locked month need no reason, but are said and
        # recorded as revisions after the lock (reopened-official).
        official_locked = {
            (m, u)
            for m, u in official_only
            if format_month(plan.year, m) in set(locks.locked_months())
        }
        if not outcome.ok:
            return outcome
        for m, u in groups:
            link = symlink_in_way(root, submission_path(root, plan, u, m))
            if link is not None:
                # status never reads through a link (read.datafolder.data_files): storing
                # there would be storing where nobody looks.
                raise SymlinkInTheWay(link)
        # Nor are the trail files written through one (to outside the data folder).
        refuse_links(root, [root / LOG_NAME, root / REVISIONS_NAME, root / HISTORY_DIR])

        # The digest of the bytes read (a pipe cannot be read a second time).
        digest = result.sha256 or hashlib.sha256(file.read_bytes()).hexdigest()
        original_bytes = _workbook_as_read(file, digest)
        suffix = file.suffix.lower() if file.suffix.lower() in (".xlsx", ".xlsm") else ".xlsx"
        # Everything this submit writes is one transaction (store.journal): recorded
        # first, then written; a crash anywhere is finished by the next command.
        tx = Transaction("submit", {"file": one_record(file.name), "stored": []})
        entries: list[LogEntry] = []
        changed: list[Revision] = []
        planned: list[StoredFile] = []
        for (m, u), group in groups.items():
            original = None
            if original_bytes is not None:
                # Kept before the store and its log line, which names its SHA-256; named
                # by its content, so one kept by a submit that then died is the same file.
                original = original_path(root, plan.year, m, plan.units[u].code, digest, suffix)
                refuse_links(root, [original])
                if not original.exists():
                    original.parent.mkdir(parents=True, exist_ok=True)
                    write_atomic(original, original_bytes)
            reopened = format_month(plan.year, m) in locked or (m, u) in official_locked
            stored, entry, revised = _plan_group(
                tx, plan, root, u, m, group, file.name, digest, now, revisions[(m, u)],
                reopened, reopen_reason,
            )  # fmt: skip
            if original is not None:
                stored = replace_field(stored, original=original)
            if (m, u) in official_locked:
                stored = replace_field(stored, reopened=False, official_after_lock=True)
            planned.append(stored)
            entries.append(entry)
            changed += revised
        offset, log_data = log_bytes(root, entries)
        tx.append(root, root / LOG_NAME, offset, log_data)
        if changed:
            offset, rev_data = revision_bytes(root, now, changed)
            tx.append(root, root / REVISIONS_NAME, offset, rev_data)
        try:
            run_transaction(root, tx)
        except OSError as exc:
            written = journal_path(root).exists()
            # Not written: nothing changed. Written: the journal finishes it next time.
            raise PartialWriteError(exc, planned if written else [], unfinished=written) from exc
        outcome.stored = planned
    return outcome


def _unreadable_notes(plan: Plan, file: Path, rows: list[Row]) -> list[Issue]:
    """The round-trip law at the size limit: a note whose stored form (behind the
    apostrophe that keeps it text, store.canonical) is past what the reader reads back is
    refused here, not stored to come back as ``bad-quotes``."""
    from kehoach.core.notes import protect_note
    from kehoach.read.rows import MAX_CELL

    out = []
    for u, i, m, _value, note, _kind, _est in rows:
        if len(note) >= MAX_CELL - 1 and len(protect_note(note)) > MAX_CELL:
            year, mm = calendar_month(plan.year, m)
            params = {
                "unit": plan.units[u].code,
                "indicator": plan.indicators[i].code,
                "month": format_month(year, mm),
                "size": len(protect_note(note)),
                "max": MAX_CELL,
            }
            out.append(Issue("note-too-long", str(file), None, "ghi_chu", params))
    return out


def _remove_orphans(root: Path) -> list[Path]:
    return remove_leftovers(root)  # of submits, and of lock, unlock and report -o


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _plan_group(
    tx: Transaction,
    plan: Plan,
    root: Path,
    unit: int,
    month: int,
    rows: list[Row],
    source: str,
    digest: str,
    now: datetime,
    revisions: list[Revision],
    reopened: bool,
    reason: str | None,
) -> tuple[StoredFile, LogEntry, list[Revision]]:
    """The steps that store one (unit, month): keep the old version, write the new one;
    and the log line and revisions they make."""
    target = submission_path(root, plan, unit, month)
    data = canonical_csv(plan, rows)
    history = None
    if target.exists():
        history = history_path(root, plan, unit, month, now)
        refuse_links(root, [history])
        tx.copy(root, target, history)
    tx.write(root, target, data)
    unit_code = plan.units[unit].code
    month_text = format_month(*calendar_month(plan.year, month))
    action = "replaced" if history else "new"
    if history and revisions and all(r.action == "official" for r in revisions):
        action = "official"  # estimates made official (docs/plan.md §4)
    if reopened:
        action = "reopened-" + action
    values = sum(1 for r in rows if r[3] is not None)
    stored = StoredFile(
        target, unit_code, month_text, len(rows), values, history is not None, history, reopened
    )
    tx.about["stored"].append(f"{month_text}/{unit_code}.csv")
    entry = LogEntry(
        now,
        unit_code,
        month_text,
        source,
        digest,
        len(rows),
        action,
        hashlib.sha256(data).hexdigest(),
        reason or "",
    )
    revised = [r._replace(action=action, reason=reason or "") for r in revisions]
    return stored, entry, revised


# ------------------------------------------------------------------ revisions


def _stored_in(stored, target: Path, u: int, i: int, m: int) -> tuple[float, bool] | None:
    """The value of key (u, i, m) held by the stored file ``target``, and its estimate flag."""
    data, mm = stored.year_of(m)
    src = data.source(u, i, mm)
    if src is None or Path(src[0]).resolve() != target.resolve():
        if (u, i, mm) in data.superseded:
            v, f, _ = data.superseded[(u, i, mm)]
            if Path(data.files[f]).resolve() == target.resolve():
                return v, True
        return None
    return data.raw(u, i, mm), (u, i, mm) in data.estimates


def revisions_of_group(plan: Plan, stored, target: Path, group: list[Row]) -> list[Revision]:
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
        year, mm = calendar_month(plan.year, m)
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
