"""The product/service catalogue (产品/服务目录) and the records that refer to it."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.base import Versioned
from engine.models.campaign import Campaign
from engine.models.customer import Customer
from engine.models.org import User


class Product(Versioned):
    """A product or service the company promotes: what the team must agree on before any
    campaign (name, spec, target price, selling points, target customer profile)."""

    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True, description="SKU-like stable key")
    name = fields.CharField(max_length=200)
    spec = fields.CharField(max_length=200, null=True)
    target_price = fields.DecimalField(max_digits=16, decimal_places=2, null=True)
    price_unit = fields.CharField(max_length=20, null=True)
    selling_points: fields.JSONField[list[str]] = fields.JSONField(default=list)
    # 目标客群画像: industries, company size, pain points
    target_industries: fields.JSONField[list[str]] = fields.JSONField(default=list)
    target_company_size = fields.CharField(max_length=100, null=True)
    target_pain_points = fields.CharField(max_length=500, null=True)
    status = fields.CharField(max_length=16, default="active")
    archived_at = fields.DatetimeField(null=True)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None

    class Meta:
        table = "product"
        indexes = (Index(fields=("status", "id"), name="ix_product_status"),)


class CampaignProduct(Model):
    """A product a campaign promotes."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="product_links", on_delete=fields.CASCADE
    )
    campaign_id: int
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="campaign_links", on_delete=fields.RESTRICT
    )
    product_id: int

    class Meta:
        table = "campaign_product"
        unique_together = (("campaign_id", "product_id"),)
        indexes = (Index(fields=("product_id", "campaign_id"), name="ix_campaign_product"),)


class CustomerProduct(Model):
    """A product a customer is interested in."""

    id = fields.BigIntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="product_links", on_delete=fields.CASCADE
    )
    customer_id: int
    product: fields.ForeignKeyRelation[Product] = fields.ForeignKeyField(
        "models.Product", related_name="customer_links", on_delete=fields.RESTRICT
    )
    product_id: int

    class Meta:
        table = "customer_product"
        unique_together = (("customer_id", "product_id"),)
        indexes = (Index(fields=("product_id", "customer_id"), name="ix_customer_product"),)
