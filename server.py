"""The Starlette app: GraphQL (+ GraphiQL, websockets), health, readiness and metrics.

The lifespan opens the database, loads and validates workflows and policies; pure-ASGI
middleware binds the database context, tags each request with an id, logs and counts it,
and resolves the bearer token into a principal.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import os
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from arq import create_pool
from arq.connections import RedisSettings
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route, WebSocketRoute
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET
from tortoise.context import TortoiseContext

from engine import boot, db, metrics, migrate, monitoring, realtime, runtime, scheduler
from engine import log as engine_log
from engine import settings as settings_module
from engine.auth import TokenVerifier, bearer_token
from engine.errors import Unauthenticated
from engine.log import request_id
from engine.services import imports, org, organization
from engine.settings import Settings
from schema import build_schema, http_exports, http_graphiql, http_reports
from schema.context import Context

log = logging.getLogger("promoflow.server")
PRINCIPAL_KEY = "promoflow.principal"
# Paths that never carry a user's bearer token (the metrics scraper sends its own).
NO_USER_AUTH = ("/metrics", "/healthz", "/readyz")
ROUTES = ("/graphql", "/healthz", "/readyz", "/metrics", "/exports", "/reports")


def route_label(path: str) -> str:
    """A bounded label for a request path (ids and file names left out)."""
    for route in ROUTES:
        if path == route or path.startswith(route + "/"):
            return route
    return "/" if path == "/" else "other"


class PromoflowGraphQL(GraphQL[Context, None]):
    def __init__(self, app_settings: Settings, verifier: TokenVerifier,
                 ide: http_graphiql.LocalGraphiQL) -> None:
        super().__init__(
            build_schema(app_settings),
            graphql_ide="graphiql" if app_settings.graphiql else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            allowed_origins=app_settings.allowed_origins,
            # importStart takes a file (GraphQL multipart request spec). Safe from CSRF here:
            # every operation needs a bearer token, which browsers never attach by themselves.
            multipart_uploads_enabled=True,
        )
        self.app_settings = app_settings
        self.verifier = verifier
        self.ide = ide

    async def render_graphql_ide(self, request: Any) -> Response:
        # strawberry's page loads its scripts from a public CDN; ours from this server
        return self.ide.render()

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(
            request=request,
            response=response,
            settings=self.app_settings,
            principal=request.scope.get(PRINCIPAL_KEY),
        )

    async def on_ws_connect(self, context: Context) -> Any:
        """Websockets authenticate in connection_init: {"Authorization": "Bearer …"}.

        Browsers cannot set headers on a websocket; a header on the upgrade also works.
        """
        if context.principal is not None:
            return UNSET
        params = context.connection_params if isinstance(context.connection_params, dict) \
            else {}
        raw = params.get("Authorization") or params.get("authorization")
        if not raw and params.get("token"):
            raw = f"Bearer {params['token']}"
        try:
            token = bearer_token(str(raw) if raw else None)
            if token is None:
                raise Unauthenticated("send the bearer token in connection_init")
            principal = await org.principal_for_username(await self.verifier.username(token))
        except Unauthenticated:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED"}) from None
        if principal is None:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED"})
        context.principal = principal
        return UNSET


def _unauthorized(message: str) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer realm="promoflow"'},
    )


class Authenticate:
    """Resolve `Authorization: Bearer …` into a Principal (None when no header is sent).

    A bad, expired or unknown-user token is refused here with 401, before GraphQL runs.
    """

    def __init__(self, app: Any, verifier: TokenVerifier) -> None:
        self.app = app
        self.verifier = verifier

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or scope["path"] in NO_USER_AUTH:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        raw = headers.get(b"authorization")
        try:
            token = bearer_token(raw.decode("latin-1") if raw else None)
            if token is not None:
                username = await self.verifier.username(token)
                principal = await org.principal_for_username(username)
                if principal is None:
                    raise Unauthenticated(f"user {username!r} is unknown or inactive")
                scope[PRINCIPAL_KEY] = principal
        except Unauthenticated as exc:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 4401, "reason": exc.message})
                return
            await _unauthorized(exc.message)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class Unavailable:
    """A database that cannot be reached (restarting, failing over) answers 503 with
    Retry-After, as a JSON error, instead of an internal error; logged as a warning."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = {"sent": False}

        async def watch(message: Any) -> None:
            if message["type"] == "http.response.start":
                started["sent"] = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if not db.is_unavailable(exc) or started["sent"]:
                raise
            log.warning("database unavailable: %s answered 503", scope["path"],
                        extra={"error": repr(exc)[:300]})
            response = JSONResponse(
                {"errors": [{"message": "the database is unavailable; retry shortly",
                             "extensions": {"code": "UNAVAILABLE"}}]},
                status_code=503, headers={"Retry-After": "5"})
            await response(scope, receive, send)


class RequestLog:
    """Give each request an id (X-Request-ID, kept if the caller sent one) and log it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")[:64]
        rid = given if given.replace("-", "").isalnum() else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = {"code": 500}

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            metrics.HTTP_REQUESTS.labels(route_label(scope["path"]), str(status["code"])).inc()
            if scope["path"] not in ("/healthz", "/readyz", "/metrics"):
                principal = scope.get(PRINCIPAL_KEY)
                log.info(
                    "%s %s %s", scope["method"], scope["path"], status["code"],
                    extra={
                        "status": status["code"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                        "user": principal.username if principal else None,
                    },
                )
            request_id.reset(token)


LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _metrics_refusal(app_settings: Settings, request: Request) -> Response | None:
    """Who may scrape: with METRICS_TOKEN set, whoever sends it as a bearer token; without
    one, only clients on this machine (loopback). METRICS_ENABLED=false: nobody."""
    if not app_settings.metrics_enabled:
        return Response(status_code=404)
    if app_settings.metrics_token:
        sent = request.headers.get("authorization", "")
        expected = f"Bearer {app_settings.metrics_token}"
        if hmac.compare_digest(sent.encode(), expected.encode()):
            return None
        return JSONResponse({"error": "send METRICS_TOKEN as a bearer token"}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer realm="promoflow-metrics"'})
    client = request.client.host if request.client else ""
    if client in LOOPBACK or client.startswith("127."):
        return None
    return JSONResponse({"error": "metrics are open to loopback only; set METRICS_TOKEN to "
                                  "scrape from elsewhere"}, status_code=403)


def _leave_metrics() -> None:
    """This process's open-subscription gauge stops counting when it stops."""
    path = metrics.multiprocess_dir()
    if path:
        from prometheus_client import multiprocess

        with contextlib.suppress(OSError):
            multiprocess.mark_process_dead(os.getpid(), path)


def create_app(app_settings: Settings | None = None) -> Starlette:
    app_settings = settings_module.configure(app_settings or Settings.from_env())
    if not logging.getLogger().handlers:
        # a process of its own (`serve --workers N` spawns them): the CLI's logging set-up
        # was in the parent, so set the same up here
        engine_log.setup(app_settings.log_level, app_settings.log_format)
    holder: dict[str, TortoiseContext] = {}
    state: dict[str, Any] = {"ready": False}

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        boot.load_definitions(app_settings)
        ctx = await db.open_context(app_settings.database_url)
        holder["ctx"] = ctx
        token = db.bind(ctx)
        background: list[asyncio.Task[None]] = []
        local_queue: scheduler.LocalQueue | None = None
        redis: Any = None
        try:
            behind = await migrate.pending_files(db.connection(), app_settings.database_url)
            if behind:
                raise RuntimeError(
                    f"the database schema is behind ({len(behind)} migration(s) not applied: "
                    f"{', '.join(behind)}); run `promoflow migrate`"
                )
            await organization.check_timezone(app_settings)
            if app_settings.uses_dev_secret and app_settings.hs256_enabled:
                log.warning(
                    "JWT_SECRET is not set: tokens are signed with the public development "
                    "secret. Anyone can forge them. Set JWT_SECRET before real use."
                )
            if app_settings.redis_url:
                # Workers run the jobs; this process enqueues them and, through Redis
                # pub/sub, pushes every process's notifications to its own subscribers.
                namespace = app_settings.redis_prefix
                redis = await create_pool(RedisSettings.from_dsn(app_settings.redis_url),
                                          default_queue_name=runtime.queue_name(namespace))
                runtime.configure(runtime.ArqQueue(redis, namespace),
                                  realtime.RedisPublisher(redis, namespace))
                listening = asyncio.Event()
                background.append(asyncio.create_task(
                    realtime.bridge(redis, realtime.broker(), namespace, listening)))
                await asyncio.wait_for(listening.wait(), timeout=10)
            else:
                # Embedded mode: no workers, so this process runs the jobs itself.
                local_queue = scheduler.LocalQueue(ctx)
                runtime.configure(local_queue, realtime.broker())
                if app_settings.embedded_scheduler:
                    background.append(asyncio.create_task(
                        scheduler.run_forever(app_settings.scheduler_interval_seconds)))
            state["ready"] = True
            yield
        finally:
            state["ready"] = False
            await imports.stop_running()  # imports of this process: marked failed, not lost
            for task in background:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if local_queue is not None:
                await local_queue.close()
            runtime.configure(None, None)
            if redis is not None:
                await redis.aclose()
            db.unbind(token)
            await ctx.close_connections()
            _leave_metrics()

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        checks: dict[str, str] = {}
        try:
            await db.ping(db.connection())
            checks["database"] = "ok"
        except Exception as exc:  # a readiness probe reports, it does not raise
            checks["database"] = f"error: {type(exc).__name__}"
        ok = state["ready"] and all(v == "ok" for v in checks.values())
        return Response(
            json.dumps({"status": "ready" if ok else "not ready", "checks": checks}),
            status_code=200 if ok else 503,
            media_type="application/json",
        )

    async def home(_: Request) -> Response:
        return RedirectResponse("/graphql")

    async def metrics_endpoint(request: Request) -> Response:
        refusal = _metrics_refusal(app_settings, request)
        if refusal is not None:
            return refusal
        try:
            state = await monitoring.state_families()
        except Exception:  # the counters still answer when the database is away
            log.warning("metrics: the deployment's state could not be read", exc_info=True)
            state = []
        return Response(metrics.render(state), media_type=metrics.CONTENT_TYPE)

    verifier = TokenVerifier(app_settings)
    ide = http_graphiql.LocalGraphiQL(app_settings.graphiql_assets_path)
    graphql = PromoflowGraphQL(app_settings, verifier, ide)
    return Starlette(
        routes=[
            Route("/", home),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/metrics", metrics_endpoint),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            *ide.routes(),
            *http_reports.routes(PRINCIPAL_KEY),
            *http_exports.routes(PRINCIPAL_KEY),
        ],
        middleware=[
            Middleware(db.BindContext, holder=holder),
            Middleware(RequestLog),
            Middleware(Unavailable),
            Middleware(Authenticate, verifier=verifier),
        ],
        lifespan=lifespan,
    )
