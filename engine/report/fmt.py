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
        return f"{DASH}（{fig.note}）" if fig.note else DASH
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


def effect_rows(data: ReportData) -> list[tuple[str, str]]:
    e = data.effect
    return [
        ("新增客户（潜在+意向）", number(e.new_customers)),
        ("其中意向及以上", number(e.intent)),
        ("成交客户", number(e.won)),
        ("成交金额", money(e.revenue)),
        ("获客成本 CAC", figure(e.cac, "money")),
        ("转化率", figure(e.conversion, "pct")),
        ("平均成交周期（天）", figure(e.avg_cycle_days)),
        ("实际花费", money(e.spent)),
        ("ROI", figure(e.roi, "ratio")),
    ]
