"""``kehoach revisions``: every value revised after it was reported, and what each gave.

Owns reading ``DATA/_revisions.csv`` (written by :mod:`kehoach.submit`) for people: each
revised value with its old and new figure, estimate marks, when, the action and the reason,
and the status of the indicator under each value. The status under a value is computed,
not remembered: :func:`substitute` gives a copy of the dataset with that one value put
back, and :func:`~kehoach.attainment.compute_indicator` judges it the usual way, so the
old status is what ``status`` would have said with the old figure and today's plan.

:func:`substitute` and :func:`assess` are pure; :func:`run_revisions` is the edge.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kehoach.dataset import Dataset, block_key
from kehoach.i18n import Localized, month_label, status_label
from kehoach.models import Plan
from kehoach.numbers import MonthError, parse_month
from kehoach.submit import Revision

_NAN = float("nan")

M = {
    "title": Localized(
        "Số liệu điều chỉnh sau khi đã báo cáo", "Values revised after they were reported"
    ),
    "title_month": Localized(
        "Số liệu {month} điều chỉnh sau khi đã báo cáo",
        "Values for {month} revised after they were reported",
    ),
    "none": Localized(
        "Chưa có số liệu nào được điều chỉnh sau khi đã báo cáo.",
        "No value has been revised after it was reported.",
    ),
    "none_month": Localized(
        "Chưa có số liệu {month} nào được điều chỉnh sau khi đã báo cáo.",
        "No value for {month} has been revised after it was reported.",
    ),
    "col_time": Localized("Thời điểm", "When"),
    "col_value": Localized("Đơn vị, chỉ tiêu", "Unit, indicator"),
    "col_change": Localized("Số cũ → mới", "Old → new"),
    "col_action": Localized("Loại, lý do", "Action, reason"),
    "col_status": Localized("Trạng thái cũ → mới", "Status old → new"),
    "reason": Localized("lý do: {reason}", "reason: {reason}"),
    "estimate": Localized("ước", "est."),
    "empty": Localized("(trống)", "(empty)"),
    "not_in_plan": Localized("(không có trong kế hoạch)", "(not in the plan)"),
}

ACTION_LABELS = {
    "official": Localized("ước → chính thức", "estimate → official"),
    "replaced": Localized("thay thế (--replace)", "replaced (--replace)"),
    "reopened-official": Localized(
        "ước → chính thức, sau khóa sổ", "estimate → official, after lock"
    ),
    "reopened-replaced": Localized("thay thế sau khóa sổ", "replaced after lock"),
    "reopened-new": Localized("nộp mới sau khóa sổ", "new after lock"),
    "new": Localized("nộp mới", "new"),
}


def action_label(action: str, lang: str) -> str:
    label = ACTION_LABELS.get(action)
    return label(lang) if label else action


# ------------------------------------------------------------------ pure


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
            return {"value": _num(o.value), "estimate": o.estimate, "status": o.status}

        return {
            "time": r.time.strftime("%Y-%m-%dT%H:%M:%SZ") if r.time else None,
            "unit": r.unit,
            "indicator": r.indicator,
            "month": r.month,
            "old": _num(r.old),
            "new": _num(r.new),
            "old_estimate": r.old_estimate,
            "new_estimate": r.new_estimate,
            "action": r.action,
            "reason": r.reason,
            "unit_of_measure": self.unit_of_measure_vi,
            "status_old": outcome(self.old),
            "status_new": outcome(self.new),
        }


def _num(d: Decimal | None) -> float | int | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


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
    from kehoach.attainment import compute_indicator

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


# ------------------------------------------------------------------ text


def value_text(value: Decimal | None, estimate: bool, lang: str) -> str:
    """'52 (ước)' / '52 (est.)'; an empty value as '(trống)'."""
    from kehoach.textfmt import show

    if value is None:
        return M["empty"](lang)
    text = show(value, lang, 4)
    return f"{text} ({M['estimate'](lang)})" if estimate else text


def local_time(when: datetime | None, lang: str) -> str:
    if when is None:
        return "—"
    local = when.astimezone()
    return local.strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")


def month_short_text(month: str) -> str:
    """'2020-09' as '09/2020', as Vietnamese offices write a month (and English readers
    read it the same way)."""
    year, _, m = month.partition("-")
    return f"{m}/{year}" if m else month


def render_revisions(
    items: list[AssessedRevision], plan: Plan, month: str | None, lang: str, console
) -> None:
    from rich.table import Table
    from rich.text import Text

    label = None
    if month is not None:
        year, m = (int(p) for p in month.split("-"))
        label = month_label(year, m, lang)
    if not items:
        text = M["none_month"](lang).format(month=label) if label else M["none"](lang)
        console.print(Text(text), soft_wrap=True)
        return
    title = M["title_month"](lang).format(month=label) if label else M["title"](lang)
    # Five columns, the words wrapping inside them: an 80-column terminal shows all.
    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column(M["col_time"](lang), min_width=10)
    table.add_column(M["col_value"](lang), no_wrap=True)
    table.add_column(M["col_change"](lang), no_wrap=True, justify="right")
    table.add_column(M["col_status"](lang), ratio=1)
    table.add_column(M["col_action"](lang), ratio=1)
    for item in items:
        r = item.revision
        status = "—"
        if item.old is not None and item.new is not None:
            status = (
                f"{status_label(item.old.status, lang)} → {status_label(item.new.status, lang)}"
            )
        elif item.indicator_name_vi is None:
            status = M["not_in_plan"](lang)
        action = action_label(r.action, lang)
        if r.reason:
            action += "; " + M["reason"](lang).format(reason=r.reason)
        old = value_text(r.old, r.old_estimate, lang)
        change = f"{old}\n→ {value_text(r.new, r.new_estimate, lang)}"
        table.add_row(
            Text(local_time(r.time, lang)),
            Text(f"{r.unit}\n{r.indicator} · {month_short_text(r.month)}"),
            Text(change),
            Text(status),
            Text(action),
        )
    console.print(table)


# ------------------------------------------------------------------ the command


def run_revisions(month: str | None, plan_path: Path, data: Path, lang: str, json_out: bool) -> int:
    from kehoach.cliutil import (
        EXIT_ERRORS,
        EXIT_OK,
        load_data_or_fail,
        load_plan_or_fail,
        month_option,
        print_json,
        stdout_console,
    )
    from kehoach.numbers import format_month
    from kehoach.submit import read_revisions

    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    month_text = format_month(plan.year, month_num) if month_num else None
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    items = assess(plan, load.dataset, read_revisions(data), month_text)
    if json_out:
        print_json(
            {
                "plan": plan.id,
                "month": month_text,
                "revisions": [i.to_dict() for i in items],
            }
        )
    else:
        from kehoach.status import print_data_issues

        console = stdout_console()
        render_revisions(items, plan, month_text, lang, console)
        print_data_issues(load.issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK
