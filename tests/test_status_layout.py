"""The status table's three widths: what the narrow one keeps (expected figure, what the %
is, how old the data is) and how tall the 120-column one is for 31 indicators."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_DATA

from kehoach.core.textfmt import figure_text


def table(run, monkeypatch, width: int, lang: str = "vi") -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("status", "--month", "2020-09", "--data", SAMPLE_DATA, "--lang", lang)
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= width
    return result.stdout


def indicators(run):
    doc = json.loads(run("status", "--month", "2020-09", "--data", SAMPLE_DATA, "--json").stdout)
    return doc["indicators"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_narrow_keeps_the_expected_figure_beside_the_actual(run, monkeypatch, lang):
    out = table(run, monkeypatch, 80, lang)
    shown = 0
    for item in indicators(run):
        if item["measure"] == "cumulative" and item["expected"] is not None:
            expected = figure_text(_dec(item["expected"]), lang)
            assert f"/ {expected}" in out, item["code"]
            shown += 1
    assert shown >= 4
    # The legend says what "/" and the % column are.
    if lang == "vi":
        assert "“/ …” sau số thực hiện: số cần đạt đến nay" in out
        assert "Cột %: lũy kế so với kế hoạch năm" in out
        assert "% KH năm" in out
    else:
        assert "“/ …” after the actual figure: what the plan expects by now" in out


def test_narrow_says_when_the_data_is_older_than_the_month(run, monkeypatch):
    out = table(run, monkeypatch, 80)
    older = [i for i in indicators(run) if i["last_month"] and i["last_month"] < "2020-09"]
    assert older
    assert out.count("(số liệu T6)") == sum(1 for i in older if i["last_month"] == "2020-06")
    assert "(số liệu Tn): số liệu mới nhất là của tháng n" in out


def test_narrow_name_is_never_a_sliver(run, monkeypatch, plan):
    lines = table(run, monkeypatch, 80).splitlines()
    for ind in plan.indicators:
        line = next(ln for ln in lines if ln.startswith(f" {ind.code} "))
        # the name starts on the code's line with at least 40 characters of it (or all)
        assert ind.name_vi[:40] in line, ind.code


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_120_columns_fit_31_indicators_in_under_100_lines(run, monkeypatch, plan, lang):
    out = table(run, monkeypatch, 120, lang)
    assert len(plan.indicators) == 31
    assert len(out.splitlines()) < 100
    lines = out.splitlines()
    for ind in plan.indicators:
        line = next(ln for ln in lines if ln.startswith(f" {ind.code} "))
        assert ind.name(lang)[:60] in line, ind.code  # the name is not squeezed
    # expected beside the actual figure, and last year in a column of its own
    for item in indicators(run):
        if item["measure"] == "cumulative" and item["expected"] is not None:
            assert f"/ {figure_text(_dec(item['expected']), lang)}" in out
    if lang == "vi":
        assert "Thực hiện" in out and "/ tiến độ" in out and "năm trước" in out
        assert "(số liệu T6)" in out and "“/ …” sau số thực hiện" in out


def test_140_columns_draw_the_bar_and_the_month(run, monkeypatch):
    out = table(run, monkeypatch, 150)
    assert "█" in out and "09/2020" in out


def _dec(x):
    from decimal import Decimal

    return Decimal(str(x))
