"""``kehoach explain CODE``: how a figure was made, on the sample and on a submitted folder.

KT04 (the tax office's lũy kế, phased by 2019's path): 74,4 × 55,6 / 78,5 = 52,70 expected
at September, 52 (an estimate) is at risk. KT06 (paddy, the wards' lũy kế summed, seasonal
weights): 680 + 840 + 2.740 + 2.440 + 1.350 (Đậu Liêu's August) + 3.820 = 11.870.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from conftest import SAMPLE_DATA, check_golden, write_csv

from kehoach.core.explain import expected_arithmetic, explain, figure_arithmetic, step_text
from kehoach.read.datafolder import load_data
from kehoach.store.log import read_log
from kehoach.store.submit import submit_file

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


@pytest.fixture(scope="module")
def sample(plan):
    return load_data(plan, SAMPLE_DATA).dataset


def _explain(plan, dataset, code, month=9, **kw):
    return explain(plan, dataset, plan.indicator_index[code], month, **kw)


# ------------------------------------------------------------------ the model


def test_kt04_arithmetic_and_judgement(plan, sample):
    ex = _explain(plan, sample, "KT04")
    e = ex.expected
    assert (e.phasing, e.fallback, e.numerator, e.denominator) == (
        "last-year",
        False,
        Decimal("55.6"),
        Decimal("78.5"),
    )
    assert expected_arithmetic(e, "vi") == "74,4 × 55,6 / 78,5 = 52,70"
    assert expected_arithmetic(e, "en") == "74.4 × 55.6 / 78.5 = 52.70"
    assert ex.last_year == (Decimal("55.6"), Decimal("78.5"))
    assert [step_text(t, "vi") for t in ex.judgement.tests] == [
        "Đã đạt? 52 > 74,4: không",
        "Đúng tiến độ? 52 ≥ 52,70: không",
        "Có nguy cơ không đạt? 52 ≥ 52,70 × 0,9 = 47,43: có",
    ]
    assert ex.judgement.status == "at_risk" == ex.result.status
    assert figure_arithmetic(ex, "vi") == "52"
    assert (ex.figure.source, ex.figure.estimate, ex.figure.month_value) == (
        "owner",
        True,
        Decimal("7.4"),
    )


def test_kt04_values_are_the_tax_office_months(plan, sample):
    ex = _explain(plan, sample, "KT04")
    assert [v.month for v in ex.values] == list(range(1, 10))
    assert {v.unit for v in ex.values} == {"CC-THUE"} and all(v.counted for v in ex.values)
    assert all(v.sent_as == "ytd" and v.sent == v.ytd for v in ex.values)
    amounts = [v.month_amount for v in ex.values]
    assert amounts == [
        Decimal(x) for x in ["6.2", "5.9", "4.3", "3.6", "4.1", "6.5", "6.9", "7.1", "7.4"]
    ]
    sept = ex.values[-1]
    assert (sept.sent, sept.estimate, sept.row) == (Decimal(52), True, 2)
    assert sept.file == str(SAMPLE_DATA / "2020-09" / "CC-THUE.csv")
    assert sept.log is None  # the sample was not stored by submit
    assert [v.estimate for v in ex.values[:-1]] == [False] * 8


def test_kt06_is_the_wards_sum(plan, sample):
    ex = _explain(plan, sample, "KT06")
    assert figure_arithmetic(ex, "vi") == (
        "680 + 840 + 2.740 + 2.440 + 1.350 (08/2020) + 3.820 = 11.870"
    )
    assert [(t.unit, t.value, t.month) for t in ex.figure.terms] == [
        ("BAC-HONG", 680, 9),
        ("NAM-HONG", 840, 9),
        ("DUC-THUAN", 2740, 9),
        ("TRUNG-LUONG", 2440, 9),
        ("DAU-LIEU", 1350, 8),
        ("THUAN-LOC", 3820, 9),
    ]
    assert sum(t.value for t in ex.figure.terms) == ex.result.value == 11870
    # six wards × the months they sent (Đậu Liêu has no September), nothing from P-KT
    assert len(ex.values) == 6 * 9 - 1
    assert "P-KT" not in {v.unit for v in ex.values}
    assert expected_arithmetic(ex.expected, "vi") == "12.190 × (0,2 + 0,4 + 0,4) = 12.190,00"
    assert step_text(ex.judgement.tests[-1], "en") == (
        "At risk of missing? 11,870 ≥ 12,190.00 × 0.8 = 9,752.00: yes"
    )


def test_unit_keeps_its_own_values_and_the_towns_figure(plan, sample):
    ex = _explain(plan, sample, "KT06", unit="THUAN-LOC")
    assert {v.unit for v in ex.values} == {"THUAN-LOC"} and len(ex.values) == 9
    assert ex.result.value == 11870 and ex.result.unit_value == 3820


def test_linear_fallback_without_last_year(plan, tmp_path):
    data = tmp_path / "data"
    write_csv(data / "2020-09" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2020-09,52,\n")
    ex = _explain(plan, load_data(plan, data).dataset, "KT04")
    assert (ex.expected.phasing, ex.expected.fallback) == ("linear", True)
    assert expected_arithmetic(ex.expected, "vi") == "74,4 × 9 / 12 = 55,80"


def test_log_line_and_a_stored_file_edited_by_hand(run, plan, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    sent = write_csv(tmp_path / "thue.csv", HEADER + "CC-THUE,KT04,2020-09,52,\n")
    now = datetime(2020, 9, 17, 1, 0, tzinfo=UTC)
    assert submit_file(plan, sent, data, now=now).ok
    ex = _explain(plan, load_data(plan, data).dataset, "KT04", log=read_log(data))
    [v] = ex.values
    assert v.log.time == now and v.log.action == "new"
    assert v.log.sha256 == hashlib.sha256(sent.read_bytes()).hexdigest()
    assert not v.file_changed  # no digest function given: nothing compared

    stored = data / "2020-09" / "CC-THUE.csv"
    stored.write_text(HEADER + "CC-THUE,KT04,2020-09,53,\n", encoding="utf-8")
    result = run("explain", "KT04", "--month", "2020-09", "--data", data)
    assert result.exit_code == 0
    assert "Tệp đã lưu khác với bản ghi trong nhật ký (SHA-256): 2020-09/CC-THUE.csv" in (
        " ".join(result.stdout.split())
    )
    doc = json.loads(run("explain", "KT04", "--month", "2020-09", "--data", data, "--json").stdout)
    assert doc["values"][0]["file_changed"] is True
    assert doc["values"][0]["file_sha256"] == hashlib.sha256(stored.read_bytes()).hexdigest()


# ------------------------------------------------------------------ the command


def test_json_is_the_model(run, plan, sample):
    result = run("explain", "kt04", "--month", "2020-09", "--data", SAMPLE_DATA, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    from kehoach.commands.explain import file_digest
    from kehoach.store.log import read_log

    log = read_log(SAMPLE_DATA)  # the sample ships its submission log
    expected = _explain(plan, sample, "KT04", digest=file_digest, log=log).to_dict("vi")
    expected["issues"] = []
    assert doc == expected
    assert doc["expected"]["arithmetic"] == "74,4 × 55,6 / 78,5 = 52,70"


def test_unknown_code_suggests_the_nearest(run):
    result = run("explain", "KT4", "--data", SAMPLE_DATA)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Không có chỉ tiêu “KT4” trong kế hoạch." in result.stderr
    assert "Mã gần nhất: KT04" in result.stderr
    en = run("explain", "XH1", "--data", SAMPLE_DATA, "--lang", "en")
    assert en.exit_code == 2 and "XH01" in en.stderr.splitlines()[1]
    assert en.stderr.startswith("There is no indicator “XH1” in the plan.\nNearest codes: ")


def test_a_unit_that_does_not_report_it(run):
    result = run("explain", "KT04", "--unit", "BAC-HONG", "--data", SAMPLE_DATA)
    assert result.exit_code == 2
    assert "Đơn vị BAC-HONG không báo cáo chỉ tiêu KT04." in result.stderr
    assert run("explain", "KT04", "--unit", "NO-SUCH", "--data", SAMPLE_DATA).exit_code == 2


@pytest.mark.parametrize(
    ("code", "lang", "width"), [("KT04", "vi", 100), ("KT04", "en", 80), ("KT06", "vi", 80)]
)
def test_explain_golden(run, monkeypatch, code, lang, width):
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.chdir(SAMPLE_DATA.parent)
    result = run("explain", code, "--month", "2020-09", "--data", "monthly", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    check_golden(f"explain_{code}_{lang}_{width}.txt", result.stdout)


def test_an_estimate_set_aside_and_a_conflict_are_named(run, plan, tmp_path):
    data = tmp_path / "data"
    v2 = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu,ky_so_lieu,uoc_tinh\n"
    write_csv(data / "2020-09" / "CC-THUE.csv", v2 + "CC-THUE,KT04,2020-09,52,,,x\n")
    write_csv(data / "2020-09" / "chinh-thuc.csv", v2 + "CC-THUE,KT04,2020-09,52.7,,,\n")
    ex = _explain(plan, load_data(plan, data).dataset, "KT04")
    [v] = ex.values
    assert (v.sent, v.estimate) == (Decimal("52.7"), False)
    assert v.superseded == (Decimal(52), str(data / "2020-09" / "CC-THUE.csv"), 2)
    text = " ".join(run("explain", "KT04", "--data", data, "--month", "2020-09").stdout.split())
    assert "CC-THUE 09/2020: số ước 52 (2020-09/CC-THUE.csv, dòng 2) đã được thay" in text

    write_csv(data / "2020-08" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2020-08,44,\n")
    write_csv(data / "2020-08" / "ban-sao.csv", HEADER + "CC-THUE,KT04,2020-08,45,\n")
    ex = _explain(plan, load_data(plan, data).dataset, "KT04")
    assert ex.judgement.reason == "conflict" and ex.result.status == "conflict"
    [c] = ex.conflicts
    assert (c.unit, c.month, [p[2] for p in c.places]) == ("CC-THUE", 8, [44, 45])
    doc = json.loads(run("explain", "KT04", "--data", data, "--month", "2020-09", "--json").stdout)
    assert doc["judgement"]["reason"] == "conflict"
    assert [p["value"] for p in doc["conflicts"][0]["places"]] == [44, 45]


def test_the_owners_figure_leaves_the_wards_values_uncounted(run, plan, tmp_path):
    data = tmp_path / "data"
    write_csv(data / "2020-09" / "P-LDTBXH.csv", HEADER + "P-LDTBXH,XH04,2020-09,900,\n")
    write_csv(data / "2020-09" / "BAC-HONG.csv", HEADER + "BAC-HONG,XH04,2020-09,16,\n")
    ex = _explain(plan, load_data(plan, data).dataset, "XH04")
    assert ex.figure.source == "owner" and ex.result.value == 900
    assert [(v.unit, v.role, v.counted) for v in ex.values] == [
        ("P-LDTBXH", "owner", True),
        ("BAC-HONG", "contributor", False),
    ]
    assert figure_arithmetic(ex, "vi") == "900"
    out = run("explain", "XH04", "--data", data, "--month", "2020-09").stdout
    assert "BAC-HONG*" in out
    assert "* không tính vào số của thị xã ở tháng 9/2020" in out
