"""Revised values, ``DATA/_revisions.csv``: one line per stored value a submit replaced.

Written by ``submit`` when an official figure replaces an estimate or ``--replace``
changes a stored value; read by ``revisions``, ``explain`` and the report's adjustments.
The columns are :data:`kehoach.core.records.REVISIONS_HEADER`.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from kehoach.core.layout import BOM, REVISIONS_NAME
from kehoach.core.numbers import format_canonical
from kehoach.core.records import REVISIONS_HEADER, Revision, trail_time
from kehoach.core.safetext import neutralise, one_record, unneutralise
from kehoach.store.atomic import append_durable


def append_revisions(root: Path, now: datetime, revisions: list[Revision]) -> None:
    """One line per revised value in ``DATA/_revisions.csv`` (created with its header)."""
    _offset, data = revision_bytes(root, now, revisions)
    append_durable(root / REVISIONS_NAME, data)


def revision_bytes(root: Path, now: datetime, revisions: list[Revision]) -> tuple[int, bytes]:
    """What appending ``revisions`` adds to the file: (its size now, the bytes). A reason
    is kept on one line and, when a spreadsheet could take it for a formula, behind an
    apostrophe that :func:`read_revisions` takes off."""
    path = root / REVISIONS_NAME
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = 0
    if size == 0:
        buf.write(BOM)  # for Excel, double-clicked on a Vietnamese machine (README)
        writer.writerow(REVISIONS_HEADER)
    elif not _ends_with_newline(path):
        buf.write("\n")  # a line a crash cut short stays a line of its own
    for r in revisions:
        writer.writerow(
            (
                trail_time(now),
                r.unit,
                r.indicator,
                r.month,
                "" if r.old is None else format_canonical(r.old),
                "" if r.new is None else format_canonical(r.new),
                "x" if r.old_estimate else "",
                "x" if r.new_estimate else "",
                r.action,
                neutralise(" ".join(one_record(r.reason).split())),
            )
        )
    return size, buf.getvalue().encode("utf-8")


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


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
                    unneutralise(rec.get("reason") or ""),
                    when,
                )
            )
        except (KeyError, TypeError, ValueError, ArithmeticError):
            continue
    return out
