"""Issue 24: the chase list as the office uses it — names, contacts, the wording past
the plan year, owners of summed figures, and the reminder letter (công văn đôn đốc)."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLE_DATA

from kehoach.core.missing import chased


def _doc(run, *args):
    result = run("missing", *args, "--data", SAMPLE_DATA, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_an_owner_of_a_summed_figure_is_not_chased_for_it(plan):
    ldtbxh = plan.unit_index["P-LDTBXH"]
    vhtt = plan.unit_index["P-VHTT"]
    xh04, xh09, xh01 = (plan.indicator_index[c] for c in ("XH04", "XH09", "XH01"))
    assert not chased(plan, ldtbxh, xh04)  # the wards' new jobs make the town's
    assert not chased(plan, vhtt, xh09)
    assert chased(plan, ldtbxh, xh01)  # its own figure
    assert chased(plan, plan.unit_index["BAC-HONG"], xh04)  # the ward is chased for its part


def test_missing_all_lists_no_owner_debt_and_gives_contacts(run):
    doc = _doc(run, "--all", "--as-of", "2020-10-25")
    assert [u["unit"] for u in doc["units"]] == ["P-QLDT", "DAU-LIEU"]
    assert doc["units"][1]["contact"] == {
        "person": "Công chức Văn phòng - Thống kê",
        "phone": "0239 000 0018",
        "email": "dau-lieu@honglinh.example",
    }
    assert doc["past_plan_year"] is False


def test_names_stand_beside_codes_even_at_80_columns(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("missing", "--all", "--as-of", "2020-10-25", "--data", SAMPLE_DATA).stdout
    lines = out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(" DAU-LIEU"))
    assert "Phường Đậu Liêu" in lines[at + 1]
    assert max(map(len, lines)) <= 80
    assert "    Công chức Văn phòng - Thống kê, 0239 000 0018, dau-lieu@honglinh.example" in lines


@pytest.mark.parametrize("as_of", ["2021-03-01", "2024-12-06"])
def test_past_the_plan_year_the_list_never_says_due_today(run, as_of):
    out = run("missing", "--month", "2020-09", "--as-of", as_of, "--data", SAMPLE_DATA).stdout
    assert "hôm nay là hạn nộp" not in out
    day = f"{as_of[8:]}/{as_of[5:7]}/{as_of[:4]}"
    assert (
        f"Tính đến {day}: đã hết năm kế hoạch 2020 (hạn nộp số liệu tháng 9/2020 là 17/09/2020)."
        in out
    )
    doc = _doc(run, "--month", "2020-09", "--as-of", as_of)
    assert doc["past_plan_year"] is True
    assert all(u["overdue_days"] is None for u in doc["units"])
    owed = _doc(run, "--all", "--as-of", as_of)
    assert owed["past_plan_year"] is True
    assert all(m["overdue_days"] is None for u in owed["units"] for m in u["months"])
    text = run("missing", "--all", "--as-of", as_of, "--data", SAMPLE_DATA, "--lang", "en").stdout
    assert "plan year over" in text and "not yet due" not in text


def test_in_january_after_the_year_days_overdue_are_still_counted(run):
    doc = _doc(run, "--all", "--as-of", "2021-01-20")
    assert doc["past_plan_year"] is False
    dau = next(u for u in doc["units"] if u["unit"] == "DAU-LIEU")
    assert dau["months"][0]["overdue_days"] == (20 + 31 + 30 + 31 + 13)  # 17/09 → 20/01


# ------------------------------------------------------------------ the letter


def _paragraphs(path):
    import docx

    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs if p.text.strip()]
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return texts, cells


def test_the_letter_to_each_late_unit(run, tmp_path):
    out = tmp_path / "nhac-nho.docx"
    result = run(
        "missing", "--month", "2020-09", "--as-of", "2020-10-25", "--data", SAMPLE_DATA,
        "--letter", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"Đã ghi 1 công văn đôn đốc vào {out}." in result.stderr
    texts, cells = _paragraphs(out)
    # Nghị định 30/2020/NĐ-CP: body and motto, number with the subject, place and date
    assert "ỦY BAN NHÂN DÂN\nTHỊ XÃ HỒNG LĨNH" in cells[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in cells[1]
    assert cells[2] == (
        "Số: …/UBND-VP\nV/v đôn đốc gửi số liệu thực hiện các chỉ tiêu kế hoạch năm 2020"
    )
    assert cells[3] == "Hồng Lĩnh, ngày 25 tháng 10 năm 2020"
    assert "Kính gửi: Phường Đậu Liêu." in texts
    assert "Đến ngày 25/10/2020, Phường Đậu Liêu còn chưa gửi các số liệu sau:" in texts
    assert (
        "- Tháng 9/2020 (hạn nộp 17/09/2020, đã quá hạn 38 ngày): KT05 – Tổng diện tích gieo "
        "trồng cả năm (ha); KT06 – Tổng sản lượng lương thực (sản lượng thóc) (tấn); XH04 – "
        "Số người được giải quyết việc làm mới (người)."
    ) in texts
    assert texts[-1].endswith("để tổng hợp, báo cáo theo quy định./.")
    signature = "\n".join(cells[4:])
    assert "Nơi nhận:" in signature and "- Như trên;" in signature and "- Lưu: VT." in signature
    assert "TM. ỦY BAN NHÂN DÂN" in signature
    # the same data and day: the same bytes
    first = out.read_bytes()
    again = tmp_path / "again.docx"
    run(
        "missing", "--month", "2020-09", "--as-of", "2020-10-25", "--data", SAMPLE_DATA,
        "--letter", "-o", again,
    )  # fmt: skip
    assert again.read_bytes() == first


def test_one_letter_to_all_in_english_past_the_plan_year(run, tmp_path):
    out = tmp_path / "all.docx"
    result = run(
        "missing", "--all", "--as-of", "2021-03-01", "--data", SAMPLE_DATA, "--lang", "en",
        "--letter", "--to-all", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    texts, _ = _paragraphs(out)
    assert texts[texts.index("To:") + 1 : texts.index("To:") + 3] == [
        "- Urban Management Division;",
        "- Đậu Liêu Ward.",
    ]
    assert "1. Urban Management Division:" in texts and "2. Đậu Liêu Ward:" in texts
    assert any(
        t.startswith("- June 2020 (due by 17/06/2020; the plan year 2020 is over): DT10")
        for t in texts
    )


def test_a_letter_for_every_unit_owing_in_one_document(run, tmp_path):
    out = tmp_path / "letters.docx"
    result = run(
        "missing", "--all", "--as-of", "2020-10-25", "--data", SAMPLE_DATA, "--letter", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0
    assert "Đã ghi 2 công văn đôn đốc" in result.stderr
    texts, _ = _paragraphs(out)
    assert [t for t in texts if t.startswith("Kính gửi:")] == [
        "Kính gửi: Phòng Quản lý đô thị.",
        "Kính gửi: Phường Đậu Liêu.",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--letter"], "--letter ghi công văn ra tệp Word: thêm -o TỆP.docx."),
        (["--letter", "-o", "x.txt"], "tên tệp phải kết thúc bằng .docx"),
        (["-o", "x.docx"], "-o chỉ dùng với --letter"),
        (["--to-all"], "--to-all chỉ dùng với --letter."),
        (["--letter", "-o", "no/such/folder/x.docx"], "không tồn tại"),
    ],
)
def test_letter_options_misused_exit_2(run, args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("missing", "--data", SAMPLE_DATA, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_the_letter_is_never_written_inside_the_data_folder(run, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    result = run("missing", "--data", data, "--letter", "-o", data / "x.docx")
    assert result.exit_code == 2
    assert not (data / "x.docx").exists()
