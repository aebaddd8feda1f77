"""The report (:class:`kehoach.report.model.Report`) as a Word document (.docx).

Laid out per Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins 20 mm top and bottom, 30 mm
left, 15 mm right; Times New Roman, 14 pt text; the issuing body and the national motto
side by side in a borderless two-column table, the number under the body and the place
and date (italic) under the motto; the kind of document and its title bold and centred;
"Nơi nhận" beside the signature block, the two kept on one page; black text; the page
number at the top centre from the second page. The annex (phụ lục) follows in a landscape
section of its own, its pages numbered from 1, its two header rows repeated on every page.

The bytes depend on the report alone: the core properties (created, modified, revision)
are fixed from the report's date and every part of the package is stored with the same
timestamp, so the same data gives the same file. python-docx is imported here only, and
this module only when a Word report is asked for.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from kehoach.core.safetext import visible
from kehoach.report.model import Figure, Heading, Items, Para, Quotes, Report, SummaryTable, Table

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 13
TABLE_PT = 11
INDENT = Mm(12.7)  # first-line indent of a paragraph
NO_SPACE = Pt(0)
SPACE_AFTER = Pt(6)  # Nghị định 30/2020: at least 6 pt between paragraphs


def _mm(mm: float) -> Twips:
    """A length Word stores in twentieths of a point, rounded up: never below ``mm``."""
    return Twips(math.ceil(Mm(mm) / 635))


TOP, BOTTOM, LEFT, RIGHT = _mm(20), _mm(20), _mm(30), _mm(15)
A4_W, A4_H = _mm(210), _mm(297)

# Widths of the summary table's columns in a landscape text block of 297 − 45 = 252 mm.
TABLE_MM = (60, 24, 32, 21, 18, 18, 14, 17, 18, 30)

# Every part of the package gets this timestamp (the zip format's earliest date).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# ------------------------------------------------------------------------ helpers


def _fonts(rpr_parent, lang: str | None = None) -> None:
    """Times New Roman for every script, so Vietnamese diacritics use the same face; the
    proofing language when given (the Normal style carries it for the whole text)."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if lang is None:
        return
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)


# What XML 1.0 cannot hold at all: surrogates and the two non-characters U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text a Word file can hold: control characters a note or a tasks file may carry are
    shown as visible signs (as on a terminal), never dropped silently or left to break the
    file; what XML cannot hold at all becomes U+FFFD."""
    return _NOT_XML.sub("\ufffd", visible(text))


def _run(paragraph, text: str, *, bold=False, italic=False, size=BODY_PT, underline=False):
    run = paragraph.add_run(xml_text(text))
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    run.font.size = Pt(size)  # the face comes from the Normal style
    return run


def _para(
    container,
    text: str = "",
    *,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    bold=False,
    italic=False,
    size=BODY_PT,
    indent=True,
    left=None,
    before=NO_SPACE,
    after=SPACE_AFTER,
):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = before
    fmt.space_after = after
    fmt.line_spacing = 1.15
    if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY:
        fmt.first_line_indent = INDENT
    if left is not None:
        fmt.left_indent = left
    if text:
        _run(p, text, bold=bold, italic=italic, size=size)
    return p


def _rule(container, width_mm: float, cell_mm: float) -> None:
    """A short centred line under a heading block: a bottom border on an empty paragraph."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    side = Mm(max((cell_mm - width_mm) / 2, 0))
    fmt.left_indent = side
    fmt.right_indent = side
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    ppr.append(borders)
    _run(p, "", size=2)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_mm) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=False):
        col.set(qn("w:w"), str(int(Mm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(w)


def _cell_text(cell, lines, *, bold=False, italic=False, size=SMALL_PT, align=None):
    """Replace a cell's content by ``lines``, one paragraph each."""
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    for line in lines:
        _para(
            cell,
            line,
            align=align if align is not None else WD_ALIGN_PARAGRAPH.CENTER,
            bold=bold,
            italic=italic,
            size=size,
            indent=False,
            after=Pt(0),
        )


def _page_number(section) -> None:
    """The page number at the top centre of every page but the first: a PAGE field in the
    section's header, and a first-page header left empty (Nghị định 30/2020/NĐ-CP, Phụ lục
    I: page numbers in Arabic figures, 13–14 pt, centred in the top margin, not shown on
    the first page)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = _run(p, "", size=BODY_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
        if kind == "separate":
            t = OxmlElement("w:t")
            t.text = "1"
            run._r.append(t)


def _page(section, *, landscape: bool = False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (A4_H, A4_W) if landscape else (A4_W, A4_H)
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


# ------------------------------------------------------------------------- parts


def _header(doc, report: Report) -> None:
    h = report.header
    left_mm, right_mm = 65, 100
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _widths(table, (left_mm, right_mm))
    left, right = table.rows[0].cells
    issuer = list(h.issuer)
    # The issuing body: every line bold, as Phụ lục I sets "ỦY BAN NHÂN DÂN / THỊ XÃ …".
    _cell_text(left, issuer, bold=True, size=SMALL_PT)
    _rule(left, 22, left_mm)
    motto = list(h.motto)
    _cell_text(right, motto[:1], bold=True, size=SMALL_PT)
    for line in motto[1:]:
        _para(
            right,
            line,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            bold=True,
            size=BODY_PT,
            indent=False,
            after=Pt(0),
        )
    if motto:
        _rule(right, 62, right_mm)
    number, when = table.rows[1].cells
    _cell_text(number, [h.number], size=SMALL_PT)
    _cell_text(when, [h.place_date], italic=True, size=BODY_PT)
    for cell in (number, when):
        cell.paragraphs[0].paragraph_format.space_before = Pt(6)

    _para(doc, "", after=Pt(0), indent=False)
    _para(
        doc, h.kind, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, before=Pt(12),
        after=Pt(0),
    )  # fmt: skip
    _para(doc, h.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False, after=Pt(0))
    _rule(doc, 35, 165)
    _para(doc, "", after=Pt(0), indent=False)


def _body(doc, report: Report) -> None:
    _para(doc, report.opening)
    for block in report.body:
        if isinstance(block, Heading):
            # "a) Sản xuất nông nghiệp": a field under its area, bold italic
            heading = _para(doc, block.text, bold=True, italic=block.level >= 3, before=SPACE_AFTER)
            # a heading never ends a page alone, apart from the text it heads
            heading.paragraph_format.keep_with_next = True
        elif isinstance(block, Para):
            _para(doc, block.text)
        elif isinstance(block, Items):
            for item in block.items:
                _para(doc, f"- {item}")
        elif isinstance(block, Quotes):
            for item in block.items:
                _para(doc, item, italic=True, indent=False, left=INDENT)
        elif isinstance(block, Table):
            _small_table(doc, block)
        elif isinstance(block, Figure):
            _figure(doc, block)
    _para(doc, report.closing)


def _small_table(doc, block: Table) -> None:
    """A ward table: its caption, then a gridded table with a repeated header row."""
    if block.caption:  # a unit's own table in the draft comes without one
        _para(doc, block.caption, italic=True, indent=False, after=Pt(2), before=Pt(6))
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, block.headers, strict=True):
        _cell_text(cell, [text], bold=True, size=TABLE_PT)
    _repeat_header(table.rows[0])
    for data in block.rows:
        row = table.add_row()
        _cant_split(row)
        for i, (cell, text) in enumerate(zip(row.cells, data, strict=True)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if i in block.right else WD_ALIGN_PARAGRAPH.LEFT
            _cell_text(cell, [text], size=TABLE_PT, align=align)
    _para(doc, "", indent=False, after=Pt(0))


def _figure(doc, block: Figure) -> None:
    """A chart, centred at the text width, its caption under it."""
    import io

    from docx.shared import Mm as _Mm

    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.add_run().add_picture(io.BytesIO(block.png), width=_Mm(150))
    _para(doc, block.caption, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, indent=False,
          size=12)  # fmt: skip


def _signature(doc, report: Report) -> None:
    s = report.signature
    _para(doc, "", indent=False, after=NO_SPACE)
    left_mm, right_mm = 80, 85
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, (left_mm, right_mm))
    left, right = table.rows[0].cells
    _cell_text(
        left, [s.recipients_label], bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    for line in s.recipients:
        _para(left, line, align=WD_ALIGN_PARAGRAPH.LEFT, size=11, indent=False, after=Pt(0))
    _cell_text(right, list(s.titles), bold=True, size=BODY_PT)
    for _ in range(4):
        _para(right, "", indent=False, after=Pt(0))
    if s.name:
        _para(right, s.name, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False)
    _keep_signature_together(doc, table)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _keep_signature_together(doc, table) -> None:
    """Nơi nhận and the signature on one page: the block is one table row that cannot
    break across pages, and the closing sentence before it stays with it."""
    for row in table.rows:
        _cant_split(row)
    paragraphs = doc.paragraphs
    for p in paragraphs[-2:]:  # the closing sentence and the blank line after it
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.keep_together = True


def _black_text(doc) -> None:
    """Black text throughout (Nghị định 30/2020/NĐ-CP, Phụ lục I): the Normal style and
    the table style set it, so no run inherits a theme colour."""
    from docx.shared import RGBColor

    for name in ("Normal", "Table Grid"):
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)


# Widths of the annex's columns in a landscape text block of 297 − 45 = 252 mm:
# STT, Chỉ tiêu, Đơn vị tính, KH năm, TH tháng, Lũy kế, Cùng kỳ, So sánh KH, CK, Ghi chú.
ANNEX_MM = (12, 62, 23, 29, 20, 22, 19, 15, 20, 30)
ANNEX_PT = 12


def _annex_section(doc):
    """The annex on its own pages: a new landscape section whose pages are numbered on
    their own from 1, the number shown from its second page (Nghị định 30/2020/NĐ-CP,
    Phụ lục I: an annex's pages are numbered separately)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    section.different_first_page_header_footer = True
    sect_pr = section._sectPr
    numbering = sect_pr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        sect_pr.append(numbering)
    numbering.set(qn("w:start"), "1")
    return section


def _annex(doc, annex) -> None:
    """The annex (kehoach.report.annex.Annex): "Phụ lục", its title, "(Kèm theo Báo cáo
    số … ngày … của …)" and a short rule, then the table with two header rows Word
    repeats on every page ("So sánh (%)" spanning "KH" and "CK")."""
    _annex_section(doc)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, annex.label, align=centre, bold=True, indent=False, after=Pt(0))
    _para(doc, annex.title, align=centre, bold=True, indent=False, after=Pt(0))
    _para(doc, annex.subtitle, align=centre, italic=True, indent=False, after=Pt(0))
    _rule(doc, 30, 252)
    _para(doc, "", indent=False, after=Pt(0), size=6)
    cols = annex.columns
    n = len(cols)
    table = doc.add_table(rows=2, cols=n)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, ANNEX_MM)
    top, sub = table.rows
    i = 0
    while i < n:
        col = cols[i]
        if col.parent:
            span = 1
            while i + span < n and cols[i + span].parent == col.parent:
                span += 1
            parent = top.cells[i].merge(top.cells[i + span - 1]) if span > 1 else top.cells[i]
            _cell_text(parent, [col.parent], bold=True, size=ANNEX_PT)
            for j in range(i, i + span):
                _cell_text(sub.cells[j], [cols[j].label], bold=True, size=ANNEX_PT)
            i += span
            continue
        cell = top.cells[i].merge(sub.cells[i])
        _cell_text(cell, [col.label], bold=True, size=ANNEX_PT)
        i += 1
    # Heights the header needs (three lines of 12 pt over the two rows), set so that a
    # viewer repeating the header on the next page gives it the same room.
    for row, mm in ((top, 11), (sub, 6)):
        row.height = Mm(mm)
        _repeat_header(row)
        _cant_split(row)
        for cell in row.cells:
            _middle(cell)
    for data in annex.rows:
        row = table.add_row()
        _cant_split(row)
        if data.group:
            _cell_text(row.cells[0], [data.cells[0].text], bold=True, size=ANNEX_PT)
            merged = row.cells[1].merge(row.cells[-1])
            _cell_text(
                merged, [data.cells[1].text], bold=True, size=ANNEX_PT,
                align=WD_ALIGN_PARAGRAPH.LEFT,
            )  # fmt: skip
            for cell in (row.cells[0], merged):  # a group's heading stays with its first row
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
            continue
        for col, cell, value in zip(cols, row.cells, data.cells, strict=True):
            text = value.text
            if col.key in ("name", "remarks"):
                align = WD_ALIGN_PARAGRAPH.LEFT
            elif col.numeric and value.value is not None:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                align = centre
            if col.key == "uom":
                # "triệu đồng/người/năm" may break after a slash, not inside a word
                text = text.replace("/", "/\u200b")
            _cell_text(cell, [text], size=ANNEX_PT, align=align)
    _widths(table, ANNEX_MM)
    for row in table.rows:  # single line spacing in the table: more rows on a page
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.line_spacing = 1.0
                p.paragraph_format.space_before = Pt(1)
                p.paragraph_format.space_after = Pt(1)
    for note in annex.notes:
        _para(doc, note, italic=True, size=ANNEX_PT, indent=False, after=Pt(0), before=Pt(3))


def _middle(cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), "center")
    tc_pr.append(align)


def _summary(doc, table_data: SummaryTable) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    _para(
        doc, table_data.title, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, indent=False,
        after=Pt(0),
    )  # fmt: skip
    _para(doc, table_data.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, indent=False)
    heads = table_data.headers
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_text(cell, [text], bold=True, size=TABLE_PT)
    _repeat_header(table.rows[0])
    for data in table_data.rows:
        row = table.add_row()
        _cant_split(row)
        if data.is_group:
            merged = row.cells[0].merge(row.cells[-1])
            _cell_text(
                merged, [data.cells[0]], bold=True, size=TABLE_PT, align=WD_ALIGN_PARAGRAPH.LEFT
            )
            continue
        for i, (cell, text) in enumerate(zip(row.cells, data.cells, strict=True)):
            if i == 0:
                align = WD_ALIGN_PARAGRAPH.LEFT
            elif i in table_data.numeric and text[:1] in "0123456789+−-±":
                align = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                align = WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cell, [text], size=TABLE_PT, align=align)
    _widths(table, TABLE_MM)
    for note in table_data.notes:
        _para(doc, note, italic=True, size=12, indent=False, after=Pt(0), before=Pt(3))


def _styles(doc, lang: str) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element, "en-GB" if lang == "en" else "vi-VN")
    normal.paragraph_format.space_after = Pt(0)


def _fixed_properties(doc, report: Report) -> None:
    props = doc.core_properties
    when = datetime(report.year or 2000, max(report.month, 1), 1)
    props.author = xml_text(report.author)
    props.last_modified_by = xml_text(report.author)
    props.title = xml_text(report.meta_title)
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
    props.language = "vi-VN" if report.lang == "vi" else "en-GB"


def _deterministic_zip(data: bytes) -> bytes:
    """The package rewritten with one fixed timestamp on every part, in the same order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(report: Report) -> bytes:
    """The .docx file's bytes; the same report gives the same bytes."""
    doc = Document()
    _styles(doc, report.lang)
    _page(doc.sections[0])
    _page_number(doc.sections[0])
    _header(doc, report)
    _body(doc, report)
    if not report.worksheet:  # the worksheet is not signed
        _signature(doc, report)
    if report.annex is not None:
        _annex(doc, report.annex)
    else:
        _summary(doc, report.table)
    _black_text(doc)
    _fixed_properties(doc, report)
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue())
