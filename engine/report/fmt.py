"""Formatting shared by the HTML and PDF layouts (plain text; escaping is theirs)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from engine import settings, texts
from engine.models.enums import CampaignPhase, IncidentState, TaskStatus
from engine.report.data import Figure, KpiRow, ReportData

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


def why(reason: str | None) -> str:
    """A dash with the reason a value is missing, in Chinese."""
    return f"{DASH}（{texts.zh(reason)}）" if reason else DASH


def figure(fig: Figure, kind: str = "number") -> str:
    """A figure, or a dash with its reason. `pct`: the value is a percent already (the
    analytics' `…Percent` figures and percent ratios) and is printed as it is."""
    if fig.value is None:
        return why(fig.reason)
    if kind == "money":
        return money(fig.value)
    if kind == "pct":
        return f"{fig.value:,}%"
    return f"{fig.value}"


def deviation(value: Decimal | None, note: str | None) -> str:
    """A KPI deviation (a fraction) as a percent with one decimal, or why it is missing."""
    return f"{value * 100:.1f}%" if value is not None else why(note)


def kpi_heading(k: KpiRow) -> str:
    achieved = pct(k.achievement_percent) if k.achievement_percent is not None else DASH
    actual = number(k.actual_total) if k.actual_total is not None else why(k.actual_note)
    return (f"{k.label}（{k.source_label}）：目标 {number(k.target)}（{day(k.period_start)} 至 "
            f"{day(k.period_end)}），累计实际 {actual}，达成 {achieved}")


KPI_NOTE = (
    "系统计算的指标按各周期内发生的事件统计：新增留资 = 该期间新建的本活动客户，"
    "意向客户 / 成交客户 = 该期间首次进入意向 / 成交的客户，销售额 = 该期间成交记录的成交金额，"
    "订单量 = 该期间的订单，完成跟进 = 该期间完成的跟进；渠道数据汇总的指标为各渠道每日数据之和；"
    "其余指标为手工录入。目标周期与统计区间一致且事件都发生在其中时，累计实际与“效果概览”相同。"
    "进行中的周期只显示截至今天的实际值，结束后判定偏差（每周一随周报判定并预警）。")


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
        ("客单价", figure(e.average_deal_value, "money")),
        ("批准预算", figure(e.budget, "money")),
        ("实际花费", figure(e.spent, "money")),
        ("投资回报率 ROI", figure(e.roi_percent, "pct")),
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
