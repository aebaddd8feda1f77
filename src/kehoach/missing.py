"""``kehoach missing``: the chase list (danh sách đôn đốc) of values due but not received.

For a month M: per unit, the values due (the unit reports the indicator and M is one of
its due months), those received (a figure is stored; an empty cell is not a figure) and
those missing; the completeness rate; and timeliness against the plan's deadline (day
``plan.due_day`` of month M itself, Nghị định 09/2019/NĐ-CP Điều 12), from the first line
of the submission log for (unit, M).

``compute_missing`` is pure: it takes the plan, the dataset, the log entries, the date to
judge by and the time zone to read log times in, and returns a :class:`MissingResult`
that the rich table and ``--json`` both render. Units with nothing due in M are left out
of the list and named in ``not_due_units``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

from kehoach.cliutil import (
    EXIT_ERRORS,
    EXIT_OK,
    load_data_or_fail,
    load_plan_or_fail,
    month_option,
    print_json,
    stdout_console,
)
from kehoach.dataset import Dataset
from kehoach.i18n import Localized, month_label
from kehoach.models import Plan
from kehoach.numbers import format_month

STATUS_COMPLETE = "complete"
STATUS_PARTIAL = "partial"
STATUS_NOTHING = "nothing"


@dataclass(frozen=True)
class UnitMissing:
    """One unit's account for the month."""

    index: int
    code: str
    name_vi: str
    name_en: str
    due: list[str]
    received: list[str]
    missing: list[str]
    conflicts: list[str]  # stored in two files with different figures: counted as missing
    submitted_at: datetime | None  # first submit logged for (unit, month), UTC
    timeliness: str | None  # "on_time" | "late" | "unknown" (figures, no log) | None
    days_late: int | None
    overdue_days: int | None  # figures still missing and the deadline has passed

    @property
    def status(self) -> str:
        if not self.missing:
            return STATUS_COMPLETE
        return STATUS_PARTIAL if self.received else STATUS_NOTHING

    @property
    def rate(self) -> Decimal:
        return Decimal(len(self.received)) / Decimal(len(self.due))

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.code,
            "name": self.name_vi,
            "name_en": self.name_en,
            "due": self.due,
            "received": self.received,
            "missing": self.missing,
            "conflicts": self.conflicts,
            "rate": len(self.received) / len(self.due),
            "submitted_at": _iso(self.submitted_at),
            "timeliness": self.timeliness,
            "days_late": self.days_late,
            "overdue_days": self.overdue_days,
            "status": self.status,
        }


@dataclass
class MissingResult:
    year: int
    month: int
    as_of: date
    deadline: date
    units: list[UnitMissing]  # chase order: most to chase first, complete units last
    not_due_units: list[str] = field(default_factory=list)
    month_defaulted: bool = False
    no_data_at_all: bool = False

    @property
    def due(self) -> int:
        return sum(len(u.due) for u in self.units)

    @property
    def received(self) -> int:
        return sum(len(u.received) for u in self.units)

    @property
    def rate(self) -> Decimal | None:
        return Decimal(self.received) / Decimal(self.due) if self.due else None

    @property
    def overdue_days(self) -> int:
        """Days past the deadline at ``as_of`` (0 or less: not passed, or the clock is past
        the plan year and says nothing about lateness)."""
        if self.as_of > date(self.deadline.year + 1, 1, 31):
            return 0
        return (self.as_of - self.deadline).days

    def count(self, status: str) -> int:
        return sum(1 for u in self.units if u.status == status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": format_month(self.year, self.month),
            "as_of": self.as_of.isoformat(),
            "deadline": self.deadline.isoformat(),
            "overall": {
                "due": self.due,
                "received": self.received,
                "rate": self.received / self.due if self.due else None,
            },
            "units": [u.to_dict() for u in self.units],
            "not_due_units": self.not_due_units,
        }


def _iso(when: datetime | None) -> str | None:
    if when is None:
        return None
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def first_submissions(log, year: int, month: int) -> dict[str, datetime]:
    """Per unit code (upper case), the earliest logged submit for ``month``."""
    wanted = format_month(year, month)
    first: dict[str, datetime] = {}
    for entry in log:
        if entry.month != wanted:
            continue
        code = entry.unit.upper()
        if code not in first or entry.time < first[code]:
            first[code] = entry.time
    return first


def compute_missing(
    plan: Plan,
    dataset: Dataset,
    month: int,
    log,
    as_of: date,
    tz: tzinfo | None = None,
    *,
    month_defaulted: bool = False,
) -> MissingResult:
    """The chase list for ``month`` as of ``as_of``; log times are judged in ``tz``.

    ``log`` is a sequence of :class:`kehoach.submit.LogEntry`; ``tz`` None means the
    machine's local time zone (a submission made at 01:00 on the 21st in Hà Nội is late,
    even though it is still the 20th in UTC).
    """
    deadline = plan.deadline(month)
    # A clock past the plan year (a sample year read years later) says nothing about how
    # late a figure is today: timeliness then comes from the log alone.
    clock_past_year = as_of > date(plan.year + 1, 1, 31)
    past_due = (as_of - deadline).days if not clock_past_year else 0
    first = first_submissions(log, plan.year, month)
    units: list[UnitMissing] = []
    not_due: list[str] = []
    for u, unit in enumerate(plan.units):
        due_idx = [
            i
            for i, ind in enumerate(plan.indicators)
            if plan.owes(u, i) and month in ind.due_months  # P-KT sends no KT05/KT06
        ]
        if not due_idx:
            not_due.append(unit.code)
            continue
        codes = plan.indicators
        received = [codes[i].code for i in due_idx if dataset.get(u, i, month) is not None]
        missing = [codes[i].code for i in due_idx if dataset.get(u, i, month) is None]
        conflicts = [
            codes[i].code
            for i in due_idx
            if dataset.get(u, i, month) is None and dataset.raw(u, i, month) is not None
        ]
        submitted = first.get(unit.code.upper())
        timeliness = days_late = None
        if submitted is not None:
            local_day = submitted.astimezone(tz).date()
            late = (local_day - deadline).days
            timeliness = "late" if late > 0 else "on_time"
            days_late = late if late > 0 else None
        elif received:
            timeliness = "unknown"
        units.append(
            UnitMissing(
                index=u,
                code=unit.code,
                name_vi=unit.name_vi,
                name_en=unit.name_en,
                due=[codes[i].code for i in due_idx],
                received=received,
                missing=missing,
                conflicts=conflicts,
                submitted_at=submitted,
                timeliness=timeliness,
                days_late=days_late,
                overdue_days=past_due if missing and past_due > 0 else None,
            )
        )
    units.sort(key=_chase_order)
    return MissingResult(
        year=plan.year,
        month=month,
        as_of=as_of,
        deadline=deadline,
        units=units,
        not_due_units=not_due,
        month_defaulted=month_defaulted,
        no_data_at_all=dataset.latest_month() is None,
    )


def _chase_order(u: UnitMissing) -> tuple:
    # Units with figures still due first, the most missing at the top; at equal counts a
    # unit that sent nothing before one that sent part; then the plan's order.
    return (
        u.status == STATUS_COMPLETE,
        -len(u.missing),
        u.status != STATUS_NOTHING,
        u.index,
    )


# ------------------------------------------------------------------ the command

M = {
    "bad_date": Localized(
        "Ngày “{value}” không hợp lệ; ghi dạng {example}.",
        "Date “{value}” is not valid; write it as {example}.",
    ),
}


def parse_as_of(text: str | None, lang: str, year: int | None = None) -> date:
    """``--as-of``: ``2020-10-25`` or ``25/10/2020`` (cliutil.parse_day); today when not given."""
    from kehoach.cliutil import date_option

    day = date_option(text, lang, year or date.today().year)
    return date.today() if day is None else day


def run_missing(
    month: str | None,
    as_of: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
    json_out: bool,
    *,
    all_months: bool = False,
) -> int:
    from kehoach.submit import read_log

    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    as_of_day = parse_as_of(as_of, lang, plan.year)
    load = load_data_or_fail(plan, data, lang, progress=not json_out)
    defaulted = month_num is None
    if month_num is None:
        from kehoach.attainment import default_month

        month_num, _ = default_month(plan, load.dataset)
    if all_months:
        return _run_owed(plan, load, month_num, as_of_day, defaulted, lang, json_out)
    result = compute_missing(
        plan, load.dataset, month_num, read_log(data), as_of_day, month_defaulted=defaulted
    )
    issues = load.issues
    if json_out:
        doc = result.to_dict()
        doc["issues"] = [dict(i.to_dict(lang), file=i.file) for i in issues]
        print_json(doc)
    else:
        from kehoach.status import print_data_issues

        console = stdout_console()
        render_missing(result, lang, console)
        print_data_issues(issues, lang, console)
    # Missing figures are the state of the collection, not an error of any input; only
    # errors in the stored files (a conflict) make the exit code 1, as for `status`.
    return EXIT_ERRORS if load.has_errors else EXIT_OK


def _run_owed(plan, load, up_to: int, as_of: date, defaulted: bool, lang: str, json_out: bool):
    """``missing --all``: every month from January to ``up_to`` (owed.py)."""
    from kehoach.owed import compute_owed, render_owed

    result = compute_owed(plan, load.dataset, up_to, as_of, month_defaulted=defaulted)
    if json_out:
        doc = result.to_dict()
        doc["issues"] = [dict(i.to_dict(lang), file=i.file) for i in load.issues]
        print_json(doc)
    else:
        from kehoach.status import print_data_issues

        console = stdout_console()
        render_owed(result, lang, console)
        print_data_issues(load.issues, lang, console)
    return EXIT_ERRORS if load.has_errors else EXIT_OK


# ------------------------------------------------------------------ rendering

T = {
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
            text.append(T["late"](lang).format(n=u.days_late), style="red")
        else:
            text.append(T["on_time"](lang), style="green")
        return text
    if u.timeliness == "unknown":
        return Text(T["unknown"](lang), style="dim")
    # how long overdue is said once, under the table: the same for every unit
    return Text(T["not_sent"](lang), style="red")


def render_missing(result: MissingResult, lang: str, console, tz: tzinfo | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from kehoach.textfmt import percent

    month = month_label(result.year, result.month, lang)
    if not result.units:
        console.print(T["nothing_due_at_all"](lang).format(month=month))
    else:
        from rich import box

        wide = console.width >= 110
        table = Table(
            title=T["title"](lang).format(month=month, deadline=_day(result.deadline)),
            title_justify="left",
            title_style="bold",
            expand=wide,
            box=box.SIMPLE_HEAD,
            pad_edge=False,
        )
        table.add_column(T["unit"](lang), no_wrap=True)
        if wide:
            table.add_column(T["name"](lang), ratio=2, min_width=18, overflow="fold")
        # The missing codes are what the office reads out on the phone: never squeezed out.
        table.add_column(T["missing"](lang), ratio=2, min_width=16, overflow="fold")
        table.add_column(T["received"](lang), justify="right", no_wrap=True)
        if wide:
            table.add_column(T["rate"](lang), justify="right", no_wrap=True)
            table.add_column(T["submitted"](lang), no_wrap=True)
            table.add_column(T["state"](lang), no_wrap=True)
        else:
            table.add_column(T["submitted"](lang), ratio=1, overflow="fold")
            table.add_column(T["state"](lang), ratio=1, overflow="fold")
        for u in result.units:
            missing = Text()
            for n, code in enumerate(u.missing):
                if n:
                    missing.append(", ")
                missing.append(code, style="bold" if u.status != STATUS_COMPLETE else "")
                if code in u.conflicts:
                    missing.append(f" ({T['conflict'](lang)})", style="magenta")
            cells: list = [u.code]
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
                Text(T[u.status](lang), style=STATE_STYLES[u.status]),
            ]
            table.add_row(*cells)
        console.print(table)
        rate = percent(result.rate, lang)
        console.print(
            T["summary"](lang).format(
                received=result.received,
                due=result.due,
                rate=rate,
                nothing=result.count(STATUS_NOTHING),
                partial=result.count(STATUS_PARTIAL),
                complete=result.count(STATUS_COMPLETE),
            )
        )
    if any(u.timeliness == "unknown" for u in result.units):
        console.print(T["unknown_note"](lang), style="dim")
    days = result.overdue_days
    as_of = _day(result.as_of)
    if days > 0:
        console.print(T["as_of_past"](lang).format(as_of=as_of, n=days), style="bold")
    elif days == 0:
        console.print(T["as_of_today"](lang).format(as_of=as_of), style="bold")
    else:
        console.print(T["as_of_before"](lang).format(as_of=as_of, n=-days))
    if result.not_due_units:
        console.print(
            T["not_due_units"](lang).format(codes=", ".join(result.not_due_units)), style="dim"
        )
    if result.no_data_at_all:
        console.print(T["empty"](lang), style="yellow")
    elif result.month_defaulted:
        console.print(T["defaulted"](lang).format(month=month), style="dim")
