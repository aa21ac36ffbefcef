"""Campaign plans on the real database: create with everything, validation, updates."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Forbidden, ValidationFailed
from engine.models import (
    AuditEvent,
    BudgetLine,
    Campaign,
    CampaignChannelLink,
    CampaignGoal,
    Notification,
    PhaseWindow,
    Task,
    TaskDependency,
)
from engine.services import campaigns
from tests.conftest import JULY, CampaignFactory

NOON = datetime(2026, 6, 20, 4, 0, tzinfo=UTC)


def _plan(**overrides: object) -> campaigns.CampaignInput:
    data: dict[str, object] = {
        "name": "2026年Q3新品X线上直播推广",
        "campaign_type": "live_stream",
        "start_date": JULY[0],
        "end_date": JULY[1],
        "channels": ["wechat_official", "douyin", "industry_forum"],
        "target_audience": "制造业中小企业负责人，年采购额50万以上",
        "goals": [
            campaigns.GoalInput(metric="new_leads", target="200"),
            campaigns.GoalInput(metric="viewers", target="5000", period_start=date(2026, 7, 20),
                                period_end=date(2026, 7, 20)),
            campaigns.GoalInput(metric="revenue", target="500000.00"),
        ],
        "budget_lines": [
            campaigns.BudgetLineInput(category="materials", description="宣传册", amount="5000"),
            campaigns.BudgetLineInput(category="host", description="主播费用", amount="8000"),
            campaigns.BudgetLineInput(category="platform_promotion", description="平台推广",
                                      amount="20000.50"),
        ],
        "phases": [
            campaigns.PhaseInput(
                phase="preparation", start_date=date(2026, 7, 1), end_date=date(2026, 7, 5),
                tasks=[campaigns.TaskInput(title="撰写直播脚本", owner_username="mkt.chen",
                                           start_date=date(2026, 7, 1),
                                           end_date=date(2026, 7, 5), key="script")]),
            campaigns.PhaseInput(
                phase="warm_up", start_date=date(2026, 7, 6), end_date=date(2026, 7, 15),
                tasks=[campaigns.TaskInput(title="电话邀约客户", owner_username="rep.li",
                                           start_date=date(2026, 7, 6),
                                           end_date=date(2026, 7, 15), key="invite",
                                           depends_on=["script"])]),
            campaigns.PhaseInput(phase="execution", start_date=date(2026, 7, 20),
                                 end_date=date(2026, 7, 20)),
        ],
        "collaborators": [campaigns.CollaboratorInput(department="技术部",
                                                      responsibility="直播支持")],
    }
    data.update(overrides)
    return campaigns.CampaignInput(**data)  # type: ignore[arg-type]


async def test_create_a_full_plan(org: dict[str, Principal]) -> None:
    with clock.frozen(NOON):
        campaign = await campaigns.create(org["mkt.chen"], _plan())
    assert campaign.code == "HD20260620001"
    assert campaign.budget_total == Decimal("33000.50")
    assert campaign.approval_state == "draft" and campaign.version == 1
    assert campaign.owner_id == org["mkt.chen"].id
    assert campaign.department_id == org["mkt.chen"].department_id
    assert campaign.collaborators == [{"department": "技术部", "responsibility": "直播支持"}]
    assert campaign.kpi_alert_threshold == Decimal("0.2")
    channels = await CampaignChannelLink.filter(campaign_id=campaign.id).order_by("id")
    assert [c.channel for c in channels] == ["wechat_official", "douyin", "industry_forum"]
    goals = {g.metric: g for g in await CampaignGoal.filter(campaign_id=campaign.id)}
    assert goals["new_leads"].target == Decimal("200")
    assert goals["viewers"].period_start == date(2026, 7, 20)
    assert goals["revenue"].period_end == JULY[1]
    assert await BudgetLine.filter(campaign_id=campaign.id).count() == 3
    assert await PhaseWindow.filter(campaign_id=campaign.id).count() == 3
    tasks = {t.title: t for t in await Task.filter(campaign_id=campaign.id)}
    assert tasks["电话邀约客户"].owner_id == org["rep.li"].id
    assert tasks["电话邀约客户"].status == "not_started"
    dep = await TaskDependency.get(task_id=tasks["电话邀约客户"].id)
    assert dep.depends_on_id == tasks["撰写直播脚本"].id
    created = await AuditEvent.get(object_type="campaign", object_id=campaign.id)
    assert created.action == "create" and created.changes["budget_total"] == [None, "33000.50"]
    assert await AuditEvent.filter(object_type="task", action="create").count() == 2
    # the rep was told about the task; the creator was not told about their own
    told = await Notification.filter(kind="task_assigned")
    assert [n.recipient_id for n in told] == [org["rep.li"].id]


@pytest.mark.parametrize(
    ("overrides", "field", "rule"),
    [
        ({"end_date": date(2026, 6, 30)}, "end_date", "before_start"),
        ({"channels": ["douyin"]}, "channels", "min_two"),
        ({"channels": ["douyin", "douyin"]}, "channels", "min_two"),
        ({"channels": ["douyin", "fax"]}, "channels", "choice"),
        ({"budget_lines": [campaigns.BudgetLineInput("materials", "x", "-1")]},
         "budget_lines.0.amount", "range"),
        ({"budget_lines": [campaigns.BudgetLineInput("materials", "x", "1.005")]},
         "budget_lines.0.amount", "precision"),
        ({"goals": [campaigns.GoalInput("new_leads", "0")]}, "goals.0.target", "range"),
        ({"goals": [campaigns.GoalInput("new_leads", "10", date(2026, 6, 1))]},
         "goals.0.period_start_date", "outside_campaign"),
        ({"phases": [campaigns.PhaseInput("preparation", date(2026, 7, 1), date(2026, 7, 2),
                                          [campaigns.TaskInput("t", "rep.li", date(2026, 7, 30),
                                                               date(2026, 8, 2))])]},
         "phases.0.tasks.0.end_date", "outside_campaign"),
        ({"phases": [campaigns.PhaseInput("preparation", date(2026, 7, 1), date(2026, 7, 2),
                                          [campaigns.TaskInput("t", "nobody", date(2026, 7, 1),
                                                               date(2026, 7, 2))])]},
         "phases.0.tasks.0.owner_username", "unknown_user"),
        ({"phases": [campaigns.PhaseInput(
            "preparation", date(2026, 7, 1), date(2026, 7, 9),
            [campaigns.TaskInput("a", "rep.li", date(2026, 7, 1), date(2026, 7, 2), key="a",
                                 depends_on=["b"]),
             campaigns.TaskInput("b", "rep.li", date(2026, 7, 1), date(2026, 7, 2), key="b",
                                 depends_on=["a"])])]},
         "depends_on", "cycle"),
        ({"owner_username": "ghost"}, "owner_username", "unknown_user"),
        ({"kpi_alert_threshold": "0"}, "kpi_alert_threshold", "range"),
        ({"name": ""}, "name", "required"),
    ],
)
async def test_bad_plans_name_the_field_and_save_nothing(
    org: dict[str, Principal], overrides: dict[str, object], field: str, rule: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        await campaigns.create(org["mkt.chen"], _plan(**overrides))
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert await Campaign.all().count() == 0
    assert await Task.all().count() == 0
    assert await AuditEvent.all().filter(object_type__in=["campaign", "task"]).count() == 0


async def test_who_may_plan(org: dict[str, Principal]) -> None:
    made = await campaigns.create(org["mgr.east"], _plan())
    assert made.department_id == org["mgr.east"].department_id
    with pytest.raises(Forbidden):
        await campaigns.create(org["rep.li"], _plan())
    with pytest.raises(Forbidden):  # marketing plans only for its own department
        await campaigns.create(org["mkt.chen"], _plan(department_code="west"))
    assert await Campaign.all().count() == 1


async def test_update_plan_fields_and_lists(org: dict[str, Principal],
                                           make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign()
    updated = await campaigns.update(
        org["mkt.chen"], campaign.id,
        campaigns.CampaignPatch(name="新名称", channels=["douyin", "xiaohongshu"],
                                goals=[campaigns.GoalInput("uv", "10000")]),
        expected_version=1)
    assert updated.name == "新名称" and updated.version == 2
    assert [g.metric for g in await CampaignGoal.filter(campaign_id=campaign.id)] == ["uv"]
    event = await AuditEvent.get(object_type="campaign", action="update")
    assert event.changes["channels"] == [["wechat_official", "douyin"], ["douyin", "xiaohongshu"]]
    assert event.changes["name"] == [campaign.name, "新名称"]


async def test_dates_cannot_leave_tasks_outside(org: dict[str, Principal]) -> None:
    campaign = await campaigns.create(org["mkt.chen"], _plan())
    with pytest.raises(ValidationFailed) as caught:
        await campaigns.update(org["mkt.chen"], campaign.id,
                               campaigns.CampaignPatch(end_date=date(2026, 7, 10)), None)
    assert caught.value.rule == "tasks_outside"
    assert (await Campaign.get(id=campaign.id)).end_date == JULY[1]


async def test_reps_do_not_see_budgets(org: dict[str, Principal],
                                       make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign()
    assert await campaigns.budget_lines_of(org["rep.li"], campaign) is None
    lines = await campaigns.budget_lines_of(org["mgr.east"], campaign)
    assert lines is not None and len(lines) == 3
    assert await campaigns.get(org["rep.zhao"], campaign_id=campaign.id) is not None


async def test_budget_lines_keep_the_total_derived(org: dict[str, Principal],
                                                   make_campaign: CampaignFactory) -> None:
    campaign = await make_campaign(amounts=("1000",))
    mkt = org["mkt.chen"]
    campaign, line = await campaigns.add_budget_line(
        mkt, campaign.id, campaigns.BudgetLineInput("venue", "场地", "2500.25"),
        expected_version=1)
    assert campaign.budget_total == Decimal("3500.25") and campaign.version == 2
    campaign, line = await campaigns.update_budget_line(
        mkt, line.id, campaigns.BudgetLineInput("venue", "场地(加大)", "3000"),
        expected_version=1)
    assert campaign.budget_total == Decimal("4000.00")
    campaign = await campaigns.remove_budget_line(mkt, line.id, expected_version=2)
    assert campaign.budget_total == Decimal("1000.00")
    actions = [e.action for e in await AuditEvent.filter(object_type="campaign").order_by("id")]
    assert actions == ["create", "budget_line_added", "budget_line_changed",
                       "budget_line_removed"]
    with pytest.raises(ValidationFailed) as caught:
        await campaigns.add_budget_line(mkt, campaign.id,
                                        campaigns.BudgetLineInput("venue", "x", "-5"))
    assert caught.value.field == "amount"
    with pytest.raises(Forbidden):
        await campaigns.add_budget_line(org["rep.li"], campaign.id,
                                        campaigns.BudgetLineInput("venue", "x", "5"))
    assert (await Campaign.get(id=campaign.id)).budget_total == Decimal("1000.00")


async def test_gantt(org: dict[str, Principal]) -> None:
    campaign = await campaigns.create(org["mkt.chen"], _plan())
    with clock.frozen(datetime(2026, 7, 10, 4, 0, tzinfo=UTC)):
        gantt = await campaigns.gantt(org["rep.li"], campaign.id)
    assert gantt.today == date(2026, 7, 10)
    assert [p.phase for p in gantt.phases] == ["preparation", "warm_up", "execution"]
    prep, warm, execution = gantt.phases
    assert (prep.start_date, prep.end_date, prep.progress) == (date(2026, 7, 1),
                                                               date(2026, 7, 5), 0)
    script = prep.tasks[0]
    assert script.late and not script.blocked  # ended on the 5th, not done
    invite = warm.tasks[0]
    assert invite.blocked and not invite.late and invite.depends_on == [script.task.id]
    assert execution.tasks == []
