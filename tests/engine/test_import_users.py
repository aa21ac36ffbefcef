"""`promoflow import --kind users`: an HR export checked by usersUpsert's rules, with the
same dry-run report as customers, all or nothing, idempotent."""

from __future__ import annotations

import pytest

from engine.authz import Principal
from engine.errors import Forbidden
from engine.models import AuditEvent, User
from engine.services import imports
from tests.conftest import CustomerFactory
from tests.engine.test_imports import csv_bytes, xlsx_bytes

HR = "工号,账号,姓名,岗位,部门,邮箱,在职状态"


async def test_an_hr_export_creates_and_changes_users(org: dict[str, Principal]) -> None:
    # given an export with Chinese headers, role labels and a department by name
    data = csv_bytes(
        HR,
        "E-1001,rep.zhou,周杰,销售专员,华西销售部,zhou@example.cn,在职",
        "E-1002,rep.li,李娜,销售专员,east,li@example.cn,在职",
        "E-1003,fin.wu,吴会计,财务,,,在职",
    )
    # when
    job = await imports.start_import(org["admin"], data, "人员.csv", "users")
    # then
    assert job.status == "succeeded", job.problems
    assert (job.created_count, job.updated_count) == (2, 1)
    zhou = await User.get(username="rep.zhou")
    assert (zhou.display_name, zhou.role, zhou.department_id, zhou.external_id) == (
        "周杰", "sales_rep", org["rep.zhao"].department_id, "E-1001")
    li = await User.get(username="rep.li")
    assert (li.external_id, li.email, li.version) == ("E-1002", "li@example.cn", 2)
    assert (await User.get(username="fin.wu")).department_id is None
    summary = await AuditEvent.get(object_type="import", object_id=job.id)
    assert summary.changes["created"] == [None, 2]
    # the same file again changes nothing
    again = await imports.start_import(org["admin"], data, "人员.csv", "users")
    assert (again.status, again.created_count, again.updated_count) == ("succeeded", 0, 0)
    assert (await User.get(username="rep.li")).version == 2


async def test_english_headers_in_xlsx(org: dict[str, Principal]) -> None:
    data = xlsx_bytes([
        ["Employee ID", "Username", "Name", "Role", "Department", "Status"],
        [1001, "mkt.he", "何敏", "marketing", "east", "active"],
        [1002, "dir.sun", "孙总监", "DIRECTOR", None, "active"],
    ])
    job = await imports.start_import(org["admin"], data, "people.xlsx", "users")
    assert job.status == "succeeded", job.problems
    assert (await User.get(username="mkt.he")).external_id == "1001"
    assert (await User.get(username="dir.sun")).external_id == "1002"


async def test_the_dry_run_reports_every_problem_and_writes_nothing(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    await make_customer(owner="rep.li")
    await make_customer(owner="rep.wang")
    data = csv_bytes(
        HR,
        "E-1,Bad Name,甲,销售专员,east,,休假",
        "E-2,rep.new,,实习生,north,not-mail,在职",
        "E-3,rep.two,乙,销售专员,,,在职",
        "E-4,rep.li,李娜,销售专员,east,,离职",
        "E-5,rep.wang,王强,市场专员,east,,在职",
        "E-5,rep.six,丙,总监,,,在职",
    )
    job = await imports.start_import(org["admin"], data, "人员.csv", "users", dry_run=True)
    assert job.status == "failed"
    assert [(p["row"], p["column"], p["value"]) for p in job.problems] == [
        (2, "账号", "Bad Name"), (2, "在职状态", "休假"),
        (3, "姓名", None), (3, "岗位", "实习生"), (3, "邮箱", "not-mail"), (3, "部门", "north"),
        (4, "部门", None),
        (5, "在职状态", None),
        (6, "岗位", "marketing"),
        (7, "工号", "E-5"),
    ]
    assert job.problems[6]["problem"] == "sales staff need a department"
    assert "userDeactivate" in job.problems[7]["problem"]
    assert "customers and follow-ups are held by sales staff" in job.problems[8]["problem"]
    assert not await User.filter(username__in=["rep.new", "rep.two", "rep.six"]).exists()
    assert (await User.get(username="rep.li")).active


async def test_a_person_who_left_and_holds_nothing_is_deactivated(
    org: dict[str, Principal],
) -> None:
    job = await imports.start_import(org["admin"], csv_bytes(
        "账号,姓名,岗位,状态", "fin.qian,钱会计,财务,离职"), "人员.csv", "users")
    assert job.status == "succeeded", job.problems
    assert not (await User.get(username="fin.qian")).active


@pytest.mark.parametrize("role", ["mgr.east", "mkt.chen", "rep.li", "dir.sun"])
async def test_only_admins_import_users(org: dict[str, Principal], role: str) -> None:
    with pytest.raises(Forbidden):
        await imports.start_import(org[role], csv_bytes("账号,姓名,岗位", "x.y,某,财务"),
                                   "人员.csv", "users")
    assert not await User.filter(username="x.y").exists()
