"""The customer and follow-up contract through HTTP, as a portal uses it."""

from __future__ import annotations

from typing import Any

from engine.authz import Principal
from engine.models import AuditEvent, Customer
from tests.conftest import CustomerFactory
from tests.schema.conftest import Gql

CREATE = """
mutation Create($input: CustomerCreateInput!) {
  customerCreate(input: $input) {
    __typename
    ... on Customer {
      id code name industry sources contactName contactPhone contactEmail contactWechat
      contactMasked needsSummary stage stageLabel version owner { username }
      department { code } availableEvents customFields lastFollowUpDate
    }
    ... on Error { message code }
    ... on ValidationError { field rule }
    ... on ForbiddenError { action }
  }
}
"""

ADVANCE = """
mutation Advance($id: ID!, $event: CustomerStageEvent!, $reason: String,
                 $amount: Decimal, $v: Int) {
  customerAdvanceStage(id: $id, event: $event, reason: $reason, dealAmount: $amount,
                       expectedVersion: $v) {
    __typename
    ... on Customer { id stage stageLabel version dealAmount lostReason availableEvents }
    ... on TransitionNotAllowedError { event currentState allowedEvents message }
    ... on ValidationError { field rule code }
    ... on ConflictError { currentVersion }
    ... on NotFoundError { objectType id }
    ... on ForbiddenError { action }
  }
}
"""

NEW = {
    "name": "苏州云帆科技有限公司",
    "contactName": "王芳",
    "sources": ["TRADE_SHOW", "ONLINE_AD_DOUYIN"],
    "industry": "互联网",
    "contactPhone": "13912345678",
    "contactEmail": "wangfang@yunfan.cn",
    "contactWechat": "wx_wangfang",
    "needsSummary": "寻找线上获客渠道",
}


async def test_create_and_read_back(org: dict[str, Principal], gql: Gql) -> None:
    body = await gql(CREATE, "rep.li", input=NEW)
    created = body["data"]["customerCreate"]
    assert created["__typename"] == "Customer"
    assert created["code"].startswith("C") and len(created["code"]) == 12
    assert created["sources"] == ["TRADE_SHOW", "ONLINE_AD_DOUYIN"]
    assert (created["stage"], created["stageLabel"], created["version"]) == (
        "POTENTIAL", "潜在", 1)
    assert created["owner"] == {"username": "rep.li"}
    assert created["department"] == {"code": "east"}
    assert created["contactPhone"] == "13912345678" and created["contactMasked"] is False
    assert created["availableEvents"] == ["QUALIFY", "LOSE"]
    assert created["customFields"] == {}

    query = """query($code: String) { customer(code: $code) {
        id name contactPhone contactEmail contactWechat contactMasked } }"""
    # the department's manager sees contact details, the director sees them masked
    mgr = (await gql(query, "mgr.east", code=created["code"]))["data"]["customer"]
    assert mgr["contactPhone"] == "13912345678" and mgr["contactMasked"] is False
    director = (await gql(query, "dir.sun", code=created["code"]))["data"]["customer"]
    assert director == {
        "id": created["id"], "name": NEW["name"], "contactPhone": "139****5678",
        "contactEmail": "w***@yunfan.cn", "contactWechat": "w***", "contactMasked": True,
    }
    # another department's rep does not see the customer at all
    assert (await gql(query, "rep.zhao", code=created["code"]))["data"]["customer"] is None


async def test_validation_error_names_the_graphql_field(
    org: dict[str, Principal], gql: Gql
) -> None:
    body = await gql(CREATE, "rep.li", input=NEW | {"needsSummary": "需" * 51})
    error = body["data"]["customerCreate"]
    assert error == {
        "__typename": "ValidationError", "field": "needsSummary", "rule": "max_length",
        "code": "VALIDATION", "message": "needs_summary must be at most 50 characters (got 51)",
    }
    assert await Customer.all().count() == 0


async def test_stage_workflow_errors_are_typed(
    org: dict[str, Principal], gql: Gql, make_customer: CustomerFactory
) -> None:
    customer = await make_customer()
    cid = str(customer.id)
    wrong = (await gql(ADVANCE, "rep.li", id=cid, event="WIN", amount="10"))["data"]
    assert wrong["customerAdvanceStage"]["__typename"] == "TransitionNotAllowedError"
    assert wrong["customerAdvanceStage"]["allowedEvents"] == ["QUALIFY", "LOSE"]
    assert wrong["customerAdvanceStage"]["currentState"] == "POTENTIAL"
    no_reason = (await gql(ADVANCE, "rep.li", id=cid, event="LOSE"))["data"]
    assert no_reason["customerAdvanceStage"] == {
        "__typename": "ValidationError", "field": "reason", "rule": "reason_given",
        "code": "GUARD_FAILED"}
    moved = (await gql(ADVANCE, "rep.li", id=cid, event="QUALIFY", v=1))["data"]
    assert moved["customerAdvanceStage"]["stage"] == "INTENT"
    stale = (await gql(ADVANCE, "rep.li", id=cid, event="NEGOTIATE", v=1))["data"]
    assert stale["customerAdvanceStage"] == {"__typename": "ConflictError", "currentVersion": 2}
    await gql(ADVANCE, "rep.li", id=cid, event="NEGOTIATE", v=2)
    no_amount = (await gql(ADVANCE, "rep.li", id=cid, event="WIN"))["data"]
    assert no_amount["customerAdvanceStage"]["field"] == "dealAmount"
    won = (await gql(ADVANCE, "rep.li", id=cid, event="WIN", amount="88000.00"))["data"]
    assert won["customerAdvanceStage"]["stage"] == "WON"
    assert won["customerAdvanceStage"]["dealAmount"] == "88000.00"
    assert won["customerAdvanceStage"]["availableEvents"] == []
    missing = (await gql(ADVANCE, "rep.li", id="999999", event="QUALIFY"))["data"]
    assert missing["customerAdvanceStage"] == {
        "__typename": "NotFoundError", "objectType": "customer", "id": "999999"}


async def test_update_reassign_follow_up_and_audit_trail(
    org: dict[str, Principal], gql: Gql, make_customer: CustomerFactory
) -> None:
    customer = await make_customer(owner="rep.li")
    cid = str(customer.id)
    update = """mutation($id: ID!, $v: Int) { customerUpdate(id: $id, expectedVersion: $v,
        input: {notes: "对竞品B关注度高", industry: null, sources: [REFERRAL]}) {
        __typename ... on Customer { notes industry sources version } } }"""
    updated = (await gql(update, "rep.li", id=cid, v=1))["data"]["customerUpdate"]
    assert updated == {"__typename": "Customer", "notes": "对竞品B关注度高", "industry": None,
                       "sources": ["REFERRAL"], "version": 2}

    record = """mutation($cid: ID) { followUpCreate(input: {customerId: $cid, method: PHONE,
        summary: "客户询问交货周期", feedback: POSITIVE, nextAction: "发送案例册",
        dueDate: "2099-01-31"}) { __typename ... on FollowUp { id code status statusLabel
        dueDate assignee { username } customer { code lastFollowUpDate } } } }"""
    fu = (await gql(record, "rep.li", cid=cid))["data"]["followUpCreate"]
    assert fu["__typename"] == "FollowUp" and fu["status"] == "PENDING"
    assert fu["statusLabel"] == "待处理" and fu["dueDate"] == "2099-01-31"
    assert fu["customer"]["lastFollowUpDate"] is not None

    reassign = """mutation($id: ID!) { customerReassign(id: $id, ownerUsername: "rep.wang",
        reason: "交接") { __typename ... on Customer { owner { username } version }
        ... on ForbiddenError { action } } }"""
    denied = (await gql(reassign, "rep.li", id=cid))["data"]["customerReassign"]
    assert denied == {"__typename": "ForbiddenError", "action": "reassign"}
    moved = (await gql(reassign, "mgr.east", id=cid))["data"]["customerReassign"]
    assert moved["owner"] == {"username": "rep.wang"}

    complete = """mutation($id: ID!) { followUpComplete(id: $id, note: "已发送") {
        __typename ... on FollowUp { status assignee { username } }
        ... on NotFoundError { objectType } } }"""
    assert (await gql(complete, "rep.li", id=fu["id"]))["data"]["followUpComplete"] == {
        "__typename": "NotFoundError", "objectType": "follow_up"}
    done = (await gql(complete, "rep.wang", id=fu["id"]))["data"]["followUpComplete"]
    assert done == {"__typename": "FollowUp", "status": "DONE",
                    "assignee": {"username": "rep.wang"}}

    trail = """query($id: ID!) { auditTrail(objectType: CUSTOMER, objectId: $id, first: 10) {
        totalCount edges { node { action actorUsername fromState toState
        changes { field before after } } } } }"""
    events = (await gql(trail, "mgr.east", id=cid))["data"]["auditTrail"]
    actions = [e["node"]["action"] for e in events["edges"]]
    # completing today does not move a last follow-up date that is already today
    assert actions == ["CREATE", "UPDATE", "FOLLOW_UP_RECORDED", "REASSIGN"]
    assert events["totalCount"] == 4
    first_changes = {c["field"]: c for c in events["edges"][0]["node"]["changes"]}
    assert first_changes["contactPhone"]["after"] == "13800138000"
    # the director reads the trail with contact details masked, as on the record
    masked = (await gql(trail, "dir.sun", id=cid))["data"]["auditTrail"]
    masked_changes = {c["field"]: c for c in masked["edges"][0]["node"]["changes"]}
    assert masked_changes["contactPhone"]["after"] == "138****8000"
    # a rep of another department cannot read it
    other = await gql(trail, "rep.zhao", id=cid)
    assert other["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_lists_paginate_with_total(
    org: dict[str, Principal], gql: Gql, make_customer: CustomerFactory
) -> None:
    for _ in range(5):
        await make_customer(owner="rep.li")
    await make_customer(owner="rep.zhao")
    query = """query($after: String) { customers(first: 2, after: $after,
        filter: {ownerUsername: "rep.li"}) { totalCount pageInfo { hasNextPage endCursor
        hasPreviousPage } edges { cursor node { code } } } }"""
    codes: list[str] = []
    after = None
    pages = 0
    while True:
        page: dict[str, Any] = (await gql(query, "mgr.east", after=after))["data"]["customers"]
        pages += 1
        assert page["totalCount"] == 5
        codes += [e["node"]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == 3 and len(set(codes)) == 5
    too_many = await gql("{ customers(first: 101) { totalCount } }", "mgr.east")
    assert too_many["data"] is None
    assert too_many["errors"][0]["extensions"] == {
        "code": "VALIDATION", "field": "first", "rule": "range"}


async def test_me_labels_and_workflow(org: dict[str, Principal], gql: Gql) -> None:
    body = await gql("""{ me { username role roleLabel department { code } }
        enumLabels(enum: "CustomerStage") { value label }
        workflow(name: "customer_stage") { states { name label initial }
          transitions { trigger sources dest guards } } }""", "rep.li")
    data = body["data"]
    assert data["me"] == {"username": "rep.li", "role": "SALES_REP", "roleLabel": "销售专员",
                          "department": {"code": "east"}}
    assert data["enumLabels"] == [
        {"value": "POTENTIAL", "label": "潜在"}, {"value": "INTENT", "label": "意向"},
        {"value": "NEGOTIATION", "label": "谈判"}, {"value": "WON", "label": "成交"},
        {"value": "LOST", "label": "流失"}]
    win = next(t for t in data["workflow"]["transitions"] if t["trigger"] == "WIN")
    assert win == {"trigger": "WIN", "sources": ["NEGOTIATION"], "dest": "WON",
                   "guards": ["deal_amount_given"]}


async def test_admin_manages_users_and_every_act_is_audited(
    org: dict[str, Principal], gql: Gql
) -> None:
    create = """mutation { userCreate(input: {username: "rep.zhou", displayName: "周杰",
        role: SALES_REP, departmentCode: "west"}) { __typename ... on User { id username }
        ... on ForbiddenError { action } ... on ValidationError { field rule } } }"""
    denied = (await gql(create, "mgr.west"))["data"]["userCreate"]
    assert denied == {"__typename": "ForbiddenError", "action": "manage"}
    made = (await gql(create, "admin"))["data"]["userCreate"]
    assert made["username"] == "rep.zhou"
    again = (await gql(create, "admin"))["data"]["userCreate"]
    assert again == {"__typename": "ValidationError", "field": "username", "rule": "unique"}
    deactivate = """mutation($id: ID!) { userUpdate(id: $id, input: {active: false}) {
        __typename ... on User { active version } } }"""
    off = (await gql(deactivate, "admin", id=made["id"]))["data"]["userUpdate"]
    assert off == {"__typename": "User", "active": False, "version": 2}
    events = await AuditEvent.filter(object_type="user", object_id=int(made["id"]))
    assert [(e.action, e.actor_name) for e in events] == [("create", "admin"),
                                                          ("update", "admin")]
