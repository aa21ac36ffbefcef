"""The demo's channel-expansion plan and its RFM recall (called by engine/demo.py's load).

Both are made through the services with the engine's clock set back to when each step
would have happened, so the plan has milestones done on time and late, risks handled,
mitigated, occurred and overdue, a live channel with sales against its targets; and the
recall batch of six weeks ago has customers contacted and some who ordered again.
Idempotent: each is made once, recognised by its name and idempotency key.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from engine import clock, settings
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.models import (
    ChannelPlan,
    Customer,
    PlanChannel,
    PlanMilestone,
    PlanRisk,
    RecallBatch,
    RecallEntry,
)
from engine.services import follow_ups, org, recall, rfm
from engine.services.channel_plans import channels, milestones, plans, risks

PLAN = "2026 网络销售渠道拓展计划"
RECALL_KEY = "DEMO-RECALL-1"


async def _who(username: str) -> Principal:
    found = await org.principal_for_username(username)
    assert found is not None, username
    return found


async def _owner(customer: Customer) -> Principal:
    user = (await org.users_by_ids([customer.owner_id]))[customer.owner_id]
    return await _who(user.username)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=settings.current().zone).astimezone(UTC)


def _month_start(day: date, back: int) -> date:
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


async def load(today: date) -> dict[str, int]:
    made = {"channel plans": 0, "recall batches": 0}
    if not await ChannelPlan.filter(name=PLAN).exists():
        await _plan(today)
        made["channel plans"] = 1
    if not await RecallBatch.filter(idempotency_key=RECALL_KEY).exists():
        made["recall batches"] = await _recall(today)
    return made


async def _plan(today: date) -> None:
    """A plan in its fifth month: selection done on time, onboarding done late, one
    channel operating with sales, a risk still without a response (escalated)."""
    mkt, rep = await _who("mkt.chen"), await _who("rep.li")
    start = _month_start(today, 4)  # ≥ 120 days ago: every step below is in the past
    with clock.frozen(_at(start - timedelta(days=5))):
        plan = await plans.create(mkt, plans.PlanInput(
            name=PLAN, start_month=start,
            objective="12个月内新增两类核心网络销售渠道，新渠道销售额占比提升10个百分点"))
        rows = {c.candidate_key: c for c in await PlanChannel.filter(plan_id=plan.id)}
        await channels.update(mkt, rows["social_content"].id, channels.ChannelPatch(
            revenue_target="300000", orders_target=60, new_customers_target=40))
        await channels.update(mkt, rows["vertical_platform"].id, channels.ChannelPatch(
            revenue_target="200000", orders_target=30))
        for row in rows.values():
            await channels.advance(mkt, row.id, "evaluate")
        ms = list(await PlanMilestone.filter(plan_id=plan.id).order_by("due_date", "id"))
        await milestones.update(mkt, ms[1].id, milestones.MilestonePatch(
            owner_username=rep.username))
        await plans.advance(mkt, plan.id, "start")
    rs = {r.category: r for r in await PlanRisk.filter(plan_id=plan.id)}
    with clock.frozen(_at(start + timedelta(days=20))):
        await channels.advance(mkt, rows["social_content"].id, "select")
        await channels.advance(mkt, rows["vertical_platform"].id, "select")
        await channels.advance(mkt, rows["marketplace"].id, "reject",
                               note="竞争激烈、佣金与推广费高，首年不进入")
        await milestones.advance(mkt, ms[0].id, "complete")  # month 1: on time
        await risks.advance(mkt, rs["platform_policy"].id, "mitigate")
        await risks.advance(mkt, rs["poor_roi"].id, "mitigate")
        for key in ("social_content", "vertical_platform"):
            await channels.advance(mkt, rows[key].id, "start_onboarding")
    with clock.frozen(_at(start + timedelta(days=70))):
        await channels.advance(mkt, rows["social_content"].id, "go_live")
        await risks.advance(mkt, rs["market_competition"].id, "occur",
                            note="竞品在小红书大幅降价促销")
    with clock.frozen(_at(start + timedelta(days=98))):  # after the end of month 3
        await milestones.advance(rep, ms[1].id, "complete")  # months 2–3: late
        await risks.advance(mkt, rs["market_competition"].id, "mitigate",
                            response="突出差异化卖点，组合优惠替代直接降价")
    await _channel_sales(start, today)


async def _channel_sales(start: date, today: date) -> None:
    """Orders through the live channel since it went live (the plan's KPIs read them)."""
    live = start + timedelta(days=70)
    buyers = await Customer.filter(owner__username__in=["rep.li", "rep.wang"]).order_by(
        "id").limit(6)
    for i, customer in enumerate(buyers):
        owner = await _owner(customer)
        for k in range(3):
            day = min(today, live + timedelta(days=3 + 5 * i + 9 * k))
            await rfm.record_order(owner, rfm.OrderInput(
                customer_id=customer.id, order_date=day,
                amount=Decimal(4_800 + 1_350 * ((i + k) % 5)), channel="xiaohongshu",
                product="小红书店铺订单", external_id=f"DEMO-XHS-{customer.code}-{k + 1}"))


async def _recall(today: date) -> int:
    """Six weeks ago marketing recalled the dormant customers worth it; since then the
    owners called some of them and a few ordered again."""
    mkt = await _who("mkt.chen")
    day = today - timedelta(days=42)
    try:
        with clock.frozen(_at(day)):
            batch = await recall.create(mkt, recall.RecallInput(
                next_action="推送个性化优惠券并电话回访", due_date=day + timedelta(days=7),
                method="phone", limit=12, idempotency_key=RECALL_KEY))
    except ValidationFailed:  # nobody to recall (a database without the demo's orders)
        return 0
    entries = list(await RecallEntry.filter(batch_id=batch.id).order_by("id"))
    for n, entry in enumerate(entries[:4]):
        customer = await Customer.get(id=entry.customer_id)
        owner = await _owner(customer)
        with clock.frozen(_at(day + timedelta(days=2 + n))):
            await follow_ups.complete(owner, entry.follow_up_id, note="已电话沟通并发送优惠券")
        if n < 2:
            await rfm.record_order(owner, rfm.OrderInput(
                customer_id=customer.id, order_date=day + timedelta(days=9 + 4 * n),
                amount=Decimal(12_800 + 3_200 * n), product="召回优惠订单",
                external_id=f"DEMO-RECALL-{customer.code}"))
    return 1
