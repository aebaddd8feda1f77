"""The SubmissionRow model and the reader's columnar fast path agree on every file.

The rules live in one place: :class:`kehoach.read.submission.SubmissionRow`, whose validators
are the checks of ``checks.py``. ``read_file(fast=False)`` sends every row through the
model, every check afresh (the model alone); ``model_rows=`` sends a clerk's small file
through it with the caches warm (what validate and submit do). ``read_file(fast=True)``
is the columnar fast path: rows a chunk at a time, whole columns checked against tables
of cells already known to be clean (codes, months, numbers read as floats, flat tables
for assignment, due months and float range bounds), only the rows that fail any of them
going through the model. Hypothesis writes CSV files from a mix of valid and invalid
units, indicators, months and number strings, with ragged rows, blank rows and repeated
keys, and reads them with chunks from one row to more than the file; model and fast path
must give the same issues (codes, rows, columns, parameters, order, messages), the same
row count and the same stored values — and so must a second fast read with every cache
warm. Some files get a quote mark typed by hand, which csv may refuse in the middle of a
chunk.
"""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kehoach.read.checks import CheckContext
from kehoach.read.files import read_file
from kehoach.read.planfile import load_plan
from kehoach.read.rows import CLERK_ROWS, _fast_bounds, _fast_number, _numbers

PLAN = load_plan(Path(__file__).resolve().parent.parent / "plan2020.yaml")

UNITS = [
    "CC-THUE",
    "cc-thue",
    " BHXH ",
    "BAC-HONG",
    "P-TNMT",
    "CC-TK",
    "P-TCKH",
    "CC-THEU",
    "P-QLDT",
    "",
]
INDICATORS = ["KT04", "kt04", "XH02", "XH03", "KT06", "KT07", "KT01", "KT03", "XH08", "KT4", ""]
INDICATORS += ["DT05", "dt07"]  # milestones: a value names a stage
INDICATORS += ["XH04", "xh08", "DT01"]  # counts: whole numbers only (not-whole)
MONTHS = [
    "2020-03",
    "03/2020",
    "3/2020",
    "T3/2020",
    "Tháng 3/2020",
    "01/03/2020",
    "2020-03-01",
    "2020-02",
    "2020-06",
    "2020-12",
    "2019-12",
    "12/2019",
    "2019-03",
    "T6/2019",
    "2020-13",
    "13/2020",
    "tháng ba",
    "01/03/20",  # two-digit years, as a spreadsheet writes a month it made a date
    "1/3/20",
    "01/12/19",
    "31/02/20",
    "01/03/21",
    "",
]
NUMBERS = [
    "4.3",
    "4,3",
    "43",
    "1080",
    "1.080",
    "1,080",
    "1.080,5",
    "1,080.5",
    "12 190",
    "2\u00a0190",
    "98,5%",
    "98,5 %",
    "-3,5",
    "-4.3",
    "0",
    "0.0",
    "100",
    "100.0",
    "100,00",
    "120",
    "25",
    "25.0",
    "25,0001",
    "1",
    "1,0",
    "0,999",
    ".5",
    ",5",
    "1e3",
    "1.08.0",
    "bốn",
    "1,1250",
    "85",
    "84,99",
    " 12,5 ",
    "",
    "   ",
    "chuan-bi",
    "KHOI-CONG",
    " hoan-thanh ",
    "chuan-bi%",
    "khởi công",
    "1.2",  # on a count: a typed 1.200 read by an English spreadsheet
    "18,5",
    "2.760",
    "18%",
]

KINDS = ["", "", "", "tháng", "Lũy kế", "ytd", "LUY KE", "quý", " "]
ESTIMATES = ["", "", "", "x", "1", "ước", "0", "không", "có lẽ", " "]

cell = st.one_of(
    st.sampled_from(NUMBERS),
    st.from_regex(r"-?[0-9]{1,4}([.,][0-9]{1,4})?%?", fullmatch=True),
    st.text(alphabet="0123456789.,- %", max_size=8),
)


@st.composite
def rows(draw):
    """A data row: mostly well-formed, sometimes ragged or blank."""
    kind = draw(st.sampled_from(["row"] * 8 + ["ragged", "blank"]))
    if kind == "blank":
        return [""] * draw(st.sampled_from([0, 4, 5]))
    row = [
        draw(st.sampled_from(UNITS)),
        draw(st.sampled_from(INDICATORS)),
        draw(st.sampled_from(MONTHS)),
        draw(cell),
        draw(st.sampled_from(["", "ghi chú", "ảnh hưởng, dịch"])),
        draw(st.sampled_from(KINDS)),
        draw(st.sampled_from(ESTIMATES)),
    ]
    if kind == "ragged":
        cut = draw(st.integers(min_value=1, max_value=7))
        row = [*row[:5], "x", "y"][:cut]
    return row


@st.composite
def csv_files(draw):
    pool = draw(st.lists(rows(), min_size=1, max_size=12))
    # Rows drawn from a small pool: the same key (and the same cell) comes back often.
    body = draw(st.lists(st.sampled_from(pool), min_size=0, max_size=40))
    header = ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu", "ky_so_lieu", "uoc_tinh"]
    # the v2 columns (how a figure was sent, estimate) in some files
    order = draw(st.permutations([0, 1, 2, 3, 4, *draw(st.sampled_from([[], [5], [6], [5, 6]]))]))
    delimiter = draw(st.sampled_from([",", ";"]))
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    )
    writer.writerow([header[i] for i in order])
    for row in body:
        writer.writerow([row[i] for i in order] if len(row) == 7 else row)
    text = buf.getvalue()
    if draw(st.integers(0, 4)) == 0:
        # A quote mark typed by hand somewhere: text after a closing quote, a quote
        # opened and never closed, or a harmless one inside a cell.
        at = draw(st.integers(0, len(text)))
        text = text[:at] + '"' + text[at:]
    data = text.encode("utf-8")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    return data


contexts = st.builds(
    lambda unit, month: CheckContext(
        PLAN, unit=None if unit is None else PLAN.unit_index[unit], month=month
    ),
    st.sampled_from([None, None, "CC-THUE", "BHXH"]),
    st.sampled_from([None, None, 3, 6]),
)


def _read_both(data: bytes, ctx: CheckContext, chunk: int = 1024, *, twice: bool = False):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.csv"
        path.write_bytes(data)
        fast_rows: list = []
        slow_rows: list = []
        fast = read_file(path, ctx, fast=True, collect=fast_rows, label="f.csv", chunk_rows=chunk)
        if twice:  # the same context again: every cell is now in the caches
            fast_rows.clear()
            fast = read_file(
                path, ctx, fast=True, collect=fast_rows, label="f.csv", chunk_rows=chunk
            )
        slow = read_file(path, ctx, fast=False, collect=slow_rows, label="f.csv")
        # A clerk's file: every row through the model, with the fast path's caches.
        clerk_rows: list = []
        clerk = read_file(path, ctx, collect=clerk_rows, label="f.csv", model_rows=CLERK_ROWS)
    _assert_same(clerk, slow, clerk_rows, slow_rows)
    return fast, slow, fast_rows, slow_rows


def _assert_same(fast, slow, fast_rows, slow_rows):
    assert fast.issues == slow.issues
    assert _exact(fast.issues) == _exact(slow.issues)
    for lang in ("vi", "en"):
        assert [i.message(lang) for i in fast.issues] == [i.message(lang) for i in slow.issues]
        assert [i.hint(lang) for i in fast.issues] == [i.hint(lang) for i in slow.issues]
    assert fast.rows == slow.rows
    assert list(fast.values.filled()) == list(slow.values.filled())
    assert fast_rows == slow_rows
    assert [repr(r[3]) for r in fast_rows] == [repr(r[3]) for r in slow_rows]
    assert fast.units_months == slow.units_months


def _exact(issues):
    # Issue equality compares Decimal params by value (4.3 == 4.30); compare their text too.
    return [(i.code, i.row, i.column, {k: repr(v) for k, v in i.params.items()}) for i in issues]


# Chunks of one row up to more than a file holds: every chunk boundary falls somewhere.
chunk_sizes = st.sampled_from([1, 2, 3, 5, 8, 1024])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=csv_files(), ctx=contexts, chunk=chunk_sizes, twice=st.booleans())
@example(
    data=b"don_vi,ma_chi_tieu,thang,gia_tri\nCC-THUE,KT04,2020-03,25\nCC-THUE,KT04,2020-04,25.0\n",
    ctx=CheckContext(PLAN),
    chunk=1024,
    twice=False,
)
@example(
    data=b"don_vi;ma_chi_tieu;thang;gia_tri\nP-TNMT;KT07;2020-03;100\nP-TNMT;KT07;03/2020;100,00\n",
    ctx=CheckContext(PLAN),
    chunk=1,
    twice=False,
)
def test_the_model_and_the_fast_path_agree(data, ctx, chunk, twice):
    _assert_same(*_read_both(data, ctx, chunk, twice=twice))


# The units reporting most indicators (P-QLDT ten, each ward five): long runs of one
# (unit, month), which the fast path stores a run at a time.
LONG_RUNS = ["P-QLDT", "BAC-HONG", "NAM-HONG", "DUC-THUAN", "TRUNG-LUONG", "DAU-LIEU"]


def _export(errors: bool, units: list[str] | None = None) -> bytes:
    """A department's export the way spreadsheets write it: sorted by unit, month and
    indicator, so one (unit, month) fills a run of rows; with errors and repeats inside
    runs when asked."""
    lines = ["don_vi;ma_chi_tieu;thang;gia_tri;ghi_chu"]
    for unit in PLAN.units:
        if units is not None and unit.code not in units:
            continue
        for month in (3, 6, 9):
            for ind in PLAN.indicators:
                due = ind.measure != "cumulative" or month in ind.due_months
                if unit.code not in ind.reported_by or not due:
                    continue
                # the lowest usual value: exactly on a bound, which still reads fast
                bounds = [r.min for r in (ind.usual, ind.range) if r and r.min is not None]
                value = format(bounds[0], "f").replace(".", ",") if bounds else "7"
                lines.append(f"{unit.code};{ind.code};{month:02d}/2020;{value};")
    if errors:
        lines.insert(5, lines[4])  # the same row twice, inside a run
        unit, ind, month, value, _ = lines[8].split(";")
        other = str(Decimal(value.replace(",", ".")) + 1).replace(".", ",")
        lines.insert(9, f"{unit};{ind};{month};{other};")  # the same key, another value
        unit, ind, month, value, _ = lines[12].split(";")
        lines[12] = f"{unit};{ind};{month};năm mươi;"
        lines[20] = lines[20].replace("/2020", "/2018")
        lines.insert(30, "")
        lines.insert(40, ";;;;")
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("units", [None, LONG_RUNS], ids=["all-units", "long-runs"])
@pytest.mark.parametrize("errors", [False, True], ids=["clean", "errors"])
@pytest.mark.parametrize("chunk", [1, 7, 31, 1024])
def test_sorted_exports_agree_whatever_the_chunk(errors, chunk, units):
    data = _export(errors, units)
    fast, slow, fast_rows, slow_rows = _read_both(data, CheckContext(PLAN), chunk)
    _assert_same(fast, slow, fast_rows, slow_rows)
    assert fast.rows == data.count(b"\n") - 1 - (2 if errors else 0)  # header, blank rows
    codes = [(i.row, i.code) for i in fast.issues]
    if errors:
        # unknown-unit etc. aside, the kinds planted above, each on its row
        assert (6, "repeated-key") in codes
        assert (10, "duplicate-key") in codes
        assert any(code in ("not-a-number", "unknown-stage") for _, code in codes)
        assert any(code == "month-outside-plan-year" for _, code in codes)
    else:
        assert codes == []


@given(
    bound=st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: abs(d) < Decimal("1e14") and len(d.as_tuple().digits) <= 20
    ),
    value=st.from_regex(r"-?[0-9]{1,7}(\.[0-9]{1,7})?", fullmatch=True),
)
@example(bound=Decimal("100"), value="100")
@example(bound=Decimal("0.1000000000000001"), value="0.1")
@example(bound=Decimal("74.4"), value="74.4")
def test_float_bounds_decide_exactly_for_values_of_fifteen_characters(bound, value):
    # The fast path compares floats with the bounds, ends included; whenever it says
    # "inside", the exact Decimal comparison must say so too.
    rng = SimpleNamespace(min=bound, max=bound)
    lo, hi = _fast_bounds(SimpleNamespace(range=rng, usual=None))
    x = float(value)
    if lo <= x:
        assert Decimal(value) >= bound
    if x <= hi:
        assert Decimal(value) <= bound
    if Decimal(value) == bound and len(bound.normalize().as_tuple().digits) <= 15:
        assert lo <= x <= hi  # a value exactly on a plain bound stays on the fast path


@given(st.lists(cell, max_size=30), st.integers(min_value=0, max_value=30))
@example(["12", "4,5", "1.080", "1,080", ""], 0)
@example(["1\n2", "3"], 0)
def test_a_column_of_numbers_reads_as_cell_by_cell(texts, warm):
    # _numbers takes the joined-column regex when most cells are new, one cell at a time
    # when few are; both must say exactly what _fast_number says of each cell.
    cache = {t: _fast_number(t) for t in texts[:warm] if _fast_number(t) is not None}
    numbers, bad = _numbers(tuple(texts), cache)
    expected = [_fast_number(t) for t in texts]
    assert bad == [j for j, x in enumerate(expected) if x is None]
    assert [x for j, x in enumerate(numbers) if j not in bad] == [
        x for x in expected if x is not None
    ]
    assert all(cache[t] == _fast_number(t) for t in cache if t != "0")


@pytest.mark.parametrize("chunk", [1, 2, 3, 1024])
def test_a_misplaced_quote_in_a_later_chunk_loses_no_row(chunk):
    # csv fails in the middle of a chunk; the rows of that chunk before the failing one
    # are still checked (an unknown indicator on row 6), and the quote is reported.
    lines = ["don_vi;ma_chi_tieu;thang;gia_tri"]
    lines += [f"CC-THUE;KT04;{m:02d}/2020;4,{m}" for m in range(1, 5)]
    lines += ["CC-THUE;KT99;05/2020;4", 'CC-THUE;KT04;06/2020;"4"1', "CC-THUE;KT04;07/2020;5"]
    data = ("\n".join(lines) + "\n").encode()
    fast, slow, fast_rows, slow_rows = _read_both(data, CheckContext(PLAN), chunk)
    _assert_same(fast, slow, fast_rows, slow_rows)
    assert [(i.row, i.code) for i in fast.issues] == [(6, "unknown-indicator"), (7, "bad-quotes")]
    assert fast.rows == 7
    assert [row[2] for row in fast_rows] == [1, 2, 3, 4, 7]


@pytest.mark.parametrize("chunk", [1, 3, 1024])
def test_last_year_s_rows_are_cleared_by_the_fast_path_as_by_the_model(chunk, monkeypatch):
    # Comparison data (the plan year − 1) is stored apart; clean rows of it are cleared
    # by the columnar path, the rest (a clash, an unassigned unit, a warning) agree too.
    lines = ["don_vi;ma_chi_tieu;thang;gia_tri;ghi_chu"]
    lines += [f"CC-THUE;KT04;{m:02d}/2019;{m},5;" for m in range(1, 13)]
    lines += ["CC-THUE;KT04;2020-03;16,4;", "CC-THUE;KT04;12/2019;12,5;lặp lại"]
    lines += ["CC-THUE;KT04;12/2019;13;", "BHXH;KT04;2019-12;3;", "P-TNMT;KT07;2019-12;1.080;"]
    lines += ["P-TNMT;KT07;2019-12;98,5;ghi chú năm trước"]
    data = ("\n".join(lines) + "\n").encode()
    import kehoach.read.submission as submission

    seen = []
    real = submission.SubmissionRow.model_validate
    monkeypatch.setattr(
        submission.SubmissionRow,
        "model_validate",
        lambda o, **kw: seen.append(o["thang"]) or real(o, **kw),
    )
    fast, slow, fast_rows, slow_rows = _read_both(data, CheckContext(PLAN), chunk)
    _assert_same(fast, slow, fast_rows, slow_rows)
    codes = [(i.row, i.code) for i in fast.issues]
    assert (15, "repeated-key") in codes and (16, "duplicate-key") in codes
    assert (17, "indicator-not-for-unit") in codes
    assert slow.values.previous.notes[(PLAN.unit_index["P-TNMT"], 6, 12)] == "ghi chú năm trước"
    assert fast.values.previous.notes == slow.values.previous.notes
    # the slow read and the clerk read put all 18 rows through the model; the fast read
    # only the two with a problem of their own (the clashes are the store's)
    assert seen[:2] == ["2019-12", "2019-12"]
    assert len(seen) == 2 + 18 * 2


# ------------------------------------------------------------ the same rows as a workbook


def _as_cell(text: str, column: int):
    """How a clerk's workbook holds a cell's text: a value that Excel would keep as a
    number (and that reads back as this very text) is a number cell, a month that Excel
    would keep as a date is a date cell, anything else stays text."""
    from datetime import datetime

    from kehoach.read.xlsx import number_text

    if column == 3 and text.strip():
        try:
            number = float(text)
        except ValueError:
            number = None
        if number is not None and number_text(repr(number)) == text:
            return int(number) if number.is_integer() and "." not in text else number
    if column == 2 and len(text) == 7 and text[4] == "-" and text[:4].isdigit():
        month = int(text[5:]) if text[5:].isdigit() else 0
        if 1 <= month <= 12:
            return datetime(int(text[:4]), month, 1)
    return text


@st.composite
def same_rows(draw):
    """Rows of five cells (ragged rows aside: a workbook row has no length of its own)."""
    five = rows().map(lambda r: r[:5]).filter(lambda r: len(r) in (0, 5))
    pool = draw(st.lists(five, min_size=1, max_size=10))
    return draw(st.lists(st.sampled_from(pool), min_size=0, max_size=30))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=same_rows(), ctx=contexts)
def test_the_same_rows_as_csv_and_as_xlsx_give_the_same_issues(body, ctx):
    from openpyxl import Workbook

    header = ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(body)
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r, row in enumerate(body, 2):
        for c, text in enumerate(row):
            value = _as_cell(text, c)
            if value != "":
                ws.cell(r, c + 1, value)
                if c == 2 and not isinstance(value, str):
                    ws.cell(r, c + 1).number_format = "mm/yyyy"
    with tempfile.TemporaryDirectory() as tmp:
        csv_path, xlsx_path = Path(tmp) / "f.csv", Path(tmp) / "f.xlsx"
        csv_path.write_bytes(buf.getvalue().encode("utf-8"))
        wb.save(xlsx_path)
        got = []
        for path in (csv_path, xlsx_path):
            collected: list = []
            result = read_file(path, ctx, collect=collected, label="f")
            got.append((result, collected))
    (a, a_rows), (b, b_rows) = got
    assert _exact(a.issues) == _exact(b.issues)
    for lang in ("vi", "en"):
        assert [i.message(lang) for i in a.issues] == [i.message(lang) for i in b.issues]
    assert a.rows == b.rows
    assert list(a.values.filled()) == list(b.values.filled())
    assert a_rows == b_rows
