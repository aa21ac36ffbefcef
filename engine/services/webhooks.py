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
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from engine import audit, clock, deadlines, metrics, outbox, runtime, settings, validation
from engine.authz import Principal, can, require
from engine.errors import NotFound, ValidationFailed
from engine.models import (
    Campaign,
    Customer,
    FollowUp,
    Incident,
    OutboxMessage,
    Task,
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
EVENTS_JOB = "fan_out_events"


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
    _endpoints_changed()
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
    _endpoints_changed()
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


# -- snapshots: each change carries the record as the change left it -------------------

# What a delivery shows of each record type, and the two ids its read permission is judged
# on (`rel_owner`, `rel_department`): read in the transaction that made the change.
SNAPSHOT_FIELDS: dict[str, tuple[type[Model], tuple[str, ...], dict[str, str]]] = {
    "customer": (Customer, ("id", "code", "name", "stage", "owner_id", "department_id",
                            "industry", "contact_name", "contact_phone", "contact_email",
                            "contact_wechat", "version"),
                 {"rel_owner": "owner_id", "rel_department": "department_id"}),
    "follow_up": (FollowUp, ("id", "code", "customer_id", "status", "next_action", "due_at",
                             "assignee_id", "version"),
                  {"rel_owner": "customer__owner_id",
                   "rel_department": "customer__department_id"}),
    "campaign": (Campaign, ("id", "code", "name", "approval_state", "budget_total",
                            "version"),
                 {"rel_owner": "owner_id", "rel_department": "department_id"}),
    "task": (Task, ("id", "title", "campaign_id", "status", "end_date", "owner_id",
                    "version"),
             {"rel_owner": "owner_id", "rel_department": "campaign__department_id"}),
    "exception": (Incident, ("id", "code", "campaign_id", "state", "severity", "problem",
                             "version"),
                  {"rel_owner": "campaign__owner_id",
                   "rel_department": "campaign__department_id"}),
}
ACTIVE_CHECK_SECONDS = 5.0
_active: dict[str, float | bool] = {"until": 0.0, "value": False}


async def any_active_endpoint() -> bool:
    """Whether any endpoint is active, re-read at most every few seconds (and at once after
    an endpoint changes in this process)."""
    now = time.monotonic()
    if now >= float(_active["until"]):
        _active["value"] = await WebhookEndpoint.filter(active=True).exists()
        _active["until"] = now + ACTIVE_CHECK_SECONDS
    return bool(_active["value"])


def _endpoints_changed() -> None:
    _active["until"] = 0.0


async def snapshots(conn: BaseDBAsyncClient | None, object_type: str, ids: Iterable[int]
                    ) -> dict[int, dict[str, Any]]:
    """The records as they are now (in `conn`'s transaction), as JSON values, by id."""
    shape = SNAPSHOT_FIELDS.get(object_type)
    wanted = sorted(set(ids))
    if shape is None or not wanted:
        return {}
    model, fields, related = shape
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        qs = model.filter(id__in=wanted[start:start + 500])
        if conn is not None:
            qs = qs.using_db(conn)
        for row in await qs.values(*fields, **related):
            found[int(row["id"])] = audit.jsonable(row)
    return found


async def add_snapshots(conn: BaseDBAsyncClient, events: list[Any]) -> list[Any]:
    """The outbox finaliser of `event` messages: just before commit, each event gets the
    record as its transaction left it. Skipped while no endpoint is active (nothing would
    be delivered; an endpoint switched on meanwhile gets the record as it is then)."""
    if not await any_active_endpoint():
        return events
    wanted: dict[str, set[int]] = {}
    for e in events:
        if e.get("object_type") in SNAPSHOT_FIELDS:
            wanted.setdefault(e["object_type"], set()).add(int(e["object_id"]))
    found = {t: await snapshots(conn, t, ids) for t, ids in wanted.items()}
    for e in events:
        snap = found.get(e.get("object_type", ""), {}).get(int(e.get("object_id") or 0))
        if snap is not None:
            e["object"] = snap
    return events


# -- fan-out and delivery ----------------------------------------------------------------


async def on_event_messages(rows: Sequence[OutboxMessage]) -> outbox.Outcome:
    """The outbox handler of `event` messages: the job of the next whole second fans out
    every pending event in one pass (it starts after this commit, so it sees it)."""
    queue = runtime.queue()
    if queue is not None:
        when = deadlines.bucket(clock.now() + timedelta(milliseconds=1))
        try:
            await queue.enqueue(EVENTS_JOB, job_id=f"events:{int(when.timestamp())}", at=when)
        except Exception as exc:  # the sweep drains them
            log.warning("webhook fan-out job not enqueued", extra={"error": repr(exc)})
    return outbox.Outcome.later(rows)


async def drain_events(batch: int = 50) -> int:
    """Fan out every pending event to the webhook endpoints (the `fan_out_events` job).

    Batches are counted in messages, and one message may carry a whole escalation batch
    of events, hence the small default. With no active endpoint nothing is read: pending
    events written before the check are marked processed in one statement.
    """
    checked_at = clock.now()
    if not await WebhookEndpoint.filter(active=True).exists():
        return int(await OutboxMessage.filter(
            kind=outbox.EVENT, processed_at__isnull=True, created_at__lte=checked_at
        ).update(processed_at=checked_at))
    total, after_id = 0, 0
    while True:
        rows = list(await outbox.pending([outbox.EVENT]).filter(id__gt=after_id)
                    .order_by("id").limit(batch))
        if not rows:
            return total
        failed = await fan_out_many(rows)
        outcome = outbox.Outcome(done=[r.id for r in rows if r.id not in failed],
                                 failed={i: "fan-out failed" for i in failed})
        total += await outbox.record(outbox.EVENT, outcome)
        after_id = rows[-1].id
        if len(rows) < batch:
            return total


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
    events = list(message.payload.get("events", []))
    # events written before snapshots existed (or while no endpoint was active): the record
    # as it is now
    missing: dict[str, set[int]] = {}
    for e in events:
        if "object" not in e and e.get("object_type") in SNAPSHOT_FIELDS:
            missing.setdefault(e["object_type"], set()).add(int(e["object_id"]))
    current = {t: await snapshots(None, t, ids) for t, ids in missing.items()}
    for index, event in enumerate(events):
        snapshot = event.get("object")
        if snapshot is None:
            snapshot = current.get(event["object_type"], {}).get(int(event["object_id"]))
        for endpoint in active:
            if not matches(endpoint.event_types, event["type"]):
                continue
            owner = owners.get(endpoint.owner_id)
            payload = build_payload(owner, event, f"{message.id}:{index}", snapshot) \
                if owner is not None else None
            if payload is None:
                continue  # the owner may not read this record: nothing leaves
            try:
                delivery = await WebhookDelivery.create(
                    endpoint_id=endpoint.id, event_key=f"{message.id}:{index}",
                    event_type=event["type"], payload=payload, status=PENDING,
                    next_attempt_at=clock.now())
            except IntegrityError:
                continue  # dispatched twice: the first made it
            try:
                await _enqueue(delivery.id, 1)
            except Exception as exc:  # the sweep enqueues due deliveries
                log.warning("webhook delivery not enqueued",
                            extra={"delivery": delivery.id, "error": repr(exc)})


def build_payload(owner: Principal, event: dict[str, Any], key: str,
                  snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    """The event as `owner` may see it, or None if they may not read the record.

    `snapshot` is the record as the change left it (its state and version then); read
    permission and masking are judged on it, for the endpoint's owner.
    """
    object_type, object_id = event["object_type"], int(event["object_id"])
    changes = dict(event.get("changes") or {})
    data: dict[str, Any] | None = None
    if object_type in SNAPSHOT_FIELDS:
        if snapshot is None:
            return None  # the record is gone
        rel = (snapshot.get("rel_owner"), snapshot.get("rel_department"))
        if not can(owner, object_type, "read", *rel):
            return None
        data, changes = _present(owner, object_type, snapshot, rel, changes)
    elif owner.role != Role.ADMIN.value:
        # users, departments, settings, delegations, endpoints: administration, which
        # only admins may read — nobody else's endpoint gets these events
        return None
    return {
        "id": key, "type": event["type"], "occurred_at": event.get("at"),
        "actor": event.get("actor"),
        "object": {"type": object_type, "id": str(object_id), **(data or {})},
        "change": {"from_state": event.get("from_state"), "to_state": event.get("to_state"),
                   "reason": event.get("reason"), "changes": changes},
    }


def _present(owner: Principal, object_type: str, snap: dict[str, Any], rel: tuple[Any, Any],
             changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    def upper(name: str) -> str | None:
        value = snap.get(name)
        return str(value).upper() if value is not None else None

    def ref(name: str) -> str | None:
        value = snap.get(name)
        return str(value) if value is not None else None

    if object_type == "customer":
        visible = can(owner, "customer", "read_contact", *rel)
        contact = {f: snap.get(f) if visible else customers.mask_value(snap.get(f))
                   for f in ("contact_phone", "contact_email", "contact_wechat")}
        if not visible:
            changes = customers.mask_all(changes)
        return ({"code": snap.get("code"), "name": snap.get("name"), "stage": upper("stage"),
                 "owner_id": ref("owner_id"), "industry": snap.get("industry"),
                 "contact_name": snap.get("contact_name"), **contact,
                 "contact_masked": not visible, "version": snap.get("version")}, changes)
    if object_type == "follow_up":
        return ({"code": snap.get("code"), "customer_id": ref("customer_id"),
                 "status": upper("status"), "next_action": snap.get("next_action"),
                 "due_at": snap.get("due_at"), "assignee_id": ref("assignee_id"),
                 "version": snap.get("version")}, changes)
    if object_type == "campaign":
        budget = can(owner, "campaign", "read_budget", *rel)
        if not budget:
            changes = campaigns.hide_budget(changes)
        return ({"code": snap.get("code"), "name": snap.get("name"),
                 "approval_state": upper("approval_state"),
                 "budget_total": ref("budget_total") if budget else None,
                 "version": snap.get("version")}, changes)
    if object_type == "task":
        return ({"title": snap.get("title"), "campaign_id": ref("campaign_id"),
                 "status": upper("status"), "end_date": snap.get("end_date"),
                 "owner_id": ref("owner_id"), "version": snap.get("version")}, changes)
    return ({"code": snap.get("code"), "campaign_id": ref("campaign_id"),
             "state": upper("state"), "severity": upper("severity"),
             "problem": snap.get("problem"), "version": snap.get("version")}, changes)


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
        metrics.WEBHOOK_DELIVERIES.labels("refused").inc()
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
        metrics.WEBHOOK_DELIVERIES.labels("delivered").inc()
    elif attempt >= cfg.webhook_max_attempts:
        status, values = DEAD, {"next_attempt_at": None}
        metrics.WEBHOOK_DELIVERIES.labels("dead").inc()
        log.warning("webhook dead-lettered", extra={"delivery": delivery.id, "error": error})
    else:
        status, values = PENDING, {"next_attempt_at": done + backoff(attempt)}
        metrics.WEBHOOK_DELIVERIES.labels("failed").inc()
        log.info("webhook attempt failed; retrying", extra={
            "delivery": delivery.id, "attempt": attempt, "error": error})
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
