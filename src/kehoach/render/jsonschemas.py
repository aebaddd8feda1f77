"""The JSON documents the commands print with ``--json``, as pydantic models.

One model per document (``status``, ``validate``, ``missing``, ``missing-all``,
``check-store``, ``explain``, ``revisions``, ``show``, ``by-unit``), each field described;
:data:`SCHEMAS` names them. ``kehoach schema NAME`` prints a document's JSON Schema,
``docs/json.md`` is generated from them (``python -m kehoach.render.jsonschemas > docs/json.md``;
a test keeps the two in step), and the tests validate every ``--json`` output of the
sample and test data against its model, strictly, unknown keys refused.

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
Comparison = Literal[">", ">=", "<", "<="]
Phasing = Literal["linear", "seasonal", "year-end", "last-year"]
Role = Literal["owner", "contributor"]
# How a stored file came to be (the submission log's action column).
LogAction = Literal[
    "new", "replaced", "official", "reopened-new", "reopened-replaced", "reopened-official"
]
# What a revision did: an estimate made official, a value replaced; reopened-…: after lock.
RevisionAction = Literal["official", "replaced", "reopened-official", "reopened-replaced"]


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
    rows: int = Field(
        description="data rows read (blank rows not counted); a narrative report: its "
        "paragraphs, list items and tables"
    )
    ok: bool = Field(description="true when the file has no error (warnings allowed)")
    errors: list[IssueItem]
    warnings: list[IssueItem]
    kind: Literal["narrative"] | None = Field(
        None, description="present for a narrative report (.docx, .md): `narrative`"
    )
    unit: str | None = Field(None, description="a narrative report's unit, when known")
    month: Month | None = Field(None, description="a narrative report's month, when known")
    sections: list[str] | None = Field(
        None, description="a narrative report's parts read (results, shortcomings, …)"
    )


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
    attainment: Number | None = Field(description="docs/plan.md §13; null for rates")
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


class AdjustmentRevision(Doc):
    """A revision behind an adjusted figure, stored after the report was recorded."""

    unit: str
    month: Month = Field(description="the month of the revised value")
    time: str = Field(description="when it was stored, UTC, YYYY-MM-DDTHH:MM:SSZ")
    old: Number | None = Field(description="null: the slot was empty")
    new: Number | None = Field(description="null: the value was taken out")
    action: RevisionAction
    reason: str = Field(description="the --reopen-reason given; empty when none")


class AdjustedFigure(Doc):
    """An indicator whose figure (or its estimate mark) differs from the issued report."""

    code: str
    old: Number | None = Field(description="the figure the issued report printed")
    old_estimate: bool
    old_status: StatusWord
    new: Number | None = Field(description="the figure now")
    new_estimate: bool
    new_status: StatusWord
    unit_of_measure: str = Field(description="unit of measure (Vietnamese)")
    revisions: list[AdjustmentRevision]


class Adjustments(Doc):
    """The month's figures against its issued report (DATA/_reports/YYYY-MM.json)."""

    report_date: str | None = Field(description="the report's date, YYYY-MM-DD; null: damaged")
    written: str | None = Field(description="when the figures were recorded, UTC, ISO 8601")
    figures: list[AdjustedFigure]
    warning: str | None = Field(description="the snapshot file cannot be read: why")


class StatusDoc(Doc):
    """Every indicator's figure, attainment and status at the month."""

    plan: str = Field(description="the plan's id")
    month: Month
    indicators: list[IndicatorStatus]
    summary: dict[StatusWord, int] = Field(description="indicators per status word")
    month_defaulted: bool = Field(description="no --month: the default month (docs/contract.md §4)")
    later_month: Month | None = Field(description="a later month that already has data")
    unit: str | None = Field(None, description="with --unit only")
    issues: list[DataIssue]
    skipped_years: dict[str, int] = Field(
        description="year → data files under --data not read (years before last year)"
    )
    adjustments: Adjustments | None = Field(
        None, description="only when the month has an issued report (a snapshot)"
    )


# ------------------------------------------------------------------ missing


class Overall(Doc):
    due: int = Field(description="figures due from all units for the month")
    received: int
    rate: Number | None = Field(description="received / due; null when nothing is due")


class ContactItem(Doc):
    """Who to call at a unit about its report, as the plan gives it."""

    person: str
    phone: str
    email: str


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
    contact: ContactItem | None = Field(description="the plan's contact; null: none given")


class NarrativeDueItem(Doc):
    """One unit's narrative report for the month (due the same day as the figures)."""

    unit: str
    name: str
    name_en: str
    received: bool = Field(description="a report is stored: DATA/YYYY-MM/UNIT.md")
    submitted_at: str | None = Field(description="first narrative submit logged, UTC")
    timeliness: Literal["on_time", "late", "unknown"] | None
    days_late: int | None
    overdue_days: int | None = Field(description="not received and the deadline passed")


class MissingDoc(Doc):
    """Who has not reported the month: the units most to chase first."""

    month: Month
    as_of: str = Field(description="the day counted from, YYYY-MM-DD")
    deadline: str = Field(description="the units' deadline, YYYY-MM-DD")
    overall: Overall
    units: list[UnitMissingItem]
    not_due_units: list[str] = Field(description="units with nothing due in the month")
    narratives: list[NarrativeDueItem] | None = Field(
        None,
        description="each unit expected to send a narrative report for the month, the "
        "ones not received first",
    )
    past_plan_year: bool = Field(description="counted from a day past the plan year: no days late")
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
    contact: ContactItem | None = Field(description="the plan's contact; null: none given")


class MissingAllDoc(Doc):
    """Every month from January to the month: the figures each unit still owes."""

    all: Literal[True]
    up_to: Month
    as_of: str = Field(description="the day counted from, YYYY-MM-DD")
    owed: int = Field(description="figures owed by all units")
    past_plan_year: bool = Field(description="counted from a day past the plan year: no days late")
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


# ------------------------------------------------------------------ explain


class SubmittedInfo(Doc):
    """The log line of the submission that stored the value's file."""

    time: str = Field(description="UTC, YYYY-MM-DDTHH:MM:SSZ")
    action: LogAction
    source: str = Field(description="the file's name as received")
    sha256: str = Field(description="SHA-256 of the file as received")
    stored_sha256: str | None = Field(
        description="SHA-256 of the stored file as written; null in old log lines"
    )
    reason: str = Field(description="the --reopen-reason given; empty when none")


class SupersededEstimate(Doc):
    """An estimate for the same month set aside by the official figure."""

    value: Number
    file: str
    row: int


class SourceValueItem(Doc):
    """One value a unit sent for the indicator, up to the month, and where it came from."""

    unit: str
    role: Role
    month: Month
    sent: Number = Field(description="the figure as the unit sent it")
    sent_as: Literal["ytd", "month"] | None = Field(
        description="cumulative: sent as the year to date or the month's amount; else null"
    )
    month_value: Number | None = Field(description="cumulative: the month's own amount")
    ytd: Number | None = Field(description="cumulative: the year to date at that month")
    estimate: bool
    counted: bool = Field(description="part of the town's figure at the month explained")
    file: str | None = Field(description="the file it was read from")
    row: int | None = Field(description="its spreadsheet row (header = 1)")
    submitted: SubmittedInfo | None = Field(description="null: not stored by kehoach submit")
    file_sha256: str | None = Field(description="SHA-256 of the file as it is now")
    file_changed: bool = Field(description="the stored file is not what the log says")
    superseded: SupersededEstimate | None


class ConflictPlaceItem(Doc):
    file: str
    row: int
    value: Number


class ConflictItem(Doc):
    """A unit's month stored twice with different figures: not counted."""

    unit: str
    month: Month
    places: list[ConflictPlaceItem] = Field(description="each file and row holding a figure")


class TermItem(Doc):
    """One addend of the town's figure."""

    unit: str
    value: Number = Field(description="cumulative: its year to date (or a month's amount)")
    month: Month = Field(description="the month of the figure (earlier when not sent since)")
    estimate: bool


class FigureItem(Doc):
    """The town's figure written out."""

    source: Literal["owner", "contributors"] | None = Field(description="null: no figure")
    terms: list[TermItem]
    value: Number | None
    month_value: Number | None = Field(description="cumulative: the amount of the month")
    estimate: bool
    arithmetic: str | None = Field(description="'680 + 840 + … = 11.870'; null: no figure")


class ExpectedItem(Doc):
    """The expected figure and how it was reached."""

    phasing: Phasing | None = Field(description="the phasing in force; null: not cumulative")
    phasing_declared: Phasing | None = Field(description="the phasing the plan gives")
    phasing_fallback: bool = Field(description="last-year asked for, its fallback used")
    due_month: Month | None = Field(description="the latest due month up to the month")
    target: Number
    share: Number | None = Field(description="cumulative: of the target expected by then")
    numerator: Number | None = Field(
        description="linear: the due month; last-year: last year's year to date then"
    )
    denominator: Number | None = Field(description="linear: 12; last-year: last year's total")
    weights: list[Number] = Field(description="seasonal: the monthly weights to the due month")
    value: Number | None = Field(
        description="cumulative: the expected figure; level: the target; milestone: the stage"
    )
    arithmetic: str | None = Field(
        description="cumulative: '74,4 × 55,6 / 78,5 = 52,70' (--lang); else null"
    )


class JudgementStep(Doc):
    """One test of the judgement: left op right, right maybe base factor_op factor."""

    outcome: Literal["achieved", "on_track", "at_risk"] = Field(
        description="the status when it holds"
    )
    left: Number = Field(description="the figure")
    op: Comparison
    right: Number
    base: Number | None
    factor: Number | None = Field(description="the at-risk share, or the band")
    factor_op: Literal["×", "/", "-", "+"] | None
    holds: bool
    text: str = Field(description="the test in words, in the --lang language")


class JudgementItem(Doc):
    """The tests in the order status applies them; the last one run gives the status."""

    status: StatusWord
    comparison: Comparison
    target: Number
    band: Number | None
    at_risk_share: Number | None = Field(description="cumulative only")
    reason: Literal["conflict", "milestone", "not_due", "no_data"] | None = Field(
        description="decided without (more) tests; null: the tests decide"
    )
    tests: list[JudgementStep]


class ExplainRevision(AdjustmentRevision):
    """A stored value of the indicator replaced later (DATA/_revisions.csv)."""

    old_estimate: bool
    new_estimate: bool


class ExplainDoc(Doc):
    """How an indicator's figure at the month was made, value by value."""

    code: str
    month: Month
    unit: str | None = Field(description="--unit: only its values and revisions are kept")
    indicator: IndicatorStatus = Field(description="the indicator as status --json has it")
    values: list[SourceValueItem]
    conflicts: list[ConflictItem]
    figure: FigureItem
    expected: ExpectedItem
    judgement: JudgementItem
    revisions: list[ExplainRevision] = Field(
        description="of the values kept, up to the month, in the order they were stored"
    )
    issues: list[DataIssue]


# ------------------------------------------------------------------ revisions


class Outcome(Doc):
    """The indicator at the revision's month under one of the two values."""

    value: Number | None = Field(description="the town's figure")
    estimate: bool
    status: StatusWord


class RevisionItem(ExplainRevision):
    """A stored value replaced by a later submission."""

    indicator: str = Field(description="the indicator's code")
    unit_of_measure: str = Field(
        description="unit of measure (Vietnamese); empty: code not in the plan"
    )
    status_old: Outcome | None = Field(
        description="the indicator under the old value; null: code not in the plan, another year"
    )
    status_new: Outcome | None = Field(description="the indicator under the new value")


class RevisionsDoc(Doc):
    """Every value replaced after it was stored (DATA/_revisions.csv), in stored order."""

    plan: str = Field(description="the plan's id")
    month: Month | None = Field(description="--month; null: every month")
    revisions: list[RevisionItem]


# ------------------------------------------------------------------ show


class PointItem(Doc):
    """One month of the indicator's path."""

    month: Month
    value: Number | None = Field(
        description="the town's figure at that month (cumulative: year to date; milestone: "
        "the stage reached); null after the month or before any figure"
    )
    sent: bool = Field(description="a figure for this very month arrived")
    estimate: bool
    expected: Number | None = Field(
        description="cumulative: the expected year to date; milestone: the stage planned"
    )
    previous_year: Number | None = Field(description="the same month last year")


class ShowDoc(Doc):
    """One indicator's twelve months, and the indicator at the month."""

    code: str
    month: Month
    measure: Literal["cumulative", "level", "milestone"]
    target: Number
    target_text: str = Field(description="the target in the plan's own words (Vietnamese)")
    target_text_en: str
    band: Number | None
    risk_line: Number | None = Field(description="level: target − band (+ for a ceiling)")
    status: StatusWord
    owner: str | None
    contributors: list[str] = Field(description="the units whose figures make it up")
    due_months: list[Month]
    series: list[PointItem] = Field(description="January to December")
    indicator: IndicatorStatus = Field(description="the indicator as status --json has it")


# ------------------------------------------------------------------ by-unit


class UnitRowItem(Doc):
    """One unit's figure: the owner's first when it sends one, then each contributor."""

    unit: str
    role: Role
    value: Number | None = Field(description="cumulative: its year to date; else its latest")
    share: Number | None = Field(description="of the contributors' sum; null for the owner")
    month: Month | None = Field(description="the latest month it sent")
    estimate: bool
    due_sent: int = Field(description="due months up to the month that it sent")
    due_total: int = Field(description="due months up to the month")
    target: Number | None = Field(description="its own target, where the plan gives one")
    attainment: Number | None
    status: StatusWord | None = Field(description="against its own target")


class BreakdownItem(Doc):
    """An indicator built from contributing units."""

    code: str
    name: str = Field(description="the indicator's name (Vietnamese)")
    name_en: str
    unit_of_measure: str = Field(description="unit of measure (Vietnamese)")
    measure: Literal["cumulative", "level", "milestone"]
    value: Number | None = Field(description="the town's figure")
    status: StatusWord
    owner: str | None
    owner_value: Number | None
    contributors_sum: Number | None
    source: Literal["owner", "contributors"] | None
    units: list[UnitRowItem]


class ByUnitDoc(Doc):
    """Each contributing unit's figures, for the indicators built from them."""

    plan: str = Field(description="the plan's id")
    month: Month
    indicators: list[BreakdownItem]
    issues: list[DataIssue]


# ------------------------------------------------------------------ the registry


class Schema(NamedTuple):
    model: type[Doc]
    command: str  # the command line that prints the document


# name → document. Adding one is one line here.
SCHEMAS: dict[str, Schema] = {
    "status": Schema(StatusDoc, "kehoach status --json"),
    "validate": Schema(ValidateDoc, "kehoach validate FILE... --json"),
    "missing": Schema(MissingDoc, "kehoach missing --json"),
    "missing-all": Schema(MissingAllDoc, "kehoach missing --all --json"),
    "check-store": Schema(CheckStoreDoc, "kehoach check-store --json"),
    "explain": Schema(ExplainDoc, "kehoach explain CODE --json"),
    "revisions": Schema(RevisionsDoc, "kehoach revisions --json"),
    "show": Schema(ShowDoc, "kehoach show CODE --json"),
    "by-unit": Schema(
        ByUnitDoc, "kehoach status --by-unit --json (the same: kehoach breakdown --json)"
    ),
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
        "What each `--json` output holds. Generated from `src/kehoach/render/jsonschemas.py` by "
        "`python -m kehoach.render.jsonschemas`; do not edit by hand. `kehoach schema NAME` prints "
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
