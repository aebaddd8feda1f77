"""A file's spread over months: a stray row of another month (``other-month``, a warning
on validate and submit) and a file of several months that ``submit`` would split into
incomplete submissions (``several-months``, an error).

A clerk who copies last month's form and forgets to change one row's month sends one
figure for the wrong month; stored as it is, that row becomes a one-row submission of
another month, which then needs ``--replace`` when the real one arrives. Pure: the file's
own values (a :class:`~kehoach.core.dataset.Dataset`) or rows in, issue records out. Only the
plan year counts: last year's months are comparison data.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from decimal import Decimal
from itertools import repeat
from operator import itemgetter

from kehoach.core.dataset import Dataset
from kehoach.core.i18n import Localized, month_label
from kehoach.core.issues import Issue
from kehoach.core.models import Plan
from kehoach.core.numbers import format_month
from kehoach.read.checks import COL_MONTH

SHOWN_GROUPS = 5  # incomplete (unit, month) groups named in the message; the rest counted


def _month(plan: Plan, month: int) -> Localized:
    return Localized(month_label(plan.year, month, "vi"), month_label(plan.year, month, "en"))


def other_month_issues(plan: Plan, own: Dataset, label: str) -> list[Issue]:
    """A warning on every row of a month other than the one a strict majority of the
    file's values is for (none when no month has a strict majority)."""
    blocks = own._blocks
    if len({key % 12 for key in blocks}) < 2:
        return []  # the common case, a file of one month: decided from the block keys
    per_month = filled_by_month(own)
    total = sum(per_month)
    count = max(per_month)
    if 2 * count <= total:
        return []
    main = per_month.index(count) + 1
    params = {"main": _month(plan, main), "count": count, "total": total}
    return [
        Issue(
            "other-month",
            label,
            row,
            COL_MONTH,
            {
                **params,
                "unit": plan.units[u].code,
                "indicator": plan.indicators[i].code,
                "month": _month(plan, m),
            },
        )
        for u, i, m, _v, _f, row in own.filled()
        if m != main
    ]


def filled_by_month(own: Dataset) -> list[int]:
    """How many values the dataset holds for each month (January first)."""
    n = own.n_indicators
    per_month = [0] * 12
    # A block's filled slots, counted in C: an empty slot's row is 0.0 (rows count from
    # 1), eight zero bytes. Any eight bytes in a row hold exactly one double's exponent
    # byte, which is zero only in 0.0, so bytes.count finds each empty slot once.
    rows_of = itemgetter(slice(n, 2 * n))
    rows = map(array.tobytes, map(rows_of, own._blocks.values()))
    empty = map(bytes.count, rows, repeat(bytes(8)))
    for key, blank in zip(own._blocks, empty, strict=True):
        per_month[key % 12] += n - blank
    return per_month


# (unit index, indicator index, month, value or None, …) as submit collects them
Row = tuple[int, int, int, Decimal | None, str, str | None, bool]


def several_months_issue(plan: Plan, rows: Iterable[Row], label: str) -> Issue | None:
    """The refusal of a file whose rows span two or more months of the plan year, unless
    each (unit, month) group in it has a row, filled or empty, for every indicator that
    unit owes that month. Rows of last year (month ≤ 0) are left out."""
    groups: dict[tuple[int, int], set[int]] = {}
    for unit, ind, month, *_ in rows:
        if month >= 1:
            groups.setdefault((month, unit), set()).add(ind)
    months = sorted({m for m, _u in groups})
    if len(months) < 2:
        return None
    incomplete = []
    for (month, unit), present in sorted(groups.items()):
        missing = [
            plan.indicators[i].code
            for i in range(len(plan.indicators))
            if i not in present and month in plan.indicators[i].due_months and plan.owes(unit, i)
        ]
        if missing:
            incomplete.append((unit, month, missing))
    if not incomplete:
        return None

    def named(lang: str) -> str:
        lack = "thiếu" if lang == "vi" else "missing"
        shown = [
            f"{plan.units[u].code} {month_label(plan.year, m, lang)} ({lack} {', '.join(codes)})"
            for u, m, codes in incomplete[:SHOWN_GROUPS]
        ]
        more = len(incomplete) - SHOWN_GROUPS
        if more > 0:
            shown.append(f"và {more} nhóm khác" if lang == "vi" else f"and {more} more")
        return "; ".join(shown)

    return Issue(
        "several-months",
        label,
        None,
        None,
        {
            "n": len(months),
            "months": Localized(
                ", ".join(month_label(plan.year, m, "vi") for m in months),
                ", ".join(month_label(plan.year, m, "en") for m in months),
            ),
            "groups": Localized(named("vi"), named("en")),
            "first": format_month(plan.year, months[0]),
        },
    )
