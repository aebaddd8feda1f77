"""The attainment rules of docs/plan.md, one named test per edge case."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.attainment import compute_status, judge, phase_share
from kehoach.core.dataset import Dataset
from kehoach.core.models import Plan

D = Decimal
WARDS = ["W1", "W2", "W3"]


def make_plan(*indicators: dict, **overrides) -> Plan:
    base = {
        "id": "test-plan",
        "year": 2020,
        "issuer": {"authority_vi": "UBND", "authority_en": "PC", "place": "Nơi"},
        "report": {"title_vi": "Báo cáo", "title_en": "Report"},
        "groups": [{"code": "KT", "section": "II.2.a", "name_vi": "Kinh tế", "name_en": "E"}],
        "units": [
            {"code": "TAX", "name_vi": "Chi cục Thuế", "name_en": "Tax", "kind": "agency"},
            *({"code": w, "name_vi": w, "name_en": w, "kind": "ward"} for w in WARDS),
        ],
        "indicators": [_indicator(**i) for i in indicators],
    }
    base.update(overrides)
    return Plan.model_validate(base)


def _indicator(**kw) -> dict:
    out = {
        "code": "I1",
        "group": "KT",
        "name_vi": "Chỉ tiêu",
        "name_en": "Indicator",
        "unit_of_measure_vi": "tỷ đồng",
        "unit_of_measure_en": "billion VND",
        "direction": "higher",
        "target": 74.4,
        "measure": "cumulative",
        "phasing": "linear",
        "frequency": "monthly",
        "reported_by": ["TAX"],
        "range": {"min": 0},
    }
    out.update(kw)
    # The plan's comparison (docs/plan.md §1); these tests write "at least" / "at most".
    direction = out.pop("direction")
    out.setdefault("comparison", ">=" if direction == "higher" else "<=")
    if out["measure"] == "level":
        out.pop("phasing", None)
        # An absolute band in the indicator's own unit (docs/plan.md §2): 5 % here.
        out.setdefault("band", Decimal(str(out["target"])) * Decimal("0.05"))
    return out


def data(plan: Plan, values: dict[tuple[str, str, int], float]) -> Dataset:
    ds = Dataset(len(plan.indicators))
    f = ds.add_file("test.csv")
    for row, ((unit, ind, month), v) in enumerate(values.items(), 2):
        ds.put(plan.unit_index[unit], plan.indicator_index[ind], month, v, f, row)
    return ds


def status_of(plan: Plan, values: dict, month: int, code: str = "I1"):
    result = compute_status(plan, data(plan, values), month)
    return next(r for r in result.indicators if r.code == code)


# --- cumulative, linear ------------------------------------------------------------------


def test_value_exactly_on_expected_is_on_track_not_at_risk():
    # The plan's own example: 5.1 + 6.0 + 5.8 + 6.4 + 7.0 + 6.9 = 37.2 = 74.4 × 6/12.
    plan = make_plan({})
    monthly = [5.1, 6.0, 5.8, 6.4, 7.0, 6.9]
    r = status_of(plan, {("TAX", "I1", m): v for m, v in enumerate(monthly, 1)}, 6)
    assert r.value == D("37.2")
    assert r.expected == D("37.2")
    assert r.status == "on_track"


def test_value_exactly_on_annual_target_is_achieved():
    plan = make_plan({})
    r = status_of(plan, {("TAX", "I1", 1): 70.0, ("TAX", "I1", 2): 4.4}, 2)
    assert r.value == D("74.4")
    assert r.status == "achieved"


def test_just_under_expected_is_at_risk_and_under_ninety_percent_off_track():
    plan = make_plan({})
    # expected at June 37.2; 0.9 × 37.2 = 33.48
    assert status_of(plan, {("TAX", "I1", 6): 37.1}, 6).status == "at_risk"
    assert status_of(plan, {("TAX", "I1", 6): 33.48}, 6).status == "at_risk"
    assert status_of(plan, {("TAX", "I1", 6): 33.47}, 6).status == "off_track"


def test_per_indicator_threshold_overrides_plan_default():
    plan = make_plan({"thresholds": {"at_risk_share": 0.5}})
    assert status_of(plan, {("TAX", "I1", 6): 20}, 6).status == "at_risk"
    plan_wide = make_plan({}, thresholds={"at_risk_share": 0.95})
    assert status_of(plan_wide, {("TAX", "I1", 6): 35}, 6).status == "off_track"


def test_no_value_when_due_is_no_data():
    plan = make_plan({})
    r = status_of(plan, {}, 3)
    assert r.status == "no_data"
    assert r.value is None and r.attainment is None


def test_projected_year_end_and_needed_run_rate():
    plan = make_plan({})
    r = status_of(plan, {("TAX", "I1", m): 5.0 for m in range(1, 7)}, 6)
    assert r.value == D(30)
    assert r.projected == D(60)  # 30 / (6/12)
    assert r.needed_per_month == (D("74.4") - 30) / 6
    assert r.gap == D("7.2")  # 37.2 - 30


# --- quarterly -----------------------------------------------------------------------------


def test_quarterly_expected_does_not_move_between_quarters():
    plan = make_plan({"target": 1080, "frequency": "quarterly"})
    values = {("TAX", "I1", 3): 300.0}
    for month in (3, 4, 5):
        r = status_of(plan, values, month)
        assert r.expected == D(270), month
        assert r.due_month == 3
        assert r.status == "on_track"
    assert status_of(plan, values, 6).expected == D(540)


def test_quarterly_before_first_due_month_is_not_due():
    plan = make_plan({"target": 1080, "frequency": "quarterly"})
    r = status_of(plan, {}, 2)
    assert r.status == "not_due"
    assert r.expected is None


# --- seasonal ------------------------------------------------------------------------------

WEIGHTS = [0, 0, 0, 0, 0.25, 0.35, 0, 0.1, 0.3, 0, 0, 0]


def test_seasonal_phase_sums_weights_to_the_due_month():
    plan = make_plan({"phasing": "seasonal", "weights": WEIGHTS, "target": 12190})
    ind = plan.indicators[0]
    assert phase_share(ind, 4) == 0
    assert phase_share(ind, 6) == D("0.6")
    assert phase_share(ind, 12) == 1


def test_seasonal_month_with_zero_weight_expects_nothing_yet():
    plan = make_plan({"phasing": "seasonal", "weights": WEIGHTS, "target": 12190})
    r = status_of(plan, {}, 3)
    assert r.expected == 0
    # No value in a due month is still missing data, whatever the weight.
    assert r.status == "no_data"
    r = status_of(plan, {("TAX", "I1", 2): 0.0}, 3)
    assert r.status == "on_track"
    assert r.projected is None  # no share of the year has passed


# --- year-end ------------------------------------------------------------------------------


def test_year_end_before_its_due_month_is_not_due():
    plan = make_plan({"phasing": "year-end", "frequency": "annual", "target": 1})
    assert status_of(plan, {}, 11).status == "not_due"


def test_year_end_in_its_due_month():
    plan = make_plan({"phasing": "year-end", "frequency": "annual", "target": 1})
    assert status_of(plan, {}, 12).status == "no_data"
    assert status_of(plan, {("TAX", "I1", 12): 1.0}, 12).status == "achieved"
    r = status_of(plan, {("TAX", "I1", 12): 0.0}, 12)
    assert r.expected == 1
    assert r.status == "off_track"


def test_year_end_value_sent_early_that_meets_target_is_achieved():
    plan = make_plan({"phasing": "year-end", "frequency": "annual", "target": 1})
    assert status_of(plan, {("TAX", "I1", 8): 1.0}, 9).status == "achieved"


# --- level ---------------------------------------------------------------------------------


def level(**kw):
    base = {"measure": "level", "target": 92, "range": {"min": 0, "max": 100}}
    base.update(kw)
    return base


def test_level_uses_latest_value_up_to_the_month():
    plan = make_plan(level())
    values = {("TAX", "I1", 1): 90.0, ("TAX", "I1", 2): 91.5, ("TAX", "I1", 4): 93.0}
    r = status_of(plan, values, 3)
    assert r.value == D("91.5")
    assert r.last_month == 2
    assert r.expected == D(92)
    assert r.status == "at_risk"
    assert status_of(plan, values, 4).status == "achieved"


def test_level_higher_tolerance_edges():
    plan = make_plan(level())  # 5 % of 92: line at 87.4
    assert status_of(plan, {("TAX", "I1", 1): 92.0}, 1).status == "achieved"
    assert status_of(plan, {("TAX", "I1", 1): 87.4}, 1).status == "at_risk"
    assert status_of(plan, {("TAX", "I1", 1): 87.39}, 1).status == "off_track"


def test_lower_is_better_at_inside_and_outside_tolerance():
    plan = make_plan(level(direction="lower", target=2, frequency="annual"))
    assert status_of(plan, {("TAX", "I1", 12): 2.0}, 12).status == "achieved"  # at
    assert status_of(plan, {("TAX", "I1", 12): 1.6}, 12).status == "achieved"
    assert status_of(plan, {("TAX", "I1", 12): 2.1}, 12).status == "at_risk"  # inside 5 %
    assert status_of(plan, {("TAX", "I1", 12): 2.11}, 12).status == "off_track"  # outside
    r = status_of(plan, {("TAX", "I1", 12): 2.5}, 12)
    assert r.attainment == D("0.8")  # target / value


def test_level_not_due_vs_no_data():
    plan = make_plan(level(frequency="half-yearly"))
    assert status_of(plan, {}, 5).status == "not_due"
    assert status_of(plan, {}, 6).status == "no_data"


def test_level_early_estimate_is_judged_like_any_value():
    plan = make_plan(level(frequency="annual"))
    assert status_of(plan, {("TAX", "I1", 9): 80.0}, 9).status == "off_track"


def test_stale_level_keeps_its_status_and_is_marked():
    plan = make_plan(level(frequency="quarterly"))
    r = status_of(plan, {("TAX", "I1", 3): 92.5}, 6)
    assert r.status == "achieved"
    assert r.stale is True
    assert r.last_month == 3
    assert status_of(plan, {("TAX", "I1", 3): 92.5}, 5).stale is False


def test_zero_target_gives_no_attainment_but_a_status():
    plan = make_plan(level(target=0, range={"min": 0}))
    r = status_of(plan, {("TAX", "I1", 1): 0.0}, 1)
    assert r.attainment is None
    assert r.status == "achieved"


# --- several units -------------------------------------------------------------------------


def test_several_units_are_summed_cumulative():
    plan = make_plan({"reported_by": WARDS, "target": 1200})
    values = {("W1", "I1", 1): 30.0, ("W2", "I1", 1): 40.0, ("W3", "I1", 1): 30.0}
    r = status_of(plan, values, 1)
    assert r.value == D(100)
    assert r.status == "on_track"
    assert not r.partial


def test_several_units_level_sums_each_units_latest():
    plan = make_plan(level(reported_by=WARDS, target=48, range={"min": 0, "max": 52}))
    values = {("W1", "I1", 6): 16.0, ("W2", "I1", 6): 15.0, ("W1", "I1", 9): 17.0}
    r = status_of(plan, values, 9)
    assert r.value == D(32)  # 17 (W1, Sep) + 15 (W2, Jun); W3 has nothing
    assert r.partial and r.missing_units == ("W3",)


def test_partial_when_a_unit_has_not_sent_the_latest_due_month():
    plan = make_plan({"reported_by": WARDS, "target": 1200})
    values = {(w, "I1", m): 30.0 for w in WARDS for m in (1, 2)}
    del values[("W3", "I1", 2)]
    r = status_of(plan, values, 2)
    assert r.partial and r.missing_units == ("W3",)
    assert r.value == D(150)


def test_unit_contribution_beside_the_town_value():
    plan = make_plan({"reported_by": WARDS, "target": 1200})
    values = {("W1", "I1", 1): 30.0, ("W2", "I1", 1): 40.0}
    result = compute_status(plan, data(plan, values), 1, unit="w2")
    assert result.unit == "W2"
    assert result.indicators[0].unit_value == D(40)
    assert result.indicators[0].value == D(70)


# --- conflicts -----------------------------------------------------------------------------


def test_conflict_wins_and_the_value_is_never_summed_or_picked():
    plan = make_plan({"reported_by": WARDS, "target": 1200})
    ds = Dataset(1)
    a, b = ds.add_file("a.csv"), ds.add_file("b.csv")
    w1, w2 = plan.unit_index["W1"], plan.unit_index["W2"]
    ds.put(w1, 0, 1, 30.0, a, 2)
    ds.put(w2, 0, 1, 40.0, a, 3)
    clash = ds.put(w1, 0, 1, 35.0, b, 2)
    assert clash is not None and not clash.same_value
    r = compute_status(plan, ds, 1).indicators[0]
    assert r.status == "conflict"
    assert r.value == D(40)  # only the undisputed value
    assert r.conflict_months == (1,)
    assert [c.places for c in ds.conflicts] == [((a, 2, 30.0), (b, 2, 35.0))]


def test_same_value_twice_counts_once():
    plan = make_plan({})
    ds = Dataset(1)
    a, b = ds.add_file("a.csv"), ds.add_file("b.csv")
    ds.put(0, 0, 1, 6.2, a, 2)
    clash = ds.put(0, 0, 1, 6.2, b, 2)
    assert clash is not None and clash.same_value
    r = compute_status(plan, ds, 1).indicators[0]
    assert r.value == D("6.2")
    assert r.status == "on_track"


def test_conflict_in_a_later_month_does_not_touch_an_earlier_status():
    plan = make_plan({})
    ds = Dataset(1)
    a, b = ds.add_file("a.csv"), ds.add_file("b.csv")
    ds.put(0, 0, 1, 6.2, a, 2)
    ds.put(0, 0, 2, 6.0, a, 3)
    ds.put(0, 0, 2, 7.0, b, 2)
    assert compute_status(plan, ds, 1).indicators[0].status == "on_track"
    assert compute_status(plan, ds, 2).indicators[0].status == "conflict"


# --- the month and the summary -------------------------------------------------------------


def test_default_month_is_latest_with_data_and_january_without():
    plan = make_plan({})
    result = compute_status(plan, data(plan, {("TAX", "I1", 4): 5.0}))
    assert result.month == 4 and result.month_defaulted and not result.no_data_at_all
    empty = compute_status(plan, Dataset(1))
    assert empty.month == 1 and empty.no_data_at_all


def test_summary_counts_every_status_word():
    plan = make_plan({})
    result = compute_status(plan, Dataset(1), 3)
    assert result.summary == {
        "conflict": 0,
        "achieved": 0,
        "not_due": 0,
        "no_data": 1,
        "on_track": 0,
        "at_risk": 0,
        "off_track": 0,
    }


def test_json_shape_matches_the_contract():
    plan = make_plan({})
    doc = compute_status(plan, data(plan, {("TAX", "I1", 6): 40.1}), 6).to_dict()
    item = doc["indicators"][0]
    assert doc["plan"] == "test-plan" and doc["month"] == "2020-06"
    assert item["value"] == 40.1 and item["expected"] == 37.2 and item["target"] == 74.4
    assert item["attainment"] == pytest.approx(40.1 / 74.4)
    assert item["status"] == "on_track" and item["last_month"] == "2020-06"
    assert item["reported_by"] == ["TAX"]
    assert set(doc["summary"]) == {
        "achieved",
        "on_track",
        "at_risk",
        "off_track",
        "no_data",
        "not_due",
        "conflict",
    }


@pytest.mark.parametrize(
    ("value", "expected", "status"),
    [(D(10), D(10), "on_track"), (D(9), D(10), "at_risk"), (D("8.99"), D(10), "off_track")],
)
def test_judge_cumulative_lines(value, expected, status):
    plan = make_plan({"target": 100})
    ind = plan.indicators[0]
    assert judge(ind, value, expected, 6, D("0.9")) == status
