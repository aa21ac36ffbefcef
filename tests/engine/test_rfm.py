"""RFM scores, segments, the recall list and orders, on the real database.

Six customers have orders in the two years to 2026-07-31 (one more only before, one
none). With n = 6 scored customers, score = 1 + ⌊5 × (rank − 1) ÷ 6⌋, so ranks 1…6 give
1, 1, 2, 3, 4, 5 — worked out by hand below.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from itertools import product
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Forbidden, NotFound, ValidationFailed
from engine.models import AuditEvent, CustomerOrder
from engine.services import rfm
from tests.conftest import CustomerFactory

AS_OF = date(2026, 7, 31)
TODAY = datetime(2026, 7, 31, 12, tzinfo=ZoneInfo("Asia/Shanghai"))

ORDERS: dict[str, tuple[str, list[tuple[date, str]]]] = {
    "P1": ("rep.li", [(date(2026, 7, 20), "500"), (date(2026, 6, 1), "300"),
                      (date(2026, 3, 1), "200")]),
    "P2": ("rep.li", [(date(2025, 1, 10), "5000"), (date(2024, 12, 1), "4000"),
                      (date(2024, 10, 1), "3000"), (date(2024, 9, 1), "2000")]),
    "P3": ("rep.wang", [(date(2026, 7, 30), "100")]),
    "P4": ("rep.zhao", [(date(2025, 6, 15), "800"), (date(2025, 5, 15), "700")]),
    "P5": ("rep.zhao", [(date(2024, 8, 15), "50")]),
    "P8": ("rep.wang", [(date(2024, 9, 10), "6000"), (date(2024, 9, 20), "6000"),
                        (date(2024, 10, 1), "6000")]),
    "P6": ("rep.li", [(date(2024, 7, 1), "9999")]),  # before the window
    "P7": ("rep.li", []),  # never ordered
}
# (R, F, M, segment) worked out by hand; see the module docstring
EXPECTED = {
    "P1": (4, 3, 2, "loyal"), "P2": (2, 5, 4, "at_risk"),
    "P3": (5, 1, 1, "potential_loyalists"), "P4": (3, 2, 3, "loyal"),
    "P5": (1, 1, 1, "lost"), "P8": (1, 3, 5, "cant_lose"),
}


async def open_shop(org: dict[str, Principal], make_customer: CustomerFactory
                    ) -> dict[str, int]:
    """The customers of ORDERS with their orders, made on TODAY; ids by key (also used by
    the recall tests)."""
    ids: dict[str, int] = {}
    with clock.frozen(TODAY):
        for key, (owner, orders) in ORDERS.items():
            customer = await make_customer(owner=owner, name=f"客户 {key}")
            ids[key] = customer.id
            for day, amount in orders:
                await rfm.record_order(org[owner], rfm.OrderInput(
                    customer_id=customer.id, order_date=day, amount=amount))
    return ids


@pytest.fixture
async def shop(org: dict[str, Principal], make_customer: CustomerFactory) -> dict[str, int]:
    return await open_shop(org, make_customer)


def _figures(r: rfm.Rfm) -> tuple[int, int, int, str]:
    return (r.r_score, r.f_score, r.m_score, r.segment)


async def test_scores_and_segments_by_hand(org: dict[str, Principal],
                                           shop: dict[str, int]) -> None:
    director = org["dir.sun"]
    for key, expected in EXPECTED.items():
        result = await rfm.customer_rfm(director, shop[key], as_of=AS_OF)
        assert result is not None
        assert _figures(result) == expected, key
    p2 = await rfm.customer_rfm(director, shop["P2"], as_of=AS_OF)
    assert p2 is not None
    assert (p2.last_order_date, p2.recency_days, p2.frequency, p2.monetary, p2.fm_score,
            p2.code) == (date(2025, 1, 10), (AS_OF - date(2025, 1, 10)).days, 4,
                         Decimal("14000.00"), 5, "254")
    # no order in the window: no scores (not a fake 1-1-1)
    assert await rfm.customer_rfm(director, shop["P6"], as_of=AS_OF) is None
    assert await rfm.customer_rfm(director, shop["P7"], as_of=AS_OF) is None


async def test_scores_do_not_depend_on_who_asks_but_visibility_does(
        org: dict[str, Principal], shop: dict[str, int]) -> None:
    mine = await rfm.customer_rfm(org["rep.li"], shop["P2"], as_of=AS_OF)
    assert mine is not None and _figures(mine) == EXPECTED["P2"]
    with pytest.raises(NotFound):
        await rfm.customer_rfm(org["rep.wang"], shop["P2"], as_of=AS_OF)
    with pytest.raises(NotFound):
        await rfm.customer_rfm(org["mgr.west"], shop["P2"], as_of=AS_OF)


async def test_window_and_reference_day(org: dict[str, Principal], shop: dict[str, int]
                                        ) -> None:
    director = org["dir.sun"]
    # a longer window takes P6's old order in; orders after as_of never count
    wide = await rfm.customer_rfm(director, shop["P6"], as_of=AS_OF, window_days=800)
    assert wide is not None and (wide.frequency, wide.monetary) == (1, Decimal("9999.00"))
    earlier = await rfm.customer_rfm(director, shop["P1"], as_of=date(2026, 6, 30))
    assert earlier is not None
    assert (earlier.frequency, earlier.monetary, earlier.recency_days) == (
        2, Decimal("500.00"), 29)
    with pytest.raises(ValidationFailed) as err:
        await rfm.segments(director, as_of=AS_OF, window_days=0)
    assert err.value.field == "window_days"


async def test_segment_summary_per_scope(org: dict[str, Principal], shop: dict[str, int]
                                         ) -> None:
    def view(s: rfm.Segments) -> dict[str, Any]:
        return {x.segment.key: (x.customers, x.monetary) for x in s.segments if x.customers}

    director = await rfm.segments(org["dir.sun"], as_of=AS_OF)
    assert (director.scope, director.customers, director.monetary) == (
        "all", 6, Decimal("34650.00"))
    assert view(director) == {
        "loyal": (2, Decimal("2500.00")), "potential_loyalists": (1, Decimal("100.00")),
        "cant_lose": (1, Decimal("18000.00")), "at_risk": (1, Decimal("14000.00")),
        "lost": (1, Decimal("50.00"))}
    loyal = next(x for x in director.segments if x.segment.key == "loyal")
    recency = ((AS_OF - date(2026, 7, 20)).days + (AS_OF - date(2025, 6, 15)).days)
    assert (loyal.share, loyal.average_frequency, loyal.average_recency_days) == (
        Decimal("0.3333"), Decimal("2.50"), (Decimal(recency) / 2).quantize(Decimal("0.01")))
    assert [x.segment.key for x in director.segments] == list(rfm.SEGMENT_KEYS)
    empty = next(x for x in director.segments if x.segment.key == "champions")
    assert (empty.customers, empty.share, empty.average_recency_days) == (
        0, Decimal("0.0000"), None)
    assert view(await rfm.segments(org["rep.li"], as_of=AS_OF)) == {
        "loyal": (1, Decimal("1000.00")), "at_risk": (1, Decimal("14000.00"))}
    assert view(await rfm.segments(org["mgr.east"], as_of=AS_OF)) == {
        "loyal": (1, Decimal("1000.00")), "at_risk": (1, Decimal("14000.00")),
        "potential_loyalists": (1, Decimal("100.00")), "cant_lose": (1, Decimal("18000.00"))}
    assert view(await rfm.segments(org["mgr.west"], as_of=AS_OF)) == {
        "loyal": (1, Decimal("1500.00")), "lost": (1, Decimal("50.00"))}
    nothing = await rfm.segments(org["dir.sun"], as_of=date(2020, 1, 1))
    assert (nothing.customers, nothing.segments[0].share) == (0, None)


async def test_recall_list_most_valuable_first_paginated(
        org: dict[str, Principal], shop: dict[str, int]) -> None:
    director = org["dir.sun"]
    page = await rfm.recall_list(director, as_of=AS_OF, first=1)
    assert [e.customer.id for e in page.items] == [shop["P8"]]
    assert page.has_next and await page.count() == 2
    assert _figures(page.items[0].rfm) == EXPECTED["P8"]
    rest = await rfm.recall_list(director, as_of=AS_OF, first=1, after=page.end_cursor)
    assert [e.customer.id for e in rest.items] == [shop["P2"]]
    assert not rest.has_next and rest.has_previous
    # scoped like the customer list
    assert [e.customer.id for e in (await rfm.recall_list(org["rep.li"], as_of=AS_OF)).items
            ] == [shop["P2"]]
    west = await rfm.recall_list(org["mgr.west"], as_of=AS_OF)
    assert west.items == [] and await west.count() == 0
    # any one segment on request
    lost = await rfm.recall_list(director, as_of=AS_OF, segment="lost")
    assert [e.customer.id for e in lost.items] == [shop["P5"]]
    with pytest.raises(ValidationFailed) as err:
        await rfm.recall_list(director, as_of=AS_OF, segment="vip")
    assert err.value.field == "segment"
    with pytest.raises(ValidationFailed) as err:
        await rfm.recall_list(director, as_of=AS_OF, after="garbage")
    assert err.value.field == "after"


def test_segment_grid_covers_every_cell_once_in_order() -> None:
    cells = {(r, fm): rfm.segment_of(r, fm) for r, fm in product(range(1, 6), repeat=2)}
    assert len(cells) == 25
    assert cells[(5, 5)] == "champions" and cells[(1, 5)] == "cant_lose"
    assert cells[(2, 3)] == "at_risk" and cells[(1, 1)] == "lost"
    assert set(cells.values()) == set(rfm.SEGMENT_KEYS)
    assert rfm.RECALL_SEGMENTS == ("cant_lose", "at_risk")


# -- orders ----------------------------------------------------------------------------


def _order(customer_id: int, **fields: Any) -> rfm.OrderInput:
    data: dict[str, Any] = {"customer_id": customer_id, "order_date": date(2026, 7, 1),
                            "amount": "1280.50"} | fields
    return rfm.OrderInput(**data)


async def test_record_order_audited(org: dict[str, Principal], make_customer: CustomerFactory,
                                    make_campaign: Any) -> None:
    campaign = await make_campaign()
    with clock.frozen(TODAY):
        customer = await make_customer()
        order = await rfm.record_order(org["rep.li"], _order(
            customer.id, channel="douyin", campaign_id=campaign.id, product=" 产品A ",
            external_id="ERP-1"))
    row = await CustomerOrder.get(id=order.id)
    assert (row.customer_id, row.order_date, row.amount, row.channel, row.campaign_id,
            row.product, row.external_id) == (customer.id, date(2026, 7, 1),
                                              Decimal("1280.50"), "douyin", campaign.id,
                                              "产品A", "ERP-1")
    event = await AuditEvent.filter(object_type="customer", object_id=customer.id,
                                    action="order_recorded").get()
    assert event.actor_name == "rep.li"
    assert event.changes[f"order.{order.id}.amount"] == [None, "1280.50"]
    # the same external id with the same values: the same order, nothing new
    with clock.frozen(TODAY):
        again = await rfm.record_order(org["rep.li"], _order(
            customer.id, channel="douyin", campaign_id=campaign.id, product="产品A",
            external_id="ERP-1"))
        assert again.id == order.id
        with pytest.raises(ValidationFailed) as err:
            await rfm.record_order(org["rep.li"], _order(customer.id, amount="1",
                                                         external_id="ERP-1"))
    assert (err.value.field, err.value.rule) == ("external_id", "duplicate")
    assert await CustomerOrder.all().count() == 1
    assert await AuditEvent.filter(action="order_recorded").count() == 1


@pytest.mark.parametrize(("actor", "outcome"), [
    ("rep.li", "ok"), ("mgr.east", "ok"), ("admin", "ok"), ("rep.wang", NotFound),
    ("mgr.west", NotFound), ("mkt.chen", Forbidden), ("dir.sun", Forbidden),
    ("fin.qian", Forbidden),
])
async def test_who_may_record_an_order(org: dict[str, Principal],
                                       make_customer: CustomerFactory, actor: str,
                                       outcome: Any) -> None:
    with clock.frozen(TODAY):
        customer = await make_customer(owner="rep.li")
        if outcome == "ok":
            await rfm.record_order(org[actor], _order(customer.id))
            assert await CustomerOrder.filter(customer_id=customer.id).count() == 1
        else:
            with pytest.raises(outcome):
                await rfm.record_order(org[actor], _order(customer.id))
            assert await CustomerOrder.all().count() == 0
            assert await AuditEvent.filter(action="order_recorded").count() == 0


@pytest.mark.parametrize(("fields", "field", "rule"), [
    ({"amount": "0"}, "amount", "range"),
    ({"amount": "-5"}, "amount", "range"),
    ({"amount": "1.234"}, "amount", "precision"),
    ({"amount": None}, "amount", "required"),
    ({"order_date": date(2026, 8, 1)}, "order_date", "not_future"),
    ({"order_date": None}, "order_date", "required"),
    ({"channel": "fax"}, "channel", "choice"),
    ({"campaign_id": 424242}, "campaign_id", "unknown"),
    ({"product": "x" * 201}, "product", "max_length"),
])
async def test_order_validation(org: dict[str, Principal], make_customer: CustomerFactory,
                                fields: dict[str, Any], field: str, rule: str) -> None:
    with clock.frozen(TODAY):
        customer = await make_customer()
        with pytest.raises(ValidationFailed) as err:
            await rfm.record_order(org["rep.li"], _order(customer.id, **fields))
    assert (err.value.field, err.value.rule) == (field, rule)
    assert await CustomerOrder.all().count() == 0


async def test_orders_of_a_customer_newest_first(org: dict[str, Principal],
                                                 shop: dict[str, int]) -> None:
    page = await rfm.orders_of(org["rep.li"], shop["P2"], first=2, after=None)
    assert [o.order_date for o in page.items] == [date(2025, 1, 10), date(2024, 12, 1)]
    assert await page.count() == 4
    rest = await rfm.orders_of(org["rep.li"], shop["P2"], first=2, after=page.end_cursor)
    assert [o.order_date for o in rest.items] == [date(2024, 10, 1), date(2024, 9, 1)]
    assert not rest.has_next
    with pytest.raises(NotFound):
        await rfm.orders_of(org["rep.zhao"], shop["P2"], first=2, after=None)


async def test_one_customer_scores_equal_the_population_ranking(
        org: dict[str, Principal], shop: dict[str, int]) -> None:
    # customer_rfm counts who is worse; the lists rank everyone: both must agree
    director = org["dir.sun"]
    for window_days in (None, 800, 400):
        listed: dict[int, rfm.Rfm] = {}
        for key in rfm.SEGMENT_KEYS:
            page = await rfm.recall_list(director, as_of=AS_OF, window_days=window_days,
                                         segment=key, first=100)
            listed.update({e.customer.id: e.rfm for e in page.items})
        assert listed, window_days
        for customer_id in shop.values():
            one = await rfm.customer_rfm(director, customer_id, as_of=AS_OF,
                                         window_days=window_days)
            assert one == listed.get(customer_id), (window_days, customer_id)
