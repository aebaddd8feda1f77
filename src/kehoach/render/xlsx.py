"""Workbooks kehoach writes: the form a unit fills in, and the summary table (status).

Both are built with openpyxl (imported here only, when a workbook is written) and saved
byte for byte the same for the same input: the workbook's created/modified times and the
ZIP entries' times are fixed, so a form or a summary written twice is the same file.

The form (``template UNIT --format xlsx``): sheet "Số liệu" with the CSV form's columns
plus how the figure is sent (``ky_so_lieu``: "lũy kế" year to date, or "tháng") and the
estimate mark (``uoc_tinh``: "x" for an estimate); codes, names, units of measure and the
month locked (sheet protection without a password: nothing is secret, it only keeps a
code from being typed over); each value cell with Excel data validation from the plan's
hard range and an input message naming the unit of measure and the target in the plan's
words; a sheet "Hướng dẫn" with short instructions. Vietnamese-safe font throughout.

The summary (``status --xlsx FILE``): first the report's annex (sheet "Phụ lục", built
by :mod:`kehoach.report.annex`), set up to print on A4 landscape one page wide; then every
field: one row per indicator, numbers as numbers with number formats Excel shows in the
machine's own style (1.080,5 on a Vietnamese machine), the status coloured, the header
frozen. Those columns come from ``StatusResult.to_dict()``, so a field added there appears
without a change here.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal
from typing import Any

from kehoach.core.i18n import Localized, month_label, status_label
from kehoach.core.models import Plan
from kehoach.render.safe import cell_value

FONT_NAME = "Times New Roman"  # has every Vietnamese letter on every Windows machine
FONT_SIZE = 12
FIXED_TIME = datetime(2020, 1, 1)  # the workbook's properties: the same bytes every time
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
FIXED_STAMP = b"2020-01-01T00:00:00Z"
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
SHEET_FORM = "Số liệu"
SHEET_HELP = "Hướng dẫn"

# How the plan asks for a cumulative figure, as the form's ky_so_lieu cell says it.
SENT_AS_TEXT = {"ytd": "lũy kế", "month": "tháng"}
ESTIMATE_MARK = "x"
FORM_EXTRA = ("ky_so_lieu", "uoc_tinh")

# status → fill colour (soft tones that print in grey as well)
STATUS_FILL = {
    "achieved": "C6EFCE",
    "on_track": "C6EFCE",
    "at_risk": "FFEB9C",
    "off_track": "FFC7CE",
    "conflict": "E4C1F9",
    "no_data": "E7E6E6",
    "not_due": "F2F2F2",
}

WORKBOOK_LABELS = {
    "help_title": Localized("HƯỚNG DẪN ĐIỀN MẪU SỐ LIỆU", "HOW TO FILL IN THE FORM"),
    "help": (
        Localized(
            "1. Điền số liệu vào cột gia_tri của trang “Số liệu”, mỗi chỉ tiêu một dòng.",
            "1. Type each figure in the gia_tri column of the “Số liệu” sheet, one "
            "indicator per row.",
        ),
        Localized(
            "2. Gõ số như bình thường (ví dụ 74,4 hoặc 1.080); không gõ đơn vị tính. "
            "Tỷ lệ phần trăm gõ 98,5 (không cần dấu %).",
            "2. Type numbers as usual (74.4 or 1,080); no unit of measure. Type a "
            "percentage as 98.5 (the % sign is not needed).",
        ),
        Localized(
            "3. Khi chọn một ô số liệu, Excel hiện đơn vị tính và kế hoạch năm của chỉ tiêu; "
            "số nằm ngoài giới hạn cho phép sẽ bị từ chối ngay.",
            "3. Selecting a value cell shows the unit of measure and the annual target; a "
            "figure outside the allowed limits is refused at once.",
        ),
        Localized(
            "4. Cột ky_so_lieu: “lũy kế” là số cộng dồn từ đầu năm, “tháng” là số của riêng "
            "tháng báo cáo. Mẫu đã điền sẵn theo yêu cầu của kế hoạch.",
            "4. Column ky_so_lieu: “lũy kế” is the total since January, “tháng” the figure "
            "of the month alone. The form is prefilled with what the plan asks for.",
        ),
        Localized(
            "5. Cột uoc_tinh: gõ x nếu là số ước tính; để trống nếu là số chính thức.",
            "5. Column uoc_tinh: type x for an estimate; leave it empty for an official figure.",
        ),
        Localized(
            "6. Chỉ tiêu chưa có số liệu: để trống ô gia_tri (không gõ 0). Ghi chú, nếu có, "
            "ghi ở cột ghi_chu.",
            "6. No figure yet: leave gia_tri empty (do not type 0). Notes go in ghi_chu.",
        ),
        Localized(
            "7. Các cột mã, tên chỉ tiêu, đơn vị tính và tháng đã khóa để tránh gõ nhầm "
            "(bỏ khóa: Xem lại → Bỏ bảo vệ trang tính, không cần mật khẩu).",
            "7. Codes, names, units of measure and the month are locked against typing "
            "over (unlock: Review → Unprotect Sheet, no password).",
        ),
        Localized(
            "8. Lưu tệp dạng .xlsx như bình thường rồi gửi; không cần lưu thành CSV. "
            "Kiểm tra trước khi gửi: kehoach validate TÊN_TỆP.xlsx",
            "8. Save the file as .xlsx as usual and send it; no need to save as CSV. "
            "Check it first: kehoach validate FILE.xlsx",
        ),
    ),
    "prompt_title": Localized("Đơn vị tính: {uom}", "Unit: {uom}"),
    "prompt": Localized("{name}. Kế hoạch năm: {target}.", "{name}. Annual target: {target}."),
    "error_title": Localized("Số liệu ngoài giới hạn", "Figure out of bounds"),
    "error": Localized(
        "Số liệu phải trong khoảng {range} ({uom}).", "The figure must be within {range} ({uom})."
    ),
    "kind_prompt": Localized(
        "lũy kế: cộng dồn từ đầu năm; tháng: riêng tháng báo cáo.",
        "lũy kế: total since January; tháng: the month alone.",
    ),
    "estimate_prompt": Localized(
        "x: số ước tính; để trống: số chính thức.", "x: an estimate; empty: official."
    ),
}

STATUS_COLUMNS: dict[str, Localized] = {
    "code": Localized("Mã", "Code"),
    "group": Localized("Nhóm", "Group"),
    "name": Localized("Chỉ tiêu", "Indicator"),
    "unit_of_measure": Localized("Đơn vị tính", "Unit of measure"),
    "direction": Localized("Chiều", "Direction"),
    "measure": Localized("Cách tính", "Measure"),
    "target": Localized("Kế hoạch năm", "Annual target"),
    "value": Localized("Thực hiện", "Actual"),
    "unit_value": Localized("Của đơn vị", "Unit's share"),
    "expected": Localized("Tiến độ đến nay", "Expected by now"),
    "attainment": Localized("Đạt % KH năm", "Attained % of target"),
    "status": Localized("Trạng thái", "Status"),
    "last_month": Localized("Số liệu đến", "Data up to"),
    "reported_by": Localized("Đơn vị báo cáo", "Reported by"),
    "due_month": Localized("Kỳ báo cáo gần nhất", "Latest due month"),
    "partial": Localized("Chưa đủ đơn vị", "Partial"),
    "missing_units": Localized("Đơn vị chưa gửi", "Units not sent"),
    "stale": Localized("Số liệu cũ", "Stale"),
    "projected": Localized("Dự báo cuối năm", "Projected year-end"),
    "needed_per_month": Localized("Cần mỗi tháng", "Needed per month"),
    "conflict_months": Localized("Tháng có xung đột", "Months in conflict"),
    "comparison": Localized("So sánh", "Comparison"),
    "target_text": Localized("Chỉ tiêu theo kế hoạch", "Target as planned"),
    "baseline": Localized("Mức gốc", "Baseline"),
    "band": Localized("Biên độ", "Band"),
    "month_value": Localized("Số của tháng", "Month's figure"),
    "estimate": Localized("Ước tính", "Estimate"),
    "gap_points": Localized("Chênh lệch (điểm)", "Gap (points)"),
    "owner": Localized("Đơn vị chủ trì", "Owner"),
    "source": Localized("Nguồn số liệu", "Source"),
    "owner_value": Localized("Số của đơn vị chủ trì", "Owner's figure"),
    "contributors_sum": Localized("Tổng các đơn vị", "Contributors' sum"),
    "mismatch": Localized("Số liệu lệch nhau", "Figures disagree"),
    "previous_year": Localized("Cùng kỳ năm trước", "Same period last year"),
    "vs_previous_year": Localized("So với cùng kỳ", "Against last year"),
    "phasing": Localized("Phân bổ tiến độ", "Phasing"),
    "phasing_fallback": Localized("Phân bổ thay thế", "Phasing fallback"),
    "shortfall": Localized("Còn thiếu", "Shortfall"),
    "stage": Localized("Giai đoạn", "Stage"),
    "below_baseline": Localized("Dưới mức gốc", "Below baseline"),
    "contributions": Localized("Theo đơn vị", "By unit"),
    "notes": Localized("Ghi chú", "Notes"),
    "unit": Localized("Đơn vị", "Unit"),
    "role": Localized("Vai trò", "Role"),
    "month": Localized("Tháng", "Month"),
    "due_sent": Localized("Đã gửi", "Sent"),
    "due_total": Localized("Phải gửi", "Due"),
}
STATUS_INFO = {
    "annex": Localized("Phụ lục", "Annex"),
    "sheet": Localized("Dữ liệu đầy đủ", "All fields"),
    "info": Localized("Thông tin", "About"),
    "plan": Localized("Kế hoạch", "Plan"),
    "month": Localized("Tháng", "Month"),
    "unit": Localized("Đơn vị", "Unit"),
    "count": Localized("Số chỉ tiêu", "Indicators"),
    "yes": Localized("có", "yes"),
}
# Fields holding a share (0.74 = 74 %): shown with Excel's percent format.
SHARE_KEYS = frozenset({"attainment"})
# Shown in one language only: the other language's copy of the same thing.
_OTHER_LANGUAGE = {
    "vi": {"name_en", "target_text_en"},
    "en": {"name", "target_text"},
}
_ENGLISH_TWIN = {"name_en": "name", "target_text_en": "target_text"}


# ------------------------------------------------------------------ common


def workbook_bytes(wb) -> bytes:
    """The saved workbook, the same bytes for the same content (fixed times)."""
    from kehoach.render.safe import neutralise_workbook

    neutralise_workbook(wb)  # every string is data: no live formula, no raw control
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "kehoach"
    wb.properties.lastModifiedBy = "kehoach"
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the time of saving as "modified", whatever was set.
                data = _MODIFIED.sub(rb"\g<1>" + FIXED_STAMP + rb"\g<2>", data)
            dst.writestr(entry, data)
    return out.getvalue()


def _fonts():
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, size=FONT_SIZE), Font(name=FONT_NAME, size=FONT_SIZE, bold=True)


def number_format(value: float | int | Decimal) -> str:
    """An Excel number format showing exactly this value's decimals (up to 6), grouped.

    Excel keeps format codes in one notation (',' groups, '.' decimal) and shows them in
    the machine's own: '#,##0.0' is 1.080,5 on a Vietnamese machine, 1,080.5 elsewhere."""
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    places = max(0, -d.normalize().as_tuple().exponent) if d == d else 0
    places = min(places, 6)
    return "#,##0" + ("." + "0" * places if places else "")


# ------------------------------------------------------------------ the form


def form_header(csv_header: tuple[str, ...]) -> list[str]:
    """The CSV form's columns, with ky_so_lieu and uoc_tinh after gia_tri unless the CSV
    form has them already."""
    header = list(csv_header)
    missing = [c for c in FORM_EXTRA if c not in header]
    at = header.index("gia_tri") + 1 if "gia_tri" in header else len(header)
    header[at:at] = missing
    return header


def template_workbook(plan: Plan, unit: int, month: int, lang: str = "vi") -> bytes:
    """The form of ``unit`` for ``month`` as an .xlsx file's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    from kehoach.core.issues import format_range
    from kehoach.core.template import TEMPLATE_HEADER, due_indicators, template_rows

    font, bold = _fonts()
    header = form_header(TEMPLATE_HEADER)
    col = {name: i + 1 for i, name in enumerate(header)}
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_FORM
    ws.append(header)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    unlocked = Protection(locked=False)
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    indices = due_indicators(plan, unit, month)
    kind_list = DataValidation(
        type="list",
        formula1='"' + ",".join(SENT_AS_TEXT.values()) + '"',
        allow_blank=True,
        showInputMessage=True,
        prompt=WORKBOOK_LABELS["kind_prompt"](lang),
    )
    mark_list = DataValidation(
        type="list",
        formula1=f'"{ESTIMATE_MARK}"',
        allow_blank=True,
        showInputMessage=True,
        prompt=WORKBOOK_LABELS["estimate_prompt"](lang),
    )
    ws.add_data_validation(kind_list)
    ws.add_data_validation(mark_list)
    for r, (ind_index, cells) in enumerate(
        zip(indices, template_rows(plan, unit, month, lang), strict=True), 2
    ):
        ind = plan.indicators[ind_index]
        by_name = dict(zip(TEMPLATE_HEADER, cells, strict=True))
        by_name.setdefault("ky_so_lieu", SENT_AS_TEXT.get(ind.sent_as or "", ""))
        by_name.setdefault("uoc_tinh", "")
        for name, c in col.items():
            cell = ws.cell(r, c, cell_value(by_name.get(name)) or None)
            cell.font = font
            cell.alignment = wrap if name in ("ten_chi_tieu", "ghi_chu") else top
            if name in ("gia_tri", "ghi_chu", *FORM_EXTRA):
                cell.protection = unlocked
        value_cell = ws.cell(r, col["gia_tri"])
        _value_validation(ws, DataValidation, value_cell.coordinate, ind, lang, format_range)
        kind_list.add(ws.cell(r, col["ky_so_lieu"]).coordinate)
        mark_list.add(ws.cell(r, col["uoc_tinh"]).coordinate)
    widths = {
        "don_vi": 12,
        "ma_chi_tieu": 12,
        "ten_chi_tieu": 48,
        "don_vi_tinh": 14,
        "thang": 10,
        "gia_tri": 14,
        "ky_so_lieu": 11,
        "uoc_tinh": 9,
        "ghi_chu": 30,
    }
    from openpyxl.utils import get_column_letter

    for name, c in col.items():
        ws.column_dimensions[get_column_letter(c)].width = widths.get(name, 14)
    ws.freeze_panes = "A2"
    ws.protection.sheet = True  # no password: a guard against typing over, not a secret
    ws.protection.formatColumns = False  # widths may still be changed
    ws.protection.formatRows = False

    help_ws = wb.create_sheet(SHEET_HELP)
    help_ws.column_dimensions["A"].width = 100
    title = help_ws.cell(1, 1, WORKBOOK_LABELS["help_title"](lang))
    title.font = bold
    for r, line in enumerate(WORKBOOK_LABELS["help"], 3):
        cell = help_ws.cell(r, 1, line(lang))
        cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.active = 0
    return workbook_bytes(wb)


def _value_validation(ws, DataValidation, ref: str, ind, lang: str, format_range) -> None:
    """Excel's own check of a value cell: a decimal within the plan's hard range, and an
    input message naming the unit of measure and the target as the plan words it."""
    uom = ind.uom(lang) or "—"
    target = _target_words(ind, lang)
    if ind.measure == "milestone" and ind.stages:
        # A stage, not a number: its code from a list; a name or number typed instead is
        # let through after a warning (the reader takes those too).
        stages = "; ".join(f"{st.code}: {st.name(lang)}" for st in ind.stages)
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(st.code for st in ind.stages) + '"',
            allow_blank=True,
            showInputMessage=True,
            showErrorMessage=True,
            errorStyle="warning",
            promptTitle=WORKBOOK_LABELS["prompt_title"](lang).format(uom=uom)[:32],
            prompt=(
                WORKBOOK_LABELS["prompt"](lang).format(name=ind.name(lang), target=target)
                + " "
                + stages
            )[:255],
        )
        ws.add_data_validation(dv)
        dv.add(ref)
        return
    low = ind.range.min if ind.range is not None else None
    high = ind.range.max if ind.range is not None else None
    kwargs: dict[str, Any] = {}
    if low is not None and high is not None:
        kwargs = {"operator": "between", "formula1": _xl(low), "formula2": _xl(high)}
    elif low is not None:
        kwargs = {"operator": "greaterThanOrEqual", "formula1": _xl(low)}
    elif high is not None:
        kwargs = {"operator": "lessThanOrEqual", "formula1": _xl(high)}
    else:
        kwargs = {"operator": "between", "formula1": "-1E+300", "formula2": "1E+300"}
    dv = DataValidation(
        type="decimal",
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
        promptTitle=WORKBOOK_LABELS["prompt_title"](lang).format(uom=uom)[:32],  # Excel's limit
        prompt=WORKBOOK_LABELS["prompt"](lang).format(name=ind.name(lang), target=target)[:255],
        errorTitle=WORKBOOK_LABELS["error_title"](lang)[:32],
        error=WORKBOOK_LABELS["error"](lang).format(range=format_range(low, high, lang), uom=uom)[
            :255
        ],
        **kwargs,
    )
    ws.add_data_validation(dv)
    dv.add(ref)


def _target_words(ind, lang: str) -> str:
    """The target as the plan words it ('trên 74,4 tỷ đồng'); from the figure otherwise."""
    words = ind.target_text_en if lang == "en" else ind.target_text_vi
    if words:
        return words
    from kehoach.core.numbers import format_number

    return f"{format_number(ind.target, lang)} {ind.uom(lang)}".strip()


def _xl(d: Decimal) -> str:
    """A number in a data-validation formula: Excel's invariant notation ('.' decimal)."""
    return format(d.normalize(), "f")


# ------------------------------------------------------------------ the summary table


def status_workbook(result, plan: Plan, lang: str = "vi") -> bytes:
    """``StatusResult`` as a workbook: one row per indicator, every field a column.

    Built from ``to_dict()`` field by field: a field holding an object (a milestone's
    stage) becomes one column per part, a field holding a list of records (the units'
    contributions) a sheet of its own, one row per record beside its indicator's code."""
    from openpyxl import Workbook

    doc = result.to_dict()
    skip = _OTHER_LANGUAGE.get(lang, set())
    items = doc["indicators"]
    # What each field holds in any indicator: an object, or a list of records.
    objects = {k for item in items for k, v in item.items() if isinstance(v, dict)}
    records = {
        k
        for item in items
        for k, v in item.items()
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)
    }
    main: list[dict[str, Any]] = []
    side: dict[str, list[dict[str, Any]]] = {key: [] for key in sorted(records)}
    for item in items:
        flat: dict[str, Any] = {}
        for key, value in item.items():
            if key in skip:
                continue
            if key in records:
                side[key] += [{"code": item.get("code"), **r} for r in value or ()]
            elif key in objects:
                for part, inner in (value or {}).items():
                    flat[f"{key}.{part}"] = inner
            else:
                flat[key] = value
        main.append(flat)
    wb = Workbook()
    annex_ws = wb.active
    annex_ws.title = STATUS_INFO["annex"](lang)
    annex_sheet(annex_ws, status_annex(result, plan, lang), lang)
    ws = wb.create_sheet(STATUS_INFO["sheet"](lang))
    _table(ws, main, lang)
    for key, rows_of_key in side.items():
        label = STATUS_COLUMNS.get(key)
        _table(wb.create_sheet((label(lang) if label else key)[:31]), rows_of_key, lang)

    font, bold = _fonts()
    info = wb.create_sheet(STATUS_INFO["info"](lang))
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 40
    rows: list[tuple[str, Any]] = [
        (STATUS_INFO["plan"](lang), doc.get("plan")),
        (STATUS_INFO["month"](lang), month_label(result.year, result.month, lang)),
    ]
    if doc.get("unit"):
        rows.append((STATUS_INFO["unit"](lang), doc["unit"]))
    rows.append((STATUS_INFO["count"](lang), len(main)))
    for status, n in doc.get("summary", {}).items():
        rows.append((status_label(status, lang), n))
    for r, (label_text, value) in enumerate(rows, 1):
        info.cell(r, 1, label_text).font = bold
        info.cell(r, 2, cell_value(value)).font = font
    return workbook_bytes(wb)


# ------------------------------------------------------------------ the annex sheet

# Column widths of the annex sheet, in Excel's character widths: STT, Chỉ tiêu, Đơn vị
# tính, KH năm, TH tháng, Lũy kế, Cùng kỳ, So sánh KH, CK, Ghi chú (about 150 characters:
# one A4 landscape page wide at about 75 %).
ANNEX_WIDTHS = {
    "stt": 6,
    "name": 44,
    "uom": 13,
    "plan": 17,
    "month": 11,
    "ytd": 11,
    "prev": 11,
    "vs_plan": 9,
    "vs_prev": 11,
    "remarks": 20,
}
ANNEX_TOP = 5  # the first header row (above: "Phụ lục", the title, the subtitle, a gap)
LINE_PT = 16  # a 12 pt line of Times New Roman, with its leading


def status_annex(result, plan: Plan, lang: str):
    """The annex of ``status`` for its month, as the report of that month prints it."""
    from kehoach.report.annex import build_annex
    from kehoach.report.model import report_number

    return build_annex(
        plan, result, lang, report_number(plan, None, lang), plan.report_date(result.month)
    )


def _format(cell_data, lang: str) -> str:
    """The Excel number format that shows the value as the report prints it."""
    from kehoach.report.annex import PERCENT, POINTS

    places = "." + "0" * cell_data.places if cell_data.places else ""
    if cell_data.kind == PERCENT:
        return f"0{places}%"
    if cell_data.kind == POINTS:
        word = " pts" if lang == "en" else " điểm"
        return f'+#,##0{places}"{word}";"−"#,##0{places}"{word}";"±0{word}"'
    return f"#,##0{places}"


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (a little
    generous: a row too tall looks better than one whose words spill over the next)."""
    import textwrap

    per_line = max(int(width * 0.95) - 1, 1)
    return sum(
        max(len(textwrap.wrap(part, per_line, break_on_hyphens=False)), 1)
        for part in str(text).split("\n")
    )


def annex_sheet(ws, annex, lang: str) -> None:
    """The annex (kehoach.report.annex.Annex) as the sheet the office prints: its heading,
    two header rows ("So sánh (%)" over "KH" and "CK"), one row per target with numbers as
    numbers in formats that show what the report shows (a share as a percent), the group
    rows numbered I., II., …; A4 landscape, one page wide, the header rows printed on every
    page, page numbers at the top centre from the second page."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    font, bold = _fonts()
    italic = Font(name=FONT_NAME, size=FONT_SIZE, italic=True)
    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    cols = annex.columns
    n = len(cols)
    last = get_column_letter(n)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, (text, style) in enumerate(
        ((annex.label, bold), (annex.title, bold), (annex.subtitle, italic)), 1
    ):
        ws.merge_cells(f"A{r}:{last}{r}")
        cell = ws.cell(r, 1, text)
        cell.font = style
        cell.alignment = centre
    ws.row_dimensions[2].height = LINE_PT * 2
    top, sub = ANNEX_TOP, ANNEX_TOP + 1
    c = 1
    while c <= n:
        col = cols[c - 1]
        if col.parent:
            span = 1
            while c + span <= n and cols[c + span - 1].parent == col.parent:
                span += 1
            ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=c + span - 1)
            ws.cell(top, c, col.parent)
            for j in range(c, c + span):
                ws.cell(sub, j, cols[j - 1].label)
            c += span
            continue
        ws.merge_cells(start_row=top, start_column=c, end_row=sub, end_column=c)
        ws.cell(top, c, col.label)
        c += 1
    for r in (top, sub):
        for c in range(1, n + 1):
            cell = ws.cell(r, c)
            cell.font = bold
            cell.alignment = centre
            cell.border = grid
    ws.row_dimensions[top].height = LINE_PT * 2.2
    ws.row_dimensions[sub].height = LINE_PT * 1.4
    widths = [ANNEX_WIDTHS.get(col.key, 12) for col in cols]
    r = sub
    for row in annex.rows:
        r += 1
        if row.group:
            ws.cell(r, 1, row.cells[0].text)
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=n)
            ws.cell(r, 2, row.cells[1].text)
            for c in range(1, n + 1):
                cell = ws.cell(r, c)
                cell.font = bold
                cell.border = grid
                cell.alignment = Alignment(
                    horizontal="center" if c == 1 else "left", vertical="center"
                )
            continue
        tallest = 1
        for c, (col, data) in enumerate(zip(cols, row.cells, strict=True), 1):
            cell = ws.cell(r, c)
            cell.font = font
            cell.border = grid
            if data.value is not None and data.kind != "text":
                cell.value = float(data.value)
                cell.number_format = _format(data, lang)
                horizontal = "right"
            else:
                cell.value = data.text or None
                horizontal = "left" if col.key in ("name", "remarks") else "center"
            cell.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
            if data.text:
                tallest = max(tallest, _lines(data.text, widths[c - 1]))
        # Explicit heights: a wrapped name gets the lines it needs and never runs over
        # the next row, whatever the program that opens the file.
        ws.row_dimensions[r].height = LINE_PT * tallest + 2
    for note in annex.notes:
        r += 2
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        cell = ws.cell(r, 1, note)
        cell.font = italic
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[r].height = LINE_PT * _lines(note, sum(widths))
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    # Printing: A4 landscape, one page wide (as many pages down as it takes), the two
    # header rows on every page, the page number at the top centre from page 2.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{top}:{sub}"
    ws.print_area = f"A1:{last}{r}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 30 / 25.4 * 0.75  # inches; about 22 mm, for binding
    ws.page_margins.right = 15 / 25.4
    ws.page_margins.top = 20 / 25.4
    ws.page_margins.bottom = 20 / 25.4
    ws.page_margins.header = 10 / 25.4
    ws.page_margins.footer = 10 / 25.4
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.font = FONT_NAME
    ws.oddHeader.center.size = 13
    ws.freeze_panes = f"C{sub + 1}"


def _label(key: str, lang: str) -> str:
    head, _, part = key.partition(".")
    label = STATUS_COLUMNS.get(_ENGLISH_TWIN.get(head, head))
    text = label(lang) if label else head
    return f"{text}: {part}" if part else text


def _table(ws, items: list[dict[str, Any]], lang: str) -> None:
    """Records as a table: a header row of field labels, numbers as numbers, the status
    coloured, the header (and the code column) frozen."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    font, bold = _fonts()
    keys: list[str] = []
    for item in items:
        for key in item:
            if key not in keys:
                keys.append(key)
    for c, key in enumerate(keys, 1):
        cell = ws.cell(1, c, _label(key, lang))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [min(len(_label(k, lang)), 24) for k in keys]
    yes = STATUS_INFO["yes"](lang)
    for r, item in enumerate(items, 2):
        for c, key in enumerate(keys, 1):
            value = item.get(key)
            cell = ws.cell(r, c)
            cell.font = font
            if isinstance(value, bool):
                cell.value = yes if value else None
            elif isinstance(value, int | float | Decimal):
                cell.value = float(value) if isinstance(value, Decimal) else value
                cell.number_format = "0.0%" if key in SHARE_KEYS else number_format(value)
            elif isinstance(value, list | tuple):
                cell.value = cell_value(", ".join(str(v) for v in value)) or None
            elif key == "status" and isinstance(value, str) and value in STATUS_FILL:
                cell.value = status_label(value, lang)
                cell.fill = PatternFill("solid", fgColor=STATUS_FILL[value])
            elif isinstance(value, dict):
                cell.value = cell_value(", ".join(f"{k}: {v}" for k, v in value.items())) or None
            else:
                cell.value = cell_value(value)  # users' text: controls shown (render.safe)
            wide = key in ("name", "name_en", "target_text", "target_text_en")
            cell.alignment = Alignment(wrap_text=wide, vertical="top")
            if cell.value is not None:
                widths[c - 1] = max(widths[c - 1], min(len(str(cell.value)), 40))
    for c, key in enumerate(keys, 1):
        wide = key in ("name", "name_en")
        ws.column_dimensions[get_column_letter(c)].width = 50 if wide else widths[c - 1] + 2
    ws.freeze_panes = "B2" if keys and keys[0] == "code" else "A2"
    if items and keys:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{len(items) + 1}"
