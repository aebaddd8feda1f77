"""Issue 23 (b): the draft the committee signs — by field, figures worded as officials
write them, the units' narratives compiled, slots where one is missing, --final, and the
worksheet apart."""

from __future__ import annotations

import copy
import io
import re
import shutil
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import PLAN_PATH, TEST_DATA, check_golden

from kehoach.core.attainment import compute_status
from kehoach.core.narrative import Block, Narrative, to_text
from kehoach.read.datafolder import load_data
from kehoach.read.planfile import PlanError, parse_plan
from kehoach.report.draft import build_draft, tasks_period
from kehoach.report.model import Heading, Items, Para, Tasks, build_report
from kehoach.report.wording import behind_sentence, result_sentence

SEPT = TEST_DATA / "report" / "sept"
NARRATIVES = Path(__file__).resolve().parent / "fixtures" / "narratives" / "2020-09"
CODE = re.compile(r"[A-Z]{2}\d{2}")
# Words that must never be in the signed text (the worksheet's, or a tool's).
TOOL_WORDS = (
    "kehoach",
    ".csv",
    ".md",
    "chưa đủ đơn vị",
    "Đơn vị báo cáo chưa nêu nguyên nhân",
    "chưa đến kỳ",
    "chưa có số liệu",
    "Gửi đến",
    "Đủ kỳ",
    "bước ",
    "điểm %",
    "(số liệu tháng",
    "tháng 9 đạt 0 ",
    "Số liệu điều chỉnh",
    "Số liệu theo phường",
    "chủ trì",
)


TOOL_WORDS_EN = (
    "kehoach",
    ".csv",
    "not every unit",
    "gave no cause",
    "not yet due",
    "no figures",
    "stage 2",
    "percentage points (",
    "Figures revised",
    "Figures by ward",
    "led by",
    "At risk",
)


@pytest.fixture(scope="module")
def sept(plan):
    load = load_data(plan, SEPT)
    return plan, load, compute_status(plan, load.dataset, 9)


def _r(result, code, **changes):
    r = next(x for x in result.indicators if x.code == code)
    return replace(r, **changes)


def _vi(plan, r, month=9):
    return result_sentence(plan, r, month, 2020, "vi")


# ----------------------------------------------------------------- the outline


def test_the_plan_places_every_indicator_and_unit_once(plan):
    fields = [f for area in plan.outline for f in area.fields]
    inds = [c for f in fields for c in f.indicators]
    units = [c for f in fields for c in f.units]
    assert sorted(inds) == sorted(i.code for i in plan.indicators) and len(inds) == 31
    assert sorted(units) == sorted(u.code for u in plan.units) and len(units) == 21
    assert [a.heading_vi for a in plan.outline] == [
        "Lĩnh vực kinh tế",
        "Lĩnh vực văn hóa - xã hội",
        "Quốc phòng - an ninh",
        "Xây dựng chính quyền, cải cách hành chính",
    ]
    assert [f.code for f in plan.outline[0].fields] == [
        "tang-truong", "nong-nghiep", "dau-tu", "ngan-sach", "moi-truong", "do-thi",
    ]  # fmt: skip


def _plan_with(edit):
    data = yaml.safe_load(PLAN_PATH.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    edit(data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(PlanError) as exc:
        parse_plan(text, "plan.yaml")
    return [(p.code, dict(p.params)) for p in exc.value.problems]


def test_an_outline_naming_an_unknown_code_is_a_plan_error():
    problems = _plan_with(lambda d: d["outline"][0]["fields"][0]["units"].append("P-XYZ"))
    assert [(c, p["field"], p["code"]) for c, p in problems] == [
        ("plan-outline-unknown", "tang-truong", "P-XYZ")
    ]


def test_an_indicator_placed_twice_or_not_at_all_is_a_plan_error():
    def edit(d):
        d["outline"][0]["fields"][1]["indicators"].append("KT01")  # twice
        d["outline"][1]["fields"][0]["indicators"].remove("XH07")  # nowhere
        d["outline"][0]["fields"][3]["units"].append("P-KT")  # a unit twice

    problems = _plan_with(edit)
    codes = sorted((c, p["code"]) for c, p in problems)
    assert codes == [
        ("plan-outline-twice", "KT01"),
        ("plan-outline-twice", "P-KT"),
        ("plan-outline-unplaced", "XH07"),
    ]


def test_a_unit_the_outline_leaves_out_feeds_the_field_of_its_figures(plan, sept):
    _, _, status = sept
    areas = [a.model_copy(deep=True) for a in plan.outline]
    areas[2].fields[0].units.remove("CA")  # QP02 is the police's figure
    draft = build_draft(plan.model_copy(update={"outline": areas}), status, {}, "vi")
    assert ("CA", "[Công an thị xã: chưa gửi báo cáo tháng 9/2020]") in draft.slots


def test_a_narrative_only_unit_the_outline_leaves_out_closes_it(plan, sept):
    from kehoach.core.models import Unit

    _, _, status = sept
    extra = Unit(code="P-TP", name_vi="Phòng Tư pháp", name_en="Justice", kind="department")
    data = plan.model_dump()
    data["units"].append(extra.model_dump())
    wider = type(plan).model_validate(data)
    draft = build_draft(wider, status, {}, "vi")
    assert draft.slots[-1] == ("P-TP", "[Phòng Tư pháp: chưa gửi báo cáo tháng 9/2020]")


def test_plan_check_exits_2_on_a_bad_outline(run, tmp_path):
    data = yaml.safe_load(PLAN_PATH.read_text(encoding="utf-8"))
    data["outline"][0]["fields"][0]["indicators"].remove("KT02")
    bad = tmp_path / "plan.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("plan", "--check", "--plan", bad)
    assert result.exit_code == 2
    assert "chỉ tiêu KT02 chưa được xếp vào lĩnh vực nào của `outline`" in " ".join(
        result.output.split()
    )
    assert "Traceback" not in result.output


def test_a_plan_without_an_outline_gets_one_field_per_group(plan, sept):
    _, _, status = sept
    bare = plan.model_copy(update={"outline": []})
    draft = build_draft(bare, status, {}, "vi")
    heads = [b.text for b in draft.blocks if isinstance(b, Heading) and b.level == 2]
    assert heads[:4] == [
        "1. Nhóm chỉ tiêu kinh tế",
        "2. Nhóm chỉ tiêu về xây dựng đô thị loại III",
        "3. Các chỉ tiêu văn hóa - xã hội",
        "4. Chỉ tiêu quốc phòng - an ninh",
    ]
    assert len(draft.slots) == 21  # every unit placed somewhere


# ------------------------------------------------------------- wording per kind


def test_growth_rate_below_plan_is_worded_as_an_increase(sept):
    plan, _, status = sept
    r = _r(status, "KT01", value=Decimal("9.6"), estimate=True, previous_year=Decimal("12.9"))
    text = _vi(plan, r)
    assert text == (
        "Giá trị sản xuất một số ngành kinh tế chủ yếu (theo giá cố định 2010) 9 tháng ước "
        "tăng 9,6% so với cùng kỳ (kế hoạch tăng trên 13%; cùng kỳ năm 2019 tăng 12,9%)."
    )
    assert "đạt" not in text and "tiến độ" not in text
    behind = behind_sentence(plan, r, 9, 2020, "vi")
    assert behind == (
        "Giá trị sản xuất một số ngành kinh tế chủ yếu (theo giá cố định 2010) ước tăng "
        "9,6%, thấp hơn kế hoạch 3,4 điểm phần trăm."
    )


def test_growth_rate_above_plan(sept):
    plan, _, status = sept
    r = _r(
        status, "KT01", value=Decimal("14.2"), estimate=False, status="on_track",
        previous_year=None, gap_points=Decimal("1.2"),
    )  # fmt: skip
    assert _vi(plan, r) == (
        "Giá trị sản xuất một số ngành kinh tế chủ yếu (theo giá cố định 2010) 9 tháng tăng "
        "14,2% so với cùng kỳ (kế hoạch tăng trên 13%)."
    )
    assert behind_sentence(plan, r, 9, 2020, "vi") is None  # on track: not a shortcoming


def test_budget_against_du_toan(sept):
    plan, _, status = sept
    r = _r(
        status, "KT04", value=Decimal("52"), month_value=Decimal("7.4"), last_month=9,
        estimate=True, vs_previous_year=Decimal("0.935"), projected=Decimal("73.4"),
    )  # fmt: skip
    text = _vi(plan, r)
    assert text == (
        "Thu ngân sách (phần giao thu) tháng 9 ước đạt 7,4 tỷ đồng; lũy kế 9 tháng ước đạt "
        "52 tỷ đồng, bằng 69,9% dự toán, giảm 6,5% so với cùng kỳ; ước cả năm 73,4 tỷ đồng, "
        "bằng 98,7% dự toán."
    )
    assert "kế hoạch năm" not in text and "((" not in text


def test_a_ceiling_reached(sept):
    plan, _, status = sept
    r = _r(
        status, "XH01", value=Decimal("1.8"), status="achieved", last_month=9,
        previous_year=Decimal("2.3"), estimate=False,
    )  # fmt: skip
    assert (
        _vi(plan, r)
        == "Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều) giảm còn 1,8%, đạt kế hoạch (dưới 2%)."
    )


def test_a_ceiling_missed_says_by_how_many_points(sept):
    plan, _, status = sept
    r = _r(
        status, "XH01", value=Decimal("2.08"), status="at_risk", last_month=9,
        previous_year=None, estimate=False,
    )  # fmt: skip
    assert _vi(plan, r) == (
        "Tỷ lệ hộ nghèo (chuẩn nghèo đa chiều) ở mức 2,08%, cao hơn kế hoạch 0,08 điểm phần "
        "trăm (kế hoạch dưới 2%)."
    )


def test_a_count_x_of_y_with_its_leading_zero(sept):
    plan, _, status = sept
    r = _r(status, "XH09", value=Decimal("50"), last_month=9, previous_year=Decimal("46"))
    assert _vi(plan, r) == (
        "Có 50/52 thôn, TDP có nhà văn hóa đạt chuẩn (kế hoạch 51/52), tăng 04 so với cùng kỳ."
    )
    r = _r(status, "QP02", value=Decimal("6"), last_month=9, status="achieved")
    assert _vi(plan, r) == (
        "Có 6/6 phường, xã giữ vững ổn định chính trị - xã hội (kế hoạch 6/6), đạt kế hoạch."
    )


def test_a_stage_reads_as_what_happened(sept):
    plan, _, status = sept
    r = _r(status, "DT05", stage=2, stage_expected=2, status="on_track")
    assert _vi(plan, r) == (
        "Công trình thương mại, dịch vụ cấp đô thị mới đã khởi công, đang thi công, đảm bảo "
        "tiến độ."
    )
    late = _r(status, "DT07", stage=1, stage_expected=2, status="at_risk")
    text = _vi(plan, late)
    assert text == (
        "Không gian công cộng của đô thị mới đã hoàn thành công tác chuẩn bị đầu tư, chưa khởi "
        "công, chậm so với kế hoạch (khởi công trong tháng 6)."
    )
    assert "bước" not in text


def test_a_baseline_target_reads_as_the_increase(sept):
    plan, _, status = sept
    r = _r(status, "DT01", value=Decimal("46"), last_month=9)
    assert _vi(plan, r) == (
        "Đạt 46/59 tiêu chí đô thị loại III, tăng thêm 05/07 tiêu chí theo kế hoạch; còn 02 "
        "tiêu chí phấn đấu đạt trong năm."
    )


def test_an_estimate_is_worded_as_one_and_an_official_figure_is_not(sept):
    plan, _, status = sept
    est = _r(status, "XH02", value=Decimal("91.5"), estimate=True, last_month=9)
    off = replace(est, estimate=False)
    assert "ước đạt 91,5%" in _vi(plan, est)
    assert "ước" not in _vi(plan, off) and "đạt 91,5%" in _vi(plan, off)
    assert _vi(plan, off).startswith("Tỷ lệ dân số tham gia bảo hiểm y tế đạt 91,5%, thấp hơn kế")
    assert "thấp hơn kế hoạch 0,5 điểm phần trăm (kế hoạch trên 92%)" in _vi(plan, off)


def test_a_stale_figure_says_so_in_words(sept):
    plan, _, status = sept
    r = _r(status, "KT02", last_month=6)
    text = _vi(plan, r)
    assert text.startswith("Theo số liệu 6 tháng, thu nhập bình quân đầu người đạt 58 triệu")
    assert "(số liệu" not in text


def test_a_not_due_target_has_no_sentence(sept):
    plan, _, status = sept
    r = _r(status, "XH10")
    assert r.status == "not_due"
    assert _vi(plan, r) is None
    assert _vi(plan, _r(status, "XH10", status="no_data")) is None
    draft = build_draft(plan, status, {}, "vi")
    prose = " ".join(b.text for b in draft.blocks if isinstance(b, Para))
    assert "gia đình đạt chuẩn văn hóa" not in prose


def test_a_months_zero_is_left_out(sept):
    plan, _, status = sept
    r = _r(status, "KT05", month_value=Decimal(0), last_month=9)
    assert "tháng 9 đạt 0" not in _vi(plan, r)
    assert "lũy kế 9 tháng đạt" in _vi(plan, r)


def test_a_level_equal_to_a_strict_target_does_not_contradict_itself(sept):
    plan, _, status = sept
    r = _r(status, "DT08", value=Decimal("6"), status="at_risk", last_month=9)
    text = _vi(plan, r)
    assert text == (
        "Tuyến phố văn minh đô thị đạt 06 tuyến, chưa vượt mức kế hoạch (kế hoạch trên 6 tuyến)."
    )
    assert "100%" not in text and "nguy cơ" not in text


def test_english_follows_the_same_model(sept):
    plan, _, status = sept
    r = _r(status, "XH09", value=Decimal("50"), last_month=9, previous_year=Decimal("46"))
    assert result_sentence(plan, r, 9, 2020, "en") == (
        "50 of 52 villages and residential groups with a standard cultural house (target 51 "
        "of 52), 4 more than a year earlier."
    )
    g = _r(status, "KT01", value=Decimal("9.6"), estimate=True, previous_year=Decimal("12.9"))
    assert result_sentence(plan, g, 9, 2020, "en") == (
        "The production value of major economic sectors (constant 2010 prices) grew by an "
        "estimated 9.6% year on year in the first nine months (target: above 13%; 12.9% in "
        "the same period of 2019)."
    )


def test_tasks_look_ahead_as_the_period_demands():
    assert tasks_period(2020, 9, "vi") == "3 THÁNG CUỐI NĂM 2020"
    assert tasks_period(2020, 6, "vi") == "6 THÁNG CUỐI NĂM 2020"
    assert tasks_period(2020, 3, "vi") == "QUÝ II NĂM 2020"
    assert tasks_period(2020, 12, "vi") == "NĂM 2021"
    assert tasks_period(2020, 7, "vi") == "THÁNG 8 NĂM 2020"
    assert tasks_period(2020, 9, "en") == "THE LAST THREE MONTHS OF 2020"


# --------------------------------------------------------------- the whole draft


def _data_with_narratives(tmp_path: Path, every_unit: bool = False, plan=None) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SEPT, data)
    for path in NARRATIVES.glob("*.md"):
        shutil.copy(path, data / "2020-09" / path.name)
    if every_unit:
        assert plan is not None
        for unit in plan.units:
            target = data / "2020-09" / f"{unit.code}.md"
            if not target.exists():
                n = Narrative(
                    unit.code,
                    "2020-09",
                    {"results": (Block("paragraph", f"Kết quả công tác của {unit.name_vi}."),)},
                )
                target.write_text(to_text(n), encoding="utf-8")
    return data


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_draft_names_no_code_and_no_tool_word(run, tmp_path, lang):
    data = _data_with_narratives(tmp_path)
    for fmt in ("text", "markdown"):
        out = run("report", "--month", "2020-09", "--data", data, "--format", fmt, "--lang", lang)
        assert out.exit_code == 0, out.stderr
        signed = out.stdout  # the whole document, annex included
        assert not CODE.search(signed), CODE.search(signed)
        words = TOOL_WORDS if lang == "vi" else TOOL_WORDS_EN
        for word in words:
            assert word not in signed, word
        # never nested parentheses
        assert not re.search(r"\([^()]*\(", signed)


def test_the_word_draft_read_back_has_no_code_before_the_annex(run, tmp_path):
    from docx import Document

    data = _data_with_narratives(tmp_path)
    out = tmp_path / "bc.docx"
    result = run("report", "--month", "2020-09", "--data", data, "-o", out)
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    body = "\n".join(texts)  # the whole document, annex included
    assert not CODE.search(body)
    assert "[Phòng Kinh tế" not in body  # P-KT sent its report
    assert "[Phường Bắc Hồng: chưa gửi báo cáo tháng 9/2020]" in body
    # a field under its area is bold italic
    field = next(
        p
        for p in doc.paragraphs
        if p.text == "b) Sản xuất nông nghiệp, công nghiệp - thương mại - dịch vụ"
    )
    assert all(r.bold and r.italic for r in field.runs)


def test_the_units_narratives_are_compiled_by_field(sept, tmp_path):
    plan, _, _ = sept
    data = _data_with_narratives(tmp_path)
    load = load_data(plan, data)
    status = compute_status(plan, load.dataset, 9)
    from kehoach.read.narratives import load_narratives

    narratives = load_narratives(data, plan, 9)
    assert sorted(narratives) == ["CA", "CC-THUE", "P-KT", "P-LDTBXH"]
    draft = build_draft(plan, status, narratives, "vi")
    blocks = list(draft.blocks)

    def after(heading: str) -> list:
        i = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text == heading)
        out = []
        for b in blocks[i + 1 :]:
            if isinstance(b, Heading):
                break
            out.append(b)
        return out

    farm = after("b) Sản xuất nông nghiệp, công nghiệp - thương mại - dịch vụ")
    texts = [b.text for b in farm if isinstance(b, Para)]
    # the field's targets first, then the unit's own paragraphs, then the slots of the rest
    assert texts[0].startswith("Tổng diện tích gieo trồng cả năm lũy kế 9 tháng đạt")
    assert texts[2].startswith("Chỉ đạo các phường, xã thu hoạch dứt điểm lúa Hè Thu")
    assert (
        Items(
            (
                "Hoàn thành tiêm phòng đợt 2 cho đàn gia súc, gia cầm; không để dịch bệnh lớn xảy "
                "ra.",
                "Hướng dẫn 12 hộ kinh doanh chuyển sang thanh toán không dùng tiền mặt.",
            )
        )
        in farm
    )
    assert texts[3:] == [
        f"[{w}: chưa gửi báo cáo tháng 9/2020]"
        for w in ("Phường Bắc Hồng", "Phường Nam Hồng", "Phường Đức Thuận",
                  "Phường Trung Lương", "Phường Đậu Liêu", "Xã Thuận Lộc")
    ]  # fmt: skip
    budget = [b.text for b in after("d) Tài chính - ngân sách") if isinstance(b, Para)]
    # the plan's unit order: Phòng Tài chính - Kế hoạch (no report) before Chi cục Thuế
    assert budget[1:] == [
        "[Phòng Tài chính - Kế hoạch: chưa gửi báo cáo tháng 9/2020]",
        "Tập trung khai thác nguồn thu từ đất và thu nợ đọng; trong tháng thu hồi được "
        "1,2 tỷ đồng nợ thuế.",
    ]
    # causes: as given, then objective and subjective where units split them
    causes = after("2. Nguyên nhân")
    assert [b.text for b in causes] == [
        "Nhiều doanh nghiệp được gia hạn nộp thuế theo Nghị định 41/2020/NĐ-CP; hoạt động "
        "kinh doanh chưa phục hồi sau dịch COVID-19."
    ]
    assert [b.text for b in after("a) Nguyên nhân khách quan")] == [
        "Mưa lớn kéo dài cuối tháng 8 làm đổ ngã khoảng 40 ha lúa.",
        "Các thị trường xuất khẩu lao động tạm dừng tiếp nhận do dịch bệnh.",
    ]
    assert [b.text for b in after("b) Nguyên nhân chủ quan")] == [
        "Công tác kiểm tra, đôn đốc chuyển đổi cơ cấu cây trồng ở một số phường chưa quyết liệt."
    ]
    heads = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert heads == [
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 3 THÁNG CUỐI NĂM 2020",
        "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]
    requests = [b.text for b in blocks[blocks.index(Heading("IV. KIẾN NGHỊ, ĐỀ XUẤT", 1)) + 1 :]]
    assert requests == [
        "Đề nghị UBND tỉnh sớm phê duyệt giá đất cụ thể để đấu giá quyền sử dụng đất các khu "
        "quy hoạch dân cư.",
        "Đề nghị Sở Lao động - Thương binh và Xã hội bổ sung kinh phí đào tạo nghề cho lao "
        "động nông thôn.",
    ]
    assert len(draft.slots) == 17
    assert ("P-TCKH", "[Phòng Tài chính - Kế hoạch: chưa gửi báo cáo tháng 9/2020]") in draft.slots
    # the overall count, as real reports count
    assert blocks[1] == Para(
        "Trong 31 chỉ tiêu chủ yếu của kế hoạch năm 2020, có 4/31 chỉ tiêu đạt và vượt kế "
        "hoạch năm; 2/31 chỉ tiêu đảm bảo tiến độ; 14/31 chỉ tiêu chưa đạt tiến độ đề ra."
    )


def test_the_offices_tasks_file_overrides_a_field_it_names_and_adds_the_rest(sept):
    plan, _, status = sept
    tasks = Tasks(
        (
            Para("Tập trung cao độ hoàn thành các chỉ tiêu kế hoạch năm 2020."),
            Heading("Tài chính - ngân sách", 2),
            Items(("Tổ chức đấu giá quyền sử dụng đất khu dân cư Trung Lương.",)),
            Heading("Về cải cách hành chính", 2),
            Para("Nâng cao chỉ số cải cách hành chính."),
        )
    )
    draft = build_draft(plan, status, {}, "vi", tasks)
    blocks = list(draft.blocks)
    s3 = blocks[
        next(
            i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("III.")
        ) :
    ]
    assert s3[1] == Para("Tập trung cao độ hoàn thành các chỉ tiêu kế hoạch năm 2020.")
    i = s3.index(Heading("c) Tài chính - ngân sách", 3))
    assert s3[i + 1] == Items(("Tổ chức đấu giá quyền sử dụng đất khu dân cư Trung Lương.",))
    assert s3[-2:] == [
        Heading("Về cải cách hành chính", 2),
        Para("Nâng cao chỉ số cải cách hành chính."),
    ]
    assert not any(isinstance(b, Para) and "thu ngân sách" in b.text for b in s3)


def test_slots_are_listed_on_stderr_and_final_refuses(run, tmp_path):
    data = _data_with_narratives(tmp_path)
    out = tmp_path / "bc.docx"
    result = run("report", "--month", "2020-09", "--data", data, "-o", out)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "Dự thảo còn 17 chỗ trống cần điền (đơn vị chưa gửi báo cáo):"
    assert "  [Chi cục Thống kê: chưa gửi báo cáo tháng 9/2020]" in lines
    final = tmp_path / "final.docx"
    refused = run("report", "--month", "2020-09", "--data", data, "--final", "-o", final)
    assert refused.exit_code == 1
    assert not final.exists()
    assert "còn 17 chỗ trống" in refused.stderr and "Phòng Tài chính - Kế hoạch" in refused.stderr
    assert "Traceback" not in refused.stderr
    en = run("report", "--month", "2020-09", "--data", data, "--final", "--lang", "en")
    assert en.exit_code == 1 and "17 slots (Statistics" in en.stderr


def test_final_writes_once_every_unit_has_reported(run, tmp_path, plan):
    data = _data_with_narratives(tmp_path, every_unit=True, plan=plan)
    final = tmp_path / "final.md"
    result = run("report", "--month", "2020-09", "--data", data, "--final", "-o", final)
    assert result.exit_code == 0, result.stderr
    text = final.read_text(encoding="utf-8")
    assert "chưa gửi báo cáo" not in text and "chỗ trống" not in result.stderr
    assert "Kết quả công tác của Phòng Y tế." in text


def test_final_names_an_estimate_the_draft_does_not_mark(sept):
    from kehoach.commands.report import final_problems

    plan, load, status = sept
    report = build_report(plan, status, load, "vi", date(2020, 9, 22))
    assert report.estimates  # KT04 is an estimate in this data
    assert all("ước" in text for _, text in report.estimates)
    broken = replace(report, slots=(), estimates=(("KT04", "Thu ngân sách đạt 45 tỷ đồng."),))
    assert final_problems(broken, "vi") == "1 số ước chưa ghi “ước” (KT04)"
    assert final_problems(replace(report, slots=()), "vi") == ""


def test_worksheet_and_final_together_is_a_usage_error(run):
    result = run("report", "--month", "2020-09", "--data", SEPT, "--worksheet", "--final")
    assert result.exit_code == 2


# --------------------------------------------------------------------- goldens


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("markdown", "md")])
def test_golden_draft_with_narratives(run, tmp_path, fmt, ext, lang):
    data = _data_with_narratives(tmp_path)
    result = run("report", "--month", "2020-09", "--data", data, "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    check_golden(f"i23b_draft_{fmt}_{lang}.{ext}", result.stdout)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_golden_draft_docx_with_narratives(run, tmp_path, lang):
    from docx import Document

    data = _data_with_narratives(tmp_path)
    out = tmp_path / "bc.docx"
    result = run("report", "--month", "2020-09", "--data", data, "--lang", lang, "-o", out)
    assert result.exit_code == 0, result.stderr
    doc = Document(io.BytesIO(out.read_bytes()))
    check_golden(f"i23b_draft_docx_{lang}.txt", "\n".join(p.text for p in doc.paragraphs) + "\n")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("markdown", "md")])
def test_golden_worksheet(run, tmp_path, fmt, ext, lang):
    data = _data_with_narratives(tmp_path)
    result = run(
        "report", "--month", "2020-09", "--data", data, "--format", fmt, "--lang", lang,
        "--worksheet",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # the worksheet has no slots to list: it names who is missing
    check_golden(f"i23b_worksheet_{fmt}_{lang}.{ext}", result.stdout)


def test_the_worksheet_holds_what_the_draft_leaves_out(run, tmp_path):
    data = _data_with_narratives(tmp_path)
    sheet = run("report", "--month", "2020-09", "--data", data, "--worksheet").stdout
    sheet = " ".join(sheet.split())
    assert "TÀI LIỆU LÀM VIỆC" in sheet and "không ban hành" in sheet
    assert "Nơi nhận" not in sheet and "PHÓ CHỦ TỊCH" not in sheet  # not signed
    for piece in (
        "Đã gửi (4/21): Chi cục Thuế, Phòng Kinh tế,",  # completeness
        "quá hạn",  # lateness
        "KT04. Thu ngân sách (phần giao thu): ước 45 tỷ đồng (Chi cục Thuế)",  # estimates
        "Gửi đến",  # ward tables
        "Số liệu điều chỉnh so với báo cáo trước",  # revisions
        "Theo Chi cục Thuế (tháng 9/2020):",  # raw notes with attribution
        "Phòng Kinh tế (lĩnh vực: Sản xuất nông nghiệp, công nghiệp - thương mại - dịch vụ)",
    ):
        assert piece in sheet, piece
    docx = tmp_path / "ws.docx"
    assert (
        run("report", "--month", "2020-09", "--data", data, "--worksheet", "-o", docx).exit_code
        == 0
    )
    assert not (data / "_reports").exists()  # the worksheet is not the issued report
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert "TÀI LIỆU LÀM VIỆC" in paragraphs and "Nơi nhận:" not in paragraphs
    assert any(p.startswith("- KT04. Thu ngân sách (phần giao thu): tháng 9") for p in paragraphs)


# ------------------------------------------------------------ any figure, worded

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FIGURES = st.decimals(min_value=-50, max_value=2000, places=2, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=30),
    value=_FIGURES,
    month_value=st.one_of(st.none(), _FIGURES),
    previous=st.one_of(st.none(), _FIGURES.filter(lambda d: d != 0)),
    estimate=st.booleans(),
    last_month=st.integers(min_value=1, max_value=9),
    stage=st.integers(min_value=0, max_value=3),
    expected=st.integers(min_value=0, max_value=3),
    status=st.sampled_from(["achieved", "on_track", "at_risk", "off_track", "not_due"]),
    lang=st.sampled_from(["vi", "en"]),
)
def test_any_figure_is_worded_without_codes_nesting_or_false_marks(
    september_status, index, value, month_value, previous, estimate, last_month, stage,
    expected, status, lang,
):  # fmt: skip
    plan, status_result = september_status
    r = status_result.indicators[index]
    milestone = r.measure == "milestone"
    bounds = plan.indicator(r.code).range
    if bounds.min is not None:  # a value the indicator can be (the checks refuse others)
        value = max(value, bounds.min)
    if bounds.max is not None:
        value = min(value, bounds.max)
    ratio = (value / previous) if previous else None
    r = replace(
        r,
        value=Decimal(stage) if milestone else value,
        month_value=month_value,
        previous_year=previous,
        vs_previous_year=(value - previous) if (previous and r.is_rate) else ratio,
        estimate=estimate,
        last_month=last_month,
        status=status,
        stage=stage if milestone else None,
        stage_expected=expected if milestone else None,
        gap_points=(value - r.target) if r.is_rate else None,
    )
    for text in (
        result_sentence(plan, r, 9, 2020, lang),
        behind_sentence(plan, r, 9, 2020, lang),
    ):
        if status == "not_due":
            assert text is None
            continue
        if text is None:
            continue
        assert text.endswith(".") and (text[:1].isupper() or text[:1].isdigit()), text
        assert not CODE.search(text), text
        assert not re.search(r"\([^()]*\(", text), text  # never nested brackets
        assert "điểm %" not in text and "bước" not in text and "stage 2" not in text
        if estimate and not milestone:
            assert ("ước" if lang == "vi" else "estimate") in text.lower(), text
        if not estimate:
            assert " ước " not in f" {text} ".replace("ước cả năm", ""), text
        assert "tháng 9 đạt 0 " not in text and "tháng 9 ước đạt 0 " not in text
        if lang == "vi" and r.measure == "level" and last_month != 9:
            assert text.startswith("Theo số liệu "), text


@pytest.fixture(scope="module")
def september_status():
    from kehoach.read.planfile import load_plan

    plan = load_plan(PLAN_PATH)
    load = load_data(plan, SEPT)
    return plan, compute_status(plan, load.dataset, 9)


def test_a_units_table_and_markup_in_its_narrative_render_safely(run, tmp_path):
    from docx import Document

    data = _data_with_narratives(tmp_path)
    n = Narrative(
        "P-YT",
        "2020-09",
        {
            "results": (
                Block("paragraph", "Tiêm chủng *đủ* [100%] <b>trẻ</b> # em\x01."),
                Block("table", rows=(("Trạm", "Số ca"), ("Bắc Hồng", "12"), ("Nam | Hồng", "9"))),
            )
        },
    )
    (data / "2020-09" / "P-YT.md").write_text(to_text(n), encoding="utf-8")
    md = run("report", "--month", "2020-09", "--data", data, "--format", "markdown").stdout
    health = md.split("#### b) Y tế, dân số")[1].split("####")[0]
    assert "Tiêm chủng \\*đủ\\* \\[100%\\] \\<b\\>trẻ\\</b\\> \\# em" in health
    assert "| Trạm | Số ca |\n|---|---|\n| Bắc Hồng | 12 |\n| Nam \\| Hồng | 9 |" in health
    assert "**" not in health and "[Phòng Y tế" not in health
    out = tmp_path / "bc.docx"
    assert run("report", "--month", "2020-09", "--data", data, "-o", out).exit_code == 0
    doc = Document(str(out))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Trạm")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Trạm", "Số ca"], ["Bắc Hồng", "12"], ["Nam | Hồng", "9"],
    ]  # fmt: skip
    assert any("Tiêm chủng *đủ* [100%] <b>trẻ</b> # em␁." in p.text for p in doc.paragraphs)


# ------------------------------------------------- "nothing to report", wards named


def test_a_units_nothing_to_report_is_left_out_of_the_draft():
    from kehoach.report.draft import is_nil

    for text in ("Không có.", "không", "Không có kiến nghị, đề xuất.", "Chưa có.", "None."):
        assert is_nil(text), text
    for text in ("Không có dịch bệnh xảy ra.", "Không để dịch tả lợn châu Phi tái phát."):
        assert not is_nil(text), text


def test_ward_results_are_opened_by_the_wards_name_and_nil_requests_dropped(sept):
    plan, _, status = sept
    ward = Narrative(
        "BAC-HONG",
        "2020-09",
        {
            "results": (Block("paragraph", "Diện tích gieo trồng lũy kế đạt 138 ha."),),
            "requests": (Block("paragraph", "Không có."),),
        },
    )
    dept = Narrative(
        "P-KT",
        "2020-09",
        {"results": (Block("item", "Tiêm phòng đợt 2."),), "requests": (Block("item", "Không"),)},
    )
    draft = build_draft(plan, status, {"BAC-HONG": ward, "P-KT": dept}, "vi")
    texts = [b.text for b in draft.blocks if isinstance(b, Para)]
    assert "Phường Bắc Hồng: diện tích gieo trồng lũy kế đạt 138 ha." in texts
    assert not any(t.startswith("Phòng Kinh tế:") for t in texts)
    assert not any(t.rstrip(".") == "Không có" for t in texts)
    heads = [b.text for b in draft.blocks if isinstance(b, Heading) and b.level == 1]
    assert not any("KIẾN NGHỊ" in h for h in heads)  # only "none" was sent: no section IV


def test_headings_in_the_word_draft_stay_with_the_text_they_head(run, tmp_path):
    import docx

    out = tmp_path / "bc.docx"
    result = run(
        "report", "--month", "2020-09", "--data", _data_with_narratives(tmp_path), "-o", out
    )
    assert result.exit_code == 0, result.stderr
    paras = {p.text: p for p in docx.Document(str(out)).paragraphs}
    for head in (
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "1. Lĩnh vực kinh tế",
    ):
        assert paras[head].paragraph_format.keep_with_next is True, head
