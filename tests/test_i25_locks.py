"""The data folder's lock is the operating system's: a holder that dies, however it dies,
leaves no lock behind (store/folder_lock.py). Tested by killing real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kehoach.core.layout import EXCL_LOCK_NAME, LOCK_NAME
from kehoach.store.check import check_store
from kehoach.store.folder_lock import DataLock, FolderBusy
from tests.conftest import PLAN_PATH

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="kills with SIGKILL (TerminateProcess elsewhere)"
)

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kehoach.store.folder_lock import DataLock
    DataLock(Path(sys.argv[1])).__enter__()
    print("held", flush=True)
    time.sleep(120)
    """
)

# A submit stopped while it holds the lock, before it has written anything: the moment a
# crash, a closed window or a killed process would leave a lock file behind.
SLOW_SUBMIT = textwrap.dedent(
    """
    import sys, time
    from kehoach.store import folder_lock
    enter = folder_lock.DataLock.__enter__
    def held(self):
        got = enter(self)
        print("held", file=sys.stderr, flush=True)
        time.sleep(120)
        return got
    folder_lock.DataLock.__enter__ = held
    sys.argv = ["kehoach", *sys.argv[1:]]
    from kehoach.cli import main
    main()
    """
)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOACH_")}
    env.update(extra)
    return env


def _start(script: str, *args, stream: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
    )
    line = getattr(proc, stream).readline()
    assert line.strip() == "held", (line, proc.poll())
    return proc


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_a_killed_holder_leaves_no_lock(data):
    holder = _start(HOLD, data, stream="stdout")
    with pytest.raises(FolderBusy):
        DataLock(data, timeout=0).__enter__()
    _kill(holder)
    started = time.monotonic()
    with DataLock(data, timeout=5):
        pass
    assert time.monotonic() - started < 1.0  # free at once, not after a wait
    assert sorted(p.name for p in data.iterdir()) == [LOCK_NAME]  # and no stray file


def _submit_args(tmp_path: Path, data: Path) -> list:
    form = tmp_path / "thue.csv"
    form.write_text("ma_chi_tieu,gia_tri\nKT04,60\n", encoding="utf-8")
    return ["submit", form, "--unit", "CC-THUE", "--month", "2020-10", "--plan", PLAN_PATH,
            "--data", data]  # fmt: skip


def test_a_killed_submit_leaves_no_lock_and_the_next_submit_goes_through(tmp_path, data):
    args = _submit_args(tmp_path, data)
    killed = _start(SLOW_SUBMIT, *args, stream="stderr")
    _kill(killed)
    assert not (data / "2020-10").exists()  # killed before it wrote
    started = time.monotonic()
    again = subprocess.run(
        [sys.executable, "-m", "kehoach", *map(str, args)],
        capture_output=True,
        env=_env(KEHOACH_LOCK_TIMEOUT="5"),
        timeout=120,
    )
    assert again.returncode == 0, again.stderr.decode()
    assert "Đang chờ".encode() not in again.stderr  # nothing to wait for
    assert time.monotonic() - started < 30
    assert (data / "2020-10" / "CC-THUE.csv").exists()
    assert not (data / EXCL_LOCK_NAME).exists()
    assert check_store(data).problems == []


def test_contention_says_it_waits_then_gives_up_clearly(tmp_path, data):
    holder = _start(HOLD, data, stream="stdout")
    try:
        started = time.monotonic()
        busy = subprocess.run(
            [sys.executable, "-m", "kehoach", *map(str, _submit_args(tmp_path, data))],
            capture_output=True,
            env=_env(KEHOACH_LOCK_TIMEOUT="1", COLUMNS="300"),
            timeout=120,
        )
        took = time.monotonic() - started
    finally:
        _kill(holder)
    assert busy.returncode == 2
    err = busy.stderr.decode("utf-8")
    assert err.startswith("Đang chờ một lệnh khác ghi xong thư mục dữ liệu (tối đa 1 giây)…\n"), err
    assert "Thư mục dữ liệu đang bận" in err and "sau 1 giây chờ" in err
    assert "không cần xóa tệp nào" in err
    assert took < 20
    assert not (data / "2020-10").exists()


def test_the_wait_can_be_shortened_but_not_made_nonsense(monkeypatch, data):
    monkeypatch.setenv("KEHOACH_LOCK_TIMEOUT", "2.5")
    assert DataLock(data).timeout == 2.5
    assert DataLock(data, timeout=0).timeout == 0  # an explicit wait is kept
    monkeypatch.setenv("KEHOACH_LOCK_TIMEOUT", "soon")
    assert DataLock(data).timeout == 60.0
