"""``kehoach revisions``: revised values with old and new figure and the status each gives.

The scenario: the tax office's September figure was an estimate (52, "ước"
in the sample) and the official figure 52,7 arrives; the status under 52 was "at risk",
under 52,7 "on track" (expected 74,4 × 55,6 / 78,5 = 52,70).
"""

from __future__ import annotations

import json
import math
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, check_golden, write_csv

from kehoach.core.revisions import Outcome, assess, substitute
from kehoach.read.datafolder import load_data
from kehoach.store.revisions import read_revisions
from kehoach.store.submit import submit_file

NOW = datetime(2020, 10, 5, 2, 30, tzinfo=UTC)
HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


@pytest.fixture(scope="module")
def revised(tmp_path_factory) -> Path:
    """The sample with the tax office's official September figure submitted."""
    from conftest import PLAN_PATH

    from kehoach.read.planfile import load_plan

    plan = load_plan(PLAN_PATH)
    root = tmp_path_factory.mktemp("revised")
    data = root / "data"
    shutil.copytree(SAMPLE_DATA, data)
    official = write_csv(root / "thue-t9.csv", HEADER + "CC-THUE,KT04,2020-09,52.7,\n")
    outcome = submit_file(plan, official, data, now=NOW)
    assert outcome.ok and outcome.stored
    return data


# ------------------------------------------------------------------ substitute


def test_substitute_changes_one_slot_of_a_copy(plan):
    dataset = load_data(plan, SAMPLE_DATA).dataset
    u, i = plan.unit_index["CC-THUE"], plan.indicator_index["KT04"]
    assert dataset.get(u, i, 9) == 52 and dataset.is_estimate(u, i, 9)

    official = substitute(dataset, u, i, 9, Decimal("52.7"), estimate=False)
    assert official.get(u, i, 9) == 52.7 and not official.is_estimate(u, i, 9)
    assert official.get(u, i, 8) == 44.6  # the other months are the same blocks
    assert official.source(u, i, 9) == dataset.source(u, i, 9)
    # the original is untouched
    assert dataset.get(u, i, 9) == 52 and dataset.is_estimate(u, i, 9)

    emptied = substitute(dataset, u, i, 9, None)
    assert emptied.get(u, i, 9) is None and not emptied.is_estimate(u, i, 9)
    assert math.isnan(emptied.series(u, i)[8]) and dataset.get(u, i, 9) == 52

    # a month the unit never sent gets a new block
    added = substitute(dataset, u, i, 12, Decimal(80), estimate=True)
    assert added.get(u, i, 12) == 80 and added.is_estimate(u, i, 12)
    assert dataset.get(u, i, 12) is None


def test_substitute_takes_the_key_out_of_a_conflict(plan, tmp_path):
    data = tmp_path / "data"
    write_csv(data / "2020-09" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2020-09,52,\n")
    write_csv(data / "2020-09" / "khac.csv", HEADER + "CC-THUE,KT04,2020-09,53,\n")
    dataset = load_data(plan, data).dataset
    u, i = plan.unit_index["CC-THUE"], plan.indicator_index["KT04"]
    assert dataset.get(u, i, 9) is None and dataset.conflicts
    fixed = substitute(dataset, u, i, 9, Decimal(53))
    assert fixed.get(u, i, 9) == 53 and not fixed.conflicts
    assert dataset.conflicts  # still in the original


# ------------------------------------------------------------------ estimate → official


def test_estimate_to_official_is_listed_with_both_statuses(plan, revised):
    [rev] = read_revisions(revised)
    assert (rev.unit, rev.indicator, rev.month) == ("CC-THUE", "KT04", "2020-09")
    assert (rev.old, rev.new, rev.old_estimate, rev.new_estimate) == (
        Decimal(52),
        Decimal("52.7"),
        True,
        False,
    )
    assert (rev.action, rev.time) == ("official", NOW)

    [item] = assess(plan, load_data(plan, revised).dataset, read_revisions(revised))
    assert item.old == Outcome(Decimal(52), True, "at_risk")
    assert item.new == Outcome(Decimal("52.7"), False, "on_track")
    assert item.indicator_name_vi == "Thu ngân sách (phần giao thu)"


def test_revisions_json(run, revised):
    result = run("revisions", "--data", revised, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "plan": "hong-linh-2020",
        "month": None,
        "revisions": [
            {
                "time": "2020-10-05T02:30:00Z",
                "unit": "CC-THUE",
                "indicator": "KT04",
                "month": "2020-09",
                "old": 52,
                "new": 52.7,
                "old_estimate": True,
                "new_estimate": False,
                "action": "official",
                "reason": "",
                "unit_of_measure": "tỷ đồng",
                "status_old": {"value": 52, "estimate": True, "status": "at_risk"},
                "status_new": {"value": 52.7, "estimate": False, "status": "on_track"},
            }
        ],
    }


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("vi", ["CC-THUE", "KT04", "09/2020", "52 (ước)", "52,7", "Có nguy cơ", "Đúng tiến độ"]),
        ("en", ["CC-THUE", "KT04", "09/2020", "52 (est.)", "52.7", "At risk", "On track"]),
    ],
)
def test_revisions_table(run, monkeypatch, revised, lang, words):
    monkeypatch.setenv("COLUMNS", "160")
    result = run("revisions", "--data", revised, "--lang", lang)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout, word
    title = "Số liệu điều chỉnh" if lang == "vi" else "Values revised"
    assert result.stdout.startswith(title)


def test_revisions_of_another_month_are_none(run, revised):
    result = run("revisions", "--data", revised, "--month", "2020-08")
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        "Chưa có số liệu tháng 8/2020 nào được điều chỉnh sau khi đã báo cáo."
    )
    doc = json.loads(run("revisions", "--data", revised, "--month", "8/2020", "--json").stdout)
    assert doc == {"plan": "hong-linh-2020", "month": "2020-08", "revisions": []}
    assert run("revisions", "--data", revised, "--month", "2020-13").exit_code == 2


def test_a_revision_of_a_code_not_in_the_plan_is_listed_without_status(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "_revisions.csv").write_text(
        "time,unit,indicator,month,old,new,old_estimate,new_estimate,action,reason\n"
        "2020-10-05T02:30:00Z,CC-THUE,KT99,2020-09,1,2,,,replaced,sửa tay\n"
        "không phải một dòng\n",
        encoding="utf-8",
    )
    doc = json.loads(run("revisions", "--data", data, "--json").stdout)
    [item] = doc["revisions"]
    assert (item["indicator"], item["status_old"], item["status_new"]) == ("KT99", None, None)
    text = run("revisions", "--data", data)
    assert text.exit_code == 0 and "KT99" in text.stdout


@pytest.fixture
def vietnam_clock(monkeypatch):
    """Show revision times as an office in Hà Nội reads them (UTC+7)."""
    import time

    monkeypatch.setenv("TZ", "ICT-7")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_revisions_table_golden_at_80_columns(run, monkeypatch, vietnam_clock, tmp_path, lang):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2020-09", data / "2020-09")
    (data / "_revisions.csv").write_text(
        "time,unit,indicator,month,old,new,old_estimate,new_estimate,action,reason\n"
        "2020-10-05T02:30:00Z,CC-THUE,KT04,2020-09,52,52,x,,official,\n"
        "2020-10-12T08:15:00Z,CC-THUE,KT04,2020-09,52,52.7,,,reopened-replaced,"
        "Chi cục Thuế điều chỉnh số thu tiền sử dụng đất theo CV 12/CCT\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "80")
    result = run("revisions", "--data", data, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    check_golden(f"revisions_{lang}_80.txt", result.stdout)
