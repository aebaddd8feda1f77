"""The office's worksheet marks the stored figures accepted with an implausible-value
warning (issue 24: "status, explain and the report's worksheet mark values that were
accepted with such a warning"); the draft for signature does not name them."""

from __future__ import annotations

import shutil

from conftest import SAMPLE_DATA


def test_the_worksheet_lists_a_figure_far_from_the_units_history(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    sent = data / "2020-09" / "BAC-HONG.csv"
    sent.write_text(
        sent.read_text(encoding="utf-8").replace(
            "BAC-HONG,XH04,2020-09,16,", "BAC-HONG,XH04,2020-09,16000,"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "ws.md"
    result = run("report", "--month", "2020-09", "--worksheet", "--data", data, "-o", out)
    assert result.exit_code == 0, result.stderr
    sheet = out.read_text(encoding="utf-8")
    assert "cần xác minh trước khi đưa vào báo cáo" in sheet
    assert (
        "- BAC-HONG.csv, dòng 4: BAC-HONG · XH04 · 2020-09: số liệu 16.000 gấp 842 lần số "
        "cùng tháng năm trước (2019-09: 19)." in sheet
    )
    draft = tmp_path / "bc.md"
    assert run("report", "--month", "2020-09", "--data", data, "-o", draft).exit_code == 0
    assert "xác minh" not in draft.read_text(encoding="utf-8")


def test_the_sample_worksheet_has_no_such_list(run, tmp_path):
    out = tmp_path / "ws.md"
    result = run("report", "--month", "2020-09", "--worksheet", "--data", SAMPLE_DATA, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "xác minh" not in out.read_text(encoding="utf-8")
