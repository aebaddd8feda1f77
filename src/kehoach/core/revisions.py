"""``kehoach revisions``: every value revised after it was reported, and what each gave.

Owns reading ``DATA/_revisions.csv`` (written by :mod:`kehoach.store.submit`) for people: each
revised value with its old and new figure, estimate marks, when, the action and the reason,
and the status of the indicator under each value. The status under a value is computed,
not remembered: :func:`substitute` gives a copy of the dataset with that one value put
back, and :func:`~kehoach.core.attainment.compute_indicator` judges it the usual way, so the
old status is what ``status`` would have said with the old figure and today's plan.

:func:`substitute` and :func:`assess` are pure; :mod:`kehoach.commands.revisions` is the edge.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kehoach.core.dataset import Dataset, block_key
from kehoach.core.models import Plan
from kehoach.core.numbers import MonthError, json_number, parse_month
from kehoach.core.records import Revision

_NAN = float("nan")


def substitute(
    dataset: Dataset,
    unit: int,
    indicator: int,
    month: int,
    value: Decimal | None,
    estimate: bool = False,
) -> Dataset:
    """A copy of ``dataset`` in which key (unit, indicator, month) holds ``value`` (None:
    empty) with the given estimate mark; ``dataset`` itself is not touched.

    Only the one block is copied; the rest is shared, read-only. How a cumulative figure
    was sent (``kinds``) stays as the current row says: the revisions file does not keep
    it, and a correction is sent the way the original was.
    """
    new = copy.copy(dataset)
    new._blocks = dict(dataset._blocks)
    key = block_key(unit, month)
    block = dataset._blocks.get(key)
    block = block * 1 if block is not None else dataset._empty * 1
    block[indicator] = _NAN if value is None else float(value)
    new._blocks[key] = block
    slot = (unit, indicator, month)
    new.estimates = set(dataset.estimates)
    if estimate and value is not None:
        new.estimates.add(slot)
    else:
        new.estimates.discard(slot)
    # The value put in is the only one for its key: no conflict, nothing set aside.
    if slot in dataset._conflicts:
        new._conflicts = {k: v for k, v in dataset._conflicts.items() if k != slot}
    if slot in dataset.superseded:
        new.superseded = {k: v for k, v in dataset.superseded.items() if k != slot}
    return new


@dataclass(frozen=True)
class Outcome:
    """The indicator at the revision's month under one value of the revised key."""

    value: Decimal | None  # the town's figure
    estimate: bool
    status: str


@dataclass(frozen=True)
class AssessedRevision:
    revision: Revision
    indicator_name_vi: str | None  # None: the code is not in the plan
    indicator_name_en: str | None
    unit_of_measure_vi: str = ""
    unit_of_measure_en: str = ""
    old: Outcome | None = None  # None: not computable (unknown code, another year)
    new: Outcome | None = None

    def to_dict(self) -> dict[str, Any]:
        r = self.revision

        def outcome(o: Outcome | None) -> dict[str, Any] | None:
            if o is None:
                return None
            return {"value": json_number(o.value), "estimate": o.estimate, "status": o.status}

        return {
            "time": r.time.strftime("%Y-%m-%dT%H:%M:%SZ") if r.time else None,
            "unit": r.unit,
            "indicator": r.indicator,
            "month": r.month,
            "old": json_number(r.old),
            "new": json_number(r.new),
            "old_estimate": r.old_estimate,
            "new_estimate": r.new_estimate,
            "action": r.action,
            "reason": r.reason,
            "unit_of_measure": self.unit_of_measure_vi,
            "status_old": outcome(self.old),
            "status_new": outcome(self.new),
        }


def revision_key(plan: Plan, r: Revision) -> tuple[int, int, int] | None:
    """(unit, indicator, month) of a revision in the plan year, or None."""
    u = plan.unit_index.get(r.unit.upper())
    i = plan.indicator_index.get(r.indicator.upper())
    try:
        year, m = parse_month(r.month)
    except MonthError:
        return None
    if u is None or i is None or year != plan.year:
        return None
    return u, i, m


def outcome_with(
    plan: Plan, dataset: Dataset, key: tuple[int, int, int], value, estimate
) -> Outcome:
    from kehoach.core.attainment import compute_indicator

    u, i, m = key
    res = compute_indicator(plan, substitute(dataset, u, i, m, value, estimate), i, m)
    return Outcome(res.value, res.estimate, res.status)


def assess(
    plan: Plan, dataset: Dataset, revisions: list[Revision], month: str | None = None
) -> list[AssessedRevision]:
    """Each revision (of ``month``, YYYY-MM, when given) with the status under each value."""
    out = []
    for r in revisions:
        if month is not None and r.month != month:
            continue
        ind = plan.indicator(r.indicator)
        key = revision_key(plan, r)
        old = new = None
        if key is not None:
            old = outcome_with(plan, dataset, key, r.old, r.old_estimate)
            new = outcome_with(plan, dataset, key, r.new, r.new_estimate)
        out.append(
            AssessedRevision(
                r,
                ind.name_vi if ind else None,
                ind.name_en if ind else None,
                ind.unit_of_measure_vi if ind else "",
                ind.unit_of_measure_en if ind else "",
                old,
                new,
            )
        )
    return out
