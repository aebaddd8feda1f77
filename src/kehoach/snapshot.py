"""Report snapshots: the figures an issued report printed, and what changed since.

Owns ``DATA/_reports/YYYY-MM.json``: each indicator's value, month amount, estimate mark
and status for a closed month (as :func:`~kehoach.attainment.compute_status` gave them),
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
hooks: :func:`record_report` (``report -o``), :func:`record_lock` (``lock``) and
:func:`adjustment_notice` (``status`` and ``report``). None of them ever stops a command:
a damaged snapshot is a warning.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kehoach.attainment import StatusResult
from kehoach.i18n import EN_MONTHS, Localized, status_label
from kehoach.models import Plan
from kehoach.numbers import MonthError, format_canonical, format_month, parse_month
from kehoach.submit import Revision

REPORTS_DIR = "_reports"
VERSION = 1

M = {
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
            "old": _num(self.old.value),
            "old_estimate": self.old.estimate,
            "old_status": self.old.status,
            "new": _num(self.new_value),
            "new_estimate": self.new_estimate,
            "new_status": self.new_status,
            "unit_of_measure": self.uom,
            "revisions": [
                {
                    "unit": r.unit,
                    "month": r.month,
                    "time": r.time.strftime("%Y-%m-%dT%H:%M:%SZ") if r.time else None,
                    "old": _num(r.old),
                    "new": _num(r.new),
                    "action": r.action,
                    "reason": r.reason,
                }
                for r in self.revisions
            ],
        }


def _num(d: Decimal | None) -> float | int | None:
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


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
        # (INDICATORS.md point 4): the report printed "ước".
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


def _short_date(day: date, lang: str) -> str:
    if lang == "en":
        return f"{day.day} {EN_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _figure(value: Decimal | None, estimate: bool, lang: str) -> str:
    from kehoach.textfmt import show

    text = show(value, lang, 4)
    return f"{text} ({M['estimate'](lang)})" if estimate and value is not None else text


def adjustment_lines(
    plan: Plan, snapshot: Snapshot, found: list[Adjustment], lang: str
) -> tuple[str, list[str]]:
    """The title and one line per adjusted figure, in words (pure)."""
    from kehoach.textfmt import attach_unit

    title = M["title"](lang).format(date=_short_date(snapshot.report_date, lang))
    lines = []
    for a in found:
        uom = a.uom_en if lang == "en" else a.uom
        new = (
            attach_unit(_figure(a.new_value, False, lang), uom, lang)
            if a.new_value is not None
            else "—"
        )
        if a.new_estimate and a.new_value is not None:
            new += f" ({M['estimate'](lang)})"
        line = f"{a.code} {_figure(a.old.value, a.old.estimate, lang)} → {new}"
        whys = []
        for rv in a.revisions:
            unit = plan.unit(rv.unit)
            parts = [unit.name(lang) if unit else rv.unit]
            if rv.time is not None:
                parts.append(_short_date(rv.time.astimezone().date(), lang))
            if rv.reason:
                parts.append(M["reason"](lang).format(reason=rv.reason))
            elif rv.action.endswith("official"):
                parts.append(M["official"](lang))
            whys.append(", ".join(parts))
        if whys:
            line += f" ({'; '.join(whys)})"
        if a.old.status and a.old.status != a.new_status:
            try:
                old_label = status_label(a.old.status, lang)
            except KeyError:
                old_label = a.old.status
            line += "; " + M["status"](lang).format(
                old=old_label, new=status_label(a.new_status, lang)
            )
        lines.append(line + ".")
    return title, lines


# ------------------------------------------------------------------ the edge


def snapshot_path(root: Path, month: str) -> Path:
    return root / REPORTS_DIR / f"{month}.json"


def read_snapshot(root: Path, month: str) -> Snapshot | None:
    """The month's snapshot, None when there is none; SnapshotError when damaged."""
    path = snapshot_path(root, month)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SnapshotError(exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SnapshotError("not UTF-8") from None
    return parse_snapshot(text)


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


def adjustment_notice(plan: Plan, root: Path, status: StatusResult, lang: str) -> Notice | None:
    """Hook for ``status`` and ``report``: the figures that differ from the month's issued
    report, as a title and lines; None when the month has no issued report. Never raises
    for what is in the data folder."""
    from kehoach.submit import read_revisions

    month = format_month(status.year, status.month)
    if not snapshot_path(root, month).exists():
        return None
    try:
        snapshot = read_snapshot(root, month)
    except SnapshotError as exc:
        path = snapshot_path(root, month)
        return Notice(warning=M["damaged"](lang).format(path=path, error=exc))
    if snapshot is None:
        return None
    found = adjustments(snapshot, status, read_revisions(root))
    title, lines = adjustment_lines(plan, snapshot, found, lang)
    return Notice(snapshot, found, title, lines)


def _write(path: Path, snap: Snapshot) -> None:
    from kehoach.atomic import write_keeping_old

    path.parent.mkdir(exist_ok=True)
    write_keeping_old(path, snap.to_json())


def record_report(
    plan: Plan,
    root: Path,
    status: StatusResult,
    report_date: date,
    output: Path,
    fmt: str,
    lang: str,
    now: datetime | None = None,
) -> str | None:
    """Hook for ``report -o``: for a locked month, record the figures just written; returns
    the line to say on stderr, None when there was nothing to do (a month not locked)."""
    from kehoach.locks import read_locks

    month = format_month(status.year, status.month)
    if not root.is_dir() or not read_locks(root).is_locked(month):
        return None
    path = snapshot_path(root, month)
    try:
        old = read_snapshot(root, month)
    except SnapshotError:
        old = None
        damaged = True
    else:
        damaged = False
    snap = make_snapshot(
        status,
        plan.id,
        report_date,
        now or datetime.now(UTC),
        source="report",
        output=str(output),
        fmt=fmt,
        lang=lang,
    )
    # The figures at the lock give way to the report's own record only when they are the
    # same figures (the report issued after the lock); once a figure has changed since,
    # this report is a reprint and the record at the lock stays the reference.
    if damaged or (old is not None and (old.source != "lock" or old.figures != snap.figures)):
        shown = _short_date(old.report_date, lang) if old else "?"
        return M["kept"](lang).format(path=path, date=shown)
    try:
        _write(path, snap)
    except OSError as exc:
        return M["cannot_record"](lang).format(path=path, error=exc.strerror or exc)
    return M["recorded"](lang).format(path=path)


def record_lock(
    plan: Plan, root: Path, month: int, lang: str, now: datetime | None = None
) -> str | None:
    """Hook for ``kehoach lock``: when the month has no snapshot, record its figures as
    they stand (the report issued just before the lock printed them). Returns the line to
    say, None when a snapshot was already there. Called after the lock line is written,
    outside the data folder's lock: reading every file takes a moment."""
    from kehoach.attainment import compute_status
    from kehoach.store import load_data

    path = snapshot_path(root, format_month(plan.year, month))
    if path.exists():
        return None
    dataset = load_data(plan, root).dataset
    if dataset.latest_month() is None:
        return None  # nothing was reported: nothing a report could have printed
    status = compute_status(plan, dataset, month)
    snap = make_snapshot(
        status, plan.id, plan.report_date(month), now or datetime.now(UTC), source="lock"
    )
    try:
        _write(path, snap)
    except OSError as exc:
        return M["cannot_record"](lang).format(path=path, error=exc.strerror or exc)
    return M["recorded_lock"](lang).format(path=path)


def print_notice(notice: Notice | None, console) -> None:
    """The notice under the ``status`` table: the title and one line per figure."""
    if notice is None:
        return
    from rich.text import Text

    if notice.warning:
        console.print()
        console.print(Text(notice.warning, style="yellow"), soft_wrap=True)
    if notice.lines:
        console.print()
        console.print(Text(notice.title, style="bold"), soft_wrap=True)
        for line in notice.lines:
            console.print(Text("- " + line), soft_wrap=True)
