"""An indicator's path through the year: the series ``kehoach show`` draws (pure).

For one indicator and a month M, month by month: the town's figure as the status engine
computes it at that month (year to date for cumulative targets, the latest value for
levels, the stage reached for milestones), the expected path (cumulative: the target times
the phasing share in force; milestones: the stage planned), and the same month last year
when the previous year's data is there. Levels also carry the target line and the at-risk
line (target ∓ band).

Every point is :func:`kehoach.core.attainment.compute_indicator` at that month, so the picture
can never disagree with ``status``. No rich, no files, no printing: renderers (terminal,
PNG charts) take a :class:`Trajectory` and draw it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kehoach.core.attainment import IndicatorResult, compute_indicator, indicator_dict
from kehoach.core.dataset import Dataset
from kehoach.core.models import Plan
from kehoach.core.numbers import format_month, json_number

MONTHS = range(1, 13)


@dataclass(frozen=True)
class Point:
    """One month of the path. ``value`` is None after M or when nothing had been sent."""

    month: int
    value: Decimal | None  # the town's figure at this month (carried from the latest month)
    sent: bool  # a figure for this very month arrived (the point is not a carry-over)
    estimate: bool
    expected: Decimal | None  # cumulative: target × phase; milestone: planned stage
    previous_year: Decimal | None  # the same month last year (cumulative: its YTD)


@dataclass(frozen=True)
class Trajectory:
    result: IndicatorResult  # the indicator at month M, exactly as ``status`` has it
    month: int
    points: tuple[Point, ...]  # twelve, January to December
    risk_line: Decimal | None  # level: target − band (target + band for a ceiling)
    contributors: tuple[str, ...]
    due_months: tuple[int, ...] = ()

    @property
    def measure(self) -> str:
        return self.result.measure

    @property
    def has_data(self) -> bool:
        return any(p.value is not None for p in self.points)

    @property
    def has_previous_year(self) -> bool:
        return any(p.previous_year is not None for p in self.points)

    def to_dict(self) -> dict[str, Any]:
        """The ``show --json`` document: the status entry of the indicator at M plus the
        twelve months of the path (numbers unrounded, ``null`` where there is none)."""
        r = self.result
        y = r.year
        return {
            "code": r.code,
            "month": format_month(y, self.month),
            "measure": r.measure,
            "target": json_number(r.target),
            "target_text": r.target_text_vi,
            "target_text_en": r.target_text_en,
            "band": json_number(r.band),
            "risk_line": json_number(self.risk_line),
            "status": r.status,
            "owner": r.owner,
            "contributors": list(self.contributors),
            "due_months": [format_month(y, m) for m in self.due_months],
            "series": [
                {
                    "month": format_month(y, p.month),
                    "value": json_number(p.value),
                    "sent": p.sent,
                    "estimate": p.estimate,
                    "expected": json_number(p.expected),
                    "previous_year": json_number(p.previous_year),
                }
                for p in self.points
            ],
            "indicator": indicator_dict(r, y),
        }


def find_indicator(plan: Plan, code: str) -> int | None:
    """The index of the indicator with this code (any case, spaces ignored), or None."""
    wanted = "".join(code.split()).upper()
    for i, ind in enumerate(plan.indicators):
        if ind.code.upper() == wanted:
            return i
    return None


def nearest_codes(plan: Plan, code: str, most: int = 3) -> list[str]:
    """The plan's codes closest to a mistyped one: same spelling first, then same group."""
    wanted = "".join(code.split()).upper()
    codes = [ind.code for ind in plan.indicators]
    close = difflib.get_close_matches(wanted, [c.upper() for c in codes], n=most, cutoff=0.5)
    found = [c for u in close for c in codes if c.upper() == u]
    if not found:
        prefix = wanted.rstrip("0123456789")
        found = [c for c in codes if prefix and c.upper().startswith(prefix)][:most]
    return found


def trajectory(plan: Plan, dataset: Dataset, index: int, month: int) -> Trajectory:
    """The indicator's path through the plan year, judged at ``month``."""
    import functools

    ind = plan.indicators[index]
    months_of = functools.lru_cache(maxsize=None)(dataset.months_of)
    results = [compute_indicator(plan, dataset, index, m, months_of=months_of) for m in MONTHS]
    points = []
    for m, r in zip(MONTHS, results, strict=True):
        value = r.value if m <= month else None
        points.append(
            Point(
                month=m,
                value=value,
                sent=value is not None and r.last_month == m,
                estimate=value is not None and r.estimate,
                expected=r.expected if r.measure != "level" else None,
                previous_year=r.previous_year,
            )
        )
    risk_line = None
    if ind.measure == "level" and ind.band is not None:
        risk_line = ind.target - ind.band if ind.higher else ind.target + ind.band
    contributors = tuple(ind.contributors) if ind.owner else tuple(ind.reported_by)
    return Trajectory(
        results[month - 1], month, tuple(points), risk_line, contributors, ind.due_months
    )
