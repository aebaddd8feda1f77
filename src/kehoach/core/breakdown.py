"""Breakdown by unit: which ward is behind (pure).

For an indicator whose figure is built from contributors (the wards' sown area, harvest,
new jobs, cultural villages), one row per contributor in the plan's order: its own figure
(the year to date for cumulative targets, its latest value for levels), its share of the
contributors' total, the last month it sent, how many due months it has sent, and, where
the plan gives per-unit targets (``targets_by_unit``), its attainment and status against
its own target. The figures are the ``contributions`` of ``status --json`` (the same
:class:`~kehoach.core.attainment.Contribution` records); a contributor that sent nothing keeps
its row, empty.

Used by ``kehoach status --by-unit`` and by the report's ward tables
(:mod:`kehoach.report.wards` lays the rows out as strings).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kehoach.core.attainment import IndicatorResult, StatusResult
from kehoach.core.models import Indicator, Plan
from kehoach.core.numbers import format_month, json_number

ZERO = Decimal(0)


@dataclass(frozen=True)
class UnitRow:
    unit: str
    name_vi: str
    name_en: str
    role: str  # "owner" | "contributor"
    value: Decimal | None  # cumulative: its year to date; level: its latest figure
    share: Decimal | None  # of the contributors' total (owner rows: None)
    month: int | None  # the latest month it sent
    estimate: bool
    due_sent: int
    due_total: int
    target: Decimal | None = None
    attainment: Decimal | None = None
    status: str | None = None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


@dataclass(frozen=True)
class Breakdown:
    result: IndicatorResult
    rows: tuple[UnitRow, ...]  # the owner first when it sends a figure, then contributors
    total: Decimal | None  # the contributors' sum
    has_targets: bool  # the plan gives per-unit targets

    @property
    def contributors(self) -> tuple[UnitRow, ...]:
        return tuple(r for r in self.rows if r.role == "contributor")

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        y = r.year
        return {
            "code": r.code,
            "name": r.name_vi,
            "name_en": r.name_en,
            "unit_of_measure": r.unit_of_measure,
            "measure": r.measure,
            "value": json_number(r.value),
            "status": r.status,
            "owner": r.owner,
            "owner_value": json_number(r.owner_value),
            "contributors_sum": json_number(self.total),
            "source": r.source,
            "units": [
                {
                    "unit": u.unit,
                    "role": u.role,
                    "value": json_number(u.value),
                    "share": json_number(u.share),
                    "month": format_month(y, u.month) if u.month else None,
                    "estimate": u.estimate,
                    "due_sent": u.due_sent,
                    "due_total": u.due_total,
                    "target": json_number(u.target),
                    "attainment": json_number(u.attainment),
                    "status": u.status,
                }
                for u in self.rows
            ],
        }


def contributors_of(ind: Indicator) -> list[str]:
    """The units that make up the figure: a v2 plan's contributors, or a v1 plan's
    reporters when there are several (they are summed)."""
    if ind.owner is not None:
        return list(ind.contributors)
    return list(ind.reported_by) if len(ind.reported_by) > 1 else []


def has_breakdown(ind: Indicator) -> bool:
    return bool(contributors_of(ind))


def breakdown(plan: Plan, result: IndicatorResult, month: int) -> Breakdown:
    """The per-unit rows of one indicator's result at ``month``."""
    ind = plan.indicator(result.code)
    by_code = {u.code: u for u in plan.units}
    sent = {c.unit: c for c in result.contributions}
    due_total = sum(1 for m in ind.due_months if m <= month)
    targets = ind.targets_by_unit or {}
    codes = contributors_of(ind)
    values = [sent[c].value for c in codes if c in sent and sent[c].value is not None]
    total = sum(values, ZERO) if values else None
    rows: list[UnitRow] = []
    owner = sent.get(ind.owner) if ind.owner else None
    if owner is not None and owner.role == "owner":
        unit = by_code[owner.unit]
        rows.append(_row(unit, owner, "owner", None, due_total))
    for code in codes:
        unit = by_code[code]
        c = sent.get(code)
        share = None
        if c is not None and c.value is not None and total:
            share = c.value / total
        if c is None:
            target = targets.get(code)
            status = None
            if target is not None:
                status = "no_data" if due_total else "not_due"
            rows.append(
                UnitRow(
                    unit.code,
                    unit.name_vi,
                    unit.name_en,
                    "contributor",
                    None,
                    None,
                    None,
                    False,
                    0,
                    due_total,
                    target,
                    None,
                    status,
                )
            )
        else:
            rows.append(_row(unit, c, "contributor", share, due_total))
    return Breakdown(result, tuple(rows), total, bool(targets))


def _row(unit, c, role: str, share, due_total: int) -> UnitRow:
    return UnitRow(
        unit=unit.code,
        name_vi=unit.name_vi,
        name_en=unit.name_en,
        role=role,
        value=c.value,
        share=share,
        month=c.month,
        estimate=c.estimate,
        due_sent=c.due_sent,
        due_total=c.due_total or due_total,
        target=c.target,
        attainment=c.attainment,
        status=c.status,
    )


def breakdowns(plan: Plan, status: StatusResult, codes=None) -> list[Breakdown]:
    """A breakdown for each indicator of ``status`` that has contributors (or for the
    given codes only, in the plan's order)."""
    wanted = {c.upper() for c in codes} if codes else None
    by_code = {ind.code: ind for ind in plan.indicators}
    out = []
    for r in status.indicators:
        if wanted is not None and r.code.upper() not in wanted:
            continue
        if has_breakdown(by_code[r.code]):
            out.append(breakdown(plan, r, status.month))
    return out
