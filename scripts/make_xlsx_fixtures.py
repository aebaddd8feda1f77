"""Write the workbook fixtures of tests/data (run from the repository root).

Byte-stable: the workbook properties carry a fixed time, so running this again gives the
same files (openpyxl otherwise stamps the time of writing). What each file must yield is
in tests/test_checks.py (CASES) and tests/test_xlsx.py.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook

CODES = Path("tests/data/codes")
HEADER = ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"]


def save(wb: Workbook, path: Path) -> None:
    # kehoach's own byte-stable save: fixed properties and ZIP entry times.
    from kehoach.render.xlsx import workbook_bytes

    path.write_bytes(workbook_bytes(wb))
    print(path)


def sheet(wb: Workbook, title: str, rows: list[list]):
    """A sheet of these rows from row 1: the workbook's first, or a new one."""
    ws = wb.active if wb.active.title == "Sheet" else wb.create_sheet(title)
    ws.title = title
    for row in rows:
        ws.append(row)
    return ws


def caps() -> None:
    """The workbooks past each cap of kehoach.read.xlsx (issue codes workbook-*); small on
    disk, for what they hold compresses to almost nothing."""
    from kehoach.read.xlsx import XLSX_CELL_MAX, XLSX_COLUMNS_MAX, XLSX_PART_MAX, XLSX_ROWS_MAX

    row = ["CC-THUE", "KT04", "2020-03", 4.3, ""]
    wb = Workbook()
    ws = sheet(wb, "Số liệu", [HEADER, row])
    ws.cell(XLSX_ROWS_MAX + 1, 1, "CC-THUE")
    save(wb, CODES / "workbook-too-many-rows.xlsx")

    wb = Workbook()
    ws = sheet(wb, "Số liệu", [HEADER, row])
    ws.cell(2, XLSX_COLUMNS_MAX + 1, "x")
    save(wb, CODES / "workbook-too-many-columns.xlsx")

    wb = Workbook()
    ws = sheet(wb, "Số liệu", [HEADER, row])
    ws.merge_cells("A3:E60000")  # 299,995 cells: past the merged-area cap
    save(wb, CODES / "workbook-merge-too-large.xlsx")

    # A cell past the size cap (openpyxl itself cuts a cell at Excel's 32,767 characters).
    wb = Workbook()
    sheet(wb, "Số liệu", [HEADER, [*row[:4], "NOTE"]])
    big = b"<t>" + b"x" * (XLSX_CELL_MAX + 1) + b"</t>"
    _rewrite(wb, CODES / "workbook-cell-too-large.xlsx", b"<t>NOTE</t>", big)

    # A sheet part past its cap once inflated: a comment of spaces in its XML.
    wb = Workbook()
    sheet(wb, "Số liệu", [HEADER, row])
    pad = b"<!--" + b" " * XLSX_PART_MAX + b"--><sheetData>"
    _rewrite(wb, CODES / "workbook-too-large.xlsx", b"<sheetData>", pad)


def _rewrite(wb: Workbook, path: Path, old: bytes, new: bytes) -> None:
    """Save ``wb`` with ``old`` replaced by ``new`` in its first sheet's XML."""
    raw = io.BytesIO(_bytes(wb))
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(old, new)
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())
    print(path)


def _bytes(wb: Workbook) -> bytes:
    from kehoach.render.xlsx import workbook_bytes

    return workbook_bytes(wb)


def main() -> None:
    wb = Workbook()
    sheet(wb, "Số liệu", [HEADER, ["CC-THUE", "KT04", "2020-03", 4.3, ""]])
    sheet(wb, "Bản sao", [HEADER, ["CC-THUE", "KT04", "2020-03", 4.3, ""]])
    save(wb, CODES / "several-sheets.xlsx")

    wb = Workbook()
    sheet(wb, "Số liệu", [HEADER, ["CC-THUE", "KT04", "2020-03", "=2+2.3", ""]])
    save(wb, CODES / "formula-no-value.xlsx")

    wb = Workbook()
    ws = sheet(
        wb,
        "Số liệu",
        [HEADER, ["CC-THUE", "KT04", "2020-03", 4.3, ""], ["BHXH", "XH02", "2020-03", 85, ""]],
    )
    ws.row_dimensions[3].hidden = True
    save(wb, CODES / "hidden-rows.xlsx")

    wb = Workbook()
    sheet(
        wb,
        "Số liệu",
        [["BÁO CÁO SỐ LIỆU THÁNG 3/2020"], [], HEADER, ["CC-THUE", "KT04", "2020-03", 4.3, ""]],
    )
    save(wb, CODES / "title-rows--xlsx.xlsx")
    (CODES / "title-rows.csv").write_bytes(
        "BÁO CÁO SỐ LIỆU THÁNG 3/2020\r\n"
        "don_vi;ma_chi_tieu;thang;gia_tri;ghi_chu\r\n"
        "CC-THUE;KT04;2020-03;4,3;\r\n".encode()
    )

    # Percent cells as Excel and LibreOffice write them (builtin 0% and 0.00%, and the
    # custom code a Vietnamese locale shows as 0,00%), on indicators not measured in %;
    # one on a % indicator (KT07), read as today.
    wb = Workbook()
    ws = sheet(
        wb,
        "Số liệu",
        [
            HEADER,
            ["P-LDTBXH", "XH04", "2020-03", 0.18, ""],
            ["CC-THUE", "KT04", "2020-03", 0.043, ""],
            ["CC-TK", "KT02", "2020-03", 0.5, ""],
            ["P-TNMT", "KT07", "2020-03", 0.985, ""],
        ],
    )
    for row, fmt in ((2, "0%"), (3, "0.00%"), (4, "0,00%"), (5, "0.0%")):
        ws.cell(row, 4).number_format = fmt
    save(wb, CODES / "percent-not-allowed--xlsx.xlsx")

    # A count typed '1.200' in a spreadsheet set to English: the number 1.2.
    wb = Workbook()
    sheet(wb, "Số liệu", [HEADER, ["P-LDTBXH", "XH04", "2020-03", 1.2, ""]])
    save(wb, CODES / "not-whole--xlsx.xlsx")

    # A month typed 1/3/2020, saved as CSV by LibreOffice: the date with a two-digit year.
    wb = Workbook()
    sheet(wb, "Số liệu", [HEADER, ["CC-THUE", "KT04", "01/03/20", 4.3, ""]])
    save(wb, CODES / "two-digit-year--xlsx.xlsx")

    # Ten times last year's same month: a warning naming the history compared with.
    wb = Workbook()
    sheet(
        wb,
        "Số liệu",
        [HEADER, ["P-TCKH", "KT03", "2019-03", 60, ""], ["P-TCKH", "KT03", "2020-03", 650, ""]],
    )
    save(wb, CODES / "implausible-value--xlsx.xlsx")

    # An estimate over the stored official figure (tests/data/stored): refused.
    wb = Workbook()
    sheet(
        wb,
        "Số liệu",
        [
            ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "uoc_tinh"],
            ["CC-THUE", "KT04", "2020-03", 4.5, "x"],
        ],
    )
    save(wb, CODES / "estimate-replaces-official--xlsx.xlsx")

    # An OpenDocument spreadsheet: a ZIP whose first entry is its mimetype.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=(2020, 1, 1, 0, 0, 0))
        z.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")
        info = zipfile.ZipInfo("content.xml", date_time=(2020, 1, 1, 0, 0, 0))
        z.writestr(info, "<office:document-content/>")
    (CODES / "unreadable-workbook--ods.ods").write_bytes(out.getvalue())

    # A password-protected .xlsx is an OLE file holding an EncryptedPackage stream: the
    # header and directory entries of one, with nothing encrypted in it.
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"):
        entry = name.encode("utf-16-le") + b"\x00\x00"
        ole += entry + bytes(128 - len(entry))
    (CODES / "unreadable-workbook--password.xlsx").write_bytes(bytes(ole))
    caps()


if __name__ == "__main__":
    main()
