"""Orders (for RFM): each row checked, its customer found by external id or code."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from engine import clock, settings, validation
from engine.authz import Principal, can
from engine.errors import ValidationFailed
from engine.importing.cells import (
    DATE_PROBLEM,
    cell_text,
    label_value,
    parse_amount,
    parse_date,
)
from engine.importing.lookups import campaigns_by_ref, lookup
from engine.importing.plan import OBJECT, Plan, Progress, check_rows, diff
from engine.importing.problems import Report
from engine.importing.readers import Table
from engine.models import Customer, CustomerOrder
from engine.models.enums import Channel

FIELDS = ("customer_id", "order_date", "amount", "channel", "campaign_id", "product")


@dataclass
class OrderRow:
    row: int
    external_id: str | None
    customer_ref: str
    campaign_ref: str | None
    values: dict[str, Any]
    existing: dict[str, Any] | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)


OrderPlan = Plan[OrderRow]


def _check(number: int, cells: dict[str, Any], report: Report, today: date) -> OrderRow | None:
    before = report.count
    values: dict[str, Any] = {}
    try:
        external_id = validation.text("external_id", cell_text(cells.get("external_id")),
                                      max_len=100)
    except ValidationFailed as exc:
        report.add(number, "external_id", cell_text(cells.get("external_id")), exc.message)
        external_id = None
    customer_ref = cell_text(cells.get("customer"))
    if not customer_ref:
        report.add(number, "customer", None,
                   "customer is required (its external id or customer code)")
    raw_date = cells.get("order_date")
    if cell_text(raw_date) is None:
        report.add(number, "order_date", None, "order date is required")
    else:
        try:
            day = parse_date(raw_date)[0]
            if day > today:
                report.add(number, "order_date", cell_text(raw_date), "the date is in the future")
            values["order_date"] = day
        except ValueError:
            report.add(number, "order_date", cell_text(raw_date), DATE_PROBLEM)
    try:
        values["amount"] = validation.money("amount", parse_amount(cells.get("amount")),
                                            required=True)
    except ValidationFailed as exc:
        report.add(number, "amount", cell_text(cells.get("amount")), exc.message)
    try:
        values["product"] = validation.text("product", cell_text(cells.get("product")),
                                            max_len=200)
    except ValidationFailed as exc:
        report.add(number, "product", cell_text(cells.get("product")), exc.message)
    values["channel"] = None
    channel = cell_text(cells.get("channel"))
    if channel:
        values["channel"] = label_value(Channel, channel, report, number, "channel", "channel")
    values["campaign_id"] = None
    values["customer_id"] = None
    if report.count != before or not customer_ref:
        return None
    return OrderRow(row=number, external_id=external_id, customer_ref=customer_ref,
                    campaign_ref=cell_text(cells.get("campaign")), values=values)


async def validate(actor: Principal, table: Table, report: Report, progress: Progress
                   ) -> OrderPlan:
    """Every row checked, customers, campaigns and existing orders resolved: the plan."""
    today = clock.local_date(clock.now(), settings.current().zone)
    plan = await check_rows(table, report, progress,
                            lambda number, cells: _check(number, cells, report, today),
                            "order id")
    items = plan.items
    campaigns = await campaigns_by_ref({i.campaign_ref for i in items if i.campaign_ref})
    # Customers by external id first, then by customer code.
    refs = list({i.customer_ref for i in items})
    found: dict[str, dict[str, Any]] = {}
    wanted = ("id", "external_id", "code", "owner_id", "department_id")
    for row in await lookup(Customer, wanted, "external_id", refs):
        found[row["external_id"]] = row
    by_code = [r.upper() for r in refs if r not in found]
    for row in await lookup(Customer, wanted, "code", by_code):
        found.setdefault(row["code"], row)
    existing: dict[str, dict[str, Any]] = {}
    keyed = [i.external_id for i in items if i.external_id]
    for row in await lookup(CustomerOrder, ("id", "external_id", *FIELDS), "external_id",
                            keyed):
        existing[row["external_id"]] = row
    for item in items:
        customer = found.get(item.customer_ref) or found.get(item.customer_ref.upper())
        if customer is None:
            report.add(item.row, "customer", item.customer_ref,
                       "no customer with this external id or customer code")
            continue
        if not can(actor, OBJECT, "orders", customer["owner_id"], customer["department_id"]):
            report.add(item.row, "customer", item.customer_ref,
                       "you may not import orders of this customer (outside your department)")
            continue
        item.values["customer_id"] = customer["id"]
        if item.campaign_ref:
            hit = campaigns.get(item.campaign_ref)
            if hit is None:
                report.add(item.row, "campaign", item.campaign_ref,
                           f"no campaign with code or name {item.campaign_ref!r}")
                continue
            item.values["campaign_id"] = hit[0]
        current = existing.get(item.external_id or "")
        if current is not None:
            item.existing = current
            item.changes = diff(current, item.values, FIELDS)
    plan.count()
    return plan
