"""Write the sample submissions that the README quick start runs on.

The figures are ILLUSTRATIVE, NOT REAL: they were made up to tell a plausible story of
Hồng Lĩnh's 2020 plan from January to September, and are not official statistics of the
town, its wards or its agencies. Use them to try the commands, never to quote.

The story: COVID-19 slows the spring budget revenue (KT04) and job creation (XH04); the
Đông Xuân rice harvest comes early (part of it in late April, most in May) and the Hè Thu
harvest falls in August-September (KT06); sowing (KT05) happens in January-February and
late May-June, slightly above the plan; investment (KT03) runs ahead of pace; the
urban-criteria figures (DT) arrive once, as June estimates, with no June figure for DT10;
Phường Đậu Liêu has not sent its September report. A status table at 2020-09 therefore
shows every status except `conflict`.

Figures are sent as units send them (docs/plan.md): tax, investment and crop
figures (KT03-KT06) as lũy kế, the year to date; jobs (XH04) by the month; milestones
(DT05, DT07, DT11, XH06) as the stage reached; September's tax and growth figures are
estimates (uoc_tinh), as calendar figures sent by the 17th usually are.

Last year: an illustrative 2019 (January-December, the same units; a normal year without
the COVID-19 dip) under ``data/monthly/2019-MM/``, the comparison data for "cùng kỳ" and
for last-year phasing.

Layout written (see docs/contract.md §1): ``data/monthly/YYYY-MM/UNIT.csv``, UTF-8 without
BOM, LF line ends, header ``don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu`` (plus
``ky_so_lieu,uoc_tinh`` in a file holding an estimate), one row per value. A unit gets a
file for a month only when it has at least one value that month.

Deterministic: no randomness; every value is in the tables below. Run from anywhere:

    python scripts/make_sample_data.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

# The log's columns are the store's own: one definition.
from kehoach.core.records import LOG_HEADER

YEAR = 2020
MONTHS = range(1, 10)  # January .. September
LAST_YEAR = YEAR - 1
# Indicators the plan asks for as lũy kế (sent_as: ytd): the tables below hold each
# month's own amount; the files carry the year to date.
YTD_SENT = {"KT03", "KT04", "KT05", "KT06"}
# Calendar figures sent by the 17th as estimates (ước), made official the next month.
ESTIMATES = {("CC-THUE", "KT04", 9), ("CC-TK", "KT01", 9)}
HEADER = ["don_vi", "ma_chi_tieu", "thang", "gia_tri", "ghi_chu"]
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "monthly"

# Row order inside a file follows the plan's order of indicators.
INDICATOR_ORDER = [
    "KT01", "KT02", "KT03", "KT04", "KT05", "KT06", "KT07",
    "DT01", "DT02", "DT03", "DT04", "DT05", "DT06", "DT07", "DT08", "DT09", "DT10", "DT11",
    "XH01", "XH02", "XH03", "XH04", "XH05", "XH06", "XH07", "XH08", "XH09", "XH10", "XH11",
    "QP01", "QP02",
]  # fmt: skip

WARDS = ["BAC-HONG", "NAM-HONG", "DUC-THUAN", "TRUNG-LUONG", "DAU-LIEU", "THUAN-LOC"]

# Villages and residential groups (thôn, tổ dân phố) per ward: 52 in the town.
VILLAGES = {
    "BAC-HONG": 9,
    "NAM-HONG": 8,
    "DUC-THUAN": 10,
    "TRUNG-LUONG": 9,
    "DAU-LIEU": 7,
    "THUAN-LOC": 9,
}

# ---------------------------------------------------------------------------------------
# Town-level units. Level indicators give the value at that time; cumulative ones the
# amount of the period (KT04: the month; KT03: the quarter).
# ---------------------------------------------------------------------------------------

# Monthly indicators, January .. September: {(unit, indicator): values}.
#   KT04 (Chi cục Thuế) budget revenue collected in the month, tỷ đồng: weak in March-May
#        (social distancing, tax deferral under Nghị định 41/2020/NĐ-CP), then recovery.
#   KT07 (Phòng TN&MT) share of household solid waste collected and treated, %.
#   XH02, XH03 (BHXH) health-insurance coverage; social-insurance participation, %.
TOWN_MONTHLY: dict[tuple[str, str], list[float]] = {
    #                      T1    T2    T3    T4    T5    T6    T7    T8    T9
    ("CC-THUE", "KT04"): [ 6.2,  5.9,  4.3,  3.6,  4.1,  6.5,  6.9,  7.1,  7.4],
    ("P-TNMT", "KT07"):  [98.6, 98.7, 98.6, 98.8, 98.8, 98.9, 98.9, 99.0, 99.0],
    ("BHXH", "XH02"):    [90.6, 90.7, 90.9, 91.0, 91.1, 91.2, 91.3, 91.4, 91.5],
    ("BHXH", "XH03"):    [32.1, 32.2, 32.2, 31.9, 32.0, 32.4, 32.6, 32.8, 33.0],
}  # fmt: skip

# Quarterly and half-yearly indicators: {unit: {indicator: {month: value}}}; only the
# months listed are sent.
TOWN_PERIODIC: dict[str, dict[str, dict[int, float]]] = {
    # Chi cục Thống kê: growth of production value (year-on-year, for the period so far)
    # and income per head (June estimate).
    "CC-TK": {
        "KT01": {3: 10.6, 6: 9.1, 9: 9.6},
        "KT02": {6: 58},
    },
    # Phòng Tài chính - Kế hoạch: total social investment of each quarter, tỷ đồng.
    "P-TCKH": {
        "KT03": {3: 262, 6: 288, 9: 296},
    },
    # Phòng Quản lý đô thị: half-yearly urban-criteria estimates. No DT10 figure in June.
    "P-QLDT": {
        "DT01": {6: 46},  # criteria met, of 59
        "DT02": {6: 7.25},  # points gained
        "DT06": {6: 3.42},  # km of main drains per km²
        "DT08": {6: 6},  # civilised streets
        "DT09": {6: 15},  # % increase of public green land
        # Milestones, by the stage reached: the commercial centre started on time; the
        # public square is still in preparation (one stage behind by June); the cultural
        # house is under way.
        "DT05": {3: "chuan-bi", 6: "khoi-cong", 9: "khoi-cong"},
        "DT07": {3: "chuan-bi", 6: "chuan-bi", 9: "chuan-bi"},
        "DT11": {3: "chuan-bi", 6: "khoi-cong", 9: "khoi-cong"},
    },
    # Ban Chỉ huy Quân sự: share of units meeting the combat-readiness standard, %.
    "BCHQS": {
        "QP01": {3: 100, 6: 100, 9: 100},
    },
    # Phòng Giáo dục: the level-2 accreditation of a school, by stage reached.
    "P-GDDT": {
        "XH06": {6: "tu-danh-gia", 9: "danh-gia-ngoai"},
    },
    # Công an: wards and commune with political and social stability, of 6.
    "CA": {
        "QP02": {3: 6, 6: 6, 9: 6},
    },
}

# ---------------------------------------------------------------------------------------
# Wards' monthly series, January .. September. None = the ward sent nothing that month
# (Phường Đậu Liêu has not sent September).
# ---------------------------------------------------------------------------------------

# KT05 area sown in the month, ha, following the plan's seasonal weights: vụ Đông Xuân
# sown late January to February, a little groundnut and vegetables in March, vụ Hè Thu
# from late May into June (the last of it in July's report, which runs to 14 July).
# Bắc Hồng and Nam Hồng are urban wards with little farmland. Year: 2,478 ha.
KT05_SOWN_HA: dict[str, list[float | None]] = {
    #               T1   T2   T3 T4  T5   T6   T7 T8  T9
    "BAC-HONG":    [ 26,  48, 2, 0,  8,  41, 13, 0,    0],
    "NAM-HONG":    [ 32,  60, 2, 0, 10,  51, 15, 0,    0],
    "DUC-THUAN":   [104, 190, 6, 0, 33, 163, 49, 0,    0],
    "TRUNG-LUONG": [ 91, 168, 5, 0, 29, 144, 43, 0,    0],
    "DAU-LIEU":    [ 72, 133, 4, 0, 23, 114, 34, 0, None],
    "THUAN-LOC":   [146, 268, 8, 0, 46, 229, 68, 0,    0],
}  # fmt: skip

# KT06 paddy harvested in the month, tonnes. The Đông Xuân crop ripened early this year: a
# first part cut in late April and the bulk in May, ahead of the plan's weights (which put
# most of it in June); vụ Hè Thu in August-September. A good year: 12,400 t if every ward
# had reported September.
KT06_HARVEST_T: dict[str, list[float | None]] = {
    #               T1 T2 T3  T4    T5   T6 T7   T8    T9
    "BAC-HONG":    [0, 0, 0,  40,  245, 115, 0,  90,  190],
    "NAM-HONG":    [0, 0, 0,  50,  300, 145, 0, 110,  235],
    "DUC-THUAN":   [0, 0, 0, 165,  985, 465, 0, 355,  770],
    "TRUNG-LUONG": [0, 0, 0, 145,  880, 415, 0, 320,  680],
    "DAU-LIEU":    [0, 0, 0, 110,  675, 320, 0, 245, None],
    "THUAN-LOC":   [0, 0, 0, 230, 1395, 650, 0, 495, 1050],
}  # fmt: skip

# XH04 people given new jobs in the month: steady, a dip at Tết (February) and during
# social distancing in April; together about 60-90 a month, below the plan's pace.
XH04_JOBS: dict[str, list[float | None]] = {
    #               T1  T2  T3  T4  T5  T6  T7  T8  T9
    "BAC-HONG":    [16, 13, 15, 11, 13, 17, 17, 16, 16],
    "NAM-HONG":    [15, 12, 14, 10, 12, 15, 16, 15, 15],
    "DUC-THUAN":   [16, 13, 14, 12, 14, 16, 17, 17, 16],
    "TRUNG-LUONG": [15, 12, 13, 11, 13, 16, 16, 16, 15],
    "DAU-LIEU":    [11,  9, 10,  8,  9, 11, 12, 11, None],
    "THUAN-LOC":   [15, 13, 14, 10, 13, 15, 14, 15, 16],
}  # fmt: skip

WARD_MONTHLY = {"KT05": KT05_SOWN_HA, "KT06": KT06_HARVEST_T, "XH04": XH04_JOBS}

# Wards' level indicators, sent in the months given: {indicator: {ward: {month: value}}}.
# XH09 (villages with a standard cultural house) is due in June: 50 of 52 in the town.
WARD_LEVELS: dict[str, dict[str, dict[int, float]]] = {
    "XH09": {
        "BAC-HONG": {6: 9},
        "NAM-HONG": {6: 8},
        "DUC-THUAN": {6: 9},
        "TRUNG-LUONG": {6: 9},
        "DAU-LIEU": {6: 6},
        "THUAN-LOC": {6: 9},
    },
}

# Notes (ghi_chu), keyed by (unit, indicator, month). Everything else has an empty note.
NOTES: dict[tuple[str, str, int], str] = {
    ("CC-TK", "KT01", 3): "ước thực hiện quý I",
    ("CC-TK", "KT01", 6): "ước 6 tháng; ảnh hưởng dịch COVID-19",
    ("CC-TK", "KT01", 9): "ước 9 tháng",
    ("CC-TK", "KT02", 6): "ước thực hiện 6 tháng",
    ("P-TCKH", "KT03", 3): "ước thực hiện quý I",
    ("P-TCKH", "KT03", 6): "ước thực hiện quý II",
    ("P-TCKH", "KT03", 9): "ước thực hiện quý III",
    ("CC-THUE", "KT04", 3): "ảnh hưởng dịch COVID-19",
    ("CC-THUE", "KT04", 4): "giãn cách xã hội; gia hạn nộp thuế theo NĐ 41/2020/NĐ-CP",
    ("CC-THUE", "KT04", 5): "gia hạn nộp thuế theo NĐ 41/2020/NĐ-CP",
    ("CC-THUE", "KT04", 6): "thu ngân sách phục hồi",
    ("BHXH", "XH03", 4): "ảnh hưởng dịch COVID-19; một số lao động tạm dừng đóng",
    ("P-QLDT", "DT01", 6): "ước thực hiện 6 tháng",
    ("P-QLDT", "DT02", 6): "ước thực hiện 6 tháng",
    ("P-QLDT", "DT06", 6): "ước thực hiện 6 tháng",
    ("P-QLDT", "DT08", 6): "ước thực hiện 6 tháng",
    ("P-QLDT", "DT09", 6): "ước thực hiện 6 tháng",
    ("P-QLDT", "DT07", 6): "chưa bố trí được mặt bằng; đang điều chỉnh quy hoạch chi tiết",
    ("P-QLDT", "DT07", 9): "chờ phê duyệt điều chỉnh quy hoạch chi tiết",
    ("CC-THUE", "KT04", 9): "ước thực hiện; số chính thức gửi tháng 10",
    ("DAU-LIEU", "XH09", 6): "01 nhà văn hóa đang xây mới",
    ("DUC-THUAN", "XH09", 6): "01 nhà văn hóa chưa đạt chuẩn về diện tích",
    ("THUAN-LOC", "KT06", 4): "lúa Đông Xuân chín sớm; thu hoạch từ cuối tháng 4",
    ("DUC-THUAN", "KT06", 4): "lúa Đông Xuân chín sớm; thu hoạch từ cuối tháng 4",
    ("THUAN-LOC", "KT05", 3): "trồng lạc và rau màu",
    ("THUAN-LOC", "KT05", 6): "gieo cấy lúa Hè Thu",
    ("THUAN-LOC", "KT05", 7): "gieo cấy lúa Hè Thu trà muộn",
    ("THUAN-LOC", "KT06", 5): "thu hoạch lúa Đông Xuân sớm hơn mọi năm",
    ("THUAN-LOC", "XH04", 4): "ảnh hưởng dịch COVID-19",
    ("DAU-LIEU", "XH04", 4): "ảnh hưởng dịch COVID-19",
}


# ---------------------------------------------------------------------------------------
# 2019, January .. December: a normal year, the comparison data ("cùng kỳ").
# ---------------------------------------------------------------------------------------
MONTHS_2019 = range(1, 13)
TOWN_MONTHLY_2019: dict[tuple[str, str], list[float]] = {
    #                      T1    T2    T3    T4    T5    T6    T7    T8    T9   T10   T11   T12
    ("CC-THUE", "KT04"): [ 5.8,  5.2,  6.0,  6.1,  6.2,  6.4,  6.5,  6.6,  6.8,  7.0,  7.3,  8.6],
    ("P-TNMT", "KT07"):  [98.1, 98.1, 98.2, 98.2, 98.3, 98.3, 98.4, 98.4, 98.4, 98.5, 98.5, 98.5],
    ("BHXH", "XH02"):    [88.9, 89.0, 89.2, 89.3, 89.5, 89.6, 89.8, 89.9, 90.0, 90.2, 90.3, 90.5],
    ("BHXH", "XH03"):    [30.2, 30.3, 30.5, 30.6, 30.8, 30.9, 31.1, 31.2, 31.4, 31.5, 31.7, 31.9],
}  # fmt: skip
TOWN_PERIODIC_2019: dict[str, dict[str, dict[int, float]]] = {
    "CC-TK": {"KT01": {3: 12.2, 6: 12.6, 9: 12.9, 12: 13.1}, "KT02": {6: 53, 12: 55}},
    "P-TCKH": {"KT03": {3: 215, 6: 250, 9: 262, 12: 318}},
    "BCHQS": {"QP01": {12: 100}},
    "CA": {"QP02": {3: 6, 6: 6, 9: 6, 12: 6}},
}
# Wards' monthly amounts in 2019: sowing and harvest on the usual calendar (Đông Xuân
# harvest in the June report), vụ Đông sown in October-November, jobs at the usual pace.
_KT05_SHAPE = [0.12, 0.30, 0.07, 0, 0.03, 0.30, 0.08, 0, 0, 0.05, 0.05, 0]
_KT06_SHAPE = [0, 0, 0, 0, 0.18, 0.42, 0, 0.10, 0.30, 0, 0, 0]
_KT05_YEAR = {"BAC-HONG": 135, "NAM-HONG": 168, "DUC-THUAN": 540, "TRUNG-LUONG": 475,
              "DAU-LIEU": 375, "THUAN-LOC": 760}  # fmt: skip
_KT06_YEAR = {"BAC-HONG": 640, "NAM-HONG": 800, "DUC-THUAN": 2700, "TRUNG-LUONG": 2400,
              "DAU-LIEU": 1850, "THUAN-LOC": 3650}  # fmt: skip
_JOBS_2019 = {"BAC-HONG": 18, "NAM-HONG": 17, "DUC-THUAN": 19, "TRUNG-LUONG": 17,
              "DAU-LIEU": 13, "THUAN-LOC": 17}  # fmt: skip
WARD_MONTHLY_2019 = {
    "KT05": {w: [round(t * k) for k in _KT05_SHAPE] for w, t in _KT05_YEAR.items()},
    "KT06": {w: [round(t * k) for k in _KT06_SHAPE] for w, t in _KT06_YEAR.items()},
    "XH04": {
        w: [n + (1 if m in (3, 9) else 0) for m in MONTHS_2019] for w, n in _JOBS_2019.items()
    },
}
WARD_LEVELS_2019 = {
    "XH09": {w: {6: v - 1, 12: v - 1} for w, v in VILLAGES.items()},
    "XH08": {w: {12: v - 1} for w, v in VILLAGES.items()},
}


def format_value(value: float | str) -> str:
    """Plain number, '.' decimal, no grouping, at most two decimals ('98.6', '1080'); a
    milestone's stage code as it is."""
    if isinstance(value, str):
        return value
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if float(text) != value:
        raise ValueError(f"{value!r} needs more than two decimals")
    return text


def collect_rows(last_year: bool = False) -> dict[tuple[int, str], dict[str, float]]:
    """All values as {(month, unit): {indicator: value}}, each figure as it is sent (the
    year to date for YTD_SENT indicators). ``last_year``: the 2019 tables."""
    if last_year:
        tables = (TOWN_MONTHLY_2019, TOWN_PERIODIC_2019, WARD_MONTHLY_2019, WARD_LEVELS_2019)
        months = MONTHS_2019
    else:
        tables = (TOWN_MONTHLY, TOWN_PERIODIC, WARD_MONTHLY, WARD_LEVELS)
        months = MONTHS
    town_monthly, town_periodic, ward_monthly, ward_levels = tables
    rows: dict[tuple[int, str], dict[str, float]] = {}

    def put(month: int, unit: str, indicator: str, value: float) -> None:
        cell = rows.setdefault((month, unit), {})
        if indicator in cell:
            raise ValueError(f"{unit} {indicator} {month} given twice")
        cell[indicator] = value

    for (unit, indicator), values in town_monthly.items():
        for month, value in zip(months, values, strict=True):
            put(month, unit, indicator, value)
    for unit, series in town_periodic.items():
        for indicator, by_month in series.items():
            for month, value in by_month.items():
                put(month, unit, indicator, value)
    for indicator, table in ward_monthly.items():
        for ward, values in table.items():
            for month, value in zip(months, values, strict=True):
                if value is not None:
                    put(month, ward, indicator, value)
    for indicator, by_ward in ward_levels.items():
        for ward, by_month in by_ward.items():
            for month, value in by_month.items():
                put(month, ward, indicator, value)
    # Lũy kế: each sent figure of a YTD_SENT indicator becomes the unit's year to date.
    running: dict[tuple[str, str], float] = {}
    for month, unit in sorted(rows):
        for indicator, value in rows[(month, unit)].items():
            if indicator in YTD_SENT:
                total = round(running.get((unit, indicator), 0) + value, 2)
                running[(unit, indicator)] = total
                rows[(month, unit)][indicator] = total
    return rows


def check_tables() -> None:
    """Guard the story's fixed facts so an edit of a table cannot silently break them."""
    for name, table in [("VILLAGES", VILLAGES), *WARD_MONTHLY.items()]:
        if list(table) != WARDS:
            raise ValueError(f"{name}: one entry per ward, in the order of WARDS")
    if sum(VILLAGES.values()) != 52:
        raise ValueError("the wards' villages must add up to 52")
    for indicator, by_ward in WARD_LEVELS.items():
        for ward, by_month in by_ward.items():
            for month, value in by_month.items():
                if value > VILLAGES[ward]:
                    raise ValueError(f"{ward} {indicator} {month}: more than its villages")
    rows = collect_rows()
    for unit, indicator, month in NOTES:
        if indicator not in rows.get((month, unit), {}):
            raise ValueError(f"note for a value that is not sent: {unit} {indicator} {month}")


def render_file(unit: str, month: int, values: dict[str, float], year: int = YEAR) -> str:
    """One unit's CSV for one month, rows in the plan's order of indicators."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    estimates = year == YEAR and any((unit, i, month) in ESTIMATES for i in values)
    writer.writerow([*HEADER, "ky_so_lieu", "uoc_tinh"] if estimates else HEADER)
    for indicator in sorted(values, key=INDICATOR_ORDER.index):
        note = NOTES.get((unit, indicator, month), "") if year == YEAR else ""
        thang = f"{year}-{month:02d}"
        row = [unit, indicator, thang, format_value(values[indicator]), note]
        if estimates:
            row += ["", "x" if (unit, indicator, month) in ESTIMATES else ""]
        writer.writerow(row)
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# The submission log (data/monthly/_log.csv, the format of kehoach.core.records.LOG_HEADER), so
# that `missing` shows when each unit sent its figures. Units send month M's figures by
# the 17th of M (the plan's due_day); most do it on the 14th-17th, in office hours in
# Hồng Lĩnh (UTC+7). The late ones tell the same story as the figures: the COVID-19
# spring (March-April: the police and Đức Thuận a few days late), the urban-criteria
# estimates of June sent late by the urban management division, Đậu Liêu slipping before
# it stops reporting in September.
# ---------------------------------------------------------------------------------------


DUE_DAY = 17
ICT_HOURS = 7  # Hồng Lĩnh is UTC+7 all year
LATE_DAYS = {  # (unit, month) -> days after the due day
    ("CA", 3): 3,
    ("DUC-THUAN", 3): 2,
    ("DUC-THUAN", 4): 4,
    ("BHXH", 4): 1,
    ("P-QLDT", 6): 5,
    ("DAU-LIEU", 7): 2,
    ("DAU-LIEU", 8): 6,
    ("CC-THUE", 8): 1,
}


def _spread(key: str, modulo: int) -> int:
    """A fixed 0..modulo-1 per key: varied times without randomness."""
    import hashlib

    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % modulo


def write_sample_log(root: Path) -> int:
    """Write ``root/_log.csv``: one "new" line per stored ``YYYY-MM/UNIT.csv`` under root.

    The digest and row count are those of the file itself (the sample files are stored as
    they were sent). Returns the number of lines written.
    """
    import hashlib
    from datetime import datetime, timedelta

    lines = []
    for path in sorted(root.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*.csv")):
        year, month = (int(x) for x in path.parent.name.split("-"))
        unit = path.stem
        source = path.read_bytes()
        rows = sum(1 for _ in csv.reader(io.StringIO(source.decode("utf-8")))) - 1
        key = f"{unit} {year}-{month:02d}"
        late = LATE_DAYS.get((unit, month)) if year == YEAR else None
        day = DUE_DAY + late if late else DUE_DAY - _spread(key, 4)  # on time: 14th-17th
        minutes = 7 * 60 + 30 + _spread(key + " time", 9 * 60)  # 07:30 to 16:29 local
        local = datetime(year, month, day) + timedelta(minutes=minutes)
        utc = local - timedelta(hours=ICT_HOURS)
        sent_as = f"{unit.lower()}-t{month}-{year}.csv"
        digest = hashlib.sha256(source).hexdigest()
        lines.append((utc.strftime("%Y-%m-%dT%H:%M:%SZ"), unit, f"{year}-{month:02d}",
                      sent_as, digest, rows, "new", digest, ""))  # fmt: skip
    # The units' narrative reports (YYYY-MM/UNIT.md, made by make_sample_narratives.py),
    # logged as a submit logs them: action narrative-new, the report's block count as its
    # rows, the stored text's digest for both (sent as the stored Markdown form).
    from kehoach.core.narrative import from_text

    for path in sorted(root.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*.md")):
        if path.name.startswith(("_", ".")):
            continue  # the office's tasks file, _nhiem_vu.md
        year, month = (int(x) for x in path.parent.name.split("-"))
        unit = path.stem
        source = path.read_bytes()
        report = from_text(source.decode("utf-8"), unit, path.parent.name)
        blocks = sum(len(b) for b in report.sections.values())
        key = f"{unit} {year}-{month:02d} narrative"
        day = DUE_DAY - _spread(key, 4)
        minutes = 7 * 60 + 30 + _spread(key + " time", 9 * 60)
        local = datetime(year, month, day) + timedelta(minutes=minutes)
        utc = local - timedelta(hours=ICT_HOURS)
        digest = hashlib.sha256(source).hexdigest()
        lines.append((utc.strftime("%Y-%m-%dT%H:%M:%SZ"), unit, f"{year}-{month:02d}",
                      f"{unit.lower()}-bao-cao-t{month}-{year}.md", digest, blocks,
                      "narrative-new", digest, ""))  # fmt: skip
    lines.sort()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LOG_HEADER)
    writer.writerows(lines)
    (root / "_log.csv").write_bytes(out.getvalue().encode("utf-8"))
    return len(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="data folder (default: data/monthly)"
    )
    args = parser.parse_args(argv)

    check_tables()
    rows = collect_rows()
    written: dict[int, int] = {}
    for (month, unit), values in sorted(rows.items()):
        folder = args.out / f"{YEAR}-{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{unit}.csv"
        path.write_bytes(render_file(unit, month, values).encode("utf-8"))
        written[month] = written.get(month, 0) + 1
    last = collect_rows(last_year=True)
    for (month, unit), values in sorted(last.items()):
        folder = args.out / f"{LAST_YEAR}-{month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{unit}.csv").write_bytes(
            render_file(unit, month, values, LAST_YEAR).encode("utf-8")
        )
    print(f"{LAST_YEAR}: {len(last)} files (last year, comparison data)")

    # A file left from an earlier run or a manual submit would change the story.
    expected = {args.out / f"{YEAR}-{m:02d}" / f"{u}.csv" for (m, u) in rows}
    for month in MONTHS:
        for path in sorted((args.out / f"{YEAR}-{month:02d}").glob("*.csv")):
            if path not in expected:
                print(f"warning: {path} is not part of the sample data", file=sys.stderr)

    for month in MONTHS:
        print(f"{YEAR}-{month:02d}: {written.get(month, 0)} files")
    print(f"{sum(written.values())} files written under {args.out}")
    print(f"{write_sample_log(args.out)} submissions logged in {args.out / '_log.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
