"""PNG charts for the Word report: the path of each lagging cumulative target, and the
statuses of all targets by group.

matplotlib draws them; it is an optional dependency (``pip install "kehoach[charts]"``, in
double quotes, which cmd.exe, PowerShell and sh all read) imported only here, inside the
functions that draw, so no other command pays for it. When it is missing, or no font with
Vietnamese glyphs is found, :func:`report_charts` returns no images and a reason in the
reader's language; the report then goes on without charts. Output is deterministic:
matplotlib's own defaults (never the user's ``matplotlibrc``), the Agg renderer, a fixed
size and resolution and no metadata that changes (no date, no software version), so the
same data gives the same PNG bytes on one installation. API for the report (see
:class:`ChartSet`):: charts = report_charts(plan, status, dataset, lang) for chart in
charts.images: # overview first, then one per lagging target add_picture(chart.png,
chart.title) # PNG bytes, 6.3 × 3.2 in at 150 dpi if charts.reason: # no charts at all:
say why, in one line add_paragraph(charts.reason)
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from kehoach.core.attainment import StatusResult
from kehoach.core.i18n import EN_MONTHS, STATUS_ORDER, Localized, month_label, status_label
from kehoach.core.models import Plan
from kehoach.core.trajectory import Trajectory

WIDTH_IN, HEIGHT_IN, DPI = 6.3, 3.2, 150
# Every diacritic the labels use must have a glyph, or the report would show boxes.
VIETNAMESE_SAMPLE = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ"
FONT = "DejaVu Sans"  # ships with matplotlib and covers Vietnamese
LAGGING = ("at_risk", "off_track")

STATUS_COLOURS = {
    "conflict": "#8e44ad",
    "achieved": "#1a7f37",
    "not_due": "#b8b8b8",
    "no_data": "#7a1f1f",
    "on_track": "#6cc070",
    "at_risk": "#e0a100",
    "off_track": "#d1362f",
}

CHART_LABELS = {
    "actual": Localized("Thực hiện lũy kế", "Year to date"),
    "expected": Localized("Tiến độ kế hoạch", "Expected path"),
    "previous": Localized("Cùng kỳ năm trước", "Last year"),
    "carried": Localized("Giữ số tháng trước", "Earlier figure stands"),
    "target": Localized("Kế hoạch năm", "Annual target"),
    "overview": Localized(
        "Trạng thái các chỉ tiêu theo nhóm — {month}", "Targets by status and group — {month}"
    ),
    "count": Localized("Số chỉ tiêu", "Number of targets"),
    "path_title": Localized("{code} — {name}", "{code} — {name}"),
    "no_library": Localized(
        "Báo cáo không kèm biểu đồ: chưa cài thư viện vẽ matplotlib "
        '(pip install "kehoach[charts]").',
        "The report has no charts: the matplotlib plotting library is not installed "
        '(pip install "kehoach[charts]").',
    ),
    "no_font": Localized(
        "Báo cáo không kèm biểu đồ: không tìm thấy phông chữ có đủ dấu tiếng Việt ({font}).",
        "The report has no charts: no font with Vietnamese glyphs was found ({font}).",
    ),
}


@dataclass(frozen=True)
class Chart:
    name: str  # a file name: "overview.png", "KT04.png"
    title: str  # the caption, in the report's language
    png: bytes


@dataclass(frozen=True)
class ChartSet:
    images: list[Chart] = field(default_factory=list)
    reason: str | None = None  # why there are no charts (library or font missing)


# ------------------------------------------------------------------ availability


def _font_path() -> str | None:
    """The file of a font with every Vietnamese glyph the labels use, or None."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    try:
        path = font_manager.findfont(
            font_manager.FontProperties(family=FONT), fallback_to_default=False
        )
    except (ValueError, OSError):
        return None
    try:
        font = FT2Font(path)
    except (OSError, RuntimeError):
        return None
    if all(font.get_char_index(ord(ch)) for ch in VIETNAMESE_SAMPLE):
        return path
    return None


def unavailable(lang: str) -> str | None:
    """None when charts can be drawn, else the reason (library or font missing)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return CHART_LABELS["no_library"](lang)
    if _font_path() is None:
        return CHART_LABELS["no_font"](lang).format(font=FONT)
    return None


# ------------------------------------------------------------------ drawing


def _figure():
    """A figure on the Agg canvas under matplotlib's defaults, never the user's rc."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rc = {
        k: v
        for k, v in matplotlib.rcParamsDefault.items()
        if k not in ("backend", "backend_fallback", "interactive")
    }
    rc.update({"font.family": "sans-serif", "font.sans-serif": [FONT], "font.size": 8})
    ctx = matplotlib.rc_context(rc=rc)
    ctx.__enter__()
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig, ctx


def _png(fig, ctx) -> bytes:
    buf = io.BytesIO()
    try:
        # No "Software" (version) and no date: the same data gives the same bytes.
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    finally:
        ctx.__exit__(None, None, None)
    return buf.getvalue()


def _months(lang: str) -> list[str]:
    return [EN_MONTHS[m][:3] if lang == "en" else f"T{m + 1}" for m in range(12)]


def _f(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


def _number_formatter(lang: str):
    """Axis figures the way the text reads them: 12.000 in Vietnamese, 12,000 in English."""
    from matplotlib.ticker import FuncFormatter

    from kehoach.core.textfmt import figure_text

    return FuncFormatter(lambda x, _pos: figure_text(Decimal(str(float(x))), lang))


def path_chart(traj: Trajectory, lang: str) -> bytes:
    """A cumulative target: year to date by month against the expected path and last year."""
    r = traj.result
    fig, ctx = _figure()
    try:
        ax = fig.add_subplot()
        xs = list(range(1, 13))
        actual = [(p.month, _f(p.value)) for p in traj.points if p.value is not None and p.sent]
        expected = [_f(p.expected) for p in traj.points]
        colour = STATUS_COLOURS[r.status]
        if actual:
            ax.bar(
                [m for m, _ in actual],
                [v for _, v in actual],
                width=0.6,
                color=colour,
                label=CHART_LABELS["actual"](lang),
                zorder=2,
            )
        # Months with no figure of their own keep the earlier year to date: pale bars, as
        # the terminal's light shade.
        carried = [
            (p.month, _f(p.value)) for p in traj.points if p.value is not None and not p.sent
        ]
        if carried:
            ax.bar(
                [m for m, _ in carried],
                [v for _, v in carried],
                width=0.6,
                color=colour,
                alpha=0.3,
                label=CHART_LABELS["carried"](lang),
                zorder=2,
            )
        if any(e is not None for e in expected):
            ax.step(
                xs,
                [e if e is not None else 0.0 for e in expected],
                where="mid",
                color="#222222",
                linewidth=1.4,
                label=CHART_LABELS["expected"](lang),
                zorder=3,
            )
        if traj.has_previous_year:
            prev = [
                (p.month, _f(p.previous_year)) for p in traj.points if p.previous_year is not None
            ]
            ax.plot(
                [m for m, _ in prev],
                [v for _, v in prev],
                color="#4a7bb7",
                linestyle="--",
                marker="o",
                markersize=3,
                linewidth=1,
                label=CHART_LABELS["previous"](lang),
                zorder=4,
            )
        ax.axhline(
            float(r.target),
            color="#666666",
            linestyle=":",
            linewidth=1,
            label=CHART_LABELS["target"](lang),
        )
        ax.set_xticks(xs, _months(lang))
        ax.set_xlim(0.4, 12.6)
        ax.set_ylim(bottom=0)
        ax.set_ylabel(str(r.uom(lang)))
        ax.yaxis.set_major_formatter(_number_formatter(lang))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6, zorder=0)
        ax.spines[["top", "right"]].set_visible(False)
        title = CHART_LABELS["path_title"](lang).format(code=r.code, name=r.name(lang))
        ax.set_title("\n".join(textwrap.wrap(title, 64)), loc="left", fontsize=9, fontweight="bold")
        ax.text(
            1.0,
            1.02,
            status_label(r.status, lang),
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=8,
            color=STATUS_COLOURS[r.status],
            fontweight="bold",
        )
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            ncol=3,
            fontsize=7,
            frameon=False,
        )
        fig.tight_layout()
    except BaseException:
        ctx.__exit__(None, None, None)
        raise
    return _png(fig, ctx)


def overview_chart(status: StatusResult, plan: Plan, lang: str) -> bytes:
    """One horizontal bar per group, split by status, in the order of the status words."""
    fig, ctx = _figure()
    try:
        ax = fig.add_subplot()
        groups = [g for g in plan.groups if any(r.group == g.code for r in status.indicators)]
        labels = [
            f"{g.code} ({sum(1 for r in status.indicators if r.group == g.code)})" for g in groups
        ]
        ys = list(range(len(groups)))[::-1]
        left = [0] * len(groups)
        for word in STATUS_ORDER:
            counts = [
                sum(1 for r in status.indicators if r.group == g.code and r.status == word)
                for g in groups
            ]
            if not any(counts):
                continue
            bars = ax.barh(
                ys,
                counts,
                left=left,
                height=0.6,
                color=STATUS_COLOURS[word],
                label=f"{status_label(word, lang)} ({sum(counts)})",
                edgecolor="white",
                linewidth=0.8,
            )
            ax.bar_label(
                bars,
                labels=[str(c) if c else "" for c in counts],
                label_type="center",
                fontsize=7,
                color="white" if word not in ("not_due", "on_track") else "#222222",
            )
            left = [a + b for a, b in zip(left, counts, strict=True)]
        ax.set_yticks(ys, labels)
        ax.set_xlabel(CHART_LABELS["count"](lang))
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.spines[["top", "right"]].set_visible(False)
        ax.set_title(
            CHART_LABELS["overview"](lang).format(
                month=month_label(status.year, status.month, lang)
            ),
            loc="left",
            fontsize=9,
            fontweight="bold",
        )
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=7, frameon=False)
        fig.tight_layout()
    except BaseException:
        ctx.__exit__(None, None, None)
        raise
    return _png(fig, ctx)


def lagging_cumulative(status: StatusResult) -> list[str]:
    """The codes that get a path chart: cumulative targets at risk or off track."""
    return [r.code for r in status.indicators if r.measure == "cumulative" and r.status in LAGGING]


def report_charts(plan: Plan, status: StatusResult, dataset, lang: str) -> ChartSet:
    """The report's charts: the overview, then one per lagging cumulative target, in the
    plan's order; or none and the reason when they cannot be drawn."""
    reason = unavailable(lang)
    if reason is not None:
        return ChartSet([], reason)
    from kehoach.core.trajectory import trajectory

    images = [
        Chart(
            "overview.png",
            CHART_LABELS["overview"](lang).format(
                month=month_label(status.year, status.month, lang)
            ),
            overview_chart(status, plan, lang),
        )
    ]
    for code in lagging_cumulative(status):
        index = plan.indicator_index[code.upper()]
        traj = trajectory(plan, dataset, index, status.month)
        title = CHART_LABELS["path_title"](lang).format(code=code, name=traj.result.name(lang))
        images.append(Chart(f"{code}.png", title, path_chart(traj, lang)))
    return ChartSet(images, None)


def main(argv: list[str] | None = None) -> int:
    """``python -m kehoach.render.charts [--plan P] [--data D] [--month YYYY-MM]
    [--lang vi|en] OUTDIR``: write the report's charts as PNG files (for a look, and for
    the benchmark)."""
    import argparse
    from pathlib import Path

    from kehoach.core.attainment import compute_status
    from kehoach.core.numbers import parse_month
    from kehoach.read.datafolder import load_data
    from kehoach.read.planfile import load_plan
    from kehoach.store.atomic import write_atomic

    ap = argparse.ArgumentParser(prog="python -m kehoach.render.charts")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--plan", type=Path, default=Path("plan2020.yaml"))
    ap.add_argument("--data", type=Path, default=Path("data/monthly"))
    ap.add_argument("--month")
    ap.add_argument("--lang", default="vi", choices=("vi", "en"))
    args = ap.parse_args(argv)
    plan = load_plan(args.plan)
    load = load_data(plan, args.data)
    month = parse_month(args.month)[1] if args.month else None
    status = compute_status(plan, load.dataset, month)
    charts = report_charts(plan, status, load.dataset, args.lang)
    if charts.reason:
        print(charts.reason)
        return 2
    args.outdir.mkdir(parents=True, exist_ok=True)
    for chart in charts.images:
        write_atomic(args.outdir / chart.name, chart.png)
        print(args.outdir / chart.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
