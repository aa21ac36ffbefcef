"""Every state × event of the approval, task and exception workflows (no database)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from engine import machines
from engine.errors import GuardFailed, TransitionNotAllowed
from engine.machines import WorkflowDefinitionError

APPROVAL = {
    ("draft", "submit"): "submitted", ("rejected", "submit"): "submitted",
    ("withdrawn", "submit"): "submitted", ("submitted", "approve"): "approved",
    ("submitted", "reject"): "rejected", ("submitted", "withdraw"): "withdrawn",
    ("submitted", "revise"): "submitted", ("approved", "revise"): "submitted",
}
TASK = {
    ("not_started", "start"): "in_progress", ("in_progress", "complete"): "done",
    ("delayed", "complete"): "done", ("not_started", "mark_delayed"): "delayed",
    ("in_progress", "mark_delayed"): "delayed", ("done", "reopen"): "in_progress",
}
EXCEPTION = {
    ("reported", "acknowledge"): "acknowledged", ("acknowledged", "start_resolving"): "resolving",
    ("resolving", "resolve"): "resolved", ("resolved", "close"): "closed",
    ("resolved", "reopen"): "resolving",
}
GOOD: dict[str, Any] = {"budget_total": Decimal("1"), "comment": "c", "reason": "r",
                        "resolution": "done", "unfinished_dependencies": []}
CASES = [
    (name, table, state, event)
    for name, table in (("campaign_approval", APPROVAL), ("task_status", TASK),
                        ("exception_handling", EXCEPTION))
    for state in machines.workflow(name).states
    for event in machines.workflow(name).events
]


async def check_move(name: str, table: dict[tuple[str, str], str], state: str, event: str,
                     context: dict[str, Any]) -> None:
    """`event` from `state` leads where `table` says, or is refused naming exactly the
    events `table` allows from `state` (shared by the workflow tests)."""
    wf = machines.workflow(name)
    expected = table.get((state, event))
    if expected is None:
        with pytest.raises(TransitionNotAllowed) as caught:
            await wf.fire(state, event, **context)
        assert sorted(caught.value.allowed) == sorted(e for (s, e) in table if s == state)
    else:
        assert await wf.fire(state, event, **context) == expected


@pytest.mark.parametrize(("name", "table", "state", "event"), CASES)
async def test_every_state_and_event(name: str, table: dict[tuple[str, str], str], state: str,
                                     event: str) -> None:
    await check_move(name, table, state, event, GOOD)


@pytest.mark.parametrize(
    ("name", "state", "event", "context", "field"),
    [
        ("campaign_approval", "draft", "submit", {"budget_total": Decimal("0")}, "budget_lines"),
        ("campaign_approval", "approved", "revise", {}, "budget_lines"),
        ("campaign_approval", "submitted", "reject", {"comment": ""}, "comment"),
        ("task_status", "not_started", "start", {"unfinished_dependencies": [3]}, "depends_on"),
        ("task_status", "in_progress", "complete", {"unfinished_dependencies": [3]},
         "depends_on"),
        ("task_status", "in_progress", "mark_delayed", {}, "reason"),
        ("exception_handling", "resolving", "resolve", {"resolution": " "}, "resolution"),
        ("exception_handling", "resolved", "reopen", {}, "reason"),
    ],
)
async def test_guards(name: str, state: str, event: str, context: dict[str, Any],
                      field: str) -> None:
    with pytest.raises(GuardFailed) as caught:
        await machines.workflow(name).fire(state, event, **context)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([], "non-empty"),
        ([{"up_to": 100, "approvers": []}], "at least one role"),
        ([{"up_to": None, "approvers": ["sales_rep"]}], "cannot approve"),
        ([{"up_to": 100, "approvers": ["director"]}], "up_to: null"),
        ([{"up_to": 100, "approvers": ["director"]}, {"up_to": 50, "approvers": ["finance"]},
          {"up_to": None, "approvers": ["finance"]}], "must grow"),
        ([{"up_to": None, "approvers": ["director", "director"]}], "twice"),
        ([{"up_to": None, "approvers": ["director"]}, {"up_to": None, "approvers": ["finance"]}],
         "only the last band"),
    ],
)
def test_bad_bands_are_named(bands: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(WorkflowDefinitionError, match=message):
        machines.parse_bands(bands, "campaign_approval.yaml")


def test_shipped_bands() -> None:
    bands = machines.default_bands()
    assert [(b.up_to, b.approvers) for b in bands] == [
        (Decimal("50000"), ("sales_manager",)),
        (Decimal("200000"), ("sales_manager", "director")),
        (None, ("sales_manager", "director", "finance")),
    ]
    deadlines = machines.workflow("exception_handling").settings["deadlines"]
    assert deadlines == {"acknowledge_within": "4h", "resolve_within": "1d"}
