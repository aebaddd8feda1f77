"""``kehoach missing``: the chase list of values due but not received, on hand-built cases."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, check_golden, write_csv

from kehoach.core.dataset import Dataset
from kehoach.core.missing import compute_missing
from kehoach.core.records import LOG_HEADER, LogEntry

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
ICT = timezone(timedelta(hours=7))


@pytest.fixture
def vietnam_clock(monkeypatch):
    """Read log times as an office in Hà Nội does (UTC+7), whatever the test machine says."""
    monkeypatch.setenv("TZ", "ICT-7")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def store(data: Path, unit: str, month: str, rows: dict[str, str]) -> None:
    body = "".join(f"{unit},{code},{month},{value},\n" for code, value in rows.items())
    write_csv(data / month / f"{unit}.csv", HEADER + body)


def write_log(data: Path, lines: list[tuple[str, str, str]]) -> None:
    text = ",".join(LOG_HEADER) + "\n"
    for when, unit, month in lines:
        text += f"{when},{unit},{month},{unit}.csv,{'0' * 64},1,new\n"
    (data / "_log.csv").write_text(text, encoding="utf-8")


@pytest.fixture
def june(tmp_path: Path) -> Path:
    """June 2020: some units complete, some partial, most silent; a log for some."""
    data = tmp_path / "data"
    store(data, "P-QLDT", "2020-06", {"DT01": "45", "DT02": "4.5", "DT06": ""})
    store(data, "CC-TK", "2020-06", {"KT01": "8.2"})
    store(data, "BHXH", "2020-06", {"XH02": "91.2", "XH03": "32.4"})
    store(data, "CC-THUE", "2020-06", {"KT04": "6.5"})
    store(data, "BAC-HONG", "2020-06", {"KT05": "120", "KT06": "800", "XH04": "20", "XH09": "9"})
    # May data that must not count for June
    store(data, "CA", "2020-05", {"QP02": "6"})
    write_log(
        data,
        [
            ("2020-06-10T02:00:00Z", "CC-THUE", "2020-06"),
            ("2020-06-15T02:00:00Z", "CC-TK", "2020-06"),
            ("2020-06-17T09:00:00Z", "BAC-HONG", "2020-06"),  # 16:00 on the due day, the 17th
            ("2020-06-20T03:00:00Z", "P-QLDT", "2020-06"),
            ("2020-06-25T03:00:00Z", "P-QLDT", "2020-06"),  # a later replace: not the first
        ],
    )
    return data


def test_june_lists_exactly_the_expected_units_and_indicators(run, june, vietnam_clock):
    result = run("missing", "--month", "2020-06", "--as-of", "2020-06-22", "--data", june, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["month"], doc["as_of"], doc["deadline"]) == ("2020-06", "2020-06-22", "2020-06-17")
    # 42 due: milestones (DT05, DT07, DT11, XH06) have a stage due in June; XH04 and XH09
    # are the sums of the wards' figures, so their owners (P-LDTBXH, P-VHTT) are not chased
    # for them (issue 24), the wards are; P-KT sends no KT05/KT06 of its own either.
    assert doc["overall"] == {"due": 42, "received": 10, "rate": 10 / 42}
    table = [(u["unit"], u["status"], u["missing"]) for u in doc["units"]]
    wards = ["KT05", "KT06", "XH04", "XH09"]
    assert table == [
        # an empty cell is not a value received
        ("P-QLDT", "partial", ["DT05", "DT06", "DT07", "DT08", "DT09", "DT10", "DT11"]),
        ("NAM-HONG", "nothing", wards),
        ("DUC-THUAN", "nothing", wards),
        ("TRUNG-LUONG", "nothing", wards),
        ("DAU-LIEU", "nothing", wards),
        ("THUAN-LOC", "nothing", wards),
        ("P-TCKH", "nothing", ["KT03"]),
        ("P-TNMT", "nothing", ["KT07"]),
        ("P-GDDT", "nothing", ["XH06"]),
        ("CA", "nothing", ["QP02"]),
        ("CC-TK", "partial", ["KT02"]),
        ("CC-THUE", "complete", []),
        ("BHXH", "complete", []),
        ("BAC-HONG", "complete", []),
    ]
    assert doc["not_due_units"] == ["P-KT", "P-LDTBXH", "P-YT", "P-VHTT", "BCHQS"]
    units = {u["unit"]: u for u in doc["units"]}
    assert units["P-QLDT"]["due"] == [
        "DT01", "DT02", "DT05", "DT06", "DT07", "DT08", "DT09", "DT10", "DT11"
    ]  # fmt: skip
    assert units["P-QLDT"]["received"] == ["DT01", "DT02"]
    assert units["P-QLDT"]["rate"] == 2 / 9
    assert units["P-QLDT"]["name"] == "Phòng Quản lý đô thị"
    timing = {
        code: (u["submitted_at"], u["timeliness"], u["days_late"], u["overdue_days"])
        for code, u in units.items()
    }
    assert timing["P-QLDT"] == ("2020-06-20T03:00:00Z", "late", 3, 5)
    assert timing["CC-TK"] == ("2020-06-15T02:00:00Z", "on_time", None, 5)
    assert timing["BAC-HONG"] == ("2020-06-17T09:00:00Z", "on_time", None, None)
    assert timing["CC-THUE"] == ("2020-06-10T02:00:00Z", "on_time", None, None)
    assert timing["BHXH"] == (None, "unknown", None, None)
    assert timing["NAM-HONG"] == (None, None, None, 5)
    assert doc["issues"] == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_june_table_matches_golden(run, june, vietnam_clock, lang):
    result = run(
        "missing", "--month", "2020-06", "--as-of", "2020-06-22", "--data", june, "--lang", lang
    )
    assert result.exit_code == 0
    check_golden(f"missing_2020-06_{lang}.txt", result.stdout)


def test_june_table_fits_80_columns(run, june, vietnam_clock, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("missing", "--month", "2020-06", "--as-of", "2020-06-22", "--data", june)
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    check_golden("missing_2020-06_vi_80.txt", result.stdout)


def test_before_the_deadline_nothing_is_overdue(run, june, vietnam_clock):
    result = run("missing", "--month", "2020-06", "--as-of", "14/06/2020", "--data", june, "--json")
    doc = json.loads(result.stdout)
    assert all(u["overdue_days"] is None for u in doc["units"])
    text = run("missing", "--month", "2020-06", "--as-of", "2020-06-14", "--data", june).stdout
    assert "còn 3 ngày đến hạn nộp" in text
    text = run("missing", "--month", "2020-06", "--as-of", "2020-06-17", "--data", june).stdout
    assert "hôm nay là hạn nộp" in text


def test_default_month_is_the_latest_with_half_the_figures_due(run, june, tmp_path):
    # docs/plan.md §11: June has 10 of 44 figures due, too few to be "now"; January,
    # with the note, until half have arrived.
    result = run("missing", "--as-of", "2020-06-22", "--data", june)
    assert result.exit_code == 0
    assert "tháng 1/2020" in result.stdout
    assert "Tháng mặc định" in " ".join(result.stdout.split())
    result = run("missing", "--as-of", "2020-10-22", "--data", SAMPLE_DATA, "--json")
    assert json.loads(result.stdout)["month"] == "2020-09"


def test_no_data_at_all_shows_january(run, tmp_path):
    result = run("missing", "--as-of", "2020-02-25", "--data", tmp_path, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["month"] == "2020-01" and doc["overall"]["received"] == 0
    assert {u["status"] for u in doc["units"]} == {"nothing"}


def test_missing_data_folder_and_bad_date_exit_2(run, tmp_path, june):
    result = run("missing", "--data", tmp_path / "nope")
    assert result.exit_code == 2 and "nope" in result.stderr
    result = run("missing", "--data", june, "--as-of", "hôm qua")
    assert result.exit_code == 2 and "hôm qua" in result.stderr
    result = run("missing", "--data", june, "--month", "2021-06")
    assert result.exit_code == 2


def test_a_conflict_counts_as_missing_and_exits_1(run, june):
    write_csv(june / "hand" / "thue.csv", HEADER + "CC-THUE,KT04,2020-06,6.6,\n")
    result = run("missing", "--month", "2020-06", "--as-of", "2020-06-22", "--data", june, "--json")
    assert result.exit_code == 1  # a conflict in the stored data (docs/contract.md)
    doc = json.loads(result.stdout)
    thue = next(u for u in doc["units"] if u["unit"] == "CC-THUE")
    assert (thue["status"], thue["missing"], thue["conflicts"]) == ("nothing", ["KT04"], ["KT04"])
    assert [i["code"] for i in doc["issues"]] == ["conflict"]
    text = run("missing", "--month", "2020-06", "--as-of", "2020-06-22", "--data", june).stdout
    assert "KT04 (xung đột)" in text


# ------------------------------------------------------------------ the pure core


def test_timeliness_is_judged_in_the_local_day(plan):
    dataset = Dataset(len(plan.indicators))
    thue = plan.unit_index["CC-THUE"]
    dataset.put(thue, plan.indicator_index["KT04"], 6, 6.5, dataset.add_file("x"), 2)
    # 18:00 UTC on the 17th (the due day) is 01:00 on the 18th in Hà Nội
    log = [LogEntry(datetime(2020, 6, 17, 18, 0, tzinfo=UTC), "CC-THUE", "2020-06", "", "", 1, "")]
    [u] = [u for u in compute_missing(plan, dataset, 6, log, date(2020, 8, 1), ICT).units
           if u.code == "CC-THUE"]  # fmt: skip
    assert (u.timeliness, u.days_late) == ("late", 1)
    [u] = [u for u in compute_missing(plan, dataset, 6, log, date(2020, 8, 1), UTC).units
           if u.code == "CC-THUE"]  # fmt: skip
    assert (u.timeliness, u.days_late) == ("on_time", None)


def test_month_m_is_due_in_month_m_itself(plan):
    # Nghị định 09/2019/NĐ-CP, Điều 12: month M's report covers the 15th of M-1 to the
    # 14th of M; units send it by the plan's due day (the 17th) of M.
    assert plan.deadline(12) == date(2020, 12, 17)
    assert plan.deadline(1) == date(2020, 1, 17)
    assert plan.report_date(9) == date(2020, 9, 22)


def test_a_month_when_nobody_owes_anything_is_impossible_but_handled(plan):
    # every unit owes something in December (annual indicators): all listed, none not-due
    result = compute_missing(plan, Dataset(len(plan.indicators)), 12, [], date(2021, 1, 1))
    assert result.not_due_units == ["P-KT"]
    assert result.due == sum(len(u.due) for u in result.units) and result.received == 0
