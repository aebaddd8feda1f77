"""The JSON documents the commands print with ``--json``, as pydantic models.

One model per document (``status``, ``validate``, ``missing``, ``check-store``), each
field described; :data:`SCHEMAS` names them. ``kehoach schema NAME`` prints a document's
JSON Schema, ``docs/json.md`` is generated from them (``python -m kehoach.jsonschemas >
docs/json.md``; a test keeps the two in step), and the tests validate every ``--json``
output of the sample and test data against its model, strictly, unknown keys refused.

The commands build their documents as plain dicts (fast, no pydantic on the way out);
these models say what scripts may rely on. Adding a document is one entry in
:data:`SCHEMAS`: its model (a :class:`Doc`) and the command that prints it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

StatusWord = Literal[
    "conflict", "achieved", "not_due", "no_data", "on_track", "at_risk", "off_track"
]
Month = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}$")]  # YYYY-MM
Number = Annotated[float, Field(description="a number, not rounded")]


class Doc(BaseModel):
    """A JSON document, or a part of one: every key it has is described here."""

    model_config = ConfigDict(extra="forbid", strict=True)


# ------------------------------------------------------------------ issues


class IssueItem(Doc):
    """A problem found in a submission file."""

    row: int | None = Field(description="spreadsheet row (header = 1); null: the whole file")
    column: str | None = Field(description="canonical column name (e.g. gia_tri), or null")
    code: str = Field(description="a stable code of docs/errors.md")
    message: str = Field(description="what is wrong, in the --lang language")
    hint: str | None = Field(None, description="how to fix it; absent when there is none")


class DataIssue(IssueItem):
    """A problem of a stored file under --data (a conflict between two files, a file that
    cannot be read): the data is read all the same, without the values in question."""

    file: str | None = Field(description="the stored file's path")


# ------------------------------------------------------------------ validate


class ValidatedFile(Doc):
    """One file given to validate."""

    path: str
    rows: int = Field(description="data rows read (blank rows not counted)")
    ok: bool = Field(description="true when the file has no error (warnings allowed)")
    errors: list[IssueItem]
    warnings: list[IssueItem]


class ValidateDoc(Doc):
    """Each file's rows and problems."""

    files: list[ValidatedFile]


# ------------------------------------------------------------------ status


class Stage(Doc):
    """A milestone indicator's stages (numbers count from 1; 0 = none reached)."""

    reached: int | None
    expected: int | None = Field(description="the stage the plan expects by the month")
    name: str | None = Field(description="the reached stage's name (Vietnamese)")
    expected_name: str | None


class ContributionItem(Doc):
    """One reporting unit's part in the town's figure."""

    unit: str
    role: Literal["owner", "contributor"]
    value: Number | None = Field(description="cumulative: its year to date; else its latest")
    month: Month | None = Field(description="the latest month it sent")
    estimate: bool = Field(description="its figure is an estimate (ước tính)")
    month_value: Number | None = Field(description="cumulative: its amount of the month")
    due_sent: int = Field(description="due months up to the month that it sent")
    due_total: int = Field(description="due months up to the month")
    target: Number | None = Field(description="its own target, where the plan gives one")
    attainment: Number | None
    status: StatusWord | None


class NoteItem(Doc):
    """A unit's note (ghi_chu) on one of its figures."""

    unit: str
    month: Month
    note: str


class IndicatorStatus(Doc):
    """One indicator at the month."""

    code: str
    group: str
    name: str = Field(description="the indicator's name (Vietnamese)")
    name_en: str
    unit_of_measure: str = Field(description="unit of measure (Vietnamese)")
    direction: str = Field(description="higher, lower or band")
    comparison: str = Field(description="how the target reads: >, >=, <, <=")
    target_text: str = Field(description="the target in the plan's own words (Vietnamese)")
    target_text_en: str
    measure: Literal["cumulative", "level", "milestone"]
    target: Number | None
    baseline: Number | None
    band: Number | None
    value: Number | None = Field(
        description="cumulative: the year to date; level: the latest value; null: no data"
    )
    month_value: Number | None = Field(description="cumulative: the amount of the month")
    estimate: bool = Field(description="the figure rests on an estimate")
    expected: Number | None = Field(description="what the phasing expects by the month")
    attainment: Number | None = Field(description="INDICATORS.md point 13; null for rates")
    gap_points: Number | None = Field(description="rates: value − target, in points")
    status: StatusWord
    last_month: Month | None = Field(description="the latest month with a figure")
    owner: str | None = Field(description="the unit answering for the town's figure")
    reported_by: list[str]
    source: Literal["owner", "contributors"] | None
    owner_value: Number | None
    contributors_sum: Number | None
    mismatch: bool = Field(description="owner and contributors' sum differ beyond tolerance")
    due_month: Month | None = Field(description="the latest due month up to the month")
    partial: bool = Field(description="some expected reporters have not sent")
    missing_units: list[str]
    stale: bool = Field(description="the latest figure is older than the latest due month")
    previous_year: Number | None = Field(description="the same period last year")
    vs_previous_year: Number | None = Field(
        description="ratio to last year (amounts, counts) or points (rates)"
    )
    phasing: str | None = Field(description="linear, seasonal, year-end or last-year")
    phasing_fallback: bool
    projected: Number | None = Field(description="cumulative: the year end at this pace")
    needed_per_month: Number | None
    shortfall: Number | None = Field(description="cumulative: still needed for the year")
    stage: Stage | None = Field(description="milestones only")
    below_baseline: bool
    conflict_months: list[Month] = Field(description="months with conflicting stored figures")
    contributions: list[ContributionItem]
    notes: list[NoteItem]
    unit_value: Number | None = Field(
        None, description="with --unit only: that unit's own contribution"
    )


class StatusDoc(Doc):
    """Every indicator's figure, attainment and status at the month."""

    plan: str = Field(description="the plan's id")
    month: Month
    indicators: list[IndicatorStatus]
    summary: dict[StatusWord, int] = Field(description="indicators per status word")
    month_defaulted: bool = Field(description="no --month: the default month (CONTRACT.md)")
    later_month: Month | None = Field(description="a later month that already has data")
    unit: str | None = Field(None, description="with --unit only")
    issues: list[DataIssue]
    skipped_years: dict[str, int] = Field(
        description="year → data files under --data not read (years before last year)"
    )


# ------------------------------------------------------------------ missing


class Overall(Doc):
    due: int = Field(description="figures due from all units for the month")
    received: int
    rate: Number | None = Field(description="received / due; null when nothing is due")


class UnitMissingItem(Doc):
    """One unit's account for the month."""

    unit: str
    name: str
    name_en: str
    due: list[str] = Field(description="indicator codes due from it")
    received: list[str]
    missing: list[str]
    conflicts: list[str] = Field(description="stored twice with different figures")
    rate: Number = Field(description="received / due")
    submitted_at: str | None = Field(description="first submit logged, UTC, ISO 8601")
    timeliness: Literal["on_time", "late", "unknown"] | None
    days_late: int | None
    overdue_days: int | None = Field(description="figures missing and the deadline passed")
    status: Literal["complete", "partial", "nothing"]


class MissingDoc(Doc):
    """Who has not reported the month: the units most to chase first."""

    month: Month
    as_of: str = Field(description="the day counted from, YYYY-MM-DD")
    deadline: str = Field(description="the units' deadline, YYYY-MM-DD")
    overall: Overall
    units: list[UnitMissingItem]
    not_due_units: list[str] = Field(description="units with nothing due in the month")
    issues: list[DataIssue]


class OwedMonthItem(Doc):
    """A month a unit still owes figures for."""

    month: Month
    deadline: str = Field(description="the units' deadline for the month, YYYY-MM-DD")
    missing: list[str] = Field(description="indicator codes due and not received")
    conflicts: list[str] = Field(description="among missing: stored twice, different figures")
    overdue_days: int | None = Field(description="days past the deadline; null: not passed")


class UnitOwedItem(Doc):
    """A unit owing figures, its oldest debt first."""

    unit: str
    name: str
    name_en: str
    owed: int = Field(description="figures owed over all its months")
    months: list[OwedMonthItem]


class MissingAllDoc(Doc):
    """Every month from January to the month: the figures each unit still owes."""

    all: Literal[True]
    up_to: Month
    as_of: str = Field(description="the day counted from, YYYY-MM-DD")
    owed: int = Field(description="figures owed by all units")
    units: list[UnitOwedItem] = Field(description="units owing something, oldest debt first")
    issues: list[DataIssue]


# ------------------------------------------------------------------ check-store


class StoreSummary(Doc):
    files: int = Field(description="data files the commands read")
    verified: int = Field(description="stored files whose bytes have the logged SHA-256")
    unverified: list[str] = Field(description="files logged before SHA-256s were logged")
    history: int = Field(description="old versions accounted for by replaced lines")
    log_lines: int
    problems: int


class StoreProblemItem(Doc):
    """One thing wrong with the data folder."""

    code: str
    path: str | None
    line: int | None = Field(description="a line of the log or lock file")
    message: str
    hint: str
    files: list[str] | None = Field(None, description="the files concerned, where many")


class CheckStoreDoc(Doc):
    """The data folder checked against its submission log."""

    data: str = Field(description="the data folder")
    ok: bool
    summary: StoreSummary
    problems: list[StoreProblemItem]


# ------------------------------------------------------------------ the registry


class Schema(NamedTuple):
    model: type[Doc]
    command: str  # the command line that prints the document


# name → document. Adding one (e.g. explain, revisions) is one line here.
SCHEMAS: dict[str, Schema] = {
    "status": Schema(StatusDoc, "kehoach status --json"),
    "validate": Schema(ValidateDoc, "kehoach validate FILE... --json"),
    "missing": Schema(MissingDoc, "kehoach missing --json"),
    "missing-all": Schema(MissingAllDoc, "kehoach missing --all --json"),
    "check-store": Schema(CheckStoreDoc, "kehoach check-store --json"),
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of document ``name`` (a key of :data:`SCHEMAS`)."""
    entry = SCHEMAS[name]
    schema = entry.model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def validate_document(name: str, text: str) -> Doc:
    """A command's JSON output read by its model, strictly (unknown keys refused)."""
    return SCHEMAS[name].model.model_validate_json(text, strict=True)


# ------------------------------------------------------------------ docs/json.md


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " \\| ".join(_type(p, defs) for p in prop["anyOf"])
    if "enum" in prop:
        return " \\| ".join(f"`{json.dumps(v)}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{json.dumps(prop['const'])}`"
    if "pattern" in prop:
        return "string (YYYY-MM)"
    kind = prop.get("type", "any")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}), defs)}"
    if kind == "object" and "additionalProperties" in prop:
        keys = prop.get("propertyNames")
        key = _type(keys, defs) if keys else "string"
        return f"object ({key} → {_type(prop['additionalProperties'], defs)})"
    return {"integer": "integer", "number": "number", "string": "string", "boolean": "boolean"}.get(
        kind, kind
    )


def _rows(schema: dict[str, Any], defs: dict[str, Any], prefix: str, seen: set) -> list[str]:
    """One table row per key, nested objects and lists of objects under their key."""
    lines = []
    required = set(schema.get("required", ()))
    for key, prop in schema.get("properties", {}).items():
        path = f"{prefix}{key}"
        note = prop.get("description", "")
        if key not in required:
            note = f"(may be absent) {note}".strip()
        note = note.replace("|", "\\|")
        lines.append(f"| `{path}` | {_type(prop, defs)} | {note} |")
        for ref, suffix in _nested(prop):
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                lines += _rows(defs[name], defs, f"{path}{suffix}.", seen | {name})
    return lines


def _nested(prop: dict[str, Any]) -> list[tuple[str, str]]:
    """The models a property holds, and how its path goes on: `.x` or `[].x`."""
    found = []
    for p in prop.get("anyOf", [prop]):
        if "$ref" in p:
            found.append((p["$ref"], ""))
        elif p.get("type") == "array" and "$ref" in p.get("items", {}):
            found.append((p["items"]["$ref"], "[]"))
    return found


def markdown() -> str:
    """Every document's keys as Markdown: the source of ``docs/json.md``."""
    out = [
        "# JSON documents",
        "",
        "What each `--json` output holds. Generated from `src/kehoach/jsonschemas.py` by "
        "`python -m kehoach.jsonschemas`; do not edit by hand. `kehoach schema NAME` prints "
        "a document's JSON Schema (draft 2020-12). Numbers are not rounded; keys are never "
        "renamed, new ones may be added. Messages and hints are in the `--lang` language.",
        "",
    ]
    for name, entry in SCHEMAS.items():
        schema = entry.model.model_json_schema()
        defs = schema.get("$defs", {})
        out += [
            f"## {name}",
            "",
            f"`{entry.command}` — {schema.get('description', '').strip()}",
            "",
            f"Schema: `kehoach schema {name}`.",
            "",
            "| key | type | meaning |",
            "|---|---|---|",
            *_rows(schema, defs, "", set()),
            "",
        ]
    return "\n".join(out)


def schema_text(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
