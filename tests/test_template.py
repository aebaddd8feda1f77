"""``kehoach template``: the form a unit fills in, and its round trip back through submit."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, check_golden

from kehoach.render.form import template_csv

HEADER = "don_vi;ma_chi_tieu;ten_chi_tieu;don_vi_tinh;thang;gia_tri;ky_so_lieu;uoc_tinh;ghi_chu"


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the sample data (January–September)."""
    return Path(shutil.copytree(SAMPLE_DATA, tmp_path / "data"))


def test_ward_form_for_october_matches_golden(run, tmp_path):
    result = run("template", "DAU-LIEU", "--month", "2020-10", "--data", tmp_path)
    assert result.exit_code == 0
    data = result.stdout_bytes
    check_golden("template_DAU-LIEU_2020-10.csv", data)
    # written for Excel on a Vietnamese machine: BOM, ';', CRLF on every line
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    assert data.count(b"\r\n") == data.count(b"\n") == 4
    assert [r[:2] + r[4:] for r in rows_of(data)[1:]] == [
        # what the plan asks for: crops as lũy kế, jobs by the month
        ["DAU-LIEU", "KT05", "T10/2020", "", "lũy kế", "", ""],
        ["DAU-LIEU", "KT06", "T10/2020", "", "lũy kế", "", ""],
        ["DAU-LIEU", "XH04", "T10/2020", "", "tháng", "", ""],
    ]
    assert rows_of(data)[1][2:4] == ["Tổng diện tích gieo trồng cả năm", "ha"]


def test_only_indicators_due_that_month(plan):
    # June: monthly, quarterly and half-yearly indicators of the wards; December adds annual.
    june = [r[1] for r in rows_of(template_csv(plan, plan.unit_index["BAC-HONG"], 6))[1:]]
    assert june == ["KT05", "KT06", "XH04", "XH09"]
    dec = [r[1] for r in rows_of(template_csv(plan, plan.unit_index["BAC-HONG"], 12))[1:]]
    assert dec == ["KT05", "KT06", "XH04", "XH08", "XH09"]
    tk = [r[1] for r in rows_of(template_csv(plan, plan.unit_index["CC-TK"], 12))[1:]]
    assert tk == ["KT01", "KT02", "DT03"]


def test_english_names_with_lang_en(run, tmp_path):
    result = run("template", "CC-THUE", "--month", "2020-10", "--data", tmp_path, "--lang", "en")
    rows = rows_of(result.stdout_bytes)
    assert rows[0] == HEADER.split(";")  # the column names stay the canonical ones
    assert rows[1] == [
        "CC-THUE",
        "KT04",
        "Budget revenue (assigned collection)",
        "billion VND",
        "T10/2020",
        "",
        "ytd",  # the plan asks for the tax figure as the year to date
        "",
        "",
    ]


def test_default_month_is_the_one_after_the_latest_data(run, sample):
    result = run("template", "CC-THUE", "--data", sample)
    assert result.exit_code == 0
    assert rows_of(result.stdout_bytes)[1][4] == "T10/2020"
    assert "tháng 10/2020" in result.stderr


def test_default_month_without_data_is_january(run, tmp_path):
    missing = tmp_path / "nowhere"
    result = run("template", "CC-THUE", "--data", missing)
    assert result.exit_code == 0
    assert rows_of(result.stdout_bytes)[1][4] == "T1/2020"
    assert "tháng 1/2020" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert rows_of(run("template", "CC-THUE", "--data", empty).stdout_bytes)[1][4] == "T1/2020"


def test_default_month_after_december_stays_december():
    from kehoach.core.template import form_month

    assert form_month(12) == 12
    assert form_month(9) == 10
    assert form_month(None) == 1


def test_nothing_due_gives_a_header_only_form_and_a_note(run, tmp_path):
    result = run("template", "CC-TK", "--month", "2020-10", "--data", tmp_path)
    assert result.exit_code == 0
    assert result.stdout_bytes == b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n"
    note = " ".join(result.stderr.split())
    assert "CC-TK không có chỉ tiêu nào đến kỳ báo cáo trong tháng 10/2020" in note
    assert "3, 6, 9, 12" in note


def test_unknown_unit_lists_the_codes(run, tmp_path):
    result = run("template", "PHUONG-X", "--data", tmp_path)
    assert result.exit_code == 2
    assert "PHUONG-X" in result.stderr and "CC-THUE" in result.stderr
    assert result.stdout_bytes == b""


def test_output_file_and_confirmation(run, tmp_path):
    out = tmp_path / "forms" / "thue.csv"
    out.parent.mkdir()
    out.write_text("old")
    result = run(
        "template", "CC-THUE", "--month", "2020-10", "-o", out, "--data", tmp_path / "data"
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert rows_of(out.read_bytes())[1][1] == "KT04"
    # the file that was there is kept beside it, not overwritten; no temporary file left
    kept = [p for p in out.parent.iterdir() if p != out]
    assert [p.name[:9] for p in kept] == ["thue.csv."] and kept[0].suffix == ".bak"
    assert kept[0].read_text() == "old"
    said = " ".join(result.stderr.split())
    assert f"Đã ghi mẫu {out}: CC-THUE, tháng 10/2020, 1 chỉ tiêu cần điền." in said
    assert f"Bản cũ được giữ lại: {kept[0]}." in said
    # the same form again: nothing to keep
    again = run("template", "CC-THUE", "--month", "2020-10", "-o", out, "--data", tmp_path / "data")
    assert again.exit_code == 0 and "Bản cũ" not in again.stderr
    assert len(list(out.parent.iterdir())) == 2


def test_output_into_a_missing_folder_exit_2(run, tmp_path):
    result = run(
        "template", "CC-THUE", "-o", tmp_path / "no" / "x.csv", "--data", tmp_path / "data"
    )
    assert result.exit_code == 2
    assert "no" in result.stderr
    result = run("template", "CC-THUE", "-o", tmp_path, "--data", tmp_path / "data")
    assert result.exit_code == 2


def fill(form: bytes, values: dict[str, str]) -> bytes:
    """Fill the form as a clerk would in Excel, saved again as CSV UTF-8 with ';'."""
    rows = rows_of(form)
    for row in rows[1:]:
        row[5] = values.get(row[1], "")
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def test_round_trip_generate_fill_validate_submit_status(run, sample, tmp_path):
    form = run("template", "DAU-LIEU", "--data", sample).stdout_bytes  # October
    filled = tmp_path / "dau-lieu-t10.csv"
    # KT05 and KT06 are asked for as lũy kế: Đậu Liêu's year to date was 380 ha and
    # 1.350 t in August; 5,8 ha sown and 412,5 t harvested since.
    filled.write_bytes(fill(form, {"KT05": "385,8", "KT06": "1.762,5", "XH04": "9"}))

    result = run("validate", filled, "--data", sample)
    assert result.exit_code == 0, result.stdout
    before = json.loads(run("status", "--month", "2020-10", "--data", sample, "--json").stdout)

    result = run("submit", filled, "--data", sample)
    assert result.exit_code == 0, result.stdout
    assert (sample / "2020-10" / "DAU-LIEU.csv").read_text(encoding="utf-8").splitlines() == [
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu",
        "DAU-LIEU,KT05,2020-10,385.8,",
        "DAU-LIEU,KT06,2020-10,1762.5,",
        "DAU-LIEU,XH04,2020-10,9,",
    ]

    after = json.loads(run("status", "--month", "2020-10", "--data", sample, "--json").stdout)
    by_code = {i["code"]: i for i in after["indicators"]}
    old = {i["code"]: i for i in before["indicators"]}
    assert by_code["KT05"]["value"] == pytest.approx(old["KT05"]["value"] + 5.8)
    assert by_code["KT06"]["value"] == pytest.approx(old["KT06"]["value"] + 412.5)
    assert by_code["XH04"]["value"] == pytest.approx(old["XH04"]["value"] + 9)


def test_round_trip_on_an_empty_store_shows_the_exact_value(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    form = run("template", "CC-THUE", "--month", "2020-10", "--data", data).stdout_bytes
    filled = tmp_path / "thue.csv"
    filled.write_bytes(fill(form, {"KT04": "5,8"}))
    assert run("validate", filled, "--data", data).exit_code == 0
    assert run("submit", filled, "--data", data).exit_code == 0
    doc = json.loads(run("status", "--month", "2020-10", "--data", data, "--json").stdout)
    kt04 = next(i for i in doc["indicators"] if i["code"] == "KT04")
    assert kt04["value"] == 5.8


def test_an_unfilled_form_is_refused_by_validate_and_submit_alike(run, tmp_path):
    # Sent back without a figure: nothing to store, and storing it would make the real
    # form need --replace; validate says so before it is sent (one pipeline). With one
    # figure filled in, the empty row is stored with it.
    data = tmp_path / "data"
    data.mkdir()
    form = tmp_path / "form.csv"
    assert run("template", "BHXH", "--month", "2020-10", "-o", form, "--data", data).exit_code == 0
    checked = run("validate", form, "--data", data)
    assert checked.exit_code == 1 and "Tệp không có giá trị nào" in checked.stdout
    result = run("submit", form, "--data", data)
    assert result.exit_code == 1
    assert "Tệp không có giá trị nào" in result.stdout  # the no-values error, in its table
    assert result.stdout.rstrip().endswith("✘ Không lưu gì.")
    assert not (data / "2020-10").exists() and not (data / "_log.csv").exists()
    form.write_bytes(fill(form.read_bytes(), {"XH02": "91,5"}))
    result = run("submit", form, "--data", data)
    assert result.exit_code == 0
    assert "(1 giá trị, 1 dòng để trống, mới)" in result.stdout
