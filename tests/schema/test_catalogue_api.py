"""The company profile and the product catalogue through HTTP, as a portal uses them."""

from __future__ import annotations

from typing import Any

import pytest

from engine.authz import SYSTEM, Principal
from engine.models import AuditEvent, CampaignProduct, CustomerProduct, Organization, Product
from engine.services import organization
from tests.conftest import CampaignFactory, CustomerFactory
from tests.schema.conftest import Gql

CREATE = """
mutation Create($input: ProductCreateInput!) {
  productCreate(input: $input) {
    __typename
    ... on Product {
      id code name spec targetPrice priceUnit sellingPoints status statusLabel version
      targetCustomer { industries companySize painPoints }
    }
    ... on ValidationError { field rule }
    ... on ForbiddenError { objectType action }
  }
}
"""
UPDATE = """
mutation Update($id: ID!, $input: ProductUpdateInput!, $v: Int) {
  productUpdate(id: $id, input: $input, expectedVersion: $v) {
    __typename
    ... on Product { name spec targetPrice sellingPoints version
                     targetCustomer { industries companySize painPoints } }
    ... on ValidationError { field rule }
    ... on ConflictError { currentVersion }
    ... on NotFoundError { objectType id }
    ... on ForbiddenError { action }
  }
}
"""
ARCHIVE = """
mutation Archive($id: ID!, $v: Int) {
  productArchive(id: $id, reason: "停产", expectedVersion: $v) {
    __typename
    ... on Product { status archivedAt version }
    ... on ValidationError { field rule }
    ... on ConflictError { currentVersion }
    ... on ForbiddenError { action }
  }
}
"""
LIST = """
query List($filter: ProductFilter, $first: Int, $after: String) {
  products(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { code name status } }
  }
}
"""
MES = {
    "name": "MES系统年费", "code": "mes-y", "spec": "标准版 50 用户", "targetPrice": "98000.00",
    "priceUnit": "年", "sellingPoints": ["上线快", "本地部署", "上线快"],
    "targetCustomer": {"industries": ["制造业"], "companySize": "年产值1亿以上",
                       "painPoints": "生产数据靠手工报表"},
}


async def _product(gql: Gql, **fields: Any) -> dict[str, Any]:
    body = await gql(CREATE, "mkt.chen", input=MES | fields)
    created: dict[str, Any] = body["data"]["productCreate"]
    assert created["__typename"] == "Product", created
    return created


async def test_create_read_update_archive(org: dict[str, Principal], gql: Gql) -> None:
    # given / when
    created = await _product(gql)
    # then: codes are upper-cased, repeats dropped, the profile comes back as sent
    assert created | {"id": "x"} == {
        "__typename": "Product", "id": "x", "code": "MES-Y", "name": "MES系统年费",
        "spec": "标准版 50 用户", "targetPrice": "98000.00", "priceUnit": "年",
        "sellingPoints": ["上线快", "本地部署"], "status": "ACTIVE", "statusLabel": "在售",
        "version": 1, "targetCustomer": {"industries": ["制造业"], "companySize": "年产值1亿以上",
                                         "painPoints": "生产数据靠手工报表"},
    }
    pid = created["id"]
    # when: a rep reads it by code; marketing changes the price and the profile
    read = await gql('{ product(code: "mes-y") { id name } }', "rep.li")
    assert read["data"]["product"] == {"id": pid, "name": "MES系统年费"}
    changed = (await gql(UPDATE, "mkt.chen", id=pid, v=1, input={
        "targetPrice": "88000", "targetCustomer": {"industries": ["制造业", "汽配"]},
    }))["data"]["productUpdate"]
    assert changed == {
        "__typename": "Product", "name": "MES系统年费", "spec": "标准版 50 用户",
        "targetPrice": "88000.00", "sellingPoints": ["上线快", "本地部署"], "version": 2,
        "targetCustomer": {"industries": ["制造业", "汽配"], "companySize": None,
                           "painPoints": None},
    }
    stale = (await gql(UPDATE, "mkt.chen", id=pid, v=1, input={"spec": "x"}))["data"]
    assert stale["productUpdate"] == {"__typename": "ConflictError", "currentVersion": 2}
    archived = (await gql(ARCHIVE, "admin", id=pid, v=2))["data"]["productArchive"]
    assert archived["status"] == "ARCHIVED" and archived["version"] == 3
    again = (await gql(ARCHIVE, "admin", id=pid))["data"]["productArchive"]
    assert again == {"__typename": "ValidationError", "field": "id", "rule": "archived"}
    # then: every change is in the audit trail, readable by anyone signed in
    trail = await gql('query($id: ID!) { auditTrail(objectType: PRODUCT, objectId: $id) '
                      '{ edges { node { action actorUsername reason } } } }', "rep.wang", id=pid)
    assert [e["node"] for e in trail["data"]["auditTrail"]["edges"]] == [
        {"action": "CREATE", "actorUsername": "mkt.chen", "reason": None},
        {"action": "UPDATE", "actorUsername": "mkt.chen", "reason": None},
        {"action": "ARCHIVE", "actorUsername": "admin", "reason": "停产"},
    ]


@pytest.mark.parametrize(("fields", "field", "rule"), [
    ({"name": "  "}, "name", "required"),
    ({"name": "x" * 201}, "name", "max_length"),
    ({"code": "含中文"}, "code", "format"),
    ({"targetPrice": "-1"}, "targetPrice", "range"),
    ({"targetPrice": "1.005"}, "targetPrice", "precision"),
    ({"sellingPoints": [str(i) for i in range(11)]}, "sellingPoints", "max_items"),
    ({"sellingPoints": ["ok", "y" * 201]}, "sellingPoints.1", "max_length"),
    ({"targetCustomer": {"painPoints": "z" * 501}}, "targetCustomer.painPoints", "max_length"),
    ({"targetCustomer": {"industries": [str(i) for i in range(21)]}},
     "targetCustomer.industries", "max_items"),
])
async def test_bad_input_names_the_field_and_writes_nothing(
    org: dict[str, Principal], gql: Gql, fields: dict[str, Any], field: str, rule: str,
) -> None:
    body = await gql(CREATE, "mkt.chen", input=MES | fields)
    assert body["data"]["productCreate"] == {"__typename": "ValidationError", "field": field,
                                             "rule": rule}
    assert await Product.all().count() == 0
    assert await AuditEvent.filter(object_type="product").count() == 0


async def test_duplicate_code_and_generated_code(org: dict[str, Principal], gql: Gql) -> None:
    await _product(gql)
    dup = (await gql(CREATE, "mkt.chen", input=MES))["data"]["productCreate"]
    assert dup == {"__typename": "ValidationError", "field": "code", "rule": "unique"}
    generated = await _product(gql, code=None, name="备件包")
    assert generated["code"].startswith("P") and len(generated["code"]) == 12


@pytest.mark.parametrize("role_user", ["rep.li", "mgr.east", "dir.sun", "fin.qian"])
async def test_only_admin_and_marketing_manage_the_catalogue(
    org: dict[str, Principal], gql: Gql, role_user: str,
) -> None:
    created = await _product(gql)
    refused = (await gql(CREATE, role_user, input=MES | {"code": "other"}))["data"]
    assert refused["productCreate"] == {"__typename": "ForbiddenError", "objectType": "product",
                                        "action": "create"}
    upd = (await gql(UPDATE, role_user, id=created["id"], input={"name": "改名"}))["data"]
    assert upd["productUpdate"] == {"__typename": "ForbiddenError", "action": "update"}
    arch = (await gql(ARCHIVE, role_user, id=created["id"]))["data"]
    assert arch["productArchive"] == {"__typename": "ForbiddenError", "action": "archive"}
    row = await Product.get(id=created["id"])
    assert (row.name, row.status, row.version) == ("MES系统年费", "active", 1)
    assert await Product.all().count() == 1


async def test_list_pages_and_hides_archived_by_default(
    org: dict[str, Principal], gql: Gql,
) -> None:
    for i in range(5):
        await _product(gql, code=f"SKU-{i}", name=f"产品{i}")
    sku0 = await Product.get(code="SKU-0")
    await gql(ARCHIVE, "admin", id=str(sku0.id))
    first = (await gql(LIST, "rep.li", first=2))["data"]["products"]
    assert first["totalCount"] == 4 and first["pageInfo"]["hasNextPage"]
    assert [e["node"]["code"] for e in first["edges"]] == ["SKU-1", "SKU-2"]
    rest = (await gql(LIST, "rep.li", first=2, after=first["pageInfo"]["endCursor"]))
    assert [e["node"]["code"] for e in rest["data"]["products"]["edges"]] == ["SKU-3", "SKU-4"]
    archived = (await gql(LIST, "rep.li", filter={"status": ["ARCHIVED"]}))["data"]["products"]
    assert [e["node"]["code"] for e in archived["edges"]] == ["SKU-0"]
    found = (await gql(LIST, "rep.li", filter={"search": "产品3"}))["data"]["products"]
    assert [e["node"]["code"] for e in found["edges"]] == ["SKU-3"]
    bad = await gql(LIST, "rep.li", first=101)
    assert bad["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "first",
                                              "rule": "range"}


async def test_customers_and_campaigns_name_products(
    org: dict[str, Principal], gql: Gql, make_customer: CustomerFactory,
    make_campaign: CampaignFactory,
) -> None:
    await _product(gql)
    await _product(gql, code="SPARE", name="备件包")
    # given a customer and a campaign
    customer = await make_customer(product_codes=["mes-y"])
    campaign = await make_campaign(product_codes=["SPARE", "MES-Y"])
    # when: the rep changes the customer's interests through the API
    body = await gql("""mutation($id: ID!) { customerUpdate(id: $id, input: {productCodes:
        ["SPARE", "MES-Y"]}) { __typename ... on Customer { version productsOfInterest { code } }
        } }""", "rep.li", id=str(customer.id))
    assert body["data"]["customerUpdate"] == {
        "__typename": "Customer", "version": 2,
        "productsOfInterest": [{"code": "SPARE"}, {"code": "MES-Y"}]}
    read = await gql("query($id: ID!) { campaign(id: $id) { products { code name } } }",
                     "rep.li", id=str(campaign.id))
    assert read["data"]["campaign"]["products"] == [{"code": "SPARE", "name": "备件包"},
                                                    {"code": "MES-Y", "name": "MES系统年费"}]
    by_product = await gql('{ customers(filter: {productCode: "spare"}) { totalCount } }',
                           "rep.li")
    assert by_product["data"]["customers"]["totalCount"] == 1
    # an archived product stays where it is named but cannot be newly named
    spare = await Product.get(code="SPARE")
    await gql(ARCHIVE, "admin", id=str(spare.id))
    keep = await gql("""mutation($id: ID!) { customerUpdate(id: $id, input: {productCodes:
        ["SPARE"]}) { __typename ... on Customer { productsOfInterest { code } } } }""",
                     "rep.li", id=str(customer.id))
    assert keep["data"]["customerUpdate"]["productsOfInterest"] == [{"code": "SPARE"}]
    refused = await gql("""mutation($id: ID!) { campaignUpdate(id: $id, input: {productCodes:
        ["MES-Y", "NOPE"]}) { __typename ... on ValidationError { field rule } } }""",
                        "mkt.chen", id=str(campaign.id))
    assert refused["data"]["campaignUpdate"] == {"__typename": "ValidationError",
                                                 "field": "productCodes.1", "rule": "unknown"}
    other = await make_customer(owner="rep.wang")
    archived = await gql("""mutation($id: ID!) { customerUpdate(id: $id, input: {productCodes:
        ["SPARE"]}) { __typename ... on ValidationError { field rule } } }""",
                         "rep.wang", id=str(other.id))
    assert archived["data"]["customerUpdate"] == {"__typename": "ValidationError",
                                                  "field": "productCodes.0", "rule": "archived"}
    assert await CustomerProduct.filter(customer_id=other.id).count() == 0
    assert await CampaignProduct.filter(campaign_id=campaign.id).count() == 2
    trail = await AuditEvent.filter(object_type="customer", object_id=customer.id,
                                    action="update").first()
    assert trail is not None and trail.changes == {"products": [["MES-Y"], ["SPARE", "MES-Y"]]}


ORG_UPDATE = """
mutation($input: OrganizationUpdateInput!, $v: Int) {
  organizationUpdate(input: $input, expectedVersion: $v) {
    __typename
    ... on Organization { name mainBusiness logoUrl timezone version }
    ... on ValidationError { field rule }
    ... on ForbiddenError { action }
    ... on NotFoundError { objectType }
    ... on ConflictError { currentVersion }
  }
}
"""


async def test_organization_profile(org: dict[str, Principal], gql: Gql) -> None:
    assert (await gql("{ organization { name } }", "rep.li"))["data"] == {"organization": None}
    missing = await gql(ORG_UPDATE, "admin", input={"name": "x"})
    assert missing["data"]["organizationUpdate"] == {"__typename": "NotFoundError",
                                                     "objectType": "organization"}
    await organization.create_profile(SYSTEM, "苏州云帆科技有限公司", "Asia/Shanghai")
    done = (await gql(ORG_UPDATE, "admin", v=1, input={
        "mainBusiness": "工业软件", "logoUrl": "https://yunfan.example.cn/logo.png"}))["data"]
    assert done["organizationUpdate"] == {
        "__typename": "Organization", "name": "苏州云帆科技有限公司", "mainBusiness": "工业软件",
        "logoUrl": "https://yunfan.example.cn/logo.png", "timezone": "Asia/Shanghai",
        "version": 2}
    bad = (await gql(ORG_UPDATE, "admin", input={"logoUrl": "javascript:alert(1)"}))["data"]
    assert bad["organizationUpdate"] == {"__typename": "ValidationError", "field": "logoUrl",
                                         "rule": "format"}
    blank = (await gql(ORG_UPDATE, "admin", input={"name": None}))["data"]
    assert blank["organizationUpdate"] == {"__typename": "ValidationError", "field": "name",
                                           "rule": "required"}
    refused = (await gql(ORG_UPDATE, "mkt.chen", input={"name": "改名"}))["data"]
    assert refused["organizationUpdate"] == {"__typename": "ForbiddenError", "action": "update"}
    stale = (await gql(ORG_UPDATE, "admin", v=1, input={"name": "改名"}))["data"]
    assert stale["organizationUpdate"] == {"__typename": "ConflictError", "currentVersion": 2}
    row = await Organization.get()
    assert (row.name, row.version) == ("苏州云帆科技有限公司", 2)
    read = await gql("{ organization { name mainBusiness } }", "rep.li")
    assert read["data"]["organization"] == {"name": "苏州云帆科技有限公司",
                                            "mainBusiness": "工业软件"}
    assert [e.action for e in await AuditEvent.filter(object_type="organization")] == [
        "create", "update"]
