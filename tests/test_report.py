"""``kehoach report``: one model, three renderers (text, Markdown, Word).

Fixed data: ``tests/data/report/sept`` (2020-01 to 2020-09 as the office would hold them,
plus 2019 figures for KT01, KT03, KT04, XH02, XH03; September's tax figure sent as an
estimate with its cause; the two urban works at their stages; ``_revisions.csv`` with two
revisions after the August report and one before it) and ``tests/data/report/base``
(March 2020, nothing from 2019).

Golden files (the text, the Markdown and the Word document's text, in both languages) are
regenerated on purpose only: ``KEHOACH_REGEN_GOLDEN=1 pytest tests/test_report.py``.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import PLAN_PATH, SAMPLE_DATA, TEST_DATA, check_golden, write_csv
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.commands.report import parse_report_date, render, resolve_format
from kehoach.core.attainment import compute_status
from kehoach.core.dataset import Dataset
from kehoach.read.datafolder import DataLoad, load_data
from kehoach.read.planfile import load_plan
from kehoach.report.annex import columns as annex_columns
from kehoach.report.annex import flat_headers
from kehoach.report.document import build_document
from kehoach.report.model import (
    Heading,
    Items,
    Para,
    Tasks,
    build_report,
    cause_text,
    date_line,
    issuer_in_text,
    missing_submissions,
    period_words,
)
from kehoach.report.tasks import parse_tasks
from kehoach.report.worksheet import build_worksheet

REPORT_DATA = TEST_DATA / "report"
SEPT = REPORT_DATA / "sept"
BASE = REPORT_DATA / "base"
CODE = re.compile(r"^([A-Z]{2}\d{2})\. ")


def _docx(path_or_bytes) -> Document:
    if isinstance(path_or_bytes, bytes):
        return Document(io.BytesIO(path_or_bytes))
    return Document(str(path_or_bytes))


def docx_text(doc) -> str:
    """The document's text in reading order: paragraphs, and tables row by row."""
    out = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            table = next(t for t in doc.tables if t._tbl is child)
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    text = "\n".join(p.text for p in cell.paragraphs)
                    if not cells or cells[-1] != text:  # a merged cell shows once
                        cells.append(text)
                out.append(" | ".join(c.replace("\n", " / ") for c in cells))
    return "\n".join(out) + "\n"


def _write_docx(run, tmp_path, *args) -> tuple[object, Path]:
    out = tmp_path / "bc.docx"
    result = run("report", *args, "-o", out)
    return result, out


# ----------------------------------------------------------------------- golden files


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("markdown", "md")])
def test_golden_report(run, fmt, ext, lang):
    result = run("report", "--month", "2020-09", "--data", SEPT, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    # no unit has sent its narrative: every unit's slot is listed for the office
    assert len(result.stderr.splitlines()) == 1 + 21
    check_golden(f"report_{fmt}_{lang}.{ext}", result.stdout)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_golden_docx_text(run, tmp_path, lang):
    result, out = _write_docx(run, tmp_path, "--month", "2020-09", "--data", SEPT, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    check_golden(f"report_docx_{lang}.txt", docx_text(_docx(out)))


def test_same_data_same_bytes(run, tmp_path):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        assert run("report", "--month", "2020-09", "--data", SEPT, "-o", out).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    text = [run("report", "--month", "2020-09", "--data", SEPT).stdout for _ in range(2)]
    assert text[0] == text[1]
    # the date is part of the document: another date, other bytes
    other = tmp_path / "c.docx"
    run("report", "--month", "2020-09", "--data", SEPT, "--date", "2020-09-25", "-o", other)
    assert other.read_bytes() != first.read_bytes()


def test_docx_package_has_fixed_timestamps_and_properties(run, tmp_path):
    _, out = _write_docx(run, tmp_path, "--month", "2020-09", "--data", SEPT)
    with zipfile.ZipFile(out) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2020-09-01T00:00:00Z" in core
    styles = _docx(out).styles.element.xml
    assert 'w:lang w:val="vi-VN"' in styles
    props = _docx(out).core_properties
    assert props.author == "UBND THỊ XÃ HỒNG LĨNH"
    assert props.title.startswith("BÁO CÁO Tình hình thực hiện")
    assert props.revision == 1


# ------------------------------------------------------------ the figures equal status


def _number(text: str, lang: str) -> Decimal:
    text = text.strip().removesuffix("%").strip()
    group, mark = (".", ",") if lang == "vi" else (",", ".")
    return Decimal(text.replace(group, "").replace(mark, "."))


def _rounded(x, places: int = 2) -> Decimal | None:
    if x is None:
        return None
    d = x if isinstance(x, Decimal) else Decimal(repr(x))
    return d.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")


def _figure(cell: str, lang: str) -> tuple[Decimal | None, bool]:
    """A table cell back to (number, estimate)."""
    est = " (ước)" if lang == "vi" else " (est.)"
    estimate = cell.endswith(est) or est + " (" in cell
    cell = cell.replace(est, "")
    cell = re.sub(r" \(\d{2}/\d{4}\)$", "", cell)  # a level's month, when not this month
    if not cell:
        return None, estimate
    return _number(cell, lang), estimate


# The annex names no code: its target rows are those with a number in the STT column,
# in the body's order (the outline's areas, and the targets of their fields in turn).


def annex_order(plan) -> list[str]:
    return [c for area in plan.outline for f in area.fields for c in f.indicators]


STT = re.compile(r"^\d+$")
SUBTITLE = re.compile(r"\((?:Kèm theo Báo cáo số|Attached to Report No\.) ")


def _markdown_rows(md: str) -> list[list[str]]:
    annex = md[SUBTITLE.search(md).start() :]
    rows = []
    for line in annex.splitlines():
        if not line.startswith("| "):
            continue
        cells = [c.strip().replace("\\", "") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if STT.match(cells[0]):
            rows.append(cells)
    return rows


def _text_rows(text: str, headers: list[str]) -> list[list[str]]:
    """The text layout's annex: '3. name' then '    Đơn vị tính: …; KH năm 2020: …' blocks."""
    annex = text[SUBTITLE.search(text).start() :]
    rows = []
    for block in annex.split("\n\n"):
        lines = block.strip("\n").splitlines()
        m = re.match(r"^(\d+)\. ", lines[0]) if lines else None
        if not m:
            continue
        name_lines = [lines[0][m.end() :]]
        rest = lines[1:]
        while rest and not any(rest[0].strip().startswith(h + ":") for h in headers[2:]):
            name_lines.append(rest.pop(0).strip())
        fields = " ".join(x.strip() for x in rest).removesuffix(".")
        cells = [m.group(1), " ".join(name_lines)] + [""] * (len(headers) - 2)
        pattern = "|".join(re.escape(h) for h in headers[2:])
        parts = re.split(rf"(?:^|; )({pattern}): ", fields)
        for key, value in zip(parts[1::2], parts[2::2], strict=True):
            cells[headers.index(key)] = value
        rows.append(cells)
    return rows


def _docx_rows(doc) -> list[list[str]]:
    table = doc.tables[-1]
    rows = []
    for row in table.rows[2:]:  # two header rows
        cells = [c.text.replace("\u200b", "") for c in row.cells]
        if STT.match(cells[0]):
            rows.append(cells)
    return rows


def _places(ind: dict) -> int:
    """A derived figure keeps the decimals of the target and the value, at most two."""

    def decimals(x) -> int:
        if x is None:
            return 0
        exponent = Decimal(repr(x)).normalize().as_tuple().exponent
        return max(-exponent, 0)

    return min(2, max(decimals(ind["target"]), decimals(ind["value"])))


def _check_row(ind: dict, cells: list[str], lang: str) -> None:
    """An annex row (STT, name, unit, plan, month, year to date, last year, % of plan,
    against last year, remarks) against the indicator as ``status --json`` has it."""
    _stt, name, _uom, plan, month, ytd, prev, pct, vs_prev, remarks = cells
    code = ind["code"]
    assert not re.search(r"[A-Z]{2}\d{2}", " ".join(cells)), code  # no code in the annex
    assert name == (ind["name_en"] if lang == "en" else ind["name"])
    words = ind["target_text_en"] if lang == "en" else ind["target_text"]
    assert plan and words.startswith(plan), code  # the plan's words, the unit left to ĐVT
    assert "≥" not in plan and "≤" not in plan
    measure = ind["measure"]
    estimate_word = "Estimate" if lang == "en" else "Ước thực hiện"
    if ind["status"] == "conflict":
        assert month == ytd == pct == vs_prev == "", code
        return
    if measure == "milestone":
        stage = ind["stage"] or {}
        if lang == "vi":
            assert ytd == (stage.get("name") or "")
        assert month == pct == vs_prev == ""
        return
    if ind["value"] is not None:
        assert (estimate_word in remarks) == ind["estimate"], code
    if measure == "cumulative":
        assert _figure(ytd, lang)[0] == _rounded(ind["value"]), code
        mv, _ = _figure(month, lang)
        if mv is not None:
            assert mv == _rounded(ind["month_value"]), code
    else:
        assert _figure(ytd, lang)[0] == _rounded(ind["value"]), code
        assert month == "", code
    assert _figure(prev, lang)[0] == _rounded(ind["previous_year"]), code
    shows_share = ind["unit_of_measure"] != "%"
    if shows_share and ind["attainment"] is not None:
        assert _number(pct, lang) == _rounded(ind["attainment"] * 100, 1), code
    else:
        assert pct == "", code
    if ind["vs_previous_year"] is None:
        assert vs_prev == ""
    elif ind["unit_of_measure"] == "%":
        word = " điểm" if lang == "vi" else " pts"
        assert vs_prev.endswith(word)
        number = vs_prev.removesuffix(word).replace("−", "-").replace("±", "").lstrip("+")
        assert _number(number, lang) == _rounded(ind["vs_previous_year"]), code
    else:
        assert _number(vs_prev, lang) == _rounded(ind["vs_previous_year"] * 100, 1), code


CASES = [
    pytest.param(SEPT, "2020-09", id="fixed-september"),
    pytest.param(SEPT, "2020-03", id="fixed-march"),
    pytest.param(BASE, "2020-03", id="base-march"),
    pytest.param(SAMPLE_DATA, "2020-06", id="sample-june"),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("data", "month"), CASES)
def test_every_figure_in_every_format_equals_status_json(run, tmp_path, data, month, lang):
    doc = json.loads(run("status", "--month", month, "--data", data, "--json").stdout)
    codes = [i["code"] for i in doc["indicators"]]
    args = ("report", "--month", month, "--data", data, "--lang", lang)
    md = run(*args, "--format", "markdown").stdout
    text = run(*args).stdout
    out = tmp_path / "r.docx"
    assert run(*args, "-o", out).exit_code in (0, 1)
    word = _docx(out)
    year, m = (int(x) for x in month.split("-"))
    headers = list(flat_headers(annex_columns(year, m, lang)))
    tables = {
        "markdown": _markdown_rows(md),
        "text": _text_rows(text, headers),
        "docx": _docx_rows(word),
    }
    # the annex runs in the body's order: the outline's areas, their fields' targets
    by_code = {i["code"]: i for i in doc["indicators"]}
    in_annex = [by_code[c] for c in annex_order(load_plan(PLAN_PATH))]
    for fmt, rows in tables.items():
        assert len(rows) == len(codes), fmt  # one row per indicator
        for ind, cells in zip(in_annex, rows, strict=True):
            _check_row(ind, cells, lang)


def test_sentences_carry_the_same_figures(run):
    """Section I's sentence for KT04: the month, YTD, last year, share, year-end estimate."""
    doc = json.loads(run("status", "--month", "2020-09", "--data", SEPT, "--json").stdout)
    kt04 = next(i for i in doc["indicators"] if i["code"] == "KT04")
    assert kt04["estimate"] is True
    out = run(
        "report", "--month", "2020-09", "--data", SEPT, "--format", "markdown", "--worksheet"
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("- KT04.") and "lũy kế" in x)
    # sent as lũy kế: 45 for September after 44,6 for August, so 0,4 in the month
    assert "tháng 9 ước đạt 0,4 tỷ đồng" in line
    assert "lũy kế 9 tháng ước đạt 45 tỷ đồng" in line
    assert "bằng 60,5% kế hoạch năm (trên 74,4 tỷ đồng (phần giao thu))" in line
    assert f"bằng {_pct(kt04['vs_previous_year'])} so với cùng kỳ năm trước (52,6 tỷ đồng)" in line
    assert f"ước cả năm đạt {_vi(kt04['projected'], 1)} tỷ đồng" in line  # as 74,4 is
    assert line.endswith("Chậm so với tiến độ kế hoạch.")


def _vi(x, places: int = 2) -> str:
    return str(_rounded(x, places)).rstrip("0").rstrip(".").replace(".", ",")


def _pct(x) -> str:
    return str(_rounded(x * 100, 1)).rstrip("0").rstrip(".").replace(".", ",") + "%"


# ----------------------------------------------------------------- content of the report


@pytest.fixture(scope="module")
def september_plain():
    # hypothesis tests cannot take function-scoped fixtures; this one reads its own plan
    from kehoach.read.planfile import load_plan

    plan = load_plan(PLAN_PATH)
    load = load_data(plan, SEPT)
    return plan, load, compute_status(plan, load.dataset, 9)


@pytest.fixture(scope="module")
def september(plan):
    load = load_data(plan, SEPT)
    status = compute_status(plan, load.dataset, 9)
    return plan, load, status


def _report_text(run, *args) -> str:
    result = run("report", "--month", "2020-09", "--data", SEPT, "--format", "markdown", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_header_per_decree_30(run, tmp_path):
    md = _report_text(run)
    assert md.startswith(
        "| **ỦY BAN NHÂN DÂN**<br>**THỊ XÃ HỒNG LĨNH**<br>Số: …/BC-UBND | "
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc**<br>"
        "*Hồng Lĩnh, ngày 22 tháng 9 năm 2020* |\n|:---:|:---:|\n"
    )
    assert "# BÁO CÁO" in md
    assert (
        "**Tình hình thực hiện các chỉ tiêu kế hoạch phát triển kinh tế - xã hội, đảm bảo "
        "quốc phòng - an ninh tháng 9 và 9 tháng năm 2020; nhiệm vụ trọng tâm 3 tháng cuối "
        "năm**"
    ) in md
    _, out = _write_docx(run, tmp_path, "--month", "2020-09", "--data", SEPT)
    doc = _docx(out)
    head = doc.tables[0]
    assert [c.text for c in head.rows[0].cells] == [
        "ỦY BAN NHÂN DÂN\nTHỊ XÃ HỒNG LĨNH\n",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
    ]
    assert [c.text for c in head.rows[1].cells] == [
        "Số: …/BC-UBND",
        "Hồng Lĩnh, ngày 22 tháng 9 năm 2020",
    ]
    # borderless: every edge of the header table is switched off
    borders = head._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders"
    )
    assert borders is not None and len(borders) == 6
    assert all(
        e.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "nil"
        for e in borders
    )
    place = head.rows[1].cells[1].paragraphs[0].runs[0]
    assert place.italic is True


def test_docx_page_setup_fonts_title_and_page_numbers(run, tmp_path):
    _, out = _write_docx(run, tmp_path, "--month", "2020-09", "--data", SEPT)
    doc = _docx(out)
    first, annex = doc.sections[0], doc.sections[-1]

    def near(a, b):  # Word stores twentieths of a point: within a tenth of a millimetre
        return abs(a - b) < Mm(0.1)

    assert near(first.page_width, Mm(210)) and near(first.page_height, Mm(297))
    assert Mm(20) <= first.top_margin <= Mm(25) and Mm(20) <= first.bottom_margin <= Mm(25)
    assert Mm(30) <= first.left_margin <= Mm(35) and Mm(15) <= first.right_margin <= Mm(20)
    # the summary table's section is landscape A4
    assert near(annex.page_width, Mm(297)) and near(annex.page_height, Mm(210))
    assert len(doc.sections) == 2
    # Times New Roman 13–14 pt for the text
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and 13 <= normal.size.pt <= 14
    body = [p for p in doc.paragraphs if p.text.strip()]
    sizes = {r.font.size.pt for p in body for r in p.runs if r.text.strip()}
    # every run takes its face from the Normal style (no run names another)
    fonts = {r.font.name for p in body for r in p.runs if r.text.strip()}
    assert fonts == {None}
    styles = {p.style.name for p in body}
    assert styles == {"Normal"}
    rfonts = doc.styles["Normal"].element.rPr.rFonts
    assert {rfonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    assert max(sizes) == 14
    # the kind and the title: bold and centred
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "BÁO CÁO")
    kind, title = paragraphs[at], paragraphs[at + 1]
    for p in (kind, title):
        assert p.alignment == 1  # centre
        assert all(r.bold for r in p.runs)
    assert title.text.endswith("tháng 9 và 9 tháng năm 2020; nhiệm vụ trọng tâm 3 tháng cuối năm")
    # a PAGE field in the header, the first page without it
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert first.different_first_page_header_footer


def test_docx_annex_table(run, tmp_path, plan):
    _, out = _write_docx(run, tmp_path, "--month", "2020-09", "--data", SEPT)
    table = _docx(out).tables[-1]
    top, sub = ([c.text for c in row.cells] for row in table.rows[:2])
    assert top == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "KH năm 2020",
        "TH tháng 9/2020",
        "Lũy kế 9 tháng",
        "Cùng kỳ năm 2019",
        "So sánh (%)",
        "So sánh (%)",
        "Ghi chú",
    ]
    assert sub[7:9] == ["KH", "CK"]
    # both header rows repeat on every page
    for row in table.rows[:2]:
        assert 'w:tblHeader w:val="true"' in row._tr.xml
    indicator_rows = [r for r in table.rows[2:] if STT.match(r.cells[0].text)]
    assert len(indicator_rows) == len(plan.indicators)
    group_rows = [r for r in table.rows[2:] if not STT.match(r.cells[0].text)]
    assert [(r.cells[0].text, r.cells[1].text) for r in group_rows] == [
        ("I", "Lĩnh vực kinh tế"),  # numbered as section I of the body runs
        ("II", "Lĩnh vực văn hóa - xã hội"),
        ("III", "Quốc phòng - an ninh"),
    ]


def test_opening_cites_the_plan(run):
    md = _report_text(run)
    assert (
        "Thực hiện Nghị quyết Kỳ họp thứ 9 - HĐND thị xã khóa VI và Kế hoạch số …/KH-UBND "
        "ngày 22/01/2020 của UBND thị xã về thực hiện nhiệm vụ phát triển kinh tế - xã hội, "
        "đảm bảo quốc phòng - an ninh năm 2020, Ủy ban nhân dân thị xã báo cáo kết quả thực "
        "hiện tháng 9 và 9 tháng năm 2020, nhiệm vụ trọng tâm 3 tháng cuối năm như sau:"
    ) in md


def test_the_model_carries_the_facts_of_parts_two_and_three(september):
    plan, load, status = september
    report = build_report(plan, status, load, "vi", date(2020, 9, 22))
    risky = [r.code for r in status.indicators if r.status in ("at_risk", "off_track")]
    assert [code for code, _ in report.causes] == risky
    causes = dict(report.causes)
    assert causes["XH02"] == ()  # no unit gave a cause
    assert causes["DT07"] == (
        "Theo Phòng Quản lý đô thị (tháng 9/2020): “đang lựa chọn nhà thầu; chậm do vướng "
        "giải phóng mặt bằng”.",
    )
    assert report.missing == tuple(
        (unit, tuple(c for c, _ in codes)) for unit, codes in missing_submissions(plan, load, 9)
    )
    assert ("DAU-LIEU", ("KT05", "KT06", "XH04")) in report.missing
    assert report.revisions == () and report.tasks_from_file is False
    assert len(report.table.indicator_rows) == len(status.indicators)
    # the model holds no formatting: no Markdown marks, no line breaks inside its prose
    prose = [report.opening, report.closing] + [
        b.text if isinstance(b, Heading | Para) else " ".join(b.items) for b in report.body
    ]
    assert not any("**" in t or "\n" in t or "<br>" in t for t in prose)


def test_plan_number_is_cited_when_the_plan_file_has_it(plan, september):
    _, load, status = september
    doc = plan.document.model_copy(update={"number": "15/KH-UBND"})
    other = plan.model_copy(update={"document": doc})
    report = build_document(other, status, load, "vi", date(2020, 9, 22))
    assert "và Kế hoạch số 15/KH-UBND ngày 22/01/2020 của UBND thị xã về" in report.opening


def test_closing_recipients_and_signature(run, tmp_path):
    md = _report_text(run)
    assert (
        "Trên đây là báo cáo tình hình thực hiện các chỉ tiêu kế hoạch phát triển kinh tế "
        "- xã hội, đảm bảo quốc phòng - an ninh tháng 9 và 9 tháng năm 2020 của Ủy ban nhân "
        "dân thị xã Hồng Lĩnh./."
    ) in md
    _, out = _write_docx(run, tmp_path, "--month", "2020-09", "--data", SEPT)
    doc = _docx(out)
    sign = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    left, right = (c.text.splitlines() for c in sign.rows[0].cells)
    assert left[0] == "Nơi nhận:"
    assert left[1] == "- UBND tỉnh Hà Tĩnh (để b/c);"
    assert left[-1] == "- Lưu: VT."
    assert right[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_signer_name_from_the_plan(plan, september):
    _, load, status = september
    info = plan.report.model_copy(update={"signer_name": "Nguyễn Văn A"})
    report = build_report(
        plan.model_copy(update={"report": info}), status, load, "vi", date(2020, 9, 22)
    )
    assert report.signature.name == "Nguyễn Văn A"
    from kehoach.render.text import render_text

    assert "Nguyễn Văn A" in render_text(report)


def test_number_option(run, tmp_path):
    assert "Số: 125/BC-UBND" in _report_text(run, "--number", "125")
    assert "Số: 125/BC-UBND" in _report_text(run, "--number", "125/BC-UBND")
    assert "Kèm theo Báo cáo số 125/BC-UBND ngày 22 tháng 9 năm 2020" in _report_text(
        run, "--number", "125"
    )
    bad = run("report", "--month", "2020-09", "--data", SEPT, "--number", "12\n5")
    assert bad.exit_code == 2
    assert "Số văn bản" in bad.stderr


def _worksheet_text(run, *args) -> str:
    """The office's worksheet, which holds the per-indicator detail the draft leaves out."""
    return _report_text(run, "--worksheet", *args)


def test_status_words_are_sentences(run):
    md = _worksheet_text(run)
    assert "Có nguy cơ không đạt kế hoạch." in md
    assert "Chậm so với tiến độ kế hoạch." in md


def test_rates_in_points_and_milestones_by_stage(run):
    md = _worksheet_text(run)
    xh02 = next(x for x in md.splitlines() if x.startswith("- XH02."))
    assert "đạt 91,5%; thấp hơn kế hoạch 0,5 điểm % (kế hoạch trên 92%)" in xh02
    assert "cùng kỳ năm trước 90,8%, tăng 0,7 điểm %" in xh02
    annex = _report_text(run)  # the annex is the signed document's
    assert "So sánh (%) KH" in annex and "| 91,5 | 90,8 |   | +0,7 điểm |" in annex
    dt07 = next(x for x in md.splitlines() if x.startswith("- DT07."))
    assert "đã hoàn thành bước “Chuẩn bị đầu tư” (bước 1/3)" in dt07
    assert "theo kế hoạch đến tháng 9/2020 hoàn thành bước “Khởi công”" in dt07
    assert "Có nguy cơ không đạt kế hoạch." in dt07


def test_vietnamese_typography(run, plan):
    md = _worksheet_text(run)
    names = sorted((i.name_vi for i in plan.indicators), key=len, reverse=True)
    prose = md
    for name in names:  # an indicator's own name may hold a sign (DT10: "≥ 7,5 m")
        prose = prose.replace(name.replace("-", "-"), "")
    assert "≥" not in prose and "≤" not in prose
    assert not re.search(r"\d %", md)  # "99%", never "99 %"
    assert not re.search(r"\d\.\d{1,2}(?!\d)", prose.replace("41/2020", ""))  # decimal comma
    assert "0,5 điểm %" in md


def test_causes_are_quoted_and_attributed(run):
    md = _worksheet_text(run)
    section = md.split("## II. ")[1].split("## III. ")[0]
    assert (
        "> Theo Chi cục Thuế (tháng 9/2020): “gia hạn nộp thuế theo Nghị định 41/2020/NĐ-CP; "
        "doanh nghiệp gặp khó khăn do dịch COVID-19”."
    ) in section
    assert "> Theo Phường Đậu Liêu (tháng 6/2020): “01 nhà văn hóa đang xây mới”." in section
    # an at-risk indicator whose units gave no cause says so
    xh02 = section.split("XH02.")[1].split("XH03.")[0]
    assert "> Đơn vị báo cáo chưa nêu nguyên nhân." in xh02
    # estimate labels are not causes
    assert "ước thực hiện quý" not in section


def test_cause_text_drops_estimate_labels_only():
    assert cause_text("ước 6 tháng; ảnh hưởng dịch COVID-19") == "ảnh hưởng dịch COVID-19"
    assert cause_text("ước thực hiện quý III") == ""
    assert cause_text("Số ước 6 tháng đầu năm.; ước 9/2020") == ""
    assert cause_text("ước giảm 5% do dịch") == "ước giảm 5% do dịch"
    assert cause_text("ước tính giảm do mưa lũ kéo dài nhiều ngày") == (
        "ước tính giảm do mưa lũ kéo dài nhiều ngày"
    )


def test_units_not_reporting_and_revisions(run):
    md = _worksheet_text(run)
    section = md.split("## II. ")[1].split("## III. ")[0]
    assert "Đến hạn gửi số liệu tháng 9/2020 (ngày 17/09/2020), các đơn vị sau chưa gửi:" in section
    assert "- Phường Đậu Liêu: KT05, KT06, XH04." in section
    revised = md.split("Số liệu điều chỉnh so với báo cáo trước")[1].split("## II.")[0]
    assert (
        "- KT04 (Chi cục Thuế, tháng 8/2020): số ước 7 tỷ đồng được thay bằng số chính thức "
        "7,1 tỷ đồng."
    ) in revised
    assert "(lý do: số liệu đối chiếu lại với thẻ BHYT)" in revised
    assert "tháng 5/2020" not in revised  # recorded before the August report


def test_a_reopened_month_revision_gives_its_reason(plan, september):
    from kehoach.core.records import Revision

    _, load, status = september
    rev = Revision(
        "CC-THUE", "KT04", "2020-08", Decimal("7.0"), Decimal("7.1"), True, False,
        "reopened-official", "số quyết toán", None,
    )  # fmt: skip
    report = build_worksheet(plan, status, load, "vi", date(2020, 9, 22), revisions=[rev])
    assert (
        "KT04 (Chi cục Thuế, tháng 8/2020): số ước 7 tỷ đồng được thay bằng số chính thức "
        "7,1 tỷ đồng (lý do: số quyết toán)."
        in render(report, "text").decode().replace("\n  ", " ")
    )


def test_no_revisions_file_no_revisions_heading(run):
    md = run("report", "--month", "2020-03", "--data", BASE, "--format", "markdown").stdout
    assert "Số liệu điều chỉnh" not in md


# --------------------------------------------------------------------------------- tasks


TASKS = """# Về kinh tế

- Chi cục Thuế đôn đốc thu nợ đọng,
  tập trung các khoản gia hạn theo Nghị định 41/2020/NĐ-CP.
- Phòng Tài chính - Kế hoạch đẩy nhanh giải ngân vốn đầu tư công.

Các phường, xã hoàn thành thu hoạch lúa Hè Thu
trước ngày 15/10/2020.
"""


def test_tasks_file_fills_section_three(run, tmp_path):
    tasks = tmp_path / "nv.md"
    tasks.write_text(TASKS, encoding="utf-8")
    md = _report_text(run, "--tasks", tasks)
    section = md.split("## I")[3].split("Trên đây")[0]
    assert section.startswith("II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 3 THÁNG CUỐI NĂM 2020")
    # a heading that names no field of the outline is added after the fields' tasks
    assert "### Về kinh tế" in section
    assert (
        "- Chi cục Thuế đôn đốc thu nợ đọng, tập trung các khoản gia hạn theo Nghị định "
        "41/2020/NĐ-CP."
    ) in section
    assert "Các phường, xã hoàn thành thu hoạch lúa Hè Thu trước ngày 15/10/2020." in section
    assert "chủ trì" not in section  # nobody is made to lead a target by reporting it


def test_default_tasks_file_in_the_month_folder(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEPT, data)
    (data / "2020-09" / "_nhiem_vu.md").write_text(TASKS, encoding="utf-8")
    md = run("report", "--month", "2020-09", "--data", data, "--format", "markdown").stdout
    assert "### Về kinh tế" in md
    # without it: the targets behind schedule by field, no unit made to lead what it reports
    plain = _report_text(run)
    section = plain.split("## III. ")[1].split("Trên đây")[0]
    assert ") Tài chính - ngân sách" in section
    assert (
        "Tập trung chỉ đạo, đẩy nhanh tiến độ các chỉ tiêu còn chậm: thu ngân sách (phần giao "
        "thu)." in section
    )
    assert "chủ trì" not in section and "### Về kinh tế" not in section


def test_missing_tasks_file_exits_2(run, tmp_path):
    result = run("report", "--month", "2020-09", "--data", SEPT, "--tasks", tmp_path / "no.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Không tìm thấy tệp nhiệm vụ" in result.stderr
    assert "Traceback" not in result.stderr


def test_tasks_file_not_utf8_exits_2(run, tmp_path):
    bad = tmp_path / "nv.md"
    bad.write_bytes(b"- \xd0\xf4n \xf0\xf4\xecc thu ng\xe2n s\xe1ch\n")  # Windows-1258
    result = run("report", "--month", "2020-09", "--data", SEPT, "--tasks", bad)
    assert result.exit_code == 2
    assert "không phải văn bản UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
    folder = run("report", "--month", "2020-09", "--data", SEPT, "--tasks", tmp_path)
    assert folder.exit_code == 2 and "là một thư mục" in folder.stderr


def test_empty_tasks_file_is_a_note(run, tmp_path):
    empty = tmp_path / "nv.md"
    empty.write_text("\n  \n", encoding="utf-8")
    result = run("report", "--month", "2020-09", "--data", SEPT, "--tasks", empty)
    assert result.exit_code == 0
    assert "trống; mục III liệt kê các chỉ tiêu cần tập trung chỉ đạo" in result.stderr
    assert "đẩy nhanh tiến độ các chỉ tiêu còn chậm: thu ngân sách" in result.stdout


def test_parse_tasks():
    tasks = parse_tasks(TASKS)
    assert tasks.blocks == (
        Heading("Về kinh tế", 2),
        Items(
            (
                "Chi cục Thuế đôn đốc thu nợ đọng, tập trung các khoản gia hạn theo Nghị định "
                "41/2020/NĐ-CP.",
                "Phòng Tài chính - Kế hoạch đẩy nhanh giải ngân vốn đầu tư công.",
            )
        ),
        Para("Các phường, xã hoàn thành thu hoạch lúa Hè Thu trước ngày 15/10/2020."),
    )
    assert parse_tasks("1. Một\n2) Hai\r\n\r\n").blocks == (Items(("Một", "Hai")),)
    assert parse_tasks("").blocks == ()


@given(st.text())
def test_parse_tasks_keeps_every_word(text):
    tasks = parse_tasks(text)
    words = []
    for b in tasks.blocks:
        words += (b.text if isinstance(b, Heading | Para) else " ".join(b.items)).split()
    kept = " ".join(words)
    for line in text.replace("\r", "\n").split("\n"):
        body = re.sub(r"^\s*(?:#{1,6}|[-*+•]|\d{1,3}[.)])\s+", "", line)
        for word in body.split():
            if set(word) - set("#"):
                assert word in kept


# ------------------------------------------------------------------ formats and output


@pytest.mark.parametrize(
    ("name", "magic"),
    [("bc.docx", b"PK\x03\x04"), ("bc.md", b"| **"), ("bc.txt", b"  "), ("bc", b"  ")],
)
def test_output_format_follows_the_suffix(run, tmp_path, name, magic):
    out = tmp_path / name
    result = run("report", "--month", "2020-09", "--data", SEPT, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(magic)
    assert f"Đã ghi báo cáo vào {out}." in result.stderr


@pytest.mark.parametrize(
    ("fmt", "name"), [("markdown", "bc.docx"), ("docx", "bc.md"), ("text", "bc.docx")]
)
def test_suffix_contradicting_format_exits_2(run, tmp_path, fmt, name):
    out = tmp_path / name
    result = run("report", "--month", "2020-09", "--data", SEPT, "--format", fmt, "-o", out)
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("name", ["bc.doc", "bc.pdf", "bc.odt"])
def test_a_document_suffix_the_report_is_not_written_in_exits_2(run, tmp_path, name):
    out = tmp_path / name
    result = run("report", "--month", "2020-09", "--data", SEPT, "-o", out)
    assert result.exit_code == 2
    assert ".docx (Word), .md hoặc .txt" in " ".join(result.stderr.split())
    assert not out.exists()


def test_format_overrides_an_unknown_suffix(run, tmp_path):
    out = tmp_path / "bc.doc9"
    result = run("report", "--month", "2020-09", "--data", SEPT, "--format", "docx", "-o", out)
    assert result.exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_docx_to_stdout_exits_2(run):
    result = run("report", "--month", "2020-09", "--data", SEPT, "--format", "docx")
    assert result.exit_code == 2
    assert "-o bao-cao.docx" in result.stderr
    assert result.stdout == ""


def test_resolve_format():
    assert resolve_format(None, None) == ("text", None)
    assert resolve_format(None, Path("a.DOCX")) == ("docx", None)
    assert resolve_format("markdown", Path("a.markdown")) == ("markdown", None)
    assert resolve_format("text", Path("a.md")) == ("text", "format_clash")
    assert resolve_format(None, Path("a.doc")) == ("text", "other_suffix")
    assert resolve_format("docx", Path("a.doc")) == ("docx", None)


def test_unwritable_output_exits_2_and_writes_nothing(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for out in (tmp_path / "no" / "bc.docx", blocker / "bc.docx"):
        result = run("report", "--month", "2020-09", "--data", SEPT, "-o", out)
        assert result.exit_code == 2, out
        assert "Không ghi được tệp" in result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
    folder = run("report", "--month", "2020-09", "--data", SEPT, "-o", tmp_path)
    assert folder.exit_code == 2 and "là một thư mục" in folder.stderr


@pytest.mark.skipif(
    getattr(os, "geteuid", lambda: -1)() == 0, reason="root writes into read-only folders"
)
def test_read_only_folder_exits_2(run, tmp_path):  # pragma: no cover - not as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = run("report", "--month", "2020-09", "--data", SEPT, "-o", folder / "bc.docx")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert list(folder.iterdir()) == []


def test_an_older_report_is_kept(run, tmp_path):
    out = tmp_path / "bc.docx"
    run("report", "--month", "2020-09", "--data", SEPT, "-o", out)
    first = out.read_bytes()
    again = run("report", "--month", "2020-09", "--data", SEPT, "-o", out)
    assert "Bản cũ" not in again.stderr  # the same bytes: nothing to keep
    other = run("report", "--month", "2020-09", "--data", SEPT, "--number", "7", "-o", out)
    assert other.exit_code == 0
    kept = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert len(kept) == 1 and kept[0].read_bytes() == first
    assert "Bản cũ được giữ lại" in other.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_text_is_plain_and_fits_80_columns(run):
    for lang in ("vi", "en"):
        out = run("report", "--month", "2020-09", "--data", SEPT, "--lang", lang).stdout
        assert "\x1b[" not in out
        assert "\u00a0" not in out
        assert [line for line in out.splitlines() if len(line) > 80] == []
        assert all(line == line.rstrip() for line in out.splitlines())


# ------------------------------------------------------------------------ dates, periods


@pytest.mark.parametrize(
    ("month", "vi", "en"),
    [
        (1, "tháng 1 năm 2020", "January 2020"),
        (3, "tháng 3 và quý I năm 2020", "March and the first quarter of 2020"),
        (5, "tháng 5 và 5 tháng năm 2020", "May and the first five months of 2020"),
        (6, "tháng 6 và 6 tháng đầu năm 2020", "June and the first half of 2020"),
        (9, "tháng 9 và 9 tháng năm 2020", "September and the first nine months of 2020"),
        (12, "tháng 12 và cả năm 2020", "December and the whole of 2020"),
    ],
)
def test_period_words(month, vi, en):
    assert period_words(2020, month, "vi") == vi
    assert period_words(2020, month, "en") == en


def test_date_line_follows_the_administrative_form():
    assert date_line("Hồng Lĩnh", date(2021, 1, 20), "vi") == "Hồng Lĩnh, ngày 20 tháng 01 năm 2021"
    assert date_line("Hồng Lĩnh", date(2020, 10, 5), "vi") == "Hồng Lĩnh, ngày 05 tháng 10 năm 2020"
    assert date_line("Hồng Lĩnh", date(2020, 10, 5), "en") == "Hồng Lĩnh, 5 October 2020"


def test_default_date_is_the_report_day(run):
    out = run("report", "--month", "2020-12", "--data", SAMPLE_DATA).stdout
    assert "Hồng Lĩnh, ngày 22 tháng 12 năm 2020" in out
    assert "tháng 12 và cả năm 2020" in out
    assert "TRỌNG TÂM NĂM 2021" in out  # at the year's end the tasks look to the next year


@pytest.mark.parametrize(
    "text", ["2020-13-01", "2020-02-30", "31/09/2020", "2020/10/20", "20.10.2020", "tomorrow", ""]
)
def test_invalid_date_exits_2(run, text):
    assert parse_report_date(text) is None
    result = run("report", "--data", SEPT, "--date", text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Ngày “{text}” không hợp lệ; ghi dạng 2020-09-28 hoặc 28/09/2020." in result.stderr


@pytest.mark.parametrize("text", ["2020-10-20", "20/10/2020", "20/10/2020 "])
def test_report_date_takes_the_forms_of_every_date_option(run, text):
    """--date takes what missing --as-of takes: 2020-10-20 and 20/10/2020."""
    out = run("report", "--month", "2020-09", "--data", SAMPLE_DATA, "--date", text).stdout
    assert "Hồng Lĩnh, ngày 20 tháng 10 năm 2020" in out


def test_date_option_sets_the_date_line(run):
    out = run("report", "--data", SEPT, "--month", "2020-09", "--date", "2020-10-08")
    assert out.exit_code == 0
    assert "Hồng Lĩnh, ngày 08 tháng 10 năm 2020" in out.stdout


def test_bad_month_exits_2(run):
    result = run("report", "--data", SEPT, "--month", "2019-09")
    assert result.exit_code == 2
    assert result.stdout == ""


# ----------------------------------------------------------------- another town, no data


def test_another_towns_plan_prints_its_own_header(plan):
    issuer = plan.issuer.model_copy(
        update={
            "authority_vi": "UBND HUYỆN CAN LỘC",
            "header_vi": ["ỦY BAN NHÂN DÂN", "HUYỆN CAN LỘC"],
            "place": "Can Lộc",
        }
    )
    report_info = plan.report.model_copy(update={"title_vi": "Tiến độ các chỉ tiêu"})
    other = plan.model_copy(update={"issuer": issuer, "report": report_info, "year": 2021})
    assert issuer_in_text(other, "vi") == "Ủy ban nhân dân huyện Can Lộc"
    status = compute_status(other, Dataset(len(other.indicators)), 5)
    load = DataLoad(Dataset(len(other.indicators)))
    report = build_report(other, status, load, "vi", other.report_date(5))
    text = render(report, "text").decode()
    assert "HUYỆN CAN LỘC" in text
    assert "Can Lộc, ngày 22 tháng 5 năm 2021" in text
    assert "Tiến độ các chỉ tiêu tháng 5 và 5 tháng năm 2021" in text
    assert "HỒNG LĨNH" not in text and "Hồng Lĩnh" not in text
    md = render(report, "markdown").decode()
    assert md.startswith("| **ỦY BAN NHÂN DÂN**<br>**HUYỆN CAN LỘC**")


def test_empty_data_folder(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    result = run("report", "--month", "2020-02", "--data", data)
    assert result.exit_code == 0
    # the signed text says nothing of completeness; the worksheet does
    assert "chưa gửi số liệu" not in result.stdout
    assert "Các chỉ tiêu kế hoạch năm 2020 được đánh giá tại Phụ lục kèm theo." in result.stdout
    sheet = run("report", "--month", "2020-02", "--data", data, "--worksheet").stdout
    assert "Đến thời điểm báo cáo, các đơn vị chưa gửi số liệu." in sheet
    assert "Không có chỉ tiêu nào có nguy cơ không đạt" in sheet
    out = tmp_path / "bc.docx"
    assert run("report", "--month", "2020-02", "--data", data, "-o", out).exit_code == 0
    assert len([r for r in _docx(out).tables[-1].rows if STT.match(r.cells[0].text)]) == 31


def test_missing_submissions(plan):
    load = load_data(plan, BASE)
    # plan order of the units; the quarterly works are due too; the owner of XH04 is not
    # chased for the wards' sum (issue 24)
    assert missing_submissions(plan, load, 3) == [
        ("P-QLDT", [("DT05", False), ("DT07", False), ("DT11", False)]),
        ("P-TNMT", [("KT07", False)]),
        ("CA", [("QP02", False)]),
        ("DAU-LIEU", [("KT05", False), ("KT06", False), ("XH04", False)]),
    ]
    assert missing_submissions(plan, load, 2) == []


def test_all_sent_says_so(run, tmp_path):
    data = tmp_path / "data"
    header = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
    sent = {"CC-THUE": {"KT04": 6.2}, "P-TNMT": {"KT07": 99}, "BHXH": {"XH02": 93, "XH03": 38}}
    for unit, values in sent.items():
        body = "".join(f"{unit},{code},2020-01,{v},\n" for code, v in values.items())
        write_csv(data / "2020-01" / f"{unit}.csv", header + body)
    for ward in ("BAC-HONG", "NAM-HONG", "DUC-THUAN", "TRUNG-LUONG", "DAU-LIEU", "THUAN-LOC"):
        body = f"{ward},KT05,2020-01,1,\n{ward},KT06,2020-01,0,\n{ward},XH04,2020-01,10,\n"
        write_csv(data / "2020-01" / f"{ward}.csv", header + body)
    write_csv(data / "2020-01" / "P-LDTBXH.csv", header + "P-LDTBXH,XH04,2020-01,60,\n")
    out = run("report", "--month", "2020-01", "--data", data, "--worksheet").stdout
    assert "Các đơn vị đã gửi đủ số liệu tháng 1/2020 theo quy định." in out


def test_stored_errors_exit_1_with_the_report(run):
    result = run("report", "--data", TEST_DATA / "conflicting", "--month", "2020-03")
    assert result.exit_code == 1
    assert "BÁO CÁO" in result.stdout
    assert "kehoach validate" in result.stderr


def test_plan_path_is_respected(run):
    result = run("report", "--month", "2020-09", "--data", SEPT, "--plan", PLAN_PATH)
    assert result.exit_code == 0


# ------------------------------------------------------------------- named edge cases


def test_lower_is_better_rate_above_its_ceiling(plan):
    # XH01 poverty rate, "dưới 2%": 2,08% is within its band, so at risk.
    ds = Dataset(len(plan.indicators))
    ds.add_file("2020-12/P-LDTBXH.csv")
    ds.put(plan.unit_index["P-LDTBXH"], plan.indicator_index["XH01"], 12, 2.08, 0, 2)
    status = compute_status(plan, ds, 12)
    assert next(r for r in status.indicators if r.code == "XH01").status == "at_risk"
    for lang, words in (
        ("vi", "XH01. Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều): có nguy cơ không đạt kế hoạch; "
         "đạt 2,08%, cao hơn kế hoạch 0,08 điểm % (dưới 2%)."),
        ("en", "2.08%, 0.08 percentage points above target (below 2%)."),
    ):  # fmt: skip
        report = build_worksheet(plan, status, DataLoad(ds), lang, date(2020, 12, 22))
        text = render(report, "markdown").decode()
        assert words in text


def test_december_needs_no_monthly_rate(plan):
    # KT04 in December, sent as lũy kế: 5,8 more each month; nothing left to spread over.
    ds = Dataset(len(plan.indicators))
    ds.add_file("x.csv")
    for m in range(1, 13):
        ds.put(plan.unit_index["CC-THUE"], plan.indicator_index["KT04"], m, 5.8 * m, 0, m + 1)
    status = compute_status(plan, ds, 12)
    report = build_worksheet(plan, status, DataLoad(ds), "vi", date(2020, 12, 22))
    text = render(report, "markdown").decode()
    line = next(x for x in text.splitlines() if x.startswith("KT04."))
    assert "lũy kế 69,6 tỷ đồng, thấp hơn tiến độ kế hoạch (74,4 tỷ đồng) 4,8 tỷ đồng." in line
    assert "tháng còn lại" not in line
    assert "Tình hình thực hiện" in report.header.title
    assert report.header.title.endswith("tháng 12 và cả năm 2020")


def test_output_file_equals_stdout_and_keeps_its_mode(run, tmp_path):
    target = tmp_path / "bao-cao.md"
    target.write_text("bản cũ\n", encoding="utf-8")
    target.chmod(0o640)
    result = run("report", "--month", "2020-09", "--data", SEPT, "-o", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    shown = run("report", "--month", "2020-09", "--data", SEPT, "--format", "markdown")
    assert target.read_bytes() == shown.stdout.encode("utf-8")
    assert target.stat().st_mode & 0o777 == 0o640
    kept = [p for p in tmp_path.iterdir() if p != target]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "bản cũ\n"


def test_missing_data_folder_exits_2(run, tmp_path):
    result = run("report", "--data", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.stdout == ""


def _with_conflict(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    # someone saved a corrected copy beside the stored file instead of replacing it
    write_csv(
        data / "2020-03" / "CC-THUE (1).csv",
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\nCC-THUE,KT04,2020-03,17.3,bản sửa\n",
    )
    return data


def test_conflict_is_said_in_words_and_exits_1(run, tmp_path):
    data = _with_conflict(tmp_path)
    result = run(
        "report", "--month", "2020-03", "--data", data, "--format", "markdown", "--worksheet"
    )
    assert result.exit_code == 1
    md = result.stdout
    kt04 = next(x for x in md.splitlines() if x.startswith("- KT04."))
    assert kt04 == (
        "- KT04. Thu ngân sách (phần giao thu): số liệu các đơn vị gửi chưa thống nhất. "
        "Số liệu các đơn vị gửi chưa thống nhất, chưa đánh giá được. "
        "Theo Chi cục Thuế (tháng 3/2020): “bản sửa”."
    )
    # the unit did send its figure: the reporting part says so instead of asking for it
    assert "- Chi cục Thuế: KT04 (đã gửi, số liệu chưa thống nhất)." in md
    # an official text names no files; the office is told where to look on stderr
    assert "CC-THUE (1).csv" not in md
    assert "kehoach validate" in result.stderr
    draft = run("report", "--month", "2020-03", "--data", data, "--format", "markdown")
    annex_row = "| trên 74,4 tỷ đồng (phần giao thu) |   |   |   |   |   | Đang rà soát số liệu |"
    assert annex_row in draft.stdout
    assert draft.exit_code == 1 and "KT04" not in draft.stdout.split("---")[0]
    assert "Thu ngân sách" not in draft.stdout.split("## II.")[0]  # no figure, no sentence
    out = tmp_path / "r.docx"
    written = run("report", "--month", "2020-03", "--data", data, "-o", out)
    assert written.exit_code == 1 and out.exists()


def test_a_units_note_is_quoted_literally(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEPT, data)
    write_csv(
        data / "2020-09" / "BHXH.csv",
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
        "BHXH,XH02,2020-09,91.5,*chưa* đạt [xem](http://x) <b>|</b> # do dịch\n"
        "BHXH,XH03,2020-09,33,\n",
    )
    md = run(
        "report", "--month", "2020-09", "--data", data, "--format", "markdown", "--worksheet"
    ).stdout
    assert (
        "> Theo Bảo hiểm xã hội thị xã (tháng 9/2020): “\\*chưa\\* đạt \\[xem\\](http://x) "
        "\\<b\\>\\|\\</b\\> \\# do dịch”." in md
    )
    out = tmp_path / "r.docx"
    run("report", "--month", "2020-09", "--data", data, "-o", out, "--worksheet")
    assert (
        "Theo Bảo hiểm xã hội thị xã (tháng 9/2020): “*chưa* đạt [xem](http://x) <b>|</b> "
        "# do dịch”." in docx_text(_docx(out))
    )


# ------------------------------------------------------------ any text in a Word file


def test_control_characters_in_a_note_and_the_tasks_do_not_break_the_word_file(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEPT, data)
    write_csv(
        data / "2020-09" / "BHXH.csv",
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
        "BHXH,XH02,2020-09,91.5,do\x01 dịch\x0b \x1b[2J x\n",
    )
    tasks = tmp_path / "nv.md"
    tasks.write_bytes("- nhiệm vụ \x02 \x0c\n".encode())
    out = tmp_path / "r.docx"
    result = run("report", "--month", "2020-09", "--data", data, "--tasks", tasks, "-o", out)
    assert result.exit_code == 0, result.stderr
    text = docx_text(_docx(out))
    assert "nhiệm vụ ␂" in text  # the office's task, a paragraph of section III
    sheet = tmp_path / "ws.docx"
    result = run("report", "--month", "2020-09", "--data", data, "--worksheet", "-o", sheet)
    assert result.exit_code == 0, result.stderr
    # shown as visible signs (spaces, a vertical tab among them, are joined as spaces)
    assert "“do␁ dịch ␛[2J x”" in docx_text(_docx(sheet))


@settings(max_examples=15, deadline=None)
@given(st.text(max_size=40))
def test_any_tasks_text_makes_a_readable_word_file(september_plain, text):
    from kehoach.render.docx import render_docx, xml_text

    plan, load, status = september_plain
    report = build_report(plan, status, load, "vi", date(2020, 9, 22), tasks=Tasks((Para(text),)))
    doc = _docx(render_docx(report))
    shown = xml_text(text)
    # Word has one line break: a CR and an LF both come back as "\n"
    found = [p.text.replace("\r", "\n") for p in doc.paragraphs]
    wanted = shown.replace("\r", "\n").strip()
    if wanted:
        assert any(wanted in t for t in found)


def test_markdown_tables_are_well_formed(run):
    """Every table row has as many cells as its header, so a forge renders it as a table."""
    md = _worksheet_text(run)
    blocks = [b for b in md.split("\n\n") if b.startswith("|")]
    # header, the ward tables, signature, summary table
    wards = len(re.findall(r"\n\*[A-Z]{2}\d{2} — ", md))
    assert wards == 4  # KT05, KT06, XH04, XH09 (XH08 is not due: no figure, no table)
    assert len(blocks) == 2 + wards and "### Số liệu theo phường, xã" in md  # no signature
    for block in blocks:
        lines = block.splitlines()
        widths = {len(re.split(r"(?<!\\)\|", line.strip())) - 2 for line in lines}
        assert len(widths) == 1, block[:200]
        assert re.fullmatch(r"\|(:?-{3,}:?\|)+", lines[1])
    # headings in order, each on its own line after a blank one
    heads = re.findall(r"^(#{1,3}) (.*)$", md, re.M)
    assert [h for h in heads if h[0] == "##"][:5] == [
        ("##", "A. TÌNH HÌNH GỬI BÁO CÁO"),
        ("##", "B. SỐ LIỆU ƯỚC TÍNH CHỜ SỐ CHÍNH THỨC"),
        ("##", "C. CHI TIẾT TỪNG CHỈ TIÊU, SỐ LIỆU THEO PHƯỜNG, XÃ, ĐIỀU CHỈNH"),
        ("##", "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KẾ HOẠCH"),
        ("##", "II. HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN"),
    ]
    draft = _report_text(run)
    heads = re.findall(r"^(#{1,3}) (.*)$", draft, re.M)
    assert [h for h in heads if h[0] == "##"][:3] == [
        ("##", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
        ("##", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        ("##", "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 3 THÁNG CUỐI NĂM 2020"),
    ]
    assert [b for b in draft.split("\n\n") if b.startswith("|")][1:2]  # the signature
