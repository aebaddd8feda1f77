"""Breakdown by unit (`status --by-unit`, `breakdown`): figures equal `status --json`
contributions; per-unit targets, attainment and status from a plan that has them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import SAMPLE_DATA, TEST_DATA, check_golden

from kehoach.core.attainment import compute_status
from kehoach.core.breakdown import breakdowns
from kehoach.core.textfmt import figure_text
from kehoach.read.datafolder import load_data
from kehoach.read.planfile import load_plan
from kehoach.report.wards import REPORT_CODES, ward_grid

BY_UNIT = TEST_DATA / "by-unit"
PLAN = BY_UNIT / "plan.yaml"
DATA = BY_UNIT / "data"


def by_unit_json(run, *args):
    result = run("status", "--by-unit", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("month", ["2020-03", "2020-06", "2020-09"])
def test_figures_equal_status_json_contributions(run, month):
    doc = by_unit_json(run, "--month", month, "--data", SAMPLE_DATA)
    status = json.loads(run("status", "--month", month, "--data", SAMPLE_DATA, "--json").stdout)
    contributions = {i["code"]: i["contributions"] for i in status["indicators"]}
    assert [i["code"] for i in doc["indicators"]] == list(REPORT_CODES)
    for item in doc["indicators"]:
        sent = {c["unit"]: c for c in contributions[item["code"]]}
        units = item["units"]
        assert [u["unit"] for u in units if u["role"] == "contributor"] == [
            "BAC-HONG",
            "NAM-HONG",
            "DUC-THUAN",
            "TRUNG-LUONG",
            "DAU-LIEU",
            "THUAN-LOC",
        ]
        for u in units:
            c = sent.get(u["unit"])
            if c is None:
                assert u["value"] is None and u["month"] is None and u["due_sent"] == 0
                continue
            for key in ("value", "month", "estimate", "due_sent", "due_total", "target"):
                assert u[key] == c[key], (item["code"], u["unit"], key)
        values = [u["value"] for u in units if u["role"] == "contributor" and u["value"]]
        total = item["contributors_sum"]
        assert total == pytest.approx(sum(values)) if values else total in (None, 0)
        if total:
            shares = [u["share"] for u in units if u["role"] == "contributor" and u["share"]]
            assert sum(shares) == pytest.approx(1)
            for u in units:
                if u["share"] is not None:
                    assert u["share"] == pytest.approx(u["value"] / total)


def test_one_code_and_the_breakdown_command_say_the_same(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    a = run("status", "--by-unit", "xh04", "--month", "2020-09", "--data", SAMPLE_DATA)
    b = run("breakdown", "XH04", "--month", "2020-09", "--data", SAMPLE_DATA)
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout
    assert "XH04 — " in a.stdout and "KT05 — " not in a.stdout
    assert max(len(line) for line in a.stdout.splitlines()) <= 80


def test_per_unit_targets_attainment_and_status(run):
    doc = by_unit_json(run, "--plan", PLAN, "--data", DATA, "--month", "2020-03")
    items = {i["code"]: i for i in doc["indicators"]}
    assert list(items) == ["S1", "S2", "V1"]  # T1 has no contributors
    s1 = {u["unit"]: u for u in items["S1"]["units"]}
    # PHUONG-A: 30 of 120 at March = the linear path (120 × 3/12): on track.
    assert (s1["PHUONG-A"]["value"], s1["PHUONG-A"]["target"]) == (30, 120)
    assert s1["PHUONG-A"]["attainment"] == pytest.approx(0.25)
    assert s1["PHUONG-A"]["status"] == "on_track"
    assert (s1["PHUONG-A"]["due_sent"], s1["PHUONG-A"]["due_total"]) == (3, 3)
    # PHUONG-B: 18, February missing, expected 25: below 0.9 × 25 → off track.
    assert (s1["PHUONG-B"]["value"], s1["PHUONG-B"]["due_sent"]) == (18, 2)
    assert s1["PHUONG-B"]["status"] == "off_track"
    assert s1["PHUONG-B"]["share"] == pytest.approx(18 / 48)
    # XA-C sent nothing: its row stays, with its target and no data.
    assert s1["XA-C"]["value"] is None and s1["XA-C"]["target"] == 80
    assert s1["XA-C"]["status"] == "no_data" and s1["XA-C"]["due_sent"] == 0
    assert items["S1"]["contributors_sum"] == 48 and items["S1"]["value"] == 48
    # No per-unit targets: no attainment or status per unit.
    assert all(u["target"] is None and u["status"] is None for u in items["S2"]["units"])
    # V1: the owner's own figure first, then the wards against their own targets.
    v1 = items["V1"]["units"]
    assert [u["role"] for u in v1] == ["owner", "contributor", "contributor", "contributor"]
    assert v1[0]["unit"] == "P-VH" and v1[0]["value"] == 19 and v1[0]["share"] is None
    assert items["V1"]["value"] == 19 and items["V1"]["contributors_sum"] == 18
    assert [u["status"] for u in v1[1:]] == ["achieved", "off_track", "off_track"]
    assert v1[2]["attainment"] == pytest.approx(6 / 7)


def test_by_unit_table_golden(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("status", "--by-unit", "--plan", PLAN, "--data", DATA, "--month", "2020-03")
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    check_golden("by_unit_test_plan_80.txt", result.stdout)
    monkeypatch.setenv("COLUMNS", "120")
    wide = run("breakdown", "--plan", PLAN, "--data", DATA, "--month", "2020-03", "--lang", "en")
    check_golden("by_unit_test_plan_en_120.txt", wide.stdout)


def test_ward_grid_for_the_report(plan):
    status = compute_status(plan, load_data(plan, SAMPLE_DATA).dataset, 9)
    items = breakdowns(plan, status, REPORT_CODES)
    assert [b.result.code for b in items] == list(REPORT_CODES)
    xh04 = items[2]
    headers, rows, right = ward_grid(xh04, "vi")
    assert headers[:5] == ("Đơn vị", "Lũy kế", "Tỷ trọng", "Gửi đến", "Đủ kỳ")
    assert len(rows) == 7 and rows[-1][0] == "Cộng các đơn vị"
    assert rows[-1][1] == "726" and rows[-1][2] == "100%"
    by_unit = {c.unit: c for c in xh04.result.contributions}
    for row in rows[:-1]:
        assert row[1] == figure_text(by_unit[row[0]].value, "vi")
        assert row[3] == f"{by_unit[row[0]].month:02d}/2020"
    assert right == frozenset({1, 2, 4})
    assert abs(sum(u.share for u in xh04.contributors if u.share) - 1) < Decimal("1e-20")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--by-unit", "KT04"], "Chỉ tiêu KT04 không có đơn vị đóng góp."),
        (["status", "--by-unit", "KT5"], "Mã gần nhất: KT05"),
        (["status", "KT05"], "chỉ dùng cùng --by-unit"),
        (["breakdown", "XX01"], "Không có chỉ tiêu “XX01”"),
    ],
)
def test_bad_codes_exit_2(run, args, message):
    result = run(*args, "--data", SAMPLE_DATA)
    assert result.exit_code == 2
    assert message in result.stderr
    if "KT04" in args:
        assert "KT05, KT06, XH04, XH08, XH09" in result.stderr


def test_plan_without_contributors_says_so(run, tmp_path):
    plan = load_plan(PLAN)
    assert plan.indicator("T1").contributors == []
    result = run("status", "--by-unit", "--group", "XH", "--plan", PLAN, "--data", DATA)
    assert result.exit_code == 0
    assert "V1 — " in result.stdout and "S1 — " not in result.stdout


def test_ward_tables_as_plain_text_fit_the_text_report(plan):
    from kehoach.render.plaintable import cell_width, plain_table

    status = compute_status(plan, load_data(plan, SAMPLE_DATA).dataset, 9)
    for lang in ("vi", "en"):
        for b in breakdowns(plan, status, REPORT_CODES):
            lines = plain_table(*ward_grid(b, lang))
            assert max(cell_width(ln) for ln in lines) <= 80
            assert len(lines) == 2 + len(b.rows) + 1  # header, rule, units, total
            assert lines[1].startswith("───")
    xh04 = breakdowns(plan, status, ["XH04"])[0]
    from kehoach.core.i18n import status_label
    from kehoach.report.wards import ward_caption

    caption = ward_caption(xh04, "vi")
    assert caption.startswith(f"XH04 — {xh04.result.name_vi} (người): thị xã ")
    assert caption.endswith(", " + status_label(xh04.result.status, "vi"))
    lines = plain_table(*ward_grid(xh04, "vi"))
    assert lines[0].startswith("Đơn vị") and lines[0].endswith("Đủ kỳ")
    assert lines[-1].startswith("Cộng các đơn vị")
    # figures are right-aligned under their heading: same end column on every line
    value_end = lines[0].index("Lũy kế") + len("Lũy kế")
    for ln in lines[2:]:
        assert ln[value_end - 1] != " " and ln[value_end] == " "


def test_plain_table_aligns_by_columns_not_bytes():
    from kehoach.render.plaintable import plain_table

    nfd = "Phu\u031bo\u031b\u0300ng"  # "Phường" with combining marks
    lines = plain_table(("Đơn vị", "Số"), [(nfd, "1"), ("Xã C", "12")], frozenset({1}))
    assert lines == ["Đơn vị  Số", "──────────", nfd + "   1", "Xã C    12"]


def test_by_unit_with_unit_is_a_usage_error(run):
    result = run("status", "--by-unit", "--unit", "BAC-HONG", "--data", SAMPLE_DATA)
    assert result.exit_code == 2
    assert "--by-unit đã liệt kê từng đơn vị; bỏ --unit" in result.stderr


def test_report_ward_tables_are_the_five_ward_indicators(plan):
    from kehoach.report.wards import report_ward_tables, ward_caption

    status = compute_status(plan, load_data(plan, SAMPLE_DATA).dataset, 9)
    tables = report_ward_tables(plan, status, "en")
    assert [t.code for t in tables] == ["KT05", "KT06", "XH04", "XH08", "XH09"]
    for t, b in zip(tables, breakdowns(plan, status, REPORT_CODES), strict=True):
        assert (t.headers, t.rows, t.right) == ward_grid(b, "en")
        assert t.caption == ward_caption(b, "en")
    # a status of one group keeps only that group's ward tables
    xh = compute_status(plan, load_data(plan, SAMPLE_DATA).dataset, 9, group="XH")
    assert [t.code for t in report_ward_tables(plan, xh, "vi")] == ["XH04", "XH08", "XH09"]
