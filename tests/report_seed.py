"""A campaign with everything the review report shows, with known figures.

Budget lines: 5,000 (wechat_official, spent 4,000), 8,000 (douyin, spent 9,000), 20,000
(host, shared, spent 10,000): 33,000 budgeted and approved, 23,000 spent.
Customers (source campaign = this one), created 2026-07-01 10:00 Shanghai:
  A rep.li  wechat  potential → intent (+1 d) → negotiation (+5 d) → won 10,000 (+11 d)
  B rep.li  wechat  → intent (+1 d)
  C rep.li  wechat  potential
  D rep.zhao wechat → lost (+3 d)              (west: outside mgr.east's scope)
  E rep.li  douyin  → intent (+2 d) → negotiation (+5 d) → won 5,000.50 (+6 d)
  F rep.zhao douyin potential                  (west)
plus one customer of another campaign. Goals over July: new_leads 200, won_customers 10 and
revenue 300,000 (derived: 6 new leads in the week of 2026-06-29, 2 wins for 15,000.50 in the
week of 07-06), viewers 5,000 recorded per week: 1,500 in the week of 06-29 (plan 806.45,
alert) and 1,100 in the week of 07-06 (plan 1,129.03).
Tasks: 脚本 (mkt.chen, ends 07-05, done), 邀约 (rep.li, ends 07-10, not started: late).
Exceptions: one reported, one resolved. "Now" at the end is 2026-07-13 10:00 Shanghai.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from engine import clock
from engine.authz import Principal
from engine.models import BudgetLine, Campaign, Customer, Task
from engine.services import analytics, campaigns, customers, incidents, kpis, tasks

T0 = datetime(2026, 7, 1, 2, 0, tzinfo=UTC)
END = T0 + timedelta(days=12)


@dataclass
class Seeded:
    campaign: Any
    customers: dict[str, Any]
    incidents: list[Any]


async def seed(org: dict[str, Principal], make_campaign: Any, make_customer: Any,
               name: str = "七月直播带货") -> Seeded:
    with clock.frozen(T0 - timedelta(days=2)):
        campaign = await make_campaign(
            name=name,
            goals=[campaigns.GoalInput("new_leads", "200"),
                   campaigns.GoalInput("won_customers", "10"),
                   campaigns.GoalInput("revenue", "300000"),
                   campaigns.GoalInput("viewers", "5000")],
            budget_lines=[
                campaigns.BudgetLineInput("platform_promotion", "公众号推文", "5000",
                                          channel="wechat_official"),
                campaigns.BudgetLineInput("platform_promotion", "抖音投流", "8000",
                                          channel="douyin"),
                campaigns.BudgetLineInput("host", "主播", "20000", channel=None)],
            phases=[campaigns.PhaseInput("preparation", date(2026, 7, 1), date(2026, 7, 10), [
                campaigns.TaskInput("脚本", "mkt.chen", date(2026, 7, 1), date(2026, 7, 5)),
                campaigns.TaskInput("邀约", "rep.li", date(2026, 7, 3), date(2026, 7, 10)),
            ])])
    lines = list(await BudgetLine.filter(campaign_id=campaign.id).order_by("id"))
    for line, spent in zip(lines, ("4000", "9000", "10000"), strict=True):
        await analytics.record_spend(org["fin.qian"], line.id, spent)
    await Campaign.filter(id=campaign.id).update(approval_state="approved",
                                                 approved_total=Decimal("33000"))
    other = await make_campaign(name="别的活动")
    people: dict[str, Any] = {}
    with clock.frozen(T0) as advance:
        for key, owner, channel in (("A", "rep.li", "wechat_official"),
                                    ("B", "rep.li", "wechat_official"),
                                    ("C", "rep.li", "wechat_official"),
                                    ("D", "rep.zhao", "wechat_official"),
                                    ("E", "rep.li", "douyin"), ("F", "rep.zhao", "douyin")):
            c = await make_customer(owner=owner, name=f"客户{key}",
                                    source_campaign_code=campaign.code)
            await Customer.filter(id=c.id).update(source_channel=channel)
            people[key] = c
        outsider = await make_customer(owner="rep.li", source_campaign_code=other.code)
        await Customer.filter(id=outsider.id).update(source_channel="douyin")

        async def go(key: str, event: str, **kw: Any) -> None:
            owner = "rep.li" if key in "ABCE" else "rep.zhao"
            await customers.advance_stage(org[owner], people[key].id, event, **kw)

        advance(timedelta(days=1))
        await go("A", "qualify")
        await go("B", "qualify")
        await customers.advance_stage(org["rep.li"], outsider.id, "qualify")
        advance(timedelta(days=1))
        await go("E", "qualify")
        advance(timedelta(days=1))
        await go("D", "lose", reason="预算不足")
        advance(timedelta(days=2))
        await go("A", "negotiate")
        await go("E", "negotiate")
        advance(timedelta(days=1))
        await go("E", "win", deal_amount="5000.50")
        advance(timedelta(days=5))
        await go("A", "win", deal_amount="10000")
        await kpis.record(org["mkt.chen"], campaign.id, metric="viewers",
                          granularity="week", period_start=date(2026, 6, 29), value="1500")
        await kpis.record(org["mkt.chen"], campaign.id, metric="viewers",
                          granularity="week", period_start=date(2026, 7, 6), value="1100")
        script = await Task.get(campaign_id=campaign.id, title="脚本")
        await tasks.fire(org["mkt.chen"], script.id, "start")
        await tasks.fire(org["mkt.chen"], script.id, "complete")
        advance(END - clock.now())
        first = await incidents.report(org["mkt.chen"], incidents.IncidentInput(
            campaign_id=campaign.id, problem="直播设备故障", severity="high"))
        second = await incidents.report(org["mkt.chen"], incidents.IncidentInput(
            campaign_id=campaign.id, problem="嘉宾临时取消"))
        for event in ("acknowledge", "start_resolving"):
            await incidents.fire(org["mkt.chen"], second.id, event)
        await incidents.fire(org["mkt.chen"], second.id, "resolve", note="换了嘉宾")
    await analytics.set_review(org["mkt.chen"], campaign.id, highlights="抖音转化高",
                               problems="设备准备不足", suggestions="提前彩排")
    return Seeded(campaign=campaign, customers=people, incidents=[first, second])
