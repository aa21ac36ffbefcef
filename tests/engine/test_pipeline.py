"""Team and pipeline analytics on the real database, with exact figures per scope.

The scenario (July 2026, Asia/Shanghai): east has rep.li (customers A, C1, C2) and
rep.wang (C3, C4); west has rep.zhao (C5, C6). A was created in June. Each stage move and
follow-up happens at its own frozen time, so every figure below is known by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.services import customers, follow_ups, pipeline
from tests.conftest import CustomerFactory

SH = ZoneInfo("Asia/Shanghai")
JULY = (date(2026, 7, 1), date(2026, 7, 31))
WEEKS = [date(2026, 6, 29), date(2026, 7, 6), date(2026, 7, 13), date(2026, 7, 20),
         date(2026, 7, 27)]


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=SH)


@dataclass
class Scenario:
    ids: dict[str, int]


async def _move(actor: Principal, customer_id: int, event: str, when: datetime,
                **kw: Any) -> None:
    with clock.frozen(when):
        await customers.advance_stage(actor, customer_id, event, **kw)


async def _follow_up(actor: Principal, customer_id: int, contact: datetime, due: date,
                     completed: datetime | None = None) -> None:
    with clock.frozen(contact):
        row = await follow_ups.create(actor, follow_ups.FollowUpInput(
            customer_id=customer_id, customer_code=None, method="phone", summary="电话沟通",
            feedback="neutral", next_action="发送报价", due_date=due))
    if completed is not None:
        with clock.frozen(completed):
            await follow_ups.complete(actor, row.id)


@pytest.fixture
async def scenario(org: dict[str, Principal], make_customer: CustomerFactory) -> Scenario:
    li, wang, zhao = org["rep.li"], org["rep.wang"], org["rep.zhao"]
    ids: dict[str, int] = {}
    for key, owner, when in [("A", "rep.li", at(6, 20)), ("C1", "rep.li", at(7, 2, 9)),
                             ("C2", "rep.li", at(7, 3, 9)), ("C3", "rep.wang", at(7, 3, 9)),
                             ("C4", "rep.wang", at(7, 4, 9)), ("C5", "rep.zhao", at(7, 2, 9)),
                             ("C6", "rep.zhao", at(7, 5, 9))]:
        with clock.frozen(when):
            ids[key] = (await make_customer(owner=owner)).id
    await _move(li, ids["C1"], "qualify", at(7, 5))
    await _move(li, ids["C1"], "negotiate", at(7, 10))
    await _move(li, ids["C1"], "win", at(7, 20), deal_amount="1000")
    await _move(li, ids["C2"], "qualify", at(7, 6))
    await _move(li, ids["C2"], "lose", at(7, 8), reason="  选择了竞品B ")
    await _move(li, ids["A"], "qualify", at(7, 4))
    await _move(wang, ids["C3"], "qualify", at(7, 12))
    await _move(wang, ids["C4"], "lose", at(7, 5), reason="Budget Cut")
    await _move(zhao, ids["C5"], "qualify", at(7, 3))
    await _move(zhao, ids["C5"], "negotiate", at(7, 4))
    await _move(zhao, ids["C6"], "lose", at(7, 6), reason="budget cut ")
    await _move(wang, ids["C3"], "negotiate", at(8, 2))  # after the period
    # follow-ups: (who, customer, contact, due day, completed)
    await _follow_up(li, ids["C1"], at(7, 2), date(2026, 7, 6), at(7, 5))  # on time
    await _follow_up(li, ids["C2"], at(7, 3), date(2026, 7, 7), at(7, 9))  # done late
    await _follow_up(li, ids["A"], at(7, 14), date(2026, 7, 15))  # open past due
    await _follow_up(li, ids["C1"], at(7, 28), date(2026, 8, 10))  # due after July
    await _follow_up(wang, ids["C3"], at(7, 13), date(2026, 7, 31))  # not yet due
    await _follow_up(zhao, ids["C5"], at(7, 6), date(2026, 7, 8), at(7, 8, 11))  # on time
    return Scenario(ids)


def _funnel_view(f: pipeline.Funnel) -> dict[str, Any]:
    return {
        "scope": f.scope,
        "entered": {s.stage: s.entered for s in f.stages},
        "current": {s.stage: s.current for s in f.stages},
        "conversions": [(c.from_stage, c.to_stage, c.entered, c.advanced, c.rate, c.reason)
                        for c in f.conversions],
    }


async def test_funnel_director_sees_everyone(org: dict[str, Principal],
                                             scenario: Scenario) -> None:
    with clock.frozen(at(8, 5)):
        result = await pipeline.funnel(org["dir.sun"], *JULY)
    assert _funnel_view(result) == {
        "scope": "all",
        "entered": {"potential": 6, "intent": 5, "negotiation": 2, "won": 1, "lost": 3},
        "current": {"potential": 0, "intent": 1, "negotiation": 2, "won": 1, "lost": 3},
        "conversions": [
            ("potential", "intent", 6, 4, Decimal("0.6667"), None),
            ("intent", "negotiation", 5, 2, Decimal("0.4000"), None),
            ("negotiation", "won", 2, 1, Decimal("0.5000"), None),
        ],
    }
    assert (result.period.start, result.period.end) == JULY


async def test_funnel_is_scoped_manager_department_rep_own(
        org: dict[str, Principal], scenario: Scenario) -> None:
    manager = await pipeline.funnel(org["mgr.east"], *JULY)
    assert _funnel_view(manager) == {
        "scope": "department",
        "entered": {"potential": 4, "intent": 4, "negotiation": 1, "won": 1, "lost": 2},
        "current": {"potential": 0, "intent": 1, "negotiation": 1, "won": 1, "lost": 2},
        "conversions": [
            ("potential", "intent", 4, 3, Decimal("0.7500"), None),
            ("intent", "negotiation", 4, 1, Decimal("0.2500"), None),
            ("negotiation", "won", 1, 1, Decimal("1.0000"), None),
        ],
    }
    rep = await pipeline.funnel(org["rep.li"], *JULY)
    assert _funnel_view(rep) == {
        "scope": "own",
        "entered": {"potential": 2, "intent": 3, "negotiation": 1, "won": 1, "lost": 1},
        "current": {"potential": 0, "intent": 1, "negotiation": 0, "won": 1, "lost": 1},
        "conversions": [
            ("potential", "intent", 2, 2, Decimal("1.0000"), None),
            ("intent", "negotiation", 3, 1, Decimal("0.3333"), None),
            ("negotiation", "won", 1, 1, Decimal("1.0000"), None),
        ],
    }
    west = await pipeline.funnel(org["mgr.west"], *JULY)
    assert {s.stage: s.entered for s in west.stages} == {
        "potential": 2, "intent": 1, "negotiation": 1, "won": 0, "lost": 1}
    # marketing reads the whole pipeline (policy), like the director
    marketing = await pipeline.funnel(org["mkt.chen"], *JULY)
    assert marketing.scope == "all" and marketing.stages[0].entered == 6


async def test_funnel_filters(org: dict[str, Principal], scenario: Scenario) -> None:
    director = org["dir.sun"]
    by_owner = await pipeline.funnel(director, *JULY,
                                     pipeline.PipelineFilter(owner_username="rep.wang"))
    assert {s.stage: s.entered for s in by_owner.stages} == {
        "potential": 2, "intent": 1, "negotiation": 0, "won": 0, "lost": 1}
    west_id = (await customers.get(director, customer_id=scenario.ids["C5"])).department_id
    by_department = await pipeline.funnel(director, *JULY,
                                          pipeline.PipelineFilter(department_id=west_id))
    assert by_department.stages[0].entered == 2
    # a manager filtering on another department gets nothing, not the other department
    other = await pipeline.funnel(org["mgr.east"], *JULY,
                                  pipeline.PipelineFilter(department_id=west_id))
    assert all(s.entered == 0 and s.current == 0 for s in other.stages)


async def test_empty_period_gives_null_conversions_with_reasons(
        org: dict[str, Principal], scenario: Scenario) -> None:
    result = await pipeline.funnel(org["dir.sun"], date(2025, 1, 1), date(2025, 1, 31))
    assert [(c.entered, c.advanced, c.rate, c.reason) for c in result.conversions] == [
        (0, 0, None, "no customer entered potential in the period"),
        (0, 0, None, "no customer entered intent in the period"),
        (0, 0, None, "no customer entered negotiation in the period"),
    ]
    assert {s.stage: s.current for s in result.stages}["lost"] == 3  # "now" is not a period


async def test_period_and_filter_are_validated(org: dict[str, Principal]) -> None:
    director = org["dir.sun"]
    with pytest.raises(ValidationFailed) as err:
        await pipeline.funnel(director, date(2026, 7, 31), date(2026, 7, 1))
    assert (err.value.field, err.value.rule) == ("to", "range")
    with pytest.raises(ValidationFailed) as err:
        await pipeline.funnel(director, None, date(2026, 7, 1))
    assert err.value.field == "from"
    with pytest.raises(ValidationFailed) as err:
        await pipeline.funnel(director, *JULY, pipeline.PipelineFilter(owner_username="nobody"))
    assert (err.value.field, err.value.rule) == ("owner_username", "unknown")
    with pytest.raises(ValidationFailed) as err:
        await pipeline.lost_reasons(director, *JULY, pipeline.PipelineFilter(campaign_id=999))
    assert err.value.field == "campaign_id"
    with pytest.raises(ValidationFailed) as err:
        await pipeline.lost_reasons(director, *JULY, first=0)
    assert err.value.field == "first"


async def test_funnel_by_campaign(org: dict[str, Principal], make_customer: CustomerFactory,
                                  make_campaign: Any) -> None:
    campaign = await make_campaign()
    with clock.frozen(at(7, 2)):
        brought = await make_customer(source_campaign_code=campaign.code)
        await make_customer()
    await _move(org["rep.li"], brought.id, "qualify", at(7, 3))
    result = await pipeline.funnel(org["dir.sun"], *JULY,
                                   pipeline.PipelineFilter(campaign_id=campaign.id))
    first = result.conversions[0]
    assert (first.entered, first.advanced) == (1, 1)
    assert {s.stage: s.entered for s in result.stages}["potential"] == 1


async def test_lost_reasons_normalised_with_shares(
        org: dict[str, Principal], scenario: Scenario) -> None:
    director = await pipeline.lost_reasons(org["dir.sun"], *JULY)
    assert (director.scope, director.total, director.distinct) == ("all", 3, 2)
    assert [(r.reason, r.count, r.share) for r in director.reasons] == [
        ("budget cut", 2, Decimal("0.6667")), ("选择了竞品b", 1, Decimal("0.3333"))]
    assert (director.other_count, director.other_share) == (0, Decimal("0.0000"))
    top = await pipeline.lost_reasons(org["dir.sun"], *JULY, first=1)
    assert [(r.reason, r.count) for r in top.reasons] == [("budget cut", 2)]
    assert (top.total, top.distinct, top.other_count, top.other_share) == (
        3, 2, 1, Decimal("0.3333"))
    rep = await pipeline.lost_reasons(org["rep.wang"], *JULY)
    assert [(r.reason, r.count, r.share) for r in rep.reasons] == [
        ("budget cut", 1, Decimal("1.0000"))]
    none = await pipeline.lost_reasons(org["dir.sun"], date(2025, 1, 1), date(2025, 1, 2))
    assert (none.total, none.reasons, none.other_share, none.share_reason) == (
        0, [], None, "no customer was lost in the period")


def _team_view(t: pipeline.TeamPerformance) -> dict[str, Any]:
    return {r.user.username: (r.due, r.on_time, r.overdue, r.not_yet_due, r.overdue_rate,
                              [w.count for w in r.weekly], r.follow_ups, r.weekly_average)
            for r in t.reps}


async def test_team_performance_per_scope(org: dict[str, Principal],
                                          scenario: Scenario) -> None:
    with clock.frozen(at(7, 31)):
        director = await pipeline.team_performance(org["dir.sun"], *JULY)
        manager = await pipeline.team_performance(org["mgr.east"], *JULY)
        rep = await pipeline.team_performance(org["rep.li"], *JULY)
        marketing = await pipeline.team_performance(org["mkt.chen"], *JULY)
        finance = await pipeline.team_performance(org["fin.qian"], *JULY)
    li = (3, 1, 2, 0, Decimal("0.6667"), [2, 0, 1, 0, 1], 4, Decimal("0.80"))
    wang = (1, 0, 0, 1, None, [0, 0, 1, 0, 0], 1, Decimal("0.20"))
    zhao = (1, 1, 0, 0, Decimal("0.0000"), [0, 1, 0, 0, 0], 1, Decimal("0.20"))
    idle = (0, 0, 0, 0, None, [0, 0, 0, 0, 0], 0, Decimal("0.00"))
    assert director.weeks == WEEKS and director.scope == "all"
    assert _team_view(director) == {"mgr.east": idle, "mgr.west": idle, "rep.li": li,
                                    "rep.wang": wang, "rep.zhao": zhao}
    assert manager.scope == "department"
    assert _team_view(manager) == {"mgr.east": idle, "rep.li": li, "rep.wang": wang}
    assert _team_view(rep) == {"rep.li": li}
    assert (marketing.scope, marketing.reps) == ("none", [])
    assert _team_view(finance) == _team_view(director)
    wang_row = next(r for r in director.reps if r.user.username == "rep.wang")
    assert wang_row.overdue_rate_reason == (
        "no next action fell due (and was decided) in the period")
    assert [w.iso_week for w in wang_row.weekly] == [
        "2026-W27", "2026-W28", "2026-W29", "2026-W30", "2026-W31"]


async def test_team_performance_later_the_open_action_is_overdue(
        org: dict[str, Principal], scenario: Scenario) -> None:
    with clock.frozen(at(8, 3)):
        result = await pipeline.team_performance(org["mgr.east"], *JULY)
    wang = next(r for r in result.reps if r.user.username == "rep.wang")
    assert (wang.due, wang.on_time, wang.overdue, wang.not_yet_due, wang.overdue_rate) == (
        1, 0, 1, 0, Decimal("1.0000"))


async def test_team_performance_department_filter(org: dict[str, Principal],
                                                  scenario: Scenario) -> None:
    west_id = org["rep.zhao"].department_id
    with clock.frozen(at(7, 31)):
        result = await pipeline.team_performance(org["dir.sun"], *JULY, department_id=west_id)
    assert [r.user.username for r in result.reps] == ["mgr.west", "rep.zhao"]
    assert next(r for r in result.reps if r.user.username == "rep.zhao").follow_ups == 1
