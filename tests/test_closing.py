"""Closing a month end to end: submit → report → lock → a correction refused,
then accepted with a reason → report and status list the adjusted figure → explain shows
both values and the reason; plus the report snapshot's own rules.

The data folder is built through ``submit`` only (last year's and this year's tax figures
of the sample), so ``check-store`` has a log line for every file and must stay clean.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA, write_csv

from kehoach.core.attainment import compute_status
from kehoach.core.layout import snapshot_path
from kehoach.core.records import Revision
from kehoach.core.snapshot import (
    SnapshotError,
    adjustment_lines,
    adjustments,
    make_snapshot,
    parse_snapshot,
)
from kehoach.read.datafolder import load_data
from kehoach.store.revisions import read_revisions
from kehoach.store.submit import submit_file

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
REASON = "Chi cục Thuế điều chỉnh số thu tiền sử dụng đất"


@pytest.fixture(autouse=True)
def _user(monkeypatch):
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "ketoan")


@pytest.fixture
def tax_folder(plan, tmp_path: Path) -> Path:
    """CC-THUE's KT04 for 2019-01..12 and 2020-01..08, each stored by submit."""
    data = tmp_path / "data"
    data.mkdir()
    months = [f"2019-{m:02d}" for m in range(1, 13)] + [f"2020-{m:02d}" for m in range(1, 9)]
    for n, month in enumerate(months):
        src = tmp_path / "inbox" / f"thue-{month}.csv"
        src.parent.mkdir(exist_ok=True)
        shutil.copyfile(SAMPLE_DATA / month / "CC-THUE.csv", src)
        now = datetime(2020, 9, 1, 8, n, tzinfo=UTC)
        assert submit_file(plan, src, data, now=now).ok
    return data


def squeeze(text: str) -> str:
    """Wrapped report lines joined back into one line of words."""
    return " ".join(text.split())


def test_submit_report_lock_correct_report_explain(run, plan, tax_folder, tmp_path):
    data = tax_folder
    first = write_csv(tmp_path / "inbox" / "thue-t9.csv", HEADER + "CC-THUE,KT04,2020-09,52,\n")
    result = run("submit", first, "--data", data)
    assert result.exit_code == 0, result.output

    report_file = tmp_path / "bao-cao-t9.txt"
    result = run("report", "--month", "2020-09", "--data", data, "-o", report_file)
    assert result.exit_code == 0, result.output
    assert "lũy kế 9 tháng đạt 52 tỷ đồng" in squeeze(report_file.read_text(encoding="utf-8"))
    assert not (data / "_reports").exists()  # an open month's report records nothing

    result = run("lock", "2020-09", "--note", "Báo cáo số 41/BC-UBND", "--data", data)
    assert result.exit_code == 0, result.output
    snap = json.loads((data / "_reports" / "2020-09.json").read_text(encoding="utf-8"))
    assert snap["source"] == "lock" and snap["report_date"] == "2020-09-22"
    kt04 = next(i for i in snap["indicators"] if i["code"] == "KT04")
    assert kt04 == {
        "code": "KT04",
        "value": "52",
        "month_value": "7.4",
        "estimate": False,
        "status": "at_risk",
    }

    fixed = write_csv(
        tmp_path / "inbox" / "thue-t9-sua.csv", HEADER + "CC-THUE,KT04,2020-09,52.7,\n"
    )
    stored = (data / "2020-09" / "CC-THUE.csv").read_bytes()
    refused = run("submit", fixed, "--data", data, "--replace")
    assert refused.exit_code == 1
    assert "Tháng 9/2020 đã khóa sổ" in refused.stdout and "--reopen-reason" in refused.stdout
    assert (data / "2020-09" / "CC-THUE.csv").read_bytes() == stored

    accepted = run("submit", fixed, "--data", data, "--replace", "--reopen-reason", REASON)
    assert accepted.exit_code == 0, accepted.output
    assert "sửa sau khóa sổ" in accepted.stdout

    [revision] = read_revisions(data)
    assert (revision.old, revision.new, revision.action, revision.reason) == (
        52,
        Decimal("52.7"),
        "reopened-replaced",
        REASON,
    )
    day = revision.time.astimezone().strftime("%d/%m/%Y")
    adjusted = (
        f"KT04 52 → 52,7 tỷ đồng (Chi cục Thuế, {day}, lý do: {REASON}); "
        "trạng thái: Có nguy cơ không đạt → Đúng tiến độ."
    )

    report = run("report", "--month", "2020-09", "--data", data)
    assert report.exit_code == 0, report.output
    text = squeeze(report.stdout)
    assert "52,7 tỷ đồng" in text  # the report itself has the new figure
    # the figures changed since the issued report are the worksheet's, not the draft's
    assert "Số liệu điều chỉnh sau báo cáo" not in text
    sheet = squeeze(run("report", "--month", "2020-09", "--data", data, "--worksheet").stdout)
    heading = sheet.index("Số liệu điều chỉnh sau báo cáo ngày 22/09/2020")
    assert sheet.index(f"- {adjusted}") > heading

    # A reprint to a file keeps the figures at the lock as the reference.
    reprint = tmp_path / "bao-cao-t9-in-lai.txt"
    result = run("report", "--month", "2020-09", "--data", data, "-o", reprint)
    assert result.exit_code == 0 and "vẫn là mốc đối chiếu" in result.stderr
    assert squeeze(reprint.read_text(encoding="utf-8")) == text
    assert json.loads((data / "_reports" / "2020-09.json").read_text("utf-8"))["source"] == "lock"

    status = run("status", "--month", "2020-09", "--data", data)
    assert status.exit_code == 0
    assert "Số liệu điều chỉnh sau báo cáo ngày 22/09/2020:" in status.stdout
    assert adjusted in squeeze(status.stdout)
    doc = json.loads(run("status", "--month", "2020-09", "--data", data, "--json").stdout)
    [fig] = doc["adjustments"]["figures"]
    assert (fig["code"], fig["old"], fig["new"], fig["old_status"], fig["new_status"]) == (
        "KT04",
        52,
        52.7,
        "at_risk",
        "on_track",
    )
    assert fig["revisions"][0]["reason"] == REASON
    assert doc["adjustments"]["report_date"] == "2020-09-22"

    explained = run("explain", "KT04", "--month", "2020-09", "--data", data)
    assert explained.exit_code == 0, explained.output
    out = squeeze(explained.stdout)
    assert "Số của đơn vị chủ trì Chi cục Thuế, lũy kế đến tháng 9/2020: 52,7 tỷ đồng" in out
    assert f"CC-THUE 09/2020: 52 → 52,7 (thay thế sau khóa sổ); lý do: {REASON}" in out
    # the submission of the correction: its log time and the received file's SHA-256
    ex = json.loads(run("explain", "KT04", "--month", "2020-09", "--data", data, "--json").stdout)
    sept = ex["values"][-1]
    import hashlib

    assert sept["sent"] == 52.7 and sept["submitted"]["action"] == "reopened-replaced"
    assert sept["submitted"]["sha256"] == hashlib.sha256(fixed.read_bytes()).hexdigest()
    assert sept["submitted"]["reason"] == REASON
    assert sept["file_sha256"] == sept["submitted"]["stored_sha256"]
    assert [(r["old"], r["new"], r["reason"]) for r in ex["revisions"]] == [(52, 52.7, REASON)]

    # Everything the trail holds is consistent.
    check = run("check-store", "--data", data)
    assert check.exit_code == 0, check.output


def test_report_of_a_locked_month_becomes_the_reference_once(run, plan, tax_folder, tmp_path):
    data = tax_folder
    sept = write_csv(tmp_path / "inbox" / "t9.csv", HEADER + "CC-THUE,KT04,2020-09,52,\n")
    assert run("submit", sept, "--data", data).exit_code == 0
    assert run("lock", "2020-09", "--data", data).exit_code == 0
    path = snapshot_path(data, "2020-09")
    assert json.loads(path.read_text(encoding="utf-8"))["source"] == "lock"

    out = tmp_path / "r.txt"
    result = run("report", "--month", "2020-09", "--data", data, "-o", out, "--date", "2020-09-25")
    assert result.exit_code == 0
    assert f"Đã ghi số liệu của báo cáo vào {path}." in result.stderr
    snap = json.loads(path.read_text(encoding="utf-8"))
    assert (snap["source"], snap["report_date"], snap["output"]) == (
        "report",
        "2020-09-25",
        str(out),
    )
    assert [p.name for p in path.parent.glob("2020-09.json.*.bak")]  # the lock's kept

    again = run("report", "--month", "2020-09", "--data", data, "-o", tmp_path / "r2.txt")
    assert "vẫn là mốc đối chiếu" in again.stderr
    assert json.loads(path.read_text(encoding="utf-8"))["report_date"] == "2020-09-25"


def test_a_damaged_snapshot_is_a_warning_never_a_traceback(run, tax_folder, tmp_path):
    data = tax_folder
    (data / "_reports").mkdir()
    snapshot_path(data, "2020-08").write_text('{"month": "2020-08", "indicators": [', "utf-8")
    status = run("status", "--month", "2020-08", "--data", data)
    assert status.exit_code == 0
    assert "bị hỏng" in status.stdout and "2020-08.json" in status.stdout
    report = run("report", "--month", "2020-08", "--data", data)
    assert report.exit_code == 0 and "bị hỏng" in report.stderr
    doc = json.loads(run("status", "--month", "2020-08", "--data", data, "--json").stdout)
    assert doc["adjustments"]["figures"] == [] and "JSON" in doc["adjustments"]["warning"]


# ------------------------------------------------------------------ pure parts


def test_snapshot_round_trip_and_damage(plan):
    status = compute_status(plan, load_data(plan, SAMPLE_DATA).dataset, 9)
    written = datetime(2020, 9, 22, 3, 0, tzinfo=UTC)
    snap = make_snapshot(status, plan.id, status_date(plan), written, output="r.txt")
    back = parse_snapshot(snap.to_json().decode("utf-8"))
    assert back == snap
    assert back.figures["KT04"].value == 52 and back.figures["KT04"].estimate is True
    for bad in ("", "[]", '{"month": "2020-13"}', '{"written": "x", "indicators": []}'):
        with pytest.raises(SnapshotError):
            parse_snapshot(bad)
    doc = json.loads(snap.to_json())
    doc["indicators"][0]["value"] = "NaN"
    with pytest.raises(SnapshotError):
        parse_snapshot(json.dumps(doc))


def status_date(plan):
    return plan.report_date(9)


def test_adjustment_lines_name_the_unit_the_day_and_the_reason(plan):
    dataset = load_data(plan, SAMPLE_DATA).dataset
    before = compute_status(plan, dataset, 9)
    written = datetime(2020, 9, 22, 3, 0, tzinfo=UTC)
    snap = make_snapshot(before, plan.id, plan.report_date(9), written)
    assert adjustments(snap, before) == []

    from kehoach.core.revisions import substitute

    u, i = plan.unit_index["CC-THUE"], plan.indicator_index["KT04"]
    after = compute_status(plan, substitute(dataset, u, i, 9, 52.7, False), 9)
    when = datetime(2020, 10, 5, 2, 0, tzinfo=UTC)
    revs = [
        Revision("CC-THUE", "KT04", "2020-09", 52, 52.7, True, False, "official", "", when),
        # before the report: not behind this adjustment
        Revision(
            "CC-THUE",
            "KT04",
            "2020-08",
            44,
            44.6,
            False,
            False,
            "replaced",
            "x",
            written.replace(day=1),
        ),
    ]
    found = adjustments(snap, after, revs)
    assert [(a.code, a.old.value, a.new_value, a.new_status) for a in found] == [
        ("KT04", 52, Decimal("52.7"), "on_track")
    ]
    assert [r.month for r in found[0].revisions] == ["2020-09"]
    day = when.astimezone().strftime("%d/%m/%Y")
    title, lines = adjustment_lines(plan, snap, found, "vi")
    assert title == "Số liệu điều chỉnh sau báo cáo ngày 22/09/2020:"
    assert lines == [
        f"KT04 52 (ước) → 52,7 tỷ đồng (Chi cục Thuế, {day}, số chính thức thay số ước); "
        "trạng thái: Có nguy cơ không đạt → Đúng tiến độ."
    ]
    title, lines = adjustment_lines(plan, snap, found, "en")
    assert title == "Figures revised since the report of 22 September 2020:"
    assert lines[0].startswith("KT04 52 (est.) → 52.7 billion VND (")
    assert lines[0].endswith("status: At risk of missing → On track.")


def test_an_estimate_made_official_at_the_same_figure_is_an_adjustment(plan):
    from kehoach.core.revisions import substitute

    dataset = load_data(plan, SAMPLE_DATA).dataset
    written = datetime(2020, 9, 22, 3, 0, tzinfo=UTC)
    snap = make_snapshot(compute_status(plan, dataset, 9), plan.id, plan.report_date(9), written)
    u, i = plan.unit_index["CC-THUE"], plan.indicator_index["KT04"]
    after = compute_status(plan, substitute(dataset, u, i, 9, Decimal(52), False), 9)
    when = datetime(2020, 10, 5, 2, 0, tzinfo=UTC)
    rev = Revision("CC-THUE", "KT04", "2020-09", 52, 52, True, False, "reopened-official", "", when)
    found = adjustments(snap, after, [rev])
    assert [(a.code, a.old.estimate, a.new_estimate) for a in found] == [("KT04", True, False)]
    day = when.astimezone().strftime("%d/%m/%Y")
    _, lines = adjustment_lines(plan, snap, found, "vi")
    assert lines == [
        f"KT04 52 (ước) → 52 tỷ đồng (Chi cục Thuế, {day}, số chính thức thay số ước)."
    ]
