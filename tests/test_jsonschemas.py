"""Every ``--json`` document validates against its published model, strictly.

The commands run on the sample data and on the test fixtures (clean, conflicting, locked,
files with every issue code, a data folder with a submit log and its problems, a folder
where estimates were made official and values replaced, before and after a lock); each
output is read by its model in ``kehoach.render.jsonschemas`` with unknown keys refused, so a key
added to a command and not to its schema fails here. ``kehoach schema NAME`` prints the
JSON Schema and ``docs/json.md`` is the schemas' own rendering.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import write_csv
from pydantic import ValidationError

from kehoach.render.jsonschemas import SCHEMAS, json_schema, markdown, validate_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "monthly"
TEST_DATA = Path(__file__).resolve().parent / "data"
ALL_TEST_CSVS = sorted(p for p in TEST_DATA.rglob("*.csv") if p.is_file())
HEADER = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu\n"
HEADER_V2 = "don_vi,ma_chi_tieu,thang,gia_tri,ghi_chu,ky_so_lieu,uoc_tinh\n"
REASON = "BHXH đối chiếu lại với thẻ BHYT"


def _valid(name: str, stdout: str):
    doc = validate_document(name, stdout)
    assert doc.model_dump(exclude_unset=True) == json.loads(stdout)  # nothing coerced
    return doc


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--month", "2020-03"),
        ("--month", "2020-12"),
        ("--month", "2020-01"),
        ("--unit", "CC-THUE"),
        ("--unit", "P-QLDT", "--month", "2020-06"),
        ("--group", "XH"),
    ],
    ids=lambda a: " ".join(a) or "default",
)
def test_status_of_the_sample(run, args, lang):
    result = run("status", "--data", SAMPLE, "--json", "--lang", lang, *args)
    assert result.exit_code == 0
    doc = _valid("status", result.stdout)
    assert doc.indicators
    assert ("--unit" in args) == (doc.unit is not None)


@pytest.mark.parametrize("folder", ["conflicting", "stored", "locked", "report/base"])
def test_status_of_the_fixture_folders(run, folder):
    result = run("status", "--data", TEST_DATA / folder, "--json", "--month", "2020-03")
    assert result.exit_code in (0, 1)
    doc = _valid("status", result.stdout)
    if folder == "conflicting":
        assert result.exit_code == 1
        assert any(i.status == "conflict" for i in doc.indicators)
        assert doc.issues and doc.issues[0].file


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_validate_of_every_test_file(run, lang):
    # One call over every CSV under tests/data: every issue code of the catalogue, whole
    # file problems (row null) and clean files.
    result = run(
        "validate", *ALL_TEST_CSVS, "--data", TEST_DATA / "stored", "--json", "--lang", lang
    )
    assert result.exit_code == 1
    doc = _valid("validate", result.stdout)
    assert len(doc.files) == len(ALL_TEST_CSVS)
    codes = {i.code for f in doc.files for i in f.errors + f.warnings}
    assert {"not-utf8", "duplicate-key", "unknown-unit", "thousands-dot"} <= codes
    assert any(i.row is None for f in doc.files for i in f.errors)


def test_validate_of_the_sample(run):
    files = sorted(SAMPLE.glob("2020-0[3-6]/*.csv"))
    result = run("validate", *files, "--data", TEST_DATA / "no-such-folder", "--json")
    assert result.exit_code == 0
    assert all(f.ok for f in _valid("validate", result.stdout).files)


@pytest.mark.parametrize(
    "args",
    [(), ("--month", "2020-06"), ("--month", "2020-03", "--as-of", "2020-04-30")],
    ids=lambda a: " ".join(a) or "default",
)
@pytest.mark.parametrize("data", [SAMPLE, TEST_DATA / "conflicting"], ids=["sample", "conflict"])
def test_missing(run, args, data):
    result = run("missing", "--data", data, "--json", *args)
    assert result.exit_code in (0, 1)
    doc = _valid("missing", result.stdout)
    assert doc.units


@pytest.mark.parametrize("args", [(), ("--month", "2020-06"), ("--as-of", "2020-12-31")])
def test_missing_all(run, args):
    result = run("missing", "--all", "--data", SAMPLE, "--json", *args)
    assert result.exit_code == 0
    doc = _valid("missing-all", result.stdout)
    assert doc.owed == sum(u.owed for u in doc.units)


def test_check_store_of_the_sample_and_of_a_logged_folder(run, tmp_path):
    result = run("check-store", "--data", SAMPLE, "--json")
    assert result.exit_code in (0, 1)
    _valid("check-store", result.stdout)
    # A folder without a log (files copied in by hand).
    bare = tmp_path / "bare"
    shutil.copytree(SAMPLE / "2020-03", bare / "2020-03")
    result = run("check-store", "--data", bare, "--json")
    assert result.exit_code == 1
    doc = _valid("check-store", result.stdout)
    assert [p.code for p in doc.problems] == ["no-log"] and doc.problems[0].files
    # A folder kept by submit: clean, then with a file edited and one copied in by hand.
    data = tmp_path / "data"
    data.mkdir()
    for month in ("2020-03", "2020-04"):
        for f in sorted((SAMPLE / month).glob("*.csv"))[:2]:
            assert run("submit", f, "--data", data).exit_code == 0
    clean = run("check-store", "--data", data, "--json")
    assert clean.exit_code == 0 and _valid("check-store", clean.stdout).ok
    stored = sorted((data / "2020-03").glob("*.csv"))[0]
    stored.write_bytes(stored.read_bytes() + b"\n")
    shutil.copy(SAMPLE / "2020-05" / "CC-THUE.csv", data / "2020-03" / "CC-THUE.csv")
    broken = run("check-store", "--data", data, "--json", "--lang", "en")
    assert broken.exit_code == 1
    assert len(_valid("check-store", broken.stdout).problems) >= 2


# ------------------------------------------------------------------ explain


def _sum(values):
    return round(sum(values), 6)


# Each kind of indicator: a cumulative owner's figure, sums of the wards (lũy kế, and a
# cumulative one with seasonal weights), a level with a band, a milestone, a rate.
EXPLAINED = {
    "KT04": lambda d: (
        d.figure.source == "owner"
        and d.expected.phasing == "last-year"
        and [t.outcome for t in d.judgement.tests] == ["achieved", "on_track", "at_risk"]
    ),
    "KT05": lambda d: d.expected.weights and d.judgement.tests[0].holds,
    "KT06": lambda d: (
        d.figure.source == "contributors"
        and len(d.figure.terms) == 6
        and _sum(t.value for t in d.figure.terms) == d.figure.value
    ),
    "XH02": lambda d: (
        d.indicator.measure == "level"
        and d.judgement.tests[-1].factor_op == "-"
        and d.judgement.band == d.judgement.tests[-1].factor
    ),
    "DT05": lambda d: d.judgement.reason == "milestone" and d.indicator.stage is not None,
    "KT01": lambda d: d.indicator.gap_points is not None and d.expected.arithmetic is None,
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("code", list(EXPLAINED))
def test_explain_of_the_sample(run, code, lang):
    result = run("explain", code, "--data", SAMPLE, "--json", "--lang", lang)
    assert result.exit_code == 0, result.output
    doc = _valid("explain", result.stdout)
    assert doc.code == doc.indicator.code == code and doc.month == "2020-09"
    assert doc.judgement.status == doc.indicator.status
    assert doc.figure.value == doc.indicator.value
    assert doc.values and all(v.submitted and not v.file_changed for v in doc.values)
    assert "unit_value" not in doc.indicator.model_fields_set
    assert EXPLAINED[code](doc)


@pytest.mark.parametrize(
    ("code", "args"),
    [
        ("KT06", ("--unit", "DAU-LIEU")),
        ("KT05", ("--unit", "THUAN-LOC", "--month", "2020-06", "--lang", "en")),
        ("KT04", ("--unit", "CC-THUE", "--month", "2020-03")),
        ("XH02", ("--month", "2020-01")),
        ("DT05", ("--month", "2020-12", "--lang", "en")),
        ("KT01", ("--month", "2020-02")),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, tuple) else a,
)
def test_explain_with_unit_and_month(run, code, args):
    result = run("explain", code, "--data", SAMPLE, "--json", *args)
    assert result.exit_code == 0, result.output
    doc = _valid("explain", result.stdout)
    if "--month" in args:
        month = args[args.index("--month") + 1]
        assert doc.month == month and all(v.month <= month for v in doc.values)
    if "--unit" in args:
        unit = args[args.index("--unit") + 1]
        assert doc.unit == unit and doc.values
        assert {v.unit for v in doc.values} == {unit}
        assert doc.indicator.unit_value is not None
    else:
        assert doc.unit is None and "unit_value" not in doc.indicator.model_fields_set


@pytest.mark.parametrize("folder", ["conflicting", "stored", "locked", "report/base"])
def test_explain_of_the_fixture_folders(run, folder):
    result = run("explain", "KT04", "--data", TEST_DATA / folder, "--json", "--month", "2020-03")
    assert result.exit_code in (0, 1)
    doc = _valid("explain", result.stdout)
    assert all(v.submitted is None for v in doc.values)  # no submission log in these
    if folder == "conflicting":
        assert result.exit_code == 1
        assert doc.judgement.reason == "conflict" and doc.figure.value is None
        [conflict] = doc.conflicts
        assert [p.value for p in conflict.places] == [4.3, 4.8]
        assert doc.issues[0].code == "conflict" and doc.issues[0].file
    elif folder == "locked":
        assert doc.values == [] and doc.judgement.reason == "no_data"
    else:
        assert doc.conflicts == [] and doc.figure.value == doc.values[-1].ytd


def test_explain_of_the_report_fixture_lists_its_revisions(run):
    data = TEST_DATA / "report" / "sept"
    result = run("explain", "XH02", "--data", data, "--json", "--month", "2020-09")
    assert result.exit_code == 0
    doc = _valid("explain", result.stdout)
    assert [(r.month, r.old, r.new, r.action) for r in doc.revisions] == [
        ("2020-08", 91, 91.2, "replaced"),
        ("2020-05", 90, 90.2, "replaced"),
    ]
    doc = _valid("explain", run("explain", "KT04", "--data", data, "--json").stdout)
    [rev] = doc.revisions
    assert (rev.old_estimate, rev.new_estimate, rev.action) == (True, False, "official")


def test_explain_of_an_estimate_set_aside_a_conflict_and_an_edited_file(run, tmp_path):
    data = tmp_path / "data"
    write_csv(data / "2020-09" / "CC-THUE.csv", HEADER_V2 + "CC-THUE,KT04,2020-09,52,,,x\n")
    write_csv(data / "2020-09" / "chinh-thuc.csv", HEADER_V2 + "CC-THUE,KT04,2020-09,52.7,,,\n")
    result = run("explain", "KT04", "--data", data, "--json", "--month", "2020-09")
    assert result.exit_code == 0
    [value] = _valid("explain", result.stdout).values
    assert value.superseded is not None and value.superseded.value == 52
    assert (value.sent, value.estimate) == (52.7, False)
    write_csv(data / "2020-08" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2020-08,44,\n")
    write_csv(data / "2020-08" / "ban-sao.csv", HEADER + "CC-THUE,KT04,2020-08,45,\n")
    result = run("explain", "KT04", "--data", data, "--json", "--month", "2020-09", "--lang", "en")
    assert result.exit_code == 1
    doc = _valid("explain", result.stdout)
    assert doc.judgement.status == "conflict" and doc.conflicts[0].month == "2020-08"
    # A file stored by submit, then edited by hand.
    logged = tmp_path / "logged"
    logged.mkdir()
    sent = write_csv(tmp_path / "thue.csv", HEADER + "CC-THUE,KT04,2020-09,52,\n")
    assert run("submit", sent, "--data", logged).exit_code == 0
    write_csv(logged / "2020-09" / "CC-THUE.csv", HEADER + "CC-THUE,KT04,2020-09,53,\n")
    result = run("explain", "KT04", "--data", logged, "--json", "--month", "2020-09")
    [value] = _valid("explain", result.stdout).values
    assert value.submitted is not None and value.submitted.action == "new"
    assert value.file_changed and value.file_sha256 != value.submitted.stored_sha256


# ------------------------------------------------------------------ revisions


@pytest.fixture(scope="module")
def revised(tmp_path_factory) -> Path:
    """The sample after: the tax office's official September figure for its estimate; a
    figure of August replaced (--replace); September locked; then a September figure
    replaced with a reopen reason, and the statistics office's estimate made official."""
    from typer.testing import CliRunner

    from kehoach.cli import app

    root = tmp_path_factory.mktemp("revised")
    data = root / "data"
    shutil.copytree(SAMPLE, data)
    plan = ["--plan", str(ROOT / "plan2020.yaml"), "--data", str(data)]
    runner = CliRunner()

    def kehoach(*args):
        result = runner.invoke(app, [str(a) for a in args] + plan, catch_exceptions=False)
        assert result.exit_code == 0, result.output

    bhxh_08 = (SAMPLE / "2020-08" / "BHXH.csv").read_text(encoding="utf-8")
    bhxh_09 = (SAMPLE / "2020-09" / "BHXH.csv").read_text(encoding="utf-8")
    assert "BHXH,XH02,2020-08,91.4," in bhxh_08 and "BHXH,XH02,2020-09,91.5," in bhxh_09
    inbox = root / "inbox"
    kehoach("submit", write_csv(inbox / "thue.csv", HEADER + "CC-THUE,KT04,2020-09,52.7,\n"))
    bhxh = write_csv(inbox / "bhxh-t8.csv", bhxh_08.replace(",91.4,", ",91.6,"))
    kehoach("submit", bhxh, "--replace")
    kehoach("lock", "2020-09")
    bhxh = write_csv(inbox / "bhxh-t9.csv", bhxh_09.replace(",91.5,", ",92.3,"))
    kehoach("submit", bhxh, "--replace", "--reopen-reason", REASON)
    kehoach("submit", write_csv(inbox / "tk.csv", HEADER + "CC-TK,KT01,2020-09,9.8,\n"))
    return data


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_revisions_of_a_folder_with_official_and_replaced_values(run, revised, lang):
    result = run("revisions", "--data", revised, "--json", "--lang", lang)
    assert result.exit_code == 0, result.output
    doc = _valid("revisions", result.stdout)
    assert doc.month is None
    assert [(r.indicator, r.month, r.action) for r in doc.revisions] == [
        ("KT04", "2020-09", "official"),
        ("XH02", "2020-08", "replaced"),
        ("XH02", "2020-09", "reopened-replaced"),
        # made official after September was locked: said so (issue 24)
        ("KT01", "2020-09", "reopened-official"),
    ]
    kt04 = doc.revisions[0]
    assert (kt04.old, kt04.old_estimate, kt04.new, kt04.new_estimate) == (52, True, 52.7, False)
    assert (kt04.status_old.status, kt04.status_new.status) == ("at_risk", "on_track")
    assert doc.revisions[2].reason == REASON and doc.revisions[1].reason == ""
    assert all(r.status_old and r.status_new for r in doc.revisions)


def test_revisions_of_one_month_and_of_the_fixtures(run, revised, tmp_path):
    doc = _valid(
        "revisions", run("revisions", "--data", revised, "--month", "8/2020", "--json").stdout
    )
    assert doc.month == "2020-08" and [r.indicator for r in doc.revisions] == ["XH02"]
    sept = run("revisions", "--data", TEST_DATA / "report" / "sept", "--json")
    assert len(_valid("revisions", sept.stdout).revisions) == 3
    for folder in (SAMPLE, TEST_DATA / "conflicting"):
        result = run("revisions", "--data", folder, "--json")
        assert _valid("revisions", result.stdout).revisions == []
    # A code no longer in the plan: listed, without statuses.
    data = tmp_path / "data"
    data.mkdir()
    (data / "_revisions.csv").write_text(
        "time,unit,indicator,month,old,new,old_estimate,new_estimate,action,reason\n"
        "2020-10-05T02:30:00Z,CC-THUE,KT99,2020-09,1,,,,replaced,sửa tay\n",
        encoding="utf-8",
    )
    [item] = _valid("revisions", run("revisions", "--data", data, "--json").stdout).revisions
    assert (item.new, item.unit_of_measure, item.status_old, item.status_new) == (
        None,
        "",
        None,
        None,
    )


def test_explain_and_status_of_the_revised_folder(run, revised):
    result = run("explain", "XH02", "--data", revised, "--json", "--month", "2020-09")
    assert result.exit_code == 0
    doc = _valid("explain", result.stdout)
    assert [(r.month, r.action) for r in doc.revisions] == [
        ("2020-08", "replaced"),
        ("2020-09", "reopened-replaced"),
    ]
    sept = doc.values[-1]
    assert sept.sent == 92.3 and sept.submitted.action == "reopened-replaced"
    assert sept.submitted.reason == REASON and not sept.file_changed
    result = run("explain", "KT04", "--data", revised, "--json", "--unit", "CC-THUE")
    [rev] = _valid("explain", result.stdout).revisions
    assert (rev.old, rev.new, rev.action) == (52, 52.7, "official")
    # status of the locked month lists what changed since the figures at the lock.
    result = run("status", "--data", revised, "--json", "--month", "2020-09")
    adjustments = _valid("status", result.stdout).adjustments
    assert adjustments is not None and adjustments.warning is None
    assert [(f.code, f.old, f.new) for f in adjustments.figures] == [
        ("KT01", 9.6, 9.8),
        ("XH02", 91.5, 92.3),
    ]
    assert adjustments.figures[1].revisions[-1].reason == REASON
    # A month without a snapshot has no adjustments key at all.
    result = run("status", "--data", revised, "--json", "--month", "2020-08")
    assert "adjustments" not in _valid("status", result.stdout).model_fields_set


# ------------------------------------------------------------------ show


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("code", "month"),
    [
        ("KT04", "2020-09"),
        ("KT06", "2020-06"),
        ("KT05", "2020-09"),
        ("XH02", "2020-09"),
        ("DT05", "2020-12"),
        ("KT01", "2020-03"),
    ],
)
def test_show_of_the_sample(run, code, month, lang):
    result = run("show", code, "--data", SAMPLE, "--json", "--month", month, "--lang", lang)
    assert result.exit_code == 0, result.output
    doc = _valid("show", result.stdout)
    assert doc.code == doc.indicator.code == code and doc.month == month
    assert [p.month for p in doc.series] == [f"2020-{m:02d}" for m in range(1, 13)]
    assert all(p.value is None for p in doc.series if p.month > month)
    assert doc.status == doc.indicator.status and doc.measure == doc.indicator.measure
    if doc.measure == "level":
        assert doc.risk_line == doc.target - doc.band
        assert all(p.expected is None for p in doc.series)
    else:
        assert doc.risk_line is None
    if code == "KT06":
        assert len(doc.contributors) == 6
    if code == "KT04":
        assert doc.series[8].previous_year == 55.6 and doc.series[8].estimate


@pytest.mark.parametrize("folder", ["conflicting", "stored", "locked", "report/base"])
def test_show_of_the_fixture_folders(run, folder):
    result = run("show", "KT04", "--data", TEST_DATA / folder, "--json", "--month", "2020-03")
    assert result.exit_code in (0, 1)
    doc = _valid("show", result.stdout)
    assert (doc.status == "conflict") == (folder == "conflicting")
    if folder in ("conflicting", "locked"):
        assert all(p.value is None for p in doc.series)
    else:
        assert doc.series[2].sent and doc.series[2].value == doc.indicator.value


# ------------------------------------------------------------------ by-unit


@pytest.mark.parametrize(
    "args",
    [(), ("KT05", "XH04"), ("--month", "2020-03"), ("--group", "XH", "--lang", "en")],
    ids=lambda a: " ".join(a) or "default",
)
def test_by_unit_of_the_sample(run, args):
    result = run("status", "--by-unit", *args, "--data", SAMPLE, "--json")
    assert result.exit_code == 0, result.output
    doc = _valid("by-unit", result.stdout)
    codes = [i.code for i in doc.indicators]
    if "KT05" in args:
        assert codes == ["KT05", "XH04"]
    elif "--group" in args:
        assert codes and all(c.startswith("XH") for c in codes)
    else:
        assert codes == ["KT05", "KT06", "XH04", "XH08", "XH09"]
    for ind in doc.indicators:
        shares = [u.share for u in ind.units if u.share is not None]
        assert not shares or abs(sum(shares) - 1) < 1e-9
    # breakdown prints the very same document.
    assert run("breakdown", *args, "--data", SAMPLE, "--json").stdout == result.stdout


@pytest.mark.parametrize("folder", ["conflicting", "stored", "locked", "report/base"])
def test_by_unit_of_the_fixture_folders(run, folder):
    result = run(
        "status", "--by-unit", "--data", TEST_DATA / folder, "--json", "--month", "2020-03"
    )
    assert result.exit_code in (0, 1)
    doc = _valid("by-unit", result.stdout)
    assert len(doc.indicators) == 5
    conflicts = [i for i in doc.issues if i.code == "conflict"]
    assert bool(conflicts) == (folder == "conflicting") == (result.exit_code == 1)


def test_by_unit_with_per_unit_targets(run):
    folder = TEST_DATA / "by-unit"
    result = run("breakdown", "--data", folder / "data", "--plan", folder / "plan.yaml", "--json")
    assert result.exit_code == 0, result.output
    doc = _valid("by-unit", result.stdout)
    targeted = [u for i in doc.indicators for u in i.units if u.target is not None]
    assert targeted and all(u.status is not None for u in targeted)
    assert {u.status for u in targeted} >= {"off_track", "no_data"}


def test_an_undocumented_key_is_refused(run):
    result = run("status", "--data", SAMPLE, "--json")
    doc = json.loads(result.stdout)
    doc["indicators"][0]["surprise"] = 1
    with pytest.raises(ValidationError, match="surprise"):
        validate_document("status", json.dumps(doc))
    doc = json.loads(result.stdout)
    doc["summary"]["achieved"] = "3"  # strict: a string is not a count
    with pytest.raises(ValidationError):
        validate_document("status", json.dumps(doc))


@pytest.mark.parametrize("name", list(SCHEMAS))
def test_schema_prints_the_json_schema(run, name):
    result = run("schema", name)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == json_schema(name)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("args", [("nope",), ()], ids=["unknown", "none"])
def test_schema_of_an_unknown_name_lists_the_names(run, args):
    result = run("schema", *args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    names = "status, validate, missing, missing-all, check-store, explain, revisions, show, by-unit"
    assert f"Names: {names}." in result.stderr
    assert names == ", ".join(SCHEMAS)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_schema_help_names_every_document(run, lang):
    text = " ".join(run("schema", "--help", "--lang", lang).stdout.split())
    for name in SCHEMAS:
        assert f" {name}," in text or f" {name} (" in text, name


def test_docs_json_md_is_generated_from_the_schemas():
    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    assert text == markdown(), "regenerate: python -m kehoach.render.jsonschemas > docs/json.md"
    for name in SCHEMAS:
        assert f"## {name}\n" in text
