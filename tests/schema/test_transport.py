"""HTTP transport, authentication and hardening of the GraphQL endpoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

import schema as schema_package
from engine import auth
from engine.authz import Principal
from engine.services import customers
from engine.settings import Settings
from server import create_app
from tests.schema.conftest import Gql

ROOT = Path(__file__).resolve().parents[2]


def test_committed_sdl_matches_the_schema() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema_package.sdl(), (
        "schema.graphql is out of date: run `python -m schema > schema.graphql` and review "
        "the contract change"
    )


def test_every_type_and_field_has_a_description() -> None:
    built = schema_package.build_schema(Settings())
    missing: list[str] = []
    for name, gtype in built._schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Boolean", "ID", "Float",
                                             "Date", "DateTime", "Decimal", "JSON"}:
            continue
        if not getattr(gtype, "description", None):
            missing.append(name)
        for fname, field in (getattr(gtype, "fields", None) or {}).items():
            if not field.description:
                missing.append(f"{name}.{fname}")
            for aname, arg in (getattr(field, "args", None) or {}).items():
                if not arg.description:
                    missing.append(f"{name}.{fname}({aname})")
        for vname, value in (getattr(gtype, "values", None) or {}).items():
            if not value.description:
                missing.append(f"{name}.{vname}")
    assert missing == []


async def test_no_token_is_unauthenticated(gql: Gql) -> None:
    body = await gql("{ me { username } }")
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not.a.jwt",
        "Basic dXNlcjpwYXNz",
        "Bearer " + jwt.encode({"sub": "admin", "iat": 0, "exp": 1, "iss": "promoflow"},
                               "x" * 40, algorithm="HS256"),
    ],
)
async def test_bad_tokens_get_401(http: httpx.AsyncClient, header: str) -> None:
    response = await http.post("/graphql", json={"query": "{ me { username } }"},
                               headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_expired_and_foreign_tokens_get_401(
    org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings
) -> None:
    expired = auth.issue_token(test_settings, "admin", ttl_seconds=-10)
    forged = auth.issue_token(test_settings.with_(jwt_secret="y" * 40), "admin")
    for token in (expired, forged):
        response = await http.post("/graphql", json={"query": "{ me { username } }"},
                                   headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401


async def test_inactive_user_is_refused(
    org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings
) -> None:
    from engine.models import User

    await User.filter(username="rep.li").update(active=False)
    token = auth.issue_token(test_settings, "rep.li")
    response = await http.post("/graphql", json={"query": "{ me { username } }"},
                               headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


async def test_mutations_are_refused_over_get(
    org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings
) -> None:
    token = auth.issue_token(test_settings, "admin")
    response = await http.get(
        "/graphql",
        params={"query": 'mutation { departmentCreate(code: "x", name: "X") { __typename } }'},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert "mutations are not allowed when using GET" in response.text
    from engine.models import Department

    assert not await Department.filter(code="x").exists()


async def test_queries_work_over_get(
    org: dict[str, Principal], http: httpx.AsyncClient, test_settings: Settings
) -> None:
    token = auth.issue_token(test_settings, "rep.li")
    response = await http.get("/graphql", params={"query": "{ me { username } }"},
                              headers={"Authorization": f"Bearer {token}"})
    assert response.json() == {"data": {"me": {"username": "rep.li"}}}


async def test_graphiql_is_served_to_browsers(http: httpx.AsyncClient) -> None:
    response = await http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


async def test_depth_alias_and_token_limits(org: dict[str, Principal], gql: Gql) -> None:
    deep = "{ customers { edges { node { followUps { edges { node { customer { followUps {" \
        " edges { node { customer { owner { department { name } } } } } } } } } } } } } }"
    body = await gql(deep, "admin")
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: me {{ username }}" for i in range(30)) + " }"
    body = await gql(aliases, "admin")
    assert "aliases" in body["errors"][0]["message"]
    tokens = "{ me { " + " ".join(["username"] * 4000) + " } }"
    body = await gql(tokens, "admin")
    assert "token" in body["errors"][0]["message"].lower()


async def test_unexpected_errors_are_masked_with_an_id(
    org: dict[str, Principal], gql: Gql, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError('relation "customer" SELECT password FROM secrets')

    monkeypatch.setattr(customers, "list_", broken)
    body = await gql("{ customers { totalCount } }", "admin")
    error = body["errors"][0]
    assert error["message"].startswith("Internal error (reference ")
    assert error["extensions"]["code"] == "INTERNAL"
    text = str(body)
    assert "SELECT" not in text and "Traceback" not in text and "customers.py" not in text
    assert any(getattr(r, "error_id", None) == error["extensions"]["errorId"]
               for r in caplog.records)


async def test_introspection_can_be_switched_off(test_settings: Settings) -> None:
    app = create_app(test_settings.with_(introspection=False))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as client:
        response = await client.post("/graphql", json={"query": "{ __schema { types { name } } }"})
    assert "introspection" in response.json()["errors"][0]["message"].lower()


async def test_health_and_request_ids(http: httpx.AsyncClient) -> None:
    health = await http.get("/healthz")
    assert health.json() == {"status": "ok"}
    tagged = await http.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert tagged.headers["x-request-id"] == "abc-123"
    assert len((await http.get("/healthz")).headers["x-request-id"]) == 32
