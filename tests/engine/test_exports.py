"""Exports on the real database: content parsed back, headers, masking, scope, streaming."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Forbidden, ValidationFailed
from engine.models import AuditEvent, Customer
from engine.services import analytics, approvals, customers, exports, follow_ups
from schema.types.customer import Customer as CustomerType
from tests.conftest import CampaignFactory, CustomerFactory

NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 12:00 Asia/Shanghai


async def _export(actor: Principal, table: str, fmt: str = "csv", lang: str = "zh",
                  **params: Any) -> tuple[exports.PreparedExport, bytes]:
    given = {k: v if isinstance(v, list) else [str(v)] for k, v in params.items()}
    prepared = await exports.prepare(actor, table, fmt, lang, given)
    body = b"".join([chunk async for chunk in prepared.stream()])
    return prepared, body


def _csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM for Excel"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(body: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(body))


def _by(header: list[str], rows: list[list[str]], key: str) -> dict[str, dict[str, str]]:
    """Rows as dicts keyed by the value of column `key`."""
    return {row[header.index(key)]: dict(zip(header, row, strict=True)) for row in rows}


async def test_customers_csv_zh_headers_labels_and_values(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given
    with clock.frozen(NOON):
        c = await make_customer(owner="rep.li", contact_email="zhang@example.com",
                                contact_wechat="zw_2026", needs_summary="需要降低30%生产成本",
                                sources=["trade_show", "referral"], notes="决策人为采购总监")
    # when
    prepared, body = await _export(org["rep.li"], "customers")
    rows = _csv(body)
    # then
    assert rows[0] == [col.zh for col in exports.CUSTOMER_COLUMNS]
    assert rows[0][:4] == ["客户编号", "客户名称", "所属行业", "客户来源"]
    assert len(rows) == 2 and prepared.row_count == 1
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["客户编号"] == c.code
    assert row["客户名称"] == c.name
    assert row["客户来源"] == "展会、转介绍"
    assert row["需求阶段"] == "潜在"
    assert row["联系电话"] == "13800138000"  # the owner sees the contact
    assert row["电子邮箱"] == "zhang@example.com"
    assert row["负责人"] == "李娜"
    assert row["负责人账号"] == "rep.li"
    assert row["所属部门"] == "华东销售部"
    assert row["进入阶段时间"] == "2026-11-23 12:00"  # company time, not UTC
    assert row["待重新分配"] == "否"
    assert row["备注"] == "决策人为采购总监"
    assert prepared.filename.startswith("客户信息管理表-") and prepared.filename.endswith(".csv")


async def test_customers_en_headers_use_graphql_enum_names(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    await make_customer(owner="rep.li", sources=["online_ad_douyin"])
    _, body = await _export(org["rep.li"], "customers", lang="en")
    rows = _csv(body)
    assert rows[0][:4] == ["Customer code", "Customer name", "Industry", "Sources"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Sources"] == "ONLINE_AD_DOUYIN"
    assert row["Stage"] == "POTENTIAL"
    assert row["Flagged for reassignment"] == "no"


@pytest.mark.parametrize(
    ("actor", "visible", "masked"),
    [
        ("rep.li", True, False),  # owner
        ("rep.wang", False, None),  # another rep of the department: not in scope
        ("mgr.east", True, False),  # the owner's manager
        ("mgr.west", False, None),  # another department's manager
        ("mkt.chen", True, True),  # marketing reads all, contacts masked
        ("dir.sun", True, True),  # director reads all, contacts masked
        ("fin.qian", True, True),
        ("admin", True, False),
    ],
)
async def test_masking_and_scope_match_the_api(
    org: dict[str, Principal], make_customer: CustomerFactory, actor: str, visible: bool,
    masked: bool | None,
) -> None:
    # given a customer of rep.li (east) with all three contact details
    c = await make_customer(owner="rep.li", contact_email="zhang.wei@example.com",
                            contact_wechat="zhangwei88")
    # when
    _, body = await _export(org[actor], "customers", lang="en")
    rows = _csv(body)
    header, data = rows[0], _by(rows[0], rows[1:], "Customer code")
    # then
    if not visible:
        assert c.code not in data
        return
    row = data[c.code]
    api = CustomerType.from_row(await Customer.get(id=c.id), org[actor])
    assert (row["Phone"], row["E-mail"], row["WeChat"]) == (
        api.contact_phone, api.contact_email, api.contact_wechat)
    if masked:
        assert (row["Phone"], row["E-mail"], row["WeChat"]) == (
            "138****8000", "z***@example.com", "z***")
    else:
        assert (row["Phone"], row["E-mail"], row["WeChat"]) == (
            "13800138000", "zhang.wei@example.com", "zhangwei88")
    assert "Phone" in header


async def test_a_rep_exports_only_own_customers(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    mine = [await make_customer(owner="rep.li") for _ in range(3)]
    await make_customer(owner="rep.wang")
    await make_customer(owner="rep.zhao")
    prepared, body = await _export(org["rep.li"], "customers")
    codes = [r[0] for r in _csv(body)[1:]]
    assert sorted(codes) == sorted(c.code for c in mine)
    assert prepared.row_count == 3
    _, body = await _export(org["mgr.east"], "customers")
    assert len(_csv(body)) - 1 == 4  # the east department: rep.li's three and rep.wang's


async def test_filters_are_the_lists_filters(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    a = await make_customer(owner="rep.li", industry="教育培训")
    await make_customer(owner="rep.li", industry="制造业")
    b = await make_customer(owner="rep.wang", industry="教育培训")
    await customers.advance_stage(org["rep.li"], a.id, "qualify")
    _, body = await _export(org["mgr.east"], "customers", industry="教育培训")
    assert sorted(r[0] for r in _csv(body)[1:]) == sorted([a.code, b.code])
    _, body = await _export(org["mgr.east"], "customers", stage=["INTENT,WON"])
    assert [r[0] for r in _csv(body)[1:]] == [a.code]
    _, body = await _export(org["mgr.east"], "customers", ownerUsername="rep.wang",
                            orderBy="NAME_ASC")
    assert [r[0] for r in _csv(body)[1:]] == [b.code]


@pytest.mark.parametrize(
    ("table", "fmt", "lang", "params", "field"),
    [
        ("people", "csv", "zh", {}, "table"),
        ("customers", "pdf", "zh", {}, "format"),
        ("customers", "csv", "fr", {}, "lang"),
        ("customers", "csv", "zh", {"stage": ["SOLD"]}, "stage"),
        ("customers", "csv", "zh", {"colour": ["red"]}, "colour"),
        ("customers", "csv", "zh", {"ownerId": ["x"]}, "ownerId"),
        ("customers", "csv", "zh", {"orderBy": ["SIZE"]}, "orderBy"),
        ("customers", "csv", "zh", {"industry": ["a", "b"]}, "industry"),
        ("follow-ups", "csv", "zh", {"dueBefore": ["tomorrow"]}, "dueBefore"),
        ("campaigns", "csv", "zh", {"activeOn": ["2026-13-01"]}, "activeOn"),
    ],
)
async def test_bad_requests_name_the_parameter(
    org: dict[str, Principal], table: str, fmt: str, lang: str,
    params: dict[str, list[str]], field: str,
) -> None:
    with pytest.raises(ValidationFailed) as err:
        await exports.prepare(org["admin"], table, fmt, lang, params)
    assert err.value.field == field
    assert await AuditEvent.filter(object_type="export").count() == 0


async def test_xlsx_header_bold_frozen_dates_and_numbers(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given a won customer with a deal amount and a last follow-up date
    c = await make_customer(owner="rep.li")
    for event in ("qualify", "negotiate"):
        await customers.advance_stage(org["rep.li"], c.id, event)
    await customers.advance_stage(org["rep.li"], c.id, "win", deal_amount="128000.50")
    with clock.frozen(NOON):
        await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=c.id, customer_code=None, method="phone", summary="确认合同",
            feedback="positive", next_action="寄送发票", due_date=date(2026, 11, 25)))
    # when
    prepared, body = await _export(org["mgr.east"], "customers", fmt="xlsx", lang="en")
    wb = _xlsx(body)
    ws = wb["Customers"]
    # then
    header = [cell.value for cell in ws[1]]
    assert header == [col.en for col in exports.CUSTOMER_COLUMNS]
    assert all(cell.font.bold for cell in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width == 28
    row = dict(zip(header, [cell for cell in ws[2]], strict=True))
    assert row["Customer code"].value == c.code
    assert row["Deal amount (CNY)"].value == pytest.approx(128000.5)
    assert isinstance(row["Deal amount (CNY)"].value, float | int)
    assert row["Deal amount (CNY)"].number_format == "#,##0.00"
    assert row["Last follow-up date"].value == datetime(2026, 11, 23)
    assert row["Last follow-up date"].is_date
    assert row["Stage"].value == "WON"
    assert prepared.media_type.startswith("application/vnd.openxmlformats")


async def test_formulas_in_text_are_exported_as_text(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    evil = '=HYPERLINK("http://x.test","点我")'
    c = await make_customer(owner="rep.li", name=evil, notes="+cmd|' /C calc'!A0")
    _, body = await _export(org["rep.li"], "customers")
    row = _csv(body)[1]
    assert row[1] == "'" + evil
    assert row[-2] == "'+cmd|' /C calc'!A0"
    _, body = await _export(org["rep.li"], "customers", fmt="xlsx")
    cell = _xlsx(body).active.cell(row=2, column=2)
    assert cell.value == evil and cell.data_type == "s"
    assert c.code == _xlsx(body).active.cell(row=2, column=1).value


async def test_every_export_is_audited_with_its_row_count(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    await make_customer(owner="rep.li")
    await make_customer(owner="rep.li")
    await _export(org["rep.li"], "customers", fmt="xlsx", lang="en", industry="制造业")
    events = await AuditEvent.filter(object_type="export")
    assert len(events) == 1
    event = events[0]
    assert (event.action, event.actor_name, event.object_id) == (
        "customers", "rep.li", org["rep.li"].id)
    assert event.changes["rows"] == [None, 2]
    assert event.changes["format"] == [None, "xlsx"]
    assert event.changes["filters"] == [None, {"industry": "制造业"}]


async def test_large_export_streams_in_pages(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given 1,250 customers of rep.li (more than twelve keyset pages)
    template = await make_customer(owner="rep.li")
    now = clock.now()
    await Customer.bulk_create([
        Customer(code=f"X{i:06d}", name=f"批量客户 {i}", contact_name="王", stage="potential",
                 contact_phone=f"139{i:08d}", stage_entered_at=now,
                 owner_id=template.owner_id, department_id=template.department_id,
                 custom_fields={})
        for i in range(1249)
    ])
    # when
    prepared = await exports.prepare(org["mkt.chen"], "customers", "csv", "zh", {})
    chunks = [chunk async for chunk in prepared.stream()]
    rows = _csv(b"".join(chunks))[1:]
    # then every row once, newest first, in several chunks, phones masked for marketing
    assert prepared.row_count == 1250 and len(rows) == 1250
    assert len({r[0] for r in rows}) == 1250
    assert len(chunks) >= 3
    assert rows[0][0] == "X001248" and rows[-1][0] == template.code
    assert rows[0][7] == "139****1248"
    assert prepared.sheets[0].written == 1250
    # another order crosses batch boundaries on a non-unique key: still every row once
    _, body = await _export(org["rep.li"], "customers", orderBy="NAME_ASC")
    by_name = _csv(body)[1:]
    assert len(by_name) == 1250 and {r[0] for r in by_name} == {r[0] for r in rows}


async def test_campaign_plans_hide_budgets_as_the_api_does(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    # given a campaign of mkt.chen (east) with three budget lines, ¥33,000
    c = await make_campaign()
    # when a rep and marketing export the plans
    _, rep_body = await _export(org["rep.li"], "campaigns", lang="en")
    _, mkt_body = await _export(org["mkt.chen"], "campaigns", fmt="xlsx")
    # then the rep sees the plan without its budget
    rows = _csv(rep_body)
    rep_row = dict(zip(rows[0], rows[1], strict=True))
    assert rep_row["Campaign code"] == c.code
    assert rep_row["Budget visible"] == "no"
    assert rep_row["Budget total (CNY)"] == ""
    assert rep_row["Type"] == "LIVE_STREAM"
    assert rep_row["Channels"] == "WECHAT_OFFICIAL, DOUYIN"
    assert rep_row["Approval state"] == "DRAFT"
    assert rep_row["Goals"] == "NEW_LEADS 200 (2026-07-01~2026-07-31)"
    # and marketing sees it, with the lines on a second sheet
    wb = _xlsx(mkt_body)
    assert wb.sheetnames == ["推广活动计划表", "预算明细"]
    plan = wb["推广活动计划表"]
    header = [cell.value for cell in plan[1]]
    values = dict(zip(header, [cell.value for cell in plan[2]], strict=True))
    assert values["预算总额(元)"] == 33000
    assert values["活动类型"] == "线上直播"
    assert values["推广渠道"] == "公众号、抖音"
    assert values["开始日期"] == datetime(2026, 7, 1)
    lines = [[cell.value for cell in r] for r in wb["预算明细"].iter_rows(min_row=2)]
    assert [(r[0], r[2], r[5]) for r in lines] == [
        (c.code, "物料费", 5000), (c.code, "物料费", 8000), (c.code, "物料费", 20000)]
    # the rep's workbook has the sheet, but no lines in it
    _, rep_xlsx = await _export(org["rep.li"], "campaigns", fmt="xlsx")
    assert _xlsx(rep_xlsx)["预算明细"].max_row == 1


async def test_follow_ups_export_scoped_with_labels(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    mine = await make_customer(owner="rep.li")
    other = await make_customer(owner="rep.zhao")
    with clock.frozen(NOON):
        made = []
        for customer, actor in ((mine, "rep.li"), (other, "rep.zhao")):
            made.append(await follow_ups.create(org[actor], follow_ups.FollowUpInput(
                customer_id=customer.id, customer_code=None, method="visit_offline",
                summary="客户询问产品A的交货周期，答复15天", feedback="neutral",
                next_action="发送产品案例册", due_date=date(2026, 11, 25))))
    _, body = await _export(org["rep.li"], "follow-ups")
    rows = _csv(body)
    assert rows[0][:3] == ["跟进记录ID", "客户编号", "客户名称"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["跟进记录ID"] == made[0].code
    assert row["客户编号"] == mine.code
    assert row["跟进方式"] == "拜访(线下)"
    assert row["客户反馈类型"] == "中性"
    assert row["状态"] == "待处理"
    assert row["跟进日期"] == "2026-11-23"
    assert row["跟进人"] == "李娜"
    _, body = await _export(org["dir.sun"], "follow-ups", lang="en", status="PENDING")
    assert len(_csv(body)) == 3


async def test_permissions_export_needs_the_report_permission(
    org: dict[str, Principal],
) -> None:
    with pytest.raises(Forbidden):
        await exports.prepare(org["mgr.east"], "permissions", "csv", "zh", {})
    _, body = await _export(org["dir.sun"], "permissions", lang="en", username="rep.li")
    rows = _csv(body)
    assert rows[0][:3] == ["Username", "Name", "Role"]
    customer_read = [r for r in rows[1:] if r[4] == "customer" and r[5] == "read"]
    assert customer_read == [[
        "rep.li", "李娜", "SALES_REP", customer_read[0][3], "customer", "read", "own", "own",
        "", customer_read[0][9], "p, sales_rep, customer, read, own",
    ]]
    assert Decimal(customer_read[0][9]) > 0


async def test_effect_analysis_one_row_per_campaign_nulls_with_reasons(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    # given an approved campaign (¥33,000) with two July customers, one won for ¥10,000,
    # and a draft campaign with no customers
    approved = await make_campaign()
    await approvals.submit(org["mkt.chen"], approved.id)
    approved = await approvals.approve(org["mgr.east"], approved.id)
    draft = await make_campaign()
    for day, win in ((2, True), (3, False)):
        with clock.frozen(datetime(2026, 7, day, 2, 0, tzinfo=UTC)):
            c = await customers.create(org["rep.li"], customers.CustomerInput(
                name=f"活动客户 {day}", contact_name="张伟", contact_phone="13800138000",
                sources=["campaign"], owner_username="rep.li",
                source_campaign_code=approved.code))
        if win:
            for event, d, amount in (("qualify", 4, None), ("negotiate", 5, None),
                                     ("win", 9, "10000")):
                with clock.frozen(datetime(2026, 7, d, 2, 0, tzinfo=UTC)):
                    await customers.advance_stage(org["rep.li"], c.id, event,
                                                  deal_amount=amount)
    await analytics.set_review(org["mkt.chen"], approved.id, "直播获客成本最低", "物料不足",
                               "增加案例分享")
    # when
    prepared, body = await _export(org["mkt.chen"], "effect-analysis", fmt="xlsx",
                                   **{"from": "2026-07-01", "to": "2026-07-31"})
    ws = _xlsx(body).active
    header = [cell.value for cell in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True))
            for r in ws.iter_rows(min_row=2, values_only=True)}
    # then
    assert header == [col.zh for col in exports.EFFECT_COLUMNS]
    assert prepared.row_count == 2 and set(rows) == {approved.code, draft.code}
    row = rows[approved.code]
    assert (row["统计周期起"], row["统计周期止"]) == (datetime(2026, 7, 1), datetime(2026, 7, 31))
    assert (row["新增客户数量"], row["其中意向客户数"], row["成交客户数量"]) == (2, 1, 1)
    assert row["成交金额(元)"] == 10000
    assert row["获客成本CAC(元)"] == 16500
    assert row["渠道转化率(%)"] == 50
    assert row["客户平均成交周期(天)"] == 5
    assert row["投资回报率ROI(%)"] is None  # nothing spent: empty cell, reason in the notes
    assert row["说明"] == "投资回报率：尚无实际花费（花费为 0）"  # Chinese throughout
    assert (row["核心成果总结"], row["存在问题"], row["优化建议"]) == (
        "直播获客成本最低", "物料不足", "增加案例分享")
    empty = rows[draft.code]
    assert empty["新增客户数量"] == 0 and empty["获客成本CAC(元)"] is None
    assert empty["说明"] == ("获客成本：预算未批准；转化率：期间无新增客户；"
                           "平均成交周期：期间无成交客户；投资回报率：尚无实际花费（花费为 0）")
    # a rep may not see budgets: CAC and ROI are empty with that reason
    _, body = await _export(org["rep.li"], "effect-analysis", lang="en",
                            **{"from": "2026-07-01", "to": "2026-07-31"})
    table = _csv(body)
    rep = _by(table[0], table[1:], "Campaign code")[approved.code]
    assert rep["CAC (CNY)"] == "" and rep["Conversion (%)"] == "50.00"
    assert analytics.REASON_BUDGET_HIDDEN in rep["Notes"]


async def test_effect_analysis_period_must_be_ordered(org: dict[str, Principal]) -> None:
    with pytest.raises(ValidationFailed) as err:
        await exports.prepare(org["admin"], "effect-analysis", "csv", "zh",
                              {"from": ["2026-07-31"], "to": ["2026-07-01"]})
    assert err.value.field == "to"
