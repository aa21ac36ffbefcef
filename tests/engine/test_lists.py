"""Scoped, filtered, cursor-paginated lists: the scope is SQL, never a post-filter."""

from __future__ import annotations

from datetime import date

import pytest

from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.services import customers, follow_ups
from tests.conftest import CustomerFactory


@pytest.fixture
async def spread(make_customer: CustomerFactory) -> dict[str, list[int]]:
    """Two customers per rep (east: li, wang; west: zhao), one of each qualified."""
    ids: dict[str, list[int]] = {}
    for owner in ("rep.li", "rep.wang", "rep.zhao"):
        for i in range(2):
            c = await make_customer(owner=owner, name=f"{owner} 客户{i}",
                                    industry="制造业" if i == 0 else "互联网",
                                    sources=["referral"] if i == 0 else ["trade_show"])
            if i == 1:
                await customers.advance_stage(await _principal(owner), c.id, "qualify")
            ids.setdefault(owner, []).append(c.id)
    return ids


async def _principal(username: str) -> Principal:
    from engine.services import org

    p = await org.principal_for_username(username)
    assert p is not None
    return p


async def _names(actor: Principal, flt: customers.CustomerFilter | None = None) -> set[str]:
    page = await customers.list_(actor, flt or customers.CustomerFilter(), first=100, after=None)
    return {c.name for c in page.items}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("rep.li", {"rep.li"}),
        ("rep.zhao", {"rep.zhao"}),
        ("mgr.east", {"rep.li", "rep.wang"}),
        ("mgr.west", {"rep.zhao"}),
        ("mkt.chen", {"rep.li", "rep.wang", "rep.zhao"}),
        ("dir.sun", {"rep.li", "rep.wang", "rep.zhao"}),
        ("fin.qian", {"rep.li", "rep.wang", "rep.zhao"}),
        ("admin", {"rep.li", "rep.wang", "rep.zhao"}),
    ],
)
async def test_scope(org: dict[str, Principal], spread: dict[str, list[int]], who: str,
                     sees: set[str]) -> None:
    names = await _names(org[who])
    assert names == {f"{o} 客户{i}" for o in sees for i in range(2)}
    page = await customers.list_(org[who], customers.CustomerFilter(), first=1, after=None)
    assert await page.count() == 2 * len(sees)


async def test_filters(org: dict[str, Principal], spread: dict[str, list[int]]) -> None:
    admin = org["admin"]
    assert await _names(admin, customers.CustomerFilter(stages=["intent"])) == {
        "rep.li 客户1", "rep.wang 客户1", "rep.zhao 客户1"}
    assert await _names(admin, customers.CustomerFilter(owner_username="rep.wang")) == {
        "rep.wang 客户0", "rep.wang 客户1"}
    assert await _names(admin, customers.CustomerFilter(owner_username="ghost")) == set()
    assert await _names(admin, customers.CustomerFilter(industry="互联网", stages=["intent"])) \
        == {"rep.li 客户1", "rep.wang 客户1", "rep.zhao 客户1"}
    assert await _names(admin, customers.CustomerFilter(sources=["referral"])) == {
        "rep.li 客户0", "rep.wang 客户0", "rep.zhao 客户0"}
    assert await _names(admin, customers.CustomerFilter(search="zhao")) == {
        "rep.zhao 客户0", "rep.zhao 客户1"}
    # filters narrow the scope, never widen it
    assert await _names(org["rep.li"], customers.CustomerFilter(owner_username="rep.zhao")) \
        == set()
    first = await customers.list_(admin, customers.CustomerFilter(), first=1, after=None)
    code = first.items[0].code
    assert await _names(admin, customers.CustomerFilter(search=code[:12])) >= {
        first.items[0].name}


async def test_cursor_pagination_walks_every_row_once(
    org: dict[str, Principal], spread: dict[str, list[int]]
) -> None:
    for order in ("created_desc", "created_asc", "name_asc", "updated_desc"):
        seen: list[int] = []
        after = None
        while True:
            page = await customers.list_(org["admin"], customers.CustomerFilter(order=order),
                                         first=4, after=after)
            seen.extend(c.id for c in page.items)
            if not page.has_next:
                break
            after = page.end_cursor
        assert sorted(seen) == sorted(i for ids in spread.values() for i in ids), order
        assert len(seen) == len(set(seen))


@pytest.mark.parametrize("first", [0, 101, -1])
async def test_page_size_is_bounded(org: dict[str, Principal], first: int) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await customers.list_(org["admin"], customers.CustomerFilter(), first=first, after=None)
    assert caught.value.field == "first"


async def test_bad_cursor_is_a_validation_error(org: dict[str, Principal]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await customers.list_(org["admin"], customers.CustomerFilter(), first=5,
                              after="not-a-cursor")
    assert caught.value.field == "after"


async def test_follow_up_scope_and_filters(
    org: dict[str, Principal], spread: dict[str, list[int]]
) -> None:
    for owner, ids in spread.items():
        for cid in ids:
            await follow_ups.create(org[owner], follow_ups.FollowUpInput(
                customer_id=cid, customer_code=None, method="phone", summary="s",
                feedback="neutral", next_action="a", due_date=date(2099, 1, 1)))

    async def count(who: str, flt: follow_ups.FollowUpFilter | None = None) -> int:
        page = await follow_ups.list_(org[who], flt or follow_ups.FollowUpFilter(),
                                      first=100, after=None)
        return len(page.items)

    assert await count("rep.li") == 2
    assert await count("mgr.east") == 4
    assert await count("dir.sun") == 6
    assert await count("mkt.chen") == 0  # marketing has no follow-up scope at all
    assert await count("fin.qian") == 0
    assert await count("admin", follow_ups.FollowUpFilter(stages=["intent"])) == 3
    assert await count("admin", follow_ups.FollowUpFilter(owner_username="rep.zhao")) == 2
    assert await count("admin", follow_ups.FollowUpFilter(statuses=["done"])) == 0
    assert await count("mgr.east", follow_ups.FollowUpFilter(search="rep.wang")) == 2
