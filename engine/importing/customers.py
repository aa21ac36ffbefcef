"""Customers (客户信息管理表): each row checked as `customers.create` would check it.

The rules are the engine's (`engine.validation`, `customers._require_contact`); owners,
campaigns and existing customers (by external id) are resolved in bulk after the rows.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import Any

from engine import clock, settings, validation
from engine.authz import Principal, can
from engine.errors import ValidationFailed
from engine.importing.cells import (
    DATE_PROBLEM,
    cell_text,
    label_value,
    labels,
    parse_amount,
    parse_date,
    parse_label,
)
from engine.importing.columns import normalise_header
from engine.importing.lookups import campaigns_by_ref, lookup
from engine.importing.plan import OBJECT, Plan, Progress, check_rows, diff
from engine.importing.problems import Report
from engine.importing.readers import Table
from engine.models import Customer, CustomerSourceLink, CustomFieldDefinition
from engine.models import User as UserRow
from engine.models.enums import Channel, CustomerSource, CustomerStage
from engine.services import custom_fields, customers, org

# Columns the import sets on a customer (besides code, owner, stage and bookkeeping).
PLAIN = ("name", "industry", "contact_name", "contact_phone", "contact_email",
         "contact_wechat", "needs_summary", "notes", "deal_amount", "lost_reason",
         "last_follow_up_date", "source_campaign_id", "source_channel")
# Plain text columns of a customer row: (column, max length, required) as customers.py.
_TEXT_RULES = (
    ("external_id", 100, False), ("name", 200, True), ("contact_name", 100, True),
    ("contact_wechat", 100, False), ("industry", 100, False), ("needs_summary", 50, False),
    ("notes", 5000, False), ("lost_reason", 500, False),
)
POTENTIAL, WON, LOST = (CustomerStage.POTENTIAL.value, CustomerStage.WON.value,
                        CustomerStage.LOST.value)
# Fields recorded for one stage only: (stage, problem when missing, problem when given).
_STAGE_FIELDS = {
    "deal_amount": (WON, "a won customer needs its deal amount",
                    "a deal amount is only recorded for won customers"),
    "lost_reason": (LOST, "a lost customer needs the reason",
                    "a lost reason is only recorded for lost customers"),
}
_SPLIT = re.compile(r"[、,，;；/|]+")


@dataclass
class CustomerRow:
    row: int
    values: dict[str, Any]
    sources: list[str]
    stage: str
    created_at: datetime | None
    stage_at: datetime | None
    owner: UserRow
    external_id: str | None
    campaign_ref: str | None
    # Custom field values of the file's custom columns (None: the cell is empty).
    custom: dict[str, Any] = field(default_factory=dict)
    existing: dict[str, Any] | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)
    new_sources: bool = False
    custom_fields: dict[str, Any] = field(default_factory=dict)  # what the record will hold


CustomerPlan = Plan[CustomerRow]


class _Owners:
    """Active users by username and by display name (names may be ambiguous)."""

    def __init__(self, users: list[UserRow]) -> None:
        self.by_username = {u.username.casefold(): u for u in users if u.active}
        self.by_display: dict[str, list[UserRow]] = {}
        for u in users:
            if u.active:
                self.by_display.setdefault(u.display_name.strip(), []).append(u)

    def find(self, ref: str) -> tuple[UserRow | None, str | None]:
        user = self.by_username.get(ref.casefold())
        if user is not None:
            return user, None
        named = self.by_display.get(ref)
        if not named:
            return None, f"no active user with username or name {ref!r}"
        if len(named) > 1:
            return None, f"{len(named)} users are named {ref!r}; use the username"
        return named[0], None


CUSTOM = "custom_fields."  # the column of a custom field: CUSTOM + its key


async def header_aliases() -> dict[str, str]:
    """The headers of the customers' active custom fields: Chinese label, English label
    and key (the mapping file's own headers win over them, and labels never equal one)."""
    aliases: dict[str, str] = {}
    for d in await custom_fields.definitions(custom_fields.CUSTOMER):
        for text in (d.key, d.label_en, d.label):
            if text:
                aliases[normalise_header(text)] = CUSTOM + d.key
    return aliases


_YES = {"是", "true", "yes", "y", "1", "√", "✓"}
_NO = {"否", "false", "no", "n", "0", "×", "✗"}


def _custom_value(definition: CustomFieldDefinition, raw: Any) -> Any:
    """A cell as the value of a custom field (ValueError or ValidationFailed if not)."""
    kind = definition.field_type
    if kind == custom_fields.NUMBER:
        return parse_amount(raw)
    if kind == custom_fields.DATE:
        return parse_date(raw)[0].isoformat()
    if kind == custom_fields.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        text = (cell_text(raw) or "").casefold()
        if text in _YES or text in _NO:
            return text in _YES
        raise ValueError("not yes or no")
    return cell_text(raw)


def _custom_cells(number: int, cells: dict[str, Any], texts: dict[str, Any],
                  custom: dict[str, CustomFieldDefinition], report: Report) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for column, definition in custom.items():
        text = texts.get(column)
        if text is None:
            given[definition.key] = None
            continue
        try:
            given[definition.key] = custom_fields.check_value(
                definition, _custom_value(definition, cells[column]))
        except ValidationFailed as exc:
            report.add(number, column, text, exc.message)
        except ValueError:
            report.add(number, column, text,
                       f"{definition.label}: not a {definition.field_type} value")
    return given


async def validate(actor: Principal, table: Table, report: Report, progress: Progress
                   ) -> CustomerPlan:
    """Every row checked, campaigns and existing customers resolved: the plan to write."""
    owners = _Owners(await UserRow.all())
    zone = settings.current().zone
    today = clock.local_date(clock.now(), zone)
    active = await custom_fields.definitions(custom_fields.CUSTOMER)
    custom = {CUSTOM + d.key: d for d in active if CUSTOM + d.key in table.columns}
    plan = await check_rows(
        table, report, progress,
        lambda number, cells: _check(actor, number, cells, report, owners, today, zone,
                                     custom),
        "external id")
    # Campaigns (and the channel that must be one of theirs).
    campaigns = await campaigns_by_ref({i.campaign_ref for i in plan.items if i.campaign_ref})
    for item in plan.items:
        ref = item.campaign_ref
        if ref is None:
            continue
        hit = campaigns.get(ref)
        if hit is None:
            report.add(item.row, "source_campaign", ref, f"no campaign with code or name {ref!r}")
            continue
        item.values["source_campaign_id"] = hit[0]
        channel = item.values.get("source_channel")
        if channel is not None and channel not in hit[1]:
            report.add(item.row, "source_channel", channel,
                       f"{Channel.of(channel).label} is not a channel of campaign {ref}")
    await _match_existing(actor, plan.items, report)
    _merge_custom(plan.items, active, report)
    plan.count()
    return plan


def _merge_custom(items: list[CustomerRow], active: list[CustomFieldDefinition],
                  report: Report) -> None:
    """What each record's custom fields become: the file's cells over what the customer
    has. A new customer, or one whose custom fields the file writes, needs every required
    field (as customerCreate and customerUpdate)."""
    for item in items:
        before = dict((item.existing or {}).get("custom_fields") or {})
        merged = {**before, **item.custom}
        merged = {k: v for k, v in merged.items() if v is not None}
        if item.existing is None or item.custom:
            for d in active:
                if d.required and merged.get(d.key) in (None, ""):
                    # the file's header when it has the column, else the field's label
                    column = CUSTOM + d.key if CUSTOM + d.key in report.headers else d.label
                    report.add(item.row, column, None,
                               f"{d.label} ({d.key}) is a required custom field")
        item.custom_fields = merged
        if item.existing is not None and merged != before:
            item.changes["custom_fields"] = [before, merged]


def _local_datetime(day: date, at: time | None, zone: tzinfo) -> datetime:
    return datetime.combine(day, at or time(0), tzinfo=zone)


def _check(actor: Principal, number: int, cells: dict[str, Any], report: Report,
           owners: _Owners, today: date, zone: tzinfo,
           custom: dict[str, CustomFieldDefinition]) -> CustomerRow | None:
    """Convert and check one row; report each problem; None if the row is unusable."""
    before = report.count
    values: dict[str, Any] = {}
    # CSV cells are strings: strip them inline (this loop runs 100,000 times).
    texts = {k: (v.strip() or None) if type(v) is str else cell_text(v)
             for k, v in cells.items()}
    for column, max_len, needed in _TEXT_RULES:
        value = texts.get(column)
        if value is None and not needed:
            values[column] = None
        elif value is not None and len(value) <= max_len:
            values[column] = value
        else:  # the shared rule gives the message (required, max_length)
            try:
                values[column] = validation.text(column, value, max_len=max_len,
                                                 required=needed)
            except ValidationFailed as exc:
                report.add(number, column, value, exc.message)
    for column, rule in (("contact_phone", validation.phone),
                         ("contact_email", validation.email)):
        try:
            values[column] = rule(column, texts.get(column))
        except ValidationFailed as exc:
            report.add(number, column, texts.get(column), exc.message)
    try:
        values["deal_amount"] = validation.money("deal_amount",
                                                 parse_amount(cells.get("deal_amount")))
    except ValidationFailed as exc:
        report.add(number, "deal_amount", texts.get("deal_amount"), exc.message)
    if "contact_phone" in values and "contact_email" in values \
            and "contact_wechat" in values:
        try:
            customers._require_contact(values)
        except ValidationFailed as exc:
            report.add(number, "contact_phone", None, exc.message)

    sources: list[str] = []
    raw_sources = texts.get("sources")
    for part in _SPLIT.split(raw_sources or ""):
        if not part.strip():
            continue
        member = parse_label(CustomerSource, part)
        if member is None:
            report.add(number, "sources", part,
                       f"unknown source {part.strip()!r}; one of {labels(CustomerSource)}")
        elif member.value not in sources:
            sources.append(member.value)
    if not raw_sources:
        report.add(number, "sources", None, "sources needs at least one value")

    stage = POTENTIAL
    raw_stage = texts.get("stage")
    if raw_stage:
        stage = label_value(CustomerStage, raw_stage, report, number, "stage",
                            "stage") or POTENTIAL
    for column, (of_stage, missing, misplaced) in _STAGE_FIELDS.items():
        if stage == of_stage and values.get(column) is None and column in values:
            report.add(number, column, None, missing)
        if stage != of_stage and values.get(column) is not None:
            report.add(number, column, texts.get(column), misplaced)

    channel = texts.get("source_channel")
    values["source_channel"] = None
    if channel:
        values["source_channel"] = label_value(Channel, channel, report, number,
                                               "source_channel", "channel")

    dates: dict[str, tuple[date, time | None] | None] = {}
    for column in ("created_date", "stage_date", "last_follow_up_date"):
        raw = cells.get(column)
        dates[column] = None
        if texts.get(column) is None:
            continue
        try:
            parsed = parse_date(raw)
        except ValueError:
            report.add(number, column, texts.get(column), DATE_PROBLEM)
            continue
        if parsed[0] > today:
            report.add(number, column, texts.get(column), "the date is in the future")
            continue
        dates[column] = parsed
    created, staged = dates["created_date"], dates["stage_date"]
    if created and staged and staged[0] < created[0]:
        report.add(number, "stage_date", texts.get("stage_date"),
                   "the stage date is before the created date")
    last = dates["last_follow_up_date"]
    values["last_follow_up_date"] = last[0] if last else None

    owner_ref = texts.get("owner")
    owner: UserRow | None = None
    if not owner_ref:
        report.add(number, "owner", None, "owner is required (username or name of a sales rep)")
    else:
        owner, why = owners.find(owner_ref)
        if owner is None:
            report.add(number, "owner", owner_ref, why or "unknown owner")
        elif owner.role not in org.OWNER_ROLES:
            report.add(number, "owner", owner_ref,
                       f"{owner.username} is a {owner.role}; customers are owned by sales staff")
            owner = None
        elif not can(actor, OBJECT, "customers", owner.id, owner.department_id):
            report.add(number, "owner", owner_ref,
                       f"you may not import customers for {owner.username} (outside your "
                       "department)")
            owner = None
    given = _custom_cells(number, cells, texts, custom, report) if custom else {}
    if report.count != before or owner is None:
        return None
    created_at = _local_datetime(*created, zone) if created else None
    stage_at = _local_datetime(*staged, zone) if staged else None
    values["source_campaign_id"] = None
    return CustomerRow(
        row=number, values={k: values[k] for k in PLAIN}, sources=sources, stage=stage,
        created_at=created_at, stage_at=stage_at, owner=owner,
        external_id=values["external_id"],
        campaign_ref=cell_text(cells.get("source_campaign")), custom=given,
    )


async def _match_existing(actor: Principal, items: list[CustomerRow], report: Report) -> None:
    """Find the customers a row's external id names; decide what a re-import changes."""
    keyed = [i for i in items if i.external_id is not None]
    existing: dict[str, dict[str, Any]] = {}
    fields_ = ("id", "external_id", "owner_id", "department_id", "stage", "stage_entered_at",
               "version", "custom_fields", *PLAIN)
    for row in await lookup(Customer, fields_, "external_id",
                            [i.external_id for i in keyed]):
        if isinstance(row["custom_fields"], str):  # raw SQL on PostgreSQL: JSON as text
            row["custom_fields"] = json.loads(row["custom_fields"])
        existing[row["external_id"]] = row
    if not existing:
        return
    sources: dict[int, list[str]] = {}
    ids = [r["id"] for r in existing.values()]
    for link in await lookup(CustomerSourceLink, ("customer_id", "source"), "customer_id",
                             ids, order="id"):
        sources.setdefault(link["customer_id"], []).append(link["source"])
    for item in keyed:
        current = existing.get(item.external_id or "")
        if current is None:
            continue
        if not can(actor, OBJECT, "customers", current["owner_id"], current["department_id"]):
            report.add(item.row, "external_id", item.external_id,
                       "this customer exists and belongs to another department")
            continue
        item.existing = current
        changes = diff(current, item.values, PLAIN)
        if current["stage"] != item.stage:
            changes["stage"] = [current["stage"], item.stage]
        item.changes = changes
        old_sources = sources.get(current["id"], [])
        if sorted(old_sources) != sorted(item.sources):
            item.new_sources = True
            item.changes["sources"] = [old_sources, item.sources]
