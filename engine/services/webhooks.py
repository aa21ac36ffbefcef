"""Outbound webhooks: endpoints (admins), fan-out of changes, signed deliveries, retries.

Every audited change is offered to webhooks through the outbox, after its transaction
commits (a rolled-back change reaches nobody). Each active endpoint whose event types match
gets one delivery per change, built from what the endpoint's owner may read (contact
details masked unless allowed, budgets hidden from roles that do not see them). A delivery
is POSTed with `X-Promoflow-Signature: t=<unix time>,v1=<HMAC-SHA256(secret, "t.body")>`,
retried with exponential backoff and, after the last attempt, dead-lettered; it can be
redelivered by hand.
"""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
import json
import logging
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

import httpx
from tortoise.exceptions import IntegrityError

from engine import audit, clock, outbox, runtime, settings, validation
from engine.authz import Principal, require
from engine.errors import NotFound, ValidationFailed
from engine.models import (
    OutboxMessage,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from engine.models.enums import Role
from engine.pagination import OrderKey, Page, paginate
from engine.services import campaigns, customers, org
from engine.versioning import versioned_update

log = logging.getLogger("promoflow.webhooks")

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def matches(patterns: Sequence[str], event_type: str) -> bool:
    return any(fnmatch.fnmatchcase(event_type, p) for p in patterns)


# -- endpoints (admins) ------------------------------------------------------------------


def _check_url(url: str) -> str:
    cleaned = validation.required_text("url", url, max_len=500)
    parsed = urlparse(cleaned)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise ValidationFailed("url", "the URL must be http(s)://host/…", rule="format")
    return cleaned


def _check_types(types: Sequence[str]) -> list[str]:
    cleaned = [t.strip() for t in types if t and t.strip()]
    if not cleaned:
        raise ValidationFailed("event_types", "subscribe to at least one event type "
                               "(e.g. customer.*, follow_up.mark_overdue, *)", rule="required")
    for t in cleaned:
        if not all(ch.isalnum() or ch in "._*" for ch in t):
            raise ValidationFailed("event_types", f"{t!r} is not an event type pattern",
                                   rule="format")
    return cleaned


@dataclass(frozen=True)
class EndpointCreated:
    endpoint: WebhookEndpoint
    secret: str


async def create_endpoint(actor: Principal, *, url: str, event_types: Sequence[str],
                          owner_username: str | None = None, description: str | None = None,
                          secret: str | None = None) -> EndpointCreated:
    require(actor, "webhook", "manage", None, None)
    values: dict[str, Any] = {
        "url": _check_url(url), "event_types": _check_types(event_types),
        "description": validation.text("description", description, max_len=200),
    }
    owner = await org.resolve_user("owner_username", owner_username or actor.username)
    key = secret or secrets.token_hex(32)
    if len(key) < 16:
        raise ValidationFailed("secret", "a secret needs at least 16 characters", rule="length")
    async with outbox.atomic() as conn:
        endpoint = await WebhookEndpoint.create(using_db=conn, secret=key, owner_id=owner.id,
                                                **values)
        await audit.write_event(conn, actor, "webhook", endpoint.id, "create", version=1,
                                changes={**{k: [None, v] for k, v in values.items()},
                                         "owner": [None, owner.username]})
    return EndpointCreated(endpoint, key)


async def update_endpoint(actor: Principal, endpoint_id: int, *, active: Any = validation.UNSET,
                          event_types: Any = validation.UNSET, url: Any = validation.UNSET,
                          expected_version: int | None = None) -> WebhookEndpoint:
    require(actor, "webhook", "manage", None, None)
    new: dict[str, Any] = {}
    if active is not validation.UNSET:
        new["active"] = bool(active)
    if event_types is not validation.UNSET:
        new["event_types"] = _check_types(event_types or [])
    if url is not validation.UNSET:
        new["url"] = _check_url(url)
    async with outbox.atomic() as conn:
        endpoint = await WebhookEndpoint.filter(id=endpoint_id).using_db(conn).first()
        if endpoint is None:
            raise NotFound("webhook", endpoint_id)
        changes = audit.diff({k: getattr(endpoint, k) for k in new}, new)
        if changes:
            version = await versioned_update(conn, endpoint, "webhook", expected_version,
                                             {k: new[k] for k in changes})
            await audit.write_event(conn, actor, "webhook", endpoint.id, "update",
                                    changes=changes, version=version)
    return endpoint


async def endpoints(actor: Principal, *, first: int | None, after: str | None
                    ) -> Page[WebhookEndpoint]:
    require(actor, "webhook", "manage", None, None)
    return await paginate(WebhookEndpoint.all(), first=first, after=after,
                          order=(OrderKey("id"),))


async def deliveries(actor: Principal, *, endpoint_id: int | None, status: str | None,
                     first: int | None, after: str | None) -> Page[WebhookDelivery]:
    require(actor, "webhook", "manage", None, None)
    qs = WebhookDelivery.all()
    if endpoint_id is not None:
        qs = qs.filter(endpoint_id=endpoint_id)
    if status:
        qs = qs.filter(status=status.lower())
    return await paginate(qs, first=first, after=after)


async def attempts_of(delivery_ids: Iterable[int]) -> dict[int, list[WebhookAttempt]]:
    ids = list(set(delivery_ids))
    result: dict[int, list[WebhookAttempt]] = {i: [] for i in ids}
    for a in await WebhookAttempt.filter(delivery_id__in=ids).order_by("id"):
        result[a.delivery_id].append(a)
    return result


async def redeliver(actor: Principal, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again, as a new delivery of the same payload."""
    require(actor, "webhook", "manage", None, None)
    async with outbox.atomic() as conn:
        old = await WebhookDelivery.filter(id=delivery_id).using_db(conn).first()
        if old is None:
            raise NotFound("webhook_delivery", delivery_id)
        count = await WebhookDelivery.filter(redelivery_of_id=old.id).using_db(conn).count()
        new = await WebhookDelivery.create(
            using_db=conn, endpoint_id=old.endpoint_id, event_key=f"{old.event_key}/r{count + 1}",
            event_type=old.event_type, payload=old.payload, status=PENDING,
            next_attempt_at=clock.now(), redelivery_of_id=old.id)
        await audit.write_event(conn, actor, "webhook", old.endpoint_id, "redeliver",
                                changes={"delivery": [old.id, new.id]})
    await _enqueue(new.id, 1)
    return new


# -- fan-out and delivery ----------------------------------------------------------------


async def fan_out(message: OutboxMessage) -> bool:
    """Create the deliveries of one outbox message's changes; False if that failed."""
    return not await fan_out_many([message])


async def fan_out_many(messages: Sequence[OutboxMessage]) -> set[int]:
    """Create the deliveries of these outbox messages' changes.

    Returns the ids of the messages that could not be fanned out (logged): they stay
    pending for a later drain, and the others do not wait behind them.
    """
    active = list(await WebhookEndpoint.filter(active=True))
    if not active:
        return set()
    owners = {u.id: org.principal_of(u)
              for u in (await org.users_by_ids({e.owner_id for e in active})).values()}
    failed: set[int] = set()
    for message in messages:
        try:
            await _fan_out_one(message, active, owners)
        except Exception:
            log.exception("webhook fan-out failed", extra={"outbox_id": message.id})
            failed.add(message.id)
    return failed


async def _fan_out_one(message: OutboxMessage, active: Sequence[WebhookEndpoint],
                       owners: dict[int, Principal]) -> None:
    for index, event in enumerate(message.payload.get("events", [])):
        for endpoint in active:
            if not matches(endpoint.event_types, event["type"]):
                continue
            payload = await build_payload(owners[endpoint.owner_id], event,
                                          f"{message.id}:{index}")
            if payload is None:
                continue  # the owner may not read this record: nothing leaves
            try:
                delivery = await WebhookDelivery.create(
                    endpoint_id=endpoint.id, event_key=f"{message.id}:{index}",
                    event_type=event["type"], payload=payload, status=PENDING,
                    next_attempt_at=clock.now())
            except IntegrityError:
                continue  # dispatched twice: the first made it
            await _enqueue(delivery.id, 1)


async def build_payload(owner: Principal, event: dict[str, Any], key: str
                        ) -> dict[str, Any] | None:
    """The event as `owner` may see it, or None if they may not read the record."""
    object_type, object_id = event["object_type"], int(event["object_id"])
    data: dict[str, Any] | None
    changes = dict(event.get("changes") or {})
    if object_type == "customer":
        customer = await customers.get(owner, customer_id=object_id)
        if customer is None:
            return None
        contact = customers.contact_view(owner, customer)
        data = {"code": customer.code, "name": customer.name, "stage": customer.stage.upper(),
                "owner_id": str(customer.owner_id), "industry": customer.industry,
                "contact_name": customer.contact_name, "contact_phone": contact.phone,
                "contact_email": contact.email, "contact_wechat": contact.wechat,
                "contact_masked": contact.masked, "version": customer.version}
        changes = customers.mask_changes(owner, customer, changes)
    elif object_type == "follow_up":
        from engine.services import follow_ups

        row = await follow_ups.get(owner, object_id)
        if row is None:
            return None
        data = {"code": row.code, "customer_id": str(row.customer_id),
                "status": row.status.upper(), "next_action": row.next_action,
                "due_at": row.due_at.isoformat(), "assignee_id": str(row.assignee_id),
                "version": row.version}
    elif object_type == "campaign":
        campaign = await campaigns.get(owner, campaign_id=object_id)
        if campaign is None:
            return None
        visible = campaigns.can_read_budget(owner, campaign)
        data = {"code": campaign.code, "name": campaign.name,
                "approval_state": campaign.approval_state.upper(),
                "budget_total": str(campaign.budget_total) if visible else None,
                "version": campaign.version}
        changes = campaigns.mask_changes(owner, campaign, changes)
    elif object_type == "task":
        from engine.services import tasks

        task = await tasks.get(owner, object_id)
        if task is None:
            return None
        data = {"title": task.title, "campaign_id": str(task.campaign_id),
                "status": task.status.upper(), "end_date": task.end_date.isoformat(),
                "owner_id": str(task.owner_id), "version": task.version}
    elif object_type == "exception":
        from engine.services import incidents

        incident = await incidents.get(owner, object_id)
        if incident is None:
            return None
        data = {"code": incident.code, "campaign_id": str(incident.campaign_id),
                "state": incident.state.upper(), "severity": incident.severity.upper(),
                "problem": incident.problem, "version": incident.version}
    else:
        # users, departments, settings, delegations, endpoints: administration, which
        # only admins may read — nobody else's endpoint gets these events
        if owner.role != Role.ADMIN.value:
            return None
        data = None
    return {
        "id": key, "type": event["type"], "occurred_at": event.get("at"),
        "actor": event.get("actor"),
        "object": {"type": object_type, "id": str(object_id), **(data or {})},
        "change": {"from_state": event.get("from_state"), "to_state": event.get("to_state"),
                   "reason": event.get("reason"), "changes": changes},
    }


async def _enqueue(delivery_id: int, attempt: int, at: Any = None) -> None:
    queue = runtime.queue()
    if queue is not None:
        await queue.enqueue("deliver_webhook", job_id=f"webhook:{delivery_id}:{attempt}",
                            at=at, delivery_id=delivery_id)


def backoff(attempt: int) -> timedelta:
    return timedelta(seconds=settings.current().webhook_backoff_seconds * 2 ** (attempt - 1))


async def deliver(delivery_id: int, client: httpx.AsyncClient | None = None) -> str:
    """Attempt one delivery (a job); returns the delivery's status afterwards."""
    cfg = settings.current()
    delivery = await WebhookDelivery.get_or_none(id=delivery_id)
    if delivery is None or delivery.status != PENDING:
        return delivery.status if delivery else "missing"
    endpoint = await WebhookEndpoint.get(id=delivery.endpoint_id)
    now = clock.now()
    if not endpoint.active:
        # switched off since: nothing more goes out (an admin may redeliver it later)
        await WebhookDelivery.filter(id=delivery.id, status=PENDING).update(
            status=DEAD, next_attempt_at=None, last_error="endpoint switched off",
            version=delivery.version + 1, updated_at=now)
        return DEAD
    attempt = delivery.attempts + 1
    # Claim the attempt (a retried or duplicated job finds the count moved and stops).
    # Until it reports, the sweep would retry it after the timeout plus the backoff.
    claimed = await WebhookDelivery.filter(
        id=delivery.id, attempts=delivery.attempts, status=PENDING).update(
        attempts=attempt, next_attempt_at=now + timedelta(seconds=cfg.webhook_timeout_seconds)
        + backoff(attempt), version=delivery.version + 1, updated_at=now)
    if not claimed:
        return "claimed elsewhere"
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    stamp = int(time.time())
    headers = {
        "Content-Type": "application/json", "User-Agent": "promoflow-webhooks/1",
        "X-Promoflow-Event": delivery.event_type,
        "X-Promoflow-Delivery": delivery.event_key,
        "X-Promoflow-Timestamp": str(stamp),
        "X-Promoflow-Signature": sign(endpoint.secret, stamp, body),
    }
    started = time.perf_counter()
    code: int | None = None
    error: str | None = None
    try:
        if client is None:
            async with httpx.AsyncClient(timeout=cfg.webhook_timeout_seconds) as own:
                response = await own.post(endpoint.url, content=body, headers=headers)
        else:
            response = await client.post(endpoint.url, content=body, headers=headers)
        code = response.status_code
        if not 200 <= code < 300:
            error = f"HTTP {code}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    duration = int((time.perf_counter() - started) * 1000)
    await WebhookAttempt.create(delivery_id=delivery.id, attempt=attempt, at=now,
                                status_code=code, error=error, duration_ms=duration)
    done = clock.now()
    if error is None:
        status, values = DELIVERED, {"delivered_at": done, "next_attempt_at": None}
    elif attempt >= cfg.webhook_max_attempts:
        status, values = DEAD, {"next_attempt_at": None}
        log.warning("webhook dead-lettered", extra={"delivery": delivery.id, "error": error})
    else:
        status, values = PENDING, {"next_attempt_at": done + backoff(attempt)}
    await WebhookDelivery.filter(id=delivery.id, attempts=attempt).update(
        status=status, last_status_code=code, last_error=error, updated_at=done, **values)
    if status == PENDING:
        await _enqueue(delivery.id, attempt + 1, at=values["next_attempt_at"])
    return status


async def due_deliveries(limit: int = 500) -> list[tuple[int, int]]:
    """Pending deliveries whose next attempt is due (for the sweep): (id, attempt)."""
    rows = await WebhookDelivery.filter(status=PENDING, next_attempt_at__lte=clock.now()
                                        ).order_by("next_attempt_at").limit(limit)
    return [(r.id, r.attempts + 1) for r in rows]
