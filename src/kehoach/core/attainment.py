"""Attainment: each target judged in its own terms (docs/plan.md).

Pure functions over a validated :class:`~kehoach.core.models.Plan` and a
:class:`~kehoach.core.dataset.Dataset`: no files, no printing. Arithmetic is done in
``Decimal`` so that a value exactly on a line is judged on it, never a float's hair below.

What is computed, per indicator at month M:

- the figures as units sent them, turned into one form: a cumulative unit's month amount
  is its YTD(M) minus its YTD at the latest earlier month it sent (0 if none), however
  each month was sent (``ytd`` or ``month``: the plan's ``sent_as`` unless the row said);
- the town's figure: the owner's when it sent one, else the contributors' sum;
- the expected figure by the phasing (``last-year`` from the previous year's data when it
  is complete, else the declared fallback), the amount still needed over the months that
  carry weight, and the same period last year;
- the status, by the first rule that applies: conflict, achieved (the plan's own
  comparison, strict or not), not_due, no_data, on_track, at_risk (a share of the expected
  path for cumulative figures, an absolute ``band`` for levels, one stage behind for
  milestones), off_track.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kehoach.core.dataset import Dataset, to_decimal
from kehoach.core.i18n import STATUS_ORDER
from kehoach.core.models import Indicator, Plan
from kehoach.core.numbers import format_month, json_number
from kehoach.core.textfmt import Uom

ZERO = Decimal(0)
ONE = Decimal(1)
TWELVE = Decimal(12)
MONTHS = range(1, 13)


# ------------------------------------------------------------------ phasing


def declared_weights(ind: Indicator, phasing: str) -> list[Decimal]:
    """Twelve monthly shares of the annual target under a declared (not last-year) phasing."""
    if phasing == "seasonal":
        return list(ind.weights or [])
    if phasing == "year-end":
        last = ind.due_months[-1]
        return [ONE if m == last else ZERO for m in MONTHS]
    return [ONE / TWELVE] * 12


def phase_share(
    ind: Indicator, due_month: int | None, weights: list[Decimal] | None = None
) -> Decimal:
    """The share of the annual target expected by the end of ``due_month`` (0 if None).

    ``weights`` are the twelve monthly shares in force (last year's shape, or the declared
    phasing's); without them the declared phasing (or the fallback) is used.
    """
    if due_month is None:
        return ZERO
    if weights is None:
        phasing = ind.fallback if ind.phasing == "last-year" else ind.phasing
        if phasing == "year-end":
            return ONE if due_month >= ind.due_months[-1] else ZERO
        if phasing == "linear" or phasing is None:
            return Decimal(due_month) / TWELVE
        weights = declared_weights(ind, phasing)
    return sum(weights[:due_month], ZERO)


def compare(value: Decimal, target: Decimal, comparison: str) -> bool:
    """Whether ``value`` satisfies the plan's comparison with ``target``."""
    if comparison == ">":
        return value > target
    if comparison == ">=":
        return value >= target
    if comparison == "<":
        return value < target
    return value <= target


def meets(value: Decimal, line: Decimal, direction: str) -> bool:
    """The path test (on track, at risk): never strict, so an expected 0 is met by 0."""
    return value >= line if direction == "higher" else value <= line


# ------------------------------------------------------------------ a unit's series


@dataclass(frozen=True)
class UnitSeries:
    """One unit's figures for one indicator through the year, in both forms."""

    unit: int
    sent: dict[int, Decimal]  # month → the figure as sent
    amounts: dict[int, Decimal]  # cumulative: month → that month's own amount
    ytd: dict[int, Decimal]  # cumulative: month → the year to date at that month
    estimates: frozenset[int]  # months whose figure is an estimate

    def latest(self, month: int) -> int | None:
        """The latest month ≤ ``month`` with a figure."""
        for m in reversed(self.sent):  # unit_series fills ``sent`` month by month
            if m <= month:
                return m
        return None

    def ytd_at(self, month: int) -> Decimal | None:
        m = self.latest(month)
        return None if m is None else self.ytd[m]


# Figures repeat across units and months (a big folder holds millions of values and far
# fewer distinct ones): each float's exact decimal is made once. Bounded, so a folder of
# all-different figures cannot fill memory with them.
_DECIMALS: dict[float, Decimal] = {}
_DECIMALS_KEPT = 1 << 16


def unit_series(
    ind: Indicator, dataset: Dataset, unit: int, index: int, months=None
) -> UnitSeries | None:
    """The unit's figures (None when it sent nothing for this indicator at all)."""
    series = dataset.series(unit, index, months)
    if series is None:
        return None
    sent: dict[int, Decimal] = {}
    decimals = _DECIMALS
    for m in MONTHS:
        v = series[m - 1]
        if v == v:  # NaN (missing or in conflict) is the only float unequal to itself
            d = decimals.get(v) if v else None  # 0.0 and -0.0 are one key: not kept
            if d is None:
                d = to_decimal(v)
                if v and len(decimals) < _DECIMALS_KEPT:
                    decimals[v] = d
            sent[m] = d
    if not sent:
        return None
    amounts: dict[int, Decimal] = {}
    ytd: dict[int, Decimal] = {}
    if ind.measure == "cumulative":
        default = ind.sent_as or "month"
        before = ZERO
        kinds = dataset.kinds
        for m, v in sent.items():
            kind = kinds.get((unit, index, m), default) if kinds else default
            if kind == "ytd":
                amounts[m], ytd[m] = v - before, v
            else:
                amounts[m], ytd[m] = v, before + v
            before = ytd[m]
    est = dataset.estimates
    estimates = frozenset(m for m in sent if (unit, index, m) in est) if est else frozenset()
    return UnitSeries(unit, sent, amounts, ytd, estimates)


# ------------------------------------------------------------------ the town's figure


@dataclass(frozen=True)
class TownFigure:
    """The town's figure at a month, and where it came from."""

    value: Decimal | None
    month: int | None  # the latest month the figure rests on
    month_value: Decimal | None  # cumulative: the amount of month M itself
    source: str | None  # "owner" | "contributors" | None
    estimate: bool
    owner_value: Decimal | None = None
    contributors_sum: Decimal | None = None


def town_figure(
    ind: Indicator,
    owner: UnitSeries | None,
    contributors: list[UnitSeries],
    month: int,
) -> TownFigure:
    """The owner's figure when it sent one, else the contributors' sum (docs/plan.md §5).

    Cumulative: the owner's YTD at its latest month ≤ M, plus the contributors' amounts of
    the months after it; level and milestone: at the latest month ≤ M with any figure, the
    owner's if it sent that month, else the contributors' latest values summed.
    """
    if ind.measure == "cumulative":
        return _town_cumulative(owner, contributors, month)
    return _town_level(owner, contributors, month)


def _contributors_ytd(contributors: list[UnitSeries], month: int) -> Decimal | None:
    values = [c.ytd_at(month) for c in contributors]
    values = [v for v in values if v is not None]
    return sum(values, ZERO) if values else None


def _town_cumulative(owner, contributors, month) -> TownFigure:
    om = owner.latest(month) if owner else None
    csum = _contributors_ytd(contributors, month)
    if om is not None:
        value = owner.ytd[om]
        after = [a for c in contributors for m, a in c.amounts.items() if om < m <= month]
        value += sum(after, ZERO)
        if month in owner.amounts:
            month_value, source = owner.amounts[month], "owner"
            estimate = month in owner.estimates
        else:
            parts = [c.amounts[month] for c in contributors if month in c.amounts]
            month_value = sum(parts, ZERO) if parts else None
            source = "owner" if not parts else "contributors"
            estimate = om in owner.estimates or any(
                month in c.estimates for c in contributors if month in c.amounts
            )
        return TownFigure(
            value,
            max(om, *(c.latest(month) or 0 for c in contributors)) if contributors else om,
            month_value,
            source,
            estimate,
            owner.ytd[om],
            csum,
        )
    if csum is None:
        return TownFigure(None, None, None, None, False)
    latest = max(c.latest(month) or 0 for c in contributors)
    parts = [c.amounts[month] for c in contributors if month in c.amounts]
    estimate = any(
        (c.latest(month) in c.estimates) for c in contributors if c.latest(month) is not None
    )
    return TownFigure(
        csum, latest, sum(parts, ZERO) if parts else None, "contributors", estimate, None, csum
    )


def _town_level(owner, contributors, month) -> TownFigure:
    for m in range(month, 0, -1):
        owner_has = owner is not None and m in owner.sent
        latest = [(c, c.latest(m)) for c in contributors]
        latest = [(c, lm) for c, lm in latest if lm is not None]
        csum = sum((c.sent[lm] for c, lm in latest), ZERO) if latest else None
        if owner_has:
            return TownFigure(
                owner.sent[m], m, None, "owner", m in owner.estimates, owner.sent[m], csum
            )
        if any(lm == m for _, lm in latest):
            estimate = any(lm in c.estimates for c, lm in latest)
            return TownFigure(csum, m, None, "contributors", estimate, None, csum)
    return TownFigure(None, None, None, None, False)


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Contribution:
    unit: str
    role: str  # "owner" | "contributor"
    value: Decimal | None  # cumulative: the unit's YTD; level: its latest figure
    month: int | None  # the latest month it sent
    estimate: bool
    month_value: Decimal | None = None  # cumulative: its amount of month M
    due_sent: int = 0  # due months ≤ M it sent
    due_total: int = 0  # due months ≤ M
    target: Decimal | None = None  # its own target, where the plan gives one
    attainment: Decimal | None = None
    status: str | None = None


@dataclass(frozen=True)
class Note:
    unit: str
    month: int
    text: str


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
    missing_units: tuple[str, ...]  # expected reporters whose latest due value is missing
    partial: bool
    stale: bool
    projected: Decimal | None  # cumulative: year-end figure at the current pace
    needed_per_month: Decimal | None  # cumulative: monthly amount still needed
    gap: Decimal | None  # shortfall against expected (positive = behind), own unit
    conflict_months: tuple[int, ...] = ()
    unit_value: Decimal | None = None  # with --unit: that unit's own contribution
    # --- docs/plan.md
    comparison: str = ">="
    target_text_vi: str = ""
    target_text_en: str = ""
    owner: str | None = None
    is_rate: bool = False
    band: Decimal | None = None
    baseline: Decimal | None = None
    month_value: Decimal | None = None  # cumulative: the amount of month M itself
    estimate: bool = False  # the figure rests on an estimate (ước)
    source: str | None = None  # "owner" | "contributors"
    owner_value: Decimal | None = None
    contributors_sum: Decimal | None = None
    mismatch: bool = False  # owner and contributors' sum differ beyond the tolerance
    previous_year: Decimal | None = None  # same period last year
    vs_previous_year: Decimal | None = None  # ratio (amounts, counts) or points (rates)
    gap_points: Decimal | None = None  # rates: value - target, in percentage points
    phasing: str | None = None  # the phasing in force: linear, seasonal, year-end, last-year
    phasing_fallback: bool = False  # last-year phasing asked for, fallback used
    shortfall: Decimal | None = None  # cumulative: what is still needed for the year
    needed_months: int = 0  # months left that carry weight
    stage: int | None = None  # milestone: stage reached (0 = none)
    stage_expected: int | None = None  # milestone: stage planned by M
    stages: tuple[tuple[str, str, str, int], ...] = ()  # (code, name_vi, name_en, month)
    below_baseline: bool = False
    contributions: tuple[Contribution, ...] = ()
    notes: tuple[Note, ...] = ()
    year: int = 0

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    def uom(self, lang: str) -> str:
        if lang == "en":
            return Uom(self.unit_of_measure_en, self.unit_of_measure_en_one)
        return self.unit_of_measure

    def target_words(self, lang: str) -> str:
        """The target in the plan's own words."""
        return self.target_text_en if lang == "en" else self.target_text_vi

    def stage_name(self, n: int | None, lang: str) -> str | None:
        if not n or not self.stages or n > len(self.stages):
            return None
        _, vi, en, _ = self.stages[n - 1]
        return en if lang == "en" else vi

    @property
    def shows_plan_share(self) -> bool:
        """'% of the annual plan' means something for amounts and counts only."""
        return not self.is_rate and self.measure != "milestone"


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
    # docs/plan.md §11: a later month with some data, and how many units sent it
    later_month: int | None = None
    later_units: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict[str, Any]:
        """The ``status --json`` document of docs/contract.md (numbers unrounded)."""
        y = self.year
        out: dict[str, Any] = {
            "plan": self.plan_id,
            "month": format_month(y, self.month),
            "indicators": [],
            "summary": dict(self.summary),
            "month_defaulted": self.month_defaulted,
            "later_month": format_month(y, self.later_month) if self.later_month else None,
        }
        if self.unit:
            out["unit"] = self.unit
        for r in self.indicators:
            out["indicators"].append(indicator_dict(r, y, bool(self.unit)))
        return out


def _month_or_none(year: int, m: int | None) -> str | None:
    return format_month(year, m) if m else None


def indicator_dict(r: IndicatorResult, y: int, with_unit: bool = False) -> dict[str, Any]:
    item: dict[str, Any] = {
        "code": r.code,
        "group": r.group,
        "name": r.name_vi,
        "name_en": r.name_en,
        "unit_of_measure": r.unit_of_measure,
        "direction": r.direction,
        "comparison": r.comparison,
        "target_text": r.target_text_vi,
        "target_text_en": r.target_text_en,
        "measure": r.measure,
        "target": json_number(r.target),
        "baseline": json_number(r.baseline),
        "band": json_number(r.band),
        "value": json_number(r.value),
        "month_value": json_number(r.month_value),
        "estimate": r.estimate,
        "expected": json_number(r.expected),
        "attainment": json_number(r.attainment),
        "gap_points": json_number(r.gap_points),
        "status": r.status,
        "last_month": _month_or_none(y, r.last_month),
        "owner": r.owner,
        "reported_by": list(r.reported_by),
        "source": r.source,
        "owner_value": json_number(r.owner_value),
        "contributors_sum": json_number(r.contributors_sum),
        "mismatch": r.mismatch,
        "due_month": _month_or_none(y, r.due_month),
        "partial": r.partial,
        "missing_units": list(r.missing_units),
        "stale": r.stale,
        "previous_year": json_number(r.previous_year),
        "vs_previous_year": json_number(r.vs_previous_year),
        "phasing": r.phasing,
        "phasing_fallback": r.phasing_fallback,
        "projected": json_number(r.projected),
        "needed_per_month": json_number(r.needed_per_month),
        "shortfall": json_number(r.shortfall),
        "stage": (
            {
                "reached": r.stage,
                "expected": r.stage_expected,
                "name": r.stage_name(r.stage, "vi"),
                "expected_name": r.stage_name(r.stage_expected, "vi"),
            }
            if r.measure == "milestone"
            else None
        ),
        "below_baseline": r.below_baseline,
        "conflict_months": [format_month(y, m) for m in r.conflict_months],
        "contributions": [
            {
                "unit": c.unit,
                "role": c.role,
                "value": json_number(c.value),
                "month": _month_or_none(y, c.month),
                "estimate": c.estimate,
                "month_value": json_number(c.month_value),
                "due_sent": c.due_sent,
                "due_total": c.due_total,
                "target": json_number(c.target),
                "attainment": json_number(c.attainment),
                "status": c.status,
            }
            for c in r.contributions
        ],
        "notes": [
            {"unit": n.unit, "month": format_month(y, n.month), "note": n.text} for n in r.notes
        ],
    }
    if with_unit:
        item["unit_value"] = json_number(r.unit_value)
    return item


# ------------------------------------------------------------------ which month is now


def due_counts(plan: Plan, dataset: Dataset, month: int) -> tuple[int, int]:
    """(values arrived, values due) in ``month``: one per expected reporter and indicator
    due that month (the owner's figure, or each contributor's when the owner sends none)."""
    arrived = due = 0
    unit_index = plan.unit_index
    for i, ind in enumerate(plan.indicators):
        if month not in ind.due_months:
            continue
        for code in ind.expected_reporters:
            u = unit_index[code.upper()]
            due += 1
            if dataset.get(u, i, month) is not None:
                arrived += 1
    return arrived, due


def default_month(plan: Plan, dataset: Dataset) -> tuple[int, bool]:
    """The latest month in which at least half the values due have arrived (docs/plan.md
    point 11); January with the flag True when no month has."""
    latest = dataset.latest_month()
    if latest is None:
        return 1, True
    for m in range(latest, 0, -1):
        arrived, due = due_counts(plan, dataset, m)
        if due and arrived * 2 >= due:
            return m, False
    return 1, True


def units_sending(dataset: Dataset, month: int) -> int:
    return sum(1 for u in dataset.units() if (dataset.months_of(u) or [None] * 12)[month - 1])


# ------------------------------------------------------------------ one indicator


def _last_year(
    plan: Plan, dataset: Dataset, index: int, month: int
) -> tuple[TownFigure | None, tuple[list[Decimal], Decimal] | None]:
    """Last year's figure at the same month, and when it is complete its shape: the
    twelve month amounts and their total."""
    if not dataset.has_previous():
        return None, None
    prev = dataset.previous
    ind = plan.indicators[index]
    owner, contributors = _series_for(plan, prev, index)
    if owner is None and not contributors:
        return None, None
    at_month = town_figure(ind, owner, contributors, month)
    if ind.measure != "cumulative":
        return at_month, None
    # Complete: every due month to December has a figure from the same source.
    if owner is not None and ind.owner_reports and all(m in owner.sent for m in ind.due_months):
        source = [owner]
    elif (
        contributors
        and all(all(m in c.sent for m in ind.due_months) for c in contributors)
        and len(contributors) == len(ind.contributors or ind.reported_by)
    ):
        source = contributors
    else:
        return at_month, None
    total = sum((s.ytd[12] if 12 in s.ytd else s.ytd_at(12) or ZERO for s in source), ZERO)
    if total <= 0:
        return at_month, None
    # Last year's month amounts, not yet divided: the share by month M is then one exact
    # division (the YTD at M over the total), never a sum of rounded twelfths.
    amounts = [sum((s.amounts.get(m, ZERO) for s in source), ZERO) for m in MONTHS]
    return at_month, (amounts, total)


def _series_for(plan: Plan, dataset: Dataset, index: int, months_of=None):
    ind = plan.indicators[index]
    unit_index = plan.unit_index
    months_of = months_of or dataset.months_of
    owner = None
    if ind.owner is not None:
        u = unit_index[ind.owner.upper()]
        owner = unit_series(ind, dataset, u, index, months_of(u))
        codes = ind.contributors
    else:
        codes = ind.reported_by  # a v1 plan: every reporter contributes to the sum
    contributors = []
    for code in codes:
        u = unit_index[code.upper()]
        s = unit_series(ind, dataset, u, index, months_of(u))
        if s is not None:
            contributors.append(s)
    return owner, contributors


def judge(
    ind: Indicator,
    value: Decimal | None,
    expected: Decimal | None,
    due_month: int | None,
    at_risk_share: Decimal,
    conflict: bool = False,
    stage: int | None = None,
    stage_expected: int | None = None,
) -> str:
    """The status word for one indicator, by the first rule that applies."""
    if conflict:
        return "conflict"
    if ind.measure == "milestone":
        final = len(ind.stages or ())
        if stage is not None and stage >= final:
            return "achieved"
        if not stage_expected and stage is None:
            return "not_due"
        if stage is None:
            return "no_data"
        behind = (stage_expected or 0) - stage
        if behind <= 0:
            return "on_track"
        return "at_risk" if behind == 1 else "off_track"
    higher = ind.higher
    direction = "higher" if higher else "lower"
    if value is not None:
        if ind.measure == "level" or higher:
            if compare(value, ind.target, ind.comparison):
                return "achieved"
        elif (
            due_month is not None
            and due_month >= ind.due_months[-1]
            and compare(value, ind.target, ind.comparison)
        ):
            # A ceiling on an amount is only known to hold at year end.
            return "achieved"
    if ind.measure == "cumulative":
        if due_month is None:
            return "not_due"
        if value is None:
            return "no_data"
        assert expected is not None
        if meets(value, expected, direction):
            return "on_track"
        risk_line = expected * at_risk_share if higher else expected / at_risk_share
        return "at_risk" if meets(value, risk_line, direction) else "off_track"
    if value is None:
        return "not_due" if due_month is None else "no_data"
    band = ind.band if ind.band is not None else ZERO
    risk_line = ind.target - band if higher else ind.target + band
    return "at_risk" if meets(value, risk_line, direction) else "off_track"


def compute_indicator(
    plan: Plan,
    dataset: Dataset,
    index: int,
    month: int,
    unit: int | None = None,
    months_of=None,
) -> IndicatorResult:
    """One indicator's result at ``month``. ``months_of(unit)`` may memoise the unit's
    month blocks across indicators (compute_status does)."""
    if months_of is None:
        months_of = dataset.months_of
    ind = plan.indicators[index]
    due = ind.last_due_month(month)
    conflict_months = tuple(m for m in dataset.conflict_months(index) if m <= month)
    cumulative = ind.measure == "cumulative"
    owner, contributors = _series_for(plan, dataset, index, months_of)
    fig = town_figure(ind, owner, contributors, month)
    value = fig.value

    # Who is missing the latest due value. The owner's figure makes the month complete;
    # without it the value is the contributors' sum, partial while one of them is missing.
    unit_index = plan.unit_index
    missing: list[str] = []
    stale = False
    if due is not None:
        owner_expected = ind.owner is not None and ind.owner_reports
        owner_sent_due = owner is not None and due in owner.sent
        codes = list(ind.expected_reporters)
        if owner_expected and not owner_sent_due and ind.contributors:
            codes += list(ind.contributors)
        for code in codes:
            u = unit_index[code.upper()]
            v = dataset.get(u, index, due)
            if v is None:
                if cumulative or ind.measure == "milestone":
                    missing.append(code)
                else:
                    s = dataset.series(u, index, months_of(u))
                    if s is None or all(x != x for x in s[:month]):
                        missing.append(code)
                    else:
                        stale = True
    if fig.source == "contributors":
        absent = [c for c in missing if c in ind.contributors or ind.owner is None]
        partial = value is not None and bool(absent)
    else:
        partial = False
    if ind.owner is None:
        partial = value is not None and bool(missing)

    # Phasing and last year
    last, ly_shape = _last_year(plan, dataset, index, month)
    phasing = ind.phasing
    fallback_used = False
    weights: list[Decimal] | None = None
    if cumulative:
        if ind.phasing == "last-year":
            if ly_shape is not None:
                weights = ly_shape[0]  # only which months carry weight is read from it
            else:
                fallback_used = True
                phasing = ind.fallback
                weights = declared_weights(ind, ind.fallback or "linear")
        else:
            weights = declared_weights(ind, ind.phasing or "linear")
    # Linear and year-end shares are exact fractions; only a shape of months needs weights.
    exact = phasing in ("linear", "year-end")
    if ly_shape is not None and phasing == "last-year":
        amounts, total = ly_shape
        phase = sum(amounts[:due], ZERO) / total if due is not None else ZERO
    else:
        phase = phase_share(ind, due, None if exact else weights) if cumulative else ZERO
    if cumulative:
        expected = ind.target * phase if due is not None else None
    elif ind.measure == "milestone":
        expected = Decimal(ind.planned_stage(month))
    else:
        expected = ind.target

    stage = stage_expected = None
    if ind.measure == "milestone":
        stage_expected = ind.planned_stage(month)
        stage = int(value) if value is not None else None
    status = judge(
        ind,
        value,
        expected,
        due,
        plan.at_risk_share(ind),
        conflict=bool(conflict_months),
        stage=stage,
        stage_expected=stage_expected,
    )

    # Attainment (docs/plan.md §13) and the gap in the indicator's own terms
    attainment = gap_points = None
    if value is not None and ind.measure != "milestone" and not ind.is_rate:
        if ind.baseline is not None:
            span = ind.target - ind.baseline
            attainment = (value - ind.baseline) / span if span else None
        elif ind.higher:
            attainment = value / ind.target if ind.target else None
        elif value:
            attainment = ind.target / value
    if value is not None and ind.is_rate:
        gap_points = value - ind.target

    projected = needed = gap = shortfall = None
    needed_months = 0
    if value is not None and ind.measure != "milestone":
        if cumulative:
            if phase > 0:
                projected = value / phase
            if expected is not None:
                gap = expected - value if ind.higher else value - expected
            if due is not None and due < 12:
                shortfall = max(ind.target - value, ZERO) if ind.higher else None
                if weights is not None:
                    ahead = [m for m in range(due + 1, 13) if weights[m - 1] > 0]
                else:
                    ahead = list(range(due + 1, 13))
                needed_months = len(ahead)
                if shortfall is not None and ahead:
                    needed = shortfall / Decimal(len(ahead))
        else:
            gap = ind.target - value if ind.higher else value - ind.target

    previous_year = vs_previous = None
    if last is not None and last.value is not None:
        previous_year = last.value
        if value is not None and ind.measure != "milestone":
            if ind.is_rate:
                vs_previous = value - previous_year
            elif previous_year != 0:
                vs_previous = value / previous_year

    mismatch = (
        fig.owner_value is not None
        and fig.contributors_sum is not None
        and abs(fig.owner_value - fig.contributors_sum) > ind.tolerance
    )
    contributions = _contributions(plan, ind, owner, contributors, month, due)
    unit_value = None
    if unit is not None:
        code = plan.units[unit].code
        unit_value = next((c.value for c in contributions if c.unit == code), None)
    notes = _notes(plan, dataset, index, month)

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
        last_month=fig.month,
        due_month=due,
        reported_by=tuple(ind.reported_by),
        missing_units=tuple(missing),
        partial=partial,
        stale=stale,
        projected=projected,
        needed_per_month=needed,
        gap=gap,
        conflict_months=conflict_months,
        unit_value=unit_value,
        comparison=ind.comparison,
        target_text_vi=ind.target_text_vi,
        target_text_en=ind.target_text_en,
        owner=ind.owner,
        is_rate=ind.is_rate,
        band=ind.band,
        baseline=ind.baseline,
        month_value=fig.month_value if cumulative else None,
        estimate=fig.estimate,
        source=fig.source,
        owner_value=fig.owner_value,
        contributors_sum=fig.contributors_sum if contributors else None,
        mismatch=mismatch,
        previous_year=previous_year,
        vs_previous_year=vs_previous,
        gap_points=gap_points,
        phasing=phasing if cumulative else None,
        phasing_fallback=fallback_used,
        shortfall=shortfall,
        needed_months=needed_months,
        stage=stage if ind.measure == "milestone" else None,
        stage_expected=stage_expected,
        stages=tuple((s.code, s.name_vi, s.name_en, s.month) for s in ind.stages or ()),
        below_baseline=ind.baseline is not None
        and value is not None
        and (value < ind.baseline if ind.higher else value > ind.baseline),
        contributions=contributions,
        notes=notes,
        year=plan.year,
    )


def _contributions(plan, ind, owner, contributors, month, due) -> tuple[Contribution, ...]:
    due_months = frozenset(m for m in ind.due_months if m <= month)
    out = []
    targets = ind.targets_by_unit or {}
    for role, s in [("owner", owner)] + [("contributor", c) for c in contributors]:
        if s is None:
            continue
        latest = s.latest(month)
        if latest is None:
            continue
        code = plan.units[s.unit].code
        value = s.ytd[latest] if ind.measure == "cumulative" else s.sent[latest]
        target = targets.get(code)
        att = status = None
        if target is not None:
            if ind.measure == "cumulative":
                expected = target * phase_share(ind, due)
                status = _unit_status(value, target, expected, ind, due)
            else:
                status = _unit_status(value, target, target, ind, due)
            att = value / target if target else None
        out.append(
            Contribution(
                unit=code,
                role=role,
                value=value,
                month=latest,
                estimate=latest in s.estimates,
                month_value=s.amounts.get(month) if ind.measure == "cumulative" else None,
                due_sent=len(due_months.intersection(s.sent)),
                due_total=len(due_months),
                target=target,
                attainment=att,
                status=status,
            )
        )
    return tuple(out)


def _unit_status(value, target, expected, ind: Indicator, due) -> str:
    higher = ind.higher
    direction = "higher" if higher else "lower"
    if compare(value, target, ind.comparison):
        return "achieved"
    if ind.measure == "cumulative" and due is None:
        return "not_due"
    if meets(value, expected, direction) and ind.measure == "cumulative":
        return "on_track"
    share = Decimal("0.9")
    line = expected * share if higher else expected / share
    return "at_risk" if meets(value, line, direction) else "off_track"


def _notes(plan: Plan, dataset: Dataset, index: int, month: int) -> tuple[Note, ...]:
    if not dataset.notes:
        return ()
    found = [
        Note(plan.units[u].code, m, text)
        for (u, i, m), text in dataset.notes.items()
        if i == index and m <= month and text
    ]
    found.sort(key=lambda n: (n.month, plan.unit_index[n.unit.upper()]))
    return tuple(found)


def compute_status(
    plan: Plan,
    dataset: Dataset,
    month: int | None = None,
    *,
    group: str | None = None,
    unit: str | None = None,
) -> StatusResult:
    """Every indicator's result at ``month`` (default: the latest month in which at least
    half of the values due have arrived, docs/plan.md §11).

    ``group`` keeps one plan section; ``unit`` keeps the indicators that unit reports and
    adds its own contribution (statuses stay the town's).
    """
    defaulted = False
    no_data = dataset.latest_month() is None
    if month is None:
        month, no_data_month = default_month(plan, dataset)
        no_data = no_data or no_data_month
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
    later = dataset.latest_month()
    later_month = later if later is not None and later > month else None
    # Units that send figures at all: a narrative-only unit (plan `narrative_only`) never does.
    figure_units = sum(1 for u in plan.units if not u.narrative_only)
    later_units = (units_sending(dataset, later_month), figure_units) if later_month else (0, 0)
    return StatusResult(
        plan_id=plan.id,
        year=plan.year,
        month=month,
        indicators=results,
        unit=plan.units[unit_idx].code if unit_idx is not None else None,
        month_defaulted=defaulted,
        no_data_at_all=no_data,
        summary=summary,
        later_month=later_month,
        later_units=later_units,
    )
