"""Customers (客户信息管理表): create, update, move through stages, reassign, read, list.

Every write follows DESIGN.md's path: authorize → one transaction (load with version,
fire the machine, versioned UPDATE, history, audit) → the fresh row back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, Q, Subquery
from tortoise.queryset import QuerySet

from engine import audit, clock, codes, deadlines, machines, outbox, settings, validation
from engine.authz import NoAccess, Principal, can, mask_value, require, scope_filter
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import (
    Campaign,
    CampaignChannelLink,
    Customer,
    CustomerProduct,
    CustomerSourceLink,
    CustomerStageChange,
    CustomFieldDefinition,
    FollowUp,
    User,
)
from engine.models.enums import (
    Channel,
    CustomerSource,
    CustomerStage,
    CustomerStageEvent,
    CustomFieldType,
    FollowUpStatus,
)
from engine.pagination import OrderKey, Page, empty_page, paginate
from engine.services import org, products
from engine.versioning import versioned_update

OBJECT = "customer"
WORKFLOW = "customer_stage"
CODE_PREFIX = "C"
CONTACT_FIELDS = ("contact_phone", "contact_email", "contact_wechat")


@dataclass(frozen=True)
class CustomerInput:
    name: str
    contact_name: str
    sources: Sequence[str]
    industry: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    contact_wechat: str | None = None
    needs_summary: str | None = None
    notes: str | None = None
    owner_username: str | None = None
    custom_fields: dict[str, Any] | None = None
    source_campaign_code: str | None = None
    # The campaign channel that brought the customer: one of the source campaign's channels.
    source_channel: str | None = None
    # Products of interest, by catalogue code (active products only).
    product_codes: Sequence[str] | None = None


@dataclass(frozen=True)
class CustomerPatch:
    name: Any = validation.UNSET
    industry: Any = validation.UNSET
    sources: Any = validation.UNSET
    contact_name: Any = validation.UNSET
    contact_phone: Any = validation.UNSET
    contact_email: Any = validation.UNSET
    contact_wechat: Any = validation.UNSET
    needs_summary: Any = validation.UNSET
    notes: Any = validation.UNSET
    custom_fields: Any = validation.UNSET
    source_campaign_code: Any = validation.UNSET
    source_channel: Any = validation.UNSET
    product_codes: Any = validation.UNSET


ORDERS: dict[str, tuple[OrderKey, ...]] = {
    "created_desc": (OrderKey("id", descending=True),),
    "created_asc": (OrderKey("id"),),
    "name_asc": (OrderKey("name", kind="str"), OrderKey("id")),
    "updated_desc": (
        OrderKey("updated_at", descending=True, kind="datetime"),
        OrderKey("id", descending=True),
    ),
}


@dataclass(frozen=True)
class CustomerFilter:
    stages: Sequence[str] = ()
    owner_username: str | None = None
    owner_id: int | None = None
    department_id: int | None = None
    industry: str | None = None
    sources: Sequence[str] = ()
    search: str | None = None
    source_campaign_id: int | None = None
    flagged_for_reassignment: bool | None = None
    product_code: str | None = None
    order: str = "created_desc"


# -- field rules -----------------------------------------------------------------------


def _clean_common(values: dict[str, Any], data: Any, *, partial: bool) -> None:
    """Validate the plain fields present in `data` into `values` (engine field names)."""

    def given(name: str) -> bool:
        return not partial or getattr(data, name) is not validation.UNSET

    if given("name"):
        values["name"] = validation.required_text("name", data.name, max_len=200)
    if given("industry"):
        values["industry"] = validation.text("industry", data.industry, max_len=100)
    if given("contact_name"):
        values["contact_name"] = validation.required_text(
            "contact_name", data.contact_name, max_len=100
        )
    if given("contact_phone"):
        values["contact_phone"] = validation.phone("contact_phone", data.contact_phone)
    if given("contact_email"):
        values["contact_email"] = validation.email("contact_email", data.contact_email)
    if given("contact_wechat"):
        values["contact_wechat"] = validation.text(
            "contact_wechat", data.contact_wechat, max_len=100
        )
    if given("needs_summary"):
        values["needs_summary"] = validation.text(
            "needs_summary", data.needs_summary, max_len=50
        )
    if given("notes"):
        values["notes"] = validation.text("notes", data.notes, max_len=5000)


async def _source_campaign(code: str | None) -> int | None:
    """The id of the campaign that brought the customer (by its code), or None."""
    if code is None or not code.strip():
        return None
    campaign = await Campaign.get_or_none(code=code.strip().upper())
    if campaign is None:
        raise ValidationFailed("source_campaign_code", f"no campaign {code!r}", rule="unknown")
    return campaign.id


def _clean_channel(raw: Any) -> str | None:
    if raw is None or not str(raw).strip():
        return None
    return validation.enum_value("source_channel", Channel, raw).value


async def _check_channel(conn: BaseDBAsyncClient | None, campaign_id: int | None,
                         channel: str | None) -> None:
    """A source channel must be one the source campaign runs on (when there is one)."""
    if campaign_id is None or channel is None:
        return
    links = CampaignChannelLink.filter(campaign_id=campaign_id)
    if conn is not None:
        links = links.using_db(conn)
    channels = [link.channel for link in await links.order_by("id")]
    if channel not in channels:
        raise ValidationFailed(
            "source_channel",
            f"{channel} is not one of the source campaign's channels ({', '.join(channels)})",
            rule="not_campaign_channel",
        )


def _require_contact(values: dict[str, Any]) -> None:
    if not any(values.get(f) for f in CONTACT_FIELDS):
        raise ValidationFailed(
            "contact_phone",
            "a customer needs at least one contact detail (phone, e-mail or WeChat)",
            rule="contact_required",
        )


def _clean_sources(raw: Iterable[Any] | None) -> list[str]:
    if raw is None:
        raise ValidationFailed("sources", "sources needs at least one value", rule="required")
    return [s.value for s in validation.enum_list("sources", CustomerSource, raw, required=True)]


def _check_custom_value(definition: CustomFieldDefinition, value: Any) -> Any:
    fname = f"custom_fields.{definition.key}"
    kind = definition.field_type
    if kind == CustomFieldType.STRING.value:
        if not isinstance(value, str) or len(value) > 500:
            raise ValidationFailed(fname, f"{fname} must be text (≤ 500 chars)", rule="type")
    elif kind == CustomFieldType.NUMBER.value:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValidationFailed(fname, f"{fname} must be a number", rule="type")
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            raise ValidationFailed(fname, f"{fname} must be a number", rule="type") from None
        if not number.is_finite():
            raise ValidationFailed(fname, f"{fname} must be a number", rule="type")
        return str(number)
    elif kind == CustomFieldType.DATE.value:
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationFailed(fname, f"{fname} must be a date YYYY-MM-DD",
                                   rule="type") from None
    elif kind == CustomFieldType.BOOLEAN.value:
        if not isinstance(value, bool):
            raise ValidationFailed(fname, f"{fname} must be true or false", rule="type")
    elif kind == CustomFieldType.CHOICE.value and value not in definition.choices:
        raise ValidationFailed(
            fname, f"{fname} must be one of {', '.join(definition.choices)}", rule="choice"
        )
    return value


async def _clean_custom_fields(
    conn: BaseDBAsyncClient, current: dict[str, Any], given: dict[str, Any] | None,
) -> dict[str, Any]:
    """Merge `given` into `current` (null removes a key) and check against definitions."""
    if given is not None and not isinstance(given, dict):
        raise ValidationFailed("custom_fields", "custom_fields must be an object", rule="type")
    definitions = {
        d.key: d for d in await CustomFieldDefinition.filter(active=True).using_db(conn)
    }
    merged = dict(current)
    for key, value in (given or {}).items():
        if key not in definitions:
            raise ValidationFailed(
                f"custom_fields.{key}", f"no custom field {key!r} is defined", rule="unknown"
            )
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = _check_custom_value(definitions[key], value)
    for key, definition in definitions.items():
        if definition.required and merged.get(key) in (None, ""):
            raise ValidationFailed(
                f"custom_fields.{key}", f"custom field {key!r} is required", rule="required"
            )
    return merged


# -- reading ---------------------------------------------------------------------------


def can_read(actor: Principal, customer: Customer) -> bool:
    return can(actor, OBJECT, "read", customer.owner_id, customer.department_id)


def can_see_contact(actor: Principal, customer: Customer) -> bool:
    return can(actor, OBJECT, "read_contact", customer.owner_id, customer.department_id)


@dataclass(frozen=True)
class ContactView:
    phone: str | None
    email: str | None
    wechat: str | None
    masked: bool


def contact_view(actor: Principal, customer: Customer) -> ContactView:
    """The contact details as `actor` may see them (masked unless owner/manager/admin)."""
    return contact_view_of(actor, customer.owner_id, customer.department_id,
                           customer.contact_phone, customer.contact_email,
                           customer.contact_wechat)


def contact_view_of(actor: Principal, owner_id: int, department_id: int | None,
                    phone: str | None, email: str | None, wechat: str | None) -> ContactView:
    """`contact_view` from the columns themselves (exports read rows as plain values)."""
    if can(actor, OBJECT, "read_contact", owner_id, department_id):
        return ContactView(phone, email, wechat, False)
    return ContactView(mask_value(phone), mask_value(email), mask_value(wechat), True)


def mask_changes(actor: Principal, customer: Customer | None, changes: dict[str, Any]
                 ) -> dict[str, Any]:
    """Audit `changes` with contact details masked as `contact_view` masks them."""
    if customer is not None and can_see_contact(actor, customer):
        return changes
    return mask_all(changes)


def mask_all(changes: dict[str, Any]) -> dict[str, Any]:
    """Audit `changes` with every contact detail masked."""
    return {
        k: [mask_value(v) for v in pair] if k in CONTACT_FIELDS and isinstance(pair, list)
        else pair
        for k, pair in changes.items()
    }


async def get(actor: Principal, *, customer_id: int | None = None, code: str | None = None
              ) -> Customer | None:
    """The customer if it exists and `actor` may read it, else None."""
    if customer_id is None and not code:
        raise ValidationFailed("id", "give an id or a code", rule="required")
    qs = Customer.filter(id=customer_id) if customer_id is not None else Customer.filter(
        code=(code or "").strip().upper()
    )
    customer = await qs.first()
    if customer is None or not can_read(actor, customer):
        return None
    return customer


async def _load_for_write(conn: BaseDBAsyncClient, actor: Principal, customer_id: int
                          ) -> Customer:
    customer = await Customer.filter(id=customer_id).using_db(conn).first()
    if customer is None or not can_read(actor, customer):
        raise NotFound(OBJECT, customer_id)
    return customer


def visible(actor: Principal) -> Q | None:
    return scope_filter(actor, OBJECT, "read", owner_field="owner_id",
                        department_field="department_id")


async def list_(
    actor: Principal, flt: CustomerFilter, *, first: int | None, after: str | None
) -> Page[Customer]:
    order = ORDERS.get(flt.order)
    if order is None:
        raise ValidationFailed("order", f"order must be one of {', '.join(ORDERS)}")
    qs = await query(actor, flt)
    if qs is None:
        return empty_page()
    return await paginate(qs, first=first, after=after, order=order)


async def query(actor: Principal, flt: CustomerFilter) -> QuerySet[Customer] | None:
    """The customers `actor` may read that match `flt`, unordered (None: certainly none).

    The list's WHERE, shared with exports so both always show the same rows.
    """
    try:
        scope = visible(actor)
    except NoAccess:
        return None
    qs = Customer.all()
    if scope is not None:
        qs = qs.filter(scope)
    if flt.stages:
        stages = [validation.enum_value("stage", CustomerStage, s).value for s in flt.stages]
        qs = qs.filter(stage__in=stages)
    if flt.owner_username:
        owner = await User.get_or_none(username=flt.owner_username.strip())
        if owner is None:
            return None
        qs = qs.filter(owner_id=owner.id)
    if flt.owner_id is not None:
        qs = qs.filter(owner_id=flt.owner_id)
    if flt.department_id is not None:
        qs = qs.filter(department_id=flt.department_id)
    if flt.flagged_for_reassignment is not None:
        qs = qs.filter(flagged_for_reassignment=flt.flagged_for_reassignment)
    if flt.industry:
        qs = qs.filter(industry=flt.industry.strip())
    if flt.sources:
        sources = [validation.enum_value("source", CustomerSource, s).value for s in flt.sources]
        qs = qs.filter(
            id__in=Subquery(
                CustomerSourceLink.filter(source__in=sources).values("customer_id")
            )
        )
    if flt.search and flt.search.strip():
        term = flt.search.strip()
        qs = qs.filter(Q(name__icontains=term) | Q(code__istartswith=term))
    if flt.source_campaign_id is not None:
        qs = qs.filter(source_campaign_id=flt.source_campaign_id)
    if flt.product_code and flt.product_code.strip():
        qs = qs.filter(id__in=Subquery(CustomerProduct.filter(
            product__code=flt.product_code.strip().upper()).values("customer_id")))
    return qs


async def sources_of(customer_ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(set(customer_ids))
    result: dict[int, list[str]] = {i: [] for i in ids}
    if ids:
        for customer_id, source in await CustomerSourceLink.filter(
                customer_id__in=ids).order_by("id").values_list("customer_id", "source"):
            result[customer_id].append(source)
    return result


async def by_ids(ids: Iterable[int]) -> dict[int, Customer]:
    wanted = list(set(ids))
    return {c.id: c for c in await Customer.filter(id__in=wanted)} if wanted else {}


async def stage_history(
    actor: Principal, customer: Customer, *, first: int | None, after: str | None
) -> Page[CustomerStageChange]:
    require(actor, OBJECT, "read", customer.owner_id, customer.department_id)
    return await paginate(
        CustomerStageChange.filter(customer_id=customer.id),
        first=first, after=after, order=(OrderKey("id"),),
    )


def allowed_events(actor: Principal, customer: Customer) -> list[str]:
    """Stage events that exist from the current stage and that `actor` may perform."""
    wf = machines.workflow(WORKFLOW)
    return [
        e for e in wf.allowed_events(customer.stage)
        if can(actor, OBJECT, e, customer.owner_id, customer.department_id)
    ]


# -- writing ---------------------------------------------------------------------------


async def create(actor: Principal, data: CustomerInput) -> Customer:
    values: dict[str, Any] = {}
    _clean_common(values, data, partial=False)
    _require_contact(values)
    sources = _clean_sources(data.sources)
    values["source_campaign_id"] = await _source_campaign(data.source_campaign_code)
    values["source_channel"] = _clean_channel(data.source_channel)
    await _check_channel(None, values["source_campaign_id"], values["source_channel"])
    interests = await products.resolve_codes("product_codes", data.product_codes)
    if data.owner_username:
        owner = await org.resolve_owner("owner_username", data.owner_username)
    else:
        me = await User.get_or_none(id=actor.id) if actor.id is not None else None
        if me is None or me.role not in org.OWNER_ROLES:
            raise ValidationFailed(
                "owner_username", "choose the sales rep who will own this customer",
                rule="required",
            )
        owner = me
    require(actor, OBJECT, "create", owner.id, owner.department_id)
    cfg = settings.current()
    now = clock.now()
    initial = machines.workflow(WORKFLOW).initial
    async with outbox.atomic() as conn:
        values["custom_fields"] = await _clean_custom_fields(conn, {}, data.custom_fields)
        code = await codes.next_code(conn, CODE_PREFIX, clock.local_date(now, cfg.zone))
        customer = await Customer.create(
            using_db=conn,
            code=code,
            stage=initial,
            stage_entered_at=now,
            owner_id=owner.id,
            department_id=owner.department_id,
            created_by_id=actor.id,
            **values,
        )
        await CustomerSourceLink.bulk_create(
            [CustomerSourceLink(customer_id=customer.id, source=s) for s in sources],
            using_db=conn,
        )
        await CustomerStageChange.create(
            using_db=conn, customer_id=customer.id, event="create", from_stage=None,
            to_stage=initial, at=now, actor_id=actor.id,
        )
        await products.replace_links(conn, CustomerProduct, "customer_id", customer.id,
                                     interests)
        extra = {"products": [p.code for p in interests]} if interests else {}
        await audit.customer_created_event(
            conn, actor, customer.id,
            {**values, "code": code, "sources": sources, "owner": owner.username, **extra},
            initial,
        )
    return customer


async def update(
    actor: Principal, customer_id: int, patch: CustomerPatch, expected_version: int | None
) -> Customer:
    async with outbox.atomic() as conn:
        customer = await _load_for_write(conn, actor, customer_id)
        require(actor, OBJECT, "update", customer.owner_id, customer.department_id)
        values: dict[str, Any] = {}
        _clean_common(values, patch, partial=True)
        if patch.source_campaign_code is not validation.UNSET:
            values["source_campaign_id"] = await _source_campaign(patch.source_campaign_code)
        if patch.source_channel is not validation.UNSET:
            values["source_channel"] = _clean_channel(patch.source_channel)
        if "source_campaign_id" in values or "source_channel" in values:
            await _check_channel(
                conn, values.get("source_campaign_id", customer.source_campaign_id),
                values.get("source_channel", customer.source_channel))
        if patch.custom_fields is not validation.UNSET:
            values["custom_fields"] = await _clean_custom_fields(
                conn, customer.custom_fields, patch.custom_fields
            )
        after = {f: getattr(customer, f) for f in CONTACT_FIELDS} | values
        _require_contact(after)
        changes = audit.diff({k: getattr(customer, k) for k in values}, values)
        new_sources: list[str] | None = None
        if patch.sources is not validation.UNSET:
            new_sources = _clean_sources(patch.sources)
            old_sources = (await sources_of([customer.id]))[customer.id]
            if sorted(old_sources) != sorted(new_sources):
                changes["sources"] = [old_sources, new_sources]
            else:
                new_sources = None
        new_products: list[Any] | None = None
        if patch.product_codes is not validation.UNSET:
            old_ids = await products.linked_ids(CustomerProduct, "customer_id", customer.id,
                                                conn)
            new_products = await products.resolve_codes(
                "product_codes", patch.product_codes or [], current=old_ids)
            if [p.id for p in new_products] != old_ids:
                old = await products.by_ids(old_ids)
                changes["products"] = [[old[i].code for i in old_ids],
                                       [p.code for p in new_products]]
            else:
                new_products = None
        if not changes:
            if expected_version is not None and expected_version != customer.version:
                raise Conflict(OBJECT, customer.id, customer.version)
            return customer
        version = await versioned_update(
            conn, customer, OBJECT, expected_version,
            {k: values[k] for k in changes if k in values},
        )
        if new_products is not None:
            await products.replace_links(conn, CustomerProduct, "customer_id", customer.id,
                                         new_products)
        if new_sources is not None:
            await CustomerSourceLink.filter(customer_id=customer.id).using_db(conn).delete()
            await CustomerSourceLink.bulk_create(
                [CustomerSourceLink(customer_id=customer.id, source=s) for s in new_sources],
                using_db=conn,
            )
        await audit.customer_updated_event(conn, actor, customer.id, changes, version)
        return customer


async def advance_stage(
    actor: Principal,
    customer_id: int,
    event: str,
    *,
    reason: str | None = None,
    deal_amount: Any = None,
    expected_version: int | None = None,
) -> Customer:
    """Fire a stage event (qualify, negotiate, win, lose, reactivate) on a customer."""
    event_v = validation.enum_value("event", CustomerStageEvent, event).value
    reason_v = validation.text("reason", reason, max_len=500)
    amount = validation.money("deal_amount", deal_amount)
    if amount is not None and event_v != CustomerStageEvent.WIN.value:
        raise ValidationFailed(
            "deal_amount", "a deal amount is only recorded when winning", rule="not_applicable"
        )
    wf = machines.workflow(WORKFLOW)
    async with outbox.atomic() as conn:
        customer = await _load_for_write(conn, actor, customer_id)
        require(actor, OBJECT, event_v, customer.owner_id, customer.department_id)
        if expected_version is not None and expected_version != customer.version:
            raise Conflict(OBJECT, customer.id, customer.version)
        before = customer.stage
        after = await wf.fire(before, event_v, reason=reason_v, deal_amount=amount)
        now = clock.now()
        values: dict[str, Any] = {"stage": after, "stage_entered_at": now}
        if event_v == CustomerStageEvent.WIN.value:
            values["deal_amount"] = amount
        if after == CustomerStage.LOST.value:
            values["lost_reason"] = reason_v
        elif customer.lost_reason is not None:
            values["lost_reason"] = None
        changes = audit.diff({k: getattr(customer, k) for k in values}, values)
        version = await versioned_update(conn, customer, OBJECT, expected_version, values)
        await CustomerStageChange.create(
            using_db=conn, customer_id=customer.id, event=event_v, from_stage=before,
            to_stage=after, at=now, actor_id=actor.id, reason=reason_v, deal_amount=amount,
        )
        await audit.customer_stage_changed_event(
            conn, actor, customer.id, event_v, before, after, reason_v, changes, version
        )
        return customer


async def reassign(
    actor: Principal, customer_id: int, owner_username: str,
    expected_version: int | None = None, reason: str | None = None,
) -> Customer:
    """Give a customer (and its open follow-up actions) to another sales rep."""
    new_owner = await org.resolve_owner("owner_username", owner_username or "")
    reason_v = validation.text("reason", reason, max_len=500)
    async with outbox.atomic() as conn:
        customer = await _load_for_write(conn, actor, customer_id)
        require(actor, OBJECT, "reassign", customer.owner_id, customer.department_id)
        # The new owner must be within the actor's reach too (a manager: their department).
        require(actor, OBJECT, "reassign", new_owner.id, new_owner.department_id)
        if new_owner.id == customer.owner_id:
            if expected_version is not None and expected_version != customer.version:
                raise Conflict(OBJECT, customer.id, customer.version)
            return customer
        # Deadlines of its open follow-ups first: the escalation job locks in that order.
        open_ids = [f.id for f in await FollowUp.filter(
            customer_id=customer.id,
            status__in=[FollowUpStatus.PENDING.value, FollowUpStatus.OVERDUE.value],
        ).using_db(conn)]
        await deadlines.reassign(conn, deadlines.FOLLOW_UP, open_ids, new_owner.id,
                                  new_owner.department_id)
        old_owner = await User.filter(id=customer.owner_id).using_db(conn).get()
        values: dict[str, Any] = {"owner_id": new_owner.id,
                                  "department_id": new_owner.department_id}
        if customer.flagged_for_reassignment:
            values.update(flagged_for_reassignment=False, flag_reason=None)
        changes = audit.diff(
            {"owner": old_owner.username, "department_id": customer.department_id,
             "flagged_for_reassignment": customer.flagged_for_reassignment},
            {"owner": new_owner.username, "department_id": new_owner.department_id,
             "flagged_for_reassignment": False},
        )
        version = await versioned_update(conn, customer, OBJECT, expected_version, values)
        await audit.customer_updated_event(
            conn, actor, customer.id, changes, version, action="reassign"
        )
        await _move_open_follow_ups(conn, actor, customer.id, new_owner, reason_v)
        return customer


async def _move_open_follow_ups(
    conn: BaseDBAsyncClient, actor: Principal, customer_id: int, new_owner: User,
    reason: str | None,
) -> None:
    open_states = [FollowUpStatus.PENDING.value, FollowUpStatus.OVERDUE.value]
    rows = await FollowUp.filter(
        customer_id=customer_id, status__in=open_states
    ).exclude(assignee_id=new_owner.id).using_db(conn)
    if not rows:
        return
    previous = await org.users_by_ids(r.assignee_id for r in rows)
    for row in rows:
        before = previous[row.assignee_id].username
        version = await versioned_update(
            conn, row, "follow_up", None, {"assignee_id": new_owner.id}
        )
        await audit.write_event(
            conn, actor, "follow_up", row.id, "reassign",
            changes={"assignee": [before, new_owner.username]},
            reason=reason, version=version,
        )


async def touch_last_follow_up(
    conn: BaseDBAsyncClient, actor: Principal, customer_id: int, day: date, cause: str
) -> None:
    """Move the customer's last follow-up date forward to `day` (never backwards)."""
    customer = await Customer.filter(id=customer_id).using_db(conn).get()
    if customer.last_follow_up_date is not None and customer.last_follow_up_date >= day:
        return
    updated = await Customer.filter(id=customer_id).filter(
        Q(last_follow_up_date__isnull=True) | Q(last_follow_up_date__lt=day)
    ).using_db(conn).update(
        last_follow_up_date=day, version=F("version") + 1, updated_at=clock.now()
    )
    if updated:
        refreshed = await Customer.filter(id=customer_id).using_db(conn).get()
        await audit.customer_updated_event(
            conn, actor, customer_id,
            {"last_follow_up_date": [audit.jsonable(customer.last_follow_up_date),
                                     day.isoformat()]},
            refreshed.version, action=cause,
        )
