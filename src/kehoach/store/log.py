"""The submission log, ``DATA/_log.csv``: one line per stored file, never rewritten.

Written under the data folder's lock by ``submit``; read by ``missing`` (timeliness),
``explain`` (where a value came from) and ``check-store`` (which reads it strictly:
:func:`kehoach.store.check.parse_log`). The columns are :data:`kehoach.core.records.LOG_HEADER`;
a line is read by position, so a log written before a column existed still reads.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, datetime
from pathlib import Path

from kehoach.core.layout import BOM, LOG_NAME
from kehoach.core.records import (
    LOG_HEADER,
    LOG_OLD_COLUMNS,
    LogEntry,
    is_narrative_action,
    trail_time,
)
from kehoach.core.safetext import neutralise, one_record, unneutralise
from kehoach.store.atomic import append_durable


def append_log(root: Path, entry: LogEntry) -> None:
    """One line per stored file; the header when the log is created. Called under the lock."""
    _offset, data = log_bytes(root, [entry])
    append_durable(root / LOG_NAME, data)


def log_bytes(root: Path, entries: list[LogEntry]) -> tuple[int, bytes]:
    """What appending ``entries`` adds to the log: (the log's size now, the bytes), the
    header included when the log is created. Pure but for the size and last byte read.

    Every field is one CSV field on one line (a CR in a file name would end the record
    where csv.writer does not quote it), and a file name or reason that a spreadsheet
    could take for a formula is stored behind an apostrophe, taken off again by
    :func:`parse_log_cells`.
    """
    path = root / LOG_NAME
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size == 0:
        buf.write(BOM)  # for Excel, double-clicked on a Vietnamese machine (README)
        writer.writerow(LOG_HEADER)
    elif not _ends_with_newline(path):
        # A crash cut the last line short: end it, so this line is not glued to it and
        # check-store can point at the cut line alone.
        buf.write("\n")
    for entry in entries:
        writer.writerow(
            (
                trail_time(entry.time),
                entry.unit,
                entry.month,
                neutralise(one_record(entry.source)),
                entry.sha256,
                entry.rows,
                entry.action,
                entry.stored_sha256,
                neutralise(" ".join(one_record(entry.reason).split())),
            )
        )
    return size, buf.getvalue().encode("utf-8")


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def parse_log_cells(cells: list[str]) -> LogEntry:
    """One log line's cells, by position; ValueError when they are not a log line."""
    if len(cells) not in (LOG_OLD_COLUMNS, len(LOG_HEADER)):
        raise ValueError(f"{len(cells)} cells")
    cells = cells + [""] * (len(LOG_HEADER) - len(cells))
    cells[3] = unneutralise(cells[3])
    cells[8] = unneutralise(cells[8])
    when = datetime.fromisoformat(cells[0])
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return LogEntry(when, cells[1], cells[2], cells[3], cells[4], int(cells[5] or 0), *cells[6:9])


def read_log(root: Path, narratives: bool = False) -> list[LogEntry]:
    """The submission log, oldest first; a missing log is empty, unreadable lines skipped.

    The lines of figures' submissions; with ``narratives``, those of narrative reports
    (actions ``narrative-…``, :data:`kehoach.core.records.NARRATIVE_ACTIONS`) instead.

    ``kehoach check-store`` (:mod:`kehoach.store.check`) reads it strictly and reports the
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
            entry = parse_log_cells(cells)
        except (TypeError, ValueError):
            continue
        if is_narrative_action(entry.action) == narratives:
            entries.append(entry)
    return entries
