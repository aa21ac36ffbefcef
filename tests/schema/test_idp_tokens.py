"""Tokens from the portal's identity provider, against a real JWKS server on 127.0.0.1.

The JWKS endpoint is a small threaded HTTP server the test starts: it can rotate keys,
go down (503) or hang past the engine's timeout, and counts the requests it gets.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from engine import settings as settings_module
from engine.authz import Principal
from engine.models import User
from engine.settings import Settings, SettingsError
from server import create_app
from tests.conftest import TEST_SECRET

ISSUER = "https://idp.example.cn/realms/portal"
AUDIENCE = "promoflow"
ME = "{ me { username role department { code } } }"


class Idp:
    """Signing keys, and the JWKS document the endpoint serves (`published` kids)."""

    def __init__(self) -> None:
        self.keys: dict[str, Any] = {}
        self.published: list[str] = []
        self.mode = "up"  # up | down | slow
        self.requests = 0

    def new_key(self, kid: str) -> None:
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def document(self) -> bytes:
        jwks = []
        for kid in self.published:
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.keys[kid].public_key()))
            jwks.append(jwk | {"kid": kid, "use": "sig", "alg": "RS256"})
        return json.dumps({"keys": jwks}).encode()

    def token(self, kid: str, sub: str = "rep.li", **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": AUDIENCE, "sub": sub, "iat": now, "exp": now + 600}
        return jwt.encode(body | claims, self.keys[kid], algorithm="RS256",
                          headers={"kid": kid})


@pytest.fixture
def idp() -> Iterator[tuple[Idp, str]]:
    state = Idp()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests += 1
            if state.mode == "slow":
                time.sleep(2)
            if state.mode == "down":
                self.send_response(503)
                self.end_headers()
                return
            body = state.document()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{httpd.server_address[1]}/protocol/openid-connect/certs"
    httpd.shutdown()
    httpd.server_close()


def idp_settings(base: Settings, **changes: Any) -> Settings:
    defaults: dict[str, Any] = {"idp_issuer": ISSUER, "idp_audience": AUDIENCE,
                                "jwt_algorithms": ("RS256",), "jwks_timeout_seconds": 0.5,
                                "jwks_cache_seconds": 300, "jwks_min_refresh_seconds": 0.3}
    return base.with_(**(defaults | changes))


@pytest.fixture
async def client_for(test_settings: Settings) -> AsyncIterator[Any]:
    """An HTTP client on an app built with the given settings."""
    clients: list[httpx.AsyncClient] = []

    def make(settings: Settings) -> httpx.AsyncClient:
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(settings)),
                                   base_url="http://promoflow.test")
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()
    settings_module.configure(test_settings)


async def ask(client: httpx.AsyncClient, token: str, query: str = ME) -> httpx.Response:
    return await client.post("/graphql", json={"query": query},
                             headers={"Authorization": f"Bearer {token}"})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


async def test_idp_token_names_a_user_whose_role_comes_from_the_engine(
    org: dict[str, Principal], idp: tuple[Idp, str], test_settings: Settings, client_for: Any,
) -> None:
    state, url = idp
    state.new_key("k1")
    state.published = ["k1"]
    client = client_for(idp_settings(test_settings, jwt_jwks_url=url))
    # when: a token that also claims an admin role and groups
    token = state.token("k1", role="admin", roles=["admin"], groups=["/admin"])
    response = await ask(client, token)
    # then: the user is rep.li with rep.li's role from the user table, nothing more
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"username": "rep.li", "role": "SALES_REP",
                                               "department": {"code": "east"}}}}
    again = await ask(client, state.token("k1", sub="mgr.east"))
    assert again.json()["data"]["me"]["role"] == "SALES_MANAGER"
    assert state.requests == 1, "the key set is cached"
    # HS256 tokens of the engine keep working beside the IdP (JWT_SECRET is set)
    from engine import auth

    hs = auth.issue_token(test_settings, "dir.sun")
    assert (await ask(client, hs)).json()["data"]["me"]["username"] == "dir.sun"


async def test_key_rotation_refreshes_on_an_unknown_kid(
    org: dict[str, Principal], idp: tuple[Idp, str], test_settings: Settings, client_for: Any,
) -> None:
    state, url = idp
    state.new_key("k1")
    state.published = ["k1"]
    client = client_for(idp_settings(test_settings, jwt_jwks_url=url))
    assert (await ask(client, state.token("k1"))).status_code == 200
    # when: the IdP rotates to k2 (and later drops k1)
    state.new_key("k2")
    state.published = ["k2"]
    await asyncio.sleep(0.35)  # past the refetch rate limit of these settings
    response = await ask(client, state.token("k2"))
    # then: one refetch, and the new key's tokens work at once
    assert response.status_code == 200 and state.requests == 2
    # a made-up kid right after is refused without another request (rate limit)
    forged = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "admin",
                         "exp": int(time.time()) + 60}, state.keys["k2"], algorithm="RS256",
                        headers={"kid": "nope"})
    refused = await ask(client, forged)
    assert refused.status_code == 401 and state.requests == 2
    assert "not among the identity provider's keys" in refused.json()["errors"][0]["message"]


@pytest.mark.parametrize(("case", "message"), [
    ("expired", "the token has expired"),
    ("wrong_issuer", "Invalid issuer"),
    ("wrong_audience", "Audience doesn't match"),
    ("no_audience", 'Token is missing the "aud" claim'),
    ("alg_none", "algorithm 'none' is not accepted"),
    ("hs256_with_public_key", "Signature verification failed"),
    ("other_key_same_kid", "Signature verification failed"),
    ("unknown_user", "user 'ghost' is unknown or inactive"),
    ("inactive_user", "user 'rep.wang' is unknown or inactive"),
    ("no_subject", 'Token is missing the "sub" claim'),
])
async def test_bad_idp_tokens_are_refused_with_401(
    org: dict[str, Principal], idp: tuple[Idp, str], test_settings: Settings, client_for: Any,
    case: str, message: str,
) -> None:
    state, url = idp
    state.new_key("k1")
    state.published = ["k1"]
    client = client_for(idp_settings(test_settings, jwt_jwks_url=url))
    now = int(time.time())
    public_pem = state.keys["k1"].public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    if case == "expired":
        token = state.token("k1", iat=now - 3600, exp=now - 120)
    elif case == "wrong_issuer":
        token = state.token("k1", iss="https://evil.example.cn")
    elif case == "wrong_audience":
        token = state.token("k1", aud="another-app")
    elif case == "no_audience":
        token = jwt.encode({"iss": ISSUER, "sub": "rep.li", "exp": now + 60},
                           state.keys["k1"], algorithm="RS256", headers={"kid": "k1"})
    elif case == "alg_none":
        token = ".".join([_b64(b'{"alg":"none","typ":"JWT","kid":"k1"}'),
                          _b64(json.dumps({"iss": ISSUER, "aud": AUDIENCE, "sub": "admin",
                                           "exp": now + 60}).encode()), ""])
    elif case == "hs256_with_public_key":
        # the classic confusion: HMAC "signed" with the IdP's public key as the secret
        head = _b64(b'{"alg":"HS256","typ":"JWT","kid":"k1"}')
        body = _b64(json.dumps({"iss": "promoflow", "aud": AUDIENCE, "sub": "admin",
                                "iat": now, "exp": now + 60}).encode())
        sig = hmac.new(public_pem, f"{head}.{body}".encode(), hashlib.sha256).digest()
        token = f"{head}.{body}.{_b64(sig)}"
    elif case == "other_key_same_kid":
        state.new_key("evil")
        token = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "admin", "exp": now + 60},
                           state.keys["evil"], algorithm="RS256", headers={"kid": "k1"})
    elif case == "unknown_user":
        token = state.token("k1", sub="ghost")
    elif case == "inactive_user":
        await User.filter(username="rep.wang").update(active=False)
        token = state.token("k1", sub="rep.wang")
    else:
        token = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "exp": now + 60},
                           state.keys["k1"], algorithm="RS256", headers={"kid": "k1"})
    response = await ask(client, token)
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "UNAUTHENTICATED"}
    assert message in error["message"]


async def test_idp_down_keeps_serving_cached_keys_with_a_timeout(
    org: dict[str, Principal], idp: tuple[Idp, str], test_settings: Settings, client_for: Any,
) -> None:
    state, url = idp
    state.new_key("k1")
    state.published = ["k1"]
    # a cache that is always stale: every request tries to refresh (rate-limited)
    client = client_for(idp_settings(test_settings, jwt_jwks_url=url, jwks_cache_seconds=0.01,
                                     jwks_min_refresh_seconds=0.01))
    assert (await ask(client, state.token("k1"))).status_code == 200
    for mode in ("down", "slow"):
        # when: the IdP answers 503, or hangs past the engine's 0.5 s timeout
        state.mode = mode
        before = state.requests
        started = time.perf_counter()
        await asyncio.sleep(0.02)
        response = await ask(client, state.token("k1"))
        elapsed = time.perf_counter() - started
        # then: the cached key still verifies, after one (failed) refresh within the timeout
        assert response.status_code == 200, (mode, response.text)
        assert state.requests == before + 1 and elapsed < 1.5, (mode, elapsed)
    # a rotated key cannot be learnt while the IdP is down: refused, not hanging
    state.mode = "down"
    state.new_key("k2")
    await asyncio.sleep(0.02)
    assert (await ask(client, state.token("k2"))).status_code == 401
    # and once it is back, the new key works
    state.mode = "up"
    state.published = ["k1", "k2"]
    await asyncio.sleep(0.02)
    assert (await ask(client, state.token("k2"))).status_code == 200


async def test_idp_never_reached_refuses_quickly(
    org: dict[str, Principal], test_settings: Settings, client_for: Any,
) -> None:
    # nothing listens on this port: no keys at all yet
    client = client_for(idp_settings(test_settings, jwt_jwks_url="http://127.0.0.1:9/jwks"))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "rep.li",
                        "exp": int(time.time()) + 60}, key, algorithm="RS256",
                       headers={"kid": "k1"})
    response = await ask(client, token)
    assert response.status_code == 401
    assert "could not be fetched" in response.json()["errors"][0]["message"]


async def test_pem_public_key_with_es256_and_another_username_claim(
    org: dict[str, Principal], test_settings: Settings, client_for: Any, tmp_path: Any,
) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    (tmp_path / "idp.pem").write_bytes(pem)
    # the settings as an operator writes them: a file path, ES256, preferred_username
    settings = Settings.from_env({
        "DATABASE_URL": test_settings.database_url, "JWT_SECRET": TEST_SECRET,
        "JWT_PUBLIC_KEY": str(tmp_path / "idp.pem"), "JWT_ISSUER": ISSUER,
        "JWT_AUDIENCE": AUDIENCE, "JWT_ALGORITHMS": "ES256",
        "JWT_USERNAME_CLAIM": "preferred_username",
    })
    client = client_for(settings.with_(embedded_scheduler=False))
    now = int(time.time())
    token = jwt.encode({"iss": ISSUER, "aud": [AUDIENCE, "account"], "sub": "f1e2-uuid",
                        "preferred_username": "Mgr.West", "exp": now + 60}, key,
                       algorithm="ES256")
    response = await ask(client, token)
    assert response.json()["data"]["me"]["username"] == "mgr.west"
    rs = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    wrong_alg = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "preferred_username": "mgr.west",
                            "exp": now + 60}, rs, algorithm="RS256")
    assert (await ask(client, wrong_alg)).status_code == 401


async def test_without_a_secret_of_its_own_an_idp_server_refuses_hs256(
    org: dict[str, Principal], idp: tuple[Idp, str], test_settings: Settings, client_for: Any,
) -> None:
    from engine import auth
    from engine.settings import DEV_JWT_SECRET

    _, url = idp
    settings = idp_settings(test_settings, jwt_jwks_url=url, jwt_secret=DEV_JWT_SECRET)
    assert not settings.hs256_enabled
    client = client_for(settings)
    forged = auth.issue_token(settings, "admin")  # anyone can sign with the public dev secret
    response = await ask(client, forged)
    assert response.status_code == 401
    assert "sign in through the identity provider" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(("env", "message"), [
    ({"JWT_JWKS_URL": "https://idp/jwks"}, "need JWT_ISSUER and JWT_AUDIENCE"),
    ({"JWT_JWKS_URL": "ftp://idp/jwks", "JWT_ISSUER": "i", "JWT_AUDIENCE": "a"},
     r"expected an http\(s\) URL"),
    ({"JWT_ALGORITHMS": "RS256,HS256"}, "expected public-key algorithms"),
    ({"JWT_ALGORITHMS": "none"}, "expected public-key algorithms"),
    ({"JWT_PUBLIC_KEY": "/no/such.pem", "JWT_ISSUER": "i", "JWT_AUDIENCE": "a"},
     "neither a PEM public key"),
    ({"JWT_JWKS_URL": "https://idp/jwks", "JWT_PUBLIC_KEY": "-----BEGIN x", "JWT_ISSUER": "i",
      "JWT_AUDIENCE": "a"}, "not both"),
])
def test_bad_idp_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)
