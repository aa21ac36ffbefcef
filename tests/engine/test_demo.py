"""The demo organisation carries enough history for every analytics query to answer."""

from __future__ import annotations

from datetime import date

from engine import demo
from engine.models import Campaign, Customer, CustomerOrder
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


async def _counts() -> dict[str, int]:
    from tortoise.expressions import Subquery

    from engine.models import (
        ChannelPlan,
        Department,
        FollowUp,
        Organization,
        Product,
        RecallBatch,
        RecallEntry,
        User,
    )

    recalled = Subquery(RecallEntry.all().values("follow_up_id"))
    return {"departments": await Department.all().count(), "users": await User.all().count(),
            "customers": await Customer.all().count(),
            "follow_ups": await FollowUp.exclude(id__in=recalled).count(),
            "recall_follow_ups": await FollowUp.filter(id__in=recalled).count(),
            "campaigns": await Campaign.all().count(),
            "organizations": await Organization.all().count(),
            "products": await Product.all().count(),
            "channel_plans": await ChannelPlan.all().count(),
            "recall_batches": await RecallBatch.all().count()}


README = {"departments": 2, "users": 9, "customers": 36, "follow_ups": 72,
          "recall_follow_ups": 7, "campaigns": 4, "organizations": 1, "products": 4,
          "channel_plans": 1, "recall_batches": 1}


async def test_demo_is_the_organisation_the_readme_describes() -> None:
    await demo.load()
    assert await _counts() == README
    # every rep holds every stage path, so rep.li (the README's token) sees intent customers
    for rep in demo.REPS:
        owner = await demo._principal(rep)
        stages = {c.stage for c in await Customer.filter(owner_id=owner.id)}
        assert stages == {"potential", "intent", "negotiation", "won", "lost"}, rep
        assert await Customer.filter(owner_id=owner.id).count() == 12


async def test_demo_never_breaks_on_what_users_added() -> None:
    from engine.services import campaigns, customers

    await demo.load()
    rep = await demo._principal("rep.li")
    mkt = await demo._principal("mkt.chen")
    # given: a user's customer and campaign carrying demo names (docs/api.md's example)
    await customers.create(rep, customers.CustomerInput(
        name="苏州云帆科技有限公司", contact_name="王芳", contact_phone="13912345678",
        sources=["trade_show"]))
    await campaigns.create(mkt, campaigns.CampaignInput(
        name=demo.LIVE, campaign_type="live_stream", start_date=date(2026, 7, 1),
        end_date=date(2026, 7, 31), channels=["douyin", "website"]))
    # when: the demo loads again (as every `./run serve` does)
    again = await demo.load()
    # then: nothing new, nothing broken
    assert not any(again.values())
    assert await _counts() == README | {"customers": 37, "campaigns": 5}


async def test_an_older_demo_is_adopted_not_loaded_twice() -> None:
    from engine.models import DemoRecord

    await demo.load()
    # an older demo kept no records (but the same rows): simulate it
    await DemoRecord.all().delete()
    again = await demo.load()
    assert not any(again.values()) and await _counts() == README
    assert await DemoRecord.filter(object_type="customer").count() == 36


async def test_reset_removes_the_demo_and_only_the_demo() -> None:
    from engine import demo_reset
    from engine.models import AuditEvent, DemoRecord, FollowUp, User
    from engine.services import customers, follow_ups

    await demo.load()
    rep = await demo._principal("rep.li")
    live = await Campaign.get(id=(await DemoRecord.get(key="campaign:live")).object_id)
    # given: the user's own customer (owned by demo rep rep.li, brought by the demo
    # campaign) with a follow-up, and a follow-up the user added to a demo customer
    mine = await customers.create(rep, customers.CustomerInput(
        name="华东精密制造有限公司", contact_name="王芳", contact_phone="13912345678",
        sources=["referral"], source_campaign_code=live.code, source_channel="douyin"))
    await follow_ups.create(rep, follow_ups.FollowUpInput(
        customer_id=mine.id, customer_code=None, method="phone", summary="首次电话",
        feedback="positive", next_action="发资料", due_date=date(2026, 12, 30),
        follow_up_date=None))
    demo_customer = await Customer.get(id=(await DemoRecord.get(key="customer:01")).object_id)
    await follow_ups.create(rep, follow_ups.FollowUpInput(
        customer_id=demo_customer.id, customer_code=None, method="phone", summary="补充",
        feedback="neutral", next_action="再联系", due_date=date(2026, 12, 30),
        follow_up_date=None))
    # when
    removal = await demo_reset.remove()
    # then: the demo is gone; the user's customer, its follow-up and rep.li stay
    assert await Customer.all().count() == 1 and await FollowUp.all().count() == 1
    kept = await Customer.get(id=mine.id)
    assert (kept.name, kept.source_campaign_id, kept.source_channel) == (
        "华东精密制造有限公司", None, None)
    assert await Campaign.all().count() == 0
    assert sorted(await User.all().values_list("username", flat=True)) == ["rep.li"]
    assert removal.kept == [
        "user rep.li: still referred to by 1 customer.created_by, 1 customer.owner, "
        "1 customer_stage_change.actor, 1 follow_up.assignee, 1 follow_up.created_by",
        "department east: still referred to by 1 app_user.department, 1 customer.department",
    ]
    assert removal.removed == {"customers": 36, "follow-ups": 73 + 7, "campaigns": 4,
                               "products": 4, "users": 8, "departments": 1,
                               "organization": 1, "channel plans": 1, "recall batches": 1}
    assert await AuditEvent.filter(action="delete", reason=demo_reset.REASON).count() == (
        36 + 4 + 4 + 8 + 1 + 1 + 1 + 1)
    # and loading again brings the demo back beside the user's data, rep.li re-used
    await demo.load()
    assert await _counts() == README | {"customers": 37, "follow_ups": 73}


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
