"""The role–permission matrix, stated here independently of policies/policy.csv.

For every role × object × action the test states the widest scope; it then checks both
Casbin answers: `allowed` for a record in each relation (own / department / other), and
the `scope` that list queries turn into SQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import authz
from engine.authz import Principal, Rel, Scope

CUSTOMER_EVENTS = ["qualify", "negotiate", "win", "lose", "reactivate"]
OPERATIONS = [
    ("customer", a)
    for a in ["read", "read_contact", "create", "update", *CUSTOMER_EVENTS, "reassign"]
] + [("follow_up", a) for a in ["read", "create", "complete", "mark_overdue"]] + [
    ("org", "read"), ("org", "manage"),
] + [("campaign", a) for a in ["read", "create", "update", "read_budget", "edit_budget",
                               "submit", "withdraw", "approve", "reject"]] + [
    ("task", a) for a in ["read", "create", "update", "start", "complete", "reopen",
                          "mark_delayed"]
] + [("kpi", "read"), ("kpi", "record")] + [
    ("exception", a) for a in ["read", "report", "acknowledge", "start_resolving", "resolve",
                               "close", "reopen"]
] + [("approval", a) for a in ["route", "delegate", "configure"]] + [("notification", "read")] + [
    ("organization", "read"), ("organization", "update"),
] + [("product", a) for a in ["read", "create", "update", "archive"]]
TASK_RUN = ["start", "complete", "reopen"]
EXCEPTION_HANDLING = ["acknowledge", "start_resolving", "resolve", "close", "reopen"]
OWN, DEP, ALL = Scope.OWN, Scope.DEPARTMENT, Scope.ALL
# everyone signed in reads the company profile and the catalogue (issue 9)
READS_CATALOGUE = {"organization.read": ALL, "product.read": ALL}


def _row(**scopes: Scope | None) -> dict[tuple[str, str], Scope | None]:
    return {op: scopes.get(f"{op[0]}.{op[1]}") for op in OPERATIONS}


def _all(scope: Scope) -> dict[tuple[str, str], Scope | None]:
    return dict.fromkeys(OPERATIONS, scope)


EXPECTED: dict[str, dict[tuple[str, str], Scope | None]] = {
    "sales_rep": _row(**{
        "customer.read": OWN, "customer.read_contact": OWN, "customer.create": OWN,
        "customer.update": OWN, **{f"customer.{e}": OWN for e in CUSTOMER_EVENTS},
        "follow_up.read": OWN, "follow_up.create": OWN, "follow_up.complete": OWN, "org.read": ALL,
        "campaign.read": ALL, "task.read": ALL, "task.update": OWN,
        **{f"task.{a}": OWN for a in TASK_RUN}, "kpi.read": ALL, "exception.read": ALL,
        "exception.report": OWN, "notification.read": OWN, **READS_CATALOGUE,
    }),
    "sales_manager": _row(**{
        "customer.read": DEP, "customer.read_contact": DEP, "customer.create": DEP,
        "customer.update": DEP, **{f"customer.{e}": DEP for e in CUSTOMER_EVENTS},
        "customer.reassign": DEP,
        "follow_up.read": DEP, "follow_up.create": DEP, "follow_up.complete": DEP, "org.read": ALL,
        "campaign.read": ALL, **{f"campaign.{a}": DEP for a in [
            "create", "update", "read_budget", "edit_budget", "submit", "withdraw", "approve",
            "reject"]},
        "approval.route": ALL, "approval.delegate": OWN, "task.read": ALL,
        **{f"task.{a}": DEP for a in ["create", "update", *TASK_RUN]},
        "kpi.read": ALL, "kpi.record": DEP, "exception.read": ALL, "exception.report": DEP,
        **{f"exception.{a}": DEP for a in EXCEPTION_HANDLING}, "notification.read": OWN,
        **READS_CATALOGUE,
    }),
    "marketing": _row(**{
        "customer.read": ALL, "customer.read_contact": OWN, "customer.create": DEP, "org.read": ALL,
        "campaign.read": ALL, **{f"campaign.{a}": DEP for a in [
            "create", "update", "read_budget", "edit_budget", "submit", "withdraw"]},
        "approval.route": ALL, "task.read": ALL,
        **{f"task.{a}": DEP for a in ["create", "update", *TASK_RUN]},
        "kpi.read": ALL, "kpi.record": DEP, "exception.read": ALL, "exception.report": DEP,
        **{f"exception.{a}": DEP for a in EXCEPTION_HANDLING}, "notification.read": OWN,
        **READS_CATALOGUE, **{f"product.{a}": ALL for a in ["create", "update", "archive"]},
    }),
    "director": _row(**{
        "customer.read": ALL, "follow_up.read": ALL, "org.read": ALL, "campaign.read": ALL,
        "campaign.read_budget": ALL, "campaign.approve": ALL, "campaign.reject": ALL,
        "approval.route": ALL, "approval.delegate": OWN, "task.read": ALL, "kpi.read": ALL,
        "exception.read": ALL, "notification.read": OWN, **READS_CATALOGUE,
    }),
    "finance": _row(**{
        "customer.read": ALL, "org.read": ALL, "campaign.read": ALL,
        "campaign.read_budget": ALL, "campaign.approve": ALL, "campaign.reject": ALL,
        "approval.route": ALL, "approval.delegate": OWN, "task.read": ALL, "kpi.read": ALL,
        "exception.read": ALL, "notification.read": OWN, **READS_CATALOGUE,
    }),
    "admin": _all(ALL),
    "system": _all(ALL),
}
NEEDED = {Rel.OWN: OWN, Rel.DEPARTMENT: DEP, Rel.OTHER: ALL}


@pytest.fixture(scope="module")
def authorizer() -> authz.Authorizer:
    return authz.load()


@pytest.mark.parametrize("role", sorted(EXPECTED))
@pytest.mark.parametrize(("obj", "act"), OPERATIONS)
@pytest.mark.parametrize("rel", [Rel.OWN, Rel.DEPARTMENT, Rel.OTHER])
def test_matrix(authorizer: authz.Authorizer, role: str, obj: str, act: str, rel: str) -> None:
    who = Principal(id=1, username="u", role=role, department_id=1)
    widest = EXPECTED[role][(obj, act)]
    assert authorizer.scope(who, obj, act) == widest
    assert authorizer.allowed(who, obj, act, rel) == (widest is not None and widest >= NEEDED[rel])


def test_unknown_role_gets_nothing(authorizer: authz.Authorizer) -> None:
    who = Principal(id=1, username="u", role="intern", department_id=1)
    assert not authorizer.allowed(who, "customer", "read", Rel.OWN)
    assert authorizer.scope(who, "customer", "read") is None


def test_relation_of_a_record() -> None:
    rep = Principal(id=7, username="rep", role="sales_rep", department_id=3)
    assert rep.relation(owner_id=7, department_id=3) == Rel.OWN
    assert rep.relation(owner_id=8, department_id=3) == Rel.DEPARTMENT
    assert rep.relation(owner_id=8, department_id=4) == Rel.OTHER
    director = Principal(id=9, username="dir", role="director", department_id=None)
    assert director.relation(owner_id=8, department_id=None) == Rel.OTHER


def test_explain_names_the_deciding_line(authorizer: authz.Authorizer) -> None:
    ok, rule = authorizer.explain("sales_manager", "customer", "reassign", Rel.DEPARTMENT)
    assert ok and rule == ["sales_manager", "customer", "reassign", "department"]
    ok, rule = authorizer.explain("sales_rep", "customer", "reassign", Rel.OWN)
    assert not ok and rule == []


def test_bad_policy_line_is_named(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "model.conf").write_text((authz.POLICIES_DIR / "model.conf").read_text())
    (folder / "policy.csv").write_text("p, sales_rep, customer, read, everything\n")
    with pytest.raises(ValueError, match=r"policy\.csv: policy rule 1"):
        authz.Authorizer(folder / "model.conf", folder / "policy.csv")


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13800138000", "138****8000"),
        ("zhang.wei@example.cn", "z***@example.cn"),
        ("wx_zhangwei", "w***"),
        (None, None),
        ("", ""),
    ],
)
def test_masking(value: str | None, masked: str | None) -> None:
    assert authz.mask_value(value) == masked
