"""Effect analysis and channel comparison, computed from stage history at known times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Conflict, Forbidden, NotFound, ValidationFailed
from engine.models import AuditEvent, BudgetLine, Campaign, CampaignReview
from engine.services import analytics, approvals, campaigns, customers
from engine.services.analytics import Figure

CST = ZoneInfo("Asia/Shanghai")
JULY_FROM, JULY_TO = date(2026, 7, 1), date(2026, 7, 31)


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


@dataclass
class Scenario:
    campaign: Campaign
    lines: dict[str, BudgetLine]
    ids: dict[str, int]


async def _customer(org: dict[str, Principal], when: datetime, owner: str, code: str,
                    channel: str | None, steps: list[tuple[str, datetime, str | None]]
                    ) -> int:
    with clock.frozen(when):
        created = await customers.create(org[owner], customers.CustomerInput(
            name=f"客户 {when.isoformat()}", contact_name="张伟", contact_phone="13800138000",
            sources=["campaign"], owner_username=owner, source_campaign_code=code,
            source_channel=channel))
    for event, moment, amount in steps:
        with clock.frozen(moment):
            await customers.advance_stage(org[owner], created.id, event, deal_amount=amount)
    return int(created.id)


async def _approved(org: dict[str, Principal], campaign: Campaign) -> Campaign:
    await approvals.submit(org["mkt.chen"], campaign.id)
    return await approvals.approve(org["mgr.east"], campaign.id)


@pytest.fixture
async def scenario(org: dict[str, Principal], make_campaign: Any) -> Scenario:
    """Campaign HD… (wechat_official + douyin) with ¥33,000 approved and seven customers.

    c1 wechat: new 07-01, intent 07-03, won 07-13 ¥10,000 (10 days intent→won)
    c2 douyin: new 07-02, intent 07-04, won 07-08 ¥5,000.50 (4 days)
    c3 douyin: new 07-10, intent 07-12
    c4 wechat: new 07-20
    c5 wechat: new 06-30 23:30 (before July), intent 07-05: not new in July
    c6 (no channel, west, rep.zhao): new 07-31 23:30 (last minute of July)
    c7 douyin: new 08-01 00:10 (after July)
    """
    campaign = await make_campaign(amounts=())
    lines: dict[str, BudgetLine] = {}
    for key, amount, channel in (("wechat", "5000", "wechat_official"),
                                 ("douyin", "8000", "douyin"), ("shared", "20000", None)):
        _, line = await campaigns.add_budget_line(
            org["mkt.chen"], campaign.id, campaigns.BudgetLineInput(
                category="platform_promotion", description=key, amount=amount,
                channel=channel))
        lines[key] = line
    campaign = await _approved(org, campaign)
    code = campaign.code
    ids = {
        "c1": await _customer(org, at(7, 1), "rep.li", code, "wechat_official", [
            ("qualify", at(7, 3), None), ("negotiate", at(7, 5), None),
            ("win", at(7, 13), "10000")]),
        "c2": await _customer(org, at(7, 2), "rep.wang", code, "douyin", [
            ("qualify", at(7, 4), None), ("negotiate", at(7, 6), None),
            ("win", at(7, 8), "5000.50")]),
        "c3": await _customer(org, at(7, 10), "rep.li", code, "douyin", [
            ("qualify", at(7, 12), None)]),
        "c4": await _customer(org, at(7, 20), "rep.li", code, "wechat_official", []),
        "c5": await _customer(org, at(6, 30, 23, 30), "rep.li", code, "wechat_official", [
            ("qualify", at(7, 5), None)]),
        "c6": await _customer(org, at(7, 31, 23, 30), "rep.zhao", code, None, []),
        "c7": await _customer(org, at(8, 1, 0, 10), "rep.li", code, "douyin", []),
    }
    return Scenario(campaign, lines, ids)


def fig(value: str | None, reason: str | None = None) -> Figure:
    return Figure(Decimal(value) if value is not None else None, reason)


# -- effect analysis -----------------------------------------------------------------------


async def test_effect_figures_for_july(org: dict[str, Principal], scenario: Scenario) -> None:
    # when
    effect = await analytics.campaign_effect(org["mkt.chen"], scenario.campaign.id,
                                             JULY_FROM, JULY_TO)
    # then
    assert (effect.new_customers, effect.intent_customers, effect.won_customers) == (5, 3, 2)
    assert effect.revenue == Decimal("15000.50")
    assert effect.budget == fig("33000.00")
    assert effect.cac == fig("6600.00")
    assert effect.conversion_rate == fig("60.00")
    assert effect.average_cycle_days == fig("7.0")
    assert effect.spent == fig("0.00")
    assert effect.roi == fig(None, analytics.REASON_NO_SPEND)
    assert (effect.highlights, effect.problems, effect.suggestions) == (None, None, None)


async def test_roi_after_spend_is_recorded_and_budget_stays_approved(
        org: dict[str, Principal], scenario: Scenario) -> None:
    # given
    for key, spent in (("wechat", "4000"), ("douyin", "8000"), ("shared", "10000")):
        await analytics.record_spend(org["mkt.chen"], scenario.lines[key].id, spent)
    # when
    effect = await analytics.campaign_effect(org["mkt.chen"], scenario.campaign.id,
                                             JULY_FROM, JULY_TO)
    # then: (15000.50 − 22000) / 22000
    assert effect.spent == fig("22000.00")
    assert effect.roi == fig("-0.3182")
    campaign = await Campaign.get(id=scenario.campaign.id)
    assert campaign.approval_state == "approved"
    assert campaign.approved_total == Decimal("33000.00")


async def test_period_boundaries_are_company_days(org: dict[str, Principal],
                                                  scenario: Scenario) -> None:
    last_day = await analytics.campaign_effect(org["admin"], scenario.campaign.id,
                                               date(2026, 7, 31), date(2026, 7, 31))
    assert (last_day.new_customers, last_day.intent_customers) == (1, 0)
    june_30 = await analytics.campaign_effect(org["admin"], scenario.campaign.id,
                                              date(2026, 6, 30), date(2026, 6, 30))
    # c5 was new on June 30 and entered intent only in July: not yet intent by June 30
    assert (june_30.new_customers, june_30.intent_customers) == (1, 0)
    # the July cohort counted only up to July 10: c2 won (07-08), c1 not yet (07-13)
    early = await analytics.campaign_effect(org["admin"], scenario.campaign.id,
                                            date(2026, 7, 1), date(2026, 7, 10))
    assert (early.new_customers, early.intent_customers, early.won_customers) == (3, 2, 1)
    assert early.revenue == Decimal("5000.50")
    assert early.average_cycle_days == fig("4.0")


async def test_empty_period_gives_nulls_with_reasons(org: dict[str, Principal],
                                                     scenario: Scenario) -> None:
    effect = await analytics.campaign_effect(org["mkt.chen"], scenario.campaign.id,
                                             date(2026, 5, 1), date(2026, 5, 31))
    assert (effect.new_customers, effect.intent_customers, effect.won_customers) == (0, 0, 0)
    assert effect.revenue == Decimal("0.00")
    assert effect.cac == fig(None, analytics.REASON_NO_NEW)
    assert effect.conversion_rate == fig(None, analytics.REASON_NO_NEW)
    assert effect.average_cycle_days == fig(None, analytics.REASON_NO_WON)
    assert effect.budget == fig("33000.00")


async def test_open_period_counts_everything_up_to_now(org: dict[str, Principal],
                                                       scenario: Scenario) -> None:
    with clock.frozen(at(9, 1)):
        effect = await analytics.campaign_effect(org["admin"], scenario.campaign.id, None, None)
    assert (effect.new_customers, effect.intent_customers, effect.won_customers) == (7, 4, 2)
    assert effect.period.date_to == date(2026, 9, 1)


async def test_budget_not_approved_and_budget_hidden(
        org: dict[str, Principal], scenario: Scenario, make_campaign: Any) -> None:
    draft = await make_campaign()
    effect = await analytics.campaign_effect(org["mkt.chen"], draft.id, JULY_FROM, JULY_TO)
    assert effect.budget == fig(None, analytics.REASON_NOT_APPROVED)
    assert effect.cac == fig(None, analytics.REASON_NOT_APPROVED)
    assert effect.new_customers == 0
    # a sales rep reads the campaign and its counts, not its budget
    rep = await analytics.campaign_effect(org["rep.li"], scenario.campaign.id, JULY_FROM,
                                          JULY_TO)
    assert (rep.new_customers, rep.won_customers, rep.revenue) == (5, 2, Decimal("15000.50"))
    for figure in (rep.budget, rep.cac, rep.spent, rep.roi):
        assert figure == fig(None, analytics.REASON_BUDGET_HIDDEN)


async def test_bad_period_and_unknown_campaign(org: dict[str, Principal],
                                               scenario: Scenario) -> None:
    with pytest.raises(ValidationFailed) as err:
        await analytics.campaign_effect(org["admin"], scenario.campaign.id, JULY_TO, JULY_FROM)
    assert err.value.field == "date_to"
    with pytest.raises(NotFound):
        await analytics.campaign_effect(org["admin"], 999999, JULY_FROM, JULY_TO)
    with clock.frozen(at(7, 15)), pytest.raises(ValidationFailed) as err:
        await analytics.campaign_effect(org["admin"], scenario.campaign.id, JULY_TO, None)
    assert err.value.field == "date_from"


# -- drill-down --------------------------------------------------------------------------


async def _drill(actor: Principal, s: Scenario, metric: str,
                 period: tuple[date | None, date | None] = (JULY_FROM, JULY_TO)) -> set[str]:
    page = await analytics.campaign_effect_customers(actor, s.campaign.id, metric, *period,
                                                     first=100)
    names = {v: k for k, v in s.ids.items()}
    assert await page.count() == len(page.items)
    return {names[c.id] for c in page.items}


async def test_drill_down_lists_the_customers_behind_each_figure(
        org: dict[str, Principal], scenario: Scenario) -> None:
    admin = org["admin"]
    assert await _drill(admin, scenario, "NEW") == {"c1", "c2", "c3", "c4", "c6"}
    assert await _drill(admin, scenario, "intent") == {"c1", "c2", "c3"}
    assert await _drill(admin, scenario, "WON") == {"c1", "c2"}
    assert await _drill(admin, scenario, "REVENUE") == {"c1", "c2"}
    assert await _drill(admin, scenario, "NEW", (date(2026, 7, 1), date(2026, 7, 10))) == {
        "c1", "c2", "c3"}
    assert await _drill(admin, scenario, "WON", (date(2026, 7, 1), date(2026, 7, 10))) == {
        "c2"}


async def test_drill_down_respects_the_customer_scope(org: dict[str, Principal],
                                                      scenario: Scenario) -> None:
    assert await _drill(org["rep.li"], scenario, "NEW") == {"c1", "c3", "c4"}
    assert await _drill(org["rep.wang"], scenario, "WON") == {"c2"}
    assert await _drill(org["mgr.west"], scenario, "NEW") == {"c6"}
    assert await _drill(org["mgr.east"], scenario, "NEW") == {"c1", "c2", "c3", "c4"}
    assert await _drill(org["mkt.chen"], scenario, "NEW") == {"c1", "c2", "c3", "c4", "c6"}


async def test_drill_down_pages_and_rejects_bad_metric(org: dict[str, Principal],
                                                       scenario: Scenario) -> None:
    first = await analytics.campaign_effect_customers(
        org["admin"], scenario.campaign.id, "NEW", JULY_FROM, JULY_TO, first=2)
    assert len(first.items) == 2 and first.has_next
    rest = await analytics.campaign_effect_customers(
        org["admin"], scenario.campaign.id, "NEW", JULY_FROM, JULY_TO, first=100,
        after=first.end_cursor)
    assert len(rest.items) == 3 and not rest.has_next
    assert not {c.id for c in first.items} & {c.id for c in rest.items}
    with pytest.raises(ValidationFailed) as err:
        await analytics.campaign_effect_customers(org["admin"], scenario.campaign.id, "LOST",
                                                  JULY_FROM, JULY_TO)
    assert err.value.field == "metric"
    with pytest.raises(ValidationFailed) as err:
        await analytics.campaign_effect_customers(org["admin"], scenario.campaign.id, "NEW",
                                                  JULY_FROM, JULY_TO, first=101)
    assert err.value.field == "first"


# -- review texts and spend ----------------------------------------------------------------


async def test_review_texts_are_written_versioned_and_audited(
        org: dict[str, Principal], scenario: Scenario) -> None:
    cid = scenario.campaign.id
    review = await analytics.set_review(org["mkt.chen"], cid, "直播观看破万", "线索跟进慢",
                                        "增加销售值班", expected_version=None)
    assert review.version == 1
    again = await analytics.set_review(org["mgr.east"], cid, "直播观看破万", "线索跟进慢",
                                       "次日回访", expected_version=1)
    assert again.version == 2
    with pytest.raises(Conflict):
        await analytics.set_review(org["mkt.chen"], cid, "x", None, None, expected_version=1)
    effect = await analytics.campaign_effect(org["rep.li"], cid, JULY_FROM, JULY_TO)
    assert (effect.highlights, effect.problems, effect.suggestions) == (
        "直播观看破万", "线索跟进慢", "次日回访")
    events = await AuditEvent.filter(object_type="campaign", object_id=cid,
                                     action="review").order_by("id")
    assert [e.actor_name for e in events] == ["mkt.chen", "mgr.east"]
    assert events[1].changes == {"review.suggestions": ["增加销售值班", "次日回访"]}


async def test_review_text_limits_and_permissions(org: dict[str, Principal],
                                                  scenario: Scenario) -> None:
    cid = scenario.campaign.id
    with pytest.raises(ValidationFailed) as err:
        await analytics.set_review(org["mkt.chen"], cid, "好", "问" * 51, None)
    assert err.value.field == "problems"
    for who in ("rep.li", "mgr.west", "fin.qian"):
        with pytest.raises(Forbidden):
            await analytics.set_review(org[who], cid, "好", None, None)
    assert await CampaignReview.filter(campaign_id=cid).count() == 0


async def test_record_spend_rules(org: dict[str, Principal], scenario: Scenario) -> None:
    line = scenario.lines["shared"]
    with pytest.raises(ValidationFailed) as err:
        await analytics.record_spend(org["mkt.chen"], line.id, "-1")
    assert err.value.field == "spent"
    with pytest.raises(ValidationFailed):
        await analytics.record_spend(org["mkt.chen"], line.id, "1.001")
    with pytest.raises(NotFound):  # a rep may not even see the budget
        await analytics.record_spend(org["rep.li"], line.id, "1")
    with pytest.raises(Forbidden):
        await analytics.record_spend(org["dir.sun"], line.id, "1")
    done = await analytics.record_spend(org["fin.qian"], line.id, "1234.50",
                                        expected_version=line.version)
    assert (done.spent, done.version) == (Decimal("1234.50"), line.version + 1)
    with pytest.raises(Conflict):
        await analytics.record_spend(org["mkt.chen"], line.id, "99", expected_version=1)
    event = await AuditEvent.filter(action="budget_line_spend_recorded").get()
    assert event.changes == {f"budget_lines.{line.id}.spent": ["0.00", "1234.50"]}
    assert event.actor_name == "fin.qian"


# -- source channel and line channel inputs ---------------------------------------------


async def test_source_channel_must_be_a_campaign_channel(
        org: dict[str, Principal], scenario: Scenario, make_customer: Any) -> None:
    code = scenario.campaign.code
    with pytest.raises(ValidationFailed) as err:
        await make_customer(source_campaign_code=code, source_channel="weibo")
    assert err.value.field == "source_channel"
    with pytest.raises(ValidationFailed) as err:
        await make_customer(source_channel="nonsense")
    assert err.value.field == "source_channel"
    plain = await make_customer(source_channel="weibo")  # no campaign: any channel
    assert plain.source_channel == "weibo"
    with pytest.raises(ValidationFailed) as err:
        await customers.update(org["rep.li"], plain.id,
                               customers.CustomerPatch(source_campaign_code=code), None)
    assert err.value.field == "source_channel"
    moved = await customers.update(
        org["rep.li"], plain.id,
        customers.CustomerPatch(source_campaign_code=code, source_channel="DOUYIN"), None)
    assert (moved.source_campaign_id, moved.source_channel) == (scenario.campaign.id, "douyin")


async def test_budget_line_channel_must_be_a_campaign_channel(
        org: dict[str, Principal], scenario: Scenario) -> None:
    cid = scenario.campaign.id
    with pytest.raises(ValidationFailed) as err:
        await campaigns.add_budget_line(org["mkt.chen"], cid, campaigns.BudgetLineInput(
            category="materials", description="x", amount="1", channel="weibo"))
    assert err.value.field == "channel"
    line = scenario.lines["wechat"]
    # an update that does not mention the channel keeps it
    _, kept = await campaigns.update_budget_line(
        org["mkt.chen"], line.id, campaigns.BudgetLineInput(
            category="platform_promotion", description="wechat", amount="6000"))
    assert kept.channel == "wechat_official"
    _, shared = await campaigns.update_budget_line(
        org["mkt.chen"], line.id, campaigns.BudgetLineInput(
            category="platform_promotion", description="wechat", amount="6000", channel=None))
    assert shared.channel is None
    with pytest.raises(ValidationFailed) as err:
        await campaigns.update(org["mkt.chen"], cid, campaigns.CampaignPatch(
            channels=["weibo", "wechat_official"]), None)
    assert err.value.field == "channels"


# -- channel comparison ------------------------------------------------------------------


async def test_channel_comparison(org: dict[str, Principal], scenario: Scenario) -> None:
    # given: spend recorded
    for key, spent in (("wechat", "4000"), ("douyin", "8000"), ("shared", "10000")):
        await analytics.record_spend(org["mkt.chen"], scenario.lines[key].id, spent)
    # when
    result = await analytics.channel_comparison(org["mkt.chen"], JULY_FROM, JULY_TO)
    # then
    assert result.campaign_ids == [scenario.campaign.id]
    assert result.total_revenue == Decimal("15000.50")
    rows = {r.channel: r for r in result.rows}
    assert list(rows) == ["wechat_official", "douyin", None]
    wechat, douyin, none = rows["wechat_official"], rows["douyin"], rows[None]
    assert (wechat.new_customers, wechat.intent_customers, wechat.won_customers) == (2, 1, 1)
    assert (douyin.new_customers, douyin.intent_customers, douyin.won_customers) == (2, 2, 1)
    assert (none.new_customers, none.intent_customers, none.won_customers) == (1, 0, 0)
    assert (wechat.revenue, douyin.revenue) == (Decimal("10000.00"), Decimal("5000.50"))
    assert wechat.revenue_share == fig("66.66")
    assert douyin.revenue_share == fig("33.34")
    assert none.revenue_share == fig("0.00")
    assert (wechat.conversion_rate, douyin.conversion_rate) == (fig("50.00"), fig("100.00"))
    assert (wechat.average_cycle_days, douyin.average_cycle_days) == (fig("10.0"), fig("4.0"))
    assert none.average_cycle_days == fig(None, analytics.REASON_NO_WON)
    # planned: own line + half the shared ¥20,000; spent: own + half the shared ¥10,000
    assert (wechat.planned_cost, douyin.planned_cost) == (fig("15000.00"), fig("18000.00"))
    assert (wechat.spent, douyin.spent) == (fig("9000.00"), fig("13000.00"))
    assert (wechat.cac, douyin.cac) == (fig("7500.00"), fig("9000.00"))
    assert (wechat.cost_per_won, douyin.cost_per_won) == (fig("15000.00"), fig("18000.00"))
    assert (wechat.cost_deviation, douyin.cost_deviation) == (fig("-40.00"), fig("-27.78"))
    assert none.cac.value is None and none.cac.reason


async def test_channel_comparison_scope_and_filters(
        org: dict[str, Principal], scenario: Scenario, make_campaign: Any) -> None:
    # a rep sees the counts but not the cost
    rep = await analytics.channel_comparison(org["rep.li"], JULY_FROM, JULY_TO)
    wechat = next(r for r in rep.rows if r.channel == "wechat_official")
    assert wechat.new_customers == 2
    assert wechat.planned_cost == fig(None, analytics.REASON_BUDGET_HIDDEN)
    assert wechat.cac == fig(None, analytics.REASON_BUDGET_HIDDEN)
    # a campaign outside the period is not chosen unless named
    await make_campaign(start_date=date(2026, 9, 1), end_date=date(2026, 9, 30),
                        channels=["weibo", "email"])
    july = await analytics.channel_comparison(org["admin"], JULY_FROM, JULY_TO)
    assert july.campaign_ids == [scenario.campaign.id]
    # a department without campaigns: nothing
    west = await org_department(org, "mgr.west")
    empty = await analytics.channel_comparison(org["admin"], JULY_FROM, JULY_TO,
                                               department_id=west)
    assert (empty.campaign_ids, empty.rows) == ([], [])
    # an unapproved campaign has channels but no cost
    draft = await make_campaign(channels=["weibo", "email"])
    only = await analytics.channel_comparison(org["admin"], JULY_FROM, JULY_TO,
                                              campaign_ids=[draft.id])
    assert [r.channel for r in only.rows] == ["weibo", "email"]
    assert all(r.planned_cost == fig(None, analytics.REASON_NO_COST) for r in only.rows)
    assert all(r.revenue_share == fig(None, analytics.REASON_NO_REVENUE) for r in only.rows)


async def org_department(org: dict[str, Principal], username: str) -> int:
    department = org[username].department_id
    assert department is not None
    return department


async def test_channel_comparison_shared_line_split_three_ways(
        org: dict[str, Principal], make_campaign: Any) -> None:
    campaign = await make_campaign(amounts=("100",),
                                   channels=["wechat_official", "douyin", "weibo"])
    await _approved(org, campaign)
    result = await analytics.channel_comparison(org["admin"], None, None,
                                                campaign_ids=[campaign.id])
    planned = [r.planned_cost.value for r in result.rows]
    assert planned == [Decimal("33.33")] * 3



