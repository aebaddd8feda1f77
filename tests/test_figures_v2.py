"""Figures as units really send them (docs/plan.md §3, 4, 7,
8, 11): lũy kế and month amounts, estimates then official figures, last year's data, the
reporting calendar and which month is "now"."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, TEST_DATA, write_csv

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE_DATA, tmp_path / "data"))


def _ind(doc: dict, code: str) -> dict:
    return next(i for i in doc["indicators"] if i["code"] == code)


def _status(run, data: Path, month: str, *extra: str) -> dict:
    result = run("status", "--data", data, "--month", month, "--json", *extra)
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


# ------------------------------------------------------------------ lũy kế and month


def test_the_tax_office_sends_the_year_to_date_and_it_is_not_added_again(run, sample, tmp_path):
    # The case of the issue: "CC-THUE;KT04;T10/2020;59,6;Lũy kế 10 tháng". v1 added it to
    # the months before (112,3 tỷ, "151 % Đã đạt"). KT04 is sent as lũy kế: the year to date
    # is 59,6 and October's own amount 59,6 - 52 (September's estimate) = 7,6.
    path = tmp_path / "thue-t10.csv"
    path.write_text(
        "don_vi;ma_chi_tieu;thang;gia_tri;ghi_chu\nCC-THUE;KT04;T10/2020;59,6;Lũy kế 10 tháng\n",
        encoding="utf-8",
    )
    result = run("validate", path, "--data", sample, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][0]["warnings"] == []
    assert run("submit", path, "--data", sample).exit_code == 0
    kt04 = _ind(_status(run, sample, "2020-10"), "KT04")
    assert kt04["value"] == pytest.approx(59.6)
    assert kt04["month_value"] == pytest.approx(7.6)
    assert kt04["status"] != "achieved"


def test_a_ward_sending_jobs_as_the_year_to_date_is_warned(run, sample, tmp_path):
    # XH04 is asked for by the month; Bắc Hồng wrote "lũy kế từ đầu năm" in its note.
    path = tmp_path / "bac-hong.csv"
    path.write_text(HEADER + "BAC-HONG,XH04,2020-10,159,lũy kế từ đầu năm\n", encoding="utf-8")
    doc = json.loads(run("validate", path, "--data", sample, "--json").stdout)
    (warning,) = doc["files"][0]["warnings"]
    assert (warning["row"], warning["column"], warning["code"]) == (2, "gia_tri", "likely-ytd")
    # Bắc Hồng's January-September jobs: 16+13+15+11+13+17+17+16+16 = 134
    assert "25" in warning["hint"]


def test_a_figure_far_above_the_months_before_is_warned_without_a_note(run, sample, tmp_path):
    path = tmp_path / "bac-hong.csv"
    path.write_text(HEADER + "BAC-HONG,XH04,2020-10,150,\n", encoding="utf-8")
    doc = json.loads(run("validate", path, "--data", sample, "--json").stdout)
    assert [w["code"] for w in doc["files"][0]["warnings"]] == ["likely-ytd"]
    path.write_text(HEADER + "BAC-HONG,XH04,2020-10,18,\n", encoding="utf-8")
    doc = json.loads(run("validate", path, "--data", sample, "--json").stdout)
    assert doc["files"][0]["warnings"] == []


def test_a_row_may_say_it_is_the_month_amount(run, sample, tmp_path):
    # KT05 is asked for as lũy kế; Thuận Lộc sends October's own 40 ha, and says so.
    path = tmp_path / "thuan-loc.csv"
    path.write_text(
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu,ky_so_lieu\n"
        "THUAN-LOC,KT05,2020-10,40,vụ Đông,tháng\n",
        encoding="utf-8",
    )
    before = _ind(_status(run, sample, "2020-10"), "KT05")
    assert run("submit", path, "--data", sample).exit_code == 0
    stored = (sample / "2020-10" / "THUAN-LOC.csv").read_text(encoding="utf-8")
    assert "tháng" in stored.splitlines()[1]  # kept, since it is not what the plan asks
    after = _ind(_status(run, sample, "2020-10"), "KT05")
    assert after["value"] == pytest.approx(before["value"] + 40)
    assert after["month_value"] == pytest.approx(40)


# ------------------------------------------------------------------ estimates


def test_the_official_figure_replaces_the_estimate_without_replace(run, sample, tmp_path):
    # September's KT04 in the sample is an estimate (52, uoc_tinh x); the official 52,7
    # arrives in October and is filed without --replace.
    path = tmp_path / "thue-t9.csv"
    path.write_text(HEADER + "CC-THUE,KT04,2020-09,52.7,số chính thức\n", encoding="utf-8")
    before = _ind(_status(run, sample, "2020-09"), "KT04")
    assert before["estimate"] is True and before["value"] == 52
    result = run("submit", path, "--data", sample, "--json")
    assert result.exit_code == 0, result.stdout
    after = _ind(_status(run, sample, "2020-09"), "KT04")
    assert after["estimate"] is False and after["value"] == pytest.approx(52.7)
    # the estimate is kept in history, the log says "official", the revision is recorded
    kept = list((sample / "_history" / "2020-09").glob("CC-THUE.*.csv"))
    assert len(kept) == 1 and "52,ước" in kept[0].read_text(encoding="utf-8").replace(" ", "")
    log = list(csv.DictReader(io.StringIO((sample / "_log.csv").read_text(encoding="utf-8"))))
    assert log[-1]["unit"] == "CC-THUE" and log[-1]["action"] == "official"
    revisions = (sample / "_revisions.csv").read_text(encoding="utf-8-sig").splitlines()
    assert revisions[0].startswith("time,unit,indicator,month,old,new")
    assert revisions[1].split(",")[1:9] == [
        "CC-THUE", "KT04", "2020-09", "52", "52.7", "x", "", "official"
    ]  # fmt: skip


def test_an_official_figure_is_not_replaced_by_an_estimate_without_replace(run, sample, tmp_path):
    path = tmp_path / "bhxh.csv"
    path.write_text(
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu,uoc_tinh\nBHXH,XH02,2020-09,91.7,,x\n",
        encoding="utf-8",
    )
    result = run("submit", path, "--data", sample)
    assert result.exit_code == 1
    assert "--replace" in " ".join(result.stdout.split())


def test_an_estimate_and_the_official_figure_in_two_files_are_no_conflict(run, sample):
    write_csv(
        sample / "2020-09" / "muon" / "CC-THUE-chinh-thuc.csv",
        HEADER + "CC-THUE,KT04,2020-09,52.4,số chính thức\n",
    )
    result = run("status", "--data", sample, "--month", "2020-09", "--json")
    assert result.exit_code == 0
    kt04 = _ind(json.loads(result.stdout), "KT04")
    assert kt04["status"] != "conflict" and kt04["value"] == pytest.approx(52.4)
    assert kt04["estimate"] is False


def test_estimates_are_marked_in_the_table(run):
    out = run("status", "--month", "2020-09").stdout
    assert "52 (ước)" in out and "(ước): số ước tính" in " ".join(out.split())
    en = run("status", "--month", "2020-09", "--lang", "en").stdout
    assert "52 (est.)" in en


# ------------------------------------------------------------------ last year, calendar


def test_every_cumulative_indicator_has_the_same_period_last_year(run):
    doc = _status(run, SAMPLE_DATA, "2020-09")
    for ind in doc["indicators"]:
        if ind["measure"] == "cumulative" and ind["due_month"]:
            assert ind["previous_year"] is not None, ind["code"]


def test_a_plan_for_2021_runs_over_a_folder_of_2020_and_2021(run, tmp_path):
    data = tmp_path / "data"
    write_csv(data / "2018-12" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2018-12,70,\n")
    for m, ytd in enumerate([6, 12, 18, 25, 31, 38, 44, 50, 57, 63, 70, 80], 1):
        write_csv(
            data / f"2020-{m:02d}" / "CC-THUE.csv", HEADER + f"CC-THUE,KT04,2020-{m:02d},{ytd},\n"
        )
    write_csv(data / "2021-01" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2021-01,7,\n")
    write_csv(data / "2021-02" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2021-02,13,\n")
    write_csv(data / "2021-02" / "BHXH.csv", HEADER + "BHXH,XH02,2021-02,92.5,\n")
    plan = TEST_DATA / "plan2021.yaml"
    doc = _status(run, data, "2021-02", "--plan", plan)
    kt04 = _ind(doc, "KT04")
    # 2020 is last year: its shape phases 2021 (12 of 80 by February) and is "cùng kỳ"
    assert kt04["value"] == 13 and kt04["previous_year"] == 12
    assert kt04["phasing"] == "last-year" and kt04["expected"] == pytest.approx(80 * 12 / 80)
    assert _ind(doc, "XH02")["gap_points"] == pytest.approx(-0.5)
    assert doc["skipped_years"] == {"2018": 1}  # older years: one note, no errors
    assert doc["issues"] == []
    text = run("status", "--data", data, "--month", "2021-02", "--plan", plan).stdout
    assert "Bỏ qua 1 tệp của năm 2018" in " ".join(text.split())


def test_last_year_incomplete_falls_back_and_says_so(run, tmp_path):
    data = tmp_path / "data"
    write_csv(data / "2020-06" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2020-06,40,\n")
    write_csv(data / "2021-03" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2021-03,21,\n")
    doc = _status(run, data, "2021-03", "--plan", TEST_DATA / "plan2021.yaml")
    kt04 = _ind(doc, "KT04")
    assert kt04["phasing"] == "linear" and kt04["phasing_fallback"] is True
    assert kt04["expected"] == pytest.approx(20)


def test_the_deadline_is_the_due_day_of_the_month_itself(run):
    doc = json.loads(run("missing", "--month", "2020-09", "--as-of", "2020-09-20", "--json").stdout)
    assert doc["deadline"] == "2020-09-17"


def test_a_clock_past_the_plan_year_makes_no_one_thousands_of_days_late(run):
    doc = json.loads(run("missing", "--month", "2020-09", "--as-of", "2026-12-01", "--json").stdout)
    assert all(u["overdue_days"] is None for u in doc["units"])


# ------------------------------------------------------------------ the series screen

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(
    st.lists(
        st.one_of(st.none(), st.decimals(min_value=0, max_value=5000, places=2)),
        min_size=12,
        max_size=12,
    ),
    st.sampled_from(["ytd", "month"]),
)
def test_the_float_screen_never_clears_a_series_the_exact_walk_would_flag(values, sent_as):
    from kehoach.core.dataset import Dataset
    from kehoach.read.series import _clear, _walk

    plan = _one_indicator_plan(sent_as, 1)
    ds = Dataset(1)
    f = ds.add_file("f.csv")
    for m, v in enumerate(values, 1):
        if v is not None:
            ds.put(0, 0, m, float(v), f, m + 1)
    floats = [float(v) for v in values if v is not None]
    if _clear(floats, sent_as):
        assert _walk(plan, ds, None, "f.csv", 0, 0) == []


def _one_indicator_plan(sent_as: str, units: int, minimum: int = 0):
    from kehoach.core.models import Plan

    return Plan.model_validate(
        {
            "id": "t",
            "year": 2020,
            "issuer": {"authority_vi": "U", "authority_en": "U", "place": "P"},
            "report": {"title_vi": "B", "title_en": "R"},
            "groups": [{"code": "G", "section": "I", "name_vi": "G", "name_en": "G"}],
            "units": [
                {"code": f"U{n}", "name_vi": "U", "name_en": "U", "kind": "ward"}
                for n in range(units)
            ],
            "indicators": [
                {
                    "code": "I1",
                    "group": "G",
                    "name_vi": "C",
                    "name_en": "C",
                    "unit_of_measure_vi": "tỷ đồng",
                    "unit_of_measure_en": "bn",
                    "comparison": ">",
                    "target": 100,
                    "measure": "cumulative",
                    "phasing": "linear",
                    "sent_as": sent_as,
                    "frequency": "monthly",
                    "reported_by": [f"U{n}" for n in range(units)],
                    "range": {"min": minimum},
                }
            ],
        }
    )


_month_values = st.lists(
    st.one_of(st.none(), st.decimals(min_value=0, max_value=500, places=1)),
    min_size=12,
    max_size=12,
)


@given(
    st.lists(_month_values, min_size=1, max_size=5),
    st.lists(_month_values, min_size=1, max_size=5),
    st.sampled_from(["ytd", "month"]),
    st.booleans(),
)
def test_the_column_screen_finds_what_walking_every_series_finds(mine, theirs, sent_as, store):
    """series_issues screens all units at once; walking every series exactly is the
    reference it must equal, with and without stored data beside the file."""
    from kehoach.core.dataset import Dataset
    from kehoach.read.series import _walk, series_issues

    plan = _one_indicator_plan(sent_as, max(len(mine), len(theirs)))
    own, stored = Dataset(1), Dataset(1)
    f, g = own.add_file("f.csv"), stored.add_file("s.csv")
    for u, values in enumerate(mine):
        for m, v in enumerate(values, 1):
            if v is not None:
                own.put(u, 0, m, float(v), f, 12 * u + m + 1)
    for u, values in enumerate(theirs if store else []):
        for m, v in enumerate(values, 1):
            if v is not None:
                stored.put(u, 0, m, float(v), g, m + 1)
    other = stored if store else None
    got = [(i.row, i.code, i.params["unit"]) for i in series_issues(plan, own, other, "f.csv")]
    expected = []
    for u in own.units():
        expected += [
            (r, i.code, i.params["unit"]) for r, i in _walk(plan, own, other, "f.csv", u, 0)
        ]
    assert sorted(got) == sorted(expected)


_signed_values = st.lists(
    st.one_of(st.none(), st.decimals(min_value=-50, max_value=500, places=1)),
    min_size=12,
    max_size=12,
)


@given(
    st.lists(_signed_values, min_size=1, max_size=6),
    st.lists(_signed_values, max_size=3),
    st.sampled_from(["ytd", "month"]),
    st.booleans(),
    st.lists(st.tuples(st.integers(0, 5), st.integers(1, 12)), max_size=3),
)
def test_the_column_screen_whatever_the_order_signs_and_conflicts(
    mine, theirs, sent_as, month_major, clashes
):
    """The same reference as above over files sent month by month (blocks made far from
    their unit's other months), figures below zero, stored data for some units only, and
    keys in conflict (a value the walk leaves out and the screen would count)."""
    from kehoach.core.dataset import Dataset
    from kehoach.read.series import _walk, series_issues

    plan = _one_indicator_plan(sent_as, len(mine), minimum=-50)
    own, stored = Dataset(1), Dataset(1)
    f, g = own.add_file("f.csv"), stored.add_file("s.csv")
    cells = [(u, m) for u in range(len(mine)) for m in range(1, 13)]
    if month_major:
        cells.sort(key=lambda cell: (cell[1], cell[0]))
    for u, m in cells:
        v = mine[u][m - 1]
        if v is not None:
            own.put(u, 0, m, float(v), f, 12 * u + m + 1)
    for u, m in clashes:
        if u < len(mine) and mine[u][m - 1] is not None:
            own.put(u, 0, m, float(mine[u][m - 1]) + 1000, f, 9999)
    for u, values in enumerate(theirs):
        for m, v in enumerate(values, 1):
            if v is not None:
                stored.put(u, 0, m, float(v), g, m + 1)
    for other in (None, stored):
        got = [(i.row, i.code, i.params["unit"]) for i in series_issues(plan, own, other, "f")]
        expected = [
            (r, i.code, i.params["unit"])
            for u in own.units()
            for r, i in _walk(plan, own, other, "f", u, 0)
        ]
        assert sorted(got) == sorted(expected)


def test_a_key_in_conflict_does_not_hide_a_likely_year_to_date():
    # 10, 15, 25 passes the screen (no figure above twice the one before), but March's 15
    # is in conflict and left out: 25 after 10 alone is a likely year to date.
    from kehoach.core.dataset import Dataset
    from kehoach.read.series import series_issues

    plan = _one_indicator_plan("month", 1)
    own = Dataset(1)
    f = own.add_file("f.csv")
    for m, v in ((1, 10.0), (2, 15.0), (3, 25.0)):
        own.put(0, 0, m, v, f, m + 1)
    own.put(0, 0, 2, 16.0, f, 9)
    assert [(i.code, i.row) for i in series_issues(plan, own, None, "f.csv")] == [("likely-ytd", 4)]


def test_the_year_to_date_and_the_month_for_one_key_may_both_be_sent(run, tmp_path):
    # Both forms of March's figure, agreeing (16,4 - 12,1 = 4,3): no duplicate, no error;
    # the first form is the one stored.
    path = tmp_path / "thue.csv"
    path.write_text(
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu,ky_so_lieu\n"
        "CC-THUE,KT04,2020-02,12.1,,\n"
        "CC-THUE,KT04,2020-03,16.4,,lũy kế\n"
        "CC-THUE,KT04,2020-03,4.3,,tháng\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    data.mkdir()
    doc = json.loads(run("validate", path, "--data", data, "--json").stdout)
    assert doc["files"][0]["errors"] == [] and doc["files"][0]["warnings"] == []
    assert run("submit", path, "--data", data).exit_code == 0
    kt04 = _ind(_status(run, data, "2020-03"), "KT04")
    assert kt04["value"] == pytest.approx(16.4) and kt04["month_value"] == pytest.approx(4.3)
