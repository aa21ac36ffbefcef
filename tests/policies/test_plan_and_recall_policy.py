"""The recall and channel-plan lines of the policy (issue 10), stated independently of it."""

from __future__ import annotations

import pytest

from engine import authz
from engine.authz import Principal, Rel, Scope

OWN, DEP, ALL = Scope.OWN, Scope.DEPARTMENT, Scope.ALL
PLAN_ACTS = ["create", "update", "start", "begin_review", "resume", "close", "cancel"]
CHANNEL_ACTS = ["create", "update", "evaluate", "select", "reject", "reconsider",
                "start_onboarding", "go_live", "review", "continue_operating", "discontinue"]
MILESTONE_ACTS = ["create", "update", "start", "complete", "mark_delayed", "reopen"]
RISK_ACTS = ["create", "update", "mitigate", "occur", "close", "reopen"]
OPERATIONS = (
    [("recall", "create"), ("recall", "read"), ("channel_plan", "read")]
    + [("channel_plan", a) for a in PLAN_ACTS] + [("plan_channel", a) for a in CHANNEL_ACTS]
    + [("plan_milestone", a) for a in MILESTONE_ACTS] + [("plan_risk", a) for a in RISK_ACTS])


def _manage(scope: Scope) -> dict[tuple[str, str], Scope | None]:
    return {("channel_plan", "read"): ALL,
            **{(obj, a): scope for obj, acts in (
                ("channel_plan", PLAN_ACTS), ("plan_channel", CHANNEL_ACTS),
                ("plan_milestone", MILESTONE_ACTS), ("plan_risk", RISK_ACTS)) for a in acts}}


ON_THE_PLAN = {("plan_milestone", "start"): OWN, ("plan_milestone", "complete"): OWN,
               ("plan_risk", "update"): OWN, ("plan_risk", "mitigate"): OWN,
               ("plan_risk", "occur"): OWN}
EXPECTED: dict[str, dict[tuple[str, str], Scope | None]] = {
    "sales_rep": {("recall", "create"): OWN, ("recall", "read"): OWN,
                  ("channel_plan", "read"): OWN, **ON_THE_PLAN},
    "sales_manager": {("recall", "create"): DEP, ("recall", "read"): DEP,
                      ("channel_plan", "read"): DEP, **ON_THE_PLAN},
    "marketing": {("recall", "create"): ALL, ("recall", "read"): ALL, **_manage(DEP)},
    "director": {("recall", "create"): ALL, ("recall", "read"): ALL, **_manage(ALL)},
    "finance": {("recall", "read"): ALL, ("channel_plan", "read"): ALL},
    "admin": dict.fromkeys(OPERATIONS, ALL),
}
NEEDS = {Rel.OWN: OWN, Rel.DEPARTMENT: DEP, Rel.OTHER: ALL}


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize(("obj", "act"), OPERATIONS)
def test_scope_and_decisions_agree(role: str, obj: str, act: str) -> None:
    enforcer = authz.load()
    principal = Principal(id=1, username="u", role=role, department_id=1)
    expected = EXPECTED[role].get((obj, act))
    assert enforcer.scope(principal, obj, act) == expected
    for rel, needed in NEEDS.items():
        allowed = expected is not None and expected >= needed
        assert enforcer.allowed(principal, obj, act, rel) is allowed, (role, obj, act, rel)
