"""The user guide's commands run as written, and print what it shows
(docs/huong-dan-su-dung.md).

The guide is read as a script: every ```cmd block is run, command by command, in a fresh
folder (``cd`` changes folder; ``kehoach`` is this kehoach, as a process), and the ```text
block after it lists lines its output must hold (``…`` stands for any text; a line that is
only ``…`` is a cut). HTML comments steer what the page cannot show:
``<!-- guide-test: skip -->`` leaves the next block out (installing),
``<!-- guide-test: exit N -->`` says the next block ends with N (a file with an error), and
``<!-- guide-test: fill FILE CODE=VALUE | … -->`` fills a form as the clerk does in Excel.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "huong-dan-su-dung.md"
BLOCK = re.compile(r"```(\w+)\n(.*?)```|<!-- guide-test: (.*?) -->", re.S)


def steps(text: str) -> list[tuple]:
    """("run", commands, expected exit, shown lines) and ("fill", file, values), in order."""
    out: list[tuple] = []
    skip, exit_code = False, 0
    for m in BLOCK.finditer(text):
        lang, body, marker = m.group(1), m.group(2), m.group(3)
        if marker is not None:
            word, _, rest = marker.partition(" ")
            if word == "skip":
                skip = True
            elif word == "exit":
                exit_code = int(rest)
            elif word == "fill":
                name, _, pairs = rest.partition(" ")
                values = dict(p.strip().split("=", 1) for p in pairs.split("|"))
                out.append(("fill", name, values))
            else:
                raise AssertionError(f"unknown guide-test marker: {marker}")
        elif lang == "cmd":
            if not skip:
                commands = [line for line in body.splitlines() if line.strip()]
                out.append(("run", commands, exit_code, []))
            skip, exit_code = False, 0
        elif lang == "text" and out and out[-1][0] == "run" and not out[-1][3]:
            out[-1][3].extend(body.splitlines())
    return out


def _fill(path: Path, values: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header = rows[0]
    code, value = header.index("ma_chi_tieu"), header.index("gia_tri")
    for row in rows[1:]:
        if row and row[code] in values:
            row[value] = values[row[code]]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")


def _matches(shown: str, printed: list[str]) -> bool:
    # Runs of spaces count as one: a table's padding differs a little between versions of
    # rich (the tested floor, 13.8, pads the first column by one more space than 15).
    pattern = ".*".join(re.escape(" ".join(part.split(" "))) for part in shown.split("…"))
    pattern = pattern.replace(r"\ ", " ")
    pattern = re.sub(" +", " +", pattern)
    return any(re.fullmatch(pattern, line.strip()) for line in printed)


def test_the_guide_runs_as_written(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_")}
    env.update(KEHOACH_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="80", NO_COLOR="1")
    here = tmp_path / "may-van-phong"
    here.mkdir()
    ran = 0
    for step in steps(GUIDE.read_text(encoding="utf-8")):
        if step[0] == "fill":
            _fill(here / step[1], step[2])
            continue
        _, commands, expected, shown = step
        printed: list[str] = []
        for command in commands:
            words = shlex.split(command)
            if words[0] == "cd":
                here = here / words[1]
                assert here.is_dir(), command
                continue
            assert words[0] == "kehoach", f"the guide runs only kehoach: {command}"
            got = subprocess.run(
                [sys.executable, "-m", "kehoach", *words[1:]],
                cwd=here,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=300,
            )
            text = got.stdout.decode("utf-8")
            assert got.returncode == expected, f"{command} → {got.returncode}\n{text}"
            printed += [line.rstrip() for line in text.splitlines()]
            ran += 1
        for line in shown:
            if line.strip() and line.strip() != "…":
                assert _matches(line.strip(), printed), f"{commands}: not printed: {line!r}"
    assert ran >= 12
    # what the office ends up with
    assert (here / "bao-cao-thang-9.docx").stat().st_size > 0
    assert (here / "tong-hop-thang-9.xlsx").stat().st_size > 0
    assert (here / "data" / "monthly" / "2020-10" / "DUC-THUAN.csv").exists()


def test_the_guide_is_linked_first_from_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", readme)
    assert links and links[0] == "docs/huong-dan-su-dung.md"
