"""The one row loop every submission format feeds: rows of cell strings → header →
checked rows → values and issues.

A CSV file (:mod:`kehoach.read.csv`) and a workbook (:mod:`kehoach.read.xlsx`) both hand
:func:`read_rows` a function that opens their rows as lists of cell strings; from there
every check of :mod:`kehoach.read.checks` runs on every row, streaming: memory holds the
issues and the accepted values, never the rows. The header is found (title rows above it
skipped), its names mapped with or without diacritics, and a clerk's file (up to
``CLERK_ROWS`` rows) goes row by row through the :class:`~kehoach.read.submission.SubmissionRow`
model.

The fast path reads a chunk of rows at a time and checks whole columns in C (``map`` over
tables of cells already known to be clean: codes and months repeat on nearly every row,
plain numbers skip the Vietnamese rule), sending only the rows that fail a test through
the row-by-row checks; ``fast=False`` runs every check afresh on every row. Both give the
same issues in the same order — a property test holds them to it, with chunks of any size.
"""

from __future__ import annotations

import csv
import functools
import math
import unicodedata
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, compress, islice, pairwise, repeat
from operator import add, and_, itemgetter, le, mul, ne, not_, or_

from kehoach.core.dataset import Dataset, to_decimal
from kehoach.core.i18n import Localized
from kehoach.core.issues import Issue
from kehoach.core.limits import MAX_FILE_ROWS
from kehoach.core.notes import read_note
from kehoach.core.numbers import FAST_COLUMN, format_month
from kehoach.core.numbers import fast_exact as _exact
from kehoach.core.numbers import fast_float as _fast_number
from kehoach.read.checks import (
    COL_ESTIMATE,
    COL_INDICATOR,
    COL_KIND,
    COL_MONTH,
    COL_NOTE,
    COL_UNIT,
    COL_VALUE,
    MAX_DIGITS,
    PREVIOUS_YEAR,
    CheckContext,
    check_estimate,
    check_indicator,
    check_kind,
    check_month,
    check_percent_sign,
    check_stage,
    check_unit,
)

# normalised header → canonical column
HEADER_ALIASES: dict[str, str] = {
    "don_vi": COL_UNIT,
    "unit": COL_UNIT,
    "ma_don_vi": COL_UNIT,
    "unit_code": COL_UNIT,
    "don_vi_bao_cao": COL_UNIT,
    "ma_chi_tieu": COL_INDICATOR,
    "indicator": COL_INDICATOR,
    "indicator_code": COL_INDICATOR,
    "chi_tieu": COL_INDICATOR,
    "thang": COL_MONTH,
    "month": COL_MONTH,
    "ky_bao_cao": COL_MONTH,
    "gia_tri": COL_VALUE,
    "value": COL_VALUE,
    "so_lieu": COL_VALUE,
    "ghi_chu": COL_NOTE,
    "note": COL_NOTE,
    "notes": COL_NOTE,
    "ky_so_lieu": COL_KIND,
    "period_kind": COL_KIND,
    "loai_so_lieu": COL_KIND,
    "uoc_tinh": COL_ESTIMATE,
    "estimate": COL_ESTIMATE,
    "uoc": COL_ESTIMATE,
}


# Columns the template adds for the person filling it in; read past without a word.
INFORMATIONAL = frozenset(
    {"ten_chi_tieu", "don_vi_tinh", "stt", "indicator_name", "unit_of_measure", "name"}
)


KNOWN_COLUMNS = (COL_UNIT, COL_INDICATOR, COL_MONTH, COL_VALUE, COL_NOTE, COL_KIND, COL_ESTIMATE)


# How far down a header row is looked for, past title rows typed above it.
HEADER_SEARCH_ROWS = 10

# The longest cell read (characters). csv's own default, 128 K, is short of what a note
# pasted from a report can hold; past this, a cell is taken for a quote never closed.
MAX_CELL = 4 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))


# Rows read and checked at a time by the fast path. Tests pass smaller ones to put chunk
# boundaries between repeated keys, errors and blank rows.
CHUNK_ROWS = 1024


# Files of at most this many data rows, when the caller asks (validate, submit: what a clerk
# sends), are validated row by row through the SubmissionRow model; the columnar fast path
# is worth its set-up only past this.
CLERK_ROWS = 1000


class ClerkRows(list):
    """A ``collect`` list that keeps the rows of a clerk's file only (at most the
    ``model_rows`` the reader is given): for a longer file it is left empty and
    ``overflow`` is set, so a check over all rows costs nothing on a machine export."""

    overflow = False


@functools.lru_cache(maxsize=1024)
def normalise_header(text: str) -> str:
    """'Mã chỉ tiêu' / 'MA_CHI_TIEU' / 'ma chi tieu' → 'ma_chi_tieu'."""
    text = text.strip().replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    out = []
    for c in text:
        out.append(c if c.isalnum() else "_")
    return "_".join(part for part in "".join(out).split("_") if part)


@dataclass
class FileResult:
    """What one file held: its issues, its data-row count and, if kept, its values."""

    path: str
    rows: int = 0
    issues: list[Issue] = field(default_factory=list)
    values: Dataset | None = None
    file_index: int = -1
    # (unit, month) pairs of the rows read without error (values or empty cells); filled
    # only when rows are collected (submit)
    units_months: set[tuple[int, int]] = field(default_factory=set)
    # SHA-256 of the file's bytes, when it was read to its end (submit logs it)
    sha256: str | None = None

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]


def known_columns(cells: list[str]) -> int:
    """How many of the known columns a row names: 2 or more make it the header row."""
    found = {HEADER_ALIASES.get(normalise_header(c)) for c in cells if c}
    found.discard(None)
    return len(found)


def _map_header(
    header: list[str], ctx: CheckContext, result: FileResult, row: int = 1
) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    label = result.path
    unknown: list[str] = []
    for pos, cell in enumerate(header):
        name = normalise_header(cell)
        col = HEADER_ALIASES.get(name)
        if col is None:
            if name and name not in INFORMATIONAL:
                unknown.append(cell.strip())
            continue
        if col in columns:
            first = header[columns[col]].strip()
            result.issues.append(
                Issue(
                    "duplicate-column",
                    label,
                    row,
                    col,
                    {"column": col, "first": first, "second": cell.strip()},
                )
            )
            continue
        columns[col] = pos
    known = ", ".join(KNOWN_COLUMNS)
    for cell in unknown:
        result.issues.append(
            Issue("unknown-column", label, row, None, {"header": cell, "known": known})
        )
    required = [COL_INDICATOR, COL_VALUE]
    if ctx.unit is None:
        required.insert(0, COL_UNIT)
    if ctx.month is None:
        required.append(COL_MONTH)
    missing = [c for c in required if c not in columns]
    for col in missing:
        extra = {COL_UNIT: "--unit", COL_MONTH: "--month"}.get(col)
        result.issues.append(
            Issue(
                "missing-column",
                label,
                1,
                col,
                {
                    "column": col,
                    "required": ", ".join(required),
                    "extra_vi": f"Có thể bỏ cột này nếu chạy lệnh với {extra}." if extra else "",
                    "extra_en": f"It may be left out when the command is run with {extra}."
                    if extra
                    else "",
                },
            )
        )
    if missing or any(i.code == "duplicate-column" for i in result.issues):
        return None
    return columns


class _FastTables:
    """The fast path's precomputed answers for one plan, each exactly what the check it
    stands for would return "no problem" on; the check itself runs whenever it is not."""

    def __init__(self, plan) -> None:
        n_ind = len(plan.indicators)
        self.assigned = plan.assignment
        self.quiet_months = [
            frozenset(range(1, 13)) if ind.measure != "cumulative" else frozenset(ind.due_months)
            for ind in plan.indicators
        ]
        # Both tests at once, per value slot of the dataset: 1 at (unit * 12 + month - 1)
        # * n_indicators + indicator when the unit reports the indicator and a value in
        # that month draws no off-cycle warning. Filled by strided slices, in C.
        stride = 12 * n_ind
        self.slot_ok = bytearray(len(plan.units) * stride)
        for i in range(n_ind):
            column = plan.assignment[i::n_ind]  # one byte per unit
            for m in self.quiet_months[i]:
                self.slot_ok[(m - 1) * n_ind + i :: stride] = column
        self.inside = [_fast_bounds(ind) for ind in plan.indicators]
        self.low = [lo for lo, _ in self.inside]
        self.high = [hi for _, hi in self.inside]
        # raw cell → (result, problems) of a check, whatever it found
        self.caches: tuple[dict, dict, dict] = ({}, {}, {})
        # raw cell → result, only for cells whose check found no problem at all
        self.clean: tuple[dict, dict, dict] = ({}, {}, {})
        # value cell → float, for plain and decimal-comma numbers (see _numbers)
        self.numbers: dict[str, float] = {}
        # month cell → last year's month (≤ 0, see checks.PREVIOUS_YEAR), when clean
        self.last_year: dict[str, int] = {}
        # milestones: (indicator, value cell) → the stage it names, or None (a problem)
        self.milestone = [ind.measure == "milestone" for ind in plan.indicators]
        # counts take whole numbers: True where a fraction is fine (not a count)
        self.fraction_ok = [not ind.takes_whole for ind in plan.indicators]
        self.any_whole = not all(self.fraction_ok)
        self.stages: dict[tuple[int, str], Decimal | None] = {}
        # How each amount's figures are sent (None: a level or milestone, sent as it is):
        # a kind cell saying what the plan says leaves the row as if it were empty.
        self.plan_kind = [
            (ind.sent_as or "month") if ind.measure == "cumulative" else None
            for ind in plan.indicators
        ]


def read_rows(
    open_rows: Callable[[], Iterator[list[str]]],
    ctx: CheckContext,
    result: FileResult,
    fast: bool,
    collect: list | None,
    chunk_rows: int = CHUNK_ROWS,
    model_rows: int = 0,
) -> None:
    label = result.path
    issues = result.issues
    open_rows = _capped(open_rows, result, ctx)  # no file makes the loop run without end
    rows = open_rows()
    try:
        header = next(rows, None)
    except csv.Error as exc:
        issues.append(_quote_issue(exc, label, 1))
        return
    if header is None:
        issues.append(Issue("empty-file", label))
        return
    # A data folder's files share a handful of header rows: one that mapped with no issue
    # in this context maps the same way again (a pure function of the cells, the row and
    # whether --unit / --month stand in for a column).
    seen_headers = ctx.memo.setdefault("headers", {})
    header_key = (tuple(header), ctx.unit is None, ctx.month is None)
    header_row = 1
    columns = seen_headers.get(header_key)
    if columns is None:
        if known_columns(header) < 2:
            header_row, header, rows = _find_header(open_rows, rows, header, result)
        before = len(issues)
        columns = _map_header(header, ctx, result, header_row)
        clean = columns is not None and header_row == 1 and len(issues) == before
        if clean and len(seen_headers) < 256:
            seen_headers[header_key] = columns
    if columns is None:
        # Without the columns, rows cannot be read; still count them for the verdict.
        result.rows = sum(
            1
            for _, r in _records(rows, header_row + 1, result)
            if r is None or any(c.strip() for c in r)
        )
        return
    ncols = len(header)
    iu, ii, im, iv, inote, ikind, iest = (columns.get(c) for c in KNOWN_COLUMNS)
    plan = ctx.plan
    indicators = plan.indicators
    dataset = result.values
    assert dataset is not None
    file_index = result.file_index

    # The fast path's tables, made once per context: raw cell → (result, problems) of a
    # pure check (codes and months repeat on every row, and across the files read with
    # one context), and the flat tables of _read_chunks. Without them (fast=False), every
    # row's every check runs afresh.
    tables = None
    if fast:
        tables = ctx.memo.get("fast")
        if tables is None:
            tables = ctx.memo["fast"] = _FastTables(plan)
    n_ind = len(indicators)
    blocks = dataset._blocks
    block_for = dataset._block
    files_at = dataset.files_at  # where a block's file column starts, if it has one
    put = dataset.put
    units_months = result.units_months

    def add(problems, rowno):
        for code, column, params in problems:
            issues.append(Issue(code, label, rowno, column, params))

    # The columns a row's cells are validated from, by SubmissionRow (kehoach.read.submission):
    # (canonical name, position) of each known column the header has.
    named = [(col, columns[col]) for col in KNOWN_COLUMNS if col in columns]
    row_model = None  # (validate, its context), made when the first row needs it

    def check_row(cells: list[str], rowno: int) -> bool:
        """One row through the SubmissionRow model (every check of checks.py), storing
        its value if it has no error. Returns whether the row counts as a data row (blank
        rows do not)."""
        nonlocal row_model
        if len(cells) != ncols:
            if not any(c.strip() for c in cells):
                return False  # a blank line
            issues.append(
                Issue("bad-row-length", label, rowno, None, {"cells": len(cells), "columns": ncols})
            )
            return True
        if not cells[ii].strip() and not any(c.strip() for c in cells):
            return False  # Excel's empty row (";;;;"), or one of spaces only
        if row_model is None:
            row_model = _row_model(ctx, tables)
        validate, rctx, invalid, to_issues = row_model
        try:
            row = validate({col: cells[at] for col, at in named}, context=rctx)
        except invalid as exc:
            issues.extend(to_issues(exc, label, rowno))
            return True
        if rctx.problems:
            add(rctx.problems, rowno)  # warnings: the row stands
        unit, ind, month, value = row.unit, row.indicator, row.month, row.value
        kind, estimate, note = row.kind, row.estimate, row.note
        if value is None:
            # An empty value: not reported this month. Nothing to store or compare.
            if collect is not None:
                units_months.add((unit, month))
                collect.append((unit, ind, month, None, note, kind, estimate))
            return True
        number = float(value)
        if collect is not None:
            units_months.add((unit, month))
            collect.append((unit, ind, month, value, note, kind, estimate))
        keep(unit, ind, month, number, rowno, value, cells[iv], kind, estimate, note)
        return True

    def keep(unit, ind, month, number, rowno, value, text, kind, estimate, note) -> None:
        """Store one accepted value of a row that says more than a figure (how it was
        sent, an estimate, a note, last year's month): what check_row and the fast path's
        clean rows of that kind both do."""
        target = dataset
        if month <= 0:  # last year's month: comparison data
            target, month = dataset.previous, month + PREVIOUS_YEAR
        key3 = (unit, ind, month)
        if kind is not None or key3 in target.kinds:
            default = indicators[ind].sent_as or "month"
            first = target.source(unit, ind, month)
            if (
                first is not None
                and first[0] == target.files[file_index]
                and target.kinds.get(key3, default) != (kind or default)
            ):
                # The same key again, sent the other way: both forms of one figure,
                # held against each other by the series checks, not a duplicate.
                target.alternates[key3] = (number, kind or default, rowno)
                return
            if kind is not None:
                target.kinds[key3] = kind
        if note:
            target.notes[key3] = note
        if target is not dataset or estimate or key3 in target.estimates:
            clash = target.put(unit, ind, month, number, file_index, rowno, estimate)
            if clash is not None:
                issues.append(_clash_issue(clash, result, ctx, rowno, unit, ind, month, value))
            return
        store(unit * 12 + month - 1, ind, number, rowno, text, value)

    def store(key: int, ind: int, number: float, rowno: int, val_raw: str, value) -> None:
        """Put one accepted value in the dataset; a key seen before is a clash issue."""
        block = blocks.get(key) or block_for(key)
        old = block[ind]
        if old != old:  # an empty slot (NaN): the common case, stored inline
            block[ind] = number
            block[n_ind + ind] = rowno
            if files_at:
                block[files_at + ind] = file_index
            return
        unit, month = divmod(key, 12)
        clash = put(unit, ind, month + 1, number, file_index, rowno)
        if clash is not None:
            if value is None:
                value = _exact(val_raw)
            issues.append(_clash_issue(clash, result, ctx, rowno, unit, ind, month + 1, value))

    first = header_row + 1  # the row number of the first data row
    data_rows = 0
    columnar = fast
    if fast and model_rows:
        try:
            head: list | None = list(islice(rows, model_rows + 1))
        except csv.Error:
            head = None  # read again below, one row at a time, each bad quote on its row
        if head is None or len(head) <= model_rows:
            # A clerk's file: every row through the model, in order; no columns.
            columnar = False
        elif isinstance(collect, ClerkRows):
            collect.overflow = True  # a machine export: its rows are not kept
            collect = None
        if not columnar:
            if head is None:
                rows = open_rows()
                for _ in islice(rows, header_row):  # title rows and the header, read before
                    pass
            else:
                rows = iter(head)
        else:
            rows = chain(head, rows)
    if columnar:
        columns_at = (iu, ii, im, iv, inote, ikind, iest)
        try:
            data_rows = _read_chunks(
                rows,
                chunk_rows,
                ncols,
                columns_at,
                tables,
                ctx,
                check_row,
                store,
                collect,
                result,
                first,
                keep,
            )
            first = 0  # every row read
        except _QuoteTrouble as trouble:
            # The rows of the chunk csv was reading are lost with its error: read them
            # again from a fresh reader, one by one, from the chunk's first row on.
            first, data_rows = trouble.rowno, trouble.data_rows
            rows = open_rows()
            for _ in islice(rows, first - 1):  # the header and the rows already checked
                pass
    if first:
        for rowno, cells in _records(rows, first, result):
            data_rows += 1 if cells is None else check_row(cells, rowno)
    result.rows = data_rows
    if data_rows == 0:
        issues.append(Issue("no-data-rows", label))


def _row_model(ctx: CheckContext, tables: _FastTables | None):
    """SubmissionRow's validator and a context for it on ``ctx`` (with the fast path's
    caches and tables, or none), the error it raises and its converter to issues.
    Imported when a file first has a row to check one by one: a data folder read
    entirely by the fast path never builds the model."""
    from pydantic import ValidationError

    from kehoach.read.submission import RowContext, SubmissionRow, row_issues

    key = "row-model" if tables is not None else None
    rctx = ctx.memo.get(key) if key else None
    if rctx is None:
        rctx = RowContext(ctx, tables)
        if key:
            ctx.memo[key] = rctx
    return SubmissionRow.model_validate, rctx, ValidationError, row_issues


def _read_chunks(
    rows,
    chunk_rows,
    ncols,
    columns_at,
    tables,
    ctx,
    check_row,
    store,
    collect,
    result,
    rowno=2,
    keep=None,
):
    """The fast path: rows a chunk at a time, each check run on whole columns.

    A chunk's cells are turned into columns; codes, months and numbers are looked up in
    tables of cells already known to be clean, and assignment, due month and range are
    read from flat tables, all in C (one ``itemgetter`` call or ``map`` per column). A
    row that every test passes can have no issue but a clash, so it goes straight to the
    store; any other row goes through ``check_row``, the very checks of the slow path, in
    its place in row order — issues, clashes and counts come out exactly as row by row.
    """
    iu, ii, im, iv, inote, ikind, iest = columns_at
    n_ind = len(ctx.plan.indicators)
    notes = result.values.notes
    caches = tables.caches
    checks = (check_unit, check_indicator, check_month)
    slot_ok, low, high = tables.slot_ok, tables.low, tables.high
    number_cache = tables.numbers
    units_months = result.units_months
    blocks_get = result.values._blocks.get
    block_for = result.values._block
    files_at = result.values.files_at  # where a block's file column starts, if it has one
    file_index = result.file_index
    blank = ("",) * ncols
    last_year, assigned = tables.last_year, tables.assigned
    milestone, stages, plan_kind = tables.milestone, tables.stages, tables.plan_kind
    fraction_ok, any_whole = tables.fraction_ok, tables.any_whole
    data_rows = 0
    while True:
        try:
            chunk = list(islice(rows, chunk_rows))
        except csv.Error:
            raise _QuoteTrouble(rowno, data_rows) from None
        if not chunk:
            break
        n = len(chunk)
        dirty: set[int] = set()
        last: dict[int, int] = {}  # rows of last year's months: position → month (≤ 0)
        try:
            cols = list(zip(*chunk, strict=True))  # fails unless every row is as long
        except ValueError:
            cols = []
        if len(cols) != ncols:
            # Ragged or blank rows: checked one by one; a blank stand-in keeps the columns.
            dirty.update(j for j, cells in enumerate(chunk) if len(cells) != ncols)
            cols = list(
                zip(*(blank if j in dirty else c for j, c in enumerate(chunk)), strict=True)
            )
        # Each code or month cell → its part of the value slot: unit × 12, indicator,
        # month − 1 (dataset.block_key is unit × 12 + month − 1).
        found = []
        for at, clean, cache, check, part in zip(
            (iu, ii, im), tables.clean, caches, checks, _PARTS, strict=True
        ):
            raw = cols[at] if at is not None else ("",) * n
            try:
                if at == im and raw.count(raw[0]) == n:
                    # One month for the whole chunk, as in a monthly report: one lookup.
                    got = [clean[raw[0]]] * n
                else:
                    got = _pick(clean, raw)  # every cell known and clean: the usual case
            except KeyError:
                # First sight of a cell in this context: run its check once, and remember
                # it as clean if it found nothing.
                for cell in set(raw).difference(clean):
                    value, problems = cache.get(cell) or cache.setdefault(cell, check(cell, ctx))
                    if problems:
                        continue
                    if check is check_month and value < 1:
                        last_year[cell] = value  # stored apart: see below
                    else:
                        clean[cell] = part(value)
                try:
                    got = _pick(clean, raw)
                except KeyError:  # a cell with a problem: its rows are checked one by one
                    got = list(map(clean.get, raw))
                    bad = _positions(got, None)
                    for j in bad:
                        got[j] = 0  # a stand-in
                    if check is check_month:
                        # Last year's months: comparison data, stored apart, never due.
                        last = {j: last_year[raw[j]] for j in bad if raw[j] in last_year}
                        bad = [j for j in bad if j not in last]
                    dirty.update(bad)
            found.append(got)
        units12, inds, months0 = found
        # How a figure was sent and whether it is an estimate, where a row says: a row
        # whose cells read is stored alone with them, one whose cells do not is checked.
        extras: dict[int, tuple[str | None, bool]] = {}
        if (ikind is not None and cols[ikind].count("") != n) or (
            iest is not None and cols[iest].count("") != n
        ):
            kind_cells = cols[ikind] if ikind is not None else ("",) * n
            estimate_cells = cols[iest] if iest is not None else ("",) * n
            for j, (kc, ec) in enumerate(zip(kind_cells, estimate_cells, strict=True)):
                if kc or ec:
                    kind, p_kind = check_kind(kc)
                    estimate, p_est = check_estimate(ec)
                    if p_kind or p_est:
                        dirty.add(j)
                    else:
                        # kept only for amounts, where it differs from what the plan asks
                        if plan_kind[inds[j]] is None or kind == plan_kind[inds[j]]:
                            kind = None
                        if estimate or kind is not None:
                            extras[j] = (kind, estimate)
        texts = cols[iv]
        numbers, bad = _numbers(texts, number_cache)
        if any(_pick(milestone, inds)):
            # A milestone's number is a stage only when written as one ("2"); "1,1250" or
            # "2,0" read as numbers here but name no stage (check_stage): checked as text.
            seen_bad = set(bad)
            bad += [
                j
                for j in range(n)
                if milestone[inds[j]]
                and j not in seen_bad
                and texts[j].strip()
                and not texts[j].strip().isdigit()
            ]
        staged: dict[int, Decimal] = {}  # milestone rows naming a stage: position → stage
        if bad and any(_pick(milestone, [inds[j] for j in bad])):
            for j in bad:
                if milestone[inds[j]]:
                    stage = _stage_of(stages, inds[j], texts[j], ctx)
                    if stage is not None:
                        staged[j] = stage
                        numbers[j] = float(stage)
            bad = [j for j in bad if j not in staged]
        dirty.update(bad)
        if any_whole:
            # A fraction on a count is checked row by row (the not-whole error). The counts'
            # cells of a chunk are nearly always plain digits: one search of their joined
            # text for a decimal mark clears them all, and only a chunk where one has a
            # mark is tested figure by figure.
            fine = _pick(fraction_ok, inds)
            if not all(fine):
                counts = "".join(compress(texts, map(not_, fine)))
                if "." in counts or "," in counts:
                    flags = map(or_, map(float.is_integer, numbers), fine)
                    dirty.update(_positions(list(flags), False))

        # dataset.block_key, column-wise; then the value slot
        keys = list(map(add, units12, months0))
        slots_at = list(map(add, map(mul, keys, repeat(n_ind)), inds))
        # Assignment and due month (one table), then the range: each test runs over the
        # whole chunk in C, and again to find where only when it fails somewhere.
        flags = _pick(slot_ok, slots_at)
        if not all(flags):
            # (last year's rows stand at month 1 here: only their assignment counts)
            dirty.update(j for j in _positions(list(flags), 0) if j not in last)
        for j in last:
            if not assigned[units12[j] // 12 * n_ind + inds[j]]:
                dirty.add(j)
        lows, highs = _pick(low, inds), _pick(high, inds)
        if not (all(map(le, lows, numbers)) and all(map(le, numbers, highs))):
            inside = list(map(and_, map(le, lows, numbers), map(le, numbers, highs)))
            dirty.update(_positions(inside, False))

        # Clean rows go to the store a run of one (unit, month) at a time when the file
        # keeps such rows together (as exports and templates do), else one by one; each
        # dirty row is checked in its place.
        stored_alone: set[int] = set()
        if last or staged or extras:
            stored_alone = set(last).union(staged, extras).difference(dirty)
        alone = dirty.union(stored_alone) if stored_alone else dirty  # rows one by one
        cuts = {0, n, *alone, *(j + 1 for j in alone)}
        changes = _positions(list(map(ne, keys, keys[1:])), True)
        by_runs = len(changes) * 4 < n
        if by_runs:
            cuts.update(j + 1 for j in changes)
        bounds = sorted(cuts)
        for a, b in pairwise(bounds):
            if a in dirty:
                data_rows += check_row(chunk[a], rowno + a)
                continue
            if a in stored_alone:
                # Clean, but of last year's month (stored apart), naming a stage (its
                # number is the stage's), or saying how it was sent or that it is an
                # estimate: stored as check_row stores it.
                data_rows += 1
                unit, ind = units12[a] // 12, inds[a]
                kind, estimate = extras.get(a, (None, False))
                value = staged[a] if a in staged else _exact(texts[a])
                note = read_note(cols[inote][a]) if inote is not None else ""
                month = last.get(a)  # last year's month (≤ 0), or None for this year
                if month is None:
                    month = months0[a] + 1
                if collect is not None:
                    units_months.add((unit, month))
                    collect.append((unit, ind, month, value, note, kind, estimate))
                keep(unit, ind, month, numbers[a], rowno + a, value, texts[a], kind, estimate, note)
                continue
            data_rows += b - a
            if collect is not None:
                _collect(collect, units_months, cols, columns_at, keys, inds, a, b)
            if by_runs:
                key = keys[a]
                block = blocks_get(key)
                fresh = block is None  # a block made now has every slot empty
                if fresh:
                    block = block_for(key)
                run = inds[a:b]
                if len(set(run)) == b - a and (fresh or _all_empty(block, run)):
                    # Every slot empty (NaN) and none twice: no clash possible. A plain
                    # loop: array.__setitem__ through map() is the slower way.
                    stretch = zip(run, numbers[a:b], range(rowno + a, rowno + b), strict=True)
                    for ind, number, r in stretch:
                        block[ind] = number
                        block[n_ind + ind] = r
                    if files_at:
                        for ind in run:
                            block[files_at + ind] = file_index
                    continue
            for key, ind, number, j in zip(
                keys[a:b], inds[a:b], numbers[a:b], range(a, b), strict=True
            ):
                block = blocks_get(key) or block_for(key)
                old = block[ind]
                if old != old:  # an empty slot (NaN): the common case, stored inline
                    block[ind] = number
                    block[n_ind + ind] = rowno + j
                    if files_at:
                        block[files_at + ind] = file_index
                else:
                    store(key, ind, number, rowno + j, texts[j], None)
        if inote is not None and cols[inote].count("") != n:
            # The units' notes (causes, "lũy kế 10 tháng"...): kept for the report.
            for j, text in enumerate(cols[inote]):
                if text and j not in alone and not text.isspace():
                    notes[(keys[j] // 12, inds[j], keys[j] % 12 + 1)] = read_note(text)
        rowno += n
    return data_rows


def _stage_of(stages: dict, ind: int, text: str, ctx: CheckContext) -> Decimal | None:
    """The stage a milestone's value cell names when check_row would find no problem in
    it (no % sign, a stage of the plan), else None; remembered per (indicator, cell)."""
    key = (ind, text)
    if key not in stages:
        indicator = ctx.plan.indicators[ind]
        stage, problems = check_stage(text, indicator)
        stages[key] = None if problems or check_percent_sign(text, indicator) else stage
    return stages[key]


def _find_header(open_rows, rows, first: list[str], result: FileResult):
    """The header row when title rows stand above it: the first of the next rows (up to
    row HEADER_SEARCH_ROWS) naming two known columns. Returns (its row number, its
    cells, the rows after it); without one, row 1 stays the header and its rows follow."""
    ahead: list[list[str]] = []
    try:
        for cells in islice(rows, HEADER_SEARCH_ROWS - 1):
            ahead.append(cells)
            if known_columns(cells) >= 2:
                above = len(ahead)
                result.issues.append(
                    Issue(
                        "title-rows",
                        result.path,
                        above + 1,
                        None,
                        {"rows": above, "header": above + 1},
                    )
                )
                return above + 1, cells, rows
    except csv.Error:
        pass  # a broken row below: read as if there were no title rows, and report it there
    rows = open_rows()
    next(rows, None)
    return 1, first, rows


class _QuoteTrouble(Exception):
    """csv failed inside a chunk: the rows from ``rowno`` on are read again one by one."""

    def __init__(self, rowno: int, data_rows: int):
        super().__init__(rowno)
        self.rowno = rowno
        self.data_rows = data_rows


# What csv's errors mean to the person who wrote the file. A quote opened and never closed
# makes csv read to the end of the file (or to its cell size limit) as one cell.
_UNCLOSED = ("unexpected end of data", "field larger than field limit")


_QUOTE_DETAIL = {
    True: Localized(
        "mở mà không đóng, phần còn lại của tệp bị đọc thành một ô",
        "opened and never closed, so the rest of the file reads as one cell",
    ),
    False: Localized("có chữ ngay sau dấu ngoặc kép đóng", "text follows a closing quote mark"),
}


def _quote_issue(exc: csv.Error, label: str, rowno: int) -> Issue:
    unclosed = any(text in str(exc) for text in _UNCLOSED)
    return Issue("bad-quotes", label, rowno, None, {"detail": _QUOTE_DETAIL[unclosed]})


def _capped(open_rows: Callable[[], Iterator[list[str]]], result: FileResult, ctx=None):
    """``open_rows`` whose rows stop after ``MAX_FILE_ROWS`` rows with a value (the header
    included; more for a plan with more keys), with one ``too-many-rows`` issue: 2 million
    rows of errors took 300 s and 10 GB; what a unit sends is a few dozen rows."""
    limit = MAX_FILE_ROWS
    plan = getattr(ctx, "plan", None)
    if plan is not None:
        # A roll-up plan's file may hold every key (a unit, an indicator, a month of this
        # year or the last one, each once): the cap grows by steps of 20,000 such keys
        # (the 2020 plan has 14,136, so its files keep the plain cap).
        keys = len(plan.units) * len(plan.indicators) * 24
        limit *= 1 + keys // 20_000

    def opener() -> Iterator[list[str]]:
        return _Capped(open_rows(), limit, result)

    return opener


class _Capped:
    """An iterator over ``rows`` that ends after ``limit`` rows with a value. A class, not
    a generator: csv.reader goes on after a ``csv.Error`` (a bad quote), a generator that
    passed one on would be closed."""

    def __init__(self, rows: Iterator[list[str]], limit: int, result: FileResult):
        self.rows, self.limit, self.result, self.seen = rows, limit, result, 0

    def __iter__(self):
        return self

    def __next__(self) -> list[str]:
        row = next(self.rows)
        if row and any(row):
            self.seen += 1
            if self.seen > self.limit:
                if not any(i.code == "too-many-rows" for i in self.result.issues):
                    issue = Issue(
                        "too-many-rows", self.result.path, None, None, {"max": self.limit}
                    )
                    self.result.issues.append(issue)
                raise StopIteration
        return row

    @property
    def line_num(self) -> int:
        return getattr(self.rows, "line_num", 0)


def _records(rows: Iterator[list[str]], rowno: int, result: FileResult):
    """(row number, cells) of each record from row ``rowno`` on, one by one. A record csv
    cannot read becomes a ``bad-quotes`` issue on its row and ``(rowno, None)``; reading
    goes on with the next line, except after a quote that was never closed, which took
    the rest of the file with it."""
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            issue = _quote_issue(exc, result.path, rowno)
            result.issues.append(issue)
            yield rowno, None
            if issue.params["detail"] is _QUOTE_DETAIL[True]:
                return
            rowno += 1
            continue
        yield rowno, cells
        rowno += 1


# What the chunked path keeps of a clean unit, indicator and month cell: its part of the
# value slot (see _read_chunks).
_PARTS = (lambda unit: unit * 12, lambda indicator: indicator, lambda month: month - 1)


# Number cells read so far, by their text; a cap keeps a file of all-different figures
# from filling memory with them.
NUMBER_CACHE_SIZE = 1 << 16


def _numbers(texts, cache: dict) -> tuple[tuple[float, ...] | list[float], list[int]]:
    """A column of value cells as floats, and where the cells are not fast-path numbers
    (those get a stand-in 0.0 and are checked row by row)."""
    try:
        return _pick(cache, texts), []  # every figure seen before: the usual case
    except KeyError:
        pass
    new = set(texts).difference(cache)
    if len(new) * 4 <= len(texts) and len(cache) < NUMBER_CACHE_SIZE:
        # A few new figures: each read on its own, and remembered.
        for text in new:
            x = _fast_number(text)
            if x is not None:
                cache[text] = x
        numbers = list(map(cache.get, texts))
        bad = _positions(numbers, None)  # not fast-path numbers: checked row by row
        for j in bad:
            numbers[j] = 0.0
        return numbers, bad
    # Mostly new figures: one regex over the whole column, one float() per cell.
    texts = list(texts)
    bad = []
    joined = "\n".join(texts) + "\n"
    if joined.count("\n") != len(texts) or max(map(len, texts)) > MAX_DIGITS:
        # A cell holding a line break, or a long one: those are not for the shortcut.
        bad = [j for j, t in enumerate(texts) if "\n" in t or len(t) > MAX_DIGITS]
        for j in bad:
            texts[j] = "0"
        joined = "\n".join(texts) + "\n"
    more = _unmatched(joined)
    if more:
        for j in more:
            texts[j] = "0"
        joined = "\n".join(texts) + "\n"
        bad = sorted(bad + more)
    numbers = list(map(float, joined[:-1].replace(",", ".").split("\n")))
    if len(cache) < NUMBER_CACHE_SIZE:
        cache.update(zip(texts, numbers, strict=True))  # a stand-in "0" is 0.0 too
    return numbers, bad


def _collect(collect, units_months, cols, columns_at, keys, inds, start, stop):
    """The accepted rows of a clean stretch, as ``check_row`` collects them one by one."""
    iv, inote = columns_at[3:5]
    us = [key // 12 for key in keys[start:stop]]
    ms = [key % 12 + 1 for key in keys[start:stop]]
    inds = inds[start:stop]
    units_months.update(zip(us, ms, strict=True))
    notes = map(read_note, cols[inote][start:stop]) if inote is not None else repeat("")
    values = map(_exact, cols[iv][start:stop])
    collect.extend(
        zip(us, inds, ms, values, notes, repeat(None), repeat(False), strict=False)
    )  # notes and the defaults repeat


def _pick(table, positions: list[int]) -> tuple:
    """``table[p]`` for every position, by one itemgetter call (faster than map())."""
    if len(positions) > 1:
        return itemgetter(*positions)(table)
    return tuple(table[p] for p in positions)  # itemgetter of one is not a tuple


def _all_empty(block: array, run: list[int]) -> bool:
    """Whether every one of these slots of a block holds NaN (nothing stored)."""
    olds = _pick(block, run)
    return all(map(ne, olds, olds))


def _positions(items: list, missing) -> list[int]:
    """Where ``missing`` (None, or a false or true flag) stands in ``items``, found in C."""
    out = []
    at = -1
    try:
        while True:
            at = items.index(missing, at + 1)
            out.append(at)
    except ValueError:
        return out


def _unmatched(joined: str) -> list[int]:
    """Positions of the cells of a joined column that are not fast-path numbers."""
    bad = []
    match = FAST_COLUMN.match
    pos = 0
    j = 0
    end = len(joined)
    while True:
        stop = match(joined, pos).end()
        if stop == end:
            return bad
        j += joined.count("\n", pos, stop)
        bad.append(j)
        pos = joined.index("\n", stop) + 1
        j += 1


def _fast_bounds(ind) -> tuple[float, float]:
    """Float bounds within which (ends included) a value is inside both the hard and the
    usual range, for values of at most 15 significant digits.

    Rounding to the nearest float is monotonic, and two different decimals of at most 15
    significant digits round to different floats; so for such a value ``v`` and a bound
    ``b`` of at most 15 digits, ``float(v) >= float(b)`` exactly when ``v >= b``. A bound
    with more digits is moved one float inwards, where the same holds strictly. A value
    outside the float bounds goes through the exact Decimal check.
    """
    lows = [r.min for r in (ind.range, ind.usual) if r is not None and r.min is not None]
    highs = [r.max for r in (ind.range, ind.usual) if r is not None and r.max is not None]
    lo = _as_float(max(lows), math.inf) if lows else -math.inf
    hi = _as_float(min(highs), -math.inf) if highs else math.inf
    return lo, hi


def _as_float(bound: Decimal, inwards: float) -> float:
    x = float(bound)
    if len(bound.normalize().as_tuple().digits) > MAX_DIGITS or not math.isfinite(x):
        x = math.nextafter(x, inwards)
    return x


def _clash_issue(clash, result: FileResult, ctx, rowno, unit, ind, month, value) -> Issue:
    dataset = result.values
    params = {
        "unit": ctx.plan.units[unit].code,
        "indicator": ctx.plan.indicators[ind].code,
        "month": format_month(ctx.plan.year, month),
        "value": value,
        "other_value": to_decimal(clash.value),
        "other_row": clash.row,
        "other_file": dataset.files[clash.file_index],
    }
    if clash.file_index == result.file_index:
        code = "repeated-key" if clash.same_value else "duplicate-key"
    else:
        code = "duplicate-value" if clash.same_value else "conflict"
    return Issue(code, result.path, rowno, COL_VALUE, params)
