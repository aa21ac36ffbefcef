"""Audit writers: every change of a record leaves one event, in the same transaction.

`changes` holds `{field: [before, after]}` for the fields that changed, as JSON values.
The writers are named after what happened (`customer_created_event`, …) so the call
sites read as the business does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, outbox
from engine.authz import Principal
from engine.log import request_id
from engine.models import AuditEvent


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The changed fields of `after` against `before`, as `{field: [before, after]}`."""
    out: dict[str, list[Any]] = {}
    for key, new in after.items():
        old = before.get(key)
        if jsonable(old) != jsonable(new):
            out[key] = [jsonable(old), jsonable(new)]
    return out


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {f: jsonable(getattr(obj, f)) for f in fields}


async def write_event(
    conn: BaseDBAsyncClient,
    actor: Principal,
    object_type: str,
    object_id: int,
    action: str,
    *,
    changes: Mapping[str, Any] | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    version: int | None = None,
) -> AuditEvent:
    event = await AuditEvent.create(
        using_db=conn,
        object_type=object_type,
        object_id=object_id,
        action=action,
        actor_id=actor.id,
        actor_name=actor.username,
        at=clock.now(),
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        changes=jsonable(dict(changes or {})),
        version=version,
        request_id=request_id.get(),
    )
    await published([event], conn)
    return event


async def published(events: list[AuditEvent], conn: BaseDBAsyncClient) -> None:
    """Offer changes to webhooks: every change of a transaction joins its one `event`
    outbox message, completed just before commit and dispatched after."""
    await outbox.collect(conn, outbox.EVENT, [
        {"type": f"{e.object_type}.{e.action}", "object_type": e.object_type,
         "object_id": e.object_id, "actor": e.actor_name, "at": jsonable(e.at),
         "from_state": e.from_state, "to_state": e.to_state, "reason": e.reason,
         "changes": e.changes, "version": e.version} for e in events], key="events")


async def customer_created_event(
    conn: BaseDBAsyncClient, actor: Principal, customer_id: int, values: Mapping[str, Any],
    stage: str,
) -> AuditEvent:
    return await write_event(
        conn, actor, "customer", customer_id, "create",
        changes={k: [None, v] for k, v in values.items()}, to_state=stage, version=1,
    )


async def customer_updated_event(
    conn: BaseDBAsyncClient, actor: Principal, customer_id: int,
    changes: Mapping[str, Any], version: int, action: str = "update",
) -> AuditEvent:
    return await write_event(
        conn, actor, "customer", customer_id, action, changes=changes, version=version
    )


async def customer_stage_changed_event(
    conn: BaseDBAsyncClient, actor: Principal, customer_id: int, event: str,
    from_state: str, to_state: str, reason: str | None, changes: Mapping[str, Any],
    version: int,
) -> AuditEvent:
    return await write_event(
        conn, actor, "customer", customer_id, event, changes=changes,
        from_state=from_state, to_state=to_state, reason=reason, version=version,
    )


async def follow_up_created_event(
    conn: BaseDBAsyncClient, actor: Principal, follow_up_id: int, values: Mapping[str, Any],
    status: str,
) -> AuditEvent:
    return await write_event(
        conn, actor, "follow_up", follow_up_id, "create",
        changes={k: [None, v] for k, v in values.items()}, to_state=status, version=1,
    )


async def follow_up_status_changed_event(
    conn: BaseDBAsyncClient, actor: Principal, follow_up_id: int, event: str,
    from_state: str, to_state: str, reason: str | None, changes: Mapping[str, Any],
    version: int,
) -> AuditEvent:
    return await write_event(
        conn, actor, "follow_up", follow_up_id, event, changes=changes,
        from_state=from_state, to_state=to_state, reason=reason, version=version,
    )


async def product_created_event(
    conn: BaseDBAsyncClient, actor: Principal, product_id: int, values: Mapping[str, Any],
) -> AuditEvent:
    return await write_event(
        conn, actor, "product", product_id, "create",
        changes={k: [None, v] for k, v in values.items()}, to_state="active", version=1,
    )


async def product_updated_event(
    conn: BaseDBAsyncClient, actor: Principal, product_id: int, changes: Mapping[str, Any],
    version: int,
) -> AuditEvent:
    return await write_event(
        conn, actor, "product", product_id, "update", changes=changes, version=version
    )


async def product_archived_event(
    conn: BaseDBAsyncClient, actor: Principal, product_id: int, reason: str | None,
    version: int,
) -> AuditEvent:
    return await write_event(
        conn, actor, "product", product_id, "archive", from_state="active",
        to_state="archived", reason=reason, changes={"status": ["active", "archived"]},
        version=version,
    )


async def organization_created_event(
    conn: BaseDBAsyncClient, actor: Principal, organization_id: int,
    values: Mapping[str, Any],
) -> AuditEvent:
    return await write_event(
        conn, actor, "organization", organization_id, "create",
        changes={k: [None, v] for k, v in values.items()}, version=1,
    )


async def organization_updated_event(
    conn: BaseDBAsyncClient, actor: Principal, organization_id: int,
    changes: Mapping[str, Any], version: int,
) -> AuditEvent:
    return await write_event(
        conn, actor, "organization", organization_id, "update", changes=changes,
        version=version,
    )
