"""The blocks a report's body is made of (headings, paragraphs, lists, quotes, tables,
figures) and the office's parsed tasks file: shared by the report model, the draft and
the worksheet, laid out by the renderers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 = I., II., III.; 2 = 1., 2. under them


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Items:
    """A bulleted list ("- …" in Vietnamese documents)."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Quotes:
    """Words quoted from the units' own notes, each attributed."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A small table in the body (a ward breakdown): caption, headers, rows of text."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: frozenset[int] = frozenset()  # columns aligned right (figures)


@dataclass(frozen=True)
class Figure:
    """A chart as PNG bytes with its caption; only the Word report shows pictures."""

    caption: str
    png: bytes


Block = Heading | Para | Items | Quotes | Table | Figure


# --------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class Tasks:
    """The tasks file the office writes for section III, already parsed into blocks."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)
