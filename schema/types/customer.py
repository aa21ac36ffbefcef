"""The Customer type (客户信息管理表) and its stage history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Optional, cast

import strawberry
from strawberry.scalars import JSON

from engine.authz import Principal
from engine.models import Customer as CustomerRow
from engine.models import CustomerStageChange as StageChangeRow
from engine.models import User as UserRow
from engine.models.enums import CustomerStage as DomainStage
from engine.services import customers, follow_ups
from schema.context import Info
from schema.enums import (
    Channel,
    CustomerSource,
    CustomerStage,
    CustomerStageEvent,
    FollowUpStatus,
    values_of,
)
from schema.types.common import After, Connection, First, arg, connection
from schema.types.org import Department, User
from schema.types.product import Product

if TYPE_CHECKING:
    from schema.types.campaign import Campaign
    from schema.types.follow_up import FollowUp

FollowUpType = Annotated["FollowUp", strawberry.lazy("schema.types.follow_up")]
CampaignType = Annotated["Campaign", strawberry.lazy("schema.types.campaign")]


@strawberry.type(description="One entry into a stage: who moved the customer, when and why.")
class StageChange:
    id: strawberry.ID = strawberry.field(description="Entry id.")
    event: str = strawberry.field(description="The trigger (upper-case), or CREATE.")
    from_stage: CustomerStage | None = strawberry.field(
        description="The stage left (null when the customer was created)."
    )
    to_stage: CustomerStage = strawberry.field(
        description="The stage entered."
    )
    at: datetime = strawberry.field(description="When the stage was entered (UTC).")
    reason: str | None = strawberry.field(description="Why, as the actor wrote it.")
    deal_amount: Decimal | None = strawberry.field(description="Deal amount of a WIN (CNY).")
    _actor_id: strawberry.Private[int | None]

    @strawberry.field(description="Who made the change (null: the system).")
    async def actor(self, info: Info) -> User | None:
        if self._actor_id is None:
            return None
        row = await info.context.loaders.user.load(self._actor_id)
        return User.from_row(row) if row else None

    @classmethod
    def from_row(cls, row: StageChangeRow) -> StageChange:
        return cls(
            id=strawberry.ID(str(row.id)), event=row.event.upper(),
            from_stage=CustomerStage(row.from_stage) if row.from_stage else None,
            to_stage=CustomerStage(row.to_stage), at=row.at, reason=row.reason,
            deal_amount=row.deal_amount, _actor_id=row.actor_id,
        )


@strawberry.type(
    description="A customer (客户). Contact details are masked unless the caller is the "
    "owner, a manager of the owner's department or an admin."
)
class Customer:
    id: strawberry.ID = strawberry.field(description="Customer id.")
    code: str = strawberry.field(description="Read-only code, e.g. C20261123001.")
    name: str = strawberry.field(description="Company or person name (客户名称).")
    industry: str | None = strawberry.field(description="Industry (所属行业).")
    contact_name: str = strawberry.field(description="Main contact person (联系人姓名).")
    needs_summary: str | None = strawberry.field(description="Needs, ≤ 50 chars (客户需求概述).")
    stage: CustomerStage = strawberry.field(
        description="Current stage (需求阶段)."
    )
    stage_label: str = strawberry.field(description="Chinese label of the stage, e.g. 意向.")
    stage_entered_at: datetime = strawberry.field(description="When the stage was entered.")
    last_follow_up_date: date | None = strawberry.field(
        description="Day of the latest follow-up (最近跟进日期), company time."
    )
    deal_amount: Decimal | None = strawberry.field(description="Deal amount when won (CNY).")
    lost_reason: str | None = strawberry.field(description="Why the customer was lost.")
    notes: str | None = strawberry.field(description="Notes (备注).")
    custom_fields: JSON = strawberry.field(description="Company-specific fields by key.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    created_at: datetime = strawberry.field(description="When the customer was created.")
    updated_at: datetime = strawberry.field(description="When the customer last changed.")
    contact_phone: str | None = strawberry.field(description="Phone (masked unless allowed).")
    contact_email: str | None = strawberry.field(
        description="E-mail (masked unless allowed)."
    )
    contact_wechat: str | None = strawberry.field(
        description="WeChat id (masked unless allowed)."
    )
    contact_masked: bool = strawberry.field(
        description="True when the contact details above are masked for you."
    )
    flagged_for_reassignment: bool = strawberry.field(
        description="Set by escalation when a next action stayed overdue (待重新分配); "
        "reassigning the customer clears it."
    )
    flag_reason: str | None = strawberry.field(description="Why it was flagged.")
    source_channel: Channel | None = strawberry.field(
        description="The campaign channel that brought the customer (one of the source "
        "campaign's channels); channel comparison counts customers by it."
    )
    _row: strawberry.Private[CustomerRow]
    _owner: strawberry.Private[UserRow | None]

    @strawberry.field(description="Where the customer came from (客户来源, several).")
    async def sources(self, info: Info) -> list[CustomerSource]:
        values = await info.context.loaders.sources.load(self._row.id)
        return [CustomerSource(v) for v in values or []]

    @strawberry.field(description="The sales rep responsible (负责人).", graphql_type=User)
    def owner(self, info: Info) -> Any:
        # Lists prefetch the owners of a page in one query; a single customer loads its own.
        if self._owner is not None:
            return User.from_row(self._owner)
        return self._load_owner(info)

    async def _load_owner(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._row.owner_id)
        assert row is not None
        return User.from_row(row)

    @strawberry.field(description="The campaign that brought the customer, if any.",
                      graphql_type=Optional[CampaignType])  # noqa: UP045
    async def source_campaign(self, info: Info) -> Any:
        from schema.types.campaign import Campaign

        if self._row.source_campaign_id is None:
            return None
        row = await info.context.loaders.campaign.load(self._row.source_campaign_id)
        return Campaign.from_row(row, info.context.actor) if row else None

    @strawberry.field(description="Catalogue products the customer is interested in "
                      "(at most 20).")
    async def products_of_interest(self, info: Info) -> list[Product]:
        rows = await info.context.loaders.customer_products.load(self._row.id)
        return [Product.from_row(p) for p in rows or []]

    @strawberry.field(description="The owner's department.")
    async def department(self, info: Info) -> Department | None:
        if self._row.department_id is None:
            return None
        row = await info.context.loaders.department.load(self._row.department_id)
        return Department.from_row(row) if row else None

    @strawberry.field(
        description="Stage events you may fire now (per workflow and policy). Named apart "
        "from TransitionNotAllowedError.allowedEvents so both can be selected in one result."
    )
    def available_events(self, info: Info) -> list[CustomerStageEvent]:
        return [CustomerStageEvent(e) for e in customers.allowed_events(info.context.actor,
                                                                        self._row)]

    @strawberry.field(description="Every entry into a stage, oldest first.")
    async def stage_history(
        self, info: Info, first: First = None, after: After = None
    ) -> Connection[StageChange]:
        page = await customers.stage_history(info.context.actor, self._row, first=first,
                                             after=after)
        return connection(page, StageChange.from_row)

    @strawberry.field(description="This customer's follow-ups, newest first.")
    async def follow_ups(
        self,
        info: Info,
        status: Annotated[
            list[FollowUpStatus] | None, arg("Only these statuses.")
        ] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[FollowUpType]:
        from schema.types.follow_up import FollowUp

        page = await follow_ups.list_(
            info.context.actor,
            follow_ups.FollowUpFilter(customer_id=self._row.id, statuses=values_of(status)),
            first=first, after=after,
        )
        return connection(page, FollowUp.from_row)

    @classmethod
    def from_row(
        cls, row: CustomerRow, actor: Principal, owner: UserRow | None = None
    ) -> Customer:
        """Present a customer to `actor`: contact details as the policy lets them see."""
        contact = customers.contact_view(actor, row)
        return cls(
            id=strawberry.ID(str(row.id)), code=row.code, name=row.name, industry=row.industry,
            contact_name=row.contact_name, needs_summary=row.needs_summary,
            stage=CustomerStage(row.stage), stage_label=DomainStage.of(row.stage).label,
            stage_entered_at=row.stage_entered_at, last_follow_up_date=row.last_follow_up_date,
            deal_amount=row.deal_amount, lost_reason=row.lost_reason, notes=row.notes,
            custom_fields=cast(JSON, row.custom_fields), version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at, contact_phone=contact.phone,
            contact_email=contact.email, contact_wechat=contact.wechat,
            contact_masked=contact.masked,
            flagged_for_reassignment=row.flagged_for_reassignment, flag_reason=row.flag_reason,
            source_channel=Channel(row.source_channel) if row.source_channel else None,
            _row=row, _owner=owner,
        )
