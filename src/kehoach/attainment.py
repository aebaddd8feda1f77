"""Attainment: phasing, year-to-date, expected-by-now and the status of each indicator.

Pure functions over a validated :class:`~kehoach.models.Plan` and a
:class:`~kehoach.dataset.Dataset`: no files, no printing. Arithmetic is done in
``Decimal`` so that a value exactly on a line (74.4 × 6/12 = 37.2) is judged on it, never a
float's hair below. The rules are those of INDICATORS.md, in its order: conflict, achieved,
not_due, no_data, on_track, at_risk, off_track.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kehoach.dataset import Dataset, to_decimal
from kehoach.i18n import STATUS_ORDER
from kehoach.models import Indicator, Plan
from kehoach.numbers import format_month
from kehoach.textfmt import Uom

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)


def phase_share(ind: Indicator, due_month: int | None) -> Decimal:
    """The share of the annual target expected by the end of ``due_month`` (0 if None)."""
    if due_month is None:
        return ZERO
    if ind.phasing == "seasonal":
        return sum(ind.weights[:due_month], ZERO)  # type: ignore[index]
    if ind.phasing == "year-end":
        return ONE if due_month >= ind.due_months[-1] else ZERO
    return Decimal(due_month) / TWELVE


def meets(value: Decimal, line: Decimal, direction: str) -> bool:
    return value >= line if direction == "higher" else value <= line


def judge(
    ind: Indicator,
    value: Decimal | None,
    expected: Decimal | None,
    due_month: int | None,
    at_risk_share: Decimal,
    level_tolerance: Decimal,
    conflict: bool = False,
) -> str:
    """The status word for one indicator, by the first rule that applies."""
    target = ind.target
    higher = ind.direction == "higher"
    if conflict:
        return "conflict"
    if value is not None:
        if ind.measure == "level" or higher:
            if meets(value, target, ind.direction):
                return "achieved"
        elif due_month is not None and due_month >= ind.due_months[-1] and value <= target:
            # A lower-is-better amount is only known to be under its ceiling at year end.
            return "achieved"
    if ind.measure == "cumulative":
        if due_month is None:
            return "not_due"
        if value is None:
            return "no_data"
        assert expected is not None
        if meets(value, expected, ind.direction):
            return "on_track"
        risk_line = expected * at_risk_share if higher else expected / at_risk_share
        return "at_risk" if meets(value, risk_line, ind.direction) else "off_track"
    if value is None:
        return "not_due" if due_month is None else "no_data"
    risk_line = target * (ONE - level_tolerance) if higher else target * (ONE + level_tolerance)
    return "at_risk" if meets(value, risk_line, ind.direction) else "off_track"


@dataclass(frozen=True)
class IndicatorResult:
    code: str
    group: str
    name_vi: str
    name_en: str
    unit_of_measure: str
    unit_of_measure_en: str
    unit_of_measure_en_one: str | None
    direction: str
    measure: str
    target: Decimal
    value: Decimal | None
    expected: Decimal | None
    attainment: Decimal | None
    status: str
    last_month: int | None
    due_month: int | None
    reported_by: tuple[str, ...]
    missing_units: tuple[str, ...]  # units whose latest due value has not arrived
    partial: bool
    stale: bool
    projected: Decimal | None  # cumulative: year-end figure at the current pace
    needed_per_month: Decimal | None  # cumulative: monthly amount still needed
    gap: Decimal | None  # shortfall against expected (positive = behind), own unit
    conflict_months: tuple[int, ...] = ()
    unit_value: Decimal | None = None  # with --unit: that unit's own contribution

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    def uom(self, lang: str) -> str:
        if lang == "en":
            return Uom(self.unit_of_measure_en, self.unit_of_measure_en_one)
        return self.unit_of_measure


@dataclass
class StatusResult:
    plan_id: str
    year: int
    month: int
    indicators: list[IndicatorResult]
    unit: str | None = None
    month_defaulted: bool = False
    no_data_at_all: bool = False
    summary: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The ``status --json`` document of CONTRACT.md (numbers unrounded)."""
        y = self.year
        out: dict[str, Any] = {
            "plan": self.plan_id,
            "month": format_month(y, self.month),
            "indicators": [],
            "summary": dict(self.summary),
        }
        if self.unit:
            out["unit"] = self.unit
        for r in self.indicators:
            item: dict[str, Any] = {
                "code": r.code,
                "group": r.group,
                "name": r.name_vi,
                "name_en": r.name_en,
                "unit_of_measure": r.unit_of_measure,
                "direction": r.direction,
                "measure": r.measure,
                "target": _num(r.target),
                "value": _num(r.value),
                "expected": _num(r.expected),
                "attainment": _num(r.attainment),
                "status": r.status,
                "last_month": format_month(y, r.last_month) if r.last_month else None,
                "reported_by": list(r.reported_by),
                "due_month": format_month(y, r.due_month) if r.due_month else None,
                "partial": r.partial,
                "missing_units": list(r.missing_units),
                "stale": r.stale,
                "projected": _num(r.projected),
                "needed_per_month": _num(r.needed_per_month),
                "conflict_months": [format_month(y, m) for m in r.conflict_months],
            }
            if self.unit:
                item["unit_value"] = _num(r.unit_value)
            out["indicators"].append(item)
        return out


def _num(d: Decimal | None) -> float | int | None:
    if d is None:
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def default_month(dataset: Dataset) -> tuple[int, bool]:
    """The latest month with any data, or January when there is none (flag True)."""
    latest = dataset.latest_month()
    return (latest, False) if latest else (1, True)


def compute_indicator(
    plan: Plan,
    dataset: Dataset,
    index: int,
    month: int,
    unit: int | None = None,
    months_of=None,
) -> IndicatorResult:
    """One indicator's result. ``months_of(unit)`` may memoise the unit's month blocks
    across indicators (compute_status does)."""
    if months_of is None:
        months_of = dataset.months_of
    ind = plan.indicators[index]
    units = plan.reporters[index]
    due = ind.last_due_month(month)
    conflict_months = tuple(m for m in dataset.conflict_months(index) if m <= month)
    cumulative = ind.measure == "cumulative"

    total = ZERO
    has_value = False
    last_month = 0
    missing: list[str] = []
    stale = False
    unit_value: Decimal | None = None
    for u in units:
        series = dataset.series(u, index, months_of(u))
        own: Decimal | None = None
        latest = 0
        if series is None:
            missing.append(plan.units[u].code)  # this unit has sent nothing at all
            if unit is not None and u == unit:
                unit_value = None
            continue
        # NaN (missing or in conflict) is the only float unequal to itself.
        if cumulative:
            for m in range(month):
                v = series[m]
                if v == v:
                    own = (own or ZERO) + to_decimal(v)
                    latest = m + 1
            if due is not None and series[due - 1] != series[due - 1]:
                missing.append(plan.units[u].code)
        else:
            for m in range(month, 0, -1):
                v = series[m - 1]
                if v == v:
                    own, latest = to_decimal(v), m
                    break
            if own is None:
                missing.append(plan.units[u].code)
            elif due is not None and latest < due:
                stale = True
        if own is not None:
            total += own
            has_value = True
            last_month = max(last_month, latest)
        if unit is not None and u == unit:
            unit_value = own

    value = total if has_value else None
    phase = phase_share(ind, due)
    expected = (ind.target * phase if due is not None else None) if cumulative else ind.target
    status = judge(
        ind,
        value,
        expected,
        due,
        plan.at_risk_share(ind),
        plan.level_tolerance(ind),
        conflict=bool(conflict_months),
    )
    attainment = None
    if value is not None:
        divisor = ind.target if ind.direction == "higher" else value
        if divisor != 0:
            attainment = (value if ind.direction == "higher" else ind.target) / divisor
    projected = needed = gap = None
    if value is not None:
        if cumulative:
            if phase > 0:
                projected = value / phase
            if due is not None and due < 12:
                needed = max(ind.target - value, ZERO) / Decimal(12 - due)
            if expected is not None:
                gap = expected - value if ind.direction == "higher" else value - expected
        else:
            gap = ind.target - value if ind.direction == "higher" else value - ind.target
    return IndicatorResult(
        code=ind.code,
        group=ind.group,
        name_vi=ind.name_vi,
        name_en=ind.name_en,
        unit_of_measure=ind.unit_of_measure_vi,
        unit_of_measure_en=ind.unit_of_measure_en,
        unit_of_measure_en_one=ind.unit_of_measure_en_one,
        direction=ind.direction,
        measure=ind.measure,
        target=ind.target,
        value=value,
        expected=expected,
        attainment=attainment,
        status=status,
        last_month=last_month or None,
        due_month=due,
        reported_by=tuple(ind.reported_by),
        missing_units=tuple(missing) if due is not None or not cumulative else (),
        partial=has_value and bool(missing),
        stale=stale,
        projected=projected,
        needed_per_month=needed,
        gap=gap,
        conflict_months=conflict_months,
        unit_value=unit_value,
    )


def compute_status(
    plan: Plan,
    dataset: Dataset,
    month: int | None = None,
    *,
    group: str | None = None,
    unit: str | None = None,
) -> StatusResult:
    """Every indicator's result at ``month`` (default: the latest month with data).

    ``group`` keeps one plan section; ``unit`` keeps the indicators that unit reports and
    adds its own contribution (statuses stay the town's).
    """
    defaulted = False
    no_data = dataset.latest_month() is None
    if month is None:
        month, no_data = default_month(dataset)
        defaulted = True
    unit_idx = plan.unit_index[unit.upper()] if unit else None
    # Each unit's month blocks are looked up once, not once per indicator.
    months_of = functools.lru_cache(maxsize=None)(dataset.months_of)
    results = []
    for index, ind in enumerate(plan.indicators):
        if group and ind.group != group:
            continue
        if unit_idx is not None and not plan.reports(unit_idx, index):
            continue
        results.append(compute_indicator(plan, dataset, index, month, unit_idx, months_of))
    summary = {s: 0 for s in STATUS_ORDER}
    for r in results:
        summary[r.status] += 1
    return StatusResult(
        plan_id=plan.id,
        year=plan.year,
        month=month,
        indicators=results,
        unit=plan.units[unit_idx].code if unit_idx is not None else None,
        month_defaulted=defaulted,
        no_data_at_all=no_data,
        summary=summary,
    )
