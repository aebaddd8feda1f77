"""Rich tables for the terminal: status and the plan (issues: :mod:`kehoach.render.issues`).

Renderers only: each takes a result object and a ``rich.console.Console`` and prints.
Nothing here reads files or computes. Tables fit an 80-column terminal by dropping the
columns that matter least, and use the full width when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach.core.attainment import IndicatorResult, StatusResult
from kehoach.core.i18n import STATUS_ORDER, Localized, frequency_label, month_label, status_label
from kehoach.core.models import Plan
from kehoach.core.safetext import visible
from kehoach.core.snapshot import Notice
from kehoach.core.textfmt import figure_text, month_iso, month_short, percent, target_text

STATUS_STYLES = {
    "conflict": "bold magenta",
    "achieved": "bold green",
    "not_due": "dim",
    "no_data": "bold red",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
}

STATUS_TABLE_LABELS = {
    "code": Localized("Mã", "Code"),
    "indicator": Localized("Chỉ tiêu", "Indicator"),
    "target": Localized("Kế hoạch\nnăm", "Annual\ntarget"),
    "value": Localized("Thực\nhiện", "Actual"),
    "unit_value": Localized("Của {unit}", "{unit}'s share"),
    "expected": Localized("Tiến độ\nđến nay", "Expected\nby now"),
    "attainment": Localized("%\nKH năm", "% of\ntarget"),
    "summed": Localized("tổng hợp từ phường, xã", "summed from the wards"),
    "previous": Localized("Cùng kỳ\nnăm trước", "Same period\nlast year"),
    "estimate_note": Localized(
        "(ước): số ước tính, chờ số chính thức.",
        "(est.): an estimate, until the official figure arrives.",
    ),
    "later_note": Localized(
        "{month} mới có {sent}/{units} đơn vị gửi số liệu; xem bằng --month {iso}.",
        "{month} has figures from only {sent} of {units} units so far; see it with --month {iso}.",
    ),
    "legend": Localized(
        "Cột %: lũy kế so với kế hoạch năm (số lượng); chỉ tiêu tỷ lệ ghi chênh lệch "
        "điểm % so với kế hoạch; chỉ tiêu theo mốc ghi mốc đã đạt/tổng số mốc.",
        "% column: the year to date against the annual target (amounts and counts); rates "
        "show their gap to the target in percentage points; milestones the stage reached "
        "of all stages.",
    ),
    "status": Localized("Trạng thái", "Status"),
    "value_expected": Localized("Thực hiện\n/ tiến độ", "Actual\n/ expected"),
    "up_to": Localized("(số liệu {month})", "(data {month})"),
    "legend_narrow": Localized(
        "“/ …” sau số thực hiện: số cần đạt đến nay theo tiến độ kế hoạch (lũy kế) hoặc "
        "mốc kế hoạch (theo mốc).",
        "“/ …” after the actual figure: what the plan expects by now (cumulative) or the "
        "stage planned (milestones).",
    ),
    "legend_previous": Localized(
        "Màn hình từ 100 cột có thêm cột cùng kỳ năm trước.",
        "100 columns or more also show the same period last year.",
    ),
    "legend_up_to": Localized(
        "(số liệu Tn): số liệu mới nhất là của tháng n, trước tháng báo cáo.",
        "(data Mon): the latest figure is from that month, before the month shown.",
    ),
    "last": Localized("Số liệu\nđến", "Data\nup to"),
    "stale": Localized("cũ", "stale"),
    "title": Localized(
        "Tình hình thực hiện chỉ tiêu kế hoạch năm {year} — {month}",
        "Progress on the {year} plan targets — {month}",
    ),
    "partial_note": Localized(
        "* chưa đủ đơn vị báo cáo: {items}",
        "* not every reporting unit has sent its figure: {items}",
    ),
    "stale_note": Localized(
        "“cũ”: số liệu trước kỳ báo cáo gần nhất.",
        "“stale”: the latest value is older than the latest due month.",
    ),
    "defaulted_note": Localized(
        "Tháng mặc định: tháng gần nhất có từ một nửa số liệu đến hạn trở lên ({month}); "
        "chọn tháng khác với --month.",
        "Default month: the latest month with at least half of the figures due ({month}); "
        "choose another with --month.",
    ),
    "empty_note": Localized(
        "Chưa có số liệu nào trong thư mục dữ liệu; hiển thị tháng 1.",
        "There is no data in the data folder yet; showing January.",
    ),
    "summary": Localized("Tổng hợp", "Summary"),
}


def _status_cards(groups, result: StatusResult, lang: str, width: int, common: dict) -> Table:
    """Up to 139 columns: a name line, then a line of fixed-width figures, so the name
    never wraps into a sliver and the figures still line up from one indicator to the
    next (each figure line is a grid with the same column widths as the heading). From
    100 columns the same period last year has a column of its own."""
    from rich.console import Group

    body = width - 6  # the code column and its gap
    with_previous = width >= 100
    # From 100 columns the status has room for "(số liệu T6)" on its own line.
    widths = {"value": 17, "measure": 8, "status": 33 if with_previous else 20}
    if result.unit:
        widths["unit_value"] = 12
    if with_previous:
        widths["previous"] = 11

    def grid(target, value, unit_value, previous, measure, status) -> Table:
        g = Table.grid(padding=(0, 2 if with_previous else 1, 0, 0), expand=True)
        g.add_column(ratio=1)  # the target takes what the figures leave
        g.add_column(width=widths["value"], justify="right")
        cells = [target, value]
        if result.unit:
            g.add_column(width=widths["unit_value"], justify="right")
            cells.append(unit_value)
        if with_previous:
            g.add_column(width=widths["previous"], justify="right")
            cells.append(previous)
        g.add_column(width=widths["measure"], justify="right")
        g.add_column(width=widths["status"])
        g.add_row(*cells, measure, status)
        return g

    head = Group(
        Text(STATUS_TABLE_LABELS["indicator"](lang)),
        grid(
            STATUS_TABLE_LABELS["target"](lang).replace("\n", " "),
            STATUS_TABLE_LABELS["value_expected"](lang),
            STATUS_TABLE_LABELS["unit_value"](lang).format(unit=result.unit or ""),
            STATUS_TABLE_LABELS["previous"](lang),
            STATUS_TABLE_LABELS["attainment"](lang).replace("\n", " "),
            STATUS_TABLE_LABELS["status"](lang),
        ),
    )
    table = Table(expand=False, **common)
    table.add_column(STATUS_TABLE_LABELS["code"](lang), no_wrap=True, min_width=4)
    table.add_column(head, width=body)
    for gi, (group, rows) in enumerate(groups):
        table.add_row("", Text(visible(f"{group.section}. {group.name(lang)}"), style="bold"))
        for ri, row in enumerate(rows):
            value = Text(row.value)
            if row.expected:
                value.append(" / " + row.expected, style="dim")
            status = row.status.copy()
            if row.older:
                status.append((" " if with_previous else "\n") + row.older, style="dim")
            figures = grid(row.target, value, row.unit_value, row.previous, row.measure, status)
            last_row = ri == len(rows) - 1 and gi < len(groups) - 1
            table.add_row(row.code, Group(row.name, figures), end_section=last_row)
    return table


def _month_abbr(month: int, lang: str) -> str:
    from kehoach.core.i18n import EN_MONTHS

    return EN_MONTHS[month - 1][:3] if lang == "en" else f"T{month}"


def _expected_text(r: IndicatorResult, lang: str) -> str:
    """Expected by now: the figure for cumulative targets, the stage planned for
    milestones; nothing for levels (their line is the target itself)."""
    if r.measure == "cumulative":
        return figure_text(r.expected, lang) if r.expected is not None else ""
    if r.measure == "milestone":
        return r.stage_name(r.stage_expected, lang) or "—"
    return ""


def _status_text(status: str, lang: str) -> Text:
    return Text(status_label(status, lang), style=STATUS_STYLES[status])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _measure_cell(r: IndicatorResult, lang: str, width: int) -> Text:
    """What the % column says for this kind of target (docs/plan.md §2)."""
    style = STATUS_STYLES[r.status]
    if r.measure == "milestone":
        if r.stage is None:
            return Text("—", style="dim")
        return Text(f"{r.stage}/{len(r.stages)}", style=style)
    if r.is_rate:
        if r.gap_points is None:
            return Text("—", style="dim")
        sign = "+" if r.gap_points > 0 else ("−" if r.gap_points < 0 else "±")
        unit = " đ%" if lang != "en" else " pt"
        return Text(sign + figure_text(abs(r.gap_points), lang) + unit, style=style)
    return _bar(r.attainment, r.status, lang, width)


def _bar(share: Decimal | None, status: str, lang: str, width: int) -> Text:
    if share is None:
        return Text("—", style="dim")
    label = percent(share, lang, 0)
    if width <= 0:
        return Text(label, style=STATUS_STYLES[status])
    filled = int(min(max(share, Decimal(0)), Decimal(1)) * width + Decimal("0.5"))
    text = Text("█" * filled, style=STATUS_STYLES[status])
    text.append("░" * (width - filled), style="dim")
    text.append(" " + label)
    return text


@dataclass
class _Row:
    """One indicator's cells as the status table writes them, whatever the layout."""

    code: str
    name: Text
    target: str
    value: str
    unit_value: str
    expected: str
    previous: str
    measure: Text
    status: Text
    last: str
    older: str = ""  # "(số liệu T6)" when the latest figure is before the month shown


def _status_rows(result: StatusResult, plan: Plan, lang: str, bar_width: int, notes: dict):
    """(group, rows) in plan order; ``notes`` collects what the footnotes must explain."""
    by_group: dict[str, list[IndicatorResult]] = {}
    for r in result.indicators:
        by_group.setdefault(r.group, []).append(r)
    out = []
    for group in (g for g in plan.groups if g.code in by_group):
        rows = []
        for r in by_group[group.code]:
            uom = r.uom(lang)
            if r.measure == "milestone":
                value = r.stage_name(r.stage, lang) or ("0" if r.stage == 0 else "—")
            else:
                value = figure_text(r.value, lang)
            if r.estimate:
                notes["estimate"] = True
                value += " (ước)" if lang != "en" else " (est.)"
            if r.partial:
                value += "*"
                # The owner sends no figure of its own when the wards' sum stands in.
                absent = [u for u in r.missing_units if u != r.owner or r.source != "contributors"]
                notes["partial"].append(f"{r.code} ({', '.join(absent)})")
            name = Text(visible(r.name(lang)))
            target = r.target_words(lang) or target_text(r.comparison, r.target, uom, lang)
            if uom not in target:
                name.append(f" ({uom})", style="dim")
            # Who owns it, so the office knows whom to call: on the name's line, not a
            # line of its own.
            owners = [r.owner] if r.owner else list(r.reported_by)
            who = owners_text(plan, owners, lang)
            if r.owner and r.source == "contributors":
                who += " · " + STATUS_TABLE_LABELS["summed"](lang)
            name.append(" · " + who, style="dim cyan")
            status = _status_text(r.status, lang)
            last = month_short(result.year, r.last_month)
            if r.stale:
                notes["stale"] = True
                last += f" ({STATUS_TABLE_LABELS['stale'](lang)})"
            older = ""
            if r.last_month and r.last_month < result.month:
                notes["older"] = True
                older = STATUS_TABLE_LABELS["up_to"](lang).format(
                    month=_month_abbr(r.last_month, lang)
                )
            if r.stale:
                status.append(f" ({STATUS_TABLE_LABELS['stale'](lang)})", style="dim")
            rows.append(
                _Row(
                    code=r.code,
                    name=name,
                    target=target,
                    value=value,
                    unit_value=figure_text(r.unit_value, lang),
                    expected=_expected_text(r, lang),
                    previous=figure_text(r.previous_year, lang) if r.measure != "milestone" else "",
                    measure=_measure_cell(r, lang, bar_width),
                    status=status,
                    last=last,
                    older=older,
                )
            )
        out.append((group, rows))
    return out


def render_status_table(result: StatusResult, plan: Plan, lang: str, console: Console) -> None:
    """The status table, grouped by plan section, in three widths. Every width shows the
    expected figure and says what its % column is (the legend under the table).

    - up to 99 columns: each indicator is its name on a full line, then a line of target,
      "actual / expected", % and status; "(số liệu T6)" under the status says when the
      latest figure is older than the month shown;
    - 100–139: the same two lines with the same period last year added, so 31 indicators
      take about two lines each, whatever the length of their names;
    - 140 and more: one row per indicator, expected and last year in columns of their own,
      an attainment bar and the month of the data.
    """
    from rich import box

    width = console.width
    wide = width >= 140
    narrow = not wide
    notes: dict = {"partial": [], "estimate": False, "stale": False, "older": False}
    groups = _status_rows(result, plan, lang, 10 if wide else 0, notes)
    title = STATUS_TABLE_LABELS["title"](lang).format(
        year=result.year, month=month_label(result.year, result.month, lang)
    )
    common = {
        "title": title,
        "title_justify": "left",
        "title_style": "bold",
        "box": box.SIMPLE_HEAD,
        "pad_edge": False,
        "collapse_padding": True,
    }
    if narrow:
        table = _status_cards(groups, result, lang, width, common)
    else:
        table = Table(expand=True, **common)
        table.add_column(STATUS_TABLE_LABELS["code"](lang), no_wrap=True)
        table.add_column(STATUS_TABLE_LABELS["indicator"](lang), ratio=1, min_width=30)
        table.add_column(STATUS_TABLE_LABELS["target"](lang), justify="right", max_width=18)
        table.add_column(STATUS_TABLE_LABELS["value"](lang), justify="right", max_width=12)
        if result.unit:
            table.add_column(
                STATUS_TABLE_LABELS["unit_value"](lang).format(unit=result.unit), justify="right"
            )
        table.add_column(STATUS_TABLE_LABELS["expected"](lang), justify="right", max_width=11)
        table.add_column(STATUS_TABLE_LABELS["previous"](lang), justify="right", no_wrap=True)
        table.add_column(STATUS_TABLE_LABELS["attainment"](lang), no_wrap=True)
        table.add_column(STATUS_TABLE_LABELS["status"](lang), no_wrap=True)
        table.add_column(STATUS_TABLE_LABELS["last"](lang), no_wrap=True)
        for gi, (group, rows) in enumerate(groups):
            table.add_row("", Text(visible(f"{group.section}. {group.name(lang)}"), style="bold"))
            for ri, row in enumerate(rows):
                cells: list = [row.code, row.name, row.target, row.value]
                if result.unit:
                    cells.append(row.unit_value)
                # The month has its own column: the status needs no "(số liệu T6)".
                cells += [row.expected, row.previous, row.measure, row.status, row.last]
                last_row = ri == len(rows) - 1 and gi < len(groups) - 1
                table.add_row(*cells, end_section=last_row)
    partial = notes["partial"]
    any_stale, any_estimate, any_older = notes["stale"], notes["estimate"], notes["older"]
    console.print(table)
    summary = Text(STATUS_TABLE_LABELS["summary"](lang) + ": ")
    first = True
    for status in STATUS_ORDER:
        count = result.summary.get(status, 0)
        if not count:
            continue
        if not first:
            summary.append(" · ")
        summary.append(f"{status_label(status, lang)} {count}", style=STATUS_STYLES[status])
        first = False
    console.print(summary)
    console.print(STATUS_TABLE_LABELS["legend"](lang), style="dim")
    if narrow:
        console.print(STATUS_TABLE_LABELS["legend_narrow"](lang), style="dim")
    if width < 100:
        console.print(STATUS_TABLE_LABELS["legend_previous"](lang), style="dim")
    if any_older and not wide:
        console.print(STATUS_TABLE_LABELS["legend_up_to"](lang), style="dim")
    if any_estimate:
        console.print(STATUS_TABLE_LABELS["estimate_note"](lang), style="dim")
    if partial:
        console.print(
            STATUS_TABLE_LABELS["partial_note"](lang).format(items="; ".join(partial)), style="dim"
        )
    if any_stale:
        console.print(STATUS_TABLE_LABELS["stale_note"](lang), style="dim")
    if result.no_data_at_all:
        console.print(STATUS_TABLE_LABELS["empty_note"](lang), style="yellow")
    elif result.month_defaulted:
        month = month_label(result.year, result.month, lang)
        console.print(STATUS_TABLE_LABELS["defaulted_note"](lang).format(month=month), style="dim")
    if result.later_month:
        sent, units = result.later_units
        console.print(
            STATUS_TABLE_LABELS["later_note"](lang).format(
                month=_capital(month_label(result.year, result.later_month, lang)),
                sent=sent,
                units=units,
                iso=month_iso(result.year, result.later_month),
            ),
            style="yellow",
        )


# ------------------------------------------------------------------------------ plan

PLAN_LABELS = {
    "title": Localized("Các chỉ tiêu kế hoạch năm {year}", "Plan targets for {year}"),
    "measure": Localized("Cách tính", "Measure"),
    "who": Localized("Đơn vị\nbáo cáo", "Reported\nby"),
    "freq": Localized("Kỳ\nbáo cáo", "Frequency"),
    "ok": Localized(
        "{path}: kế hoạch hợp lệ — {indicators} chỉ tiêu, {units} đơn vị báo cáo.",
        "{path}: the plan is valid — {indicators} indicator(s), {units} reporting unit(s).",
    ),
}


def render_plan_table(plan: Plan, lang: str, console: Console) -> None:
    from rich import box

    from kehoach.core.i18n import MEASURE_LABELS, PHASING_LABELS

    wide = console.width >= 110
    table = Table(
        title=PLAN_LABELS["title"](lang).format(year=plan.year),
        title_justify="left",
        title_style="bold",
        expand=False,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(STATUS_TABLE_LABELS["code"](lang), no_wrap=True)
    table.add_column(STATUS_TABLE_LABELS["indicator"](lang), ratio=1, min_width=24 if wide else 16)
    table.add_column(
        STATUS_TABLE_LABELS["target"](lang), justify="right", max_width=20 if wide else 16
    )
    table.add_column(PLAN_LABELS["who"](lang), max_width=14)
    table.add_column(PLAN_LABELS["freq"](lang), no_wrap=wide)
    if wide:
        table.add_column(PLAN_LABELS["measure"](lang), max_width=16)
    groups = plan.group_by_code
    current = None
    for ind in plan.indicators:
        if ind.group != current:
            current = ind.group
            g = groups[ind.group]
            table.add_row("", Text(visible(f"{g.section}. {g.name(lang)}"), style="bold"))
        cells = [
            ind.code,
            visible(ind.name(lang)),
            (ind.target_text_en if lang == "en" else ind.target_text_vi)
            or target_text(ind.comparison, ind.target, ind.uom(lang), lang),
            owners_text(plan, [ind.owner] if ind.owner else ind.reported_by, lang),
            frequency_label(ind.frequency, lang),
        ]
        if wide:
            measure = MEASURE_LABELS[ind.measure](lang)
            if ind.phasing and ind.phasing != "linear":
                measure += f" / {PHASING_LABELS[ind.phasing](lang)}"
            cells.append(measure)
        table.add_row(*cells)
    console.print(table)


def owners_text(plan: Plan, codes, lang: str, most: int = 3) -> str:
    """Unit codes, 'the wards' when every ward and commune reports it, or the first few
    and a count when many units do (a roll-up plan has thousands)."""
    wards = {u.code for u in plan.units if u.kind in ("ward", "commune")}
    if len(codes) > 1 and set(codes) == wards:
        return "các phường, xã" if lang != "en" else "all wards and communes"
    if len(codes) > most + 1:
        rest = len(codes) - most
        more = f"và {rest} đơn vị khác" if lang != "en" else f"and {rest} more units"
        return ", ".join(codes[:most]) + f" {more}"
    return ", ".join(codes)


def print_notice(notice: Notice | None, console) -> None:
    """The notice under the ``status`` table: the title and one line per figure."""
    if notice is None:
        return
    from rich.text import Text

    if notice.warning:
        console.print()
        console.print(Text(notice.warning, style="yellow"), soft_wrap=True)
    if notice.lines:
        console.print()
        console.print(Text(notice.title, style="bold"), soft_wrap=True)
        for line in notice.lines:
            console.print(Text("- " + line), soft_wrap=True)
