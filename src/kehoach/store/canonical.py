"""The canonical form a stored submission is written in: ``DATA/YYYY-MM/UNIT.csv``.

UTF-8 without BOM, comma, LF, canonical numbers and months, one row per (unit, indicator,
month) in plan order; the two optional columns (how a figure was sent, an estimate mark)
only where a row uses them. Notes that a spreadsheet would take for a formula are stored
behind an apostrophe (:mod:`kehoach.core.notes`), which the reader takes off again, so
every accepted row reads back as it was accepted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from kehoach.core.layout import calendar_month
from kehoach.core.models import Plan
from kehoach.core.notes import protect_note
from kehoach.core.numbers import format_canonical, format_month

CANONICAL_HEADER = ("don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu")

# (unit index, indicator index, month, value or None, note, how it was sent or None,
# estimate), as read_file collects them; a month ≤ 0 is last year's (month + 12)
Row = tuple[int, int, int, Decimal | None, str, str | None, bool]

CANONICAL_EXTRA = ("ky_so_lieu", "uoc_tinh")


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
        year, m = calendar_month(plan.year, month)
        cells = [
            plan.units[unit].code,
            plan.indicators[ind].code,
            format_month(year, m),
            "" if value is None else format_canonical(value),
            protect_note(note),  # formula-looking notes stay text (kehoach.core.notes)
        ]
        if extra:
            cells += [_KIND_WORDS.get(kind or "", ""), "x" if estimate else ""]
        (quoted if "\r" in note else writer).writerow(cells)
    return buf.getvalue().encode("utf-8")
