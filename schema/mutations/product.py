"""Catalogue and company-profile mutations (each audited)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from engine.errors import ValidationFailed
from engine.models import Product as ProductRow
from engine.services import organization, products
from engine.validation import parse_id
from schema.context import Info
from schema.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, mutate
from schema.mutations.customer import patched
from schema.types.common import ExpectedVersion, RecordId, arg
from schema.types.product import Organization, Product


@strawberry.input(description="Who a product is for (目标客群画像).")
class TargetCustomerProfileInput:
    industries: list[str] | None = strawberry.field(
        default=None, description="Target industries (at most 20).")
    company_size: str | None = strawberry.field(
        default=None, description="Target company size (≤ 100 chars).")
    pain_points: str | None = strawberry.field(
        default=None, description="The needs it answers (≤ 500 chars).")


@strawberry.input(description="A new catalogue entry.")
class ProductCreateInput:
    name: str = strawberry.field(description="Name (required, ≤ 200 chars).")
    code: str | None = strawberry.field(
        default=None, description="Your stable key (SKU: letters, digits . _ -, ≤ 32); "
        "default P + date + sequence.")
    spec: str | None = strawberry.field(default=None, description="Specification (≤ 200).")
    target_price: Decimal | None = strawberry.field(
        default=None, description="Target price in CNY (two decimals at most).")
    price_unit: str | None = strawberry.field(
        default=None, description="What the price is for, e.g. 套, 年 (≤ 20).")
    selling_points: list[str] | None = strawberry.field(
        default=None, description="Selling points (at most 10, ≤ 200 chars each).")
    target_customer: TargetCustomerProfileInput | None = strawberry.field(
        default=None, description="The target customer profile.")


@strawberry.input(
    description="Product fields to change; omitted fields stay, null clears an optional one."
)
class ProductUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="Name.")
    spec: str | None = strawberry.field(default=strawberry.UNSET, description="Specification.")
    target_price: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="Target price in CNY.")
    price_unit: str | None = strawberry.field(default=strawberry.UNSET,
                                              description="Price unit.")
    selling_points: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="Replace the selling points.")
    target_customer: TargetCustomerProfileInput | None = strawberry.field(
        default=strawberry.UNSET,
        description="Replace the target customer profile (every part of it).")


@strawberry.input(description="Company profile fields to change; omitted fields stay.")
class OrganizationUpdateInput:
    name: str | None = strawberry.field(default=strawberry.UNSET,
                                        description="Company name (required).")
    short_name: str | None = strawberry.field(default=strawberry.UNSET,
                                              description="Short name (≤ 50).")
    industry: str | None = strawberry.field(default=strawberry.UNSET, description="Industry.")
    main_business: str | None = strawberry.field(
        default=strawberry.UNSET, description="Main business (主营业务, ≤ 2000).")
    core_strengths: str | None = strawberry.field(
        default=strawberry.UNSET, description="Core strengths (核心优势, ≤ 2000).")
    logo_url: str | None = strawberry.field(default=strawberry.UNSET,
                                            description="Logo URL (http or https).")
    website: str | None = strawberry.field(default=strawberry.UNSET,
                                           description="Website (http or https).")


ProductCreateResult = Annotated[
    Product | ValidationError | ForbiddenError,
    strawberry.union("ProductCreateResult", description="The new product, or why not."),
]
ProductUpdateResult = Annotated[
    Product | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("ProductUpdateResult", description="The product, or why not."),
]
ProductArchiveResult = Annotated[
    Product | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("ProductArchiveResult", description="The archived product, or why not."),
]
OrganizationUpdateResult = Annotated[
    Organization | NotFoundError | ForbiddenError | ValidationError | ConflictError,
    strawberry.union("OrganizationUpdateResult", description="The profile, or why not."),
]


# The engine keeps the profile flat; the input nests it under targetCustomer.
_NESTED = {"target_industries": "target_customer.industries",
           "target_company_size": "target_customer.company_size",
           "target_pain_points": "target_customer.pain_points"}


def _nested(operation: Callable[[], Awaitable[ProductRow]]) -> Callable[[], Awaitable[ProductRow]]:
    """Name a profile field at fault by its input path (targetCustomer.painPoints)."""

    async def run() -> ProductRow:
        try:
            return await operation()
        except ValidationFailed as exc:
            head, _, rest = exc.field.partition(".")
            if head in _NESTED:
                exc.field = _NESTED[head] + (f".{rest}" if rest else "")
            raise

    return run


def _profile(value: Any) -> dict[str, Any]:
    """A target-customer input as the engine's three fields (all cleared when null)."""
    if value is None:
        return {"target_industries": [], "target_company_size": None,
                "target_pain_points": None}
    return {"target_industries": value.industries or [],
            "target_company_size": value.company_size, "target_pain_points": value.pain_points}


@strawberry.type
class ProductMutation:
    @strawberry.mutation(description="Add a product or service to the catalogue "
                         "(admin, marketing).")
    async def product_create(
        self, info: Info, input: Annotated[ProductCreateInput, arg("The new product.")]
    ) -> ProductCreateResult:
        actor = info.context.actor
        data = products.ProductInput(
            name=input.name, code=input.code, spec=input.spec, target_price=input.target_price,
            price_unit=input.price_unit, selling_points=input.selling_points or [],
            **_profile(input.target_customer),
        )
        return await mutate(_nested(lambda: products.create(actor, data)), Product.from_row)

    @strawberry.mutation(description="Change a catalogue entry (admin, marketing).")
    async def product_update(
        self,
        info: Info,
        id: RecordId,
        input: Annotated[ProductUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> ProductUpdateResult:
        actor = info.context.actor
        profile: dict[str, Any] = {}
        if input.target_customer is not strawberry.UNSET:
            profile = _profile(input.target_customer)
        patch = products.ProductPatch(
            name=patched(input.name), spec=patched(input.spec),
            target_price=patched(input.target_price), price_unit=patched(input.price_unit),
            selling_points=patched(input.selling_points), **profile,
        )
        return await mutate(
            _nested(lambda: products.update(actor, parse_id("id", id), patch, expected_version)),
            Product.from_row,
        )

    @strawberry.mutation(description="Take a product out of the catalogue (admin, marketing): "
                         "records that name it keep it; new ones cannot.")
    async def product_archive(
        self,
        info: Info,
        id: RecordId,
        reason: Annotated[str | None, arg("Why (kept in the audit trail).")] = None,
        expected_version: ExpectedVersion = None,
    ) -> ProductArchiveResult:
        actor = info.context.actor
        return await mutate(
            lambda: products.archive(actor, parse_id("id", id), reason, expected_version),
            Product.from_row,
        )

    @strawberry.mutation(description="Change the company profile (admins).")
    async def organization_update(
        self,
        info: Info,
        input: Annotated[OrganizationUpdateInput, arg("The fields to change.")],
        expected_version: ExpectedVersion = None,
    ) -> OrganizationUpdateResult:
        actor = info.context.actor
        patch = organization.OrganizationPatch(
            name=patched(input.name), short_name=patched(input.short_name),
            industry=patched(input.industry), main_business=patched(input.main_business),
            core_strengths=patched(input.core_strengths), logo_url=patched(input.logo_url),
            website=patched(input.website),
        )
        return await mutate(lambda: organization.update(actor, patch, expected_version),
                            Organization.from_row)
