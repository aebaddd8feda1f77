"""The report as data: what the committee's monthly report says, with no formatting.

:func:`build_report` is pure: from the plan, the :class:`~kehoach.core.attainment.StatusResult`
that ``kehoach status`` shows, the :class:`~kehoach.store.DataLoad` it came from, the
tasks the office wrote and the revisions recorded by ``submit``, it assembles a
:class:`Report`: the header facts of Nghị định 30/2020/NĐ-CP (issuing body, number, motto,
place and date), the title, an opening that cites the plan, sections of paragraphs, the
summary table (biểu tổng hợp), the closing, the recipients and the signature block. It
never reads a file or the clock, so the same inputs give the same report; the renderers
in :mod:`kehoach.render` (text, Markdown, Word) only lay it out.

The body is the draft the committee signs, compiled by field from the plan's outline and
the units' narrative reports (:mod:`kehoach.report.draft`, worded per kind of target by
:mod:`kehoach.report.wording`). The per-indicator sentences with codes and statuses, the
units' notes quoted and attributed, the ward tables, charts and revisions built here are
the office's worksheet (:func:`worksheet_body`, :mod:`kehoach.report.worksheet`), never
the signed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from kehoach.core.attainment import IndicatorResult, StatusResult
from kehoach.core.i18n import EN_MONTHS, Localized
from kehoach.core.models import Plan
from kehoach.core.textfmt import attach_unit, figure_text, gap_points_text
from kehoach.read.datafolder import DataLoad

# The body's blocks live in kehoach.report.blocks (shared with the draft); named here too.
from kehoach.report.blocks import (
    Block,
    Figure,
    Heading,
    Items,
    Para,
    Quotes,
    Table,
    Tasks,
)

# ------------------------------------------------------------------------ the model


@dataclass(frozen=True)
class Header:
    issuer: tuple[str, ...]  # "ỦY BAN NHÂN DÂN", "THỊ XÃ HỒNG LĨNH"
    number: str  # "Số: …/BC-UBND"
    motto: tuple[str, ...]  # national title and motto
    place_date: str  # "Hồng Lĩnh, ngày 22 tháng 9 năm 2020"
    kind: str  # "BÁO CÁO"
    title: str  # "Tình hình thực hiện … tháng 9 và 9 tháng năm 2020"


@dataclass(frozen=True)
class TableRow:
    code: str  # the indicator's code; "" for a group's row
    cells: tuple[str, ...]  # one per column; a group's row has its name in cells[0]

    @property
    def is_group(self) -> bool:
        return not self.code


@dataclass(frozen=True)
class SummaryTable:
    """The biểu tổng hợp: one row per indicator, grouped as the plan groups them."""

    title: str
    subtitle: str  # "(Kèm theo Báo cáo số …/BC-UBND ngày 22/9/2020 của …)"
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    numeric: frozenset[int]  # columns set right-aligned
    notes: tuple[str, ...] = ()

    @property
    def indicator_rows(self) -> tuple[TableRow, ...]:
        return tuple(r for r in self.rows if not r.is_group)


@dataclass(frozen=True)
class Signature:
    recipients_label: str  # "Nơi nhận:"
    recipients: tuple[str, ...]  # each with its ending punctuation
    titles: tuple[str, ...]  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str  # may be "" (the office writes it)


@dataclass(frozen=True)
class Report:
    lang: str
    header: Header
    opening: str
    body: tuple[Block, ...]
    closing: str
    signature: Signature
    table: SummaryTable
    year: int = 0
    month: int = 0
    meta_title: str = ""  # the Word file's title property
    author: str = ""
    # The facts behind parts II and III, as data (the body says them in words):
    # per indicator at risk or off track, the units' notes quoted as causes;
    causes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # per unit (plan order), the indicators due this month it has not sent;
    missing: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the revisions listed (kehoach.core.records.Revision records);
    revisions: tuple = ()
    # whether part III is the office's tasks file or the generated list.
    tasks_from_file: bool = False
    # The draft's open slots, per unit whose narrative has not arrived: (unit, slot text);
    slots: tuple[tuple[str, str], ...] = ()
    # the draft's sentences built on estimates: (indicator, sentence);
    estimates: tuple[tuple[str, str], ...] = ()
    # the office's worksheet (report --worksheet), not the draft: no signature.
    worksheet: bool = False
    # the annex printed after the signature (kehoach.report.annex.Annex), set by
    # kehoach.report.document.build_document; without it the summary table is printed.
    annex: object | None = None


# ----------------------------------------------------------------------------- words

REPORT_WORDS = {
    "kind": Localized("BÁO CÁO", "REPORT"),
    "number": Localized("Số: {number}", "No.: {number}"),
    "blank_number": Localized("…/{suffix}", "…/{suffix}"),
    # the period the title names
    "p_month1": Localized("tháng {m} năm {y}", "{month} {y}"),
    "p_month": Localized(
        "tháng {m} và {m} tháng năm {y}", "{month} and the first {n} months of {y}"
    ),
    "p_q1": Localized("tháng 3 và quý I năm {y}", "March and the first quarter of {y}"),
    "p_h1": Localized("tháng 6 và 6 tháng đầu năm {y}", "June and the first half of {y}"),
    "p_q3": Localized("tháng 9 và 9 tháng năm {y}", "September and the first nine months of {y}"),
    "p_year": Localized("tháng 12 và cả năm {y}", "December and the whole of {y}"),
    # the opening
    "opening": Localized(
        "Thực hiện {plan}{number} ngày {date} của {issuer}; {issuer_short} báo cáo tình hình "
        "thực hiện các chỉ tiêu kế hoạch {period} như sau:",
        "Pursuant to the {plan}{number} of {date} of {issuer}, {issuer_short} reports on "
        "the progress of the plan's targets in {period} as follows:",
    ),
    "opening_number": Localized(" số {number}", " No. {number}"),
    # section I
    "s1": Localized(
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH", "I. RESULTS AGAINST THE PLAN'S TARGETS"
    ),
    "s1_total": Localized(
        "Trong {n} chỉ tiêu chủ yếu của kế hoạch năm {y}: {counts}.",
        "Of the {n} main targets of the {y} plan: {counts}.",
    ),
    "s1_no_data": Localized(
        "Đến thời điểm báo cáo, các đơn vị chưa gửi số liệu.",
        "No unit had sent figures by the time of this report.",
    ),
    "s1_table": Localized(
        "Chi tiết từng chỉ tiêu tại Biểu tổng hợp kèm theo.",
        "Each target in detail: see the attached summary table.",
    ),
    "group": Localized("{n}. {name}", "{n}. {name}"),
    # counts, as sentences
    "c_achieved": Localized("{n} chỉ tiêu đã đạt kế hoạch năm", "{n} target(s) already met"),
    "c_on_track": Localized("{n} chỉ tiêu đạt tiến độ", "{n} target(s) on track"),
    "c_at_risk": Localized(
        "{n} chỉ tiêu có nguy cơ không đạt kế hoạch", "{n} target(s) at risk of being missed"
    ),
    "c_off_track": Localized("{n} chỉ tiêu chậm tiến độ", "{n} target(s) behind the planned pace"),
    "c_no_data": Localized("{n} chỉ tiêu chưa có số liệu", "{n} target(s) without figures yet"),
    "c_conflict": Localized(
        "{n} chỉ tiêu số liệu chưa thống nhất", "{n} target(s) with conflicting figures"
    ),
    "c_not_due": Localized(
        "{n} chỉ tiêu chưa đến kỳ đánh giá", "{n} target(s) not yet due for assessment"
    ),
    # the status of one indicator, as a sentence
    "st_achieved": Localized("Đã đạt kế hoạch năm.", "The annual target has been met."),
    "st_on_track": Localized("Đạt tiến độ kế hoạch.", "On track."),
    "st_at_risk": Localized("Có nguy cơ không đạt kế hoạch.", "At risk of missing the target."),
    "st_off_track": Localized("Chậm so với tiến độ kế hoạch.", "Behind the planned pace."),
    "st_no_data": Localized("Chưa có số liệu để đánh giá.", "No figures to assess yet."),
    "st_not_due": Localized("Chưa đến kỳ đánh giá.", "Not yet due for assessment."),
    "st_conflict": Localized(
        "Số liệu các đơn vị gửi chưa thống nhất, chưa đánh giá được.",
        "The units' figures disagree; not assessed.",
    ),
    # pieces of an indicator's sentence
    "reached": Localized("đạt {value}", "{value}"),
    "reached_est": Localized("ước đạt {value}", "an estimated {value}"),
    "month_fig": Localized("tháng {m} {reach}", "{month}: {reach}"),
    "ytd_fig": Localized("lũy kế {m} tháng {reach}", "year to date: {reach}"),
    "as_of": Localized("số liệu {month}", "figure for {month}"),
    "partial": Localized("chưa đủ đơn vị báo cáo", "not every unit has reported"),
    "share": Localized(
        "bằng {pct} kế hoạch năm ({target})", "{pct} of the annual target ({target})"
    ),
    "share_baseline": Localized(
        "hoàn thành {pct} phần tăng thêm theo kế hoạch ({target})",
        "{pct} of the planned increase ({target})",
    ),
    "plan_is": Localized("kế hoạch năm {target}", "annual target {target}"),
    "plan_rate": Localized("{gap} (kế hoạch {target})", "{gap} (target {target})"),
    "prev": Localized(
        "bằng {pct} so với cùng kỳ năm trước ({value})",
        "{pct} of the same period last year ({value})",
    ),
    "prev_only": Localized("cùng kỳ năm trước {value}", "same period last year {value}"),
    "prev_rate": Localized(
        "cùng kỳ năm trước {value}, {change}", "same period last year {value}, {change}"
    ),
    "up_points": Localized("tăng {n} điểm %", "up {n} percentage points"),
    "down_points": Localized("giảm {n} điểm %", "down {n} percentage points"),
    "same_points": Localized("bằng cùng kỳ", "unchanged"),
    "projected": Localized("ước cả năm đạt {value}", "year-end estimate {value}"),
    "stage_at": Localized("đã hoàn thành bước “{stage}”", "has completed the stage “{stage}”"),
    "stage_none": Localized("chưa hoàn thành bước nào", "has completed no stage yet"),
    "stage_plan": Localized(
        "theo kế hoạch đến {month} hoàn thành bước “{stage}”",
        "the plan expects the stage “{stage}” by {month}",
    ),
    "stage_of": Localized("bước {n}/{total}", "stage {n} of {total}"),
    "value_none_nd": Localized("chưa có số liệu", "no figures yet"),
    "value_none_conflict": Localized(
        "số liệu các đơn vị gửi chưa thống nhất", "the units' figures disagree"
    ),
    "value_none_due": Localized("chưa đến kỳ báo cáo ({target})", "not yet due ({target})"),
    "said": Localized(
        "Theo {unit} ({month}): “{text}”.", "According to {unit} ({month}): “{text}”."
    ),
    # section II
    "s2": Localized("II. HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN", "II. SHORTCOMINGS AND THEIR CAUSES"),
    "s2_intro": Localized(
        "Các chỉ tiêu có nguy cơ không đạt hoặc chậm so với tiến độ kế hoạch:",
        "Targets at risk of being missed or behind the planned pace:",
    ),
    "s2_none": Localized(
        "Không có chỉ tiêu nào có nguy cơ không đạt hoặc chậm so với tiến độ kế hoạch.",
        "No target is at risk of being missed or behind the planned pace.",
    ),
    "s2_behind": Localized(
        "lũy kế {value}, thấp hơn tiến độ kế hoạch ({expected}) {gap}",
        "year to date {value}, {gap} short of the {expected} planned by now",
    ),
    "s2_over": Localized(
        "lũy kế {value}, vượt mức tiến độ kế hoạch ({expected}) {gap}",
        "year to date {value}, {gap} above the {expected} planned by now",
    ),
    "s2_needed": Localized(
        "để đạt kế hoạch năm, {months} tháng còn lại cần bình quân {needed}/tháng",
        "to meet the annual target, {needed} a month is needed over the remaining {months} "
        "month(s)",
    ),
    "s2_no_season": Localized(
        "để đạt kế hoạch năm còn thiếu {shortfall}, các tháng còn lại không còn thời vụ để bù",
        "{shortfall} is still missing for the annual target, and the remaining months have "
        "no season left to make it up",
    ),
    "s2_level_short": Localized(
        "đạt {value}, còn thiếu {gap} so với kế hoạch ({target})",
        "{value}, {gap} short of the target ({target})",
    ),
    "s2_level_over": Localized(
        "đạt {value}, vượt mức kế hoạch ({target}) {gap}",
        "{value}, {gap} beyond the target ({target})",
    ),
    "s2_level_equal": Localized(
        "đạt {value}, bằng mức kế hoạch, chưa đạt yêu cầu “{target}”",
        "{value}, level with the target but not yet “{target}”",
    ),
    "s2_rate": Localized("đạt {value}, {gap}", "{value}, {gap}"),
    "stage_only": Localized(
        "mới hoàn thành bước “{stage}”", "has only completed the stage “{stage}”"
    ),
    "s2_stage": Localized(
        "{done}, chậm {n} bước so với kế hoạch (“{planned}”)",
        "{done}, {n} stage(s) behind the plan (“{planned}”)",
    ),
    "causes": Localized("Nguyên nhân, theo đơn vị báo cáo:", "Causes, as the units report them:"),
    "no_cause": Localized(
        "Đơn vị báo cáo chưa nêu nguyên nhân.", "The reporting units gave no cause."
    ),
    "s2_reporting": Localized("Công tác báo cáo số liệu", "Reporting of figures"),
    "s2_missing": Localized(
        "Đến hạn gửi số liệu {month} (ngày {due}), các đơn vị sau chưa gửi:",
        "By the deadline for the {month} figures ({due}), these units had not sent them:",
    ),
    "s2_missing_none": Localized(
        "Các đơn vị đã gửi đủ số liệu {month} theo quy định.",
        "Every unit sent its figures for {month} as required.",
    ),
    "conflict_sent": Localized("đã gửi, số liệu chưa thống nhất", "sent, figures disagree"),
    "wards_h": Localized("Số liệu theo phường, xã", "Figures by ward and commune"),
    # revisions
    "rev_h": Localized(
        "Số liệu điều chỉnh so với báo cáo trước", "Figures revised since the last report"
    ),
    "rev_official": Localized(
        "{code} ({unit}, {month}): số ước {old} được thay bằng số chính thức {new}{reason}.",
        "{code} ({unit}, {month}): the estimate {old} replaced by the official {new}{reason}.",
    ),
    "rev_replaced": Localized(
        "{code} ({unit}, {month}): {old} điều chỉnh thành {new}{reason}.",
        "{code} ({unit}, {month}): {old} revised to {new}{reason}.",
    ),
    "rev_reason": Localized(" (lý do: {reason})", " (reason: {reason})"),
    # closing and signature
    "closing": Localized(
        "Trên đây là báo cáo {title} {period} của {issuer}./.",
        "This concludes the report of {issuer} on {title} in {period}.",
    ),
    "recipients": Localized("Nơi nhận:", "Recipients:"),
    # the summary table
    "t_title": Localized(
        "BIỂU TỔNG HỢP TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH {period}",
        "SUMMARY TABLE OF THE PLAN'S TARGETS, {period}",
    ),
    "t_sub": Localized(
        "(Kèm theo Báo cáo số {number} ngày {date} của {issuer})",
        "(Attached to Report {number} of {date} of {issuer})",
    ),
    "t_cols": Localized(
        "Chỉ tiêu|ĐVT|KH năm|TH tháng|Lũy kế|Cùng kỳ|% KH|% cùng kỳ|Ước cả năm|Đánh giá",
        "Indicator|Unit|Annual plan|Month|Year to date|Same period last year|% of plan|"
        "% of last year|Year-end estimate|Assessment",
    ),
    "est": Localized("(ước)", "(est.)"),
    "t_note_est": Localized(
        "(ước): số liệu ước tính của đơn vị báo cáo.", "(est.): the reporting unit's estimate."
    ),
    "t_note_rate": Localized(
        "Chỉ tiêu tỷ lệ (%): cột “% cùng kỳ” ghi chênh lệch so với cùng kỳ, tính bằng điểm %.",
        "Rate targets (%): the “% of last year” column gives the change in percentage points.",
    ),
    "t_note_partial": Localized(
        "(*): chưa đủ đơn vị báo cáo.", "(*): not every unit has reported."
    ),
}

# Status words in the table's last column: the sentence without its full stop.
STATUS_KEYS = ("achieved", "on_track", "at_risk", "off_track", "no_data", "conflict", "not_due")

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def status_sentence(status: str, lang: str) -> str:
    """'Có nguy cơ không đạt kế hoạch.' — the status as the report says it."""
    return REPORT_WORDS[f"st_{status}"](lang)


def status_words(status: str, lang: str) -> str:
    """The status sentence for a table cell, without its full stop."""
    return status_sentence(status, lang).rstrip(".")


# ------------------------------------------------------------------ dates and periods


def date_line(place: str, day: date, lang: str) -> str:
    """'Hồng Lĩnh, ngày 22 tháng 9 năm 2020' / 'Hồng Lĩnh, 22 September 2020'.

    Nghị định 30/2020/NĐ-CP writes days below 10 and the months 1 and 2 with a leading
    zero.
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


def _month_name(year: int, month: int, lang: str) -> str:
    """'tháng 9/2020' / 'September 2020'."""
    if lang == "en":
        return f"{EN_MONTHS[month - 1]} {year}"
    return f"tháng {month}/{year}"


_EN_COUNT = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve")  # fmt: skip


def period_words(year: int, month: int, lang: str) -> str:
    """The period a report for ``month`` covers, as its title names it.

    'tháng 9 và 9 tháng năm 2020'; at the quarter and half-year the words offices use
    ('tháng 3 và quý I', 'tháng 6 và 6 tháng đầu năm', 'tháng 12 và cả năm').
    """
    fixed = {3: "p_q1", 6: "p_h1", 9: "p_q3", 12: "p_year"}
    if month == 1:
        return REPORT_WORDS["p_month1"](lang).format(m=month, y=year, month=EN_MONTHS[0])
    if month in fixed:
        return REPORT_WORDS[fixed[month]](lang).format(y=year)
    return REPORT_WORDS["p_month"](lang).format(
        m=month, y=year, month=EN_MONTHS[month - 1], n=_EN_COUNT[month]
    )


def report_number(plan: Plan, number: str | None, lang: str) -> str:
    """'Số: 125/BC-UBND', or 'Số: …/BC-UBND' for the office to fill in."""
    suffix = plan.report.number_suffix
    text = (number or "").strip()
    if not text:
        text = REPORT_WORDS["blank_number"](lang).format(suffix=suffix)
    elif "/" not in text:
        text = f"{text}/{suffix}"
    return text


# The kinds of local body in the second header line; the rest is the body's proper name.
_KINDS = ("THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "TỈNH", "HUYỆN", "QUẬN", "PHƯỜNG", "XÃ")
_SMALL_EN = frozenset({"of", "and", "the"})


def _proper(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())


def issuer_in_text(plan: Plan, lang: str) -> str:
    """The issuing body as a sentence names it: 'Ủy ban nhân dân thị xã Hồng Lĩnh'.

    Built from the header lines of the plan file ('ỦY BAN NHÂN DÂN', 'THỊ XÃ HỒNG LĨNH'):
    the body in sentence case, the kind of place in lower case, the place's name as a name.
    """
    issuer = plan.issuer
    lines = list(issuer.header_en if lang == "en" else issuer.header_vi)
    if not lines:
        return issuer.authority_en if lang == "en" else issuer.authority_vi
    if lang == "en":
        words = " ".join(lines).split()
        out = [w.lower() if w.lower() in _SMALL_EN else _proper(w) for w in words]
        return "the " + " ".join(out)
    body = lines[0].strip()
    first = body[:1].upper() + body[1:].lower()
    rest = []
    for line in lines[1:]:
        line = line.strip()
        kind = next((k for k in _KINDS if line.upper().startswith(k + " ")), None)
        if kind:
            rest.append(kind.lower() + " " + _proper(line[len(kind) :]))
        else:
            rest.append(_proper(line))
    return " ".join([first, *rest])


def issuer_short(plan: Plan, lang: str) -> str:
    """The body reporting, as the opening's subject: 'Ủy ban nhân dân thị xã' (the place
    has just been named in full); 'the Committee' in English."""
    lines = list(plan.issuer.header_en if lang == "en" else plan.issuer.header_vi)
    if lang == "en" or len(lines) < 2:
        return "the Committee" if lang == "en" else issuer_in_text(plan, lang)
    body = lines[0].strip()
    kind = next((k for k in _KINDS if lines[1].strip().upper().startswith(k + " ")), None)
    first = body[:1].upper() + body[1:].lower()
    return f"{first} {kind.lower()}" if kind else issuer_in_text(plan, lang)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# ------------------------------------------------------------------------- figures


def figure(value: Decimal | None, lang: str) -> str:
    """A figure as the report writes it: decimal comma, at most two decimals."""
    return figure_text(value, lang)


def amount(value: Decimal | None, uom: str, lang: str, max_places: int = 2) -> str:
    """'296 tỷ đồng', '91,5%' (no space before the percent sign)."""
    if value is None:
        return "—"
    return attach_unit(figure_text(value, lang, max_places), uom, lang)


def _decimals(d: Decimal | None) -> int:
    if d is None or not d.is_finite():
        return 0
    exponent = d.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def places(r: IndicatorResult) -> int:
    """Decimals for a figure the report derives (expected, gap, pace, year-end estimate):
    as many as the target and the value themselves have, at most two, so that a count of
    people is never '964,85 người' and 1.080 tỷ đồng is not estimated to the centime."""
    return min(2, max(_decimals(r.target), _decimals(r.value)))


def share(value: Decimal | None, lang: str) -> str:
    """0.274 → '27,4%', 1 → '100%' (one decimal at most, no trailing zero)."""
    if value is None:
        return "—"
    return figure_text(value * 100, lang, 1) + "%"


def points_signed(points: Decimal, lang: str) -> str:
    """'+0,7 điểm %' / '−0,5 điểm %' — a rate against last year, in the table."""
    word = "điểm %" if lang != "en" else "pts"
    if points == 0:
        return f"±0 {word}"
    sign = "+" if points > 0 else "−"
    return f"{sign}{figure_text(abs(points), lang)} {word}"


def _target(r: IndicatorResult, lang: str) -> str:
    from kehoach.core.textfmt import target_text

    return r.target_words(lang) or target_text(r.comparison, r.target, r.uom(lang), lang)


# ------------------------------------------------------------------------ sentences


def _reach(value: str, estimate: bool, lang: str) -> str:
    return REPORT_WORDS["reached_est" if estimate else "reached"](lang).format(value=value)


def indicator_sentence(r: IndicatorResult, status: StatusResult, lang: str) -> str:
    """One indicator's results in section I, ending with its status as a sentence."""
    return f"{r.code}. {r.name(lang)}: {_figures_clause(r, status, lang)}. " + status_sentence(
        r.status, lang
    )


def _figures_clause(r: IndicatorResult, status: StatusResult, lang: str) -> str:
    uom = r.uom(lang)
    target = _target(r, lang)
    month = status.month
    if r.status == "conflict":
        # A figure that rests on files that disagree is not stated as a result.
        return REPORT_WORDS["value_none_conflict"](lang)
    if r.value is None:
        if r.status == "not_due":
            return REPORT_WORDS["value_none_due"](lang).format(
                target=REPORT_WORDS["plan_is"](lang).format(target=target)
            )
        return (
            REPORT_WORDS["value_none_nd"](lang)
            + "; "
            + REPORT_WORDS["plan_is"](lang).format(target=target)
        )
    if r.measure == "milestone":
        return _milestone_clause(r, status, lang)
    parts: list[str] = []
    remarks: list[str] = []  # said in brackets after the figure
    if r.measure == "cumulative":
        if r.month_value is not None and r.last_month == month:
            reach = _reach(amount(r.month_value, uom, lang), r.estimate, lang)
            parts.append(
                REPORT_WORDS["month_fig"](lang).format(
                    m=month, month=EN_MONTHS[month - 1], reach=reach
                )
            )
        if month > 1 or not parts:
            reach = _reach(amount(r.value, uom, lang), r.estimate, lang)
            parts.append(REPORT_WORDS["ytd_fig"](lang).format(m=month, reach=reach))
    else:
        text = _reach(amount(r.value, uom, lang), r.estimate, lang)
        if r.last_month and r.last_month != month:
            remarks.append(
                REPORT_WORDS["as_of"](lang).format(
                    month=_month_name(status.year, r.last_month, lang)
                )
            )
        parts.append(text)
    if r.partial:
        remarks.append(REPORT_WORDS["partial"](lang))
    if remarks:
        parts[-1] += " (" + "; ".join(remarks) + ")"
    if r.is_rate:
        if r.gap_points is not None:
            gap = gap_points_text(r.gap_points, lang)
            parts.append(REPORT_WORDS["plan_rate"](lang).format(gap=gap, target=target))
    elif r.shows_plan_share and r.attainment is not None:
        key = "share_baseline" if r.baseline is not None else "share"
        parts.append(REPORT_WORDS[key](lang).format(pct=share(r.attainment, lang), target=target))
    else:
        parts.append(REPORT_WORDS["plan_is"](lang).format(target=target))
    if r.previous_year is not None:
        prev = amount(r.previous_year, uom, lang)
        if r.is_rate and r.vs_previous_year is not None:
            p = r.vs_previous_year
            if p > 0:
                change = REPORT_WORDS["up_points"](lang).format(n=figure_text(p, lang))
            elif p < 0:
                change = REPORT_WORDS["down_points"](lang).format(n=figure_text(-p, lang))
            else:
                change = REPORT_WORDS["same_points"](lang)
            parts.append(REPORT_WORDS["prev_rate"](lang).format(value=prev, change=change))
        elif r.vs_previous_year is not None:
            parts.append(
                REPORT_WORDS["prev"](lang).format(pct=share(r.vs_previous_year, lang), value=prev)
            )
        else:
            parts.append(REPORT_WORDS["prev_only"](lang).format(value=prev))
    if r.projected is not None and r.measure == "cumulative" and (r.due_month or 0) < 12:
        parts.append(
            REPORT_WORDS["projected"](lang).format(value=amount(r.projected, uom, lang, places(r)))
        )
    return "; ".join(parts)


def _milestone_clause(r: IndicatorResult, status: StatusResult, lang: str) -> str:
    total = len(r.stages)
    reached = r.stage_name(r.stage, lang)
    if reached:
        text = REPORT_WORDS["stage_at"](lang).format(stage=reached)
        text += " (" + REPORT_WORDS["stage_of"](lang).format(n=r.stage, total=total) + ")"
    else:
        text = REPORT_WORDS["stage_none"](lang)
    planned = r.stage_name(r.stage_expected, lang)
    if planned and r.status != "achieved":
        text += "; " + REPORT_WORDS["stage_plan"](lang).format(
            month=_month_name(status.year, status.month, lang), stage=planned
        )
    return text


# A note, or a part of one between semicolons, that only says the figure is an estimate
# ("ước 9 tháng", "ước thực hiện quý I"): the figure itself is marked "ước", and such a
# label is not a cause.
_ESTIMATE_START = re.compile(r"^(số liệu |số )?ước\b", re.IGNORECASE)
# The words such a label is made of besides "ước": the kind of figure and the period.
_LABEL_WORDS = frozenset(
    [
        "số",
        "liệu",
        "ước",
        "tính",
        "thực",
        "hiện",
        "đạt",
        "tháng",
        "quý",
        "năm",
        "đầu",
        "cả",
        "cuối",
        "i",
        "ii",
        "iii",
        "iv",
    ]
)
_PERIOD_NUMBER = re.compile(r"^\d{1,2}(/\d{4})?$")


def _is_estimate_label(part: str) -> bool:
    text = part.strip().rstrip(".").lower()
    if not _ESTIMATE_START.match(text):
        return False
    return all(w in _LABEL_WORDS or _PERIOD_NUMBER.match(w) for w in text.split())


def cause_text(note: str) -> str:
    """A unit's note without the parts that only label the figure as an estimate
    ('ước 9 tháng', 'ước thực hiện quý III', 'số ước 6 tháng đầu năm')."""
    parts = [" ".join(p.split()) for p in note.split(";")]
    return "; ".join(p for p in parts if p and not _is_estimate_label(p))


def _quotes(
    plan: Plan,
    r: IndicatorResult,
    year: int,
    lang: str,
    *,
    causes: bool = False,
    month: int | None = None,
) -> tuple[str, ...]:
    """The units' notes on the indicator, quoted and attributed, each said once.

    A note repeated month after month is quoted once, at the latest month it was written.
    With ``causes``, estimate labels are left out (see :func:`cause_text`); with ``month``,
    only that month's notes are quoted.
    """
    latest: dict[tuple[str, str], int] = {}
    for n in r.notes:
        if month is not None and n.month != month:
            continue
        text = cause_text(n.text) if causes else n.text
        text = " ".join(text.split()).rstrip(".").strip()
        if text:
            key = (n.unit, text)
            latest[key] = max(latest.get(key, 0), n.month)
    ordered = sorted(
        latest.items(), key=lambda kv: (kv[1], plan.unit_index.get(kv[0][0].upper(), 0))
    )
    return tuple(
        REPORT_WORDS["said"](lang).format(
            unit=unit_subject(plan, unit, lang), month=_month_name(year, m, lang), text=text
        )
        for (unit, text), m in ordered
    )


def unit_name(plan: Plan, code: str, lang: str) -> str:
    unit = plan.unit(code)
    return unit.name(lang) if unit is not None else code


def unit_subject(plan: Plan, code: str, lang: str) -> str:
    """A unit named in running English text: 'the Tax Sub-department', 'Đậu Liêu Ward'."""
    name = unit_name(plan, code, lang)
    unit = plan.unit(code)
    if lang == "en" and unit is not None and unit.kind in ("department", "agency"):
        return "the " + name
    return name


def _risk_clause(r: IndicatorResult, status: StatusResult, lang: str) -> str:
    """Where the indicator stands against the plan, and what the rest of the year needs."""
    uom = r.uom(lang)
    target = _target(r, lang)
    if r.measure == "milestone":
        reached = r.stage_name(r.stage, lang)
        done = (
            REPORT_WORDS["stage_only"](lang).format(stage=reached)
            if reached
            else REPORT_WORDS["stage_none"](lang)
        )
        behind = (r.stage_expected or 0) - (r.stage or 0)
        planned = r.stage_name(r.stage_expected, lang) or ""
        return REPORT_WORDS["s2_stage"](lang).format(done=done, n=behind, planned=planned)
    if r.value is None:
        return REPORT_WORDS["value_none_nd"](lang)
    value = amount(r.value, uom, lang)
    if r.estimate:
        value = f"{value} {REPORT_WORDS['est'](lang)}"
    if r.is_rate and r.gap_points is not None:
        gap = gap_points_text(r.gap_points, lang)
        return REPORT_WORDS["s2_rate"](lang).format(value=value, gap=f"{gap} ({target})")
    if r.measure == "cumulative":
        parts = []
        if r.gap is not None and r.expected is not None:
            key = "s2_behind" if r.gap > 0 else "s2_over"
            parts.append(
                REPORT_WORDS[key](lang).format(
                    value=value,
                    expected=amount(r.expected, uom, lang, places(r)),
                    gap=amount(abs(r.gap), uom, lang, places(r)),
                )
            )
        if r.needed_per_month is None and r.shortfall and not r.needed_months:
            # The months left carry no weight (the season is over): nothing can make it up.
            parts.append(
                REPORT_WORDS["s2_no_season"](lang).format(
                    shortfall=amount(r.shortfall, uom, lang, places(r))
                )
            )
        if r.needed_per_month is not None and r.needed_months:
            parts.append(
                REPORT_WORDS["s2_needed"](lang).format(
                    months=r.needed_months,
                    needed=amount(r.needed_per_month, uom, lang, places(r)),
                )
            )
        return "; ".join(parts) if parts else value
    if r.gap is None:
        return value
    if r.gap == 0:
        return REPORT_WORDS["s2_level_equal"](lang).format(value=value, target=target)
    key = "s2_level_short" if r.gap > 0 else "s2_level_over"
    gap = amount(abs(r.gap), uom, lang, places(r))
    return REPORT_WORDS[key](lang).format(value=value, gap=gap, target=target)


# ---------------------------------------------------------------------- the table


def _cell(value: Decimal | None, lang: str, estimate: bool = False, places: int = 2) -> str:
    if value is None:
        return ""
    text = figure_text(value, lang, places)
    return f"{text} {REPORT_WORDS['est'](lang)}" if estimate else text


def table_row(r: IndicatorResult, status: StatusResult, lang: str) -> TableRow:
    """One indicator's row: figures without their unit (the ĐVT column has it)."""
    name = f"{r.code}. {r.name(lang)}"
    if r.partial:
        name += " (*)"
    uom = str(r.uom(lang))
    if r.measure == "milestone":
        stage = r.stage_name(r.stage, lang) or ""
        month_cell, ytd = stage, ""
        prev = r.stage_name(int(r.previous_year), lang) if r.previous_year else ""
        uom = ""
    elif r.measure == "cumulative":
        month_cell = _cell(r.month_value, lang, r.estimate) if r.last_month == status.month else ""
        ytd = _cell(r.value, lang, r.estimate)
        prev = _cell(r.previous_year, lang)
    else:
        month_cell = _cell(r.value, lang, r.estimate)
        if month_cell and r.last_month and r.last_month != status.month:
            month_cell += f" ({r.last_month:02d}/{status.year})"
        ytd = ""
        prev = _cell(r.previous_year, lang)
    plan_share = (
        share(r.attainment, lang) if r.shows_plan_share and r.attainment is not None else ""
    )
    if r.vs_previous_year is None or r.measure == "milestone":
        vs_prev = ""
    elif r.is_rate:
        vs_prev = points_signed(r.vs_previous_year, lang)
    else:
        vs_prev = share(r.vs_previous_year, lang)
    projected = (
        _cell(r.projected, lang, places=places(r))
        if r.measure == "cumulative" and r.projected is not None
        else ""
    )
    return TableRow(
        r.code,
        (
            name,
            uom,
            _target(r, lang),
            month_cell,
            ytd,
            prev,
            plan_share,
            vs_prev,
            projected,
            status_words(r.status, lang),
        ),
    )


def summary_table(
    plan: Plan, status: StatusResult, lang: str, number: str, report_date: date
) -> SummaryTable:
    period = period_words(status.year, status.month, lang)
    rows: list[TableRow] = []
    groups = [g for g in plan.groups if any(r.group == g.code for r in status.indicators)]
    for n, g in enumerate(groups):
        rows.append(TableRow("", (f"{_ROMAN[n % len(_ROMAN)]}. {g.name(lang)}",)))
        rows += [table_row(r, status, lang) for r in status.indicators if r.group == g.code]
    notes = []
    if any(r.estimate and r.value is not None for r in status.indicators):
        notes.append(REPORT_WORDS["t_note_est"](lang))
    if any(r.partial for r in status.indicators):
        notes.append(REPORT_WORDS["t_note_partial"](lang))
    if any(r.is_rate and r.vs_previous_year is not None for r in status.indicators):
        notes.append(REPORT_WORDS["t_note_rate"](lang))
    return SummaryTable(
        title=REPORT_WORDS["t_title"](lang).format(period=period.upper()),
        subtitle=REPORT_WORDS["t_sub"](lang).format(
            number=number,
            date=short_date(report_date, lang),
            issuer=issuer_in_text(plan, lang),
        ),
        headers=tuple(REPORT_WORDS["t_cols"](lang).split("|")),
        rows=tuple(rows),
        numeric=frozenset({3, 4, 5, 6, 7, 8}),
        notes=tuple(notes),
    )


# ------------------------------------------------------------------------ sections


def _section_results(
    plan: Plan, status: StatusResult, load: DataLoad, revisions: Sequence, lang: str
) -> list[Block]:
    out: list[Block] = [Heading(REPORT_WORDS["s1"](lang), 1)]
    if status.no_data_at_all:
        out.append(Para(REPORT_WORDS["s1_no_data"](lang)))
    counts = [
        REPORT_WORDS[f"c_{key}"](lang).format(n=status.summary.get(key, 0))
        for key in STATUS_KEYS
        if status.summary.get(key, 0)
    ]
    if counts:
        out.append(
            Para(
                REPORT_WORDS["s1_total"](lang).format(
                    n=len(status.indicators), y=status.year, counts="; ".join(counts)
                )
                + " "
                + REPORT_WORDS["s1_table"](lang)
            )
        )
    groups = [g for g in plan.groups if any(r.group == g.code for r in status.indicators)]
    risky = {r.code for r in status.indicators if r.status in ("at_risk", "off_track")}
    for n, g in enumerate(groups, 1):
        out.append(Heading(REPORT_WORDS["group"](lang).format(n=n, name=g.name(lang)), 2))
        items = []
        for r in status.indicators:
            if r.group != g.code:
                continue
            line = indicator_sentence(r, status, lang)
            if r.code not in risky:
                # The causes of a shortfall are quoted in II, from every month; an
                # indicator doing well keeps what its units said this month.
                said = _quotes(plan, r, status.year, lang, causes=True, month=status.month)
                line = " ".join([line, *said])
            items.append(line)
        out.append(Items(tuple(items)))
    if revisions:
        out.append(Heading(f"{len(groups) + 1}. " + REPORT_WORDS["rev_h"](lang), 2))
        out.append(Items(tuple(_revision_line(plan, rev, status, lang) for rev in revisions)))
    return out


def _revision_line(plan: Plan, rev, status: StatusResult, lang: str) -> str:
    ind = plan.indicator(rev.indicator)
    uom = ind.uom(lang) if ind is not None else ""
    year, _, month = rev.month.partition("-")
    try:
        when = _month_name(int(year), int(month), lang)
    except ValueError:
        when = rev.month
    old = amount(rev.old, uom, lang)
    new = amount(rev.new, uom, lang)
    unit = unit_name(plan, rev.unit, lang)
    reason = (
        REPORT_WORDS["rev_reason"](lang).format(reason=rev.reason.strip())
        if rev.reason.strip()
        else ""
    )
    # "official" or "reopened-official" (a locked month reopened with a reason)
    if rev.action.endswith("official"):
        return REPORT_WORDS["rev_official"](lang).format(
            code=rev.indicator, unit=unit, month=when, old=old, new=new, reason=reason
        )
    return REPORT_WORDS["rev_replaced"](lang).format(
        code=rev.indicator, unit=unit, month=when, old=old, new=new, reason=reason
    )


def _section_shortfalls(
    plan: Plan,
    status: StatusResult,
    missing: Sequence[tuple[str, Sequence[tuple[str, bool]]]],
    lang: str,
) -> list[Block]:
    out: list[Block] = [Heading(REPORT_WORDS["s2"](lang), 1)]
    risky = [r for r in status.indicators if r.status in ("at_risk", "off_track")]
    n = 1
    if risky:
        out.append(Heading(f"{n}. " + REPORT_WORDS["s2_intro"](lang).rstrip(":"), 2))
        n += 1
        for r in risky:
            out.append(Para(_risk_lead(r, status, lang)))
            quotes = _quotes(plan, r, status.year, lang, causes=True)
            if quotes:
                out.append(Para(REPORT_WORDS["causes"](lang)))
                out.append(Quotes(quotes))
            else:
                out.append(Quotes((REPORT_WORDS["no_cause"](lang),)))
    else:
        out.append(Para(REPORT_WORDS["s2_none"](lang)))
    out.append(Heading(f"{n}. " + REPORT_WORDS["s2_reporting"](lang), 2))
    month = _month_name(status.year, status.month, lang)
    if missing:
        due = short_date(plan.deadline(status.month), lang)
        out.append(Para(REPORT_WORDS["s2_missing"](lang).format(month=month, due=due)))
        items = []
        for unit, codes in missing:
            shown = [
                code + (f" ({REPORT_WORDS['conflict_sent'](lang)})" if clash else "")
                for code, clash in codes
            ]
            items.append(f"{unit_name(plan, unit, lang)}: {', '.join(shown)}.")
        out.append(Items(tuple(items)))
    else:
        out.append(Para(REPORT_WORDS["s2_missing_none"](lang).format(month=month)))
    return out


def _risk_lead(r: IndicatorResult, status: StatusResult, lang: str) -> str:
    """'KT04. Thu ngân sách…: chậm so với tiến độ kế hoạch; lũy kế 7,4 tỷ đồng, …'."""
    words = status_words(r.status, lang)
    words = words[:1].lower() + words[1:]
    return f"{r.code}. {r.name(lang)}: {words}; {_risk_clause(r, status, lang)}."


def _recipients(plan: Plan, lang: str) -> tuple[str, ...]:
    names = list(plan.report.recipients_en if lang == "en" else plan.report.recipients_vi)
    out = []
    for i, name in enumerate(names):
        name = name.strip().rstrip(";.")
        out.append(f"- {name}{'.' if i == len(names) - 1 else ';'}")
    return tuple(out)


def revisions_since(revisions: Iterable, plan: Plan, month: int) -> list:
    """Revisions of the plan year's figures recorded since the previous report's date.

    The previous report (month − 1) printed the figures as they stood then; a revision
    recorded after it changes what that report said. The latest revision per figure.
    """
    since = (
        datetime.combine(plan.report_date(month - 1), datetime.min.time()) if month > 1 else None
    )
    latest = {}
    for rev in revisions:
        if not rev.month.startswith(f"{plan.year}-"):
            continue
        try:
            rev_month = int(rev.month[5:7])
        except ValueError:
            continue
        if rev_month > month:
            continue
        when = rev.time.replace(tzinfo=None) if rev.time is not None else None
        if since is not None and when is not None and when <= since:
            continue
        latest[(rev.unit, rev.indicator, rev.month)] = rev
    return sorted(latest.values(), key=lambda r: (r.month, r.indicator, r.unit))


# --------------------------------------------------------------------------- build


def build_report(
    plan: Plan,
    status: StatusResult,
    load: DataLoad,
    lang: str,
    report_date: date,
    *,
    number: str | None = None,
    tasks: Tasks | None = None,
    revisions: Sequence = (),
    missing: Sequence[tuple[str, Sequence[tuple[str, bool]]]] | None = None,
    ward_tables: Sequence = (),
    charts: Sequence = (),
    adjustments: tuple[str, Sequence[str]] | None = None,
    narratives: Mapping | None = None,
) -> Report:
    """The whole report as data; pure and deterministic.

    The body is the draft the committee signs, compiled by field from the plan's outline
    and the units' ``narratives`` (unit code → :class:`~kehoach.core.narrative.Narrative`;
    see :mod:`kehoach.report.draft`). ``ward_tables``, ``charts``, ``revisions`` and
    ``adjustments`` are the worksheet's (:func:`kehoach.report.worksheet.build_worksheet`);
    the draft does not print them.

    ``missing`` (units that have not sent month M's figures) is computed from ``load``
    when not given; ``revisions`` are those to list (see :func:`revisions_since`).
    ``ward_tables`` (kehoach.report.wards.report_ward_tables) and ``charts``
    (kehoach.render.charts: objects with ``title`` and ``png``) follow the results by
    indicator; ``adjustments`` (title, lines) are the figures changed since the month's
    issued report (kehoach.core.snapshot).
    """
    if missing is None:
        missing = missing_submissions(plan, load, status.month)
    issuer = plan.issuer
    period = period_words(status.year, status.month, lang)
    title = plan.report.title_en if lang == "en" else plan.report.title_vi
    number_text = report_number(plan, number, lang)
    header = Header(
        issuer=tuple(issuer.header_en if lang == "en" else issuer.header_vi)
        or ((issuer.authority_en if lang == "en" else issuer.authority_vi),),
        number=REPORT_WORDS["number"](lang).format(number=number_text),
        motto=tuple(issuer.motto_en if lang == "en" else issuer.motto_vi),
        place_date=date_line(issuer.place, report_date, lang),
        kind=REPORT_WORDS["kind"](lang),
        title=f"{title}, {period}" if lang == "en" else f"{title} {period}",
    )
    doc = plan.document
    plan_title = (doc.title_en if lang == "en" else doc.title_vi) or title
    plan_date = _iso_date(doc.date)
    opening = REPORT_WORDS["opening"](lang).format(
        plan=plan_title,  # the plan's own title, as written ("Kế hoạch …", "Plan for …")
        number=REPORT_WORDS["opening_number"](lang).format(number=doc.number) if doc.number else "",
        date=short_date(plan_date, lang) if plan_date else doc.date or "—",
        issuer=issuer_in_text(plan, lang),
        issuer_short=issuer_short(plan, lang),
        period=period,
    )
    from kehoach.report.draft import build_draft

    draft = build_draft(plan, status, narratives or {}, lang, tasks)
    body: list[Block] = list(draft.blocks)
    closing = REPORT_WORDS["closing"](lang).format(
        title=_lower_first(title), period=period, issuer=issuer_in_text(plan, lang)
    )
    signature = Signature(
        recipients_label=REPORT_WORDS["recipients"](lang),
        recipients=_recipients(plan, lang),
        titles=tuple(plan.report.signer_title_en if lang == "en" else plan.report.signer_title_vi),
        name=plan.report.signer_name,
    )
    return Report(
        lang=lang,
        header=header,
        opening=opening,
        body=tuple(body),
        closing=closing,
        signature=signature,
        table=summary_table(plan, status, lang, number_text, report_date),
        year=status.year,
        month=status.month,
        meta_title=f"{header.kind} {header.title}",
        author=issuer.authority_en if lang == "en" else issuer.authority_vi,
        causes=tuple(
            (r.code, _quotes(plan, r, status.year, lang, causes=True))
            for r in status.indicators
            if r.status in ("at_risk", "off_track")
        ),
        missing=tuple((unit, tuple(code for code, _ in codes)) for unit, codes in missing),
        revisions=tuple(revisions),
        tasks_from_file=tasks is not None and bool(tasks.blocks),
        slots=draft.slots,
        estimates=draft.estimates,
    )


def worksheet_body(
    plan: Plan,
    status: StatusResult,
    load: DataLoad,
    lang: str,
    *,
    revisions: Sequence = (),
    missing: Sequence[tuple[str, Sequence[tuple[str, bool]]]] = (),
    ward_tables: Sequence = (),
    charts: Sequence = (),
    adjustments: tuple[str, Sequence[str]] | None = None,
) -> list[Block]:
    """The per-indicator detail the draft leaves out, with codes and statuses: each
    indicator's figures, the units' notes with attribution, ward tables, charts, the
    figures changed since the issued report, shortfalls with their quoted causes, and the
    units that have not sent their figures (the worksheet's, never the draft's)."""
    body: list[Block] = []
    body += _section_results(plan, status, load, revisions, lang)
    # Ward tables of the indicators with figures, each ward by its name as a document
    # names it ("Phường Bắc Hồng"), not its code.
    with_data = {r.code for r in status.indicators if r.value is not None}
    tables = [t for t in ward_tables if t.code in with_data]
    if tables:
        body.append(Heading(REPORT_WORDS["wards_h"](lang), 2))
        for t in tables:
            rows = tuple(
                (unit_name(plan, row[0], lang) if plan.unit(row[0]) else row[0], *row[1:])
                for row in t.rows
            )
            body.append(Table(t.caption, tuple(t.headers), rows, frozenset(t.right)))
    body += [Figure(c.title, c.png) for c in charts]
    if adjustments is not None and adjustments[1]:
        body.append(Heading(adjustments[0], 2))
        body.append(Items(tuple(adjustments[1])))
    body += _section_shortfalls(plan, status, missing, lang)
    return body


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        return None


def missing_submissions(
    plan: Plan, load: DataLoad, month: int
) -> list[tuple[str, list[tuple[str, bool]]]]:
    """Per unit (plan order), the indicators due in ``month`` with no usable value for it.

    Each indicator comes as ``(code, in_conflict)``: a key whose files disagree has no
    usable value either (as in ``kehoach missing``), but the unit did send it, so the
    report says so instead of asking for the figure again.
    """
    from kehoach.core.missing import compute_missing

    chase = compute_missing(plan, load.dataset, month, (), plan.deadline(month))
    return [
        (u.code, [(code, code in u.conflicts) for code in u.missing])
        for u in sorted(chase.units, key=lambda u: u.index)
        if u.missing
    ]
