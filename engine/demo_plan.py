"""The demo's channel-expansion plan and its RFM recall (called by engine/demo.py's load).

Both are made through the services with the engine's clock set back to when each step
would have happened, so the plan has milestones done on time and late, risks handled,
mitigated, occurred and overdue, a live channel with sales against its targets; and the
recall batch of six weeks ago has customers contacted and some who ordered again.
Idempotent: each is made once, recorded in `demo_record` like the rest of the demo (so
`promoflow demo --reset` removes them, engine/demo_reset.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from tortoise.expressions import Subquery
from tortoise.models import Model

from engine import clock, settings
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.models import (
    ChannelPlan,
    Customer,
    DemoRecord,
    PlanChannel,
    PlanMilestone,
    PlanRisk,
    RecallBatch,
    RecallEntry,
)
from engine.services import follow_ups, org, recall, rfm
from engine.services.channel_plans import channels, milestones, plans, risks

PLAN = "2026 网络销售渠道拓展计划"
RECALL_KEY = "DEMO-RECALL-1"  # the batch's idempotency key


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


PLAN_KEY, RECALL_RECORD = "channel_plan:expansion", "recall_batch:dormant"


async def _made(key: str, model: type[Model]) -> bool:
    """Did the demo make this already (its DemoRecord, with the row still there)?"""
    record = await DemoRecord.get_or_none(key=key)
    if record is None:
        return False
    if await model.filter(id=record.object_id).exists():
        return True
    await record.delete()
    return False


async def load(today: date, *, adopting: bool = False) -> dict[str, int]:
    """The recall first: its list is taken from the orders as they were six weeks ago,
    before the plan's channel sales exist, so it always recalls the same customers.

    `adopting` (engine/demo.py: a database the demo never recorded into): a batch or plan
    an older demo made is recorded, not made twice.
    """
    made = {"recall batches": 0, "channel plans": 0}
    if not await _made(RECALL_RECORD, RecallBatch):
        batch = await RecallBatch.get_or_none(idempotency_key=RECALL_KEY)
        if batch is None:
            batch = await _recall(today)
            made["recall batches"] = int(batch is not None)
        if batch is not None:
            await DemoRecord.create(key=RECALL_RECORD, object_type="recall_batch",
                                    object_id=batch.id)
    if not await _made(PLAN_KEY, ChannelPlan):
        mkt = await _who("mkt.chen")
        plan = await ChannelPlan.filter(name=PLAN, created_by_id=mkt.id).order_by(
            "id").first() if adopting else None
        if plan is None:
            plan = await _plan(today)
            made["channel plans"] = 1
        await DemoRecord.create(key=PLAN_KEY, object_type="channel_plan", object_id=plan.id)
    return made


async def _plan(today: date) -> ChannelPlan:
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
    return plan


async def _channel_sales(start: date, today: date) -> None:
    """Orders through the live channel since it went live (the plan's KPIs read them)."""
    live = start + timedelta(days=70)
    demo_customers = DemoRecord.filter(object_type="customer").values("object_id")
    buyers = await Customer.filter(id__in=Subquery(demo_customers),
                                   owner__username__in=["rep.li", "rep.wang"]).order_by(
        "id").limit(6)
    for i, customer in enumerate(buyers):
        owner = await _owner(customer)
        for k in range(3):
            day = min(today, live + timedelta(days=3 + 5 * i + 9 * k))
            await rfm.record_order(owner, rfm.OrderInput(
                customer_id=customer.id, order_date=day,
                amount=Decimal(4_800 + 1_350 * ((i + k) % 5)), channel="xiaohongshu",
                product="小红书店铺订单", external_id=f"DEMO-XHS-{customer.code}-{k + 1}"))


async def _recall(today: date) -> RecallBatch | None:
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
        return None
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
    return batch
