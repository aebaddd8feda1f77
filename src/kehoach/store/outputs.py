"""The one guard every writer passes before it writes a file the user names.

``report -o``, ``template -o``, ``status --xlsx`` (and any later ``--letter -o`` or
worksheet) write only (docs/contract.md §13):

- a regular file, or a path where nothing is yet: never a folder, a device (``/dev/zero``,
  a disk), a FIFO or a socket — opening those would block, fill the disk or replace a
  device node with a plain file;
- never through a symbolic link at the name itself (the link would be replaced, or
  followed to where nobody meant): the folders on the way may be links;
- never inside the data folder: it is written by ``submit``, ``lock`` and ``unlock`` only,
  and a form or a report dropped there would be read as a submission, or replace one.

:func:`check_output` raises :class:`OutputRefused` (a StoreError: the commands turn it
into their message, exit 2) before anything is read or written.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kehoach.core.i18n import Localized
from kehoach.store.errors import StoreError

NAME_MAX = 255  # bytes of one file name on the file systems offices use (ext4, NTFS)

REFUSED = Localized(
    "Không ghi {path}: {why}. Không ghi gì.",
    "Not writing {path}: {why}. Nothing was written.",
)
WHY = {
    "folder": Localized("đó là một thư mục", "it is a folder"),
    "special": Localized(
        "đó không phải tệp thường ({kind})", "it is not a regular file (a {kind})"
    ),
    "link": Localized(
        "đó là liên kết tượng trưng (symlink) tới {target}",
        "it is a symbolic link to {target}",
    ),
    "data": Localized(
        "tệp nằm trong thư mục dữ liệu {data}, nơi chỉ submit, lock và unlock được ghi",
        "it is inside the data folder {data}, which only submit, lock and unlock write",
    ),
    "long": Localized(
        "tên tệp dài {n} byte, quá {max} byte hệ thống cho phép",
        "the file name is {n} bytes long, over the {max} bytes file systems allow",
    ),
}
HINT = Localized(
    "Ghi ra một tệp thường ở ngoài thư mục dữ liệu, ví dụ -o ~/bao-cao/{name}.",
    "Write to a regular file outside the data folder, for example -o ~/reports/{name}.",
)
KINDS = {
    "fifo": Localized("ống FIFO", "FIFO"),
    "device": Localized("thiết bị", "device"),
    "socket": Localized("socket", "socket"),
    "other": Localized("tệp đặc biệt", "special file"),
}


class OutputRefused(StoreError):
    """An output path a writer must not write (see the module docstring)."""

    def __init__(self, path: Path, why: str, **params):
        self.why = why
        reason = WHY[why]
        shown = {
            lang: reason(lang).format(
                **{k: (v(lang) if isinstance(v, Localized) else v) for k, v in params.items()}
            )
            for lang in ("vi", "en")
        }
        super().__init__(REFUSED, HINT, path=path, why=Localized(**shown), name=path.name or "x")

    def message(self, lang: str) -> str:
        return self._message(lang).format(path=self.params["path"], why=self.params["why"](lang))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def check_output(path: Path, data: Path | None) -> None:
    """Refuse an output ``path`` a writer must not write; ``data`` is the data folder."""
    name = path.name
    if len(os.fsencode(name)) > NAME_MAX:
        raise OutputRefused(path, "long", n=len(os.fsencode(name)), max=NAME_MAX)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError:
        return  # not a folder on the way, no permission: each writer says so itself
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise OutputRefused(path, "link", target=os.readlink(path))
        if stat.S_ISDIR(info.st_mode):
            raise OutputRefused(path, "folder")
        if not stat.S_ISREG(info.st_mode):
            raise OutputRefused(path, "special", kind=KINDS[_kind(info.st_mode)])
    folder = path.parent
    if not folder.is_dir():
        return  # each writer says so in its own words
    if data is not None and _inside(folder.resolve() / name, data):
        raise OutputRefused(path, "data", data=data)


def _inside(path: Path, data: Path) -> bool:
    try:
        root = data.resolve()
    except OSError:
        return False
    return path == root or path.is_relative_to(root)
