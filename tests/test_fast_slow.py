"""The reader's fast path and its slow path agree on every file (property-based).

``read_file(fast=True)`` memoises checks on raw cells, reads plain and comma-decimal numbers
as floats and runs the exact checks only near range bounds; ``fast=False`` runs every check
afresh on every row. Hypothesis writes CSV files from a mix of valid and invalid units,
indicators, months and number strings, with ragged rows, blank rows and repeated keys, and
both paths must give the same issues (codes, rows, columns, parameters, order, messages),
the same row count and the same stored values.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kehoach.checks import CheckContext
from kehoach.planfile import load_plan
from kehoach.reader import read_file

PLAN = load_plan(Path(__file__).resolve().parent.parent / "plan2020.yaml")

UNITS = ["CC-THUE", "cc-thue", " BHXH ", "BAC-HONG", "P-TNMT", "CC-TK", "P-TCKH", "CC-THEU", ""]
INDICATORS = ["KT04", "kt04", "XH02", "XH03", "KT06", "KT07", "KT01", "KT03", "XH08", "KT4", ""]
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
    "2020-13",
    "13/2020",
    "tháng ba",
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
]

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
    ]
    if kind == "ragged":
        cut = draw(st.integers(min_value=1, max_value=7))
        row = [*row, "x", "y"][:cut]
    return row


@st.composite
def csv_files(draw):
    pool = draw(st.lists(rows(), min_size=1, max_size=12))
    # Rows drawn from a small pool: the same key (and the same cell) comes back often.
    body = draw(st.lists(st.sampled_from(pool), min_size=0, max_size=40))
    header = ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"]
    order = draw(st.permutations(range(5)))
    delimiter = draw(st.sampled_from([",", ";"]))
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))
    )
    writer.writerow([header[i] for i in order])
    for row in body:
        writer.writerow([row[i] for i in order] if len(row) == 5 else row)
    data = buf.getvalue().encode("utf-8")
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


def _read_both(data: bytes, ctx: CheckContext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.csv"
        path.write_bytes(data)
        fast_rows: list = []
        slow_rows: list = []
        fast = read_file(path, ctx, fast=True, collect=fast_rows, label="f.csv")
        slow = read_file(path, ctx, fast=False, collect=slow_rows, label="f.csv")
    return fast, slow, fast_rows, slow_rows


def _exact(issues):
    # Issue equality compares Decimal params by value (4.3 == 4.30); compare their text too.
    return [(i.code, i.row, i.column, {k: repr(v) for k, v in i.params.items()}) for i in issues]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=csv_files(), ctx=contexts)
@example(
    data=b"don_vi,ma_chi_tieu,thang,gia_tri\nCC-THUE,KT04,2020-03,25\nCC-THUE,KT04,2020-04,25.0\n",
    ctx=CheckContext(PLAN),
)
@example(
    data=b"don_vi;ma_chi_tieu;thang;gia_tri\nP-TNMT;KT07;2020-03;100\nP-TNMT;KT07;03/2020;100,00\n",
    ctx=CheckContext(PLAN),
)
def test_fast_and_slow_paths_agree(data, ctx):
    fast, slow, fast_rows, slow_rows = _read_both(data, ctx)
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
