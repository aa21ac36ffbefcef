"""Overdue items and webhook administration through HTTP (the ASGI app, the real database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from engine import clock, escalation
from engine.authz import Principal
from engine.models import OutboxMessage, WebhookDelivery
from engine.services import follow_ups, webhooks
from tests.conftest import CustomerFactory
from tests.schema.conftest import Gql

MONDAY_NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai

OVERDUE = """query($first: Int, $after: String, $filter: OverdueFilter) {
  overdueItems(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { kind objectType objectId title dueAt escalationStep nextStepAt
                   owner { username } } } } }"""

CREATE = """mutation($input: WebhookEndpointInput!) { webhookEndpointCreate(input: $input) {
  __typename
  ... on WebhookEndpointCreated { secret endpoint { id url eventTypes active version
                                                    owner { username } } }
  ... on ValidationError { field rule message }
  ... on ForbiddenError { code }
} }"""

UPDATE = """mutation($id: ID!, $input: WebhookEndpointUpdateInput!, $v: Int) {
  webhookEndpointUpdate(id: $id, input: $input, expectedVersion: $v) {
    __typename
    ... on WebhookEndpoint { active version eventTypes }
    ... on ConflictError { currentVersion }
    ... on ValidationError { field rule }
} }"""

DELIVERIES = """query($endpointId: ID) { webhookDeliveries(endpointId: $endpointId, first: 10) {
  totalCount edges { node { id eventType eventKey status attempts payload } } } }"""


async def _follow_up(actor: Principal, customer_id: int, due: date) -> None:
    await follow_ups.create(actor, follow_ups.FollowUpInput(
        customer_id=customer_id, customer_code=None, method="phone", summary="电话沟通",
        feedback="neutral", next_action="发送报价", due_date=due,
        follow_up_date=date(2026, 11, 23)))


async def test_overdue_items_keep_what_is_still_owed_after_the_last_step(
    org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        # given: two follow-ups due Monday 18:00, left undone for two weeks
        for _ in range(2):
            await _follow_up(org["rep.li"], (await make_customer(owner="rep.li")).id,
                             date(2026, 11, 23))
        advance(timedelta(days=14))
        for _ in range(4):
            await escalation.apply_due()  # the whole ladder: mark, manager, flag
        # then: both are still overdue, with their ladder complete
        items = (await gql(OVERDUE, "rep.li"))["data"]["overdueItems"]
        assert items["totalCount"] == 2
        node = items["edges"][0]["node"]
        assert (node["escalationStep"], node["nextStepAt"]) == (3, None)
        # and the record type feeds auditTrail as it is
        trail = await gql("""query($t: AuditObjectType!, $id: ID!) {
            auditTrail(objectType: $t, objectId: $id) { totalCount } }""", "rep.li",
                          t=node["objectType"], id=node["objectId"])
        assert trail["data"]["auditTrail"]["totalCount"] >= 3  # created, marked, escalated
        # when: one is done at last, it leaves the list
        await follow_ups.complete(org["rep.li"], int(node["objectId"]))
        rest = (await gql(OVERDUE, "rep.li"))["data"]["overdueItems"]
        assert rest["totalCount"] == 1
        assert rest["edges"][0]["node"]["objectId"] != node["objectId"]


async def test_overdue_items_scoped_paged_and_filtered(
    org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        for _ in range(3):
            await _follow_up(org["rep.li"], (await make_customer(owner="rep.li")).id,
                             date(2026, 11, 23))
        await _follow_up(org["rep.zhao"], (await make_customer(owner="rep.zhao")).id,
                         date(2026, 11, 23))
        # nothing is overdue before its time
        body = await gql(OVERDUE, "rep.li")
        assert body["data"]["overdueItems"]["totalCount"] == 0
        advance(timedelta(hours=7))  # 19:00, past the 18:00 end of the working day
        assert await escalation.apply_due() == 4

        first = (await gql(OVERDUE, "rep.li", first=2))["data"]["overdueItems"]
        assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
        node = first["edges"][0]["node"]
        assert node["kind"] == "FOLLOW_UP" and node["objectType"] == "FOLLOW_UP"
        assert node["escalationStep"] == 1 and node["owner"]["username"] == "rep.li"
        assert node["title"].endswith("发送报价")
        assert node["dueAt"].startswith("2026-11-23T10:00:00")  # 18:00 Shanghai
        assert node["nextStepAt"].startswith("2026-11-24T10:00:00")  # +1 working day
        rest = (await gql(OVERDUE, "rep.li", first=2,
                          after=first["pageInfo"]["endCursor"]))["data"]["overdueItems"]
        assert len(rest["edges"]) == 1 and not rest["pageInfo"]["hasNextPage"]
        ids = {e["node"]["objectId"] for e in first["edges"] + rest["edges"]}
        assert len(ids) == 3

        # others' items stay out of scope; a manager sees the department, a director all
        assert (await gql(OVERDUE, "rep.wang"))["data"]["overdueItems"]["totalCount"] == 0
        assert (await gql(OVERDUE, "mgr.east"))["data"]["overdueItems"]["totalCount"] == 3
        assert (await gql(OVERDUE, "dir.sun"))["data"]["overdueItems"]["totalCount"] == 4
        only_tasks = await gql(OVERDUE, "dir.sun", filter={"kind": ["TASK"]})
        assert only_tasks["data"]["overdueItems"]["totalCount"] == 0
        zhao = await gql(OVERDUE, "dir.sun", filter={"ownerUsername": "rep.zhao"})
        assert zhao["data"]["overdueItems"]["totalCount"] == 1
        bad = await gql(OVERDUE, "rep.li", first=500)
        assert bad["errors"] and "first" in bad["errors"][0]["message"]


async def test_webhook_endpoints_are_for_admins_and_validated(
    org: dict[str, Principal], gql: Gql
) -> None:
    good = {"url": "https://portal.example.com/hooks/promoflow", "eventTypes": ["customer.*"]}
    denied = await gql(CREATE, "mgr.east", input=good)
    assert denied["data"]["webhookEndpointCreate"]["__typename"] == "ForbiddenError"

    for field, bad in (("url", {**good, "url": "ftp://portal.example.com/x"}),
                       ("eventTypes", {**good, "eventTypes": []}),
                       ("secret", {**good, "secret": "short"}),
                       ("ownerUsername", {**good, "ownerUsername": "nobody"})):
        result = (await gql(CREATE, "admin", input=bad))["data"]["webhookEndpointCreate"]
        assert result["__typename"] == "ValidationError", (field, result)
        assert result["field"] == field

    made = (await gql(CREATE, "admin", input={**good, "ownerUsername": "mkt.chen"}))
    created = made["data"]["webhookEndpointCreate"]
    assert created["__typename"] == "WebhookEndpointCreated"
    assert len(created["secret"]) >= 32
    endpoint = created["endpoint"]
    assert endpoint["owner"]["username"] == "mkt.chen" and endpoint["version"] == 1

    listed = await gql("{ webhookEndpoints(first: 5) { totalCount edges { node { id url } } } }",
                       "admin")
    assert listed["data"]["webhookEndpoints"]["totalCount"] == 1
    assert "secret" not in str(listed["data"])
    assert (await gql("{ webhookEndpoints { totalCount } }", "mkt.chen"))["errors"]

    off = await gql(UPDATE, "admin", id=endpoint["id"], input={"active": False}, v=1)
    assert off["data"]["webhookEndpointUpdate"] == {
        "__typename": "WebhookEndpoint", "active": False, "version": 2,
        "eventTypes": ["customer.*"]}
    stale = await gql(UPDATE, "admin", id=endpoint["id"], input={"active": True}, v=1)
    assert stale["data"]["webhookEndpointUpdate"] == {"__typename": "ConflictError",
                                                      "currentVersion": 2}
    trail = await gql("""query($id: ID!) { auditTrail(objectType: WEBHOOK, objectId: $id,
        first: 10) { edges { node { action changes { field } } } } }""", "admin",
                      id=endpoint["id"])
    actions = [e["node"]["action"] for e in trail["data"]["auditTrail"]["edges"]]
    assert actions == ["CREATE", "UPDATE"]


async def test_deliveries_listed_masked_and_redelivered(
    org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql
) -> None:
    endpoint = (await webhooks.create_endpoint(
        org["admin"], url="http://127.0.0.1:9/hook", event_types=["customer.*", "department.*"],
        owner_username="mkt.chen")).endpoint
    customer = await make_customer(owner="rep.li")
    await gql("""mutation($code: String!) { departmentCreate(code: $code, name: "北区") {
        __typename } }""", "admin", code="north")
    # what the dispatcher does after commit (no queue in this process: fan out by hand)
    for message in await OutboxMessage.filter(kind="event").order_by("id"):
        await webhooks.fan_out(message)

    listed = (await gql(DELIVERIES, "admin", endpointId=str(endpoint.id)))["data"]
    nodes = [e["node"] for e in listed["webhookDeliveries"]["edges"]]
    # the customer's creation reached the marketing-owned endpoint, contacts masked;
    # the department's creation (administration) did not
    assert [n["eventType"] for n in nodes] == ["customer.create"]
    payload = nodes[0]["payload"]
    assert payload["object"]["code"] == customer.code
    assert payload["object"]["contact_masked"] is True
    assert customer.contact_phone not in str(payload)
    assert nodes[0]["status"] == "PENDING" and nodes[0]["attempts"] == 0

    again = await gql("""mutation($id: ID!) { webhookRedeliver(deliveryId: $id) { __typename
        ... on WebhookDelivery { id eventKey status } } }""", "admin", id=nodes[0]["id"])
    copy = again["data"]["webhookRedeliver"]
    assert copy["__typename"] == "WebhookDelivery" and copy["id"] != nodes[0]["id"]
    assert copy["eventKey"].startswith(nodes[0]["eventKey"])
    assert await WebhookDelivery.filter(endpoint_id=endpoint.id).count() == 2
    denied = await gql("""mutation($id: ID!) { webhookRedeliver(deliveryId: $id) {
        __typename } }""", "mkt.chen", id=nodes[0]["id"])
    assert denied["data"]["webhookRedeliver"]["__typename"] == "ForbiddenError"


async def test_flagged_customers_listed_and_cleared_by_reassignment(
    org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql
) -> None:
    flagged_q = """{ customers(first: 10, filter: {flaggedForReassignment: true}) {
        totalCount edges { node { id code flaggedForReassignment flagReason
                                  owner { username } } } } }"""
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer(owner="rep.li")
        await make_customer(owner="rep.li")  # no overdue action: never flagged
        await _follow_up(org["rep.li"], customer.id, date(2026, 11, 23))
        advance(timedelta(days=3, hours=7))  # Thursday 19:00: due + 3 working days passed
        applied = [await escalation.apply_due() for _ in range(4)]
        assert applied == [1, 1, 1, 0]  # the three steps, in order, then nothing
        listed = (await gql(flagged_q, "mgr.east"))["data"]["customers"]
        assert listed["totalCount"] == 1
        node = listed["edges"][0]["node"]
        assert node["code"] == customer.code and node["flaggedForReassignment"]
        assert node["flagReason"]
        moved = await gql("""mutation($id: ID!) { customerReassign(id: $id,
            ownerUsername: "rep.wang", reason: "跟进超期") { __typename
            ... on Customer { flaggedForReassignment flagReason owner { username } } } }""",
                          "mgr.east", id=node["id"])
        assert moved["data"]["customerReassign"] == {
            "__typename": "Customer", "flaggedForReassignment": False, "flagReason": None,
            "owner": {"username": "rep.wang"}}
        assert (await gql(flagged_q, "mgr.east"))["data"]["customers"]["totalCount"] == 0
