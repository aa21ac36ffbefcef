"""The channel plans as an export table (`promoflow export channel-plans`, GET
/exports/channel-plans.{csv|xlsx}): one row per plan the caller may read, and in XLSX
three more sheets — the plans' channels, milestones and risks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date
from typing import Any

from engine import clock, settings
from engine.authz import Principal
from engine.export_formats import DATE, DATETIME, INT, MONEY, NUMBER, Column, Sheet
from engine.models import ChannelPlan, PlanChannel, PlanMilestone, PlanRisk
from engine.models.enums import (
    Channel,
    MilestoneStatus,
    PlanChannelStage,
    PlanPhase,
    PlanState,
    RiskCategory,
    RiskLevel,
    RiskStatus,
)
from engine.services.channel_plans import channels, common, milestones, plans, risks

TITLES = {"channel-plans": ("渠道拓展计划", "Channel plans"),
          "plan-channels": ("计划渠道", "Plan channels"),
          "plan-milestones": ("计划里程碑", "Plan milestones"),
          "plan-risks": ("风险登记", "Plan risks")}
TIMING = {"on_time": ("按期完成", "on time"), "late": ("逾期完成", "late"),
          "overdue": ("已逾期", "overdue"), "open": ("进行中", "open")}

PLAN_COLUMNS = (
    Column("code", "计划编号", "Plan code", width=16),
    Column("name", "计划名称", "Name", width=28),
    Column("objective", "核心目标", "Objective", width=30),
    Column("state", "状态", "State", width=10),
    Column("start_month", "开始月份", "Start", DATE, width=12),
    Column("months", "月数", "Months", INT, width=6),
    Column("end", "结束日期", "End", DATE, width=12),
    Column("owner", "负责人", "Owner", width=12),
    Column("department", "部门", "Department", width=12),
    Column("channels", "候选渠道数", "Channels", INT, width=10),
    Column("selected", "选定/运营中的渠道", "Selected channels", width=30),
    Column("milestones", "里程碑数", "Milestones", INT, width=10),
    Column("milestones_done", "已完成", "Done", INT, width=8),
    Column("milestones_late", "逾期（含逾期完成）", "Late (incl. done late)", INT, width=12),
    Column("risks_open", "未关闭风险", "Open risks", INT, width=10),
    Column("review_summary", "复盘总结", "Review summary", width=30),
    Column("created_at", "创建时间", "Created", DATETIME, width=17),
)
CHANNEL_COLUMNS = (
    Column("plan", "计划编号", "Plan code", width=16),
    Column("name", "渠道", "Channel", width=20),
    Column("channel", "平台", "Platform", width=12),
    Column("stage", "阶段", "Stage", width=10),
    Column("rank", "排名", "Rank", INT, width=6),
    Column("total", "加权总分", "Weighted score", NUMBER, width=10),
    Column("revenue_target", "销售额目标", "Sales target", MONEY, width=14),
    Column("orders_target", "订单量目标", "Orders target", INT, width=10),
    Column("new_customers_target", "新增客户目标", "New customers target", INT, width=12),
    Column("owner", "负责人", "Owner", width=12),
)
MILESTONE_COLUMNS = (
    Column("plan", "计划编号", "Plan code", width=16),
    Column("phase", "阶段", "Phase", width=16),
    Column("title", "里程碑", "Milestone", width=36),
    Column("month_from", "起始月", "First month", INT, width=8),
    Column("month_to", "结束月", "Last month", INT, width=8),
    Column("due_date", "截止日期", "Due", DATE, width=12),
    Column("owner", "负责人", "Owner", width=12),
    Column("status", "状态", "Status", width=10),
    Column("timing", "按期", "On time", width=10),
)
RISK_COLUMNS = (
    Column("plan", "计划编号", "Plan code", width=16),
    Column("category", "类别", "Category", width=16),
    Column("title", "风险", "Risk", width=32),
    Column("likelihood", "可能性", "Likelihood", width=8),
    Column("impact", "影响", "Impact", width=8),
    Column("exposure", "等级", "Exposure", INT, width=6),
    Column("response", "应对措施", "Response", width=40),
    Column("owner", "负责人", "Owner", width=12),
    Column("status", "状态", "Status", width=10),
    Column("respond_by", "应对期限", "Respond by", DATE, width=12),
)


def _today() -> date:
    return clock.local_date(clock.now(), settings.current().zone)


def sheets(actor: Principal, lang: str, fmt: str, flt: plans.PlanFilter, names: Any,
           text: Callable[[Any, str | None, str], str | None],
           batches: Callable[[Any], AsyncIterator[list[Any]]]) -> list[Sheet]:
    """The export's sheets; `names`, `text` and `batches` are exports.py's helpers."""
    zh = lang == "zh"

    def title(key: str) -> str:
        return TITLES[key][0 if zh else 1]

    async def pages() -> AsyncIterator[list[ChannelPlan]]:
        async for page in batches(await plans.query(actor, flt)):
            yield page

    async def plan_rows() -> AsyncIterator[list[Any]]:
        today = _today()
        async for page in pages():
            ids = [p.id for p in page]
            chans = await PlanChannel.filter(plan_id__in=ids)
            ms = await PlanMilestone.filter(plan_id__in=ids)
            rs = await PlanRisk.filter(plan_id__in=ids)
            for p in page:
                mine = [m for m in ms if m.plan_id == p.id]
                live = [c.name for c in chans if c.plan_id == p.id and c.stage in (
                    "selected", "onboarding", "operating", "reviewed")]
                yield [p.code, p.name, p.objective, text(PlanState, p.state, lang),
                       p.start_month, p.months, common.plan_end(p), names.user(p.owner_id),
                       names.department(p.department_id),
                       sum(1 for c in chans if c.plan_id == p.id), "、".join(live) or None,
                       len(mine), sum(1 for m in mine if m.status == "done"),
                       sum(1 for m in mine if milestones.timing(m, today) in ("late", "overdue")),
                       sum(1 for r in rs if r.plan_id == p.id and r.status != "closed"),
                       p.review_summary, _local(p.created_at)]

    async def channel_rows() -> AsyncIterator[list[Any]]:
        async for page in pages():
            codes = {p.id: p.code for p in page}
            rows = await PlanChannel.filter(plan_id__in=list(codes)).order_by("plan_id", "id")
            by_plan: dict[int, list[PlanChannel]] = {}
            for r in rows:
                by_plan.setdefault(r.plan_id, []).append(r)
            for plan_id, found in by_plan.items():
                ranked = channels.ranking(found)
                for c in found:
                    hit = ranked.get(c.id)
                    yield [codes[plan_id], c.name, text(Channel, c.channel, lang),
                           text(PlanChannelStage, c.stage, lang), hit.rank if hit else None,
                           hit.total if hit else None, c.revenue_target, c.orders_target,
                           c.new_customers_target, names.user(c.owner_id)]

    async def milestone_rows() -> AsyncIterator[list[Any]]:
        today = _today()
        async for page in pages():
            codes = {p.id: p.code for p in page}
            for m in await PlanMilestone.filter(plan_id__in=list(codes)).order_by(
                    "plan_id", "due_date", "id"):
                yield [codes[m.plan_id], text(PlanPhase, m.phase, lang), m.title, m.month_from,
                       m.month_to, m.due_date, names.user(m.owner_id),
                       text(MilestoneStatus, m.status, lang),
                       TIMING[milestones.timing(m, today)][0 if zh else 1]]

    async def risk_rows() -> AsyncIterator[list[Any]]:
        async for page in pages():
            codes = {p.id: p.code for p in page}
            for r in await PlanRisk.filter(plan_id__in=list(codes)).order_by("plan_id", "id"):
                yield [codes[r.plan_id], text(RiskCategory, r.category, lang), r.title,
                       text(RiskLevel, r.likelihood, lang), text(RiskLevel, r.impact, lang),
                       risks.exposure(r), r.response, names.user(r.owner_id),
                       text(RiskStatus, r.status, lang), r.respond_by]

    out = [Sheet(title("channel-plans"), PLAN_COLUMNS, plan_rows, lang)]
    if fmt == "xlsx":
        out += [Sheet(title("plan-channels"), CHANNEL_COLUMNS, channel_rows, lang),
                Sheet(title("plan-milestones"), MILESTONE_COLUMNS, milestone_rows, lang),
                Sheet(title("plan-risks"), RISK_COLUMNS, risk_rows, lang)]
    return out


def _local(at: Any) -> Any:
    return at.astimezone(settings.current().zone).replace(tzinfo=None) if at else None
