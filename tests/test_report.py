"""``kehoach report``: golden files, figures equal to ``status --json``, dates, -o, exits.

The fixed data is ``tests/data/report/base`` (March 2020, hand-written in the stored form
``YYYY-MM/UNIT.csv``). It is built to show every part of the report: achieved, on track,
at risk, off track, no data and not due; a stale level value (P-TNMT's KT07 stops in
February); a ward missing March (partial KT05/KT06/XH04); CA not reporting QP02; an early
level estimate (KT02 in March); and a stored warning (XH03 = 12 in January).

Golden files are regenerated on purpose only:
``KEHOACH_REGEN_GOLDEN=1 pytest tests/test_report.py``.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import GOLDEN, PLAN_PATH, SAMPLE_DATA, TEST_DATA, write_csv

from kehoach.attainment import compute_status
from kehoach.dataset import Dataset
from kehoach.i18n import status_label
from kehoach.report import (
    build_report,
    date_line,
    missing_submissions,
    parse_report_date,
)
from kehoach.store import DataLoad, load_data

REPORT_DATA = TEST_DATA / "report"
BASE = REPORT_DATA / "base"
REGEN = os.environ.get("KEHOACH_REGEN_GOLDEN") == "1"
ANSI = re.compile("\x1b\\[")


@pytest.fixture
def in_report_data(monkeypatch):
    # Paths in the report are those given to --data; relative ones keep goldens portable.
    monkeypatch.chdir(REPORT_DATA)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}; run with KEHOACH_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


# ----------------------------------------------------------------------- golden files


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("markdown", "md")])
def test_golden_report(run, in_report_data, fmt, ext, lang):
    result = run("report", "--month", "2020-03", "--data", "base", "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    _golden(f"report_{fmt}_{lang}.{ext}", result.stdout)


def test_same_data_same_bytes(run, in_report_data):
    first = run("report", "--month", "2020-03", "--data", "base")
    second = run("report", "--month", "2020-03", "--data", "base")
    dated = run("report", "--month", "2020-03", "--data", "base", "--date", "2020-03-22")
    assert first.stdout == second.stdout == dated.stdout


def test_text_is_plain_and_fits_80_columns(run):
    for lang in ("vi", "en"):
        out = run("report", "--month", "2020-09", "--data", SAMPLE_DATA, "--lang", lang).stdout
        assert not ANSI.search(out)
        assert "\u00a0" not in out
        too_long = [line for line in out.splitlines() if len(line) > 80]
        assert too_long == []
        assert all(line == line.rstrip() for line in out.splitlines())


def test_markdown_has_headings_and_tables(run, in_report_data):
    out = run("report", "--month", "2020-03", "--data", "base", "--format", "markdown").stdout
    assert "# BÁO CÁO" in out
    for heading in ("## I. ", "## II. ", "## III. ", "## IV. ", "## V. "):
        assert f"\n{heading}" in out
    assert out.count("| Mã | Chỉ tiêu |") == 4  # one table per plan section a–d
    assert "\u00a0" not in out


# ------------------------------------------------------- the header comes from the plan


def test_header_lines_are_the_plans(run, in_report_data):
    out = run("report", "--month", "2020-03", "--data", "base").stdout
    lines = out.splitlines()
    assert " ".join(lines[0].split()) == "UBND THỊ XÃ HỒNG LĨNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1].strip().endswith("Độc lập - Tự do - Hạnh phúc")
    # the two header columns are each centred in their own 38-column half
    assert lines[0].index("UBND") < 38 <= lines[0].index("CỘNG HÒA")
    date_row = next(line for line in lines if "ngày" in line)
    assert date_row.rstrip() == date_row and len(date_row) == 80  # right-aligned
    assert date_row.strip() == "Hồng Lĩnh, ngày 22 tháng 3 năm 2020"
    assert lines.index(next(x for x in lines if x.strip() == "BÁO CÁO")) > lines.index(date_row)
    title = " ".join(x.strip() for x in lines[lines.index(date_row) + 3 :][:2])
    assert title == (
        "Tình hình thực hiện các chỉ tiêu kế hoạch phát triển kinh tế - xã hội, "
        "đảm bảo quốc phòng - an ninh tháng 3 năm 2020"
    )


def test_another_towns_plan_prints_its_own_header(plan):
    issuer = plan.issuer.model_copy(
        update={
            "authority_vi": "UBND HUYỆN CAN LỘC",
            "place": "Can Lộc",
            "motto_vi": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        }
    )
    report = plan.report.model_copy(update={"title_vi": "Tiến độ các chỉ tiêu"})
    other = plan.model_copy(update={"issuer": issuer, "report": report, "year": 2021})
    status = compute_status(other, Dataset(len(other.indicators)), 5)
    load = DataLoad(Dataset(len(other.indicators)))
    text = build_report(other, status, load, "vi", "text", other.report_date(5))
    assert "UBND HUYỆN CAN LỘC" in text
    assert "Can Lộc, ngày 22 tháng 5 năm 2021" in text
    assert "Tiến độ các chỉ tiêu tháng 5 năm 2021" in text
    assert "HỒNG LĨNH" not in text
    md = build_report(other, status, load, "vi", "markdown", date(2021, 6, 3))
    assert md.startswith("| UBND HUYỆN CAN LỘC | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |")
    assert "*Can Lộc, ngày 03 tháng 6 năm 2021*" in md


# ------------------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("month", "expected"),
    [(1, date(2020, 1, 22)), (9, date(2020, 9, 22)), (12, date(2020, 12, 22))],
)
def test_default_date_is_the_report_day_of_the_month(plan, month, expected):
    # Nghị định 09/2019/NĐ-CP, Điều 12: month M's report covers the 15th of M-1 to the
    # 14th of M, so the committee's report for M is dated in M (report_day, the 22nd).
    assert plan.report_date(month) == expected


def test_date_line_follows_the_administrative_form():
    # days below 10 and the months 1 and 2 take a leading zero
    assert date_line("Hồng Lĩnh", date(2021, 1, 20), "vi") == "Hồng Lĩnh, ngày 20 tháng 01 năm 2021"
    assert date_line("Hồng Lĩnh", date(2020, 10, 5), "vi") == "Hồng Lĩnh, ngày 05 tháng 10 năm 2020"
    assert date_line("Hồng Lĩnh", date(2020, 10, 5), "en") == "Hồng Lĩnh, 5 October 2020"


def test_december_report_is_dated_in_december(run):
    out = run("report", "--month", "2020-12", "--data", SAMPLE_DATA).stdout
    assert "Hồng Lĩnh, ngày 22 tháng 12 năm 2020" in out
    assert "tháng 12 năm 2020" in out


@pytest.mark.parametrize("text", ["2020-13-01", "2020-02-30", "20/10/2020", "tomorrow", ""])
def test_invalid_date_exits_2(run, text):
    assert parse_report_date(text) is None
    result = run("report", "--data", SAMPLE_DATA, "--date", text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Ngày “{text}” không hợp lệ" in result.stderr


def test_date_option_sets_the_date_line(run):
    out = run("report", "--data", SAMPLE_DATA, "--month", "2020-09", "--date", "2020-10-08")
    assert out.exit_code == 0
    assert "Hồng Lĩnh, ngày 08 tháng 10 năm 2020" in out.stdout


def test_default_month_is_the_latest_with_data(run):
    assert "tháng 9 năm 2020" in run("report", "--data", SAMPLE_DATA).stdout


def test_bad_month_exits_2(run):
    result = run("report", "--data", SAMPLE_DATA, "--month", "2019-09")
    assert result.exit_code == 2
    assert result.stdout == ""


# -------------------------------------------------- every figure equals status --json


def _number(text: str, lang: str) -> Decimal:
    """A figure as the report writes it, back to a Decimal."""
    text = text.strip().rstrip("%").strip()
    group, mark = (".", ",") if lang == "vi" else (",", ".")
    return Decimal(text.replace(group, "").replace(mark, "."))


def _rounded(x: float | int | Decimal | None, places: int = 2) -> Decimal | None:
    if x is None:
        return None
    d = x if isinstance(x, Decimal) else Decimal(repr(x))
    return d.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")


def _table_rows(markdown: str) -> dict[str, list[str]]:
    rows = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| ") and re.fullmatch(r"[A-Z]{2}\d{2}", cells[0]):
            rows[cells[0]] = cells
    return rows


def _amount_of(cell: str, uom: str, lang: str) -> Decimal | None:
    cell = cell.replace("\\*", "")
    if cell in ("—", ""):
        return None
    suffix = "%" if uom == "%" else f" {uom}"
    one = f" {getattr(uom, 'one', uom)}"  # English: '1 school', '4 schools'
    if cell.endswith(one) and not cell.endswith(suffix):
        number = _number(cell[: -len(one)], lang)
        assert abs(number) == 1, (cell, uom)
        return number
    assert cell.endswith(suffix), (cell, uom)
    return _number(cell[: -len(suffix)], lang)


CASES = [
    pytest.param(BASE, "2020-03", id="fixed-data-march"),
    pytest.param(SAMPLE_DATA, "2020-09", id="sample-data-september"),
    pytest.param(SAMPLE_DATA, "2020-06", id="sample-data-june"),
]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("data", "month"), CASES)
def test_table_figures_equal_status_json(run, data, month, lang):
    doc = json.loads(run("status", "--month", month, "--data", data, "--json").stdout)
    md = run(
        "report", "--month", month, "--data", data, "--format", "markdown", "--lang", lang
    ).stdout
    rows = _table_rows(md)
    assert list(rows) == [i["code"] for i in doc["indicators"]]
    for ind in doc["indicators"]:
        code, name, target, value, pct, expected, status, last = rows[ind["code"]]
        assert code == ind["code"]
        assert name == (ind["name_en"] if lang == "en" else ind["name"])
        uom = ind["unit_of_measure"] if lang == "vi" else _uom_en(ind["code"])
        # the target in the plan's own words, never a sign it did not write
        assert target == (ind["target_text_en"] if lang == "en" else ind["target_text"])
        mark = " (est.)" if lang == "en" else " (ước)"
        assert value.replace("\\*", "").endswith(mark) == ind["estimate"]
        value = value.replace(mark, "")
        if ind["measure"] == "milestone":
            stage = ind["stage"]["reached"]
            assert value == ("—" if stage is None else (stage and ind["stage"]["name"]) or "0") or (
                lang == "en"
            )
        else:
            assert _amount_of(value, uom, lang) == _rounded(ind["value"])
        assert value.endswith("\\*") == ind["partial"]
        if ind["gap_points"] is not None:
            # a rate: its distance to the target in points, never a % of a %
            assert ("điểm %" if lang == "vi" else "percentage points") in pct or pct in (
                "bằng kế hoạch",
                "on target",
            )
        elif ind["attainment"] is None:
            assert pct == "—"
        else:
            assert _number(pct, lang) == _rounded(ind["attainment"] * 100, 1)
        if ind["measure"] == "cumulative":
            assert _amount_of(expected, uom, lang) == _rounded(ind["expected"])
        else:
            assert expected == ""
        assert status == status_label(ind["status"], lang)
        assert last == (_mm_yyyy(ind["last_month"]) if ind["last_month"] else "—")


def _uom_en(code: str) -> str:
    from kehoach.planfile import load_plan

    return load_plan(PLAN_PATH).indicator(code).uom("en")


def _mm_yyyy(iso: str) -> str:
    year, month = iso.split("-")
    return f"{month}/{year}"


@pytest.mark.parametrize(("data", "month"), CASES)
def test_summary_counts_equal_status_json(run, data, month):
    doc = json.loads(run("status", "--month", month, "--data", data, "--json").stdout)
    out = run("report", "--month", month, "--data", data).stdout
    section = out.split("II. KẾT QUẢ")[0]
    for word, count in doc["summary"].items():
        label = status_label(word, "vi")
        found = re.search(rf"^- {re.escape(label)}: (\d+) chỉ tiêu", section, re.M)
        if count:
            assert found and int(found.group(1)) == count, word
            if word != "not_due":
                codes = [i["code"] for i in doc["indicators"] if i["status"] == word]
                assert f"({', '.join(codes)})" in section.replace("\n  ", " ")
        else:
            assert found is None, word
    assert f"Tổng số chỉ tiêu theo dõi: {len(doc['indicators'])}" in section


@pytest.mark.parametrize(("data", "month"), CASES)
def test_risk_figures_equal_status_json(run, data, month):
    doc = json.loads(run("status", "--month", month, "--data", data, "--json").stdout)
    md = run("report", "--month", month, "--data", data, "--format", "markdown").stdout
    section = md.split("## III. ")[1].split("## IV. ")[0]
    items = {line[2:6]: line for line in section.splitlines() if line.startswith("- ")}
    risky = [i for i in doc["indicators"] if i["status"] in ("at_risk", "off_track")]
    assert list(items) == [i["code"] for i in risky]
    for ind in risky:
        line = items[ind["code"]]
        assert f"— {status_label(ind['status'], 'vi')}." in line
        number = r"(-?[\d.]+(?:,\d+)?)"
        if ind["measure"] == "milestone":
            assert f"({ind['stage']['reached']}/" in line
        elif ind["gap_points"] is not None:
            found = re.search(rf"thấp hơn kế hoạch {number} điểm %", line)
            assert _number(found.group(1), "vi") == _rounded(-Decimal(repr(ind["gap_points"])))
        elif ind["measure"] == "cumulative":
            gap = Decimal(repr(ind["expected"])) - Decimal(repr(ind["value"]))
            found = re.search(rf"còn thiếu {number} ", line)
            assert _number(found.group(1), "vi") == _rounded(gap)
            needed = re.search(rf"cần bình quân {number} ", line)
            if ind["needed_per_month"] is None:
                assert needed is None
            else:
                assert _number(needed.group(1), "vi") == _rounded(ind["needed_per_month"])
                months = 12 - int(ind["due_month"][5:])
                assert f"{months} tháng còn lại" in line or "tháng còn lại cần" in line
        else:
            gap = Decimal(repr(ind["target"])) - Decimal(repr(ind["value"]))
            found = re.search(rf"còn thiếu {number} ", line)
            assert _number(found.group(1), "vi") == _rounded(gap)
            assert "cần bình quân" not in line
        for unit in [ind["owner"]] if ind["owner"] else ind["reported_by"]:
            assert _unit_name_vi(unit) in line


def _unit_name_vi(code: str) -> str:
    from kehoach.planfile import load_plan

    return load_plan(PLAN_PATH).unit(code).name_vi


# ------------------------------------------------------------------ the fixed data's story


def test_fixed_data_sections(run, in_report_data):
    out = run("report", "--month", "2020-03", "--data", "base").stdout
    flat = re.sub(r"\n  ", " ", out)
    # III: the sample sentence of the issue, in this data's numbers
    assert "còn thiếu 1,5 tỷ đồng so với tiến độ (18,6 tỷ đồng)" in flat
    assert "9 tháng còn lại cần bình quân 6,37 tỷ đồng/tháng" in flat
    assert "90,1%, thấp hơn kế hoạch 1,9 điểm % (trên 92%)" in flat
    # IV: the units to chase, by full name, in plan order
    section4 = flat.split("IV. ĐƠN VỊ")[1].split("V. GHI CHÚ")[0]
    assert "Hạn gửi số liệu tháng 3/2020: ngày 17/03/2020." in section4
    assert re.findall(r"^- (.*)$", section4, re.M) == [
        "Phòng Quản lý đô thị: DT05, DT07, DT11.",  # the milestones' first stage is due
        "Phòng Tài nguyên và Môi trường: KT07.",
        "Phòng Lao động - Thương binh và Xã hội: XH04.",  # the owner of the jobs figure
        "Công an thị xã: QP02.",
        "Phường Đậu Liêu: KT05, KT06, XH04.",
    ]
    # V: stale, partial and the stored warning with its location
    section5 = flat.split("V. GHI CHÚ VỀ SỐ LIỆU")[1]
    assert (
        "KT07. Tỷ lệ thu gom, xử lý chất thải rắn sinh hoạt: số liệu mới nhất là tháng 2/2020"
        in (section5)
    )
    assert "XH04. Số người được giải quyết việc làm mới: chưa có số liệu tháng 3/2020 của " in (
        section5
    )
    assert "Cảnh báo — base/2020-01/BHXH.csv:3 [gia_tri]: Giá trị 12 của XH03 bất thường" in (
        section5
    )


def test_missing_submissions(plan):
    load = load_data(plan, BASE)
    assert missing_submissions(plan, load, 3) == [
        ("P-QLDT", [("DT05", False), ("DT07", False), ("DT11", False)]),
        ("P-TNMT", [("KT07", False)]),
        ("P-LDTBXH", [("XH04", False)]),
        ("CA", [("QP02", False)]),
        ("DAU-LIEU", [("KT05", False), ("KT06", False), ("XH04", False)]),
    ]
    # February: only monthly indicators are due, and Phòng LĐ-TB&XH owes its jobs figure
    assert missing_submissions(plan, load, 2) == [("P-LDTBXH", [("XH04", False)])]
    # April: nothing stored at all, so every unit with a monthly indicator is listed
    april = dict(missing_submissions(plan, load, 4))
    assert april["CC-THUE"] == [("KT04", False)]
    assert "CC-TK" not in april  # KT01/KT02 are not due in April


def test_empty_sections_say_so(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    result = run("report", "--month", "2020-02", "--data", data)
    assert result.exit_code == 0
    out = result.stdout
    assert "Chưa có số liệu nào trong thư mục dữ liệu." in out
    assert "Không có chỉ tiêu nào có nguy cơ hoặc chậm tiến độ." in out
    assert "Chưa có chỉ tiêu nào đạt kế hoạch năm." in out
    assert "Không có ghi chú nào về số liệu." in out
    en = run("report", "--month", "2020-02", "--data", data, "--lang", "en").stdout
    assert "No indicator is at risk or off track." in en
    assert "There are no notes on the data." in en


def test_all_sent_says_so(run, tmp_path):
    data = tmp_path / "data"
    header = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
    sent = {
        "CC-THUE": {"KT04": 6.2},
        "P-TNMT": {"KT07": 99},
        "BHXH": {"XH02": 93, "XH03": 38},
        "P-LDTBXH": {"XH04": 120},
    }
    for unit, values in sent.items():
        body = "".join(f"{unit},{code},2020-01,{v},\n" for code, v in values.items())
        write_csv(data / "2020-01" / f"{unit}.csv", header + body)
    for ward in ("BAC-HONG", "NAM-HONG", "DUC-THUAN", "TRUNG-LUONG", "DAU-LIEU", "THUAN-LOC"):
        write_csv(
            data / "2020-01" / f"{ward}.csv",
            header + f"{ward},KT05,2020-01,90,\n{ward},KT06,2020-01,0,\n{ward},XH04,2020-01,20,\n",
        )
    out = run("report", "--month", "2020-01", "--data", data).stdout
    assert "Các đơn vị đã gửi đủ số liệu đến hạn tháng 1/2020." in out


# ------------------------------------------------------------------ named edge cases


def test_lower_is_better_level_gap_is_above_the_ceiling(plan):
    # XH01 poverty rate, "dưới 2%": 2,08% is within its band of 0,3 point, so at risk.
    ds = Dataset(len(plan.indicators))
    ds.add_file("2020-12/P-LDTBXH.csv")
    ds.put(plan.unit_index["P-LDTBXH"], plan.indicator_index["XH01"], 12, 2.08, 0, 2)
    status = compute_status(plan, ds, 12)
    xh01 = next(r for r in status.indicators if r.code == "XH01")
    assert xh01.status == "at_risk"
    text = build_report(plan, status, DataLoad(ds), "vi", "markdown", date(2020, 12, 22))
    line = next(x for x in text.splitlines() if x.startswith("- XH01"))
    assert "2,08%, cao hơn kế hoạch 0,08 điểm % (dưới 2%)." in line
    en = build_report(plan, status, DataLoad(ds), "en", "markdown", date(2020, 12, 22))
    line = next(x for x in en.splitlines() if x.startswith("- XH01"))
    assert "2.08%, 0.08 percentage points above target (below 2%)." in line


def test_december_needs_no_monthly_rate(plan):
    # KT04 in December: nothing left to spread over, so no "per month" sentence. Sent as
    # lũy kế: 5,8 more each month.
    ds = Dataset(len(plan.indicators))
    ds.add_file("x.csv")
    for m in range(1, 13):
        ds.put(plan.unit_index["CC-THUE"], plan.indicator_index["KT04"], m, 5.8 * m, 0, m + 1)
    status = compute_status(plan, ds, 12)
    text = build_report(plan, status, DataLoad(ds), "vi", "markdown", date(2021, 1, 20))
    line = next(x for x in text.splitlines() if x.startswith("- KT04"))
    assert "Lũy kế 69,6 tỷ đồng, còn thiếu 4,8 tỷ đồng so với tiến độ (74,4 tỷ đồng)." in line
    assert "tháng còn lại" not in line


def test_unknown_format_is_refused(plan):
    ds = Dataset(len(plan.indicators))
    status = compute_status(plan, ds, 1)
    with pytest.raises(ValueError):
        build_report(plan, status, DataLoad(ds), "vi", "html", date(2020, 2, 20))


# ------------------------------------------------------------------------- output file


def test_output_file_written_and_stdout_empty(run, in_report_data, tmp_path):
    target = tmp_path / "bao-cao.md"
    result = run(
        "report", "--month", "2020-03", "--data", "base", "--format", "markdown", "-o", target
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert str(target) in result.stderr
    shown = run("report", "--month", "2020-03", "--data", "base", "--format", "markdown")
    assert target.read_bytes() == shown.stdout.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.md"]  # no temp file left


def test_output_file_is_replaced(run, tmp_path):
    target = tmp_path / "bao-cao.txt"
    target.write_text("bản cũ\n" * 1000, encoding="utf-8")
    target.chmod(0o640)
    result = run("report", "--month", "2020-09", "--data", SAMPLE_DATA, "-o", target)
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "bản cũ" not in text
    assert text.startswith("        UBND THỊ XÃ HỒNG LĨNH")
    assert target.stat().st_mode & 0o777 == 0o640  # the replaced file keeps its mode
    # the old report (edited by hand, perhaps) is kept beside it, under a .bak name
    kept = sorted(p for p in tmp_path.iterdir() if p != target)
    assert len(kept) == 1 and kept[0].name.startswith("bao-cao.txt.")
    assert kept[0].suffix == ".bak"
    assert kept[0].read_text(encoding="utf-8") == "bản cũ\n" * 1000
    assert f"Bản cũ được giữ lại: {kept[0]}." in " ".join(result.stderr.split())
    # the same report again replaces nothing worth keeping
    again = run("report", "--month", "2020-09", "--data", SAMPLE_DATA, "-o", target)
    assert again.exit_code == 0 and "Bản cũ" not in again.stderr
    assert len(list(tmp_path.iterdir())) == 2


def test_output_into_missing_folder_exits_2(run, tmp_path):
    result = run("report", "--data", SAMPLE_DATA, "-o", tmp_path / "no" / "such" / "r.txt")
    assert result.exit_code == 2
    assert "Không ghi được tệp" in result.stderr
    assert result.stdout == ""


def test_output_to_a_folder_exits_2(run, tmp_path):
    result = run("report", "--data", SAMPLE_DATA, "-o", tmp_path)
    assert result.exit_code == 2
    assert "là một thư mục" in result.stderr


def test_missing_data_folder_exits_2(run, tmp_path):
    result = run("report", "--data", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert result.stdout == ""


# --------------------------------------------------------------------------- conflicts


def _with_conflict(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for src in BASE.rglob("*.csv"):
        dest = data / src.relative_to(BASE)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(src.read_bytes())
    # someone saved a corrected copy beside the stored file instead of replacing it
    write_csv(
        data / "2020-03" / "CC-THUE (1).csv",
        "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\nCC-THUE,KT04,2020-03,17.3,bản sửa\n",
    )
    return data


def test_conflict_exits_1_and_names_both_files(run, tmp_path, monkeypatch):
    data = _with_conflict(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("report", "--month", "2020-03", "--data", "data")
    assert result.exit_code == 1
    out = result.stdout
    flat = re.sub(r"\n  ", " ", out)
    assert "KT04. Thu ngân sách (phần giao thu)" in flat
    kt04 = re.search(r"^- KT04\. .*?Trạng thái: (.*?)\.$", flat, re.M)
    assert kt04.group(1) == "Xung đột số liệu"
    section5 = flat.split("V. GHI CHÚ VỀ SỐ LIỆU")[1]
    assert "Xung đột số liệu" in section5
    assert (
        "KT04, Chi cục Thuế, tháng 3/2020: 17,3 trong data/2020-03/CC-THUE (1).csv (dòng 2) "
        "và 17,1 trong data/2020-03/CC-THUE.csv (dòng 2)." in section5
    )
    # the unit did send its figure: section IV says the figure is in conflict rather than
    # asking for it, and section V does not list KT04 as waiting for Chi cục Thuế
    section4 = flat.split("IV. ĐƠN VỊ")[1].split("V. GHI CHÚ")[0]
    assert "- Chi cục Thuế: KT04 (xung đột số liệu, xem mục V)." in section4
    assert "KT04. Thu ngân sách (phần giao thu): chưa có số liệu" not in section5
    assert "xem mục V" in result.stderr
    assert data.is_dir()


def test_conflict_in_markdown_shows_paths_as_code(run, tmp_path, monkeypatch):
    _with_conflict(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("report", "--month", "2020-03", "--data", "data", "--format", "markdown")
    assert result.exit_code == 1
    assert "`data/2020-03/CC-THUE (1).csv` (dòng 2)" in result.stdout
    assert "`data/2020-03/CC-THUE.csv` (dòng 2)" in result.stdout


def test_conflict_report_written_to_file_still_exits_1(run, tmp_path, monkeypatch):
    _with_conflict(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("report", "--month", "2020-03", "--data", "data", "-o", "r.txt")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Xung đột số liệu" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_stored_error_is_listed_and_exits_1(run, tmp_path, monkeypatch):
    data = tmp_path / "data"
    write_csv(
        data / "2020-03" / "CA.csv",
        "don_vi,ma_chi_tieu,thang,gia_tri\nCA,QP02,2020-03,abc\n",
        bom=True,
        crlf=True,
    )
    monkeypatch.chdir(tmp_path)
    result = run("report", "--month", "2020-03", "--data", "data", "--lang", "en")
    assert result.exit_code == 1
    flat = re.sub(r"\n  ", " ", result.stdout)
    assert "Error — data/2020-03/CA.csv:2 [gia_tri]: Value “abc” is not a number." in flat


def test_markdown_quotes_a_users_cell_literally(run, tmp_path, monkeypatch):
    write_csv(
        tmp_path / "data" / "2020-03" / "CA.csv",
        "don_vi,ma_chi_tieu,thang,gia_tri\nCA,QP02,2020-03,*6*\n",
    )
    monkeypatch.chdir(tmp_path)
    result = run("report", "--month", "2020-03", "--data", "data", "--format", "markdown")
    assert result.exit_code == 1
    assert "`data/2020-03/CA.csv:2 [gia_tri]`: Giá trị “\\*6\\*” không phải là số." in (
        result.stdout
    )


def test_english_units_of_measure_are_singular_for_one_only():
    from kehoach.textfmt import Uom, target_text, with_unit

    schools = Uom("schools", "school")
    assert with_unit(Decimal(1), schools, "en") == "1 school"
    assert with_unit(Decimal(4), schools, "en") == "4 schools"
    assert with_unit(Decimal("1.5"), schools, "en") == "1.5 schools"
    assert target_text(">=", Decimal(1), schools, "en") == "1 school"
    assert target_text(">", Decimal(4), schools, "en") == "above 4 schools"
    assert f"({schools})" == "(schools)"  # a heading keeps the plural
    assert with_unit(Decimal(1), "trường", "vi") == "1 trường"
