"""``kehoach explain CODE``: how an indicator's figure was made, value by value.

The answer to "why does the report say 52 tỷ?": every value the figure rests on (unit,
month, the figure as sent, the month's amount and the year to date, estimate or official,
the file and row it came from, the log line of its submission and the SHA-256s), the
town's figure as a sum written out, the phasing in force and the expected figure with its
arithmetic ("74,4 × 55,6 / 78,5 = 52,70"), the comparison and band that judged it, and
every revision of those values.

:func:`explain` builds an :class:`Explanation` from the plan, the dataset, the log and the
revisions; it is pure (the digest of a file is asked of a function the caller passes).
:func:`figure_arithmetic`, :func:`expected_arithmetic` and :func:`step_text` write its
arithmetic in words (``--json`` carries them too); :mod:`kehoach.render.explain` prints it
on a terminal, and :mod:`kehoach.commands.explain` is the edge. ``--json`` prints
:meth:`Explanation.to_dict`, the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from kehoach.core.attainment import (
    ZERO,
    IndicatorResult,
    compare,
    compute_indicator,
    indicator_dict,
    meets,
    unit_series,
)
from kehoach.core.dataset import Dataset, to_decimal
from kehoach.core.i18n import Localized, status_label
from kehoach.core.models import Plan
from kehoach.core.numbers import MonthError, format_month, format_number, json_number, parse_month
from kehoach.core.records import LogEntry, Revision
from kehoach.core.textfmt import figure_text

OPS = {">": ">", ">=": "≥", "<": "<", "<=": "≤"}

# ------------------------------------------------------------------ the model


@dataclass(frozen=True)
class LogInfo:
    """The log line of the submission that stored a unit's month."""

    time: datetime
    action: str
    source: str  # the file name as received
    sha256: str  # the file as received
    stored_sha256: str  # the stored DATA/YYYY-MM/UNIT.csv as written
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "time": self.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "action": self.action,
            "source": self.source,
            "sha256": self.sha256,
            "stored_sha256": self.stored_sha256 or None,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class SourceValue:
    """One value a unit sent for the indicator, and where it came from."""

    unit: str
    role: str  # "owner" | "contributor"
    month: int
    sent: Decimal  # the figure as the unit sent it
    sent_as: str | None  # cumulative: "ytd" | "month"; None for levels and milestones
    month_amount: Decimal | None  # cumulative: the month's own amount
    ytd: Decimal | None  # cumulative: the year to date at that month
    estimate: bool
    counted: bool  # part of the town's figure at the month explained
    file: str | None
    row: int | None
    log: LogInfo | None  # None when the file was not stored by `kehoach submit`
    file_sha256: str | None  # the file as it is now
    superseded: tuple[Decimal, str, int] | None = None  # an estimate it replaced

    @property
    def file_changed(self) -> bool:
        """The stored file is not what the log says was written."""
        return bool(
            self.log
            and self.log.stored_sha256
            and self.file_sha256
            and self.log.stored_sha256 != self.file_sha256
        )

    def to_dict(self, year: int) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "role": self.role,
            "month": format_month(year, self.month),
            "sent": json_number(self.sent),
            "sent_as": self.sent_as,
            "month_value": json_number(self.month_amount),
            "ytd": json_number(self.ytd),
            "estimate": self.estimate,
            "counted": self.counted,
            "file": self.file,
            "row": self.row,
            "submitted": self.log.to_dict() if self.log else None,
            "file_sha256": self.file_sha256,
            "file_changed": self.file_changed,
            "superseded": (
                {
                    "value": json_number(self.superseded[0]),
                    "file": self.superseded[1],
                    "row": self.superseded[2],
                }
                if self.superseded
                else None
            ),
        }


@dataclass(frozen=True)
class ConflictPlace:
    unit: str
    month: int
    places: tuple[tuple[str, int, Decimal], ...]  # (file, row, value)


@dataclass(frozen=True)
class Term:
    """One addend of the town's figure."""

    unit: str
    value: Decimal
    month: int
    estimate: bool


@dataclass(frozen=True)
class Figure:
    source: str | None  # "owner" | "contributors" | None (no figure)
    terms: tuple[Term, ...]
    value: Decimal | None
    month_value: Decimal | None
    estimate: bool


@dataclass(frozen=True)
class Expected:
    """The expected figure and how it was reached."""

    measure: str
    phasing: str | None  # in force
    declared: str | None  # as the plan says (last-year when the fallback is used)
    fallback: bool
    due_month: int | None
    target: Decimal
    share: Decimal | None  # of the annual target expected by the due month
    numerator: Decimal | None  # linear: the due month; last-year: last year's YTD then
    denominator: Decimal | None  # linear: 12; last-year: last year's total
    weights: tuple[Decimal, ...] = ()  # seasonal: the monthly weights to the due month
    value: Decimal | None = None


@dataclass(frozen=True)
class Test:
    """One test of the judgement: ``left op right`` where ``right`` may be ``base × factor``
    (or ``base / factor`` for a ceiling); ``outcome`` is the status when it holds."""

    outcome: str
    left: Decimal
    op: str
    right: Decimal
    holds: bool
    base: Decimal | None = None
    factor: Decimal | None = None
    factor_op: str | None = None  # "×", "/", "-", "+"


@dataclass(frozen=True)
class Judgement:
    status: str
    comparison: str
    target: Decimal
    band: Decimal | None
    at_risk_share: Decimal | None
    tests: tuple[Test, ...]
    reason: str | None = None  # conflict, not_due, no_data: decided before any test
    stage: int | None = None
    stage_expected: int | None = None


@dataclass(frozen=True)
class Explanation:
    result: IndicatorResult
    year: int
    month: int
    unit: str | None
    values: tuple[SourceValue, ...]
    conflicts: tuple[ConflictPlace, ...]
    figure: Figure
    expected: Expected
    judgement: Judgement
    revisions: tuple[Revision, ...]
    last_year: tuple[Decimal, Decimal] | None = None  # (YTD at due month, total)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        y = self.year
        r = self.result
        e = self.expected
        j = self.judgement
        return {
            "code": r.code,
            "month": format_month(y, self.month),
            "unit": self.unit,
            "indicator": indicator_dict(r, y, self.unit is not None),
            "values": [v.to_dict(y) for v in self.values],
            "conflicts": [
                {
                    "unit": c.unit,
                    "month": format_month(y, c.month),
                    "places": [
                        {"file": f, "row": row, "value": json_number(v)} for f, row, v in c.places
                    ],
                }
                for c in self.conflicts
            ],
            "figure": {
                "source": self.figure.source,
                "terms": [
                    {
                        "unit": t.unit,
                        "value": json_number(t.value),
                        "month": format_month(y, t.month),
                        "estimate": t.estimate,
                    }
                    for t in self.figure.terms
                ],
                "value": json_number(self.figure.value),
                "month_value": json_number(self.figure.month_value),
                "estimate": self.figure.estimate,
                "arithmetic": figure_arithmetic(self, lang),
            },
            "expected": {
                "phasing": e.phasing,
                "phasing_declared": e.declared,
                "phasing_fallback": e.fallback,
                "due_month": format_month(y, e.due_month) if e.due_month else None,
                "target": json_number(e.target),
                "share": json_number(e.share),
                "numerator": json_number(e.numerator),
                "denominator": json_number(e.denominator),
                "weights": [json_number(w) for w in e.weights],
                "value": json_number(e.value),
                "arithmetic": expected_arithmetic(e, lang),
            },
            "judgement": {
                "status": j.status,
                "comparison": j.comparison,
                "target": json_number(j.target),
                "band": json_number(j.band),
                "at_risk_share": json_number(j.at_risk_share),
                "reason": j.reason,
                "tests": [
                    {
                        "outcome": t.outcome,
                        "left": json_number(t.left),
                        "op": t.op,
                        "right": json_number(t.right),
                        "base": json_number(t.base),
                        "factor": json_number(t.factor),
                        "factor_op": t.factor_op,
                        "holds": t.holds,
                        "text": step_text(t, lang),
                    }
                    for t in j.tests
                ],
            },
            "revisions": [
                {
                    "time": rv.time.strftime("%Y-%m-%dT%H:%M:%SZ") if rv.time else None,
                    "unit": rv.unit,
                    "month": rv.month,
                    "old": json_number(rv.old),
                    "new": json_number(rv.new),
                    "old_estimate": rv.old_estimate,
                    "new_estimate": rv.new_estimate,
                    "action": rv.action,
                    "reason": rv.reason,
                }
                for rv in self.revisions
            ],
        }


# ------------------------------------------------------------------ building it


def latest_log(entries: list[LogEntry]) -> dict[tuple[str, str], LogEntry]:
    """The latest log line per (unit code, YYYY-MM): the submission a stored file is."""
    out: dict[tuple[str, str], LogEntry] = {}
    for e in entries:
        out[(e.unit.upper(), e.month)] = e
    return out


def _stored_by_submit(file: str, unit: str, month: str) -> bool:
    """Whether ``file`` is where `submit` stores (unit, month): ``…/YYYY-MM/UNIT.csv``."""
    return PurePath(file).parts[-2:] == (month, f"{unit}.csv")


def explain(
    plan: Plan,
    dataset: Dataset,
    index: int,
    month: int,
    *,
    unit: str | None = None,
    log: list[LogEntry] = (),
    revisions: list[Revision] = (),
    digest: Callable[[str], str | None] = lambda path: None,
) -> Explanation:
    """How indicator ``index``'s figure at ``month`` was made. ``unit`` keeps that unit's
    values and revisions (the figure and its judgement stay the town's)."""
    ind = plan.indicators[index]
    unit_idx = plan.unit_index[unit.upper()] if unit else None
    result = compute_indicator(plan, dataset, index, month, unit_idx)
    cumulative = ind.measure == "cumulative"
    logs = latest_log(list(log))

    owner_code = ind.owner
    reporters: list[tuple[str, str]] = []
    if owner_code is not None:
        reporters.append((owner_code, "owner"))
        reporters += [(c, "contributor") for c in ind.contributors or ()]
    else:
        reporters += [(c, "contributor") for c in ind.reported_by]

    series = {}
    for code, _role in reporters:
        s = unit_series(ind, dataset, plan.unit_index[code.upper()], index)
        if s is not None:
            series[code] = s
    owner_series = series.get(owner_code) if owner_code else None
    owner_month = owner_series.latest(month) if owner_series else None

    values: list[SourceValue] = []
    terms: list[Term] = []
    for code, role in reporters:
        s = series.get(code)
        if s is None:
            continue
        latest = s.latest(month)
        for m in sorted(x for x in s.sent if x <= month):
            counted = _counted(result, role, m, latest, owner_month, cumulative)
            key = (s.unit, index, m)
            src = dataset.source(*key)
            file, row = src if src else (None, None)
            month_text = format_month(plan.year, m)
            entry = logs.get((code.upper(), month_text))
            if entry is not None and (
                file is None or not _stored_by_submit(file, code, month_text)
            ):
                entry = None
            sup = dataset.superseded.get(key)
            values.append(
                SourceValue(
                    unit=code,
                    role=role,
                    month=m,
                    sent=s.sent[m],
                    sent_as=(dataset.kind(*key) or ind.sent_as or "month") if cumulative else None,
                    month_amount=s.amounts.get(m) if cumulative else None,
                    ytd=s.ytd.get(m) if cumulative else None,
                    estimate=m in s.estimates,
                    counted=counted,
                    file=file,
                    row=row,
                    log=_log_info(entry),
                    file_sha256=digest(file) if file else None,
                    superseded=(
                        (to_decimal(sup[0]), dataset.files[sup[1]], sup[2]) if sup else None
                    ),
                )
            )
        if latest is not None and _is_term(result, role, latest, owner_month, cumulative):
            value = s.ytd[latest] if cumulative else s.sent[latest]
            terms.append(Term(code, value, latest, latest in s.estimates))
    if cumulative and result.source == "owner" and owner_series is not None:
        # Contributors' amounts of months after the owner's latest figure are added.
        terms = [t for t in terms if t.unit == owner_code] + [
            Term(v.unit, v.month_amount, v.month, v.estimate)
            for v in values
            if v.role == "contributor" and v.counted and v.month_amount is not None
        ]

    conflicts = []
    codes = {c.upper() for c, _ in reporters}
    for c in dataset.conflicts:
        ucode = plan.units[c.unit].code
        if c.indicator == index and c.month <= month and ucode.upper() in codes:
            places = tuple((dataset.files[f], row, to_decimal(v)) for f, row, v in c.places)
            conflicts.append(ConflictPlace(ucode, c.month, places))

    if unit is not None:
        keep = unit.upper()
        values = [v for v in values if v.unit.upper() == keep]
        conflicts = [c for c in conflicts if c.unit.upper() == keep]
    revs = tuple(revisions_behind(plan, ind.code, month, revisions, unit or None, codes))
    last_year = _last_year_totals(plan, dataset, index, result.due_month)
    return Explanation(
        result=result,
        year=plan.year,
        month=month,
        unit=plan.units[unit_idx].code if unit_idx is not None else None,
        values=tuple(values),
        conflicts=tuple(conflicts),
        figure=Figure(
            result.source, tuple(terms), result.value, result.month_value, result.estimate
        ),
        expected=_expected(plan, index, result, last_year),
        judgement=_judgement(plan, index, result),
        revisions=revs,
        last_year=last_year,
    )


def _log_info(entry: LogEntry | None) -> LogInfo | None:
    if entry is None:
        return None
    return LogInfo(
        entry.time, entry.action, entry.source, entry.sha256, entry.stored_sha256, entry.reason
    )


def _counted(result, role, m, latest, owner_month, cumulative) -> bool:
    """Whether the value of month ``m`` is part of the town's figure."""
    if result.source is None:
        return False
    if cumulative:
        if result.source == "owner":
            return role == "owner" or (owner_month is not None and m > owner_month)
        return role == "contributor"
    if result.source == "owner":
        return role == "owner" and m == result.last_month
    return role == "contributor" and m == latest


def _is_term(result, role, latest, owner_month, cumulative) -> bool:
    if result.source == "owner":
        return role == "owner" and latest == owner_month
    return result.source == "contributors" and role == "contributor"


def revisions_behind(plan, code, month, revisions, unit, codes):
    for r in revisions:
        if r.indicator.upper() != code.upper():
            continue
        if unit is not None and r.unit.upper() != unit.upper():
            continue
        if r.unit.upper() not in codes:
            continue
        try:
            year, m = parse_month(r.month)
        except MonthError:
            continue
        if year == plan.year and m <= month:
            yield r


def _last_year_totals(
    plan: Plan, dataset: Dataset, index: int, due: int | None
) -> tuple[Decimal, Decimal] | None:
    """Last year's YTD at the due month and its total, from the same source the last-year
    phasing uses (the owner when complete, else every contributor complete)."""
    ind = plan.indicators[index]
    if due is None or ind.measure != "cumulative" or not dataset.has_previous():
        return None
    prev = dataset.previous
    unit_index = plan.unit_index
    owner = None
    if ind.owner is not None:
        owner = unit_series(ind, prev, unit_index[ind.owner.upper()], index)
        codes = ind.contributors or ()
    else:
        codes = ind.reported_by
    contributors = [unit_series(ind, prev, unit_index[c.upper()], index) for c in codes]
    contributors = [c for c in contributors if c is not None]
    if owner is not None and ind.owner_reports and all(m in owner.sent for m in ind.due_months):
        source = [owner]
    elif (
        contributors
        and all(all(m in c.sent for m in ind.due_months) for c in contributors)
        and len(contributors) == len(codes)
    ):
        source = contributors
    else:
        return None
    at_due = sum((s.ytd_at(due) or ZERO for s in source), ZERO)
    total = sum((s.ytd_at(12) or ZERO for s in source), ZERO)
    return (at_due, total) if total > 0 else None


def _expected(
    plan: Plan, index: int, r: IndicatorResult, last_year: tuple[Decimal, Decimal] | None
) -> Expected:
    ind = plan.indicators[index]
    due = r.due_month
    base = Expected(
        ind.measure,
        r.phasing,
        ind.phasing,
        r.phasing_fallback,
        due,
        r.target,
        None,
        None,
        None,
        (),
        r.expected,
    )
    if ind.measure != "cumulative" or due is None or r.expected is None:
        return base
    share = r.expected / r.target if r.target else None
    num = den = None
    weights: tuple[Decimal, ...] = ()
    if r.phasing == "linear":
        num, den = Decimal(due), Decimal(12)
    elif r.phasing == "last-year" and last_year is not None:
        num, den = last_year
        if abs(r.target * num / den - r.expected) > Decimal("1e-9"):
            # Not the source the phasing used: show the share alone rather than a
            # division that does not give the figure.
            num = den = None
    elif r.phasing == "seasonal":
        weights = tuple(ind.weights or ())[:due]
    elif r.phasing == "year-end":
        num, den = (Decimal(1), Decimal(1)) if r.expected else (ZERO, Decimal(1))
    return Expected(
        ind.measure,
        r.phasing,
        ind.phasing,
        r.phasing_fallback,
        due,
        r.target,
        share,
        num,
        den,
        weights,
        r.expected,
    )


def _judgement(plan: Plan, index: int, r: IndicatorResult) -> Judgement:
    """The tests of :func:`kehoach.core.attainment.judge`, in its order, with their figures."""
    ind = plan.indicators[index]
    share = plan.at_risk_share(ind) if ind.measure == "cumulative" else None
    base = dict(
        status=r.status,
        comparison=ind.comparison,
        target=ind.target,
        band=ind.band,
        at_risk_share=share,
    )
    if r.status == "conflict":
        return Judgement(**base, tests=(), reason="conflict")
    if ind.measure == "milestone":
        return Judgement(
            **base, tests=(), reason="milestone", stage=r.stage, stage_expected=r.stage_expected
        )
    tests: list[Test] = []
    value = r.value
    higher = ind.higher
    ge = ">=" if higher else "<="
    if value is not None and (
        ind.measure == "level"
        or higher
        or (r.due_month is not None and r.due_month >= ind.due_months[-1])
    ):
        holds = compare(value, ind.target, ind.comparison)
        tests.append(Test("achieved", value, ind.comparison, ind.target, holds))
        if holds:
            return Judgement(**base, tests=tuple(tests))
    if ind.measure == "cumulative":
        if r.due_month is None:
            return Judgement(**base, tests=tuple(tests), reason="not_due")
        if value is None or r.expected is None:
            return Judgement(**base, tests=tuple(tests), reason="no_data")
        holds = meets(value, r.expected, "higher" if higher else "lower")
        tests.append(Test("on_track", value, ge, r.expected, holds))
        if holds:
            return Judgement(**base, tests=tuple(tests))
        line = r.expected * share if higher else r.expected / share
        holds = meets(value, line, "higher" if higher else "lower")
        tests.append(
            Test("at_risk", value, ge, line, holds, r.expected, share, "×" if higher else "/")
        )
        return Judgement(**base, tests=tuple(tests))
    if value is None:
        reason = "not_due" if r.due_month is None else "no_data"
        return Judgement(**base, tests=tuple(tests), reason=reason)
    band = ind.band if ind.band is not None else ZERO
    line = ind.target - band if higher else ind.target + band
    holds = meets(value, line, "higher" if higher else "lower")
    tests.append(Test("at_risk", value, ge, line, holds, ind.target, band, "-" if higher else "+"))
    return Judgement(**base, tests=tuple(tests))


# ------------------------------------------------------------------ in words
YES_NO = {True: Localized("có", "yes"), False: Localized("không", "no")}


def number_text(value: Decimal | None, lang: str) -> str:
    """A figure as the explanation writes it: up to four decimals, no trailing zeros."""
    return figure_text(value, lang, 4)


def figure_arithmetic(ex: Explanation, lang: str) -> str | None:
    """'680 + 840 + … = 11.870' for a sum, the owner's figure alone otherwise."""
    fig = ex.figure
    if fig.value is None:
        return None
    if len(fig.terms) <= 1:
        return number_text(fig.value, lang)
    # A unit's figure from an earlier month (it has not sent the latest) says so.
    parts = [
        number_text(t.value, lang) + ("" if t.month == ex.month else f" ({t.month:02d}/{ex.year})")
        for t in fig.terms
    ]
    return " + ".join(parts) + " = " + number_text(fig.value, lang)


def expected_arithmetic(e: Expected, lang: str) -> str | None:
    """'74,4 × 55,6 / 78,5 = 52,70' (last year), '74,4 × 9 / 12 = 55,80' (linear),
    '12.190 × (0,2 + 0,4 + 0,4) = 12.190,00' (seasonal)."""
    if e.measure != "cumulative" or e.value is None:
        return None
    result = format_number(e.value, lang, 2)
    target = number_text(e.target, lang)
    if e.numerator is not None and e.denominator is not None:
        if e.phasing == "year-end":
            return f"{target} × {number_text(e.numerator, lang)} = {result}"
        num, den = number_text(e.numerator, lang), number_text(e.denominator, lang)
        return f"{target} × {num} / {den} = {result}"
    if e.weights:
        shown = [w for w in e.weights if w] or [ZERO]
        parts = " + ".join(number_text(w, lang) for w in shown)
        return (
            f"{target} × ({parts}) = {result}"
            if len(shown) > 1
            else (f"{target} × {parts} = {result}")
        )
    if e.share is not None:
        return f"{target} × {format_number(e.share * 100, lang, 2)}% = {result}"
    return result


def step_text(t: Test, lang: str) -> str:
    """'Có nguy cơ không đạt? 52 ≥ 52,7 × 0,9 = 47,43: có'."""
    # A target is shown as the plan writes it; a computed line to two decimals, as the
    # expected figure is in its arithmetic.
    computed = t.outcome != "achieved" and t.factor_op in (None, "×", "/")

    def shown(d: Decimal) -> str:
        return format_number(d, lang, 2) if computed else number_text(d, lang)

    right = shown(t.right)
    if t.base is not None and t.factor is not None:
        right = f"{shown(t.base)} {t.factor_op} {number_text(t.factor, lang)} = {right}"
    answer = YES_NO[t.holds](lang)
    left = number_text(t.left, lang)
    return f"{status_label(t.outcome, lang)}? {left} {OPS[t.op]} {right}: {answer}"
