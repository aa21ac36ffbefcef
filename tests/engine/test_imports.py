"""Historical import of customers and orders (engine/services/imports.py), on the real DB."""

from __future__ import annotations

import asyncio
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from engine.authz import Principal
from engine.errors import Forbidden, ValidationFailed
from engine.models import (
    AuditEvent,
    Customer,
    CustomerOrder,
    CustomerSourceLink,
    CustomerStageChange,
    ImportJob,
)
from engine.services import imports
from tests.conftest import BACKEND

CN_HEADER = ("外部编号,客户名称,联系人,电话,邮箱,行业,客户来源,阶段,负责人,成交金额,流失原因,"
             "创建日期,阶段日期,渠道")


def csv_bytes(*lines: str, encoding: str = "utf-8-sig") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD_CN = csv_bytes(
    CN_HEADER,
    "H-001,华东机械有限公司,张伟,13800138000,,制造业,展会、转介绍,潜在,rep.li,,,2025-03-01,,",
    "H-002,上海贸易公司,李雷,,lilei@example.com,贸易,线上推广（抖音）,成交,李娜,"
    "\"¥12,500.50\",,2025/1/15,2025年6月20日,抖音",
    "H-003,杭州软件,韩梅梅,021-5555 6666,,软件,电话咨询,流失,rep.wang,,预算不足,20250110,"
    "2025-02-01,",
)


async def test_csv_with_chinese_headers_creates_customers_and_history(
    org: dict[str, Principal],
) -> None:
    seen: list[tuple[int, str]] = []
    job = await imports.start_import(
        org["admin"], GOOD_CN, "客户.csv", "customers",
        on_progress=lambda j, phase: seen.append((j.processed_rows, phase)),
    )
    assert job.status == "succeeded", job.problems
    assert (job.total_rows, job.processed_rows, job.created_count, job.updated_count,
            job.error_count) == (3, 3, 3, 0, 0)
    assert job.file_format == "csv" and job.finished_at is not None
    stored = await ImportJob.get(id=job.id)
    assert stored.status == "succeeded" and stored.created_count == 3

    won = await Customer.get(external_id="H-002")
    assert won.stage == "won" and won.deal_amount == Decimal("12500.50")
    assert won.contact_email == "lilei@example.com" and won.source_channel == "douyin"
    assert won.code.startswith("C") and won.owner_id == org["rep.li"].id
    assert won.department_id == org["rep.li"].department_id
    assert won.stage_entered_at.date() in (date(2025, 6, 19), date(2025, 6, 20))
    history = await CustomerStageChange.filter(customer_id=won.id).order_by("at")
    assert [(h.from_stage, h.to_stage, h.event) for h in history] == [
        (None, "potential", "import"), ("potential", "won", "import")]
    assert history[1].deal_amount == Decimal("12500.50")
    assert history[0].at < history[1].at
    sources = await CustomerSourceLink.filter(customer_id=won.id).values_list("source", flat=True)
    assert list(sources) == ["online_ad_douyin"]

    lost = await Customer.get(external_id="H-003")
    assert lost.stage == "lost" and lost.lost_reason == "预算不足"
    assert lost.contact_phone == "021-5555 6666"
    first = await Customer.get(external_id="H-001")
    assert sorted(await CustomerSourceLink.filter(customer_id=first.id).values_list(
        "source", flat=True)) == ["referral", "trade_show"]
    assert first.stage == "potential"
    assert len({c.code for c in await Customer.all()}) == 3

    # one audit event per customer and one summarising the import
    assert await AuditEvent.filter(object_type="customer", action="import").count() == 3
    summary = await AuditEvent.get(object_type="import", object_id=job.id)
    assert summary.changes["created"] == [None, 3]
    # progress went validating → writing → done
    phases = [p for _, p in seen]
    assert phases[0] == "validating" and "writing" in phases and phases[-1] == "done"
    assert imports.running_job(job.id) is None


async def test_xlsx_with_english_headers_dates_and_numbers(org: dict[str, Principal]) -> None:
    data = xlsx_bytes([
        ["External ID", "Customer Name", "Contact Name", "Phone", "WeChat", "Sources",
         "Stage", "Owner", "Deal Amount", "Created Date", "Stage date", "Last follow-up date"],
        ["X1", "Acme", "Bob", 13900139000, None, "trade_show", "INTENT", "rep.li", None,
         datetime(2025, 4, 2), 45800, "2025-07-01"],
        [None, None, None, None, None, None, None, None, None, None, None, None],
        ["X2", "Beta", "Ann", None, "ann_wx", "referral; online_form", "won", "rep.wang",
         3000, 45658, None, None],
    ])
    job = await imports.start_import(org["admin"], data, "book.xlsx", "customers")
    assert job.status == "succeeded", job.problems
    assert job.file_format == "xlsx" and job.created_count == 2
    acme = await Customer.get(external_id="X1")
    assert acme.contact_phone == "13900139000" and acme.stage == "intent"
    assert acme.last_follow_up_date == date(2025, 7, 1)
    # Excel serial 45800 = 2025-05-23
    history = await CustomerStageChange.filter(customer_id=acme.id).order_by("at")
    assert [h.to_stage for h in history] == ["potential", "intent"]
    assert history[1].at.astimezone(imports.settings.current().zone).date() == date(2025, 5, 23)
    beta = await Customer.get(external_id="X2")
    assert beta.deal_amount == Decimal("3000.00") and beta.contact_wechat == "ann_wx"
    # 45658 = 2025-01-01, the created date; the won entry defaults to it
    assert beta.stage_entered_at.astimezone(
        imports.settings.current().zone).date() == date(2025, 1, 1)


async def test_gb18030_csv_is_read(org: dict[str, Principal]) -> None:
    data = csv_bytes("客户名称,联系人,手机,来源,负责人", "广州电子,王芳,13700137000,展会,rep.li",
                     encoding="gb18030")
    job = await imports.start_import(org["admin"], data, "gbk.csv", "customers")
    assert job.status == "succeeded", job.problems
    assert (await Customer.get()).name == "广州电子"


async def test_dry_run_reports_every_problem_and_writes_nothing(
    org: dict[str, Principal],
) -> None:
    data = csv_bytes(
        "客户名称,联系人,电话,邮箱,客户来源,阶段,负责人,成交金额,创建日期,备注列",
        "好客户,张三,13800138000,,展会,潜在,rep.li,,2025-01-01,x",
        ",李四,12,bad-mail,飞鸽传书,成交,nobody,-5,2025-13-01,y",
        "客户三,王五,,,展会,Won,rep.zhao,100,2099-01-01,z",
        "客户四,赵六,13800138000,,展会,意向,mkt.chen,,,",
    )
    job = await imports.start_import(org["mgr.east"], data, "c.csv", "customers",
                                     dry_run=True)
    assert job.status == "failed" and job.dry_run
    assert job.problems == [
        {"row": 3, "column": "客户名称", "value": None, "problem": "name is required"},
        {"row": 3, "column": "电话", "value": "12",
         "problem": "contact_phone is not a phone number"},
        {"row": 3, "column": "邮箱", "value": "bad-mail",
         "problem": "contact_email is not an e-mail address"},
        {"row": 3, "column": "成交金额", "value": "-5",
         "problem": "deal_amount must be at least 0"},
        {"row": 3, "column": "客户来源", "value": "飞鸽传书",
         "problem": job.problems[4]["problem"]},
        {"row": 3, "column": "创建日期", "value": "2025-13-01",
         "problem": "not a date (use YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 or an Excel date)"},
        {"row": 3, "column": "负责人", "value": "nobody",
         "problem": "no active user with username or name 'nobody'"},
        {"row": 4, "column": "电话", "value": None,
         "problem": "a customer needs at least one contact detail (phone, e-mail or WeChat)"},
        {"row": 4, "column": "创建日期", "value": "2099-01-01",
         "problem": "the date is in the future"},
        {"row": 4, "column": "负责人", "value": "rep.zhao",
         "problem": "you may not import customers for rep.zhao (outside your department)"},
        {"row": 5, "column": "负责人", "value": "mkt.chen",
         "problem": "mkt.chen is a marketing; customers are owned by sales staff"},
    ]
    assert "unknown source '飞鸽传书'" in job.problems[4]["problem"]
    assert job.error_count == 11 and job.total_rows == 4 and job.processed_rows == 4
    assert "备注列" in (job.message or "")
    assert await Customer.all().count() == 0
    assert await AuditEvent.filter(object_type__in=["customer", "import"]).count() == 0
    assert await ImportJob.all().count() == 1


async def test_dry_run_of_a_valid_file_counts_what_it_would_do(
    org: dict[str, Principal],
) -> None:
    job = await imports.start_import(org["admin"], GOOD_CN, "c.csv", "customers", dry_run=True)
    assert (job.status, job.created_count, job.updated_count, job.error_count) == (
        "succeeded", 3, 0, 0)
    assert await Customer.all().count() == 0
    assert await CustomerStageChange.all().count() == 0


async def test_one_bad_row_imports_nothing(org: dict[str, Principal]) -> None:
    lines = [CN_HEADER] + [
        f"B-{i},客户{i},张{i},1380013{i:04d},,制造业,展会,潜在,rep.li,,,,,"
        for i in range(50)
    ]
    lines[30] = "B-29,客户29,张29,,,制造业,展会,潜在,rep.li,,,,,"  # no contact detail
    job = await imports.start_import(org["admin"], csv_bytes(*lines), "c.csv", "customers")
    assert job.status == "failed" and job.error_count == 1
    assert job.problems[0]["row"] == 31
    assert "nothing imported" in (job.message or "")
    assert await Customer.all().count() == 0
    assert await CustomerSourceLink.all().count() == 0
    assert await AuditEvent.filter(object_type="customer").count() == 0


async def test_reimport_updates_instead_of_duplicating(
    org: dict[str, Principal], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "ANALYZE_AFTER", 1)  # PostgreSQL: statistics refreshed
    first = await imports.start_import(org["admin"], GOOD_CN, "c.csv", "customers")
    assert first.created_count == 3
    before = {c.external_id: c for c in await Customer.all()}
    again = await imports.start_import(org["admin"], GOOD_CN, "c.csv", "customers")
    assert (again.status, again.created_count, again.updated_count) == ("succeeded", 0, 0)
    assert "unchanged 3" in (again.message or "")
    assert await Customer.all().count() == 3
    assert await CustomerStageChange.all().count() == 5

    changed = csv_bytes(
        CN_HEADER,
        "H-001,华东机械有限公司,张伟,13900139000,,制造业,展会,意向,rep.li,,,2025-03-01,"
        "2025-04-01,",
        "H-002,上海贸易公司,李雷,,lilei@example.com,贸易,线上推广（抖音）,成交,李娜,"
        "\"¥12,500.50\",,2025/1/15,2025年6月20日,抖音",
        "H-003,杭州软件,韩梅梅,021-5555 6666,,软件,电话咨询,流失,rep.wang,,预算不足,20250110,"
        "2025-02-01,",
        "H-004,新客户,周七,13600136000,,零售,其他,潜在,rep.li,,,,,",
    )
    third = await imports.start_import(org["admin"], changed, "c.csv", "customers")
    assert (third.status, third.created_count, third.updated_count) == ("succeeded", 1, 1)
    assert await Customer.all().count() == 4
    h1 = await Customer.get(external_id="H-001")
    assert h1.id == before["H-001"].id and h1.code == before["H-001"].code
    assert h1.contact_phone == "13900139000" and h1.stage == "intent"
    assert h1.version == before["H-001"].version + 1
    assert sorted(await CustomerSourceLink.filter(customer_id=h1.id).values_list(
        "source", flat=True)) == ["trade_show"]
    moves = await CustomerStageChange.filter(customer_id=h1.id).order_by("id")
    assert [(m.from_stage, m.to_stage) for m in moves] == [
        (None, "potential"), ("potential", "intent")]
    h2 = await Customer.get(external_id="H-002")
    assert h2.version == before["H-002"].version  # unchanged rows are not touched
    event = await AuditEvent.filter(object_type="customer", object_id=h1.id).order_by(
        "-id").first()
    assert event is not None and event.changes["contact_phone"] == ["13800138000", "13900139000"]
    assert event.changes["stage"] == ["potential", "intent"]


async def test_orders_link_customers_by_external_id_or_code(
    org: dict[str, Principal],
) -> None:
    await imports.start_import(org["admin"], GOOD_CN, "c.csv", "customers")
    h3 = await Customer.get(external_id="H-003")
    data = csv_bytes(
        "订单编号,客户编号,下单日期,金额,产品,渠道,活动",
        "O-1,H-001,2025-05-01,1000,机床,抖音,",
        "O-2,H-001,2025/06/01,\"2,000.5\",配件,,",
        f"O-3,{h3.code.lower()},2025-07-01,300,服务,,",
    )
    job = await imports.start_import(org["mkt.chen"], data, "o.csv", "orders")
    assert job.status == "succeeded", job.problems
    assert job.created_count == 3
    h1 = await Customer.get(external_id="H-001")
    orders = await CustomerOrder.filter(customer_id=h1.id).order_by("order_date")
    assert [(o.external_id, o.amount, o.channel) for o in orders] == [
        ("O-1", Decimal("1000.00"), "douyin"), ("O-2", Decimal("2000.50"), None)]
    assert (await CustomerOrder.get(external_id="O-3")).customer_id == h3.id

    again = await imports.start_import(org["mkt.chen"], data.replace(b",300,", b",350,"),
                                       "o.csv", "orders")
    assert (again.created_count, again.updated_count) == (0, 1)
    assert await CustomerOrder.all().count() == 3
    assert (await CustomerOrder.get(external_id="O-3")).amount == Decimal("350.00")

    bad = csv_bytes("order id,customer,order date,amount", "O-9,NOPE,2025-01-01,5",
                    "O-10,H-001,yesterday,abc")
    failed = await imports.start_import(org["admin"], bad, "o.csv", "orders", dry_run=True)
    assert [(p["row"], p["column"]) for p in failed.problems] == [
        (2, "customer"), (3, "order date"), (3, "amount")]


async def test_missing_required_column_refuses_the_file_before_any_row(
    org: dict[str, Principal],
) -> None:
    data = csv_bytes("客户名称,电话,负责人", "A,13800138000,rep.li")
    job = await imports.start_import(org["admin"], data, "c.csv", "customers")
    assert job.status == "failed" and job.processed_rows == 0
    assert "required column(s) missing: contact_name, sources" in (job.message or "")
    assert job.error_count == 1


async def test_only_importers_may_start(org: dict[str, Principal]) -> None:
    with pytest.raises(Forbidden):
        await imports.start_import(org["rep.li"], GOOD_CN, "c.csv", "customers")
    with pytest.raises(Forbidden):
        await imports.start_import(org["mkt.chen"], GOOD_CN, "c.csv", "customers")
    assert await ImportJob.all().count() == 0


async def test_problem_list_is_capped_but_counted(
    org: dict[str, Principal], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "PROBLEM_CAP", 5)
    lines = ["客户名称,联系人,电话,来源,负责人"] + ["A,B,,展会,rep.li"] * 12
    job = await imports.start_import(org["admin"], csv_bytes(*lines), "c.csv", "customers")
    assert job.error_count == 12 and len(job.problems) == 5
    assert [p["row"] for p in job.problems] == [2, 3, 4, 5, 6]


async def test_progress_is_visible_while_running(
    org: dict[str, Principal], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 10)
    lines = [CN_HEADER] + [
        f"P-{i},客户{i},张{i},1380013{i:04d},,制造业,展会,潜在,rep.li,,,,," for i in range(95)
    ]
    snapshots: list[tuple[str, int, int | None, float | None]] = []

    def watch(job: ImportJob, phase: str) -> None:
        live = imports.running_job(job.id)
        if live is not None:
            snapshots.append((phase, live[0].processed_rows, live[0].total_rows,
                              imports.percent(live[0], live[1])))

    job = await imports.start_import(org["admin"], csv_bytes(*lines), "c.csv", "customers",
                                     on_progress=watch)
    assert job.status == "succeeded"
    validating = [s for s in snapshots if s[0] == "validating"]
    assert [s[1] for s in validating] == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
    assert all(s[2] == 95 for s in snapshots)
    assert validating[5][3] == pytest.approx(50 * 50 / 95, abs=0.1)
    writing = [s for s in snapshots if s[0] == "writing"]
    assert writing and writing[0][1] == 0 and writing[0][3] == 50.0
    assert imports.percent(job, None) == 100.0
    found = await imports.get_job(org["admin"], job.id)
    assert found is not None and found[0].processed_rows == 95


async def test_jobs_are_read_by_their_creator_and_admin(org: dict[str, Principal]) -> None:
    job = await imports.start_import(org["mgr.east"], GOOD_CN, "c.csv", "customers",
                                     dry_run=True)
    assert await imports.get_job(org["mgr.east"], job.id) is not None
    assert await imports.get_job(org["admin"], job.id) is not None
    assert await imports.get_job(org["mgr.west"], job.id) is None
    assert await imports.get_job(org["rep.li"], job.id) is None
    page = await imports.list_jobs(org["mgr.west"], first=10, after=None)
    assert page.items == []
    page = await imports.list_jobs(org["mgr.east"], first=10, after=None)
    assert [j.id for j in page.items] == [job.id]


async def test_background_imports_are_marked_failed_when_the_process_stops(
    org: dict[str, Principal],
) -> None:
    lines = [CN_HEADER] + [
        f"S-{i},客户{i},张{i},1380013{i:04d},,制造业,展会,潜在,rep.li,,,,," for i in range(300)
    ]
    waiting = await imports.start_import(org["admin"], GOOD_CN, "a.csv", "customers",
                                         background=True)
    assert waiting.status == "pending"
    await imports.stop_running()  # cancelled before it started
    assert (await ImportJob.get(id=waiting.id)).status == "failed"

    running = await imports.start_import(org["admin"], csv_bytes(*lines), "b.csv",
                                         "customers", background=True)
    for _ in range(200):
        if imports.running_job(running.id) is not None:
            break
        await asyncio.sleep(0)
    await imports.stop_running()
    stored = await ImportJob.get(id=running.id)
    assert stored.status == "failed" and stored.message == imports.INTERRUPTED
    assert stored.finished_at is not None
    assert await Customer.all().count() == 0
    assert imports.running_job(running.id) is None


@pytest.mark.skipif(BACKEND != "postgres", reason="SQLite has one writer: the job row is "
                    "written when the import transaction ends (docs/import.md)")
async def test_other_sessions_see_progress_during_the_write_transaction(
    org: dict[str, Principal], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "FLUSH_SECONDS", 0.01)
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 100)
    lines = [CN_HEADER] + [
        f"W-{i},客户{i},张{i},138{i:08d},,制造业,展会,潜在,rep.li,,,,," for i in range(6000)
    ]
    seen: set[tuple[str | None, int]] = set()
    stop = asyncio.Event()

    async def watch() -> None:  # a task of its own: outside the import's transaction
        while not stop.is_set():
            for row in await ImportJob.all().values("message", "processed_rows", "status"):
                if row["status"] == "running":
                    seen.add((row["message"], row["processed_rows"]))
            await asyncio.sleep(0.005)

    watcher = asyncio.create_task(watch())
    job = await imports.start_import(org["admin"], csv_bytes(*lines), "w.csv", "customers")
    stop.set()
    await watcher
    assert job.status == "succeeded"
    assert any(phase == "validating" and 0 < n < 6000 for phase, n in seen)
    assert any(phase == "writing" for phase, _ in seen), seen


def test_a_file_that_is_no_workbook_is_refused_naming_the_file() -> None:
    from engine import tabular

    with pytest.raises(ValidationFailed) as refused:
        tabular.open_table(b"PK\x03\x04 not really a zip", "book.xlsx", "customers")
    assert refused.value.field == "file" and "XLSX" in refused.value.message


def test_xlsx_cells_keep_their_types_and_blanks_are_none() -> None:
    from engine import tabular

    head = ["外部编号", "客户名称", "联系人", "客户来源", "负责人", "电话", "成交金额", "创建日期"]
    data = xlsx_bytes([head,
                       ["E1", "甲公司", "张三", "展会", "rep.li", 13800000000, 1234.5,
                        date(2025, 3, 7)],
                       [None] * len(head),
                       ["E2", "乙公司", "李四", "展会", "rep.li", "", 2000, None]])
    with tabular.open_table(data, "book.xlsx", "customers") as table:
        rows = list(table.rows())
    assert [n for n, _ in rows] == [2, 4]  # the blank row is skipped, numbering kept
    first, second = rows[0][1], rows[1][1]
    assert imports.cell_text(first["contact_phone"]) == "13800000000"
    assert imports.parse_amount(first["deal_amount"]) == "1234.5"
    assert imports.parse_date(first["created_date"])[0] == date(2025, 3, 7)
    assert second["contact_phone"] is None and second["created_date"] is None


async def test_the_import_summary_is_in_the_audit_trail_for_who_may_read_the_job(
    org: dict[str, Principal],
) -> None:
    from engine.errors import NotFound
    from engine.services import audit_trail

    job = await imports.start_import(org["mgr.east"], GOOD_CN.replace(b"rep.wang", b"rep.li"),
                                     "客户.csv", "customers")
    assert job.status == "succeeded", job.problems
    for reader in ("mgr.east", "admin"):
        page = await audit_trail.trail(org[reader], "import", job.id, first=10, after=None)
        assert [(e.action, e.changes["created"]) for e in page.items] == [("import", [None, 3])]
    with pytest.raises(NotFound):
        await audit_trail.trail(org["rep.li"], "import", job.id, first=10, after=None)
