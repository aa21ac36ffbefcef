"""Export downloads over HTTP and the permission report / explain over GraphQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from urllib.parse import quote

import httpx
import openpyxl
import pytest

from engine import auth, authz
from engine.authz import Principal
from engine.models import AuditEvent
from engine.settings import Settings
from tests.conftest import CustomerFactory
from tests.schema.conftest import Gql


def _headers(settings: Settings, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {auth.issue_token(settings, user)}"}


def _rows(response: httpx.Response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


async def test_csv_download_as_the_owner_and_as_marketing(
    org: dict[str, Principal], make_customer: CustomerFactory, http: httpx.AsyncClient,
    test_settings: Settings,
) -> None:
    # given two customers of rep.li and one of rep.zhao
    mine = [await make_customer(owner="rep.li") for _ in range(2)]
    await make_customer(owner="rep.zhao")
    # when rep.li downloads the customers
    response = await http.get("/exports/customers.csv",
                              headers=_headers(test_settings, "rep.li"))
    # then
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="promoflow-customers-')
    assert f"filename*=UTF-8''{quote('客户信息管理表')}-" in disposition
    assert response.headers["x-export-rows"] == "2"
    rows = _rows(response)
    assert rows[0][0] == "客户编号"
    assert sorted(r[0] for r in rows[1:]) == sorted(c.code for c in mine)
    assert {r[7] for r in rows[1:]} == {"13800138000"}
    # and marketing (all customers, contacts masked), in English
    response = await http.get("/exports/customers.csv?lang=en&ownerUsername=rep.li",
                              headers=_headers(test_settings, "mkt.chen"))
    rows = _rows(response)
    assert rows[0][7] == "Phone"
    assert len(rows) == 3 and {r[7] for r in rows[1:]} == {"138****8000"}
    events = await AuditEvent.filter(object_type="export").order_by("id")
    assert [(e.actor_name, e.action, e.changes["rows"][1]) for e in events] == [
        ("rep.li", "customers", 2), ("mkt.chen", "customers", 2)]


async def test_xlsx_download(
    org: dict[str, Principal], make_customer: CustomerFactory, http: httpx.AsyncClient,
    test_settings: Settings,
) -> None:
    c = await make_customer(owner="rep.wang")
    response = await http.get("/exports/customers.xlsx?lang=en",
                              headers=_headers(test_settings, "mgr.east"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert ws.cell(row=1, column=1).value == "Customer code"
    assert ws.cell(row=2, column=1).value == c.code
    assert ws.cell(row=2, column=8).value == "13800138000"  # the owner's manager


@pytest.mark.parametrize("path", ["/exports/customers.csv", "/exports/permissions.xlsx"])
async def test_no_token_is_401(org: dict[str, Principal], http: httpx.AsyncClient, path: str
                               ) -> None:
    response = await http.get(path)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert response.headers["www-authenticate"].startswith("Bearer")
    bad = await http.get(path, headers={"Authorization": "Bearer not.a.jwt"})
    assert bad.status_code == 401


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/exports/people.csv", "table"),
        ("/exports/customers.pdf", "format"),
        ("/exports/customers", "format"),
        ("/exports/customers.csv?lang=fr", "lang"),
        ("/exports/customers.csv?lang=zh&lang=en", "lang"),
        ("/exports/customers.csv?colour=red", "colour"),
        ("/exports/customers.csv?format=xlsx", "format"),
        ("/exports/customers.csv?stage=SOLD", "stage"),
        ("/exports/follow-ups.xlsx?dueAfter=soon", "dueAfter"),
        ("/exports/effect-analysis.csv?from=2026-07-31&to=2026-07-01", "to"),
        ("/exports/permissions.csv?role=boss", "role"),
    ],
)
async def test_bad_requests_are_400_naming_the_parameter(
    org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings, path: str,
    field: str,
) -> None:
    response = await http.get(path, headers=_headers(test_settings, "admin"))
    assert response.status_code == 400, response.text
    ext = response.json()["errors"][0]["extensions"]
    assert (ext["code"], ext["field"]) == ("VALIDATION", field)
    assert await AuditEvent.filter(object_type="export").count() == 0


async def test_permissions_export_is_403_for_a_manager_200_for_the_director(
    org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings,
) -> None:
    response = await http.get("/exports/permissions.csv",
                              headers=_headers(test_settings, "mgr.east"))
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    response = await http.get("/exports/permissions.xlsx?objectType=customer&role=SALES_REP",
                              headers=_headers(test_settings, "dir.sun"))
    assert response.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == {"rep.li", "rep.wang", "rep.zhao"}
    assert ("rep.li", "customer", "read", "本人") in {(r[0], r[4], r[5], r[6]) for r in rows}


REPORT = """
query($filter: PermissionReportFilter, $first: Int, $after: String) {
  permissionReport(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      user { username role department { code } }
      objectType action scope effectiveScope viaRole
      policy { file line text }
    } }
  }
}
"""

EXPLAIN = """
query($username: String!, $action: String!, $objectType: String!, $objectId: ID) {
  permissionExplain(username: $username, action: $action, objectType: $objectType,
                    objectId: $objectId) {
    allowed role relation reason
    user { username }
    recordOwner { username }
    recordDepartment
    policy { file line text }
    nearMisses { line text }
  }
}
"""


def _line(text: str) -> int:
    lines = (Path(authz.POLICIES_DIR) / "policy.csv").read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


async def test_permission_report_query(org: dict[str, Principal], gql: Gql) -> None:
    body = await gql(REPORT, "dir.sun", filter={"username": "rep.li", "objectType": "customer"},
                     first=3)
    report = body["data"]["permissionReport"]
    rows = [e["node"] for e in report["edges"]]
    # rep.li's customer actions in policy.csv (record_order came with the RFM orders)
    assert report["totalCount"] == 10 and len(rows) == 3
    assert report["pageInfo"]["hasNextPage"] is True
    assert rows[0]["user"] == {"username": "rep.li", "role": "SALES_REP",
                               "department": {"code": "east"}}
    body = await gql(REPORT, "dir.sun", filter={"username": "rep.li", "objectType": "customer"},
                     first=100, after=report["pageInfo"]["endCursor"])
    rest = [e["node"] for e in body["data"]["permissionReport"]["edges"]]
    assert len(rest) == 7
    assert "record_order" in {r["action"] for r in rows + rest}
    read = next(r for r in rows + rest if r["action"] == "read")
    assert read == {
        "user": {"username": "rep.li", "role": "SALES_REP", "department": {"code": "east"}},
        "objectType": "customer", "action": "read", "scope": "OWN", "effectiveScope": "OWN",
        "viaRole": None,
        "policy": {"file": "policies/policy.csv",
                   "line": _line("p, sales_rep, customer, read, own"),
                   "text": "p, sales_rep, customer, read, own"},
    }
    denied = await gql(REPORT, "mgr.east")
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_permission_explain_query(
    org: dict[str, Principal], make_customer: CustomerFactory, gql: Gql
) -> None:
    c = await make_customer(owner="rep.li")
    allowed = (await gql(EXPLAIN, "admin", username="mgr.east", action="reassign",
                         objectType="customer", objectId=str(c.id)))["data"]["permissionExplain"]
    assert allowed["allowed"] is True
    assert (allowed["role"], allowed["relation"]) == ("SALES_MANAGER", "SAME_DEPARTMENT")
    assert allowed["recordOwner"] == {"username": "rep.li"}
    assert allowed["recordDepartment"] == "华东销售部"
    assert allowed["policy"]["line"] == _line("p, sales_manager, customer, reassign, department")
    denied = (await gql(EXPLAIN, "admin", username="mgr.west", action="read",
                        objectType="customer", objectId=str(c.id)))["data"]["permissionExplain"]
    assert denied["allowed"] is False and denied["relation"] == "OTHER"
    assert denied["policy"] is None
    assert denied["nearMisses"] == [{"line": _line("p, sales_manager, customer, read, department"),
                                     "text": "p, sales_manager, customer, read, department"}]
    default = (await gql(EXPLAIN, "admin", username="rep.li", action="reassign",
                         objectType="customer", objectId=str(c.id)))["data"]["permissionExplain"]
    assert default["allowed"] is False and default["relation"] == "OWNER"
    assert "no policy line allows this (default deny)" in default["reason"]
    bad = await gql(EXPLAIN, "admin", username="rep.li", action="fly", objectType="customer")
    assert bad["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "action",
                                              "rule": "choice"}
    forbidden = await gql(EXPLAIN, "dir.sun", username="rep.li", action="read",
                          objectType="org")
    assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"


TRAIL = """
query($id: ID!) {
  auditTrail(objectType: EXPORT, objectId: $id) {
    edges { node { action actorUsername reason changes { field after } } }
  }
}
"""


async def test_exports_are_in_the_audit_trail_for_admin_and_director(
    org: dict[str, Principal], make_customer: CustomerFactory, http: httpx.AsyncClient,
    test_settings: Settings, gql: Gql,
) -> None:
    await make_customer(owner="rep.li")
    response = await http.get("/exports/customers.xlsx?stage=POTENTIAL",
                              headers=_headers(test_settings, "rep.li"))
    assert response.status_code == 200
    body = await gql(TRAIL, "admin", id=str(org["rep.li"].id))
    nodes = [e["node"] for e in body["data"]["auditTrail"]["edges"]]
    assert len(nodes) == 1
    node = nodes[0]
    assert (node["action"], node["actorUsername"]) == ("CUSTOMERS", "rep.li")
    assert node["reason"] == "exported 1 customers row(s) as xlsx"
    changes = {c["field"]: c["after"] for c in node["changes"]}
    assert changes == {"format": "xlsx", "lang": "zh", "rows": 1,
                       "filters": {"stages": ["potential"]}}
    assert (await gql(TRAIL, "dir.sun", id=str(org["rep.li"].id)))["data"] is not None
    denied = await gql(TRAIL, "rep.li", id=str(org["rep.li"].id))
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
