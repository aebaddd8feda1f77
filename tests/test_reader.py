"""Every reading rule of docs/contract.md ("Submission CSV") on a real file in tests/data/read.

Each test reads a checked-in fixture (written byte for byte: BOM, CRLF, `;`, NFD text) and
asserts the values read, not just that nothing went wrong: the values stored in the dataset
(with the row each came from), the rows ``read_file(collect=...)`` hands to ``submit``
(exact decimals and notes), and the exact issues with their rows and columns.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from kehoach.core.dataset import to_decimal
from kehoach.read.checks import CheckContext
from kehoach.read.files import read_file

TEST_DATA = Path(__file__).resolve().parent / "data"
READ = TEST_DATA / "read"
CODES = TEST_DATA / "codes"
BOM = b"\xef\xbb\xbf"
NOTE = "ảnh hưởng dịch COVID-19"
# What every "same content, different shape" fixture holds: (row, unit, indicator, month,
# value) in the dataset, and (unit, indicator, month, value, note) collected.
KT04_VALUES = [
    (2, "CC-THUE", "KT04", 3, Decimal("4.3")),
    (3, "CC-THUE", "KT04", 4, Decimal("5.1")),
]
KT04_ROWS = [
    ("CC-THUE", "KT04", 3, Decimal("4.3"), NOTE),
    ("CC-THUE", "KT04", 4, Decimal("5.1"), ""),
]
SHAPES = [
    "utf8-bom.csv",
    "utf8-no-bom.csv",
    "crlf.csv",
    "semicolon.csv",
    "headers-diacritics.csv",
    "headers-upper.csv",
    "headers-spaces.csv",
    "headers-nfd.csv",
    "headers-english.csv",
    "headers-any-order.csv",
    "headers-english-any-order.csv",
]


def read(plan, path: Path, *, unit: str | None = None, month: int | None = None, fast=True):
    """Read one file; return the result and the values it stored, in row order.

    Values come from the dataset as ``(row, unit, indicator, month, value)`` with codes
    instead of indices; ``collected`` gives the reader's accepted rows instead.
    """
    result = read_file(path, _ctx(plan, unit, month), fast=fast)
    values = sorted(
        (row, plan.units[u].code, plan.indicators[i].code, m, to_decimal(v))
        for u, i, m, v, _, row in result.values.filled()
    )
    return result, values


def collected(plan, path: Path, *, unit: str | None = None, month: int | None = None):
    """The rows ``read_file(collect=...)`` accepted: (unit, indicator, month, value, note)."""
    rows: list = []
    read_file(path, _ctx(plan, unit, month), collect=rows)
    return [(plan.units[u].code, plan.indicators[i].code, m, v, n) for u, i, m, v, n, *_ in rows]


def _ctx(plan, unit: str | None, month: int | None) -> CheckContext:
    return CheckContext(plan, unit=plan.unit_index[unit] if unit else None, month=month)


def where(result) -> list[tuple[int | None, str | None, str]]:
    return [(i.row, i.column, i.code) for i in result.issues]


# ------------------------------------------------------------------ encodings, delimiters


def test_fixtures_have_the_bytes_they_are_named_after():
    """Guard against an editor or git quietly normalising a fixture."""
    assert (READ / "utf8-bom.csv").read_bytes().startswith(BOM)
    assert not (READ / "utf8-no-bom.csv").read_bytes().startswith(BOM)
    for name in ("utf8-bom.csv", "utf8-no-bom.csv", "semicolon.csv", "headers-upper.csv"):
        assert b"\r" not in (READ / name).read_bytes(), name
    crlf = (READ / "crlf.csv").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") == 3
    assert (READ / "semicolon.csv").read_bytes().split(b"\n")[0].count(b";") == 4
    nfd = (READ / "headers-nfd.csv").read_text(encoding="utf-8").split("\n")[0]
    assert nfd == unicodedata.normalize("NFD", nfd) != unicodedata.normalize("NFC", nfd)
    excel = (TEST_DATA / "cli" / "excel-vn-clean.csv").read_bytes()
    assert excel.startswith(BOM) and b"\r\n" in excel and b";" in excel


@pytest.mark.parametrize("name", SHAPES)
def test_same_values_whatever_the_file_shape(plan, name):
    result, values = read(plan, READ / name)
    assert where(result) == []
    assert result.rows == 2
    assert values == KT04_VALUES


@pytest.mark.parametrize("name", SHAPES)
def test_same_rows_and_notes_collected_whatever_the_file_shape(plan, name):
    assert collected(plan, READ / name) == KT04_ROWS


def test_comma_file_with_quoted_decimal_commas(plan):
    result, values = read(plan, READ / "comma-quoted-decimal.csv")
    assert where(result) == []
    assert values == KT04_VALUES


def test_comma_file_with_quoted_decimal_commas_keeps_the_quoted_note(plan):
    assert collected(plan, READ / "comma-quoted-decimal.csv") == [
        ("CC-THUE", "KT04", 3, Decimal("4.3"), "ảnh hưởng dịch, COVID-19"),
        ("CC-THUE", "KT04", 4, Decimal("5.1"), ""),
    ]


def test_bom_is_not_part_of_the_first_header(plan):
    """With a BOM the first column must still be recognised (no missing-column don_vi)."""
    result, values = read(plan, READ / "utf8-bom.csv")
    assert "missing-column" not in [i.code for i in result.issues]
    assert values[0][1] == "CC-THUE"


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(plan):
    # header, value, ";;;;", "", ";;", value, ";;;;": the second value is on row 6
    result, values = read(plan, READ / "blank-rows.csv")
    assert where(result) == []
    assert result.rows == 2
    assert values == [
        (2, "CC-THUE", "KT04", 3, Decimal("4.3")),
        (6, "CC-THUE", "KT04", 4, Decimal("5.1")),
    ]


def test_row_of_spaces_is_blank(plan):
    result, values = read(plan, READ / "whitespace-only-row.csv")
    assert where(result) == []
    assert result.rows == 1
    assert values == [(2, "CC-THUE", "KT04", 3, Decimal("4.3"))]


def test_cr_only_line_ends_do_not_crash(plan, tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"don_vi;ma_chi_tieu;thang;gia_tri\rCC-THUE;KT04;2020-03;4,3\r")
    result, values = read(plan, path)
    # Either read like CRLF, or refused as a whole-file problem; never an exception.
    read_ok = result.ok and values == [(2, "CC-THUE", "KT04", 3, Decimal("4.3"))]
    assert read_ok or where(result) == [(None, None, "not-a-csv")]


# ------------------------------------------------------------------------------ numbers

# (row, unit, indicator, month, value read); the cell as written is in the comment
NUMBER_VALUES = [
    (2, "BAC-HONG", "KT06", 1, "74.4"),  # 74.4
    (3, "BAC-HONG", "KT06", 2, "74.4"),  # 74,4
    (4, "BAC-HONG", "KT06", 3, "1080"),  # 1080
    (5, "BAC-HONG", "KT06", 4, "1080"),  # 1.080 (warned)
    (6, "BAC-HONG", "KT06", 5, "1080.5"),  # 1.080,5
    (7, "BAC-HONG", "KT06", 6, "1080.5"),  # 1,080.5
    (8, "BAC-HONG", "KT06", 7, "12190"),  # 12 190
    (9, "BAC-HONG", "KT06", 8, "2190"),  # 2<NBSP>190
    (10, "BAC-HONG", "KT06", 9, "1.1250"),  # 1,1250: the fourth decimal
    (11, "BAC-HONG", "KT06", 10, "12.5"),  # " 12,5 "
    (12, "P-TNMT", "KT07", 3, "98.5"),  # 98,5%
    (13, "P-TNMT", "KT07", 4, "98.5"),  # 98,5 %
    (14, "CC-TK", "KT01", 3, "-3.5"),  # -3,5 where the range allows negatives
    (15, "BAC-HONG", "KT05", 1, "0"),  # 0
]


def test_numbers_are_read_by_the_vietnamese_first_rule(plan):
    result, values = read(plan, READ / "numbers.csv")
    assert values == [(r, u, i, m, Decimal(v)) for r, u, i, m, v in NUMBER_VALUES]
    # 1.080 is read as 1080 and said so; 12190 t in one ward's month is unusual.
    assert where(result) == [(5, "gia_tri", "thousands-dot"), (8, "gia_tri", "unusual-value")]
    dot = result.issues[0]
    assert dot.params["value"] == "1.080" and dot.params["read"] == "1080"
    assert dot.message("vi") == "“1.080” được đọc là 1080 (dấu chấm phân cách hàng nghìn)."
    # how to write it if it was a decimal, and a real three-decimal value
    assert dot.hint("vi") == (
        "Nếu đây là số thập phân, hãy ghi 1,08; muốn giữ đúng 3 chữ số thập phân "
        "thì thêm chữ số 0 thứ tư (1,0800)."
    )
    assert dot.hint("en") == (
        "If this is a decimal, write 1.08; to keep exactly three decimals, add a "
        "fourth zero (1.0800)."
    )
    assert result.ok


@pytest.mark.parametrize(
    ("text", "short", "fourth"),
    [
        ("1.080", "1.08", "1.0800"),
        ("12.190", "12.19", "12.1900"),
        ("1.255", "1.2550", "1.2550"),
        ("-3.500", "-3.5", "-3.5000"),
        ("1.000", "1", "1.0000"),
        ("1.080 %", "1.08", "1.0800"),
    ],
)
def test_a_dot_read_as_thousands_says_how_to_write_the_decimal(text, short, fourth):
    from kehoach.read.checks import _decimal_reading

    assert _decimal_reading(text, ".") == {
        "decimal_en": short,
        "decimal_vi": short.replace(".", ","),
        "fourth_en": fourth,
        "fourth_vi": fourth.replace(".", ","),
    }


def test_numbers_are_collected_as_exact_decimals(plan):
    rows = collected(plan, READ / "numbers.csv")
    assert [(u, i, m, v) for u, i, m, v, *_ in rows] == [
        (u, i, m, Decimal(v)) for _, u, i, m, v in NUMBER_VALUES
    ]
    # The written precision is kept: 1,1250 stays 1.1250 (format_canonical writes it back).
    assert str(rows[8][3]) == "1.1250"


def test_one_comma_three_digits_is_ambiguous_and_not_stored(plan):
    result, values = read(plan, CODES / "ambiguous-number.csv")
    assert where(result) == [(2, "gia_tri", "ambiguous-number")]
    assert values == []
    assert collected(plan, CODES / "ambiguous-number.csv") == []
    issue = result.issues[0]
    assert issue.message("vi") == "“1,080” không rõ nghĩa: có thể là 1080 hoặc 1,08."
    assert issue.message("en") == "“1,080” is ambiguous: it could be 1080 or 1.08."
    assert "Ghi 1080" in issue.hint("vi") and "1,08" in issue.hint("vi")


# ------------------------------------------------------------------------------- months


def test_every_month_form_reads_as_march(plan):
    result, values = read(plan, READ / "months.csv")
    assert where(result) == []
    assert values == [
        (2, "BAC-HONG", "KT05", 3, Decimal(1)),  # 2020-03
        (3, "NAM-HONG", "KT05", 3, Decimal(2)),  # 03/2020
        (4, "DUC-THUAN", "KT05", 3, Decimal(3)),  # 3/2020
        (5, "TRUNG-LUONG", "KT05", 3, Decimal(4)),  # T3/2020
        (6, "DAU-LIEU", "KT05", 3, Decimal(5)),  # Tháng 3/2020
        (7, "THUAN-LOC", "KT05", 3, Decimal(6)),  # 01/03/2020 (day first)
        (8, "BAC-HONG", "KT06", 3, Decimal(7)),  # 2020-03-01
        (9, "NAM-HONG", "KT06", 3, Decimal(8)),  # tháng 3/2020
        (10, "DUC-THUAN", "KT06", 3, Decimal(9)),  # THANG 3/2020
    ]


# ------------------------------------------------------------- empty values and options


def test_empty_value_is_not_reported_not_an_error(plan):
    result, values = read(plan, READ / "empty-value.csv")
    assert where(result) == []
    assert result.rows == 3
    assert values == [(3, "BHXH", "XH03", 3, Decimal("32.2"))]  # nothing for XH02
    assert collected(plan, READ / "empty-value.csv") == [
        ("BHXH", "XH02", 3, None, "chưa có số liệu"),
        ("BHXH", "XH03", 3, Decimal("32.2"), ""),
        ("BHXH", "XH02", 4, None, ""),
    ]


def test_options_fill_absent_unit_and_month_columns(plan):
    path = READ / "no-unit-month-columns.csv"
    result, values = read(plan, path, unit="BHXH", month=3)
    assert where(result) == []
    assert values == [
        (2, "BHXH", "XH02", 3, Decimal("90.9")),
        (3, "BHXH", "XH03", 3, Decimal("32.2")),
    ]
    assert collected(plan, path, unit="BHXH", month=3) == [
        ("BHXH", "XH02", 3, Decimal("90.9"), ""),
        ("BHXH", "XH03", 3, Decimal("32.2"), ""),
    ]


def test_without_options_absent_columns_are_missing(plan):
    result, values = read(plan, READ / "no-unit-month-columns.csv")
    assert where(result) == [(1, "don_vi", "missing-column"), (1, "thang", "missing-column")]
    assert values == []
    assert result.rows == 2  # counted for the verdict even though they cannot be read
    unit_hint, month_hint = (i.hint("vi") for i in result.issues)
    assert "--unit" in unit_hint and "--month" in month_hint


def test_only_the_missing_option_is_needed(plan):
    result, _ = read(plan, READ / "no-unit-month-columns.csv", unit="BHXH")
    assert where(result) == [(1, "thang", "missing-column")]
    result, _ = read(plan, READ / "no-unit-month-columns.csv", month=3)
    assert where(result) == [(1, "don_vi", "missing-column")]


def test_options_fill_blank_cells_and_agree_with_matching_ones(plan):
    # Row 3 says "bhxh" and "03/2020": the same as --unit BHXH --month 2020-03.
    path = READ / "blank-unit-month-cells.csv"
    result, values = read(plan, path, unit="BHXH", month=3)
    assert where(result) == []
    assert values == [
        (2, "BHXH", "XH02", 3, Decimal("90.9")),
        (3, "BHXH", "XH03", 3, Decimal("32.2")),
    ]
    assert collected(plan, path, unit="BHXH", month=3)[2] == ("BHXH", "XH02", 3, None, "")


def test_blank_cells_without_options_are_row_errors(plan):
    result, values = read(plan, READ / "blank-unit-month-cells.csv")
    assert where(result) == [
        (2, "don_vi", "missing-unit"),
        (2, "thang", "missing-month"),
        (4, "thang", "missing-month"),
    ]
    assert values == [(3, "BHXH", "XH03", 3, Decimal("32.2"))]


def test_row_that_disagrees_with_unit_option(plan):
    result, values = read(plan, CODES / "unit-mismatch.csv", unit="CC-THUE")
    assert where(result) == [(3, "don_vi", "unit-mismatch")]
    assert values == [(2, "CC-THUE", "KT04", 3, Decimal("4.3"))]
    assert result.issues[0].params == {"value": "BHXH", "expected": "CC-THUE"}


def test_row_that_disagrees_with_month_option(plan):
    result, values = read(plan, CODES / "month-mismatch.csv", month=3)
    assert where(result) == [(3, "thang", "month-mismatch")]
    assert values == [(2, "CC-THUE", "KT04", 3, Decimal("4.3"))]
    assert result.issues[0].params == {"value": "2020-04", "expected": "2020-03"}


# ------------------------------------------------------------------------------ columns


def test_informational_columns_are_ignored_silently(plan):
    result, values = read(plan, READ / "informational-columns.csv")
    assert where(result) == []
    assert values == [(2, "CC-THUE", "KT04", 3, Decimal("4.3"))]


def test_excel_template_columns_with_diacritics_are_ignored_silently(plan):
    result, values = read(plan, TEST_DATA / "cli" / "excel-vn-clean.csv")
    assert where(result) == []
    assert values == [
        (2, "CC-THUE", "KT04", 3, Decimal("4.3")),
        (3, "BHXH", "XH02", 3, Decimal("90.9")),
        (4, "BHXH", "XH03", 3, Decimal("32.2")),
        (5, "P-TNMT", "KT07", 3, Decimal("98.6")),
        (6, "BAC-HONG", "KT06", 3, Decimal("1250.5")),
    ]


def test_other_unknown_columns_are_a_warning_and_the_row_still_counts(plan):
    result, values = read(plan, CODES / "unknown-column.csv")
    assert where(result) == [(1, None, "unknown-column")]
    assert not result.issues[0].is_error
    assert result.issues[0].params["header"] == "nguoi_lap"
    assert values == [(2, "CC-THUE", "KT04", 3, Decimal("4.3"))]


def test_unit_and_indicator_codes_match_case_insensitively(plan):
    result, values = read(plan, READ / "codes-any-case.csv")
    assert where(result) == []
    assert values == [
        (2, "CC-THUE", "KT04", 3, Decimal("4.3")),
        (3, "BHXH", "XH02", 3, Decimal("90.9")),
        (4, "BHXH", "XH03", 3, Decimal("32.2")),
    ]


# ----------------------------------------------------------------- files that are refused


def test_windows_1258_file_is_refused_not_decoded_into_garbage(plan):
    raw = (CODES / "not-utf8.csv").read_bytes()
    assert "Đơn vị" in unicodedata.normalize("NFC", raw.decode("cp1258"))  # a real 1258 file
    result, values = read(plan, CODES / "not-utf8.csv")
    assert where(result) == [(None, None, "not-utf8")]
    assert values == [] and result.rows == 0
    assert "CSV UTF-8" in result.issues[0].hint("vi")
    assert "CSV UTF-8" in result.issues[0].hint("en")


def test_non_utf8_bytes_after_the_sniffed_head_are_still_refused(plan, tmp_path):
    head = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
    # Empty values: nothing stored, so no duplicate keys, just bytes before the bad ones.
    filler = "".join(f"BAC-HONG,KT06,2020-01,,ghi chú {n}\n" for n in range(2500))
    data = (head + filler).encode("utf-8")
    assert len(data) > 64 * 1024
    path = tmp_path / "late-1258.csv"
    path.write_bytes(data + "CC-THUE,KT04,2020-03,4.3,ảnh hưởng\n".encode("cp1258", "replace"))
    result, _ = read(plan, path)
    assert (None, None, "not-utf8") in where(result)
    assert not result.ok


def test_a_character_split_by_the_sniff_window_is_not_an_encoding_error(plan, tmp_path):
    head = b"don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
    row = b"CC-THUE,KT04,2020-03,4.3,"
    pad = 64 * 1024 - len(head) - len(row) - 1  # "ệ" (3 bytes) starts 1 byte before the end
    path = tmp_path / "split.csv"
    path.write_bytes(head + row + b"x" * pad + "ệ".encode() + b"\n")
    result, values = read(plan, path)
    assert where(result) == []
    assert values == [(2, "CC-THUE", "KT04", 3, Decimal("4.3"))]
    assert collected(plan, path)[0][4].endswith("xệ")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("not-a-csv.csv", "binary"),
        ("not-a-csv--utf16.csv", "UTF-16, Unicode Text"),
    ],
)
def test_spreadsheets_and_binary_files_are_not_csv(plan, name, kind):
    result, values = read(plan, CODES / name)
    assert where(result) == [(None, None, "not-a-csv")]
    assert result.issues[0].params == {"kind": kind}
    assert values == []


@pytest.mark.parametrize("name", ["empty-file.csv", "empty-file--bom-only.csv"])
def test_empty_file(plan, name):
    result, _ = read(plan, CODES / name)
    assert where(result) == [(None, None, "empty-file")]


@pytest.mark.parametrize("name", ["no-data-rows.csv", "no-data-rows--blank-rows.csv"])
def test_header_only(plan, name):
    result, _ = read(plan, CODES / name)
    assert where(result) == [(None, None, "no-data-rows")]
    assert result.rows == 0


def test_ragged_rows_are_each_reported_and_the_rest_is_read(plan):
    result, values = read(plan, CODES / "bad-row-length.csv")
    assert where(result) == [(3, None, "bad-row-length"), (4, None, "bad-row-length")]
    assert [i.params for i in result.issues] == [
        {"cells": 6, "columns": 5},
        {"cells": 3, "columns": 5},
    ]
    assert values == [
        (2, "CC-THUE", "KT04", 3, Decimal("4.3")),
        (5, "CC-THUE", "KT04", 6, Decimal("4.9")),
    ]
    assert result.rows == 4


def test_a_folder_given_as_a_file_is_not_a_csv(plan, tmp_path):
    result, _ = read(plan, tmp_path)
    assert where(result) == [(None, None, "not-a-csv")]


# ------------------------------------------------------------ fast path = slow path here


@pytest.mark.parametrize(
    "path",
    sorted(READ.glob("*.csv")) + sorted(CODES.glob("*.csv")),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_fast_and_slow_paths_agree_on_every_fixture(plan, path):
    fast, fast_values = read(plan, path, fast=True)
    slow, slow_values = read(plan, path, fast=False)
    assert fast.issues == slow.issues
    assert [i.message("vi") for i in fast.issues] == [i.message("vi") for i in slow.issues]
    assert fast_values == slow_values
    assert fast.rows == slow.rows


def test_an_empty_value_in_an_off_cycle_month_is_not_warned_about(plan, tmp_path):
    # Nothing was sent, so there is nothing to say about the month it was sent in.
    path = tmp_path / "empty-off-cycle.csv"
    path.write_bytes(
        b"don_vi,ma_chi_tieu,thang,gia_tri\nP-TCKH,KT03,2020-02,\nP-TCKH,KT03,2020-04,250\n"
    )
    result = read_file(path, CheckContext(plan))
    assert [(i.row, i.code) for i in result.issues] == [(3, "off-cycle-value")]


def test_values_read_row_by_row_from_several_files_keep_their_file(plan, tmp_path):
    # Keys that change on every row take the reader's row-by-row store; once a second
    # file has been read into the dataset, each value must still name its own file.
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("don_vi,ma_chi_tieu,thang,gia_tri\nBHXH,XH02,2020-03,90\n", "utf-8")
    second.write_text(
        "don_vi,ma_chi_tieu,thang,gia_tri\n"
        "CC-THUE,KT04,2020-03,5\nBHXH,XH03,2020-03,30\nCC-THUE,KT04,2020-04,6\n"
        "BHXH,XH02,2020-03,91\n",
        "utf-8",
    )
    ctx = CheckContext(plan)
    a = read_file(first, ctx, label="a.csv")
    b = read_file(second, ctx, a.values, label="b.csv")
    files = {
        (plan.units[u].code, plan.indicators[i].code, m): (a.values.files[f], row)
        for u, i, m, _, f, row in b.values.filled()
    }
    assert files == {
        ("BHXH", "XH02", 3): ("a.csv", 2),
        ("BHXH", "XH03", 3): ("b.csv", 3),
        ("CC-THUE", "KT04", 3): ("b.csv", 2),
        ("CC-THUE", "KT04", 4): ("b.csv", 4),
    }
    conflict = [i for i in b.issues if i.code == "conflict"]
    assert [(i.row, i.params["other_file"], i.params["other_row"]) for i in conflict] == [
        (5, "a.csv", 2)
    ]


def test_files_read_with_one_context_each_get_their_own_header_issues(plan, tmp_path):
    # A header that mapped cleanly is remembered for the next files of the context (a data
    # folder's files share it); one with an issue is mapped, and reported, every time.
    clean = "don_vi,ma_chi_tieu,thang,gia_tri\nCC-THUE,KT04,2020-09,7.4\n"
    odd = "don_vi,ma_chi_tieu,thang,gia_tri,cot_la\nCC-THUE,KT04,2020-09,7.4,x\n"
    no_unit = "ma_chi_tieu,thang,gia_tri\nKT04,2020-09,7.4\n"
    paths = {}
    for name, body in [("a", clean), ("b", odd), ("c", clean), ("d", odd), ("e", no_unit)]:
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(body, encoding="utf-8")
    ctx = CheckContext(plan)
    got = {name: [(i.row, i.code) for i in read_file(p, ctx).issues] for name, p in paths.items()}
    assert got == {
        "a": [],
        "b": [(1, "unknown-column")],
        "c": [],
        "d": [(1, "unknown-column")],
        "e": [(1, "missing-column")],
    }
    # The same header without a unit column is fine where --unit stands in for it.
    with_unit = CheckContext(plan, unit=plan.unit_index["CC-THUE"])
    assert read_file(paths["e"], with_unit).issues == []
    assert read_file(paths["a"], with_unit).ok
