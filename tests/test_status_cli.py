"""`kehoach status` through the CLI: golden tables, JSON equal to the library result."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import GOLDEN, PLAN_PATH, SAMPLE_DATA, write_csv

from kehoach.attainment import compute_status
from kehoach.store import load_data

REGEN = os.environ.get("KEHOACH_REGEN_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"golden file {name} differs"


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
    assert doc == expected


def test_sample_september_has_every_status_but_conflict(run):
    doc = json.loads(run("status", "--data", SAMPLE_DATA, "--json").stdout)
    assert doc["month"] == "2020-09"  # the latest month with data
    summary = doc["summary"]
    assert summary["conflict"] == 0
    assert all(summary[s] > 0 for s in summary if s != "conflict"), summary
    kt04 = next(i for i in doc["indicators"] if i["code"] == "KT04")
    assert kt04["reported_by"] == ["CC-THUE"]
    assert kt04["expected"] == pytest.approx(55.8)


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
        data / "2020-09" / "late" / "CC-THUE-sua.csv",
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\nCC-THUE,KT04,2020-09,9.9,\n",
    )
    result = run("status", "--data", data, "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    kt04 = next(i for i in doc["indicators"] if i["code"] == "KT04")
    assert kt04["status"] == "conflict"
    assert doc["summary"]["conflict"] == 1
    conflict = next(i for i in doc["issues"] if i["code"] == "conflict")
    assert "CC-THUE.csv" in conflict["message"] and conflict["file"].endswith("CC-THUE-sua.csv")
    # The rest of the table is still computed.
    xh02 = next(i for i in doc["indicators"] if i["code"] == "XH02")
    assert xh02["status"] == "at_risk"
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
