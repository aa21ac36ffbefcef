"""People sync on the real database: departmentsUpsert and usersUpsert are idempotent,
report per row, write each row on its own, refuse what would strand records."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Forbidden, ValidationFailed
from engine.models import AuditEvent, Customer, Deadline, Department, User
from engine.services import follow_ups, people
from tests.conftest import CustomerFactory

NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
D, U = people.DepartmentRow, people.UserRow


def _outcomes(results: list[people.RowResult]) -> list[tuple[str, list[str]]]:
    return [(r.outcome, r.changed) for r in results]


def _errors(results: list[people.RowResult]) -> list[tuple[int, str, str] | None]:
    return [(r.index, r.error.field, r.error.rule)
            if isinstance(r.error, ValidationFailed) else None for r in results]


async def test_departments_are_matched_by_external_id_or_code(
    org: dict[str, Principal],
) -> None:
    admin = org["admin"]
    # given / when
    first = await people.upsert_departments(admin, [
        D(code="north", name="华北销售部", external_id="HR-D-01"),
        D(code="east", name="华东销售一部"),
        D(code="west", name="华西销售部"),
    ])
    # then
    assert _outcomes(first) == [("created", []), ("changed", ["name"]), ("unchanged", [])]
    # the same batch again changes nothing and audits nothing
    events = await AuditEvent.filter(object_type="department").count()
    again = await people.upsert_departments(admin, [
        D(code="north", name="华北销售部", external_id="HR-D-01"),
        D(code="east", name="华东销售一部")])
    assert _outcomes(again) == [("unchanged", []), ("unchanged", [])]
    assert await AuditEvent.filter(object_type="department").count() == events
    # the HR key follows a renamed code
    renamed = await people.upsert_departments(admin, [
        D(code="north-1", name="华北销售部", external_id="HR-D-01")])
    assert _outcomes(renamed) == [("changed", ["code"])]
    north = await Department.get(external_id="HR-D-01")
    assert (north.code, north.version) == ("north-1", 2)
    event = await AuditEvent.filter(object_type="department", object_id=north.id) \
        .order_by("-id").first()
    assert event is not None and event.changes == {"code": ["north", "north-1"]}


async def test_a_refused_department_row_writes_nothing_and_holds_back_nothing(
    org: dict[str, Principal],
) -> None:
    results = await people.upsert_departments(org["admin"], [
        D(code="", name="无编码"),
        D(code="south", name="华南销售部"),
        D(code="south", name="华南二部"),
        D(code="east", name="华东", external_id="HR-X"),
        D(code="x" * 33, name="太长"),
    ])
    await people.upsert_departments(org["admin"], [D(code="hk", name="香港", external_id="HR-H")])
    clash = await people.upsert_departments(org["admin"], [
        D(code="east", name="华东", external_id="HR-H")])
    assert [r.outcome for r in results] == ["refused", "created", "refused", "changed",
                                            "refused"]
    assert _errors(results) == [(0, "input.0.code", "required"), None,
                                (2, "input.2.code", "duplicate"), None,
                                (4, "input.4.code", "max_length")]
    assert _errors(clash) == [(0, "input.0.code", "unique")]
    assert sorted(await Department.all().values_list("code", flat=True)) == [
        "east", "hk", "south", "west"]
    east = await Department.get(code="east")
    assert (east.name, east.external_id) == ("华东", "HR-X")


async def test_users_are_created_and_changed_idempotently(org: dict[str, Principal]) -> None:
    admin = org["admin"]
    batch = [
        U(username="Rep.Zhou", display_name="周杰", role="sales_rep", department_code="west",
          external_id="E-1001", email="zhou@example.cn"),
        U(username="rep.li", display_name="李娜", role="sales_rep", department_code="east",
          external_id="E-1002"),
        U(username="fin.wu", display_name="吴会计", role="finance", department_code=None),
    ]
    first = await people.upsert_users(admin, batch)
    assert _outcomes(first) == [("created", []), ("changed", ["external_id"]),
                                ("created", [])]
    zhou = await User.get(username="rep.zhou")
    assert (zhou.external_id, zhou.department_id, zhou.active) == (
        "E-1001", org["mgr.west"].department_id, True)
    events = await AuditEvent.filter(object_type="user").count()
    again = await people.upsert_users(admin, batch)
    assert _outcomes(again) == [("unchanged", [])] * 3
    assert await AuditEvent.filter(object_type="user").count() == events
    # HR renames the account and moves the person: matched by the employee number
    moved = await people.upsert_users(admin, [
        U(username="zhou.jie", display_name="周杰", role="sales_rep", department_code="east",
          external_id="E-1001")])
    assert _outcomes(moved) == [("changed", ["username", "department_id"])]
    fresh = await User.get(id=zhou.id)
    assert (fresh.username, fresh.department_id, fresh.email, fresh.version) == (
        "zhou.jie", org["mgr.east"].department_id, "zhou@example.cn", 2)
    event = await AuditEvent.filter(object_type="user", object_id=zhou.id).order_by(
        "-id").first()
    assert event is not None and event.action == "update" and event.reason == "people sync"


@pytest.mark.parametrize(
    ("row", "field", "rule"),
    [
        (U(username="bad name", display_name="x", role="sales_rep", department_code="east"),
         "input.0.username", "format"),
        (U(username="rep.new", display_name="", role="sales_rep", department_code="east"),
         "input.0.display_name", "required"),
        (U(username="rep.new", display_name="x", role="intern"), "input.0.role", "choice"),
        (U(username="rep.new", display_name="x", role="sales_rep"),
         "input.0.department_code", "required"),
        (U(username="rep.new", display_name="x", role="sales_rep", department_code="north"),
         "input.0.department_code", "unknown"),
        (U(username="rep.new", display_name="x", role="director", email="not-mail"),
         "input.0.email", "format"),
        (U(username="rep.new", display_name="x", role="director", external_id="E" * 101),
         "input.0.external_id", "max_length"),
        (U(username="rep.li", display_name="李娜", role="sales_rep", external_id="E-2"),
         "input.0.username", "unique"),
        (U(username="rep.wang", display_name="王强", role="sales_rep", external_id="E-3"),
         "input.0.external_id", "external_id_mismatch"),
    ],
)
async def test_a_refused_user_row_names_its_field_and_writes_nothing(
    org: dict[str, Principal], row: people.UserRow, field: str, rule: str
) -> None:
    await people.upsert_users(org["admin"], [
        U(username="e2.holder", display_name="x", role="director", external_id="E-2")])
    await User.filter(username="rep.wang").update(external_id="E-9")
    users = await User.all().order_by("id").values_list("username", "version", "external_id")
    events = await AuditEvent.all().count()
    (result,) = await people.upsert_users(org["admin"], [row])
    assert (result.outcome, _errors([result])) == ("refused", [(0, field, rule)])
    assert await User.all().order_by("id").values_list("username", "version",
                                                       "external_id") == users
    assert await AuditEvent.all().count() == events


async def test_duplicates_within_a_batch_and_its_size(org: dict[str, Principal]) -> None:
    results = await people.upsert_users(org["admin"], [
        U(username="a.one", display_name="甲", role="director", external_id="X"),
        U(username="a.one", display_name="甲", role="director"),
        U(username="a.two", display_name="乙", role="director", external_id="X"),
    ])
    assert _errors(results) == [None, (1, "input.1.username", "duplicate"),
                                (2, "input.2.external_id", "duplicate")]
    with pytest.raises(ValidationFailed) as caught:
        await people.upsert_users(org["admin"], [
            U(username=f"u{i:03d}", display_name="x", role="director") for i in range(201)])
    assert (caught.value.field, caught.value.rule) == ("input", "max_items")
    assert not await User.filter(username="u000").exists()


@pytest.mark.parametrize("role", ["mgr.east", "rep.li", "mkt.chen", "dir.sun", "fin.qian"])
async def test_only_admins_sync(org: dict[str, Principal], role: str) -> None:
    users = await User.all().count()
    with pytest.raises(Forbidden):
        await people.upsert_users(org[role], [U(username="x.y", display_name="x",
                                                role="director")])
    with pytest.raises(Forbidden):
        await people.upsert_departments(org[role], [D(code="east", name="改名")])
    assert await User.all().count() == users
    assert (await Department.get(code="east")).name == "华东销售部"


async def test_a_sync_never_strands_records(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given rep.li owns a customer; fin.qian holds nothing
    await make_customer(owner="rep.li")
    results = await people.upsert_users(org["admin"], [
        U(username="rep.li", display_name="李娜", role="sales_rep", active=False),
        U(username="fin.qian", display_name="钱会计", role="finance", active=False),
    ])
    assert _errors(results) == [(0, "input.0.active", "holds_records"), None]
    role = await people.upsert_users(org["admin"], [
        U(username="rep.li", display_name="李娜", role="marketing")])
    assert _errors(role) == [(0, "input.0.role", "owner_role")]
    li = await User.get(username="rep.li")
    assert (li.active, li.role, li.version) == (True, "sales_rep", 1)
    qian = await User.get(username="fin.qian")
    assert (qian.active, qian.deactivated_at is not None) == (False, True)
    # coming back: active again
    back = await people.upsert_users(org["admin"], [
        U(username="fin.qian", display_name="钱会计", role="finance", active=True)])
    assert _outcomes(back) == [("changed", ["active"])]
    assert (await User.get(username="fin.qian")).deactivated_at is None


async def test_userupdate_cannot_deactivate_someone_who_holds_records(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    await make_customer(owner="rep.li")
    with pytest.raises(ValidationFailed) as caught:
        await people.update_user(org["admin"], org["rep.li"].id or 0,
                                 people.UserPatch(active=False), None)
    assert (caught.value.field, caught.value.rule) == ("active", "holds_records")
    assert "1 customers" in caught.value.message and "userDeactivate" in caught.value.message
    assert (await User.get(username="rep.li")).active is True


async def test_moving_a_rep_moves_their_customers_and_escalations(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(NOON):
        customer = await make_customer(owner="rep.li")
        row = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="回访",
            feedback="neutral", next_action="报价", due_date=date(2026, 11, 25)))
    await people.upsert_users(org["admin"], [
        U(username="rep.li", display_name="李娜", role="sales_rep", department_code="west")])
    west = org["mgr.west"].department_id
    assert (await Customer.get(id=customer.id)).department_id == west
    assert (await Deadline.get(kind="follow_up", object_id=row.id)).department_id == west
