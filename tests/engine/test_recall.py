"""RFM recall batches: follow-ups for the owners, scoped, idempotent, audited; the outcome.

The shop is test_rfm's (six customers scored on 2026-07-31): recall segments P8
(cant_lose, rep.wang, east) and P2 (at_risk, rep.li, east); loyal P1 (rep.li, east) and
P4 (rep.zhao, west). The clock stands on that day, so the standing window is used.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Forbidden, NotFound, ValidationFailed
from engine.models import AuditEvent, Customer, Deadline, FollowUp, RecallBatch, RecallEntry
from engine.services import customers, follow_ups, recall, rfm
from tests.conftest import CustomerFactory
from tests.engine.test_rfm import TODAY, open_shop

DUE = date(2026, 8, 7)


@pytest.fixture
async def shop(org: dict[str, Principal], make_customer: CustomerFactory) -> dict[str, int]:
    return await open_shop(org, make_customer)


def _ask(**fields: Any) -> recall.RecallInput:
    return recall.RecallInput(**({"next_action": "推送个性化优惠券并电话回访", "due_date": DUE}
                                 | fields))


async def _entries(batch: RecallBatch) -> dict[int, RecallEntry]:
    return {e.customer_id: e for e in await RecallEntry.filter(batch_id=batch.id)}


async def test_a_recall_makes_follow_ups_for_the_owners(
        org: dict[str, Principal], shop: dict[str, int]) -> None:
    with clock.frozen(TODAY):
        # when marketing recalls the recall segments
        batch = await recall.create(org["mkt.chen"], _ask(method="sms"))
    # then the two recall customers, most valuable first, each get a follow-up for the owner
    assert (batch.size, batch.skipped, batch.segments) == (2, 0, ["cant_lose", "at_risk"])
    assert batch.code.startswith("ZH20260731")
    entries = await _entries(batch)
    assert set(entries) == {shop["P8"], shop["P2"]}
    p8 = entries[shop["P8"]]
    assert (p8.segment, p8.r_score, p8.f_score, p8.m_score, p8.window_cents) == (
        "cant_lose", 1, 3, 5, 1_800_000)
    f = await FollowUp.get(id=p8.follow_up_id)
    assert (f.assignee_id, f.created_by_id, f.method, f.feedback, f.status, f.next_action) == (
        org["rep.wang"].id, org["mkt.chen"].id, "sms", "neutral", "pending",
        "推送个性化优惠券并电话回访")
    assert f.summary == f"RFM召回 {batch.code}：重要挽回客户（RFM 135）"
    assert f.follow_up_date == date(2026, 7, 31)
    # the deadline escalates like any follow-up's; no contact yet, so last follow-up is kept
    deadline = await Deadline.get(kind="follow_up", object_id=f.id)
    assert deadline.due_at == f.due_at and deadline.owner_id == org["rep.wang"].id
    assert (await Customer.get(id=shop["P8"])).last_follow_up_date is None
    # audited: the batch, and every follow-up
    event = await AuditEvent.get(object_type="recall_batch", object_id=batch.id)
    assert (event.action, event.actor_name, event.changes["size"]) == (
        "create", "mkt.chen", [None, 2])
    assert await AuditEvent.filter(object_type="follow_up", action="create").count() == 2


async def test_scoped_to_what_the_caller_may_act_on(
        org: dict[str, Principal], shop: dict[str, int]) -> None:
    with clock.frozen(TODAY):
        west = await recall.create(org["mgr.west"], _ask(segment="loyal"))
        assert set(await _entries(west)) == {shop["P4"]}
        mine = await recall.create(org["rep.li"], _ask(segment="loyal"))
        assert set(await _entries(mine)) == {shop["P1"]}
        # a customer outside the caller's scope is named, nothing is written
        before = await FollowUp.all().count()
        with pytest.raises(ValidationFailed) as err:
            await recall.create(org["mgr.east"], _ask(segment="lost",
                                                      customer_ids=[shop["P5"]]))
        assert (err.value.field, err.value.rule) == ("customer_ids.0", "not_in_list")
        assert await FollowUp.all().count() == before
        # finance reads outcomes but starts no recall
        with pytest.raises(Forbidden):
            await recall.create(org["fin.qian"], _ask())
        assert await RecallBatch.all().count() == 2


async def test_idempotent_and_no_double_recall(org: dict[str, Principal],
                                              shop: dict[str, int]) -> None:
    with clock.frozen(TODAY):
        first = await recall.create(org["dir.sun"], _ask(idempotency_key="crm-7", limit=1))
        assert set(await _entries(first)) == {shop["P8"]}
        # the same request again: the same batch, nothing new
        again = await recall.create(org["dir.sun"], _ask(idempotency_key="crm-7", limit=1))
        assert again.id == first.id and await FollowUp.all().count() == 1
        # the same key for another request
        with pytest.raises(ValidationFailed) as err:
            await recall.create(org["dir.sun"], _ask(idempotency_key="crm-7", limit=2))
        assert (err.value.field, err.value.rule) == ("idempotency_key", "duplicate")
        # a second batch leaves out P8, who still has an open recall follow-up
        second = await recall.create(org["dir.sun"], _ask())
        assert (second.size, second.skipped) == (1, 1)
        assert set(await _entries(second)) == {shop["P2"]}
        # nobody left to recall
        with pytest.raises(ValidationFailed) as empty:
            await recall.create(org["dir.sun"], _ask())
        assert (empty.value.field, empty.value.rule) == ("segment", "empty")
        # once P8's follow-up is done, P8 may be recalled again
        p8 = (await _entries(first))[shop["P8"]]
        await follow_ups.complete(org["rep.wang"], p8.follow_up_id)
        third = await recall.create(org["dir.sun"], _ask())
        assert set(await _entries(third)) == {shop["P8"]}


@pytest.mark.parametrize(("fields", "field", "rule"), [
    ({"next_action": " "}, "next_action", "required"),
    ({"next_action": "x" * 201}, "next_action", "max_length"),
    ({"due_date": None}, "due_date", "required"),
    ({"due_date": date(2026, 7, 30)}, "due_date", "not_past"),
    ({"method": "pigeon"}, "method", "choice"),
    ({"segment": "vip"}, "segment", "choice"),
    ({"limit": 0}, "limit", "range"),
    ({"limit": 501}, "limit", "range"),
    ({"customer_ids": list(range(1, 502))}, "customer_ids", "max_items"),
    ({"customer_ids": [1, 1]}, "customer_ids", "duplicate"),
    ({"idempotency_key": "k" * 101}, "idempotency_key", "max_length"),
])
async def test_bad_input_is_named(org: dict[str, Principal], shop: dict[str, int],
                                  fields: dict[str, Any], field: str, rule: str) -> None:
    with clock.frozen(TODAY), pytest.raises(ValidationFailed) as err:
        await recall.create(org["dir.sun"], _ask(**fields))
    assert (err.value.field, err.value.rule) == (field, rule)
    assert await RecallBatch.all().count() == 0


async def test_outcome_reactivated_within_n_days(org: dict[str, Principal],
                                                shop: dict[str, int]) -> None:
    with clock.frozen(TODAY) as advance:
        batch = await recall.create(org["dir.sun"], _ask(segment="loyal"))  # P1, P4
        loyal = await recall.create(org["dir.sun"], _ask())  # P8, P2
        advance(timedelta(days=10))
        # P2 ordered again on day 5, P4 on day 40 (too late for 30 days), P8 not at all
        await rfm.record_order(org["rep.li"], rfm.OrderInput(
            customer_id=shop["P2"], order_date=date(2026, 8, 5), amount="880.00"))
        p2 = (await _entries(loyal))[shop["P2"]]
        await follow_ups.complete(org["rep.li"], p2.follow_up_id)
        advance(timedelta(days=40))
        await rfm.record_order(org["rep.zhao"], rfm.OrderInput(
            customer_id=shop["P4"], order_date=date(2026, 9, 9), amount="100.00"))
        got = await recall.outcome(org["dir.sun"], loyal.id)
        assert (got.recalled, got.contacted, got.reactivated, got.revenue, got.rate,
                got.within_days, got.window_ends_on, got.complete) == (
            2, 1, 1, Decimal("880.00"), Decimal("0.5000"), 30, date(2026, 8, 30), True)
        late = await recall.outcome(org["dir.sun"], batch.id)
        assert (late.recalled, late.reactivated, late.rate) == (2, 0, Decimal("0.0000"))
        wide = await recall.outcome(org["dir.sun"], batch.id, within_days=60)
        assert (wide.reactivated, wide.revenue, wide.complete) == (1, Decimal("100.00"), False)
        # scoped: rep.li sees P2 only, rep.zhao the loyal batch's P4 only
        assert (await recall.outcome(org["rep.li"], loyal.id)).recalled == 1
        with pytest.raises(NotFound):
            await recall.outcome(org["rep.zhao"], loyal.id)
        assert [b.id for b in (await recall.list_(org["rep.zhao"], first=10, after=None)
                               ).items] == [batch.id]
        assert [b.id for b in (await recall.list_(org["fin.qian"], first=10, after=None)
                               ).items] == [loyal.id, batch.id]
        # per customer: the first order on or after the recall day
        page = await recall.entries(org["dir.sun"], loyal.id, first=10, after=None)
        assert [(v.customer.id, v.first_order_after) for v in page.items] == [
            (shop["P8"], None), (shop["P2"], date(2026, 8, 5))]
        with pytest.raises(ValidationFailed) as err:
            await recall.outcome(org["dir.sun"], loyal.id, within_days=0)
        assert err.value.field == "within_days"


async def test_outcome_rate_is_null_without_recalled_customers(
        org: dict[str, Principal], shop: dict[str, int]) -> None:
    with clock.frozen(TODAY):
        # given rep.li's own recall of P2, whom the admin then gives to rep.zhao (west)
        batch = await recall.create(org["rep.li"], _ask(segment="at_risk"))
        await customers.reassign(org["admin"], shop["P2"], "rep.zhao")
        # then rep.li still sees the batch they made, with nobody left in their scope
        got = await recall.outcome(org["rep.li"], batch.id)
        assert (got.recalled, got.rate, got.rate_reason, got.scope) == (
            0, None, "no recalled customer in your scope", "own")
        # and someone who neither made it nor sees its customers does not see it at all
        with pytest.raises(NotFound):
            await recall.outcome(org["mgr.east"], batch.id)
        assert (await recall.outcome(org["mgr.west"], batch.id)).recalled == 1


async def test_rfm_then_rate_matches_a_seed_like_recall(
        org: dict[str, Principal], make_customer: CustomerFactory) -> None:
    # given 25 dormant, once valuable customers, recalled; 3 order again: 12 %
    with clock.frozen(datetime(2026, 7, 31, 12, tzinfo=ZoneInfo("Asia/Shanghai"))) as advance:
        ids = []
        for i in range(25):
            c = await make_customer(owner="rep.li")
            ids.append(c.id)
            for k in range(4):
                await rfm.record_order(org["rep.li"], rfm.OrderInput(
                    customer_id=c.id, order_date=date(2024, 12, 1) + timedelta(days=k),
                    amount=f"{1000 + i}"))
        for _ in range(25):  # and recent small buyers, so the first ones rank low on R
            c = await make_customer(owner="rep.li")
            await rfm.record_order(org["rep.li"], rfm.OrderInput(
                customer_id=c.id, order_date=date(2026, 7, 1), amount="10"))
        batch = await recall.create(org["rep.li"], _ask(limit=500))
        assert batch.size == 25
        advance(timedelta(days=3))
        for cid in ids[:3]:
            await rfm.record_order(org["rep.li"], rfm.OrderInput(
                customer_id=cid, order_date=date(2026, 8, 2), amount="99"))
        got = await recall.outcome(org["rep.li"], batch.id)
    assert (got.recalled, got.reactivated, got.rate) == (25, 3, Decimal("0.1200"))
