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

from kehoach.core.textfmt import Uom

Direction = Literal["higher", "lower"]
# The plan's own comparison (docs/plan.md §1): "trên X" / "vượt X" is
# ">", "dưới X" is "<", "đạt X", "X/Y" and a plain figure are ">=" ("<=" for a ceiling).
Comparison = Literal[">", ">=", "<", "<="]
Measure = Literal["cumulative", "level", "milestone"]
Phasing = Literal["linear", "seasonal", "year-end", "last-year"]
FallbackPhasing = Literal["linear", "seasonal", "year-end"]
SentAs = Literal["ytd", "month"]
# What a month's figure covers (docs/plan.md §8): "nd09" = the 15th of M-1 to the 14th
# of M (Nghị định 09/2019/NĐ-CP, Điều 12), "calendar" = the calendar month (statistics and
# the budget, left out of NĐ 09 by its Điều 1 khoản 2).
Period = Literal["nd09", "calendar"]
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


# Units of measure that count things (Vietnamese, folded to lower case): a fraction of one
# is always a mistake (a thousands dot read as a decimal point, a slip of the comma).
WHOLE_UOMS = frozenset(
    {
        "người",
        "lượt người",
        "hộ",
        "thôn",
        "thôn, tdp",
        "tdp",
        "trường",
        "tuyến",
        "tiêu chí",
        "phường",
        "phường, xã",
        "xã",
        "công trình",
        "khu",
        "cơ sở",
        "doanh nghiệp",
        "lao động",
    }
)


class Contact(_Model):
    """Who to call at a unit about its report (shown by ``missing`` and the reminder)."""

    person: str = ""
    phone: str = ""
    email: str = ""


class Unit(_Model):
    code: Code

    @field_validator("code")
    @classmethod
    def _share_code(cls, code: str) -> str:
        return sys.intern(code)

    name_vi: str
    name_en: str
    kind: Literal["department", "agency", "ward", "commune"]
    # Whether the unit sends a monthly narrative report (what was done, shortcomings,
    # causes, tasks, requests) beside its figures: by default every unit does.
    narrative: bool = True
    # A unit that sends the narrative only, never figures (e.g. Phòng Nội vụ for
    # administrative reform, Thanh tra); it owns and reports no indicator.
    narrative_only: bool = False
    contact: Contact | None = None  # the report's contact person, if the plan gives one

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    @property
    def sends_narrative(self) -> bool:
        return self.narrative or self.narrative_only


class Group(_Model):
    code: Code
    section: str
    name_vi: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


class Stage(_Model):
    """One stage of a milestone target, with the month the plan expects it reached."""

    code: str = Field(min_length=1)
    name_vi: str
    name_en: str
    month: int = Field(ge=1, le=12)
    final: bool = False  # the stage that fulfils the target (exactly one, the last)
    # How the report says it (optional): the stage done ("đã khởi công"), the work while it
    # is the next stage ("đang thi công"); without them the report builds them from the name.
    done_vi: str = ""
    done_en: str = ""
    doing_vi: str = ""
    doing_en: str = ""

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


# How the report words an indicator's figure (docs/plan.md; the report's wording per kind).
WordingKind = Literal[
    "growth", "budget", "amount", "count", "ceiling", "level", "stage", "baseline"
]


class Wording(_Model):
    """How the report's sentence names and words one indicator (all optional).

    ``kind`` overrides the kind read from the indicator (a growth rate, a budget against
    its dự toán); ``subject`` is the sentence's subject where the name is a label
    ("Giá trị sản xuất …" for "Tốc độ tăng giá trị sản xuất …"; for a count x/y the words
    after the count, "thôn, TDP có nhà văn hóa đạt chuẩn"); ``year_on_year``: a growth
    rate measured against the same period last year ("so với cùng kỳ").
    """

    kind: WordingKind | None = None
    subject_vi: str = ""
    subject_en: str = ""
    year_on_year: bool = False


class OutlineField(_Model):
    """One field (lĩnh vực) of the report: its heading, the indicators whose sentences
    belong there and the units whose narrative reports feed it."""

    code: Code
    heading_vi: str = Field(min_length=1)
    heading_en: str = Field(min_length=1)
    indicators: list[str] = []
    units: list[str] = []

    def heading(self, lang: str) -> str:
        return self.heading_en if lang == "en" else self.heading_vi


class OutlineArea(_Model):
    """A part of the report's results (Kinh tế; Văn hóa - xã hội; …) and its fields."""

    heading_vi: str = Field(min_length=1)
    heading_en: str = Field(min_length=1)
    fields: list[OutlineField] = Field(min_length=1)

    def heading(self, lang: str) -> str:
        return self.heading_en if lang == "en" else self.heading_vi


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
    comparison: Comparison
    target: PlanNumber
    # The target in the plan's own words ("trên 74,4 tỷ đồng", "48/52 thôn, TDP"): what
    # every output shows, never a sign the plan did not write.
    target_text_vi: str = ""
    target_text_en: str = ""
    measure: Measure
    phasing: Phasing | None = None
    fallback: FallbackPhasing | None = None  # for last-year phasing without last year
    weights: list[PlanNumber] | None = None
    frequency: FrequencyName | list[int]
    sent_as: SentAs | None = None  # cumulative only: how the plan asks for the figure
    period: Period = "nd09"
    # Owner (accountable for the town's figure) and contributors (a breakdown): the value
    # is the owner's figure when sent, else the contributors' sum (docs/plan.md §5).
    # A v1 plan lists `reported_by` only: then every reporter contributes to a sum.
    owner: str | None = None
    owner_reports: bool = True  # False: the owner sends no figure (KT05/KT06: P-KT)
    contributors: list[str] = []
    reported_by: list[str] = Field(min_length=1)
    band: PlanNumber | None = Field(default=None, ge=0)  # level: at-risk distance, own unit
    tolerance: PlanNumber = Field(default=Decimal(0), ge=0)  # owner vs contributors' sum
    baseline: PlanNumber | None = None  # a target counted from a baseline (DT01: 41 → 48)
    stages: list[Stage] | None = None  # milestone: in order, the last one is the target
    targets_by_unit: dict[str, PlanNumber] | None = None  # per-contributor targets, if given
    wording: Wording | None = None  # how the report words it (optional)
    # Whether values are whole numbers (counts); None: from the unit of measure (WHOLE_UOMS).
    whole: bool | None = None
    # How many times (or what fraction) of the unit's own history a figure may be before
    # it is warned about (implausible-value); None: 10; 0: not checked.
    plausibility: PlanNumber | None = Field(default=None, ge=0)

    @model_validator(mode="before")
    @classmethod
    def _fill_v1_and_v2(cls, data):
        """Fill what one reading implies from the other: comparison ↔ direction, and
        reported_by from owner + contributors."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        # The direction follows from the comparison; it is not written in the plan.
        cmp = data.get("comparison")
        if cmp in (">", ">=", "<", "<=") and "direction" not in data:
            data["direction"] = "higher" if cmp in (">", ">=") else "lower"
        owner = data.get("owner")
        if owner is not None and "reported_by" not in data:
            contributors = data.get("contributors") or []
            if isinstance(contributors, list):
                data["reported_by"] = [owner, *contributors]
        return data

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
        if self.measure == "milestone" and self.stages:
            # A milestone is due when a stage is planned (docs/plan.md, measure).
            return tuple(sorted({st.month for st in self.stages}))
        if isinstance(self.frequency, str):
            return FREQUENCY_MONTHS[self.frequency]
        return tuple(sorted(set(self.frequency)))

    def last_due_month(self, month: int) -> int | None:
        """The latest month ≤ ``month`` in which a value is due, or None."""
        due = [m for m in self.due_months if m <= month]
        return due[-1] if due else None

    @property
    def higher(self) -> bool:
        return self.comparison in (">", ">=")

    @property
    def strict(self) -> bool:
        return self.comparison in (">", "<")

    @cached_property
    def takes_whole(self) -> bool:
        """Whether a value must be a whole number: the plan's ``whole``, else a count by
        its unit of measure (people, villages, schools, streets, criteria, wards, works).
        A milestone's value is a stage, never checked as a count."""
        if self.measure == "milestone":
            return False
        if self.whole is not None:
            return self.whole
        return self.unit_of_measure_vi.strip().casefold() in WHOLE_UOMS

    @property
    def is_rate(self) -> bool:
        """A rate or growth rate: compared in percentage points, never as a % of a %."""
        return self.unit_of_measure_vi.strip() == "%"

    @property
    def expected_reporters(self) -> list[str]:
        """Who must send the figure: the owner if it sends one, else the contributors."""
        if self.owner is not None and self.owner_reports:
            return [self.owner]
        return list(self.contributors) if self.owner is not None else list(self.reported_by)

    def stage_number(self, text: str) -> int | None:
        """A stage given as its code, its name or its number (1-based), or None."""
        if not self.stages:
            return None
        t = " ".join(text.split()).casefold()
        for n, st in enumerate(self.stages, 1):
            if t in (st.code.casefold(), st.name_vi.casefold(), st.name_en.casefold(), str(n)):
                return n
        return None

    def planned_stage(self, month: int) -> int:
        """The stage number the plan expects reached by ``month`` (0 = none yet)."""
        return sum(1 for st in self.stages or () if st.month <= month)

    @model_validator(mode="after")
    def _check_self(self) -> Indicator:
        if self.measure == "cumulative" and self.phasing is None:
            raise PydanticCustomError(
                "plan-phasing-missing", "a cumulative indicator needs a phasing"
            )
        if self.measure != "cumulative" and self.phasing is not None:
            raise PydanticCustomError(
                "plan-phasing-unused", "phasing is only used by cumulative indicators"
            )
        if self.phasing == "last-year" and self.fallback is None:
            raise PydanticCustomError(
                "plan-fallback-missing", "last-year phasing needs a fallback phasing"
            )
        if self.fallback is not None and self.phasing != "last-year":
            raise PydanticCustomError(
                "plan-fallback-unused", "a fallback is only used with last-year phasing"
            )
        if self.measure != "cumulative" and self.sent_as is not None:
            raise PydanticCustomError(
                "plan-sent-as-unused", "sent_as applies to cumulative indicators only"
            )
        if self.measure == "level" and self.band is None:
            raise PydanticCustomError(
                "plan-band-missing", "a level indicator needs a band in its own unit"
            )
        if self.measure != "level" and self.band is not None:
            raise PydanticCustomError(
                "plan-band-cumulative",
                "a band applies to level indicators; a cumulative one uses at_risk_share",
            )
        if self.measure == "milestone":
            if not self.stages:
                raise PydanticCustomError(
                    "plan-stages-missing", "a milestone indicator needs its stages"
                )
            months = [st.month for st in self.stages]
            if months != sorted(months):
                raise PydanticCustomError(
                    "plan-stages-order", "stages must be listed in the order of their months"
                )
            codes = [st.code.casefold() for st in self.stages]
            if len(set(codes)) != len(codes):
                raise PydanticCustomError("plan-stages-duplicate", "two stages share a code")
            finals = [n for n, st in enumerate(self.stages, 1) if st.final]
            if finals != [len(self.stages)]:
                raise PydanticCustomError(
                    "plan-stages-final",
                    "exactly one stage, the last, must be marked `final: true`",
                )
        elif self.stages is not None:
            raise PydanticCustomError(
                "plan-stages-unused", "stages are only used by milestone indicators"
            )
        # reported_by is derived from owner and contributors when there is an owner.
        for key in ("contributors",) if self.owner is not None else ("reported_by",):
            units = getattr(self, key)
            twice = next((u for n, u in enumerate(units) if u in units[:n]), None)
            if twice is not None:
                # Counted twice in the town's figure otherwise (a sum of contributors).
                raise PydanticCustomError(
                    "plan-unit-twice",
                    "{unit} is listed twice in {key}",
                    {"unit": twice, "key": key},
                )
        if self.owner is not None:
            if self.reported_by != [self.owner, *self.contributors]:
                raise PydanticCustomError(
                    "plan-reported-by-and-owner",
                    "reported_by is derived from owner and contributors; give one or the other",
                )
            if self.owner in self.contributors:
                raise PydanticCustomError(
                    "plan-owner-contributor",
                    "{owner} is both the owner and a contributor",
                    {"owner": self.owner},
                )
            if not self.owner_reports and not self.contributors:
                raise PydanticCustomError(
                    "plan-no-reporter",
                    "the owner sends no figure and there are no contributors",
                )
        if self.baseline is not None and not (
            self.target > self.baseline if self.higher else self.target < self.baseline
        ):
            raise PydanticCustomError(
                "plan-baseline",
                "the baseline {baseline} must lie before the target",
                {"baseline": str(self.baseline)},
            )
        if self.phasing == "seasonal" or self.fallback == "seasonal":
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
    header_vi: list[str] = []
    header_en: list[str] = []
    motto_vi: list[str] = []
    motto_en: list[str] = []


class Document(_Model):
    number: str = ""  # "…/KH-UBND": not in the source text, for the office to fill
    number_suffix: str = "KH-UBND"  # the symbol after the number, a plan's ("…/KH-UBND")
    date: str = ""
    title_vi: str = ""
    title_en: str = ""


class ReportInfo(_Model):
    title_vi: str
    title_en: str
    # Nghị định 30/2020/NĐ-CP, Phụ lục I: "Nơi nhận" ends with "Lưu: VT"; the signature
    # block names the collective body ("TM. ỦY BAN NHÂN DÂN"), the deputy signing for the
    # chair ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH") and the signer's name.
    recipients_vi: list[str] = []
    recipients_en: list[str] = []
    signer_title_vi: list[str] = []
    signer_title_en: list[str] = []
    signer_name: str = ""
    number_suffix: str = "BC-UBND"  # "Số: …/BC-UBND"
    # What the plan carries out, as the plan itself cites it ("Nghị quyết Kỳ họp thứ 9 -
    # HĐND thị xã khóa VI"): the report's opening cites it before the plan.
    basis_vi: str = ""
    basis_en: str = ""


class PlanThresholds(_Model):
    at_risk_share: Decimal = Field(default=Decimal("0.9"), gt=0, le=1)


class Plan(_Model):
    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    id: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    # Units send month M's figures by due_day of month M; the committee's report for M is
    # dated report_day of M (Nghị định 09/2019/NĐ-CP, Điều 12; the days are the plan's).
    due_day: int = Field(default=17, ge=1, le=28)
    report_day: int = Field(default=22, ge=1, le=28)
    issuer: Issuer
    document: Document = Document()
    report: ReportInfo
    thresholds: PlanThresholds = PlanThresholds()
    groups: list[Group] = Field(min_length=1)
    units: list[Unit] = Field(min_length=1)
    indicators: list[Indicator] = Field(min_length=1)
    # The report's outline by field (lĩnh vực); empty: one field per group.
    outline: list[OutlineArea] = []

    @model_validator(mode="after")
    def _check_references(self) -> Plan:
        # Collect every cross-reference problem, so one run lists all there is to fix.
        problems: list[dict[str, str]] = []
        problems += _duplicates("group", [g.code for g in self.groups])
        problems += _duplicates("unit", [u.code.upper() for u in self.units])
        problems += _duplicates("indicator", [i.code.upper() for i in self.indicators])
        groups = {g.code for g in self.groups}
        units = {u.code for u in self.units}
        narrative_only = {u.code for u in self.units if u.narrative_only}
        for ind in self.indicators:
            if ind.group not in groups:
                problems.append(
                    {"type": "plan-unknown-group", "indicator": ind.code, "group": ind.group}
                )
            for code in ind.targets_by_unit or {}:
                if code not in ind.contributors and code not in ind.reported_by[1:]:
                    problems.append(
                        {"type": "plan-unit-target-unknown", "indicator": ind.code, "unit": code}
                    )
            if narrative_only and not narrative_only.isdisjoint(ind.reported_by):
                for code in ind.reported_by:
                    if code in narrative_only:
                        problems.append(
                            {
                                "type": "plan-narrative-only-reports",
                                "indicator": ind.code,
                                "unit": code,
                            }
                        )
            if units.issuperset(ind.reported_by):  # in C: a roll-up lists 10,600 per indicator
                continue
            for code in ind.reported_by:
                if code not in units:
                    problems.append(
                        {"type": "plan-unknown-unit", "indicator": ind.code, "unit": code}
                    )
        problems += _outline_problems(self)
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

    def owes(self, unit: int, indicator: int) -> bool:
        """Whether the unit is chased for the figure: it reports it, and is not an owner
        that sends no figure of its own (P-KT for KT05/KT06, whose value is the wards')."""
        if not self.reports(unit, indicator):
            return False
        ind = self.indicators[indicator]
        return ind.owner_reports or ind.owner != self.units[unit].code

    @cached_property
    def group_by_code(self) -> dict[str, Group]:
        return {g.code: g for g in self.groups}

    def unit(self, code: str) -> Unit | None:
        i = self.unit_index.get(code.upper())
        return None if i is None else self.units[i]

    def indicator(self, code: str) -> Indicator | None:
        i = self.indicator_index.get(code.upper())
        return None if i is None else self.indicators[i]

    def deadline(self, month: int) -> date:
        """When month ``month``'s figures are due: ``due_day`` of that month itself.

        Nghị định 09/2019/NĐ-CP, Điều 12: a monthly report covers the 15th of M-1 to the
        14th of M, so a unit can send M's figures a few days after the 14th of M.
        """
        return date(self.year, month, self.due_day)

    def report_date(self, month: int) -> date:
        """The date of the committee's report for ``month``: ``report_day`` of the month."""
        return date(self.year, month, self.report_day)

    def at_risk_share(self, ind: Indicator) -> Decimal:
        t = ind.thresholds
        if t is not None and t.at_risk_share is not None:
            return t.at_risk_share
        return self.thresholds.at_risk_share


def _outline_problems(plan: Plan) -> list[dict[str, str]]:
    """The outline places every indicator exactly once and a unit at most once, by known
    codes."""
    if not plan.outline:
        return []
    problems: list[dict[str, str]] = []
    indicators = {i.code.upper(): i.code for i in plan.indicators}
    units = {u.code.upper(): u.code for u in plan.units}
    placed_ind: dict[str, str] = {}
    placed_unit: dict[str, str] = {}
    fields = [f for area in plan.outline for f in area.fields]
    problems += _duplicates("field", [f.code for f in fields])
    for f in fields:
        for code in f.indicators:
            key = code.upper()
            if key not in indicators:
                problems.append({"type": "plan-outline-unknown", "field": f.code, "code": code})
            elif key in placed_ind:
                problems.append(
                    {
                        "type": "plan-outline-twice",
                        "field": f.code,
                        "code": code,
                        "other": placed_ind[key],
                    }
                )
            else:
                placed_ind[key] = f.code
        for code in f.units:
            key = code.upper()
            if key not in units:
                problems.append({"type": "plan-outline-unknown", "field": f.code, "code": code})
            elif key in placed_unit:
                problems.append(
                    {
                        "type": "plan-outline-twice",
                        "field": f.code,
                        "code": code,
                        "other": placed_unit[key],
                    }
                )
            else:
                placed_unit[key] = f.code
    # Every indicator has its place; a unit left out feeds the field of the first indicator
    # it reports (kehoach.report.draft.outline), so adding a ward needs no outline edit.
    for key, code in indicators.items():
        if key not in placed_ind:
            problems.append({"type": "plan-outline-unplaced", "code": code})
    return problems


def _duplicates(kind: str, codes: list[str]) -> list[dict[str, str]]:
    seen: set[str] = set()
    found: list[dict[str, str]] = []
    for code in codes:
        if code in seen:
            found.append({"type": "plan-duplicate-code", "kind": kind, "code": code})
        seen.add(code)
    return found
