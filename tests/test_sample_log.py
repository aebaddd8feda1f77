"""The sample data's submission log (data/monthly/_log.csv): true to the files it lists.

``missing`` reads it for timeliness; a digest or row count that disagrees with the stored
file would make the sample teach the wrong format.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import shutil

from conftest import ROOT, SAMPLE_DATA

from kehoach.core.records import LOG_HEADER
from kehoach.store.log import read_log

LOG = SAMPLE_DATA / "_log.csv"


def _sample_files():
    return sorted(SAMPLE_DATA.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]/*.csv"))


def test_every_sample_file_is_logged_once_with_its_digest_and_rows():
    lines = list(csv.reader(io.StringIO(LOG.read_text(encoding="utf-8"))))
    assert tuple(lines[0]) == LOG_HEADER
    seen = set()
    narratives = set()
    for time, unit, month, source, digest, rows, action, stored, reason in lines[1:]:
        # the sample files are stored as they were sent: one digest for both
        assert (stored, reason) == (digest, "")
        if action == "narrative-new":  # a unit's narrative report, YYYY-MM/UNIT.md
            path = SAMPLE_DATA / month / f"{unit}.md"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path
            assert source.endswith(".md") and int(rows) > 0
            narratives.add(path)
            continue
        path = SAMPLE_DATA / month / f"{unit}.csv"
        data = path.read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, path
        assert int(rows) == data.decode("utf-8").count("\n") - 1, path
        assert (action, time[-1]) == ("new", "Z")
        assert source.endswith(".csv")
        seen.add(path)
    assert len(seen) + len(narratives) == len(lines) - 1
    assert seen == set(_sample_files())
    assert narratives == {p for p in SAMPLE_DATA.glob("*/*.md") if not p.name.startswith("_")}
    times = [line[0] for line in lines[1:]]
    assert times == sorted(times)  # appended as they came


def test_log_is_read_whole_and_sent_in_the_month_itself():
    entries = read_log(SAMPLE_DATA)
    assert len(entries) == len(_sample_files())
    for e in entries:
        year, month = (int(x) for x in e.month.split("-"))
        # month M's figures are sent from the 14th of M (local time) on
        assert (e.time.year, e.time.month) == (year, month)
        assert e.time.day >= 13


def test_missing_shows_when_each_unit_sent(run):
    result = run("missing", "--month", "2020-08", "--as-of", "2020-09-25",
                 "--data", SAMPLE_DATA, "--json")  # fmt: skip
    doc = json.loads(result.stdout)
    log = {(e.unit, e.month): e.time for e in read_log(SAMPLE_DATA)}
    for u in doc["units"]:
        if not u["received"]:
            continue  # nothing sent (P-LDTBXH owns XH04 and sends none): no time to judge
        assert u["timeliness"] in ("on_time", "late")
        sent = log[(u["unit"], "2020-08")].strftime("%Y-%m-%dT%H:%M:%SZ")
        assert u["submitted_at"] == sent


def test_the_generator_writes_the_same_log(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "make_sample_data", ROOT / "scripts" / "make_sample_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    copy = tmp_path / "monthly"
    shutil.copytree(SAMPLE_DATA, copy)
    (copy / "_log.csv").unlink()
    narratives = [p for p in SAMPLE_DATA.glob("*/*.md") if not p.name.startswith("_")]
    assert module.write_sample_log(copy) == len(_sample_files()) + len(narratives)
    assert (copy / "_log.csv").read_bytes() == LOG.read_bytes()
