"""Issue 11: hostile input gets a typed refusal naming the field — never INTERNAL, never 5xx.

Every input of the issue's list, through HTTP as a portal (or an attacker) sends it.
"""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any

import httpx
import jwt
import pytest
import strawberry

from engine import auth
from engine.authz import Principal
from engine.settings import Settings
from schema import input_limits
from schema.errors import ERROR_TYPES, NotFoundError, ValidationError
from server import create_app
from tests.conftest import CampaignFactory, CustomerFactory
from tests.schema.conftest import Gql

NUL = "a\x00b"


def _no_internal(body: dict[str, Any]) -> None:
    codes = [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]
    assert "INTERNAL" not in codes, body


def _refusal(body: dict[str, Any], key: str) -> dict[str, Any]:
    """The ValidationError member (a mutation) or the GraphQL error (a query)."""
    _no_internal(body)
    data = (body.get("data") or {}).get(key)
    if isinstance(data, dict) and data.get("__typename") == "ValidationError":
        return data
    (error,) = body["errors"]
    return {"field": error["extensions"]["field"], "rule": error["extensions"]["rule"],
            "code": error["extensions"]["code"]}


@pytest.mark.parametrize(("query", "variables", "field"), [
    ("query($v: String) { customers(filter: {search: $v}) { totalCount } }", {}, "filter.search"),
    ("query($v: String) { customers(filter: {industry: $v}) { totalCount } }", {},
     "filter.industry"),
    ("query($v: String) { customers(filter: {ownerUsername: $v}) { totalCount } }", {},
     "filter.ownerUsername"),
    ("query($v: String) { followUps(filter: {customerCode: $v}) { totalCount } }", {},
     "filter.customerCode"),
    ("query($v: String) { users(filter: {search: $v}) { totalCount } }", {}, "filter.search"),
    ("query($v: String!) { permissionExplain(username: $v, action: \"read\", "
     "objectType: \"customer\") { allowed } }", {}, "username"),
])
async def test_a_nul_byte_in_any_string_argument_is_refused_naming_it(
        org: dict[str, Principal], gql: Gql, query: str, variables: dict[str, Any],
        field: str) -> None:
    # when
    body = await gql(query, "admin", v=NUL, **variables)
    # then
    refusal = _refusal(body, "")
    assert (refusal["field"], refusal["rule"], refusal["code"]) == (field, "characters",
                                                                   "VALIDATION")


async def test_a_nul_byte_in_a_mutation_is_its_validation_error_member(
        org: dict[str, Principal], gql: Gql, make_customer: CustomerFactory) -> None:
    # given
    customer = await make_customer("rep.li")
    # when
    body = await gql("""mutation($id: ID!, $v: String!) { r: customerReassign(id: $id,
        ownerUsername: $v) { __typename ... on ValidationError { field rule code } } }""",
                     "mgr.east", id=str(customer.id), v=NUL)
    # then
    assert body["data"]["r"] == {"__typename": "ValidationError", "field": "ownerUsername",
                                 "rule": "characters", "code": "VALIDATION"}
    assert "errors" not in body


async def test_a_lone_surrogate_in_a_variable_is_refused_before_graphql(
        org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings) -> None:
    # given: JSON may escape half of a surrogate pair; Python decodes it to a lone half
    body = ('{"query": "query($v: String) { customers(filter: {search: $v}) { totalCount } }",'
            ' "variables": {"v": "x\\ud800y"}}')
    # when
    response = await http.post("/graphql", content=body, headers={
        "Content-Type": "application/json", **_auth(test_settings, "admin")})
    # then
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "VALIDATION", "field": "variables.v",
                                   "rule": "characters"}


async def test_a_body_that_is_not_utf8_is_a_400(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", content=b'{"query": "{ me { id } }\xff"}',
                               headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["rule"] == "encoding"


async def test_variables_nested_100000_deep_are_refused_unparsed(
        http: httpx.AsyncClient) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    body = '{"query": "query($v: JSON) { me { id } }", "variables": {"v": ' + deep + "}}"
    response = await http.post("/graphql", content=body,
                               headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["rule"] == "json_depth"


async def test_a_body_over_the_limit_is_413_before_it_is_read(
        org: dict[str, Principal], test_settings: Settings) -> None:
    # given: 2,000,000 ids, ~18 MB
    app = create_app(test_settings)
    ids = ",".join(f'"{i}"' for i in range(2_000_000))
    body = ('{"query": "mutation($ids: [ID!]) { notificationMarkRead(ids: $ids) '
            '{ __typename } }", "variables": {"ids": [' + ids + "]}}")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        # when
        response = await client.post("/graphql", content=body, headers={
            "Content-Type": "application/json", **_auth(test_settings, "rep.li")})
    # then
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


def _cursor(values: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", ["WzFlOTk5XQ", _cursor([2**80]), _cursor([True]),
                                    _cursor(["12"]), "%%%", "x" * 5000])
async def test_tampered_cursors_are_refused(org: dict[str, Principal], gql: Gql,
                                            cursor: str) -> None:
    body = await gql("query($a: String) { customers(after: $a) { totalCount } }", "admin",
                     a=cursor)
    refusal = _refusal(body, "")
    assert refusal["field"] == "after"
    assert refusal["rule"] in ("cursor", "max_length")


@pytest.mark.parametrize(("query", "field"), [
    ("query($id: ID!) { campaignEffect(id: $id, from: \"0001-01-01\", to: \"9999-12-31\") "
     "{ newCustomers } }", "from"),
    ("query($id: ID!) { campaignEffect(id: $id, from: \"1990-01-01\", to: \"2026-12-31\") "
     "{ newCustomers } }", "to"),
    ("{ channelComparison(from: \"0001-01-01\", to: \"9999-12-31\") { totalRevenue } }",
     "from"),
])
async def test_dates_at_the_ends_of_the_calendar_are_refused(
        org: dict[str, Principal], gql: Gql, make_campaign: CampaignFactory, query: str,
        field: str) -> None:
    campaign = await make_campaign()
    variables = {"id": str(campaign.id)} if "$id" in query else {}
    refusal = _refusal(await gql(query, "admin", **variables), "")
    assert refusal["field"] == field
    assert refusal["rule"] in ("range", "max_period")


async def test_a_due_time_in_year_9999_is_the_follow_ups_validation_error(
        org: dict[str, Principal], gql: Gql, make_customer: CustomerFactory) -> None:
    customer = await make_customer("rep.li")
    body = await gql("""mutation($c: ID!) { r: followUpCreate(input: {customerId: $c,
        method: PHONE, summary: "s", feedback: POSITIVE, nextAction: "call",
        dueAt: "9999-12-31T23:59:59Z"}) { __typename ... on ValidationError { field rule } } }""",
                     "rep.li", c=str(customer.id))
    assert body["data"]["r"] == {"__typename": "ValidationError", "field": "dueAt",
                                 "rule": "range"}


@pytest.mark.parametrize(("query", "key", "field"), [
    ("mutation($ids: [ID!]) { r: notificationMarkRead(ids: $ids) { __typename "
     "... on ValidationError { field rule } } }", "r", "ids"),
    ("query($ids: [ID!]) { channelComparison(campaignIds: $ids) { totalRevenue } }", "",
     "campaignIds"),
])
async def test_more_ids_than_a_list_takes_are_refused(
        org: dict[str, Principal], gql: Gql, query: str, key: str, field: str) -> None:
    body = await gql(query, "admin", ids=[str(i) for i in range(1, 40_000)])
    refusal = _refusal(body, key)
    assert (refusal["field"], refusal["rule"]) == (field, "max_items")


async def test_webhook_redeliver_with_a_bad_id_is_a_validation_error(
        org: dict[str, Principal], gql: Gql) -> None:
    body = await gql("""mutation { r: webhookRedeliver(deliveryId: "abc") { __typename
        ... on ValidationError { field rule } } }""", "admin")
    assert body["data"]["r"] == {"__typename": "ValidationError", "field": "deliveryId",
                                 "rule": "format"}


async def test_import_start_without_a_file_is_a_validation_error(
        org: dict[str, Principal], gql: Gql) -> None:
    body = await gql("""mutation { r: importStart(file: "not-a-file", kind: CUSTOMERS) {
        __typename ... on ValidationError { field rule } } }""", "admin")
    assert body["data"]["r"] == {"__typename": "ValidationError", "field": "file",
                                 "rule": "type"}


async def test_a_1mb_search_is_refused_without_running_a_query(
        org: dict[str, Principal], gql: Gql) -> None:
    body = await gql("query($s: String) { customers(filter: {search: $s}) { totalCount } }",
                     "admin", s="x" * 900_000)
    refusal = _refusal(body, "")
    assert (refusal["field"], refusal["rule"]) == ("filter.search", "max_length")


async def test_a_signed_token_whose_subject_holds_nul_is_401(
        org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings) -> None:
    token = jwt.encode({"sub": "rep\x00li", "iss": "promoflow", "iat": 1, "exp": 2**40},
                       test_settings.jwt_secret, algorithm="HS256")
    response = await http.post("/graphql", json={"query": "{ me { id } }"},
                               headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def _auth(settings: Settings, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {auth.issue_token(settings, user)}"}


@strawberry.type
class Thing:
    id: int


ThingResult = Annotated[Thing | NotFoundError, strawberry.union("ThingResult")]


@strawberry.type
class ThingQuery:
    @strawberry.field
    async def thing(self) -> ThingResult:
        return ValidationError(message="bad id", code="VALIDATION", field="id",  # type: ignore[return-value]
                               rule="format")


async def test_a_typed_error_its_union_does_not_list_becomes_a_graphql_error() -> None:
    # given: a resolver answering a ValidationError its result union does not name
    schema = strawberry.Schema(query=ThingQuery, types=ERROR_TYPES)
    input_limits.install(schema._schema)
    # when
    result = await schema.execute("{ thing { __typename } }")
    # then
    assert result.errors is not None
    (error,) = result.errors
    assert error.message == "bad id"
    assert error.extensions == {"code": "VALIDATION", "field": "id", "rule": "format"}


async def test_an_upload_named_with_a_nul_is_refused(
        org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings) -> None:
    # given: a multipart body written by hand (clients percent-encode such a name)
    operations = json.dumps({"query": "mutation($f: Upload!) { r: importStart(file: $f, "
                             "kind: CUSTOMERS) { __typename ... on ValidationError { field "
                             "rule } } }", "variables": {"f": None}})
    parts = [(b'name="operations"', operations.encode()),
             (b'name="map"', b'{"0": ["variables.f"]}'),
             (b'name="0"; filename="a\x00.csv"', b"x,y\r\n")]
    body = b"".join(b"--B\r\nContent-Disposition: form-data; " + head + b"\r\n\r\n" + data
                    + b"\r\n" for head, data in parts) + b"--B--\r\n"
    # when
    response = await http.post("/graphql", content=body, headers={
        "Content-Type": "multipart/form-data; boundary=B", **_auth(test_settings, "admin")})
    # then
    assert response.status_code == 200, response.text
    assert response.json()["data"]["r"] == {"__typename": "ValidationError",
                                            "field": "file.filename", "rule": "characters"}


async def test_an_upload_over_its_limit_is_413(
        org: dict[str, Principal], test_settings: Settings) -> None:
    app = create_app(test_settings.with_(max_upload_bytes=50_000))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        response = await client.post(
            "/graphql", headers=_auth(test_settings, "admin"),
            data={"operations": json.dumps({"query": "mutation($f: Upload!) { importStart("
                                            "file: $f, kind: CUSTOMERS) { __typename } }",
                                            "variables": {"f": None}}),
                  "map": json.dumps({"0": ["variables.f"]})},
            files={"0": ("big.csv", b"x" * 60_000, "text/csv")})
    assert response.status_code == 413
