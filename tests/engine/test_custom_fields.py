"""Custom fields per record type on the real database: definitions (audited, versioned),
values checked on every write path, archiving, type changes and SQL filters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Conflict, Forbidden, ValidationFailed
from engine.models import AuditEvent, Campaign, Customer, CustomFieldDefinition, FollowUp
from engine.services import campaigns, custom_fields, customers, follow_ups
from tests.conftest import CampaignFactory, CustomerFactory

MONDAY_NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
Define = custom_fields.Definition


async def _manufacturing(admin: Principal) -> None:
    """Seed 000's manufacturing fields, and a B2C one, on customers."""
    for data in (
        Define(key="equipmentModel", label="设备型号", label_en="Equipment model",
               field_type="string"),
        Define(key="maintenanceCycle", label="维护周期", label_en="Maintenance cycle",
               field_type="choice", choices=["月度", "季度", "年度"]),
        Define(key="orderValue", label="客单价", label_en="Order value", field_type="number"),
        Define(key="lastService", label="上次保养", field_type="date"),
        Define(key="keyAccount", label="重点客户", field_type="boolean"),
    ):
        await custom_fields.define(admin, data)


def _follow_up(customer_id: int, **fields: Any) -> follow_ups.FollowUpInput:
    data: dict[str, Any] = {
        "customer_id": customer_id, "customer_code": None, "method": "phone",
        "summary": "回访", "feedback": "positive", "next_action": "发送报价",
        "due_date": date(2026, 11, 25),
    } | fields
    return follow_ups.FollowUpInput(**data)


async def test_definitions_are_audited_and_versioned(org: dict[str, Principal]) -> None:
    # given / when
    admin = org["admin"]
    first = await custom_fields.define(admin, Define(key="equipmentModel", label="设备型号",
                                                     field_type="string"))
    second = await custom_fields.define(admin, Define(
        key="visitWindow", label="拜访时段", field_type="string", record_type="follow_up"))
    redefined = await custom_fields.define(admin, Define(
        key="equipmentModel", label="设备型号(主机)", field_type="string", label_en="Model"))
    again = await custom_fields.define(admin, Define(
        key="equipmentModel", label="设备型号(主机)", field_type="string"))
    # then
    assert (first.record_type, first.position, second.record_type, second.position) == (
        "customer", 0, "follow_up", 0)
    assert (redefined.version, redefined.label, redefined.label_en) == (2, "设备型号(主机)",
                                                                        "Model")
    assert again.version == 2  # nothing changed (labelEn left out stays), nothing audited
    events = await AuditEvent.filter(object_type="custom_field",
                                     object_id=first.id).order_by("id")
    assert [(e.action, e.version) for e in events] == [("create", 1), ("update", 2)]
    assert events[1].changes == {"label": ["设备型号", "设备型号(主机)"],
                                 "label_en": [None, "Model"]}
    with pytest.raises(Conflict):
        await custom_fields.define(admin, Define(key="equipmentModel", label="x",
                                                 field_type="string"), expected_version=1)


@pytest.mark.parametrize(
    ("data", "field", "rule"),
    [
        (Define(key="1st", label="x", field_type="string"), "key", "format"),
        (Define(key="a-b", label="x", field_type="string"), "key", "format"),
        (Define(key="k", label="", field_type="string"), "label", "required"),
        (Define(key="k", label="x", field_type="colour"), "field_type", "choice"),
        (Define(key="k", label="x", field_type="choice"), "choices", "required"),
        (Define(key="k", label="x", field_type="number", choices=["1"]), "choices",
         "not_applicable"),
        (Define(key="k", label="x", field_type="string", record_type="order"), "record_type",
         "choice"),
        (Define(key="k", label="x", field_type="string", position=-1), "position", "range"),
        (Define(key="k", label="备注", field_type="string"), "label", "label_taken"),
        (Define(key="k", label="x", label_en="Owner", field_type="string"), "label_en",
         "label_taken"),
        (Define(key="k", label="设备型号", field_type="string"), "label", "unique"),
    ],
)
async def test_a_bad_definition_names_the_field_and_writes_nothing(
    org: dict[str, Principal], data: custom_fields.Definition, field: str, rule: str
) -> None:
    await custom_fields.define(org["admin"], Define(key="equipmentModel", label="设备型号",
                                                    field_type="string"))
    with pytest.raises(ValidationFailed) as caught:
        await custom_fields.define(org["admin"], data)
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert await CustomFieldDefinition.all().count() == 1
    assert await AuditEvent.filter(object_type="custom_field").count() == 1


async def test_a_key_keeps_its_record_type(org: dict[str, Principal]) -> None:
    await custom_fields.define(org["admin"], Define(key="region", label="区域",
                                                    field_type="string"))
    with pytest.raises(ValidationFailed) as caught:
        await custom_fields.define(org["admin"], Define(key="region", label="区域",
                                                        field_type="string",
                                                        record_type="campaign"))
    assert (caught.value.field, caught.value.rule) == ("record_type", "record_type")


@pytest.mark.parametrize("role", ["mgr.east", "rep.li", "mkt.chen", "dir.sun", "fin.qian"])
async def test_only_admins_define_and_archive(org: dict[str, Principal], role: str) -> None:
    definition = await custom_fields.define(org["admin"], Define(key="equipmentModel",
                                                                 label="设备型号",
                                                                 field_type="string"))
    with pytest.raises(Forbidden):
        await custom_fields.define(org[role], Define(key="other", label="其他",
                                                     field_type="string"))
    with pytest.raises(Forbidden):
        await custom_fields.archive(org[role], definition.id)
    fresh = await CustomFieldDefinition.get(id=definition.id)
    assert (fresh.active, fresh.version) == (True, 1)
    assert await CustomFieldDefinition.all().count() == 1


@pytest.mark.parametrize(
    ("values", "field", "rule"),
    [
        ({"colour": "red"}, "custom_fields.colour", "unknown"),
        ({"equipmentModel": 200}, "custom_fields.equipmentModel", "type"),
        ({"equipmentModel": "x" * 501}, "custom_fields.equipmentModel", "type"),
        ({"orderValue": "a lot"}, "custom_fields.orderValue", "type"),
        ({"orderValue": True}, "custom_fields.orderValue", "type"),
        ({"orderValue": "Infinity"}, "custom_fields.orderValue", "type"),
        ({"lastService": "2026/3/7"}, "custom_fields.lastService", "type"),
        ({"keyAccount": "yes"}, "custom_fields.keyAccount", "type"),
        ({"maintenanceCycle": "每周"}, "custom_fields.maintenanceCycle", "choice"),
        ([1, 2], "custom_fields", "type"),
    ],
)
async def test_bad_values_are_refused_on_every_write_path(
    org: dict[str, Principal], make_customer: CustomerFactory, make_campaign: CampaignFactory,
    values: Any, field: str, rule: str,
) -> None:
    # given the same fields on customers, follow-ups and campaigns
    await _manufacturing(org["admin"])
    for record_type in ("follow_up", "campaign"):
        for d in await custom_fields.definitions("customer"):
            await custom_fields.define(org["admin"], Define(
                key=f"{d.key}_{record_type}", label=f"{d.label} {record_type}",
                field_type=d.field_type, choices=d.choices, record_type=record_type))
    customer = await make_customer()
    campaign = await make_campaign()
    suffixed = {f"{k}_follow_up": v for k, v in values.items()} \
        if isinstance(values, dict) else values
    for_campaign = {f"{k}_campaign": v for k, v in values.items()} \
        if isinstance(values, dict) else values
    before = await AuditEvent.all().count()
    writes = [
        lambda: make_customer(custom_fields=values),
        lambda: customers.update(org["rep.li"], customer.id,
                                 customers.CustomerPatch(custom_fields=values), None),
        lambda: follow_ups.create(org["rep.li"], _follow_up(customer.id,
                                                            custom_fields=suffixed)),
        lambda: make_campaign(custom_fields=for_campaign),
        lambda: campaigns.update(org["mkt.chen"], campaign.id,
                                 campaigns.CampaignPatch(custom_fields=for_campaign), None),
    ]
    for write in writes:
        with clock.frozen(MONDAY_NOON), pytest.raises(ValidationFailed) as caught:
            await write()
        # the follow-up's and the campaign's keys carry their suffix
        assert caught.value.rule == rule and caught.value.field.startswith(field)
    # then nothing was written anywhere
    assert await AuditEvent.all().count() == before
    assert (await Customer.get(id=customer.id)).version == 1
    assert await Customer.all().count() == 1
    assert await FollowUp.all().count() == 0
    assert await Campaign.all().count() == 1


async def test_values_are_stored_normalised_on_each_record_type(
    org: dict[str, Principal], make_customer: CustomerFactory, make_campaign: CampaignFactory,
) -> None:
    admin = org["admin"]
    await _manufacturing(admin)
    await custom_fields.define(admin, Define(key="visitMinutes", label="拜访时长",
                                             field_type="number", record_type="follow_up"))
    await custom_fields.define(admin, Define(key="boothNo", label="展位号",
                                             field_type="string", record_type="campaign"))
    with clock.frozen(MONDAY_NOON):
        customer = await make_customer(custom_fields={
            "equipmentModel": "X-200", "orderValue": 1280.5, "lastService": "2026-03-07",
            "keyAccount": True, "maintenanceCycle": "季度"})
        follow_up = await follow_ups.create(org["rep.li"], _follow_up(
            customer.id, custom_fields={"visitMinutes": "45"}))
    campaign = await make_campaign(custom_fields={"boothNo": "A-12"})
    updated = await campaigns.update(org["mkt.chen"], campaign.id,
                                     campaigns.CampaignPatch(custom_fields={"boothNo": None}),
                                     None)
    assert customer.custom_fields == {"equipmentModel": "X-200", "orderValue": "1280.5",
                                      "lastService": "2026-03-07", "keyAccount": True,
                                      "maintenanceCycle": "季度"}
    assert (await FollowUp.get(id=follow_up.id)).custom_fields == {"visitMinutes": "45"}
    assert (await Campaign.get(id=campaign.id)).custom_fields == {}
    assert updated.version == 2
    event = await AuditEvent.get(object_type="campaign", object_id=campaign.id,
                                 action="update")
    assert event.changes == {"custom_fields": [{"boothNo": "A-12"}, {}]}


async def test_required_fields_on_create_and_on_writes_of_custom_fields(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given a customer from before the field became required
    old = await make_customer()
    await custom_fields.define(org["admin"], Define(key="equipmentModel", label="设备型号",
                                                    field_type="string", required=True))
    # then a new customer needs it
    with pytest.raises(ValidationFailed) as caught:
        await make_customer()
    assert (caught.value.field, caught.value.rule) == ("custom_fields.equipmentModel",
                                                       "required")
    # an update that leaves custom fields alone still works; one that sets them needs it
    renamed = await customers.update(org["rep.li"], old.id,
                                     customers.CustomerPatch(name="改名"), None)
    assert renamed.version == 2
    with pytest.raises(ValidationFailed):
        await customers.update(org["rep.li"], old.id,
                               customers.CustomerPatch(custom_fields={}), None)
    assert (await Customer.get(id=old.id)).version == 2


async def test_archiving_keeps_the_values_and_defining_again_restores(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    admin = org["admin"]
    definition = await custom_fields.define(admin, Define(
        key="equipmentModel", label="设备型号", field_type="string", required=True))
    customer = await make_customer(custom_fields={"equipmentModel": "X-200"})
    # when
    archived = await custom_fields.archive(admin, definition.id, reason="不再使用")
    # then the value stays, the field is no longer required or accepted
    assert (archived.active, archived.version, archived.archived_at is not None) == (
        False, 2, True)
    assert (await Customer.get(id=customer.id)).custom_fields == {"equipmentModel": "X-200"}
    assert (await make_customer()).custom_fields == {}
    with pytest.raises(ValidationFailed) as caught:
        await customers.update(org["rep.li"], customer.id, customers.CustomerPatch(
            custom_fields={"equipmentModel": "X-300"}), None)
    assert (caught.value.field, caught.value.rule) == ("custom_fields.equipmentModel",
                                                       "archived")
    with pytest.raises(ValidationFailed) as caught:
        await customers.query(admin, customers.CustomerFilter(custom_fields=[
            custom_fields.Condition(key="equipmentModel", equals="X-200")]))
    assert caught.value.rule == "archived"
    event = await AuditEvent.get(object_type="custom_field", action="archive")
    assert (event.reason, event.changes) == ("不再使用", {"active": [True, False]})
    # archiving twice changes nothing
    assert (await custom_fields.archive(admin, definition.id)).version == 2
    # when defined again, it is back with the values it had
    restored = await custom_fields.define(admin, Define(
        key="equipmentModel", label="设备型号", field_type="string"))
    assert (restored.active, restored.archived_at, restored.version) == (True, None, 3)
    qs = await customers.query(admin, customers.CustomerFilter(custom_fields=[
        custom_fields.Condition(key="equipmentModel", equals="X-200")]))
    assert qs is not None and [c.id for c in await qs] == [customer.id]
    # and clearing an archived field's value is allowed
    await custom_fields.archive(admin, definition.id)
    cleared = await customers.update(org["rep.li"], customer.id, customers.CustomerPatch(
        custom_fields={"equipmentModel": None}), None)
    assert cleared.custom_fields == {}


async def test_a_type_change_is_refused_while_values_would_not_fit(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    admin = org["admin"]
    await custom_fields.define(admin, Define(key="cycle", label="维护周期",
                                             field_type="string"))
    await custom_fields.define(admin, Define(key="level", label="等级", field_type="choice",
                                             choices=["A", "B", "C"]))
    c1 = await make_customer(custom_fields={"cycle": "90", "level": "A"})
    c2 = await make_customer(custom_fields={"cycle": "每季度", "level": "B"})
    # when the text field becomes a number: one value is no number
    with pytest.raises(ValidationFailed) as caught:
        await custom_fields.define(admin, Define(key="cycle", label="维护周期",
                                                 field_type="number"))
    assert (caught.value.field, caught.value.rule) == ("field_type", "values_incompatible")
    assert c2.code in caught.value.message and "1 customer" in caught.value.message
    # dropping an option in use is refused too; dropping an unused one is not
    with pytest.raises(ValidationFailed) as caught:
        await custom_fields.define(admin, Define(key="level", label="等级",
                                                 field_type="choice", choices=["A", "C"]))
    assert (caught.value.field, caught.value.rule) == ("choices", "values_incompatible")
    narrowed = await custom_fields.define(admin, Define(
        key="level", label="等级", field_type="choice", choices=["A", "B"]))
    assert narrowed.choices == ["A", "B"]
    # once the odd value is fixed the change goes through and the values stay
    await customers.update(org["rep.li"], c2.id,
                           customers.CustomerPatch(custom_fields={"cycle": "90"}), None)
    changed = await custom_fields.define(admin, Define(key="cycle", label="维护周期",
                                                       field_type="number"))
    assert changed.field_type == "number"
    assert (await Customer.get(id=c1.id)).custom_fields["cycle"] == "90"
    assert (await CustomFieldDefinition.get(key="cycle")).version == 2


async def _codes(actor: Principal, *conditions: custom_fields.Condition) -> list[str]:
    qs = await customers.query(actor, customers.CustomerFilter(custom_fields=conditions))
    assert qs is not None
    return sorted(c.name for c in await qs)


async def test_customers_are_filtered_by_custom_field_values_in_sql(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    await _manufacturing(org["admin"])
    await make_customer(name="甲", custom_fields={
        "equipmentModel": "CNC X-200", "orderValue": "1280.50", "lastService": "2026-03-07",
        "keyAccount": True, "maintenanceCycle": "季度"})
    await make_customer(name="乙", custom_fields={
        "equipmentModel": "Lathe L-9", "orderValue": 90, "lastService": "2025-12-31",
        "keyAccount": False, "maintenanceCycle": "月度"})
    await make_customer(name="丙", owner="rep.wang", custom_fields={"orderValue": "5000"})
    await make_customer(name="丁")
    C = custom_fields.Condition
    admin = org["admin"]
    assert await _codes(admin, C(key="equipmentModel", contains="x-2")) == ["甲"]
    assert await _codes(admin, C(key="equipmentModel", equals="Lathe L-9")) == ["乙"]
    assert await _codes(admin, C(key="orderValue", min="100")) == ["丙", "甲"]
    assert await _codes(admin, C(key="orderValue", min=90, max=Decimal("1280.5"))) == [
        "乙", "甲"]
    assert await _codes(admin, C(key="orderValue", equals=90)) == ["乙"]
    assert await _codes(admin, C(key="lastService", max="2026-01-01")) == ["乙"]
    assert await _codes(admin, C(key="keyAccount", equals=True)) == ["甲"]
    assert await _codes(admin, C(key="keyAccount", equals=False)) == ["乙"]
    assert await _codes(admin, C(key="maintenanceCycle", one_of=["季度", "年度"])) == ["甲"]
    assert await _codes(admin, C(key="orderValue", is_set=False)) == ["丁"]
    assert await _codes(admin, C(key="orderValue", is_set=True),
                        C(key="keyAccount", is_set=False)) == ["丙"]
    # the filters narrow the caller's scope, never widen it
    assert await _codes(org["rep.li"], C(key="orderValue", min=0)) == ["乙", "甲"]
    qs = await customers.query(admin, customers.CustomerFilter(custom_fields=[
        C(key="orderValue", min=100)]))
    assert qs is not None and await qs.count() == 2


@pytest.mark.parametrize(
    ("condition", "field", "rule"),
    [
        (custom_fields.Condition(key="colour", equals="red"), "custom_fields.colour",
         "unknown"),
        (custom_fields.Condition(key="orderValue"), "custom_fields.orderValue", "required"),
        (custom_fields.Condition(key="orderValue", contains="1"), "custom_fields.orderValue",
         "operator"),
        (custom_fields.Condition(key="keyAccount", min=True), "custom_fields.keyAccount",
         "operator"),
        (custom_fields.Condition(key="orderValue", min="many"), "custom_fields.orderValue",
         "type"),
        (custom_fields.Condition(key="lastService", max="yesterday"),
         "custom_fields.lastService", "type"),
        (custom_fields.Condition(key="maintenanceCycle", equals="每周"),
         "custom_fields.maintenanceCycle", "choice"),
    ],
)
async def test_a_bad_filter_names_the_field(
    org: dict[str, Principal], condition: custom_fields.Condition, field: str, rule: str
) -> None:
    await _manufacturing(org["admin"])
    with pytest.raises(ValidationFailed) as caught:
        await customers.query(org["admin"], customers.CustomerFilter(custom_fields=[condition]))
    assert (caught.value.field, caught.value.rule) == (field, rule)


async def test_at_most_ten_conditions(org: dict[str, Principal]) -> None:
    await _manufacturing(org["admin"])
    conditions = [custom_fields.Condition(key="orderValue", is_set=True)] * 11
    with pytest.raises(ValidationFailed) as caught:
        await customers.query(org["admin"], customers.CustomerFilter(custom_fields=conditions))
    assert (caught.value.field, caught.value.rule) == ("custom_fields", "max_items")
