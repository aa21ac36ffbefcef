"""The product/service catalogue (产品/服务目录): create, update, archive, read, list.

Seed 000 step 1 asks the team to agree on what it promotes: name, spec, target price,
selling points and the target customer profile. Campaigns and customers refer to
products by code; an archived product stays readable but is no longer offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from engine import audit, clock, codes, outbox, settings, validation
from engine.authz import Principal, require
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import CampaignProduct, CustomerProduct, Product
from engine.models.enums import ProductStatus
from engine.pagination import OrderKey, Page, paginate
from engine.versioning import versioned_update

OBJECT = "product"
CODE_PREFIX = "P"
MAX_LINKED = 20  # products one campaign or customer may name
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
FIELDS = ("name", "spec", "target_price", "price_unit", "selling_points", "target_industries",
          "target_company_size", "target_pain_points")


@dataclass(frozen=True)
class ProductInput:
    name: str
    code: str | None = None
    spec: str | None = None
    target_price: Any = None
    price_unit: str | None = None
    selling_points: Sequence[str] = ()
    target_industries: Sequence[str] = ()
    target_company_size: str | None = None
    target_pain_points: str | None = None


@dataclass(frozen=True)
class ProductPatch:
    name: Any = validation.UNSET
    spec: Any = validation.UNSET
    target_price: Any = validation.UNSET
    price_unit: Any = validation.UNSET
    selling_points: Any = validation.UNSET
    target_industries: Any = validation.UNSET
    target_company_size: Any = validation.UNSET
    target_pain_points: Any = validation.UNSET


@dataclass(frozen=True)
class ProductFilter:
    statuses: Sequence[str] = ()  # empty: active only
    search: str | None = None


def _clean(values: dict[str, Any], data: Any, *, partial: bool) -> None:
    def given(name: str) -> bool:
        return not partial or getattr(data, name) is not validation.UNSET

    if given("name"):
        values["name"] = validation.required_text("name", data.name, max_len=200)
    if given("spec"):
        values["spec"] = validation.text("spec", data.spec, max_len=200)
    if given("target_price"):
        values["target_price"] = validation.money("target_price", data.target_price)
    if given("price_unit"):
        values["price_unit"] = validation.text("price_unit", data.price_unit, max_len=20)
    if given("selling_points"):
        values["selling_points"] = validation.text_list(
            "selling_points", data.selling_points, max_items=10, max_len=200)
    if given("target_industries"):
        values["target_industries"] = validation.text_list(
            "target_industries", data.target_industries, max_items=20, max_len=100)
    if given("target_company_size"):
        values["target_company_size"] = validation.text(
            "target_company_size", data.target_company_size, max_len=100)
    if given("target_pain_points"):
        values["target_pain_points"] = validation.text(
            "target_pain_points", data.target_pain_points, max_len=500)


def _clean_code(code: str | None) -> str | None:
    cleaned = validation.text("code", code, max_len=32)
    if cleaned is None:
        return None
    if not _CODE.match(cleaned):
        raise ValidationFailed("code", "code: letters, digits, '.', '_' or '-'", rule="format")
    return cleaned.upper()


# -- reading ---------------------------------------------------------------------------


async def get(actor: Principal, *, product_id: int | None = None, code: str | None = None
              ) -> Product | None:
    require(actor, OBJECT, "read", None, None)
    if product_id is None and not code:
        raise ValidationFailed("id", "give an id or a code", rule="required")
    if product_id is not None:
        return await Product.get_or_none(id=product_id)
    return await Product.get_or_none(code=(code or "").strip().upper())


async def list_(actor: Principal, flt: ProductFilter, *, first: int | None, after: str | None
                ) -> Page[Product]:
    require(actor, OBJECT, "read", None, None)
    statuses = [validation.enum_value("status", ProductStatus, s).value for s in flt.statuses]
    qs = Product.filter(status__in=statuses or [ProductStatus.ACTIVE.value])
    if flt.search and flt.search.strip():
        term = validation.required_text("search", flt.search, max_len=100)
        qs = qs.filter(Q(name__icontains=term) | Q(code__istartswith=term)
                       | Q(spec__icontains=term))
    return await paginate(qs, first=first, after=after, order=(OrderKey("id"),))


async def by_ids(ids: Iterable[int]) -> dict[int, Product]:
    wanted = list(set(ids))
    return {p.id: p for p in await Product.filter(id__in=wanted)} if wanted else {}


async def of_campaigns(campaign_ids: Iterable[int]) -> dict[int, list[Product]]:
    """The products each campaign promotes, in the order they were named."""
    return await _linked(CampaignProduct, "campaign_id", campaign_ids)


async def of_customers(customer_ids: Iterable[int]) -> dict[int, list[Product]]:
    """The products each customer is interested in, in the order they were named."""
    return await _linked(CustomerProduct, "customer_id", customer_ids)


async def _linked(link: Any, key: str, ids: Iterable[int]) -> dict[int, list[Product]]:
    wanted = list(set(ids))
    result: dict[int, list[Product]] = {i: [] for i in wanted}
    if wanted:
        rows = await link.filter(**{f"{key}__in": wanted}).order_by("id")
        products = await by_ids(r.product_id for r in rows)
        for row in rows:
            result[getattr(row, key)].append(products[row.product_id])
    return result


# -- references from campaigns and customers -------------------------------------------


async def resolve_codes(field: str, raw: Sequence[str] | None,
                        current: Iterable[int] = ()) -> list[Product]:
    """Products named by code for a campaign or a customer, or a ValidationFailed naming
    `field`. Archived products are refused unless the record already names them."""
    if raw is None:
        return []
    if isinstance(raw, str):
        raise ValidationFailed(field, f"{field} must be a list of product codes", rule="type")
    wanted: list[str] = []
    for i, code in enumerate(raw):
        cleaned = validation.required_text(f"{field}.{i}", code, max_len=32).upper()
        if cleaned not in wanted:
            wanted.append(cleaned)
    if len(wanted) > MAX_LINKED:
        raise ValidationFailed(field, f"{field} takes at most {MAX_LINKED} products",
                               rule="max_items")
    found = {p.code: p for p in await Product.filter(code__in=wanted)} if wanted else {}
    keep = set(current)
    result = []
    for i, code in enumerate(wanted):
        product = found.get(code)
        if product is None:
            raise ValidationFailed(f"{field}.{i}", f"no product {code!r}", rule="unknown")
        if product.status != ProductStatus.ACTIVE.value and product.id not in keep:
            raise ValidationFailed(f"{field}.{i}", f"product {code!r} is archived",
                                   rule="archived")
        result.append(product)
    return result


async def replace_links(conn: BaseDBAsyncClient, link: Any, key: str, owner_id: int,
                        products: Sequence[Product]) -> None:
    """Make `owner_id`'s product links exactly `products` (in this transaction)."""
    await link.filter(**{key: owner_id}).using_db(conn).delete()
    if products:
        await link.bulk_create([link(**{key: owner_id, "product_id": p.id}) for p in products],
                               using_db=conn)


async def linked_ids(link: Any, key: str, owner_id: int,
                     conn: BaseDBAsyncClient | None = None) -> list[int]:
    rows = await link.filter(**{key: owner_id}).using_db(conn).order_by("id")
    return [r.product_id for r in rows]


# -- writing ---------------------------------------------------------------------------


async def create(actor: Principal, data: ProductInput) -> Product:
    """Add a product to the catalogue; its code is the caller's or P + day + sequence."""
    require(actor, OBJECT, "create", None, None)
    values: dict[str, Any] = {}
    _clean(values, data, partial=False)
    code = _clean_code(data.code)
    async with outbox.atomic() as conn:
        if code is None:
            code = await codes.next_code(conn, CODE_PREFIX,
                                         clock.local_date(clock.now(), settings.current().zone))
        elif await Product.filter(code=code).using_db(conn).exists():
            raise ValidationFailed("code", f"product {code!r} exists", rule="unique")
        product = await Product.create(using_db=conn, code=code, created_by_id=actor.id,
                                       status=ProductStatus.ACTIVE.value, **values)
        await audit.product_created_event(conn, actor, product.id, {"code": code, **values})
    return product


async def _load_for_write(conn: BaseDBAsyncClient, actor: Principal, product_id: int,
                          action: str) -> Product:
    require(actor, OBJECT, "read", None, None)
    product = await Product.filter(id=product_id).using_db(conn).first()
    if product is None:
        raise NotFound(OBJECT, product_id)
    require(actor, OBJECT, action, None, None)
    return product


async def update(actor: Principal, product_id: int, patch: ProductPatch,
                 expected_version: int | None) -> Product:
    values: dict[str, Any] = {}
    _clean(values, patch, partial=True)
    async with outbox.atomic() as conn:
        product = await _load_for_write(conn, actor, product_id, "update")
        if expected_version is not None and expected_version != product.version:
            raise Conflict(OBJECT, product.id, product.version)
        changes = audit.diff({k: getattr(product, k) for k in values}, values)
        if not changes:
            return product
        version = await versioned_update(conn, product, OBJECT, expected_version,
                                         {k: values[k] for k in changes})
        await audit.product_updated_event(conn, actor, product.id, changes, version)
    return product


async def archive(actor: Principal, product_id: int, reason: str | None,
                  expected_version: int | None) -> Product:
    """Take a product out of the catalogue: it stays on the records that name it."""
    reason_v = validation.text("reason", reason, max_len=500)
    async with outbox.atomic() as conn:
        product = await _load_for_write(conn, actor, product_id, "archive")
        if expected_version is not None and expected_version != product.version:
            raise Conflict(OBJECT, product.id, product.version)
        if product.status == ProductStatus.ARCHIVED.value:
            raise ValidationFailed("id", f"product {product.code} is already archived",
                                   rule="archived")
        version = await versioned_update(conn, product, OBJECT, expected_version, {
            "status": ProductStatus.ARCHIVED.value, "archived_at": clock.now()})
        await audit.product_archived_event(conn, actor, product.id, reason_v, version)
    return product
