"""``kehoach report``: the monthly meeting report, as plain text or Markdown.

This module owns the report's content and layout. :func:`build_report` is pure: it takes
the plan, the :class:`~kehoach.attainment.StatusResult` that ``kehoach status`` shows, the
:class:`~kehoach.store.DataLoad` it came from, a language, a format and the date to print,
and returns the whole document as a string; it never reads a file or the clock, so the
same data and month give byte-identical output. :func:`run_report` is the edge: it loads,
computes, builds, then prints or writes ``-o FILE`` atomically.

The report follows the Vietnamese administrative layout (issuing body and national motto
side by side, place and date, centred title) with everything that names the town, the
year or the plan taken from the plan file. Every sentence is assembled from the results'
figures and the plan's own text; the connecting words are the only fixed phrases.

Sections:
  I.   overall: how many indicators in each status, the targets met or exceeded;
  II.  one block per plan section (plan.groups), a line or table row per indicator;
  III. indicators at risk or off track: who reports them, the gap, the pace needed;
  IV.  units whose figures due for the month have not arrived;
  V.   data notes: stale values, partial totals, conflicts, problems in stored files.
"""

from __future__ import annotations

import re
import sys
import textwrap
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from kehoach.atomic import write_keeping_old
from kehoach.attainment import IndicatorResult, StatusResult
from kehoach.i18n import EN_MONTHS, Localized, month_label, status_label
from kehoach.models import Plan
from kehoach.store import DataLoad
from kehoach.textfmt import gap_points_text, percent, show, target_text, with_unit

WIDTH = 80
HALF = 38  # each column of the two-column header; 38 + 4 + 38 = 80
TITLE_WIDTH = 72  # Vietnamese titles are set narrower than the text block

FORMATS = ("text", "markdown")

# The order a meeting reads the counts in: results first, then what is still open.
SUMMARY_ORDER = ("achieved", "on_track", "at_risk", "off_track", "no_data", "conflict", "not_due")

R = {
    "report": Localized("BÁO CÁO", "REPORT"),
    "title": Localized("{title} tháng {month} năm {year}", "{title}, {month_name}"),
    # --- section I ---------------------------------------------------------------------
    "s1": Localized("I. Kết quả chung", "I. Overall results"),
    "s1_scope": Localized(
        "Kết quả tính đến hết {month}, tổng hợp từ {files} tệp số liệu đã nộp.",
        "Results to the end of {month}, compiled from {files} submitted data files.",
    ),
    "s1_scope_one": Localized(
        "Kết quả tính đến hết {month}, tổng hợp từ {files} tệp số liệu đã nộp.",
        "Results to the end of {month}, compiled from {files} submitted data file.",
    ),
    "s1_no_data": Localized(
        "Chưa có số liệu nào trong thư mục dữ liệu.", "There is no data in the data folder yet."
    ),
    "s1_total": Localized(
        "Tổng số chỉ tiêu theo dõi: {n}, trong đó:", "Indicators tracked: {n}, of which:"
    ),
    "count": Localized("{label}: {n} chỉ tiêu", "{label}: {n} indicators"),
    "count_one": Localized("{label}: {n} chỉ tiêu", "{label}: {n} indicator"),
    "met": Localized(
        "Các chỉ tiêu đã đạt, vượt kế hoạch năm:",
        "Indicators that have met or exceeded the annual target:",
    ),
    "met_none": Localized(
        "Chưa có chỉ tiêu nào đạt kế hoạch năm.", "No indicator has met its annual target yet."
    ),
    # --- section II --------------------------------------------------------------------
    "s2": Localized("II. Kết quả thực hiện từng chỉ tiêu", "II. Results by indicator"),
    "group": Localized("{n}. {name} (mục {section})", "{n}. {name} (plan section {section})"),
    "ytd": Localized("lũy kế {value}", "{value} year to date"),
    "as_of": Localized("(số liệu {month})", "(figure for {month})"),
    "partial": Localized("(chưa đủ đơn vị báo cáo)", "(not every unit has reported)"),
    "of_target": Localized(
        "bằng {pct} kế hoạch năm ({target})", "{pct} of the annual target ({target})"
    ),
    "target_only": Localized("kế hoạch {target}", "target {target}"),
    "estimate": Localized("(ước)", "(est.)"),
    "baseline": Localized("(thêm {done}/{total} {uom})", "({done} of {total} more {uom})"),
    "month_amount": Localized("riêng tháng {value}", "{value} in the month"),
    "gap_points": Localized("{gap} ({target})", "{gap} ({target})"),
    "stage_reached": Localized(
        "đạt mốc “{stage}” ({n}/{total}), theo kế hoạch cần đạt mốc “{planned}”",
        "stage “{stage}” reached ({n}/{total}); the plan expects “{planned}” by now",
    ),
    "no_stage": Localized("chưa đạt mốc nào", "no stage reached yet"),
    "shortfall_no_rate": Localized(
        "Để đạt kế hoạch năm ({target}) còn thiếu {shortfall}; các tháng còn lại không "
        "còn thời vụ để bù.",
        "To reach the annual target ({target}), {shortfall} is still missing; the "
        "remaining months have no season left to make it up.",
    ),
    "expected": Localized("theo tiến độ cần đạt {expected}", "expected by now {expected}"),
    "status": Localized("Trạng thái: {label}.", "Status: {label}."),
    "col_code": Localized("Mã", "Code"),
    "col_name": Localized("Chỉ tiêu", "Indicator"),
    "col_target": Localized("Kế hoạch năm", "Annual target"),
    "col_value": Localized("Thực hiện", "Actual"),
    "col_pct": Localized("Đạt (% KH năm)", "% of target"),
    "col_expected": Localized("Tiến độ đến nay", "Expected by now"),
    "col_status": Localized("Trạng thái", "Status"),
    "col_last": Localized("Số liệu đến", "Data to"),
    "partial_note": Localized(
        "\\* Chưa đủ đơn vị báo cáo; xem mục V.", "\\* Not every unit has reported; see part V."
    ),
    # --- section III -------------------------------------------------------------------
    "s3": Localized(
        "III. Các chỉ tiêu có nguy cơ hoặc chậm tiến độ", "III. Indicators at risk or off track"
    ),
    "s3_none": Localized(
        "Không có chỉ tiêu nào có nguy cơ hoặc chậm tiến độ.",
        "No indicator is at risk or off track.",
    ),
    "s3_head": Localized(
        "{code}. {name} — {label}. Đơn vị báo cáo: {units}.",
        "{code}. {name} — {label}. Reported by: {units}.",
    ),
    "s3_cum_behind": Localized(
        "Lũy kế {value}, còn thiếu {gap} so với tiến độ ({expected}).",
        "{value} year to date, {gap} short of the {expected} expected by now.",
    ),
    "s3_cum_over": Localized(
        "Lũy kế {value}, cao hơn tiến độ ({expected}) {gap}.",
        "{value} year to date, {gap} above the {expected} expected by now.",
    ),
    "s3_needed": Localized(
        "Để đạt kế hoạch năm ({target}), {months} tháng còn lại cần bình quân {needed}/tháng.",
        "To reach the annual target ({target}), {needed} a month is needed over the "
        "remaining {months} months.",
    ),
    "s3_needed_one": Localized(
        "Để đạt kế hoạch năm ({target}), tháng còn lại cần {needed}.",
        "To reach the annual target ({target}), {needed} is needed in the remaining month.",
    ),
    "s3_ceiling": Localized(
        "Để không vượt kế hoạch năm ({target}), {months} tháng còn lại bình quân không quá "
        "{needed}/tháng.",
        "To stay within the annual target ({target}), at most {needed} a month over the "
        "remaining {months} months.",
    ),
    "s3_level_behind": Localized(
        "Thực hiện {value}{as_of}, còn thiếu {gap} so với kế hoạch ({target}).",
        "Actual {value}{as_of}, {gap} short of the target ({target}).",
    ),
    "s3_level_over": Localized(
        "Thực hiện {value}{as_of}, cao hơn mức kế hoạch ({target}) {gap}.",
        "Actual {value}{as_of}, {gap} above the target ({target}).",
    ),
    "points": Localized("điểm phần trăm", "percentage points"),
    # --- section IV --------------------------------------------------------------------
    "s4": Localized(
        "IV. Đơn vị chưa gửi số liệu {month}", "IV. Units with figures missing for {month}"
    ),
    "s4_due": Localized(
        "Hạn gửi số liệu {month}: ngày {due}. Các đơn vị còn thiếu số liệu đến hạn:",
        "Figures for {month} were due by {due}. Units with figures due still missing:",
    ),
    "s4_conflict": Localized("(xung đột số liệu, xem mục V)", "(conflicting figures, see part V)"),
    "s4_none": Localized(
        "Các đơn vị đã gửi đủ số liệu đến hạn {month}.",
        "Every unit has sent the figures due for {month}.",
    ),
    # --- section V ---------------------------------------------------------------------
    "s5": Localized("V. Ghi chú về số liệu", "V. Notes on the data"),
    "s5_none": Localized("Không có ghi chú nào về số liệu.", "There are no notes on the data."),
    "stale": Localized("Số liệu chưa cập nhật", "Out-of-date figures"),
    "stale_item": Localized(
        "{code}. {name}: số liệu mới nhất là {last}, chưa có số liệu kỳ {due}.",
        "{code}. {name}: the latest figure is for {last}; the figure for {due} has not arrived.",
    ),
    "partial_h": Localized(
        "Chỉ tiêu chưa đủ đơn vị báo cáo", "Indicators with figures missing from some units"
    ),
    "partial_cum": Localized(
        "{code}. {name}: chưa có số liệu {month} của {units}.",
        "{code}. {name}: no figure for {month} from {units}.",
    ),
    "partial_level": Localized(
        "{code}. {name}: chưa có số liệu của {units}.",
        "{code}. {name}: no figure yet from {units}.",
    ),
    "conflicts": Localized("Xung đột số liệu", "Conflicting figures"),
    "conflict_item": Localized(
        "{code}, {unit}, {month}: {places}. Giá trị này không được tính cho đến khi "
        "chỉ giữ lại một tệp.",
        "{code}, {unit}, {month}: {places}. The figure is not counted until only one file is kept.",
    ),
    "conflict_place": Localized(
        "{value} trong {where} (dòng\u00a0{row})", "{value} in {where} (row\u00a0{row})"
    ),
    "and": Localized(" và ", " and "),
    "issues": Localized("Lỗi và cảnh báo trong các tệp đã nộp", "Errors and warnings in the files"),
    "error": Localized("Lỗi", "Error"),
    "warning": Localized("Cảnh báo", "Warning"),
    # --- run_report ----------------------------------------------------------------------
    "bad_date": Localized(
        "Ngày “{value}” không hợp lệ; ghi dạng {year}-10-20.",
        "Date “{value}” is not valid; write it as {year}-10-20.",
    ),
    "cannot_write": Localized(
        "Không ghi được tệp {path}: {reason}.", "Could not write the file {path}: {reason}."
    ),
    "output_is_dir": Localized(
        "{path} là một thư mục; hãy ghi tên tệp, ví dụ -o bao-cao.txt.",
        "{path} is a folder; give a file name, for example -o report.txt.",
    ),
    "written": Localized("Đã ghi báo cáo vào {path}.", "The report was written to {path}."),
    "has_errors": Localized(
        "Số liệu đã lưu có lỗi; xem mục V của báo cáo.",
        "The stored data has errors; see part V of the report.",
    ),
}


# ------------------------------------------------------------------------ blocks
# A tiny document model, so that one description of the content renders as text or
# Markdown. Section II alone differs in kind: a list in text, a table in Markdown.


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = I. … V., 2 = numbered sub-heading


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Grid:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int]  # indices of right-aligned columns


Block = Heading | Para | Items | Grid


# ----------------------------------------------------------------------- helpers


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_report_date(text: str) -> date | None:
    """``YYYY-MM-DD`` as a date, or None when it is not one (``2020-02-30`` included)."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date(int(text[:4]), int(text[5:7]), int(text[8:]))
    except ValueError:
        return None


def date_line(place: str, day: date, lang: str) -> str:
    """'Hồng Lĩnh, ngày 20 tháng 10 năm 2020' / 'Hồng Lĩnh, 20 October 2020'.

    Vietnamese documents write days below 10 and the months 1 and 2 with a leading zero
    (Nghị định 30/2020/NĐ-CP, on the form of administrative documents).
    """
    if lang == "en":
        return f"{place}, {day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    d = f"{day.day:02d}"
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {d} tháng {m} năm {day.year}"


def short_date(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def report_title(plan: Plan, month: int, lang: str) -> str:
    title = plan.report.title_en if lang == "en" else plan.report.title_vi
    return R["title"](lang).format(
        title=title, month=month, year=plan.year, month_name=month_label(plan.year, month, lang)
    )


def missing_submissions(
    plan: Plan, load: DataLoad, month: int
) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Per unit (plan order), the indicators due in ``month`` with no usable value for it.

    Each indicator comes as ``(code, in_conflict)``: a key whose files disagree has no
    usable value either (as in ``kehoach missing``), but the unit did send it, so the
    report says so instead of asking for the figure again.
    """
    from kehoach.missing import compute_missing

    chase = compute_missing(plan, load.dataset, month, (), plan.deadline(month))
    return [
        (u.code, [(code, code in u.conflicts) for code in u.missing])
        for u in sorted(chase.units, key=lambda u: u.index)
        if u.missing
    ]


def _unit_name(plan: Plan, code: str, lang: str) -> str:
    unit = plan.unit(code)
    return _glue(unit.name(lang) if unit is not None else code)


def _unit_names(plan: Plan, codes, lang: str) -> str:
    return ", ".join(_unit_name(plan, c, lang) for c in codes)


def _amount(value: Decimal | None, uom: str, lang: str) -> str:
    return with_unit(value, uom, lang)


def _target(r: IndicatorResult, lang: str) -> str:
    return r.target_words(lang) or target_text(r.comparison, r.target, r.uom(lang), lang)


def _gap_text(gap: Decimal, uom: str, lang: str) -> str:
    # A gap between two shares is a difference in percentage points, not a percentage.
    if uom.strip() == "%":
        return f"{show(gap, lang)} {R['points'](lang)}"
    return with_unit(gap, uom, lang)


def _month(status: StatusResult, month: int | None, lang: str) -> str:
    return month_label(status.year, month, lang) if month else "—"


def _code(text: str, fmt: str) -> str:
    """File locations as code spans in Markdown, so paths are never read as emphasis."""
    return f"`{text}`" if fmt == "markdown" else text


_MD_SPECIAL = re.compile(r"([\\`*<\[\]])")


def _literal(text: str, fmt: str) -> str:
    """Text quoted from a user's file (a cell's value in a message), inert in Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text) if fmt == "markdown" else text


# ---------------------------------------------------------------------- sections


def _section_overall(status: StatusResult, load: DataLoad, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(R["s1"](lang), 1)]
    month = _month(status, status.month, lang)
    files = len(load.files)
    scope = R["s1_scope_one" if files == 1 else "s1_scope"](lang)
    blocks.append(Para(scope.format(month=month, files=files)))
    if status.no_data_at_all:
        blocks.append(Para(R["s1_no_data"](lang)))
    blocks.append(Para(R["s1_total"](lang).format(n=len(status.indicators))))
    counts = []
    for word in SUMMARY_ORDER:
        n = status.summary.get(word, 0)
        if not n:
            continue
        line = R["count_one" if n == 1 else "count"](lang).format(
            label=status_label(word, lang), n=n
        )
        if word != "not_due":
            codes = [r.code for r in status.indicators if r.status == word]
            line += f" ({', '.join(codes)})"
        counts.append(line + ";")
    if counts:
        counts[-1] = counts[-1][:-1] + "."
    blocks.append(Items(tuple(counts)))
    met = [r for r in status.indicators if r.status == "achieved"]
    if met:
        blocks.append(Para(R["met"](lang)))
        blocks.append(Items(tuple(_met_line(r, status, lang) for r in met)))
    else:
        blocks.append(Para(R["met_none"](lang)))
    return blocks


def _met_line(r: IndicatorResult, status: StatusResult, lang: str) -> str:
    return f"{r.code}. {r.name(lang)}: {_value_clause(r, status, lang, expected=False)}."


def _pct(share: Decimal | None, lang: str) -> str:
    """Like textfmt.percent, without a trailing ',0'; '99%', no space before the sign."""
    if share is None:
        return percent(None, lang)
    return show(share * 100, lang, 1) + "%"


def _value_clause(
    r: IndicatorResult, status: StatusResult, lang: str, *, expected: bool = True
) -> str:
    """'lũy kế 17,1 tỷ đồng, bằng 23,0 % kế hoạch năm (≥ 74,4 tỷ đồng); theo tiến độ …'."""
    uom = r.uom(lang)
    target = _target(r, lang)
    if r.value is None:
        return R["target_only"](lang).format(target=target)
    if r.measure == "milestone":
        if not r.stage:
            return R["no_stage"](lang) + ", " + R["target_only"](lang).format(target=target)
        return R["stage_reached"](lang).format(
            stage=r.stage_name(r.stage, lang),
            n=r.stage,
            total=len(r.stages),
            planned=r.stage_name(r.stage_expected, lang) or "—",
        )
    value = _amount(r.value, uom, lang)
    if r.estimate:
        value += " " + R["estimate"](lang)
    if r.measure == "cumulative":
        value = R["ytd"](lang).format(value=value)
        if r.month_value is not None:
            value += (
                " (" + R["month_amount"](lang).format(value=_amount(r.month_value, uom, lang)) + ")"
            )
    elif r.last_month != status.month:
        value += " " + R["as_of"](lang).format(month=_month(status, r.last_month, lang))
    if r.partial:
        value += " " + R["partial"](lang)
    if r.baseline is not None and r.value is not None:
        value += " " + R["baseline"](lang).format(
            done=show(r.value - r.baseline, lang),
            total=show(r.target - r.baseline, lang),
            uom=uom,
        )
    if r.gap_points is not None:
        text = f"{value}, " + R["gap_points"](lang).format(
            gap=gap_points_text(r.gap_points, lang), target=target
        )
    elif r.attainment is not None:
        text = f"{value}, " + R["of_target"](lang).format(
            pct=_pct(r.attainment, lang), target=target
        )
    else:
        text = f"{value}, " + R["target_only"](lang).format(target=target)
    if expected and r.measure == "cumulative" and r.expected is not None:
        text += "; " + R["expected"](lang).format(expected=_amount(r.expected, uom, lang))
    return text


def _section_indicators(plan: Plan, status: StatusResult, lang: str, fmt: str) -> list[Block]:
    blocks: list[Block] = [Heading(R["s2"](lang), 1)]
    by_group: dict[str, list[IndicatorResult]] = {}
    for r in status.indicators:
        by_group.setdefault(r.group, []).append(r)
    groups = [g for g in plan.groups if g.code in by_group]
    for n, group in enumerate(groups, 1):
        heading = R["group"](lang).format(n=n, name=group.name(lang), section=group.section)
        blocks.append(Heading(heading, 2))
        rows = by_group[group.code]
        if fmt == "markdown":
            blocks.append(_indicator_grid(rows, status, lang))
            if any(r.partial for r in rows):
                blocks.append(Para(R["partial_note"](lang)))
        else:
            blocks.append(Items(tuple(_indicator_line(r, status, lang) for r in rows)))
    return blocks


def _indicator_line(r: IndicatorResult, status: StatusResult, lang: str) -> str:
    label = _glue(status_label(r.status, lang))
    return f"{r.code}. {r.name(lang)}: {_value_clause(r, status, lang)}. " + R["status"](
        lang
    ).format(label=label)


def _indicator_grid(rows: list[IndicatorResult], status: StatusResult, lang: str) -> Grid:
    headers = tuple(
        R[k](lang)
        for k in (
            "col_code",
            "col_name",
            "col_target",
            "col_value",
            "col_pct",
            "col_expected",
            "col_status",
            "col_last",
        )
    )
    out = []
    for r in rows:
        uom = r.uom(lang)
        if r.measure == "milestone":
            value = r.stage_name(r.stage, lang) or ("0" if r.stage == 0 else "—")
        else:
            value = _amount(r.value, uom, lang)
        if r.estimate:
            value += " " + R["estimate"](lang)
        if r.partial:
            value += "\\*"
        expected = _amount(r.expected, uom, lang) if r.measure == "cumulative" else ""
        last = f"{r.last_month:02d}/{status.year}" if r.last_month else "—"
        out.append(
            (
                r.code,
                r.name(lang),
                _target(r, lang),
                value,
                (
                    gap_points_text(r.gap_points, lang)
                    if r.gap_points is not None
                    else _pct(r.attainment, lang)
                ),
                expected,
                status_label(r.status, lang),
                last,
            )
        )
    return Grid(headers, tuple(out), frozenset({2, 3, 4, 5}))


def _section_risks(plan: Plan, status: StatusResult, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(R["s3"](lang), 1)]
    risky = [r for r in status.indicators if r.status in ("at_risk", "off_track")]
    if not risky:
        blocks.append(Para(R["s3_none"](lang)))
        return blocks
    blocks.append(Items(tuple(_risk_item(plan, r, status, lang) for r in risky)))
    return blocks


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _risk_item(plan: Plan, r: IndicatorResult, status: StatusResult, lang: str) -> str:
    uom = r.uom(lang)
    target = _target(r, lang)
    parts = [
        R["s3_head"](lang).format(
            code=r.code,
            name=r.name(lang),
            label=_glue(status_label(r.status, lang)),
            units=_unit_names(plan, [r.owner] if r.owner else r.reported_by, lang),
        )
    ]
    if r.measure == "milestone" and r.value is not None:
        return parts[0] + " " + _capital(_value_clause(r, status, lang)) + "."
    if r.value is None or r.gap is None:
        return parts[0]
    value = _amount(r.value, uom, lang)
    gap = _gap_text(abs(r.gap), uom, lang)
    if r.measure == "cumulative":
        key = "s3_cum_behind" if r.gap > 0 else "s3_cum_over"
        expected = _amount(r.expected, uom, lang)
        parts.append(R[key](lang).format(value=value, gap=gap, expected=expected))
        if r.needed_per_month is None and r.shortfall and r.due_month is not None:
            shortfall = _amount(r.shortfall, uom, lang)
            parts.append(R["shortfall_no_rate"](lang).format(target=target, shortfall=shortfall))
        if r.needed_per_month is not None and r.due_month is not None:
            months = r.needed_months or 12 - r.due_month
            needed = _amount(r.needed_per_month, uom, lang)
            if r.direction == "lower":
                key = "s3_ceiling"
            else:
                key = "s3_needed_one" if months == 1 else "s3_needed"
            parts.append(R[key](lang).format(target=target, months=months, needed=needed))
    else:
        as_of = ""
        if r.last_month != status.month:
            as_of = " " + R["as_of"](lang).format(month=_month(status, r.last_month, lang))
        key = "s3_level_behind" if r.direction == "higher" else "s3_level_over"
        if r.measure == "milestone":
            parts.append(_value_clause(r, status, lang) + ".")
        elif r.gap_points is not None:
            value_pts = f"{value}{as_of}, " + gap_points_text(r.gap_points, lang)
            parts.append(value_pts + f" ({target}).")
        else:
            parts.append(R[key](lang).format(value=value, as_of=as_of, gap=gap, target=target))
    return " ".join(parts)


def _section_missing(plan: Plan, status: StatusResult, load: DataLoad, lang: str) -> list[Block]:
    month = _month(status, status.month, lang)
    blocks: list[Block] = [Heading(R["s4"](lang).format(month=month), 1)]
    missing = missing_submissions(plan, load, status.month)
    if not missing:
        blocks.append(Para(R["s4_none"](lang).format(month=month)))
        return blocks
    due = short_date(plan.deadline(status.month), lang)
    blocks.append(Para(R["s4_due"](lang).format(month=month, due=due)))
    items = []
    for unit, codes in missing:
        shown = [code + (" " + R["s4_conflict"](lang) if clash else "") for code, clash in codes]
        items.append(f"{_unit_name(plan, unit, lang)}: {', '.join(shown)}.")
    blocks.append(Items(tuple(items)))
    return blocks


def _not_sent(plan: Plan, load: DataLoad, r: IndicatorResult, month: int) -> list[str]:
    """The result's missing units, less those whose value is there but in conflict.

    Those did report; their figure is held back and listed with the conflicts.
    """
    ind = plan.indicator_index[r.code.upper()]
    months = [r.due_month] if r.measure == "cumulative" and r.due_month else range(1, month + 1)
    return [
        code
        for code in r.missing_units
        if all(load.dataset.raw(plan.unit_index[code.upper()], ind, m) is None for m in months)
        # the owner's missing figure is why the wards' sum stands in; it is chased in IV
        and not (code == r.owner and r.source == "contributors")
    ]


# Issues that restate a conflict already listed, place by place, under "conflicts".
_CONFLICT_CODES = frozenset({"conflict", "duplicate-key"})


def _section_notes(
    plan: Plan, status: StatusResult, load: DataLoad, lang: str, fmt: str
) -> list[Block]:
    blocks: list[Block] = [Heading(R["s5"](lang), 1)]
    parts: list[tuple[str, list[str]]] = []

    stale = [
        R["stale_item"](lang).format(
            code=r.code,
            name=r.name(lang),
            last=_month(status, r.last_month, lang),
            due=_month(status, r.due_month, lang),
        )
        for r in status.indicators
        if r.stale
    ]
    parts.append((R["stale"](lang), stale))

    partial = []
    for r in status.indicators:
        if not r.partial:
            continue
        absent = _not_sent(plan, load, r, status.month)
        if not absent:
            continue
        units = _unit_names(plan, absent, lang)
        if r.measure == "cumulative":
            month = _month(status, r.due_month, lang)
            text = R["partial_cum"](lang).format(
                code=r.code, name=r.name(lang), month=month, units=units
            )
        else:
            text = R["partial_level"](lang).format(code=r.code, name=r.name(lang), units=units)
        partial.append(text)
    parts.append((R["partial_h"](lang), partial))

    dataset = load.dataset
    conflicts = []
    for c in dataset.conflicts:
        places = R["and"](lang).join(
            R["conflict_place"](lang).format(
                value=show(Decimal(repr(value)), lang, 4),
                where=_glue(_code(dataset.files[f], fmt)),
                row=row,
            )
            for f, row, value in c.places
        )
        conflicts.append(
            R["conflict_item"](lang).format(
                code=plan.indicators[c.indicator].code,
                unit=plan.units[c.unit].name(lang),
                month=_month(status, c.month, lang),
                places=places,
            )
        )
    parts.append((R["conflicts"](lang), conflicts))

    issues = [i for i in load.issues if i.code not in _CONFLICT_CODES]
    issues.sort(key=lambda i: 0 if i.is_error else 1)  # stable: file order within each
    problems = [
        f"{R['error' if i.is_error else 'warning'](lang)} — "
        f"{_code(i.location(), fmt)}: {_literal(i.message(lang), fmt)}"
        for i in issues
    ]
    parts.append((R["issues"](lang), problems))

    shown = [(title, items) for title, items in parts if items]
    if not shown:
        blocks.append(Para(R["s5_none"](lang)))
    for n, (title, items) in enumerate(shown, 1):
        blocks.append(Heading(f"{n}. {title}", 2))
        blocks.append(Items(tuple(items)))
    return blocks


# -------------------------------------------------------------------- rendering


def _width(text: str) -> int:
    # Columns on screen: combining marks (a decomposed "ễ") take none.
    return sum(1 for ch in text if not unicodedata.combining(ch))


def _center(text: str, width: int) -> str:
    pad = max(width - _width(text), 0)
    left = pad // 2
    return " " * left + text + " " * (pad - left)


def _rule(length: int) -> str:
    return "-" * max(length, 3)


# Spaces that must not become line breaks: "≥ 74,4", "23,0 %", "3,8 tỷ", "Có nguy cơ".
_GLUE = "\u00a0"
_KEEP = re.compile(r"(?<=[≥≤\d]) (?=\S)| (?=%)")


def _glue(text: str) -> str:
    return text.replace(" ", _GLUE)


def _wrap(text: str, first: str = "", rest: str = "", width: int = WIDTH) -> list[str]:
    # textwrap breaks only at ASCII whitespace, so a no-break space holds words together
    # while wrapping; it is turned back into a plain space in what is printed.
    lines = textwrap.wrap(
        _KEEP.sub(_GLUE, text),
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [line.replace(_GLUE, " ") for line in lines]


def _text_header(plan: Plan, status: StatusResult, lang: str, report_date: date) -> list[str]:
    issuer = plan.issuer
    authority = issuer.authority_en if lang == "en" else issuer.authority_vi
    motto = list(issuer.motto_en if lang == "en" else issuer.motto_vi)
    left = _wrap(authority, width=HALF)
    left.append(_rule(_width(max(left, key=_width)) // 3))
    right = [line for m in motto for line in _wrap(m, width=HALF)]
    if right:
        right.append(_rule(_width(right[-1])))
    lines = []
    for i in range(max(len(left), len(right))):
        cell_l = _center(left[i], HALF) if i < len(left) else " " * HALF
        cell_r = _center(right[i], HALF) if i < len(right) else ""
        lines.append((cell_l + " " * (WIDTH - 2 * HALF) + cell_r).rstrip())
    when = date_line(issuer.place, report_date, lang)
    lines.append("")
    lines.append(" " * max(WIDTH - _width(when), 0) + when)
    lines.append("")
    lines.append(_center(R["report"](lang), WIDTH).rstrip())
    title = _wrap(report_title(plan, status.month, lang), width=TITLE_WIDTH)
    lines += [_center(t, WIDTH).rstrip() for t in title]
    lines.append(_center(_rule(8), WIDTH).rstrip())
    return lines


def _render_text(head: list[str], blocks: list[Block]) -> str:
    out = list(head)
    for block in blocks:
        if isinstance(block, Heading):
            out.append("")
            text = block.text.upper() if block.level == 1 else block.text
            out += _wrap(text, rest="   ")
        elif isinstance(block, Para):
            out.append("")
            out += _wrap(block.text)
        elif isinstance(block, Items):
            out.append("")
            for item in block.items:
                out += _wrap(item, "- ", "  ")
        else:  # pragma: no cover - Grid is only built for Markdown
            raise TypeError(block)
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def _md_header(plan: Plan, status: StatusResult, lang: str, report_date: date) -> list[str]:
    issuer = plan.issuer
    authority = issuer.authority_en if lang == "en" else issuer.authority_vi
    motto = list(issuer.motto_en if lang == "en" else issuer.motto_vi)
    left = [authority]
    right = motto or [""]
    rows = max(len(left), len(right))
    left += [""] * (rows - len(left))
    right += [""] * (rows - len(right))
    lines = [f"| {_md_cell(left[0])} | {_md_cell(right[0])} |", "|:---:|:---:|"]
    for lt, rt in zip(left[1:], right[1:], strict=True):
        rt = f"**{rt}**" if rt else ""
        lines.append(f"| {_md_cell(lt)} | {_md_cell(rt)} |")
    lines += [
        "",
        f"*{date_line(issuer.place, report_date, lang)}*",
        "",
        f"# {R['report'](lang)}",
        "",
        f"**{report_title(plan, status.month, lang)}**",
    ]
    return lines


def _render_markdown(head: list[str], blocks: list[Block]) -> str:
    out = list(head)
    for block in blocks:
        out.append("")
        if isinstance(block, Heading):
            out.append(f"{'#' * (block.level + 1)} {block.text}")
        elif isinstance(block, Para):
            out.append(block.text)
        elif isinstance(block, Items):
            out += [f"- {item}" for item in block.items]
        else:
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append(
                "|"
                + "|".join("---:" if i in block.right else "---" for i in range(len(block.headers)))
                + "|"
            )
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
    return "\n".join(out).replace(_GLUE, " ") + "\n"


def build_report(
    plan: Plan,
    status: StatusResult,
    load: DataLoad,
    lang: str,
    fmt: str,
    report_date: date,
) -> str:
    """The whole report as one string (``fmt`` 'text' or 'markdown'); pure and deterministic."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    blocks: list[Block] = []
    blocks += _section_overall(status, load, lang)
    blocks += _section_indicators(plan, status, lang, fmt)
    blocks += _section_risks(plan, status, lang)
    blocks += _section_missing(plan, status, load, lang)
    blocks += _section_notes(plan, status, load, lang, fmt)
    if fmt == "markdown":
        return _render_markdown(_md_header(plan, status, lang, report_date), blocks)
    return _render_text(_text_header(plan, status, lang, report_date), blocks)


# ------------------------------------------------------------------------- edge


def run_report(
    month: str | None,
    fmt: str,
    output: Path | None,
    date: str | None,
    plan_path: Path,
    data: Path,
    lang: str,
) -> int:
    from kehoach.attainment import compute_status
    from kehoach.cliutil import (
        EXIT_ERRORS,
        EXIT_OK,
        KEPT_OLD,
        fail,
        load_data_or_fail,
        load_plan_or_fail,
        month_option,
    )

    plan = load_plan_or_fail(plan_path, lang)
    month_num = month_option(month, plan, lang)
    report_date = None
    if date is not None:
        report_date = parse_report_date(date)
        if report_date is None:
            fail(R["bad_date"](lang).format(value=date, year=plan.year))
    if output is not None and output.is_dir():
        fail(R["output_is_dir"](lang).format(path=output))
    load = load_data_or_fail(plan, data, lang, progress=False)
    status = compute_status(plan, load.dataset, month_num)
    if report_date is None:
        report_date = plan.report_date(status.month)
    text = build_report(plan, status, load, lang, fmt, report_date)
    # Issue 15: figures that differ from the month's issued report (kehoach.snapshot).
    from kehoach.snapshot import adjustment_notice, record_report

    notice = adjustment_notice(plan, data, status, lang)
    if notice is not None and notice.lines:
        render = _render_markdown if fmt == "markdown" else _render_text
        text += render([], [Para(notice.title), Items(tuple(notice.lines))])
    if output is None:
        from kehoach.render.safe import visible

        # A report is a document, kept as it is in a file or a pipe; on a terminal, the
        # control characters a cell or the plan may hold are shown, never obeyed.
        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
        sys.stdout.flush()
    else:
        try:
            kept = write_keeping_old(output, text.encode("utf-8"))
        except OSError as exc:
            fail(R["cannot_write"](lang).format(path=output, reason=exc.strerror or exc))
        from kehoach.render.safe import visible

        sys.stderr.write(visible(R["written"](lang).format(path=output)) + "\n")
        if kept is not None:
            sys.stderr.write(visible(KEPT_OLD(lang).format(path=kept)) + "\n")
        said = record_report(plan, data, status, report_date, output, fmt, lang)
        if said:
            sys.stderr.write(visible(said) + "\n")
    if notice is not None and notice.warning:
        sys.stderr.write(visible(notice.warning) + "\n")
    if load.has_errors:
        sys.stderr.write(R["has_errors"](lang) + "\n")
        return EXIT_ERRORS
    return EXIT_OK
