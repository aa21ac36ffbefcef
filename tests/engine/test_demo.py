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
