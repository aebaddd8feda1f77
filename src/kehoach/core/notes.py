"""A note cell's trip through the data folder: what the writer adds, what the reader takes off.

``submit`` stores notes in files that offices open in Excel or LibreOffice. A note that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a CR would be read there as a formula
(CSV injection), so the writer stores it behind one leading apostrophe — the mark a
spreadsheet itself uses for "this is text". The reader takes exactly one apostrophe off a
cell that begins with an apostrophe followed by one of those characters or by another
apostrophe; the writer therefore also adds one to a note that begins that way, and the
round trip is exact for every note: ``read_note(protect_note(n)) == n``.

A note holding a CR or LF is written inside quotes (``submit.canonical_csv``): csv.writer
quotes a line end only when it is part of its own line terminator, and a stored file ends
its lines with LF alone.
"""

from __future__ import annotations

# What a spreadsheet takes for the start of a formula (tab and CR: some treat a cell
# beginning with them the same way once trimmed).
FORMULA_START = frozenset("=+-@\t\r")
_AFTER_MARK = FORMULA_START | {"'"}


def protect_note(note: str) -> str:
    """The note as stored: behind an apostrophe when a spreadsheet could take it for a
    formula, or when the reader would otherwise take its own apostrophe off."""
    if note and (note[0] in FORMULA_START or (note[0] == "'" and note[1:2] in _AFTER_MARK)):
        return "'" + note
    return note


def read_note(cell: str) -> str:
    """A note cell's text: spaces around it trimmed, one protective apostrophe taken off."""
    text = cell.strip()
    if text[:1] == "'" and text[1:2] in _AFTER_MARK and len(text) > 1:
        return text[1:]
    return text
