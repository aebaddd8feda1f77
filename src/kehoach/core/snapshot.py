"""Report snapshots: the figures an issued report printed, and what changed since.

Owns ``DATA/_reports/YYYY-MM.json``: each indicator's value, month amount, estimate mark
and status for a closed month (as :func:`~kehoach.core.attainment.compute_status` gave them),
with the report's date and the time they were recorded. Two moments record them:

- ``kehoach lock YYYY-MM`` closes a month after its report is issued: when the month has
  no snapshot yet, the figures at that moment are recorded (``"source": "lock"``, dated
  on the plan's report day), so the order submit → report → lock needs nothing more;
- ``report -o FILE`` for a month that is locked: the figures it printed are recorded
  (``"source": "report"``, with the report's own date), replacing a snapshot made by
  ``lock`` when it holds the same figures (the report issued after the lock; the old file
  is kept beside it as ``.bak``). A snapshot made by an earlier report, or by ``lock``
  with figures that have changed since, stays: that report is a reprint.

A report for a month that is not locked records nothing: drafts never touch the data
folder. From then on ``status`` and ``report`` for the month list every figure that now
differs from the snapshot ("Số liệu điều chỉnh sau báo cáo ngày 22/09/2020: KT04 52 →
52,7 tỷ đồng (Chi cục Thuế, 05/10/2020, lý do: …)"), taking the unit, the date and the
reason from ``DATA/_revisions.csv`` where a revision made the change; also while the month
is unlocked again for corrections.

Building, parsing and comparing snapshots is pure; the edge functions at the end are the
hooks: :func:`record_report` (``report -o``), :func:`lock_snapshot` (``lock``) and
:func:`adjustment_notice` (``status`` and ``report``). None of them ever stops a command:
a damaged snapshot is a warning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from kehoach.core.attainment import StatusResult
from kehoach.core.i18n import EN_MONTHS, Localized, status_label
from kehoach.core.models import Plan
from kehoach.core.numbers import (
    MonthError,
    format_canonical,
    format_month,
    json_number,
    parse_month,
)
from kehoach.core.records import Revision

VERSION = 1

SNAPSHOT_MESSAGES = {
    "title": Localized(
        "Số liệu điều chỉnh sau báo cáo ngày {date}:",
        "Figures revised since the report of {date}:",
    ),
    "estimate": Localized("ước", "est."),
    "reason": Localized("lý do: {reason}", "reason: {reason}"),
    "official": Localized("số chính thức thay số ước", "official figure for the estimate"),
    "status": Localized("trạng thái: {old} → {new}", "status: {old} → {new}"),
    "damaged": Localized(
        "Tệp {path} bị hỏng ({error}); không so được với báo cáo đã phát hành. Sửa hoặc xóa tệp.",
        "{path} is damaged ({error}); figures cannot be compared with the issued report. Fix "
        "or delete the file.",
    ),
    "recorded": Localized(
        "Đã ghi số liệu của báo cáo vào {path}.",
        "The report's figures were recorded in {path}.",
    ),
    "kept": Localized(
        "{path} (báo cáo ngày {date}) vẫn là mốc đối chiếu của tháng đã khóa sổ; không ghi đè.",
        "{path} (the report of {date}) stays the reference of the locked month; not replaced.",
    ),
    "recorded_lock": Localized(
        "Đã ghi số liệu tại thời điểm khóa sổ vào {path}: các số điều chỉnh sau này sẽ được "
        "liệt kê trong status và report.",
        "The figures at the lock were recorded in {path}: later changes will be listed by "
        "status and report.",
    ),
    "cannot_record": Localized(
        "Không ghi được {path}: {error}.", "Could not record {path}: {error}."
    ),
}


class SnapshotError(ValueError):
    """A snapshot file that cannot be read as one."""


# ------------------------------------------------------------------ the record


@dataclass(frozen=True)
class Printed:
    """One indicator's figure as the report printed it."""

    code: str
    value: Decimal | None
    month_value: Decimal | None
    estimate: bool
    status: str


@dataclass(frozen=True)
class Snapshot:
    plan: str
    month: str  # YYYY-MM
    report_date: date
    written: datetime  # aware, UTC
    figures: dict[str, Printed]  # by upper-case code
    source: str = "report"  # "report" (report -o) | "lock" (figures at kehoach lock)
    output: str = ""
    format: str = "text"
    lang: str = "vi"

    def to_json(self) -> bytes:
        doc = {
            "version": VERSION,
            "plan": self.plan,
            "month": self.month,
            "report_date": self.report_date.isoformat(),
            "written": self.written.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source": self.source,
            "output": self.output,
            "format": self.format,
            "lang": self.lang,
            "indicators": [
                {
                    "code": p.code,
                    "value": _dec_text(p.value),
                    "month_value": _dec_text(p.month_value),
                    "estimate": p.estimate,
                    "status": p.status,
                }
                for p in self.figures.values()
            ],
        }
        return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _dec_text(d: Decimal | None) -> str | None:
    # Strings, not JSON numbers: the figure comes back as the exact decimal printed.
    return None if d is None else format_canonical(d)


def make_snapshot(
    status: StatusResult,
    plan_id: str,
    report_date: date,
    written: datetime,
    *,
    source: str = "report",
    output: str = "",
    fmt: str = "text",
    lang: str = "vi",
) -> Snapshot:
    figures = {
        r.code.upper(): Printed(r.code, r.value, r.month_value, r.estimate, r.status)
        for r in status.indicators
    }
    return Snapshot(
        plan_id,
        format_month(status.year, status.month),
        report_date,
        written.astimezone(UTC),
        figures,
        source,
        output,
        fmt,
        lang,
    )


def parse_snapshot(text: str) -> Snapshot:
    """A snapshot file's text; SnapshotError saying what is wrong otherwise."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise SnapshotError(f"JSON: {exc}") from None
    try:
        if not isinstance(doc, dict):
            raise SnapshotError("not an object")
        written = datetime.fromisoformat(str(doc["written"]))
        if written.tzinfo is None:
            written = written.replace(tzinfo=UTC)
        figures = {}
        for item in doc["indicators"]:
            code = str(item["code"])
            figures[code.upper()] = Printed(
                code,
                _dec(item.get("value")),
                _dec(item.get("month_value")),
                bool(item.get("estimate", False)),
                str(item.get("status", "")),
            )
        parse_month(str(doc["month"]))
        return Snapshot(
            str(doc.get("plan", "")),
            str(doc["month"]),
            date.fromisoformat(str(doc["report_date"])),
            written.astimezone(UTC),
            figures,
            str(doc.get("source", "report")),
            str(doc.get("output", "")),
            str(doc.get("format", "text")),
            str(doc.get("lang", "vi")),
        )
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, MonthError) as exc:
        raise SnapshotError(f"{type(exc).__name__}: {exc}") from None


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not d.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return d


# ------------------------------------------------------------------ what changed


@dataclass(frozen=True)
class Adjustment:
    """A figure that differs from the issued report, and the revisions behind it."""

    code: str
    name_vi: str
    name_en: str
    uom: str  # vi
    uom_en: str
    old: Printed
    new_value: Decimal | None
    new_estimate: bool
    new_status: str
    revisions: tuple[Revision, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "old": json_number(self.old.value),
            "old_estimate": self.old.estimate,
            "old_status": self.old.status,
            "new": json_number(self.new_value),
            "new_estimate": self.new_estimate,
            "new_status": self.new_status,
            "unit_of_measure": self.uom,
            "revisions": [
                {
                    "unit": r.unit,
                    "month": r.month,
                    "time": r.time.strftime("%Y-%m-%dT%H:%M:%SZ") if r.time else None,
                    "old": json_number(r.old),
                    "new": json_number(r.new),
                    "action": r.action,
                    "reason": r.reason,
                }
                for r in self.revisions
            ],
        }


def adjustments(
    snapshot: Snapshot, status: StatusResult, revisions: list[Revision] = ()
) -> list[Adjustment]:
    """Every indicator of ``status`` whose figure (or its estimate mark) differs from the
    one ``snapshot`` printed, in plan order, with the revisions of that indicator (months
    up to the report's) logged after the snapshot was written."""
    out = []
    for r in status.indicators:
        old = snapshot.figures.get(r.code.upper())
        # An estimate made official is an adjustment even at the same figure
        # (docs/plan.md §4): the report printed "ước".
        if old is None or (old.value == r.value and old.estimate == r.estimate):
            continue
        related = []
        for rv in revisions:
            if rv.indicator.upper() != r.code.upper():
                continue
            if rv.time is not None and rv.time < snapshot.written:
                continue
            try:
                year, m = parse_month(rv.month)
            except MonthError:
                continue
            if year == status.year and m <= status.month:
                related.append(rv)
        out.append(
            Adjustment(
                r.code,
                r.name_vi,
                r.name_en,
                r.unit_of_measure,
                r.uom("en"),
                old,
                r.value,
                r.estimate,
                r.status,
                tuple(related),
            )
        )
    return out


def short_date(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _figure(value: Decimal | None, estimate: bool, lang: str) -> str:
    from kehoach.core.textfmt import figure_text

    text = figure_text(value, lang, 4)
    return (
        f"{text} ({SNAPSHOT_MESSAGES['estimate'](lang)})"
        if estimate and value is not None
        else text
    )


def adjustment_lines(
    plan: Plan, snapshot: Snapshot, found: list[Adjustment], lang: str
) -> tuple[str, list[str]]:
    """The title and one line per adjusted figure, in words (pure)."""
    from kehoach.core.textfmt import attach_unit

    title = SNAPSHOT_MESSAGES["title"](lang).format(date=short_date(snapshot.report_date, lang))
    lines = []
    for a in found:
        uom = a.uom_en if lang == "en" else a.uom
        new = (
            attach_unit(_figure(a.new_value, False, lang), uom, lang)
            if a.new_value is not None
            else "—"
        )
        if a.new_estimate and a.new_value is not None:
            new += f" ({SNAPSHOT_MESSAGES['estimate'](lang)})"
        line = f"{a.code} {_figure(a.old.value, a.old.estimate, lang)} → {new}"
        whys = []
        for rv in a.revisions:
            unit = plan.unit(rv.unit)
            parts = [unit.name(lang) if unit else rv.unit]
            if rv.time is not None:
                parts.append(short_date(rv.time.astimezone().date(), lang))
            if rv.reason:
                parts.append(SNAPSHOT_MESSAGES["reason"](lang).format(reason=rv.reason))
            elif rv.action.endswith("official"):
                parts.append(SNAPSHOT_MESSAGES["official"](lang))
            whys.append(", ".join(parts))
        if whys:
            line += f" ({'; '.join(whys)})"
        if a.old.status and a.old.status != a.new_status:
            try:
                old_label = status_label(a.old.status, lang)
            except KeyError:
                old_label = a.old.status
            line += "; " + SNAPSHOT_MESSAGES["status"](lang).format(
                old=old_label, new=status_label(a.new_status, lang)
            )
        lines.append(line + ".")
    return title, lines


@dataclass
class Notice:
    """What ``status`` and ``report`` add for a month with an issued report."""

    snapshot: Snapshot | None = None
    found: list[Adjustment] = field(default_factory=list)
    title: str = ""
    lines: list[str] = field(default_factory=list)
    warning: str | None = None  # a damaged snapshot

    def to_dict(self) -> dict[str, Any]:
        s = self.snapshot
        return {
            "report_date": s.report_date.isoformat() if s else None,
            "written": s.written.strftime("%Y-%m-%dT%H:%M:%SZ") if s else None,
            "figures": [a.to_dict() for a in self.found],
            "warning": self.warning,
        }
