"""Filing a unit's narrative report in the data folder: the store behind ``kehoach submit
REPORT.docx`` (or ``.md``).

The same rules as figures (:mod:`kehoach.store.submit`), reusing its pieces:

- the file is read and checked by the one pipeline (:func:`kehoach.pipeline.check_narrative`)
  under the data folder's lock; any error → nothing stored, exit 1;
- it is stored as text (:func:`kehoach.core.narrative.to_text`) at ``DATA/YYYY-MM/UNIT.md``
  by an atomic write; a stored report is replaced only with ``--replace``, the old one kept
  as ``DATA/_history/YYYY-MM/UNIT.<UTC time>.md``;
- a Word file is kept as sent at ``DATA/_originals/YYYY-MM/UNIT.<sha256>.docx``, the SHA-256
  being the one on its log line;
- one line in ``DATA/_log.csv`` per store, action ``narrative-new`` / ``narrative-replaced``
  (``narrative-reopened-…`` in a locked month, with the reason);
- a month closed with ``kehoach lock`` takes no report without ``--reopen-reason``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kehoach.core.i18n import Localized, month_label
from kehoach.core.issues import Issue
from kehoach.core.layout import (
    HISTORY_DIR,
    LOG_NAME,
    MONTH_DIR,
    history_folder,
    history_stamp,
    narrative_history_name,
    narrative_path,
    original_path,
)
from kehoach.core.models import Plan
from kehoach.core.narrative import SECTIONS, to_text
from kehoach.core.numbers import format_month
from kehoach.core.records import NARRATIVE_PREFIX, LogEntry
from kehoach.core.safetext import one_record
from kehoach.pipeline import check_narrative
from kehoach.store.atomic import write_atomic
from kehoach.store.folder_lock import LOCK_TIMEOUT, DataLock
from kehoach.store.journal import Transaction, journal_path, recover
from kehoach.store.journal import run as run_transaction
from kehoach.store.log import log_bytes
from kehoach.store.month_locks import MonthLocked, read_locks_or_fail
from kehoach.store.submit import (
    PartialWriteError,
    SymlinkInTheWay,
    _remove_orphans,
    symlink_in_way,
)

ALREADY_SAME = Localized(
    "Bản đã lưu {path} có đúng nội dung này ({unit}, {month}): báo cáo đã được nộp rồi. "
    "Không lưu gì.",
    "The stored {path} holds exactly this text ({unit}, {month}): the report was already "
    "submitted. Nothing was stored.",
)


@dataclass(frozen=True)
class StoredNarrative:
    """One ``DATA/YYYY-MM/UNIT.md`` written by a submit."""

    path: Path
    unit: str
    month: str
    sections: int
    blocks: int
    replaced: bool
    history: Path | None
    reopened: bool = False
    original: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "kind": "narrative",
            "path": str(self.path),
            "unit": self.unit,
            "month": self.month,
            "sections": self.sections,
            "blocks": self.blocks,
            "replaced": self.replaced,
            "history": str(self.history) if self.history else None,
            "reopened": self.reopened,
        }
        if self.original is not None:
            out["original"] = str(self.original)
        return out


@dataclass(frozen=True)
class NarrativeAlreadyStored:
    path: Path
    unit: str
    month: str  # YYYY-MM
    identical: bool = False

    def to_dict(self, lang: str) -> dict[str, Any]:
        year, month = (int(p) for p in self.month.split("-"))
        params = {
            "unit": self.unit,
            "month": Localized(month_label(year, month, "vi"), month_label(year, month, "en")),
            "path": str(self.path),
            "history": HISTORY_DIR,
        }
        out = Issue("narrative-already-stored", params=params).to_dict(lang)
        if self.identical:
            out["message"] = ALREADY_SAME(lang).format(
                unit=self.unit, month=month_label(year, month, lang), path=self.path
            )
        out["file"] = str(self.path)
        return out


@dataclass
class NarrativeOutcome:
    """What a submit of a narrative report did."""

    form: Any  # kehoach.read.narrative_form.NarrativeForm
    stored: list[StoredNarrative] = field(default_factory=list)
    already_stored: list[NarrativeAlreadyStored] = field(default_factory=list)
    cleaned: list[Path] = field(default_factory=list)
    locked: list[MonthLocked] = field(default_factory=list)

    @property
    def result(self):
        return self.form

    @property
    def ok(self) -> bool:
        return self.form.ok and not self.already_stored and not self.locked

    def to_dict(self, lang: str) -> dict[str, Any]:
        errors = [dict(i.to_dict(lang), file=i.file) for i in self.form.errors]
        errors += [a.to_dict(lang) for a in self.already_stored]
        errors += [m.to_dict(lang) for m in self.locked]
        return {
            "stored": [s.to_dict() for s in self.stored],
            "errors": errors,
            "warnings": [dict(i.to_dict(lang), file=i.file) for i in self.form.warnings],
        }


def narrative_history_path(root: Path, plan: Plan, unit: int, month: int, now: datetime) -> Path:
    """``_history/YYYY-MM/UNIT.<UTC time>.md``, never reused."""
    folder = history_folder(root, plan.year, month)
    stamp = history_stamp(now)
    code = plan.units[unit].code
    n = 1
    path = folder / narrative_history_name(code, stamp)
    while path.exists():
        n += 1
        path = folder / narrative_history_name(code, stamp, n)
    return path


def submit_narrative(
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
) -> NarrativeOutcome:
    """Check the narrative report ``file``, then store it under ``root`` if nothing
    objects (the rules of the module docstring). Raises OSError when the data folder
    cannot be written; a StoreError when the lock cannot be had, the lock file is damaged
    or a link is in the way."""
    now = now or datetime.now(UTC)
    with DataLock(root, lock_timeout):
        cleaned = _remove_orphans(root) + _remove_narrative_orphans(root)
        # A change a crash cut off is finished before this one looks at the folder.
        recover(root)
        form = check_narrative(plan, file, unit, month, root if replace else None)
        outcome = NarrativeOutcome(form, cleaned=cleaned)
        if not form.ok:
            return outcome
        u, m = form.unit, form.month
        assert u is not None and m is not None and form.narrative is not None
        text = to_text(form.narrative).encode("utf-8")
        target = narrative_path(root, plan, u, m)
        code = plan.units[u].code
        month_text = format_month(plan.year, m)
        if target.exists() and not replace:
            outcome.already_stored.append(
                NarrativeAlreadyStored(target, code, month_text, _same_bytes(target, text))
            )
        locks = read_locks_or_fail(root)
        locked = month_text in set(locks.locked_months())
        if locked and not reopen_reason:
            outcome.locked = [MonthLocked(locks.latest(month_text))]
        if not outcome.ok:
            return outcome
        link = symlink_in_way(root, target)
        if link is not None:
            raise SymlinkInTheWay(link)

        original = None
        if form.kind == "docx":
            # Kept before the store and its log line, which names its SHA-256.
            original = original_path(root, plan.year, m, code, form.sha256, ".docx")
            if not original.exists():
                original.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(original, form.data)
        # The stored text, the replaced version kept in _history and the log line are one
        # transaction (store.journal), as a submit of figures: recorded first, then
        # written; a crash anywhere is finished by the next command that takes the lock.
        history = narrative_history_path(root, plan, u, m, now) if target.exists() else None
        action = "replaced" if history else "new"
        if locked:
            action = "reopened-" + action
        narrative = form.narrative
        blocks = sum(len(b) for b in narrative.sections.values())
        stored = StoredNarrative(
            target,
            code,
            month_text,
            sum(1 for k in SECTIONS if k in narrative.sections),
            blocks,
            history is not None,
            history,
            locked,
            original,
        )
        entry = LogEntry(
            now,
            code,
            month_text,
            file.name,
            form.sha256,
            blocks,
            NARRATIVE_PREFIX + action,
            hashlib.sha256(text).hexdigest(),
            reopen_reason or "",
        )
        tx = Transaction(
            "submit",
            {"file": one_record(file.name), "stored": [f"{month_text}/{target.name}"]},
        )
        if history is not None:
            tx.copy(root, target, history)
        tx.write(root, target, text)
        offset, log_data = log_bytes(root, [entry])
        tx.append(root, root / LOG_NAME, offset, log_data)
        try:
            run_transaction(root, tx)
        except OSError as exc:
            written = journal_path(root).exists()
            # Not written: nothing changed. Written: the journal finishes it next time.
            raise PartialWriteError(
                exc,
                [stored] if written else [],  # type: ignore[list-item]
                unfinished=written,
            ) from exc
        outcome.stored.append(stored)
    return outcome


# write_atomic's temporary name for a stored UNIT.md: ".UNIT.md.<random>.tmp"
_NARRATIVE_TEMP = re.compile(r"\.[^/]+\.md\.[^./]+\.tmp")


def _remove_narrative_orphans(root: Path) -> list[Path]:
    """Temporary files of an interrupted narrative store in the month folders (under the
    lock no live submit owns one; the readers skip them)."""
    removed: list[Path] = []
    try:
        folders = sorted(p for p in root.iterdir() if MONTH_DIR.fullmatch(p.name))
    except OSError:
        return removed
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir():
            continue
        try:
            names = sorted(p.name for p in folder.iterdir())
        except OSError:
            continue
        for name in names:
            if _NARRATIVE_TEMP.fullmatch(name):
                try:
                    (folder / name).unlink()
                except OSError:
                    continue
                removed.append(folder / name)
    return removed


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False
