"""Reading the audit trail: whoever may read a record may read its history, masked alike."""

from __future__ import annotations

from engine.authz import Principal, require
from engine.errors import NotFound, ValidationFailed
from engine.models import AuditEvent, Customer
from engine.pagination import OrderKey, Page, paginate
from engine.services import (
    campaigns,
    customers,
    follow_ups,
    imports,
    incidents,
    recall,
    tasks,
)
from engine.services.channel_plans import access

ORG_OBJECTS = frozenset({"user", "department", "custom_field"})


async def _customer_of(actor: Principal, object_type: str, object_id: int) -> Customer | None:
    """Check `actor` may read the object; return the customer its masking depends on."""
    if object_type == "customer":
        customer = await customers.get(actor, customer_id=object_id)
        if customer is None:
            raise NotFound(object_type, object_id)
        return customer
    if object_type == "follow_up":
        row = await follow_ups.get(actor, object_id)
        if row is None:
            raise NotFound(object_type, object_id)
        return None
    if object_type in ORG_OBJECTS:
        require(actor, "org", "read", None, None)
        return None
    if object_type == "campaign":
        if await campaigns.get(actor, campaign_id=object_id) is None:
            raise NotFound(object_type, object_id)
        return None  # masked below
    if object_type == "task":
        if await tasks.get(actor, object_id) is None:
            raise NotFound(object_type, object_id)
        return None
    if object_type == "exception":
        if await incidents.get(actor, object_id) is None:
            raise NotFound(object_type, object_id)
        return None
    if object_type == imports.OBJECT:  # the summary event of an import: who may read the job
        await imports.require_job(actor, object_id)
        return None
    if object_type in (access.PLAN, *access.PARTS):
        if not await access.readable(actor, object_type, object_id):
            raise NotFound(object_type, object_id)
        return None
    if object_type == recall.AUDIT_TYPE:
        if await recall.get(actor, object_id) is None:
            raise NotFound(object_type, object_id)
        return None
    if object_type in {"product", "organization"}:  # the catalogue and profile: all read
        require(actor, object_type, "read", None, None)
        return None
    if object_type == "export":  # object_id: the exporter's user id
        require(actor, "permission", "report", None, None)
        return None
    if object_type in {"approval_delegation", "approval_config", "webhook"}:
        require(actor, "approval", "configure", None, None)
        return None
    raise ValidationFailed("object_type", f"unknown object type {object_type!r}", rule="choice")



async def trail(
    actor: Principal, object_type: str, object_id: int, *, first: int | None, after: str | None
) -> Page[AuditEvent]:
    customer = await _customer_of(actor, object_type, object_id)
    page = await paginate(
        AuditEvent.filter(object_type=object_type, object_id=object_id),
        first=first, after=after, order=(OrderKey("id"),),
    )
    if object_type == "customer":
        for event in page.items:
            event.changes = customers.mask_changes(actor, customer, event.changes)
    if object_type == "campaign":
        campaign = await campaigns.get(actor, campaign_id=object_id)
        assert campaign is not None
        for event in page.items:
            event.changes = campaigns.mask_changes(actor, campaign, event.changes)
    return page
