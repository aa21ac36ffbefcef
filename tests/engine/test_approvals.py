"""Budget approval on the real database: routes, levels, rules, delegation, revisions."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Conflict, Forbidden, GuardFailed, TransitionNotAllowed, ValidationFailed
from engine.models import ApprovalDecision, AuditEvent, Campaign, Notification
from engine.services import approvals, campaigns
from engine.services import org as org_service
from tests.conftest import CampaignFactory

BIG = ("100000", "100000", "100000")      # ¥300,000: manager, director, finance
MEDIUM = ("60000", "40000")               # ¥100,000: manager, director
SMALL = ("5000", "8000", "20000")         # ¥33,000: manager


async def _inbox(who: Principal) -> list[int]:
    page = await approvals.inbox(who, first=100, after=None)
    return [item.campaign.id for item in page.items]


@pytest.mark.parametrize(
    ("amount", "roles"),
    [("30000", ["sales_manager"]), ("50000", ["sales_manager"]),
     ("50000.01", ["sales_manager", "director"]), ("200000", ["sales_manager", "director"]),
     ("200000.01", ["sales_manager", "director", "finance"])],
)
async def test_route_by_band(org: dict[str, Principal], amount: str, roles: list[str]) -> None:
    levels = await approvals.route(org["mkt.chen"], amount, org["mgr.east"].department_id or 0)
    assert [lv.role for lv in levels] == roles
    assert [u.username for u in levels[0].approvers] == ["mgr.east"]
    if len(levels) > 1:
        assert [u.username for u in levels[1].approvers] == ["dir.sun"]


async def test_three_levels_in_order(org: dict[str, Principal],
                                     make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign(amounts=BIG)
    submitted = await approvals.submit(org["mkt.chen"], campaign.id, expected_version=1)
    assert (submitted.approval_state, submitted.approval_level, submitted.pending_role) == (
        "submitted", 0, "sales_manager")
    assert await _inbox(org["mgr.east"]) == [campaign.id]
    assert await _inbox(org["dir.sun"]) == [] and await _inbox(org["mgr.west"]) == []
    with pytest.raises(Forbidden):  # the director's turn has not come
        await approvals.approve(org["dir.sun"], campaign.id)
    after1 = await approvals.approve(org["mgr.east"], campaign.id, comment="同意")
    assert (after1.approval_state, after1.pending_role) == ("submitted", "director")
    assert await _inbox(org["mgr.east"]) == [] and await _inbox(org["dir.sun"]) == [campaign.id]
    await approvals.approve(org["dir.sun"], campaign.id)
    done = await approvals.approve(org["fin.qian"], campaign.id, comment="财务复核通过")
    assert done.approval_state == "approved" and done.pending_role is None
    assert done.approved_total == Decimal("300000.00")
    decisions = await ApprovalDecision.filter(campaign_id=campaign.id).order_by("id")
    assert [(d.level, d.role, d.approver_id, d.decision) for d in decisions] == [
        (0, "sales_manager", org["mgr.east"].id, "approved"),
        (1, "director", org["dir.sun"].id, "approved"),
        (2, "finance", org["fin.qian"].id, "approved"),
    ]
    requests = await Notification.filter(kind="approval_request").order_by("id")
    assert [n.recipient_id for n in requests] == [org["mgr.east"].id, org["dir.sun"].id,
                                                  org["fin.qian"].id]
    told = await Notification.get(kind="approval_decision")
    assert told.recipient_id == org["mkt.chen"].id
    actions = [e.action for e in await AuditEvent.filter(object_type="campaign").order_by("id")]
    assert actions == ["create", "submit", "approve", "approve", "approve"]


async def test_nobody_approves_what_they_submitted(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    campaign = await make_campaign(actor="mgr.east", amounts=SMALL)
    with pytest.raises(ValidationFailed) as caught:  # the only manager is the submitter
        await approvals.submit(org["mgr.east"], campaign.id)
    assert caught.value.rule == "no_approver"
    assert (await Campaign.get(id=campaign.id)).approval_state == "draft"
    await org_service.create_user(org["admin"], username="mgr.east2", display_name="副经理",
                                  role="sales_manager", department_code="east")
    await approvals.submit(org["mgr.east"], campaign.id)
    with pytest.raises(Forbidden, match="submitted"):
        await approvals.approve(org["mgr.east"], campaign.id)
    assert campaign.id not in await _inbox(org["mgr.east"])
    second = await org_service.principal_for_username("mgr.east2")
    assert second is not None
    assert (await approvals.approve(second, campaign.id)).approval_state == "approved"


async def test_reject_needs_a_comment_and_resubmission_keeps_history(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    campaign = await make_campaign(amounts=MEDIUM)
    await approvals.submit(org["mkt.chen"], campaign.id)
    await approvals.approve(org["mgr.east"], campaign.id)
    with pytest.raises(GuardFailed) as caught:
        await approvals.reject(org["dir.sun"], campaign.id, comment=" ")
    assert caught.value.field == "comment"
    rejected = await approvals.reject(org["dir.sun"], campaign.id, comment="平台推广费过高")
    assert rejected.approval_state == "rejected"
    with pytest.raises(TransitionNotAllowed):
        await approvals.approve(org["dir.sun"], campaign.id)
    await campaigns.add_budget_line(org["mkt.chen"], campaign.id,
                                    campaigns.BudgetLineInput("other", "缩减后补充", "1"))
    again = await approvals.submit(org["mkt.chen"], campaign.id)
    assert (again.approval_round, again.pending_role) == (2, "sales_manager")
    decisions = await ApprovalDecision.filter(campaign_id=campaign.id).order_by("id")
    assert [(d.round_no, d.decision, d.comment) for d in decisions] == [
        (1, "approved", None), (1, "rejected", "平台推广费过高")]


async def test_only_the_submitter_withdraws(org: dict[str, Principal],
                                           make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign()
    await approvals.submit(org["mkt.chen"], campaign.id)
    with pytest.raises(Forbidden):
        await approvals.withdraw(org["mgr.east"], campaign.id)
    withdrawn = await approvals.withdraw(org["mkt.chen"], campaign.id)
    assert withdrawn.approval_state == "withdrawn"
    assert campaign.id not in await _inbox(org["mgr.east"])
    assert (await approvals.submit(org["mkt.chen"], campaign.id)).approval_state == "submitted"


async def test_changing_an_approved_budget_sends_it_back(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    campaign = await make_campaign(amounts=("30000", "10000"))
    await approvals.submit(org["mkt.chen"], campaign.id)
    await approvals.approve(org["mgr.east"], campaign.id)
    line = (await campaigns.budget_lines_of(org["mkt.chen"], campaign) or [])[0]
    changed, _ = await campaigns.update_budget_line(
        org["mkt.chen"], line.id, campaigns.BudgetLineInput("materials", "更贵的物料", "45000"))
    # ¥55,000 now: back to approval, with the director added to the route
    assert (changed.approval_state, changed.approval_round, changed.pending_role) == (
        "submitted", 2, "sales_manager")
    assert changed.approved_total == Decimal("40000.00")
    diff = await approvals.changes_since_approval(org["mgr.east"], changed)
    assert [(c.line_id, c.change) for c in diff] == [(line.id, "changed")]
    assert diff[0].before and diff[0].before["amount"] == "30000.00"
    assert diff[0].after and diff[0].after["amount"] == "45000.00"
    route = await approvals.current_route(org["mgr.east"], changed)
    assert [lv.role for lv in route or []] == ["sales_manager", "director"]
    revise = await AuditEvent.get(object_type="campaign", action="revise")
    assert (revise.from_state, revise.to_state) == ("approved", "submitted")


async def test_a_change_mid_approval_restarts_from_the_first_level(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    campaign = await make_campaign(amounts=MEDIUM)
    await approvals.submit(org["mkt.chen"], campaign.id)
    await approvals.approve(org["mgr.east"], campaign.id)
    changed, _ = await campaigns.add_budget_line(
        org["mkt.chen"], campaign.id, campaigns.BudgetLineInput("gifts", "礼品", "500"))
    assert (changed.approval_round, changed.approval_level, changed.pending_role) == (
        2, 0, "sales_manager")
    assert await _inbox(org["dir.sun"]) == [] and await _inbox(org["mgr.east"]) == [campaign.id]


async def test_delegate_decides_on_behalf(org: dict[str, Principal],
                                          make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign()
    today = clock.local_date(clock.now(), ZoneInfo("Asia/Shanghai"))
    await approvals.set_delegation(org["mgr.east"], delegate_username="rep.wang",
                                   starts_on=today, ends_on=today + timedelta(days=3))
    await approvals.submit(org["mkt.chen"], campaign.id)
    page = await approvals.inbox(org["rep.wang"], first=10, after=None)
    assert [(i.campaign.id, i.on_behalf_of.username if i.on_behalf_of else None)
            for i in page.items] == [(campaign.id, "mgr.east")]
    # the stand-in sees the budget under review as the manager does
    assert campaigns.can_read_budget(page.items[0].viewer, campaign)
    assert not campaigns.can_read_budget(org["rep.wang"], campaign)
    done = await approvals.approve(org["rep.wang"], campaign.id, comment="代审")
    assert done.approval_state == "approved"
    decision = await ApprovalDecision.get(campaign_id=campaign.id)
    assert (decision.approver_id, decision.on_behalf_of_id) == (org["rep.wang"].id,
                                                                org["mgr.east"].id)


async def test_a_delegation_outside_its_window_grants_nothing(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    campaign = await make_campaign()
    today = clock.local_date(clock.now(), ZoneInfo("Asia/Shanghai"))
    await approvals.set_delegation(org["mgr.east"], delegate_username="rep.wang",
                                   starts_on=today + timedelta(days=2),
                                   ends_on=today + timedelta(days=5))
    await approvals.submit(org["mkt.chen"], campaign.id)
    assert await _inbox(org["rep.wang"]) == []
    with pytest.raises(Forbidden):
        await approvals.approve(org["rep.wang"], campaign.id)


async def test_nobody_decides_two_levels_of_one_round(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    campaign = await make_campaign(amounts=BIG)
    today = clock.local_date(clock.now(), ZoneInfo("Asia/Shanghai"))
    await approvals.set_delegation(org["fin.qian"], delegate_username="dir.sun",
                                   starts_on=today, ends_on=today)
    await approvals.submit(org["mkt.chen"], campaign.id)
    await approvals.approve(org["mgr.east"], campaign.id)
    await approvals.approve(org["dir.sun"], campaign.id)  # as director, level 2
    assert campaign.id not in await _inbox(org["dir.sun"])
    with pytest.raises(Forbidden, match="already decided"):
        await approvals.approve(org["dir.sun"], campaign.id)  # as finance's deputy, level 3
    assert (await Campaign.get(id=campaign.id)).pending_role == "finance"


async def test_concurrent_approvals_of_one_level(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    await org_service.create_user(org["admin"], username="mgr.east2", display_name="副经理",
                                  role="sales_manager", department_code="east")
    second = await org_service.principal_for_username("mgr.east2")
    assert second is not None
    campaign = await make_campaign(amounts=MEDIUM)
    submitted = await approvals.submit(org["mkt.chen"], campaign.id)
    results = await asyncio.gather(
        approvals.approve(org["mgr.east"], campaign.id, expected_version=submitted.version),
        approvals.approve(second, campaign.id, expected_version=submitted.version),
        return_exceptions=True)
    assert sorted(type(r).__name__ for r in results) == ["Campaign", "Conflict"]
    assert await ApprovalDecision.filter(campaign_id=campaign.id, level=0).count() == 1
    fresh = await Campaign.get(id=campaign.id)
    assert fresh.pending_role == "director" and fresh.version == submitted.version + 1
    assert isinstance(next(r for r in results if not isinstance(r, Campaign)), Conflict)


async def test_admins_set_bands(org: dict[str, Principal],
                                make_campaign: CampaignFactory) -> None:
    with pytest.raises(Forbidden):
        await approvals.set_bands(org["dir.sun"], [{"up_to": None,
                                                    "approvers": ["director"]}])
    with pytest.raises(ValidationFailed) as caught:
        await approvals.set_bands(org["admin"], [{"up_to": 100, "approvers": ["sales_rep"]},
                                                 {"up_to": None, "approvers": ["director"]}])
    assert caught.value.field == "bands"
    await approvals.set_bands(org["admin"], [
        {"up_to": "10000", "approvers": ["sales_manager"]},
        {"up_to": None, "approvers": ["finance"]}])
    levels = await approvals.route(org["mkt.chen"], "33000", org["mkt.chen"].department_id or 0)
    assert [lv.role for lv in levels] == ["finance"]
    campaign = await make_campaign()
    submitted = await approvals.submit(org["mkt.chen"], campaign.id)
    assert submitted.pending_role == "finance"
    assert await AuditEvent.filter(object_type="approval_config", action="set_bands").count() == 1


async def test_a_campaign_without_a_quantified_goal_is_not_submitted(
        org: dict[str, Principal], make_campaign: CampaignFactory) -> None:
    # given: a plan without goals (a draft may have none)
    campaign = await make_campaign(goals=[])
    events = await AuditEvent.filter(object_type="campaign", object_id=campaign.id).count()
    # when
    with pytest.raises(ValidationFailed) as refused:
        await approvals.submit(org["mkt.chen"], campaign.id, expected_version=1)
    # then: refused naming the field, nothing changed
    assert (refused.value.field, refused.value.rule) == ("goals", "required")
    assert "推广目标" in refused.value.message
    after = await Campaign.get(id=campaign.id)
    assert (after.approval_state, after.version, after.approval_round) == ("draft", 1, 0)
    assert await AuditEvent.filter(object_type="campaign",
                                   object_id=campaign.id).count() == events
    assert await _inbox(org["mgr.east"]) == []
    # and once it has a goal it goes
    await campaigns.update(org["mkt.chen"], campaign.id, campaigns.CampaignPatch(
        goals=[campaigns.GoalInput(metric="won_customers", target="20")]), 1)
    assert (await approvals.submit(org["mkt.chen"], campaign.id)).approval_state == "submitted"


async def test_goals_stay_while_the_budget_is_submitted_or_approved(
        org: dict[str, Principal], make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign()
    await approvals.submit(org["mkt.chen"], campaign.id)
    with pytest.raises(ValidationFailed) as refused:
        await campaigns.update(org["mkt.chen"], campaign.id,
                               campaigns.CampaignPatch(goals=[]), None)
    assert (refused.value.field, refused.value.rule) == ("goals", "required")
    assert await campaigns.goals_of(campaign.id) != []
    # a budget submitted before goals were required (its goals gone) is not approved either
    from engine.models import CampaignGoal

    await CampaignGoal.filter(campaign_id=campaign.id).delete()
    with pytest.raises(ValidationFailed) as refused:
        await approvals.approve(org["mgr.east"], campaign.id)
    assert refused.value.field == "goals"
    assert (await Campaign.get(id=campaign.id)).approval_state == "submitted"
    assert await ApprovalDecision.filter(campaign_id=campaign.id).count() == 0
