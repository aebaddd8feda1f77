"""Reading submission workbooks (.xlsx): cells to text, sheets, rows, and bad input.

The workbook reader feeds the CSV reader's row loop, so checks and messages are tested
once, in test_checks.py and test_reader.py; here: what a cell becomes (numbers read back
exactly, percent, dates, text through the number rule), which sheet and row numbers,
merged and hidden rows, formulas without a value, files that are not workbooks, files
built to hurt (empty formatted rows, 16,384 columns), and a seeded fuzz of a real
workbook's bytes.
"""

from __future__ import annotations

import io
import os
import random
import tracemalloc
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from kehoach.core.numbers import parse_number
from kehoach.read.checks import CheckContext
from kehoach.read.files import read_file
from kehoach.read.xlsx import number_text, refusal

HEADER = ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"]


def write_book(path: Path, rows: list[list], *, title: str = "Số liệu", edit=None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if edit:
        edit(wb, ws)
    wb.save(path)
    return path


def read(plan, path: Path, **kw):
    rows: list = []
    result = read_file(path, CheckContext(plan, **kw), collect=rows, label=path.name)
    return result, rows


def where(result) -> list[tuple]:
    return [(i.row, i.column, i.code) for i in result.issues]


def values(plan, rows) -> list[tuple]:
    return [
        (plan.units[u].code, plan.indicators[i].code, m, v)
        for u, i, m, v, *_ in rows
        if v is not None
    ]


# --------------------------------------------------------------------- number cells


@given(st.floats(allow_nan=False, allow_infinity=False))
@example(1.125)
@example(74.4)
@example(0.1 + 0.2)
@example(-0.0)
@example(1080.0)
@example(123456789012345.0)
def test_a_number_cell_reads_back_as_the_number_excel_shows(x):
    # Excel keeps and shows 15 significant digits; the text must mean exactly that number
    # under the Vietnamese rule ('1.125' would be 1125), without a warning.
    text = number_text(repr(x))
    shown = Decimal(f"{x:.15g}")
    if len(text.replace("-", "").replace(".", "").lstrip("0")) > 15 and abs(x) >= 1e15:
        return  # a figure of 16+ digits: left for the too-many-digits check
    assert parse_number(text) == (shown, None)


@given(
    st.decimals(allow_nan=False, allow_infinity=False).filter(
        lambda d: len(d.normalize().as_tuple().digits) <= 15 and abs(d.adjusted()) < 12
    )
)
@example(Decimal("1.125"))
@example(Decimal("1.080"))
@example(Decimal("-3.5"))
def test_a_decimal_of_fifteen_digits_survives_the_cell(d):
    # What the clerk types (at most 15 digits) is stored by Excel as a double and comes
    # back as the same decimal.
    assert parse_number(number_text(repr(float(d))))[0] == d


def test_percent_and_date_cells():
    assert number_text("0.985", "pct") == "98.5"
    assert number_text("1", "pct") == "100"
    assert number_text("0.0725", "pct") == "7.25"
    assert number_text("43891", "date") == "2020-03"  # 1 March 2020
    assert number_text("43905.5", "date") == "2020-03"  # any day and hour of the month


# ---------------------------------------------------------------- a filled workbook


def test_cells_of_every_kind(plan, tmp_path):
    def edit(wb, ws):
        ws["D4"].number_format = "0.0%"
        ws["C5"].number_format = "mm/yyyy"

    path = write_book(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["CC-THUE", "KT04", "2020-03", 4.3, ""],  # a number cell
            ["BAC-HONG", "KT06", "T3/2020", "1.200", "gõ tay"],  # typed text
            ["P-TNMT", "KT07", "03/2020", 0.985, ""],  # a percent cell
            ["BHXH", "XH02", datetime(2020, 3, 1), 85, ""],  # a date cell as the month
            ["CC-TK", "KT01", "2020-03", 1.125, ""],
        ],
        edit=edit,
    )
    result, rows = read(plan, path)
    assert where(result) == [(3, "gia_tri", "thousands-dot")]
    assert values(plan, rows) == [
        ("CC-THUE", "KT04", 3, Decimal("4.3")),
        ("BAC-HONG", "KT06", 3, Decimal("1200")),
        ("P-TNMT", "KT07", 3, Decimal("98.5")),
        ("BHXH", "XH02", 3, Decimal("85")),
        ("CC-TK", "KT01", 3, Decimal("1.125")),
    ]


def test_row_numbers_are_the_sheets_own(plan, tmp_path):
    path = write_book(
        tmp_path / "f.xlsx",
        [
            ["BÁO CÁO THÁNG 3/2020"],
            ["Đơn vị: Chi cục Thuế"],
            [],
            HEADER,
            ["CC-THUE", "KT04", "2020-03", 4.3, ""],
            [],
            ["CC-THUE", "KT99", "2020-03", 1, ""],
        ],
    )
    result, _ = read(plan, path)
    assert where(result) == [(4, None, "title-rows"), (7, "ma_chi_tieu", "unknown-indicator")]
    assert result.issues[0].params == {"rows": 3, "header": 4}
    assert result.rows == 2


def test_title_rows_in_a_csv_are_skipped_with_a_warning(plan, tmp_path):
    path = tmp_path / "f.csv"
    path.write_bytes(
        "Báo cáo tháng 3\n\ndon_vi;ma_chi_tieu;thang;gia_tri\nCC-THUE;KT04;2020-03;4,3\n".encode()
    )
    result, rows = read(plan, path)
    assert where(result) == [(3, None, "title-rows")]
    assert values(plan, rows) == [("CC-THUE", "KT04", 3, Decimal("4.3"))]
    # No header within ten rows: row 1 stays the header, as before.
    path.write_bytes(("x\n" * 11 + "don_vi,ma_chi_tieu,thang,gia_tri\n").encode())
    result, _ = read(plan, path)
    codes = [i.code for i in result.issues]
    assert "missing-column" in codes and "title-rows" not in codes


def test_merged_cells_give_their_value_to_the_whole_merge(plan, tmp_path):
    def edit(wb, ws):
        ws.merge_cells("A2:A4")  # one unit for three rows
        ws.merge_cells("C2:C4")  # one month for three rows

    path = write_book(
        tmp_path / "f.xlsx",
        [
            HEADER,
            ["BAC-HONG", "KT06", "2020-03", 10, ""],
            [None, "KT05", None, 2, ""],
            [None, "XH04", None, 3, ""],
        ],
        edit=edit,
    )
    result, rows = read(plan, path)
    assert where(result) == []
    assert values(plan, rows) == [
        ("BAC-HONG", "KT06", 3, Decimal(10)),
        ("BAC-HONG", "KT05", 3, Decimal(2)),
        ("BAC-HONG", "XH04", 3, Decimal(3)),
    ]


def test_hidden_rows_are_read_and_named(plan, tmp_path):
    def edit(wb, ws):
        for r in (3, 4, 5):
            ws.row_dimensions[r].hidden = True

    path = write_book(
        tmp_path / "f.xlsx",
        [HEADER] + [["CC-THUE", "KT04", f"2020-0{m}", 4, ""] for m in range(1, 6)],
        edit=edit,
    )
    result, rows = read(plan, path)
    hidden = [i for i in result.issues if i.code == "hidden-rows"]
    assert [(i.row, i.params) for i in hidden] == [(3, {"rows": "3–5"})]
    assert len(rows) == 5


def test_a_formula_without_value_is_an_error_with_what_to_do(plan, tmp_path):
    path = write_book(
        tmp_path / "f.xlsx",
        [HEADER, ["CC-THUE", "KT04", "2020-03", "=4+0.3", "=D2"]],
    )
    result, _ = read(plan, path)
    assert where(result) == [(2, "gia_tri", "formula-no-value"), (2, "ghi_chu", "formula-no-value")]
    assert result.issues[0].params == {"cell": "D2"}
    assert "Excel" in result.issues[0].hint("vi")


def test_the_sheet_with_the_header_is_read(plan, tmp_path):
    def edit(wb, ws):
        other = wb.create_sheet("Hướng dẫn", 0)  # instructions first, figures second
        other.append(["Điền số liệu vào trang Số liệu."])

    path = write_book(tmp_path / "f.xlsx", [HEADER, ["CC-THUE", "KT04", "2020-03", 4.3]], edit=edit)
    result, rows = read(plan, path)
    assert where(result) == []
    assert len(rows) == 1


def test_several_sheets_with_a_header_are_named(plan):
    path = Path(__file__).parent / "data" / "codes" / "several-sheets.xlsx"
    result, rows = read(plan, path)
    assert where(result) == [(None, None, "several-sheets")]
    assert "“Số liệu”, “Bản sao”" in result.issues[0].message("vi")
    assert rows == []


# ----------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("unreadable-workbook.csv", "hỏng"),
        ("unreadable-workbook--xls.csv", ".xls"),
        ("unreadable-workbook--ods.ods", ".ods"),
        ("unreadable-workbook--password.xlsx", "mật khẩu"),
    ],
)
def test_what_is_not_an_xlsx_is_refused_saying_what_to_save_as(plan, name, words):
    result, _ = read(plan, Path(__file__).parent / "data" / "codes" / name)
    assert where(result) == [(None, None, "unreadable-workbook")]
    assert words in result.issues[0].message("vi")
    assert ".xlsx" in result.issues[0].hint("vi") and "CSV UTF-8" in result.issues[0].hint("vi")


def test_a_zip_of_something_else(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert refusal(path).en == "a ZIP archive, not an Excel workbook"


# ------------------------------------------------------------------------ bad input


def _with_sheet_xml(template: Path, path: Path, sheet_xml: bytes) -> Path:
    """A copy of ``template`` whose first sheet's XML is ``sheet_xml``."""
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            dst.writestr(info.filename, data)
    return path


_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>%s</sheetData></worksheet>"
)
_HEAD = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>don_vi</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>ma_chi_tieu</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><t>thang</t></is></c>'
    b'<c r="D1" t="inlineStr"><is><t>gia_tri</t></is></c></row>'
    b'<row r="2"><c r="A2" t="inlineStr"><is><t>CC-THUE</t></is></c>'
    b'<c r="B2" t="inlineStr"><is><t>KT04</t></is></c>'
    b'<c r="C2" t="inlineStr"><is><t>2020-03</t></is></c><c r="D2"><v>4.3</v></c></row>'
)


def test_a_hundred_thousand_empty_formatted_rows(plan, tmp_path):
    template = write_book(tmp_path / "t.xlsx", [["x"]])
    empty = b"".join(
        b'<row r="%d" s="1" customFormat="1" ht="15" customHeight="1">'
        b'<c r="A%d" s="1"/><c r="D%d" s="1"/></row>' % (r, r, r)
        for r in range(3, 100_003)
    )
    path = _with_sheet_xml(template, tmp_path / "f.xlsx", _SHEET % (_HEAD + empty))
    tracemalloc.start()
    try:
        result, rows = read(plan, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert where(result) == []
    assert result.rows == 1 and len(rows) == 1
    assert peak < 40 * 2**20, peak  # memory for the rows, never the sheet


def test_a_sheet_sixteen_thousand_columns_wide(plan, tmp_path):
    template = write_book(tmp_path / "t.xlsx", [["x"]])
    wide = b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>?</t></is></c></row>'
    formatted = (
        b'<row r="4">'
        + b"".join(b'<c r="%s4" s="1"/>' % _col(c).encode() for c in range(1, 16_385))
        + b"</row>"
    )
    path = _with_sheet_xml(template, tmp_path / "f.xlsx", _SHEET % (_HEAD + wide + formatted))
    result, _rows = read(plan, path)
    # A value far right of the header is past the column cap (issue 26: a row 16,384
    # cells long, times every row, is what exhausts memory); empty cells are not.
    assert where(result) == [(3, None, "workbook-too-many-columns")]
    assert result.issues[0].params == {"cell": "XFD3", "max": 1024}


def _col(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


@pytest.mark.parametrize(
    "body",
    [
        b'<row r="0"><c r="A0"><v>1</v></c></row>',  # row 0
        b'<row r="99999999"><c r="A1"><v>1</v></c></row>',  # past Excel's last row
        b'<row r="3"><c r="AAAA3"><v>1</v></c></row>',  # past the last column
        b'<row r="3"><c r="A3" t="s"><v>99</v></c></row>',  # a shared string not there
        b'<row r="3"><c r="A3"><v>1</v></row>',  # broken XML
    ],
)
def test_a_damaged_sheet_is_an_error_not_a_traceback(plan, tmp_path, body):
    template = write_book(tmp_path / "t.xlsx", [["x"]])
    path = _with_sheet_xml(template, tmp_path / "f.xlsx", _SHEET % (_HEAD + body))
    result, _ = read(plan, path)
    assert "unreadable-workbook" in [i.code for i in result.issues]
    assert not result.ok


def test_seeded_fuzz_of_a_real_workbook(plan, tmp_path):
    """Byte mutations of a filled form, both of the file and of the XML inside it: every
    outcome is issues or values, never an exception."""
    source = Path(__file__).parent / "data" / "codes" / "hidden-rows.xlsx"
    original = source.read_bytes()
    members = {}
    with zipfile.ZipFile(source) as z:
        for name in z.namelist():
            members[name] = z.read(name)
    rng = random.Random(13)
    path = tmp_path / "fuzz.xlsx"
    outcomes = set()
    for n in range(300):
        if n % 2:
            data = bytearray(original)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        else:
            # Mutate one XML part and zip it again, so the parser, not the ZIP check, sees it.
            name = rng.choice(sorted(members))
            part = bytearray(members[name])
            for _ in range(rng.randint(1, 4)):
                at = rng.randrange(len(part))
                part[at : at + rng.randint(0, 3)] = bytes(
                    rng.choice(b'<>"/= 0123456789abcrstv') for _ in range(rng.randint(0, 3))
                )
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
                for other, content in members.items():
                    z.writestr(other, bytes(part) if other == name else content)
            data = bytearray(buf.getvalue())
        path.write_bytes(bytes(data))
        result, _ = read(plan, path)
        outcomes.add(result.ok)
        assert all(i.code for i in result.issues)
    assert outcomes == {True, False}  # some mutations are harmless, some are not


@pytest.mark.skipif(not os.path.exists("/dev/stdin"), reason="no /dev/stdin here")
def test_a_workbook_through_a_pipe(tmp_path):
    # `kehoach validate /dev/stdin < form.xlsx`: read once, from a copy, like a file.
    import subprocess
    import sys

    path = write_book(tmp_path / "f.xlsx", [HEADER, ["CC-THUE", "KT04", "2020-03", 1.2]])
    root = Path(__file__).resolve().parent.parent
    with open(path, "rb") as stdin:
        options = ["--plan", str(root / "plan2020.yaml"), "--data", str(tmp_path / "none")]
        proc = subprocess.run(
            [sys.executable, "-m", "kehoach", "validate", "/dev/stdin", "--json", *options],
            stdin=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
    assert proc.returncode == 0, proc.stderr
    assert '"rows": 1' in proc.stdout and '"ok": true' in proc.stdout


def test_a_broken_quote_among_title_rows_keeps_row_one_as_the_header(plan, tmp_path):
    # The search for the header stops at a row csv cannot read; the file is then read as
    # before title rows were looked for: row 1 the header, the broken row reported.
    path = tmp_path / "f.csv"
    path.write_bytes(
        b'Bao cao\n"x"y;1\ndon_vi;ma_chi_tieu;thang;gia_tri\nCC-THUE;KT04;2020-03;4,3\n'
    )
    result, _ = read(plan, path)
    codes = [(i.row, i.code) for i in result.issues]
    assert (2, "bad-quotes") in codes
    assert "title-rows" not in [c for _, c in codes]
    assert any(c == "missing-column" for _, c in codes)
