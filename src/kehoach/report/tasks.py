"""The tasks file the office writes for section III of the report (``--tasks FILE``).

A plain, Markdown-ish text in UTF-8: paragraphs separated by blank lines, bullets
("- ", "* ", "+ ", "• ") and numbered items ("1. ", "2) "), and "#" headings. Lines that
continue an item or a paragraph are joined to it. Emphasis marks are kept as written: the
report quotes the office's words, it does not interpret them.

:func:`parse_tasks` is pure; :func:`read_tasks` reads the file and says in the user's
language why it cannot (missing, a folder, not UTF-8), never with a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from kehoach.i18n import Localized
from kehoach.report.model import Block, Heading, Items, Para, Tasks

TASKS_NAME = "_nhiem_vu.md"

M = {
    "missing": Localized(
        "Không tìm thấy tệp nhiệm vụ {path}.", "The tasks file {path} does not exist."
    ),
    "is_dir": Localized(
        "{path} là một thư mục, không phải tệp nhiệm vụ.", "{path} is a folder, not a tasks file."
    ),
    "unreadable": Localized(
        "Không đọc được tệp nhiệm vụ {path}: {reason}.",
        "Could not read the tasks file {path}: {reason}.",
    ),
    "not_utf8": Localized(
        "Tệp nhiệm vụ {path} không phải văn bản UTF-8 (byte lạ ở vị trí {pos}). "
        "Hãy lưu lại tệp với bảng mã UTF-8.",
        "The tasks file {path} is not UTF-8 text (unexpected byte at position {pos}). "
        "Save it again as UTF-8.",
    ),
    "empty": Localized(
        "Tệp nhiệm vụ {path} trống; mục III liệt kê các chỉ tiêu cần tập trung chỉ đạo.",
        "The tasks file {path} is empty; part III lists the targets that need action.",
    ),
}


class TasksError(Exception):
    """The tasks file cannot be used; ``str(exc)`` is the message for the user."""


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


def read_tasks(path: Path, lang: str) -> tuple[Tasks | None, str | None]:
    """The parsed tasks file, or (None, a note) when it is empty.

    Raises :class:`TasksError` when the file is missing, a folder, unreadable or not UTF-8.
    """
    if path.is_dir():
        raise TasksError(M["is_dir"](lang).format(path=path))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TasksError(M["missing"](lang).format(path=path)) from None
    except OSError as exc:
        raise TasksError(
            M["unreadable"](lang).format(path=path, reason=exc.strerror or exc)
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TasksError(M["not_utf8"](lang).format(path=path, pos=exc.start)) from None
    tasks = parse_tasks(text)
    if not tasks.blocks:
        return None, M["empty"](lang).format(path=path)
    return tasks, None
