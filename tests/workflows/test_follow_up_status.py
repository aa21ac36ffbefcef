"""Every state × event of the follow-up status workflow (no database)."""

from __future__ import annotations

import pytest

from engine import machines
from engine.errors import GuardFailed, TransitionNotAllowed

EXPECTED = {
    ("pending", "complete"): "done",
    ("overdue", "complete"): "done",
    ("pending", "mark_overdue"): "overdue",
}


@pytest.mark.parametrize("state", ["pending", "overdue", "done"])
@pytest.mark.parametrize("event", ["complete", "mark_overdue"])
async def test_every_state_and_event(state: str, event: str) -> None:
    wf = machines.workflow("follow_up_status")
    expected = EXPECTED.get((state, event))
    if expected is None:
        with pytest.raises(TransitionNotAllowed):
            await wf.fire(state, event, reason="escalated")
    else:
        assert await wf.fire(state, event, reason="escalated") == expected


async def test_overdue_needs_a_reason() -> None:
    with pytest.raises(GuardFailed) as caught:
        await machines.workflow("follow_up_status").fire("pending", "mark_overdue")
    assert caught.value.field == "reason"
