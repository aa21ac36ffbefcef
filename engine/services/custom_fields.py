"""Custom fields: what a company adds to its customers, follow-ups and campaigns (seed 000:
B2C purchase frequency and order value; manufacturing equipment model and maintenance
cycle), as data.

Admins define a field per record type: key, Chinese and English label, type (text,
number, date, yes/no, choice with options), required, display order. Values live in the
record's `custom_fields` JSON object by key, and every write of a record — create,
update, import — goes through `clean`, which refuses, naming `custom_fields.<key>`, an
unknown key, a value of the wrong type, a missing required value and an option that is
not offered.

What happens to stored values (docs/custom-fields.md):
- **Archiving** a definition stops it being accepted (setting it is refused, rule
  `archived`; clearing it with null is allowed), required, filtered on and exported.
  The values stay in the records as they were, visible in `customFields` and in the
  audit trail; defining the key again restores the field with its values.
- **Changing** a definition's type or options is refused while any record holds a value
  the new definition would refuse (rule `values_incompatible`, with how many and an
  example): stored values always pass their definition, which the SQL filters rely on.
  Making a field required rewrites nothing: it is enforced on records created from then
  on and on every write that sets custom fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from engine import audit, clock, db, outbox, sqlkit, validation
from engine.authz import Principal, require
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.importing.columns import column_table, normalise_header
from engine.models import Campaign, Customer, CustomFieldDefinition, FollowUp
from engine.models.enums import CustomFieldRecordType, CustomFieldType
from engine.pagination import OrderKey, Page, batches, paginate
from engine.versioning import versioned_update

OBJECT = "custom_field"
TEXT_MAX = 500
MAX_CHOICES = 100
MAX_POSITION = 10_000
MAX_CONDITIONS = 10
_KEY = re.compile(r"^[a-zA-Z][a-zA-Z0-9_]*$")
STRING, NUMBER, DATE, BOOLEAN, CHOICE = (t.value for t in CustomFieldType)
CUSTOMER, FOLLOW_UP, CAMPAIGN = (t.value for t in CustomFieldRecordType)
# The records that carry custom fields, and the import kind whose headers a label of
# that record type must not shadow.
RECORDS: dict[str, type[Customer] | type[FollowUp] | type[Campaign]] = {
    CUSTOMER: Customer, FOLLOW_UP: FollowUp, CAMPAIGN: Campaign,
}
IMPORT_KINDS = {CUSTOMER: "customers"}


def field_name(key: str) -> str:
    return f"custom_fields.{key}"


# -- values ----------------------------------------------------------------------------


def check_value(definition: CustomFieldDefinition, value: Any) -> Any:
    """`value` as stored for `definition` (numbers as decimal strings, dates ISO), or a
    ValidationFailed naming `custom_fields.<key>`."""
    fname = field_name(definition.key)
    kind = definition.field_type
    if kind == STRING:
        if not isinstance(value, str) or len(value) > TEXT_MAX:
            raise ValidationFailed(fname, f"{fname} must be text (≤ {TEXT_MAX} chars)",
                                   rule="type")
    elif kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValidationFailed(fname, f"{fname} must be a number", rule="type")
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:
            raise ValidationFailed(fname, f"{fname} must be a number", rule="type") from None
        if not number.is_finite() or abs(number) >= Decimal("1e15"):
            raise ValidationFailed(fname, f"{fname} must be a number", rule="type")
        return str(number)
    elif kind == DATE:
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationFailed(fname, f"{fname} must be a date YYYY-MM-DD",
                                   rule="type") from None
    elif kind == BOOLEAN:
        if not isinstance(value, bool):
            raise ValidationFailed(fname, f"{fname} must be true or false", rule="type")
    elif kind == CHOICE and value not in definition.choices:
        raise ValidationFailed(
            fname, f"{fname} must be one of {', '.join(definition.choices)}", rule="choice"
        )
    return value


async def definitions(record_type: str, conn: BaseDBAsyncClient | None = None, *,
                      active_only: bool = True) -> list[CustomFieldDefinition]:
    """The record type's definitions in display order (active ones unless told)."""
    qs = CustomFieldDefinition.filter(record_type=record_type)
    if active_only:
        qs = qs.filter(active=True)
    if conn is not None:
        qs = qs.using_db(conn)
    return list(await qs.order_by("position", "id"))


def merge(defs: Sequence[CustomFieldDefinition], current: dict[str, Any],
          given: Any, *, check_required: bool = True) -> dict[str, Any]:
    """`given` merged into `current` (null removes a key), checked against `defs` (the
    record type's definitions, archived ones included). Pure: imports call it per row."""
    if given is not None and not isinstance(given, dict):
        raise ValidationFailed("custom_fields", "custom_fields must be an object", rule="type")
    by_key = {d.key: d for d in defs}
    merged = dict(current or {})
    for key, value in (given or {}).items():
        definition = by_key.get(key)
        if definition is None:
            raise ValidationFailed(field_name(key), f"no custom field {key!r} is defined",
                                   rule="unknown")
        if value is None:
            merged.pop(key, None)
        elif not definition.active:
            raise ValidationFailed(field_name(key), f"custom field {key!r} is archived",
                                   rule="archived")
        else:
            merged[key] = check_value(definition, value)
    if check_required:
        for definition in defs:
            if definition.active and definition.required \
                    and merged.get(definition.key) in (None, ""):
                raise ValidationFailed(field_name(definition.key),
                                       f"custom field {definition.key!r} is required",
                                       rule="required")
    return merged


async def clean(conn: BaseDBAsyncClient | None, record_type: str, current: dict[str, Any],
                given: Any) -> dict[str, Any]:
    """The custom fields a write leaves on a record of `record_type`: `given` merged into
    `current` and checked (required fields included). Create passes `current={}`."""
    return merge(await definitions(record_type, conn, active_only=False), current, given)


# -- filtering -------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One condition on a custom field; the operators given must all hold."""

    key: str
    equals: Any = None
    one_of: Sequence[Any] = ()
    min: Any = None
    max: Any = None
    contains: str | None = None
    is_set: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        """The key and the operators given (for audit events)."""
        return {"key": self.key, **{op: getattr(self, op) for op in _given(self)}}


_OPERATORS = {  # field type → the operators that make sense for it
    STRING: {"equals", "one_of", "contains", "is_set"},
    CHOICE: {"equals", "one_of", "is_set"},
    NUMBER: {"equals", "one_of", "min", "max", "is_set"},
    DATE: {"equals", "one_of", "min", "max", "is_set"},
    BOOLEAN: {"equals", "is_set"},
}


def _given(cond: Condition) -> list[str]:
    return [op for op in ("equals", "one_of", "min", "max", "contains", "is_set")
            if getattr(cond, op) not in (None, (), [])]


def _bound(definition: CustomFieldDefinition, value: Any, pg: bool) -> Any:
    """A filter value checked like a stored one, typed for comparison in SQL (a query
    parameter's "true"/"false" stands for a yes/no value)."""
    if definition.field_type == BOOLEAN and isinstance(value, str) \
            and value.lower() in ("true", "false"):
        value = value.lower() == "true"
    checked = check_value(definition, value)
    if definition.field_type == NUMBER:
        return Decimal(checked) if pg else float(checked)
    return checked


async def filtered(qs: QuerySet[Any], record_type: str, conditions: Sequence[Condition]
                   ) -> QuerySet[Any]:
    """`qs` narrowed by conditions on custom fields: a WHERE on the JSON column's members
    (PostgreSQL `->>`, SQLite `json_extract`; engine/sqlkit.py), never a filter in Python."""
    if not conditions:
        return qs
    if len(conditions) > MAX_CONDITIONS:
        raise ValidationFailed("custom_fields", f"at most {MAX_CONDITIONS} conditions",
                               rule="max_items")
    by_key = {d.key: d for d in await definitions(record_type, active_only=False)}
    pg = db.dialect_of(db.connection()) == "postgres"
    column = f'"{qs.model._meta.db_table}"."custom_fields"'
    for i, cond in enumerate(conditions):
        fname = field_name(cond.key)
        definition = by_key.get(cond.key)
        if definition is None:
            raise ValidationFailed(fname, f"no custom field {cond.key!r} is defined",
                                   rule="unknown")
        if not definition.active:
            raise ValidationFailed(fname, f"custom field {cond.key!r} is archived",
                                   rule="archived")
        ops = _given(cond)
        if not ops:
            raise ValidationFailed(fname, f"say what {fname} must be (equals, oneOf, min, "
                                   "max, contains or isSet)", rule="required")
        wrong = [op for op in ops if op not in _OPERATORS[definition.field_type]]
        if wrong:
            raise ValidationFailed(
                fname, f"{wrong[0]} does not apply to a {definition.field_type} field",
                rule="operator")
        kind = definition.field_type
        expr = (sqlkit.json_number if kind == NUMBER
                else sqlkit.json_bool if kind == BOOLEAN else sqlkit.json_text)
        name = f"custom_field_{i}"
        qs = qs.annotate(**{name: RawSQL(expr(pg, column, definition.key))})
        if cond.is_set is not None:
            qs = qs.filter(**{f"{name}__isnull": not cond.is_set})
        if cond.equals is not None:
            qs = qs.filter(**{name: _bound(definition, cond.equals, pg)})
        if cond.one_of:
            qs = qs.filter(**{f"{name}__in": [_bound(definition, v, pg) for v in cond.one_of]})
        if cond.min is not None:
            qs = qs.filter(**{f"{name}__gte": _bound(definition, cond.min, pg)})
        if cond.max is not None:
            qs = qs.filter(**{f"{name}__lte": _bound(definition, cond.max, pg)})
        if cond.contains:
            qs = qs.filter(**{f"{name}__icontains": cond.contains})
    return qs


# -- definitions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Definition:
    """A definition as an admin sends it; None leaves a field as it is on a redefinition
    (record type: customer for a new key; position: after the last)."""

    key: str
    label: str
    field_type: str
    choices: Sequence[str] | None = None
    required: bool = False
    active: bool = True
    record_type: str | None = None
    label_en: str | None = None
    position: int | None = None


async def list_(actor: Principal, *, record_type: str | None = None, active: bool | None = None,
                first: int | None, after: str | None) -> Page[CustomFieldDefinition]:
    """Definitions by record type and display order (everyone signed in reads them)."""
    require(actor, "org", "read", None, None)
    qs = CustomFieldDefinition.all()
    if record_type is not None:
        qs = qs.filter(record_type=_record_type(record_type))
    if active is not None:
        qs = qs.filter(active=active)
    return await paginate(qs, first=first, after=after, order=(
        OrderKey("record_type", kind="str"), OrderKey("position"), OrderKey("id")))


def _record_type(raw: Any) -> str:
    return validation.enum_value("record_type", CustomFieldRecordType, raw).value


def _clean_definition(data: Definition) -> tuple[str, dict[str, Any]]:
    key = validation.required_text("key", data.key, max_len=64)
    if not _KEY.match(key):
        raise ValidationFailed("key", "key: letters, digits and '_', starting with a letter",
                               rule="format")
    kind = validation.enum_value("field_type", CustomFieldType, data.field_type).value
    choices = validation.text_list("choices", data.choices, max_items=MAX_CHOICES,
                                   max_len=100)
    if kind == CHOICE and not choices:
        raise ValidationFailed("choices", "a choice field needs choices", rule="required")
    if kind != CHOICE and choices:
        raise ValidationFailed("choices", "only a CHOICE field has choices",
                               rule="not_applicable")
    values: dict[str, Any] = {
        "label": validation.required_text("label", data.label, max_len=100),
        "field_type": kind,
        "choices": choices,
        "required": bool(data.required),
        "active": bool(data.active),
    }
    if data.label_en is not None:
        values["label_en"] = validation.text("label_en", data.label_en, max_len=100)
    if data.position is not None:
        if not 0 <= data.position <= MAX_POSITION:
            raise ValidationFailed("position", f"position is 0…{MAX_POSITION}", rule="range")
        values["position"] = data.position
    return key, values


async def _check_labels(conn: BaseDBAsyncClient, record_type: str, key: str,
                        values: dict[str, Any], label_en: str | None) -> None:
    """Labels are headers in imports and exports: unique within the record type, and
    never a header the record type's import already reads."""
    builtin = column_table(IMPORT_KINDS[record_type]).aliases \
        if record_type in IMPORT_KINDS else {}
    others = [d for d in await definitions(record_type, conn) if d.key != key]
    taken = {normalise_header(t): d.key for d in others for t in (d.label, d.label_en) if t}
    for fname, text in (("label", values["label"]), ("label_en", label_en)):
        if not text:
            continue
        norm = normalise_header(text)
        if norm in builtin:
            raise ValidationFailed(
                fname, f"{text!r} is already the import header of {builtin[norm]}",
                rule="label_taken")
        if norm in taken:
            raise ValidationFailed(fname, f"{text!r} is the label of {taken[norm]}",
                                   rule="unique")


async def _incompatible(conn: BaseDBAsyncClient, definition: CustomFieldDefinition
                        ) -> tuple[int, str | None]:
    """How many stored values `definition` (as it is about to become) would refuse, and
    the code of the first record holding one."""
    model = RECORDS[definition.record_type]
    pg = db.dialect_of(conn) == "postgres"
    column = f'"{model._meta.db_table}"."custom_fields"'
    qs = model.all().using_db(conn).annotate(
        held=RawSQL(sqlkit.json_text(pg, column, definition.key))).filter(held__isnull=False)
    count, example = 0, None
    async for page in batches(qs.only("id", "code", "custom_fields"),
                              order=(OrderKey("id"),), size=2000):
        for row in page:
            try:
                check_value(definition, row.custom_fields.get(definition.key))
            except ValidationFailed:
                count += 1
                example = example or row.code
    return count, example


async def define(actor: Principal, data: Definition, expected_version: int | None = None
                 ) -> CustomFieldDefinition:
    """Create a field, or redefine the one with this key (defining an archived key again
    restores it). Audited; refused while stored values would not fit a new type."""
    require(actor, OBJECT, "define", None, None)
    key, values = _clean_definition(data)
    async with outbox.atomic() as conn:
        existing = await CustomFieldDefinition.filter(key=key).using_db(conn) \
            .select_for_update().first()
        if existing is None:
            record_type = _record_type(data.record_type or CustomFieldRecordType.CUSTOMER)
        else:
            record_type = existing.record_type
            if data.record_type is not None and _record_type(data.record_type) != record_type:
                raise ValidationFailed(
                    "record_type", f"{key!r} is a field of {record_type} records; a key "
                    "belongs to one record type (archive it and define another key)",
                    rule="record_type")
            if expected_version is not None and expected_version != existing.version:
                raise Conflict(OBJECT, existing.id, existing.version)
        await _check_labels(conn, record_type, key, values,
                            values.get("label_en", existing.label_en if existing else None))
        if existing is None:
            if "position" not in values:
                last = await definitions(record_type, conn, active_only=False)
                values["position"] = max((d.position for d in last), default=-1) + 1
            values["archived_at"] = None if values["active"] else clock.now()
            definition = await CustomFieldDefinition.create(
                using_db=conn, key=key, record_type=record_type, **values)
            await audit.write_event(
                conn, actor, OBJECT, definition.id, "create", version=1,
                changes={"key": [None, key], "record_type": [None, record_type],
                         **{k: [None, v] for k, v in values.items() if k != "archived_at"}})
            return definition
        if existing.active != values["active"]:
            values["archived_at"] = None if values["active"] else clock.now()
        changes = audit.diff({k: getattr(existing, k) for k in values}, values)
        changes.pop("archived_at", None)
        if not changes:
            return existing
        if {"field_type", "choices"} & set(changes):
            probe = CustomFieldDefinition(key=key, record_type=record_type,
                                          field_type=values["field_type"],
                                          choices=values["choices"])
            count, example = await _incompatible(conn, probe)
            if count:
                what = "field_type" if "field_type" in changes else "choices"
                raise ValidationFailed(
                    what, f"{count} {record_type} record(s) hold a value of {key!r} the new "
                    f"definition refuses (e.g. {example}); change or clear them first",
                    rule="values_incompatible")
        version = await versioned_update(conn, existing, OBJECT, None, values)
        await audit.write_event(conn, actor, OBJECT, existing.id, "update", changes=changes,
                                version=version)
        return existing


async def archive(actor: Principal, definition_id: int, reason: str | None = None,
                  expected_version: int | None = None) -> CustomFieldDefinition:
    """Stop using a field: no longer accepted, required, filtered on or exported; stored
    values stay in the records (defining the key again restores it). Audited."""
    require(actor, OBJECT, "archive", None, None)
    reason_v = validation.text("reason", reason, max_len=500)
    async with outbox.atomic() as conn:
        definition = await CustomFieldDefinition.filter(id=definition_id).using_db(conn) \
            .select_for_update().first()
        if definition is None:
            raise NotFound(OBJECT, definition_id)
        if expected_version is not None and expected_version != definition.version:
            raise Conflict(OBJECT, definition.id, definition.version)
        if not definition.active:
            return definition
        version = await versioned_update(conn, definition, OBJECT, None,
                                         {"active": False, "archived_at": clock.now()})
        await audit.write_event(conn, actor, OBJECT, definition.id, "archive",
                                from_state="active", to_state="archived", reason=reason_v,
                                changes={"active": [True, False]}, version=version)
        return definition
