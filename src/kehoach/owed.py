"""``kehoach missing --all``: everything each unit still owes, across months, oldest first.

The one-month chase list (missing.py) forgets a figure as soon as the next month is
chosen: an indicator overdue since June is in no list in September. This module walks
every month from January to the month asked for and keeps, per unit, each (month,
indicator) that is due and has no figure (a conflict counts as no figure, as in the
one-month list). Deadlines come from ``plan.deadline(month)``, so the plan's reporting
calendar decides when a debt is overdue.

``compute_owed`` is pure (plan, dataset, last month, day to judge by) and returns an
:class:`OwedResult` that the rich table and ``--json`` both render.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kehoach.i18n import Localized, month_label
from kehoach.numbers import format_month


@dataclass(frozen=True)
class OwedMonth:
    """What one unit owes for one month."""

    month: int
    deadline: date
    missing: list[str]
    conflicts: list[str]  # among ``missing``: stored twice with different figures
    overdue_days: int | None  # days past the deadline at ``as_of``; None when not passed


@dataclass(frozen=True)
class UnitOwed:
    index: int
    code: str
    name_vi: str
    name_en: str
    months: list[OwedMonth]  # oldest first

    @property
    def count(self) -> int:
        return sum(len(m.missing) for m in self.months)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


@dataclass
class OwedResult:
    year: int
    up_to: int
    as_of: date
    units: list[UnitOwed]  # units that owe something, the oldest debt first
    month_defaulted: bool = False

    @property
    def count(self) -> int:
        return sum(u.count for u in self.units)

    def to_dict(self) -> dict[str, Any]:
        y = self.year
        return {
            "all": True,
            "up_to": format_month(y, self.up_to),
            "as_of": self.as_of.isoformat(),
            "owed": self.count,
            "units": [
                {
                    "unit": u.code,
                    "name": u.name_vi,
                    "name_en": u.name_en,
                    "owed": u.count,
                    "months": [
                        {
                            "month": format_month(y, m.month),
                            "deadline": m.deadline.isoformat(),
                            "missing": m.missing,
                            "conflicts": m.conflicts,
                            "overdue_days": m.overdue_days,
                        }
                        for m in u.months
                    ],
                }
                for u in self.units
            ],
        }


def compute_owed(plan, dataset, up_to: int, as_of: date, *, month_defaulted: bool = False):
    """Per unit, each month 1..``up_to`` with figures due and not received."""
    units: list[UnitOwed] = []
    for u, unit in enumerate(plan.units):
        reported = [i for i in range(len(plan.indicators)) if plan.owes(u, i)]
        months: list[OwedMonth] = []
        for month in range(1, up_to + 1):
            due = [i for i in reported if month in plan.indicators[i].due_months]
            missing = [i for i in due if dataset.get(u, i, month) is None]
            if not missing:
                continue
            deadline = plan.deadline(month)
            late = (as_of - deadline).days
            months.append(
                OwedMonth(
                    month=month,
                    deadline=deadline,
                    missing=[plan.indicators[i].code for i in missing],
                    conflicts=[
                        plan.indicators[i].code
                        for i in missing
                        if dataset.raw(u, i, month) is not None
                    ],
                    overdue_days=late if late > 0 else None,
                )
            )
        if months:
            units.append(UnitOwed(u, unit.code, unit.name_vi, unit.name_en, months))
    # The oldest debt first; at the same month, the unit owing most; then the plan's order.
    units.sort(key=lambda x: (x.months[0].month, -x.count, x.index))
    return OwedResult(plan.year, up_to, as_of, units, month_defaulted)


# ------------------------------------------------------------------ rendering

T = {
    "title": Localized(
        "Số liệu còn nợ từ tháng 1 đến {month}", "Figures still owed, January to {month}"
    ),
    "unit": Localized("Đơn vị", "Unit"),
    "name": Localized("Tên đơn vị", "Name"),
    "month": Localized("Tháng", "Month"),
    "missing": Localized("Còn thiếu", "Missing"),
    "deadline": Localized("Hạn nộp", "Due"),
    "overdue": Localized("Quá hạn", "Overdue"),
    "days": Localized("{n} ngày", "{n} day(s)"),
    "not_yet": Localized("chưa đến hạn", "not yet due"),
    "conflict": Localized("xung đột", "conflict"),
    "summary": Localized(
        "Còn nợ {count} giá trị của {units} đơn vị (tính đến {as_of}).",
        "{count} value(s) owed by {units} unit(s) (as of {as_of}).",
    ),
    "nothing": Localized(
        "Không đơn vị nào còn nợ số liệu từ tháng 1 đến {month}.",
        "No unit owes any figure from January to {month}.",
    ),
    "defaulted": Localized(
        "Tính đến tháng mặc định: tháng gần nhất có số liệu ({month}); chọn tháng khác "
        "với --month.",
        "Up to the default month: the latest month with data ({month}); choose another "
        "with --month.",
    ),
}


def _day(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def render_owed(result: OwedResult, lang: str, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    month = month_label(result.year, result.up_to, lang)
    if not result.units:
        console.print(T["nothing"](lang).format(month=month))
    else:
        wide = console.width >= 110
        table = Table(
            title=T["title"](lang).format(month=month),
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        table.add_column(T["unit"](lang), no_wrap=True)
        if wide:
            table.add_column(T["name"](lang), overflow="fold")
        table.add_column(T["month"](lang), no_wrap=True)
        table.add_column(T["missing"](lang), min_width=16, overflow="fold")
        table.add_column(T["deadline"](lang), no_wrap=True)
        table.add_column(T["overdue"](lang), justify="right", no_wrap=True)
        for u in result.units:
            for n, m in enumerate(u.months):
                missing = Text()
                for k, code in enumerate(m.missing):
                    if k:
                        missing.append(", ")
                    missing.append(code, style="bold")
                    if code in m.conflicts:
                        missing.append(f" ({T['conflict'](lang)})", style="magenta")
                overdue = (
                    Text(T["days"](lang).format(n=m.overdue_days), style="red")
                    if m.overdue_days
                    else Text(T["not_yet"](lang), style="dim")
                )
                cells: list = [u.code if n == 0 else ""]
                if wide:
                    cells.append(u.name(lang) if n == 0 else "")
                cells += [f"{m.month:02d}/{result.year}", missing, _day(m.deadline), overdue]
                table.add_row(*cells, end_section=n == len(u.months) - 1)
        console.print(table)
        console.print(
            T["summary"](lang).format(
                count=result.count, units=len(result.units), as_of=_day(result.as_of)
            )
        )
    if result.month_defaulted:
        console.print(T["defaulted"](lang).format(month=month), style="dim")
