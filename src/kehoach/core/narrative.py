"""A unit's monthly narrative report: its sections, and the stored text form.

Every phòng, agency and ward sends the office a short monthly report beside its figures:
what was done, shortcomings and their causes, next period's tasks, requests (kiến nghị,
đề xuất). The office compiles them by field into the committee's report (docs/reports.md).
This module is the one model of such a report and its stored form; the readers of the
forms units fill (Word, Markdown) build it, the store writes it, the report reads it.

Pure: no I/O.

The stored form (``DATA/YYYY-MM/UNIT.md``, UTF-8, LF) is Markdown with one level-1
heading per section, in :data:`SECTIONS` order, each heading the section's Vietnamese
title; a section's blocks follow it, separated by blank lines: a paragraph as its text on
one line, a list item as ``- text``, a table as pipe rows (``| a | b |``, cells with ``|``
escaped as ``\\|``). :func:`to_text` writes it, :func:`from_text` reads it back; the two
are inverse on every narrative :func:`normalise` leaves unchanged (the round-trip law).

Headings are recognised by their words, not their numbering or case (:func:`section_of`):
units write "1. Kết quả thực hiện", "KẾT QUẢ ĐẠT ĐƯỢC", "II. Tồn tại, hạn chế", "Nguyên
nhân chủ quan", "Phương hướng, nhiệm vụ tháng 10", "Kiến nghị, đề xuất".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

SectionKey = Literal[
    "results",
    "shortcomings",
    "causes",
    "causes_objective",
    "causes_subjective",
    "tasks",
    "requests",
]

# In the order a report gives them (the office's compiled report follows it too:
# I. results, II. shortcomings and causes, III. tasks, IV. requests).
SECTIONS: tuple[SectionKey, ...] = (
    "results",
    "shortcomings",
    "causes",
    "causes_objective",
    "causes_subjective",
    "tasks",
    "requests",
)

# The stored heading of each section, and its English label.
TITLES_VI: dict[SectionKey, str] = {
    "results": "Kết quả thực hiện",
    "shortcomings": "Tồn tại, hạn chế",
    "causes": "Nguyên nhân",
    "causes_objective": "Nguyên nhân khách quan",
    "causes_subjective": "Nguyên nhân chủ quan",
    "tasks": "Nhiệm vụ trọng tâm kỳ tới",
    "requests": "Kiến nghị, đề xuất",
}
TITLES_EN: dict[SectionKey, str] = {
    "results": "Results",
    "shortcomings": "Shortcomings",
    "causes": "Causes",
    "causes_objective": "Objective causes",
    "causes_subjective": "Subjective causes",
    "tasks": "Tasks for the coming period",
    "requests": "Requests and proposals",
}

# Sections a complete report has (a missing one is a warning when a form is read). The
# causes may come as one section or split into objective and subjective ones.
EXPECTED: tuple[SectionKey, ...] = ("results", "shortcomings", "causes", "tasks", "requests")

BlockKind = Literal["paragraph", "item", "table"]


@dataclass(frozen=True)
class Block:
    """One paragraph, list item or table of a section, as the unit wrote it."""

    kind: BlockKind
    text: str = ""  # paragraph, item
    rows: tuple[tuple[str, ...], ...] = ()  # table: rows of cells, the first the header


@dataclass(frozen=True)
class Narrative:
    """A unit's narrative report for one month: its sections' blocks, in order.

    ``sections`` holds only the sections the unit wrote (an empty tuple: the heading was
    there with nothing under it).
    """

    unit: str
    month: str  # "YYYY-MM"
    sections: Mapping[SectionKey, tuple[Block, ...]] = field(default_factory=dict)

    def blocks(self, key: SectionKey) -> tuple[Block, ...]:
        return tuple(self.sections.get(key, ()))

    def causes(self) -> tuple[Block, ...]:
        """All causes the unit gave, general, objective then subjective."""
        return (
            self.blocks("causes")
            + self.blocks("causes_objective")
            + self.blocks("causes_subjective")
        )

    def is_empty(self) -> bool:
        return not any(self.sections.values())


def fold(text: str) -> str:
    """``text`` lower-cased with its diacritics removed and đ as d, spaces collapsed:
    how headings are compared ("KẾT QUẢ" and "ket qua" are the same words)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", bare.lower()).split())


# A heading's numbering: "1.", "1.1.", "I.", "II -", "a)", "A." — dropped before matching.
_NUMBERING = re.compile(r"^\s*(?:(?:[0-9]+|[IVXLC]+|[a-zA-Z])(?:\.[0-9]+)*\s*[.)/:-]\s*)+")

# Words that name a section, tried in order (the first that the heading starts with, or
# contains, wins); folded forms. "Nguyên nhân" comes after its two kinds.
_SECTION_WORDS: tuple[tuple[SectionKey, tuple[str, ...]], ...] = (
    ("causes_objective", ("nguyen nhan khach quan", "objective causes")),
    ("causes_subjective", ("nguyen nhan chu quan", "subjective causes")),
    ("causes", ("nguyen nhan", "causes")),
    ("shortcomings", ("ton tai", "han che", "khuyet diem", "shortcomings")),
    ("requests", ("kien nghi", "de xuat", "de nghi", "requests")),
    ("tasks", ("nhiem vu", "phuong huong", "ke hoach thang", "giai phap", "tasks")),
    (
        "results",
        ("ket qua", "tinh hinh thuc hien", "cong tac da thuc hien", "da thuc hien", "results"),
    ),
)


def section_of(heading: str) -> SectionKey | None:
    """The section a heading names, or ``None`` when its words name none.

    Matched on the heading's words with numbering, case and diacritics set aside; a
    heading starting with a section's words wins over one merely containing them
    ("Tồn tại, hạn chế và nguyên nhân" is the shortcomings, its causes under their own
    heading or in its text).
    """
    words = fold(_NUMBERING.sub("", heading, count=1))
    if not words:
        return None
    for key, names in _SECTION_WORDS:
        if any(words.startswith(name) for name in names):
            return key
    for key, names in _SECTION_WORDS:
        if any(name in words for name in names):
            return key
    return None


_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """A block's text as stored: NFC, whitespace runs (line breaks too) one space,
    trimmed; a paragraph is one line in the stored form."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalise(narrative: Narrative) -> Narrative:
    """``narrative`` as its stored form reads back: texts cleaned, empty blocks and table
    rows dropped, table rows padded to one width, sections in :data:`SECTIONS` order."""
    sections: dict[SectionKey, tuple[Block, ...]] = {}
    for key in SECTIONS:
        if key not in narrative.sections:
            continue
        kept: list[Block] = []
        for block in narrative.sections[key]:
            if block.kind == "table":
                rows = [tuple(clean(c) for c in row) for row in block.rows]
                rows = [r for r in rows if any(r)]
                if not rows:
                    continue
                width = max(len(r) for r in rows)
                kept.append(Block("table", rows=tuple(r + ("",) * (width - len(r)) for r in rows)))
            else:
                text = clean(block.text)
                if text:
                    kept.append(Block(block.kind, text))
        sections[key] = tuple(kept)
    return Narrative(narrative.unit, narrative.month, sections)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _line(block: Block) -> str:
    if block.kind == "item":
        return "- " + block.text
    if block.kind == "table":
        return "\n".join("| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows)
    text = block.text
    # A paragraph that would read back as something else is escaped by a backslash.
    if text.startswith(("#", "- ", "|", "\\", "<!--")):
        text = "\\" + text
    return text


def _header(unit: str, month: str) -> str:
    return f"<!-- kehoach: {unit} {month} -->"


def to_text(narrative: Narrative) -> str:
    """The stored form of ``narrative`` (normalised first)."""
    n = normalise(narrative)
    parts = [_header(n.unit, n.month)]
    for key in SECTIONS:
        if key not in n.sections:
            continue
        parts.append("# " + TITLES_VI[key])
        parts.extend(_line(b) for b in n.sections[key])
    return "\n\n".join(parts) + "\n"


_HEADER = re.compile(r"<!-- kehoach: (\S+) ([0-9]{4}-[0-9]{2}) -->")


def _split_row(line: str) -> tuple[str, ...]:
    body = line.strip()[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            cur.append(body[i + 1])
            i += 2
            continue
        if c == "|":
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    cells.append("".join(cur))
    return tuple(c.strip() for c in cells)


def from_text(text: str, unit: str = "", month: str = "") -> Narrative:
    """Read a stored narrative (:func:`to_text`'s form). ``unit``/``month`` are used when
    the text has no ``<!-- kehoach: UNIT YYYY-MM -->`` first line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and (m := _HEADER.fullmatch(lines[0].strip())):
        unit, month = m.group(1), m.group(2)
        lines = lines[1:]
    sections: dict[SectionKey, list[Block]] = {}
    current: list[Block] | None = None
    table: list[tuple[str, ...]] = []

    def flush_table() -> None:
        if table and current is not None:
            current.append(Block("table", rows=tuple(table)))
        table.clear()

    for raw in lines:
        line = raw.strip()
        if line.startswith("|"):
            table.append(_split_row(line))
            continue
        flush_table()
        if not line:
            continue
        if line.startswith("# "):
            key = section_of(line[2:])
            if key is not None:
                current = sections.setdefault(key, [])
                continue
        if current is None:
            continue
        if line.startswith("- "):
            current.append(Block("item", line[2:]))
        elif line.startswith("\\"):
            current.append(Block("paragraph", line[1:]))
        else:
            current.append(Block("paragraph", line))
    flush_table()
    return normalise(Narrative(unit, month, {k: tuple(v) for k, v in sections.items()}))
