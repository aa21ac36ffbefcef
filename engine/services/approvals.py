"""Budget approval: routes by amount band, levels, delegation, inbox, decisions.

The route (approver roles, level by level) is fixed when a budget is submitted, from the
bands in workflows/campaign_approval.yaml or an admin's override. Approvers are resolved
from the organisation when they act: `sales_manager` is the manager of the campaign's
department, other roles any active user holding them. Every decision is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from engine import (
    audit,
    calendar,
    clock,
    db,
    deadlines,
    ladders,
    machines,
    outbox,
    settings,
    validation,
)
from engine.authz import Principal, can, require
from engine.errors import Conflict, Forbidden, NotFound, TransitionNotAllowed, ValidationFailed
from engine.machines import Band, WorkflowDefinitionError
from engine.models import (
    ApprovalDecision,
    ApprovalDelegation,
    ApprovalRound,
    BudgetLine,
    Campaign,
    Department,
    EngineSetting,
    User,
)
from engine.models.enums import ApprovalDecisionKind, ApprovalState, NotificationKind, Role
from engine.pagination import (
    OrderKey,
    Page,
    decode_cursor,
    encode_cursor,
    paginate,
    validate_first,
)
from engine.services import campaigns, notifications, org
from engine.versioning import versioned_update

OBJECT = "campaign"
WORKFLOW = "campaign_approval"
BANDS_KEY = "approval_bands"
MANAGER = Role.SALES_MANAGER.value


# -- bands and routes --------------------------------------------------------------------


async def current_bands() -> list[Band]:
    setting = await EngineSetting.get_or_none(key=BANDS_KEY)
    if setting is not None:
        return machines.parse_bands(setting.value, "approval bands setting")
    return machines.default_bands()


def roles_for(bands: Sequence[Band], total: Decimal) -> list[str]:
    for band in bands:
        if band.up_to is None or total <= band.up_to:
            return list(band.approvers)
    return list(bands[-1].approvers)


async def set_bands(actor: Principal, raw: list[dict[str, Any]]) -> list[Band]:
    """Replace the approval bands (admins). Rounds already submitted keep their route."""
    require(actor, "approval", "configure", None, None)
    try:
        bands = machines.parse_bands(raw, "bands")
    except WorkflowDefinitionError as exc:
        raise ValidationFailed("bands", str(exc), rule="invalid_bands") from None
    value = [{"up_to": str(b.up_to) if b.up_to is not None else None,
              "approvers": list(b.approvers)} for b in bands]
    async with outbox.atomic() as conn:
        setting = await EngineSetting.filter(key=BANDS_KEY).using_db(conn).first()
        if setting is None:
            setting = await EngineSetting.create(using_db=conn, key=BANDS_KEY, value=value)
            before: Any = None
            version = 1
        else:
            before = setting.value
            version = await versioned_update(conn, setting, "approval_config", None,
                                             {"value": value})
        await audit.write_event(conn, actor, "approval_config", setting.id, "set_bands",
                                changes={"bands": [before, value]}, version=version)
    return bands


async def approvers_for(role: str, department_id: int | None) -> list[User]:
    if role == MANAGER:
        return await org.managers_of(department_id)
    return list(await User.filter(role=role, active=True).order_by("id"))


@dataclass(frozen=True)
class RouteLevel:
    level: int
    role: str
    approvers: list[User]


async def route(actor: Principal, amount: Any, department_id: int) -> list[RouteLevel]:
    """Who would have to approve a budget of `amount` for this department (no side effect)."""
    require(actor, "approval", "route", None, None)
    total = validation.money("amount", amount, required=True)
    assert total is not None
    if not await Department.filter(id=department_id).exists():
        raise ValidationFailed("department_id", f"no department {department_id}",
                               rule="unknown")
    roles = roles_for(await current_bands(), total)
    return [RouteLevel(level=i + 1, role=r, approvers=await approvers_for(r, department_id))
            for i, r in enumerate(roles)]


# -- delegation --------------------------------------------------------------------------


def _today() -> date:
    return clock.local_date(clock.now(), settings.current().zone)


async def delegators_of(user_id: int, on: date) -> list[User]:
    """Approvers who delegated to `user_id` for a window containing `on`."""
    rows = await ApprovalDelegation.filter(
        delegate_id=user_id, active=True, starts_on__lte=on, ends_on__gte=on
    ).order_by("id")
    users = await org.users_by_ids(r.approver_id for r in rows)
    return [users[r.approver_id] for r in rows if users[r.approver_id].active]


async def delegations_of(approver_ids: Iterable[int], on: date) -> dict[int, list[int]]:
    """Each approver's stand-ins on day `on` (approvers without one are left out)."""
    ids = list(set(approver_ids))
    if not ids:
        return {}
    found: dict[int, list[int]] = defaultdict(list)
    for r in await ApprovalDelegation.filter(
            approver_id__in=ids, active=True, starts_on__lte=on, ends_on__gte=on):
        found[r.approver_id].append(r.delegate_id)
    return dict(found)


async def awaited(conn: BaseDBAsyncClient, pending: Sequence[Campaign], on: date
                  ) -> dict[int, list[int]]:
    """Per campaign, who may decide its pending level on day `on`: the level's approvers
    and their stand-ins, less the submitter and anyone who already decided in this round
    (directly or through a stand-in), since nobody decides twice or their own budget."""
    pending = [c for c in pending if c.pending_role is not None]
    if not pending:
        return {}
    blocked: dict[int, set[int]] = {c.id: {c.submitted_by_id or 0} for c in pending}
    rounds = {c.id: c.approval_round for c in pending}
    for d in await ApprovalDecision.filter(campaign_id__in=list(rounds)).using_db(conn):
        if d.round_no == rounds[d.campaign_id]:
            blocked[d.campaign_id] |= {d.approver_id, d.on_behalf_of_id or 0}
    approvers: dict[tuple[str, int | None], list[int]] = {}
    for c in pending:
        role = c.pending_role or ""
        key = (role, c.department_id if role == MANAGER else None)
        if key not in approvers:
            approvers[key] = [u.id for u in await approvers_for(role, c.department_id)]
    deputies = await delegations_of({a for ids in approvers.values() for a in ids}, on)
    result: dict[int, list[int]] = {}
    for c in pending:
        role = c.pending_role or ""
        mine = [a for a in approvers[(role, c.department_id if role == MANAGER else None)]
                if a not in blocked[c.id]]
        people = mine + [d for a in mine for d in deputies.get(a, []) if d not in blocked[c.id]]
        result[c.id] = list(dict.fromkeys(people))
    return result


async def set_delegation(
    actor: Principal,
    *,
    delegate_username: str,
    starts_on: date,
    ends_on: date,
    approver_username: str | None = None,
) -> ApprovalDelegation:
    """Let a colleague decide on the approver's behalf from `starts_on` to `ends_on`.

    A new window replaces the approver's active delegations that overlap it.
    """
    approver = (await org.resolve_user("approver_username", approver_username)
                if approver_username else await User.get_or_none(id=actor.id))
    if approver is None:
        raise ValidationFailed("approver_username", "name the approver", rule="required")
    require(actor, "approval", "delegate", approver.id, approver.department_id)
    delegate = await org.resolve_user("delegate_username", delegate_username)
    if delegate.id == approver.id:
        raise ValidationFailed("delegate_username", "an approver cannot delegate to themself",
                               rule="self")
    if ends_on < starts_on:
        raise ValidationFailed("ends_on", "the window ends before it starts",
                               rule="before_start")
    if ends_on < _today():
        raise ValidationFailed("ends_on", "the window is already over", rule="past")
    async with outbox.atomic() as conn:
        overlapping = await ApprovalDelegation.filter(
            approver_id=approver.id, active=True, starts_on__lte=ends_on,
            ends_on__gte=starts_on).using_db(conn)
        for old in overlapping:
            version = await versioned_update(conn, old, "approval_delegation", None,
                                             {"active": False})
            await audit.write_event(conn, actor, "approval_delegation", old.id, "replace",
                                    changes={"active": [True, False]}, version=version)
        row = await ApprovalDelegation.create(
            using_db=conn, approver_id=approver.id, delegate_id=delegate.id,
            starts_on=starts_on, ends_on=ends_on)
        await audit.write_event(
            conn, actor, "approval_delegation", row.id, "create", version=1,
            changes={"approver": [None, approver.username], "delegate": [None, delegate.username],
                     "starts_on": [None, starts_on], "ends_on": [None, ends_on]})
    return row


async def cancel_delegation(actor: Principal, delegation_id: int) -> ApprovalDelegation:
    async with outbox.atomic() as conn:
        row = await ApprovalDelegation.filter(id=delegation_id).using_db(conn).first()
        if row is None:
            raise NotFound("approval_delegation", delegation_id)
        approver = await User.get(id=row.approver_id)
        require(actor, "approval", "delegate", approver.id, approver.department_id)
        if row.active:
            version = await versioned_update(conn, row, "approval_delegation", None,
                                             {"active": False})
            await audit.write_event(conn, actor, "approval_delegation", row.id, "cancel",
                                    changes={"active": [True, False]}, version=version)
    return row


async def delegations(actor: Principal, *, first: int | None, after: str | None
                      ) -> Page[ApprovalDelegation]:
    """The caller's delegations, given and received (admins: all)."""
    qs = ApprovalDelegation.all()
    if not can(actor, "approval", "delegate", None, None):
        qs = qs.filter(Q(approver_id=actor.id) | Q(delegate_id=actor.id))
    return await paginate(qs, first=first, after=after)


# -- deciding ----------------------------------------------------------------------------


def _eligible(user: User | Principal, campaign: Campaign, action: str = "approve") -> bool:
    """Does `user` hold the role the current level asks for, and may they decide it?"""
    role = campaign.pending_role
    if role is None or user.role != role:
        return False
    if role == MANAGER and user.department_id != campaign.department_id:
        return False
    principal = user if isinstance(user, Principal) else org.principal_of(user)
    return can(principal, OBJECT, action, *campaigns.rel_args(campaign))


async def _current_round(conn: BaseDBAsyncClient, campaign: Campaign) -> ApprovalRound:
    row = await ApprovalRound.filter(
        campaign_id=campaign.id, round_no=campaign.approval_round).using_db(conn).first()
    assert row is not None, f"campaign {campaign.id} has no round {campaign.approval_round}"
    return row


async def _decider(conn: BaseDBAsyncClient, actor: Principal, campaign: Campaign,
                   rnd: ApprovalRound, action: str) -> User | None:
    """Check `actor` may decide the current level; returns whom they act for (or None)."""
    on_behalf: User | None = None
    if not _eligible(actor, campaign, action):
        for approver in await delegators_of(actor.id or 0, _today()):
            if _eligible(approver, campaign, action):
                on_behalf = approver
                break
        else:
            raise Forbidden(OBJECT, action,
                            f"level {(campaign.approval_level or 0) + 1} of this budget is for "
                            f"{campaign.pending_role}; you are not one, nor standing in for one")
    people = {actor.id} | ({on_behalf.id} if on_behalf else set())
    if rnd.submitted_by_id in people:
        raise Forbidden(OBJECT, action, "nobody approves a budget they submitted")
    earlier = await ApprovalDecision.filter(round_id=rnd.id).using_db(conn)
    for decision in earlier:
        if {decision.approver_id, decision.on_behalf_of_id} & people:
            raise Forbidden(OBJECT, action,
                            f"you already decided level {decision.level + 1} of this round")
    return on_behalf


async def _load_submitted(conn: BaseDBAsyncClient, actor: Principal, campaign_id: int,
                          event: str, expected_version: int | None) -> Campaign:
    campaign = await campaigns.load_for(conn, actor, campaign_id)
    if expected_version is not None and expected_version != campaign.version:
        raise Conflict(OBJECT, campaign.id, campaign.version)
    wf = machines.workflow(WORKFLOW)
    if event not in wf.allowed_events(campaign.approval_state):
        raise TransitionNotAllowed(wf.name, campaign.approval_state, event,
                                   wf.allowed_events(campaign.approval_state))
    return campaign


async def _notify_level(conn: BaseDBAsyncClient, campaign: Campaign) -> None:
    role = campaign.pending_role
    if role is None:
        return
    await notifications.notify(
        conn, (await awaited(conn, [campaign], _today())).get(campaign.id, []),
        NotificationKind.APPROVAL_REQUEST.value,
        f"待审批预算：{campaign.code} {campaign.name}",
        f"预算合计 ¥{campaign.budget_total}，第 {(campaign.approval_level or 0) + 1} 级（{role}）",
        object_type=OBJECT, object_id=campaign.id,
    )


async def _open_round(conn: BaseDBAsyncClient, actor: Principal, campaign: Campaign,
                      event: str, expected_version: int | None, reason: str | None) -> None:
    """Start a new approval round for the budget as it is now (submit or revise)."""
    wf = machines.workflow(WORKFLOW)
    before = campaign.approval_state
    after = await wf.fire(before, event, budget_total=campaign.budget_total)
    roles = roles_for(await current_bands(), campaign.budget_total)
    for i, role in enumerate(roles):
        candidates = [u for u in await approvers_for(role, campaign.department_id)
                      if u.id != actor.id]
        if not candidates:
            raise ValidationFailed(
                "route", f"nobody but you can approve level {i + 1} ({role}) of this budget",
                rule="no_approver")
    previous = await ApprovalRound.filter(
        campaign_id=campaign.id, round_no=campaign.approval_round, outcome__isnull=True
    ).using_db(conn).first()
    now = clock.now()
    if previous is not None:
        previous.outcome, previous.closed_at = "superseded", now
        await previous.save(using_db=conn, update_fields=["outcome", "closed_at"])
    lines = await BudgetLine.filter(campaign_id=campaign.id).using_db(conn).order_by("id")
    round_no = campaign.approval_round + 1
    await ApprovalRound.create(
        using_db=conn, campaign_id=campaign.id, round_no=round_no, submitted_by_id=actor.id,
        submitted_at=now, total=campaign.budget_total, route=roles,
        lines=[_line_snapshot(line) for line in lines],
    )
    await _track_level(conn, campaign, now)
    values = {"approval_state": after, "approval_round": round_no, "approval_level": 0,
              "pending_role": roles[0], "submitted_by_id": actor.id, "submitted_at": now}
    changes = audit.diff({k: getattr(campaign, k) for k in values}, values)
    version = await versioned_update(conn, campaign, OBJECT, expected_version, values)
    await audit.write_event(
        conn, actor, OBJECT, campaign.id, event, from_state=before, to_state=after,
        reason=reason, version=version,
        changes={**changes, "route": [None, roles],
                 "budget_total": [None, audit.jsonable(campaign.budget_total)]})
    await _notify_level(conn, campaign)


async def _track_level(conn: BaseDBAsyncClient, campaign: Campaign, since: datetime) -> None:
    """A level starts waiting: its decision is due `due_after` working time later."""
    ladder = ladders.ladder(deadlines.APPROVAL)
    assert ladder.due_after is not None
    await deadlines.set_deadline(
        conn, deadlines.APPROVAL, campaign.id, calendar.current().add(since, ladder.due_after),
        owner_id=None, department_id=campaign.department_id)


def _line_snapshot(line: BudgetLine) -> dict[str, Any]:
    return {"id": line.id, "category": line.category, "description": line.description,
            "amount": str(line.amount)}


async def submit(actor: Principal, campaign_id: int, expected_version: int | None = None
                 ) -> Campaign:
    """Submit the budget for approval along the route its total falls in.

    A budget is approved for a goal: a campaign without a quantified goal (seed 000:
    推广目标 必填, SMART) is refused, naming `goals`.
    """
    async with outbox.atomic() as conn:
        campaign = await campaigns.load_for(conn, actor, campaign_id)
        require(actor, OBJECT, "submit", *campaigns.rel_args(campaign))
        if expected_version is not None and expected_version != campaign.version:
            raise Conflict(OBJECT, campaign.id, campaign.version)
        await campaigns.require_goals(conn, campaign)
        await _open_round(conn, actor, campaign, "submit", expected_version, None)
        return campaign


async def revise(conn: BaseDBAsyncClient, actor: Principal, campaign: Campaign, reason: str
                 ) -> None:
    """A submitted or approved budget changed: approval starts again from the first level."""
    await _open_round(conn, actor, campaign, "revise", None, reason)


async def approve(actor: Principal, campaign_id: int, comment: str | None = None,
                  expected_version: int | None = None) -> Campaign:
    """Approve the current level; the last level's approval approves the budget."""
    note = validation.text("comment", comment, max_len=1000)
    async with outbox.atomic() as conn:
        campaign = await _load_submitted(conn, actor, campaign_id, "approve", expected_version)
        # a budget submitted before goals were required is not approved without one either
        await campaigns.require_goals(conn, campaign)
        rnd = await _current_round(conn, campaign)
        on_behalf = await _decider(conn, actor, campaign, rnd, "approve")
        level = campaign.approval_level or 0
        now = clock.now()
        last = level + 1 >= len(rnd.route)
        before_state = campaign.approval_state
        if last:
            after_state = await machines.workflow(WORKFLOW).fire(before_state, "approve")
            values: dict[str, Any] = {
                "approval_state": after_state, "approval_level": None, "pending_role": None,
                "approved_total": campaign.budget_total, "approved_at": now}
        else:
            after_state = before_state
            values = {"approval_level": level + 1, "pending_role": rnd.route[level + 1]}
        # The level's deadline, then the versioned update: of two approvers racing on one
        # level, the second waits on those rows and then finds the version moved (Conflict).
        if last:
            await deadlines.meet(conn, deadlines.APPROVAL, campaign.id)
        else:
            await _track_level(conn, campaign, now)
        await _decide(conn, actor, campaign, rnd, on_behalf, "approve",
                      ApprovalDecisionKind.APPROVED.value, after_state, values,
                      expected_version, note, now, outcome="approved" if last else None)
        if last:
            await notifications.notify(
                conn, [rnd.submitted_by_id, campaign.owner_id],
                NotificationKind.APPROVAL_DECISION.value,
                f"预算已批准：{campaign.code} {campaign.name}",
                f"合计 ¥{campaign.budget_total}", object_type=OBJECT, object_id=campaign.id,
                exclude=actor.id)
        else:
            await _notify_level(conn, campaign)
        return campaign


async def reject(actor: Principal, campaign_id: int, comment: str | None,
                 expected_version: int | None = None) -> Campaign:
    """Reject at the current level: the budget goes back to its author, comments kept."""
    note = validation.text("comment", comment, max_len=1000)
    async with outbox.atomic() as conn:
        campaign = await _load_submitted(conn, actor, campaign_id, "reject", expected_version)
        rnd = await _current_round(conn, campaign)
        on_behalf = await _decider(conn, actor, campaign, rnd, "reject")
        after_state = await machines.workflow(WORKFLOW).fire(campaign.approval_state, "reject",
                                                              comment=note)
        values = {"approval_state": after_state, "approval_level": None, "pending_role": None}
        await deadlines.meet(conn, deadlines.APPROVAL, campaign.id)
        await _decide(conn, actor, campaign, rnd, on_behalf, "reject",
                      ApprovalDecisionKind.REJECTED.value, after_state, values,
                      expected_version, note, clock.now(), outcome="rejected")
        await notifications.notify(
            conn, [rnd.submitted_by_id, campaign.owner_id],
            NotificationKind.APPROVAL_DECISION.value,
            f"预算被驳回：{campaign.code} {campaign.name}", note,
            object_type=OBJECT, object_id=campaign.id, exclude=actor.id)
        return campaign


async def _decide(conn: BaseDBAsyncClient, actor: Principal, campaign: Campaign,
                  rnd: ApprovalRound, on_behalf: User | None, event: str, decision: str,
                  after_state: str, values: dict[str, Any], expected_version: int | None,
                  note: str | None, now: datetime, *, outcome: str | None) -> None:
    """Record a decision on the current level: the campaign's versioned update, the
    decision row, the round's outcome when it ends, and the audit event."""
    level, role = campaign.approval_level or 0, campaign.pending_role or ""
    before_state = campaign.approval_state
    changes = audit.diff({k: getattr(campaign, k) for k in values}, values)
    version = await versioned_update(conn, campaign, OBJECT, expected_version, values)
    await ApprovalDecision.create(
        using_db=conn, round_id=rnd.id, campaign_id=campaign.id, round_no=rnd.round_no,
        level=level, role=role, approver_id=actor.id,
        on_behalf_of_id=on_behalf.id if on_behalf else None,
        decision=decision, comment=note, at=now)
    if outcome is not None:
        rnd.outcome, rnd.closed_at = outcome, now
        await rnd.save(using_db=conn, update_fields=["outcome", "closed_at"])
    await audit.write_event(
        conn, actor, OBJECT, campaign.id, event, from_state=before_state,
        to_state=after_state, reason=note, version=version,
        changes={**changes, "decision": [None, {
            "level": level + 1, "role": role,
            "on_behalf_of": on_behalf.username if on_behalf else None}]})


async def withdraw(actor: Principal, campaign_id: int, expected_version: int | None = None
                   ) -> Campaign:
    """The submitter takes the budget back before it is decided."""
    async with outbox.atomic() as conn:
        campaign = await _load_submitted(conn, actor, campaign_id, "withdraw",
                                         expected_version)
        require(actor, OBJECT, "withdraw", *campaigns.rel_args(campaign))
        rnd = await _current_round(conn, campaign)
        if rnd.submitted_by_id != actor.id:
            raise Forbidden(OBJECT, "withdraw", "only the one who submitted it withdraws it")
        before_state = campaign.approval_state
        after_state = await machines.workflow(WORKFLOW).fire(before_state, "withdraw")
        values = {"approval_state": after_state, "approval_level": None, "pending_role": None}
        changes = audit.diff({k: getattr(campaign, k) for k in values}, values)
        await deadlines.meet(conn, deadlines.APPROVAL, campaign.id)
        version = await versioned_update(conn, campaign, OBJECT, expected_version, values)
        now = clock.now()
        rnd.outcome, rnd.closed_at = "withdrawn", now
        await rnd.save(using_db=conn, update_fields=["outcome", "closed_at"])
        await audit.write_event(conn, actor, OBJECT, campaign.id, "withdraw",
                                from_state=before_state, to_state=after_state,
                                changes=changes, version=version)
        return campaign


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxItem:
    campaign: Campaign
    level: int
    role: str
    on_behalf_of: User | None
    # Whose eyes the item is shown through: a stand-in sees the budget as the approver does.
    viewer: Principal


async def inbox(actor: Principal, *, first: int | None, after: str | None
                ) -> Page[InboxItem]:
    """Budgets waiting for the caller at their current level (directly or as a deputy)."""
    limit = validate_first(first)
    order = (OrderKey("id"),)
    after_id = int(decode_cursor(after, order)[0]) if after else 0
    stand_ins = await delegators_of(actor.id or 0, _today())
    scopes: list[tuple[str, int | None]] = []
    for role, dept in [(actor.role, actor.department_id),
                       *((u.role, u.department_id) for u in stand_ins)]:
        scope = (role, dept if role == MANAGER else None)
        if scope not in scopes:
            scopes.append(scope)
    conn = db.connection()
    params: list[Any] = []

    def p(value: Any) -> str:
        params.append(value)
        return db.placeholders(conn, 1, start=len(params))[0]

    if not scopes:
        return Page(items=[], has_next=False, has_previous=bool(after), cursors=[],
                    count=_zero)
    me = actor.id or 0
    # Placeholders are numbered as they are written (SQLite's are positional): build the
    # text in order.
    where = f"c.approval_state = {p(ApprovalState.SUBMITTED.value)} AND ("
    where += " OR ".join(
        f"(c.pending_role = {p(role)}"
        + (f" AND c.department_id = {p(dept)})" if role == MANAGER else ")")
        for role, dept in scopes)
    where += (
        f") AND (c.submitted_by_id IS NULL OR c.submitted_by_id <> {p(me)}) "
        "AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.campaign_id = c.id "
        f"AND d.round_no = c.approval_round AND (d.approver_id = {p(me)} "
        f"OR d.on_behalf_of_id = {p(me)}))"
    )
    count_params = list(params)
    page_sql = (f"SELECT c.id FROM campaign c WHERE {where} AND c.id > {p(after_id)} "
                f"ORDER BY c.id LIMIT {p(limit + 1)}")
    ids = [int(r["id"]) for r in await db.fetch_all(conn, page_sql, params)]
    has_next = len(ids) > limit
    ids = ids[:limit]
    rows = await campaigns.by_ids(ids)
    items: list[InboxItem] = []
    for cid in ids:
        c = rows[cid]
        acting_for = None if _eligible(actor, c) else next(
            (u for u in stand_ins if _eligible(u, c)), None)
        items.append(InboxItem(
            campaign=c, level=(c.approval_level or 0) + 1, role=c.pending_role or "",
            on_behalf_of=acting_for,
            viewer=org.principal_of(acting_for) if acting_for else actor))

    async def count() -> int:
        rows = await db.fetch_all(conn, f"SELECT count(*) AS n FROM campaign c WHERE {where}",
                                  count_params)
        return int(rows[0]["n"])

    return Page(items=items, has_next=has_next, has_previous=bool(after),
                cursors=[encode_cursor(i.campaign, order) for i in items], count=count)


async def _zero() -> int:
    return 0


async def decisions(actor: Principal, campaign: Campaign, *, first: int | None,
                    after: str | None) -> Page[ApprovalDecision]:
    require(actor, OBJECT, "read_budget", *campaigns.rel_args(campaign))
    return await paginate(ApprovalDecision.filter(campaign_id=campaign.id), first=first,
                          after=after, order=(OrderKey("id"),))


@dataclass(frozen=True)
class LineChange:
    line_id: int
    change: str  # added | removed | changed
    before: dict[str, Any] | None
    after: dict[str, Any] | None


async def changes_since_approval(actor: Principal, campaign: Campaign) -> list[LineChange]:
    """Budget lines that differ from the last approved budget (empty if never approved)."""
    require(actor, OBJECT, "read_budget", *campaigns.rel_args(campaign))
    last = await ApprovalRound.filter(campaign_id=campaign.id, outcome="approved").order_by(
        "-round_no").first()
    if last is None:
        return []
    before = {int(line["id"]): line for line in last.lines}
    now = {line.id: _line_snapshot(line)
           for line in await BudgetLine.filter(campaign_id=campaign.id).order_by("id")}
    result: list[LineChange] = []
    for line_id in sorted(set(before) | set(now)):
        old, new = before.get(line_id), now.get(line_id)
        if old is None:
            result.append(LineChange(line_id, "added", None, new))
        elif new is None:
            result.append(LineChange(line_id, "removed", old, None))
        elif old != new:
            result.append(LineChange(line_id, "changed", old, new))
    return result


async def current_route(actor: Principal, campaign: Campaign) -> list[RouteLevel] | None:
    """The route of the campaign's current (or last) round, with today's approvers."""
    if not campaigns.can_read_budget(actor, campaign) or campaign.approval_round == 0:
        return None
    rnd = await ApprovalRound.get(campaign_id=campaign.id, round_no=campaign.approval_round)
    return [RouteLevel(level=i + 1, role=role,
                       approvers=await approvers_for(role, campaign.department_id))
            for i, role in enumerate(rnd.route)]
