"""Issue 26: the trail as one transaction (store.journal).

A crash is injected in-process at every step of every writing command — before and
after each write of its transaction, and in the middle of each atomic write (the new
bytes in the temporary file, not yet renamed) — then the next command runs, and the data
folder must be exactly what an uninterrupted run makes: the same files with the same
bytes, and ``check-store`` clean. Between the crash and the next command ``check-store``
names the cut change (``unfinished-change``) and nothing else it explains.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import write_csv

from kehoach.core.narrative import Block, Narrative, to_text
from kehoach.store import atomic, journal
from kehoach.store.check import check_store
from kehoach.store.month_locks import set_month_lock
from kehoach.store.narratives import submit_narrative
from kehoach.store.snapshots import lock_snapshot
from kehoach.store.submit import submit_file

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
EST_HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu,uoc_tinh\n"
T0 = datetime(2020, 9, 20, 8, 0, tzinfo=UTC)
NOW = datetime(2020, 10, 20, 9, 30, tzinfo=UTC)


class Crash(BaseException):
    """What kill -9 does to the process, in-process: nothing after it runs."""


@pytest.fixture(scope="module")
def base(plan, tmp_path_factory) -> Path:
    """A small data folder built by submit and lock: an estimate for September, August
    stored and locked."""
    root = tmp_path_factory.mktemp("base") / "data"
    root.mkdir()
    inbox = root.parent / "inbox"
    inbox.mkdir()
    files = [
        (EST_HEADER + "CC-THUE,KT04,2020-09,52,ước,x\n", False),
        (HEADER + "BHXH,XH02,2020-09,90.9,\n", False),
        (HEADER + "BHXH,XH02,2020-08,90.5,\n", False),
    ]
    for n, (text, replace) in enumerate(files):
        src = write_csv(inbox / f"b{n}.csv", text)
        assert submit_file(plan, src, root, now=T0, replace=replace).ok
    set_month_lock(
        root,
        "2020-08",
        unlock=False,
        note="Báo cáo số 41",
        now=T0,
        user="ketoan",
        snapshot=lambda: lock_snapshot(plan, root, 8, T0),
    )
    # a narrative report for September, to be replaced
    report = inbox / "P-TNMT_2020-09.md"
    report.write_text(to_text(_report("Cấp 132 giấy chứng nhận.")), encoding="utf-8")
    assert submit_narrative(plan, report, root, now=T0).ok
    assert check_store(root).problems == []
    return root


def _report(text: str, unit: str = "P-TNMT") -> Narrative:
    return Narrative(unit, "2020-09", {"results": (Block("paragraph", text),)})


def _narrative(text: str, unit: str = "P-TNMT", **kw):
    def act(plan, root: Path, inbox: Path):
        inbox.mkdir(parents=True, exist_ok=True)
        src = inbox / f"{unit}_2020-09.md"
        src.write_text(to_text(_report(text, unit)), encoding="utf-8")
        outcome = submit_narrative(plan, src, root, now=NOW, **kw)
        assert outcome.ok, outcome.to_dict("en")

    return act


def _inbox(tmp: Path, name: str, text: str) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    return write_csv(tmp / name, text)


# Every write a command makes, as an action on a copy of the base folder.
def _submit(text: str, **kw):
    def act(plan, root: Path, inbox: Path):
        src = _inbox(inbox, "sent.csv", text)
        outcome = submit_file(plan, src, root, now=NOW, **kw)
        assert outcome.ok, outcome.to_dict("en")

    return act


def _lock(month: str, num: int, unlock: bool = False):
    def act(plan, root: Path, inbox: Path):
        set_month_lock(
            root,
            month,
            unlock=unlock,
            note="lý do" if unlock else "Báo cáo số 42",
            now=NOW,
            user="ketoan",
            snapshot=lambda: lock_snapshot(plan, root, num, NOW),
        )

    return act


ACTIONS = {
    "submit-new": _submit(HEADER + "P-TNMT,KT07,2020-09,98,=HYPERLINK(1)\n"),
    "submit-replace": _submit(HEADER + "BHXH,XH02,2020-09,91.2,\n", replace=True),
    "submit-official": _submit(HEADER + "CC-THUE,KT04,2020-09,52.6,\n"),
    "submit-reopen": _submit(
        HEADER + "BHXH,XH02,2020-08,90.7,\n", replace=True, reopen_reason="CV 12\r/CCT"
    ),
    "submit-two-months": _submit(HEADER + "CA,QP02,2020-09,6,\nCA,QP02,2020-10,5,\n"),
    "narrative-new": _narrative("Tiêm phòng đợt 2.", unit="P-KT"),
    "narrative-replace": _narrative("Cấp 140 giấy chứng nhận.", replace=True),
    "lock": _lock("2020-09", 9),
    "unlock": _lock("2020-08", 8, unlock=True),
}


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name not in (".lock", ".lock.excl")
    }


def _copy(base: Path, where: Path) -> Path:
    root = where / "data"
    shutil.copytree(base, root)
    return root


def _points(plan, base: Path, tmp: Path, action) -> tuple[list[str], dict[str, bytes]]:
    """The crash points the action passes, and the folder it makes when not cut."""
    root = _copy(base, tmp / "reference")
    seen: list[str] = []
    journal.crash_point = seen.append
    try:
        action(plan, root, tmp / "reference-inbox")
    finally:
        journal.crash_point = lambda name: None
    return seen, _tree(root)


def _next_command(plan, root: Path) -> None:
    # Any command that takes the data folder's lock finishes the cut change first; this
    # one (unlocking a month that is not locked) changes nothing itself.
    change = set_month_lock(root, "2020-01", unlock=True, note="x", now=NOW, user="ketoan")
    assert change.entry is None


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_crash_at_any_point_loses_nothing(plan, base, tmp_path, name, monkeypatch):
    action = ACTIONS[name]
    points, reference = _points(plan, base, tmp_path, action)
    assert "journal-written" in points and "done" in points
    assert check_store(_copy(base, tmp_path / "ref-check")).problems == []
    before = _tree(base)
    for n, point in enumerate(points):
        root = _copy(base, tmp_path / f"cut-{n}")

        def crash(at: str, point=point) -> None:
            if at == point:
                raise Crash(point)

        monkeypatch.setattr(journal, "crash_point", crash)
        with pytest.raises(Crash):
            action(plan, root, tmp_path / f"inbox-{n}")
        monkeypatch.setattr(journal, "crash_point", lambda at: None)
        codes = [p.code for p in check_store(root).problems]
        started = (root / "_journal.json").exists()
        if started:
            # named for what it is, and the damage it explains is not listed besides
            assert codes == ["unfinished-change"], (point, codes)
        else:
            # cut before the journal was written: nothing changed at all
            assert codes == [] and _tree(root) == before, point
        _next_command(plan, root)
        assert check_store(root).problems == [], point
        # the whole change (finished by the next command), or none of it
        assert _tree(root) == (reference if started else before), point


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_crash_inside_an_atomic_write_leaves_a_temporary_file_the_next_command_removes(
    plan, base, tmp_path, name, monkeypatch
):
    """kill -9 between writing the temporary file and renaming it: the temporary file stays
    (write_atomic cannot remove it), check-store names it, the next command removes it."""
    action = ACTIONS[name]
    _points_seen, reference = _points(plan, base, tmp_path, action)
    real_replace = atomic.os.replace
    for n in range(8):
        root = _copy(base, tmp_path / f"cut-{n}")
        count = {"n": 0}

        def replace(src, dst, n=n, root=root, count=count):
            if Path(dst).parent.resolve().is_relative_to(root.resolve()):
                count["n"] += 1
                if count["n"] == n + 1:
                    # the process dies here: write_atomic's cleanup never runs
                    monkeypatch.setattr(Path, "unlink", _no_unlink)
                    raise Crash(dst)
            return real_replace(src, dst)

        monkeypatch.setattr(atomic.os, "replace", replace)
        try:
            action(plan, root, tmp_path / f"inbox-{n}")
            monkeypatch.undo()
            assert _tree(root) == reference
            break  # fewer renames than n: every one was tried
        except Crash:
            monkeypatch.undo()
        problems = check_store(root).problems
        temps = [p for p in problems if p.code == "temp-file"]
        assert len(temps) == 1 and Path(temps[0].file).name.endswith(".tmp")
        started = (root / "_journal.json").exists()
        _next_command(plan, root)
        assert check_store(root).problems == [], n
        # the whole change, or (cut while the journal itself was written) none of it
        assert _tree(root) == (reference if started else _tree(base)), n
    else:
        pytest.fail("more renames than expected")


def _no_unlink(self, missing_ok=False):
    return None


def test_the_journal_records_every_write_before_any_is_made(plan, base, tmp_path, monkeypatch):
    root = _copy(base, tmp_path / "x")
    seen = {}

    def look(at: str) -> None:
        if at == "journal-written":
            seen["tx"] = journal.read_journal(root)
            seen["tree"] = _tree(root)

    monkeypatch.setattr(journal, "crash_point", look)
    ACTIONS["submit-reopen"](plan, root, tmp_path / "inbox")
    tx = seen["tx"]
    assert tx.kind == "submit" and tx.about["stored"] == ["2020-08/BHXH.csv"]
    assert [s["op"] for s in tx.steps] == ["copy", "write", "append", "append"]
    assert [s.get("path", s.get("dest")) for s in tx.steps][1:] == [
        "2020-08/BHXH.csv",
        "_log.csv",
        "_revisions.csv",
    ]
    # nothing but the journal was there yet
    assert set(seen["tree"]) - set(_tree(base)) == {"_journal.json"}
    assert not (root / "_journal.json").exists()
    # the reason's CR is shown, not obeyed: one record in each trail file
    assert (root / "_revisions.csv").read_text().splitlines()[-1].endswith("CV 12␍/CCT")
    log = (root / "_log.csv").read_text()
    assert log.count("\n") == len(log.splitlines())


def test_a_damaged_journal_stops_the_writing_commands(plan, base, tmp_path, run):
    root = _copy(base, tmp_path / "x")
    (root / "_journal.json").write_text('{"version": 1, "kind": "submit", "steps": [{"op": "x"}]}')
    problems = check_store(root).problems
    assert [p.code for p in problems] == ["journal-damaged"]
    result = run("lock", "2020-09", "--data", str(root), "--lang", "en")
    assert result.exit_code == 2
    assert "The transaction journal" in result.stderr and "is damaged" in result.stderr
    assert "Nothing was changed" in " ".join(result.stderr.split())


def test_a_journal_cannot_write_outside_the_data_folder(plan, base, tmp_path):
    root = _copy(base, tmp_path / "x")
    (root / "_journal.json").write_text(
        '{"version": 1, "kind": "submit", "about": {}, "steps": '
        '[{"op": "write", "path": "../escaped.csv", "sha": "0", "data": ""}]}'
    )
    with pytest.raises(journal.JournalDamaged):
        journal.recover(root)
    assert not (tmp_path / "x" / "escaped.csv").exists()


@pytest.mark.parametrize("trail", ["_log.csv", "_revisions.csv", "_history", "_reports"])
def test_trail_files_are_never_written_through_a_link(plan, base, tmp_path, trail, run):
    root = _copy(base, tmp_path / "x")
    outside = tmp_path / "outside"
    outside.mkdir()
    target = root / trail
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        shutil.copyfile(target, outside / trail)
        target.unlink()
    if trail in ("_history", "_reports"):
        (outside / trail).mkdir(exist_ok=True)
    target.symlink_to(outside / trail)
    before = {p.name: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    src = _inbox(tmp_path / "in", "s.csv", HEADER + "BHXH,XH02,2020-09,91.2,\n")
    if trail == "_reports":
        result = run("lock", "2020-09", "--data", str(root), "--lang", "en")
    else:
        result = run("submit", str(src), "--replace", "--data", str(root), "--lang", "en")
    assert result.exit_code == 2, result.stdout
    assert "is a symbolic link" in result.stderr
    after = {p.name: p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    assert after == before
    assert not (root / "_journal.json").exists()


def test_a_lock_cut_before_its_snapshot_by_an_older_kehoach_gets_it_on_the_next_lock(
    plan, base, tmp_path
):
    root = _copy(base, tmp_path / "x")
    (root / "_reports" / "2020-08.json").unlink()  # the state the old two-step lock left
    change = set_month_lock(
        root, "2020-08", unlock=False, note="", now=NOW, user="k",
        snapshot=lambda: lock_snapshot(plan, root, 8, NOW),
    )  # fmt: skip
    assert change.entry is None and change.snapshot == root / "_reports" / "2020-08.json"
    assert change.snapshot.exists()
    assert check_store(root).problems == []


def test_the_snapshot_is_taken_under_the_lock_with_the_figures_locked(plan, base, tmp_path):
    """A submit that waits on the lock cannot slip a figure in between the lock line and
    the snapshot: the snapshot is made inside the lock's transaction."""
    root = _copy(base, tmp_path / "x")
    order = []

    def snap():
        from kehoach.store.folder_lock import DataLock, FolderBusy

        try:  # the folder lock is held while the snapshot is made
            with DataLock(root, timeout=0):
                order.append("free")
        except FolderBusy:
            order.append("held")
        return lock_snapshot(plan, root, 9, NOW)

    set_month_lock(root, "2020-09", unlock=False, note="", now=NOW, user="k", snapshot=snap)
    assert order == ["held"]
    assert (root / "_reports" / "2020-09.json").exists()


def test_a_crash_in_report_o_loses_nothing(plan, base, tmp_path, run, monkeypatch):
    """report -o of a locked month writes the report (outside the data folder), then the
    month's snapshot (inside, under the data folder's lock): killed inside either atomic
    write, the next command removes the temporary file, check-store is clean, and the
    report run again writes the same report and snapshot as an uninterrupted one."""
    args = (
        "report",
        "--month",
        "2020-08",
        "--format",
        "text",
        "--date",
        "2020-08-22",
        "--lang",
        "vi",
    )

    def report(root: Path, out: Path):
        return run(*args, "-o", out, "--data", root)

    ref_root = _copy(base, tmp_path / "ref")
    (ref_root / "_reports" / "2020-08.json").unlink()  # so that report -o records it
    assert report(ref_root, tmp_path / "ref.txt").exit_code == 0
    reference = _tree(ref_root)
    assert "_reports/2020-08.json" in reference
    real_replace = atomic.os.replace
    for n in range(2):  # the report's rename, then the snapshot's
        root = _copy(base, tmp_path / f"cut-{n}")
        (root / "_reports" / "2020-08.json").unlink()
        out = tmp_path / f"out-{n}.txt"
        target = out if n == 0 else root / "_reports" / "2020-08.json"

        def replace(src, dst, target=target):
            if Path(dst) == target:  # the report's rename, or the snapshot's
                monkeypatch.setattr(Path, "unlink", _no_unlink)
                raise Crash(dst)
            return real_replace(src, dst)  # the plan cache, when cold, among others

        monkeypatch.setattr(atomic.os, "replace", replace)
        with pytest.raises(Crash):
            report(root, out)
        monkeypatch.undo()
        temps = [p for p in check_store(root).problems if p.code == "temp-file"]
        assert len(temps) == (1 if n == 1 else 0)  # the report's own temp is beside it
        _next_command(plan, root)
        assert check_store(root).problems == []
        assert report(root, out).exit_code == 0
        # the killed report's temporary file beside its output went with the rerun
        assert not list(tmp_path.glob(f".{out.name}.*.tmp"))
        assert _same_but_when_and_where(_tree(root), reference)
        assert out.read_bytes() == (tmp_path / "ref.txt").read_bytes()


def _same_but_when_and_where(tree: dict[str, bytes], reference: dict[str, bytes]) -> bool:
    """The same files, a snapshot's time of writing and output name aside."""
    import json

    def norm(name: str, data: bytes):
        if name.startswith("_reports/"):
            doc = json.loads(data)
            doc.pop("written"), doc.pop("output")
            return doc
        return data

    got = {k: norm(k, v) for k, v in tree.items()}
    want = {k: norm(k, v) for k, v in reference.items()}
    assert sorted(got) == sorted(want)
    for k in got:
        assert got[k] == want[k], k
    return True


def test_a_dangling_lock_link_is_not_followed(plan, base, tmp_path, run):
    root = _copy(base, tmp_path / "x")
    (root / ".lock").unlink(missing_ok=True)
    target = tmp_path / "elsewhere" / "created.lock"
    target.parent.mkdir()
    (root / ".lock").symlink_to(target)
    result = run("lock", "2020-09", "--data", root, "--lang", "en")
    assert result.exit_code == 2
    assert not target.exists()
    assert "internal error" not in result.stderr.lower()
