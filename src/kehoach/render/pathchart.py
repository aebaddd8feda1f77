"""``kehoach show``: one indicator's path through the year, drawn with rich in the terminal.

A renderer only: it takes a :class:`~kehoach.core.trajectory.Trajectory` and prints. The
picture is a small character chart of twelve month columns, drawn with block characters so
that it reads without colour (each series has its own glyph; colour only repeats what the
glyph says, and rich drops it under ``NO_COLOR`` or when output is not a terminal):

- cumulative: ``█`` bars for the year to date (eighth blocks for the top), ``░`` where a
  month has no figure of its own and the earlier one stands, ``─`` the expected path at
  that month, ``○`` the same month last year;
- level: ``●`` the value, ``═`` the target line, ``┄`` the at-risk line, ``○`` last year;
- milestone: one band of rows per stage (named on the axis), ``█`` up to the stage
  reached, ``─`` the stage planned by that month.

Why not a plotting library (plotext, asciichartpy): with twelve monthly points the extra
resolution of braille lines buys nothing, their output is coloured by default and harder to
keep byte-stable in golden files, and each is one more dependency on the start-up path.
A hundred lines of grid drawing keep ``show`` as fast as ``status``.
"""

from __future__ import annotations

import math
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach.core.i18n import EN_MONTHS, Localized, month_label, status_label
from kehoach.core.models import Plan
from kehoach.core.safetext import visible
from kehoach.core.textfmt import figure_text, percent, with_unit
from kehoach.core.trajectory import Trajectory
from kehoach.render.terminal import STATUS_STYLES, owners_text

SHOW_LABELS = {
    "target": Localized("Kế hoạch năm", "Annual target"),
    "status": Localized("Trạng thái {month}", "Status in {month}"),
    "owner": Localized("Chịu trách nhiệm", "Accountable"),
    "contributors": Localized("Đơn vị đóng góp", "Contributing units"),
    "by_unit": Localized(
        "(chi tiết từng đơn vị: kehoach status --by-unit {code})",
        "(each unit in detail: kehoach status --by-unit {code})",
    ),
    "notes": Localized("Ghi chú của đơn vị", "Notes sent by the units"),
    "no_data": Localized("Chưa có số liệu.", "No figures yet."),
    "conflict": Localized(
        "Hai tệp cho hai số khác nhau ({months}): số đó không được tính cho đến khi bỏ "
        "hoặc thay một tệp (xem bên dưới).",
        "Two files give different figures ({months}): that figure is not counted until "
        "one file is removed or replaced (see below).",
    ),
    "month": Localized("Tháng", "Month"),
    "ytd": Localized("Lũy kế", "Year to date"),
    "in_month": Localized("Trong tháng", "In the month"),
    "expected": Localized("Tiến độ KH", "Expected"),
    "previous": Localized("Cùng kỳ\nnăm trước", "Same month\nlast year"),
    "value": Localized("Giá trị", "Value"),
    "reached": Localized("Mốc đạt", "Stage reached"),
    "planned": Localized("Mốc kế hoạch", "Stage planned"),
    "est": Localized("ước", "est."),
    "leg_ytd": Localized("thực hiện lũy kế", "year to date"),
    "leg_expected": Localized("tiến độ kế hoạch", "expected path"),
    "leg_previous": Localized("cùng kỳ năm trước", "last year"),
    "leg_value": Localized("giá trị", "value"),
    "leg_target": Localized("kế hoạch", "target"),
    "leg_risk": Localized("ngưỡng nguy cơ", "at-risk line"),
    "leg_reached": Localized("mốc đạt", "stage reached"),
    "leg_carried": Localized("giữ số tháng trước", "earlier figure stands"),
    "leg_planned": Localized("mốc kế hoạch", "stage planned"),
    "attained": Localized("đạt {share} kế hoạch năm", "{share} of the annual target"),
    "summary_cum": Localized(
        "Lũy kế {value}, {attained}; tiến độ đến nay {expected}",
        "Year to date {value}, {attained}; expected by now {expected}",
    ),
    "summary_level": Localized(
        "Giá trị mới nhất ({month}) {value}; kế hoạch {target}; ngưỡng nguy cơ {risk}",
        "Latest value ({month}) {value}; target {target}; at-risk line {risk}",
    ),
    "summary_stage": Localized(
        "Mốc đạt: {reached}; mốc kế hoạch đến nay: {planned}",
        "Stage reached: {reached}; stage planned by now: {planned}",
    ),
    "previous_line": Localized(
        "; cùng kỳ năm trước {previous}", "; same month last year {previous}"
    ),
    "none": Localized("chưa có", "none"),
}

# Glyphs: one per series, so the chart reads in black and white.
BAR = "█"
CARRIED = "░"  # a month with no figure of its own: the last one still stands
EIGHTHS = " ▁▂▃▄▅▆▇█"
EXPECTED = "─"
PREVIOUS = "○"
VALUE = "●"
TARGET = "═"
RISK = "┄"
NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


def month_abbr(month: int, lang: str) -> str:
    return EN_MONTHS[month - 1][:3] if lang == "en" else f"T{month}"


def nice_step(raw: Decimal) -> Decimal:
    """The smallest 1-2-2.5-5 × 10^k step not below ``raw`` (raw > 0)."""
    if raw <= 0:
        return Decimal(1)
    exp = math.floor(math.log10(float(raw)))
    base = Decimal(10) ** exp
    for m in NICE:
        if m * base >= raw:
            return m * base
    return 10 * base  # pragma: no cover - NICE ends at 10


class Grid:
    """Rows of single-width cells with a style each; row 0 is the top."""

    def __init__(self, rows: int, cols: int):
        self.chars = [[" "] * cols for _ in range(rows)]
        self.styles: list[list[str | None]] = [[None] * cols for _ in range(rows)]

    def put(self, row: int, col: int, ch: str, style: str | None = None, over=True) -> None:
        if not over and self.chars[row][col] != " ":
            return
        self.chars[row][col] = ch
        self.styles[row][col] = style

    def line(self, row: int) -> Text:
        text = Text()
        for ch, st in zip(self.chars[row], self.styles[row], strict=True):
            text.append(ch, style=st or "")
        return text


class Scale:
    """Chart rows 1..height above the axis (row 0); row r holds values up to lo + r·step."""

    def __init__(self, lo: Decimal, step: Decimal, height: int):
        self.lo, self.step, self.height = lo, step, height

    def rows(self, value: Decimal) -> Decimal:
        return (value - self.lo) / self.step

    def row_of(self, value: Decimal) -> int:
        """The row a marker for ``value`` sits in (a value on a row's top edge sits in it)."""
        return min(self.height, max(1, math.ceil(self.rows(value))))


def _scale(values: list[Decimal], from_zero: bool, most: int = 6) -> Scale:
    """A scale whose labelled rows (every other row) fall on round figures.

    The label step is the smallest 1-2-2.5-5 × 10^k that spans the values in at most
    ``most`` labels; the chart is then two rows per label, so it is as tall as it needs.
    """
    hi, lo_v = max(values), min(values)
    span = hi - min(lo_v, Decimal(0)) if from_zero else hi - lo_v
    label = nice_step(span / most) if span > 0 else nice_step(max(abs(hi) / 10, Decimal("0.1")))
    while True:
        lo = (lo_v / label).to_integral_value(rounding="ROUND_FLOOR") * label
        if from_zero:
            lo = min(lo, Decimal(0))
        elif lo == lo_v:
            lo -= label  # no level marker sits on the axis
        n = max(2, math.ceil((hi - lo) / label))
        if n <= most:
            return Scale(lo, label / 2, 2 * n)
        label = nice_step(label * Decimal("1.01"))


def _cells(width: int, label_width: int) -> int:
    return max(4, min(8, (width - label_width - 2) // 12))


def draw_chart(traj: Trajectory, lang: str, width: int) -> list[Text]:
    """The picture as lines of at most ``width`` cells."""
    r = traj.result
    style = STATUS_STYLES[r.status]
    pts = traj.points
    if traj.measure == "milestone":
        return _draw_milestone(traj, lang, width, style)
    level = traj.measure == "level"
    values: list[Decimal] = [r.target]
    for p in pts:
        values += [v for v in (p.value, p.expected, p.previous_year) if v is not None]
    if level and traj.risk_line is not None:
        values.append(traj.risk_line)
    scale = _scale(values, from_zero=not level, most=8 if level else 6)
    height = scale.height
    labels = {
        row: figure_text(scale.lo + scale.step * row, lang, 4) for row in range(0, height + 1, 2)
    }
    lw = max(len(t) for t in labels.values())
    cw = _cells(width, lw)
    bw = 2 if cw < 7 else 3
    start = (cw - bw - 1) // 2
    grid = Grid(height + 1, 12 * cw)
    for col in range(12 * cw):
        grid.put(height, col, "─")
    if level:
        for line, glyph, st in ((traj.risk_line, RISK, "yellow"), (r.target, TARGET, "bold")):
            if line is None:
                continue
            row = height - scale.row_of(line)
            for col in range(12 * cw):
                grid.put(row, col, glyph, st)
    for p in pts:
        x = (p.month - 1) * cw
        if not level and p.expected is not None and p.expected > scale.lo:
            row = height - scale.row_of(p.expected)
            for col in range(x, x + cw):
                grid.put(row, col, EXPECTED, "bold")
        if p.previous_year is not None:
            row = height - scale.row_of(p.previous_year)
            grid.put(row, x + start + bw, PREVIOUS, "cyan")
        if p.value is None or (not p.sent and level):
            continue
        if level:
            grid.put(height - scale.row_of(p.value), x + start + (bw - 1) // 2, VALUE, style)
            continue
        filled = scale.rows(p.value)
        for row in range(1, height + 1):
            part = min(max(filled - (row - 1), Decimal(0)), Decimal(1))
            eighths = int(part * 8 + Decimal("0.5"))
            # A month without a figure of its own keeps the year to date it had: drawn
            # in light shade, so a flat quarter does not look like three reports.
            glyph = EIGHTHS[eighths] if p.sent else (CARRIED if eighths >= 4 else " ")
            if glyph == " ":
                continue
            for col in range(x + start, x + start + bw):
                grid.put(height - row, col, glyph, style if p.sent else "dim")
    lines = []
    for i in range(height + 1):
        row = height - i
        label = labels.get(row, "")
        axis = "┼" if row == 0 else ("┤" if row in labels else "│")
        line = Text(label.rjust(lw) + " " + axis, style="dim")
        line.append_text(grid.line(i))
        lines.append(line)
    lines.append(_month_axis(traj, lang, lw + 2, cw))
    return lines


def _month_axis(traj: Trajectory, lang: str, indent: int, cw: int) -> Text:
    text = Text(" " * indent)
    for m in range(1, 13):
        text.append(month_abbr(m, lang).center(cw), style="bold" if m == traj.month else "dim")
    return text


def _draw_milestone(traj: Trajectory, lang: str, width: int, style: str) -> list[Text]:
    r = traj.result
    n = len(r.stages)
    per = 2  # rows per stage: the stage's name on the upper one
    height = n * per
    names = {k: f"{k} {r.stage_name(k, lang)}" for k in range(1, n + 1)}
    # Narrow: the axis names are cut and the legend line under the chart gives them whole.
    lw = min(max(len(t) for t in names.values()), 14 if width < 100 else 30)
    names = {k: (t if len(t) <= lw else t[: lw - 1] + "…") for k, t in names.items()}
    cw = _cells(width, lw)
    bw = 2 if cw < 7 else 3
    start = (cw - bw - 1) // 2
    grid = Grid(height + 1, 12 * cw)
    for col in range(12 * cw):
        grid.put(height, col, "─")
    for p in traj.points:
        x = (p.month - 1) * cw
        if p.expected:
            row = height - int(p.expected) * per
            for col in range(x, x + cw):
                grid.put(row, col, EXPECTED, "bold")
        if p.value is not None:
            top = int(p.value) * per
            glyph, st = (BAR, style) if p.sent else (CARRIED, "dim")
            for row in range(1, top + 1):
                for col in range(x + start, x + start + bw):
                    grid.put(height - row, col, glyph, st)
    lines = []
    for i in range(height + 1):
        row = height - i
        k, rest = divmod(row, per)
        label = names.get(k, "") if rest == 0 and row else ("0" if row == 0 else "")
        axis = "┼" if row == 0 else ("┤" if rest == 0 else "│")
        line = Text(label.ljust(lw) + " " + axis, style="dim")
        line.append_text(grid.line(i))
        lines.append(line)
    lines.append(_month_axis(traj, lang, lw + 2, cw))
    return lines


def legend(traj: Trajectory, lang: str) -> Text:
    if traj.measure == "milestone":
        items = [(BAR, "leg_reached"), (EXPECTED, "leg_planned")]
    elif traj.measure == "level":
        items = [(VALUE, "leg_value"), (TARGET, "leg_target"), (RISK, "leg_risk")]
    else:
        items = [(BAR, "leg_ytd"), (EXPECTED, "leg_expected")]
    if traj.measure != "level" and any(p.value is not None and not p.sent for p in traj.points):
        items.insert(1, (CARRIED, "leg_carried"))
    if traj.has_previous_year and traj.measure != "milestone":
        items.append((PREVIOUS, "leg_previous"))
    text = Text()
    for i, (glyph, key) in enumerate(items):
        if i:
            text.append("   ")
        text.append(f"{glyph} {SHOW_LABELS[key](lang)}", style="dim")
    if traj.measure == "milestone":
        r = traj.result
        for k, (_, vi, en, month) in enumerate(r.stages, 1):
            text.append("\n" if k == 1 else " · ")
            text.append(f"{k} {en if lang == 'en' else vi} ({month_abbr(month, lang)})")
    return text


def _figure(value: Decimal | None, estimate: bool, lang: str) -> str:
    text = figure_text(value, lang)
    if value is not None and estimate:
        text += f" ({SHOW_LABELS['est'](lang)})"
    return text


def numbers_table(traj: Trajectory, lang: str) -> Table:
    """The figures under the picture: one row per month up to M."""
    from rich import box

    r = traj.result
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(SHOW_LABELS["month"](lang), no_wrap=True)
    if traj.measure == "milestone":
        table.add_column(SHOW_LABELS["reached"](lang))
        table.add_column(SHOW_LABELS["planned"](lang))
    elif traj.measure == "level":
        table.add_column(SHOW_LABELS["value"](lang), justify="right", no_wrap=True)
    else:
        table.add_column(SHOW_LABELS["ytd"](lang), justify="right", no_wrap=True)
        table.add_column(SHOW_LABELS["expected"](lang), justify="right", no_wrap=True)
    if traj.measure != "milestone" and traj.has_previous_year:
        table.add_column(SHOW_LABELS["previous"](lang), justify="right", no_wrap=True)
    for p in traj.points[: traj.month]:
        # The months that say something: a figure, a due month, or the month shown
        # (a half-yearly level would otherwise be a column of dashes).
        if not (p.sent or p.month in traj.due_months or p.month == traj.month):
            continue
        cells = [month_abbr(p.month, lang)]
        shown = p.value if p.sent else None
        if traj.measure == "milestone":
            cells.append(_stage(r, p.value if p.sent else None, lang))
            cells.append(_stage(r, p.expected, lang))
        else:
            cells.append(_figure(shown, p.estimate, lang))
            if traj.measure == "cumulative":
                cells.append(figure_text(p.expected, lang))
            if traj.has_previous_year:
                cells.append(figure_text(p.previous_year, lang))
        table.add_row(*cells)
    return table


def _stage(r, n: Decimal | None, lang: str) -> str:
    if n is None:
        return "—"
    k = int(n)
    return f"{k}/{len(r.stages)} {r.stage_name(k, lang)}" if k else "0"


def summary_line(traj: Trajectory, lang: str) -> Text:
    r = traj.result
    uom = r.uom(lang)
    target = r.target_words(lang) or with_unit(r.target, uom, lang)
    # Beside a level's target in the plan's words (which carry the unit), the figures
    # need their unit only when it is a short sign (%) or the words do not name it.
    unit_each = r.measure != "level" or uom == "%" or uom not in target

    def fig(v: Decimal | None) -> str:
        return with_unit(v, uom, lang) if unit_each else figure_text(v, lang)

    if r.measure == "milestone":
        text = SHOW_LABELS["summary_stage"](lang).format(
            reached=_stage(r, r.value, lang) if r.value is not None else SHOW_LABELS["none"](lang),
            planned=_stage(r, r.expected, lang),
        )
    elif r.measure == "level":
        text = SHOW_LABELS["summary_level"](lang).format(
            month=month_abbr(r.last_month, lang) if r.last_month else "—",
            value=fig(r.value),
            target=target,
            risk=fig(traj.risk_line),
        )
    else:
        attained = percent(r.attainment, lang, 0) if r.attainment is not None else "—"
        text = SHOW_LABELS["summary_cum"](lang).format(
            value=fig(r.value),
            attained=SHOW_LABELS["attained"](lang).format(share=attained),
            expected=fig(r.expected),
        )
    if r.measure != "milestone" and r.previous_year is not None:
        text += SHOW_LABELS["previous_line"](lang).format(previous=fig(r.previous_year))
    return Text(text + ".")


def render_show(traj: Trajectory, plan: Plan, lang: str, console: Console) -> None:
    r = traj.result
    width = console.width
    # Users' text (names, notes) is laid out with the signs it will show: render/safe.py.
    title = Text(visible(f"{r.code} — {r.name(lang)}"), style="bold")
    console.print(title)
    target = r.target_words(lang) or with_unit(r.target, r.uom(lang), lang)
    head = Text(f"{SHOW_LABELS['target'](lang)}: {target}")
    console.print(head)
    head = Text(
        SHOW_LABELS["status"](lang).format(month=month_label(r.year, traj.month, lang)) + ": "
    )
    head.append(status_label(r.status, lang), style=STATUS_STYLES[r.status])
    console.print(head)
    console.print()
    for line in draw_chart(traj, lang, width):
        console.print(line, no_wrap=True, overflow="crop")
    console.print(legend(traj, lang))
    console.print()
    if r.conflict_months:
        months = ", ".join(month_abbr(m, lang) for m in r.conflict_months)
        console.print(SHOW_LABELS["conflict"](lang).format(months=months), style="bold magenta")
    if not traj.has_data:
        console.print(SHOW_LABELS["no_data"](lang), style="bold yellow")
    else:
        console.print(numbers_table(traj, lang))
        console.print(summary_line(traj, lang))
    owners = Text(f"{SHOW_LABELS['owner'](lang)}: ", style="bold")
    owners.append(_units(plan, [r.owner] if r.owner else list(traj.contributors), lang))
    console.print(owners)
    if r.owner and traj.contributors:
        line = Text(f"{SHOW_LABELS['contributors'](lang)}: ", style="bold")
        line.append(owners_text(plan, list(traj.contributors), lang))
        line.append(" " + SHOW_LABELS["by_unit"](lang).format(code=r.code), style="dim")
        console.print(line)
    if r.notes:
        console.print(Text(SHOW_LABELS["notes"](lang) + ":", style="bold"))
        for note in r.notes:
            text = f"  {month_abbr(note.month, lang)} {note.unit}: {note.text}"
            console.print(Text(visible(text)))


def _units(plan: Plan, codes: list[str], lang: str) -> str:
    by_code = {u.code: u for u in plan.units}
    parts = []
    for code in codes:
        unit = by_code.get(code)
        parts.append(f"{code} ({unit.name(lang)})" if unit else code)
    return "; ".join(parts)
