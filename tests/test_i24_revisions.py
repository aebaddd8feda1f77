"""Issue 24, say what happened: an estimate over an official figure is refused unless
``--replace`` and a reason are given (then a revision); estimates made official in a
locked month are said in the output and listed as revisions after the lock."""

from __future__ import annotations

import json

from conftest import write_csv

HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,uoc_tinh\n"


def _submit(run, path, data, *args):
    return run("submit", path, "--data", data, *args)


def test_an_estimate_over_an_official_figure_needs_replace_and_a_reason(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    official = write_csv(tmp_path / "o.csv", HEADER + "CC-THUE,KT04,2020-03,4.3,\n")
    estimate = write_csv(tmp_path / "e.csv", HEADER + "CC-THUE,KT04,2020-03,4.5,x\n")
    assert _submit(run, official, data).exit_code == 0
    stored = (data / "2020-03" / "CC-THUE.csv").read_bytes()
    refused = _submit(run, estimate, data, "--replace", "--json")
    assert refused.exit_code == 1
    (error,) = json.loads(refused.stdout)["errors"]
    assert error["code"] == "estimate-replaces-official"
    assert error["message"] == (
        "CC-THUE, 2020-03: tệp này thay số chính thức đã lưu của KT04 bằng số ước tính "
        f"({data / '2020-03' / 'CC-THUE.csv'}). Không lưu gì."
    )
    assert "--replace và --reason" in error["hint"]
    assert (data / "2020-03" / "CC-THUE.csv").read_bytes() == stored  # nothing stored
    done = _submit(run, estimate, data, "--replace", "--reason", "theo số ước của Cục Thuế")
    assert done.exit_code == 0, done.stdout
    revisions = json.loads(run("revisions", "--data", data, "--json").stdout)
    (rev,) = [r for r in revisions["revisions"] if r["indicator"] == "KT04"]
    assert (rev["old"], rev["new"], rev["old_estimate"], rev["new_estimate"]) == (
        4.3,
        4.5,
        False,
        True,
    )
    assert rev["action"] == "replaced" and rev["reason"] == "theo số ước của Cục Thuế"


def test_an_estimate_over_an_estimate_needs_only_replace(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    first = write_csv(tmp_path / "a.csv", HEADER + "CC-THUE,KT04,2020-03,4.3,x\n")
    second = write_csv(tmp_path / "b.csv", HEADER + "CC-THUE,KT04,2020-03,4.5,x\n")
    assert _submit(run, first, data).exit_code == 0
    assert _submit(run, second, data, "--replace").exit_code == 0


def test_estimates_made_official_in_a_locked_month_are_said_and_listed(run, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    estimate = write_csv(tmp_path / "e.csv", HEADER + "CC-THUE,KT04,2020-04,8.5,x\n")
    official = write_csv(tmp_path / "o.csv", HEADER + "CC-THUE,KT04,2020-04,8.7,\n")
    assert _submit(run, estimate, data).exit_code == 0
    assert run("lock", "2020-04", "--data", data).exit_code == 0
    result = _submit(run, official, data, "--lang", "en")
    assert result.exit_code == 0, result.stdout  # no --replace, no reason needed
    assert "— estimates made official in a locked month (recorded in the revisions list)" in (
        result.stdout
    )
    doc = json.loads(
        _submit(run, official, data, "--json").stdout  # the same again: already stored
    )
    assert [e["code"] for e in doc["errors"]] == ["already-stored", "month-locked"]
    revisions = json.loads(run("revisions", "--data", data, "--json").stdout)
    (rev,) = revisions["revisions"]
    assert rev["action"] == "reopened-official"
    assert (rev["old"], rev["new"]) == (8.5, 8.7)
    log = (data / "_log.csv").read_text(encoding="utf-8").splitlines()
    assert ",reopened-official," in log[-1]
    assert run("check-store", "--data", data).exit_code == 0
