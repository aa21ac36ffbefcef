"""The authorization matrix through GraphQL: role × operation × own/department/other.

Expected outcomes are stated here, not derived from the policy file. Each case fires one
operation as one user against a customer in the given relation to them, then checks the
answer (done / ForbiddenError / NotFoundError or null) and, on denial, that nothing in the
database changed: the customer's version, its follow-ups, its audit trail.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from engine.authz import Principal
from engine.models import AuditEvent, Customer, FollowUp
from engine.services import follow_ups
from engine.services import org as org_service
from tests.conftest import CustomerFactory
from tests.schema.conftest import Gql

OWN, DEPT, OTHER = "own", "department", "other"
# role user -> relation -> owner of the target customer
TARGETS = {
    "rep.li": {OWN: "rep.li", DEPT: "rep.wang", OTHER: "rep.zhao"},
    "mgr.east": {OWN: "mgr.east", DEPT: "rep.li", OTHER: "rep.zhao"},
    "mkt.chen": {DEPT: "rep.li", OTHER: "rep.zhao"},
    "dir.sun": {OTHER: "rep.li"},
    "fin.qian": {OTHER: "rep.li"},
    "admin": {OTHER: "rep.li"},
}
# Who may do what, up to which relation (own < department < other); None: never.
OPS = ["read", "follow_up_read", "contact", "update", "qualify", "reassign",
       "follow_up_create", "follow_up_complete"]


def _reach(*scopes: str | None) -> dict[str, str | None]:
    return dict(zip(OPS, scopes, strict=True))


REACH: dict[str, dict[str, str | None]] = {
    #                 read   fu_read contact update qualify reassign fu_create fu_complete
    "rep.li": _reach(OWN, OWN, OWN, OWN, OWN, None, OWN, OWN),
    "mgr.east": _reach(DEPT, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT),
    "mkt.chen": _reach(OTHER, None, OWN, None, None, None, None, None),
    "dir.sun": _reach(OTHER, OTHER, None, None, None, None, None, None),
    "fin.qian": _reach(OTHER, None, None, None, None, None, None, None),
    "admin": _reach(*[OTHER] * len(OPS)),
}
ORDER = {OWN: 0, DEPT: 1, OTHER: 2}
# a same-department colleague to reassign each owner's customer to
PEER = {"rep.li": "rep.wang", "rep.wang": "rep.li", "rep.zhao": "rep.zhou",
        "mgr.east": "rep.li"}

OPERATIONS: dict[str, str] = {
    "update": """mutation($id: ID!) { r: customerUpdate(id: $id, input: {notes: "changed"}) {
        __typename } }""",
    "qualify": """mutation($id: ID!) { r: customerAdvanceStage(id: $id, event: QUALIFY) {
        __typename } }""",
    "reassign": """mutation($id: ID!, $to: String!) { r: customerReassign(id: $id,
        ownerUsername: $to) { __typename } }""",
    "follow_up_create": """mutation($id: ID!) { r: followUpCreate(input: {customerId: $id,
        method: PHONE, summary: "s", feedback: NEUTRAL, nextAction: "a",
        dueDate: "2099-01-01"}) { __typename } }""",
    "follow_up_complete": """mutation($fid: ID!) { r: followUpComplete(id: $fid) {
        __typename } }""",
}


def _reaches(user: str, op: str, rel: str) -> bool:
    reach = REACH[user][op]
    return reach is not None and ORDER[rel] <= ORDER[reach]


CASES = [
    (user, op, rel)
    for user, rels in TARGETS.items()
    for rel in rels
    for op in ["read", "contact", *OPERATIONS]
]


@pytest.fixture
async def world(org: dict[str, Principal], make_customer: CustomerFactory) -> dict[str, Any]:
    await org_service.create_user(org["admin"], username="rep.zhou", display_name="周",
                                  role="sales_rep", department_code="west")
    customers: dict[str, Any] = {}
    pending: dict[str, int] = {}
    for owner in ("rep.li", "rep.wang", "rep.zhao", "mgr.east"):
        customer = await make_customer(owner=owner, actor="admin")
        customers[owner] = customer
        row = await follow_ups.create(org["admin"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="a", due_date=date(2099, 1, 1),
        ))
        pending[owner] = row.id
    return {"customers": customers, "pending": pending}


async def _snapshot(customer_id: int) -> tuple[int, int, int]:
    customer = await Customer.get(id=customer_id)
    return (
        customer.version,
        await FollowUp.filter(customer_id=customer_id).count(),
        await AuditEvent.filter(object_type__in=["customer", "follow_up"]).count(),
    )


@pytest.mark.parametrize(("user", "op", "rel"), CASES)
async def test_matrix(gql: Gql, world: dict[str, Any], user: str, op: str, rel: str) -> None:
    owner = TARGETS[user][rel]
    customer = world["customers"][owner]
    # a follow-up is found through the follow-up scope, the customer through its own
    can_read = _reaches(user, "follow_up_read" if op == "follow_up_complete" else "read", rel)
    allowed = _reaches(user, op, rel)
    before = await _snapshot(customer.id)

    if op in ("read", "contact"):
        body = await gql("query($id: ID!) { customer(id: $id) { id contactMasked } }", user,
                         id=str(customer.id))
        found = body["data"]["customer"]
        assert (found is not None) == can_read
        if op == "contact" and found is not None:
            assert found["contactMasked"] is (not allowed)
        assert await _snapshot(customer.id) == before
        return

    body = await gql(OPERATIONS[op], user, id=str(customer.id), to=PEER[owner],
                     fid=str(world["pending"][owner]))
    typename = body["data"]["r"]["__typename"]
    if allowed:
        assert typename in {"Customer", "FollowUp"}, body
        assert await _snapshot(customer.id) != before
    else:
        assert typename == ("ForbiddenError" if can_read else "NotFoundError"), body
        assert await _snapshot(customer.id) == before
