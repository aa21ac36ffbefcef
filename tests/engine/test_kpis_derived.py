"""Derived KPI actuals: computed from the engine's records per period, judged weekly."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from engine import clock, jobs
from engine.authz import Principal
from engine.models import CustomerOrder, KpiAlert, Notification
from engine.services import analytics, approvals, campaigns, customers, follow_ups, kpis
from tests.conftest import CampaignFactory

CST = ZoneInfo("Asia/Shanghai")
D = Decimal


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=CST)


async def _scenario(org: dict[str, Principal], make_campaign: CampaignFactory) -> Any:
    """July, approved; goals: 31 new leads, 31 won, ¥31,000, 62 orders, 31 follow-ups.

    Week of 06-29 (07-01…07-05, plan 5 a day): 5 new on 07-01 (2 reach intent on 07-02,
    1 won ¥1,000 on 07-03), 3 orders, 1 follow-up done.
    Week of 07-06 (plan 7): 7 new on 07-07 (3 intent 07-08), 4 won for ¥2,000 each on 07-09
    (one of them new the week before), 14 orders. One customer of another campaign.
    """
    with clock.frozen(at(6, 20)):
        campaign = await make_campaign(goals=[
            campaigns.GoalInput("new_leads", "31"), campaigns.GoalInput("won_customers", "31"),
            campaigns.GoalInput("revenue", "31000"), campaigns.GoalInput("orders", "62"),
            campaigns.GoalInput("follow_ups_done", "31")])
        await approvals.submit(org["mkt.chen"], campaign.id)
        campaign = await approvals.approve(org["mgr.east"], campaign.id)
    other = await make_campaign(name="别的")

    async def new(day: int, code: str) -> int:
        with clock.frozen(at(7, day)):
            c = await customers.create(org["rep.li"], customers.CustomerInput(
                name=f"客户{day}-{code}", contact_name="张伟", contact_phone="13800138000",
                sources=["campaign"], owner_username="rep.li", source_campaign_code=code))
        return int(c.id)

    async def move(cid: int, day: int, *events: tuple[str, str | None]) -> None:
        for event, amount in events:
            with clock.frozen(at(7, day)):
                await customers.advance_stage(org["rep.li"], cid, event, deal_amount=amount)

    first = [await new(1, campaign.code) for _ in range(5)]
    await move(first[0], 2, ("qualify", None))
    await move(first[1], 2, ("qualify", None))
    await move(first[0], 3, ("negotiate", None), ("win", "1000"))
    second = [await new(7, campaign.code) for _ in range(7)]
    for cid in second[:3]:
        await move(cid, 8, ("qualify", None))
    for cid in [first[1], *second[:3]]:
        await move(cid, 9, ("negotiate", None), ("win", "2000"))
    stranger = await new(7, other.code)
    for day, n in ((2, 3), (8, 14)):
        for i in range(n):
            await CustomerOrder.create(customer_id=first[i % 5], order_date=date(2026, 7, day),
                                       amount=D("99.00"))
    await CustomerOrder.create(customer_id=stranger, order_date=date(2026, 7, 8),
                               amount=D("5.00"))
    with clock.frozen(at(7, 2)):
        f = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=first[0], customer_code=None, method="phone", summary="约时间",
            feedback="positive", next_action="发方案", due_date=date(2026, 7, 3)))
        await follow_ups.complete(org["rep.li"], f.id)
    return campaign


def _weeks(series: list[kpis.KpiSeries]) -> dict[str, list[Any]]:
    return {s.goal.metric: [p.actual for p in s.periods] for s in series}


async def test_derived_actuals_per_week_and_so_far(
        org: dict[str, Principal], make_campaign: CampaignFactory) -> None:
    # given
    campaign = await _scenario(org, make_campaign)
    # when: on Friday 07-10, weeks 07-13… have not started
    with clock.frozen(at(7, 10, 15)):
        series = await kpis.series(org["rep.li"], campaign.id, "week")
        effect = await analytics.campaign_effect(org["rep.li"], campaign.id,
                                                 date(2026, 7, 1), None)
    # then
    weeks = _weeks(series)
    assert weeks["new_leads"] == [D("5.00"), D("7.00"), None, None, None]
    assert weeks["won_customers"] == [D("1.00"), D("4.00"), None, None, None]
    assert weeks["revenue"] == [D("1000.00"), D("8000.00"), None, None, None]
    assert weeks["orders"] == [D("3.00"), D("14.00"), None, None, None]
    assert weeks["follow_ups_done"] == [D("1.00"), D("0.00"), None, None, None]
    by = {s.goal.metric: s for s in series}
    assert all(s.source == "derived" for s in series)
    # the KPI totals are the effect analysis' figures over the same days
    assert by["new_leads"].actual_so_far == effect.new_customers == 12
    assert by["won_customers"].actual_so_far == effect.won_customers == 5
    assert by["revenue"].actual_so_far == effect.revenue == D("9000.00")
    assert by["revenue"].achievement_percent == D("29.03")
    leads = by["new_leads"].periods
    assert (leads[0].plan, leads[0].deviation, leads[0].closed) == (D("5.00"), D("0"), True)
    assert (leads[1].deviation, leads[1].deviation_note) == (None, kpis.REASON_IN_PROGRESS)
    assert (leads[2].actual_note, leads[2].deviation_note) == (kpis.REASON_NOT_STARTED,) * 2
    # daily: a day without events is 0, a fact; days after today are not started
    with clock.frozen(at(7, 10, 15)):
        daily = {s.goal.metric: s for s in await kpis.series(org["rep.li"], campaign.id,
                                                            "day")}
    days = daily["new_leads"].periods
    assert [p.actual for p in days[:3]] == [D("5.00"), D("0.00"), D("0.00")]
    assert days[10].actual is None and days[9].actual == D("0.00")


async def test_deviations_of_derived_metrics_are_judged_once_after_the_week(
        org: dict[str, Principal], make_campaign: CampaignFactory) -> None:
    campaign = await _scenario(org, make_campaign)
    draft = await make_campaign(name="草稿", goals=[campaigns.GoalInput("new_leads", "310")])
    # when: the Monday digest of 07-13 judges the week of 07-06 (07-06…07-12)
    with clock.frozen(at(7, 13, 9) + timedelta(minutes=1)):
        ran = await jobs.house_rules()
        again = await jobs.house_rules()
    # then: plan 7 a week; won 4 (−42.9 %), revenue ¥8,000 vs ¥7,000 (+14.3 %), orders
    # 14 vs 14 (0), follow-ups 0 vs 7 (−100 %), new leads 7 vs 7 (0)
    assert "kpi_review" in ran and "kpi_review" not in again
    alerts = {(a.metric, a.period_start): a.deviation
              for a in await KpiAlert.filter(campaign_id=campaign.id)}
    assert alerts == {("won_customers", date(2026, 7, 6)): D("-0.4286"),
                      ("follow_ups_done", date(2026, 7, 6)): D("-1.0000")}
    assert await KpiAlert.filter(campaign_id=draft.id).count() == 0  # not approved
    notes = await Notification.filter(kind="kpi_alert").order_by("id")
    assert [n.recipient_id for n in notes] == [org["mkt.chen"].id] * 2
    assert "成交客户" in notes[0].title or "成交客户" in notes[1].title
    with clock.frozen(at(7, 13, 10)):
        by = {s.goal.metric: s for s in await kpis.series(org["rep.li"], campaign.id,
                                                          "week")}
    assert by["won_customers"].periods[1].alerted
    assert not by["new_leads"].periods[1].alerted


async def test_an_external_goal_recorded_per_channel_is_the_channels_sum(
        org: dict[str, Principal], make_campaign: CampaignFactory) -> None:
    import pytest

    from engine.errors import ValidationFailed
    from engine.services import channel_metrics
    from engine.services.channel_metrics import MetricValue

    with clock.frozen(at(6, 20)):
        campaign = await make_campaign(goals=[campaigns.GoalInput("uv", "3100")])
    mkt = org["mkt.chen"]
    with clock.frozen(at(7, 9)):
        for channel, day, value in (("douyin", 6, "500"), ("wechat_official", 6, "250"),
                                    ("douyin", 8, "40")):
            await channel_metrics.record(mkt, campaign.id, channel, date(2026, 7, day),
                                         [MetricValue("uv", value)])
        with pytest.raises(ValidationFailed) as refused:  # one source per metric
            await kpis.record(mkt, campaign.id, metric="uv", granularity="day",
                              period_start=date(2026, 7, 6), value="1")
        assert refused.value.rule == "recorded_per_channel"
        (uv,) = await kpis.series(org["rep.li"], campaign.id, "week")
        daily = (await kpis.series(org["rep.li"], campaign.id, "day"))[0]
    assert uv.source == "channel_metrics"
    assert [p.actual for p in uv.periods[:3]] == [None, D("790.00"), None]
    assert uv.periods[0].actual_note == kpis.REASON_NOT_RECORDED
    assert uv.actual_so_far == D("790.00")
    assert [p.actual for p in daily.periods[5:8]] == [D("750.00"), None, D("40.00")]
