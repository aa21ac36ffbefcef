"""Authentication: HS256 bearer tokens naming a user of the engine's own user table.

A token carries only the username; the role and department are read from the database
on every request, so an admin's change takes effect at once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt

from engine.errors import Unauthenticated
from engine.settings import Settings

ALGORITHM = "HS256"


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


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("expected 'Authorization: Bearer <token>'")
    return token.strip()
