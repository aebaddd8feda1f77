"""``kehoach missing`` on a terminal: the chase list of a month, and with ``--all``
everything each unit still owes, oldest first (:mod:`kehoach.core.missing` computes both).
"""

from __future__ import annotations

from datetime import date, tzinfo

from kehoach.core.i18n import Localized, month_label
from kehoach.core.missing import (
    STATUS_COMPLETE,
    STATUS_NOTHING,
    STATUS_PARTIAL,
    MissingResult,
    OwedResult,
    UnitMissing,
)

MISSING_LABELS = {
    "title": Localized(
        "Số liệu {month} — hạn nộp {deadline}",
        "Figures for {month} — due by {deadline}",
    ),
    "unit": Localized("Đơn vị", "Unit"),
    "name": Localized("Tên đơn vị", "Name"),
    "missing": Localized("Còn thiếu", "Missing"),
    "received": Localized("Đã nhận", "Received"),
    "rate": Localized("Tỷ lệ", "Rate"),
    "submitted": Localized("Nộp lần đầu", "First submitted"),
    "state": Localized("Tình trạng", "State"),
    "conflict": Localized("xung đột", "conflict"),
    "on_time": Localized("đúng hạn", "on time"),
    "late": Localized("trễ {n} ngày", "{n} day(s) late"),
    "unknown": Localized("không rõ*", "unknown*"),
    "unknown_note": Localized(
        "* đã có số liệu nhưng nhật ký nộp (_log.csv) không ghi lần nộp nào: không biết ngày nộp.",
        "* figures are stored but the submission log (_log.csv) has no submit for them: "
        "the date is unknown.",
    ),
    "not_sent": Localized("chưa nộp", "not submitted"),
    STATUS_NOTHING: Localized("Chưa gửi", "Nothing sent"),
    STATUS_PARTIAL: Localized("Còn thiếu", "Partial"),
    STATUS_COMPLETE: Localized("Đủ", "Complete"),
    "as_of_past": Localized(
        "Tính đến {as_of}: đã quá hạn {n} ngày.", "As of {as_of}: {n} day(s) past the deadline."
    ),
    "as_of_today": Localized("Tính đến {as_of}: hôm nay là hạn nộp.", "As of {as_of}: due today."),
    "as_of_past_year": Localized(
        "Tính đến {as_of}: đã hết năm kế hoạch {year} (hạn nộp số liệu {month} là {deadline}).",
        "As of {as_of}: the plan year {year} is over ({month} figures were due by {deadline}).",
    ),
    "contacts": Localized("Liên hệ:", "Contacts:"),
    "as_of_before": Localized(
        "Tính đến {as_of}: còn {n} ngày đến hạn nộp.",
        "As of {as_of}: {n} day(s) before the deadline.",
    ),
    "summary": Localized(
        "Đã nhận {received}/{due} giá trị đến kỳ ({rate}). "
        "Chưa gửi: {nothing} đơn vị · còn thiếu: {partial} · đủ: {complete}.",
        "Received {received} of {due} values due ({rate}). "
        "Nothing sent: {nothing} unit(s) · partial: {partial} · complete: {complete}.",
    ),
    "nothing_due_at_all": Localized(
        "Không đơn vị nào có chỉ tiêu đến kỳ báo cáo trong {month}.",
        "No unit has anything due in {month}.",
    ),
    "not_due_units": Localized(
        "Không có chỉ tiêu đến kỳ trong tháng (không liệt kê): {codes}.",
        "Nothing due this month (not listed): {codes}.",
    ),
    "defaulted": Localized(
        "Tháng mặc định: tháng gần nhất đã nhận từ một nửa số liệu đến kỳ trở lên ({month}); "
        "chọn tháng khác với --month.",
        "Default month: the latest month with at least half of the figures due ({month}); "
        "choose another with --month.",
    ),
    "empty": Localized(
        "Chưa có số liệu nào trong thư mục dữ liệu; hiển thị tháng 1.",
        "There is no data in the data folder yet; showing January.",
    ),
}

STATE_STYLES = {STATUS_NOTHING: "bold red", STATUS_PARTIAL: "yellow", STATUS_COMPLETE: "green"}


def _code_and_name(code: str, name: str):
    from rich.text import Text

    text = Text(code)
    text.append("\n" + name, style="dim")
    return text


def contact_line(contact: dict[str, str] | None) -> str:
    """'person, phone, email' of a unit's contact (the parts given), or ''."""
    if not contact:
        return ""
    return ", ".join(v for v in (contact["person"], contact["phone"], contact["email"]) if v)


def print_contacts(units, lang: str, console) -> None:
    """Whom to call, for the units still owing: one line each, as the plan gives them."""
    from rich.text import Text

    lines = [(u, contact_line(u.contact)) for u in units]
    lines = [(u, c) for u, c in lines if c]
    if not lines:
        return
    console.print(MISSING_LABELS["contacts"](lang), style="bold")
    wide = console.width >= 110
    for u, c in lines:
        if wide:
            console.print(Text(f"  {u.code} ({u.name(lang)}): {c}"))
        else:  # the name, then whom to call on a line of its own
            console.print(Text(f"  {u.code} ({u.name(lang)}):"))
            console.print(Text(f"    {c}"))


def _day(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _submitted_text(u: UnitMissing, deadline: date, tz: tzinfo | None, lang: str):
    from rich.text import Text

    if u.submitted_at is not None:
        local = u.submitted_at.astimezone(tz)
        day = f"{local.day:02d}/{local.month:02d}"
        if local.year != deadline.year:
            day += f"/{local.year}"
        text = Text(f"{day} {local.hour:02d}:{local.minute:02d}, ")
        if u.timeliness == "late":
            text.append(MISSING_LABELS["late"](lang).format(n=u.days_late), style="red")
        else:
            text.append(MISSING_LABELS["on_time"](lang), style="green")
        return text
    if u.timeliness == "unknown":
        return Text(MISSING_LABELS["unknown"](lang), style="dim")
    # how long overdue is said once, under the table: the same for every unit
    return Text(MISSING_LABELS["not_sent"](lang), style="red")


def render_missing(result: MissingResult, lang: str, console, tz: tzinfo | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from kehoach.core.textfmt import percent

    month = month_label(result.year, result.month, lang)
    if not result.units:
        console.print(MISSING_LABELS["nothing_due_at_all"](lang).format(month=month))
    else:
        from rich import box

        wide = console.width >= 110
        table = Table(
            title=MISSING_LABELS["title"](lang).format(month=month, deadline=_day(result.deadline)),
            title_justify="left",
            title_style="bold",
            expand=wide,
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        if wide:
            table.add_column(MISSING_LABELS["unit"](lang), no_wrap=True)
            table.add_column(MISSING_LABELS["name"](lang), ratio=2, min_width=18, overflow="fold")
        else:
            table.add_column(MISSING_LABELS["unit"](lang), min_width=11, overflow="fold")
        # The missing codes are what the office reads out on the phone: never squeezed out.
        table.add_column(MISSING_LABELS["missing"](lang), ratio=2, min_width=16, overflow="fold")
        table.add_column(MISSING_LABELS["received"](lang), justify="right", no_wrap=True)
        if wide:
            table.add_column(MISSING_LABELS["rate"](lang), justify="right", no_wrap=True)
            table.add_column(MISSING_LABELS["submitted"](lang), no_wrap=True)
            table.add_column(MISSING_LABELS["state"](lang), no_wrap=True)
        else:
            table.add_column(MISSING_LABELS["submitted"](lang), ratio=1, overflow="fold")
            table.add_column(MISSING_LABELS["state"](lang), ratio=1, overflow="fold")
        for u in result.units:
            missing = Text()
            for n, code in enumerate(u.missing):
                if n:
                    missing.append(", ")
                missing.append(code, style="bold" if u.status != STATUS_COMPLETE else "")
                if code in u.conflicts:
                    missing.append(f" ({MISSING_LABELS['conflict'](lang)})", style="magenta")
            # The name beside the code; at a narrow width, under it.
            cells: list = [u.code if wide else _code_and_name(u.code, u.name(lang))]
            if wide:
                cells.append(u.name(lang))
            cells += [
                missing if u.missing else Text("—", style="dim"),
                f"{len(u.received)}/{len(u.due)}",
            ]
            if wide:
                cells.append(percent(u.rate, lang, 0))
            cells += [
                _submitted_text(u, result.deadline, tz, lang),
                Text(MISSING_LABELS[u.status](lang), style=STATE_STYLES[u.status]),
            ]
            table.add_row(*cells)
        console.print(table)
        rate = percent(result.rate, lang)
        console.print(
            MISSING_LABELS["summary"](lang).format(
                received=result.received,
                due=result.due,
                rate=rate,
                nothing=result.count(STATUS_NOTHING),
                partial=result.count(STATUS_PARTIAL),
                complete=result.count(STATUS_COMPLETE),
            )
        )
    if any(u.timeliness == "unknown" for u in result.units):
        console.print(MISSING_LABELS["unknown_note"](lang), style="dim")
    print_contacts([u for u in result.units if u.missing], lang, console)
    days = result.overdue_days
    as_of = _day(result.as_of)
    if result.past_plan_year:
        # Past the plan year the clock says nothing about lateness: never "due today".
        console.print(
            MISSING_LABELS["as_of_past_year"](lang).format(
                as_of=as_of, year=result.year, month=month, deadline=_day(result.deadline)
            ),
            style="bold",
        )
    elif days > 0:
        console.print(MISSING_LABELS["as_of_past"](lang).format(as_of=as_of, n=days), style="bold")
    elif days == 0:
        console.print(MISSING_LABELS["as_of_today"](lang).format(as_of=as_of), style="bold")
    else:
        console.print(MISSING_LABELS["as_of_before"](lang).format(as_of=as_of, n=-days))
    if result.not_due_units:
        console.print(
            MISSING_LABELS["not_due_units"](lang).format(codes=", ".join(result.not_due_units)),
            style="dim",
        )
    if result.narratives is not None:
        render_narratives_due(result, lang, console)
    if result.no_data_at_all:
        console.print(MISSING_LABELS["empty"](lang), style="yellow")
    elif result.month_defaulted:
        console.print(MISSING_LABELS["defaulted"](lang).format(month=month), style="dim")


NARRATIVE_LABELS = {
    "none": Localized(
        "Báo cáo bằng lời {month} (hạn {deadline}): chưa nhận của đơn vị nào ({n} đơn vị "
        "phải gửi).",
        "Narrative reports for {month} (due {deadline}): none received yet ({n} unit(s) "
        "must send one).",
    ),
    "all": Localized(
        "Báo cáo bằng lời {month}: đã nhận đủ {n}/{n} đơn vị.",
        "Narrative reports for {month}: all {n} received.",
    ),
    "some": Localized(
        "Báo cáo bằng lời {month} (hạn {deadline}): đã nhận {received}/{n}; chưa gửi: {codes}.",
        "Narrative reports for {month} (due {deadline}): {received} of {n} received; not "
        "sent: {codes}.",
    ),
    "late": Localized("gửi muộn: {codes}.", "sent late: {codes}."),
}


def render_narratives_due(result: MissingResult, lang: str, console) -> None:
    """One line on the month's narrative reports: who has not sent one (and who sent late)."""
    from rich.text import Text

    due = result.narratives or []
    if not due:
        return
    month = month_label(result.year, result.month, lang)
    deadline = _day(result.deadline)
    got = [n for n in due if n.received]
    missing = [n for n in due if not n.received]
    if not got:
        line = NARRATIVE_LABELS["none"](lang).format(month=month, deadline=deadline, n=len(due))
    elif not missing:
        line = NARRATIVE_LABELS["all"](lang).format(month=month, n=len(due))
    else:
        codes = ", ".join(n.code for n in missing)
        line = NARRATIVE_LABELS["some"](lang).format(
            month=month, deadline=deadline, received=len(got), n=len(due), codes=codes
        )
    late = [n for n in got if n.timeliness == "late"]
    if late:
        line += " " + NARRATIVE_LABELS["late"](lang).format(
            codes=", ".join(f"{n.code} ({n.days_late})" for n in late)
        )
    console.print(Text(line, style="bold" if missing else ""))


OWED_LABELS = {
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
    "year_over": Localized("đã hết năm kế hoạch", "plan year over"),
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


def render_owed(result: OwedResult, lang: str, console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    month = month_label(result.year, result.up_to, lang)
    if not result.units:
        console.print(OWED_LABELS["nothing"](lang).format(month=month))
    else:
        wide = console.width >= 110
        table = Table(
            title=OWED_LABELS["title"](lang).format(month=month),
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        if wide:
            table.add_column(OWED_LABELS["unit"](lang), no_wrap=True)
            table.add_column(OWED_LABELS["name"](lang), overflow="fold")
        else:
            table.add_column(OWED_LABELS["unit"](lang), min_width=11, overflow="fold")
        table.add_column(OWED_LABELS["month"](lang), no_wrap=True)
        table.add_column(OWED_LABELS["missing"](lang), min_width=16, overflow="fold")
        table.add_column(OWED_LABELS["deadline"](lang), no_wrap=True)
        table.add_column(OWED_LABELS["overdue"](lang), justify="right", no_wrap=True)
        for u in result.units:
            for n, m in enumerate(u.months):
                missing = Text()
                for k, code in enumerate(m.missing):
                    if k:
                        missing.append(", ")
                    missing.append(code, style="bold")
                    if code in m.conflicts:
                        missing.append(f" ({OWED_LABELS['conflict'](lang)})", style="magenta")
                if m.overdue_days:
                    overdue = Text(OWED_LABELS["days"](lang).format(n=m.overdue_days), style="red")
                elif result.past_plan_year:
                    overdue = Text(OWED_LABELS["year_over"](lang), style="red")
                else:
                    overdue = Text(OWED_LABELS["not_yet"](lang), style="dim")
                first = u.code if wide else _code_and_name(u.code, u.name(lang))
                cells: list = [first if n == 0 else ""]
                if wide:
                    cells.append(u.name(lang) if n == 0 else "")
                cells += [f"{m.month:02d}/{result.year}", missing, _day(m.deadline), overdue]
                table.add_row(*cells, end_section=n == len(u.months) - 1)
        console.print(table)
        console.print(
            OWED_LABELS["summary"](lang).format(
                count=result.count, units=len(result.units), as_of=_day(result.as_of)
            )
        )
        print_contacts(result.units, lang, console)
    if result.month_defaulted:
        console.print(OWED_LABELS["defaulted"](lang).format(month=month), style="dim")
