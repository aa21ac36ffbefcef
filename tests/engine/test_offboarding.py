"""Offboarding on the real database: the preview, the refusals that write nothing, and one
audited handover after which nothing stays with the user who left."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Forbidden, ValidationFailed
from engine.models import (
    ApprovalDelegation,
    AuditEvent,
    Campaign,
    Customer,
    Deadline,
    FollowUp,
    Notification,
    Task,
    User,
)
from engine.services import (
    approvals,
    campaigns,
    customers,
    follow_ups,
    offboarding,
    people,
)
from engine.services import (
    org as org_service,
)
from tests.conftest import BACKEND, JULY, CampaignFactory, CustomerFactory

NOON = datetime(2026, 6, 1, 4, 0, tzinfo=UTC)  # Monday 12:00 in Shanghai, before July


async def _rep_li_holds(org: dict[str, Principal], make_customer: CustomerFactory,
                        make_campaign: CampaignFactory) -> dict[str, Any]:
    """rep.li: two customers (one flagged by escalation), an open and a done follow-up,
    and a task of mkt.chen's campaign; rep.wang: a customer of their own."""
    first = await make_customer(owner="rep.li", name="甲")
    second = await make_customer(owner="rep.li", name="乙")
    await Customer.filter(id=second.id).update(flagged_for_reassignment=True,
                                               flag_reason="escalated")
    theirs = await make_customer(owner="rep.wang", name="丙")
    open_fu = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
        customer_id=first.id, customer_code=None, method="phone", summary="回访",
        feedback="neutral", next_action="报价", due_date=date(2026, 6, 3)))
    done_fu = await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
        customer_id=second.id, customer_code=None, method="phone", summary="回访",
        feedback="neutral", next_action="寄样", due_date=date(2026, 6, 3)))
    await follow_ups.complete(org["rep.li"], done_fu.id)
    campaign = await make_campaign(phases=[campaigns.PhaseInput(
        phase="preparation", start_date=JULY[0], end_date=JULY[1], tasks=[
            campaigns.TaskInput(title="电话邀约", owner_username="rep.li",
                                start_date=JULY[0], end_date=date(2026, 7, 5))])])
    task = await Task.get(campaign_id=campaign.id)
    return {"customers": [first.id, second.id], "theirs": theirs.id, "open": open_fu.id,
            "done": done_fu.id, "task": task.id, "campaign": campaign.id}


async def test_the_preview_lists_what_would_move_and_changes_nothing(
    org: dict[str, Principal], make_customer: CustomerFactory, make_campaign: CampaignFactory
) -> None:
    with clock.frozen(NOON):
        held = await _rep_li_holds(org, make_customer, make_campaign)
        before = await AuditEvent.all().count()
        preview = await offboarding.preview(org["admin"], "rep.li", "rep.wang")
        page = await offboarding.held_page(org["admin"], preview.user, "follow_ups",
                                           first=10, after=None)
    assert preview.held.counts == {"customers": 2, "follow_ups": 1, "tasks": 1,
                                   "campaigns": 0, "approvals": 0, "delegations_given": 0,
                                   "delegations_received": 0}
    assert preview.refusals == [] and preview.successor is not None
    assert [f.id for f in page.items] == [held["open"]]
    assert await AuditEvent.all().count() == before
    assert (await User.get(username="rep.li")).active


@pytest.mark.parametrize(
    ("successor", "rule"),
    [
        (None, "required"),
        ("rep.li", "self"),
        ("rep.zhao", "department"),   # west
        ("mkt.chen", "owner_role"),   # east, but marketing holds no customers
        ("nobody", "unknown_user"),
    ],
)
async def test_a_successor_who_cannot_hold_it_is_refused_and_nothing_changes(
    org: dict[str, Principal], make_customer: CustomerFactory, make_campaign: CampaignFactory,
    successor: str | None, rule: str,
) -> None:
    with clock.frozen(NOON):
        await _rep_li_holds(org, make_customer, make_campaign)
        state = await _state()
        with pytest.raises(ValidationFailed) as caught:
            await offboarding.deactivate(org["admin"], "rep.li", successor)
    assert (caught.value.field, caught.value.rule) == ("reassign_to", rule)
    assert await _state() == state


async def _state() -> list[Any]:
    return [
        await User.all().order_by("id").values_list("username", "active", "version"),
        await Customer.all().order_by("id").values_list("owner_id", "version"),
        await FollowUp.all().order_by("id").values_list("assignee_id", "version"),
        await Task.all().order_by("id").values_list("owner_id", "version"),
        await Deadline.all().order_by("id").values_list("owner_id", "version"),
        await AuditEvent.all().count(),
    ]


async def test_the_handover_moves_everything_in_one_audited_step(
    org: dict[str, Principal], make_customer: CustomerFactory, make_campaign: CampaignFactory
) -> None:
    # given
    with clock.frozen(NOON):
        held = await _rep_li_holds(org, make_customer, make_campaign)
        # when
        handover = await offboarding.deactivate(org["admin"], "rep.li", "rep.wang",
                                                reason="离职")
    wang = org["rep.wang"].id
    # then rep.li is inactive and holds nothing
    li = await User.get(username="rep.li")
    assert (li.active, li.deactivated_at is not None, li.version) == (False, True, 2)
    assert handover.moved == {"customers": 2, "follow_ups": 1, "tasks": 1, "campaigns": 0,
                              "approvals": 0, "delegations_given": 0,
                              "delegations_received": 0}
    assert (await offboarding.holdings(None, li)).counts == dict.fromkeys(
        offboarding.KINDS, 0)
    moved = await Customer.filter(id__in=held["customers"]).order_by("id")
    assert [(c.owner_id, c.version, c.flagged_for_reassignment) for c in moved] == [
        (wang, 3, False), (wang, 3, False)]
    assert (await FollowUp.get(id=held["open"])).assignee_id == wang
    # a done follow-up stays as history; its record of who did it is untouched
    assert (await FollowUp.get(id=held["done"])).assignee_id == li.id
    assert (await Task.get(id=held["task"])).owner_id == wang
    assert (await Deadline.get(kind="follow_up", object_id=held["open"])).owner_id == wang
    assert (await Deadline.get(kind="task", object_id=held["task"])).owner_id == wang
    # every record moved is audited, and the user's own event says what moved to whom
    events = await AuditEvent.filter(action="reassign", reason="离职").order_by("id")
    assert sorted((e.object_type, e.object_id) for e in events) == sorted(
        [("customer", i) for i in held["customers"]] + [("follow_up", held["open"]),
                                                        ("task", held["task"])])
    flagged = next(e for e in events if e.object_id == held["customers"][1]
                   and e.object_type == "customer")
    assert flagged.changes == {"owner": ["rep.li", "rep.wang"],
                               "flagged_for_reassignment": [True, False]}
    user_event = await AuditEvent.get(object_type="user", object_id=li.id,
                                      action="deactivate")
    assert user_event.changes["successor"] == [None, "rep.wang"]
    assert user_event.changes["handed_over"][1]["customers"] == 2
    note = await Notification.get(recipient_id=wang, kind="handover")
    assert note.title == "工作交接：李娜 (rep.li)"
    # the successor works with them at once
    assert await customers.get(org["rep.wang"], customer_id=held["customers"][0]) is not None


async def test_a_user_who_holds_nothing_needs_no_successor(org: dict[str, Principal]) -> None:
    handover = await offboarding.deactivate(org["admin"], "fin.qian", None)
    assert handover.moved == {} and not (await User.get(username="fin.qian")).active
    with pytest.raises(ValidationFailed) as caught:
        await offboarding.deactivate(org["admin"], "fin.qian", None)
    assert (caught.value.field, caught.value.rule) == ("username", "inactive")


async def test_admins_are_never_left_without_one(org: dict[str, Principal]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await offboarding.deactivate(org["admin"], "admin", None)
    assert caught.value.rule == "self"
    await org_service.create_user(org["admin"], username="it.admin", display_name="IT",
                                  role="admin", department_code=None)
    it = await org_service.principal_for_username("it.admin")
    assert it is not None
    await offboarding.deactivate(it, "admin", None)
    with pytest.raises(ValidationFailed) as caught:
        await people.update_user(it, it.id or 0, people.UserPatch(active=False), None)
    assert (caught.value.field, caught.value.rule) == ("active", "last_admin")


@pytest.mark.parametrize("role", ["mgr.east", "rep.wang", "mkt.chen", "dir.sun", "fin.qian"])
async def test_only_admins_preview_and_deactivate(
    org: dict[str, Principal], make_customer: CustomerFactory, role: str
) -> None:
    # own (rep.wang on themself), department (mgr.east on rep.li) and other: all refused
    await make_customer(owner="rep.li")
    state = await _state()
    for target in ("rep.li", role, "rep.zhao"):
        with pytest.raises(Forbidden):
            await offboarding.preview(org[role], target, "rep.wang")
        with pytest.raises(Forbidden):
            await offboarding.deactivate(org[role], target, "rep.wang")
    assert await _state() == state


async def test_a_managers_waiting_budgets_and_delegations_move_too(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    # given two more managers in east, a budget waiting on mgr.east, and delegations both
    # ways (as the delegation rule allows: a stand-in holds the same role in the department,
    # or a higher one): mgr.east → dir.sun (away), mgr.east3 → mgr.east
    for username in ("mgr.east2", "mgr.east3"):
        await org_service.create_user(org["admin"], username=username, display_name="副经理",
                                      role="sales_manager", department_code="east")
    second = await org_service.principal_for_username("mgr.east2")
    third = await org_service.principal_for_username("mgr.east3")
    assert second is not None and third is not None
    with clock.frozen(NOON):
        campaign = await make_campaign()
        await approvals.submit(org["mkt.chen"], campaign.id)
        today = date(2026, 6, 1)
        given = await approvals.set_delegation(
            org["mgr.east"], delegate_username="dir.sun", starts_on=today,
            ends_on=today + timedelta(days=10))
        received = await approvals.set_delegation(
            third, delegate_username="mgr.east", starts_on=today,
            ends_on=today + timedelta(days=10))
        preview = await offboarding.preview(org["admin"], "mgr.east", "mgr.east2")
        assert (preview.held.counts["approvals"], preview.held.counts["campaigns"],
                preview.held.counts["delegations_given"],
                preview.held.counts["delegations_received"]) == (1, 0, 1, 1)
        # a rep could not decide the waiting level
        refused = await offboarding.preview(org["admin"], "mgr.east", "rep.wang")
        assert [r.rule for r in refused.refusals] == ["approver"]
        # when
        handover = await offboarding.deactivate(org["admin"], "mgr.east", "mgr.east2")
        # then the budget waits on mgr.east2, who also stands in for mgr.east3 now
        inbox = await approvals.inbox(second, first=10, after=None)
    assert [i.campaign.id for i in inbox.items] == [campaign.id]
    assert (handover.moved["approvals"], handover.moved["delegations_given"],
            handover.moved["delegations_received"]) == (1, 1, 1)
    assert not (await ApprovalDelegation.get(id=given.id)).active
    moved = await ApprovalDelegation.get(id=received.id)
    assert (moved.active, moved.delegate_id) == (True, second.id)
    assert await Notification.filter(recipient_id=second.id,
                                     kind="approval_request").count() >= 1
    with clock.frozen(NOON):
        done = await approvals.approve(second, campaign.id)
    assert done.approval_state == "approved"


@pytest.mark.skipif(BACKEND != "postgres", reason="SQLite runs one writer at a time")
async def test_a_customer_created_during_the_handover_is_not_stranded(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    # given rep.li with customers, and creates for rep.li racing the deactivation
    for _ in range(3):
        await make_customer(owner="rep.li")

    async def create(n: int) -> Any:
        try:
            return await make_customer(owner="rep.li", actor="mgr.east", name=f"并发{n}")
        except ValidationFailed as exc:
            return exc

    outcomes = await asyncio.gather(
        *(create(n) for n in range(5)),
        offboarding.deactivate(org["admin"], "rep.li", "rep.wang"),
        *(create(n) for n in range(5, 10)))
    # then every customer that exists has an active owner, and refusals name the owner
    li = await User.get(username="rep.li")
    assert not li.active
    assert await Customer.filter(owner_id=li.id).count() == 0
    refused = [o for o in outcomes if isinstance(o, ValidationFailed)]
    assert all((r.field, r.rule) in {("owner_username", "unknown_user")} for r in refused)
    created = [o for o in outcomes if isinstance(o, Customer)]
    assert len(created) + len(refused) == 10
    assert await Campaign.all().count() == 0


@pytest.mark.parametrize("blank", ["", "   "])
async def test_who_leaves_must_be_named(org: dict[str, Principal], blank: str) -> None:
    # found by the fuzz test: an empty username was an internal error
    with pytest.raises(ValidationFailed) as refused:
        await offboarding.preview(org["admin"], blank, None)
    assert (refused.value.field, refused.value.rule) == ("username", "required")
