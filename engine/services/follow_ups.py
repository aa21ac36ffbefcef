"""Follow-ups (销售跟进记录表): record a contact with its next action, complete it.

A follow-up is seen and handled through its customer: whoever may read the customer may
read its follow-ups (a new owner inherits the history), and the open next actions move
with the customer when it is reassigned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from engine import (
    audit,
    calendar,
    clock,
    codes,
    deadlines,
    machines,
    outbox,
    settings,
    validation,
)
from engine.authz import NoAccess, Principal, can, require, scope_filter
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import Customer, CustomerSourceLink, FollowUp, User
from engine.models.enums import (
    CustomerSource,
    CustomerStage,
    Feedback,
    FollowUpEvent,
    FollowUpMethod,
    FollowUpStatus,
)
from engine.pagination import OrderKey, Page, empty_page, paginate
from engine.services import custom_fields, customers, org
from engine.versioning import versioned_update

OBJECT = "follow_up"
WORKFLOW = "follow_up_status"
CODE_PREFIX = "G"


@dataclass(frozen=True)
class FollowUpInput:
    customer_id: int | None
    customer_code: str | None
    method: str
    summary: str
    feedback: str
    next_action: str
    due_date: date | None = None
    due_at: datetime | None = None
    follow_up_date: date | None = None
    # Company-specific fields of follow-ups (engine/services/custom_fields.py).
    custom_fields: dict[str, Any] | None = None


ORDERS: dict[str, tuple[OrderKey, ...]] = {
    "created_desc": (OrderKey("id", descending=True),),
    "due_asc": (OrderKey("due_at", kind="datetime"), OrderKey("id")),
}


@dataclass(frozen=True)
class FollowUpFilter:
    customer_id: int | None = None
    customer_code: str | None = None
    statuses: Sequence[str] = ()
    assignee_username: str | None = None
    owner_username: str | None = None
    stages: Sequence[str] = ()
    industry: str | None = None
    sources: Sequence[str] = ()
    search: str | None = None
    due_before: datetime | None = None
    due_after: datetime | None = None
    order: str = "created_desc"


def _rel_args(customer: Customer) -> tuple[int, int | None]:
    return customer.owner_id, customer.department_id


async def _customer_for(actor: Principal, data: FollowUpInput) -> Customer:
    if data.customer_id is not None:
        customer = await customers.get(actor, customer_id=data.customer_id)
        key: object = data.customer_id
    elif data.customer_code:
        customer = await customers.get(actor, code=data.customer_code)
        key = data.customer_code
    else:
        raise ValidationFailed("customer_id", "give the customer's id or code", rule="required")
    if customer is None:
        raise NotFound("customer", key)
    return customer


async def create(actor: Principal, data: FollowUpInput) -> FollowUp:
    cfg = settings.current()
    now = clock.now()
    today = clock.local_date(now, cfg.zone)
    values: dict[str, Any] = {
        "method": validation.enum_value("method", FollowUpMethod, data.method).value,
        "summary": validation.required_text("summary", data.summary, max_len=100),
        "feedback": validation.enum_value("feedback", Feedback, data.feedback).value,
        "next_action": validation.required_text("next_action", data.next_action, max_len=200),
    }
    contact_day = data.follow_up_date or today
    if contact_day > today:
        raise ValidationFailed(
            "follow_up_date", "a follow-up records a contact that happened: not in the future",
            rule="not_future",
        )
    if data.due_at is not None:
        if data.due_at.tzinfo is None:
            raise ValidationFailed("due_at", "due_at needs a time zone offset", rule="format")
        due_at = data.due_at
    elif data.due_date is not None:
        due_at = calendar.current().end_of_day(data.due_date)
    else:
        raise ValidationFailed("due_date", "the next action needs a due date", rule="required")
    if clock.local_date(due_at, cfg.zone) < contact_day:
        raise ValidationFailed(
            "due_date", "the next action cannot be due before the follow-up date",
            rule="before_follow_up",
        )
    customer = await _customer_for(actor, data)
    require(actor, OBJECT, "create", *_rel_args(customer))
    async with outbox.atomic() as conn:
        # the owner as of this transaction: a handover may have moved the customer
        customer = await Customer.filter(id=customer.id).using_db(conn).get()
        await org.lock_active(conn, "customer_id", [customer.owner_id])
        values["custom_fields"] = await custom_fields.clean(conn, OBJECT, {},
                                                            data.custom_fields)
        return await insert(conn, actor, customer, values, due_at=due_at,
                            contact_day=contact_day)


async def insert(conn: BaseDBAsyncClient, actor: Principal, customer: Customer,
                 values: dict[str, Any], *, due_at: datetime, contact_day: date,
                 contacted: bool = True) -> FollowUp:
    """Write one checked follow-up for `customer`'s owner, audited, with its deadline.

    `contacted` False: a follow-up planned for the owner (an RFM recall) — no contact
    happened yet, so the customer's last follow-up date stays as it is.
    """
    status = machines.workflow(WORKFLOW).initial
    code = await codes.next_code(conn, CODE_PREFIX,
                                 clock.local_date(clock.now(), settings.current().zone))
    row = await FollowUp.create(
        using_db=conn,
        code=code,
        customer_id=customer.id,
        follow_up_date=contact_day,
        created_by_id=actor.id,
        assignee_id=customer.owner_id,
        due_at=due_at,
        status=status,
        **values,
    )
    await audit.follow_up_created_event(
        conn, actor, row.id,
        {**values, "code": code, "customer": customer.code,
         "follow_up_date": contact_day, "due_at": due_at},
        status,
    )
    if contacted:
        await customers.touch_last_follow_up(
            conn, actor, customer.id, contact_day, "follow_up_recorded"
        )
    await deadlines.set_deadline(conn, deadlines.FOLLOW_UP, row.id, due_at,
                                 owner_id=customer.owner_id,
                                 department_id=customer.department_id)
    return row


async def _fire(
    actor: Principal,
    follow_up_id: int,
    event: str,
    *,
    reason: str | None,
    expected_version: int | None,
    extra: dict[str, Any] | None = None,
) -> tuple[FollowUp, Customer]:
    wf = machines.workflow(WORKFLOW)
    async with outbox.atomic() as conn:
        row = await FollowUp.filter(id=follow_up_id).using_db(conn).first()
        if row is None:
            raise NotFound(OBJECT, follow_up_id)
        customer = await Customer.filter(id=row.customer_id).using_db(conn).get()
        if not can(actor, OBJECT, "read", *_rel_args(customer)):
            raise NotFound(OBJECT, follow_up_id)
        require(actor, OBJECT, event, *_rel_args(customer))
        if expected_version is not None and expected_version != row.version:
            raise Conflict(OBJECT, row.id, row.version)
        if event == FollowUpEvent.COMPLETE.value:
            # the deadline row first (the escalation job locks in the same order)
            await deadlines.meet(conn, deadlines.FOLLOW_UP, row.id)
        before = row.status
        after = await wf.fire(before, event, reason=reason)
        values: dict[str, Any] = {"status": after, **(extra or {})}
        if reason is not None:
            values["status_reason"] = reason
        changes = audit.diff({k: getattr(row, k) for k in values}, values)
        version = await versioned_update(conn, row, OBJECT, expected_version, values)
        await audit.follow_up_status_changed_event(
            conn, actor, row.id, event, before, after, reason, changes, version
        )
        if event == FollowUpEvent.COMPLETE.value:
            today = clock.local_date(clock.now(), settings.current().zone)
            await customers.touch_last_follow_up(
                conn, actor, customer.id, today, "follow_up_completed"
            )
        return row, customer


async def complete(
    actor: Principal, follow_up_id: int, *, note: str | None = None,
    expected_version: int | None = None,
) -> FollowUp:
    """Mark the next action done (also when it was overdue)."""
    note_v = validation.text("note", note, max_len=500)
    row, _ = await _fire(
        actor, follow_up_id, FollowUpEvent.COMPLETE.value, reason=note_v,
        expected_version=expected_version,
        extra={"completed_at": clock.now(), "completed_by_id": actor.id},
    )
    return row


async def get(actor: Principal, follow_up_id: int) -> FollowUp | None:
    row = await FollowUp.get_or_none(id=follow_up_id)
    if row is None:
        return None
    customer = await Customer.get(id=row.customer_id)
    return row if can(actor, OBJECT, "read", *_rel_args(customer)) else None


async def list_(
    actor: Principal, flt: FollowUpFilter, *, first: int | None, after: str | None
) -> Page[FollowUp]:
    order = ORDERS.get(flt.order)
    if order is None:
        raise ValidationFailed("order", f"order must be one of {', '.join(ORDERS)}")
    qs = await query(actor, flt)
    if qs is None:
        return empty_page()
    return await paginate(qs, first=first, after=after, order=order)


async def query(actor: Principal, flt: FollowUpFilter) -> QuerySet[FollowUp] | None:
    """The follow-ups `actor` may read that match `flt`, unordered (None: certainly none).

    The list's WHERE, shared with exports so both always show the same rows.
    """
    try:
        scope = scope_filter(
            actor, OBJECT, "read",
            owner_field="customer__owner_id", department_field="customer__department_id",
        )
    except NoAccess:
        return None
    qs = FollowUp.all()
    if scope is not None:
        qs = qs.filter(scope)
    if flt.customer_id is not None:
        qs = qs.filter(customer_id=flt.customer_id)
    if flt.customer_code:
        qs = qs.filter(customer__code=flt.customer_code.strip().upper())
    if flt.statuses:
        qs = qs.filter(status__in=[
            validation.enum_value("status", FollowUpStatus, s).value for s in flt.statuses
        ])
    for field_name, username in (("assignee_id", flt.assignee_username),
                                 ("customer__owner_id", flt.owner_username)):
        if username:
            user = await User.get_or_none(username=username.strip())
            if user is None:
                return None
            qs = qs.filter(**{field_name: user.id})
    if flt.stages:
        qs = qs.filter(customer__stage__in=[
            validation.enum_value("stage", CustomerStage, s).value for s in flt.stages
        ])
    if flt.industry:
        qs = qs.filter(customer__industry=flt.industry.strip())
    if flt.sources:
        sources = [validation.enum_value("source", CustomerSource, s).value for s in flt.sources]
        qs = qs.filter(customer_id__in=Subquery(
            CustomerSourceLink.filter(source__in=sources).values("customer_id")
        ))
    if flt.search and flt.search.strip():
        term = flt.search.strip()
        qs = qs.filter(
            Q(code__istartswith=term)
            | Q(customer__name__icontains=term)
            | Q(customer__code__istartswith=term)
        )
    if flt.due_before is not None:
        qs = qs.filter(due_at__lt=flt.due_before)
    if flt.due_after is not None:
        qs = qs.filter(due_at__gte=flt.due_after)
    return qs
