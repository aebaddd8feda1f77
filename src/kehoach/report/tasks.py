"""The tasks file the office writes for section III of the report (``--tasks FILE``).

A plain, Markdown-ish text in UTF-8: paragraphs separated by blank lines, bullets
("- ", "* ", "+ ", "• ") and numbered items ("1. ", "2) "), and "#" headings. Lines that
continue an item or a paragraph are joined to it. Emphasis marks are kept as written: the
report quotes the office's words, it does not interpret them.

Pure: :func:`parse_tasks` takes the text; ``kehoach report`` reads the file and says in
the user's language why it cannot (missing, a folder, not UTF-8), never with a traceback.
"""

from __future__ import annotations

import re

from kehoach.report.model import Block, Heading, Items, Para, Tasks

_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")


def parse_tasks(text: str) -> Tasks:
    """Paragraphs, bullet lists and headings, in the order written."""
    blocks: list[Block] = []
    para: list[str] = []
    items: list[str] = []

    def flush_para() -> None:
        if para:
            blocks.append(Para(" ".join(para)))
            para.clear()

    def flush_items() -> None:
        if items:
            blocks.append(Items(tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_para()
            flush_items()
            continue
        heading = _HEADING.match(raw)
        bullet = _BULLET.match(raw)
        if heading:
            flush_para()
            flush_items()
            if heading.group(1):
                blocks.append(Heading(heading.group(1), 2))
        elif bullet:
            flush_para()
            items.append(bullet.group(1).strip())
        elif items and raw[:1].isspace():
            items[-1] += " " + line  # an item's continuation line, indented
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()
    return Tasks(tuple(b for b in blocks if not isinstance(b, Para) or b.text))
