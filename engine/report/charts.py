"""The report's charts, drawn server-side with matplotlib's object-oriented API.

No pyplot: `matplotlib.figure.Figure` objects are independent of any global figure
manager, so charts can be drawn in worker threads concurrently. SVG text is drawn as
paths (`svg.fonttype = "path"`), so the HTML page needs no font on the reader's machine.

Chinese labels need a CJK font on the server. `cjk_font()` looks for one (the
PROMOFLOW_REPORT_FONT file if set, else a known family matplotlib already knows, else a
known file among the system fonts, e.g. fonts-wqy-microhei or fonts-noto-cjk on Debian);
without one the charts fall back to English labels and a warning is logged once.
"""

from __future__ import annotations

import io
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # never a GUI backend in a server, even if something imports pyplot

from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from engine.models.enums import IncidentState
from engine.report.data import (
    Budget,
    ChannelRow,
    Exceptions,
    Funnel,
    KpiRow,
    ReportData,
)
from engine.services import kpis

log = logging.getLogger("promoflow.report")

CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "SimHei",
    "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN", "Noto Serif CJK SC",
)
CJK_FILE_HINTS = ("wqy", "notosanscjk", "notoserifcjk", "sourcehansans", "droidsansfallback",
                  "simhei", "msyh", "pingfang", "uming", "ukai")
PLAN_COLOR = "#9aa5b1"
ACTUAL_COLOR = "#2f6fde"
SPENT_COLOR = "#e07b39"
ALERT_COLOR = "#d64545"
MUTED = "#52606d"

_lock = threading.Lock()
_font: dict[str, str | None] = {}


def cjk_font() -> str | None:
    """The family name of a CJK font matplotlib can use, or None (English labels)."""
    with _lock:
        if "family" not in _font:
            _font["family"] = _find_cjk_font()
            _configure(_font["family"])
        return _font["family"]


def _find_cjk_font() -> str | None:
    manager = font_manager.fontManager
    configured = os.environ.get("PROMOFLOW_REPORT_FONT")
    if configured:
        try:
            manager.addfont(configured)
            return str(font_manager.FontProperties(fname=configured).get_name())
        except (OSError, RuntimeError, ValueError) as exc:
            log.warning("PROMOFLOW_REPORT_FONT=%s cannot be used: %s", configured, exc)
    known = {f.name for f in manager.ttflist}
    for family in CJK_FAMILIES:
        if family in known:
            return family
    # a font installed after matplotlib built its cache: look at the files themselves
    for path in font_manager.findSystemFonts():
        name = Path(path).name.lower().replace("-", "").replace("_", "")
        if any(hint in name for hint in CJK_FILE_HINTS):
            try:
                manager.addfont(path)
                return str(font_manager.FontProperties(fname=path).get_name())
            except (OSError, RuntimeError, ValueError):
                continue
    log.warning("no CJK font found (install fonts-wqy-microhei or fonts-noto-cjk, or set "
                "PROMOFLOW_REPORT_FONT): report charts use English labels")
    return None


def _configure(family: str | None) -> None:
    # Process-wide defaults, set once before any chart is drawn (under the lock).
    matplotlib.rcParams["font.family"] = "sans-serif"
    # one family, no fallback chain: a chain makes every text look up glyphs in each font
    # (~25 % of the drawing time); the CJK fonts we look for carry Latin glyphs too
    matplotlib.rcParams["font.sans-serif"] = [family or "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "path"
    matplotlib.rcParams["svg.hashsalt"] = "promoflow"  # stable ids: reproducible output


class Labels:
    """Chinese labels when a CJK font exists, English ones otherwise."""

    def __init__(self, chinese: bool) -> None:
        self.chinese = chinese

    def __call__(self, zh: str, en: str) -> str:
        return zh if self.chinese else en


def _num(value: Decimal | None) -> float:
    return float(value) if value is not None else 0.0


def _new_figure(width: float, height: float, *, left: float = 0.75, right: float = 0.15,
                top: float = 0.4, bottom: float = 0.45, hspace: float = 0.0) -> Figure:
    """A figure with fixed margins (inches): a layout engine would lay out every text
    twice, and the charts' shapes are known, so fixed margins are as good and ~30 % faster.
    """
    cjk_font()  # fonts configured before the first text is laid out
    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(left=left / width, right=1 - right / width, top=1 - top / height,
                        bottom=bottom / height, hspace=hspace)
    return fig


def _style(ax: object) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(axis="y", color="#e4e7eb", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=8, colors=MUTED)


def kpi_chart(rows: list[KpiRow], t: Labels) -> Figure | None:
    """Plan (line) against actual (bars) per week, one panel per goal metric."""
    rows = [r for r in rows if r.points]
    if not rows:
        return None
    fig = _new_figure(7.5, 2.1 * len(rows) + 0.3, hspace=0.55)
    axes = fig.subplots(len(rows), 1, squeeze=False)[:, 0]
    for ax, row in zip(axes, rows, strict=True):
        _style(ax)
        x = list(range(len(row.points)))
        ticks = [p.start.strftime("%m-%d") for p in row.points]
        actual = [_num(p.actual) for p in row.points]
        colors = [ALERT_COLOR if p.alerted else ACTUAL_COLOR for p in row.points]
        ax.bar(x, actual, width=0.6, color=colors, label=t("实际", "actual"))
        ax.plot(x, [_num(p.plan) for p in row.points], color=PLAN_COLOR, marker="o",
                linewidth=2, markersize=4, label=t("计划", "plan"))
        for xi, p in zip(x, row.points, strict=True):
            if p.actual is None:
                ax.annotate(t("未开始" if p.actual_note == kpis.REASON_NOT_STARTED else "未录入",
                              "n/a"), (xi, 0), ha="center", va="bottom", fontsize=7,
                            color=MUTED)
        ax.set_xticks(x, ticks)
        title = row.label if t.chinese else row.metric
        done = (f"{t('达成', 'achieved')} {row.achievement_percent:.1f}%"
                if row.achievement_percent is not None else "")
        ax.set_title(f"{title}  {t('目标', 'target')} {row.target:,.0f}  {done}",
                     fontsize=9, loc="left")
        handles = [Line2D([0], [0], color=PLAN_COLOR, marker="o", label=t("计划", "plan")),
                   Patch(color=ACTUAL_COLOR, label=t("实际", "actual"))]
        if any(p.alerted for p in row.points):
            handles.append(Patch(color=ALERT_COLOR, label=t("偏差预警", "alert")))
        ax.legend(handles=handles, fontsize=7, loc="upper right", frameon=False)
    return fig


def funnel_chart(funnel: Funnel, t: Labels) -> Figure | None:
    """Horizontal bars, widest at the top, with the conversion from the previous step."""
    if funnel.steps[0].reached == 0:
        return None
    fig = _new_figure(7.5, 2.8, left=0.7, bottom=0.15)
    ax = fig.subplots()
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.tick_params(labelsize=9, colors=MUTED)
    steps = list(reversed(funnel.steps))
    y = list(range(len(steps)))
    values = [s.reached for s in steps]
    palette = ["#1c4fa8", "#2f6fde", "#5b8fe8", "#9bbcf2"]
    ax.barh(y, values, color=palette[: len(steps)], height=0.65)
    ax.set_yticks(y, [s.label if t.chinese else s.stage for s in steps])
    ax.set_xticks([])
    top = max(values) or 1
    for yi, s in zip(y, steps, strict=True):
        conv = s.step_conversion.value
        text = f"{s.reached:,}" + (f"  ({t('转化', 'conv.')} {conv}%)" if conv is not None
                                   else "")
        ax.text(s.reached + top * 0.01, yi, text, va="center", fontsize=8, color="#1f2933")
    ax.set_xlim(0, top * 1.35)
    ax.set_title(t(f"客户漏斗（流失 {funnel.lost:,}）", f"Customer funnel (lost {funnel.lost:,})"),
                 fontsize=10, loc="left")
    return fig


def channel_chart(rows: list[ChannelRow], t: Labels) -> Figure | None:
    """CAC and conversion per channel, side by side."""
    if all(r.row.cac.value is None and r.row.conversion_rate.value is None for r in rows):
        return None
    fig = _new_figure(7.5, 3.0, left=0.7, bottom=0.7)
    fig.subplots_adjust(wspace=0.3)
    left, right = fig.subplots(1, 2)
    names = [r.label if t.chinese else r.channel for r in rows]
    x = list(range(len(rows)))
    for ax, values, title, fmt, color in (
        (left, [r.row.cac.value for r in rows], t("获客成本 CAC（元）", "CAC (CNY)"), "{:,.0f}",
         ACTUAL_COLOR),
        (right, [r.row.conversion_rate.value for r in rows], t("转化率（%）", "Conversion (%)"),
         "{:.1f}%", SPENT_COLOR),
    ):
        _style(ax)
        ax.bar(x, [_num(v) for v in values], color=color, width=0.6)
        top = max((_num(v) for v in values), default=0) or 1
        for xi, v in zip(x, values, strict=True):
            ax.text(xi, _num(v) + top * 0.02, fmt.format(v) if v is not None else "—",
                    ha="center", va="bottom", fontsize=7, color="#1f2933")
        ax.set_ylim(0, top * 1.2)
        ax.set_xticks(x, names, rotation=30 if len(rows) > 3 else 0, ha="right"
                      if len(rows) > 3 else "center")
        ax.set_title(title, fontsize=9, loc="left")
    return fig


def budget_chart(budget: Budget, t: Labels) -> Figure | None:
    """Budget against spend per line (grouped bars)."""
    if not budget.lines:
        return None
    fig = _new_figure(7.5, 3.0, bottom=0.6)
    ax = fig.subplots()
    _style(ax)
    x = list(range(len(budget.lines)))
    width = 0.38
    ax.bar([i - width / 2 for i in x], [_num(b.amount) for b in budget.lines], width,
           color=PLAN_COLOR, label=t("预算", "budget"))
    ax.bar([i + width / 2 for i in x], [_num(b.spent) for b in budget.lines], width,
           color=[ALERT_COLOR if b.spent > b.amount else SPENT_COLOR for b in budget.lines],
           label=t("实际花费", "spent"))
    # descriptions are free text, likely Chinese: only shown when a CJK font exists
    names = [f"{b.label}\n{_short(b.description)}" if t.chinese else f"{i + 1}. {b.category}"
             for i, b in enumerate(budget.lines)]
    ax.set_xticks(x, names, fontsize=7)
    ax.legend(fontsize=7, frameon=False)
    ax.set_title(t("预算与实际花费（元）", "Budget vs spend (CNY)"), fontsize=10, loc="left")
    return fig


def _short(text: str, limit: int = 10) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def exceptions_chart(exceptions: Exceptions, t: Labels) -> Figure | None:
    if exceptions.total == 0:
        return None
    fig = _new_figure(7.5, 2.4)
    ax = fig.subplots()
    _style(ax)
    states = list(IncidentState)
    x = list(range(len(states)))
    values = [exceptions.by_state.get(s.value, 0) for s in states]
    ax.bar(x, values, color=[ALERT_COLOR if s.value in ("reported", "acknowledged",
                                                          "resolving") else PLAN_COLOR
                             for s in states], width=0.6)
    for xi, v in zip(x, values, strict=True):
        ax.text(xi, v, str(v), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(x, [s.label if t.chinese else s.value for s in states])
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.2 of an incident
    ax.set_title(t(f"异常按状态（逾期 {exceptions.late}）",
                   f"Exceptions by state (late {exceptions.late})"), fontsize=10, loc="left")
    return fig


CHARTS: dict[str, Callable[[ReportData, Labels], Figure | None]] = {
    "kpi": lambda d, t: kpi_chart(d.kpis, t),
    "funnel": lambda d, t: funnel_chart(d.funnel, t),
    "channels": lambda d, t: channel_chart(d.channels, t),
    "budget": lambda d, t: budget_chart(d.budget, t),
    "exceptions": lambda d, t: exceptions_chart(d.exceptions, t),
}


@dataclass(frozen=True)
class Chart:
    name: str
    data: bytes
    width_in: float
    height_in: float


def draw(data: ReportData, fmt: str, dpi: int = 110) -> dict[str, Chart]:
    """Every chart that has data, as SVG or PNG bytes, by name."""
    t = Labels(cjk_font() is not None)
    result: dict[str, Chart] = {}
    for name, build in CHARTS.items():
        fig = build(data, t)
        if fig is None:
            continue
        raw = _png(fig, dpi) if fmt == "png" else _svg(fig)
        width, height = fig.get_size_inches()
        result[name] = Chart(name, raw, float(width), float(height))
    return result


def _png(fig: Figure, dpi: int) -> bytes:
    """Rasterise once with Agg and encode an opaque (RGB) PNG quickly.

    RGB: the PDF then needs no soft mask per image. Fast zlib level: reportlab inflates
    and re-compresses the pixels into the PDF anyway.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgba = canvas.buffer_rgba()
    with Image.frombuffer("RGBA", canvas.get_width_height(physical=True), rgba, "raw",
                          "RGBA", 0, 1) as image:
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", compress_level=1)
        return out.getvalue()


def _svg(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()
