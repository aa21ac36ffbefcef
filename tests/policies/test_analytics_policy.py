"""The analytics lines of the policy (issue 5, items 3–4), stated independently of it."""

from __future__ import annotations

import pytest

from engine import authz
from engine.authz import Principal, Rel, Scope

OWN, DEP, ALL = Scope.OWN, Scope.DEPARTMENT, Scope.ALL
OPERATIONS = [("pipeline", "read"), ("team", "read"), ("customer", "record_order")]
EXPECTED: dict[str, dict[tuple[str, str], Scope | None]] = {
    "sales_rep": {("pipeline", "read"): OWN, ("team", "read"): OWN,
                  ("customer", "record_order"): OWN},
    "sales_manager": {("pipeline", "read"): DEP, ("team", "read"): DEP,
                      ("customer", "record_order"): DEP},
    "marketing": {("pipeline", "read"): ALL, ("team", "read"): None,
                  ("customer", "record_order"): None},
    "director": {("pipeline", "read"): ALL, ("team", "read"): ALL,
                 ("customer", "record_order"): None},
    "finance": {("pipeline", "read"): ALL, ("team", "read"): ALL,
                ("customer", "record_order"): None},
    "admin": dict.fromkeys(OPERATIONS, ALL),
}
NEEDS = {Rel.OWN: OWN, Rel.DEPARTMENT: DEP, Rel.OTHER: ALL}


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize(("obj", "act"), OPERATIONS)
def test_analytics_scope_and_decisions_agree(role: str, obj: str, act: str) -> None:
    enforcer = authz.load()
    principal = Principal(id=1, username="u", role=role, department_id=1)
    expected = EXPECTED[role][(obj, act)]
    assert enforcer.scope(principal, obj, act) == expected
    for rel, needed in NEEDS.items():
        allowed = expected is not None and expected >= needed
        assert enforcer.allowed(principal, obj, act, rel) is allowed, (role, obj, act, rel)
