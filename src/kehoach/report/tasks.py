"""The tasks file the office writes for section III of the report (``--tasks FILE``).

A plain, Markdown-ish text in UTF-8: paragraphs separated by blank lines, bullets
("- ", "* ", "+ ", "• ") and numbered items ("1. ", "2) "), and "#" headings. Lines that
continue an item or a paragraph are joined to it. Emphasis marks are kept as written: the
report quotes the office's words, it does not interpret them.

Pure: :func:`parse_tasks` takes the text; ``kehoach report`` reads the file and says in
the user's language why it cannot (missing, a folder, not UTF-8), never with a traceback.
"""

from __future__ import annotations

from kehoach.report.model import Block, Heading, Items, Para, Tasks

# Read by hand, not by regular expression: the office's text is untrusted, and a pattern
# such as ``\s*(.*?)\s*#*\s*$`` backtracks on a long run of spaces (21 s for one line of
# 3,000). Every line below is looked at a constant number of times: linear in the text.
_BULLET_MARKS = "-*+•"


def _heading(line: str) -> str | None:
    """A ``#`` heading's text (``# Nhiệm vụ #`` → ``Nhiệm vụ``), None when not a heading."""
    text = line.lstrip()
    level = len(text) - len(text.lstrip("#"))
    if not 1 <= level <= 6 or len(text) == level or not text[level].isspace():
        return None
    return text[level:].strip().rstrip("#").rstrip()


def _bullet(line: str) -> str | None:
    """A bullet's or numbered item's text (``- a``, ``2) b``), None when not an item."""
    text = line.lstrip()
    if text[:1] and text[0] in _BULLET_MARKS:
        rest = text[1:]
    else:
        digits = len(text) - len(text.lstrip("0123456789"))
        if not 1 <= digits <= 3 or text[digits : digits + 1] not in (".", ")"):
            return None
        rest = text[digits + 1 :]
    if not rest[:1].isspace():
        return None
    return rest.strip()


def parse_tasks(text: str) -> Tasks:
    """Paragraphs, bullet lists and headings, in the order written."""
    blocks: list[Block] = []
    para: list[str] = []
    items: list[list[str]] = []  # each item's lines, joined once: no quadratic +=

    def flush_para() -> None:
        if para:
            blocks.append(Para(" ".join(para)))
            para.clear()

    def flush_items() -> None:
        if items:
            blocks.append(Items(tuple(" ".join(parts) for parts in items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush_para()
            flush_items()
            continue
        heading = _heading(raw)
        bullet = None if heading is not None else _bullet(raw)
        if heading is not None:
            flush_para()
            flush_items()
            if heading:
                blocks.append(Heading(heading, 2))
        elif bullet is not None:
            flush_para()
            items.append([bullet])
        elif items and raw[:1].isspace():
            items[-1].append(line)  # an item's continuation line, indented
        else:
            flush_items()
            para.append(line)
    flush_para()
    flush_items()
    return Tasks(tuple(b for b in blocks if not isinstance(b, Para) or b.text))
