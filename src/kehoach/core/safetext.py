"""Users' text with its control characters shown, never obeyed.

Paths, codes, cells and plan text are the users' own and may hold terminal control
sequences (``ESC]0;…BEL`` retitles the window, ``ESC[2J`` clears the screen) or characters
that break a file a spreadsheet opens (a NUL makes a form binary). :func:`visible` makes
every control character but LF and tab a visible sign: C0 controls as the Unicode Control
Pictures (``\\x1b`` → ``␛``), DEL as ``␡``, C1 controls as ``\\x9b``-style text. Pure; the
terminal's consoles apply it to everything they print (:mod:`kehoach.render.safe`).
"""

from __future__ import annotations

from typing import Any

_VISIBLE: dict[int, Any] = {c: 0x2400 + c for c in range(32) if chr(c) not in "\n\t"}
_VISIBLE[0x7F] = 0x2421  # ␡
_VISIBLE.update({c: f"\\x{c:02x}" for c in range(0x80, 0xA0)})
# Bidirectional controls reorder what follows them on screen (U+202E shows "txt.exe" as
# "exe.txt"): shown as their code point, never obeyed.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_VISIBLE.update({c: f"<U+{c:04X}>" for c in _BIDI})


def visible(text: str) -> str:
    """``text`` with every terminal control character but LF and tab made a visible sign."""
    return text.translate(_VISIBLE)


# What a spreadsheet takes for the start of a formula (tab and CR: some treat a cell
# beginning with them the same way once trimmed), as kehoach.core.notes has it.
_FORMULA_START = "=+-@\t\r"
_LEADING_SPACE = (
    " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u3000\n\x0b\x0c"
)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula: its first character, or
    its first after leading spaces, is one of ``= + - @``, a tab or a CR."""
    if not text:
        return False
    if text[0] in _FORMULA_START:
        return True
    rest = text.lstrip(_LEADING_SPACE)
    return bool(rest) and rest[0] in _FORMULA_START


def neutralise(text: str) -> str:
    """A text field of a CSV kehoach writes (the log, the revisions, forms), kept text:
    behind one apostrophe (the spreadsheet's own "this is text" mark) when it could be
    taken for a formula, or when it already starts with an apostrophe that
    :func:`unneutralise` would otherwise take off. ``unneutralise(neutralise(t)) == t``."""
    if looks_like_formula(text) or (text[:1] == "'" and _marked(text[1:])):
        return "'" + text
    return text


def _marked(text: str) -> bool:
    return looks_like_formula(text) or (text[:1] == "'" and _marked(text[1:]))


def unneutralise(cell: str) -> str:
    """A field written by :func:`neutralise`, as it was."""
    if cell[:1] == "'" and _marked(cell[1:]):
        return cell[1:]
    return cell


def one_record(text: str) -> str:
    """A field of a trail file on one line: CR and LF (and every other control) shown as
    visible signs, so a record stays one record whatever a file name holds."""
    return visible(text).replace("\n", "\u240a").replace("\t", "\u2409")


# Characters an XML 1.0 document (a workbook part) cannot hold: every C0 control but tab,
# LF and CR. openpyxl refuses them (IllegalCharacterError); kehoach shows them as signs.
_CELL_VISIBLE: dict[int, Any] = {c: 0x2400 + c for c in range(32) if chr(c) not in "\n\t\r"}
_CELL_VISIBLE[0x7F] = 0x2421
_CELL_VISIBLE[0x0D] = 0x240D  # a lone CR breaks the cell's line the way no one meant
_CELL_VISIBLE.update({c: f"<U+{c:04X}>" for c in _BIDI})


def cell_text(text: str) -> str:
    """A workbook cell's text with its control characters made visible signs (LF and tab
    stay: a cell may hold lines)."""
    return text.translate(_CELL_VISIBLE)
