"""Checks that need a unit's earlier months: a year-to-date figure that falls, and a
month's figure that looks like a year-to-date one (INDICATORS.md, Reading v2 point 3).

A row alone cannot tell these; the file's own rows and what is already stored can. Pure:
datasets in, issue records out.

A file of a million rows holds tens of thousands of (unit, indicator) series, nearly all
of them fine, so each series is first screened with float comparisons run in C (a YTD
series that never falls; a month series where no month exceeds twice the largest before
it); only a series the screen cannot clear is walked month by month in exact decimals.
"""

from __future__ import annotations

import math
from decimal import Decimal
from itertools import accumulate, repeat
from operator import gt, le, mul

from kehoach.checks import COL_VALUE
from kehoach.dataset import Dataset, to_decimal
from kehoach.i18n import Localized
from kehoach.issues import Issue
from kehoach.models import Plan
from kehoach.numbers import format_month, format_number

_YTD_WORDS = ("luy ke", "luyke", "cong don", "tu dau nam")
_NAN = math.nan


def _folded(text: str) -> str:
    from kehoach.checks import _fold_any

    return " ".join(_fold_any(w).lower() for w in text.split())


def series_issues(plan: Plan, own: Dataset, stored: Dataset | None, label: str) -> list[Issue]:
    """Issues of the file read into ``own`` against its own earlier rows and ``stored``."""
    cumulative = [i for i, ind in enumerate(plan.indicators) if ind.measure == "cumulative"]
    if not cumulative or not own._blocks:
        return []
    noted = {(u, i) for (u, i, _m), text in own.notes.items() if text}
    kinds = {(u, i) for (u, i, _m) in own.kinds}
    if stored is not None:
        kinds |= {(u, i) for (u, i, _m) in stored.kinds}
    found: list[tuple[int, Issue]] = []
    for u in own.units():
        mine = own.months_of(u) or [None] * 12
        theirs = stored.months_of(u) if stored is not None else None
        for i in cumulative:
            values = [b[i] if b is not None else _NAN for b in mine]
            if all(v != v for v in values):
                continue  # the file sends nothing of this indicator for this unit
            merged = values
            if theirs is not None:
                merged = [
                    v if v == v or b is None else b[i] for v, b in zip(values, theirs, strict=True)
                ]
            ind = plan.indicators[i]
            if (u, i) not in kinds and (u, i) not in noted and _clear(merged, ind.sent_as):
                continue
            found += _walk(plan, own, stored, label, u, i)
    found.sort(key=lambda pair: pair[0])
    return [issue for _, issue in found]


def _clear(merged: list[float], sent_as: str | None) -> bool:
    """Whether a series certainly holds no issue (floats; exact decimals decide otherwise)."""
    seq = [v for v in merged if v == v]
    if len(seq) < 2:
        return True
    if sent_as == "ytd":
        return all(map(le, seq, seq[1:]))
    # A month figure is suspect only above twice the largest month before it.
    biggest = list(accumulate(seq, max))
    return not any(map(gt, seq[1:], map(mul, biggest, repeat(2.0))))


def _walk(plan, own, stored, label, u: int, i: int) -> list[tuple[int, Issue]]:
    """The exact check of one (unit, indicator) series, month by month."""
    ind = plan.indicators[i]
    default = ind.sent_as or "month"
    found = []
    before = Decimal(0)
    amounts: list[Decimal] = []
    latest = None
    for m in range(1, 13):
        raw, kinds, mine = own.get(u, i, m), own.kinds, True
        if raw is None and stored is not None:
            raw, kinds, mine = stored.get(u, i, m), stored.kinds, False
        if raw is None:
            continue
        v = to_decimal(raw)
        kind = kinds.get((u, i, m), default)
        if mine:
            issue = _check(plan, own, label, u, i, m, v, kind, before, amounts, latest)
            if issue is not None:
                found.append(issue)
        if kind == "ytd":
            amounts.append(v - before)
            before = v
        else:
            amounts.append(v)
            before += v
        latest = m
    return found


def _check(plan, own, label, u, i, m, v, kind, before, amounts, latest):
    ind = plan.indicators[i]
    source = own.source(u, i, m)
    row = source[1] if source else None
    params = {
        "unit": plan.units[u].code,
        "indicator": ind.code,
        "month": format_month(plan.year, m),
        "value": v,
    }
    if kind == "ytd":
        non_negative = ind.range.min is not None and ind.range.min >= 0
        if latest is not None and non_negative and v < before:
            params.update(earlier=before, earlier_month=format_month(plan.year, latest))
            return row or 0, Issue("ytd-decreasing", label, row, COL_VALUE, params)
        return None
    note = _folded(own.notes.get((u, i, m), ""))
    total = sum(amounts, Decimal(0))
    largest = max(amounts, default=Decimal(0))
    reason = None
    if any(w in note for w in _YTD_WORDS):
        reason = Localized("ghi chú ghi “lũy kế”", "the note says “lũy kế”")
    elif total > 0 and v >= total and v > 2 * largest:
        reason = Localized(
            f"không nhỏ hơn tổng {format_number(total, 'vi')} của các tháng trước",
            f"at least the {format_number(total, 'en')} of the earlier months together",
        )
    if reason is None:
        return None
    params.update(reason=reason, month_amount=max(v - total, Decimal(0)))
    return row or 0, Issue("likely-ytd", label, row, COL_VALUE, params)
