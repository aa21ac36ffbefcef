"""Issue 11: request limits — query cost, introspection and suggestions, rate limits, and the
file routes' parameters (400 before a byte of the file)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import redis.asyncio as aioredis

from engine import auth
from engine.authz import Principal
from engine.settings import Settings
from server import create_app
from tests.conftest import REDIS_URL, CampaignFactory
from tests.schema.conftest import Gql

NESTED = """{ customers(first: 100) { edges { node { followUps(first: 100) { edges { node {
  customer { followUps(first: 100) { edges { node { id } } } } } } } } } } }"""


def _token(settings: Settings, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {auth.issue_token(settings, user)}"}


async def _client(settings: Settings) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)),
                             base_url="http://promoflow.test")


async def test_a_100x100x100_nested_query_costs_too_much(org: dict[str, Principal],
                                                         gql: Gql) -> None:
    body = await gql(NESTED, "admin")
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > 1_000_000 and error["extensions"]["maxCost"] == 50_000
    assert body.get("data") is None


async def test_a_variable_first_counts_as_the_largest_page(org: dict[str, Principal],
                                                           gql: Gql) -> None:
    query = """query($n: Int) { customers(first: $n) { edges { node { followUps(first: $n) {
      edges { node { id customer { followUps(first: $n) { edges { node { id } } } } } } } } } } }"""
    body = await gql(query, "admin", n=1)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


async def test_an_ordinary_page_is_well_within_the_cost(org: dict[str, Principal],
                                                        gql: Gql) -> None:
    body = await gql("""{ customers(first: 100) { totalCount edges { node { id code name
      followUps(first: 20) { edges { node { id summary status dueAt } } } } } } }""", "admin")
    assert "errors" not in body, body


async def test_introspection_needs_a_token_by_default(org: dict[str, Principal], gql: Gql,
                                                      http: httpx.AsyncClient) -> None:
    anonymous = (await http.post("/graphql", json={"query": "{ __schema { types { name } } }"}))
    assert "introspection" in anonymous.json()["errors"][0]["message"].lower()
    signed_in = await gql("{ __schema { queryType { name } } }", "rep.li")
    assert signed_in["data"]["__schema"]["queryType"]["name"] == "Query"


@pytest.mark.parametrize(("setting", "anonymous", "signed_in"), [
    ({"introspection": True, "introspection_anonymous": True}, True, True),
    ({"introspection": False}, False, False),
])
async def test_introspection_can_be_opened_or_closed_fully(
        org: dict[str, Principal], test_settings: Settings, setting: dict[str, Any],
        anonymous: bool, signed_in: bool) -> None:
    settings = test_settings.with_(**setting)
    async with await _client(settings) as client:
        for headers, expected in (({}, anonymous), (_token(settings, "rep.li"), signed_in)):
            response = await client.post("/graphql", headers=headers,
                                         json={"query": "{ __schema { queryType { name } } }"})
            assert ("errors" not in response.json()) is expected, response.json()


async def test_no_suggestions_without_introspection(org: dict[str, Principal],
                                                    test_settings: Settings) -> None:
    typo = "{ customerz { totalCount } }"
    async with await _client(test_settings) as client:
        anonymous = await client.post("/graphql", json={"query": typo})
        signed_in = await client.post("/graphql", json={"query": typo},
                                      headers=_token(test_settings, "rep.li"))
    assert anonymous.json()["errors"][0]["message"] == \
        "Cannot query field 'customerz' on type 'Query'."
    assert "Did you mean" in signed_in.json()["errors"][0]["message"]
    closed = test_settings.with_(introspection=False)
    async with await _client(closed) as client:
        body = (await client.post("/graphql", headers=_token(closed, "rep.li"), json={
            "query": "query($s: [CustomerStage!]) { customers(filter: {stage: $s}) "
                     "{ totalCount } }", "variables": {"s": ["INTENTT"]}})).json()
    assert body["errors"] and not any("Did you mean" in e["message"] for e in body["errors"])


async def test_failed_tokens_are_rate_limited_per_client(org: dict[str, Principal],
                                                         test_settings: Settings) -> None:
    # given: 300 bad tokens in a burst
    statuses: list[int] = []
    async with await _client(test_settings) as client:
        for i in range(300):
            response = await client.post("/graphql", json={"query": "{ me { id } }"},
                                         headers={"Authorization": f"Bearer bad{i}"})
            statuses.append(response.status_code)
        last = await client.post("/graphql", json={"query": "{ me { id } }"},
                                 headers={"Authorization": "Bearer bad"})
        # a good token is not a failure: a user behind the same address still works
        good = await client.post("/graphql", json={"query": "{ me { id } }"},
                                 headers=_token(test_settings, "rep.li"))
    # then: 20 answered 401, the rest 429 with Retry-After
    assert statuses.count(401) == 20 and statuses.count(429) == 280
    assert last.status_code == 429 and 1 <= int(last.headers["retry-after"]) <= 60
    assert last.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert good.status_code == 200


MARK = "mutation { r: notificationMarkRead(all: true) { __typename } }"


async def test_mutations_are_rate_limited_per_user(org: dict[str, Principal],
                                                   test_settings: Settings) -> None:
    settings = test_settings.with_(rate_limit_mutations="3/minute")
    async with await _client(settings) as client:
        answers = [await client.post("/graphql", json={"query": MARK},
                                     headers=_token(settings, "rep.li")) for _ in range(4)]
        other = await client.post("/graphql", json={"query": MARK},
                                  headers=_token(settings, "rep.wang"))
        query = await client.post("/graphql", json={"query": "{ me { id } }"},
                                  headers=_token(settings, "rep.li"))
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert int(refused.headers["retry-after"]) >= 1
    assert other.status_code == 200 and query.status_code == 200


@pytest.fixture
async def redis_keys() -> AsyncIterator[aioredis.Redis]:
    client = aioredis.from_url(REDIS_URL)
    yield client
    await client.aclose()


@pytest.mark.redis
async def test_with_redis_the_limits_live_in_the_deployments_namespace(
        org: dict[str, Principal], test_settings: Settings,
        redis_keys: aioredis.Redis) -> None:
    prefix = f"pf-limits-test-{uuid.uuid4().hex[:8]}"
    settings = test_settings.with_(redis_url=REDIS_URL, redis_prefix_setting=prefix,
                                   rate_limit_mutations="2/minute")
    from engine.ratelimit import MUTATIONS, RateLimits

    limits = RateLimits(settings)
    verdicts = [await limits.hit(MUTATIONS, "user:1") for _ in range(3)]
    assert [v.allowed for v in verdicts] == [True, True, False]
    keys = [k.decode() for k in await redis_keys.keys(f"*{prefix}*")]
    assert keys and all(k.startswith(f"{prefix}:limits:") for k in keys), keys
    # a second process of the deployment counts with the first
    assert not (await RateLimits(settings).check(MUTATIONS, "user:1")).allowed
    await redis_keys.delete(*keys)


async def test_export_parameters_are_checked_before_the_file(
        org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings,
        make_campaign: CampaignFactory) -> None:
    await make_campaign()
    headers = _token(test_settings, "admin")
    for url, field, rule in (
            ("/exports/customers.csv?search=a%00b", "search", "characters"),
            ("/exports/effect-analysis.csv?from=0001-01-01&to=9999-12-31", "from", "range"),
            ("/exports/effect-analysis.csv?from=1990-01-01&to=2026-12-31", "to",
             "max_period"),
            ("/exports/customers.csv?industry=" + "x" * 3000, "industry", "max_length")):
        response = await http.get(url, headers=headers)
        assert response.status_code == 400, (url, response.text[:300])
        assert response.json()["errors"][0]["extensions"] == {
            "code": "VALIDATION", "field": field, "rule": rule}, url


async def test_report_parameters_are_checked(org: dict[str, Principal],
                                             http: httpx.AsyncClient, test_settings: Settings,
                                             make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign()
    headers = _token(test_settings, "admin")
    for url, field in ((f"/reports/campaigns/{campaign.code}%00/review.html", "key"),
                       (f"/reports/campaigns/{campaign.id}/review.html?from=0001-01-01"
                        "&to=9999-12-31", "from")):
        response = await http.get(url, headers=headers)
        assert response.status_code == 400, (url, response.text[:300])
        assert response.json()["errors"][0]["extensions"]["field"] == field


def _count(text: str, operation: str, outcome: str) -> float:
    wanted = (f'operation="{operation}"', f'outcome="{outcome}"')
    return sum(float(line.rpartition(" ")[2]) for line in text.splitlines()
               if line.startswith("promoflow_graphql_requests_total{")
               and all(w in line for w in wanted))


async def test_refusals_are_counted_as_refused_or_invalid_never_internal(
        org: dict[str, Principal], test_settings: Settings) -> None:
    settings = test_settings.with_(rate_limit_mutations="1/minute")
    cases = [
        ("query($s: String) { customers(filter: {search: $s}) { totalCount } }",
         {"s": "a\x00b"}, "customers", "refused"),
        ("mutation { webhookRedeliver(deliveryId: \"abc\") { __typename } }", {},
         "webhookRedeliver", "refused"),
        ("mutation { webhookRedeliver(deliveryId: \"abc\") { __typename } }", {},
         "webhookRedeliver", "refused"),  # the second within the minute: rate limited
        (NESTED, {}, "customers", "invalid"),
    ]
    async with await _client(settings) as client:
        before = (await client.get("/metrics")).text
        for query, variables, _, _ in cases:
            await client.post("/graphql", json={"query": query, "variables": variables},
                              headers=_token(settings, "admin"))
        after = (await client.get("/metrics")).text
    for operation, outcome, times in (("customers", "refused", 1),
                                      ("webhookRedeliver", "refused", 2),
                                      ("customers", "invalid", 1)):
        assert _count(after, operation, outcome) - _count(before, operation, outcome) == times
    for operation in ("customers", "webhookRedeliver"):
        assert _count(after, operation, "internal") == _count(before, operation, "internal")
