"""Settings, read once from the environment into one immutable object.

Only the CLI, the server factory and the test harness call `Settings.from_env`; every
other module receives the object or reads it through `current()`.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEV_JWT_SECRET = "promoflow-development-secret-do-not-use-in-production"
# Tokens from an identity provider are signed with its private key: only public-key
# algorithms may verify them (an HS* entry would let the public key act as a secret).
PUBLIC_KEY_ALGORITHMS = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
                                   "ES256", "ES384", "ES512", "EdDSA"})


class SettingsError(ValueError):
    """A setting has a value the engine cannot use; the message names the variable."""


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name}={raw!r}: expected true/false")


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r}: expected an integer") from None
    if value < minimum:
        raise SettingsError(f"{name}={raw!r}: must be at least {minimum}")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r}: expected a number") from None
    if value <= 0:
        raise SettingsError(f"{name}={raw!r}: must be above 0")
    return value


def _choice(env: Mapping[str, str], name: str, default: str, allowed: tuple[str, ...]) -> str:
    raw = (env.get(name) or default).strip().lower()
    value = {"1": "true", "yes": "true", "on": "true", "0": "false", "no": "false",
             "off": "false"}.get(raw, raw)
    if value not in allowed:
        raise SettingsError(f"{name}={raw!r}: expected one of {', '.join(allowed)}")
    return value


_RATE = re.compile(r"^\s*\d+\s*(/|per)\s*(\d+\s*)?(second|minute|hour|day)s?\s*$", re.I)


def _rate(env: Mapping[str, str], name: str, default: str) -> str:
    """A rate limit in the `limits` notation ("20/minute", "100 per hour"); empty: off."""
    raw = env.get(name)
    if raw is None:
        return default
    if raw.strip() and not _RATE.match(raw):
        raise SettingsError(f"{name}={raw!r}: expected a rate like 20/minute (or empty: off)")
    return raw.strip()


def _time_or_none(env: Mapping[str, str], name: str) -> time | None:
    raw = env.get(name)
    if not raw:
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r}: expected HH:MM") from None


def _algorithms(env: Mapping[str, str]) -> tuple[str, ...]:
    raw = env.get("JWT_ALGORITHMS") or "RS256"
    names = tuple(dict.fromkeys(a.strip() for a in raw.split(",") if a.strip()))
    bad = [a for a in names if a not in PUBLIC_KEY_ALGORITHMS]
    if bad or not names:
        raise SettingsError(
            f"JWT_ALGORITHMS={raw!r}: expected public-key algorithms from "
            f"{', '.join(sorted(PUBLIC_KEY_ALGORITHMS))} (HS256 tokens use JWT_SECRET)")
    return names


def _public_key(env: Mapping[str, str]) -> str | None:
    """JWT_PUBLIC_KEY: the PEM itself (literal \\n allowed, as env files write it) or the
    path of a PEM file."""
    raw = (env.get("JWT_PUBLIC_KEY") or "").strip()
    if not raw:
        return None
    if raw.startswith("-----BEGIN"):
        return raw.replace("\\n", "\n")
    path = Path(raw)
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        raise SettingsError(
            f"JWT_PUBLIC_KEY={raw[:60]!r}: neither a PEM public key nor a readable PEM file"
        ) from None
    if "-----BEGIN" not in text:
        raise SettingsError(f"JWT_PUBLIC_KEY={raw!r}: the file holds no PEM key")
    return text


def normalise_database_url(url: str) -> str:
    """Accept the common spellings of a PostgreSQL URL and relative SQLite paths."""
    if url.startswith(("postgresql://", "postgresql+asyncpg://", "psql://")):
        return "postgres://" + url.split("://", 1)[1]
    if url.startswith(("postgres://", "sqlite://")):
        return url
    raise SettingsError(
        f"DATABASE_URL={url!r}: expected sqlite://PATH or postgres://USER@HOST:PORT/DB"
    )


def database_dialect(url: str) -> str:
    return "postgres" if url.startswith("postgres://") else "sqlite"


def deployment_id(database_url: str) -> str:
    """A short id of the database a deployment uses (its password left out, so rotating it
    changes nothing): processes on one database share it, deployments on two differ."""
    identity = re.sub(r"://([^:@/]+):[^@/]*@", r"://\1@", database_url)
    if identity.startswith("sqlite://"):
        identity = "sqlite://" + os.path.realpath(identity.removeprefix("sqlite://"))
    return hashlib.sha256(identity.encode()).hexdigest()[:10]


_PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,62}$")


@dataclass(frozen=True)
class Settings:
    database_url: str = field(
        default_factory=lambda: f"sqlite://{Path.cwd() / 'promoflow.sqlite3'}"
    )
    redis_url: str | None = None
    jwt_secret: str = DEV_JWT_SECRET
    jwt_ttl_seconds: int = 12 * 3600
    jwt_issuer: str = "promoflow"  # of the HS256 tokens the engine itself signs
    # The portal's identity provider (docs/api.md "Authentication"): its keys as a JWKS URL
    # or one PEM public key, the issuer and audience its tokens must carry.
    jwt_jwks_url: str | None = None
    jwt_public_key: str | None = None
    idp_issuer: str | None = None
    idp_audience: str | None = None
    jwt_algorithms: tuple[str, ...] = ("RS256",)
    jwt_username_claim: str = "sub"
    jwks_timeout_seconds: float = 5.0
    jwks_cache_seconds: float = 300.0
    jwks_min_refresh_seconds: float = 30.0
    timezone: str = "Asia/Shanghai"
    workday_end: time | None = None  # overrides the calendar's end of the working day
    # GRAPHQL_INTROSPECTION: `authenticated` (default: introspection for signed-in
    # callers only), `true` (anyone), `false` (nobody)
    introspection: bool = True
    introspection_anonymous: bool = False
    graphiql: bool = True
    graphiql_assets_dir: str | None = None  # default: engine/graphiql-assets
    max_query_depth: int = 12
    max_aliases: int = 20
    max_tokens: int = 3000
    # issue 11, docs/security.md: request limits
    max_query_cost: int = 50_000
    max_body_bytes: int = 1_000_000
    max_upload_bytes: int = 65_000_000  # an import's 64 MB file and its form
    max_json_depth: int = 32
    rate_limit_auth_failures: str = "20/minute"  # per client address; "" switches it off
    rate_limit_mutations: str = "300/minute"  # per user
    webhook_allowed_hosts: tuple[str, ...] = ()  # internal hosts webhooks may still reach
    log_level: str = "INFO"
    log_format: str = "json"
    allowed_origins: tuple[str, ...] = ()
    embedded_scheduler: bool = True
    scheduler_interval_seconds: int = 60
    # RFM's standing window: how old its score boundaries and segment tally may grow before
    # the job ranks everyone again (docs/pipeline-rfm.md)
    rfm_refresh_seconds: int = 300
    escalation_file: str | None = None
    webhook_max_attempts: int = 6
    webhook_backoff_seconds: float = 10.0
    webhook_timeout_seconds: float = 10.0
    redis_prefix_setting: str | None = None  # REDIS_PREFIX; None: derived from the database
    metrics_enabled: bool = True
    metrics_token: str | None = None
    metrics_dir_setting: str | None = None  # PROMOFLOW_METRICS_DIR; "" switches it off

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        defaults = cls()
        tz = env.get("PROMOFLOW_TIMEZONE") or defaults.timezone
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"PROMOFLOW_TIMEZONE={tz!r}: unknown time zone") from None
        log_format = (env.get("LOG_FORMAT") or defaults.log_format).lower()
        if log_format not in {"json", "text"}:
            raise SettingsError(f"LOG_FORMAT={log_format!r}: expected json or text")
        origins = tuple(o.strip() for o in env.get("ALLOWED_ORIGINS", "").split(",") if o.strip())
        prefix = env.get("REDIS_PREFIX") or None
        if prefix is not None and not _PREFIX.match(prefix):
            raise SettingsError(f"REDIS_PREFIX={prefix!r}: use 1-63 letters, digits and _.:- "
                                "(no spaces), e.g. promoflow-acme")
        metrics_token = env.get("METRICS_TOKEN") or None
        if metrics_token is not None and len(metrics_token) < 16:
            raise SettingsError("METRICS_TOKEN: use at least 16 characters")
        introspection = _choice(env, "GRAPHQL_INTROSPECTION", "authenticated",
                                ("authenticated", "true", "false"))
        jwks_url = (env.get("JWT_JWKS_URL") or "").strip() or None
        public_key = _public_key(env)
        issuer = (env.get("JWT_ISSUER") or "").strip() or None
        audience = (env.get("JWT_AUDIENCE") or "").strip() or None
        if jwks_url and public_key:
            raise SettingsError("set JWT_JWKS_URL or JWT_PUBLIC_KEY, not both")
        if jwks_url and not jwks_url.startswith(("https://", "http://")):
            raise SettingsError(f"JWT_JWKS_URL={jwks_url!r}: expected an http(s) URL")
        if (jwks_url or public_key) and not (issuer and audience):
            # without them any token the IdP signs for any other application would do
            raise SettingsError("JWT_JWKS_URL / JWT_PUBLIC_KEY need JWT_ISSUER and JWT_AUDIENCE")
        return cls(
            database_url=normalise_database_url(env.get("DATABASE_URL") or defaults.database_url),
            redis_url=env.get("REDIS_URL") or None,
            jwt_secret=env.get("JWT_SECRET") or DEV_JWT_SECRET,
            jwt_ttl_seconds=_int(env, "JWT_TTL_SECONDS", defaults.jwt_ttl_seconds, minimum=60),
            jwt_jwks_url=jwks_url,
            jwt_public_key=public_key,
            idp_issuer=issuer,
            idp_audience=audience,
            jwt_algorithms=_algorithms(env),
            jwt_username_claim=(env.get("JWT_USERNAME_CLAIM") or "").strip() or "sub",
            jwks_timeout_seconds=_float(env, "JWT_JWKS_TIMEOUT_SECONDS",
                                        defaults.jwks_timeout_seconds),
            jwks_cache_seconds=_float(env, "JWT_JWKS_CACHE_SECONDS", defaults.jwks_cache_seconds),
            jwks_min_refresh_seconds=_float(env, "JWT_JWKS_MIN_REFRESH_SECONDS",
                                            defaults.jwks_min_refresh_seconds),
            timezone=tz,
            workday_end=_time_or_none(env, "PROMOFLOW_WORKDAY_END"),
            introspection=introspection != "false",
            introspection_anonymous=introspection == "true",
            graphiql=_bool(env, "GRAPHIQL", defaults.graphiql),
            graphiql_assets_dir=env.get("GRAPHIQL_ASSETS_DIR") or None,
            max_query_depth=_int(env, "GRAPHQL_MAX_DEPTH", defaults.max_query_depth, minimum=2),
            max_aliases=_int(env, "GRAPHQL_MAX_ALIASES", defaults.max_aliases, minimum=1),
            max_tokens=_int(env, "GRAPHQL_MAX_TOKENS", defaults.max_tokens, minimum=100),
            max_query_cost=_int(env, "GRAPHQL_MAX_COST", defaults.max_query_cost, minimum=100),
            max_body_bytes=_int(env, "HTTP_MAX_BODY_BYTES", defaults.max_body_bytes,
                                minimum=10_000),
            max_upload_bytes=_int(env, "HTTP_MAX_UPLOAD_BYTES", defaults.max_upload_bytes,
                                  minimum=10_000),
            max_json_depth=_int(env, "JSON_MAX_DEPTH", defaults.max_json_depth, minimum=8),
            rate_limit_auth_failures=_rate(env, "RATE_LIMIT_AUTH_FAILURES",
                                           defaults.rate_limit_auth_failures),
            rate_limit_mutations=_rate(env, "RATE_LIMIT_MUTATIONS",
                                       defaults.rate_limit_mutations),
            webhook_allowed_hosts=tuple(
                h.strip().lower() for h in env.get("WEBHOOK_ALLOWED_HOSTS", "").split(",")
                if h.strip()),
            log_level=(env.get("LOG_LEVEL") or defaults.log_level).upper(),
            log_format=log_format,
            allowed_origins=origins,
            embedded_scheduler=_bool(env, "PROMOFLOW_EMBEDDED_SCHEDULER", True),
            scheduler_interval_seconds=_int(
                env, "PROMOFLOW_SCHEDULER_INTERVAL", defaults.scheduler_interval_seconds, minimum=1
            ),
            rfm_refresh_seconds=_int(env, "PROMOFLOW_RFM_REFRESH_SECONDS",
                                     defaults.rfm_refresh_seconds, minimum=10),
            escalation_file=env.get("PROMOFLOW_ESCALATION_FILE") or None,
            webhook_max_attempts=_int(env, "WEBHOOK_MAX_ATTEMPTS", defaults.webhook_max_attempts,
                                      minimum=1),
            webhook_backoff_seconds=_float(env, "WEBHOOK_BACKOFF_SECONDS",
                                           defaults.webhook_backoff_seconds),
            webhook_timeout_seconds=_float(env, "WEBHOOK_TIMEOUT_SECONDS",
                                           defaults.webhook_timeout_seconds),
            redis_prefix_setting=prefix,
            metrics_enabled=_bool(env, "METRICS_ENABLED", defaults.metrics_enabled),
            metrics_token=metrics_token,
            metrics_dir_setting=env.get("PROMOFLOW_METRICS_DIR"),
        )

    @property
    def dialect(self) -> str:
        return database_dialect(self.database_url)

    @property
    def deployment_id(self) -> str:
        return deployment_id(self.database_url)

    @property
    def redis_prefix(self) -> str:
        """The namespace of every Redis key, queue, job id and channel of this deployment."""
        return self.redis_prefix_setting or f"promoflow:{self.deployment_id}"

    @property
    def metrics_dir(self) -> str | None:
        """Where this host's processes of the deployment count their metrics together
        (None: each process counts on its own)."""
        if self.metrics_dir_setting == "":
            return None
        return self.metrics_dir_setting or os.path.join(
            tempfile.gettempdir(), "promoflow-metrics", self.deployment_id)

    @property
    def uses_dev_secret(self) -> bool:
        return self.jwt_secret == DEV_JWT_SECRET

    @property
    def graphiql_assets_path(self) -> Path:
        if self.graphiql_assets_dir:
            return Path(self.graphiql_assets_dir)
        return Path(__file__).resolve().parent / "graphiql-assets"

    @property
    def idp_configured(self) -> bool:
        return bool(self.jwt_jwks_url or self.jwt_public_key)

    @property
    def hs256_enabled(self) -> bool:
        """HS256 tokens (`promoflow token`, a portal with the shared secret) are accepted,
        except with an identity provider and no JWT_SECRET of the operator's own: the
        public development secret must never open a server that trusts an IdP."""
        return not self.idp_configured or not self.uses_dev_secret

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


_current: Settings | None = None


def configure(settings: Settings) -> Settings:
    """Install the process-wide settings (called once by the CLI, server or tests)."""
    global _current
    _current = settings
    return settings


def current() -> Settings:
    if _current is None:
        raise RuntimeError("settings are not configured: call engine.settings.configure() first")
    return _current
