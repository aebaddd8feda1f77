"""`kehoach show CODE`: the picture (golden files at 80 and 120 columns, NO_COLOR), the
series in JSON equal to `status --json` month by month, unknown codes, no data."""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import PLAN_PATH, SAMPLE_DATA, check_golden
from hypothesis import given
from hypothesis import strategies as st

from kehoach.render.pathchart import _scale, nice_step


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("code", ["KT04", "XH02", "DT05"])
def test_show_golden(run, monkeypatch, code, width):
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("NO_COLOR", "1")
    result = run("show", code, "--month", "2020-09", "--data", SAMPLE_DATA)
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    check_golden(f"show_{code}_{width}.txt", result.stdout)


def test_show_english_golden(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("show", "kt06", "--month", "2020-09", "--data", SAMPLE_DATA, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    check_golden("show_KT06_en_80.txt", result.stdout)


@pytest.mark.parametrize("code", ["KT04", "KT06", "XH02", "XH04", "XH09", "DT05", "KT03"])
def test_series_equal_status_json_month_by_month(run, code):
    doc = json.loads(
        run("show", code, "--month", "2020-09", "--data", SAMPLE_DATA, "--json").stdout
    )
    assert len(doc["series"]) == 12
    assert doc["code"] == code and doc["month"] == "2020-09"
    for m in range(1, 13):
        point = doc["series"][m - 1]
        assert point["month"] == f"2020-{m:02d}"
        status = json.loads(
            run("status", "--month", f"2020-{m:02d}", "--data", SAMPLE_DATA, "--json").stdout
        )
        item = next(i for i in status["indicators"] if i["code"] == code)
        assert point["previous_year"] == item["previous_year"]
        if doc["measure"] != "level":
            assert point["expected"] == item["expected"]
        if m <= 9:
            assert point["value"] == item["value"]
            assert point["sent"] == (item["last_month"] == point["month"])
        else:
            assert point["value"] is None and point["sent"] is False
        if m == 9:
            assert doc["status"] == item["status"]
            assert doc["indicator"] == item


def test_level_json_carries_target_and_at_risk_line(run):
    doc = json.loads(
        run("show", "XH02", "--month", "2020-09", "--data", SAMPLE_DATA, "--json").stdout
    )
    assert doc["target"] == 92 and doc["band"] == 1 and doc["risk_line"] == 91
    assert doc["owner"] == "BHXH" and doc["contributors"] == []
    lower = json.loads(run("show", "XH01", "--data", SAMPLE_DATA, "--json").stdout)
    assert lower["risk_line"] == pytest.approx(lower["target"] + lower["band"])


def test_unknown_code_suggests_the_nearest_exit_2(run):
    result = run("show", "KT4", "--data", SAMPLE_DATA)
    assert result.exit_code == 2
    assert "Không có chỉ tiêu “KT4”" in result.stderr
    assert "Mã gần nhất: KT04" in result.stderr
    assert "Traceback" not in result.stderr
    far = run("show", "ZZZZ", "--data", SAMPLE_DATA, "--lang", "en")
    assert far.exit_code == 2
    assert "Indicator codes: KT01, KT02" in far.stderr


def test_code_is_read_in_any_case(run):
    result = run("show", " xh02 ", "--month", "2020-03", "--data", SAMPLE_DATA, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["code"] == "XH02"


@pytest.mark.parametrize(("code", "line"), [("XH02", "════"), ("KT04", "────"), ("DT05", "────")])
def test_no_data_draws_the_target_and_says_so(run, monkeypatch, tmp_path, code, line):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("show", code, "--month", "2020-06", "--data", tmp_path)
    assert result.exit_code == 0
    assert "Chưa có số liệu." in result.stdout
    # The target (or the planned path) is drawn above the axis, with no figure on it.
    rows = [ln for ln in result.stdout.splitlines() if "┤" in ln or "│" in ln]
    assert any(line in ln for ln in rows)
    assert not any(ch in "".join(rows) for ch in "●█▁▂▃▄▅▆▇")
    doc = json.loads(run("show", code, "--data", tmp_path, "--json").stdout)
    assert all(p["value"] is None for p in doc["series"])
    assert doc["status"] in ("no_data", "not_due")


def test_notes_owner_and_contributors_are_printed(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    out = run("show", "KT06", "--month", "2020-09", "--data", SAMPLE_DATA).stdout
    assert "Chịu trách nhiệm: P-KT" in out
    assert "Đơn vị đóng góp: các phường, xã" in out
    assert "T4 DUC-THUAN: lúa Đông Xuân chín sớm" in out


def test_bad_month_exit_2(run):
    result = run("show", "KT04", "--month", "2019-13", "--data", SAMPLE_DATA)
    assert result.exit_code == 2


def test_no_color_in_a_terminal_keeps_glyphs_and_drops_colour(tmp_path):
    """NO_COLOR wins over a terminal (FORCE_COLOR): styles like bold may stay, colours go."""
    env = {**os.environ, "FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("KEHOACH_LANG", None)
    argv = [sys.executable, "-m", "kehoach", "show", "KT04", "--month", "2020-09"]
    argv += ["--plan", str(PLAN_PATH), "--data", str(SAMPLE_DATA)]
    out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True).stdout
    assert "█" in out or "▅" in out or "▃" in out
    for colour in ("\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m", "\x1b[38;"):
        assert colour not in out
    env.pop("NO_COLOR")
    coloured = subprocess.run(argv, capture_output=True, text=True, env=env, check=True).stdout
    # the status (at risk / off track) is coloured when colour is allowed
    assert "\x1b[33m" in coloured or "\x1b[31m" in coloured


@pytest.mark.parametrize(
    ("raw", "step"),
    [("7.44", "10"), ("0.12", "0.2"), ("2030", "2500"), ("1", "1"), ("0.3", "0.5")],
)
def test_nice_step(raw, step):
    assert nice_step(Decimal(raw)) == Decimal(step)


figures = st.decimals(min_value=-1000, max_value=100000, places=2, allow_nan=False)


@given(st.lists(figures, min_size=1, max_size=30), st.booleans())
def test_scale_holds_every_value_in_at_most_sixteen_rows(values, from_zero):
    scale = _scale(values, from_zero, most=8)
    top = scale.lo + scale.step * scale.height
    assert scale.height <= 16 and scale.height % 2 == 0
    assert scale.lo <= min(values) and top >= max(values)
    if from_zero:
        assert scale.lo <= 0
    else:
        assert scale.lo < min(values)  # nothing drawn on the axis
    for v in values:
        assert 1 <= scale.row_of(v) <= scale.height


def test_a_note_with_terminal_controls_is_shown_not_obeyed(run, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / "2020-03"
    folder.mkdir()
    (folder / "CC-THUE.csv").write_text(
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
        "CC-THUE,KT04,2020-03,16.4,\x1b]0;owned\x07 [bold]xem[/bold]\n",
        encoding="utf-8",
    )
    result = run("show", "KT04", "--month", "2020-03", "--data", tmp_path)
    assert "\x1b]0;" not in result.stdout
    assert "␛]0;owned" in result.stdout and "[bold]xem[/bold]" in result.stdout


@given(
    st.sampled_from(["KT01", "KT03", "KT04", "KT06", "XH02", "XH04", "XH09", "DT05", "DT01"]),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=40, max_value=200),
    st.sampled_from(["vi", "en"]),
)
def test_the_picture_never_runs_past_the_terminal(code, month, width, lang):
    from rich.console import Console

    from kehoach.core.trajectory import trajectory
    from kehoach.render.pathchart import render_show

    plan, dataset = _sample()
    traj = trajectory(plan, dataset, plan.indicator_index[code], month)
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    render_show(traj, plan, lang, console)
    lines = console.export_text().splitlines()
    assert max(len(line) for line in lines) <= width
    assert any(code in line for line in lines[:2])


@functools.cache
def _sample():
    from kehoach.read.datafolder import load_data
    from kehoach.read.planfile import load_plan

    plan = load_plan(PLAN_PATH)
    return plan, load_data(plan, SAMPLE_DATA).dataset


def test_months_between_quarterly_reports_are_shaded_not_new_bars(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    doc = json.loads(
        run("show", "KT03", "--month", "2020-09", "--data", SAMPLE_DATA, "--json").stdout
    )
    assert [p["sent"] for p in doc["series"][:9]] == [False, False, True] * 3
    assert doc["due_months"] == ["2020-03", "2020-06", "2020-09", "2020-12"]
    out = run("show", "KT03", "--month", "2020-09", "--data", SAMPLE_DATA).stdout
    chart = [ln for ln in out.splitlines() if "┤" in ln or "│" in ln]
    # each month is a 6-column cell after the axis; T4 and T5 carry March's figure
    axis = chart[0].index("┤") + 1
    cells = ["".join(ln[axis + 6 * m : axis + 6 * m + 6] for ln in chart) for m in range(12)]
    assert "░" in cells[3] and "░" in cells[4] and "█" not in cells[3]
    assert "█" in cells[2] and "░" not in cells[2]
    assert "░ giữ số tháng trước" in out


def test_the_table_lists_months_with_something_to_say(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("show", "XH09", "--month", "2020-09", "--data", SAMPLE_DATA).stdout
    table = out.split("Tháng", 1)[1].splitlines()
    months = [ln.split()[0] for ln in table[2:] if ln[:1] == "T"]
    assert months == ["T6", "T9"]  # half-yearly: June sent, September shown


def test_conflicting_files_are_named_and_exit_1(run, monkeypatch):
    from conftest import TEST_DATA

    monkeypatch.setenv("COLUMNS", "80")
    result = run("show", "KT04", "--month", "2020-03", "--data", TEST_DATA / "conflicting")
    assert result.exit_code == 1
    assert "Trạng thái tháng 3/2020: Xung đột số liệu" in result.stdout
    assert "Hai tệp cho hai số khác nhau (T3)" in result.stdout
    assert "CC-THUE-late.csv:2" in result.stdout
