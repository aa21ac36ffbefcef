"""Issue 11: webhooks reach public addresses only — when saved and at each delivery."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import httpx
import pytest

from engine import egress
from engine import settings as settings_module
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from engine.services import webhooks
from engine.settings import Settings


@pytest.fixture
def strict(test_settings: Settings) -> Iterator[Settings]:
    """No internal host allowed (the suite's own settings allow its loopback receivers)."""
    settings = settings_module.configure(test_settings.with_(webhook_allowed_hosts=()))
    yield settings
    settings_module.configure(test_settings)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:6379/", "http://127.1/", "http://localhost:8000/hook",
    "http://[::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://10.0.0.5/admin",
    "http://192.168.1.1/", "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/latest/meta-data/", "http://[fd00:ec2::254]/", "http://0.0.0.0/",
    "http://100.64.0.1/", "http://224.0.0.1/",
])
async def test_internal_destinations_are_refused_when_saved(
        org: dict[str, Principal], strict: Settings, url: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        await webhooks.create_endpoint(org["admin"], url=url, event_types=["*"])
    assert (refused.value.field, refused.value.rule) == ("url", "internal_address")
    assert await WebhookEndpoint.all().count() == 0


async def test_an_allowed_host_may_be_internal(org: dict[str, Principal],
                                               strict: Settings) -> None:
    settings_module.configure(strict.with_(webhook_allowed_hosts=("127.0.0.1",)))
    made = await webhooks.create_endpoint(org["admin"], url="http://127.0.0.1:9/hook",
                                          event_types=["*"])
    assert made.endpoint.url == "http://127.0.0.1:9/hook"


Sent = list[httpx.Request]


async def _pending(org: dict[str, Principal], url: str, answers: dict[str, str],
                   monkeypatch: pytest.MonkeyPatch) -> tuple[int, Sent, httpx.AsyncClient]:
    """An endpoint at `url` (names resolved from `answers`, as they are at each call), one
    pending delivery to it, and a client that records what it is asked to send."""
    async def resolve(host: str, port: int) -> list[egress.Address]:
        return [ipaddress.ip_address(answers[host])]

    monkeypatch.setattr(egress, "resolve", resolve)
    made = await webhooks.create_endpoint(org["admin"], url=url, event_types=["*"])
    delivery = await WebhookDelivery.create(
        endpoint_id=made.endpoint.id, event_key="1:0", event_type="customer.create",
        payload={"id": "1:0"}, status=webhooks.PENDING)
    sent: Sent = []
    client = httpx.AsyncClient(transport=httpx.MockTransport(
        lambda request: sent.append(request) or httpx.Response(200)))
    return delivery.id, sent, client


async def test_a_name_rebound_to_loopback_is_refused_at_delivery(
        org: dict[str, Principal], strict: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # given: saved while the name resolved to a public address
    answers = {"hooks.example.net": "93.184.215.14"}
    delivery, sent, client = await _pending(org, "http://hooks.example.net/in", answers,
                                            monkeypatch)
    # when: the name now points at the loopback interface
    answers["hooks.example.net"] = "127.0.0.1"
    status = await webhooks.deliver(delivery, client)
    # then: nothing sent, dead at once, and why
    assert (status, sent) == (webhooks.DEAD, [])
    attempt = await WebhookAttempt.get(delivery_id=delivery)
    assert attempt.error == "refused: hooks.example.net resolves to 127.0.0.1, a loopback address"


async def test_a_delivery_goes_to_the_address_that_was_checked(
        org: dict[str, Principal], strict: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    delivery, sent, client = await _pending(org, "https://hooks.example.net:8443/in",
                                            {"hooks.example.net": "93.184.215.14"}, monkeypatch)
    assert await webhooks.deliver(delivery, client) == webhooks.DELIVERED
    (request,) = sent
    assert str(request.url) == "https://93.184.215.14:8443/in"
    assert request.headers["host"] == "hooks.example.net:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.net"
