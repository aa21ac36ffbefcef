"""Tasks, KPI tracking, exceptions and notifications on the real database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import Forbidden, GuardFailed, TransitionNotAllowed, ValidationFailed
from engine.models import AuditEvent, Incident, KpiActual, KpiAlert, Notification, Task
from engine.services import campaigns, incidents, kpis, notifications, tasks
from tests.conftest import CampaignFactory


async def _with_tasks(org: dict[str, Principal], make_campaign: CampaignFactory) -> tuple:
    campaign = await make_campaign(phases=[
        campaigns.PhaseInput("preparation", date(2026, 7, 1), date(2026, 7, 5), [
            campaigns.TaskInput("脚本", "mkt.chen", date(2026, 7, 1), date(2026, 7, 5),
                                key="a"),
            campaigns.TaskInput("邀约", "rep.li", date(2026, 7, 3), date(2026, 7, 10),
                                key="b", depends_on=["a"]),
        ])])
    rows = {t.title: t for t in await Task.filter(campaign_id=campaign.id)}
    return campaign, rows["脚本"], rows["邀约"]


async def test_dependencies_block_until_done(org: dict[str, Principal],
                                             make_campaign: CampaignFactory) -> None:
    _, script, invite = await _with_tasks(org, make_campaign)
    with pytest.raises(GuardFailed) as caught:
        await tasks.fire(org["rep.li"], invite.id, "start")
    assert (caught.value.field, caught.value.rule) == ("depends_on", "dependencies_done")
    with pytest.raises(Forbidden):  # a rep starts only their own tasks
        await tasks.fire(org["rep.li"], script.id, "start")
    started = await tasks.fire(org["mkt.chen"], script.id, "start", expected_version=1)
    assert started.status == "in_progress" and started.started_at is not None
    done = await tasks.fire(org["mkt.chen"], script.id, "complete")
    assert done.status == "done" and done.progress == 100
    assert (await tasks.fire(org["rep.li"], invite.id, "start")).status == "in_progress"
    with pytest.raises(TransitionNotAllowed):
        await tasks.fire(org["rep.li"], invite.id, "start")
    events = [(e.action, e.from_state, e.to_state)
              for e in await AuditEvent.filter(object_type="task", object_id=script.id)]
    assert events == [("create", None, "not_started"), ("start", "not_started", "in_progress"),
                      ("complete", "in_progress", "done")]


async def test_task_changes(org: dict[str, Principal], make_campaign: CampaignFactory) -> None:
    campaign, script, invite = await _with_tasks(org, make_campaign)
    with pytest.raises(ValidationFailed) as caught:
        await tasks.update(org["mkt.chen"], script.id,
                           tasks.TaskPatch(depends_on=[invite.id]), None)
    assert caught.value.rule == "cycle"
    with pytest.raises(ValidationFailed) as caught:
        await tasks.update(org["mkt.chen"], script.id,
                           tasks.TaskPatch(end_date=date(2026, 8, 3)), None)
    assert caught.value.rule == "outside_campaign"
    updated = await tasks.update(org["rep.li"], invite.id, tasks.TaskPatch(progress=40), 1)
    assert updated.progress == 40 and updated.version == 2
    with pytest.raises(ValidationFailed):
        await tasks.update(org["rep.li"], invite.id, tasks.TaskPatch(progress=140), None)
    made = await tasks.create(org["mkt.chen"], tasks.TaskCreate(
        campaign_id=campaign.id, phase="review", title="复盘会", owner_username="mgr.east",
        start_date=date(2026, 7, 30), end_date=date(2026, 7, 31), depends_on=[invite.id]))
    assert made.status == "not_started"
    assert await Notification.filter(kind="task_assigned",
                                     recipient_id=org["mgr.east"].id).count() == 1


async def test_kpi_plan_vs_actual_and_one_alert_per_period(
    org: dict[str, Principal], make_campaign: CampaignFactory
) -> None:
    campaign = await make_campaign(goals=[
        campaigns.GoalInput("consultations", "310"),  # 10 a day over July
        campaigns.GoalInput("viewers", "5000", date(2026, 7, 20), date(2026, 7, 20))])
    mkt = org["mkt.chen"]
    # week of Mon 6 July: plan 70; 60 is −14 %, inside the 20 % threshold
    first = await kpis.record(mkt, campaign.id, metric="consultations", granularity="week",
                              period_start=date(2026, 7, 8), value="60")
    assert first.actual.period_start == date(2026, 7, 6)
    assert (first.plan, first.deviation, first.alert) == (Decimal("70.00"),
                                                          Decimal("-0.1429"), None)
    # corrected to 30: −57 %, an alert for the owner
    second = await kpis.record(mkt, campaign.id, metric="consultations", granularity="week",
                               period_start=date(2026, 7, 6), value="30", expected_version=1)
    assert second.alert is not None and second.actual.version == 2
    # corrected again, still off: the period already has its alert
    third = await kpis.record(mkt, campaign.id, metric="consultations", granularity="week",
                              period_start=date(2026, 7, 6), value="20")
    assert third.alert is None
    assert await KpiAlert.filter(campaign_id=campaign.id).count() == 1
    alerts = await Notification.filter(kind="kpi_alert")
    assert [n.recipient_id for n in alerts] == [mkt.id]
    with pytest.raises(ValidationFailed) as caught:
        await kpis.record(mkt, campaign.id, metric="consultations", granularity="day",
                          period_start=date(2026, 7, 1), value="5")
    assert caught.value.rule == "granularity_mixed"
    with pytest.raises(ValidationFailed) as caught:
        await kpis.record(mkt, campaign.id, metric="pv", granularity="day",
                          period_start=date(2026, 7, 1), value="5")
    assert caught.value.rule == "not_a_goal"
    with pytest.raises(ValidationFailed) as caught:  # the engine computes it
        await kpis.record(mkt, campaign.id, metric="new_leads", granularity="day",
                          period_start=date(2026, 7, 1), value="5")
    assert (caught.value.field, caught.value.rule) == ("metric", "derived")
    with pytest.raises(ValidationFailed) as caught:
        await kpis.record(mkt, campaign.id, metric="viewers", granularity="day",
                          period_start=date(2026, 7, 21), value="5")
    assert caught.value.rule == "outside_goal"
    with pytest.raises(Forbidden):
        await kpis.record(org["rep.li"], campaign.id, metric="viewers", granularity="day",
                          period_start=date(2026, 7, 20), value="5")
    await kpis.record(mkt, campaign.id, metric="viewers", granularity="day",
                      period_start=date(2026, 7, 20), value="5600")
    series = {s.goal.metric: s for s in await kpis.series(org["rep.li"], campaign.id, "week")}
    leads = series["consultations"]
    assert [p.start for p in leads.periods][:2] == [date(2026, 6, 29), date(2026, 7, 6)]
    week = leads.periods[1]
    assert (week.plan, week.actual, week.deviation, week.alerted) == (
        Decimal("70.00"), Decimal("20.00"), Decimal("-0.7143"), True)
    assert leads.periods[0].plan == Decimal("50.00")  # 1–5 July inside the goal
    assert leads.periods[2].actual is None and leads.periods[2].deviation_note
    assert leads.actual_total == Decimal("20.00")
    daily = {s.goal.metric: s for s in await kpis.series(org["mkt.chen"], campaign.id, "day")}
    viewers_day = next(p for p in daily["viewers"].periods if p.start == date(2026, 7, 20))
    assert (viewers_day.plan, viewers_day.actual, viewers_day.deviation) == (
        Decimal("5000.00"), Decimal("5600.00"), Decimal("0.1200"))
    assert daily["consultations"].periods[0].deviation_note == \
        "recorded per week: ask for weekly figures"
    assert await KpiActual.filter(campaign_id=campaign.id).count() == 2


async def test_exception_flow(org: dict[str, Principal], make_campaign: CampaignFactory
                              ) -> None:
    campaign, _, invite = await _with_tasks(org, make_campaign)
    at = datetime(2026, 7, 20, 2, 0, tzinfo=UTC)
    with clock.frozen(at):
        row = await incidents.report(org["rep.li"], incidents.IncidentInput(
            campaign_id=campaign.id, problem="直播设备故障", cause="推流服务器宕机",
            impact="直播中断约30分钟", proposed_solution="启用备用设备", severity="high",
            task_id=invite.id))
    assert row.code == "YC20260720001" and row.state == "reported"
    assert row.acknowledge_due_at == at + timedelta(hours=4)
    assert row.resolve_due_at == at + timedelta(hours=24)
    copies = await Notification.filter(kind="incident_copy").order_by("recipient_id")
    assert sorted(n.recipient_id for n in copies) == sorted([org["mkt.chen"].id,
                                                              org["mgr.east"].id])
    with pytest.raises(Forbidden):  # reps report; the campaign's side handles
        await incidents.fire(org["rep.li"], row.id, "acknowledge")
    mkt = org["mkt.chen"]
    await incidents.fire(mkt, row.id, "acknowledge")
    await incidents.fire(mkt, row.id, "start_resolving")
    with pytest.raises(GuardFailed) as caught:
        await incidents.fire(mkt, row.id, "resolve")
    assert caught.value.field == "resolution"
    resolved = await incidents.fire(mkt, row.id, "resolve", note="已启用备用设备，30分钟内恢复")
    assert resolved.resolution and resolved.resolved_at is not None
    with pytest.raises(GuardFailed):
        await incidents.fire(mkt, row.id, "reopen")
    reopened = await incidents.fire(mkt, row.id, "reopen", note="画面仍卡顿")
    assert reopened.state == "resolving" and reopened.resolved_at is None
    await incidents.fire(mkt, row.id, "resolve", note="更换推流码率")
    closed = await incidents.fire(org["mgr.east"], row.id, "close")
    assert closed.state == "closed"
    with pytest.raises(TransitionNotAllowed):
        await incidents.fire(mkt, row.id, "reopen", note="x")
    trail = [e.action for e in await AuditEvent.filter(object_type="exception").order_by("id")]
    assert trail == ["report", "acknowledge", "start_resolving", "resolve", "reopen",
                     "resolve", "close"]
    updates = await Notification.filter(kind="incident_update", recipient_id=org["rep.li"].id)
    assert len(updates) == 6


async def test_who_reports(org: dict[str, Principal], make_campaign: CampaignFactory) -> None:
    campaign, *_ = await _with_tasks(org, make_campaign)
    with pytest.raises(Forbidden):  # not on the campaign, other department
        await incidents.report(org["rep.zhao"], incidents.IncidentInput(
            campaign_id=campaign.id, problem="x"))
    with pytest.raises(Forbidden):  # same department, but reps report only their campaigns
        await incidents.report(org["rep.wang"], incidents.IncidentInput(
            campaign_id=campaign.id, problem="x"))
    with pytest.raises(ValidationFailed) as caught:
        await incidents.report(org["mkt.chen"], incidents.IncidentInput(
            campaign_id=campaign.id, problem=""))
    assert caught.value.field == "problem"
    assert await Incident.all().count() == 0


async def test_notification_inbox(org: dict[str, Principal],
                                  make_campaign: CampaignFactory) -> None:
    await _with_tasks(org, make_campaign)
    rep = org["rep.li"]
    page = await notifications.list_(rep, unread_only=True, first=10, after=None)
    assert [n.kind for n in page.items] == ["task_assigned"]
    assert await notifications.unread_count(org["mgr.east"]) == 0
    assert await notifications.mark_read(org["mgr.east"], [page.items[0].id]) == 0
    assert await notifications.mark_read(rep, [page.items[0].id]) == 1
    assert await notifications.unread_count(rep) == 0
    assert (await notifications.list_(rep, unread_only=False, first=10, after=None)).items

