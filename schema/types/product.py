"""The Product type (产品/服务目录) and the company profile (企业信息)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from engine.models import Organization as OrganizationRow
from engine.models import Product as ProductRow
from engine.models.enums import ProductStatus as DomainStatus
from schema.enums import ProductStatus


@strawberry.type(description="Who a product is for (目标客群画像): industries, size, pain points.")
class TargetCustomerProfile:
    industries: list[str] = strawberry.field(description="Target industries, e.g. 制造业.")
    company_size: str | None = strawberry.field(
        description="Target company size, e.g. 年采购额50万以上.")
    pain_points: str | None = strawberry.field(description="The needs it answers (需求痛点).")


@strawberry.type(
    description="A product or service of the catalogue (产品/服务目录): what campaigns promote "
    "and customers are interested in."
)
class Product:
    id: strawberry.ID = strawberry.field(description="Product id.")
    code: str = strawberry.field(description="Stable key (SKU), upper-case; given or P+date+seq.")
    name: str = strawberry.field(description="Name (名称).")
    spec: str | None = strawberry.field(description="Specification (规格).")
    target_price: Decimal | None = strawberry.field(description="Target price in CNY (目标价格).")
    price_unit: str | None = strawberry.field(description="What the price is for, e.g. 套, 年.")
    selling_points: list[str] = strawberry.field(description="Selling points (卖点描述).")
    target_customer: TargetCustomerProfile = strawberry.field(
        description="The target customer profile (目标客群画像).")
    status: ProductStatus = strawberry.field(
        description="ACTIVE, or ARCHIVED: still shown on records, no longer offered.")
    status_label: str = strawberry.field(description="Chinese label of the status.")
    archived_at: datetime | None = strawberry.field(description="When it was archived (UTC).")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    created_at: datetime = strawberry.field(description="When it was added (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")

    @classmethod
    def from_row(cls, row: ProductRow) -> Product:
        return cls(
            id=strawberry.ID(str(row.id)), code=row.code, name=row.name, spec=row.spec,
            target_price=row.target_price, price_unit=row.price_unit,
            selling_points=list(row.selling_points),
            target_customer=TargetCustomerProfile(
                industries=list(row.target_industries), company_size=row.target_company_size,
                pain_points=row.target_pain_points),
            status=ProductStatus(row.status), status_label=DomainStatus.of(row.status).label,
            archived_at=row.archived_at, version=row.version, created_at=row.created_at,
            updated_at=row.updated_at,
        )


@strawberry.type(description="The company's profile (企业信息), set up by `promoflow init`.")
class Organization:
    id: strawberry.ID = strawberry.field(description="Organisation id.")
    name: str = strawberry.field(description="Company name (企业名称).")
    short_name: str | None = strawberry.field(description="Short name shown in tight places.")
    industry: str | None = strawberry.field(description="The company's industry.")
    main_business: str | None = strawberry.field(description="Main business (主营业务).")
    core_strengths: str | None = strawberry.field(description="Core strengths (核心优势).")
    logo_url: str | None = strawberry.field(description="URL of the logo (LOGO).")
    website: str | None = strawberry.field(description="The company's website.")
    timezone: str = strawberry.field(
        description="The company's time zone, fixed at init; deadlines and codes count in it.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    updated_at: datetime = strawberry.field(description="When the profile last changed (UTC).")

    @classmethod
    def from_row(cls, row: OrganizationRow) -> Organization:
        return cls(
            id=strawberry.ID(str(row.id)), name=row.name, short_name=row.short_name,
            industry=row.industry, main_business=row.main_business,
            core_strengths=row.core_strengths, logo_url=row.logo_url, website=row.website,
            timezone=row.timezone, version=row.version, updated_at=row.updated_at,
        )
