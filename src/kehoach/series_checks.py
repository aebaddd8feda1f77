"""Checks that need a unit's earlier months: a year-to-date figure that falls, and a
month's figure that looks like a year-to-date one (INDICATORS.md, Reading v2 point 3).

A row alone cannot tell these; the file's own rows and what is already stored can. Pure:
datasets in, issue records out.
"""

from __future__ import annotations

from decimal import Decimal

from kehoach.checks import COL_VALUE
from kehoach.dataset import Dataset, to_decimal
from kehoach.issues import Issue
from kehoach.models import Plan
from kehoach.numbers import format_month

_YTD_WORDS = ("luy ke", "luyke", "cong don", "tu dau nam")


def _folded(text: str) -> str:
    from kehoach.checks import _fold_any

    return " ".join(_fold_any(w).lower() for w in text.split())


def series_issues(plan: Plan, own: Dataset, stored: Dataset | None, label: str) -> list[Issue]:
    """Issues of the file read into ``own`` against its own earlier rows and ``stored``."""
    found: list[Issue] = []
    for u, i, m, value, _file, row in own.filled():
        ind = plan.indicators[i]
        if ind.measure != "cumulative":
            continue
        default = ind.sent_as or "month"
        kind = own.kinds.get((u, i, m), default)
        before = Decimal(0)
        amounts: list[Decimal] = []
        latest = None
        for mm in range(1, m):
            raw, kinds = own.get(u, i, mm), own.kinds
            if raw is None and stored is not None:
                raw, kinds = stored.get(u, i, mm), stored.kinds
            if raw is None:
                continue
            v = to_decimal(raw)
            if kinds.get((u, i, mm), default) == "ytd":
                amounts.append(v - before)
                before = v
            else:
                amounts.append(v)
                before += v
            latest = mm
        v = to_decimal(value)
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
                found.append(Issue("ytd-decreasing", label, row, COL_VALUE, params))
            continue
        note = _folded(own.notes.get((u, i, m), ""))
        total = sum(amounts, Decimal(0))
        largest = max(amounts, default=Decimal(0))
        reason_vi = reason_en = None
        if any(w in note for w in _YTD_WORDS):
            reason_vi, reason_en = "ghi chú ghi “lũy kế”", "the note says “lũy kế”"
        elif total > 0 and v >= total and v > 2 * largest:
            reason_vi = f"không nhỏ hơn tổng {_vi(total)} của các tháng trước"
            reason_en = f"at least the {total} of the earlier months together"
        if reason_vi:
            from kehoach.i18n import Localized

            params.update(
                reason=Localized(reason_vi, reason_en),
                month_amount=max(v - total, Decimal(0)),
            )
            found.append(Issue("likely-ytd", label, row, COL_VALUE, params))
    return found


def _vi(d: Decimal) -> str:
    from kehoach.numbers import format_number

    return format_number(d, "vi")
