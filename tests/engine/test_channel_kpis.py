"""channelKpis (seed 002's KPI set), channel metrics and period comparisons, exact figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Conflict, Forbidden, ValidationFailed
from engine.models import AuditEvent, Campaign, ChannelMetric, CustomerOrder
from engine.services import analytics, approvals, campaigns, channel_metrics, customers
from engine.services.analytics import Figure, kpiset
from engine.services.channel_metrics import MetricValue

CST = ZoneInfo("Asia/Shanghai")
D = Decimal
JULY = (date(2026, 7, 1), date(2026, 7, 31))


def fig(value: str | None, reason: str | None = None) -> Figure:
    return Figure(D(value) if value is not None else None, reason)


@dataclass
class World:
    campaign: Campaign
    ids: dict[str, int]


@pytest.fixture
async def world(org: dict[str, Principal], make_campaign: Any) -> World:
    """July; douyin line ¥8,000, wechat line ¥5,000, shared ¥20,000; approved.

    Customers: c1, c2 douyin (07-01, 07-02), c3 wechat (07-03), c4 no channel (07-04).
    Orders: c1 06-10 ¥80, 07-02 ¥100, 07-05 ¥200; c2 2025-07-15 ¥600, 07-03 ¥300;
    c3 06-12 ¥70, 07-04 ¥400 placed on douyin; c4 07-06 ¥50.
    Douyin metrics: 07-01 UV 1,000, PV 3,000, impressions 20,000, clicks 600, new visitors
    700, add-to-cart 90, favourites 40, complaints 1, spend ¥1,500, search 400, paid 600;
    07-02 UV 500, PV 1,000. Nothing recorded for wechat.
    """
    with clock.frozen(datetime(2026, 6, 20, 10, tzinfo=CST)):
        campaign = await make_campaign(amounts=())
        for amount, channel in (("8000", "douyin"), ("5000", "wechat_official"),
                                ("20000", None)):
            await campaigns.add_budget_line(org["mkt.chen"], campaign.id, campaigns.BudgetLineInput(
                category="platform_promotion", description="x", amount=amount, channel=channel))
        await approvals.submit(org["mkt.chen"], campaign.id)
        campaign = await approvals.approve(org["mgr.east"], campaign.id)
    ids: dict[str, int] = {}
    for key, day, channel in (("c1", 1, "douyin"), ("c2", 2, "douyin"),
                              ("c3", 3, "wechat_official"), ("c4", 4, None)):
        with clock.frozen(datetime(2026, 7, day, 10, tzinfo=CST)):
            c = await customers.create(org["rep.li"], customers.CustomerInput(
                name=key, contact_name="张伟", contact_phone="13800138000",
                sources=["campaign"], owner_username="rep.li",
                source_campaign_code=campaign.code, source_channel=channel))
        ids[key] = int(c.id)
    for key, day, amount, channel in (
            ("c1", date(2026, 6, 10), "80", None), ("c1", date(2026, 7, 2), "100", None),
            ("c1", date(2026, 7, 5), "200", None), ("c2", date(2025, 7, 15), "600", None),
            ("c2", date(2026, 7, 3), "300", None), ("c3", date(2026, 6, 12), "70", None),
            ("c3", date(2026, 7, 4), "400", "douyin"), ("c4", date(2026, 7, 6), "50", None)):
        await CustomerOrder.create(customer_id=ids[key], order_date=day, amount=D(amount),
                                   channel=channel)
    with clock.frozen(datetime(2026, 7, 3, 10, tzinfo=CST)):
        await channel_metrics.record(org["mkt.chen"], campaign.id, "douyin", date(2026, 7, 1), [
            MetricValue(m, v) for m, v in (
                ("uv", "1000"), ("pv", "3000"), ("impressions", "20000"), ("clicks", "600"),
                ("new_visitors", "700"), ("add_to_cart", "90"), ("favourites", "40"),
                ("complaints", "1"), ("spend", "1500.00"), ("traffic_search", "400"),
                ("traffic_paid", "600"))])
        await channel_metrics.record(org["mkt.chen"], campaign.id, "douyin", date(2026, 7, 2),
                                     [MetricValue("uv", "500"), MetricValue("pv", "1000")])
    return World(campaign, ids)


async def test_the_kpi_set_per_channel_campaign_and_total(
        org: dict[str, Principal], world: World) -> None:
    # when
    with clock.frozen(datetime(2026, 8, 3, 10, tzinfo=CST)):
        result = await analytics.channel_kpis(org["mkt.chen"], *JULY,
                                              campaign_ids=[world.campaign.id])
    # then
    rows = {r.channel: r for r in result.channels}
    assert list(rows) == ["wechat_official", "douyin", None]
    dy = rows["douyin"]
    assert (dy.sales, dy.orders, dy.buyers) == (fig("1000.00"), fig("4"), fig("3"))
    assert (dy.average_order_value, dy.sales_per_buyer) == (fig("250.00"), fig("333.33"))
    assert dy.sales_growth_yoy_percent == fig("66.67")  # July 2025: ¥600
    assert dy.sales_growth_pop_percent == fig("1150.00")  # June: ¥80
    assert (dy.uv, dy.pv, dy.new_visitors) == (fig("1500"), fig("4000"), fig("700"))
    assert dy.new_visitor_share_percent == fig("46.67")
    assert [(t.source, t.visitors, t.share_percent) for t in dy.traffic_sources][:3] == [
        ("traffic_search", fig("400"), fig("40.00")),
        ("traffic_recommendation", fig(None, kpiset.REASON_NOT_RECORDED),
         fig(None, kpiset.REASON_NOT_RECORDED)),
        ("traffic_paid", fig("600"), fig("60.00"))]
    assert (dy.ctr_percent, dy.cvr_percent) == (fig("3.00"), fig("0.20"))
    assert (dy.add_to_cart_rate_percent, dy.favourite_rate_percent) == (fig("6.00"),
                                                                         fig("2.67"))
    assert (dy.new_users, dy.repurchase_rate_percent) == (fig("2"), fig("33.33"))
    assert dy.retention_rate_percent == fig("100.00")  # June's buyer c1 bought again
    assert dy.complaint_rate_percent == fig("25.00")
    assert (dy.cost, dy.cost_basis, dy.cac) == (fig("1500.00"), "recorded_spend",
                                                fig("750.00"))
    assert dy.roi_percent == fig("-33.33")
    assert dy.ltv == fig("640.00")  # c1 380 + c2 900, over 2 customers
    wx = rows["wechat_official"]
    assert (wx.sales, wx.orders) == (fig("0.00"), fig("0"))
    assert wx.average_order_value == fig(None, kpiset.REASON_NO_ORDERS)
    assert wx.sales_growth_yoy_percent == fig(None, kpiset.REASON_NO_SALES_BEFORE)
    assert wx.sales_growth_pop_percent == fig("-100.00")
    assert wx.retention_rate_percent == fig("0.00")
    assert wx.uv == fig(None, kpiset.REASON_NOT_RECORDED) and wx.traffic_sources == []
    assert wx.cvr_percent == fig(None, kpiset.REASON_NOT_RECORDED)
    # no spend recorded: the budget's share (its line + half the shared line, all July)
    assert (wx.cost, wx.cost_basis, wx.cac) == (fig("15000.00"), "budget_share",
                                                fig("15000.00"))
    assert wx.ltv == fig("470.00")
    none = rows[None]
    assert (none.sales, none.new_users) == (fig("50.00"), fig("1"))
    assert none.cost == fig(None, kpiset.REASON_NO_CHANNEL_COST)
    total = result.total
    assert (total.sales, total.orders, total.buyers, total.new_users) == (
        fig("1050.00"), fig("5"), fig("4"), fig("4"))
    assert (total.cost, total.cost_basis) == (fig("16500.00"), "mixed")
    (per_campaign,) = result.campaigns
    assert per_campaign.campaign_id == world.campaign.id
    assert per_campaign.sales == total.sales and per_campaign.cost == total.cost
    # only some channels
    with clock.frozen(datetime(2026, 8, 3, 10, tzinfo=CST)):
        only = await analytics.channel_kpis(org["mkt.chen"], *JULY,
                                            campaign_ids=[world.campaign.id],
                                            channels=["douyin"])
    assert [r.channel for r in only.channels] == ["douyin"]
    assert only.total.sales == fig("1000.00")


async def test_money_needs_the_budget_and_comparisons(org: dict[str, Principal],
                                                      world: World) -> None:
    with clock.frozen(datetime(2026, 8, 3, 10, tzinfo=CST)):
        rep = await analytics.channel_kpis(org["rep.li"], *JULY, campaign_ids=[world.campaign.id])
        compared = await analytics.channel_kpis(
            org["mkt.chen"], *JULY, campaign_ids=[world.campaign.id],
            compare_to="previous_period")
        effect = await analytics.campaign_effect(org["mkt.chen"], world.campaign.id, *JULY,
                                                 compare_to="same_period_last_year")
    dy = next(r for r in rep.channels if r.channel == "douyin")
    assert dy.cost == dy.cac == dy.roi_percent == fig(None, analytics.REASON_BUDGET_HIDDEN)
    assert dy.sales == fig("1000.00")  # counts and sums stay visible
    comparison = compared.comparison
    assert comparison is not None
    assert (comparison.period.date_from, comparison.period.date_to) == (
        date(2026, 6, 1), date(2026, 6, 30))  # a whole month: the month before
    douyin = next(c for c in comparison.channels if c.channel == "douyin")
    assert douyin.changes["sales"] == analytics.Change(D("920.00"), D("1150.00"))
    assert douyin.changes["uv"] == analytics.Change(
        None, None, analytics.figures.REASON_NOT_IN_OTHER)
    assert effect.comparison is not None
    assert effect.comparison.period.date_from == date(2025, 7, 1)
    assert effect.comparison.changes["new_customers"] == analytics.Change(
        D("4"), None, analytics.figures.REASON_OTHER_ZERO)


def test_comparison_periods() -> None:
    period = analytics.comparison_period
    assert period(date(2026, 7, 1), date(2026, 7, 31), "previous_period") == (
        date(2026, 6, 1), date(2026, 6, 30))
    assert period(date(2026, 3, 1), date(2026, 3, 31), "previous_period") == (
        date(2026, 2, 1), date(2026, 2, 28))
    assert period(date(2026, 7, 6), date(2026, 7, 12), "previous_period") == (
        date(2026, 6, 29), date(2026, 7, 5))
    assert period(date(2024, 2, 1), date(2024, 2, 29), "same_period_last_year") == (
        date(2023, 2, 1), date(2023, 2, 28))
    assert period(date(2026, 7, 6), date(2026, 7, 12), "same_period_last_year") == (
        date(2025, 7, 6), date(2025, 7, 12))
    assert period(None, None, None) is None
    assert period(None, None, None, date(2026, 1, 1), date(2026, 1, 9)) == (
        date(2026, 1, 1), date(2026, 1, 9))
    for args, field in (((None, date(2026, 7, 1), "previous_period"), "date_from"),
                        ((date(2026, 7, 1), None, "custom"), "compare_from"),
                        ((date(2026, 7, 1), None, "previous_period", date(2026, 1, 1)),
                         "compare_to")):
        with pytest.raises(ValidationFailed) as bad:
            period(*args)  # type: ignore[arg-type]
        assert bad.value.field == field


async def test_recording_channel_metrics(org: dict[str, Principal], world: World) -> None:
    c = world.campaign
    events = await AuditEvent.filter(object_id=c.id, action="channel_metrics_recorded").count()
    with clock.frozen(datetime(2026, 7, 3, 10, tzinfo=CST)):
        again = await channel_metrics.record(org["mkt.chen"], c.id, "douyin", date(2026, 7, 2),
                                             [MetricValue("uv", "500")])
        assert again[0].version == 1  # the same value: nothing changes, nothing audited
        assert await AuditEvent.filter(object_id=c.id,
                                       action="channel_metrics_recorded").count() == events
        fixed = await channel_metrics.record(org["mgr.east"], c.id, "douyin", date(2026, 7, 2),
                                             [MetricValue("uv", "520", expected_version=1)])
        assert (fixed[0].value, fixed[0].version) == (D("520.00"), 2)
        with pytest.raises(Conflict):
            await channel_metrics.record(org["mkt.chen"], c.id, "douyin", date(2026, 7, 2),
                                         [MetricValue("uv", "530", expected_version=1)])
        cases = [
            ("wechat_channels", date(2026, 7, 2), [MetricValue("uv", "1")], "channel",
             "not_campaign_channel"),
            ("douyin", date(2026, 7, 9), [MetricValue("uv", "1")], "day", "in_future"),
            ("douyin", date(2026, 6, 30), [MetricValue("uv", "1")], "day", "outside_campaign"),
            ("douyin", date(2026, 7, 2), [MetricValue("uv", "1.5")], "values.0.value",
             "whole_number"),
            ("douyin", date(2026, 7, 2), [MetricValue("pv", "1"), MetricValue("pv", "2")],
             "values.1.metric", "unique"),
            ("douyin", date(2026, 7, 2), [], "values", "required"),
        ]
        for channel, day, values, field, rule in cases:
            with pytest.raises(ValidationFailed) as bad:
                await channel_metrics.record(org["mkt.chen"], c.id, channel, day, values)
            assert (bad.value.field, bad.value.rule) == (field, rule)
        for who in ("rep.li", "mgr.west", "dir.sun"):
            with pytest.raises(Forbidden):
                await channel_metrics.record(org[who], c.id, "douyin", date(2026, 7, 2),
                                             [MetricValue("uv", "1")])
    assert await ChannelMetric.filter(campaign_id=c.id).count() == 13
    audit = await AuditEvent.filter(object_id=c.id, action="channel_metrics_recorded"
                                    ).order_by("-id").first()
    assert audit is not None
    assert audit.changes == {"channel_metrics.douyin.2026-07-02.uv": ["500.00", "520.00"]}
    # spend is budget data: a rep's list has no spend rows
    page = await channel_metrics.list_(org["rep.li"], channel_metrics.MetricFilter(c.id),
                                       first=100, after=None)
    assert "spend" not in {r.metric for r in page.items} and len(page.items) == 12


async def test_no_campaign_in_the_period_gives_empty_rows_and_null_ratios(
        org: dict[str, Principal]) -> None:
    result = await analytics.channel_kpis(org["dir.sun"], date(2020, 1, 1), date(2020, 1, 31),
                                          compare_to="same_period_last_year")
    assert (result.campaign_ids, result.channels, result.campaigns) == ([], [], [])
    assert result.total.sales == fig("0.00")
    assert result.total.average_order_value == fig(None, kpiset.REASON_NO_ORDERS)
    assert result.comparison is not None and result.comparison.total.changes["sales"] == \
        analytics.Change(D("0.00"), None, analytics.figures.REASON_OTHER_ZERO)
