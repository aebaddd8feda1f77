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


def visible(text: str) -> str:
    """``text`` with every terminal control character but LF and tab made a visible sign."""
    return text.translate(_VISIBLE)
