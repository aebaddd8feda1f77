"""PNG charts for the Word report: what is drawn, Vietnamese glyphs, same data → same
bytes, and a clear reason instead of charts when the library or the font is missing."""

from __future__ import annotations

import struct
import subprocess
import sys
import warnings

import pytest
from conftest import PLAN_PATH, SAMPLE_DATA

from kehoach.core.attainment import compute_status
from kehoach.core.i18n import STATUS_LABELS
from kehoach.read.datafolder import load_data
from kehoach.render import charts


@pytest.fixture(scope="module")
def september(plan):
    dataset = load_data(plan, SAMPLE_DATA).dataset
    return compute_status(plan, dataset, 9), dataset


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_missing_library_gives_no_charts_and_says_why(plan, september, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib → ImportError
    status, dataset = september
    result = charts.report_charts(plan, status, dataset, "vi")
    assert result.images == []
    assert result.reason.startswith("Báo cáo không kèm biểu đồ: chưa cài thư viện vẽ")
    assert "kehoach[charts]" in result.reason
    en = charts.report_charts(plan, status, dataset, "en")
    assert en.reason.startswith("The report has no charts: the matplotlib")


def test_charts_module_does_not_import_matplotlib():
    code = "import sys, kehoach.render.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"


mpl = pytest.importorskip("matplotlib")


def test_missing_font_gives_no_charts_and_says_why(plan, september, monkeypatch):
    monkeypatch.setattr(charts, "FONT", "No Such Font Sans")
    status, dataset = september
    result = charts.report_charts(plan, status, dataset, "vi")
    assert result.images == []
    assert "không tìm thấy phông chữ có đủ dấu tiếng Việt (No Such Font Sans)" in result.reason


def test_a_font_without_vietnamese_glyphs_is_refused(monkeypatch):
    assert charts.unavailable("vi") is None
    monkeypatch.setattr(charts, "VIETNAMESE_SAMPLE", "ắ漢")  # DejaVu Sans has no CJK
    assert "phông chữ" in charts.unavailable("vi")


def test_every_character_of_every_label_has_a_glyph():
    from matplotlib.ft2font import FT2Font

    font = FT2Font(charts._font_path())
    texts = [loc(lang) for loc in charts.CHART_LABELS.values() for lang in ("vi", "en")]
    texts += [loc(lang) for loc in STATUS_LABELS.values() for lang in ("vi", "en")]
    texts += ["KT06 — Tổng sản lượng lương thực (sản lượng thóc)", "tỷ đồng", "thôn, TDP"]
    missing = {
        ch for t in texts for ch in t if not ch.isspace() and not font.get_char_index(ord(ch))
    }
    assert missing == set()


def test_report_charts_overview_then_each_lagging_cumulative_target(plan, september):
    status, dataset = september
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = charts.report_charts(plan, status, dataset, "vi")
    assert not [w for w in caught if "missing from font" in str(w.message)]
    assert result.reason is None
    lagging = [
        r.code
        for r in status.indicators
        if r.measure == "cumulative" and r.status in ("at_risk", "off_track")
    ]
    assert lagging  # the sample has some
    assert [c.name for c in result.images] == ["overview.png"] + [f"{c}.png" for c in lagging]
    assert result.images[0].title == "Trạng thái các chỉ tiêu theo nhóm — tháng 9/2020"
    assert result.images[1].title.startswith(f"{lagging[0]} — ")
    for chart in result.images:
        assert png_size(chart.png) == (945, 480)  # 6.3 × 3.2 in at 150 dpi


def test_same_data_same_bytes_even_in_another_process(plan, september, tmp_path):
    status, dataset = september
    first = charts.report_charts(plan, status, dataset, "vi")
    second = charts.report_charts(plan, status, dataset, "vi")
    assert [c.png for c in first.images] == [c.png for c in second.images]
    out = tmp_path / "charts"
    argv = [sys.executable, "-m", "kehoach.render.charts", str(out), "--month", "2020-09"]
    argv += ["--plan", str(PLAN_PATH), "--data", str(SAMPLE_DATA)]
    subprocess.run(argv, check=True, capture_output=True)
    for chart in first.images:
        assert (out / chart.name).read_bytes() == chart.png


def test_no_metadata_that_changes(plan, september):
    status, _dataset = september
    png = charts.overview_chart(status, plan, "en")
    assert b"Software" not in png and b"matplotlib" not in png.lower()
    assert b"tIME" not in png  # no modification time chunk


def test_user_rc_settings_do_not_leak_in(plan, september):
    status, _dataset = september
    plain = charts.overview_chart(status, plan, "vi")
    with mpl.rc_context({"axes.facecolor": "black", "font.size": 20, "lines.linewidth": 9}):
        assert charts.overview_chart(status, plan, "vi") == plain
        # and drawing leaves the caller's settings as they were
        assert mpl.rcParams["font.size"] == 20 and mpl.rcParams["axes.facecolor"] == "black"


def test_different_data_different_picture(plan, september):
    _status, dataset = september
    from kehoach.core.trajectory import trajectory

    june = trajectory(plan, dataset, plan.indicator_index["KT04"], 6)
    september_path = trajectory(plan, dataset, plan.indicator_index["KT04"], 9)
    assert charts.path_chart(june, "vi") != charts.path_chart(september_path, "vi")
    assert charts.path_chart(september_path, "vi") != charts.path_chart(september_path, "en")
