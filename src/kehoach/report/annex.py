"""The report's annex (phụ lục) as data: the table of the plan's targets the committee
attaches to its report, and ``status --xlsx`` prints.

Laid out as offices lay out such a table (Nghị định 30/2020/NĐ-CP, Phụ lục I, on the
annexes of a document: the word "Phụ lục", the annex's title, and "(Kèm theo Báo cáo số …
ngày … của …)" under it): an STT column numbering the targets within each group, the
groups numbered I., II., … as the plan orders them; the periods named in the headers
("KH năm 2020", "TH tháng 9/2020", "Lũy kế 9 tháng", "Cùng kỳ năm 2019", "So sánh (%)"
with "KH" and "CK" under it); a "Ghi chú" column for what a figure needs said beside it
(an estimate, an older figure, a target judged at the year's end). No indicator code,
no completeness count and no status word: the annex is part of the signed document.

Each cell keeps its value as a number as well as the text the report prints, so that a
workbook holds numbers in number formats that show what the report shows.
:func:`build_annex` is pure, like :func:`kehoach.report.model.build_report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kehoach.core.attainment import IndicatorResult, StatusResult
from kehoach.core.i18n import EN_MONTHS, Localized
from kehoach.core.models import Plan
from kehoach.core.textfmt import figure_text, target_text
from kehoach.report.model import issuer_in_text, period_words

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# The kinds of cell: how a workbook formats the value (the text is the same everywhere).
TEXT, NUMBER, PERCENT, POINTS = "text", "number", "percent", "points"


@dataclass(frozen=True)
class AnnexCell:
    text: str  # as the report prints it ("" for an empty cell)
    value: Decimal | None = None  # the number behind it; a share (0.783) for PERCENT
    kind: str = TEXT
    places: int = 0  # decimals the text shows


@dataclass(frozen=True)
class AnnexRow:
    cells: tuple[AnnexCell, ...]  # one per column; a group's row: STT and its name
    group: bool = False


@dataclass(frozen=True)
class AnnexColumn:
    key: str
    label: str  # the header; under a parent, the sub-header ("KH")
    parent: str = ""  # the spanning header above it ("So sánh (%)"), or ""
    numeric: bool = False  # figures, set right


@dataclass(frozen=True)
class Annex:
    label: str  # "Phụ lục"
    title: str  # "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU THÁNG 9 VÀ 9 THÁNG NĂM 2020"
    subtitle: str  # "(Kèm theo Báo cáo số …/BC-UBND ngày 22 tháng 9 năm 2020 của …)"
    columns: tuple[AnnexColumn, ...]
    rows: tuple[AnnexRow, ...]
    notes: tuple[str, ...] = ()

    @property
    def indicator_rows(self) -> tuple[AnnexRow, ...]:
        return tuple(r for r in self.rows if not r.group)

    def flat_headers(self) -> tuple[str, ...]:
        """One header per column, for a table with one header row ("So sánh (%) KH")."""
        return flat_headers(self.columns)


def flat_headers(cols: tuple[AnnexColumn, ...]) -> tuple[str, ...]:
    return tuple(f"{c.parent} {c.label}" if c.parent else c.label for c in cols)


ANNEX_WORDS = {
    "other": Localized("Các chỉ tiêu khác", "Other targets"),
    "label": Localized("Phụ lục", "Annex"),
    "title": Localized(
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU {period}",
        "RESULTS AGAINST THE MAIN TARGETS, {period}",
    ),
    "subtitle": Localized(
        "(Kèm theo Báo cáo số {number} ngày {day} của {issuer})",
        "(Attached to Report No. {number} of {day} of {issuer})",
    ),
    "stt": Localized("STT", "No."),
    "name": Localized("Chỉ tiêu", "Indicator"),
    "uom": Localized("Đơn vị tính", "Unit"),
    "plan": Localized("KH năm {y}", "{y} plan"),
    "month": Localized("TH tháng {m}/{y}", "{mon} {y}"),
    "ytd": Localized("Lũy kế {m} tháng", "{m} months"),
    "ytd1": Localized("Lũy kế tháng 1", "January"),
    "prev": Localized("Cùng kỳ năm {y}", "Same period {y}"),
    "compare": Localized("So sánh (%)", "Comparison (%)"),
    "vs_plan": Localized("KH", "Plan"),
    "vs_prev": Localized("CK", "Last year"),
    "remarks": Localized("Ghi chú", "Remarks"),
    # the remarks
    "r_estimate": Localized("Ước thực hiện", "Estimate"),
    "r_as_of": Localized("Số liệu {n} tháng", "Figure for {n} months"),
    "r_as_of_month": Localized("Số liệu tháng {m}", "Figure for {month}"),
    "r_year_end": Localized("Đánh giá cuối năm", "Assessed at the year's end"),
    "r_later": Localized("Đánh giá tháng {m}", "Assessed in {month}"),
    "r_achieved": Localized("Đạt kế hoạch năm", "Annual target met"),
    "r_pending": Localized("Đang tổng hợp", "Being compiled"),
    "r_review": Localized("Đang rà soát số liệu", "Figures under review"),
    "points": Localized("{sign}{n} điểm", "{sign}{n} pts"),
    "n_points": Localized(
        "Chỉ tiêu tỷ lệ (%): cột CK ghi mức tăng (+), giảm (−) so với cùng kỳ, tính bằng "
        "điểm phần trăm.",
        "Rate targets (%): the Last year column gives the rise (+) or fall (−) against the "
        "same period last year, in percentage points.",
    ),
}


def _text(value: Decimal | None, lang: str, places: int = 2) -> str:
    return "" if value is None else figure_text(value, lang, places)


def _places(value: Decimal | None, most: int = 2) -> int:
    """The decimals the printed figure has: the value's own, at most ``most``."""
    if value is None or not value.is_finite():
        return 0
    q = Decimal(1).scaleb(-most)
    exponent = value.quantize(q).normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _number(value: Decimal | None, lang: str) -> AnnexCell:
    if value is None:
        return AnnexCell("")
    return AnnexCell(_text(value, lang), value, NUMBER, _places(value))


def _percent(share: Decimal | None, lang: str) -> AnnexCell:
    """A share as the report prints it: 0.7833 → '78,3' (the header says '%')."""
    if share is None:
        return AnnexCell("")
    pct = share * 100
    return AnnexCell(figure_text(pct, lang, 1), share, PERCENT, _places(pct, 1))


def _points(points: Decimal | None, lang: str) -> AnnexCell:
    """A rate against last year, in percentage points: '+0,7 điểm', '−1,5 điểm'."""
    if points is None:
        return AnnexCell("")
    sign = "+" if points > 0 else "−" if points < 0 else "±"
    text = ANNEX_WORDS["points"](lang).format(sign=sign, n=figure_text(abs(points), lang))
    return AnnexCell(text, points, POINTS, _places(points))


def plan_cell(r: IndicatorResult, lang: str) -> str:
    """The target in the plan's words, without the unit of measure the next column gives
    ('trên 1.080' under 'tỷ đồng'); kept whole when the unit is inside the words
    ('đạt thêm 07 tiêu chí (48 tiêu chí)')."""
    words = r.target_words(lang) or target_text(r.comparison, r.target, r.uom(lang), lang)
    uom = str(r.uom(lang))
    if uom and words.endswith(uom):
        head = words[: -len(uom)]
        if head.strip() and (uom == "%" or head.endswith(" ")):
            return head.rstrip()
    return words


def _ytd_label(month: int, lang: str) -> str:
    return ANNEX_WORDS["ytd1" if month == 1 else "ytd"](lang).format(m=month)


def columns(year: int, month: int, lang: str) -> tuple[AnnexColumn, ...]:
    w = ANNEX_WORDS
    compare = w["compare"](lang)
    return (
        AnnexColumn("stt", w["stt"](lang)),
        AnnexColumn("name", w["name"](lang)),
        AnnexColumn("uom", w["uom"](lang)),
        AnnexColumn("plan", w["plan"](lang).format(y=year), numeric=True),
        AnnexColumn(
            "month",
            w["month"](lang).format(m=month, y=year, mon=EN_MONTHS[month - 1][:3]),
            numeric=True,
        ),
        AnnexColumn("ytd", _ytd_label(month, lang), numeric=True),
        AnnexColumn("prev", w["prev"](lang).format(y=year - 1), numeric=True),
        AnnexColumn("vs_plan", w["vs_plan"](lang), compare, numeric=True),
        AnnexColumn("vs_prev", w["vs_prev"](lang), compare, numeric=True),
        AnnexColumn("remarks", w["remarks"](lang)),
    )


def _next_due(plan: Plan, code: str, month: int) -> int | None:
    ind = plan.indicator(code)
    if ind is None:
        return None
    return next((m for m in ind.due_months if m > month), None)


def _remarks(plan: Plan, r: IndicatorResult, status: StatusResult, lang: str) -> str:
    w = ANNEX_WORDS
    out: list[str] = []
    month = status.month
    if r.status == "conflict":
        return w["r_review"](lang)
    if r.value is None:
        if r.status == "not_due":
            due = _next_due(plan, r.code, month)
            if due is None or due == 12:
                return w["r_year_end"](lang)
            return w["r_later"](lang).format(m=due, month=EN_MONTHS[due - 1])
        return w["r_pending"](lang)
    if r.estimate:
        out.append(w["r_estimate"](lang))
    if r.last_month and r.last_month != month and r.measure != "cumulative":
        # "Số liệu 6 tháng" as offices write a figure older than the month
        if r.last_month in (3, 6, 9, 12) or r.measure == "milestone":
            out.append(w["r_as_of"](lang).format(n=r.last_month))
        else:
            out.append(
                w["r_as_of_month"](lang).format(m=r.last_month, month=EN_MONTHS[r.last_month - 1])
            )
    if r.status == "achieved":
        out.append(w["r_achieved"](lang))
    text = "; ".join(out)
    return text[:1].upper() + text[1:]


def annex_row(plan: Plan, n: int, r: IndicatorResult, status: StatusResult, lang: str) -> AnnexRow:
    """One target's row: figures without their unit (the unit column has it)."""
    uom = str(r.uom(lang))
    month_cell = ytd = prev = AnnexCell("")
    if r.measure == "milestone":
        ytd = AnnexCell(r.stage_name(r.stage, lang) or "")
        if r.previous_year:
            prev = AnnexCell(r.stage_name(int(r.previous_year), lang) or "")
    elif r.measure == "cumulative":
        if r.last_month == status.month and r.month_value is not None:
            month_cell = _number(r.month_value, lang)
        ytd = _number(r.value, lang)
        prev = _number(r.previous_year, lang)
    else:
        # A level (a rate, a count, an amount as it stands) is the period's figure.
        ytd = _number(r.value, lang)
        prev = _number(r.previous_year, lang)
    vs_plan = vs_prev = AnnexCell("")
    if r.status != "conflict" and r.value is not None:
        if r.shows_plan_share and r.attainment is not None:
            vs_plan = _percent(r.attainment, lang)
        if r.measure != "milestone" and r.vs_previous_year is not None:
            vs_prev = (
                _points(r.vs_previous_year, lang)
                if r.is_rate
                else _percent(r.vs_previous_year, lang)
            )
    if r.status == "conflict":
        month_cell = ytd = AnnexCell("")
    return AnnexRow(
        (
            AnnexCell(str(n)),
            AnnexCell(r.name(lang)),
            AnnexCell(uom),
            AnnexCell(plan_cell(r, lang)),
            month_cell,
            ytd,
            prev,
            vs_plan,
            vs_prev,
            AnnexCell(_remarks(plan, r, status, lang)),
        )
    )


def annex_day(day: date, lang: str) -> str:
    """'22 tháng 9 năm 2020' (days below 10 and months 1 and 2 with a leading zero, as
    Nghị định 30/2020/NĐ-CP writes a document's date)."""
    if lang == "en":
        return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d} tháng {m} năm {day.year}"


def issuer_abbreviated(plan: Plan, lang: str) -> str:
    """'UBND thị xã Hồng Lĩnh': the issuing body as a citation abbreviates it."""
    text = issuer_in_text(plan, lang)
    if lang != "en" and text.startswith("Ủy ban nhân dân "):
        return "UBND " + text[len("Ủy ban nhân dân ") :]
    return text


def _annex_groups(plan: Plan, status: StatusResult, lang: str) -> list[tuple[str, list]]:
    """The annex's groups, in the body's order: the outline's areas ("Lĩnh vực kinh tế",
    …) with the targets of their fields, as section I of the report runs (an area without
    a target, such as government building, has no group here); a plan without an outline
    groups by the plan's own groups. A target the outline leaves out closes the annex."""
    by_code = {r.code.upper(): r for r in status.indicators}
    out: list[tuple[str, list]] = []
    if plan.outline:
        seen: set[str] = set()
        for area in plan.outline:
            members = []
            for f in area.fields:
                for code in f.indicators:
                    r = by_code.get(code.upper())
                    if r is not None and code.upper() not in seen:
                        seen.add(code.upper())
                        members.append(r)
            if members:
                out.append((area.heading(lang), members))
        rest = [r for r in status.indicators if r.code.upper() not in seen]
        if rest:
            out.append((ANNEX_WORDS["other"](lang), rest))
        return out
    for g in plan.groups:
        members = [r for r in status.indicators if r.group == g.code]
        if members:
            out.append((g.name(lang), members))
    return out


def build_annex(
    plan: Plan, status: StatusResult, lang: str, number: str, report_date: date
) -> Annex:
    """The annex of the report for ``status.month``; ``number`` as the report's header
    gives it ("…/BC-UBND" while the office has not numbered it)."""
    period = period_words(status.year, status.month, lang)
    rows: list[AnnexRow] = []
    for i, (name, members) in enumerate(_annex_groups(plan, status, lang)):
        roman = _ROMAN[i] if i < len(_ROMAN) else str(i + 1)
        rows.append(AnnexRow((AnnexCell(roman), AnnexCell(name)), group=True))
        rows += [annex_row(plan, n, r, status, lang) for n, r in enumerate(members, 1)]
    notes = []
    if any(c.kind == POINTS for row in rows for c in row.cells):
        notes.append(ANNEX_WORDS["n_points"](lang))
    return Annex(
        label=ANNEX_WORDS["label"](lang),
        title=ANNEX_WORDS["title"](lang).format(period=period.upper()),
        subtitle=ANNEX_WORDS["subtitle"](lang).format(
            number=number, day=annex_day(report_date, lang), issuer=issuer_abbreviated(plan, lang)
        ),
        columns=columns(status.year, status.month, lang),
        rows=tuple(rows),
        notes=tuple(notes),
    )
