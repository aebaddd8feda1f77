"""Shared fixtures: the shipped plan, the sample data, and running the CLI in-process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from kehoach.cli import app
from kehoach.read.planfile import load_plan

# Two noisy cores in CI: judge properties by their examples, never by their speed.
settings.register_profile(
    "kehoach", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("kehoach")


@pytest.fixture(autouse=True, scope="session")
def _plan_cache_in_a_temporary_folder(tmp_path_factory):
    """Keep the plan cache of test runs out of the user's home."""
    import os

    os.environ["KEHOACH_CACHE_DIR"] = str(tmp_path_factory.mktemp("kehoach-cache"))
    yield


ROOT = Path(__file__).resolve().parent.parent
PLAN_PATH = ROOT / "plan2020.yaml"
SAMPLE_DATA = ROOT / "data" / "monthly"
TEST_DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"


REGEN = os.environ.get("KEHOACH_REGEN_GOLDEN") == "1"
FLOORS = os.environ.get("KEHOACH_FLOORS") == "1"  # set by .ci/floors


def check_golden(name: str, data: str | bytes) -> None:
    """Compare ``data`` with ``tests/golden/NAME``. A missing golden fails; goldens are
    written only on purpose, with ``KEHOACH_REGEN_GOLDEN=1``."""
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")
    assert path.exists(), f"missing golden file {path}; run with KEHOACH_REGEN_GOLDEN=1"
    stored = path.read_bytes() if isinstance(data, bytes) else path.read_text(encoding="utf-8")
    if FLOORS and data != stored:
        # .ci/floors: the goldens are made with the versions the dev install resolves; the
        # oldest versions pyproject.toml allows lay a table or a document out a little
        # differently (rich pads, python-docx writes its parts), which is not a failure.
        pytest.skip(f"golden {name} differs under the floor versions (.ci/floors)")
    assert data == stored, f"differs from {path}; KEHOACH_REGEN_GOLDEN=1 to update"


@pytest.fixture(scope="session")
def plan():
    return load_plan(PLAN_PATH)


@pytest.fixture
def run(monkeypatch):
    """Run ``kehoach ARGS`` in-process; returns the click Result (stdout, exit_code)."""
    for var in ("KEHOACH_PLAN", "KEHOACH_DATA", "KEHOACH_LANG", "COLUMNS"):
        # setenv first so that teardown restores the variable even when the command
        # itself sets it (options given before the command do, for the command to read).
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        argv = [str(a) for a in args]
        if "--plan" not in argv:
            argv += ["--plan", str(PLAN_PATH)]
        return runner.invoke(app, argv, input=input, catch_exceptions=False)

    return invoke


def write_csv(path: Path, text: str, *, bom: bool = False, crlf: bool = False) -> Path:
    """Write a CSV fixture as Excel would: optional BOM and CRLF line ends."""
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
