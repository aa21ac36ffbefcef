"""The demo organisation carries enough history for every analytics query to answer."""

from __future__ import annotations

from engine import demo
from engine.models import Campaign, CustomerOrder
from engine.services import analytics, kpis, rfm


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
    kpi_set = await analytics.channel_kpis(manager, live.start_date, None,
                                           campaign_ids=[live.id])
    douyin = next(r for r in kpi_set.channels if r.channel == "douyin")
    assert douyin.uv.value and douyin.ctr_percent.value and douyin.cost_basis == "recorded_spend"
    series = {s.goal.metric: s for s in await kpis.series(manager, live.id, "week")}
    assert series["new_leads"].source == "derived"
    assert series["new_leads"].actual_so_far == effect.new_customers
    recall = await rfm.recall_list(await demo._principal("dir.sun"), first=50)
    assert recall.items, "some demo customers stopped buying a year ago: worth a call"
    orders = await CustomerOrder.all().count()
    again = await demo.load()
    assert not any(again.values()) and await CustomerOrder.all().count() == orders
