"""Report snapshots: the figures an issued report printed, and what changed since.

Owns ``DATA/_reports/YYYY-MM.json``. When ``report -o FILE`` writes the report for a
month, the figures it printed (each indicator's value, month amount, estimate mark and
status, as :func:`~kehoach.attainment.compute_status` gave them) are recorded there with
the report's date and the time it was written. Once the month has been closed with
``kehoach lock`` the snapshot is the issued report and is never replaced: a later
``report -o`` of that month is a reprint, and ``status`` and ``report`` for the month list
every figure that now differs from it ("Số liệu điều chỉnh sau báo cáo ngày 22/09/2020:
KT04 52 (ước) → 52,7 tỷ đồng (Chi cục Thuế, 05/10/2020, lý do: …)"), taking the unit, the
date and the reason from ``DATA/_revisions.csv`` where a revision made the change.

Until the month is first locked, each ``report -o`` replaces the snapshot (the report
written last before the lock is the one issued; the order submit → report → lock works
as well as lock → report). A replaced snapshot is kept beside it (``.bak``) unless it held
the same figures.

The snapshot's building, parsing and comparing are pure; the edge functions at the end
(:func:`record_report`, :func:`adjustment_notice`) are the two hooks ``report`` and
``status`` call. Neither ever stops a command: a damaged snapshot is a warning.
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
        "Tháng đã khóa sổ: {path} (báo cáo ngày {date}) vẫn là mốc đối chiếu, không ghi đè.",
        "The month is locked: {path} (the report of {date}) stays the reference; not replaced.",
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
    locked: bool = False  # the month was locked when it was written
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
            "locked": self.locked,
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

    def same_figures(self, other: Snapshot) -> bool:
        return self.figures == other.figures and self.report_date == other.report_date


def _dec_text(d: Decimal | None) -> str | None:
    # Strings, not JSON numbers: the figure comes back as the exact decimal printed.
    return None if d is None else format_canonical(d)


def make_snapshot(
    status: StatusResult,
    plan_id: str,
    report_date: date,
    written: datetime,
    *,
    locked: bool = False,
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
        locked,
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
            bool(doc.get("locked", False)),
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
    """Every indicator of ``status`` whose figure differs from the one ``snapshot`` printed,
    in plan order, with the revisions of that indicator (months up to the report's)
    logged after the snapshot was written."""
    out = []
    for r in status.indicators:
        old = snapshot.figures.get(r.code.upper())
        if old is None or old.value == r.value:
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


def ever_locked(root: Path, month: str) -> bool:
    """Whether the lock file has ever closed ``month`` (its well-formed lines only: a
    damaged lock file stops submit and lock, not a reading command)."""
    from kehoach.locks import read_locks

    return any(e.month == month and e.locked for e in read_locks(root).entries)


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
    if not root.is_dir() or not ever_locked(root, month):
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
    """Hook for ``report -o``: record the figures just written; returns the line to say
    on stderr (recorded, kept, or could not record), None when there was nothing to do."""
    from kehoach.atomic import write_keeping_old

    month = format_month(status.year, status.month)
    path = snapshot_path(root, month)
    if not root.is_dir():
        return None
    locked_before = ever_locked(root, month)
    if locked_before and path.exists():
        try:
            shown = _short_date(read_snapshot(root, month).report_date, lang)
        except (SnapshotError, AttributeError):
            shown = "?"
        return M["kept"](lang).format(path=path, date=shown)
    from kehoach.locks import read_locks

    snap = make_snapshot(
        status,
        plan.id,
        report_date,
        now or datetime.now(UTC),
        locked=read_locks(root).is_locked(month),
        output=str(output),
        fmt=fmt,
        lang=lang,
    )
    try:
        old = read_snapshot(root, month)
    except SnapshotError:
        old = None
    if old is not None and old.same_figures(snap):
        return None
    try:
        path.parent.mkdir(exist_ok=True)
        write_keeping_old(path, snap.to_json())
    except OSError as exc:
        return M["cannot_record"](lang).format(path=path, error=exc.strerror or exc)
    return M["recorded"](lang).format(path=path)


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
