"""What the command line says by itself: help pages, usage errors, --version, completion.

Help pages are golden files (tests/golden/help/COMMAND_LANG.txt, ``kehoach`` for the top
level), one per command and language, regenerated with KEHOACH_REGEN_GOLDEN=1. Under
``--lang vi`` no help page or usage error may show a Python type or click's English.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
from conftest import GOLDEN, PLAN_PATH, SAMPLE_DATA, check_golden
from typer.testing import CliRunner

from kehoach import __version__
from kehoach.cli import app
from kehoach.clitext import KhGroup, detect_lang
from kehoach.completion import complete_indicators

COMMANDS = [c.name for c in app.registered_commands]

# Words that must never reach a Vietnamese reader: Python types and click's own English.
FORBIDDEN = [
    r"list\[",
    r"\bPath\b",
    r"\bstr\b",
    r"\bint\b",
    r"<[a-z|]+>",
    r"Show this message",
    r"Usage:",
    r"Error:",
    r"No such",
    r"Missing",
    r"Invalid value",
    r"Try '",
    r"\[OPTIONS\]",
    r"\[default",
    r"env var",
    r"required\]",
]


def _clean_env(monkeypatch):
    for var in ("KEHOACH_PLAN", "KEHOACH_DATA", "KEHOACH_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def cli(monkeypatch):
    _clean_env(monkeypatch)
    runner = CliRunner()

    def invoke(*args, env=None):
        return runner.invoke(
            app, [str(a) for a in args], env=env, prog_name="kehoach", catch_exceptions=False
        )

    return invoke


def _help(cli, command: str | None, lang: str) -> str:
    args = ["--help"] if command is None else [command, "--help"]
    result = cli(*args, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_golden(cli, command, lang):
    check_golden(f"help/{command or 'kehoach'}_{lang}.txt", _help(cli, command, lang))


def test_every_command_has_both_goldens():
    names = {p.name for p in (GOLDEN / "help").glob("*.txt")}
    for command in ["kehoach", *COMMANDS]:
        assert {f"{command}_vi.txt", f"{command}_en.txt"} <= names


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_vietnamese_help_has_no_python_types_or_click_english(cli, command):
    text = _help(cli, command, "vi")
    for pattern in FORBIDDEN:
        assert not re.search(pattern, text), (pattern, text)
    head = text.splitlines()[0]
    assert head.startswith("Cách dùng: kehoach")
    assert "--help" in text and "Hiện hướng dẫn này rồi thoát." in text


def test_help_language_from_the_environment(cli):
    assert _help(cli, "status", "en").startswith("Usage: kehoach status [OPTIONS]")
    result = cli("status", "--help", env={"KEHOACH_LANG": "en"})
    assert result.stdout.startswith("Usage: kehoach status [OPTIONS]")


def test_command_summaries_are_whole_sentences(cli):
    text = _help(cli, None, "vi")
    commands = text.split("Lệnh:\n", 1)[1]
    assert "..." not in commands and "…" not in commands
    for line in commands.splitlines():
        assert line.rstrip().endswith("."), line


def test_month_and_date_options_name_their_forms_and_default(cli):
    for command in ("status", "report", "missing", "template"):
        text = " ".join(_help(cli, command, "vi").split())
        assert "--month THÁNG" in text
        assert "2020-09, 9/2020 hoặc T9/2020" in text
        assert "mặc định:" in text.split("--month THÁNG", 1)[1].split("--", 1)[0]
    for command, option in (("report", "--date"), ("missing", "--as-of")):
        text = " ".join(_help(cli, command, "vi").split())
        after = text.split(f"{option} NGÀY", 1)[1].split(" --", 1)[0]
        assert "2020-09-28 hoặc 28/09/2020" in after
        assert "mặc định:" in after


# ------------------------------------------------------------------ usage errors

USAGE_ERRORS = [
    (["status", "--bogus"], "Không có tùy chọn --bogus.", "There is no option --bogus."),
    (["status", "--mont", "2020-09"], "Có phải ý bạn là --month?", "Did you mean --month?"),
    (["validate"], "Thiếu đối số “TỆP…”.", "Missing argument “FILE…”."),
    (["template"], "Thiếu đối số “MÃ_ĐƠN_VỊ”.", "Missing argument “UNIT_CODE”."),
    (["status", "--month"], "Tùy chọn --month cần một giá trị.", "Option --month needs a value."),
    (
        ["status", "--json=yes"],
        "Tùy chọn --json không nhận giá trị.",
        "Option --json does not take a value.",
    ),
    (
        ["report", "--format", "pdf"],
        "Giá trị “pdf” của --format không hợp lệ; chọn một trong: text, markdown, docx.",
        "“pdf” is not a valid value for --format; choose one of: text, markdown, docx.",
    ),
    (["statu"], "Không có lệnh “statu”. Có phải ý bạn là status?", "There is no command “statu”."),
    (["plan", "extra"], "Thừa đối số: extra.", "Unexpected extra argument(s): extra."),
    (["completion", "tcsh"], "Giá trị “tcsh” của SHELL không hợp lệ", "“tcsh” is not a valid"),
]


@pytest.mark.parametrize(("args", "vi", "en"), USAGE_ERRORS)
def test_usage_errors_in_vietnamese(cli, args, vi, en):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    err = result.stderr
    assert vi in err
    assert err.startswith("Cách dùng: kehoach")
    assert "\nXem hướng dẫn: kehoach" in err
    assert "\nLỗi: " in err
    for pattern in FORBIDDEN:
        assert not re.search(pattern, err), (pattern, err)


@pytest.mark.parametrize(("args", "vi", "en"), USAGE_ERRORS)
def test_usage_errors_in_english(cli, args, vi, en):
    result = cli("--lang", "en", *args)
    assert result.exit_code == 2
    assert en in result.stderr
    assert result.stderr.startswith("Usage: kehoach")
    assert "\nError: " in result.stderr


def test_bad_language_is_said_in_vietnamese(cli):
    result = cli("status", "--lang", "fr")
    assert result.exit_code == 2
    assert "Giá trị “fr” của --lang không hợp lệ; chọn một trong: vi, en." in result.stderr


def test_no_arguments_prints_the_help(cli):
    result = cli()
    assert result.exit_code == 2
    assert result.stdout == _help(cli, None, "vi")


def test_options_still_convert(cli):
    """Case-insensitive choices and paths without typer's pydantic adapters."""
    result = cli("report", "--month", "2020-09", "--format", "MARKDOWN", "--lang", "EN",
                 "--plan", PLAN_PATH, "--data", SAMPLE_DATA)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("#") or "**" in result.stdout


@pytest.mark.parametrize(
    ("argv", "env", "lang"),
    [
        ([], {}, "vi"),
        (["--lang", "en"], {}, "en"),
        (["status", "--lang=EN"], {}, "en"),
        ([], {"KEHOACH_LANG": "en"}, "en"),
        (["--lang", "vi"], {"KEHOACH_LANG": "en"}, "vi"),
        (["--lang", "xx"], {}, "vi"),
        (["--", "--lang", "en"], {}, "vi"),
    ],
)
def test_detect_lang(monkeypatch, argv, env, lang):
    monkeypatch.delenv("KEHOACH_LANG", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert detect_lang(argv) == lang


# ------------------------------------------------------------------ version, months


def test_version(cli):
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"kehoach {__version__}\n")


def test_every_month_option_takes_the_same_forms(cli):
    outs = set()
    for form in ("2020-09", "9/2020", "T9/2020", "09/2020"):
        result = cli("status", "--month", form, "--json", "--plan", PLAN_PATH,
                     "--data", SAMPLE_DATA)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        outs.add(result.stdout)
    assert len(outs) == 1
    result = cli("missing", "--month", "sept", "--plan", PLAN_PATH, "--data", SAMPLE_DATA)
    assert result.exit_code == 2
    assert "ghi dạng 2020-09, 9/2020 hoặc T9/2020" in result.stderr


@pytest.mark.parametrize("form", ["2020-10-25", "25/10/2020"])
def test_date_options_take_the_same_forms(cli, form):
    result = cli("missing", "--month", "2020-09", "--as-of", form, "--json",
                 "--plan", PLAN_PATH, "--data", SAMPLE_DATA)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert '"as_of": "2020-10-25"' in result.stdout


# ------------------------------------------------------------------ completion


def _complete(cli, words: str, cword: int, shell: str = "bash"):
    env = {
        "_KEHOACH_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
        "KEHOACH_PLAN": str(PLAN_PATH),
    }
    result = cli(env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


def test_bash_completion_of_unit_codes(cli, plan):
    got = _complete(cli, "kehoach status --unit ", 3)
    assert got == [u.code for u in plan.units]
    assert _complete(cli, "kehoach template DU", 2) == ["DUC-THUAN"]
    assert _complete(cli, "kehoach validate x.csv --unit cc-", 4) == ["cc-thue", "cc-tk"]


def test_bash_completion_of_commands_options_and_groups(cli):
    assert _complete(cli, "kehoach mi", 1) == ["missing"]
    assert "--all" in _complete(cli, "kehoach missing --", 2)
    assert _complete(cli, "kehoach status --group ", 3) == ["KT", "DT", "XH", "QP"]


def test_indicator_codes_complete_from_the_plan(plan):
    class Ctx:
        def __init__(self):
            self.params = {"plan": PLAN_PATH}
            self.parent = None

    got = complete_indicators(Ctx(), "dt1")
    assert [code for code, _ in got] == ["dt10", "dt11"]
    assert [code for code, _ in complete_indicators(Ctx(), "XH1")] == ["XH10", "XH11"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_completion_script(cli, shell):
    result = cli("completion", shell)
    assert result.exit_code == 0
    assert "_KEHOACH_COMPLETE" in result.stdout
    assert "kehoach" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--date", "31/02/2020"], "Ngày “31/02/2020” không hợp lệ; ghi dạng"),
        (["missing", "--as-of", "31/02/2020"], "Ngày “31/02/2020” không hợp lệ; ghi dạng"),
    ],
)
def test_bad_dates_say_the_same_forms(cli, args, message):
    result = cli(*args, "--plan", PLAN_PATH, "--data", SAMPLE_DATA)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "2020-09-28 hoặc 28/09/2020." in result.stderr


def test_completion_through_the_installed_script(tmp_path):
    """What the shell does: run the `kehoach` script with _KEHOACH_COMPLETE set."""
    script = Path(sys.executable).parent / "kehoach"
    if not script.exists():
        pytest.skip("no kehoach script beside this Python")
    env = {
        **os.environ,
        "_KEHOACH_COMPLETE": "complete_bash",
        "COMP_WORDS": "kehoach missing --unit BA",
        "COMP_CWORD": "3",
        "KEHOACH_PLAN": str(PLAN_PATH),
    }
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout.split()) == (0, [])  # missing takes no --unit
    env["COMP_WORDS"] = "kehoach status --unit BA"
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, ["BAC-HONG"], "")


def test_a_command_added_without_kehoach_class_still_speaks_vietnamese(monkeypatch):
    """Helpers adding commands with plain @app.command get the same help and errors."""
    monkeypatch.delenv("KEHOACH_LANG", raising=False)
    other = typer.Typer(cls=KhGroup, add_completion=False)

    @other.command("peek")
    def peek(
        item: Annotated[str, typer.Argument(help="Mã chỉ tiêu.")],
        plan: Annotated[Path, typer.Option("--plan")] = PLAN_PATH,
    ) -> None:
        """Hiện một chỉ tiêu."""

    @other.command("other")
    def other_cmd() -> None:
        """Một lệnh khác."""

    runner = CliRunner()
    result = runner.invoke(other, ["peek", "--help"], prog_name="kehoach")
    assert result.stdout.startswith("Cách dùng: kehoach peek [TÙY_CHỌN] ITEM\n")
    assert "Hiện một chỉ tiêu." in result.stdout
    assert "--plan TỆP  Tệp kế hoạch (mặc định: theo kehoach.toml," in result.stdout
    assert "Một lệnh khác." in runner.invoke(other, ["--help"], prog_name="kehoach").stdout
    result = runner.invoke(other, ["peek"], prog_name="kehoach")
    assert result.exit_code == 2
    assert "Lỗi: Thiếu đối số “ITEM”." in result.stderr
