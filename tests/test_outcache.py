"""The output cache of ``status``: same inputs, same bytes, without the heavy imports;
any change of an input, the options or the terminal, a fresh file or a failed run: no
reuse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PLAN_PATH, SAMPLE_DATA

from kehoach.commands.outcache import cached_output

OLD = time.time() - 3600


def _age(folder: Path) -> None:
    for path in folder.rglob("*"):
        os.utime(path, (OLD, OLD))


@pytest.fixture
def setup(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, data)
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN_PATH, plan)
    _age(tmp_path)
    monkeypatch.setenv("KEHOACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KEHOACH_NO_CACHE", raising=False)
    monkeypatch.delenv("KEHOACH_NO_OUTPUT_CACHE", raising=False)
    return plan, data


def _counting(text: str, code: int = 0):
    calls = []

    def run() -> int:
        calls.append(1)
        sys.stdout.write(text)
        return code

    return run, calls


def test_same_inputs_print_the_same_without_running(setup, capsys):
    plan, data = setup
    run, calls = _counting("tình hình\n", 1)
    assert cached_output("status", ["a"], plan, data, run) == 1
    assert cached_output("status", ["a"], plan, data, run) == 1
    assert len(calls) == 1
    assert capsys.readouterr().out == "tình hình\n" * 2


@pytest.mark.parametrize("change", ["data", "new-file", "plan", "options", "columns"])
def test_any_change_runs_again(setup, monkeypatch, change):
    plan, data = setup
    run, calls = _counting("x\n")
    cached_output("status", ["a"], plan, data, run)
    options = ["a"]
    if change == "data":
        path = data / "2020-09" / "CC-THUE.csv"
        path.write_bytes(path.read_bytes() + b"\n")
        os.utime(path, (OLD, OLD))  # same old mtime: the size tells
    elif change == "new-file":
        (data / "2020-10").mkdir()
        (data / "2020-10" / "X.csv").write_text("x", encoding="utf-8")
        _age(data)
    elif change == "plan":
        plan.write_bytes(plan.read_bytes() + b"\n# edited\n")
        _age(plan.parent)
    elif change == "options":
        options = ["b"]
    else:
        monkeypatch.setenv("COLUMNS", "77")
    cached_output("status", options, plan, data, run)
    assert len(calls) == 2


def test_skipped_files_do_not_matter(setup):
    plan, data = setup
    run, calls = _counting("x\n")
    cached_output("status", [], plan, data, run)
    (data / "_log.csv").write_text("changed", encoding="utf-8")
    (data / "_history").mkdir()
    (data / "_history" / "old.csv").write_text("x", encoding="utf-8")
    cached_output("status", [], plan, data, run)
    assert len(calls) == 1


def test_a_fresh_file_is_not_trusted(setup):
    plan, data = setup
    (data / "2020-09" / "CC-THUE.csv").touch()  # modified just now
    run, calls = _counting("x\n")
    cached_output("status", [], plan, data, run)
    cached_output("status", [], plan, data, run)
    assert len(calls) == 2


def test_failed_runs_and_switched_off_cache_are_not_kept(setup, monkeypatch):
    plan, data = setup
    run, calls = _counting("", 2)
    cached_output("status", [], plan, data, run)
    cached_output("status", [], plan, data, run)
    assert len(calls) == 2
    monkeypatch.setenv("KEHOACH_NO_OUTPUT_CACHE", "1")
    run, calls = _counting("x\n")
    cached_output("status", [], plan, data, run)
    cached_output("status", [], plan, data, run)
    assert len(calls) == 2


def test_status_from_the_cache_is_the_same_and_imports_no_pydantic(setup, tmp_path):
    plan, data = setup
    code = (
        "import sys\n"
        "from kehoach.cli import main\n"
        f"sys.argv = ['kehoach', 'status', '--plan', {str(plan)!r}, '--data', {str(data)!r}]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as e:\n"
        "    sys.stderr.write(f'exit={e.code} pydantic={\"pydantic\" in sys.modules} '\n"
        "                     f'rich={\"rich.console\" in sys.modules}')\n"
    )
    env = {**os.environ, "KEHOACH_CACHE_DIR": str(tmp_path / "cache"), "COLUMNS": "100"}
    env.pop("KEHOACH_NO_CACHE", None)
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.stderr == "exit=0 pydantic=True rich=True"
    assert second.stderr == "exit=0 pydantic=False rich=False"
    assert second.stdout == first.stdout
    assert "KT04" in second.stdout
