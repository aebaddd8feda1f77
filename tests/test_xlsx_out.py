"""Workbooks kehoach writes (the form, the summary table) and the round trip through them.

The form is opened with openpyxl as Excel would show it: locked cells, the validation on
each value cell, the instructions; then filled in as a clerk does (numbers, a typed
"1.200", a percent cell, an estimate mark) and sent through validate, submit and status,
whose figures are checked.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from kehoach.core.layout import LOG_NAME, ORIGINALS_DIR
from kehoach.core.template import TEMPLATE_HEADER, due_indicators
from kehoach.render.xlsx import (
    FONT_NAME,
    SHEET_FORM,
    SHEET_HELP,
    form_header,
    number_format,
    status_workbook,
    template_workbook,
)


def rows_of(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_the_form_workbook(plan, tmp_path):
    unit = plan.unit_index["BAC-HONG"]
    data = template_workbook(plan, unit, 3)
    assert template_workbook(plan, unit, 3) == data  # the same bytes every time
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    wb = load_workbook(path)
    assert wb.sheetnames == [SHEET_FORM, SHEET_HELP]
    ws = wb[SHEET_FORM]
    header = rows_of(ws)[0]
    assert list(header) == form_header(TEMPLATE_HEADER)
    assert {"ky_so_lieu", "uoc_tinh"} <= set(header)
    col = {name: i + 1 for i, name in enumerate(header)}
    codes = [plan.indicators[i].code for i in due_indicators(plan, unit, 3)]
    assert [r[col["ma_chi_tieu"] - 1] for r in rows_of(ws)[1:]] == codes
    assert {r[col["thang"] - 1] for r in rows_of(ws)[1:]} == {"T3/2020"}

    # Sheet protection without a password: codes, names, units and month locked.
    assert ws.protection.sheet and not ws.protection.password
    for r in range(2, len(codes) + 2):
        for name in ("don_vi", "ma_chi_tieu", "ten_chi_tieu", "don_vi_tinh", "thang"):
            assert ws.cell(r, col[name]).protection.locked, (r, name)
        for name in ("gia_tri", "ky_so_lieu", "uoc_tinh", "ghi_chu"):
            assert not ws.cell(r, col[name]).protection.locked, (r, name)
        assert ws.cell(r, col["ma_chi_tieu"]).font.name == FONT_NAME

    # Each value cell: a decimal within the plan's hard range, with the unit of measure
    # and the target in its input message.
    checks = {}
    for dv in ws.data_validations.dataValidation:
        for ref in str(dv.sqref).split():
            checks[ref] = dv
    for r, code in enumerate(codes, 2):
        ind = plan.indicator_by_code[code] if hasattr(plan, "indicator_by_code") else None
        ind = ind or next(i for i in plan.indicators if i.code == code)
        dv = checks[ws.cell(r, col["gia_tri"]).coordinate]
        assert dv.type == "decimal" and dv.errorStyle == "stop"
        assert dv.operator == "greaterThanOrEqual" and Decimal(dv.formula1) == ind.range.min
        assert ind.uom("vi") in dv.promptTitle
        assert "Kế hoạch năm" in dv.prompt
        kinds = checks[ws.cell(r, col["ky_so_lieu"]).coordinate]
        assert kinds.type == "list" and "lũy kế" in kinds.formula1
        assert checks[ws.cell(r, col["uoc_tinh"]).coordinate].formula1 == '"x"'
    assert ws.column_dimensions["C"].width >= 40  # names readable
    assert ws.freeze_panes == "A2"
    help_text = " ".join(str(r[0]) for r in rows_of(wb[SHEET_HELP]) if r[0])
    assert "gia_tri" in help_text and "lũy kế" in help_text and "ước tính" in help_text


def test_a_percent_indicator_refuses_more_than_100(plan, tmp_path):
    unit = plan.unit_index["BHXH"]
    path = tmp_path / "f.xlsx"
    path.write_bytes(template_workbook(plan, unit, 3))
    ws = load_workbook(path)[SHEET_FORM]
    dv = next(d for d in ws.data_validations.dataValidation if d.type == "decimal")
    assert (dv.operator, dv.formula1, dv.formula2) == ("between", "0", "100")
    assert "0 – 100" in dv.error


def test_template_cli_writes_a_workbook(run, tmp_path):
    out = tmp_path / "BAC-HONG.xlsx"
    data = tmp_path / "data"
    result = run("template", "BAC-HONG", "--month", "2020-03", "-o", out, "--data", data)
    assert result.exit_code == 0
    assert out.read_bytes()[:4] == b"PK\x03\x04"
    assert "BAC-HONG.xlsx" in result.stderr
    forced = tmp_path / "form.dat"
    result = run(
        "template", "BAC-HONG", "--month", "2020-03", "--format", "xlsx", "-o", forced,
        "--data", tmp_path / "data",
    )  # fmt: skip
    assert forced.read_bytes() == out.read_bytes()


def test_number_formats_show_the_value_as_it_is():
    assert number_format(1080) == "#,##0"
    assert number_format(74.4) == "#,##0.0"
    assert number_format(1.125) == "#,##0.000"
    assert number_format(Decimal("0.5")) == "#,##0.0"


def test_status_workbook_from_the_sample_data(run, plan, tmp_path):
    from kehoach.core.attainment import compute_status
    from kehoach.read.datafolder import load_data

    sample = Path(__file__).resolve().parent.parent / "data" / "monthly"
    status = compute_status(plan, load_data(plan, sample).dataset, 9)
    data = status_workbook(status, plan)
    assert status_workbook(status, plan) == data
    path = tmp_path / "s.xlsx"
    path.write_bytes(data)
    ws = load_workbook(path).worksheets[1]
    header = rows_of(ws)[0]
    assert header[:4] == ("Mã", "Nhóm", "Chỉ tiêu", "Đơn vị tính")
    doc = status.to_dict()
    # Every field of the JSON document is a column (an object's parts one each; a list of
    # records its own sheet): a field added there shows up here.
    items = doc["indicators"]
    lists = {
        k
        for i in items
        for k, v in i.items()
        if v and isinstance(v, list) and isinstance(v[0], dict)
    }
    objects = {k for i in items for k, v in i.items() if isinstance(v, dict)}
    expected = {f"{k}.{p}" for i in items for k, v in i.items() if k in objects for p in v or ()}
    expected |= {k for i in items for k in i if k not in lists | objects}
    expected -= {"name_en", "target_text_en"}
    assert len(header) == len(expected)
    assert "Theo đơn vị" in load_workbook(path).sheetnames  # the units' contributions
    col = {name: i for i, name in enumerate(header)}
    for row, item in zip(rows_of(ws)[1:], doc["indicators"], strict=True):
        assert row[col["Mã"]] == item["code"]
        assert row[col["Thực hiện"]] == item["value"]  # a number, not text
        assert row[col["Kế hoạch năm"]] == item["target"]
    first = ws.cell(2, col["Trạng thái"] + 1)
    assert first.fill.fgColor.rgb.endswith(("C6EFCE", "FFEB9C", "FFC7CE", "E4C1F9", "E7E6E6"))
    shares = [ws.cell(r, col["Đạt % KH năm"] + 1) for r in range(2, ws.max_row + 1)]
    assert {c.number_format for c in shares if c.value is not None} == {"0.0%"}
    assert ws.freeze_panes == "B2"


def test_status_cli_writes_the_summary_workbook(run, tmp_path):
    sample = Path(__file__).resolve().parent.parent / "data" / "monthly"
    out = tmp_path / "tong-hop.xlsx"
    result = run("status", "--data", sample, "--month", "2020-09", "--xlsx", out, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    ws = load_workbook(out).worksheets[1]
    assert len(rows_of(ws)) == len(doc["indicators"]) + 1
    result = run("status", "--data", sample, "--xlsx", tmp_path / "no" / "x.xlsx")
    assert result.exit_code == 2


# ---------------------------------------------------------------------- round trip


def _fill(path: Path, figures: dict[str, object], percent: set[str] = frozenset(), mark=()):
    """Fill a form as a clerk does in Excel: figures typed in the value cells."""
    wb = load_workbook(path)
    ws = wb[SHEET_FORM]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    for r in range(2, ws.max_row + 1):
        code = ws.cell(r, col["ma_chi_tieu"]).value
        if code in figures:
            cell = ws.cell(r, col["gia_tri"], figures[code])
            if code in percent:
                cell.number_format = "0.0%"
        if code in mark:
            ws.cell(r, col["uoc_tinh"], "x")
    wb.save(path)


def test_round_trip_template_fill_validate_submit_status(run, plan, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    ward = tmp_path / "BAC-HONG.xlsx"
    bhxh = tmp_path / "BHXH.xlsx"
    for unit, path in (("BAC-HONG", ward), ("BHXH", bhxh)):
        result = run("template", unit, "--month", "2020-03", "-o", path, "--data", data)
        assert result.exit_code == 0, result.output
    # numbers, a figure typed as text with a thousands dot, an estimate mark
    _fill(ward, {"KT05": 120.5, "KT06": "1.200", "XH04": 35}, mark={"XH04"})
    # a percent cell: 0.985 shown as 98,5 %
    _fill(bhxh, {"XH02": 0.985, "XH03": 25}, percent={"XH02"})

    # The form says how the plan asks for each figure: year to date or the month alone.
    ws = load_workbook(ward)[SHEET_FORM]
    header = [c.value for c in ws[1]]
    kinds = {r[1]: r[header.index("ky_so_lieu")] for r in rows_of(ws)[1:]}
    assert kinds == {"KT05": "lũy kế", "KT06": "lũy kế", "XH04": "tháng"}

    result = run("validate", ward, bhxh, "--data", data, "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    warnings = [(w["row"], w["code"]) for f in doc["files"] for w in f["warnings"]]
    assert warnings == [(3, "thousands-dot")]  # "1.200" read as 1200, and said so
    assert [f["errors"] for f in doc["files"]] == [[], []]

    for path in (ward, bhxh):
        result = run("submit", path, "--data", data, "--json")
        assert result.exit_code == 0, result.output
    stored = (data / "2020-03" / "BAC-HONG.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(stored)))
    assert [(r[1], r[3]) for r in rows[1:]] == [("KT05", "120.5"), ("KT06", "1200"), ("XH04", "35")]
    stored = (data / "2020-03" / "BHXH.csv").read_text(encoding="utf-8")
    assert [(r[1], r[3]) for r in list(csv.reader(io.StringIO(stored)))[1:]] == [
        ("XH02", "98.5"),
        ("XH03", "25"),
    ]
    # The workbook as sent is kept, under the SHA-256 its log line carries.
    log = list(csv.DictReader(io.StringIO((data / LOG_NAME).read_text(encoding="utf-8"))))
    for entry in log:
        kept = data / ORIGINALS_DIR / entry["month"] / f"{entry['unit']}.{entry['sha256']}.xlsx"
        assert kept.read_bytes() == (tmp_path / f"{entry['unit']}.xlsx").read_bytes()

    result = run("status", "--data", data, "--month", "2020-03", "--json")
    items = {i["code"]: i for i in json.loads(result.stdout)["indicators"]}
    ward_figures = {
        code: next(c for c in items[code]["contributions"] if c["unit"] == "BAC-HONG")
        for code in ("KT05", "KT06", "XH04")
    }
    assert {code: c["value"] for code, c in ward_figures.items()} == {
        "KT05": 120.5,
        "KT06": 1200,
        "XH04": 35,
    }
    assert ward_figures["XH04"]["estimate"] is True  # the "x" in uoc_tinh
    assert ward_figures["KT05"]["estimate"] is False
    assert items["XH02"]["value"] == 98.5
    assert items["XH03"]["value"] == 25
    # and the summary workbook of the same status holds the same figures, as numbers
    out = tmp_path / "tong-hop.xlsx"
    run("status", "--data", data, "--month", "2020-03", "--xlsx", out)
    table = rows_of(load_workbook(out).worksheets[1])
    col = {name: i for i, name in enumerate(table[0])}
    shown = {row[col["Mã"]]: row[col["Thực hiện"]] for row in table[1:]}
    assert shown["XH02"] == 98.5 and shown["XH03"] == 25


def test_a_milestone_value_cell_offers_its_stages(plan, tmp_path):
    unit = plan.unit_index["P-QLDT"]
    path = tmp_path / "f.xlsx"
    path.write_bytes(template_workbook(plan, unit, 6))
    ws = load_workbook(path)[SHEET_FORM]
    header = [c.value for c in ws[1]]
    rows = {r[1]: n for n, r in enumerate(rows_of(ws)[1:], 2)}
    ref = ws.cell(rows["DT05"], header.index("gia_tri") + 1).coordinate
    dv = next(d for d in ws.data_validations.dataValidation if ref in str(d.sqref).split())
    assert (dv.type, dv.formula1, dv.errorStyle) == (
        "list",
        '"chuan-bi,khoi-cong,hoan-thanh"',
        "warning",
    )
    assert "khoi-cong: Khởi công" in dv.prompt
