"""channelMetricRecord, channelMetrics, channelKpis and compareTo over HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from engine import clock
from engine.authz import Principal
from engine.services import approvals, customers
from tests.conftest import CampaignFactory
from tests.schema.conftest import Gql

RECORD = """mutation($id: ID!, $values: [ChannelMetricValueInput!]!) {
  channelMetricRecord(input: {campaignId: $id, channel: DOUYIN, day: "2026-07-02",
                              values: $values}) {
    __typename
    ... on ChannelMetricsRecorded { values { metric metricLabel value version source } }
    ... on ValidationError { field rule }
    ... on ForbiddenError { code } } }"""

KPIS = """query($ids: [ID!]) {
  channelKpis(campaignIds: $ids, from: "2026-07-01", to: "2026-07-31",
              compareTo: PREVIOUS_PERIOD) {
    campaignIds
    channels { channel channelLabel uv { value reason } ctrPercent { value reason }
               cvrPercent { value } newUsers { value } cost { value reason } costBasis
               trafficSources { source label visitors { value } sharePercent { value } } }
    campaigns { campaignId sales { value } }
    total { channel channelLabel newUsers { value } }
    comparison { period { from to } total { changes { figure absolute relativePercent
                                                      reason } } } } }"""


async def test_record_list_and_read_channel_kpis(
        org: dict[str, Principal], make_campaign: CampaignFactory, gql: Gql) -> None:
    with clock.frozen(datetime(2026, 6, 20, 2, tzinfo=UTC)):
        campaign = await make_campaign()
        await approvals.submit(org["mkt.chen"], campaign.id)
        await approvals.approve(org["mgr.east"], campaign.id)
    with clock.frozen(datetime(2026, 7, 2, 2, tzinfo=UTC)):
        await customers.create(org["rep.li"], customers.CustomerInput(
            name="甲", contact_name="张伟", contact_phone="13800138000", sources=["campaign"],
            owner_username="rep.li", source_campaign_code=campaign.code,
            source_channel="douyin"))
    values: list[dict[str, Any]] = [
        {"metric": "UV", "value": "800"}, {"metric": "IMPRESSIONS", "value": "10000"},
        {"metric": "CLICKS", "value": "250"}, {"metric": "TRAFFIC_SEARCH", "value": "300"},
        {"metric": "TRAFFIC_PAID", "value": "100"}]
    with clock.frozen(datetime(2026, 7, 3, 2, tzinfo=UTC)):
        done = await gql(RECORD, "mkt.chen", id=str(campaign.id), values=values)
        denied = await gql(RECORD, "rep.li", id=str(campaign.id), values=values)
        bad = await gql(RECORD, "mkt.chen", id=str(campaign.id),
                        values=[{"metric": "UV", "value": "1.5"}])
    recorded = done["data"]["channelMetricRecord"]
    assert recorded["__typename"] == "ChannelMetricsRecorded"
    assert recorded["values"][0] == {"metric": "UV", "metricLabel": "访客数(UV)",
                                     "value": "800.00", "version": 1, "source": "api"}
    assert denied["data"]["channelMetricRecord"] == {"__typename": "ForbiddenError",
                                                     "code": "FORBIDDEN"}
    assert bad["data"]["channelMetricRecord"] == {
        "__typename": "ValidationError", "field": "values.0.value", "rule": "whole_number"}
    listed = await gql("""query($id: ID!) { channelMetrics(campaignId: $id, channel: DOUYIN,
        first: 2) { totalCount edges { node { day metric value } } } }""", "rep.li",
                       id=str(campaign.id))
    assert listed["data"]["channelMetrics"]["totalCount"] == 5
    with clock.frozen(datetime(2026, 8, 3, 2, tzinfo=UTC)):
        body = await gql(KPIS, "mkt.chen", ids=[str(campaign.id)])
    result = body["data"]["channelKpis"]
    by = {r["channel"]: r for r in result["channels"]}
    assert list(by) == ["WECHAT_OFFICIAL", "DOUYIN"]
    douyin = by["DOUYIN"]
    assert (douyin["uv"], douyin["ctrPercent"], douyin["cvrPercent"]) == (
        {"value": "800", "reason": None}, {"value": "2.50", "reason": None}, {"value": "0.00"})
    assert douyin["trafficSources"][0] == {"source": "TRAFFIC_SEARCH", "label": "搜索流量访客",
                                          "visitors": {"value": "300"},
                                          "sharePercent": {"value": "75.00"}}
    assert (douyin["cost"]["value"], douyin["costBasis"]) == ("16500.00", "budget_share")
    assert by["WECHAT_OFFICIAL"]["uv"] == {
        "value": None, "reason": "not recorded for this channel in the period"}
    assert result["total"] == {"channel": None, "channelLabel": None,
                               "newUsers": {"value": "1"}}
    comparison = result["comparison"]
    assert comparison["period"] == {"from": "2026-06-01", "to": "2026-06-30"}
    changes = {c["figure"]: c for c in comparison["total"]["changes"]}
    assert changes["newUsers"] == {"figure": "newUsers", "absolute": "1",
                                   "relativePercent": None,
                                   "reason": "the comparison period's value is 0: no relative "
                                             "change"}
    effect = await gql("""query($id: ID!) { campaignEffect(id: $id, from: "2026-07-01",
        to: "2026-07-31", compareTo: SAME_PERIOD_LAST_YEAR) { newCustomers roiPercent { value
        reason } conversionRatePercent { value } comparison { period { from to }
        figures { newCustomers } changes { figure absolute } } } }""", "mkt.chen",
                       id=str(campaign.id))
    e = effect["data"]["campaignEffect"]
    assert e["comparison"]["period"] == {"from": "2025-07-01", "to": "2025-07-31"}
    assert e["comparison"]["figures"] == {"newCustomers": 0}
    assert {"figure": "newCustomers", "absolute": "1"} in e["comparison"]["changes"]
    needs_start = await gql("""query { channelComparison(compareTo: PREVIOUS_PERIOD) {
        rows { channel } } }""", "mkt.chen")
    assert needs_start["errors"][0]["extensions"]["field"] == "date_from"
