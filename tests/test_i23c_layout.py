"""The signed document's layout per Nghị định 30/2020/NĐ-CP and its annex (issue 23, the
layout and the annex): page numbers, the signature block, black text, the title and the
opening, the signer, the annex in Word, Markdown and text, and ``status --xlsx`` as the
printed annex. Word files and workbooks are read back with python-docx and openpyxl."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAN_PATH, TEST_DATA
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook

from kehoach.core.attainment import compute_status
from kehoach.read.datafolder import load_data
from kehoach.report.annex import PERCENT, POINTS, build_annex, plan_cell
from kehoach.report.document import build_document
from kehoach.report.frame import plan_reference, report_title, tasks_ahead

SEPT = TEST_DATA / "report" / "sept"
CODE_PATTERN = re.compile(r"[A-Z]{2}\d{2}")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def september(plan):
    load = load_data(plan, SEPT)
    return plan, load, compute_status(plan, load.dataset, 9)


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    """The September draft as Word, in Vietnamese and in English."""
    from typer.testing import CliRunner

    from kehoach.cli import app

    out = {}
    folder = tmp_path_factory.mktemp("docx")
    for lang in ("vi", "en"):
        path = folder / f"bc-{lang}.docx"
        args = ["report", "--month", "2020-09", "--data", str(SEPT), "--lang", lang]
        result = CliRunner().invoke(app, [*args, "--plan", str(PLAN_PATH), "-o", str(path)])
        assert result.exit_code == 0, result.output
        out[lang] = Document(str(path))
    return out


def _text_of(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _annex_elements(doc):
    """The body's elements from the annex's heading ("Phụ lục" / "Annex") on."""
    children = list(doc.element.body.iterchildren())
    start = next(
        i
        for i, el in enumerate(children)
        if el.tag == f"{W}p" and _text_of(el) in ("Phụ lục", "Annex")
    )
    return children[start:]


# ------------------------------------------------------------------ page numbers


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_number_top_centre_not_on_the_first_page(word, lang):
    doc = word[lang]
    first = doc.sections[0]
    assert first.different_first_page_header_footer is True
    header = first.header
    assert not header.is_linked_to_previous
    fields = [i.text.strip() for i in header._element.iter(f"{W}instrText")]
    assert fields == ["PAGE"]
    assert header.paragraphs[0].alignment == 1  # centred
    begin = [c.get(qn("w:fldCharType")) for c in header._element.iter(f"{W}fldChar")]
    assert begin == ["begin", "separate", "end"]
    # the first page's header has no number, and no footer carries one
    assert "PAGE" not in first.first_page_header._element.xml
    for section in doc.sections:
        assert "PAGE" not in section.footer._element.xml
    sizes = {r.font.size.pt for p in header.paragraphs for r in p.runs if r.font.size}
    assert sizes and all(13 <= s <= 14 for s in sizes)


def test_annex_pages_numbered_on_their_own(word):
    doc = word["vi"]
    assert len(doc.sections) == 2
    annex = doc.sections[-1]
    assert annex.start_type == 2  # WD_SECTION.NEW_PAGE
    assert annex.different_first_page_header_footer is True
    numbering = annex._sectPr.find(qn("w:pgNumType"))
    assert numbering is not None and numbering.get(qn("w:start")) == "1"
    # the header with the number is the one the body's pages use
    assert "PAGE" in annex.header._element.xml


def test_a4_margins_per_decree_30(word):
    for section in word["vi"].sections:
        assert abs(min(section.page_width, section.page_height) - Mm(210)) < Mm(0.1)
        assert abs(max(section.page_width, section.page_height) - Mm(297)) < Mm(0.1)
        assert Mm(20) <= section.top_margin <= Mm(25)
        assert Mm(20) <= section.bottom_margin <= Mm(25)
        assert Mm(30) <= section.left_margin <= Mm(35)
        assert Mm(15) <= section.right_margin <= Mm(20)
    assert word["vi"].sections[-1].page_width > word["vi"].sections[-1].page_height


# ------------------------------------------------------------ the signature block


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_signature_and_recipients_cannot_split(word, lang):
    doc = word[lang]
    label = "Nơi nhận:" if lang == "vi" else "Recipients:"
    sign = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith(label))
    assert len(sign.rows) == 1  # nơi nhận and the signature side by side, one row
    assert sign.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    # the closing sentence and the blank line before the block stay with it
    body = list(doc.element.body.iterchildren())
    at = body.index(sign._tbl)
    before = [el for el in body[at - 2 : at] if el.tag == f"{W}p"]
    assert len(before) == 2
    assert _text_of(before[0]).startswith("Trên đây" if lang == "vi" else "This concludes")
    for p in before:
        assert p.find(f"{W}pPr/{W}keepNext") is not None


# ------------------------------------------------------------------- black text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_black_text_only(word, lang):
    doc = word[lang]
    parts = [doc.element, *(s.header._element for s in doc.sections)]
    colours = {
        c.get(qn("w:val")) for part in parts for c in part.iter(f"{W}color")
    }  # runs that name a colour
    assert colours <= {"000000", "auto"}, colours
    highlights = [h for part in parts for h in part.iter(f"{W}highlight")]
    assert highlights == []
    for name in ("Normal", "Table Grid"):
        rgb = doc.styles[name].font.color.rgb
        assert rgb is not None and str(rgb) == "000000"


# ------------------------------------------------------------ title and opening


def test_tasks_ahead_per_period():
    assert [tasks_ahead(2020, m, "vi") for m in range(1, 13)] == [
        "tháng 2",
        "tháng 3",
        "quý II",
        "tháng 5",
        "tháng 6",
        "6 tháng cuối năm",
        "tháng 8",
        "tháng 9",
        "3 tháng cuối năm",
        "tháng 11",
        "tháng 12",
        "năm 2021",
    ]
    assert tasks_ahead(2020, 9, "en") == "the last three months of the year"
    assert tasks_ahead(2020, 4, "en") == "May"


def test_title_names_the_period_and_the_tasks_ahead(plan, word):
    base = (
        "Tình hình thực hiện các chỉ tiêu kế hoạch phát triển kinh tế - xã hội, đảm bảo "
        "quốc phòng - an ninh "
    )
    assert report_title(plan, 2020, 9, "vi") == (
        base + "tháng 9 và 9 tháng năm 2020; nhiệm vụ trọng tâm 3 tháng cuối năm"
    )
    assert report_title(plan, 2020, 3, "vi") == (
        base + "tháng 3 và quý I năm 2020; nhiệm vụ trọng tâm quý II"
    )
    assert report_title(plan, 2020, 8, "vi") == (
        base + "tháng 8 và 8 tháng năm 2020; nhiệm vụ trọng tâm tháng 9"
    )
    assert report_title(plan, 2020, 12, "vi").endswith("cả năm 2020; nhiệm vụ trọng tâm năm 2021")
    paragraphs = [p.text for p in word["vi"].paragraphs]
    at = paragraphs.index("BÁO CÁO")
    assert paragraphs[at + 1] == report_title(plan, 2020, 9, "vi")
    assert word["vi"].core_properties.title == "BÁO CÁO " + report_title(plan, 2020, 9, "vi")


def test_opening_cites_the_basis_and_the_plan(plan, september, word):
    _, load, status = september
    report = build_document(plan, status, load, "vi", date(2020, 9, 22))
    assert report.opening == (
        "Thực hiện Nghị quyết Kỳ họp thứ 9 - HĐND thị xã khóa VI và Kế hoạch số …/KH-UBND "
        "ngày 22/01/2020 của UBND thị xã về thực hiện nhiệm vụ phát triển kinh tế - xã hội, "
        "đảm bảo quốc phòng - an ninh năm 2020, Ủy ban nhân dân thị xã báo cáo kết quả thực "
        "hiện tháng 9 và 9 tháng năm 2020, nhiệm vụ trọng tâm 3 tháng cuối năm như sau:"
    )
    assert report.opening in [p.text for p in word["vi"].paragraphs]
    english = build_document(plan, status, load, "en", date(2020, 9, 22)).opening
    assert english.startswith(
        "Pursuant to the Resolution of the 9th Session of the 6th-term Town People's Council "
        "and Plan No. …/KH-UBND of 22 January 2020 of the Committee on carrying out the 2020 "
        "tasks"
    )


def test_the_plan_cited_with_its_number(plan):
    numbered = plan.model_copy(
        update={"document": plan.document.model_copy(update={"number": "15"})}
    )
    assert plan_reference(numbered, "vi").startswith("Kế hoạch số 15/KH-UBND ngày 22/01/2020")
    full = plan.model_copy(
        update={"document": plan.document.model_copy(update={"number": "09/KH-UBND"})}
    )
    assert plan_reference(full, "vi").startswith("Kế hoạch số 09/KH-UBND ngày 22/01/2020")
    # a plan whose title is not "Kế hoạch …" is cited by its title
    other = plan.model_copy(
        update={"document": plan.document.model_copy(update={"title_vi": "Chương trình X"})}
    )
    assert plan_reference(other, "vi") == (
        "Chương trình X số …/KH-UBND ngày 22/01/2020 của UBND thị xã"
    )


def test_no_basis_no_basis_cited(plan, september):
    _, load, status = september
    info = plan.report.model_copy(update={"basis_vi": ""})
    bare = plan.model_copy(update={"report": info})
    opening = build_document(bare, status, load, "vi", date(2020, 9, 22)).opening
    assert opening.startswith("Thực hiện Kế hoạch số …/KH-UBND ngày 22/01/2020")
    assert "Nghị quyết" not in opening


# ------------------------------------------------------------------- the signer


def _signature_lines(doc) -> list[str]:
    sign = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    return sign.rows[0].cells[1].text.splitlines()


def test_signer_from_the_option(run, tmp_path):
    out = tmp_path / "bc.docx"
    result = run(
        "report", "--month", "2020-09", "--data", SEPT, "--signer", "Nguyễn  Văn A", "-o", out
    )
    assert result.exit_code == 0, result.stderr
    lines = _signature_lines(Document(str(out)))
    assert lines[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert lines[-1] == "Nguyễn Văn A"
    md = run("report", "--month", "2020-09", "--data", SEPT, "--format", "markdown",
             "--signer", "Nguyễn Văn A").stdout  # fmt: skip
    assert "**Nguyễn Văn A** |" in md


def test_signer_from_the_plan_and_the_option_wins(run, tmp_path):
    text = PLAN_PATH.read_text(encoding="utf-8")
    assert '  signer_name: ""\n' in text
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        text.replace('  signer_name: ""\n', '  signer_name: "Trần Thị B"\n'), encoding="utf-8"
    )
    args = ("report", "--month", "2020-09", "--data", SEPT, "--plan", plan_file)
    assert "**Trần Thị B** |" in run(*args, "--format", "markdown").stdout
    out = tmp_path / "bc.docx"
    assert run(*args, "-o", out).exit_code == 0
    assert _signature_lines(Document(str(out)))[-1] == "Trần Thị B"
    shown = run(*args, "--format", "markdown", "--signer", "Lê Văn C").stdout
    assert "**Lê Văn C** |" in shown and "Trần Thị B" not in shown


@pytest.mark.parametrize("bad", ["", "   ", "Nguyễn\nVăn A", "x" * 81, "A\x07B"])
def test_a_bad_signer_exits_2(run, bad):
    result = run("report", "--month", "2020-09", "--data", SEPT, "--signer", bad)
    assert result.exit_code == 2
    assert "Tên người ký" in result.stderr
    assert "Traceback" not in result.stderr


# -------------------------------------------------------------- the annex in Word


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_annex_has_no_indicator_code(word, lang):
    paragraphs = [p for el in _annex_elements(word[lang]) for p in el.iter(f"{W}p")]
    text = "\n".join(_text_of(p) for p in paragraphs)
    assert CODE_PATTERN.search(text) is None
    assert ("Đơn vị tính" if lang == "vi" else "Unit") in text


def test_annex_heading_per_decree_30(word):
    doc = word["vi"]
    heads = [el for el in _annex_elements(doc) if el.tag == f"{W}p"][:3]
    label, title, subtitle = (_text_of(p) for p in heads)
    assert label == "Phụ lục"
    assert title == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU THÁNG 9 VÀ 9 THÁNG NĂM 2020"
    assert subtitle == (
        "(Kèm theo Báo cáo số …/BC-UBND ngày 22 tháng 9 năm 2020 của UBND thị xã Hồng Lĩnh)"
    )
    paragraphs = {p.text: p for p in doc.paragraphs}
    assert all(r.bold for r in paragraphs[label].runs)
    assert all(r.bold for r in paragraphs[title].runs)
    assert all(r.italic for r in paragraphs[subtitle].runs)
    for text in (label, title, subtitle):
        assert paragraphs[text].alignment == 1
    # the annex starts its own section: it comes after the signature block
    body = list(doc.element.body.iterchildren())
    sign = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    assert body.index(sign._tbl) < body.index(heads[0])


def test_annex_table_rows(word, september):
    _, _, status = september
    table = word["vi"].tables[-1]
    for row in table.rows[:2]:
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[0].cells[7]._tc is table.rows[0].cells[8]._tc  # "So sánh (%)" spans
    assert table.rows[0].cells[0]._tc is table.rows[1].cells[0]._tc  # STT spans both rows
    rows = [[c.text.replace("\u200b", "") for c in r.cells] for r in table.rows[2:]]
    # STT restarts in every group; the group's row carries the roman numeral
    stt = [r[0] for r in rows]
    assert stt[:3] == ["I", "1", "2"] and stt[17:20] == ["17", "II", "1"]  # 17 economic
    kt04 = next(r for r in rows if r[1] == "Thu ngân sách (phần giao thu)")
    assert kt04 == [
        "6",  # KT01, KT02, then the agriculture field (KT05, KT06), KT03, KT04: the body's order
        "Thu ngân sách (phần giao thu)",
        "tỷ đồng",
        "trên 74,4 tỷ đồng (phần giao thu)",
        "0,4",
        "45",
        "52,6",
        "60,5",
        "85,6",
        "Ước thực hiện",
    ]
    xh02 = next(r for r in rows if r[1] == "Tỷ lệ dân số tham gia bảo hiểm y tế")
    assert xh02[2:] == ["%", "trên 92", "", "91,5", "90,8", "", "+0,7 điểm", ""]
    # the group's heading row stays with its first target
    group = table.rows[2]
    assert all(p.paragraph_format.keep_with_next for c in group.cells for p in c.paragraphs)
    for row in table.rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    assert len([r for r in rows if r[0].isdigit()]) == len(status.indicators)


# -------------------------------------------------------- the annex as data


def test_annex_remarks_and_cells(september):
    plan, _, status = september
    annex = build_annex(plan, status, "vi", "…/BC-UBND", date(2020, 9, 22))
    by_name = {r.cells[1].text: r for r in annex.indicator_rows}
    remarks = {name: r.cells[-1].text for name, r in by_name.items()}
    assert remarks["Thu ngân sách (phần giao thu)"] == "Ước thực hiện"  # an estimate
    assert remarks["Thu nhập bình quân đầu người"] == "Số liệu 6 tháng"  # an older figure
    assert remarks["Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều)"] == "Đánh giá cuối năm"  # not due
    assert remarks["Công trình văn hóa cấp đô thị mới"] == "Đang tổng hợp"  # no figure yet
    assert remarks["Tỷ lệ thu gom, xử lý chất thải rắn sinh hoạt"] == "Đạt kế hoạch năm"
    kt03 = by_name["Tổng vốn đầu tư phát triển toàn xã hội"].cells
    assert (kt03[7].kind, kt03[7].text, kt03[7].places) == (PERCENT, "78,3", 1)
    assert kt03[7].value == status.indicators[2].attainment
    assert (kt03[5].value, kt03[5].text) == (Decimal("846"), "846")
    xh03 = by_name["Tỷ lệ lực lượng lao động trong độ tuổi tham gia BHXH"].cells
    assert (xh03[8].kind, xh03[8].text, xh03[8].value) == (POINTS, "−1,5 điểm", Decimal("-1.5"))
    # a milestone's column holds the stage reached, in words
    assert by_name["Không gian công cộng của đô thị mới"].cells[5].text == "Chuẩn bị đầu tư"
    assert annex.notes == (
        "Chỉ tiêu tỷ lệ (%): cột CK ghi mức tăng (+), giảm (−) so với cùng kỳ, tính bằng "
        "điểm phần trăm.",
    )
    every = " ".join(c.text for r in annex.rows for c in r.cells)
    assert CODE_PATTERN.search(every) is None
    assert "(*)" not in every and "chưa đủ" not in every


def test_a_conflict_shows_no_figure(september):
    from dataclasses import replace

    plan, _, status = september
    clash = replace(status.indicators[3], status="conflict")
    other = replace(status, indicators=[*status.indicators[:3], clash, *status.indicators[4:]])
    rows = build_annex(plan, other, "vi", "…", date(2020, 9, 22)).indicator_rows
    row = next(r for r in rows if r.cells[1].text == clash.name_vi)
    # nothing resting on the files that disagree; last year's figure is still a fact
    assert [row.cells[i].text for i in (4, 5, 7, 8)] == ["", "", "", ""]
    assert row.cells[6].text == "52,6"
    assert row.cells[-1].text == "Đang rà soát số liệu"


def test_plan_cell_leaves_the_unit_to_its_column(september):
    _, _, status = september
    cells = {r.code: plan_cell(r, "vi") for r in status.indicators}
    assert cells["KT03"] == "trên 1.080"
    assert cells["KT01"] == "trên 13"
    assert cells["KT04"] == "trên 74,4 tỷ đồng (phần giao thu)"  # the unit inside: kept
    assert cells["XH08"] == "48/52"
    assert cells["DT05"] == "thêm 01"
    for r in status.indicators:
        assert r.target_words("vi").startswith(cells[r.code])
        assert plan_cell(r, "en") and r.target_words("en").startswith(plan_cell(r, "en"))


def test_annex_in_markdown_and_text(run):
    md = run("report", "--month", "2020-09", "--data", SEPT, "--format", "markdown").stdout
    annex = md[md.index("## Phụ lục") :]
    assert CODE_PATTERN.search(annex) is None
    assert (
        "| STT | Chỉ tiêu | Đơn vị tính | KH năm 2020 | TH tháng 9/2020 | Lũy kế 9 tháng | "
        "Cùng kỳ năm 2019 | So sánh (%) KH | So sánh (%) CK | Ghi chú |"
    ) in annex
    assert "| **I** | **Lĩnh vực kinh tế** |" in annex
    assert (
        "*(Kèm theo Báo cáo số …/BC-UBND ngày 22 tháng 9 năm 2020 của UBND thị xã Hồng Lĩnh)*"
        in annex
    )
    text = run("report", "--month", "2020-09", "--data", SEPT).stdout
    tail = text[text.index("(Kèm theo Báo cáo số") :]
    assert CODE_PATTERN.search(tail) is None
    assert "\nI. LĨNH VỰC KINH TẾ\n" in tail
    assert "\n6. Thu ngân sách (phần giao thu)\n" in tail
    assert "Ghi chú: Ước thực hiện." in tail


# ------------------------------------------------------------ status --xlsx


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    from typer.testing import CliRunner

    from kehoach.cli import app

    folder = tmp_path_factory.mktemp("xlsx")
    out = {}
    for lang in ("vi", "en"):
        path = folder / f"st-{lang}.xlsx"
        args = ["status", "--month", "2020-09", "--data", str(SEPT), "--lang", lang]
        result = CliRunner().invoke(app, [*args, "--plan", str(PLAN_PATH), "--xlsx", str(path)])
        assert result.exit_code == 0, result.output
        out[lang] = path
    return out


def test_xlsx_first_sheet_is_the_annex_print_setup(workbooks):
    wb = load_workbook(workbooks["vi"])
    assert wb.sheetnames[:2] == ["Phụ lục", "Dữ liệu đầy đủ"]
    ws = wb.worksheets[0]
    setup = ws.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$5:$6"
    assert ws.oddHeader.center.text == "&P" and ws.HeaderFooter.differentFirst
    assert ws["A1"].value == "Phụ lục"
    assert ws["A2"].value == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU THÁNG 9 VÀ 9 THÁNG NĂM 2020"
    assert ws["A3"].value.startswith("(Kèm theo Báo cáo số …/BC-UBND ngày 22 tháng 9 năm 2020")
    top = [ws.cell(5, c).value for c in range(1, 11)]
    sub = [ws.cell(6, c).value for c in range(1, 11)]
    assert top == ["STT", "Chỉ tiêu", "Đơn vị tính", "KH năm 2020", "TH tháng 9/2020",
                   "Lũy kế 9 tháng", "Cùng kỳ năm 2019", "So sánh (%)", None,
                   "Ghi chú"]  # fmt: skip
    assert sub[7:9] == ["KH", "CK"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert {"H5:I5", "A5:A6", "B5:B6", "J5:J6"} <= merged


def test_xlsx_annex_numbers_and_formats(workbooks, september):
    _, _, status = september
    ws = load_workbook(workbooks["vi"]).worksheets[0]
    rows = {ws.cell(r, 2).value: r for r in range(7, ws.max_row + 1)}
    kt03 = rows["Tổng vốn đầu tư phát triển toàn xã hội"]
    assert ws.cell(kt03, 1).value == "5"
    assert ws.cell(kt03, 6).value == 846 and ws.cell(kt03, 6).number_format == "#,##0"
    share = ws.cell(kt03, 8)
    assert share.number_format == "0.0%"  # a percent cell shows 78,3%
    assert share.value == pytest.approx(float(status.indicators[2].attainment))
    vs_prev = ws.cell(kt03, 9)
    assert vs_prev.number_format == "0.0%"
    assert vs_prev.value == pytest.approx(float(status.indicators[2].vs_previous_year))
    xh02 = rows["Tỷ lệ dân số tham gia bảo hiểm y tế"]
    assert ws.cell(xh02, 6).value == 91.5 and ws.cell(xh02, 6).number_format == "#,##0.0"
    points = ws.cell(xh02, 9)
    assert points.value == pytest.approx(0.7)
    assert points.number_format == '+#,##0.0" điểm";"−"#,##0.0" điểm";"±0 điểm"'
    kt06 = rows["Tổng sản lượng lương thực (sản lượng thóc)"]
    assert ws.cell(kt06, 4).value == "trên 12.190"  # the plan's words, a text
    assert ws.cell(kt06, 5).value == 2925
    # no number shows more decimals than the report prints
    for row in ws.iter_rows(min_row=7):
        for cell in row:
            if isinstance(cell.value, float) and cell.number_format.startswith("#,##0."):
                places = len(cell.number_format.split(".")[1].split('"')[0])
                assert places <= 2
    # no code, no internal word
    words = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert CODE_PATTERN.search(words) is None
    for internal in ("higher", ">=", "cumulative", "owner", "last-year", "expected"):
        assert internal not in words


def test_xlsx_annex_rows_do_not_overlap(workbooks):
    ws = load_workbook(workbooks["vi"]).worksheets[0]
    name_width = ws.column_dimensions["B"].width
    for r in range(7, ws.max_row + 1):
        name = ws.cell(r, 2).value
        cell = ws.cell(r, 2)
        if not name or cell.coordinate in ws.merged_cells:
            continue
        assert cell.alignment.wrap_text
        lines = -(-len(name) // int(name_width * 0.95 - 1))  # at least this many lines
        assert ws.row_dimensions[r].height >= 15 * lines, (r, name)
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert all(w >= 6 for w in widths) and sum(widths) <= 160  # one landscape page wide


def test_xlsx_annex_in_english_and_the_machine_sheet(workbooks):
    wb = load_workbook(workbooks["en"])
    assert wb.sheetnames[:2] == ["Annex", "All fields"]
    ws = wb.worksheets[0]
    assert [ws.cell(5, c).value for c in (1, 2, 3, 4, 10)] == [
        "No.",
        "Indicator",
        "Unit",
        "2020 plan",
        "Remarks",
    ]
    assert [ws.cell(6, c).value for c in (8, 9)] == ["Plan", "Last year"]
    assert ws.cell(7, 2).value == "The economy"
    machine = wb.worksheets[1]
    codes = [machine.cell(r, 1).value for r in range(2, machine.max_row + 1)]
    assert codes[:2] == ["KT01", "KT02"] and len(codes) == 31


def test_xlsx_is_the_same_bytes_twice(run, tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (a, b):
        assert run("status", "--month", "2020-09", "--data", SEPT, "--xlsx", path).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_plan_file_fields(plan):
    assert plan.report.basis_vi == "Nghị quyết Kỳ họp thứ 9 - HĐND thị xã khóa VI"
    assert plan.document.number_suffix == "KH-UBND"
    assert Path(PLAN_PATH).read_text(encoding="utf-8").count("basis_vi:") == 1


# ------------------------------------------------------------------- properties

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = st.text(alphabet="abcđêơ ,()/%0123456789", min_size=1, max_size=40)


@given(words=_WORDS, uom=st.sampled_from(["%", "tỷ đồng", "ha", "thôn, TDP", "m² sàn/người", ""]))
def test_plan_cell_is_the_plans_words_less_a_trailing_unit(september_plain, words, uom):
    from dataclasses import replace

    r = replace(september_plain.indicators[2], target_text_vi=words, unit_of_measure=uom)
    cell = plan_cell(r, "vi")
    assert words.startswith(cell)
    rest = words[len(cell) :].strip()
    assert rest in ("", uom)  # only the unit of measure is ever taken off
    if rest:
        assert cell.strip()


@given(text=st.text(alphabet="ab cd", min_size=0, max_size=200), width=st.integers(4, 60))
def test_row_lines_cover_the_words(text, width):
    from kehoach.render.xlsx import _lines

    n = _lines(text, width)
    per_line = max(int(width * 0.95) - 1, 1)
    assert n >= 1
    # the lines hold every letter (spaces may fall at the line ends), never more lines
    # than a word each plus the breaks inside long words
    letters = "".join(text.split())
    assert n * per_line >= len(letters)
    # (leading spaces, which a wrapped cell shows, may take a line of their own)
    assert n <= max(len(text.split()) + len(letters) // per_line + 1, 1)


@pytest.fixture(scope="module")
def september_plain():
    from kehoach.read.planfile import load_plan

    plan = load_plan(PLAN_PATH)
    return compute_status(plan, load_data(plan, SEPT).dataset, 9)
