from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import pytest

from engine import auth
from engine.settings import Settings
from server import create_app


@pytest.fixture(autouse=True)
def _fresh_database(clean_db: None) -> None:
    """Every API test starts from empty tables on the run's real database."""


@pytest.fixture
def app(test_settings: Settings) -> Any:
    return create_app(test_settings)


Gql = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
async def http(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://promoflow.test"
    ) as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient, test_settings: Settings) -> Gql:
    """POST a GraphQL operation as `user` (None: no token); returns the JSON body."""

    async def call(query: str, user: str | None = None, **variables: Any) -> dict[str, Any]:
        headers = {}
        if user is not None:
            headers["Authorization"] = f"Bearer {auth.issue_token(test_settings, user)}"
        response = await http.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    return call
