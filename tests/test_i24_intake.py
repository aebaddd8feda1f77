"""Issue 24: no silently wrong figure at the door.

Whole numbers on counts, percent cells from Excel and LibreOffice, months a spreadsheet
turned into dates with two-digit years, and the office's intake of many files and folders
in one ``submit`` / ``validate``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import PLAN_PATH, write_csv

from kehoach.read.checks import CheckContext, check_month
from kehoach.read.files import read_file
from kehoach.read.planfile import load_plan

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


def _validate(run, path: Path, *args: str, lang: str = "vi"):
    result = run("validate", path, "--json", "--lang", lang, "--data", path.parent / "none", *args)
    (doc,) = json.loads(result.stdout)["files"]
    return result.exit_code, doc


def _codes(doc) -> list[tuple[int | None, str]]:
    return [(i["row"], i["code"]) for i in doc["errors"] + doc["warnings"]]


# ------------------------------------------------------------------ 1. whole numbers


def test_indicators_counting_things_take_whole_numbers(plan):
    whole = {ind.code for ind in plan.indicators if ind.takes_whole}
    # people, criteria, streets, schools, villages/residential groups, wards: counts
    assert whole == {"DT01", "DT08", "XH04", "XH07", "XH08", "XH09", "QP02"}
    # milestones (stages), rates, amounts, areas, densities are not
    assert not {"DT05", "DT07", "KT04", "KT05", "XH02", "DT06"} & whole


def test_a_fraction_on_a_count_is_an_error_naming_the_english_spreadsheet(run, tmp_path):
    path = write_csv(
        tmp_path / "f.csv",
        HEADER + 'P-LDTBXH,XH04,2020-03,1.2,\nBAC-HONG,XH04,2020-03,"18,5",\n',
    )
    code, doc = _validate(run, path)
    assert code == 1
    assert _codes(doc) == [(2, "not-whole"), (3, "not-whole")]
    first, second = doc["errors"]
    assert first["message"] == "XH04 đếm bằng người, phải là số nguyên: “1.2” được đọc là 1,2."
    assert first["hint"].startswith("Có thể là 1.200: bảng tính đặt ngôn ngữ tiếng Anh")
    assert "ví dụ 1200" in first["hint"]
    # a decimal comma is the Vietnamese decimal: no thousands reading to suggest
    assert second["hint"] == "Ghi số nguyên, không dấu phân cách (ví dụ 18)."
    _, doc = _validate(run, path, lang="en")
    assert doc["errors"][0]["message"] == (
        "XH04 counts people and takes whole numbers: “1.2” reads as 1.2."
    )
    assert doc["errors"][0]["hint"].startswith("Perhaps 1.200 (1,200): a spreadsheet set to")


def test_a_thousands_dot_on_a_count_is_read_without_a_warning(run, tmp_path):
    path = write_csv(
        tmp_path / "f.csv",
        HEADER + "BAC-HONG,XH08,2020-03,1.080,\nBAC-HONG,KT06,2020-03,1.080,\n",
    )
    code, doc = _validate(run, path)
    assert code == 1
    # XH08 (villages): 1080 with no thousands-dot warning, only out of its hard range (≤ 52)
    # KT06 (tonnes): the dot could be a decimal mark, so the warning stays
    assert _codes(doc) == [(2, "out-of-range"), (3, "thousands-dot")]
    assert doc["errors"][0]["message"].startswith("Giá trị 1.080 của XH08")


def test_whole_numbers_on_a_count_pass_and_are_stored_exactly(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = write_csv(tmp_path / "f.csv", HEADER + 'P-LDTBXH,XH04,2020-03,"1.200",\n')
    result = run("submit", path, "--data", data)
    assert result.exit_code == 0, result.stdout
    stored = (data / "2020-03" / "P-LDTBXH.csv").read_text(encoding="utf-8")
    assert "XH04,2020-03,1200" in stored.replace(";", ",")


def test_the_plan_says_whole_where_the_unit_of_measure_does_not(tmp_path):
    data = yaml.safe_load(PLAN_PATH.read_text(encoding="utf-8"))
    for ind in data["indicators"]:
        if ind["code"] == "XH04":
            ind["whole"] = False  # e.g. a count given in thousands of people
        if ind["code"] == "KT02":
            ind["whole"] = True
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plan = load_plan(path)
    assert not plan.indicators[plan.indicator_index["XH04"]].takes_whole
    assert plan.indicators[plan.indicator_index["KT02"]].takes_whole
    f = write_csv(
        tmp_path / "f.csv",
        HEADER + 'P-LDTBXH,XH04,2020-03,1.5,\nCC-TK,KT02,2020-03,"45,5",\n',
    )
    result = read_file(f, CheckContext(plan))
    assert [(i.row, i.code) for i in result.issues] == [(3, "not-whole")]


@pytest.mark.parametrize("fast", [True, False])
def test_the_fast_path_and_the_model_agree_on_fractions_of_counts(plan, tmp_path, fast):
    # read_file with no model_rows: the columnar fast path reads every chunk (fast=True)
    body = "".join(
        f"{unit};XH04;2020-{m:02d};{value};\n"
        for m in range(1, 13)
        for unit, value in (("BAC-HONG", "12"), ("NAM-HONG", "1.5"), ("DUC-THUAN", "7,25"))
    )
    f = write_csv(tmp_path / "f.csv", HEADER.replace(",", ";") + body)
    result = read_file(f, CheckContext(plan), fast=fast)
    bad = [(i.row, i.code) for i in result.issues if i.code == "not-whole"]
    assert bad == [(r, "not-whole") for r in range(2, 38) if (r - 2) % 3]
    assert result.rows == 36


# ------------------------------------------------------------------ 2. percent cells


def _workbook(tmp_path: Path, rows: list[list], formats: dict[int, str]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"])
    for row in rows:
        ws.append(row)
    for row, fmt in formats.items():
        ws.cell(row, 4).number_format = fmt
    path = tmp_path / "f.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ["0%", "0.00%", "0,00%", "0.0%", "#,##0.00%", "0.00\\ %"])
def test_a_percent_cell_on_a_count_is_refused_as_a_typed_percent(run, tmp_path, fmt):
    # formats Excel writes (builtin 0% and 0.00%) and LibreOffice's custom codes
    path = _workbook(tmp_path, [["P-LDTBXH", "XH04", "2020-03", 0.18, ""]], {2: fmt})
    code, doc = _validate(run, path)
    assert code == 1
    assert _codes(doc) == [(2, "percent-not-allowed")]
    assert doc["errors"][0]["message"] == ("XH04 tính bằng người, không phải %: '18%' có dấu %.")


def test_a_percent_cell_on_a_rate_reads_as_today(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = _workbook(
        tmp_path,
        [["P-TNMT", "KT07", "2020-03", 0.985, ""], ["BHXH", "XH02", "2020-03", 0.9125, ""]],
        {2: "0.0%", 3: "0.00%"},
    )
    code, doc = _validate(run, path)
    assert code == 0 and _codes(doc) == []
    run("submit", path, "--data", data)
    texts = {
        p.stem: p.read_text(encoding="utf-8").replace(";", ",") for p in data.glob("2020-03/*")
    }
    assert "KT07,2020-03,98.5" in texts["P-TNMT"]
    assert "XH02,2020-03,91.25" in texts["BHXH"]


def test_the_percent_fixture_workbook_gives_the_code_on_each_non_rate(plan):
    path = Path(__file__).parent / "data" / "codes" / "percent-not-allowed--xlsx.xlsx"
    result = read_file(path, CheckContext(plan))
    assert [(i.row, i.code, i.params["value"]) for i in result.issues] == [
        (2, "percent-not-allowed", "18%"),
        (3, "percent-not-allowed", "4.3%"),
        (4, "percent-not-allowed", "50%"),
    ]


# ------------------------------------------------------------------ 4. dates


@pytest.mark.parametrize(
    ("text", "month"),
    [("01/10/20", 10), ("1/10/20", 10), ("15/3/20", 3), ("01/12/19", 0), ("1/1/19 0:00", -11)],
)
def test_a_two_digit_year_reads_as_a_month_with_a_warning(plan, text, month):
    value, problems = check_month(text, CheckContext(plan))
    assert value == month
    assert [p[0] for p in problems] == ["two-digit-year"]


@pytest.mark.parametrize("text", ["01/10/21", "01/10/18", "31/02/20", "01/13/20", "1/10/2"])
def test_a_two_digit_year_outside_the_plan_year_and_the_one_before_is_not_a_month(plan, text):
    value, problems = check_month(text, CheckContext(plan))
    assert value is None
    assert [p[0] for p in problems] == ["bad-month"]


def test_a_two_digit_year_still_meets_month(plan):
    value, problems = check_month("01/10/20", CheckContext(plan, month=9))
    assert value is None
    assert [p[0] for p in problems] == ["two-digit-year", "month-mismatch"]


def test_an_unreadable_month_says_the_spreadsheet_may_have_made_it_a_date(run, tmp_path):
    path = write_csv(tmp_path / "f.csv", HEADER + "CC-THUE,KT04,01/10/21,4.3,\n")
    code, doc = _validate(run, path)
    assert code == 1
    (error,) = doc["errors"]
    assert error["code"] == "bad-month"
    assert "bảng tính đã biến tháng thành ngày" in error["hint"]
    _, doc = _validate(run, path, lang="en")
    assert "the spreadsheet turned the month into one" in doc["errors"][0]["hint"]


def test_a_libreoffice_csv_month_is_stored_as_its_month(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = write_csv(
        tmp_path / "f.csv", "don_vi;ma_chi_tieu;thang;gia_tri\nCC-THUE;KT04;01/03/20;4,3\n"
    )
    result = run("submit", path, "--data", data)
    assert result.exit_code == 0, result.stdout
    assert "có năm hai chữ số; đã hiểu là tháng 2020-03" in result.stdout
    assert (data / "2020-03" / "CC-THUE.csv").is_file()


# ------------------------------------------------------------------ 5. intake


def _inbox(run, tmp_path: Path, plan, month: str = "2020-12") -> Path:
    """One filled form per unit of the plan, as the units send them."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for unit in plan.units:
        if unit.narrative_only:  # sends a narrative report, no figures' form
            continue
        form = inbox / f"{unit.code.lower()}.csv"
        result = run(
            "template", unit.code, "--month", month, "-o", form, "--data", tmp_path / "data"
        )
        assert result.exit_code == 0, result.stdout
        lines = form.read_text(encoding="utf-8-sig").splitlines()
        head = lines[0].split(";")
        at_code, at_value = head.index("ma_chi_tieu"), head.index("gia_tri")
        out = [lines[0]]
        for line in lines[1:]:
            cells = line.split(";")
            ind = plan.indicators[plan.indicator_index[cells[at_code]]]
            bounds = ind.usual or ind.range
            low = bounds.min if bounds.min is not None else Decimal(0)
            cells[at_value] = "0" if ind.measure == "milestone" else format(low, "f")
            out.append(";".join(cells))
        form.write_text("\n".join(out) + "\n", encoding="utf-8")
    return inbox


def test_submit_files_a_month_of_nineteen_units_from_one_folder(run, tmp_path, plan):
    inbox = _inbox(run, tmp_path, plan)
    data = tmp_path / "data"
    data.mkdir()
    # a narrative report in the same inbox is filed with the figures
    from kehoach.core.narrative import Block, Narrative, to_text

    report = Narrative(
        "P-NV", "2020-12", {"results": (Block("paragraph", "Cải cách hành chính."),)}
    )
    (inbox / "P-NV_2020-12.md").write_text(to_text(report), encoding="utf-8")
    result = run("submit", inbox, "--data", data)
    assert result.exit_code == 0, result.stdout[-3000:]
    stored = sorted(p.stem for p in (data / "2020-12").glob("*.csv"))
    assert stored == sorted(u.code for u in plan.units if not u.narrative_only)
    assert (data / "2020-12" / "P-NV.md").read_text(encoding="utf-8") == to_text(report)
    assert "20/20 tệp đã lưu, 0 bị từ chối." in result.stdout
    # the log has one line per file
    log = (data / "_log.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(log) == 1 + 20


def test_one_bad_file_does_not_block_the_others_and_is_not_half_stored(run, tmp_path, plan):
    inbox = _inbox(run, tmp_path, plan)
    bad = inbox / "bac-hong.csv"
    bad.write_text(
        bad.read_text(encoding="utf-8")
        .replace(";XH04;", ";XH04;", 1)
        .replace(";0;tháng;", ";1.5;tháng;"),
        encoding="utf-8",
    )
    assert ";1.5;" in bad.read_text(encoding="utf-8")
    (inbox / "_done").mkdir()  # skipped: names starting with _ or .
    (inbox / "_done" / "old.csv").write_text("rubbish", encoding="utf-8")
    (inbox / "ghi-chu.txt").write_text("not a submission", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    result = run("submit", inbox, "--data", data, "--json", "--lang", "en")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["summary"] == {"files": 19, "stored": 18, "refused": 1}
    (refused,) = [f for f in doc["files"] if not f["stored"]]
    assert refused["path"].endswith("bac-hong.csv")
    assert refused["reason_code"] == "not-whole"
    assert refused["units"] == ["BAC-HONG"] and refused["months"] == ["2020-12"]
    assert not (data / "2020-12" / "BAC-HONG.csv").exists()  # nothing of it stored
    assert len(list((data / "2020-12").glob("*.csv"))) == 18
    assert [e["code"] for e in doc["errors"]] == ["not-whole"]
    assert doc["errors"][0]["file"].endswith("bac-hong.csv")


def test_the_summary_table_names_file_unit_month_result_and_why(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    good = write_csv(tmp_path / "a.csv", HEADER + "CC-THUE,KT04,2020-03,4.3,\n")
    bad = write_csv(tmp_path / "b.csv", HEADER + "P-LDTBXH,XH04,2020-03,18%,\n")
    result = run("submit", good, bad, "--data", data, "--lang", "en")
    assert result.exit_code == 1
    out = result.stdout
    assert "── " + str(good) in out and "── " + str(bad) in out
    summary = out[out.index("Summary of 2 files") :]
    assert "CC-THUE" in summary and "2020-03" in summary and "✔ stored" in summary
    assert "✘ refused" in summary and "not %" in summary
    assert "1 of 2 files stored, 1 refused." in summary
    # again: the stored one is refused now (already stored), the other still bad
    again = run("submit", good, "--data", data, "--lang", "en")
    assert again.exit_code == 1


def test_validate_summarises_a_folder(run, tmp_path):
    inbox = tmp_path / "in"
    write_csv(inbox / "a.csv", HEADER + "CC-THUE,KT04,2020-03,4.3,\n")
    write_csv(inbox / "sub" / "b.csv", HEADER + 'P-LDTBXH,XH04,2020-03,"1,5",\n')
    result = run("validate", inbox, "--data", tmp_path / "none", "--lang", "en")
    assert result.exit_code == 1
    assert "1 of 2 files valid, 1 with errors." in result.stdout
    doc = json.loads(run("validate", inbox, "--data", tmp_path / "none", "--json").stdout)
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.csv", "b.csv"]
    assert [f["ok"] for f in doc["files"]] == [True, False]


def test_a_folder_without_submissions_and_a_missing_name_exit_2(run, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    result = run("submit", empty, "--data", data)
    assert result.exit_code == 2
    assert "Không có tệp số liệu nào trong" in result.stderr
    result = run("submit", empty, tmp_path / "nope.csv", "--data", data)
    assert result.exit_code == 2
    assert "Không tìm thấy tệp" in result.stderr
