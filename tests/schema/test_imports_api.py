"""importStart (multipart upload), importJob and importJobs through the ASGI app."""

from __future__ import annotations

import asyncio
import io
import json
from typing import Any

import httpx
import openpyxl

from engine import auth
from engine.models import Customer
from engine.settings import Settings
from tests.schema.conftest import Gql

START = """
mutation($file: Upload!, $kind: ImportKind!, $dryRun: Boolean) {
  importStart(file: $file, kind: $kind, dryRun: $dryRun) {
    __typename
    ... on ImportJob { id status kind dryRun filename fileFormat createdBy }
    ... on Error { code message }
    ... on ValidationError { field rule }
  }
}
"""
JOB = """
query($id: ID!, $first: Int, $after: String) {
  importJob(id: $id) {
    id status phase totalRows processedRows percent createdCount updatedCount errorCount
    message finishedAt
    problems(first: $first, after: $after) {
      totalCount
      edges { cursor node { row column value problem } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""
CSV = (
    "外部编号,客户名称,联系人,电话,客户来源,阶段,负责人,成交金额\r\n"
    "A-1,华东机械,张伟,13800138000,展会,潜在,rep.li,\r\n"
    "A-2,上海贸易,李雷,13900139000,转介绍,成交,rep.wang,8000\r\n"
).encode("utf-8-sig")


async def upload(http: httpx.AsyncClient, settings: Settings, user: str, data: bytes,
                 filename: str, kind: str = "CUSTOMERS", dry_run: bool = False
                 ) -> dict[str, Any]:
    operations = json.dumps({"query": START,
                             "variables": {"file": None, "kind": kind, "dryRun": dry_run}})
    response = await http.post(
        "/graphql",
        data={"operations": operations, "map": json.dumps({"0": ["variables.file"]})},
        files={"0": (filename, data, "application/octet-stream")},
        headers={"Authorization": f"Bearer {auth.issue_token(settings, user)}"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["importStart"]
    return result


async def finished(gql: Gql, user: str, job_id: str, **variables: Any) -> dict[str, Any]:
    for _ in range(400):
        body = await gql(JOB, user, id=job_id, **variables)
        job: dict[str, Any] = body["data"]["importJob"]
        if job["status"] in ("SUCCEEDED", "FAILED"):
            return job
        await asyncio.sleep(0.05)
    raise AssertionError("the import did not finish")


async def test_upload_imports_in_the_background(
    org: Any, http: httpx.AsyncClient, gql: Gql, test_settings: Settings,
) -> None:
    started = await upload(http, test_settings, "mgr.east", CSV, "客户.csv")
    assert started["__typename"] == "ImportJob"
    assert started["status"] in ("PENDING", "RUNNING", "SUCCEEDED")
    assert (started["kind"], started["dryRun"], started["filename"], started["fileFormat"],
            started["createdBy"]) == ("CUSTOMERS", False, "客户.csv", "csv", "mgr.east")
    job = await finished(gql, "mgr.east", started["id"])
    assert (job["status"], job["phase"], job["totalRows"], job["processedRows"],
            job["percent"], job["createdCount"], job["updatedCount"], job["errorCount"]) == (
        "SUCCEEDED", None, 2, 2, 100.0, 2, 0, 0)
    assert job["problems"]["totalCount"] == 0 and job["finishedAt"]
    assert sorted(await Customer.all().values_list("external_id", flat=True)) == ["A-1", "A-2"]

    # the same file again: nothing new
    again = await upload(http, test_settings, "mgr.east", CSV, "客户.csv")
    job = await finished(gql, "mgr.east", again["id"])
    assert (job["createdCount"], job["updatedCount"]) == (0, 0)
    assert await Customer.all().count() == 2

    listed = await gql("{ importJobs(first: 10) { totalCount edges { node { id status } } } }",
                       "mgr.east")
    assert [e["node"]["id"] for e in listed["data"]["importJobs"]["edges"]] == [
        again["id"], started["id"]]
    assert listed["data"]["importJobs"]["totalCount"] == 2
    other = await gql("{ importJobs(first: 10) { totalCount } }", "mgr.west")
    assert other["data"]["importJobs"]["totalCount"] == 0
    hidden = await gql(JOB, "mgr.west", id=started["id"])
    assert hidden["data"]["importJob"] is None
    seen = await gql(JOB, "admin", id=started["id"])
    assert seen["data"]["importJob"]["id"] == started["id"]


async def test_dry_run_of_xlsx_reports_problems_page_by_page(
    org: Any, http: httpx.AsyncClient, gql: Gql, test_settings: Settings,
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Customer Name", "Contact", "Phone", "Source", "Owner", "Stage"])
    ws.append(["Good", "Ann", "13800138000", "referral", "rep.li", "potential"])
    ws.append(["", "Bob", "abc", "referral", "rep.li", "maybe"])
    ws.append(["Third", "Cy", "13800138000", "referral", "rep.zhao", "won"])
    buffer = io.BytesIO()
    wb.save(buffer)
    started = await upload(http, test_settings, "admin", buffer.getvalue(), "book.xlsx",
                           dry_run=True)
    job = await finished(gql, "admin", started["id"], first=2)
    assert (job["status"], job["errorCount"], job["createdCount"]) == ("FAILED", 4, 0)
    page = job["problems"]
    assert page["totalCount"] == 4 and page["pageInfo"]["hasNextPage"]
    assert [e["node"] for e in page["edges"]] == [
        {"row": 3, "column": "Customer Name", "value": None, "problem": "name is required"},
        {"row": 3, "column": "Phone", "value": "abc",
         "problem": "contact_phone is not a phone number"},
    ]
    rest = await gql(JOB, "admin", id=started["id"], first=10,
                     after=page["pageInfo"]["endCursor"])
    later = rest["data"]["importJob"]["problems"]
    assert [(e["node"]["row"], e["node"]["column"], e["node"]["value"])
            for e in later["edges"]] == [(3, "Stage", "maybe"), (4, "deal_amount", None)]
    assert later["edges"][1]["node"]["problem"] == "a won customer needs its deal amount"
    assert not later["pageInfo"]["hasNextPage"]
    assert await Customer.all().count() == 0


async def test_who_may_import(
    org: Any, http: httpx.AsyncClient, gql: Gql, test_settings: Settings,
) -> None:
    refused = await upload(http, test_settings, "rep.li", CSV, "c.csv")
    assert refused["__typename"] == "ForbiddenError" and refused["code"] == "FORBIDDEN"
    wrong = await upload(http, test_settings, "admin", CSV, "c.xls")
    assert (wrong["__typename"], wrong["field"], wrong["rule"]) == (
        "ValidationError", "file", "format")
    # marketing may import orders (of their department's customers), not customers
    refused = await upload(http, test_settings, "mkt.chen", CSV, "c.csv")
    assert refused["__typename"] == "ForbiddenError"
    orders = "客户编号,下单日期,金额\r\nA-1,2025-01-02,100\r\n".encode()
    started = await upload(http, test_settings, "mkt.chen", orders, "o.csv", kind="ORDERS")
    job = await finished(gql, "mkt.chen", started["id"])
    assert job["status"] == "FAILED"  # no customer A-1 yet
    assert job["problems"]["edges"][0]["node"]["column"] == "客户编号"
    anonymous = await gql("{ importJobs(first: 1) { totalCount } }")
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
