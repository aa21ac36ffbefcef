"""Effect analysis, channel comparison and channel evaluation through HTTP."""

from __future__ import annotations

from typing import Any

from engine.authz import Principal
from engine.models import Campaign
from tests.engine.test_analytics import Scenario, scenario
from tests.schema.conftest import Gql

__all__ = ["scenario"]

EFFECT = """query($id: ID!, $from: Date, $to: Date) {
  campaignEffect(id: $id, from: $from, to: $to) {
    campaign { code } period { from to }
    newCustomers intentCustomers wonCustomers revenue
    budget { value reason } cac { value reason } conversionRate { value reason }
    averageCycleDays { value reason } spent { value reason } roi { value reason }
    highlights problems suggestions reviewVersion
  } }"""

DRILL = """query($id: ID!, $metric: EffectMetric!, $first: Int, $after: String) {
  campaignEffectCustomers(id: $id, metric: $metric, from: "2026-07-01", to: "2026-07-31",
                          first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { name contactPhone contactMasked sourceChannel owner { username } } }
  } }"""

REVIEW = """mutation($id: ID!, $h: String, $p: String, $s: String, $v: Int) {
  campaignReviewSet(id: $id, highlights: $h, problems: $p, suggestions: $s,
                    expectedVersion: $v) {
    __typename
    ... on CampaignReview { highlights problems suggestions version }
    ... on ValidationError { field rule }
    ... on ForbiddenError { action }
    ... on ConflictError { currentVersion }
  } }"""

SPEND = """mutation($id: ID!, $spent: Decimal!, $v: Int) {
  campaignBudgetLineSpendRecord(id: $id, spent: $spent, expectedVersion: $v) {
    __typename
    ... on BudgetLine { id amount spent channel version }
    ... on ValidationError { field rule }
    ... on NotFoundError { objectType }
  } }"""

COMPARE = """query($from: Date, $to: Date, $ids: [ID!], $dept: ID) {
  channelComparison(from: $from, to: $to, campaignIds: $ids, departmentId: $dept) {
    campaignIds totalRevenue
    rows { channel channelLabel newCustomers intentCustomers wonCustomers revenue
      conversionRate { value } revenueShare { value } averageCycleDays { value reason }
      plannedCost { value reason } spent { value } cac { value reason }
      costPerWon { value } costDeviation { value } }
  } }"""

JULY = {"from": "2026-07-01", "to": "2026-07-31"}


async def test_campaign_effect_for_marketing_and_for_a_rep(
        org: dict[str, Principal], gql: Gql, scenario: Scenario) -> None:
    body = await gql(EFFECT, "mkt.chen", id=str(scenario.campaign.id), **JULY)
    effect = body["data"]["campaignEffect"]
    assert effect["period"] == {"from": "2026-07-01", "to": "2026-07-31"}
    assert (effect["newCustomers"], effect["intentCustomers"], effect["wonCustomers"]) == (
        5, 3, 2)
    assert effect["revenue"] == "15000.50"
    assert effect["budget"] == {"value": "33000.00", "reason": None}
    assert effect["cac"] == {"value": "6600.00", "reason": None}
    assert effect["conversionRate"] == {"value": "60.00", "reason": None}
    assert effect["averageCycleDays"] == {"value": "7.0", "reason": None}
    assert effect["roi"] == {"value": None, "reason": "nothing spent yet (spent = 0)"}
    assert effect["reviewVersion"] is None
    rep = (await gql(EFFECT, "rep.li", id=str(scenario.campaign.id), **JULY))["data"][
        "campaignEffect"]
    assert rep["newCustomers"] == 5
    assert rep["cac"] == {"value": None, "reason": "budget not visible to you"}
    empty = (await gql(EFFECT, "mkt.chen", id=str(scenario.campaign.id), **{
        "from": "2026-05-01", "to": "2026-05-31"}))["data"]["campaignEffect"]
    assert empty["cac"] == {"value": None, "reason": "no new customers in the period"}
    assert empty["averageCycleDays"] == {"value": None, "reason": "no won customers in the period"}


async def test_campaign_effect_errors(org: dict[str, Principal], gql: Gql,
                                      scenario: Scenario) -> None:
    unsigned = await gql(EFFECT, None, id=str(scenario.campaign.id))
    assert unsigned["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    missing = await gql(EFFECT, "admin", id="999999")
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    backwards = await gql(EFFECT, "admin", id=str(scenario.campaign.id),
                          **{"from": "2026-07-31", "to": "2026-07-01"})
    assert backwards["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "date_to",
                                                    "rule": "before_start"}


async def test_drill_down_is_scoped_and_masked(org: dict[str, Principal], gql: Gql,
                                               scenario: Scenario) -> None:
    cid = str(scenario.campaign.id)
    body = await gql(DRILL, "mkt.chen", id=cid, metric="NEW", first=2)
    page = body["data"]["campaignEffectCustomers"]
    assert page["totalCount"] == 5 and page["pageInfo"]["hasNextPage"]
    node = page["edges"][0]["node"]
    # marketing reads every customer but sees contact details masked
    assert (node["contactPhone"], node["contactMasked"]) == ("138****8000", True)
    rest = (await gql(DRILL, "mkt.chen", id=cid, metric="NEW", first=10,
                      after=page["pageInfo"]["endCursor"]))["data"]["campaignEffectCustomers"]
    assert len(rest["edges"]) == 3
    mine = (await gql(DRILL, "rep.li", id=cid, metric="WON"))["data"][
        "campaignEffectCustomers"]
    assert mine["totalCount"] == 1
    node = mine["edges"][0]["node"]
    assert (node["contactPhone"], node["contactMasked"]) == ("13800138000", False)
    assert (node["sourceChannel"], node["owner"]["username"]) == ("WECHAT_OFFICIAL", "rep.li")
    too_many = await gql(DRILL, "rep.li", id=cid, metric="WON", first=101)
    assert too_many["errors"][0]["extensions"]["field"] == "first"


async def test_review_texts(org: dict[str, Principal], gql: Gql, scenario: Scenario) -> None:
    cid = str(scenario.campaign.id)
    long = await gql(REVIEW, "mkt.chen", id=cid, h="好", p="问" * 51)
    assert long["data"]["campaignReviewSet"] == {"__typename": "ValidationError",
                                                 "field": "problems", "rule": "max_length"}
    denied = await gql(REVIEW, "rep.li", id=cid, h="好")
    assert denied["data"]["campaignReviewSet"] == {"__typename": "ForbiddenError",
                                                   "action": "review"}
    done = await gql(REVIEW, "mkt.chen", id=cid, h="直播观看破万", p="跟进慢", s="次日回访")
    assert done["data"]["campaignReviewSet"] == {
        "__typename": "CampaignReview", "highlights": "直播观看破万", "problems": "跟进慢",
        "suggestions": "次日回访", "version": 1}
    stale = await gql(REVIEW, "mgr.east", id=cid, h="x", v=0)
    assert stale["data"]["campaignReviewSet"] == {"__typename": "ConflictError",
                                                  "currentVersion": 1}
    effect = (await gql(EFFECT, "rep.li", id=cid, **JULY))["data"]["campaignEffect"]
    assert (effect["highlights"], effect["suggestions"], effect["reviewVersion"]) == (
        "直播观看破万", "次日回访", 1)


async def test_spend_is_recorded_without_reapproval(org: dict[str, Principal], gql: Gql,
                                                    scenario: Scenario) -> None:
    line = scenario.lines["douyin"]
    bad = await gql(SPEND, "mkt.chen", id=str(line.id), spent="-5")
    assert bad["data"]["campaignBudgetLineSpendRecord"] == {
        "__typename": "ValidationError", "field": "spent", "rule": "range"}
    hidden = await gql(SPEND, "rep.li", id=str(line.id), spent="5")
    assert hidden["data"]["campaignBudgetLineSpendRecord"]["__typename"] == "NotFoundError"
    done = await gql(SPEND, "fin.qian", id=str(line.id), spent="7999.99", v=line.version)
    assert done["data"]["campaignBudgetLineSpendRecord"] == {
        "__typename": "BudgetLine", "id": str(line.id), "amount": "8000.00",
        "spent": "7999.99", "channel": "DOUYIN", "version": line.version + 1}
    campaign = await Campaign.get(id=scenario.campaign.id)
    assert campaign.approval_state == "approved"


async def test_channel_comparison(org: dict[str, Principal], gql: Gql,
                                  scenario: Scenario) -> None:
    body = await gql(COMPARE, "dir.sun", **JULY)
    result = body["data"]["channelComparison"]
    assert result["campaignIds"] == [str(scenario.campaign.id)]
    assert result["totalRevenue"] == "15000.50"
    rows = {r["channel"]: r for r in result["rows"]}
    assert list(rows) == ["WECHAT_OFFICIAL", "DOUYIN", None]
    wechat = rows["WECHAT_OFFICIAL"]
    assert wechat == {
        "channel": "WECHAT_OFFICIAL", "channelLabel": "公众号", "newCustomers": 2,
        "intentCustomers": 1, "wonCustomers": 1, "revenue": "10000.00",
        "conversionRate": {"value": "50.00"}, "revenueShare": {"value": "66.66"},
        "averageCycleDays": {"value": "10.0", "reason": None},
        "plannedCost": {"value": "15000.00", "reason": None}, "spent": {"value": "0.00"},
        "cac": {"value": "7500.00", "reason": None}, "costPerWon": {"value": "15000.00"},
        "costDeviation": {"value": "-100.00"}}
    assert rows[None]["channelLabel"] == "未归属渠道"
    rep = (await gql(COMPARE, "rep.li", **JULY))["data"]["channelComparison"]
    assert rep["rows"][0]["plannedCost"] == {"value": None,
                                             "reason": "budget not visible to you"}
    bad = await gql(COMPARE, "dir.sun", ids=["x"])
    assert bad["errors"][0]["extensions"]["field"] == "campaignIds.0"


async def test_channel_evaluation(org: dict[str, Principal], gql: Gql) -> None:
    body = await gql("""{ channelEvaluation { scaleMin scaleMax criteria { key weight }
        ranking { rank key name channel total
          breakdown { criterion { key label } score weight contribution } } } }""", "rep.li")
    evaluation = body["data"]["channelEvaluation"]
    assert (evaluation["scaleMin"], evaluation["scaleMax"]) == (1, 5)
    assert [c["key"] for c in evaluation["criteria"]] == [
        "user_match", "traffic_potential_and_cost", "brand_fit", "operational_complexity",
        "profit_and_risk"]
    ranking = evaluation["ranking"]
    assert [(r["rank"], r["key"], r["total"]) for r in ranking] == [
        (1, "vertical_platform", "3.65"), (2, "social_content", "3.55"),
        (3, "own_store", "3.35"), (4, "marketplace", "3.10")]
    first = ranking[0]["breakdown"][0]
    assert first == {"criterion": {"key": "user_match", "label": "用户匹配度"},
                     "score": "5", "weight": "0.3", "contribution": "1.5000"}


async def test_source_channel_and_line_channel_inputs(org: dict[str, Principal], gql: Gql,
                                                      scenario: Scenario) -> None:
    create = """mutation($input: CustomerCreateInput!) { customerCreate(input: $input) {
        __typename ... on Customer { sourceChannel } ... on ValidationError { field rule } } }"""
    data: dict[str, Any] = {"name": "渠道客户", "contactName": "李雷",
                            "contactPhone": "13900139000", "sources": ["CAMPAIGN"],
                            "sourceCampaignCode": scenario.campaign.code}
    wrong = await gql(create, "rep.li", input=data | {"sourceChannel": "WEIBO"})
    assert wrong["data"]["customerCreate"] == {"__typename": "ValidationError",
                                               "field": "sourceChannel",
                                               "rule": "not_campaign_channel"}
    right = await gql(create, "rep.li", input=data | {"sourceChannel": "DOUYIN"})
    assert right["data"]["customerCreate"] == {"__typename": "Customer",
                                               "sourceChannel": "DOUYIN"}
    add = """mutation($id: ID!, $input: BudgetLineInput!) {
        campaignBudgetLineAdd(campaignId: $id, input: $input) {
        __typename ... on Campaign { budgetLines { channel } }
        ... on ValidationError { field rule } } }"""
    line = {"category": "MATERIALS", "description": "物料", "amount": "100"}
    bad = await gql(add, "mkt.chen", id=str(scenario.campaign.id),
                    input=line | {"channel": "WEIBO"})
    assert bad["data"]["campaignBudgetLineAdd"] == {"__typename": "ValidationError",
                                                    "field": "channel",
                                                    "rule": "not_campaign_channel"}
    ok = await gql(add, "mkt.chen", id=str(scenario.campaign.id),
                   input=line | {"channel": "DOUYIN"})
    assert ok["data"]["campaignBudgetLineAdd"]["budgetLines"][-1] == {"channel": "DOUYIN"}
