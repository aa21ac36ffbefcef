"""The precomputed standing window against the full computation, on the real database.

Property-style: random order histories (recorded one by one, imported, re-imported with
changed amounts, dates and customers) from fixed seeds; after every step the order summary
of every customer equals the aggregate of its `customer_order` rows, and once refreshed
the standing window's scores, segments and recall pages equal the full ranking's.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock, db
from engine.authz import Principal
from engine.models import CustomerOrder, CustomerOrderSummary, RfmBoundaries
from engine.services import imports, rfm, rfm_summary
from tests.conftest import CustomerFactory

ZONE = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 7, 31)
NOON = datetime(2026, 7, 31, 12, tzinfo=ZONE)
W = rfm_summary.STANDING_DAYS
OWNERS = ("rep.li", "rep.wang", "rep.zhao")


def _cents(amount: Decimal) -> int:
    return int(amount * 100)


async def _expected(as_of: date) -> dict[int, tuple[Any, ...]]:
    """Every customer's summary, summed in Python from its orders."""
    by_customer: dict[int, list[CustomerOrder]] = defaultdict(list)
    for o in await CustomerOrder.all():
        by_customer[o.customer_id].append(o)
    out = {}
    first = as_of - timedelta(days=W)
    for cid, orders in by_customer.items():
        inside = [o for o in orders if first < o.order_date <= as_of]
        out[cid] = (min(o.order_date for o in orders), max(o.order_date for o in orders),
                    len(orders), sum(_cents(o.amount) for o in orders),
                    max((o.order_date for o in inside), default=None), len(inside),
                    sum(_cents(o.amount) for o in inside))
    return out


async def _stored() -> dict[int, tuple[Any, ...]]:
    return {s.customer_id: (s.first_order_date, s.last_order_date, s.orders, s.cents,
                            s.window_last_order_date, s.window_orders, s.window_cents)
            for s in await CustomerOrderSummary.all()}


async def _assert_summaries(as_of: date) -> None:
    assert await _stored() == await _expected(as_of)


def _view(s: rfm.Segments) -> dict[str, Any]:
    return {x.segment.key: (x.customers, x.share, x.monetary, x.average_recency_days,
                            x.average_frequency) for x in s.segments}


async def _assert_standing_equals_full(org: dict[str, Principal], ids: list[int]) -> None:
    for who in ("dir.sun", "mgr.east", "rep.li", "mkt.chen"):
        actor = org[who]
        fast, slow = await rfm.segments(actor), await rfm.segments(actor, full=True)
        assert fast.computed_at is not None and slow.computed_at is None
        assert (fast.customers, fast.monetary, _view(fast)) == (
            slow.customers, slow.monetary, _view(slow)), who
        for segment in (None, "loyal", "lost"):
            pages: list[list[tuple[int, str]]] = []
            for full in (False, True):
                seen: list[tuple[int, str]] = []
                after = None
                while True:
                    page = await rfm.recall_list(actor, segment=segment, first=3, after=after,
                                                 full=full)
                    seen += [(e.customer.id, e.rfm.code) for e in page.items]
                    if not page.has_next:
                        break
                    after = page.end_cursor
                assert await page.count() == len(seen)
                pages.append(seen)
            assert pages[0] == pages[1], (who, segment)
    director = org["dir.sun"]
    for cid in ids:
        assert await rfm.customer_rfm(director, cid) == await rfm.customer_rfm(
            director, cid, full=True), cid


def _orders_csv(rows: list[tuple[str, str, date, Decimal]]) -> bytes:
    lines = ["订单编号,客户编号,下单日期,金额"]
    lines += [f"{ext},{code},{day.isoformat()},{amount}" for ext, code, day, amount in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("seed", range(6))
async def test_summary_always_equals_the_orders_and_scores_equal_the_full_ranking(
        org: dict[str, Principal], make_customer: CustomerFactory, seed: int) -> None:
    rnd = random.Random(seed)
    with clock.frozen(NOON):
        customers = [await make_customer(owner=rnd.choice(OWNERS))
                     for _ in range(rnd.randint(6, 14))]
        codes = {c.id: c.code for c in customers}
        ids = list(codes)

        def some_day() -> date:
            # three years back, with the window's edges (730 and 729 days ago) likely
            return rnd.choice([TODAY - timedelta(days=W), TODAY - timedelta(days=W - 1),
                               TODAY, TODAY - timedelta(days=rnd.randint(0, 1100))])

        def some_amount() -> Decimal:
            return Decimal(rnd.randint(1, 500_000)) / 100

        # given orders recorded one by one
        for _ in range(rnd.randint(10, 40)):
            cid = rnd.choice(ids)
            owner = next(c for c in customers if c.id == cid).owner_id
            actor = next(p for p in org.values() if p.id == owner)
            await rfm.record_order(actor, rfm.OrderInput(
                customer_id=cid, order_date=some_day(), amount=some_amount()))
            await _assert_summaries(TODAY)
        # and an import, then a re-import moving orders between customers and in time
        rows = [(f"EXT-{seed}-{i}", codes[rnd.choice(ids)], some_day(), some_amount())
                for i in range(rnd.randint(5, 30))]
        for _ in range(2):
            job = await imports.start_import(org["admin"], _orders_csv(rows), "orders.csv",
                                             "orders")
            assert job.status == "succeeded", job.problems
            await _assert_summaries(TODAY)
            rows = [(ext, codes[rnd.choice(ids)] if rnd.random() < 0.5 else code,
                     some_day(), some_amount() if rnd.random() < 0.5 else amount)
                    for ext, code, _day, amount in rows]
        # then, refreshed, the standing window answers as the full ranking does
        await rfm_summary.refresh()
        await _assert_standing_equals_full(org, ids)
        # and an order after the refresh moves its customer at once (current boundaries)
        cid = rnd.choice(ids)
        owner = next(p for p in org.values()
                     if p.id == next(c for c in customers if c.id == cid).owner_id)
        await rfm.record_order(owner, rfm.OrderInput(customer_id=cid, order_date=TODAY,
                                                     amount=Decimal("123456.78")))
        await _assert_summaries(TODAY)
        b = await rfm_summary.boundaries()
        assert b is not None
        stored = await CustomerOrderSummary.get(customer_id=cid)
        assert (stored.r_score, stored.f_score, stored.m_score) == (
            b.score("r", stored.window_last_order_date), b.score("f", stored.window_orders),
            b.score("m", stored.window_cents))


async def test_the_window_moves_with_the_day(org: dict[str, Principal],
                                             make_customer: CustomerFactory) -> None:
    # given orders on both edges of the window
    with clock.frozen(NOON) as advance:
        customers = [await make_customer(owner="rep.li") for _ in range(4)]
        for i, c in enumerate(customers):
            for age in (W - 1 - i, W - i, 3 * i):
                await rfm.record_order(org["rep.li"], rfm.OrderInput(
                    customer_id=c.id, order_date=TODAY - timedelta(days=age),
                    amount=Decimal(100 + i)))
        first = await rfm.segments(org["dir.sun"])
        assert first.customers == 4
        await _assert_summaries(TODAY)
        # when days pass (no job ran): the first call of a new day moves the window
        for days in (1, 2, 5):
            advance(timedelta(days=days))
            today = rfm_summary.today()
            fast = await rfm.segments(org["dir.sun"])
            assert fast.window.as_of == today
            assert await rfm_summary.window_day() == today
            await _assert_summaries(today)
            slow = await rfm.segments(org["dir.sun"], full=True)
            assert (fast.customers, _view(fast)) == (slow.customers, _view(slow))
            assert fast.computed_at is not None and \
                clock.local_date(fast.computed_at, ZONE) == today
        # and backwards (a clock set back): exact again
    with clock.frozen(NOON):
        assert (await rfm.segments(org["dir.sun"])).customers == 4
        await _assert_summaries(TODAY)


async def test_boundaries_are_the_rank_quintiles(org: dict[str, Principal],
                                                make_customer: CustomerFactory) -> None:
    # given 7 customers with 1…7 orders of ¥10 each, the last one day apart
    with clock.frozen(NOON):
        for n in range(1, 8):
            c = await make_customer(owner="rep.wang")
            for k in range(n):
                await rfm.record_order(org["rep.wang"], rfm.OrderInput(
                    customer_id=c.id, order_date=TODAY - timedelta(days=100 - n + k * 0),
                    amount="10"))
        b = await rfm_summary.refresh()
    # then t_k is the ⌈(k − 1)·7 ÷ 5⌉-th smallest value: ranks 2, 3, 5, 6
    assert b is not None and b.population == 7
    assert b.f == (2, 3, 5, 6)
    assert b.m == (2000, 3000, 5000, 6000)
    assert b.r == tuple(TODAY - timedelta(days=100 - r) for r in (2, 3, 5, 6))
    # so 7 customers score 1, 1, 2, 3, 3, 4, 5 — 1 + ⌊5·(rank − 1) ÷ 7⌋
    assert [b.score("f", n) for n in range(1, 8)] == [1, 1, 2, 3, 3, 4, 5]
    row = await RfmBoundaries.get(id=rfm_summary.ROW_ID)
    assert row.window_days == W and row.seconds >= 0


async def test_migration_backfill_and_rebuild(org: dict[str, Principal],
                                              make_customer: CustomerFactory) -> None:
    # given orders whose summaries were lost (a table emptied by hand)
    with clock.frozen(NOON):
        c = await make_customer(owner="rep.li")
        await rfm.record_order(org["rep.li"], rfm.OrderInput(
            customer_id=c.id, order_date=TODAY - timedelta(days=10), amount="99.90"))
        await db.connection().execute_query("DELETE FROM customer_order_summary", [])
        assert await _stored() == {}
        # when an operator rebuilds
        await rfm_summary.rebuild()
        # then the summaries are back, scored
        await _assert_summaries(TODAY)
        got = await rfm.customer_rfm(org["rep.li"], c.id)
        assert got is not None and got.monetary == Decimal("99.90")


async def test_the_job_refreshes_when_the_boundaries_are_old(
        org: dict[str, Principal], make_customer: CustomerFactory) -> None:
    from engine import jobs

    with clock.frozen(NOON) as advance:
        c = await make_customer(owner="rep.li")
        await rfm.record_order(org["rep.li"], rfm.OrderInput(
            customer_id=c.id, order_date=TODAY, amount="10"))
        assert await jobs.JOBS["rfm_refresh"]() is True  # never refreshed
        first = await rfm_summary.boundaries()
        assert first is not None
        advance(timedelta(seconds=299))
        assert await jobs.JOBS["rfm_refresh"]() is False  # younger than 300 s
        advance(timedelta(seconds=2))
        assert await jobs.JOBS["rfm_refresh"]() is True
        again = await rfm_summary.boundaries()
        assert again is not None and again.computed_at > first.computed_at
