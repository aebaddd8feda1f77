"""Units' narrative reports as submissions (issue 23, part a): the Word and Markdown forms
read into the narrative model, `template --narrative`, `validate`/`submit` of a filled
report (stored text, original, history, log, locks, --replace), bad files, `missing`,
`check-store`."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from narrative_fixtures import (
    FULL_MD,
    docx_of,
    encrypted_ole,
    full_docx,
    old_doc,
    pdf,
    plain_zip,
)

from kehoach.core.layout import narrative_path
from kehoach.core.narrative import SECTIONS, Block, Narrative, normalise, to_text
from kehoach.read.narrative_form import read_narrative_form
from kehoach.read.narratives import load_narratives
from kehoach.store.narratives import submit_narrative

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "monthly"
T0 = datetime(2020, 9, 16, 2, 0, tzinfo=UTC)
T1 = datetime(2020, 9, 18, 3, 0, tzinfo=UTC)


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def codes(form) -> list[str]:
    return [i.code for i in form.issues]


# ------------------------------------------------------------------ reading a Word file


def test_docx_paragraphs_lists_tables_and_headings_by_style_and_by_words(tmp_path, plan):
    form = read_narrative_form(write(tmp_path, "bc.docx", full_docx()), plan)
    assert codes(form) == []
    assert form.ok and form.kind == "docx"
    assert plan.units[form.unit].code == "BAC-HONG" and form.month == 9
    assert form.narrative == Narrative(
        "BAC-HONG",
        "2020-09",
        {
            "results": (
                Block("paragraph", "Thu ngân sách trên địa bàn phường ước đạt 1.250 triệu đồng."),
                Block("item", "Ra quân tổng vệ sinh môi trường."),
                Block("item", "Hoàn thành tiêm phòng đợt 2."),
                Block("table", rows=(("Chỉ tiêu", "Kết quả"), ("Hộ nghèo", "12"))),
            ),
            "shortcomings": (
                Block("paragraph", "Giải phóng mặt bằng tuyến đường Trần Phú còn chậm."),
            ),
            "causes_objective": (Block("paragraph", "Mưa lớn kéo dài."),),
            "causes_subjective": (Block("paragraph", "Cán bộ địa chính phường còn thiếu."),),
            "tasks": (Block("item", "Hoàn thành giải phóng mặt bằng trước ngày 15/10/2020."),),
            "requests": (Block("paragraph", "Không có."),),
        },
    )


def test_a_long_paragraph_starting_with_a_sections_words_is_text_not_a_heading(tmp_path, plan):
    data = docx_of(
        ("Đơn vị: Phòng Kinh tế (P-KT)", None),
        ("Tháng: 9/2020", None),
        ("Kết quả thực hiện", "Heading 1"),
        ("Kết quả thu hoạch lúa vụ Hè Thu đạt khá, năng suất bình quân ước đạt 51 tạ/ha.", None),
        ("Nhiệm vụ", "Heading 2"),
        ("Kiến nghị UBND thị xã sớm hỗ trợ giống cho vụ Đông năm nay ở các phường.", None),
    )
    form = read_narrative_form(write(tmp_path, "x.docx", data), plan)
    assert form.narrative.blocks("results") == (
        Block(
            "paragraph",
            "Kết quả thu hoạch lúa vụ Hè Thu đạt khá, năng suất bình quân ước đạt 51 tạ/ha.",
        ),
    )
    assert form.narrative.blocks("tasks")[0].text.startswith("Kiến nghị UBND")
    assert "requests" not in form.narrative.sections
    assert codes(form).count("narrative-missing-heading") == 3  # shortcomings, causes, requests


def test_docx_unknown_heading_and_text_before_the_first_heading_said_plainly(tmp_path, plan):
    data = docx_of(
        ("Đơn vị: Phòng Kinh tế (P-KT)", None),
        ("Tháng: 9/2020", None),
        ("Kính gửi: Văn phòng HĐND - UBND thị xã", None),
        ("1. Kết quả thực hiện", "Heading 1"),
        ("Thu hoạch xong vụ Hè Thu.", None),
        ("Công tác khác", "Heading 2"),
        ("Hỗ trợ bầu cử.", None),
    )
    form = read_narrative_form(write(tmp_path, "x.docx", data), plan)
    assert form.ok  # warnings only
    assert sorted(codes(form)) == [
        "narrative-missing-heading",
        "narrative-missing-heading",
        "narrative-missing-heading",
        "narrative-missing-heading",
        "narrative-text-outside",
        "narrative-unknown-heading",
    ]
    first = next(i for i in form.issues if i.code == "narrative-text-outside")
    assert "Kính gửi" in first.message("vi") and "không được lưu" in first.message("vi")
    unknown = next(i for i in form.issues if i.code == "narrative-unknown-heading")
    assert unknown.message("en") == (
        "The heading “Công tác khác” names no part of the report; its text is kept in the "
        "part “Results”."
    )
    assert form.narrative.blocks("results") == (
        Block("paragraph", "Thu hoạch xong vụ Hè Thu."),
        Block("paragraph", "Công tác khác"),
        Block("paragraph", "Hỗ trợ bầu cử."),
    )


# ------------------------------------------------------------------ reading Markdown


def test_markdown_headings_lists_tables_and_the_header_lines(tmp_path, plan):
    form = read_narrative_form(write(tmp_path, "bc.md", FULL_MD.encode()), plan)
    assert codes(form) == []
    n = form.narrative
    assert (n.unit, n.month) == ("P-KT", "2020-09")
    assert n.blocks("results") == (
        Block("paragraph", "Chỉ đạo thu hoạch lúa vụ Hè Thu, năng suất ước đạt 52 tạ/ha."),
        Block("item", "Tiêm phòng đợt 2 cho đàn gia súc, gia cầm."),
        Block("item", "Kiểm tra 12 cơ sở kinh doanh vật tư nông nghiệp."),
        Block(
            "table", rows=(("Cây trồng", "Diện tích (ha)"), ("Lúa", "1.180"), ("Rau màu", "215"))
        ),
    )
    assert n.blocks("causes") == ()  # "3. Nguyên nhân", its two kinds under it: no warning
    assert n.blocks("causes_objective") == (
        Block("paragraph", "Mưa lớn cuối tháng 8 làm ngập 35 ha lúa."),
    )
    assert n.blocks("tasks") == (Block("item", "Triển khai sản xuất vụ Đông."),)


def test_markdown_lines_of_one_paragraph_are_joined_and_bold_lines_are_headings(tmp_path, plan):
    text = (
        "# BÁO CÁO Kết quả thực hiện nhiệm vụ tháng 9\n\n"
        "Đơn vị: Chi cục Thuế\nTháng: T9/2020\n\n**KẾT QUẢ THỰC HIỆN**\n\nThu ngân sách\n"
        "ước đạt 52 tỷ đồng.\n\n**Tồn tại, hạn chế:**\n\n* Nợ đọng còn cao.\n"
    )
    form = read_narrative_form(write(tmp_path, "x.md", text.encode()), plan)
    assert plan.units[form.unit].code == "CC-THUE"  # the unit's name, not only its code
    assert "narrative-repeated-section" not in codes(form)  # the title is no heading
    assert form.narrative.blocks("results") == (
        Block("paragraph", "Thu ngân sách ước đạt 52 tỷ đồng."),
    )
    assert form.narrative.blocks("shortcomings") == (Block("item", "Nợ đọng còn cao."),)


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
    max_size=30,
)
_block = st.one_of(
    st.builds(Block, st.sampled_from(["paragraph", "item"]), _text),
    st.builds(
        lambda rows: Block("table", rows=rows),
        st.lists(st.lists(_text, min_size=1, max_size=3).map(tuple), min_size=1, max_size=3).map(
            tuple
        ),
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from(SECTIONS), st.lists(_block, min_size=1, max_size=4).map(tuple))
)
def test_a_stored_report_submitted_again_reads_back_exactly(sections):
    from kehoach.read.planfile import load_plan

    plan = load_plan(ROOT / "plan2020.yaml")
    n = normalise(Narrative("P-KT", "2020-09", sections))
    if n.is_empty():
        return
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "P-KT.md"
        path.write_text(to_text(n), encoding="utf-8")
        form = read_narrative_form(path, plan)
    assert form.narrative == n
    assert not form.errors


# ------------------------------------------------------------------ the form


def _fill_docx(data: bytes) -> bytes:
    """The Word form filled the way a clerk does: a paragraph typed under each heading."""
    import docx

    d = docx.Document(io.BytesIO(data))
    texts = {
        "1.": "Thu hoạch xong 100% diện tích lúa Hè Thu.",
        "2.": "Sản lượng lương thực chưa đạt kế hoạch.",
        "a)": "Mưa lớn cuối tháng 8.",
        "b)": "Phối hợp chưa chặt chẽ.",
        "4.": "Chỉ đạo sản xuất vụ Đông.",
        "5.": "Không có.",
    }
    for p in list(d.paragraphs):
        if p.style.name.startswith("Heading") and p.text[:2] in texts:
            guidance = p._p.getnext()  # the guidance line stays, the text goes after it
            new = d.add_paragraph(texts[p.text[:2]])
            guidance.addnext(new._p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_word_form_filled_in_validates_clean(run, tmp_path, lang):
    out = tmp_path / "p-kt.docx"
    result = run("template", "P-KT", "--narrative", "--month", "2020-10", "-o", out, "--lang", lang)
    assert result.exit_code == 0
    blank = out.read_bytes()
    filled = write(tmp_path, "p-kt-filled.docx", _fill_docx(blank))
    result = run("validate", filled, "--lang", lang, "--json")
    assert result.exit_code == 0, result.stdout
    (doc,) = json.loads(result.stdout)["files"]
    assert doc["ok"] and doc["errors"] == [] and doc["warnings"] == []
    assert (doc["kind"], doc["unit"], doc["month"]) == ("narrative", "P-KT", "2020-10")
    assert doc["sections"] == [
        "results",
        "shortcomings",
        "causes",
        "causes_objective",
        "causes_subjective",
        "tasks",
        "requests",
    ]


def test_the_word_form_carries_unit_month_headings_and_guidance(run, tmp_path, plan):
    import docx

    out = tmp_path / "f.docx"
    assert run("template", "P-NV", "--narrative", "--month", "2020-09", "-o", out).exit_code == 0
    d = docx.Document(str(out))
    texts = [p.text for p in d.paragraphs]
    assert texts[:3] == ["BÁO CÁO THÁNG 9/2020", "Đơn vị: Phòng Nội vụ (P-NV)", "Tháng: 9/2020"]
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "1. Kết quả thực hiện",
        "2. Tồn tại, hạn chế",
        "3. Nguyên nhân",
        "a) Nguyên nhân khách quan",
        "b) Nguyên nhân chủ quan",
        "4. Nhiệm vụ trọng tâm tháng tới",
        "5. Kiến nghị, đề xuất",
    ]
    h1 = d.styles["Heading 1"]
    assert h1.font.name == "Times New Roman" and "asciiTheme" not in h1.element.xml
    guidance = [p.text for p in d.paragraphs if p.style.name == "kehoach-huong-dan"]
    assert len(guidance) == 8 and "17/09/2020" in guidance[0]
    # The same input gives the same bytes; an unfilled form is refused, plainly.
    again = tmp_path / "g.docx"
    run("template", "P-NV", "--narrative", "--month", "2020-09", "-o", again)
    assert again.read_bytes() == out.read_bytes()
    form = read_narrative_form(out, plan)
    assert codes(form) == ["narrative-empty"]


def test_the_markdown_form_filled_in_validates_clean(run, tmp_path):
    out = tmp_path / "ttr.md"
    result = run("template", "TTR", "--narrative", "--month", "2020-09", "-o", out)
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# BÁO CÁO THÁNG 9/2020\n\nĐơn vị: Thanh tra thị xã (TTR)\n")
    filled = text
    for heading in ("1. Kết quả thực hiện", "2. Tồn tại, hạn chế", "4. Nhiệm vụ trọng tâm"):
        filled = filled.replace(heading, heading + "\n\nTiếp 42 lượt công dân.\n", 1)
    filled = filled.replace("a) Nguyên nhân khách quan", "a) Nguyên nhân khách quan\n\nMưa.\n")
    filled = filled.replace("b) Nguyên nhân chủ quan", "b) Nguyên nhân chủ quan\n\nNội dung.\n")
    filled = filled.replace("5. Kiến nghị, đề xuất", "5. Kiến nghị, đề xuất\n\nKhông có.\n")
    path = write(tmp_path, "ttr-filled.md", filled.encode())
    result = run("validate", path, "--data", tmp_path / "no-data")
    assert result.exit_code == 0
    assert "báo cáo của TTR, tháng 9/2020: 7 phần, 6 đoạn, hợp lệ." in " ".join(
        result.stdout.split()
    )


def test_template_narrative_refusals(run, tmp_path):
    res = run("template", "P-KT", "--narrative", "--format", "xlsx", "-o", tmp_path / "a.docx")
    assert res.exit_code == 2
    res = run("template", "P-NV", "--month", "2020-09", "-o", tmp_path / "a.csv")
    assert res.exit_code == 2  # a narrative-only unit has no figures' form
    assert "--narrative" in res.output


# ------------------------------------------------------------------ submit


def _data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    return root


def test_submit_round_trip_replace_history_log_original(tmp_path, plan):
    root = _data(tmp_path)
    src = write(tmp_path, "bac-hong-t9.docx", full_docx())
    out = submit_narrative(plan, src, root, now=T0)
    assert out.ok and len(out.stored) == 1
    stored = out.stored[0]
    assert stored.path == root / "2020-09" / "BAC-HONG.md" and not stored.replaced
    assert stored.path.read_text(encoding="utf-8") == to_text(out.form.narrative)
    assert load_narratives(root, plan, 9) == {"BAC-HONG": out.form.narrative}
    kept = stored.original
    assert kept.parent == root / "_originals" / "2020-09" and kept.read_bytes() == src.read_bytes()

    # the same file again: refused, nothing changes
    again = submit_narrative(plan, src, root, now=T1)
    assert not again.ok and again.already_stored[0].identical
    assert again.to_dict("en")["errors"][0]["code"] == "narrative-already-stored"

    # validate says what submit would refuse: a report is stored for that unit and month
    from kehoach.pipeline import check_narrative

    checked = check_narrative(plan, src, None, None, root)
    assert checked.ok and codes(checked) == ["narrative-replaces-stored"]
    assert checked.issues[0].hint("en") == (
        "submit needs --replace to replace it (the old one is kept in _history)."
    )
    # ... but not of the stored file itself, checked where it lies
    assert codes(check_narrative(plan, stored.path, None, None, root)) == []

    # a corrected report with --replace: the old text kept in _history
    fixed = write(tmp_path, "bac-hong-t9-sua.docx", full_docx(poor="11"))
    before = stored.path.read_bytes()
    out2 = submit_narrative(plan, fixed, root, replace=True, now=T1)
    assert out2.ok and out2.stored[0].replaced
    assert [w["code"] for w in out2.to_dict("vi")["warnings"]] == ["narrative-replaces-stored"]
    assert out2.stored[0].history == root / "_history" / "2020-09" / "BAC-HONG.20200918T030000Z.md"
    assert out2.stored[0].history.read_bytes() == before
    hong = load_narratives(root, plan, 9)["BAC-HONG"]
    assert hong.blocks("results")[3].rows[1] == ("Hộ nghèo", "11")

    log = list(csv.reader((root / "_log.csv").open(encoding="utf-8")))
    assert [r[6] for r in log[1:]] == ["narrative-new", "narrative-replaced"]
    assert log[1][3] == "bac-hong-t9.docx" and log[2][1:3] == ["BAC-HONG", "2020-09"]


def test_a_locked_month_takes_a_report_only_with_a_reason(run, tmp_path):
    root = _data(tmp_path)
    src = write(tmp_path, "P-KT_2020-09.md", FULL_MD.encode())
    assert run("lock", "2020-09", "--data", root).exit_code == 0
    res = run("submit", src, "--data", root)
    assert res.exit_code == 1
    assert "đã khóa sổ" in res.stdout and not (root / "2020-09" / "P-KT.md").exists()
    res = run("submit", src, "--data", root, "--reopen-reason", "Bổ sung báo cáo")
    assert res.exit_code == 0 and (root / "2020-09" / "P-KT.md").exists()
    line = (root / "_log.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert line.endswith(",narrative-reopened-new," + line.split(",")[7] + ",Bổ sung báo cáo")


def test_unit_and_month_from_the_file_name_and_the_options(run, tmp_path, plan):
    body = FULL_MD.split("\n", 3)[3]  # without the "Đơn vị" / "Tháng" lines
    path = write(tmp_path, "bao-cao-CC-TK-2020-08.md", body.encode())
    form = read_narrative_form(path, plan)
    assert (plan.units[form.unit].code, form.month) == ("CC-TK", 8)
    plain = write(tmp_path, "bao-cao.md", body.encode())
    res = run("validate", plain)
    assert res.exit_code == 1 and "--unit" in res.stdout
    res = run("validate", plain, "--unit", "P-YT", "--month", "2020-07", "--json")
    doc = json.loads(res.stdout)["files"][0]
    assert res.exit_code == 0 and (doc["unit"], doc["month"]) == ("P-YT", "2020-07")
    # the form says P-KT: --unit CC-THUE is a contradiction, not a choice
    full = write(tmp_path, "full.md", FULL_MD.encode())
    res = run("validate", full, "--unit", "CC-THUE", "--json")
    assert res.exit_code == 1
    assert json.loads(res.stdout)["files"][0]["errors"][0]["code"] == "narrative-unit-mismatch"


BAD = {
    "bao-cao.doc": (old_doc(), "narrative-format", "tệp Word cũ (.doc)"),
    "bao-cao.pdf": (pdf(), "narrative-format", "tệp PDF"),
    "bao-cao.docx": (plain_zip(), "narrative-format", "tệp ZIP không phải tài liệu Word"),
    "so-lieu.docx": (None, "narrative-format", "bảng tính Excel"),
    "mat-khau.docx": (encrypted_ole(), "narrative-protected", "mật khẩu"),
    "rong.docx": (b"", "narrative-empty", "không có nội dung"),
    "rong.md": (b"  \n\n", "narrative-empty", "không có nội dung"),
    "lon.md": (
        b"# K\xe1\xba\xbft qu\xe1\xba\xa3\n" + b"x" * (21 * 1024 * 1024),
        "narrative-too-large",
        "quá lớn",
    ),
    "khong-de-muc.md": (
        "Đơn vị: P-KT\nTháng: 9/2020\n\nTrong tháng đã làm nhiều việc.\n".encode(),
        "narrative-no-heading",
        "Không tìm thấy đề mục",
    ),
    "hong.docx": (b"PK\x03\x04" + b"\x00" * 200, "narrative-format", "tệp Word bị hỏng"),
    "latin1.md": (
        "# Kết quả\n\nThu ngân sách.\n".encode("cp1258", "replace"),
        "narrative-format",
        "UTF-8",
    ),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_files_are_refused_with_their_code_and_nothing_is_stored(run, tmp_path, name):
    data, code, words = BAD[name]
    if data is None:  # a workbook renamed .docx
        shutil.copy(ROOT / "tests" / "data" / "codes" / "hidden-rows.xlsx", tmp_path / name)
        path = tmp_path / name
    else:
        path = write(tmp_path, name, data)
    root = _data(tmp_path)
    res = run("submit", path, "--data", root, "--unit", "P-KT", "--month", "2020-09", "--json")
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    doc = json.loads(res.stdout)
    assert [e["code"] for e in doc["errors"]] == [code] and doc["stored"] == []
    assert sorted(p.name for p in root.rglob("*") if p.is_file() and p.name != ".lock") == []
    res = run("validate", path, "--unit", "P-KT", "--month", "2020-09", "--json")
    (err,) = json.loads(res.stdout)["files"][0]["errors"]
    assert words in err["message"] and err["hint"]


def test_control_characters_and_formula_looking_text_are_stored_as_written(run, tmp_path, plan):
    text = FULL_MD.replace(
        "Triển khai sản xuất vụ Đông.", '=HYPERLINK("x") vụ Đông \x1b[2J xong'
    ).replace("Công tác phối hợp", "+Công tác phối hợp")
    src = write(tmp_path, "P-KT_2020-09.md", text.encode())
    root = _data(tmp_path)
    res = run("submit", src, "--data", root)
    assert res.exit_code == 0
    stored = (root / "2020-09" / "P-KT.md").read_text(encoding="utf-8")
    assert '- =HYPERLINK("x") vụ Đông \x1b[2J xong' in stored
    n = load_narratives(root, plan, 9)["P-KT"]
    assert n.blocks("tasks")[0].text == '=HYPERLINK("x") vụ Đông \x1b[2J xong'
    assert n.blocks("causes_subjective")[0].text.startswith("+Công tác")
    # a report that makes the terminal obey its control characters is shown, not obeyed
    bad = write(
        tmp_path,
        "bad.md",
        FULL_MD.replace("(P-KT)", "(\x1b]0;x\x07P)").replace("Phòng", "X").encode(),
    )
    out = run("validate", bad).stdout
    assert "]0;x" in out and "\x1b]0;" not in out and "␛]0;x␇" in " ".join(out.split())


# ------------------------------------------------------------------ missing, check-store


def test_missing_lists_the_narratives_due_and_not_received(run, tmp_path):
    data = tmp_path / "monthly"
    shutil.copytree(SAMPLE, data)
    res = run("missing", "--month", "2020-09", "--as-of", "2020-09-25", "--data", data)
    assert res.exit_code == 0
    line = " ".join(res.stdout.split())
    assert (
        "Báo cáo bằng lời tháng 9/2020 (hạn 17/09/2020): đã nhận 19/21; chưa gửi: P-VHTT, "
        "DAU-LIEU." in line
    )
    doc = json.loads(
        run(
            "missing", "--month", "2020-09", "--as-of", "2020-09-25", "--data", data, "--json"
        ).stdout
    )
    owed = [n for n in doc["narratives"] if not n["received"]]
    assert [(n["unit"], n["overdue_days"]) for n in owed] == [("P-VHTT", 8), ("DAU-LIEU", 8)]
    assert {n["unit"] for n in doc["narratives"]} >= {"P-NV", "TTR"}
    # narrative-only units are not "units with nothing due"
    assert "P-NV" not in doc["not_due_units"]

    src = write(tmp_path, "P-VHTT_2020-09.md", FULL_MD.replace("(P-KT)", "(P-VHTT)").encode())
    assert run("submit", src, "--data", data).exit_code == 0
    res = run(
        "missing", "--month", "2020-09", "--as-of", "2020-09-25", "--data", data, "--lang", "en"
    )
    line = " ".join(res.stdout.split())
    assert "20 of 21 received; not sent: DAU-LIEU. sent late: P-VHTT" in line


def test_a_narrative_log_line_is_not_a_figures_submission(run, tmp_path):
    data = tmp_path / "monthly"
    shutil.copytree(SAMPLE, data)
    before = json.loads(run("missing", "--month", "2020-09", "--data", data, "--json").stdout)
    src = write(tmp_path, "CC-THUE_2020-09.md", FULL_MD.replace("(P-KT)", "(CC-THUE)").encode())
    assert run("submit", src, "--data", data, "--replace").exit_code == 0
    after = json.loads(run("missing", "--month", "2020-09", "--data", data, "--json").stdout)
    assert after["units"] == before["units"]
    explain = json.loads(
        run("explain", "KT04", "--month", "2020-09", "--data", data, "--json").stdout
    )
    assert all(
        (v["submitted"] or {}).get("action", "").startswith("narrative") is False
        for v in explain["values"]
    )


def test_check_store_checks_stored_narratives(run, tmp_path, plan):
    root = _data(tmp_path)
    src = write(tmp_path, "P-KT_2020-09.md", FULL_MD.encode())
    submit_narrative(plan, src, root, now=T0)
    submit_narrative(plan, src, root, replace=True, now=T1)
    res = run("check-store", "--data", root, "--json")
    doc = json.loads(res.stdout)
    assert res.exit_code == 0 and doc["summary"]["files"] == 1 and doc["summary"]["history"] == 1
    path = narrative_path(root, plan, plan.unit_index["P-KT"], 9)
    path.write_text(path.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    (root / "_history" / "2020-09" / "BAC-HONG.x.md").write_text("", encoding="utf-8")
    for old in (root / "_history" / "2020-09").glob("P-KT.*.md"):
        old.unlink()
    doc = json.loads(run("check-store", "--data", root, "--json").stdout)
    assert [p["code"] for p in doc["problems"]] == ["changed-by-hand", "history-missing"]
    path.unlink()
    doc = json.loads(run("check-store", "--data", root, "--json").stdout)
    assert [p["code"] for p in doc["problems"]] == ["file-missing", "history-missing"]


def test_check_store_verifies_the_sample_narratives_against_the_log(run):
    # The sample's log has a narrative-new line per stored report (make_sample_data.py).
    doc = json.loads(run("check-store", "--data", SAMPLE, "--json").stdout)
    assert doc["problems"] == []
    assert doc["summary"]["verified"] == doc["summary"]["files"] == 237


def test_the_sample_narratives_read_clean(plan):
    got = load_narratives(SAMPLE, plan, 9)
    assert len(got) == 19 and "P-VHTT" not in got and "DAU-LIEU" not in got
    for code, n in got.items():
        assert n.blocks("results") and n.blocks("tasks"), code
        form = read_narrative_form(SAMPLE / "2020-09" / f"{code}.md", plan)
        assert form.narrative == n and not form.errors, code


def test_a_word_file_that_unpacks_huge_is_refused_before_it_is_parsed(tmp_path, plan):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b" " * (65 * 1024 * 1024))
    assert len(buf.getvalue()) < 1024 * 1024  # small on disk: a ZIP bomb in miniature
    form = read_narrative_form(write(tmp_path, "bom.docx", buf.getvalue()), plan)
    assert codes(form) == ["narrative-too-large"]
    assert form.issues[0].message("en") == "The file is too large: 65.0 MB, the limit is 64.0 MB."


def test_validate_takes_figures_and_reports_together_in_the_order_given(run, tmp_path):
    md = write(tmp_path, "P-KT_2020-09.md", FULL_MD.encode())
    csv_file = SAMPLE / "2020-09" / "P-TNMT.csv"
    res = run("validate", md, csv_file, "--data", tmp_path / "none", "--json")
    assert res.exit_code == 0
    files = json.loads(res.stdout)["files"]
    assert [f["path"] for f in files] == [str(md), str(csv_file)]
    assert files[0]["kind"] == "narrative" and "kind" not in files[1]
    assert files[1]["rows"] == 1
    bad = write(tmp_path, "x.pdf", pdf())
    res = run("validate", csv_file, bad, "--data", tmp_path / "none")
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    res = run("validate", tmp_path / "missing.docx")
    assert res.exit_code == 2


def test_an_interrupted_store_leaves_a_temporary_file_the_next_submit_removes(tmp_path, plan):
    root = _data(tmp_path)
    (root / "2020-09").mkdir()
    orphan = root / "2020-09" / ".P-KT.md.k3j2h1.tmp"
    orphan.write_text("half", encoding="utf-8")
    src = write(tmp_path, "P-KT_2020-09.md", FULL_MD.encode())
    out = submit_narrative(plan, src, root, now=T0)
    assert out.ok and out.cleaned == [orphan] and not orphan.exists()


def test_the_forms_own_mark_says_whose_it_is_when_the_header_lines_are_deleted(run, tmp_path, plan):
    import docx

    out = tmp_path / "f.docx"
    run("template", "NAM-HONG", "--narrative", "--month", "2020-08", "-o", out)
    d = docx.Document(io.BytesIO(_fill_docx(out.read_bytes())))
    for p in list(d.paragraphs):
        if p.text.startswith(("Đơn vị:", "Tháng:")):
            p._p.getparent().remove(p._p)
    buf = io.BytesIO()
    d.save(buf)
    form = read_narrative_form(write(tmp_path, "khong-ten.docx", buf.getvalue()), plan)
    assert form.ok and (plan.units[form.unit].code, form.month) == ("NAM-HONG", 8)
    # a header line the clerk corrected wins over the mark of the form it was copied from
    d = docx.Document(io.BytesIO(_fill_docx(out.read_bytes())))
    for p in d.paragraphs:
        if p.text.startswith("Tháng:"):
            p.runs[0].text = "Tháng: 9/2020"
            for r in p.runs[1:]:
                r.text = ""
    buf = io.BytesIO()
    d.save(buf)
    form = read_narrative_form(write(tmp_path, "sua.docx", buf.getvalue()), plan)
    assert form.ok and form.month == 9


def test_text_typed_over_a_guidance_line_is_the_units_text(run, tmp_path, plan):
    import docx

    out = tmp_path / "f.docx"
    run("template", "CA", "--narrative", "--month", "2020-09", "-o", out)
    d = docx.Document(str(out))
    guidance = d.styles["kehoach-huong-dan"]
    assert guidance.next_paragraph_style.name == "Normal"  # Enter after it: normal text
    heading = next(p for p in d.paragraphs if p.text == "1. Kết quả thực hiện")
    line = heading._p.getnext()
    typed = d.add_paragraph("Đảm bảo an ninh trật tự dịp Quốc khánh 2/9.", style=guidance)
    line.addnext(typed._p)  # the clerk wrote in the guidance style, the guidance kept
    buf = io.BytesIO()
    d.save(buf)
    form = read_narrative_form(write(tmp_path, "ca.docx", buf.getvalue()), plan)
    assert form.narrative.blocks("results") == (
        Block("paragraph", "Đảm bảo an ninh trật tự dịp Quốc khánh 2/9."),
    )


def test_a_paragraph_numbered_by_hand_in_word_is_a_list_item(tmp_path, plan):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.add_paragraph("Đơn vị: Công an thị xã (CA)")
    d.add_paragraph("Tháng: 9/2020")
    d.add_heading("Kết quả thực hiện", level=1)
    p = d.add_paragraph("Xử lý 326 trường hợp vi phạm giao thông.")
    num = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        num.append(el)
    p._p.get_or_add_pPr().append(num)
    buf = io.BytesIO()
    d.save(buf)
    form = read_narrative_form(write(tmp_path, "ca.docx", buf.getvalue()), plan)
    assert form.narrative.blocks("results") == (
        Block("item", "Xử lý 326 trường hợp vi phạm giao thông."),
    )
