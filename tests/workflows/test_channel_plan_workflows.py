"""Every state × event of the channel plan's four workflows, their guards and the plan
template (no database)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from engine import ladders, machines
from engine.errors import GuardFailed
from engine.machines import WorkflowDefinitionError
from tests.workflows.test_campaign_workflows import check_move

PLAN = {
    ("draft", "start"): "active", ("active", "begin_review"): "in_review",
    ("in_review", "resume"): "active", ("in_review", "close"): "closed",
    ("draft", "cancel"): "cancelled", ("active", "cancel"): "cancelled",
}
CHANNEL = {
    ("candidate", "evaluate"): "evaluated", ("evaluated", "select"): "selected",
    ("candidate", "reject"): "rejected", ("evaluated", "reject"): "rejected",
    ("rejected", "reconsider"): "candidate", ("evaluated", "reconsider"): "candidate",
    ("selected", "start_onboarding"): "onboarding", ("onboarding", "go_live"): "operating",
    ("operating", "review"): "reviewed", ("reviewed", "continue_operating"): "operating",
    ("onboarding", "discontinue"): "discontinued", ("operating", "discontinue"): "discontinued",
    ("reviewed", "discontinue"): "discontinued",
}
MILESTONE = {
    ("pending", "start"): "in_progress", ("pending", "complete"): "done",
    ("in_progress", "complete"): "done", ("delayed", "complete"): "done",
    ("pending", "mark_delayed"): "delayed", ("in_progress", "mark_delayed"): "delayed",
    ("done", "reopen"): "in_progress",
}
RISK = {
    ("open", "mitigate"): "mitigating", ("occurred", "mitigate"): "mitigating",
    ("open", "occur"): "occurred", ("mitigating", "occur"): "occurred",
    ("open", "close"): "closed", ("mitigating", "close"): "closed",
    ("occurred", "close"): "closed", ("closed", "reopen"): "open",
}
GOOD: dict[str, Any] = {"channels": 2, "milestones": 5, "reason": "r", "review_summary": "s",
                        "missing_criteria": [], "plan_state": "active", "review_note": "n",
                        "response": "应对"}
TABLES = {"channel_plan": PLAN, "plan_channel": CHANNEL, "plan_milestone": MILESTONE,
          "plan_risk": RISK}
CASES = [(name, state, event) for name in TABLES for state in machines.workflow(name).states
         for event in machines.workflow(name).events]


@pytest.mark.parametrize(("name", "state", "event"), CASES)
async def test_every_state_and_event(name: str, state: str, event: str) -> None:
    await check_move(name, TABLES[name], state, event, GOOD)


def test_initial_and_final_states() -> None:
    assert [machines.workflow(n).initial for n in TABLES] == [
        "draft", "candidate", "pending", "open"]
    finals = {n: sorted(s.name for s in machines.workflow(n).states.values() if s.final)
              for n in TABLES}
    assert finals == {"channel_plan": ["cancelled", "closed"], "plan_channel": ["discontinued"],
                      "plan_milestone": [], "plan_risk": []}


@pytest.mark.parametrize(
    ("name", "state", "event", "context", "field"),
    [
        ("channel_plan", "draft", "start", {"channels": 0, "milestones": 5}, "channels"),
        ("channel_plan", "draft", "start", {"channels": 1, "milestones": 0}, "milestones"),
        ("channel_plan", "in_review", "close", {"review_summary": " "}, "review_summary"),
        ("channel_plan", "active", "cancel", {}, "reason"),
        ("channel_plan", "in_review", "resume", {}, "reason"),
        ("plan_channel", "candidate", "evaluate", {"missing_criteria": ["brand_fit"]}, "scores"),
        ("plan_channel", "evaluated", "reject", {}, "reason"),
        ("plan_channel", "selected", "start_onboarding", {"plan_state": "draft"}, "plan"),
        ("plan_channel", "onboarding", "go_live", {"plan_state": "in_review"}, "plan"),
        ("plan_channel", "operating", "review", {}, "review_note"),
        ("plan_channel", "reviewed", "continue_operating", {"plan_state": "closed"}, "plan"),
        ("plan_channel", "operating", "discontinue", {}, "reason"),
        ("plan_milestone", "in_progress", "mark_delayed", {}, "reason"),
        ("plan_milestone", "done", "reopen", {}, "reason"),
        ("plan_risk", "open", "mitigate", {"response": ""}, "response"),
        ("plan_risk", "mitigating", "occur", {}, "reason"),
        ("plan_risk", "occurred", "close", {}, "reason"),
        ("plan_risk", "closed", "reopen", {}, "reason"),
    ],
)
async def test_guards(name: str, state: str, event: str, context: dict[str, Any],
                      field: str) -> None:
    with pytest.raises(GuardFailed) as caught:
        await machines.workflow(name).fire(state, event, **context)
    assert caught.value.field == field


def test_the_template_is_seed_002s() -> None:
    t = machines.plan_template()
    assert [(m.phase, m.month_from, m.month_to) for m in t.milestones] == [
        ("selection", 1, 1), ("onboarding", 2, 3), ("operation", 4, 6),
        ("optimisation", 7, 9), ("review", 10, 12)]
    assert [r.category for r in t.risks] == [
        "market_competition", "platform_policy", "operating_skill", "poor_roi"]
    assert all(r.response for r in t.risks) and t.respond_within == "10d"


def test_plan_ladders_are_loaded() -> None:
    config = ladders.load()
    assert [s.actions for s in config.ladders["plan_milestone"].steps] == [
        ("mark", "notify_owner"), ("notify_manager",), ("notify_manager",)]
    assert [s.actions for s in config.ladders["plan_risk"].steps] == [
        ("notify_owner",), ("notify_manager",)]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("months: [2, 3]", "months: [3, 2]", r"milestones\[1\]: months"),
        ("phase: review", "phase: retro", r"milestones\[4\]: unknown phase"),
        ("category: poor_roi", "category: weather", r"risks\[3\]: unknown category"),
        ("likelihood: high", "likelihood: certain", r"risks\[0\]: likelihood"),
        ("respond_within: 10d", "respond_within: 0d", "respond_within must be above 0"),
    ],
)
def test_bad_template_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    for path in machines.WORKFLOWS_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    plan = tmp_path / "channel_plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(WorkflowDefinitionError, match=message):
        machines.load_directory(tmp_path)
