"""Customer service on the real database: create, update, stages, reassignment."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from engine import clock, settings
from engine.authz import Principal
from engine.errors import (
    Conflict,
    Forbidden,
    GuardFailed,
    NotFound,
    TransitionNotAllowed,
    ValidationFailed,
)
from engine.models import AuditEvent, Customer, CustomerSourceLink, CustomerStageChange
from engine.services import custom_fields, customers
from tests.conftest import CustomerFactory

NOON_SHANGHAI = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


async def test_create_assigns_a_daily_code_and_audits(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given a fixed day in the company's time zone
    with clock.frozen(NOON_SHANGHAI):
        # when a rep creates two customers
        first = await make_customer(name="华东精密", sources=["trade_show", "referral"])
        second = await make_customer()
    # then codes are C + local date + daily sequence
    assert first.code == "C20261123001"
    assert second.code == "C20261123002"
    assert first.stage == "potential" and first.version == 1
    assert first.owner_id == org["rep.li"].id
    assert first.department_id == org["rep.li"].department_id
    links = await CustomerSourceLink.filter(customer_id=first.id).order_by("source")
    assert [s.source for s in links] == ["referral", "trade_show"]
    history = await CustomerStageChange.filter(customer_id=first.id)
    assert [(h.event, h.from_stage, h.to_stage) for h in history] == [("create", None, "potential")]
    event = await AuditEvent.get(object_type="customer", object_id=first.id)
    assert event.action == "create" and event.actor_name == "rep.li"
    assert event.to_state == "potential" and event.version == 1
    assert event.changes["name"] == [None, "华东精密"]
    assert event.changes["sources"] == [None, ["trade_show", "referral"]]


async def test_code_sequence_restarts_each_day(make_customer: CustomerFactory) -> None:
    with clock.frozen(datetime(2026, 11, 23, 15, 59, tzinfo=UTC)):  # 23:59 in Shanghai
        late = await make_customer()
    with clock.frozen(datetime(2026, 11, 23, 16, 1, tzinfo=UTC)):  # 00:01 next day
        early = await make_customer()
    assert late.code == "C20261123001"
    assert early.code == "C20261124001"


async def test_concurrent_creation_gives_unique_gapless_codes(
    make_customer: CustomerFactory,
) -> None:
    with clock.frozen(NOON_SHANGHAI):
        created = await asyncio.gather(*(make_customer() for _ in range(25)))
    codes = sorted(c.code for c in created)
    assert codes == [f"C20261123{n:03d}" for n in range(1, 26)]


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        ({"name": "  "}, "name", "required"),
        ({"name": "x" * 201}, "name", "max_length"),
        ({"contact_name": ""}, "contact_name", "required"),
        ({"needs_summary": "需" * 51}, "needs_summary", "max_length"),
        ({"contact_phone": None}, "contact_phone", "contact_required"),
        ({"contact_phone": "call me"}, "contact_phone", "format"),
        ({"contact_email": "not-an-email"}, "contact_email", "format"),
        ({"sources": []}, "sources", "required"),
        ({"sources": ["billboard"]}, "sources", "choice"),
        ({"owner_username": "nobody"}, "owner_username", "unknown_user"),
        ({"owner_username": "mkt.chen"}, "owner_username", "owner_role"),
        ({"custom_fields": {"undefined_key": 1}}, "custom_fields.undefined_key", "unknown"),
    ],
)
async def test_bad_input_names_the_field_and_saves_nothing(
    make_customer: CustomerFactory, fields: dict[str, object], field: str, rule: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await make_customer(**fields)
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert await Customer.all().count() == 0
    assert await AuditEvent.filter(object_type="customer").count() == 0


async def test_custom_fields_follow_their_definitions(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    admin = org["admin"]
    await custom_fields.define(admin, custom_fields.Definition(
        key="equipmentModel", label="设备型号", field_type="string"))
    await custom_fields.define(admin, custom_fields.Definition(
        key="maintenanceCycleDays", label="维护周期", field_type="number", required=True))
    with pytest.raises(ValidationFailed) as caught:
        await make_customer(custom_fields={"equipmentModel": "X-200"})
    assert caught.value.field == "custom_fields.maintenanceCycleDays"
    with pytest.raises(ValidationFailed) as caught:
        await make_customer(custom_fields={"maintenanceCycleDays": "soon"})
    assert caught.value.rule == "type"
    customer = await make_customer(
        custom_fields={"equipmentModel": "X-200", "maintenanceCycleDays": 90}
    )
    assert customer.custom_fields == {"equipmentModel": "X-200", "maintenanceCycleDays": "90"}
    updated = await customers.update(
        org["rep.li"], customer.id, customers.CustomerPatch(custom_fields={"equipmentModel": None}),
        expected_version=1,
    )
    assert updated.custom_fields == {"maintenanceCycleDays": "90"}


async def test_update_changes_fields_and_audits_before_after(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer(industry="制造业")
    updated = await customers.update(
        org["rep.li"], customer.id,
        customers.CustomerPatch(industry="互联网", notes="决策人为采购总监",
                                sources=["referral"]),
        expected_version=1,
    )
    assert (updated.industry, updated.notes, updated.version) == ("互联网", "决策人为采购总监", 2)
    event = await AuditEvent.filter(object_type="customer", action="update").get()
    assert event.changes == {
        "industry": ["制造业", "互联网"],
        "notes": [None, "决策人为采购总监"],
        "sources": [["trade_show"], ["referral"]],
    }
    assert event.version == 2


async def test_update_with_a_stale_version_conflicts_and_changes_nothing(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer()
    await customers.update(org["rep.li"], customer.id,
                           customers.CustomerPatch(notes="a"), expected_version=1)
    with pytest.raises(Conflict) as caught:
        await customers.update(org["rep.li"], customer.id,
                               customers.CustomerPatch(notes="b"), expected_version=1)
    assert caught.value.current_version == 2
    assert (await Customer.get(id=customer.id)).notes == "a"


async def test_clearing_the_last_contact_detail_is_refused(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer()
    with pytest.raises(ValidationFailed) as caught:
        await customers.update(org["rep.li"], customer.id,
                               customers.CustomerPatch(contact_phone=None), None)
    assert caught.value.rule == "contact_required"


async def test_full_stage_path_keeps_entry_times_history_and_audit(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    rep = org["rep.li"]
    with clock.frozen(NOON_SHANGHAI) as advance:
        customer = await make_customer()
        for event, kwargs in [
            ("qualify", {}),
            ("negotiate", {}),
            ("win", {"deal_amount": "128000.50"}),
        ]:
            advance(timedelta(days=2))
            customer = await customers.advance_stage(rep, customer.id, event, **kwargs)
    assert customer.stage == "won"
    assert customer.deal_amount == Decimal("128000.50")
    assert customer.version == 4
    assert customer.stage_entered_at == datetime(2026, 11, 29, 4, 0, tzinfo=UTC)
    history = await CustomerStageChange.filter(customer_id=customer.id).order_by("id")
    assert [(h.event, h.to_stage, h.at.day) for h in history] == [
        ("create", "potential", 23), ("qualify", "intent", 25),
        ("negotiate", "negotiation", 27), ("win", "won", 29),
    ]
    win = await AuditEvent.get(object_type="customer", action="win")
    assert (win.from_state, win.to_state, win.actor_name) == ("negotiation", "won", "rep.li")
    assert win.changes["deal_amount"] == [None, "128000.50"]
    assert win.changes["stage"] == ["negotiation", "won"]


async def test_guards_and_invalid_events_change_nothing(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    rep = org["rep.li"]
    customer = await make_customer()
    with pytest.raises(TransitionNotAllowed) as caught:
        await customers.advance_stage(rep, customer.id, "win", deal_amount="10")
    assert caught.value.allowed == ["qualify", "lose"]
    with pytest.raises(GuardFailed) as guard:
        await customers.advance_stage(rep, customer.id, "lose")
    assert guard.value.field == "reason"
    customer = await customers.advance_stage(rep, customer.id, "qualify")
    customer = await customers.advance_stage(rep, customer.id, "negotiate")
    with pytest.raises(GuardFailed) as guard:
        await customers.advance_stage(rep, customer.id, "win")
    assert guard.value.field == "deal_amount"
    with pytest.raises(ValidationFailed) as bad:
        await customers.advance_stage(rep, customer.id, "negotiate", deal_amount="5")
    assert bad.value.rule == "not_applicable"
    with pytest.raises(ValidationFailed) as bad:
        await customers.advance_stage(rep, customer.id, "fly")
    assert bad.value.field == "event"
    fresh = await Customer.get(id=customer.id)
    assert (fresh.stage, fresh.version) == ("negotiation", 3)
    assert await AuditEvent.filter(object_type="customer").count() == 3


async def test_lose_and_reactivate(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    rep = org["rep.li"]
    customer = await make_customer()
    lost = await customers.advance_stage(rep, customer.id, "lose", reason="选择了竞品B")
    assert (lost.stage, lost.lost_reason) == ("lost", "选择了竞品B")
    back = await customers.advance_stage(rep, customer.id, "reactivate", reason="重新有预算")
    assert (back.stage, back.lost_reason) == ("potential", None)
    event = await AuditEvent.get(object_type="customer", action="reactivate")
    assert event.reason == "重新有预算"


async def test_concurrent_stage_changes_one_wins_one_conflicts(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    rep = org["rep.li"]
    customer = await make_customer()
    results = await asyncio.gather(
        customers.advance_stage(rep, customer.id, "qualify", expected_version=1),
        customers.advance_stage(rep, customer.id, "lose", reason="x", expected_version=1),
        return_exceptions=True,
    )
    winners = [r for r in results if isinstance(r, Customer)]
    losers = [r for r in results if isinstance(r, Conflict)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].current_version == 2
    fresh = await Customer.get(id=customer.id)
    assert fresh.version == 2 and fresh.stage == winners[0].stage
    assert await CustomerStageChange.filter(customer_id=customer.id).count() == 2


async def test_many_concurrent_changes_without_versions_never_lose_an_update(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    rep = org["rep.li"]
    customer = await make_customer()
    results = await asyncio.gather(
        *(customers.update(rep, customer.id, customers.CustomerPatch(notes=f"n{i}"), None)
          for i in range(10)),
        return_exceptions=True,
    )
    ok = [r for r in results if isinstance(r, Customer)]
    assert all(isinstance(r, Customer | Conflict) for r in results)
    fresh = await Customer.get(id=customer.id)
    # every successful update is one version step and one audit event: none was lost
    assert fresh.version == 1 + len(ok)
    assert await AuditEvent.filter(object_type="customer", action="update").count() == len(ok)


async def test_reassign_moves_owner_department_and_open_actions(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    from engine.services import follow_ups

    customer = await make_customer(owner="rep.li")
    today = clock.local_date(clock.now(), settings.current().zone)  # the company's day
    fu = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
        customer_id=customer.id, customer_code=None, method="phone", summary="s",
        feedback="neutral", next_action="call", due_date=today))
    moved = await customers.reassign(org["admin"], customer.id, "rep.zhao")
    assert moved.owner_id == org["rep.zhao"].id
    assert moved.department_id == org["rep.zhao"].department_id
    assert moved.version == 3  # create, last follow-up date, reassign
    from engine.models import FollowUp

    assert (await FollowUp.get(id=fu.id)).assignee_id == org["rep.zhao"].id
    event = await AuditEvent.get(object_type="customer", action="reassign")
    assert event.changes["owner"] == ["rep.li", "rep.zhao"]
    assert await AuditEvent.filter(object_type="follow_up", action="reassign").count() == 1


async def test_manager_reassigns_only_within_the_department(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer(owner="rep.li")
    moved = await customers.reassign(org["mgr.east"], customer.id, "rep.wang")
    assert moved.owner_id == org["rep.wang"].id
    with pytest.raises(Forbidden):
        await customers.reassign(org["mgr.east"], customer.id, "rep.zhao")
    west = await make_customer(owner="rep.zhao")
    with pytest.raises(NotFound):
        await customers.reassign(org["mgr.east"], west.id, "rep.li")
    with pytest.raises(Forbidden):  # the owner sees it, but reps may not reassign
        await customers.reassign(org["rep.wang"], customer.id, "rep.li")
    assert (await Customer.get(id=customer.id)).owner_id == org["rep.wang"].id
    assert (await Customer.get(id=west.id)).owner_id == org["rep.zhao"].id


async def test_codes_are_case_insensitive_to_look_up(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer()
    found = await customers.get(org["rep.li"], code=customer.code.lower())
    assert found is not None and found.id == customer.id
    assert re.fullmatch(r"C\d{11}", customer.code)
