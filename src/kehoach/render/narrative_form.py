"""The form of a unit's monthly narrative report (``kehoach template UNIT --narrative``):
a Word document (.docx) or its Markdown twin (.md).

The form holds the unit's name and code, the month, the standard headings in the order a
report gives them (results; shortcomings; causes, objective and subjective; next month's
tasks; requests) and a line of guidance under each. The guidance is in its own paragraph
style (:data:`~kehoach.core.narrative_form.GUIDANCE_STYLE`, followed by Normal text when
Enter is pressed; in Markdown an HTML comment), which the reader
(:mod:`kehoach.read.narrative_form`) leaves out while it still says what the form said, so
a unit writes under the headings and sends the file back without deleting anything. The
same input gives the same bytes.
"""

from __future__ import annotations

import io
from datetime import datetime

from kehoach.core.models import Plan
from kehoach.core.narrative import TITLES_EN, TITLES_VI, SectionKey
from kehoach.core.narrative_form import FORM_PARTS, FORM_TEXT, GUIDANCE_STYLE


def _month_text(plan: Plan, month: int) -> str:
    return f"{month}/{plan.year}"


def _due(plan: Plan, month: int, lang: str) -> str:
    d = plan.deadline(month)
    return d.strftime("%d/%m/%Y") if lang == "vi" else d.isoformat()


def _heading(number: str, key: SectionKey, lang: str) -> str:
    title = TITLES_EN[key] if lang == "en" else TITLES_VI[key]
    if key == "tasks" and lang != "en":
        title = "Nhiệm vụ trọng tâm tháng tới"
    elif key == "tasks":
        title = "Main tasks for next month"
    return f"{number} {title}"


def narrative_form_markdown(plan: Plan, unit: int, month: int, lang: str = "vi") -> bytes:
    """The Markdown form (UTF-8, LF): guidance as HTML comments, which the reader skips."""
    u = plan.units[unit]
    month_text = _month_text(plan, month)
    lines = [
        "# " + FORM_TEXT["title"](lang).format(month=month_text),
        "",
        FORM_TEXT["unit"](lang).format(name=u.name(lang), code=u.code),
        "",
        FORM_TEXT["month"](lang).format(month=month_text),
        "",
        "<!-- "
        + FORM_TEXT["intro"](lang).format(due=_due(plan, month, lang), suffix=".md")
        + " -->",
    ]
    for number, key, guidance in FORM_PARTS:
        level = "###" if key.startswith("causes_") else "##"
        lines += ["", f"{level} {_heading(number, key, lang)}", "", f"<!-- {guidance(lang)} -->"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def narrative_form_docx(plan: Plan, unit: int, month: int, lang: str = "vi") -> bytes:
    """The Word form's bytes; the same plan, unit, month and language give the same bytes."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from kehoach.render.docx import FONT, _deterministic_zip, _fonts, _page, _styles, xml_text

    u = plan.units[unit]
    month_text = _month_text(plan, month)
    doc = Document()
    _styles(doc, lang)
    _page(doc.sections[0])
    guidance = doc.styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    guidance.base_style = doc.styles["Normal"]
    guidance.font.italic = True
    guidance.font.size = Pt(12)
    guidance.paragraph_format.space_after = Pt(6)
    # Enter at the end of a guidance line starts normal text: what the unit types is content.
    guidance.next_paragraph_style = doc.styles["Normal"]
    for level in (1, 2):
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(13)
        style.font.bold = True
        style.font.italic = level == 2
        style.font.color.rgb = None
        _fonts(style.element)
        fonts = style.element.rPr.rFonts
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)  # a theme font would win over Times New Roman
        style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(6)

    def centred(text: str, *, bold: bool = False, size: int = 14) -> None:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(xml_text(text))
        run.bold = bold or None
        run.font.size = Pt(size)

    centred(FORM_TEXT["title"](lang).format(month=month_text), bold=True)
    doc.add_paragraph(xml_text(FORM_TEXT["unit"](lang).format(name=u.name(lang), code=u.code)))
    doc.add_paragraph(xml_text(FORM_TEXT["month"](lang).format(month=month_text)))
    doc.add_paragraph(
        xml_text(FORM_TEXT["intro"](lang).format(due=_due(plan, month, lang), suffix=".docx")),
        style=guidance,
    )
    for number, key, text in FORM_PARTS:
        level = 2 if key.startswith("causes_") else 1
        doc.add_heading(xml_text(_heading(number, key, lang)), level=level)
        doc.add_paragraph(xml_text(text(lang)), style=guidance)

    props = doc.core_properties
    when = datetime(plan.year, month, 1)
    props.author = xml_text(u.name(lang))
    props.last_modified_by = ""
    props.title = xml_text(FORM_TEXT["title"](lang).format(month=month_text))
    props.subject = ""
    props.keywords = f"kehoach: {u.code} {plan.year:04d}-{month:02d}"
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    props.language = "en-GB" if lang == "en" else "vi-VN"
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue())
