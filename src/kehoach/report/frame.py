"""The report's frame: its title, naming the period and the tasks ahead, and its opening,
citing the plan's basis and the plan itself with its number and date.

A monthly socio-economic report is titled by the period it covers and what comes next
("… tháng 9 và 9 tháng năm 2020; nhiệm vụ trọng tâm 3 tháng cuối năm"): at a quarter's
end the coming quarter, at the half-year the second half, at nine months the last three
months, in December the coming year, otherwise the coming month. Its opening cites what it
carries out, the council's resolution first, as the plan itself cites it, then the plan
("Kế hoạch số …/KH-UBND ngày 22/01/2020 của UBND thị xã …"), the way a document names
another under Nghị định 30/2020/NĐ-CP (kind, number and symbol, date, issuing body, and
what it is about). Pure: no file, no clock.
"""

from __future__ import annotations

from datetime import date

from kehoach.core.i18n import EN_MONTHS, Localized
from kehoach.core.models import Plan
from kehoach.report.model import issuer_short, period_words, short_date

FRAME_WORDS = {
    "ahead_month": Localized("tháng {m}", "{month}"),
    "ahead_q2": Localized("quý II", "the second quarter"),
    "ahead_h2": Localized("6 tháng cuối năm", "the second half of the year"),
    "ahead_q4": Localized("3 tháng cuối năm", "the last three months of the year"),
    "ahead_year": Localized("năm {y}", "{y}"),
    "title": Localized(
        "{title} {period}; nhiệm vụ trọng tâm {ahead}",
        "{title}, {period}; key tasks for {ahead}",
    ),
    "plan_ref": Localized(
        "Kế hoạch số {number} ngày {date} của {issuer}{about}",
        "Plan No. {number} of {date} of {issuer}{about}",
    ),
    "plan_ref_titled": Localized(
        "{title} số {number} ngày {date} của {issuer}",
        "{title} No. {number} of {date} of {issuer}",
    ),
    "about": Localized(" về {what}", " on {what}"),
    "opening": Localized(
        "Thực hiện {cited}, {subject} báo cáo kết quả thực hiện {period}, nhiệm vụ trọng "
        "tâm {ahead} như sau:",
        "Pursuant to {cited}, {subject} reports on the results of {period} and the key tasks "
        "for {ahead} as follows:",
    ),
    "and": Localized(" và ", " and "),
    "blank_number": Localized("…/{suffix}", "…/{suffix}"),
}

# The words a plan's title begins with, dropped when the plan is cited by its kind
# ("Kế hoạch số … về thực hiện nhiệm vụ …").
_PLAN_WORD = {"vi": "Kế hoạch ", "en": "Plan for "}


def tasks_ahead(year: int, month: int, lang: str) -> str:
    """What the tasks look to after ``month``: 'tháng 10', 'quý II', '6 tháng cuối năm',
    '3 tháng cuối năm', 'năm 2021'."""
    fixed = {3: "ahead_q2", 6: "ahead_h2", 9: "ahead_q4"}
    if month in fixed:
        return FRAME_WORDS[fixed[month]](lang)
    if month >= 12:
        return FRAME_WORDS["ahead_year"](lang).format(y=year + 1)
    return FRAME_WORDS["ahead_month"](lang).format(m=month + 1, month=EN_MONTHS[month])


def report_title(plan: Plan, year: int, month: int, lang: str) -> str:
    """'Tình hình thực hiện … tháng 9 và 9 tháng năm 2020; nhiệm vụ trọng tâm 3 tháng cuối
    năm'."""
    title = plan.report.title_en if lang == "en" else plan.report.title_vi
    return FRAME_WORDS["title"](lang).format(
        title=title, period=period_words(year, month, lang), ahead=tasks_ahead(year, month, lang)
    )


def plan_number(plan: Plan, lang: str) -> str:
    """The plan's number and symbol ('15/KH-UBND'), or '…/KH-UBND' when the plan file has
    none (the source text does not give it)."""
    doc = plan.document
    text = doc.number.strip()
    if not text:
        return FRAME_WORDS["blank_number"](lang).format(suffix=doc.number_suffix)
    return text if "/" in text else f"{text}/{doc.number_suffix}"


def plan_reference(plan: Plan, lang: str) -> str:
    """'Kế hoạch số …/KH-UBND ngày 22/01/2020 của UBND thị xã về thực hiện nhiệm vụ …'."""
    doc = plan.document
    title = (doc.title_en if lang == "en" else doc.title_vi).strip()
    try:
        day = date.fromisoformat(doc.date.strip())
    except ValueError:
        day = None
    when = short_date(day, lang) if day else (doc.date or "…")
    issuer = _citing_issuer(plan, lang)
    number = plan_number(plan, lang)
    word = _PLAN_WORD[lang if lang == "en" else "vi"]
    if title and not title.startswith(word):
        return FRAME_WORDS["plan_ref_titled"](lang).format(
            title=title, number=number, date=when, issuer=issuer
        )
    what = title[len(word) :].strip()
    about = FRAME_WORDS["about"](lang).format(what=what) if what else ""
    return FRAME_WORDS["plan_ref"](lang).format(
        number=number, date=when, issuer=issuer, about=about
    )


def _citing_issuer(plan: Plan, lang: str) -> str:
    """The committee citing its own plan: 'UBND thị xã' / 'the Town People's Committee'."""
    if lang == "en":
        return "the Committee"
    short = issuer_short(plan, lang)
    if short.startswith("Ủy ban nhân dân "):
        return "UBND " + short[len("Ủy ban nhân dân ") :]
    return short


def opening_text(plan: Plan, year: int, month: int, lang: str) -> str:
    """'Thực hiện Nghị quyết Kỳ họp thứ 9 - HĐND thị xã khóa VI và Kế hoạch số …/KH-UBND
    ngày 22/01/2020 của UBND thị xã về …, Ủy ban nhân dân thị xã báo cáo kết quả thực hiện
    tháng 9 và 9 tháng năm 2020, nhiệm vụ trọng tâm 3 tháng cuối năm như sau:'."""
    basis = (plan.report.basis_en if lang == "en" else plan.report.basis_vi).strip()
    cited = [b for b in (basis, plan_reference(plan, lang)) if b]
    subject = "the Committee" if lang == "en" else issuer_short(plan, lang)
    return FRAME_WORDS["opening"](lang).format(
        cited=FRAME_WORDS["and"](lang).join(cited),
        subject=subject,
        period=period_words(year, month, lang),
        ahead=tasks_ahead(year, month, lang),
    )
