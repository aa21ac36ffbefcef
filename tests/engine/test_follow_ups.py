"""Follow-ups on the real database: record, complete, overdue sweep, last follow-up date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from engine import clock, escalation
from engine.authz import Principal
from engine.errors import Forbidden, NotFound, TransitionNotAllowed, ValidationFailed
from engine.models import AuditEvent, Customer, FollowUp
from engine.services import follow_ups
from tests.conftest import CustomerFactory

MONDAY_NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)  # 12:00 Asia/Shanghai


def _input(customer_id: int, **fields: object) -> follow_ups.FollowUpInput:
    data: dict[str, object] = {
        "customer_id": customer_id, "customer_code": None, "method": "phone",
        "summary": "客户询问产品A的交货周期，答复15天", "feedback": "positive",
        "next_action": "发送产品案例册", "due_date": date(2026, 11, 25),
    } | fields
    return follow_ups.FollowUpInput(**data)  # type: ignore[arg-type]


async def test_record_a_follow_up(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON):
        customer = await make_customer()
        row = await follow_ups.create(org["rep.li"], _input(customer.id,
                                                            follow_up_date=date(2026, 11, 22)))
    assert row.code == "G20261123001"
    assert row.status == "pending"
    assert row.assignee_id == org["rep.li"].id and row.created_by_id == org["rep.li"].id
    # due at the end of the working day (18:00 Shanghai = 10:00 UTC)
    assert row.due_at == datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    fresh = await Customer.get(id=customer.id)
    assert fresh.last_follow_up_date == date(2026, 11, 22)
    assert fresh.version == 2
    event = await AuditEvent.get(object_type="customer", action="follow_up_recorded")
    assert event.changes == {"last_follow_up_date": [None, "2026-11-22"]}


async def test_find_the_customer_by_code(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON):
        customer = await make_customer()
        row = await follow_ups.create(
            org["rep.li"], _input(None, customer_code=customer.code)  # type: ignore[arg-type]
        )
    assert row.customer_id == customer.id


@pytest.mark.parametrize(
    ("fields", "field", "rule"),
    [
        ({"summary": "字" * 101}, "summary", "max_length"),
        ({"summary": " "}, "summary", "required"),
        ({"next_action": ""}, "next_action", "required"),
        ({"due_date": None}, "due_date", "required"),
        ({"due_date": date(2026, 11, 20)}, "due_date", "before_follow_up"),
        ({"follow_up_date": date(2026, 11, 24)}, "follow_up_date", "not_future"),
        ({"method": "pigeon"}, "method", "choice"),
        ({"feedback": "ecstatic"}, "feedback", "choice"),
    ],
)
async def test_bad_input_names_the_field(
    org: dict[str, Principal], make_customer: CustomerFactory,
    fields: dict[str, object], field: str, rule: str,
) -> None:
    with clock.frozen(MONDAY_NOON):
        customer = await make_customer()
        with pytest.raises(ValidationFailed) as caught:
            await follow_ups.create(org["rep.li"], _input(customer.id, **fields))
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert await FollowUp.all().count() == 0
    assert (await Customer.get(id=customer.id)).last_follow_up_date is None


async def test_only_the_owner_side_may_record(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    customer = await make_customer(owner="rep.li")
    with clock.frozen(MONDAY_NOON):
        with pytest.raises(NotFound):
            await follow_ups.create(org["rep.zhao"], _input(customer.id))
        with pytest.raises(Forbidden):  # marketing sees customers but records no follow-ups
            await follow_ups.create(org["mkt.chen"], _input(customer.id))
        row = await follow_ups.create(org["mgr.east"], _input(customer.id))
    assert row.assignee_id == org["rep.li"].id and row.created_by_id == org["mgr.east"].id
    assert await FollowUp.all().count() == 1


async def test_complete_moves_the_last_follow_up_date_to_today(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        row = await follow_ups.create(org["rep.li"], _input(customer.id))
        advance(timedelta(days=2))
        done = await follow_ups.complete(org["rep.li"], row.id, note="已发送", expected_version=1)
    assert done.status == "done" and done.version == 2
    assert done.completed_by_id == org["rep.li"].id
    assert done.completed_at == MONDAY_NOON + timedelta(days=2)
    assert (await Customer.get(id=customer.id)).last_follow_up_date == date(2026, 11, 25)
    with pytest.raises(TransitionNotAllowed):
        await follow_ups.complete(org["rep.li"], row.id)
    event = await AuditEvent.get(object_type="follow_up", action="complete")
    assert (event.from_state, event.to_state, event.reason) == ("pending", "done", "已发送")


async def test_last_follow_up_date_never_moves_backwards(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON):
        customer = await make_customer()
        await follow_ups.create(org["rep.li"], _input(customer.id))
        await follow_ups.create(org["rep.li"], _input(customer.id,
                                                      follow_up_date=date(2026, 11, 10)))
    assert (await Customer.get(id=customer.id)).last_follow_up_date == date(2026, 11, 23)


async def test_due_actions_are_marked_overdue_exactly_once(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        due_soon = await follow_ups.create(org["rep.li"], _input(customer.id))
        later = await follow_ups.create(org["rep.li"], _input(customer.id,
                                                              due_date=date(2026, 11, 30)))
        done = await follow_ups.create(org["rep.li"], _input(customer.id))
        await follow_ups.complete(org["rep.li"], done.id)
        advance(timedelta(days=3))
        assert await escalation.apply_due() == 1
        assert await escalation.apply_due() == 0
    assert (await FollowUp.get(id=due_soon.id)).status == "overdue"
    assert (await FollowUp.get(id=later.id)).status == "pending"
    assert (await FollowUp.get(id=done.id)).status == "done"
    marks = await AuditEvent.filter(object_type="follow_up", action="mark_overdue")
    assert [(m.object_id, m.actor_name, m.actor_id, m.reason) for m in marks] == [
        (due_soon.id, "system", None, "escalated")
    ]
    # an overdue action can still be completed
    finished = await follow_ups.complete(org["rep.li"], due_soon.id)
    assert finished.status == "done"
