"""Narrative report files for the tests, built here (python-docx for Word files), and the
fixture of each ``narrative-…`` issue code of the catalogue (:func:`narrative_problems`).

Each fixture is made the way a unit's clerk would make the problem: a report saved as an
old .doc or as PDF, a renamed ZIP, a password-protected Word file (an encrypted OLE
container), an empty file, a report without headings, a form for the wrong unit…
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from kehoach.core.issues import Issue
from kehoach.read.narrative_form import read_narrative_form
from kehoach.read.planfile import load_plan

ROOT = Path(__file__).resolve().parent.parent
PLAN = load_plan(ROOT / "plan2020.yaml")

FULL_MD = """Đơn vị: Phòng Kinh tế (P-KT)
Tháng: 9/2020

# 1. Kết quả thực hiện

Chỉ đạo thu hoạch lúa vụ Hè Thu, năng suất ước đạt 52 tạ/ha.

- Tiêm phòng đợt 2 cho đàn gia súc, gia cầm.
- Kiểm tra 12 cơ sở kinh doanh vật tư nông nghiệp.

| Cây trồng | Diện tích (ha) |
|---|---|
| Lúa | 1.180 |
| Rau màu | 215 |

# 2. Tồn tại, hạn chế

Tiến độ xây dựng cánh đồng mẫu lớn còn chậm.

# 3. Nguyên nhân

## a) Nguyên nhân khách quan

Mưa lớn cuối tháng 8 làm ngập 35 ha lúa.

## b) Nguyên nhân chủ quan

Công tác phối hợp với các phường chưa chặt chẽ.

# 4. Nhiệm vụ trọng tâm tháng tới

- Triển khai sản xuất vụ Đông.

# 5. Kiến nghị, đề xuất

Đề nghị UBND thị xã hỗ trợ giống cho vụ Đông.
"""


def full_docx(
    unit_line: str | None = "Đơn vị: Phường Bắc Hồng (BAC-HONG)",
    month_line: str | None = "Tháng: 9/2020",
    poor: str = "12",
) -> bytes:
    """A filled Word report: headings by style and by words, lists, a table."""
    import docx

    d = docx.Document()
    d.add_paragraph("BÁO CÁO THÁNG 9/2020", style="Title")
    if unit_line:
        d.add_paragraph(unit_line)
    if month_line:
        d.add_paragraph(month_line)
    d.add_heading("1. Kết quả thực hiện", level=1)
    d.add_paragraph("Thu ngân sách trên địa bàn phường ước đạt 1.250 triệu đồng.")
    d.add_paragraph("Ra quân tổng vệ sinh môi trường.", style="List Bullet")
    d.add_paragraph("Hoàn thành tiêm phòng đợt 2.", style="List Number")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Chỉ tiêu"
    t.cell(0, 1).text = "Kết quả"
    t.cell(1, 0).text = "Hộ nghèo"
    t.cell(1, 1).text = poor
    p = d.add_paragraph()
    p.add_run("II. TỒN TẠI, HẠN CHẾ").bold = True  # a heading by its words, in bold
    d.add_paragraph("Giải phóng mặt bằng tuyến đường Trần Phú còn chậm.")
    d.add_paragraph("Nguyên nhân khách quan:")  # by its words, a colon
    d.add_paragraph("Mưa lớn kéo dài.")
    d.add_paragraph("Nguyên nhân chủ quan:")
    d.add_paragraph("Cán bộ địa chính phường còn thiếu.")
    d.add_heading("4. Nhiệm vụ trọng tâm tháng tới", level=1)
    d.add_paragraph("Hoàn thành giải phóng mặt bằng trước ngày 15/10/2020.", style="List Bullet")
    d.add_heading("5. Kiến nghị, đề xuất", level=1)
    d.add_paragraph("Không có.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_of(*paragraphs: tuple[str, str | None]) -> bytes:
    """A Word file of (text, style) paragraphs."""
    import docx

    d = docx.Document()
    for text, style in paragraphs:
        d.add_paragraph(text, style=style)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def encrypted_ole() -> bytes:
    """The head of a password-protected Office file: an OLE container whose directory
    names the EncryptionInfo and EncryptedPackage streams (MS-OFFCRYPTO)."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
    directory += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 50
    return head + directory + b"\x00" * 1024


def old_doc() -> bytes:
    """An old Word 97-2003 file: an OLE container without encryption streams."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return head + "WordDocument".encode("utf-16-le") + b"\x00" * 1024


def plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("anh/so-lieu.txt", "một tệp nén, không phải Word")
    return buf.getvalue()


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


# code → (file name, bytes, --unit, --month)
FIXTURES: dict[str, tuple[str, bytes, str | None, int | None]] = {
    "narrative-format": ("bao-cao.pdf", pdf(), None, None),
    "narrative-protected": ("bao-cao.docx", encrypted_ole(), None, None),
    "narrative-empty": ("bao-cao.md", b"\n\n  \n", None, None),
    "narrative-no-heading": (
        "P-KT-2020-09.md",
        "Trong tháng, phòng đã chỉ đạo thu hoạch lúa.\n\nSẽ triển khai vụ Đông.\n".encode(),
        None,
        None,
    ),
    "narrative-missing-heading": (
        "P-KT-2020-09.md",
        "# Kết quả thực hiện\n\nThu hoạch xong lúa Hè Thu.\n".encode(),
        None,
        None,
    ),
    "narrative-empty-section": (
        "P-KT-2020-09.md",
        FULL_MD.replace("Tiến độ xây dựng cánh đồng mẫu lớn còn chậm.\n", "").encode(),
        None,
        None,
    ),
    "narrative-unknown-heading": (
        "P-KT-2020-09.md",
        FULL_MD.replace("# 2. Tồn tại", "## Ghi chú thêm\n\nMột đoạn.\n\n# 2. Tồn tại").encode(),
        None,
        None,
    ),
    "narrative-text-outside": (
        "P-KT-2020-09.md",
        FULL_MD.replace("Tháng: 9/2020\n", "Tháng: 9/2020\n\nKính gửi UBND thị xã.\n").encode(),
        None,
        None,
    ),
    "narrative-repeated-section": (
        "P-KT-2020-09.md",
        (FULL_MD + "\n# Kiến nghị\n\nĐề nghị thêm kinh phí.\n").encode(),
        None,
        None,
    ),
    "narrative-no-unit": (
        "bao-cao-thang-9.md",
        FULL_MD.replace("Đơn vị: Phòng Kinh tế (P-KT)\n", "").encode(),
        None,
        None,
    ),
    "narrative-no-month": (
        "bao-cao.md",
        FULL_MD.replace("Tháng: 9/2020\n", "").encode(),
        None,
        None,
    ),
    "narrative-unknown-unit": (
        "bao-cao.md",
        FULL_MD.replace("(P-KT)", "(P-KTE)").replace("Phòng Kinh tế", "Phòng Kinh tế X").encode(),
        None,
        None,
    ),
    "narrative-not-expected": ("bao-cao.md", FULL_MD.encode(), None, None),  # plan edited
    "narrative-bad-month": (
        "bao-cao.md",
        FULL_MD.replace("Tháng: 9/2020", "Tháng: 9/2019").encode(),
        None,
        None,
    ),
    "narrative-unit-mismatch": ("bao-cao.md", FULL_MD.encode(), "CC-THUE", None),
    "narrative-month-mismatch": ("bao-cao.md", FULL_MD.encode(), None, 8),
    "narrative-too-large": ("bao-cao.md", FULL_MD.encode() + b"x" * (1024 * 1024 + 10), None, None),
}


def narrative_problems(code: str, tmp: Path) -> list[Issue]:
    """The problems kehoach reports for the fixture of narrative code ``code``."""
    if code == "narrative-already-stored":
        from datetime import UTC, datetime

        from kehoach.store.narratives import submit_narrative

        path = tmp / "P-KT-2020-09.md"
        path.write_bytes(FULL_MD.encode())
        root = tmp / "data"
        root.mkdir()
        when = datetime(2020, 9, 15, 2, tzinfo=UTC)
        submit_narrative(PLAN, path, root, now=when)
        path.write_bytes(FULL_MD.replace("52 tạ/ha", "53 tạ/ha").encode())
        outcome = submit_narrative(PLAN, path, root, now=when)
        assert outcome.already_stored
        from kehoach.core.i18n import Localized, month_label

        a = outcome.already_stored[0]
        params = {
            "unit": a.unit,
            "month": Localized(month_label(2020, 9, "vi"), month_label(2020, 9, "en")),
            "path": str(a.path),
            "history": "_history",
        }
        return [Issue("narrative-already-stored", None, None, None, params)]
    if code == "narrative-replaces-stored":
        from kehoach.pipeline import check_narrative

        path = tmp / "P-KT-2020-09.md"
        path.write_bytes(FULL_MD.encode())
        (tmp / "data" / "2020-09").mkdir(parents=True)
        (tmp / "data" / "2020-09" / "P-KT.md").write_text("# Kết quả thực hiện\n\nx\n")
        return check_narrative(PLAN, path, None, None, tmp / "data").issues
    name, data, unit, month = FIXTURES[code]
    plan = PLAN
    if code == "narrative-not-expected":
        from kehoach.read.planfile import parse_plan

        text = (ROOT / "plan2020.yaml").read_text(encoding="utf-8")
        text = text.replace(
            '    name_en: "Economic Division"\n    kind: department\n',
            '    name_en: "Economic Division"\n    kind: department\n    narrative: false\n',
        )
        plan = parse_plan(text, "plan.yaml")
    path = tmp / name
    path.write_bytes(data)
    u = plan.unit_index[unit] if unit else None
    return read_narrative_form(path, plan, unit=u, month=month).issues
