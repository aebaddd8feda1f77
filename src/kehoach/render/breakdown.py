"""Rich tables for ``kehoach status --by-unit``: one table per indicator, one row per unit.

A renderer only, over :class:`kehoach.core.breakdown.Breakdown` values. The columns are those of
:func:`kehoach.report.wards.ward_grid` (the report's ward table), so the terminal and the
report never disagree; at 100 columns and more the unit's name is added.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach.core.breakdown import Breakdown
from kehoach.core.i18n import Localized, month_label, status_label
from kehoach.core.safetext import visible
from kehoach.core.textfmt import with_unit
from kehoach.render.terminal import STATUS_STYLES
from kehoach.report.wards import ward_grid

BREAKDOWN_LABELS = {
    "title": Localized("Đóng góp của từng đơn vị — {month}", "Each unit's contribution — {month}"),
    "town": Localized("Thị xã: {value}", "Town: {value}"),
    "from": Localized("(số của {owner})", "({owner}'s figure)"),
    "sum": Localized("(cộng các đơn vị)", "(the units' sum)"),
    "name": Localized("Tên đơn vị", "Name"),
    "legend": Localized(
        "Tỷ trọng: phần của đơn vị trong tổng các đơn vị; Đủ kỳ: số kỳ đến hạn đã gửi / "
        "số kỳ đến hạn.",
        "Share: the unit's part of the units' total; Due sent: due months sent / due months.",
    ),
    "targets": Localized(
        "Đạt và trạng thái so với kế hoạch riêng của từng đơn vị; trạng thái của thị xã "
        "vẫn là của cả thị xã.",
        "Attained and status against each unit's own target; the town's status stays the town's.",
    ),
    "none": Localized(
        "Không có chỉ tiêu nào có đơn vị đóng góp.", "No indicator has contributing units."
    ),
}


def render_breakdowns(
    items: list[Breakdown], plan, lang: str, console: Console, year: int, month: int
) -> None:
    from rich import box

    console.print(
        Text(
            BREAKDOWN_LABELS["title"](lang).format(month=month_label(year, month, lang)),
            style="bold",
        )
    )
    if not items:
        console.print(BREAKDOWN_LABELS["none"](lang))
        return
    wide = console.width >= 100
    any_targets = False
    for b in items:
        r = b.result
        uom = r.uom(lang)
        console.print()
        console.print(Text(visible(f"{r.code} — {r.name(lang)} ({uom})"), style="bold"))
        town = Text(
            BREAKDOWN_LABELS["town"](lang).format(value=with_unit(r.value, uom, lang)) + " "
        )
        if r.source == "owner" and r.owner:
            town.append(BREAKDOWN_LABELS["from"](lang).format(owner=r.owner), style="dim")
        elif r.value is not None:
            town.append(BREAKDOWN_LABELS["sum"](lang), style="dim")
        town.append(" · ")
        town.append(status_label(r.status, lang), style=STATUS_STYLES[r.status])
        console.print(town)
        headers, rows, right = ward_grid(b, lang, narrow=not wide)
        any_targets = any_targets or b.has_targets
        table = Table(
            box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=not wide
        )
        names = {u.code: visible(u.name(lang)) for u in plan.units}
        for i, head in enumerate(headers):
            table.add_column(head, justify="right" if i in right else "left", no_wrap=True)
            if i == 0 and wide:
                table.add_column(BREAKDOWN_LABELS["name"](lang), no_wrap=True)
        status_col = len(headers) - 1 if b.has_targets else None
        for n, row in enumerate(rows):
            cells: list = list(row)
            last = n == len(rows) - 1
            if wide:
                unit = b.rows[n].unit if not last else ""
                cells.insert(1, names.get(unit, ""))
            if status_col is not None and not last and b.rows[n].status:
                idx = status_col + (1 if wide else 0)
                cells[idx] = Text(cells[idx], style=STATUS_STYLES[b.rows[n].status])
            table.add_row(*cells, end_section=n == len(rows) - 2, style="bold" if last else None)
        console.print(table)
    console.print()
    console.print(BREAKDOWN_LABELS["legend"](lang), style="dim")
    if any_targets:
        console.print(BREAKDOWN_LABELS["targets"](lang), style="dim")
