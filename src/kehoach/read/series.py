"""Checks that need a unit's earlier months: a year-to-date figure that falls, and a
month's figure that looks like a year-to-date one (docs/plan.md §3).

A row alone cannot tell these; the file's own rows and what is already stored can. Pure:
datasets in, issue records out.

A file of a million rows holds tens of thousands of (unit, indicator) series, nearly all
of them fine, so the series are first screened with float comparisons run in C (a YTD
figure below the unit's figure before it; a month's figure above twice the one before
it), whole columns at a time; only a series the screen cannot clear is walked month by
month in exact decimals. A unit with stored months beside the file's is screened on its
own, over the two merged.
"""

from __future__ import annotations

import math
from decimal import Decimal
from itertools import accumulate, compress, count, islice, repeat
from operator import and_, eq, floordiv, ge, gt, itemgetter, le, mul, or_

from kehoach.core.dataset import Dataset, to_decimal
from kehoach.core.i18n import Localized
from kehoach.core.issues import Issue
from kehoach.core.models import Plan
from kehoach.core.numbers import format_month, format_number
from kehoach.read.checks import COL_VALUE

_YTD_WORDS = ("luy ke", "luyke", "cong don", "tu dau nam")
_NAN = math.nan


def _folded(text: str) -> str:
    from kehoach.read.checks import _fold_any

    return " ".join(_fold_any(w).lower() for w in text.split())


def history_issues(plan: Plan, own: Dataset, stored: Dataset | None, label: str) -> list[Issue]:
    """The series checks, then the plausibility warnings, of the file read into ``own``;
    for a big file both screens run in one pass over each amount's column."""
    plaus = plausible_indicators(plan)
    screened = None
    cumulative = [i for i, ind in enumerate(plan.indicators) if ind.measure == "cumulative"]
    if (
        own._blocks
        and len(own._blocks) > PLAUSIBILITY_EXACT_BLOCKS
        and plaus
        and set(plaus) <= set(cumulative)
    ):
        screened = set()
        factors = {i: min(_factor(plan.indicators[i]), SLIP_LOW) * (1 - 1e-9) for i in plaus}
        found = series_issues(plan, own, stored, label, plausible=(factors, screened))
    else:
        found = series_issues(plan, own, stored, label)
    return found + plausibility_issues(plan, own, stored, label, screened=screened)


def series_issues(
    plan: Plan,
    own: Dataset,
    stored: Dataset | None,
    label: str,
    plausible: tuple[dict[int, float], set] | None = None,
) -> list[Issue]:
    """Issues of the file read into ``own`` against its own earlier rows and ``stored``.
    ``plausible``: (factor per indicator, a set) — the column screen also puts in the set
    the series whose neighbouring months are that factor apart (the plausibility screen)."""
    cumulative = [i for i, ind in enumerate(plan.indicators) if ind.measure == "cumulative"]
    if not cumulative or not own._blocks:
        return []
    amounts = set(cumulative)
    own_units = {key // 12 for key in own._blocks}
    # Series always walked: a row said how it was sent, a note may say "lũy kế", or a key
    # is in conflict (the walk leaves such a value out; the screens would count it).
    walk = {(u, i) for (u, i, _m), text in own.notes.items() if text}
    walk.update((u, i) for (u, i, _m) in own.kinds)
    walk.update((u, i) for (u, i, _m) in own._conflicts)
    shared: set[int] = set()
    if stored is not None:
        walk.update((u, i) for (u, i, _m) in stored.kinds)
        walk.update((u, i) for (u, i, _m) in stored._conflicts)
        shared = own_units & {key // 12 for key in stored._blocks}
    walk = {(u, i) for u, i in walk if i in amounts and u in own_units}
    # Units with stored months beside the file's: their series are the two merged, screened
    # unit by unit. Every other unit's series are screened all at once, column by column.
    walk.update(_screen_merged(plan, own, stored, sorted(shared), cumulative))
    screened = _screen_columns(plan, own, cumulative, plausible)
    walk.update((u, i) for u, i in screened if u not in shared)
    found: list[tuple[int, Issue]] = []
    for u, i in sorted(walk):
        found += _walk(plan, own, stored, label, u, i)
    for (u, i, m), (value, kind, row) in own.alternates.items():
        issue = _alternate_issue(plan, own, stored, label, u, i, m, value, kind, row)
        if issue is not None:
            found.append((row, issue))
    found.sort(key=lambda pair: pair[0])
    return [issue for _, issue in found]


def _screen_columns(
    plan: Plan, own: Dataset, cumulative: list[int], plausible=None
) -> set[tuple[int, int]]:
    """The (unit, indicator) series of ``own`` that may hold an issue, all units at once.

    Per indicator, the figures of every block are put in key order (unit, then month)
    with the empty slots (NaN) left out, so that each figure's neighbour on its left is
    the same unit's latest earlier figure, if the unit is the same. A year-to-date figure
    below that neighbour falls; a month's figure can look like a year to date only if it
    is above twice that neighbour (it must exceed twice the largest earlier month, which
    is at least the neighbour, and the earlier months' total, which is positive only if
    that largest month is). Both tests run over whole columns in C; the few series they
    name are walked in exact decimals. Reading the blocks in the order they were made,
    not unit by unit, keeps the reads in memory order: a file sent month by month has a
    unit's twelve blocks far apart.
    """
    blocks = own._blocks
    keys = list(blocks)
    made = list(blocks.values())
    order = None
    if not all(map(le, keys, islice(keys, 1, None))):
        order = sorted(range(len(keys)), key=keys.__getitem__)
        keys = list(map(keys.__getitem__, order))
    units = list(map(floordiv, keys, repeat(12)))
    loose = 2.0 * (1 - 1e-9)  # loosened by a hair: rounding can only send more to the walk
    suspects: set[tuple[int, int]] = set()
    for i in cumulative:
        column = list(map(itemgetter(i), made))
        if order is not None:
            column = list(map(column.__getitem__, order))
        filled = list(map(eq, column, column))  # NaN, an empty slot, is not equal to itself
        values = list(compress(column, filled))
        owners = list(compress(units, filled))
        same = list(map(eq, owners, islice(owners, 1, None)))
        ytd = plan.indicators[i].sent_as == "ytd"
        if ytd:
            rise = map(gt, values, islice(values, 1, None))  # the next figure is lower
        else:
            rise = map(gt, islice(values, 1, None), map(mul, values, repeat(loose)))
        flags = list(map(and_, same, rise))
        if any(flags):
            suspects.update((owners[j + 1], i) for j in compress(count(), flags))
        if plausible is not None and i in plausible[0]:
            _screen_ratio(values, owners, same, plausible[0][i], ytd, i, plausible[1])
    return suspects


def _screen_ratio(values, owners, same, f: float, ytd: bool, i: int, out: set) -> None:
    """The plausibility screen of one column (see _screen_plausible), into ``out``."""
    up = map(gt, islice(values, 1, None), map(mul, values, repeat(f)))
    flags = list(map(and_, same, up))
    if not ytd:  # a year to date that falls is another check's
        down = map(gt, values, map(mul, islice(values, 1, None), repeat(f)))
        flags = list(map(or_, flags, map(and_, same, down)))
    if any(flags):
        out.update((owners[j + 1], i) for j in compress(count(), flags))


def _screen_merged(
    plan: Plan, own: Dataset, stored: Dataset | None, units: list[int], cumulative: list[int]
) -> set[tuple[int, int]]:
    """The series that may hold an issue among ``units``, each the file's months over the
    stored ones, screened unit by unit."""
    suspects: set[tuple[int, int]] = set()
    if stored is None or not units:
        return suspects
    # The cumulative slots of a month block, read by one itemgetter call in C.
    pick = itemgetter(*cumulative) if len(cumulative) > 1 else (lambda b: (b[cumulative[0]],))
    empty = (_NAN,) * len(cumulative)
    ytd = [plan.indicators[i].sent_as == "ytd" for i in cumulative]
    for u in units:
        mine = own.months_of(u) or [None] * 12
        theirs = stored.months_of(u) or [None] * 12
        # One tuple of twelve months per cumulative indicator.
        by_indicator = list(zip(*(pick(b) if b is not None else empty for b in mine), strict=True))
        for k, i in enumerate(cumulative):
            if not any(map(eq, by_indicator[k], by_indicator[k])):
                continue  # the file sends nothing of this indicator for this unit
            merged = [
                v if v == v or b is None else b[i]
                for v, b in zip(by_indicator[k], theirs, strict=True)
            ]
            seq = [v for v in merged if v == v]  # NaN is an empty slot
            if not _clear(seq, "ytd" if ytd[k] else None):
                suspects.add((u, i))
    return suspects


_KIND_WORDS = {
    "ytd": Localized("lũy kế", "year to date"),
    "month": Localized("số của riêng tháng", "the month's amount"),
}


def _before(plan, own, stored, u: int, i: int, month: int) -> Decimal:
    """The unit's year to date at the latest month before ``month`` with a figure."""
    default = plan.indicators[i].sent_as or "month"
    before = Decimal(0)
    for m in range(1, month):
        raw, kinds = own.get(u, i, m), own.kinds
        if raw is None and stored is not None:
            raw, kinds = stored.get(u, i, m), stored.kinds
        if raw is None:
            continue
        v = to_decimal(raw)
        before = v if kinds.get((u, i, m), default) == "ytd" else before + v
    return before


def _alternate_issue(plan, own, stored, label, u, i, m, value, kind, row):
    """The second form of one figure (lũy kế and the month's amount) against the first."""
    ind = plan.indicators[i]
    default = ind.sent_as or "month"
    first = own.raw(u, i, m)
    source = own.source(u, i, m)
    if first is None or source is None:
        return None
    first_kind = own.kinds.get((u, i, m), default)
    before = _before(plan, own, stored, u, i, m)
    v1, v2 = to_decimal(first), to_decimal(value)
    amount1 = v1 if first_kind == "month" else v1 - before
    amount2 = v2 if kind == "month" else v2 - before
    if amount1 == amount2:
        return None
    params = {
        "unit": plan.units[u].code,
        "indicator": ind.code,
        "month": format_month(plan.year, m),
        "value": v2,
        "kind": _KIND_WORDS[kind],
        "other_value": v1,
        "other_kind": _KIND_WORDS[first_kind],
        "other_row": source[1],
        "earlier": before,
        "expected": amount1,
    }
    return Issue("ytd-month-mismatch", label, row, COL_VALUE, params)


def _clear(seq, sent_as: str | None) -> bool:
    """Whether a series (its months with a figure, in order) certainly holds no issue
    (floats; exact decimals decide otherwise)."""
    if len(seq) < 2:
        return True
    if sent_as == "ytd":
        return all(map(le, seq, seq[1:]))
    # A month figure is suspect only when it is at least the earlier months' total and
    # above twice the largest of them (the exact rule of _check); the float bounds are
    # loosened by a hair so that rounding can only send more series to the exact walk.
    loose = 1 - 1e-9
    biggest = list(accumulate(seq, max))
    total = list(accumulate(seq))
    above_twice = map(gt, seq[1:], map(mul, biggest, repeat(2.0 * loose)))
    at_least_total = map(ge, seq[1:], map(mul, total, repeat(loose)))
    return not any(map(and_, above_twice, at_least_total))


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


# ------------------------------------------------------------ plausibility against history

# How far from the unit's own history a figure may be before it is questioned: this many
# times its reference, or this fraction of it (the plan may tune it per indicator with
# `plausibility:`; 0 turns the check off). Around ×1000 (and ÷1000) it is named a
# misplaced thousands separator.
PLAUSIBILITY = 10
SLIP_LOW, SLIP_HIGH = 900.0, 1100.0
# Below this many month blocks in the file (a clerk's file has twelve at most) every series
# is checked exactly; a machine export is screened in C first, as the series checks are.
PLAUSIBILITY_EXACT_BLOCKS = 2000

_REFERENCE = {
    "last_year": Localized(
        "số cùng tháng năm trước ({month}: {value})", "the same month last year ({month}: {value})"
    ),
    "recent": Localized(
        "số tháng trước gần nhất ({month}: {value})", "the latest earlier month ({month}: {value})"
    ),
}
_SLIP = {
    True: Localized(
        "Khoảng 1.000 lần: có thể nhầm dấu phân cách hàng nghìn với dấu thập phân. ",
        "About 1,000 times: perhaps a thousands separator taken for a decimal mark. ",
    ),
    False: Localized(
        "Có thể thừa hoặc thiếu chữ số 0, hoặc đặt nhầm dấu thập phân. ",
        "Perhaps a zero too many or too few, or a misplaced decimal mark. ",
    ),
}


def _factor(ind) -> float:
    f = ind.plausibility
    return PLAUSIBILITY if f is None else float(f)


def plausible_indicators(plan: Plan) -> list[int]:
    """The indicators a figure of which is held against the unit's own history: amounts
    (cumulative), and levels with no usual range (a usual range already bounds them); not
    rates (a percentage has its own bounds, and a growth rate may well go from 0,5 to 6),
    nor milestones; nor where the plan turns it off (``plausibility: 0``)."""
    out = []
    for i, ind in enumerate(plan.indicators):
        if ind.measure == "milestone" or ind.is_rate or _factor(ind) <= 1:
            continue
        if ind.measure == "level" and ind.usual is not None:
            continue
        out.append(i)
    return out


def plausibility_issues(
    plan: Plan,
    own: Dataset,
    stored: Dataset | None,
    label: str | None,
    screened: set | None = None,
) -> list[Issue]:
    """Warnings for the file's figures far from the same unit's history: last year's same
    month, else nothing; and the unit's latest earlier month this year (the file's or a
    stored one). Never an error: a real jump happens (docs/contract.md §10)."""
    inds = plausible_indicators(plan)
    if not inds or not own._blocks:
        return []
    own_units = {key // 12 for key in own._blocks}
    if len(own._blocks) <= PLAUSIBILITY_EXACT_BLOCKS:
        pairs = {(u, i) for u in own_units for i in inds}
    else:
        pairs = set(screened) if screened is not None else _screen_plausible(plan, own, inds)
        # Last year's same months, screened in C too; units with months stored beside the
        # file's are walked (a machine export seldom has any).
        for prev in (own, stored):
            if prev is not None and prev.has_previous():
                pairs |= _screen_last_year(plan, own, prev.previous, inds)
        if stored is not None:
            shared = own_units & {key // 12 for key in stored._blocks}
            pairs |= {(u, i) for u in shared for i in inds}
    found: list[tuple[int, Issue]] = []
    for u, i in sorted(pairs):
        found += _plausible_walk(plan, own, stored, label, u, i)
    found.sort(key=lambda pair: pair[0])
    return [issue for _, issue in found]


def stored_plausibility(plan: Plan, data: Dataset, indicator: int | None = None) -> list[Issue]:
    """The implausible-value warnings of the values stored in a data folder (each against
    the same folder's history), on the file and row each value came from: what ``status``
    and ``explain`` list under the problems of the stored data, so that a figure accepted
    with such a warning stays marked. ``indicator``: that one only."""
    if indicator is not None and indicator not in plausible_indicators(plan):
        return []
    found = plausibility_issues(plan, data, None, None)
    if indicator is not None:
        code = plan.indicators[indicator].code
        found = [i for i in found if i.params["indicator"] == code]
    return found


def _screen_last_year(plan: Plan, own: Dataset, prev: Dataset, inds: list[int]):
    """The series of ``own`` with a month far from the same month of ``prev`` (last year),
    compared in C over the blocks both hold; loosened as the other screens are."""
    blocks, old = own._blocks, prev._blocks
    keys = [k for k in blocks if k in old]
    suspects: set[tuple[int, int]] = set()
    if not keys:
        return suspects
    now = [blocks[k] for k in keys]
    then = [old[k] for k in keys]
    units = list(map(floordiv, keys, repeat(12)))
    for i in inds:
        f = min(_factor(plan.indicators[i]), SLIP_LOW) * (1 - 1e-9)
        a = list(map(itemgetter(i), now))
        b = list(map(itemgetter(i), then))
        far = map(or_, map(gt, a, map(mul, b, repeat(f))), map(gt, b, map(mul, a, repeat(f))))
        flags = list(far)  # NaN (an empty slot) compares false: never flagged
        if any(flags):
            suspects.update((units[j], i) for j in compress(count(), flags))
    return suspects


def _screen_plausible(plan: Plan, own: Dataset, inds: list[int]) -> set[tuple[int, int]]:
    """The series of a big file whose neighbouring months are far apart (floats, in C);
    loosened a little, so that rounding only sends more to the exact walk."""
    blocks = own._blocks
    keys = sorted(blocks)
    made = [blocks[k] for k in keys]
    units = list(map(floordiv, keys, repeat(12)))
    suspects: set[tuple[int, int]] = set()
    for i in inds:
        ind = plan.indicators[i]
        f = min(_factor(ind), SLIP_LOW) * (1 - 1e-9)
        column = list(map(itemgetter(i), made))
        filled = list(map(eq, column, column))
        values = list(compress(column, filled))
        owners = list(compress(units, filled))
        same = list(map(eq, owners, islice(owners, 1, None)))
        _screen_ratio(values, owners, same, f, ind.sent_as == "ytd", i, suspects)
    return suspects


def _plausible_walk(plan, own, stored, label, u: int, i: int) -> list[tuple[int, Issue]]:
    ind = plan.indicators[i]
    default = ind.sent_as or "month"
    f = _factor(ind)
    ytd = ind.measure == "cumulative" and default == "ytd"
    last_year = [d.previous for d in (own, stored) if d is not None and d.has_previous()]
    found = []
    before: tuple[int, float] | None = None  # the latest earlier month with a figure
    for m in range(1, 13):
        v, mine = own.get(u, i, m), True
        if v is None and stored is not None:
            v, mine = stored.get(u, i, m), False
        if v is None:
            continue
        key = (u, i, m)
        sent = (own.kinds if mine else stored.kinds).get(key, default)
        if mine and sent == default:
            refs = []
            for prev in last_year:
                ly = prev.get(u, i, m)
                if ly is not None and prev.kinds.get(key, default) == default:
                    refs.append(("last_year", m - 12, ly))
                    break
            if before is not None:
                refs.append(("recent", before[0], before[1]))
            for what, ref_month, ref in refs:
                issue = _plausible(plan, own, label, u, i, m, v, what, ref_month, ref, f, ytd)
                if issue is not None:
                    found.append(issue)
                    break
        if sent == default:
            before = (m, v)
    return found


def _plausible(plan, own, label, u, i, m, v, what, ref_month, ref, f, ytd):
    if not (v > 0 and ref > 0):
        return None  # a ratio says nothing about zeros and signs
    r = v / ref
    if ytd and what == "recent" and r < 1:
        return None  # a year to date that falls: ytd-decreasing says it
    up = r >= 1
    times = r if up else 1 / r
    slip = SLIP_LOW <= times <= SLIP_HIGH
    if times < f and not slip:
        return None
    from kehoach.core.layout import calendar_month

    ind = plan.indicators[i]
    source = own.source(u, i, m)
    row = source[1] if source else None
    if label is None:  # a stored value: on the file it came from
        label = source[0] if source else None
    shown = Decimal(round(times)) if times >= 10 else Decimal(f"{times:.1f}")
    relation = (
        Localized(f"gấp {format_number(shown, 'vi')} lần", f"is {format_number(shown, 'en')} times")
        if up
        else Localized(
            f"chỉ bằng 1/{format_number(shown, 'vi')}", f"is 1/{format_number(shown, 'en')} of"
        )
    )
    ref_text = format_month(*calendar_month(plan.year, ref_month))
    reference = Localized(
        _REFERENCE[what].vi.format(month=ref_text, value=format_number(to_decimal(ref), "vi")),
        _REFERENCE[what].en.format(month=ref_text, value=format_number(to_decimal(ref), "en")),
    )
    params = {
        "unit": plan.units[u].code,
        "indicator": ind.code,
        "month": format_month(plan.year, m),
        "value": to_decimal(v),
        "relation": relation,
        "reference": reference,
        "slip": _SLIP[slip],
        "factor": Decimal(str(_factor(ind))).normalize(),
    }
    return row or 0, Issue("implausible-value", label, row, COL_VALUE, params)
