"""``kehoach init [FOLDER] [--sample]``: a working folder, started without the source tree.

Writes ``FOLDER/kehoach.toml`` (which every later command run inside FOLDER, or below it,
finds: kehoach/read/config.py), the shipped plan as ``FOLDER/plan2020.yaml`` and the data
folder ``FOLDER/data/monthly/`` (with ``--sample``, the shipped sample in it: illustrative
figures, not the town's). It never writes over anything: when one of these is already
there it refuses and names it, before writing anything (exit 2). Each file is created
exclusively, so a file that appears meanwhile is not overwritten either; what a failed run
had created is removed again.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from kehoach.commands.common import EXIT_OK, fail, stdout_console
from kehoach.core.i18n import Localized
from kehoach.read.config import CONFIG_NAME, config_text
from kehoach.read.shipped import PLAN_NAME, SAMPLE_NAME, shipped

DATA_REL = Path("data") / "monthly"

MESSAGES = {
    "exists": Localized(
        "Không tạo thư mục làm việc: đã có {names} trong {folder}. kehoach init không "
        "ghi đè tệp nào.",
        "No working folder made: {folder} already has {names}. kehoach init never writes "
        "over a file.",
    ),
    "exists_hint": Localized(
        "Chọn một thư mục mới, ví dụ: kehoach init {suggest}",
        "Choose a new folder, e.g.: kehoach init {suggest}",
    ),
    "not_folder": Localized(
        "{folder} là một tệp, không phải thư mục.", "{folder} is a file, not a folder."
    ),
    "no_shipped": Localized(
        "Bản cài đặt này không kèm {name}; cài lại kehoach từ gói (pip install kehoach).",
        "This install does not ship {name}; reinstall kehoach from its package.",
    ),
    "write_failed": Localized(
        "Không ghi được {path}: {reason}. Không có gì được tạo.",
        "Could not write {path}: {reason}. Nothing was made.",
    ),
    "made": Localized("Đã tạo thư mục làm việc {folder}:", "Made the working folder {folder}:"),
    "config": Localized(
        "cấu hình: tệp kế hoạch và thư mục số liệu", "config: the plan file and the data folder"
    ),
    "plan": Localized("kế hoạch (sửa theo kế hoạch của địa phương)", "the plan (edit to yours)"),
    "data_empty": Localized("thư mục số liệu (trống)", "the data folder (empty)"),
    "data_sample": Localized(
        "thư mục số liệu, có {count} tệp số liệu MẪU (minh họa, không phải số liệu thật)",
        "the data folder, with {count} SAMPLE files (illustrative, not real figures)",
    ),
    "next": Localized("Tiếp theo:", "Next:"),
    "next_status": Localized("tình hình thực hiện các chỉ tiêu", "where each target stands"),
    "next_template": Localized("mẫu cho đơn vị điền số liệu", "a form for a unit to fill in"),
    "next_submit": Localized("lưu tệp đơn vị gửi", "store a file a unit sent"),
}


def _quoted(path: Path) -> str:
    """A path as cmd.exe, PowerShell and a POSIX shell all read it: in double quotes when
    it has a space or a character a shell treats specially."""
    text = str(path)
    if text and all(c.isalnum() or c in "-_./\\:" for c in text):
        return text
    return f'"{text}"'


def run_init(folder: Path, sample: bool, lang: str) -> int:
    plan_src = shipped(PLAN_NAME)
    sample_src = shipped(SAMPLE_NAME) if sample else None
    if plan_src is None:
        fail(MESSAGES["no_shipped"](lang).format(name=PLAN_NAME))
    if sample and sample_src is None:
        fail(MESSAGES["no_shipped"](lang).format(name="data/monthly"))
    if folder.exists() and not folder.is_dir():
        fail(MESSAGES["not_folder"](lang).format(folder=folder))
    targets = [folder / CONFIG_NAME, folder / PLAN_NAME, folder / DATA_REL]
    taken = [p for p in targets if p.exists() or p.is_symlink()]
    if taken:
        names = ", ".join(str(p.relative_to(folder)) for p in taken)
        suggest = _quoted(folder / "kehoach") if folder != Path(".") else "kehoach"
        fail(
            MESSAGES["exists"](lang).format(names=names, folder=folder),
            MESSAGES["exists_hint"](lang).format(suggest=suggest),
        )
    made: list[Path] = []  # what to remove again if a later step fails
    try:
        if not folder.exists():
            folder.mkdir(parents=True)
            made.append(folder)
        _create(folder / CONFIG_NAME, config_text(PLAN_NAME, DATA_REL.as_posix()).encode(), made)
        _create(folder / PLAN_NAME, plan_src.read_bytes(), made)
        data = folder / DATA_REL
        if not data.parent.exists():
            data.parent.mkdir()
            made.append(data.parent)
        data.mkdir()
        made.append(data)
        count = _copy_sample(sample_src, data, made) if sample_src is not None else 0
    except OSError as exc:
        for path in reversed(made):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        path = getattr(exc, "filename", None) or folder
        fail(MESSAGES["write_failed"](lang).format(path=path, reason=exc.strerror or exc))
    _say_done(folder, count, sample, lang)
    return EXIT_OK


def _create(path: Path, data: bytes, made: list[Path]) -> None:
    with open(path, "xb") as out:  # never over a file that appeared meanwhile
        made.append(path)
        out.write(data)


def _copy_sample(src: Path, dest: Path, made: list[Path]) -> int:
    """The sample's files (its month folders and its log) under ``dest``; how many
    submissions."""
    count = 0
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames.sort()
        rel = Path(dirpath).relative_to(src)
        if rel != Path("."):
            (dest / rel).mkdir()
        for name in sorted(filenames):
            _create(dest / rel / name, (Path(dirpath) / name).read_bytes(), made)
            if name.endswith(".csv") and not name.startswith(("_", ".")):
                count += 1
    return count


def _say_done(folder: Path, count: int, sample: bool, lang: str) -> None:
    from rich.text import Text

    m = {k: v(lang) for k, v in MESSAGES.items()}
    out = stdout_console()
    out.print(
        Text("✔ " + m["made"].format(folder=folder.absolute()), style="bold green"), soft_wrap=True
    )
    data_words = m["data_sample"].format(count=count) if sample else m["data_empty"]
    rows = [
        (CONFIG_NAME, m["config"]),
        (PLAN_NAME, m["plan"]),
        (DATA_REL.as_posix() + "/", data_words),
    ]
    for name, words in rows:
        out.print(Text(f"  {name:<16} {words}"), soft_wrap=True)
    out.print(Text(m["next"]), soft_wrap=True)
    # Each command alone on its line, so that it can be copied into cmd.exe, PowerShell or
    # a POSIX shell as it is (cmd.exe has no "# comment").
    if folder.resolve() != Path.cwd().resolve():
        out.print(Text(f"  cd {_quoted(folder)}"), soft_wrap=True)
    steps = [
        (m["next_status"], "kehoach status"),
        (m["next_template"], "kehoach template CC-THUE -o mau-cc-thue.xlsx"),
        (m["next_submit"], "kehoach submit tep-don-vi-gui.xlsx"),
    ]
    for words, cmd in steps:
        out.print(Text(f"  {words[0].upper()}{words[1:]}:"), soft_wrap=True)
        out.print(Text(f"    {cmd}"), soft_wrap=True)
