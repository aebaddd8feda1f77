"""The cache of validated plans: same plan back, never stale, never in the way."""

from __future__ import annotations

import pytest
from conftest import PLAN_PATH

from kehoach.read.planfile import PlanError, load_plan


@pytest.fixture
def cache(monkeypatch, tmp_path):
    folder = tmp_path / "cache"
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(folder))
    monkeypatch.delenv("KEHOACH_NO_CACHE", raising=False)
    return folder


def test_second_load_comes_from_the_cache_and_equals_the_first(cache, tmp_path):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_bytes(PLAN_PATH.read_bytes())
    first = load_plan(plan_file)
    entries = list(cache.glob("plan-*.json"))
    assert len(entries) == 1
    second = load_plan(plan_file)
    assert second == first
    assert second.indicators[3].target == first.indicators[3].target  # Decimal('74.4')
    assert str(second.indicators[3].target) == "74.4"
    assert second.reporters == first.reporters


def test_an_edited_plan_is_never_served_from_the_cache(cache, tmp_path):
    plan_file = tmp_path / "plan.yaml"
    text = PLAN_PATH.read_text(encoding="utf-8")
    plan_file.write_text(text, encoding="utf-8")
    assert str(load_plan(plan_file).indicators[3].target) == "74.4"
    plan_file.write_text(text.replace("target: 74.4", "target: 80"), encoding="utf-8")
    assert load_plan(plan_file).indicators[3].target == 80
    plan_file.write_text(text.replace("target: 74.4", "target: abc"), encoding="utf-8")
    with pytest.raises(PlanError):
        load_plan(plan_file)


def test_a_damaged_cache_entry_is_ignored(cache, tmp_path):
    load_plan(PLAN_PATH)
    (entry,) = cache.glob("plan-*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert load_plan(PLAN_PATH).id == "hong-linh-2020"


def test_no_cache_when_turned_off_or_unwritable(monkeypatch, tmp_path):
    monkeypatch.setenv("KEHOACH_NO_CACHE", "1")
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(tmp_path / "off"))
    load_plan(PLAN_PATH)
    assert not (tmp_path / "off").exists()
    monkeypatch.delenv("KEHOACH_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(blocker / "sub"))  # cannot be made
    assert load_plan(PLAN_PATH).id == "hong-linh-2020"
