"""People leave (DOMAIN.md): what a user holds, and handing all of it to a successor in one
audited transaction that also deactivates them — nothing stays with someone who is gone.

What a user holds:
- the customers they own, and their open follow-ups (pending or overdue) with the
  deadlines that escalate them;
- campaign tasks not done (with their deadlines) and the campaigns they own;
- budget levels waiting on them: submitted budgets whose current level their role (and,
  for sales managers, department) decides and that they may still decide;
- approval delegations, both ways: the ones they gave (they are away; cancelled, since
  the successor decides in their own name) and the ones they received (they stand in for
  an approver; handed to the successor).

Who may take it over (docs/people.md): an active user other than the leaver, in the same
department (every record keeps its department scope), with a role that may hold each kind
of record — customers and follow-ups: sales staff (`org.OWNER_ROLES`, as for any owner);
tasks and campaigns: a role the policy lets update its own; waiting budget levels: someone
who may decide them (approvals.awaited). Each refusal is a ValidationError on
`reassign_to` with its own rule. An admin never deactivates themself, nor the last admin.

Locks: the leaver's and the successor's user rows first (so a concurrent create that
names the leaver as owner either commits before and is moved, or sees them inactive: see
`org.lock_active`), then deadlines, then the records — the order the escalation job uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F, Q
from tortoise.queryset import QuerySet

from engine import audit, clock, db, deadlines, outbox, settings, validation
from engine.authz import Principal, can, require
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.log import request_id
from engine.models import (
    ApprovalDelegation,
    AuditEvent,
    Campaign,
    Customer,
    FollowUp,
    Task,
    User,
)
from engine.models.enums import ApprovalState, FollowUpStatus, NotificationKind, Role, TaskStatus
from engine.pagination import OrderKey, Page, paginate
from engine.services import approvals, notifications, org
from engine.versioning import versioned_update

OPEN_FOLLOW_UPS = (FollowUpStatus.PENDING.value, FollowUpStatus.OVERDUE.value)
KINDS = ("customers", "follow_ups", "tasks", "campaigns", "approvals", "delegations_given",
         "delegations_received")
# Kinds whose records keep a department scope: the successor must share the department.
SCOPED = ("customers", "follow_ups", "tasks", "campaigns")


def _today() -> date:
    return clock.local_date(clock.now(), settings.current().zone)


def customers_of(user_id: int) -> QuerySet[Customer]:
    return Customer.filter(owner_id=user_id)


def follow_ups_of(user_id: int) -> QuerySet[FollowUp]:
    return FollowUp.filter(assignee_id=user_id, status__in=OPEN_FOLLOW_UPS)


def tasks_of(user_id: int) -> QuerySet[Task]:
    return Task.filter(owner_id=user_id).exclude(status=TaskStatus.DONE.value)


def campaigns_of(user_id: int) -> QuerySet[Campaign]:
    return Campaign.filter(owner_id=user_id)


def delegations_of(user_id: int, on: date) -> QuerySet[ApprovalDelegation]:
    """Delegations still in force or to come, given or received by the user."""
    return ApprovalDelegation.filter(Q(approver_id=user_id) | Q(delegate_id=user_id),
                                     active=True, ends_on__gte=on)


async def approvals_waiting(conn: BaseDBAsyncClient | None, user: User, on: date
                            ) -> tuple[list[Campaign], dict[int, list[int]]]:
    """Submitted budgets whose current level `user` decides in their own name, and who
    may decide each (approvals.awaited)."""
    qs = Campaign.filter(approval_state=ApprovalState.SUBMITTED.value, pending_role=user.role)
    if user.role == Role.SALES_MANAGER.value:
        qs = qs.filter(department_id=user.department_id)
    if conn is not None:
        qs = qs.using_db(conn)
    pending = list(await qs.order_by("id"))
    deciders = await approvals.awaited(db.connection() if conn is None else conn, pending, on)
    waiting = [c for c in pending if user.id in deciders.get(c.id, [])]
    return waiting, {c.id: deciders[c.id] for c in waiting}


@dataclass
class Holdings:
    """What a user holds, counted, with the budgets waiting on them."""

    counts: dict[str, int]
    approvals: list[Campaign]
    deciders: dict[int, list[int]]

    @property
    def anything(self) -> bool:
        return any(self.counts.values())


async def holdings(conn: BaseDBAsyncClient | None, user: User) -> Holdings:
    today = _today()

    def on(qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.using_db(conn) if conn is not None else qs

    waiting, deciders = await approvals_waiting(conn, user, today)
    delegations = list(await on(delegations_of(user.id, today)))
    counts = {
        "customers": await on(customers_of(user.id)).count(),
        "follow_ups": await on(follow_ups_of(user.id)).count(),
        "tasks": await on(tasks_of(user.id)).count(),
        "campaigns": await on(campaigns_of(user.id)).count(),
        "approvals": len(waiting),
        "delegations_given": sum(d.approver_id == user.id for d in delegations),
        "delegations_received": sum(d.delegate_id == user.id for d in delegations),
    }
    return Holdings(counts, waiting, deciders)


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items() if n)


def role_refusals(held: Holdings, holder: User, field: str) -> list[ValidationFailed]:
    """The kinds of record held that `holder`'s role may not hold (naming `field`)."""
    counts, out = held.counts, []
    principal = org.principal_of(holder)
    if (counts["customers"] or counts["follow_ups"]) and holder.role not in org.OWNER_ROLES:
        out.append(ValidationFailed(
            field, f"a {holder.role} cannot hold {describe(counts)}: customers and follow-ups "
            "are held by sales staff", rule="owner_role"))
    if counts["tasks"] and not can(principal, "task", "update", holder.id, None):
        out.append(ValidationFailed(
            field, f"a {holder.role} may not run campaign tasks", rule="task_role"))
    if counts["campaigns"] and not can(principal, "campaign", "update", holder.id,
                                       holder.department_id):
        out.append(ValidationFailed(
            field, f"a {holder.role} may not own campaigns", rule="campaign_role"))
    return out


def _refusals(actor: Principal, user: User, successor: User | None, held: Holdings,
              active_admins: int) -> list[ValidationFailed]:
    """Every reason the handover would be refused (empty: it may go ahead)."""
    out: list[ValidationFailed] = []
    if not user.active:
        out.append(ValidationFailed("username", f"{user.username} is already deactivated",
                                    rule="inactive"))
    if user.id == actor.id:
        out.append(ValidationFailed("username", "you cannot deactivate yourself", rule="self"))
    if user.role == Role.ADMIN.value and user.active and active_admins <= 1:
        out.append(ValidationFailed("username", f"{user.username} is the last active admin",
                                    rule="last_admin"))
    counts = held.counts
    if successor is None:
        if held.anything:
            out.append(ValidationFailed(
                "reassign_to", f"{user.username} holds {describe(counts)}: name who takes "
                "them over", rule="required"))
        return out
    if successor.id == user.id:
        out.append(ValidationFailed("reassign_to", "the successor must be someone else",
                                    rule="self"))
        return out
    if not successor.active:
        out.append(ValidationFailed("reassign_to", f"{successor.username} is not active",
                                    rule="unknown_user"))
        return out
    if any(counts[k] for k in SCOPED) and successor.department_id != user.department_id:
        out.append(ValidationFailed(
            "reassign_to", f"{successor.username} is in another department than "
            f"{user.username}; their records keep their department", rule="department"))
    out.extend(role_refusals(held, successor, "reassign_to"))
    # in their own name: the level's role (and department), and not barred from this round
    # (a stand-in's delegation ends with the leaver)
    stuck = [c.code for c in held.approvals
             if successor.role != c.pending_role
             or (c.pending_role == Role.SALES_MANAGER.value
                 and successor.department_id != c.department_id)
             or successor.id not in held.deciders[c.id]]
    if stuck:
        out.append(ValidationFailed(
            "reassign_to", f"{successor.username} may not decide the budget level(s) waiting "
            f"on {user.username}: {', '.join(stuck)}", rule="approver"))
    return out


async def _active_admins(conn: BaseDBAsyncClient | None) -> int:
    qs = User.filter(role=Role.ADMIN.value, active=True)
    return await (qs.using_db(conn) if conn is not None else qs).count()


@dataclass
class Preview:
    user: User
    successor: User | None
    held: Holdings
    refusals: list[ValidationFailed]


async def _user(conn: BaseDBAsyncClient | None, field: str, username: str | None,
                *, lock: bool = False) -> User | None:
    name = (username or "").strip().lower()
    if not name:
        if field == "username":  # who leaves must be named; a successor may be left out
            raise ValidationFailed(field, "give the username of who leaves", rule="required")
        return None
    qs = User.filter(username=name)
    if conn is not None:
        qs = qs.using_db(conn)
    if lock:
        qs = qs.select_for_update()
    found = await qs.first()
    if found is None:
        raise (NotFound("user", name) if field == "username" else
               ValidationFailed(field, f"no user {name!r}", rule="unknown_user"))
    return found


async def preview(actor: Principal, username: str, reassign_to: str | None) -> Preview:
    """What `userDeactivate` would move, to whom, and what would refuse it (no change)."""
    require(actor, "org", "deactivate", None, None)
    user = await _user(None, "username", username)
    assert user is not None
    successor = await _user(None, "reassign_to", reassign_to)
    held = await holdings(None, user)
    return Preview(user, successor, held,
                   _refusals(actor, user, successor, held, await _active_admins(None)))


@dataclass
class Handover:
    user: User
    successor: User | None
    moved: dict[str, int] = field(default_factory=dict)


async def deactivate(actor: Principal, username: str, reassign_to: str | None,
                     reason: str | None = None, expected_version: int | None = None
                     ) -> Handover:
    """Move everything `username` holds to `reassign_to` and deactivate them, in one
    audited transaction; refused as a whole (nothing written) by the first refusal."""
    require(actor, "org", "deactivate", None, None)
    reason_v = validation.text("reason", reason, max_len=500)
    async with outbox.atomic() as conn:
        # both user rows, locked in id order (two handovers crossing never deadlock)
        names = {n.strip().lower() for n in (username, reassign_to or "") if n and n.strip()}
        await User.filter(username__in=list(names)).using_db(conn).select_for_update() \
            .order_by("id")
        user = await _user(conn, "username", username, lock=True)
        assert user is not None
        if expected_version is not None and expected_version != user.version:
            raise Conflict("user", user.id, user.version)
        successor = await _user(conn, "reassign_to", reassign_to, lock=True)
        held = await holdings(conn, user)
        refusals = _refusals(actor, user, successor, held, await _active_admins(conn))
        if refusals:
            raise refusals[0]
        moved = await _hand_over(conn, actor, user, successor, held, reason_v) \
            if successor is not None else {}
        version = await versioned_update(conn, user, "user", None,
                                         {"active": False, "deactivated_at": clock.now()})
        await audit.write_event(
            conn, actor, "user", user.id, "deactivate", reason=reason_v, version=version,
            from_state="active", to_state="inactive",
            changes={"active": [True, False],
                     **({"successor": [None, successor.username],
                         "handed_over": [None, moved]} if successor is not None else {})})
        if successor is not None and any(moved.values()):
            await notifications.notify(
                conn, [successor.id], NotificationKind.HANDOVER.value,
                f"工作交接：{user.display_name} ({user.username})",
                f"你接手了 {describe(moved)}", object_type="user", object_id=user.id)
    return Handover(user, successor, moved)


async def _hand_over(conn: BaseDBAsyncClient, actor: Principal, user: User, successor: User,
                     held: Holdings, reason: str | None) -> dict[str, int]:
    """Every kind of record the user holds, moved to the successor (each one audited)."""
    today = _today()
    change = {"owner": [user.username, successor.username]}
    follow_ups = list(await follow_ups_of(user.id).using_db(conn).select_for_update())
    tasks = list(await tasks_of(user.id).using_db(conn).select_for_update())
    # deadlines before the records, as the escalation job locks them
    await deadlines.reassign(conn, deadlines.FOLLOW_UP, [f.id for f in follow_ups],
                             successor.id, successor.department_id)
    campaign_of = {c.id: c.department_id for c in await Campaign.filter(
        id__in=list({t.campaign_id for t in tasks})).using_db(conn)}
    by_department: dict[int, list[int]] = defaultdict(list)
    for task in tasks:
        by_department[campaign_of[task.campaign_id]].append(task.id)
    for department_id, ids in by_department.items():
        await deadlines.reassign(conn, deadlines.TASK, ids, successor.id, department_id)
    moved = {
        "customers": await _move(
            conn, actor, customers_of(user.id), "customer", reason,
            {"owner_id": successor.id, "department_id": successor.department_id,
             "flagged_for_reassignment": False, "flag_reason": None},
            lambda c: {**change, **({"flagged_for_reassignment": [True, False]}
                                    if c.flagged_for_reassignment else {})}),
        "follow_ups": await _move(
            conn, actor, FollowUp.filter(id__in=[f.id for f in follow_ups]), "follow_up",
            reason, {"assignee_id": successor.id},
            lambda f: {"assignee": change["owner"]}),
        "tasks": await _move(
            conn, actor, Task.filter(id__in=[t.id for t in tasks]), "task", reason,
            {"owner_id": successor.id, "flagged_for_reassignment": False},
            lambda t: change),
        "campaigns": await _move(conn, actor, campaigns_of(user.id), "campaign", reason,
                                 {"owner_id": successor.id}, lambda c: change),
        "approvals": len(held.approvals),
    }
    given = received = 0
    for delegation in await delegations_of(user.id, today).using_db(conn).select_for_update():
        if delegation.delegate_id == user.id and delegation.approver_id != successor.id:
            version = await versioned_update(conn, delegation, "approval_delegation", None,
                                             {"delegate_id": successor.id})
            await audit.write_event(conn, actor, "approval_delegation", delegation.id,
                                    "reassign", reason=reason, version=version,
                                    changes={"delegate": [user.username, successor.username]})
            received += 1
        else:  # given by the leaver, or received from the successor: nothing to stand in for
            version = await versioned_update(conn, delegation, "approval_delegation", None,
                                             {"active": False})
            await audit.write_event(conn, actor, "approval_delegation", delegation.id,
                                    "cancel", reason=reason, version=version,
                                    changes={"active": [True, False]})
            given += delegation.approver_id == user.id
            received += delegation.delegate_id == user.id
    moved.update(delegations_given=given, delegations_received=received)
    if held.approvals:
        await notifications.notify(
            conn, [successor.id], NotificationKind.APPROVAL_REQUEST.value,
            f"待审批预算（交接自 {user.display_name}）",
            "、".join(c.code for c in held.approvals), object_type="user", object_id=user.id)
    return moved


async def _move(conn: BaseDBAsyncClient, actor: Principal, qs: QuerySet[Any],
                object_type: str, reason: str | None, values: dict[str, Any],
                changes: Callable[[Any], dict[str, Any]]) -> int:
    """Set `values` on every row of `qs` (locked; version + 1) and audit each move as
    `reassign`; one UPDATE per 500 rows and one multi-row audit INSERT."""
    rows: Sequence[Any] = list(await qs.using_db(conn).select_for_update().order_by("id"))
    if not rows:
        return 0
    now = clock.now()
    ids = [r.id for r in rows]
    for start in range(0, len(ids), 500):
        await qs.model.filter(id__in=ids[start:start + 500]).using_db(conn).update(
            version=F("version") + 1, updated_at=now, **values)
    rid = request_id.get()
    await audit.write_events(conn, [
        AuditEvent(object_type=object_type, object_id=r.id, action="reassign",
                   actor_id=actor.id, actor_name=actor.username, at=now, reason=reason,
                   changes=audit.jsonable(changes(r)), version=r.version + 1, request_id=rid)
        for r in rows])
    return len(rows)


HELD: dict[str, Callable[[int], QuerySet[Any]]] = {
    "customers": customers_of, "follow_ups": follow_ups_of, "tasks": tasks_of,
    "campaigns": campaigns_of,
}


async def held_page(actor: Principal, user: User, kind: str, *, first: int | None,
                    after: str | None) -> Page[Any]:
    """One kind of what `user` holds, a page at a time in id order (the preview's lists):
    customers, follow_ups, tasks, campaigns, approvals (the budgets waiting on them) or
    delegations."""
    require(actor, "org", "deactivate", None, None)
    if kind == "approvals":
        waiting, _ = await approvals_waiting(None, user, _today())
        qs: QuerySet[Any] = Campaign.filter(id__in=[c.id for c in waiting])
    elif kind == "delegations":
        qs = delegations_of(user.id, _today())
    else:
        qs = HELD[kind](user.id)
    return await paginate(qs, first=first, after=after, order=(OrderKey("id"),))
