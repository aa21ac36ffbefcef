"""Authentication: bearer tokens naming a user of the engine's own user table.

Two kinds of token: HS256 signed with JWT_SECRET (what `promoflow token` prints), and
tokens of the portal's identity provider, verified with its public keys (JWT_JWKS_URL or
JWT_PUBLIC_KEY) and its issuer and audience. Either way a token carries only the
username; the role, department and whether the user is active are read from the database
on every request, so an admin's change takes effect at once and no claim in a token ever
grants a right.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from engine.errors import Unauthenticated
from engine.jwks import KeySet
from engine.settings import Settings, SettingsError

ALGORITHM = "HS256"
HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
IDP_LEEWAY_SECONDS = 30  # clock skew between the IdP and this server


def issue_token(settings: Settings, username: str, ttl_seconds: int | None = None) -> str:
    # Wall-clock time, not engine.clock: PyJWT checks `exp` against the real clock.
    now = datetime.now(UTC)
    ttl = ttl_seconds if ttl_seconds is not None else settings.jwt_ttl_seconds
    claims = {
        "sub": username,
        "iss": settings.jwt_issuer,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl)).timestamp()),
    }
    return jwt.encode(claims, settings.jwt_secret, algorithm=ALGORITHM)


def username_from_token(settings: Settings, token: str) -> str:
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret,
            algorithms=[ALGORITHM],
            issuer=settings.jwt_issuer,
            options={"require": ["sub", "exp", "iat"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("the token has expired") from None
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(f"invalid token: {exc}") from None
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub:
        raise Unauthenticated("invalid token: no subject")
    return sub


class TokenVerifier:
    """Turns a bearer token into a username, by the token's own `alg` header: HS* tokens
    with JWT_SECRET (when HS256 is enabled), anything else only with the IdP's keys and
    only in JWT_ALGORITHMS — so `alg: none`, and an HS256 token "signed" with the IdP's
    public key, are refused. One per app: it holds the JWKS cache."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.keyset = (
            KeySet(settings.jwt_jwks_url, timeout=settings.jwks_timeout_seconds,
                   max_age=settings.jwks_cache_seconds,
                   min_interval=settings.jwks_min_refresh_seconds)
            if settings.jwt_jwks_url else None
        )
        self.public_key: Any = None
        if settings.jwt_public_key:
            try:
                self.public_key = load_pem_public_key(settings.jwt_public_key.encode())
            except (ValueError, TypeError) as exc:
                raise SettingsError(f"JWT_PUBLIC_KEY: not a usable public key ({exc})") from None

    async def username(self, token: str) -> str:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated(f"invalid token: {exc}") from None
        alg = header.get("alg")
        if alg in HMAC_ALGORITHMS:
            if not self.settings.hs256_enabled:
                raise Unauthenticated(
                    "HS256 tokens are not accepted here: sign in through the identity provider")
            return username_from_token(self.settings, token)
        if not self.settings.idp_configured:
            raise Unauthenticated(f"invalid token: algorithm {alg!r} is not accepted")
        if alg not in self.settings.jwt_algorithms:
            raise Unauthenticated(f"invalid token: algorithm {alg!r} is not accepted")
        kid = header.get("kid")
        if self.keyset is not None:
            key = await self.keyset.key(kid if isinstance(kid, str) else None)
        else:
            assert self.public_key is not None
            key = self.public_key
        return self._claims_username(token, key, str(alg))

    def _claims_username(self, token: str, key: Any, alg: str) -> str:
        claim = self.settings.jwt_username_claim
        try:
            claims = jwt.decode(
                token, key, algorithms=[alg], issuer=self.settings.idp_issuer,
                audience=self.settings.idp_audience, leeway=IDP_LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud", claim]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the token has expired") from None
        except jwt.PyJWTError as exc:  # also a key that does not fit the algorithm
            raise Unauthenticated(f"invalid token: {exc}") from None
        value = claims.get(claim)
        if not isinstance(value, str) or not value.strip():
            raise Unauthenticated(f"invalid token: no username in claim {claim!r}")
        # engine usernames are lower-case; IdPs often keep the case people typed
        return value.strip().lower()


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("expected 'Authorization: Bearer <token>'")
    return token.strip()
