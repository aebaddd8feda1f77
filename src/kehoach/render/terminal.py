"""Rich tables for the terminal: status, validation results and the plan.

Renderers only: each takes a result object and a ``rich.console.Console`` and prints.
Nothing here reads files or computes. Tables fit an 80-column terminal by dropping the
columns that matter least, and use the full width when there is one.
"""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach.attainment import IndicatorResult, StatusResult
from kehoach.i18n import STATUS_ORDER, Localized, frequency_label, month_label, status_label
from kehoach.models import Plan
from kehoach.read.csv import FileResult
from kehoach.render.safe import visible
from kehoach.textfmt import month_iso, month_short, percent, show, target_text

STATUS_STYLES = {
    "conflict": "bold magenta",
    "achieved": "bold green",
    "not_due": "dim",
    "no_data": "bold red",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
}

W = {
    "code": Localized("Mã", "Code"),
    "indicator": Localized("Chỉ tiêu", "Indicator"),
    "target": Localized("Kế hoạch\nnăm", "Annual\ntarget"),
    "value": Localized("Thực\nhiện", "Actual"),
    "unit_value": Localized("Của {unit}", "{unit}'s share"),
    "expected": Localized("Tiến độ\nđến nay", "Expected\nby now"),
    "attainment": Localized("Đạt\n% KH năm", "Attained\n% of target"),
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


def _status_text(status: str, lang: str) -> Text:
    return Text(status_label(status, lang), style=STATUS_STYLES[status])


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _measure_cell(r: IndicatorResult, lang: str, width: int) -> Text:
    """What the % column says for this kind of target (Reading v2 point 2)."""
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
        return Text(sign + show(abs(r.gap_points), lang) + unit, style=style)
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


def render_status_table(result: StatusResult, plan: Plan, lang: str, console: Console) -> None:
    """The status table, grouped by plan section.

    At 110 columns and more: target with its unit, expected-by-now, an attainment bar and
    the last month reported. Narrower: the unit of measure moves under the name and the
    low-value columns (expected, bar, last month) are dropped.
    """
    from rich import box

    width = console.width
    wide = width >= 110
    bar_width = 10 if width >= 170 else (6 if width >= 150 else 0)
    with_previous = width >= 140
    title = W["title"](lang).format(
        year=result.year, month=month_label(result.year, result.month, lang)
    )
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        expand=False,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=not wide,
    )
    table.add_column(W["code"](lang), no_wrap=True)
    table.add_column(
        W["indicator"](lang), ratio=1 if wide else None, min_width=28 if wide else None
    )
    table.add_column(W["target"](lang), justify="right", max_width=18 if wide else 12)
    table.add_column(W["value"](lang), justify="right", no_wrap=wide)
    if result.unit:
        table.add_column(W["unit_value"](lang).format(unit=result.unit), justify="right")
    if wide:
        table.add_column(W["expected"](lang), justify="right", no_wrap=True)
    if with_previous:
        table.add_column(W["previous"](lang), justify="right", no_wrap=True)
    table.add_column(
        W["attainment"](lang) if wide else "%", justify="left" if wide else "right", no_wrap=True
    )
    table.add_column(W["status"](lang), no_wrap=wide, max_width=None if wide else 11)
    if wide:
        table.add_column(W["last"](lang), no_wrap=True)

    partial: list[str] = []
    any_stale = False
    any_estimate = False
    by_group: dict[str, list[IndicatorResult]] = {}
    for r in result.indicators:
        by_group.setdefault(r.group, []).append(r)
    groups = [g for g in plan.groups if g.code in by_group]
    for gi, group in enumerate(groups):
        table.add_row("", Text(visible(f"{group.section}. {group.name(lang)}"), style="bold"))
        rows = by_group[group.code]
        for ri, r in enumerate(rows):
            uom = r.uom(lang)
            if r.measure == "milestone":
                value = r.stage_name(r.stage, lang) or ("0" if r.stage == 0 else "—")
            else:
                value = show(r.value, lang)
            if r.estimate:
                any_estimate = True
                value += " (ước)" if lang != "en" else " (est.)"
            if r.partial:
                value += "*"
                absent = [u for u in r.missing_units if u != r.owner or r.source != "contributors"]
                partial.append(f"{r.code} ({', '.join(absent)})")
            name = Text(visible(r.name(lang)))
            target = r.target_words(lang) or target_text(r.comparison, r.target, uom, lang)
            if not wide and uom not in target:
                name.append(f" ({uom})", style="dim")
            # Who owns it, so the office knows whom to call.
            owners = [r.owner] if r.owner else list(r.reported_by)
            who = owners_text(plan, owners, lang)
            if r.owner and r.source == "contributors":
                who += " · " + W["summed"](lang)
            name.append("\n" + who, style="dim cyan")
            cells: list = [r.code, name, target, value]
            if result.unit:
                cells.append(show(r.unit_value, lang))
            if wide:
                if r.measure == "cumulative":
                    cells.append(show(r.expected, lang))
                elif r.measure == "milestone":
                    cells.append(r.stage_name(r.stage_expected, lang) or "—")
                else:
                    cells.append("")
            if with_previous:
                cells.append(show(r.previous_year, lang) if r.measure != "milestone" else "")
            cells.append(_measure_cell(r, lang, bar_width))
            status = _status_text(r.status, lang)
            if r.stale:
                any_stale = True
                if not wide:
                    status.append(f" ({W['stale'](lang)})", style="dim")
            cells.append(status)
            if wide:
                last = month_short(result.year, r.last_month)
                if r.stale:
                    last += f" ({W['stale'](lang)})"
                cells.append(last)
            table.add_row(*cells, end_section=(ri == len(rows) - 1 and gi < len(groups) - 1))
    console.print(table)
    summary = Text(W["summary"](lang) + ": ")
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
    console.print(W["legend"](lang), style="dim")
    if any_estimate:
        console.print(W["estimate_note"](lang), style="dim")
    if partial:
        console.print(W["partial_note"](lang).format(items="; ".join(partial)), style="dim")
    if any_stale:
        console.print(W["stale_note"](lang), style="dim")
    if result.no_data_at_all:
        console.print(W["empty_note"](lang), style="yellow")
    elif result.month_defaulted:
        month = month_label(result.year, result.month, lang)
        console.print(W["defaulted_note"](lang).format(month=month), style="dim")
    if result.later_month:
        sent, units = result.later_units
        console.print(
            W["later_note"](lang).format(
                month=_capital(month_label(result.year, result.later_month, lang)),
                sent=sent,
                units=units,
                iso=month_iso(result.year, result.later_month),
            ),
            style="yellow",
        )


# ----------------------------------------------------------------------- validation

V = {
    "row": Localized("Dòng", "Row"),
    "column": Localized("Cột", "Column"),
    "problem": Localized("Vấn đề", "Problem"),
    "hint": Localized("Cách sửa", "How to fix"),
    "ok": Localized("{path}: {rows} dòng, hợp lệ.", "{path}: {rows} row(s), valid."),
    "ok_warn": Localized(
        "{path}: {rows} dòng, hợp lệ, {warnings} cảnh báo.",
        "{path}: {rows} row(s), valid, {warnings} warning(s).",
    ),
    "bad": Localized(
        "{path}: {rows} dòng, {errors} lỗi, {warnings} cảnh báo — chưa thể nộp.",
        "{path}: {rows} row(s), {errors} error(s), {warnings} warning(s) — cannot be submitted.",
    ),
    "more": Localized(
        "… và {n} vấn đề nữa (xem đầy đủ với --json).",
        "… and {n} more (see them all with --json).",
    ),
}

MAX_ROWS_SHOWN = 200


def render_file_issues(result: FileResult, lang: str, console: Console) -> None:
    """One file's problems as a table (errors red, warnings yellow) and a verdict line."""
    # By row; within a row in the order the checks ran (unit, indicator, month, value).
    issues = sorted(result.issues, key=lambda i: i.row or 0)
    if issues:
        table = Table(show_lines=False, pad_edge=False, expand=console.width >= 100)
        table.add_column(V["row"](lang), justify="right", no_wrap=True)
        table.add_column(V["column"](lang), no_wrap=True)
        table.add_column(V["problem"](lang), ratio=3, overflow="fold")
        table.add_column(V["hint"](lang), ratio=2, overflow="fold", style="dim")
        for issue in issues[:MAX_ROWS_SHOWN]:
            style = "red" if issue.is_error else "yellow"
            # Made visible here too (render/safe.py), so the table is laid out with the
            # signs that will be shown.
            table.add_row(
                str(issue.row) if issue.row is not None else "—",
                issue.column or "",
                Text(visible(issue.message(lang)), style=style),
                visible(issue.hint(lang) or ""),
            )
        console.print(table)
        if len(issues) > MAX_ROWS_SHOWN:
            console.print(V["more"](lang).format(n=len(issues) - MAX_ROWS_SHOWN), style="dim")
    console.print(verdict(result, lang))


def verdict(result: FileResult, lang: str) -> Text:
    errors, warnings = len(result.errors), len(result.warnings)
    params = {
        "path": visible(result.path),
        "rows": result.rows,
        "errors": errors,
        "warnings": warnings,
    }
    if errors:
        return Text("✘ " + V["bad"](lang).format(**params), style="bold red")
    if warnings:
        return Text("✔ " + V["ok_warn"](lang).format(**params), style="yellow")
    return Text("✔ " + V["ok"](lang).format(**params), style="bold green")


# ------------------------------------------------------------------------------ plan

P = {
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

    from kehoach.i18n import MEASURE_LABELS, PHASING_LABELS

    wide = console.width >= 110
    table = Table(
        title=P["title"](lang).format(year=plan.year),
        title_justify="left",
        title_style="bold",
        expand=False,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column(W["code"](lang), no_wrap=True)
    table.add_column(W["indicator"](lang), ratio=1, min_width=24 if wide else 16)
    table.add_column(W["target"](lang), justify="right", max_width=20 if wide else 16)
    table.add_column(P["who"](lang), max_width=14)
    table.add_column(P["freq"](lang), no_wrap=wide)
    if wide:
        table.add_column(P["measure"](lang), max_width=16)
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
