"""The words of a unit's narrative report form (``kehoach template UNIT --narrative``):
its parts with their heading numbers and guidance, its header lines.

Pure data, shared by the form's writer (:mod:`kehoach.render.narrative_form`) and the
reader of filled forms (:mod:`kehoach.read.narrative_form`), which leaves the guidance
out: a paragraph in the guidance style that still says what the form said is not content,
while one a clerk typed over is.
"""

from __future__ import annotations

from kehoach.core.i18n import Localized
from kehoach.core.narrative import SectionKey, clean

# The paragraph style of the guidance lines: the reader skips paragraphs in it.
GUIDANCE_STYLE = "kehoach-huong-dan"

# The form's parts: heading number, section, guidance.
FORM_PARTS: tuple[tuple[str, SectionKey, Localized], ...] = (
    (
        "1.",
        "results",
        Localized(
            "Những việc đã làm trong tháng và kết quả, kèm số liệu (so với kế hoạch năm, "
            "cùng kỳ năm trước); mỗi việc một đoạn hoặc một gạch đầu dòng.",
            "What was done in the month and its results, with figures (against the year's "
            "plan, the same period last year); one paragraph or bullet per item.",
        ),
    ),
    (
        "2.",
        "shortcomings",
        Localized(
            "Việc chưa làm được, chậm tiến độ, chưa đạt kế hoạch.",
            "What was not done, is behind schedule or short of the plan.",
        ),
    ),
    (
        "3.",
        "causes",
        Localized(
            "Nguyên nhân của các tồn tại trên, chia khách quan và chủ quan nếu được.",
            "The causes of the shortcomings above, objective and subjective where possible.",
        ),
    ),
    (
        "a)",
        "causes_objective",
        Localized(
            "Thời tiết, dịch bệnh, cơ chế chính sách, nguồn vốn…",
            "Weather, epidemics, rules and policies, funding…",
        ),
    ),
    (
        "b)",
        "causes_subjective",
        Localized(
            "Tổ chức thực hiện, phối hợp, cán bộ…",
            "Organisation, coordination, staffing…",
        ),
    ),
    (
        "4.",
        "tasks",
        Localized(
            "Nhiệm vụ trọng tâm tháng tới, mỗi việc một dòng, nêu rõ đơn vị chủ trì.",
            "Next month's main tasks, one per line, naming the leading body.",
        ),
    ),
    (
        "5.",
        "requests",
        Localized(
            "Kiến nghị, đề xuất với UBND thị xã, với tỉnh; ghi “Không có” nếu không có.",
            "Requests to the town committee or the province; write “Không có” if none.",
        ),
    ),
)

FORM_TEXT = {
    "title": Localized("BÁO CÁO THÁNG {month}", "MONTHLY REPORT, {month}"),
    "unit": Localized("Đơn vị: {name} ({code})", "Unit: {name} ({code})"),
    "month": Localized("Tháng: {month}", "Month: {month}"),
    "intro": Localized(
        "Hướng dẫn: viết dưới từng đề mục; giữ nguyên các đề mục và hai dòng “Đơn vị”, "
        "“Tháng”. Mỗi ý một đoạn hoặc một gạch đầu dòng; bảng đơn giản được. Các dòng "
        "hướng dẫn (in nghiêng) không cần xóa. Gửi lại đúng tệp {suffix} này (không đổi "
        "sang .doc hay PDF), hạn ngày {due}.",
        "Guidance: write under each heading; keep the headings and the “Unit” and "
        "“Month” lines. One paragraph or bullet per point; simple tables are fine. The "
        "guidance lines (in italics) need not be deleted. Send back this very {suffix} file "
        "(not converted to .doc or PDF) by {due}.",
    ),
}


def is_guidance(text: str) -> bool:
    """Whether ``text`` is one of the form's guidance lines, in either language."""
    t = clean(text)
    if not t:
        return True
    for _number, _key, guidance in FORM_PARTS:
        if t in (clean(guidance.vi), clean(guidance.en)):
            return True
    return t.startswith(("Hướng dẫn: viết dưới từng đề mục", "Guidance: write under each heading"))
