"""Reading a unit's filled narrative report (Word ``.docx`` or Markdown ``.md``) into the
one model, :class:`kehoach.core.narrative.Narrative`.

What is read:

- **Word (.docx)**, with python-docx (imported here only): the body's paragraphs and
  tables in document order; a paragraph in a list style or with list numbering is a list
  item; a table is kept as its rows of cell texts (merged cells give their text once). A
  heading is a paragraph in a heading style (``Heading 1``…, ``Title`` excepted), or a
  short paragraph whose words name a section (:func:`kehoach.core.narrative.section_of`:
  "1. Kết quả thực hiện", "II. TỒN TẠI, HẠN CHẾ", bold or numbered). The form's header
  lines "Đơn vị: … (CODE)" and "Tháng: 9/2020" say whose report it is, and for which month.
- **Markdown (.md)**: ``#`` headings of any level (or a line all in ``**bold**`` that names
  a section), ``-``/``*``/``+``/``1.`` list items, pipe tables, paragraphs (consecutive
  lines joined); the stored form's ``<!-- kehoach: UNIT YYYY-MM -->`` line is read too.

What comes out is the narrative and the issues (codes ``narrative-…`` in
:mod:`kehoach.core.issues`): a file that is not such a report (an old ``.doc``, a PDF, a
ZIP that is not a Word document, a workbook), a password-protected one, an empty or huge
one, or one without any recognisable heading is an error and gives no narrative; a
missing or empty part, an unknown heading, text before the first heading are warnings.
Never an exception for a bad file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.core.i18n import Localized
from kehoach.core.issues import Issue
from kehoach.core.models import Plan
from kehoach.core.narrative import (
    EXPECTED,
    TITLES_EN,
    TITLES_VI,
    Block,
    Narrative,
    SectionKey,
    clean,
    fold,
    from_text,
    normalise,
    section_of,
)
from kehoach.core.narrative_form import GUIDANCE_STYLE, is_guidance
from kehoach.core.numbers import format_month, parse_month

# Suffixes that go to this reader rather than the figures' (validate/submit dispatch by
# name); what the file really is, is then told by its bytes.
NARRATIVE_SUFFIXES = (".docx", ".md", ".markdown")
# Names that are surely a narrative report in a format not read: said so plainly.
REFUSED_SUFFIXES = (".doc", ".docm", ".dot", ".dotx", ".odt", ".rtf", ".pdf", ".pages")

MAX_FILE_BYTES = 20 * 1024 * 1024  # a Word file with a few pictures; a monthly report is ~50 KB
MAX_DOCUMENT_XML = 64 * 1024 * 1024  # word/document.xml uncompressed: a ZIP bomb stops here
MAX_TEXT_CHARS = 1024 * 1024  # the stored text of one unit's month

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
# An encrypted Office file is an OLE container with these streams (MS-OFFCRYPTO).
_ENCRYPTED_MARKS = (
    "EncryptionInfo".encode("utf-16-le"),
    "EncryptedPackage".encode("utf-16-le"),
)

KINDS = {
    "doc": Localized("tệp Word cũ (.doc)", "an old Word file (.doc)"),
    "ole": Localized("tệp Office cũ (OLE)", "an old Office file (OLE)"),
    "pdf": Localized("tệp PDF", "a PDF file"),
    "rtf": Localized("tệp RTF", "an RTF file"),
    "odt": Localized("tệp OpenDocument (.odt)", "an OpenDocument file (.odt)"),
    "workbook": Localized(
        "bảng tính Excel (số liệu nộp bằng tệp .xlsx, không đổi đuôi)",
        "an Excel workbook (figures are submitted as .xlsx, not renamed)",
    ),
    "zip": Localized("tệp ZIP không phải tài liệu Word", "a ZIP file that is not a Word document"),
    "damaged": Localized("tệp Word bị hỏng", "a damaged Word file"),
    "binary": Localized("tệp nhị phân", "a binary file"),
    "not-utf8": Localized("tệp văn bản không lưu dạng UTF-8", "a text file not saved as UTF-8"),
    "folder": Localized("một thư mục", "a folder"),
}

HEADINGS = Localized(
    "; ".join(TITLES_VI[k] for k in EXPECTED),
    "; ".join(f"{TITLES_VI[k]} ({TITLES_EN[k].lower()})" for k in EXPECTED),
)


def _title(key: SectionKey) -> Localized:
    return Localized(TITLES_VI[key], TITLES_EN[key])


@dataclass
class NarrativeForm:
    """A narrative report file as read: issues, and the narrative when it could be read.

    ``unit`` / ``month`` are the plan's unit index and the month number, as found in the
    file (or its name, or the options); ``data`` the bytes read (kept as the original)."""

    path: str
    issues: list[Issue] = field(default_factory=list)
    narrative: Narrative | None = None
    unit: int | None = None
    month: int | None = None
    kind: str = ""  # "docx" | "md"
    data: bytes = b""
    sha256: str = ""

    @property
    def ok(self) -> bool:
        return self.narrative is not None and not any(i.is_error for i in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def rows(self) -> int:
        """Blocks read (what `validate` shows where figures show rows)."""
        if self.narrative is None:
            return 0
        return sum(len(b) for b in self.narrative.sections.values())


def is_narrative_name(path: Path) -> bool:
    """Whether ``validate``/``submit`` hand the file to this reader (by its name)."""
    suffix = path.suffix.lower()
    return suffix in NARRATIVE_SUFFIXES or suffix in REFUSED_SUFFIXES


# ------------------------------------------------------------------ one parsed element


@dataclass(frozen=True)
class _Element:
    kind: str  # "heading" | "paragraph" | "item" | "table" | "mark" (the form's own)
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    styled: bool = False  # a heading by style (a Word heading style, a Markdown #)
    raw: bool = False  # a block of the stored form: content whatever its words


# The form's header lines: "Đơn vị: Phòng Kinh tế (P-KT)", "Tháng: 9/2020".
_UNIT_LINE = re.compile(r"^\s*(?:don vi(?: bao cao)?|unit)\s*$")
_MONTH_LINE = re.compile(r"^\s*(?:thang(?: bao cao)?|ky bao cao|month)\s*$")
_LABELLED = re.compile(r"^\s*([^:]{2,30}?)\s*:\s*(.*)$")
_CODE_IN = re.compile(r"\(([A-Za-z0-9][A-Za-z0-9_.-]{0,39})\)")
_MONTH_IN = re.compile(
    r"(?:th[aá]ng|T)?\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})|([0-9]{4})-([0-9]{2})", re.IGNORECASE
)
_PLACEHOLDER = re.compile(r"^[.…_\s/]*(?:[0-9]{4})?[.…_\s]*$")


def _header_value(text: str) -> tuple[str, str] | None:
    """("unit"|"month", value) when ``text`` is a header line of the form."""
    m = _LABELLED.match(text)
    if m is None:
        return None
    label = fold(m.group(1))
    if _UNIT_LINE.match(label):
        return "unit", m.group(2).strip()
    if _MONTH_LINE.match(label):
        return "month", m.group(2).strip()
    return None


def _is_heading_by_words(text: str, bold: bool) -> bool:
    """A short line whose words name a section, written as a heading: numbered, bold, in
    capitals, ending in a colon, or a few words only."""
    if len(text) > 100 or section_of(text) is None:
        return False
    words = text.split()
    numbered = re.match(r"^\s*(?:[0-9]+|[IVXLC]+|[a-zA-Z])(?:\.[0-9]+)*\s*[.)/:-]", text)
    return bool(
        bold
        or numbered
        or text.rstrip().endswith(":")
        or (text.upper() == text and any(c.isalpha() for c in text))
        or len(words) <= 8
    )


# ------------------------------------------------------------------ reading


def read_narrative_form(
    path: str | Path,
    plan: Plan,
    *,
    unit: int | None = None,
    month: int | None = None,
    label: str | None = None,
) -> NarrativeForm:
    """Read and check one narrative report file; ``unit``/``month`` are ``--unit`` and
    ``--month`` (the file's own header wins when they agree, an error when not)."""
    path = Path(path)
    form = NarrativeForm(label or str(path))
    try:
        data = _read_bytes(path, form)
    except IsADirectoryError:
        form.issues.append(_issue(form, "narrative-format", kind=KINDS["folder"]))
        return form
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        form.issues.append(Issue("cannot-read", form.path, None, None, {"reason": reason}))
        return form
    if data is None:
        return form
    form.data = data
    form.sha256 = hashlib.sha256(data).hexdigest()
    elements = _elements(data, path, form)
    if elements is None:
        return form
    _build(form, elements, plan, unit, month, path)
    return form


def _issue(form: NarrativeForm, code: str, **params) -> Issue:
    return Issue(code, form.path, None, None, params)


def _size(n: int) -> Localized:
    mib = n / (1024 * 1024)
    text_vi = f"{mib:.1f} MB".replace(".", ",")
    return Localized(text_vi, f"{mib:.1f} MB")


def _read_bytes(path: Path, form: NarrativeForm) -> bytes | None:
    with open(path, "rb") as f:
        if stat.S_ISDIR(os.fstat(f.fileno()).st_mode):
            raise IsADirectoryError(path)
        data = f.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        form.issues.append(
            _issue(
                form,
                "narrative-too-large",
                size=Localized(
                    "trên " + _size(MAX_FILE_BYTES)("vi"), "over " + _size(MAX_FILE_BYTES)("en")
                ),
                limit=_size(MAX_FILE_BYTES),
            )
        )
        return None
    if not data.strip():
        form.issues.append(_issue(form, "narrative-empty"))
        return None
    return data


def _elements(data: bytes, path: Path, form: NarrativeForm) -> list[_Element] | None:
    """The file's elements in order, by what its bytes are; None after an error."""
    suffix = path.suffix.lower()

    def refuse(kind: str) -> None:
        form.issues.append(_issue(form, "narrative-format", kind=KINDS[kind]))

    if data.startswith(OLE):
        if any(mark in data for mark in _ENCRYPTED_MARKS):
            form.issues.append(_issue(form, "narrative-protected"))
        else:
            refuse("doc" if suffix in (".doc", ".dot", ".docx") else "ole")
        return None
    if data.startswith(b"%PDF"):
        refuse("pdf")
        return None
    if data.startswith(b"{\\rtf"):
        refuse("rtf")
        return None
    if data.startswith(ZIP):
        form.kind = "docx"
        return _docx_elements(data, form, refuse)
    if suffix in (".docx", ".doc", ".docm", ".dot", ".dotx", ".odt", ".pdf", ".pages", ".rtf"):
        # A text file named as a document: no Word document at all.
        refuse("damaged" if suffix == ".docx" else "binary")
        return None
    if b"\x00" in data:
        refuse("binary")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        refuse("not-utf8")
        return None
    form.kind = "md"
    first = text.lstrip().split("\n", 1)[0].strip()
    if _STORED_HEADER.match(first):
        # The stored form itself (a stored report submitted again): read by its own
        # reader, the exact inverse of the form it was written in.
        return _stored_elements(text)
    return _markdown_elements(text)


def _stored_elements(text: str) -> list[_Element]:
    n = from_text(text)
    out = [_Element("paragraph", f"kehoach: {n.unit} {n.month}")]
    for key, blocks in n.sections.items():
        out.append(_Element("heading", TITLES_VI[key], styled=True))
        for b in blocks:
            out.append(_Element(b.kind, b.text, b.rows, raw=True))
    return out


def _docx_elements(data: bytes, form: NarrativeForm, refuse) -> list[_Element] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" not in names:
                if "xl/workbook.xml" in names:
                    refuse("workbook")
                elif "content.xml" in names:
                    refuse("odt")
                else:
                    refuse("zip")
                return None
            if z.getinfo("word/document.xml").file_size > MAX_DOCUMENT_XML:
                form.issues.append(
                    _issue(
                        form,
                        "narrative-too-large",
                        size=_size(z.getinfo("word/document.xml").file_size),
                        limit=_size(MAX_DOCUMENT_XML),
                    )
                )
                return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        refuse("damaged")
        return None
    try:
        import docx  # python-docx: only here, where a Word file is read

        document = docx.Document(io.BytesIO(data))
        elements = list(_docx_body(document))
        keywords = (document.core_properties.keywords or "").strip()
    except Exception:  # python-docx and lxml raise many kinds of error on a bad file
        refuse("damaged")
        return None
    if _MACHINE.match(keywords):
        # The form's own mark (unit and month it was made for): after the visible lines,
        # which the unit may have corrected.
        elements.append(_Element("mark", keywords))
    return elements


def _docx_body(document):
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    # Style names by id, once: python-docx's paragraph.style looks the default style up
    # anew for every paragraph (seconds for a long report).
    names: dict[str | None, str] = {}
    default = ""
    for st in document.styles:
        try:
            names[st.style_id] = st.name or ""
            if st.type == 1 and st.element.default:  # WD_STYLE_TYPE.PARAGRAPH
                default = st.name or ""
        except (AttributeError, ValueError, KeyError):
            continue
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style = names.get(child.style, default) if child.style else default
            yield from _docx_paragraph(paragraph, style)
        elif tag == "tbl":
            rows = _docx_table(Table(child, document))
            if rows:
                yield _Element("table", rows=rows)


def _docx_paragraph(paragraph, style: str):
    text = paragraph.text
    if not text.strip():
        return
    lowered = style.lower()
    if lowered == GUIDANCE_STYLE:
        if is_guidance(text):
            return  # the form's guidance lines (kehoach.core.narrative_form): not content
        lowered = ""  # typed over a guidance line: the unit's text
    p_pr = paragraph._p.pPr
    numbered = p_pr is not None and p_pr.numPr is not None
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    if lowered.startswith(("heading", "tiêu đề", "đầu đề")) or lowered.startswith("title"):
        if lowered.startswith("title"):
            yield _Element("paragraph", text)  # the document's title: a header line
            return
        yield _Element("heading", text, styled=True)
        return
    if _is_heading_by_words(clean(text), bold) and (not numbered or section_of(text)):
        yield _Element("heading", text)
        return
    if numbered or "list" in lowered:
        yield _Element("item", text)
        return
    yield _Element("paragraph", text)


def _docx_table(table) -> tuple[tuple[str, ...], ...]:
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: list[object] = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):
                continue  # a merged cell is listed once per grid column it covers
            seen.append(cell._tc)
            cells.append(cell.text)
        rows.append(tuple(cells))
    return tuple(rows)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|[0-9]{1,3}[.)])\s+(.*)$")
_MD_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_STORED_HEADER = re.compile(r"^<!-- kehoach: (\S+) ([0-9]{4}-[0-9]{2}) -->$")


def _markdown_elements(text: str) -> list[_Element]:
    from kehoach.core.narrative import _split_row

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[_Element] = []
    para: list[str] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if para:
            out.append(_Element("paragraph", " ".join(para)))
            para.clear()
        if table:
            out.append(_Element("table", rows=tuple(table)))
            table.clear()

    in_comment = False
    for raw in lines:
        line = raw.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--") and not _STORED_HEADER.match(line):
            flush()  # the form's guidance, or a note to self: not content
            in_comment = "-->" not in line
            continue
        if m := _STORED_HEADER.match(line):
            flush()
            out.append(_Element("paragraph", f"kehoach: {m.group(1)} {m.group(2)}"))
            continue
        if line.startswith("|"):
            if para:
                out.append(_Element("paragraph", " ".join(para)))
                para.clear()
            if not _MD_SEPARATOR.match(line):
                table.append(_split_row(line))
            continue
        if table:
            out.append(_Element("table", rows=tuple(table)))
            table.clear()
        if not line:
            flush()
            continue
        if m := _MD_HEADING.match(line):
            flush()
            out.append(_Element("heading", m.group(2), styled=True))
            continue
        if (m := _MD_BOLD_LINE.match(line)) and _is_heading_by_words(m.group(1), True):
            flush()
            out.append(_Element("heading", m.group(1)))
            continue
        if not line.startswith(("-", "*", "+")) and _is_heading_by_words(line, False):
            flush()  # "1. Kết quả thực hiện", "KẾT QUẢ THỰC HIỆN" on a line of its own
            out.append(_Element("heading", line))
            continue
        if m := _MD_ITEM.match(raw):
            flush()
            out.append(_Element("item", m.group(1)))
            continue
        if _header_value(line) is not None:
            flush()  # the form's "Đơn vị: …" / "Tháng: …" lines, one each
            out.append(_Element("paragraph", line))
            continue
        if line.startswith("\\"):
            line = line[1:]
        para.append(line)
    flush()
    return out


# ------------------------------------------------------------------ into the model

_MACHINE = re.compile(r"^kehoach: (\S+) ([0-9]{4}-[0-9]{2})$")


def _build(
    form: NarrativeForm,
    elements: list[_Element],
    plan: Plan,
    unit_opt: int | None,
    month_opt: int | None,
    path: Path,
) -> None:
    sections: dict[SectionKey, list[Block]] = {}
    seen: dict[SectionKey, int] = {}
    current: SectionKey | None = None
    outside: list[str] = []
    found_unit: str | None = None
    found_month: str | None = None
    chars = 0
    mark: tuple[str, str] | None = None
    for el in elements:
        if el.kind == "mark":
            m = _MACHINE.match(el.text)
            if m:
                mark = (m.group(1), m.group(2))
            continue
        chars += len(el.text) + sum(len(c) for r in el.rows for c in r)
        if current is None and el.kind == "paragraph":
            text = clean(el.text)
            if m := _MACHINE.match(text):
                found_unit = found_unit or m.group(1)
                found_month = found_month or m.group(2)
                continue
            header = _header_value(text)
            if header is not None:
                if header[0] == "unit" and found_unit is None:
                    found_unit = header[1]
                elif header[0] == "month" and found_month is None:
                    found_month = header[1]
                continue
            if _is_title(text):
                continue
            outside.append(text)
            continue
        if el.kind == "heading":
            if current is None and _is_title(clean(el.text)):
                continue  # "BÁO CÁO Kết quả thực hiện nhiệm vụ tháng 9": the title
            key = section_of(el.text)
            if key is not None:
                current = key
                seen[key] = seen.get(key, 0) + 1
                sections.setdefault(key, [])
                continue
            if el.styled and current is not None:
                form.issues.append(
                    _issue(
                        form,
                        "narrative-unknown-heading",
                        heading=clean(el.text)[:80],
                        section=_title(current),
                        headings=HEADINGS,
                    )
                )
                sections[current].append(Block("paragraph", el.text))
                continue
            if current is None:
                if not _is_title(clean(el.text)):
                    outside.append(clean(el.text))
                continue
            sections[current].append(Block("paragraph", el.text))
            continue
        if current is None:
            if el.kind == "table":
                outside.append(" | ".join(c for c in el.rows[0] if c) if el.rows else "")
            else:
                outside.append(clean(el.text))
            continue
        if el.kind == "table":
            sections[current].append(Block("table", rows=el.rows))
        else:
            sections[current].append(Block(el.kind, el.text))  # type: ignore[arg-type]

    if chars > MAX_TEXT_CHARS:
        form.issues.append(
            _issue(
                form,
                "narrative-too-large",
                size=Localized(f"{chars:,} ký tự".replace(",", "."), f"{chars:,} characters"),
                limit=Localized(
                    f"{MAX_TEXT_CHARS:,} ký tự".replace(",", "."), f"{MAX_TEXT_CHARS:,} characters"
                ),
            )
        )
        return
    if not sections:
        if not outside and not found_unit and not found_month:
            form.issues.append(_issue(form, "narrative-empty"))
        else:
            form.issues.append(_issue(form, "narrative-no-heading", headings=HEADINGS))
        return
    outside = [t for t in outside if t]
    if outside:
        first = outside[0]
        shown = first if len(first) <= 60 else first[:60] + "…"
        form.issues.append(_issue(form, "narrative-text-outside", n=len(outside), text=shown))
    for key, n in seen.items():
        if n > 1:
            form.issues.append(_issue(form, "narrative-repeated-section", heading=_title(key), n=n))

    if mark is not None:
        found_unit = found_unit or mark[0]
        found_month = found_month or mark[1]
    unit_idx, month_num = _whose(form, plan, found_unit, found_month, unit_opt, month_opt, path)
    narrative = normalise(
        Narrative(
            plan.units[unit_idx].code if unit_idx is not None else "",
            format_month(plan.year, month_num) if month_num is not None else "",
            {k: tuple(v) for k, v in sections.items()},
        )
    )
    if narrative.is_empty():
        # A form sent back unfilled: one error, not a warning per heading.
        form.issues.append(_issue(form, "narrative-empty"))
        return
    for key in EXPECTED:
        if key == "causes":
            if not any(
                k in narrative.sections for k in ("causes", "causes_objective", "causes_subjective")
            ):
                form.issues.append(_issue(form, "narrative-missing-heading", heading=_title(key)))
            continue
        if key not in narrative.sections:
            form.issues.append(_issue(form, "narrative-missing-heading", heading=_title(key)))
    split_causes = narrative.blocks("causes_objective") or narrative.blocks("causes_subjective")
    for key, blocks in narrative.sections.items():
        if not blocks and not (key == "causes" and split_causes):
            # ("3. Nguyên nhân" empty with its two kinds under it is the form's layout.)
            form.issues.append(_issue(form, "narrative-empty-section", heading=_title(key)))
    form.unit, form.month = unit_idx, month_num
    if unit_idx is not None and month_num is not None:
        form.narrative = narrative


def _is_title(text: str) -> bool:
    """The form's title lines ("BÁO CÁO", "Tình hình thực hiện nhiệm vụ tháng …"), the
    issuer's lines: not content."""
    words = fold(text)
    return words.startswith(("bao cao", "monthly report", "mau bao cao")) or words in (
        "cong hoa xa hoi chu nghia viet nam",
        "doc lap tu do hanh phuc",
    )


def _unit_from(text: str, plan: Plan) -> int | None:
    """A unit named by its code ("P-KT", "Phòng Kinh tế (P-KT)") or its exact name."""
    idx = plan.unit_index
    candidates = [m.group(1) for m in _CODE_IN.finditer(text)] + [text.strip()]
    for c in candidates:
        if c.upper() in idx:
            return idx[c.upper()]
    folded = fold(text)
    for i, u in enumerate(plan.units):
        if folded in (fold(u.name_vi), fold(u.name_en)):
            return i
    return None


def _month_from(text: str) -> tuple[int, int] | None:
    text = text.strip()
    try:
        return parse_month(text)
    except ValueError:
        pass
    m = _MONTH_IN.search(text)
    if m is None:
        return None
    try:
        if m.group(1):
            return parse_month(f"{m.group(1)}/{m.group(2)}")
        return parse_month(f"{m.group(3)}-{m.group(4)}")
    except ValueError:
        return None


def _from_name(path: Path, plan: Plan) -> tuple[int | None, tuple[int, int] | None]:
    """Unit and month from a file name such as ``P-KT_2020-09.docx``, ``bc-P-KT-9-2020.md``."""
    stem = path.stem
    unit = None
    best = 0
    for i, u in enumerate(plan.units):
        code = u.code
        pattern = r"(?<![A-Za-z0-9])" + re.escape(code) + r"(?![A-Za-z0-9])"
        if re.search(pattern, stem, re.IGNORECASE) and len(code) > best:
            unit, best = i, len(code)
    month = None
    if m := re.search(r"([0-9]{4})-([0-9]{2})(?![0-9])", stem):
        month = _month_from(f"{m.group(1)}-{m.group(2)}")
    elif m := re.search(r"(?<![0-9])([0-9]{1,2})[-_.]([0-9]{4})(?![0-9])", stem):
        month = _month_from(f"{m.group(1)}/{m.group(2)}")
    return unit, month


def _whose(
    form: NarrativeForm,
    plan: Plan,
    unit_text: str | None,
    month_text: str | None,
    unit_opt: int | None,
    month_opt: int | None,
    path: Path,
) -> tuple[int | None, int | None]:
    """The unit index and month of the report: the form's header, else the file name,
    else ``--unit``/``--month``; a header that disagrees with an option is an error."""
    name_unit, name_month = _from_name(path, plan)
    unit_idx: int | None = None
    if unit_text and not _PLACEHOLDER.match(unit_text):
        unit_idx = _unit_from(unit_text, plan)
        if unit_idx is None:
            known = ", ".join(u.code for u in plan.units)
            form.issues.append(
                _issue(form, "narrative-unknown-unit", value=unit_text[:80], known=known)
            )
            return None, None
    if unit_idx is not None and unit_opt is not None and unit_idx != unit_opt:
        form.issues.append(
            _issue(
                form,
                "narrative-unit-mismatch",
                value=plan.units[unit_idx].code,
                expected=plan.units[unit_opt].code,
            )
        )
        return None, None
    if unit_idx is None:
        unit_idx = unit_opt if unit_opt is not None else name_unit
    if unit_idx is None:
        form.issues.append(_issue(form, "narrative-no-unit"))
    elif not plan.units[unit_idx].sends_narrative:
        form.issues.append(_issue(form, "narrative-not-expected", unit=plan.units[unit_idx].code))
        unit_idx = None

    month_num: int | None = None
    if month_text and not _PLACEHOLDER.match(month_text):
        ym = _month_from(month_text)
        if ym is None or ym[0] != plan.year:
            form.issues.append(
                _issue(form, "narrative-bad-month", value=month_text[:40], year=str(plan.year))
            )
            return unit_idx, None
        month_num = ym[1]
    if month_num is not None and month_opt is not None and month_num != month_opt:
        form.issues.append(
            _issue(
                form,
                "narrative-month-mismatch",
                value=format_month(plan.year, month_num),
                expected=format_month(plan.year, month_opt),
            )
        )
        return unit_idx, None
    if month_num is None:
        if month_opt is not None:
            month_num = month_opt
        elif name_month is not None:
            if name_month[0] != plan.year:
                form.issues.append(
                    _issue(
                        form,
                        "narrative-bad-month",
                        value=format_month(*name_month),
                        year=str(plan.year),
                    )
                )
                return unit_idx, None
            month_num = name_month[1]
    if month_num is None:
        form.issues.append(_issue(form, "narrative-no-month"))
    return unit_idx, month_num
