"""The catalogue and the company profile."""

from __future__ import annotations

from typing import Annotated

import strawberry

from engine.services import organization, products
from engine.validation import parse_id
from schema.context import Info
from schema.enums import ProductStatus, values_of
from schema.types.common import After, Connection, First, arg, connection
from schema.types.product import Organization, Product


@strawberry.input(description="Narrow the catalogue; all conditions must hold.")
class ProductFilter:
    status: list[ProductStatus] | None = strawberry.field(
        default=None, description="Any of these statuses (default: ACTIVE only).")
    search: str | None = strawberry.field(
        default=None, description="Text in the name or spec, or the start of the code.")


@strawberry.type
class ProductQuery:
    @strawberry.field(description="The company profile (null before `promoflow init`).")
    async def organization(self, info: Info) -> Organization | None:
        row = await organization.get(info.context.actor)
        return Organization.from_row(row) if row else None

    @strawberry.field(description="One product by id or code; null if there is none.")
    async def product(
        self,
        info: Info,
        id: Annotated[strawberry.ID | None, arg("The product's id.")] = None,
        code: Annotated[str | None, arg("Or its code.")] = None,
    ) -> Product | None:
        row = await products.get(info.context.actor,
                                 product_id=parse_id("id", id) if id is not None else None,
                                 code=code)
        return Product.from_row(row) if row else None

    @strawberry.field(description="The catalogue, oldest first; `first` is 1–100.")
    async def products(
        self,
        info: Info,
        filter: Annotated[ProductFilter | None, arg("Conditions, all must hold.")] = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Product]:
        f = filter or ProductFilter()
        page = await products.list_(
            info.context.actor,
            products.ProductFilter(statuses=values_of(f.status), search=f.search),
            first=first, after=after,
        )
        return connection(page, Product.from_row)
