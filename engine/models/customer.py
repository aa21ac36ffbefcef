"""The customer aggregate (客户信息管理表) with its sources and stage history."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.base import Versioned
from engine.models.campaign import Campaign
from engine.models.org import Department, User


class Customer(Versioned):
    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    industry = fields.CharField(max_length=100, null=True)
    contact_name = fields.CharField(max_length=100)
    contact_phone = fields.CharField(max_length=50, null=True)
    contact_email = fields.CharField(max_length=200, null=True)
    contact_wechat = fields.CharField(max_length=100, null=True)
    needs_summary = fields.CharField(max_length=50, null=True)
    stage = fields.CharField(max_length=16)
    stage_entered_at = fields.DatetimeField()
    owner: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="owned_customers", on_delete=fields.RESTRICT
    )
    owner_id: int
    # Denormalised from the owner (kept in step by reassignment) so that a department
    # scope is one indexed column, not a join.
    department: fields.ForeignKeyNullableRelation[Department] = fields.ForeignKeyField(
        "models.Department", related_name="customers", null=True, on_delete=fields.RESTRICT
    )
    department_id: int | None
    # The campaign that brought the customer (campaign attribution in effect analysis).
    source_campaign: fields.ForeignKeyNullableRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="customers", null=True, on_delete=fields.SET_NULL
    )
    source_campaign_id: int | None
    # The campaign channel that brought the customer (channel comparison); one of the
    # campaign's channels when a campaign is set.
    source_channel = fields.CharField(max_length=32, null=True)
    # The key of the customer in the system it was imported from: a re-import of the same
    # external id updates this customer instead of creating a duplicate.
    external_id = fields.CharField(max_length=100, null=True, unique=True)
    last_follow_up_date = fields.DateField(null=True)
    deal_amount = fields.DecimalField(max_digits=16, decimal_places=2, null=True)
    lost_reason = fields.CharField(max_length=500, null=True)
    notes = fields.TextField(null=True)
    custom_fields: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    # Set by the escalation ladder when follow-ups go unanswered; cleared on reassignment.
    flagged_for_reassignment = fields.BooleanField(default=False)
    flag_reason = fields.CharField(max_length=200, null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_customers", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None

    class Meta:
        table = "customer"
        indexes = (
            Index(fields=("department_id", "stage", "id"), name="ix_customer_dept_stage"),
            Index(fields=("owner_id", "stage", "id"), name="ix_customer_owner_stage"),
            Index(fields=("stage", "id"), name="ix_customer_stage"),
            Index(fields=("industry",), name="ix_customer_industry"),
            Index(fields=("name",), name="ix_customer_name"),
            Index(fields=("source_campaign_id", "id"), name="ix_customer_campaign"),
            # effect analysis and channel comparison read (campaign, channel, id) index-only
            Index(fields=("source_campaign_id", "source_channel", "id"),
                  name="ix_customer_campaign_channel"),
            # a customer's scope by id, index-only: lists that walk another index in page
            # order (RFM's recall page) check owner and department without the table
            Index(fields=("id", "department_id", "owner_id"), name="ix_customer_scope"),
        )


class CustomerSourceLink(Model):
    """One row per source of a customer (客户来源 is multi-valued)."""

    id = fields.BigIntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="source_links", on_delete=fields.CASCADE
    )
    customer_id: int
    source = fields.CharField(max_length=32)

    class Meta:
        table = "customer_source"
        unique_together = (("customer_id", "source"),)
        indexes = (Index(fields=("source", "customer_id"), name="ix_customer_source_source"),)


class CustomerStageChange(Model):
    """Every entry into a stage: the deal-cycle and funnel figures are computed from it."""

    id = fields.BigIntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="stage_changes", on_delete=fields.CASCADE
    )
    customer_id: int
    event = fields.CharField(max_length=32)
    from_stage = fields.CharField(max_length=16, null=True)
    to_stage = fields.CharField(max_length=16)
    at = fields.DatetimeField()
    actor: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    actor_id: int | None
    reason = fields.CharField(max_length=500, null=True)
    deal_amount = fields.DecimalField(max_digits=16, decimal_places=2, null=True)

    class Meta:
        table = "customer_stage_change"
        indexes = (
            # covering: the analytics read a customer's stage entries without the table
            Index(fields=("customer_id", "at", "to_stage", "deal_amount"),
                  name="ix_stage_change_customer"),
            Index(fields=("to_stage", "at"), name="ix_stage_change_to_stage"),
        )


class CustomFieldDefinition(Versioned):
    """A company-specific field of one record type (customer, follow-up or campaign).

    Seed 000: fields are added or dropped by business (B2C: purchase frequency, order
    value; manufacturing: equipment model, maintenance cycle). Values live in the record's
    `custom_fields` JSON by `key`; engine/services/custom_fields.py checks every write
    against the active definitions. Keys are unique across record types, so a key names
    one field wherever it appears (filters, import headers, export columns).
    """

    id = fields.IntField(primary_key=True)
    record_type = fields.CharField(max_length=16, default="customer",
                                   description="customer | follow_up | campaign")
    key = fields.CharField(max_length=64, unique=True)
    label = fields.CharField(max_length=100)  # the Chinese label
    label_en = fields.CharField(max_length=100, null=True, description="the English label")
    field_type = fields.CharField(max_length=16)
    choices: fields.JSONField[list[str]] = fields.JSONField(default=list)
    required = fields.BooleanField(default=False)
    position = fields.IntField(default=0, description="display order within the record type")
    active = fields.BooleanField(default=True)  # false once archived
    archived_at = fields.DatetimeField(null=True)

    class Meta:
        table = "custom_field_definition"
        ordering = ("id",)
        indexes = (Index(fields=("record_type", "active", "position", "id"),
                         name="ix_custom_field_type"),)


class CustomerOrder(Model):
    """A purchase by a customer (recorded or imported); RFM scores are computed from these."""

    id = fields.BigIntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="orders", on_delete=fields.CASCADE
    )
    customer_id: int
    # The order's key in the system it came from: re-importing it updates, never duplicates.
    external_id = fields.CharField(max_length=100, null=True, unique=True)
    order_date = fields.DateField()
    amount = fields.DecimalField(max_digits=16, decimal_places=2)
    channel = fields.CharField(max_length=32, null=True)
    campaign: fields.ForeignKeyNullableRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="orders", null=True, on_delete=fields.SET_NULL
    )
    campaign_id: int | None
    product = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "customer_order"
        indexes = (
            Index(fields=("customer_id", "order_date"), name="ix_order_customer_date"),
            Index(fields=("order_date",), name="ix_order_date"),
            # a campaign's orders per period (derived KPIs, channelKpis)
            Index(fields=("campaign_id", "order_date"), name="ix_order_campaign_date"),
        )
