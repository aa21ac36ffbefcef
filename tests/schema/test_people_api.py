"""People sync, offboarding and custom fields over GraphQL: the payloads, the typed errors,
an authorization matrix (role × operation × own/department/other) in which a refusal
changes nothing, and a leaver's token refused over HTTP at once."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from engine import auth
from engine.authz import Principal
from engine.models import AuditEvent, Customer, CustomFieldDefinition, Department, User
from engine.settings import Settings
from tests.conftest import CustomerFactory
from tests.schema.conftest import Gql

UPSERT = """mutation($rows: [UserUpsertInput!]!) { usersUpsert(input: $rows) {
  __typename
  ... on UsersUpsertReport { created changed unchanged refused
    rows { index username outcome changedFields user { username department { code } }
           error { __typename code ... on ValidationError { field rule } } } }
  ... on ForbiddenError { action }
  ... on ValidationError { field rule } } }"""


async def test_users_upsert_reports_per_row(org: dict[str, Principal], gql: Gql) -> None:
    rows = [
        {"username": "rep.zhou", "displayName": "周杰", "role": "SALES_REP",
         "departmentCode": "west", "externalId": "E-1001"},
        {"username": "rep.sun", "displayName": "", "role": "SALES_REP",
         "departmentCode": "west"},
        {"username": "rep.li", "displayName": "李娜", "role": "SALES_REP",
         "departmentCode": "west"},
    ]
    body = await gql(UPSERT, "admin", rows=rows)
    report = body["data"]["usersUpsert"]
    assert (report["created"], report["changed"], report["unchanged"], report["refused"]) == (
        1, 1, 0, 1)
    assert report["rows"] == [
        {"index": 0, "username": "rep.zhou", "outcome": "CREATED", "changedFields": [],
         "user": {"username": "rep.zhou", "department": {"code": "west"}}, "error": None},
        {"index": 1, "username": "rep.sun", "outcome": "REFUSED", "changedFields": [],
         "user": None, "error": {"__typename": "ValidationError", "code": "VALIDATION",
                                 "field": "input.1.displayName", "rule": "required"}},
        {"index": 2, "username": "rep.li", "outcome": "CHANGED",
         "changedFields": ["departmentCode"],
         "user": {"username": "rep.li", "department": {"code": "west"}}, "error": None},
    ]
    assert not await User.filter(username="rep.sun").exists()
    too_many = await gql(UPSERT, "admin", rows=rows * 67)
    assert too_many["data"]["usersUpsert"] == {"__typename": "ValidationError",
                                               "field": "input", "rule": "max_items"}


async def test_departments_upsert(org: dict[str, Principal], gql: Gql) -> None:
    body = await gql("""mutation { departmentsUpsert(input: [
        {code: "north", name: "华北销售部", externalId: "D-1"},
        {code: "east", name: "华东销售部"}]) {
        ... on DepartmentsUpsertReport { created unchanged
          rows { code outcome department { code name } } } } }""", "admin")
    report = body["data"]["departmentsUpsert"]
    assert (report["created"], report["unchanged"]) == (1, 1)
    assert [r["outcome"] for r in report["rows"]] == ["CREATED", "UNCHANGED"]
    assert await Department.filter(code="north", external_id="D-1").exists()


async def test_a_deactivated_users_token_stops_working_at_once(
    org: dict[str, Principal], make_customer: CustomerFactory, http: httpx.AsyncClient,
    test_settings: Settings, gql: Gql,
) -> None:
    # given rep.li signed in, with a customer
    customer = await make_customer(owner="rep.li")
    token = auth.issue_token(test_settings, "rep.li")
    headers = {"Authorization": f"Bearer {token}"}
    me = await http.post("/graphql", json={"query": "{ me { username } }"}, headers=headers)
    assert me.status_code == 200 and me.json()["data"]["me"]["username"] == "rep.li"
    # when an admin previews and deactivates them
    preview = await gql("""{ userDeactivationPreview(username: "rep.li", reassignTo: "rep.wang") {
        ready refusals { field rule } counts { customers followUps tasks }
        customers(first: 10) { totalCount edges { node { code owner { username } } } } } }""",
                        "admin")
    assert preview["data"]["userDeactivationPreview"] == {
        "ready": True, "refusals": [], "counts": {"customers": 1, "followUps": 0, "tasks": 0},
        "customers": {"totalCount": 1, "edges": [
            {"node": {"code": customer.code, "owner": {"username": "rep.li"}}}]}}
    done = await gql("""mutation { userDeactivate(username: "rep.li", reassignTo: "rep.wang",
        reason: "离职") { __typename ... on UserDeactivation { user { active }
        successor { username } moved { customers } } } }""", "admin")
    assert done["data"]["userDeactivate"] == {
        "__typename": "UserDeactivation", "user": {"active": False},
        "successor": {"username": "rep.wang"}, "moved": {"customers": 1}}
    # then the same token is refused on the next request, before any GraphQL runs
    after = await http.post("/graphql", json={"query": "{ me { username } }"}, headers=headers)
    assert after.status_code == 401
    export = await http.get("/exports/customers.csv", headers=headers)
    assert export.status_code == 401
    assert (await Customer.get(id=customer.id)).owner_id == org["rep.wang"].id


async def test_a_refused_deactivation_is_a_typed_error(
    org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql
) -> None:
    await make_customer(owner="rep.li")
    body = await gql("""mutation { userDeactivate(username: "rep.li", reassignTo: "rep.zhao") {
        __typename ... on ValidationError { field rule } } }""", "admin")
    assert body["data"]["userDeactivate"] == {"__typename": "ValidationError",
                                              "field": "reassignTo", "rule": "department"}
    missing = await gql("""mutation { userDeactivate(username: "nobody", reassignTo: "rep.wang") {
        __typename ... on NotFoundError { objectType } } }""", "admin")
    assert missing["data"]["userDeactivate"] == {"__typename": "NotFoundError",
                                                 "objectType": "user"}
    preview = await gql("""{ userDeactivationPreview(username: "rep.li") {
        ready refusals { field rule message } } }""", "admin")
    got = preview["data"]["userDeactivationPreview"]
    assert got["ready"] is False
    assert [(r["field"], r["rule"]) for r in got["refusals"]] == [("reassignTo", "required")]


async def test_custom_fields_over_graphql(
    org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql
) -> None:
    define = """mutation($input: CustomFieldDefineInput!) { customFieldDefine(input: $input) {
        __typename ... on CustomFieldDefinition { id key recordType labelEn position version }
        ... on ValidationError { field rule } } }"""
    made = (await gql(define, "admin", input={
        "key": "order_value", "label": "客单价", "labelEn": "Order value",
        "fieldType": "NUMBER"}))["data"]["customFieldDefine"]
    assert made["recordType"] == "CUSTOMER" and made["position"] == 0
    booth = (await gql(define, "admin", input={
        "key": "boothNo", "label": "展位号", "fieldType": "STRING",
        "recordType": "CAMPAIGN"}))["data"]["customFieldDefine"]
    assert booth["recordType"] == "CAMPAIGN"
    await make_customer(name="甲", custom_fields={"order_value": 500})
    await make_customer(name="乙", custom_fields={"order_value": 50})
    bad = await gql("""mutation { customerCreate(input: {name: "丙", contactName: "张",
        contactPhone: "13800138000", sources: [TRADE_SHOW],
        customFields: {order_value: "很多"}}) {
        __typename ... on ValidationError { field rule } } }""", "rep.li")
    assert bad["data"]["customerCreate"] == {"__typename": "ValidationError",
                                             "field": "customFields.order_value",
                                             "rule": "type"}
    found = await gql("""{ customers(filter: {customFields: [{key: "order_value", min: 100}]}) {
        totalCount edges { node { name customFields } } } }""", "rep.li")
    assert found["data"]["customers"] == {"totalCount": 1, "edges": [
        {"node": {"name": "甲", "customFields": {"order_value": "500"}}}]}
    listed = await gql("""{ customFieldDefinitions(recordType: CUSTOMER) {
        edges { node { key label labelEn fieldType active } } } }""", "rep.li")
    assert [e["node"]["key"] for e in listed["data"]["customFieldDefinitions"]["edges"]] == [
        "order_value"]
    archived = await gql("""mutation($id: ID!) { customFieldArchive(id: $id, reason: "停用") {
        __typename ... on CustomFieldDefinition { active archivedAt version } } }""", "admin",
                         id=made["id"])
    got = archived["data"]["customFieldArchive"]
    assert (got["active"], got["archivedAt"] is not None, got["version"]) == (False, True, 2)


# -- who may: a matrix over role × operation × the target's relation to the caller ---------

ROLES = ["admin", "mgr.east", "rep.li", "mkt.chen", "dir.sun", "fin.qian"]
# the target user of each relation, per caller: themself, their department, another one
TARGETS = {
    "admin": {"own": "admin", "department": "rep.zhao", "other": "rep.zhao"},
    "mgr.east": {"own": "mgr.east", "department": "rep.wang", "other": "rep.zhao"},
    "rep.li": {"own": "rep.li", "department": "rep.wang", "other": "rep.zhao"},
    "mkt.chen": {"own": "mkt.chen", "department": "rep.wang", "other": "rep.zhao"},
    "dir.sun": {"own": "dir.sun", "department": "fin.qian", "other": "rep.zhao"},
    "fin.qian": {"own": "fin.qian", "department": "dir.sun", "other": "rep.zhao"},
}
OPERATIONS = {
    "usersUpsert": """mutation($target: String!) { r: usersUpsert(input: [{username: $target,
        displayName: "改名", role: SALES_REP, departmentCode: "west"}]) { __typename } }""",
    "departmentsUpsert": """mutation($target: String!) { r: departmentsUpsert(input: [
        {code: "east", name: $target}]) { __typename } }""",
    "userDeactivate": """mutation($target: String!) { r: userDeactivate(username: $target,
        reassignTo: "mgr.west") { __typename } }""",
    "userDeactivationPreview": """query($target: String!) {
        r: userDeactivationPreview(username: $target) { ready } }""",
    "customFieldDefine": """mutation($target: String!) { r: customFieldDefine(input: {
        key: "region", label: $target, fieldType: STRING}) { __typename } }""",
    "customFieldArchive": """mutation($target: String!, $id: ID!) {
        r: customFieldArchive(id: $id, reason: $target) { __typename } }""",
}
CASES = [(role, op, rel) for role in ROLES for op in OPERATIONS
         for rel in ("own", "department", "other")]


async def _snapshot() -> list[Any]:
    return [
        await User.all().order_by("id").values_list("username", "display_name", "active",
                                                    "version"),
        await Department.all().order_by("id").values_list("code", "name", "version"),
        await CustomFieldDefinition.all().order_by("id").values_list("key", "label",
                                                                     "active", "version"),
        await AuditEvent.all().count(),
    ]


@pytest.mark.parametrize(("role", "op", "rel"), CASES)
async def test_only_admins_sync_people_and_define_fields(
    org: dict[str, Principal], gql: Gql, role: str, op: str, rel: str
) -> None:
    # given a field to archive; the target of the relation for user operations
    from engine.services import custom_fields

    field = await custom_fields.define(org["admin"], custom_fields.Definition(
        key="boothNo", label="展位号", field_type="string", record_type="campaign"))
    target = TARGETS[role][rel]
    before = await _snapshot()
    # when
    body = await gql(OPERATIONS[op], role, target=target, id=str(field.id)) \
        if op == "customFieldArchive" else await gql(OPERATIONS[op], role, target=target)
    # then
    if role == "admin":
        assert "errors" not in body, body
        if rel == "own" and op in ("userDeactivate", "usersUpsert"):
            # never oneself; the last admin keeps the role (a refused row in the report)
            assert body["data"]["r"]["__typename"] in {"ValidationError", "UsersUpsertReport"}
            assert await _snapshot() == before
        elif op != "userDeactivationPreview":
            assert await _snapshot() != before
        return
    if op == "userDeactivationPreview":
        assert body["data"] is None
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    else:
        assert body["data"]["r"]["__typename"] == "ForbiddenError", body
    assert await _snapshot() == before
