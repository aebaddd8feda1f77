"""The chase list's arithmetic: values due and not received, for a month or up to it.

For a month M (``kehoach missing``): per unit, the values due (the unit reports the
indicator and M is one of its due months), those received (a figure is stored; an empty
cell is not a figure) and those missing; the completeness rate; and timeliness against the
plan's deadline (day ``plan.due_day`` of month M itself, Nghị định 09/2019/NĐ-CP Điều 12),
from the first line of the submission log for (unit, M). Units with nothing due in M are
left out of the list and named in ``not_due_units``.

Up to a month (``kehoach missing --all``): the one-month list forgets a figure as soon as
the next month is chosen, so an indicator overdue since June would be in no list in
September. :func:`compute_owed` walks every month from January to the month asked for and
keeps, per unit, each (month, indicator) that is due and has no figure (a conflict counts
as no figure, as in the one-month list). Deadlines come from ``plan.deadline(month)``.

Who is chased: a unit the plan has report the indicator (:meth:`Plan.owes`), except an
owner whose figure is the sum of its contributors' (XH04: the wards' new jobs make the
town's, docs/plan.md §5): the contributors are chased for their parts, and the owner is
not listed as owing the sum. Each unit carries the plan's contact for it, when given.

Pure: the plan, the dataset, the log entries, the day to judge by and the time zone to read
log times in go in; :class:`MissingResult` / :class:`OwedResult` come out, which the
terminal tables and ``--json`` both render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from kehoach.core.dataset import Dataset
from kehoach.core.models import Plan
from kehoach.core.numbers import clock_past_plan_year, format_month
from kehoach.core.records import trail_time


def chased(plan: Plan, unit: int, indicator: int) -> bool:
    """Whether ``unit`` is chased for ``indicator``'s figure (see the module docstring)."""
    if not plan.owes(unit, indicator):
        return False
    ind = plan.indicators[indicator]
    return not (ind.contributors and ind.owner == plan.units[unit].code)


def contact_of(plan: Plan, unit: int) -> dict[str, str] | None:
    """The plan's contact for a unit (person, phone, email), or None."""
    c = plan.units[unit].contact
    if c is None or not (c.person or c.phone or c.email):
        return None
    return {"person": c.person, "phone": c.phone, "email": c.email}


STATUS_COMPLETE = "complete"
STATUS_PARTIAL = "partial"
STATUS_NOTHING = "nothing"


@dataclass(frozen=True)
class UnitMissing:
    """One unit's account for the month."""

    index: int
    code: str
    name_vi: str
    name_en: str
    due: list[str]
    received: list[str]
    missing: list[str]
    conflicts: list[str]  # stored in two files with different figures: counted as missing
    submitted_at: datetime | None  # first submit logged for (unit, month), UTC
    timeliness: str | None  # "on_time" | "late" | "unknown" (figures, no log) | None
    days_late: int | None
    overdue_days: int | None  # figures still missing and the deadline has passed
    contact: dict[str, str] | None = None  # the plan's contact: person, phone, email

    @property
    def status(self) -> str:
        if not self.missing:
            return STATUS_COMPLETE
        return STATUS_PARTIAL if self.received else STATUS_NOTHING

    @property
    def rate(self) -> Decimal:
        return Decimal(len(self.received)) / Decimal(len(self.due))

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.code,
            "name": self.name_vi,
            "name_en": self.name_en,
            "due": self.due,
            "received": self.received,
            "missing": self.missing,
            "conflicts": self.conflicts,
            "rate": len(self.received) / len(self.due),
            "submitted_at": trail_time(self.submitted_at) if self.submitted_at else None,
            "timeliness": self.timeliness,
            "days_late": self.days_late,
            "overdue_days": self.overdue_days,
            "status": self.status,
            "contact": self.contact,
        }


@dataclass
class MissingResult:
    year: int
    month: int
    as_of: date
    deadline: date
    units: list[UnitMissing]  # chase order: most to chase first, complete units last
    not_due_units: list[str] = field(default_factory=list)
    month_defaulted: bool = False
    no_data_at_all: bool = False
    # The narrative reports due for the month (compute_narratives_due), when looked for.
    narratives: list[NarrativeDue] | None = None

    @property
    def due(self) -> int:
        return sum(len(u.due) for u in self.units)

    @property
    def received(self) -> int:
        return sum(len(u.received) for u in self.units)

    @property
    def rate(self) -> Decimal | None:
        return Decimal(self.received) / Decimal(self.due) if self.due else None

    @property
    def overdue_days(self) -> int:
        """Days past the deadline at ``as_of`` (0 or less: not passed, or the clock is past
        the plan year and says nothing about lateness)."""
        if clock_past_plan_year(self.year, self.as_of):
            return 0
        return (self.as_of - self.deadline).days

    @property
    def past_plan_year(self) -> bool:
        """The day counted from is past the plan year and its last reports: lateness in
        days says nothing then (a sample year read years later)."""
        return clock_past_plan_year(self.year, self.as_of)

    def count(self, status: str) -> int:
        return sum(1 for u in self.units if u.status == status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": format_month(self.year, self.month),
            "as_of": self.as_of.isoformat(),
            "deadline": self.deadline.isoformat(),
            "overall": {
                "due": self.due,
                "received": self.received,
                "rate": self.received / self.due if self.due else None,
            },
            "units": [u.to_dict() for u in self.units],
            "not_due_units": self.not_due_units,
            **(
                {"narratives": [n.to_dict() for n in self.narratives]}
                if self.narratives is not None
                else {}
            ),
            "past_plan_year": self.past_plan_year,
        }


def first_submissions(log, year: int, month: int) -> dict[str, datetime]:
    """Per unit code (upper case), the earliest logged submit for ``month``."""
    wanted = format_month(year, month)
    first: dict[str, datetime] = {}
    for entry in log:
        if entry.month != wanted:
            continue
        code = entry.unit.upper()
        if code not in first or entry.time < first[code]:
            first[code] = entry.time
    return first


def compute_missing(
    plan: Plan,
    dataset: Dataset,
    month: int,
    log,
    as_of: date,
    tz: tzinfo | None = None,
    *,
    month_defaulted: bool = False,
) -> MissingResult:
    """The chase list for ``month`` as of ``as_of``; log times are judged in ``tz``.

    ``log`` is a sequence of :class:`kehoach.core.records.LogEntry`; ``tz`` None means the
    machine's local time zone (a submission made at 01:00 on the 21st in Hà Nội is late,
    even though it is still the 20th in UTC).
    """
    deadline = plan.deadline(month)
    past_due = (as_of - deadline).days if not clock_past_plan_year(plan.year, as_of) else 0
    first = first_submissions(log, plan.year, month)
    units: list[UnitMissing] = []
    not_due: list[str] = []
    for u, unit in enumerate(plan.units):
        due_idx = [
            i
            for i, ind in enumerate(plan.indicators)
            if chased(plan, u, i) and month in ind.due_months  # P-KT sends no KT05/KT06
        ]
        if not due_idx:
            if not unit.narrative_only:  # sends no figures at all: not "nothing due"
                not_due.append(unit.code)
            continue
        codes = plan.indicators
        received = [codes[i].code for i in due_idx if dataset.get(u, i, month) is not None]
        missing = [codes[i].code for i in due_idx if dataset.get(u, i, month) is None]
        conflicts = [
            codes[i].code
            for i in due_idx
            if dataset.get(u, i, month) is None and dataset.raw(u, i, month) is not None
        ]
        submitted = first.get(unit.code.upper())
        timeliness = days_late = None
        if submitted is not None:
            local_day = submitted.astimezone(tz).date()
            late = (local_day - deadline).days
            timeliness = "late" if late > 0 else "on_time"
            days_late = late if late > 0 else None
        elif received:
            timeliness = "unknown"
        units.append(
            UnitMissing(
                index=u,
                code=unit.code,
                name_vi=unit.name_vi,
                name_en=unit.name_en,
                due=[codes[i].code for i in due_idx],
                received=received,
                missing=missing,
                conflicts=conflicts,
                submitted_at=submitted,
                timeliness=timeliness,
                days_late=days_late,
                overdue_days=past_due if missing and past_due > 0 else None,
                contact=contact_of(plan, u),
            )
        )
    units.sort(key=_chase_order)
    return MissingResult(
        year=plan.year,
        month=month,
        as_of=as_of,
        deadline=deadline,
        units=units,
        not_due_units=not_due,
        month_defaulted=month_defaulted,
        no_data_at_all=dataset.latest_month() is None,
    )


@dataclass(frozen=True)
class NarrativeDue:
    """One unit's narrative report for the month: due the same day as the figures."""

    code: str
    name_vi: str
    name_en: str
    received: bool
    submitted_at: datetime | None  # first narrative submit logged for (unit, month), UTC
    timeliness: str | None  # "on_time" | "late" | "unknown" (stored, no log) | None
    days_late: int | None
    overdue_days: int | None  # not received and the deadline has passed

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.code,
            "name": self.name_vi,
            "name_en": self.name_en,
            "received": self.received,
            "submitted_at": trail_time(self.submitted_at) if self.submitted_at else None,
            "timeliness": self.timeliness,
            "days_late": self.days_late,
            "overdue_days": self.overdue_days,
        }


def compute_narratives_due(
    plan: Plan,
    month: int,
    received: set[str],
    log,
    as_of: date,
    tz: tzinfo | None = None,
) -> list[NarrativeDue]:
    """Every unit the plan expects a narrative report from (``narrative``, or
    ``narrative_only``) for ``month``, the ones not received first (in plan order), then
    the received ones. ``received``: the unit codes with a stored ``UNIT.md`` for the
    month; ``log``: the narrative lines of the submission log. The deadline is the
    figures' (``plan.deadline``, Nghị định 09/2019/NĐ-CP Điều 12)."""
    deadline = plan.deadline(month)
    past_due = (as_of - deadline).days if not clock_past_plan_year(plan.year, as_of) else 0
    first = first_submissions(log, plan.year, month)
    out: list[NarrativeDue] = []
    for unit in plan.units:
        if not unit.sends_narrative:
            continue
        got = unit.code in received
        submitted = first.get(unit.code.upper()) if got else None
        timeliness = days_late = None
        if submitted is not None:
            late = (submitted.astimezone(tz).date() - deadline).days
            timeliness = "late" if late > 0 else "on_time"
            days_late = late if late > 0 else None
        elif got:
            timeliness = "unknown"
        out.append(
            NarrativeDue(
                unit.code,
                unit.name_vi,
                unit.name_en,
                got,
                submitted,
                timeliness,
                days_late,
                past_due if not got and past_due > 0 else None,
            )
        )
    out.sort(key=lambda n: n.received)  # stable: plan order within each
    return out


def _chase_order(u: UnitMissing) -> tuple:
    # Units with figures still due first, the most missing at the top; at equal counts a
    # unit that sent nothing before one that sent part; then the plan's order.
    return (
        u.status == STATUS_COMPLETE,
        -len(u.missing),
        u.status != STATUS_NOTHING,
        u.index,
    )


@dataclass(frozen=True)
class OwedMonth:
    """What one unit owes for one month."""

    month: int
    deadline: date
    missing: list[str]
    conflicts: list[str]  # among ``missing``: stored twice with different figures
    overdue_days: int | None  # days past the deadline at ``as_of``; None when not passed


@dataclass(frozen=True)
class UnitOwed:
    index: int
    code: str
    name_vi: str
    name_en: str
    months: list[OwedMonth]  # oldest first
    contact: dict[str, str] | None = None  # the plan's contact: person, phone, email

    @property
    def count(self) -> int:
        return sum(len(m.missing) for m in self.months)

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


@dataclass
class OwedResult:
    year: int
    up_to: int
    as_of: date
    units: list[UnitOwed]  # units that owe something, the oldest debt first
    month_defaulted: bool = False

    @property
    def count(self) -> int:
        return sum(u.count for u in self.units)

    @property
    def past_plan_year(self) -> bool:
        """As :attr:`MissingResult.past_plan_year`: no days overdue are counted then."""
        return clock_past_plan_year(self.year, self.as_of)

    def to_dict(self) -> dict[str, Any]:
        y = self.year
        return {
            "all": True,
            "up_to": format_month(y, self.up_to),
            "as_of": self.as_of.isoformat(),
            "owed": self.count,
            "past_plan_year": self.past_plan_year,
            "units": [
                {
                    "unit": u.code,
                    "name": u.name_vi,
                    "name_en": u.name_en,
                    "owed": u.count,
                    "months": [
                        {
                            "month": format_month(y, m.month),
                            "deadline": m.deadline.isoformat(),
                            "missing": m.missing,
                            "conflicts": m.conflicts,
                            "overdue_days": m.overdue_days,
                        }
                        for m in u.months
                    ],
                    "contact": u.contact,
                }
                for u in self.units
            ],
        }


def compute_owed(plan, dataset, up_to: int, as_of: date, *, month_defaulted: bool = False):
    """Per unit, each month 1..``up_to`` with figures due and not received."""
    units: list[UnitOwed] = []
    past_year = clock_past_plan_year(plan.year, as_of)
    for u, unit in enumerate(plan.units):
        reported = [i for i in range(len(plan.indicators)) if chased(plan, u, i)]
        months: list[OwedMonth] = []
        for month in range(1, up_to + 1):
            due = [i for i in reported if month in plan.indicators[i].due_months]
            missing = [i for i in due if dataset.get(u, i, month) is None]
            if not missing:
                continue
            deadline = plan.deadline(month)
            late = (as_of - deadline).days
            months.append(
                OwedMonth(
                    month=month,
                    deadline=deadline,
                    missing=[plan.indicators[i].code for i in missing],
                    conflicts=[
                        plan.indicators[i].code
                        for i in missing
                        if dataset.raw(u, i, month) is not None
                    ],
                    overdue_days=late if late > 0 and not past_year else None,
                )
            )
        if months:
            units.append(
                UnitOwed(u, unit.code, unit.name_vi, unit.name_en, months, contact_of(plan, u))
            )
    # The oldest debt first; at the same month, the unit owing most; then the plan's order.
    units.sort(key=lambda x: (x.months[0].month, -x.count, x.index))
    return OwedResult(plan.year, up_to, as_of, units, month_defaulted)
