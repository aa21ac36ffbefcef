"""The demo organisation carries enough history for every analytics query to answer."""

from __future__ import annotations

from engine import demo
from engine.models import Campaign, CustomerOrder
from engine.services import analytics, rfm


async def test_demo_feeds_the_analytics_and_loads_once() -> None:
    made = await demo.load()
    assert made["customers"] == len(demo.COMPANIES) and made["orders"] > 0
    live = await Campaign.get(name=demo.LIVE)
    manager = await demo._principal("mgr.east")
    effect = await analytics.campaign_effect(manager, live.id, None, None)
    assert effect.new_customers > 0 and effect.cac.value is not None
    assert effect.spent.value is not None and effect.spent.value > 0 and effect.roi.reason is None
    assert effect.highlights and effect.problems and effect.suggestions
    comparison = await analytics.channel_comparison(manager, None, None, campaign_ids=[live.id])
    assert {row.channel for row in comparison.rows} >= {"douyin"}
    recall = await rfm.recall_list(await demo._principal("dir.sun"), first=50)
    assert recall.items, "some demo customers stopped buying a year ago: worth a call"
    orders = await CustomerOrder.all().count()
    again = await demo.load()
    assert not any(again.values()) and await CustomerOrder.all().count() == orders


async def test_demo_plan_and_recall_outcome_answer_from_the_start() -> None:
    from engine.models import ChannelPlan, PlanChannel
    from engine.report.plan_data import gather
    from engine.services import recall
    from engine.services.channel_plans import kpis, plans

    made = await demo.load()
    assert (made["channel plans"], made["recall batches"]) == (1, 1)
    director = await demo._principal("dir.sun")
    plan = await ChannelPlan.get(name=demo.demo_plan.PLAN)
    assert (await plans.get(director, plan.id)) is not None and plan.state == "active"
    report = await gather(director, plan.code)
    assert {m.timing for m in report.milestones} >= {"on_time", "late"}
    assert any(r.overdue for r in report.risks) and {r.status_label for r in report.risks} >= {
        "应对中", "待应对"}
    stages = {c.name: c.stage_label for c in report.channels}
    assert stages["社交内容电商平台"] == "运营中" and stages["主流综合电商平台"] == "未入选"
    live = await PlanChannel.get(plan_id=plan.id, candidate_key="social_content")
    figures = (await kpis.of_plan(plan, [live]))[0]
    assert figures.orders > 0 and figures.revenue_achievement.value is not None
    batch = (await recall.list_(director, first=5, after=None)).items[0]
    outcome = await recall.outcome(director, batch.id)
    assert outcome.recalled >= 4 and outcome.contacted == 4 and outcome.reactivated >= 2
    assert outcome.rate is not None and outcome.complete
    again = await demo.load()
    assert not any(again.values())
