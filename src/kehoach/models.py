"""The plan as validated pydantic models: units, groups, indicators and thresholds.

These models are the only shape of the plan the rest of kehoach sees. Cross-checks that
span several entries (duplicate codes, unknown units, weights, targets inside their own
range) live in :class:`Plan`'s validator and raise :class:`PlanProblem` records, which the
loader (``planfile.py``) turns into messages in the reader's language.
"""

from __future__ import annotations

import re
import sys
from array import array
from datetime import date
from decimal import Decimal
from functools import cached_property
from itertools import repeat
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from kehoach.textfmt import Uom

Direction = Literal["higher", "lower"]
Measure = Literal["cumulative", "level"]
Phasing = Literal["linear", "seasonal", "year-end"]
FrequencyName = Literal["monthly", "quarterly", "half-yearly", "annual"]

FREQUENCY_MONTHS: dict[str, tuple[int, ...]] = {
    "monthly": tuple(range(1, 13)),
    "quarterly": (3, 6, 9, 12),
    "half-yearly": (6, 12),
    "annual": (12,),
}

WEIGHT_TOLERANCE = Decimal("1e-9")

# --- limits on what a plan may say (a hand-edited plan must not crash a later command) --
# A code is a file name in the data folder (DATA/YYYY-MM/UNIT.csv) and is printed
# everywhere: a letter or digit, then letters, digits, "_", "-" or ".", at most 40 in
# all. No "/" or "\\", no leading "." — never a path — and no markup brackets.
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$"
_CODE = re.compile(CODE_PATTERN)
# Names Windows keeps for devices: CON.csv is not a file there.
_DEVICE_NAMES = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", re.IGNORECASE)
# Plan figures obey the rule for submitted values (checks.check_number): finite, at most
# 15 significant digits, within ±10^15 (and, unless zero, at least 10^-15 in size).
NUMBER_DIGITS = 15


def _plan_code(code: str) -> str:
    if not _CODE.match(code) or _DEVICE_NAMES.match(code):
        raise PydanticCustomError("plan-code", "bad code {code}", {"code": code[:60]})
    return sys.intern(code)


def _plan_number(value: Decimal) -> Decimal:
    if not value.is_finite() or (
        value
        and (
            len(value.normalize().as_tuple().digits) > NUMBER_DIGITS
            or not -NUMBER_DIGITS <= value.adjusted() < NUMBER_DIGITS
        )
    ):
        raise PydanticCustomError(
            "plan-number", "number outside the limits: {value}", {"value": str(value)[:60]}
        )
    return value


Code = Annotated[str, AfterValidator(_plan_code)]
PlanNumber = Annotated[Decimal, AfterValidator(_plan_number)]


class _Model(BaseModel):
    # Unknown keys are refused: a typo such as `targte:` must not be silently ignored.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Model):
    min: PlanNumber | None = None
    max: PlanNumber | None = None

    def contains(self, value: Decimal) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Thresholds(_Model):
    at_risk_share: Decimal | None = Field(default=None, gt=0, le=1)
    level_tolerance: Decimal | None = Field(default=None, ge=0, lt=1)


class Unit(_Model):
    code: Code

    @field_validator("code")
    @classmethod
    def _share_code(cls, code: str) -> str:
        return sys.intern(code)

    name_vi: str
    name_en: str
    kind: Literal["department", "agency", "ward", "commune"]

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


class Group(_Model):
    code: Code
    section: str
    name_vi: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


class Indicator(_Model):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    code: Code
    group: str
    name_vi: str
    name_en: str
    plan_text: str = ""
    unit_of_measure_vi: str
    unit_of_measure_en: str
    unit_of_measure_en_one: str | None = None  # the singular, where it differs: "school"
    direction: Direction
    target: PlanNumber
    measure: Measure
    phasing: Phasing | None = None
    weights: list[PlanNumber] | None = None
    frequency: FrequencyName | list[int]
    reported_by: list[str] = Field(min_length=1)

    @field_validator("reported_by")
    @classmethod
    def _share_codes(cls, codes: list[str]) -> list[str]:
        # Interned: a roll-up plan repeats 10,600 unit codes in each of 31 indicators.
        return list(map(sys.intern, codes))

    range: Range = Range()
    usual: Range | None = None
    thresholds: Thresholds | None = None

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    def uom(self, lang: str) -> str:
        if lang == "en":
            return Uom(self.unit_of_measure_en, self.unit_of_measure_en_one)
        return self.unit_of_measure_vi

    @cached_property
    def due_months(self) -> tuple[int, ...]:
        if isinstance(self.frequency, str):
            return FREQUENCY_MONTHS[self.frequency]
        return tuple(sorted(set(self.frequency)))

    def last_due_month(self, month: int) -> int | None:
        """The latest month ≤ ``month`` in which a value is due, or None."""
        due = [m for m in self.due_months if m <= month]
        return due[-1] if due else None

    @model_validator(mode="after")
    def _check_self(self) -> Indicator:
        if self.measure == "cumulative" and self.phasing is None:
            raise PydanticCustomError(
                "plan-phasing-missing", "a cumulative indicator needs a phasing"
            )
        if self.phasing == "seasonal":
            if not self.weights or len(self.weights) != 12:
                raise PydanticCustomError(
                    "plan-weights-count", "seasonal phasing needs 12 monthly weights"
                )
            if any(w < 0 for w in self.weights):
                raise PydanticCustomError("plan-weights-negative", "weights cannot be negative")
            total = sum(self.weights, Decimal(0))
            if abs(total - 1) > WEIGHT_TOLERANCE:
                raise PydanticCustomError(
                    "plan-weights-sum",
                    "seasonal weights sum to {total}, not 1",
                    {"total": str(total)},
                )
        elif self.weights is not None:
            raise PydanticCustomError(
                "plan-weights-unused", "weights are only used with seasonal phasing"
            )
        if isinstance(self.frequency, list) and (
            not self.frequency or any(not 1 <= m <= 12 for m in self.frequency)
        ):
            raise PydanticCustomError(
                "plan-frequency-months", "frequency months must be between 1 and 12"
            )
        if not self.range.contains(self.target):
            raise PydanticCustomError(
                "plan-target-outside-range",
                "target {target} is outside the indicator's own range",
                {"target": str(self.target)},
            )
        return self


class Issuer(_Model):
    authority_vi: str
    authority_en: str
    office_vi: str = ""
    office_en: str = ""
    place: str
    motto_vi: list[str] = []
    motto_en: list[str] = []


class Document(_Model):
    date: str = ""
    title_vi: str = ""
    title_en: str = ""


class ReportInfo(_Model):
    title_vi: str
    title_en: str


class PlanThresholds(_Model):
    at_risk_share: Decimal = Field(default=Decimal("0.9"), gt=0, le=1)
    level_tolerance: Decimal = Field(default=Decimal("0.05"), ge=0, lt=1)


class Plan(_Model):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    id: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    due_day: int = Field(default=20, ge=1, le=28)
    issuer: Issuer
    document: Document = Document()
    report: ReportInfo
    thresholds: PlanThresholds = PlanThresholds()
    groups: list[Group] = Field(min_length=1)
    units: list[Unit] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_references(self) -> Plan:
        # Collect every cross-reference problem, so one run lists all there is to fix.
        problems: list[dict[str, str]] = []
        problems += _duplicates("group", [g.code for g in self.groups])
        problems += _duplicates("unit", [u.code.upper() for u in self.units])
        problems += _duplicates("indicator", [i.code.upper() for i in self.indicators])
        groups = {g.code for g in self.groups}
        units = {u.code for u in self.units}
        for ind in self.indicators:
            if ind.group not in groups:
                problems.append(
                    {"type": "plan-unknown-group", "indicator": ind.code, "group": ind.group}
                )
            if units.issuperset(ind.reported_by):  # in C: a roll-up lists 10,600 per indicator
                continue
            for code in ind.reported_by:
                if code not in units:
                    problems.append(
                        {"type": "plan-unknown-unit", "indicator": ind.code, "unit": code}
                    )
        if problems:
            raise PydanticCustomError(
                "plan-problems",
                "{count} problems in the plan",
                {"count": len(problems), "problems": problems},
            )
        return self

    # --- lookups used on hot paths; computed once per plan -----------------------------
    @cached_property
    def unit_index(self) -> dict[str, int]:
        return {u.code.upper(): i for i, u in enumerate(self.units)}

    @cached_property
    def indicator_index(self) -> dict[str, int]:
        return {ind.code.upper(): i for i, ind in enumerate(self.indicators)}

    @cached_property
    def reporters(self) -> list[array]:
        """Per indicator, the indices of the units that report it, ascending.

        Arrays of ints, not sets: a roll-up plan has 31 × 10,600 of them. Ask membership
        with :meth:`reports`.
        """
        # reported_by holds the units' own (interned) codes: the plan checks it does
        codes = [u.code for u in self.units]
        index = {code: i for i, code in enumerate(codes)}.__getitem__
        everyone = array("i", range(len(codes)))
        return [
            everyone * 1  # every unit, in plan order: a roll-up's usual case, no lookups
            if ind.reported_by == codes
            else array("i", sorted(set(map(index, ind.reported_by))))
            for ind in self.indicators
        ]

    @cached_property
    def assignment(self) -> bytearray:
        """1 at ``unit × n_indicators + indicator`` where the plan asks that unit for it."""
        n_ind = len(self.indicators)
        table = bytearray(len(self.units) * n_ind)
        n_units = len(self.units)
        for i, units in enumerate(self.reporters):
            if len(units) == n_units:  # every unit (a roll-up's usual case)
                table[i::n_ind] = b"\x01" * n_units
                continue
            column = bytearray(n_units)  # one byte per unit, set by map in C
            any(map(column.__setitem__, units, repeat(1)))
            table[i::n_ind] = column
        return table

    def reports(self, unit: int, indicator: int) -> bool:
        return bool(self.assignment[unit * len(self.indicators) + indicator])

    @cached_property
    def group_by_code(self) -> dict[str, Group]:
        return {g.code: g for g in self.groups}

    def unit(self, code: str) -> Unit | None:
        i = self.unit_index.get(code.upper())
        return None if i is None else self.units[i]

    def indicator(self, code: str) -> Indicator | None:
        i = self.indicator_index.get(code.upper())
        return None if i is None else self.indicators[i]

    def indicators_of_unit(self, unit_code: str) -> list[Indicator]:
        code = unit_code.upper()
        return [i for i in self.indicators if code in (c.upper() for c in i.reported_by)]

    def deadline(self, month: int) -> date:
        """When month ``month``'s figures are due: ``due_day`` of the following month."""
        if month == 12:
            return date(self.year + 1, 1, self.due_day)
        return date(self.year, month + 1, self.due_day)

    def at_risk_share(self, ind: Indicator) -> Decimal:
        t = ind.thresholds
        if t is not None and t.at_risk_share is not None:
            return t.at_risk_share
        return self.thresholds.at_risk_share

    def level_tolerance(self, ind: Indicator) -> Decimal:
        t = ind.thresholds
        if t is not None and t.level_tolerance is not None:
            return t.level_tolerance
        return self.thresholds.level_tolerance


def _duplicates(kind: str, codes: list[str]) -> list[dict[str, str]]:
    seen: set[str] = set()
    found: list[dict[str, str]] = []
    for code in codes:
        if code in seen:
            found.append({"type": "plan-duplicate-code", "kind": kind, "code": code})
        seen.add(code)
    return found
