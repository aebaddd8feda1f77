"""Issue 24: a figure far from the same unit's own history is a warning (implausible-value):
last year's same month, else its latest earlier month; ×1000 named a separator slip; the
factor tuned per indicator; never an error; a big file's screen equals the exact walk."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from conftest import PLAN_PATH, SAMPLE_DATA, write_csv
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.pipeline import check_file
from kehoach.read import series
from kehoach.read.checks import CheckContext
from kehoach.read.planfile import load_plan

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


def _warnings(run, path: Path, data: Path, lang: str = "vi"):
    result = run("validate", path, "--data", data, "--json", "--lang", lang)
    (doc,) = json.loads(result.stdout)["files"]
    return result.exit_code, [w for w in doc["warnings"] if w["code"] == "implausible-value"]


def test_a_thousandfold_figure_is_named_a_separator_slip(run, tmp_path):
    # BAC-HONG's KT06 (tonnes, year to date) was 640 in October 2019 and 680 in September
    path = write_csv(tmp_path / "f.csv", HEADER + "BAC-HONG,KT06,2020-10,680000,\n")
    code, found = _warnings(run, path, SAMPLE_DATA)
    assert code == 0  # a warning, never an error
    (w,) = found
    assert w["row"] == 2
    assert w["message"] == (
        "BAC-HONG · KT06 · 2020-10: số liệu 680.000 gấp 1.062 lần số cùng tháng năm trước "
        "(2019-10: 640)."
    )
    assert w["hint"].startswith("Khoảng 1.000 lần: có thể nhầm dấu phân cách hàng nghìn")
    _, (en,) = _warnings(run, path, SAMPLE_DATA, "en")
    assert en["message"] == (
        "BAC-HONG · KT06 · 2020-10: the figure 680,000 is 1,062 times the same month last "
        "year (2019-10: 640)."
    )


def test_a_tenth_of_last_year_s_month_is_warned(run, tmp_path):
    # XH04 is sent by the month: 1 new job in October against 18 in October 2019
    path = write_csv(tmp_path / "f.csv", HEADER + "BAC-HONG,XH04,2020-10,1,\n")
    _, (w,) = _warnings(run, path, SAMPLE_DATA)
    assert "số liệu 1 chỉ bằng 1/18 số cùng tháng năm trước (2019-10: 18)" in w["message"]
    assert w["hint"].startswith("Có thể thừa hoặc thiếu chữ số 0")


def test_without_last_year_the_latest_earlier_month_is_the_reference(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2020-09", data / "2020-09")
    # P-TCKH's KT03 (year to date) was 1.200 or so in September: October's 12.500 is
    # ten times it (a YTD may grow, but not tenfold in a month)
    stored = (data / "2020-09" / "P-TCKH.csv").read_text(encoding="utf-8")
    before = float(stored.splitlines()[1].split(",")[3])
    value = round(before * 11)
    path = write_csv(tmp_path / "f.csv", HEADER + f"P-TCKH,KT03,2020-10,{value},\n")
    _, (w,) = _warnings(run, path, data)
    assert "số tháng trước gần nhất (2020-09:" in w["message"]
    assert "gấp 11 lần" in w["message"]


def test_figures_close_to_their_history_pass_in_silence(run, tmp_path):
    path = write_csv(
        tmp_path / "f.csv",
        HEADER
        + "BAC-HONG,KT06,2020-10,700,\nBAC-HONG,XH04,2020-10,9,\nBAC-HONG,KT05,2020-10,140,\n",
    )
    code, found = _warnings(run, path, SAMPLE_DATA)
    assert (code, found) == (0, [])


def test_rates_and_levels_with_a_usual_range_are_not_held_against_history(plan):
    checked = {plan.indicators[i].code for i in series.plausible_indicators(plan)}
    assert checked == {
        ind.code for ind in plan.indicators if ind.measure == "cumulative"
    }  # every level of this plan has a usual range; rates never


def _plan_with(tmp_path: Path, **factors) -> Path:
    data = yaml.safe_load(PLAN_PATH.read_text(encoding="utf-8"))
    for ind in data["indicators"]:
        if ind["code"] in factors:
            ind["plausibility"] = factors[ind["code"]]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_plan_tunes_or_turns_off_the_factor(run, tmp_path):
    path = write_csv(
        tmp_path / "f.csv", HEADER + "BAC-HONG,XH04,2020-10,60,\nBAC-HONG,KT06,2020-10,680000,\n"
    )
    plan = _plan_with(tmp_path, XH04=3, KT06=0)
    result = run("validate", path, "--data", SAMPLE_DATA, "--json", "--plan", plan)
    (doc,) = json.loads(result.stdout)["files"]
    found = [(w["row"], w["code"]) for w in doc["warnings"] if w["code"] == "implausible-value"]
    assert found == [(2, "implausible-value")]  # 60 is 3,3 × 18; KT06 is not checked
    assert "(Cảnh báo khi gấp hoặc bằng 1/3 lần trở lên.)" in doc["warnings"][0]["hint"]


def test_submit_stores_a_figure_accepted_with_the_warning(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    path = write_csv(tmp_path / "f.csv", HEADER + "BAC-HONG,XH04,2020-10,1,\n")
    result = run("submit", path, "--data", data)
    assert result.exit_code == 0
    assert "chỉ bằng 1/18" in result.stdout
    assert (data / "2020-10" / "BAC-HONG.csv").is_file()


# --------------------------------------------- the screen of a big file equals the walk

PLAN = load_plan(PLAN_PATH)
series_values = st.lists(
    st.one_of(st.none(), st.sampled_from([0, 1, 5, 9, 10, 11, 48, 50, 99, 100, 101, 5000])),
    min_size=12,
    max_size=12,
)


@settings(max_examples=60)
@given(
    kt03=st.lists(series_values, min_size=1, max_size=3),
    xh04=st.lists(series_values, min_size=1, max_size=3),
    last_year=st.booleans(),
)
def test_a_big_file_s_screen_finds_what_the_exact_walk_finds(kt03, xh04, last_year):
    wards = ["BAC-HONG", "NAM-HONG", "DUC-THUAN"]
    lines = [HEADER]
    for unit, values in zip(["P-TCKH"], kt03[:1], strict=False):
        for m, v in enumerate(values, 1):
            if v is not None:
                lines.append(f"{unit},KT03,2020-{m:02d},{v},\n")
    for unit, values in zip(wards, xh04, strict=False):
        for m, v in enumerate(values, 1):
            if v is not None:
                lines.append(f"{unit},XH04,2020-{m:02d},{v},\n")
                if last_year:
                    lines.append(f"{unit},XH04,2019-{m:02d},{(v * 7) % 13},\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_csv(Path(tmp) / "f.csv", "".join(lines))
        found = {}
        for exact in (10**9, 0):
            saved = series.PLAUSIBILITY_EXACT_BLOCKS
            series.PLAUSIBILITY_EXACT_BLOCKS = exact
            try:
                result = check_file(PLAN, path, CheckContext(PLAN), None, Path(tmp)).result
            finally:
                series.PLAUSIBILITY_EXACT_BLOCKS = saved
            found[exact] = [
                (i.row, i.params["reference"], i.params["relation"])
                for i in result.issues
                if i.code == "implausible-value"
            ]
        assert found[0] == found[10**9]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_fixture_of_the_catalogue_warns_in_both_languages(run, lang):
    path = Path(__file__).parent / "data" / "codes" / "implausible-value.csv"
    code, (w,) = _warnings(run, path, Path("/nonexistent"), lang)
    assert code == 0 and w["row"] == 3
    expected = {
        "vi": "P-TCKH · KT03 · 2020-03: số liệu 650 gấp 11 lần số cùng tháng năm trước "
        "(2019-03: 60).",
        "en": "P-TCKH · KT03 · 2020-03: the figure 650 is 11 times the same month last year "
        "(2019-03: 60).",
    }
    assert w["message"] == expected[lang]


def test_status_and_explain_keep_marking_a_figure_accepted_with_the_warning(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    path = write_csv(tmp_path / "f.csv", HEADER + "BAC-HONG,XH04,2020-10,1,\n")
    assert run("submit", path, "--data", data).exit_code == 0
    stored = data / "2020-10" / "BAC-HONG.csv"
    for args in (["status", "--month", "2020-10"], ["explain", "XH04", "--month", "2020-10"]):
        result = run(*args, "--data", data, "--json")
        assert result.exit_code == 0  # a warning: the figure stands
        issues = json.loads(result.stdout)["issues"]
        assert [(i["file"], i["row"], i["code"]) for i in issues] == [
            (str(stored), 2, "implausible-value")
        ]
        text = run(*args, "--data", data).stdout
        assert "chỉ bằng 1/18 số cùng tháng năm trước (2019-10: 18)" in text
    # explain of another indicator does not list it
    other = json.loads(run("explain", "KT04", "--data", data, "--json").stdout)
    assert other["issues"] == []


def test_the_sample_data_holds_no_implausible_figure(run):
    doc = json.loads(run("status", "--data", SAMPLE_DATA, "--json").stdout)
    assert doc["issues"] == []
