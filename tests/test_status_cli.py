"""`kehoach status` through the CLI: golden tables, JSON equal to the library result."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import PLAN_PATH, SAMPLE_DATA, check_golden, write_csv

from kehoach.core.attainment import compute_status
from kehoach.read.datafolder import load_data


@pytest.mark.parametrize("width", [120, 80])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_status_table_golden(run, monkeypatch, width, lang):
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("status", "--month", "2020-09", "--data", SAMPLE_DATA, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout  # no colour when not a terminal
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    check_golden(f"status_{lang}_{width}.txt", result.stdout)


def test_status_json_equals_library_result(run, plan):
    result = run("status", "--month", "2020-09", "--data", SAMPLE_DATA, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    expected = compute_status(plan, load_data(plan, SAMPLE_DATA).dataset, 9).to_dict()
    expected["issues"] = []
    expected["skipped_years"] = {}  # the data folder holds 2019 and 2020 only
    assert doc == expected


def _by_code(doc: dict) -> dict[str, dict]:
    return {i["code"]: i for i in doc["indicators"]}


def test_sample_september_has_every_status_but_conflict(run):
    doc = json.loads(run("status", "--data", SAMPLE_DATA, "--json").stdout)
    # docs/plan.md §11: the latest month with at least half the figures due
    assert doc["month"] == "2020-09" and doc["month_defaulted"] is True
    summary = doc["summary"]
    assert summary["conflict"] == 0
    assert all(summary[s] > 0 for s in summary if s != "conflict"), summary
    kt04 = _by_code(doc)["KT04"]
    assert kt04["reported_by"] == ["CC-THUE"] and kt04["owner"] == "CC-THUE"


def test_september_figures_recomputed_by_hand(run):
    """Five kinds of target at 2020-09, each checked against arithmetic done by hand from
    the sample files (data/monthly/2020-MM and 2019-MM)."""
    ind = _by_code(json.loads(run("status", "--month", "2020-09", "--json").stdout))

    # An amount sent as lũy kế, phased by last year. CC-THUE sent 44,6 for August and an
    # estimate of 52 for September: the month's amount is 52 - 44,6 = 7,4. 2019's YTD at
    # September is 5,8+5,2+6,0+6,1+6,2+6,4+6,5+6,6+6,8 = 55,6 of a year of 78,5, so the
    # expected figure is 74,4 x 55,6 / 78,5 = 52,696...; 52 is under it but above
    # 0,9 x 52,696 = 47,43: at risk. Still needed: 74,4 - 52 = 22,4 over the three months
    # left, all of which carried revenue last year: 7,4667 a month.
    kt04 = ind["KT04"]
    assert (kt04["value"], kt04["month_value"], kt04["estimate"]) == (52, 7.4, True)
    assert kt04["expected"] == pytest.approx(74.4 * 55.6 / 78.5)
    assert kt04["phasing"] == "last-year" and kt04["phasing_fallback"] is False
    assert kt04["status"] == "at_risk"
    assert kt04["attainment"] == pytest.approx(52 / 74.4)
    assert kt04["previous_year"] == 55.6 and kt04["vs_previous_year"] == pytest.approx(52 / 55.6)
    assert kt04["shortfall"] == pytest.approx(22.4)
    assert kt04["needed_per_month"] == pytest.approx(22.4 / 3)

    # A rate: 91,5% against "trên 92%" is 0,5 points short, inside the band of 1 point:
    # at risk (5 % of 92 would have been 4,6 points). No "% of the plan" for a rate.
    xh02 = ind["XH02"]
    assert xh02["gap_points"] == pytest.approx(-0.5) and xh02["attainment"] is None
    assert xh02["status"] == "at_risk"
    assert xh02["previous_year"] == 90 and xh02["vs_previous_year"] == pytest.approx(1.5)

    # A growth rate: 9,6% against "trên 13%" is 3,4 points short, beyond the 1-point
    # band: off track; 3,3 points below last September's 12,9%.
    kt01 = ind["KT01"]
    assert kt01["gap_points"] == pytest.approx(-3.4) and kt01["status"] == "off_track"
    assert kt01["vs_previous_year"] == pytest.approx(-3.3)

    # Milestones: stages planned in March, June, December. By September the second stage
    # (khởi công) is planned; DT05 reached it (on track), DT07 is still at the first
    # (one behind: at risk).
    assert ind["DT05"]["stage"]["reached"] == 2 and ind["DT05"]["stage"]["expected"] == 2
    assert ind["DT05"]["status"] == "on_track" and ind["DT05"]["attainment"] is None
    assert ind["DT07"]["stage"]["reached"] == 1 and ind["DT07"]["status"] == "at_risk"

    # A ward breakdown: P-KT sends no KT06 of its own, so the value is the wards' sum of
    # lũy kế: 680 + 840 + 2.740 + 2.440 + 1.350 (Đậu Liêu, August; September missing)
    # + 3.820 = 11.870. The seasonal weights to September sum to 1 (0,2 + 0,4 + 0,4), so
    # 12.190 is expected; 11.870 >= 0,8 x 12.190: at risk. No paddy is harvested after
    # September: the shortfall of 320 t is stated without a monthly rate.
    kt06 = ind["KT06"]
    assert kt06["value"] == 11870 and kt06["source"] == "contributors"
    assert kt06["expected"] == 12190 and kt06["status"] == "at_risk"
    assert kt06["partial"] is True and "DAU-LIEU" in kt06["missing_units"]
    assert kt06["shortfall"] == 320 and kt06["needed_per_month"] is None
    wards = {c["unit"]: c["value"] for c in kt06["contributions"]}
    assert wards == {
        "BAC-HONG": 680, "NAM-HONG": 840, "DUC-THUAN": 2740, "TRUNG-LUONG": 2440,
        "DAU-LIEU": 1350, "THUAN-LOC": 3820,
    }  # fmt: skip


def test_june_figures_recomputed_by_hand(run):
    ind = _by_code(json.loads(run("status", "--month", "2020-06", "--json").stdout))
    # KT04: 6,2 + 5,9 + 4,3 + 3,6 + 4,1 + 6,5 = 30,6 by June; 2019 by June: 5,8 + 5,2 +
    # 6,0 + 6,1 + 6,2 + 6,4 = 35,7 of 78,5, so 74,4 x 35,7 / 78,5 = 33,835 expected;
    # 30,6 >= 0,9 x 33,835 = 30,45: at risk (the COVID-19 months).
    assert ind["KT04"]["value"] == pytest.approx(30.6)
    assert ind["KT04"]["expected"] == pytest.approx(74.4 * 35.7 / 78.5)
    assert ind["KT04"]["status"] == "at_risk"
    # KT06: 7.330 t harvested by June against 12.190 x (0,2 + 0,4) = 7.314: on track; the
    # rest is due in September alone, the one month left with weight.
    assert ind["KT06"]["value"] == 7330 and ind["KT06"]["expected"] == pytest.approx(7314)
    assert ind["KT06"]["status"] == "on_track"
    assert ind["KT06"]["needed_per_month"] == 4860
    # XH02: 91,2% is 0,8 points under "trên 92%": at risk.
    assert ind["XH02"]["gap_points"] == pytest.approx(-0.8)


def test_a_ward_filing_october_leaves_september_alone(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    before = json.loads(run("status", "--data", data, "--json").stdout)
    write_csv(
        data / "2020-10" / "BAC-HONG.csv",
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\nBAC-HONG,XH04,2020-10,17,\n",
    )
    result = run("status", "--data", data, "--json")
    after = json.loads(result.stdout)
    assert after["month"] == "2020-09" and after["indicators"] == before["indicators"]
    assert after["later_month"] == "2020-10"
    text = run("status", "--data", data).stdout
    assert "Tháng 10/2020 mới có 1/19 đơn vị" in " ".join(text.split())


def test_group_and_unit_filters(run):
    doc = json.loads(run("status", "--data", SAMPLE_DATA, "--group", "xh", "--json").stdout)
    assert {i["group"] for i in doc["indicators"]} == {"XH"}
    doc = json.loads(run("status", "--data", SAMPLE_DATA, "--unit", "trung-luong", "--json").stdout)
    assert doc["unit"] == "TRUNG-LUONG"
    assert [i["code"] for i in doc["indicators"]] == ["KT05", "KT06", "XH04", "XH08", "XH09"]
    xh04 = doc["indicators"][2]
    assert 0 < xh04["unit_value"] < xh04["value"]


def test_unknown_group_unit_and_bad_month_exit_2(run):
    for args in (
        ("--group", "ZZ"),
        ("--unit", "NOPE"),
        ("--month", "2020-13"),
        ("--month", "2019-05"),
    ):
        result = run("status", "--data", SAMPLE_DATA, *args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr


def test_missing_data_folder_exit_2(run, tmp_path):
    result = run("status", "--data", tmp_path / "nope")
    assert result.exit_code == 2
    assert "Không tìm thấy thư mục dữ liệu" in result.stderr


def test_empty_data_folder_shows_january_with_a_note(run, tmp_path):
    result = run("status", "--data", tmp_path)
    assert result.exit_code == 0
    assert "tháng 1/2020" in result.stdout
    assert "Chưa có số liệu nào" in result.stdout


def test_conflict_between_two_files_exits_1_and_names_both(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    write_csv(
        data / "2020-09" / "late" / "BHXH-sua.csv",
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\nBHXH,XH02,2020-09,90.1,\n",
    )
    result = run("status", "--data", data, "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    xh02 = next(i for i in doc["indicators"] if i["code"] == "XH02")
    assert xh02["status"] == "conflict"
    assert doc["summary"]["conflict"] == 1
    conflict = next(i for i in doc["issues"] if i["code"] == "conflict")
    assert "BHXH.csv" in conflict["message"] and conflict["file"].endswith("BHXH-sua.csv")
    # The rest of the table is still computed.
    kt04 = next(i for i in doc["indicators"] if i["code"] == "KT04")
    assert kt04["status"] == "at_risk"
    table = run("status", "--data", data)
    assert table.exit_code == 1
    assert "Xung đột số liệu" in table.stdout


def test_same_value_in_two_files_is_a_warning_counted_once(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    stored = (data / "2020-09" / "CC-THUE.csv").read_text(encoding="utf-8")
    write_csv(data / "2020-09" / "copy" / "CC-THUE.csv", stored)
    before = json.loads(run("status", "--data", SAMPLE_DATA, "--json").stdout)
    result = run("status", "--data", data, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {i["code"] for i in doc["issues"]} == {"duplicate-value"}
    assert doc["indicators"] == before["indicators"]


def test_skips_history_and_hidden_files(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    junk = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\nCC-THUE,KT04,2020-09,99,\n"
    write_csv(data / "_history" / "2020-09" / "CC-THUE.20201012T000000Z.csv", junk)
    write_csv(data / "2020-09" / ".CC-THUE.csv.tmp.csv", junk)
    result = run("status", "--data", data, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["issues"] == []


def test_broken_stored_file_is_reported_not_skipped(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    (data / "2020-09" / "BROKEN.csv").write_bytes("gia_tri;ghi chú\n1;Đà".encode("cp1258"))
    result = run("status", "--data", data)
    assert result.exit_code == 1
    assert "BROKEN.csv" in result.stdout
    assert "UTF-8" in result.stdout


def test_plan_env_var_and_lang_env_var(run, monkeypatch):
    monkeypatch.setenv("KEHOACH_LANG", "en")
    monkeypatch.setenv("KEHOACH_DATA", str(SAMPLE_DATA))
    monkeypatch.setenv("KEHOACH_PLAN", str(PLAN_PATH))
    result = run("status", "--month", "2020-09")
    assert result.exit_code == 0
    assert "Progress on the 2020 plan targets" in result.stdout


def test_global_options_before_the_command(run, monkeypatch):
    # `kehoach --lang en status` as well as `kehoach status --lang en`
    for var in ("KEHOACH_LANG", "KEHOACH_DATA"):
        monkeypatch.delenv(var, raising=False)
    result = run("--lang", "en", "--data", SAMPLE_DATA, "status", "--month", "2020-09")
    assert result.exit_code == 0, result.stderr
    assert "Progress on the 2020 plan targets" in result.stdout
    # an option after the command still wins
    result = run("--lang", "en", "status", "--data", SAMPLE_DATA, "--lang", "vi")
    assert "Tình hình thực hiện" in result.stdout
