"""Custom fields in customer imports: headers from the definitions' labels, values checked
by the definitions, required fields, re-imports (engine/importing/customers.py)."""

from __future__ import annotations

from datetime import datetime

from engine.authz import Principal
from engine.models import AuditEvent, Customer
from engine.services import custom_fields, imports
from tests.engine.test_imports import csv_bytes, xlsx_bytes

Define = custom_fields.Definition
HEADER = "外部编号,客户名称,联系人,电话,客户来源,负责人"


async def _fields(admin: Principal, required: bool = False) -> None:
    for data in (
        Define(key="equipmentModel", label="设备型号", label_en="Equipment model",
               field_type="string", required=required),
        Define(key="maintenanceCycle", label="维护周期", field_type="choice",
               choices=["月度", "季度", "年度"]),
        Define(key="orderValue", label="客单价", label_en="Order value", field_type="number"),
        Define(key="lastService", label="上次保养", field_type="date"),
        Define(key="keyAccount", label="重点客户", field_type="boolean"),
    ):
        await custom_fields.define(admin, data)


async def test_custom_fields_come_from_their_labels(org: dict[str, Principal]) -> None:
    # given the definitions' Chinese labels, an English label and a key as headers
    await _fields(org["admin"])
    data = csv_bytes(
        f"{HEADER},设备型号,维护周期,Order value（元）,lastService,重点客户",
        "H-1,华东机械,张伟,13800138000,展会,rep.li,CNC X-200,季度,\"¥12,800.50\",2025/3/7,是",
        "H-2,苏州精工,李雷,13800138001,展会,rep.li,,,,,",
    )
    # when
    job = await imports.start_import(org["admin"], data, "c.csv", "customers")
    # then
    assert job.status == "succeeded", job.problems
    first = await Customer.get(external_id="H-1")
    assert first.custom_fields == {"equipmentModel": "CNC X-200", "maintenanceCycle": "季度",
                                   "orderValue": "12800.50", "lastService": "2025-03-07",
                                   "keyAccount": True}
    assert (await Customer.get(external_id="H-2")).custom_fields == {}
    event = await AuditEvent.get(object_type="customer", object_id=first.id, action="import")
    assert event.changes["custom_fields"] == [None, first.custom_fields]


async def test_xlsx_cells_keep_their_types(org: dict[str, Principal]) -> None:
    await _fields(org["admin"])
    data = xlsx_bytes([
        ["客户名称", "联系人", "电话", "客户来源", "负责人", "客单价", "上次保养", "重点客户"],
        ["甲", "张", 13800138000, "展会", "rep.li", 1500, datetime(2025, 4, 2), False],
        ["乙", "李", 13800138001, "展会", "rep.li", 99.5, 45658, "否"],
    ])
    job = await imports.start_import(org["admin"], data, "c.xlsx", "customers")
    assert job.status == "succeeded", job.problems
    values = {c.name: c.custom_fields for c in await Customer.all()}
    assert values == {
        "甲": {"orderValue": "1500", "lastService": "2025-04-02", "keyAccount": False},
        "乙": {"orderValue": "99.5", "lastService": "2025-01-01", "keyAccount": False},
    }


async def test_bad_custom_values_are_reported_and_nothing_is_imported(
    org: dict[str, Principal],
) -> None:
    await _fields(org["admin"], required=True)
    data = csv_bytes(
        f"{HEADER},设备型号,维护周期,客单价,上次保养,重点客户",
        "H-1,甲,张伟,13800138000,展会,rep.li,X-1,每周,很多,2025-13-01,也许",
        "H-2,乙,李雷,13800138001,展会,rep.li,,,,,",
        "H-3,丙,王五,13800138002,展会,rep.li,X-3,年度,1,2025-01-01,否",
    )
    job = await imports.start_import(org["admin"], data, "c.csv", "customers", dry_run=True)
    assert job.status == "failed"
    assert [(p["row"], p["column"], p["value"]) for p in job.problems] == [
        (2, "维护周期", "每周"), (2, "客单价", "很多"), (2, "上次保养", "2025-13-01"),
        (2, "重点客户", "也许"), (3, "设备型号", None)]
    assert job.problems[0]["problem"] == \
        "custom_fields.maintenanceCycle must be one of 月度, 季度, 年度"
    assert job.problems[4]["problem"] == \
        "设备型号 (equipmentModel) is a required custom field"
    assert await Customer.all().count() == 0


async def test_a_required_field_missing_from_the_file_refuses_new_customers(
    org: dict[str, Principal],
) -> None:
    await _fields(org["admin"], required=True)
    job = await imports.start_import(
        org["admin"], csv_bytes(HEADER, "H-1,甲,张伟,13800138000,展会,rep.li"), "c.csv",
        "customers")
    assert job.status == "failed" and job.error_count == 1
    assert job.problems[0]["column"] == "设备型号"  # the label: the file has no such column


async def test_reimport_changes_custom_fields_and_leaves_them_without_columns(
    org: dict[str, Principal],
) -> None:
    await _fields(org["admin"])
    base = "H-1,华东机械,张伟,13800138000,展会,rep.li"
    first = await imports.start_import(
        org["admin"], csv_bytes(f"{HEADER},设备型号,客单价", f"{base},X-1,100"), "c.csv",
        "customers")
    assert first.status == "succeeded", first.problems
    # the same file again: nothing changes
    same = await imports.start_import(
        org["admin"], csv_bytes(f"{HEADER},设备型号,客单价", f"{base},X-1,100"), "c.csv",
        "customers")
    assert (same.created_count, same.updated_count) == (0, 0)
    # a file without custom columns leaves the values; one with them changes them
    plain = await imports.start_import(org["admin"], csv_bytes(HEADER, base), "c.csv",
                                       "customers")
    assert (plain.updated_count, (await Customer.get()).custom_fields) == (
        0, {"equipmentModel": "X-1", "orderValue": "100"})
    changed = await imports.start_import(
        org["admin"], csv_bytes(f"{HEADER},设备型号", f"{base},X-2"), "c.csv", "customers")
    assert changed.updated_count == 1, changed.problems
    customer = await Customer.get()
    assert customer.custom_fields == {"equipmentModel": "X-2", "orderValue": "100"}
    assert customer.version == 2
    event = await AuditEvent.filter(object_type="customer", action="import").order_by(
        "-id").first()
    assert event is not None and event.changes == {"custom_fields": [
        {"equipmentModel": "X-1", "orderValue": "100"},
        {"equipmentModel": "X-2", "orderValue": "100"}]}


async def test_an_archived_fields_column_is_ignored(org: dict[str, Principal]) -> None:
    await _fields(org["admin"])
    definition = await custom_fields.define(org["admin"], Define(
        key="region", label="区域", field_type="string"))
    await custom_fields.archive(org["admin"], definition.id)
    job = await imports.start_import(
        org["admin"], csv_bytes(f"{HEADER},区域", "H-1,甲,张伟,13800138000,展会,rep.li,华东"),
        "c.csv", "customers")
    assert job.status == "succeeded", job.problems
    assert "ignored columns: 区域" in (job.message or "")
    assert (await Customer.get()).custom_fields == {}
