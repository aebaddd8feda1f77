"""The reminder letter (công văn đôn đốc) of ``kehoach missing --letter -o FILE.docx``.

A short official letter from the committee to each unit still owing figures (or one
addressed to all of them), listing what each still owes, month by month, with the
deadline and how far past it the day counted from is. :func:`build_letters` makes the
letters as data from the chase list (:class:`~kehoach.core.missing.OwedResult`);
:func:`render_letters` lays them out in one Word document, one letter a page.

Layout per Nghị định 30/2020/NĐ-CP, Phụ lục I (công văn): the issuing body and the
national motto side by side, the number and symbol ("Số: …/UBND-VP", left for the office
to fill) under the body with the summary of the subject (trích yếu "V/v …") under it, the
place and date (italic) under the motto; "Kính gửi:" then the text; "Nơi nhận" (ending
"Lưu: VT") beside the signature block. The page, fonts and the signature block are those
of the monthly report (:mod:`kehoach.render.docx`). python-docx is imported here only,
when a letter is written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

from kehoach.core.i18n import Localized, month_label
from kehoach.core.missing import OwedResult, UnitOwed

WORDS = {
    "number": Localized("Số: …/UBND-VP", "No.: …/UBND-VP"),
    "subject": Localized(
        "V/v đôn đốc gửi số liệu thực hiện các chỉ tiêu kế hoạch năm {year}",
        "Re: reminder to send the figures of the {year} plan's targets",
    ),
    "to": Localized("Kính gửi:", "To:"),
    "plan_ref": Localized(
        "Thực hiện {plan} ngày {date} của Ủy ban nhân dân thị xã về {title}; theo quy định, "
        "các đơn vị gửi số liệu thực hiện các chỉ tiêu của tháng về Ủy ban nhân dân thị xã "
        "(qua {office}) chậm nhất ngày {day} của tháng.",
        "Under {plan} of {date} of the Town People's Committee on {title}, units send "
        "each month's figures of the targets to the Town People's Committee (through the "
        "{office}) by day {day} of the month.",
    ),
    "plan_number": Localized("Kế hoạch số {number}", "Plan No. {number}"),
    "plan_no_number": Localized("Kế hoạch số …/KH-UBND", "Plan No. …/KH-UBND"),
    "owed_one": Localized(
        "Đến ngày {as_of}, {unit} còn chưa gửi các số liệu sau:",
        "As of {as_of}, {unit} has not yet sent the following figures:",
    ),
    "owed_all": Localized(
        "Đến ngày {as_of}, các đơn vị sau còn chưa gửi đủ số liệu:",
        "As of {as_of}, the following units have not yet sent all their figures:",
    ),
    "month_late": Localized(
        "{month} (hạn nộp {deadline}, đã quá hạn {n} ngày): {items}.",
        "{month} (due by {deadline}, {n} day(s) overdue): {items}.",
    ),
    "month_year_over": Localized(
        "{month} (hạn nộp {deadline}; đã hết năm kế hoạch {year}): {items}.",
        "{month} (due by {deadline}; the plan year {year} is over): {items}.",
    ),
    "month_not_yet": Localized(
        "{month} (hạn nộp {deadline}): {items}.",
        "{month} (due by {deadline}): {items}.",
    ),
    "ask_one": Localized(
        "Ủy ban nhân dân thị xã đề nghị {unit} khẩn trương hoàn thành, gửi số liệu về Ủy ban "
        "nhân dân thị xã (qua {office}) để tổng hợp, báo cáo theo quy định./.",
        "The Town People's Committee asks {unit} to complete and send these figures to the "
        "Town People's Committee (through the {office}) without delay, for the report./.",
    ),
    "ask_all": Localized(
        "Ủy ban nhân dân thị xã đề nghị các đơn vị khẩn trương hoàn thành, gửi số liệu về Ủy "
        "ban nhân dân thị xã (qua {office}) để tổng hợp, báo cáo theo quy định./.",
        "The Town People's Committee asks these units to complete and send their figures to "
        "the Town People's Committee (through the {office}) without delay, for the report./.",
    ),
    "recipients": Localized("Nơi nhận:", "Recipients:"),
    "as_above": Localized("Như trên;", "As above;"),
    "archive": Localized("Lưu: VT.", "Filed: Records."),
    "meta_title": Localized("Đôn đốc gửi số liệu", "Reminder to send figures"),
}


@dataclass(frozen=True)
class Letter:
    """One reminder letter as data: its addressees and lines, in the reader's language."""

    to: tuple[str, ...]  # one name, or several (a letter to all)
    paragraphs: tuple[str, ...]  # before the list
    owed: tuple[tuple[str, tuple[str, ...]], ...]  # (heading or "", item lines) per unit
    closing: str


@dataclass(frozen=True)
class Letters:
    """The letters of one run and what their page needs from the plan."""

    lang: str
    year: int
    day: date
    header: SimpleNamespace  # issuer, motto, number, subject, place_date
    signature: SimpleNamespace  # recipients_label, recipients, titles, name
    letters: tuple[Letter, ...]


def _day(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _items(plan, unit: UnitOwed, result: OwedResult, lang: str) -> tuple[str, ...]:
    """One line per month owed: the deadline, how late, and each figure with its name."""
    lines = []
    for m in unit.months:
        names = []
        for code in m.missing:
            ind = plan.indicator(code)
            name = ind.name(lang) if ind is not None else ""
            uom = ind.uom(lang) if ind is not None else ""
            names.append(f"{code} – {name} ({uom})" if name else code)
        params = {
            "month": month_label(result.year, m.month, lang).capitalize()
            if lang == "vi"
            else month_label(result.year, m.month, lang),
            "deadline": _day(m.deadline),
            "items": "; ".join(names),
            "year": result.year,
            "n": m.overdue_days,
        }
        if m.overdue_days:
            key = "month_late"
        elif result.past_plan_year:
            key = "month_year_over"
        else:
            key = "month_not_yet"
        lines.append(WORDS[key](lang).format(**params))
    return tuple(lines)


def build_letters(plan, result: OwedResult, lang: str, day: date, *, one: bool) -> Letters:
    """The letters to the units of ``result`` (each owing something), dated ``day``: one
    per unit, or (``one``) a single letter addressed to all of them."""
    issuer = plan.issuer
    office = issuer.office_en if lang == "en" else issuer.office_vi
    doc = plan.document
    number = (
        WORDS["plan_number"](lang).format(number=doc.number)
        if doc.number
        else WORDS["plan_no_number"](lang)
    )
    try:
        plan_day = _day(date.fromisoformat(doc.date)) if doc.date else "…"
    except ValueError:
        plan_day = doc.date
    title = (doc.title_en if lang == "en" else doc.title_vi) or ""
    # "Kế hoạch số … về thực hiện nhiệm vụ …": the plan's own title without its kind.
    for kind in ("Kế hoạch ", "Plan for "):
        if title.startswith(kind):
            title = title[len(kind) :]
    if lang == "vi" and title:
        title = title[:1].lower() + title[1:]
    intro = WORDS["plan_ref"](lang).format(
        plan=number, date=plan_day, title=title, office=office, day=plan.due_day
    )
    as_of = _day(result.as_of)
    letters = []
    if one:
        owed = tuple(
            (f"{n}. {u.name(lang)}:", _items(plan, u, result, lang))
            for n, u in enumerate(result.units, 1)
        )
        letters.append(
            Letter(
                to=tuple(u.name(lang) for u in result.units),
                paragraphs=(intro, WORDS["owed_all"](lang).format(as_of=as_of)),
                owed=owed,
                closing=WORDS["ask_all"](lang).format(office=office),
            )
        )
    else:
        for u in result.units:
            name = u.name(lang)
            letters.append(
                Letter(
                    to=(name,),
                    paragraphs=(intro, WORDS["owed_one"](lang).format(as_of=as_of, unit=name)),
                    owed=(("", _items(plan, u, result, lang)),),
                    closing=WORDS["ask_one"](lang).format(unit=name, office=office),
                )
            )
    from kehoach.report.model import date_line

    header = SimpleNamespace(
        issuer=tuple(issuer.header_en if lang == "en" else issuer.header_vi)
        or ((issuer.authority_en if lang == "en" else issuer.authority_vi),),
        motto=tuple(issuer.motto_en if lang == "en" else issuer.motto_vi),
        number=WORDS["number"](lang),
        subject=WORDS["subject"](lang).format(year=plan.year),
        place_date=date_line(issuer.place, day, lang),
    )
    report = plan.report
    signature = SimpleNamespace(
        recipients_label=WORDS["recipients"](lang),
        recipients=("- " + WORDS["as_above"](lang), "- " + WORDS["archive"](lang)),
        titles=tuple(report.signer_title_en if lang == "en" else report.signer_title_vi),
        name=report.signer_name,
    )
    return Letters(lang, plan.year, day, header, signature, tuple(letters))


def render_letters(letters: Letters) -> bytes:
    """The letters as one Word document, one letter a page; the same letters give the
    same bytes."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from kehoach.render import docx as d

    doc = Document()
    d._styles(doc, letters.lang)
    d._page(doc.sections[0])
    d._page_number(doc.sections[0])
    for n, letter in enumerate(letters.letters):
        if n:
            doc.add_page_break()
        h = letters.header
        left_mm, right_mm = 65, 100
        table = doc.add_table(rows=2, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        d._no_borders(table)
        d._widths(table, (left_mm, right_mm))
        left, right = table.rows[0].cells
        d._cell_text(left, list(h.issuer), bold=True, size=d.SMALL_PT)
        d._rule(left, 22, left_mm)
        motto = list(h.motto)
        d._cell_text(right, motto[:1], bold=True, size=d.SMALL_PT)
        for line in motto[1:]:
            d._para(
                right,
                line,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                bold=True,
                indent=False,
                after=Pt(0),
            )
        if motto:
            d._rule(right, 62, right_mm)
        number, when = table.rows[1].cells
        # A công văn: its number, and under it the subject (trích yếu), 12–13 pt upright.
        d._cell_text(number, [h.number, h.subject], size=12)
        d._cell_text(when, [h.place_date], italic=True)
        for cell in (number, when):
            cell.paragraphs[0].paragraph_format.space_before = Pt(6)
        d._para(doc, "", indent=False, after=Pt(0))
        if len(letter.to) == 1:
            d._para(
                doc,
                f"{WORDS['to'](letters.lang)} {letter.to[0]}.",
                align=WD_ALIGN_PARAGRAPH.CENTER,
                indent=False,
                before=Pt(6),
            )
        else:
            d._para(
                doc,
                WORDS["to"](letters.lang),
                align=WD_ALIGN_PARAGRAPH.CENTER,
                indent=False,
                before=Pt(6),
                after=Pt(0),
            )
            for k, name in enumerate(letter.to):
                end = "." if k == len(letter.to) - 1 else ";"
                d._para(
                    doc,
                    f"- {name}{end}",
                    align=WD_ALIGN_PARAGRAPH.LEFT,
                    indent=False,
                    left=d.Mm(55),
                    after=Pt(0),
                )
            d._para(doc, "", indent=False, after=Pt(0))
        for text in letter.paragraphs:
            d._para(doc, text)
        for heading, items in letter.owed:
            if heading:
                d._para(doc, heading, bold=True)
            for item in items:
                d._para(doc, f"- {item}")
        d._para(doc, letter.closing)
        d._signature(doc, SimpleNamespace(signature=letters.signature))
    props = doc.core_properties
    when = datetime(letters.day.year, letters.day.month, letters.day.day)
    props.author = ""
    props.last_modified_by = ""
    props.title = d.xml_text(WORDS["meta_title"](letters.lang))
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    props.language = "vi-VN" if letters.lang == "vi" else "en-GB"
    buf = io.BytesIO()
    doc.save(buf)
    return d._deterministic_zip(buf.getvalue())
