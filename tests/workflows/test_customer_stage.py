"""Every state × event of the customer stage workflow, with its guards (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine import machines
from engine.errors import GuardFailed, TransitionNotAllowed

STATES = ["potential", "intent", "negotiation", "won", "lost"]
EVENTS = ["qualify", "negotiate", "win", "lose", "reactivate"]

# (state, event) -> resulting state; anything absent is not allowed.
EXPECTED = {
    ("potential", "qualify"): "intent",
    ("potential", "lose"): "lost",
    ("intent", "negotiate"): "negotiation",
    ("intent", "lose"): "lost",
    ("negotiation", "win"): "won",
    ("negotiation", "lose"): "lost",
    ("lost", "reactivate"): "potential",
}
# What each event needs to pass its guards.
CONTEXT = {"win": {"deal_amount": Decimal("1000.00")}, "lose": {"reason": "选择了竞品"}}


@pytest.fixture(scope="module")
def wf() -> machines.Workflow:
    return machines.load()["customer_stage"]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("event", EVENTS)
async def test_every_state_and_event(wf: machines.Workflow, state: str, event: str) -> None:
    # given the state and an event with what its guards need
    expected = EXPECTED.get((state, event))
    if expected is None:
        # then a transition that does not exist is refused, naming what is allowed
        with pytest.raises(TransitionNotAllowed) as caught:
            await wf.fire(state, event, **CONTEXT.get(event, {}))
        allowed = sorted(e for (s, e) in EXPECTED if s == state)
        assert sorted(caught.value.allowed) == allowed
        assert caught.value.state == state and caught.value.event == event
    else:
        # then the workflow leads to the expected stage
        assert await wf.fire(state, event, **CONTEXT.get(event, {})) == expected


async def test_win_needs_a_positive_deal_amount(wf: machines.Workflow) -> None:
    for amount in (None, Decimal("0"), Decimal("-5")):
        with pytest.raises(GuardFailed) as caught:
            await wf.fire("negotiation", "win", deal_amount=amount)
        assert caught.value.field == "deal_amount"
        assert caught.value.rule == "deal_amount_given"


@pytest.mark.parametrize("state", ["potential", "intent", "negotiation"])
async def test_lose_needs_a_reason(wf: machines.Workflow, state: str) -> None:
    for reason in (None, "", "   "):
        with pytest.raises(GuardFailed) as caught:
            await wf.fire(state, "lose", reason=reason)
        assert caught.value.field == "reason"


def test_allowed_events_and_labels(wf: machines.Workflow) -> None:
    assert wf.initial == "potential"
    assert wf.allowed_events("potential") == ["qualify", "lose"]
    assert wf.allowed_events("won") == []
    assert [wf.label(s) for s in STATES] == ["潜在", "意向", "谈判", "成交", "流失"]


def test_machine_is_built_once_per_workflow() -> None:
    first = machines.load()
    assert machines.workflow("customer_stage") is first["customer_stage"]
    assert machines.workflow("customer_stage") is machines.workflow("customer_stage")
