"""Pipeline, team and RFM analytics through HTTP, as a portal uses them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from engine import clock
from engine.authz import Principal
from engine.models import AuditEvent, CustomerOrder
from engine.services import customers, follow_ups, rfm
from tests.conftest import CustomerFactory
from tests.schema.conftest import Gql

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 31, 12, tzinfo=SH)

FUNNEL = """
query($from: Date!, $to: Date!, $owner: String) {
  pipelineFunnel(from: $from, to: $to, ownerUsername: $owner) {
    from to scope
    stages { stage stageLabel entered current }
    conversions { fromStage toStage entered advanced rate rateReason }
  }
}
"""

LOST = """
query($from: Date!, $to: Date!) {
  lostReasons(from: $from, to: $to, first: 5) {
    scope total distinctReasons otherCount otherShare shareReason
    reasons { reason count share }
  }
}
"""

TEAM = """
query($from: Date!, $to: Date!) {
  teamPerformance(from: $from, to: $to) {
    scope weeks
    reps { rep { username } due onTime overdue notYetDue overdueRate overdueRateReason
           followUps weeklyAverage weekly { weekStart isoWeek count } }
  }
}
"""

RECORD = """
mutation($input: OrderRecordInput!) {
  orderRecord(input: $input) {
    __typename
    ... on Order { id orderDate amount channel product externalId
                   customer { id name } campaign { id } }
    ... on Error { message code }
    ... on ValidationError { field rule }
    ... on ForbiddenError { action }
    ... on NotFoundError { objectType }
  }
}
"""

RECALL = """
query($asOf: Date, $first: Int, $after: String, $segment: RfmSegment) {
  rfmRecallList(asOf: $asOf, first: $first, after: $after, segment: $segment) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      customer { id name contactPhone contactMasked }
      scores { lastOrderDate recencyDays frequency monetary rScore fScore mScore fmScore
               code segment segmentLabel recall }
    } }
  }
}
"""

JULY = {"from": "2026-07-01", "to": "2026-07-31"}


def _stages(body: dict[str, Any], field: str = "entered") -> dict[str, int]:
    return {s["stage"]: s[field] for s in body["data"]["pipelineFunnel"]["stages"]}


async def test_funnel_differs_by_caller(org: dict[str, Principal],
                                        make_customer: CustomerFactory, gql: Gql) -> None:
    # given: two customers of rep.li (one qualified), one of rep.zhao, all in July
    with clock.frozen(datetime(2026, 7, 2, 10, tzinfo=SH)):
        a = await make_customer(owner="rep.li")
        await make_customer(owner="rep.li")
        await make_customer(owner="rep.zhao")
    with clock.frozen(datetime(2026, 7, 3, 10, tzinfo=SH)):
        await customers.advance_stage(org["rep.li"], a.id, "qualify")
    # when / then
    rep = (await gql(FUNNEL, "rep.li", **JULY))["data"]["pipelineFunnel"]
    assert (rep["from"], rep["to"], rep["scope"]) == ("2026-07-01", "2026-07-31", "OWN")
    assert rep["stages"][0] == {"stage": "POTENTIAL", "stageLabel": "潜在", "entered": 2,
                                "current": 1}
    assert rep["conversions"] == [
        {"fromStage": "POTENTIAL", "toStage": "INTENT", "entered": 2, "advanced": 1,
         "rate": "0.5000", "rateReason": None},
        {"fromStage": "INTENT", "toStage": "NEGOTIATION", "entered": 1, "advanced": 0,
         "rate": "0.0000", "rateReason": None},
        {"fromStage": "NEGOTIATION", "toStage": "WON", "entered": 0, "advanced": 0,
         "rate": None, "rateReason": "no customer entered negotiation in the period"},
    ]
    west = await gql(FUNNEL, "mgr.west", **JULY)
    assert west["data"]["pipelineFunnel"]["scope"] == "DEPARTMENT"
    assert _stages(west) == {"POTENTIAL": 1, "INTENT": 0, "NEGOTIATION": 0, "WON": 0,
                             "LOST": 0}
    director = await gql(FUNNEL, "dir.sun", **JULY)
    assert director["data"]["pipelineFunnel"]["scope"] == "ALL"
    assert _stages(director)["POTENTIAL"] == 3
    assert _stages(director, "current") == {"POTENTIAL": 2, "INTENT": 1, "NEGOTIATION": 0,
                                            "WON": 0, "LOST": 0}
    by_owner = await gql(FUNNEL, "dir.sun", owner="rep.zhao", **JULY)
    assert _stages(by_owner)["POTENTIAL"] == 1


async def test_bad_input_and_no_token(org: dict[str, Principal], gql: Gql) -> None:
    backwards = await gql(FUNNEL, "dir.sun", **{"from": "2026-07-31", "to": "2026-07-01"})
    assert backwards["data"] is None
    assert backwards["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "to",
                                                    "rule": "range"}
    unknown = await gql(FUNNEL, "dir.sun", owner="nobody", **JULY)
    assert unknown["errors"][0]["extensions"]["field"] == "ownerUsername"
    anonymous = await gql(FUNNEL, None, **JULY)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_lost_reasons_and_team_performance(
        org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql) -> None:
    with clock.frozen(datetime(2026, 7, 6, 10, tzinfo=SH)):
        lost = await make_customer(owner="rep.li")
        other = await make_customer(owner="rep.wang")
        await customers.advance_stage(org["rep.li"], lost.id, "lose", reason="预算取消")
        await customers.advance_stage(org["rep.wang"], other.id, "lose", reason=" 预算取消")
        await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=lost.id, customer_code=None, method="phone", summary="电话沟通",
            feedback="negative", next_action="确认预算", due_date=date(2026, 7, 7)))
    body = (await gql(LOST, "mgr.east", **JULY))["data"]["lostReasons"]
    assert body == {"scope": "DEPARTMENT", "total": 2, "distinctReasons": 1, "otherCount": 0,
                    "otherShare": "0.0000", "shareReason": None,
                    "reasons": [{"reason": "预算取消", "count": 2, "share": "1.0000"}]}
    empty = (await gql(LOST, "rep.zhao", **JULY))["data"]["lostReasons"]
    assert (empty["total"], empty["otherShare"], empty["shareReason"]) == (
        0, None, "no customer was lost in the period")
    with clock.frozen(NOW):
        team = (await gql(TEAM, "rep.li", **JULY))["data"]["teamPerformance"]
        marketing = (await gql(TEAM, "mkt.chen", **JULY))["data"]["teamPerformance"]
    assert team["scope"] == "OWN"
    assert team["weeks"] == ["2026-06-29", "2026-07-06", "2026-07-13", "2026-07-20",
                             "2026-07-27"]
    assert team["reps"] == [{
        "rep": {"username": "rep.li"}, "due": 1, "onTime": 0, "overdue": 1, "notYetDue": 0,
        "overdueRate": "1.0000", "overdueRateReason": None, "followUps": 1,
        "weeklyAverage": "0.20",
        "weekly": [{"weekStart": w, "isoWeek": f"2026-W{27 + i}", "count": int(i == 1)}
                   for i, w in enumerate(team["weeks"])],
    }]
    assert (marketing["scope"], marketing["reps"]) == ("NONE", [])


async def _shop(org: dict[str, Principal], make_customer: CustomerFactory) -> dict[str, Any]:
    """X bought three times, long ago and much; Y once, lately and little."""
    with clock.frozen(NOW):
        x = await make_customer(owner="rep.li", name="老客户X", contact_phone="13912345678")
        y = await make_customer(owner="rep.li", name="新客户Y")
        for day, amount in [(date(2025, 1, 5), "9000"), (date(2025, 2, 5), "8000"),
                            (date(2025, 3, 5), "7000")]:
            await rfm.record_order(org["rep.li"], rfm.OrderInput(x.id, day, amount))
        await rfm.record_order(org["rep.li"], rfm.OrderInput(y.id, date(2026, 7, 20), "100"))
    return {"x": x, "y": y}


async def test_record_order_typed_results(org: dict[str, Principal],
                                          make_customer: CustomerFactory, gql: Gql,
                                          make_campaign: Any) -> None:
    campaign = await make_campaign()
    customer = await make_customer(owner="rep.li")
    order = {"customerId": str(customer.id), "orderDate": "2026-07-30", "amount": "1999.90",
             "channel": "DOUYIN", "campaignId": str(campaign.id), "product": "年度服务",
             "externalId": "ERP-7"}
    with clock.frozen(NOW):
        ok = (await gql(RECORD, "rep.li", input=order))["data"]["orderRecord"]
        assert ok["__typename"] == "Order"
        assert {k: ok[k] for k in ("orderDate", "amount", "channel", "product", "externalId")
                } == {"orderDate": "2026-07-30", "amount": "1999.90", "channel": "DOUYIN",
                      "product": "年度服务", "externalId": "ERP-7"}
        assert ok["customer"]["id"] == str(customer.id)
        assert ok["campaign"] == {"id": str(campaign.id)}
        # retried with the same key and values: the same order
        again = (await gql(RECORD, "rep.li", input=order))["data"]["orderRecord"]
        assert again["id"] == ok["id"]
        not_found = (await gql(RECORD, "rep.zhao", input=order | {"externalId": None})
                     )["data"]["orderRecord"]
        forbidden = (await gql(RECORD, "mkt.chen", input=order | {"externalId": None})
                     )["data"]["orderRecord"]
        invalid = (await gql(RECORD, "rep.li", input=order | {"amount": "0",
                                                               "externalId": None})
                   )["data"]["orderRecord"]
        future = (await gql(RECORD, "rep.li", input=order | {"orderDate": "2026-08-01",
                                                              "externalId": None})
                  )["data"]["orderRecord"]
    assert (not_found["__typename"], not_found["objectType"]) == ("NotFoundError", "customer")
    assert (forbidden["__typename"], forbidden["action"]) == ("ForbiddenError", "record_order")
    assert (invalid["__typename"], invalid["field"], invalid["rule"]) == (
        "ValidationError", "amount", "range")
    assert (future["field"], future["rule"]) == ("orderDate", "not_future")
    assert await CustomerOrder.all().count() == 1
    assert await AuditEvent.filter(action="order_recorded").count() == 1


async def test_rfm_recall_list_masks_contacts_like_the_customer_list(
        org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql) -> None:
    shop = await _shop(org, make_customer)
    variables = {"asOf": "2026-07-31", "first": 10}
    manager = (await gql(RECALL, "mgr.east", **variables))["data"]["rfmRecallList"]
    director = (await gql(RECALL, "dir.sun", **variables))["data"]["rfmRecallList"]
    west = (await gql(RECALL, "mgr.west", **variables))["data"]["rfmRecallList"]
    assert manager["totalCount"] == 1 and director["totalCount"] == 1
    assert west == {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None},
                    "edges": []}
    node = manager["edges"][0]["node"]
    assert node["customer"] == {"id": str(shop["x"].id), "name": "老客户X",
                                "contactPhone": "13912345678", "contactMasked": False}
    assert director["edges"][0]["node"]["customer"]["contactPhone"] == "139****5678"
    assert director["edges"][0]["node"]["customer"]["contactMasked"] is True
    # two scored customers: ranks 1 and 2 give scores 1 and 3
    assert node["scores"] == {
        "lastOrderDate": "2025-03-05", "recencyDays": (date(2026, 7, 31) - date(2025, 3, 5)).days,
        "frequency": 3, "monetary": "24000.00", "rScore": 1, "fScore": 3, "mScore": 3,
        "fmScore": 3, "code": "133", "segment": "AT_RISK", "segmentLabel": "流失风险客户",
        "recall": True}
    attention = (await gql(RECALL, "dir.sun", segment="NEEDS_ATTENTION", **variables)
                 )["data"]["rfmRecallList"]
    assert [e["node"]["customer"]["name"] for e in attention["edges"]] == ["新客户Y"]


async def test_rfm_segments_customer_rfm_and_orders(
        org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql) -> None:
    shop = await _shop(org, make_customer)
    with clock.frozen(NOW):
        none = await make_customer(owner="rep.li", name="无订单客户")
        segments = (await gql("""{ rfmSegments { asOf windowDays firstDay scope customers
            monetary segments { segment label rScores fmScores recall customers share
            monetary averageRecencyDays averageFrequency } } }""", "rep.li"))
    body = segments["data"]["rfmSegments"]
    assert {k: body[k] for k in ("asOf", "windowDays", "firstDay", "scope", "customers",
                                 "monetary")} == {
        "asOf": "2026-07-31", "windowDays": 730, "firstDay": "2024-08-01", "scope": "OWN",
        "customers": 2, "monetary": "24100.00"}
    at_risk = next(s for s in body["segments"] if s["segment"] == "AT_RISK")
    assert at_risk == {"segment": "AT_RISK", "label": "流失风险客户", "rScores": [1, 2],
                       "fmScores": [3, 4, 5], "recall": True, "customers": 1,
                       "share": "0.5000", "monetary": "24000.00",
                       "averageRecencyDays": f"{(date(2026, 7, 31) - date(2025, 3, 5)).days}.00",
                       "averageFrequency": "3.00"}
    assert len(body["segments"]) == len(rfm.SEGMENTS)
    query = """query($id: ID!) { customerRfm(id: $id, asOf: "2026-07-31") {
        customer { name } asOf windowDays scores { code segment } scoresReason } }"""
    scored = (await gql(query, "rep.li", id=str(shop["y"].id)))["data"]["customerRfm"]
    assert scored == {"customer": {"name": "新客户Y"}, "asOf": "2026-07-31",
                      "windowDays": 730, "scores": {"code": "311", "segment": "NEEDS_ATTENTION"},
                      "scoresReason": None}
    unscored = (await gql(query, "rep.li", id=str(none.id)))["data"]["customerRfm"]
    assert (unscored["scores"], unscored["scoresReason"]) == (None, "no order in the window")
    assert (await gql(query, "rep.zhao", id=str(shop["y"].id)))["data"]["customerRfm"] is None
    orders = """query($id: ID!, $after: String) { orders(customerId: $id, first: 2,
        after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { orderDate amount } } } }"""
    page = (await gql(orders, "mgr.east", id=str(shop["x"].id)))["data"]["orders"]
    assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"] is True
    assert [e["node"] for e in page["edges"]] == [
        {"orderDate": "2025-03-05", "amount": "7000.00"},
        {"orderDate": "2025-02-05", "amount": "8000.00"}]
    rest = (await gql(orders, "mgr.east", id=str(shop["x"].id),
                      after=page["pageInfo"]["endCursor"]))["data"]["orders"]
    assert [e["node"]["orderDate"] for e in rest["edges"]] == ["2025-01-05"]
    hidden = await gql(orders, "rep.zhao", id=str(shop["x"].id))
    assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
