"""Formatting shared by the HTML and PDF layouts (plain text; escaping is theirs)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from engine import settings
from engine.models.enums import CampaignPhase, IncidentState, TaskStatus
from engine.report.data import Figure, ReportData

TITLE = "推广活动复盘报告"
DASH = "—"


def money(value: Decimal | None) -> str:
    return DASH if value is None else f"¥{value:,.2f}"


def number(value: Decimal | int | None) -> str:
    if value is None:
        return DASH
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,}"


def pct(value: Decimal | None) -> str:
    return DASH if value is None else f"{value}%"


def figure(fig: Figure, kind: str = "number") -> str:
    """A figure, or a dash with its reason."""
    if fig.value is None:
        return f"{DASH}（{fig.reason}）" if fig.reason else DASH
    if kind == "money":
        return money(fig.value)
    if kind == "pct":
        return pct(fig.value)
    if kind == "ratio":
        return f"{fig.value * 100:.2f}%"
    return f"{fig.value}"


def day(value: date | None) -> str:
    return DASH if value is None else value.isoformat()


def local_time(value: datetime) -> str:
    return value.astimezone(settings.current().zone).strftime("%Y-%m-%d %H:%M")


def period(data: ReportData) -> str:
    h = data.header
    if h.date_from is None and h.date_to is None:
        return f"全程（{day(h.start_date)} 至 {day(h.end_date)}）"
    return f"{day(h.date_from) if h.date_from else '开始'} 至 " \
           f"{day(h.date_to) if h.date_to else '今'}"


def incident_state(value: str) -> str:
    try:
        return str(IncidentState.of(value).label)
    except (KeyError, ValueError):
        return value


def task_status(value: str) -> str:
    try:
        return str(TaskStatus.of(value).label)
    except (KeyError, ValueError):
        return value


def phase(value: str) -> str:
    try:
        return str(CampaignPhase.of(value).label)
    except (KeyError, ValueError):
        return value


def capped(total: int, shown: int) -> str:
    """A note when a list shows fewer rows than it counts."""
    return f"（显示前 {shown} 项）" if total > shown else ""


def effect_rows(data: ReportData) -> list[tuple[str, str]]:
    e = data.effect
    return [
        ("新增客户", number(e.new_customers)),
        ("意向客户（含后续阶段）", number(e.intent_customers)),
        ("成交客户", number(e.won_customers)),
        ("成交金额", money(e.revenue)),
        ("获客成本 CAC", figure(e.cac, "money")),
        ("转化率", figure(e.conversion_rate, "pct")),
        ("平均成交周期（天）", figure(e.average_cycle_days)),
        ("批准预算", figure(e.budget, "money")),
        ("实际花费", figure(e.spent, "money")),
        ("ROI", figure(e.roi, "ratio")),
    ]


CHANNEL_HEAD = ["渠道", "新增", "意向", "成交", "成交金额", "收入占比", "计划费用", "实际花费",
                "CAC", "每成交成本", "转化率"]
CHANNEL_NUMERIC = set(range(1, 11))


def channel_rows(data: ReportData) -> list[list[str]]:
    """The channel table (CAC etc. from `channel_comparison`: shared lines split equally)."""
    rows = []
    for c in data.channels:
        r = c.row
        rows.append([c.label, number(r.new_customers), number(r.intent_customers),
                     number(r.won_customers), money(r.revenue),
                     short(r.revenue_share, "pct"), short(r.planned_cost, "money"),
                     short(r.spent, "money"), short(r.cac, "money"),
                     short(r.cost_per_won, "money"), short(r.conversion_rate, "pct")])
    return rows


def short(fig: Figure, kind: str) -> str:
    """A figure for a narrow table cell: a dash when null (the reasons go in a note)."""
    return DASH if fig.value is None else figure(fig, kind)
