"""Customer mutations: create, update, advance stage, reassign."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from engine import validation
from engine.authz import Principal
from engine.models import Customer as CustomerRow
from engine.services import customers
from engine.validation import parse_id
from schema.context import Info
from schema.enums import Channel, CustomerSource, CustomerStageEvent, value_of, values_of
from schema.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    TransitionNotAllowedError,
    ValidationError,
    mutate,
)
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.customer import Customer


def present(actor: Principal) -> Callable[[CustomerRow], Customer]:
    return lambda row: Customer.from_row(row, actor)


def patched(value: Any) -> Any:
    """GraphQL's 'not sent' (UNSET) to the engine's; null stays null (clear the field)."""
    return validation.UNSET if value is strawberry.UNSET else value


@strawberry.input(description="A new customer. At least one contact detail is required.")
class CustomerCreateInput:
    name: str = strawberry.field(description="Company or person name (required).")
    contact_name: str = strawberry.field(description="Main contact person (required).")
    sources: list[CustomerSource] = strawberry.field(
        description="Where the customer came from (at least one)."
    )
    industry: str | None = strawberry.field(default=None, description="Industry.")
    contact_phone: str | None = strawberry.field(default=None, description="Phone.")
    contact_email: str | None = strawberry.field(default=None, description="E-mail.")
    contact_wechat: str | None = strawberry.field(default=None, description="WeChat id.")
    needs_summary: str | None = strawberry.field(default=None, description="Needs, ≤ 50 chars.")
    notes: str | None = strawberry.field(default=None, description="Notes.")
    owner_username: str | None = strawberry.field(
        default=None, description="The sales rep who will own it (default: you)."
    )
    custom_fields: JSON | None = strawberry.field(
        default=None, description="Values of the company's custom fields, by key."
    )
    source_campaign_code: str | None = strawberry.field(
        default=None, description="Code of the campaign that brought the customer."
    )
    source_channel: Channel | None = strawberry.field(
        default=None, description="The campaign channel that brought the customer; must be "
        "one of the source campaign's channels when a campaign is given."
    )
    product_codes: list[str] | None = strawberry.field(
        default=None, description="Codes of the catalogue products the customer is interested "
        "in (active ones, at most 20)."
    )


@strawberry.input(
    description="Fields to change; omitted fields stay as they are, null clears an optional one."
)
class CustomerUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    industry: str | None = strawberry.field(default=strawberry.UNSET, description="Industry.")
    sources: list[CustomerSource] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the sources (at least one)."
    )
    contact_name: str | None = strawberry.field(default=strawberry.UNSET, description="Contact.")
    contact_phone: str | None = strawberry.field(default=strawberry.UNSET, description="Phone.")
    contact_email: str | None = strawberry.field(default=strawberry.UNSET, description="E-mail.")
    contact_wechat: str | None = strawberry.field(default=strawberry.UNSET, description="WeChat.")
    needs_summary: str | None = strawberry.field(default=strawberry.UNSET, description="Needs.")
    notes: str | None = strawberry.field(default=strawberry.UNSET, description="Notes.")
    custom_fields: JSON | None = strawberry.field(
        default=strawberry.UNSET, description="Custom values to set; a null value removes one."
    )
    source_campaign_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="The campaign that brought it (null: none)."
    )
    source_channel: Channel | None = strawberry.field(
        default=strawberry.UNSET, description="The campaign channel that brought it (null: "
        "none); must be one of the source campaign's channels."
    )
    product_codes: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the products of interest (codes; null or "
        "[]: none)."
    )


CustomerCreateResult = Annotated[
    Customer | ValidationError | ForbiddenError,
    strawberry.union("CustomerCreateResult", description="The new customer, or why not."),
]
CustomerUpdateResult = Annotated[
    Customer | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("CustomerUpdateResult", description="The updated customer, or why not."),
]
CustomerAdvanceStageResult = Annotated[
    Customer
    | NotFoundError
    | ForbiddenError
    | ValidationError
    | TransitionNotAllowedError
    | ConflictError,
    strawberry.union("CustomerAdvanceStageResult", description="The customer, or why not."),
]
CustomerReassignResult = Annotated[
    Customer | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("CustomerReassignResult", description="The customer, or why not."),
]


@strawberry.type
class CustomerMutation:
    @strawberry.mutation(description="Create a customer; its code is assigned (C + date + seq).")
    async def customer_create(
        self, info: Info, input: Annotated[CustomerCreateInput, arg("The new customer.")]
    ) -> CustomerCreateResult:
        actor = info.context.actor
        data = customers.CustomerInput(
            name=input.name, contact_name=input.contact_name, sources=values_of(input.sources),
            industry=input.industry, contact_phone=input.contact_phone,
            contact_email=input.contact_email, contact_wechat=input.contact_wechat,
            needs_summary=input.needs_summary, notes=input.notes,
            owner_username=input.owner_username,
            custom_fields=cast(dict[str, Any] | None, input.custom_fields),
            source_campaign_code=input.source_campaign_code,
            source_channel=value_of(input.source_channel) if input.source_channel else None,
            product_codes=input.product_codes,
        )
        return await mutate(lambda: customers.create(actor, data), present(actor))

    @strawberry.mutation(description="Change a customer's fields (not stage or owner).")
    async def customer_update(
        self,
        info: Info,
        id: RecordId,
        input: Annotated[CustomerUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> CustomerUpdateResult:
        actor = info.context.actor
        sources = patched(input.sources)
        patch = customers.CustomerPatch(
            name=patched(input.name), industry=patched(input.industry),
            sources=values_of(sources) if isinstance(sources, list) else sources,
            contact_name=patched(input.contact_name), contact_phone=patched(input.contact_phone),
            contact_email=patched(input.contact_email),
            contact_wechat=patched(input.contact_wechat),
            needs_summary=patched(input.needs_summary), notes=patched(input.notes),
            custom_fields=patched(input.custom_fields),
            source_campaign_code=patched(input.source_campaign_code),
            source_channel=value_of(input.source_channel) if input.source_channel
            else patched(input.source_channel),
            product_codes=patched(input.product_codes),
        )
        return await mutate(
            lambda: customers.update(actor, parse_id("id", id), patch, expected_version),
            present(actor),
        )

    @strawberry.mutation(
        description="Move a customer through the stage workflow. WIN needs dealAmount; "
        "LOSE needs a reason."
    )
    async def customer_advance_stage(
        self,
        info: Info,
        id: RecordId,
        event: Annotated[CustomerStageEvent, arg("The trigger to fire.")],
        reason: Annotated[str | None, arg("Why (required to LOSE).")] = None,
        deal_amount: Annotated[Decimal | None, arg("Deal amount in CNY (required to WIN).")] = None,
        expected_version: ExpectedVersion = None,
    ) -> CustomerAdvanceStageResult:
        actor = info.context.actor
        return await mutate(
            lambda: customers.advance_stage(
                actor, parse_id("id", id), value_of(event), reason=reason,
                deal_amount=deal_amount, expected_version=expected_version,
            ),
            present(actor),
        )

    @strawberry.mutation(
        description="Give a customer to another sales rep (managers: within their department); "
        "its open follow-up actions move too."
    )
    async def customer_reassign(
        self,
        info: Info,
        id: RecordId,
        owner_username: Annotated[str, arg("The new owner's username.")],
        reason: Annotated[str | None, arg("Why (kept in the audit trail).")] = None,
        expected_version: ExpectedVersion = None,
    ) -> CustomerReassignResult:
        actor = info.context.actor
        return await mutate(
            lambda: customers.reassign(
                actor, parse_id("id", id), owner_username, expected_version, reason
            ),
            present(actor),
        )
