"""Every ``--json`` document validates against its published model, strictly.

The commands run on the sample data and on the test fixtures (clean, conflicting, locked,
files with every issue code, a data folder with a submit log and its problems); each
output is read by its model in ``kehoach.jsonschemas`` with unknown keys refused, so a key
added to a command and not to its schema fails here. ``kehoach schema NAME`` prints the
JSON Schema and ``docs/json.md`` is the schemas' own rendering.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from kehoach.jsonschemas import SCHEMAS, json_schema, markdown, validate_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "monthly"
TEST_DATA = Path(__file__).resolve().parent / "data"
ALL_TEST_CSVS = sorted(p for p in TEST_DATA.rglob("*.csv") if p.is_file())


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
    assert "Names: status, validate, missing, missing-all, check-store." in result.stderr


def test_docs_json_md_is_generated_from_the_schemas():
    text = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    assert text == markdown(), "regenerate: python -m kehoach.jsonschemas > docs/json.md"
    for name in SCHEMAS:
        assert f"## {name}\n" in text
