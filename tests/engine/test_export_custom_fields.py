"""Custom fields in exports: one column per active field after the table's own, headed by
its labels, typed cells, and `customFields.<key>` filter parameters."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.services import custom_fields, exports, follow_ups
from tests.conftest import CampaignFactory, CustomerFactory
from tests.engine.test_exports import _csv, _export, _xlsx

NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
Define = custom_fields.Definition


async def _define(admin: Principal) -> None:
    for data in (
        Define(key="equipmentModel", label="设备型号", label_en="Equipment model",
               field_type="string"),
        Define(key="orderValue", label="客单价", field_type="number"),
        Define(key="lastService", label="上次保养", label_en="Last service", field_type="date"),
        Define(key="keyAccount", label="重点客户", label_en="Key account",
               field_type="boolean"),
        Define(key="visitMinutes", label="拜访时长", field_type="number",
               record_type="follow_up"),
        Define(key="boothNo", label="展位号", label_en="Booth", field_type="string",
               record_type="campaign"),
    ):
        await custom_fields.define(admin, data)


async def test_customer_custom_fields_are_columns_in_both_languages(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given
    await _define(org["admin"])
    archived = await custom_fields.define(org["admin"], Define(
        key="region", label="区域", field_type="string"))
    await make_customer(name="甲", custom_fields={
        "equipmentModel": "X-200", "orderValue": "1280.50", "lastService": "2026-03-07",
        "keyAccount": True, "region": "华东"})
    await make_customer(name="乙")
    await custom_fields.archive(org["admin"], archived.id)
    # when
    _, zh = await _export(org["rep.li"], "customers")
    _, en = await _export(org["rep.li"], "customers", lang="en")
    # then the active fields follow the table's columns, in display order
    zh_rows, en_rows = _csv(zh), _csv(en)
    own = len(exports.CUSTOMER_COLUMNS)
    assert zh_rows[0][own:] == ["设备型号", "客单价", "上次保养", "重点客户"]
    assert en_rows[0][own:] == ["Equipment model", "orderValue", "Last service",
                                "Key account"]
    by_name = {r[1]: r[own:] for r in zh_rows[1:]}
    assert by_name == {"甲": ["X-200", "1280.50", "2026-03-07", "是"], "乙": ["", "", "", ""]}
    assert {r[1]: r[own:] for r in en_rows[1:]}["甲"][3] == "yes"


async def test_xlsx_cells_are_typed(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    await _define(org["admin"])
    await make_customer(custom_fields={"orderValue": 90, "lastService": "2026-03-07"})
    _, body = await _export(org["rep.li"], "customers", fmt="xlsx")
    ws = _xlsx(body).worksheets[0]
    header = [c.value for c in ws[1]]
    row = {h: c.value for h, c in zip(header, ws[2], strict=True)}
    assert row["客单价"] == 90
    assert row["上次保养"] == datetime(2026, 3, 7)  # an Excel date


async def test_follow_ups_and_campaigns_export_their_own_fields(
    org: dict[str, Principal], make_customer: CustomerFactory, make_campaign: CampaignFactory
) -> None:
    await _define(org["admin"])
    with clock.frozen(NOON):
        customer = await make_customer()
        await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="回访",
            feedback="neutral", next_action="报价", due_date=date(2026, 11, 25),
            custom_fields={"visitMinutes": 45}))
    await make_campaign(custom_fields={"boothNo": "A-12"})
    _, fu = await _export(org["rep.li"], "follow-ups")
    _, plans = await _export(org["mkt.chen"], "campaigns", lang="en")
    fu_rows, plan_rows = _csv(fu), _csv(plans)
    assert (fu_rows[0][-1], fu_rows[1][-1]) == ("拜访时长", "45")
    assert (plan_rows[0][-1], plan_rows[1][-1]) == ("Booth", "A-12")


async def test_custom_field_filter_parameters(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    await _define(org["admin"])
    await make_customer(name="甲", custom_fields={"orderValue": 500, "keyAccount": True})
    await make_customer(name="乙", custom_fields={"orderValue": 50, "equipmentModel": "L-9"})
    await make_customer(name="丙")

    async def names(**params: object) -> list[str]:
        prepared, body = await _export(org["rep.li"], "customers", **params)
        rows = _csv(body)[1:]
        assert prepared.row_count == len(rows)
        return sorted(r[1] for r in rows)

    assert await names(**{"customFields.orderValue.min": "100"}) == ["甲"]
    assert await names(**{"customFields.keyAccount": "true"}) == ["甲"]
    assert await names(**{"customFields.equipmentModel": "L-9,X-1"}) == ["乙"]
    assert await names(**{"customFields.orderValue.isSet": "false"}) == ["丙"]
    assert await names(**{"customFields.equipmentModel.contains": "l-"}) == ["乙"]
    with pytest.raises(ValidationFailed) as caught:
        await _export(org["rep.li"], "customers", **{"customFields.orderValue.above": "1"})
    assert caught.value.rule == "unknown"
    with pytest.raises(ValidationFailed) as caught:
        await _export(org["rep.li"], "customers", **{"customFields.colour": "red"})
    assert (caught.value.field, caught.value.rule) == ("custom_fields.colour", "unknown")
