"""Webhooks from the outbox via arq: signed, retried with backoff, never for a rollback."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
import uvicorn
from arq.connections import ArqRedis
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from engine import audit, outbox, runtime
from engine.authz import Principal
from engine.models import WebhookAttempt, WebhookDelivery
from engine.services import customers, webhooks
from engine.settings import Settings
from engine.worker import make_worker
from tests.conftest import CustomerFactory
from tests.worker.conftest import wait_for


@dataclass
class Receiver:
    url: str
    fail_first: int = 0
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    calls: int = 0


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A webhook receiver on loopback (a real HTTP server in this process)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rec = Receiver(url=f"http://127.0.0.1:{port}/hook")

    async def hook(request: Request) -> Response:
        rec.calls += 1
        body = await request.body()
        if rec.calls <= rec.fail_first:
            return JSONResponse({"error": "not now"}, status_code=503)
        rec.received.append((dict(request.headers), body))
        return JSONResponse({"ok": True})

    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/hook", hook,
                                                                   methods=["POST"])]),
                                           host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield rec
    server.should_exit = True
    await task


@pytest.fixture
async def worker(test_settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[None]:
    """An arq worker in this process, with fast retries; the test enqueues through Redis."""
    fast = test_settings.with_(webhook_backoff_seconds=0.3, webhook_max_attempts=3,
                               webhook_timeout_seconds=5.0)
    from engine import settings as settings_module

    settings_module.configure(fast)
    runtime.configure(runtime.ArqQueue(redis_pool, fast.redis_prefix), None)
    w = make_worker(fast, redis_pool=redis_pool, handle_signals=False, cron_jobs=[],
                    poll_delay=0.05)
    task = asyncio.create_task(w.async_run())
    yield
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    # arq's close() cancels the jobs still running and re-raises their CancelledError:
    # let the ones in flight (the per-second fan-out) finish first.
    await asyncio.wait_for(asyncio.gather(*w.tasks.values(), return_exceptions=True), 30)
    await w.close()
    runtime.configure(None, None)
    settings_module.configure(test_settings)


async def _endpoint(org: dict[str, Principal], rec: Receiver, owner: str = "admin",
                    types: list[str] | None = None) -> webhooks.EndpointCreated:
    return await webhooks.create_endpoint(org["admin"], url=rec.url,
                                          event_types=types or ["customer.*"],
                                          owner_username=owner)


def _verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    parts = dict(p.split("=", 1) for p in headers["x-promoflow-signature"].split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(parts["v1"], expected) and parts["t"] == \
        headers["x-promoflow-timestamp"]


async def test_signed_delivery_masked_for_the_owner(
    org: dict[str, Principal], make_customer: CustomerFactory, receiver: Receiver,
    worker: None,
) -> None:
    made = await _endpoint(org, receiver, owner="mkt.chen")  # marketing: contacts masked
    customer = await make_customer()
    await wait_for(lambda: _received(receiver, 1), timeout=20)
    headers, body = receiver.received[0]
    assert _verify(made.secret, headers, body)
    assert headers["x-promoflow-event"] == "customer.create"
    payload = json.loads(body)
    assert payload["type"] == "customer.create"
    assert payload["object"]["code"] == customer.code
    assert payload["object"]["contact_phone"] == "138****8000"
    assert payload["object"]["contact_masked"] is True
    assert payload["change"]["changes"]["contact_phone"] == [None, "138****8000"]
    # the receiver answers before the worker records the answer: wait for the record
    delivery = await _delivered(endpoint_id=made.endpoint.id)
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


async def test_each_delivery_carries_the_record_as_its_change_left_it(
    org: dict[str, Principal], make_customer: CustomerFactory, receiver: Receiver,
    worker: None,
) -> None:
    # given: an endpoint for customer changes
    await _endpoint(org, receiver, types=["customer.qualify", "customer.negotiate"])
    customer = await make_customer()
    # when: two stage changes follow each other within a second
    rep = org["rep.li"]
    await customers.advance_stage(rep, customer.id, "qualify", expected_version=1)
    await customers.advance_stage(rep, customer.id, "negotiate", expected_version=2)
    await wait_for(lambda: _received(receiver, 2), timeout=20)
    # then: each delivery shows the stage and version its own change produced
    seen = sorted((json.loads(body)["type"], json.loads(body)["object"]["stage"],
                   json.loads(body)["object"]["version"]) for _, body in receiver.received)
    assert seen == [("customer.negotiate", "NEGOTIATION", 3),
                    ("customer.qualify", "INTENT", 2)]


async def test_retried_with_backoff_until_delivered(
    org: dict[str, Principal], make_customer: CustomerFactory, receiver: Receiver,
    worker: None,
) -> None:
    receiver.fail_first = 2
    made = await _endpoint(org, receiver)
    await make_customer()
    await wait_for(lambda: _received(receiver, 1), timeout=30)
    delivery = await _delivered(endpoint_id=made.endpoint.id)
    attempts = await WebhookAttempt.filter(delivery_id=delivery.id).order_by("attempt")
    assert [(a.attempt, a.status_code) for a in attempts] == [(1, 503), (2, 503), (3, 200)]
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    gaps = [(b.at - a.at).total_seconds() for a, b in itertools.pairwise(attempts)]
    assert gaps[0] >= 0.3 and gaps[1] >= 0.6  # exponential backoff
    assert receiver.calls == 3


async def test_dead_lettered_then_redelivered(
    org: dict[str, Principal], make_customer: CustomerFactory, receiver: Receiver,
    worker: None,
) -> None:
    receiver.fail_first = 3  # the worker allows three attempts
    made = await _endpoint(org, receiver)
    await make_customer()

    async def dead() -> bool:
        d = await WebhookDelivery.get_or_none(endpoint_id=made.endpoint.id)
        return d is not None and d.status == "dead"

    await wait_for(dead, timeout=30)
    first = await WebhookDelivery.get(endpoint_id=made.endpoint.id)
    again = await webhooks.redeliver(org["admin"], first.id)
    await wait_for(lambda: _received(receiver, 1), timeout=20)
    assert (await _delivered(id=again.id)).status == "delivered"
    assert json.loads(receiver.received[0][1])["id"] == first.event_key


async def test_a_switched_off_endpoint_gets_no_more_tries(
    org: dict[str, Principal], make_customer: CustomerFactory, receiver: Receiver,
    worker: None,
) -> None:
    receiver.fail_first = 100  # keeps failing: retries are due every 0.3 s, 0.6 s, …
    made = await _endpoint(org, receiver)
    await make_customer()

    async def tried_once() -> bool:
        return receiver.calls >= 1

    await wait_for(tried_once, timeout=20)
    await webhooks.update_endpoint(org["admin"], made.endpoint.id, active=False)

    async def dead() -> bool:
        d = await WebhookDelivery.get_or_none(endpoint_id=made.endpoint.id)
        return d is not None and d.status == "dead"

    await wait_for(dead, timeout=20)
    delivery = await WebhookDelivery.get(endpoint_id=made.endpoint.id)
    assert delivery.last_error == "endpoint switched off"
    assert delivery.attempts < 3 and receiver.calls == delivery.attempts
    assert receiver.received == []


async def test_nothing_for_a_rolled_back_change(
    org: dict[str, Principal], receiver: Receiver, worker: None
) -> None:
    await _endpoint(org, receiver, types=["*"])
    with pytest.raises(RuntimeError):
        async with outbox.atomic() as conn:
            await audit.write_event(conn, org["admin"], "customer", 999, "update",
                                    changes={"name": ["a", "b"]})
            raise RuntimeError("roll back")
    await asyncio.sleep(2)
    deliveries = [d.event_type for d in await WebhookDelivery.all()]
    assert "customer.update" not in deliveries
    assert receiver.received == [] or all(
        json.loads(b)["type"] != "customer.update" for _, b in receiver.received)


async def _delivered(**where: int) -> WebhookDelivery:
    """The delivery once the worker has recorded its outcome (it answers after the receiver)."""

    async def recorded() -> bool:
        d = await WebhookDelivery.get_or_none(**where)
        return d is not None and d.status != "pending"

    await wait_for(recorded, timeout=20)
    return await WebhookDelivery.get(**where)


async def _received(rec: Receiver, n: int) -> bool:
    return len(rec.received) >= n


