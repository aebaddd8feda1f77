"""The issued reports' snapshots in the data folder: ``DATA/_reports/YYYY-MM.json``.

The records and their comparison are :mod:`kehoach.core.snapshot`; this module reads and
writes the files, at the two moments that record them (``lock``, inside its transaction:
:func:`lock_snapshot`; and ``report -o`` of a locked month), and builds the notice
``status`` and ``report`` add for a month with an issued report. None of them ever stops
a command: a damaged snapshot is a warning.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from kehoach.core.attainment import StatusResult, compute_status
from kehoach.core.layout import snapshot_path
from kehoach.core.models import Plan
from kehoach.core.numbers import format_month
from kehoach.core.snapshot import (
    SNAPSHOT_MESSAGES,
    Notice,
    Snapshot,
    SnapshotError,
    adjustment_lines,
    adjustments,
    make_snapshot,
    parse_snapshot,
    short_date,
)
from kehoach.read.datafolder import load_data
from kehoach.store.atomic import write_keeping_old
from kehoach.store.folder_lock import DataLock
from kehoach.store.journal import LinkInTheWay, refuse_links
from kehoach.store.month_locks import read_locks
from kehoach.store.revisions import read_revisions


def read_snapshot(root: Path, month: str) -> Snapshot | None:
    """The month's snapshot, None when there is none; SnapshotError when damaged."""
    path = snapshot_path(root, month)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SnapshotError(exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SnapshotError("not UTF-8") from None
    return parse_snapshot(text)


def adjustment_notice(plan: Plan, root: Path, status: StatusResult, lang: str) -> Notice | None:
    """Hook for ``status`` and ``report``: the figures that differ from the month's issued
    report, as a title and lines; None when the month has no issued report. Never raises
    for what is in the data folder."""
    month = format_month(status.year, status.month)
    if not snapshot_path(root, month).exists():
        return None
    try:
        snapshot = read_snapshot(root, month)
    except SnapshotError as exc:
        path = snapshot_path(root, month)
        return Notice(warning=SNAPSHOT_MESSAGES["damaged"](lang).format(path=path, error=exc))
    if snapshot is None:
        return None
    found = adjustments(snapshot, status, read_revisions(root))
    title, lines = adjustment_lines(plan, snapshot, found, lang)
    return Notice(snapshot, found, title, lines)


def _write(path: Path, snap: Snapshot) -> None:
    path.parent.mkdir(exist_ok=True)
    write_keeping_old(path, snap.to_json())


def record_report(
    plan: Plan,
    root: Path,
    status: StatusResult,
    report_date: date,
    output: Path,
    fmt: str,
    lang: str,
    now: datetime | None = None,
) -> str | None:
    """Hook for ``report -o``: for a locked month, record the figures just written; returns
    the line to say on stderr, None when there was nothing to do (a month not locked)."""
    month = format_month(status.year, status.month)
    if not root.is_dir() or not read_locks(root).is_locked(month):
        return None
    path = snapshot_path(root, month)
    try:
        old = read_snapshot(root, month)
    except SnapshotError:
        old = None
        damaged = True
    else:
        damaged = False
    snap = make_snapshot(
        status,
        plan.id,
        report_date,
        now or datetime.now(UTC),
        source="report",
        output=str(output),
        fmt=fmt,
        lang=lang,
    )
    # The figures at the lock give way to the report's own record only when they are the
    # same figures (the report issued after the lock); once a figure has changed since,
    # this report is a reprint and the record at the lock stays the reference.
    if damaged or (old is not None and (old.source != "lock" or old.figures != snap.figures)):
        shown = short_date(old.report_date, lang) if old else "?"
        return SNAPSHOT_MESSAGES["kept"](lang).format(path=path, date=shown)
    try:
        # Under the data folder's lock, never through a link (store.journal): the
        # snapshot is a trail file like the log.
        with DataLock(root):
            refuse_links(root, [path])
            _write(path, snap)
    except LinkInTheWay as exc:
        return SNAPSHOT_MESSAGES["cannot_record"](lang).format(path=path, error=exc.message(lang))
    except OSError as exc:
        return SNAPSHOT_MESSAGES["cannot_record"](lang).format(path=path, error=exc.strerror or exc)
    return SNAPSHOT_MESSAGES["recorded"](lang).format(path=path)


def lock_snapshot(plan: Plan, root: Path, month: int, now: datetime | None = None):
    """For ``kehoach lock`` (called under the data folder's lock, so the figures are the
    ones locked): the month's snapshot as (path, bytes), None when it has one already or
    nothing was reported."""
    path = snapshot_path(root, format_month(plan.year, month))
    if path.exists():
        return None
    dataset = load_data(plan, root).dataset
    if dataset.latest_month() is None:
        return None  # nothing was reported: nothing a report could have printed
    status = compute_status(plan, dataset, month)
    snap = make_snapshot(
        status, plan.id, plan.report_date(month), now or datetime.now(UTC), source="lock"
    )
    return path, snap.to_json()
