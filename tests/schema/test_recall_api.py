"""RFM's standing window and recall batches through HTTP, as a portal uses them."""

from __future__ import annotations

from datetime import timedelta

from engine import clock
from engine.authz import Principal
from engine.services import rfm
from tests.conftest import CustomerFactory
from tests.engine.test_rfm import TODAY, open_shop
from tests.schema.conftest import Gql

SEGMENTS = "{ rfmSegments { asOf customers computedAt segments { segment customers } } }"
CREATE = """
mutation($input: RfmRecallCreateInput!) {
  rfmRecallCreate(input: $input) {
    __typename
    ... on RfmRecallBatch { id code size skipped segments method methodLabel createdBy {
      username } customers(first: 5) { totalCount edges { node { code segment monetary
      customer { name contactPhone contactMasked } followUp { assignee { username } status
      nextAction } } } } }
    ... on ValidationError { field rule }
    ... on ForbiddenError { action }
  }
}
"""
OUTCOME = """
query($id: ID!, $days: Int) {
  rfmRecallOutcome(batchId: $id, withinDays: $days) {
    recalled contacted reactivated revenue rate ratePercent rateReason complete windowEndsOn
  }
}
"""


async def test_segments_of_the_standing_window_say_when(
        gql: Gql, org: dict[str, Principal], make_customer: CustomerFactory) -> None:
    with clock.frozen(TODAY):
        await open_shop(org, make_customer)
        body = await gql(SEGMENTS, "dir.sun")
        data = body["data"]["rfmSegments"]
        assert (data["asOf"], data["customers"]) == ("2026-07-31", 6)
        assert data["computedAt"] is not None
        past = await gql("{ rfmSegments(asOf: \"2026-07-30\") { customers computedAt } }",
                         "dir.sun")
        assert past["data"]["rfmSegments"]["computedAt"] is None


async def test_recall_create_and_outcome(gql: Gql, org: dict[str, Principal],
                                         make_customer: CustomerFactory) -> None:
    with clock.frozen(TODAY) as advance:
        ids = await open_shop(org, make_customer)
        ask = {"nextAction": "推送个性化优惠券", "dueDate": "2026-08-07", "method": "SMS",
               "idempotencyKey": "portal-1"}
        body = await gql(CREATE, "mkt.chen", input=ask)
        batch = body["data"]["rfmRecallCreate"]
        assert batch["__typename"] == "RfmRecallBatch", body
        assert (batch["size"], batch["skipped"], batch["segments"], batch["method"],
                batch["methodLabel"], batch["createdBy"]["username"]) == (
            2, 0, ["CANT_LOSE", "AT_RISK"], "SMS", "短信", "mkt.chen")
        nodes = [e["node"] for e in batch["customers"]["edges"]]
        assert [(n["customer"]["name"], n["segment"], n["code"], n["monetary"],
                 n["followUp"]["assignee"]["username"], n["followUp"]["status"]) for n in nodes
                ] == [("客户 P8", "CANT_LOSE", "135", "18000.00", "rep.wang", "PENDING"),
                      ("客户 P2", "AT_RISK", "254", "14000.00", "rep.li", "PENDING")]
        # marketing sees contacts masked, as in the customer list
        assert all(n["customer"]["contactMasked"] for n in nodes)
        again = await gql(CREATE, "mkt.chen", input=ask)
        assert again["data"]["rfmRecallCreate"]["id"] == batch["id"]
        # typed errors name the field
        bad = await gql(CREATE, "mkt.chen", input={**ask, "idempotencyKey": None,
                                                   "customerIds": [str(ids["P1"])]})
        assert bad["data"]["rfmRecallCreate"] == {
            "__typename": "ValidationError", "field": "customerIds.0", "rule": "not_in_list"}
        late = await gql(CREATE, "mkt.chen", input={**ask, "dueDate": "2026-07-01",
                                                    "idempotencyKey": None})
        assert late["data"]["rfmRecallCreate"]["field"] == "dueDate"
        denied = await gql(CREATE, "fin.qian", input={**ask, "idempotencyKey": None})
        assert denied["data"]["rfmRecallCreate"] == {"__typename": "ForbiddenError",
                                                     "action": "create"}
        # P2 orders again within the month
        advance(timedelta(days=6))
        await rfm.record_order(org["rep.li"], rfm.OrderInput(
            customer_id=ids["P2"], order_date=TODAY.date() + timedelta(days=5), amount="500"))
        got = await gql(OUTCOME, "dir.sun", id=batch["id"])
        assert got["data"]["rfmRecallOutcome"] == {
            "recalled": 2, "contacted": 0, "reactivated": 1, "revenue": "500.00",
            "rate": "0.5000", "ratePercent": "50.00", "rateReason": None, "complete": False,
            "windowEndsOn": "2026-08-30"}
        listed = await gql("{ rfmRecallBatches(first: 5) { totalCount edges { node { code "
                           "outcome(withinDays: 3) { reactivated } } } } }", "rep.wang")
        nodes2 = [e["node"] for e in listed["data"]["rfmRecallBatches"]["edges"]]
        assert nodes2 == [{"code": batch["code"], "outcome": {"reactivated": 0}}]
        wrong = await gql(OUTCOME, "dir.sun", id=batch["id"], days=400)
        assert wrong["errors"][0]["extensions"]["field"] == "withinDays"
        hidden = await gql(OUTCOME, "rep.zhao", id=batch["id"])
        assert hidden["errors"][0]["extensions"]["code"] == "NOT_FOUND"
        trail = await gql("query($id: ID!) { auditTrail(objectType: RECALL_BATCH, objectId: "
                          "$id) { edges { node { action actorUsername } } } }", "mkt.chen",
                          id=batch["id"])
        assert [e["node"] for e in trail["data"]["auditTrail"]["edges"]] == [
            {"action": "CREATE", "actorUsername": "mkt.chen"}]

