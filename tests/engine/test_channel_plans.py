"""Channel-expansion plans on the real database: the template, the workflows of the plan,
its channels, milestones and risks, permissions, versions, audit, deadlines and KPIs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from engine import clock, escalation
from engine.authz import Principal
from engine.errors import Conflict, Forbidden, GuardFailed, NotFound, ValidationFailed
from engine.models import (
    AuditEvent,
    ChannelPlan,
    Deadline,
    Notification,
    PlanChannel,
    PlanMilestone,
    PlanRisk,
)
from engine.services import rfm
from engine.services.channel_plans import channels, kpis, milestones, plans, risks
from tests.conftest import CustomerFactory

# Monday 3 Aug 2026, 10:00 in Shanghai
NOW = datetime(2026, 8, 3, 2, 0, tzinfo=UTC)
START = date(2026, 8, 1)


async def _plan(org: dict[str, Principal], actor: str = "mkt.chen", **fields: Any
                ) -> ChannelPlan:
    return await plans.create(org[actor], plans.PlanInput(
        **({"name": "2026 网络渠道拓展", "start_month": START,
            "objective": "12个月内新增两类核心网络销售渠道"} | fields)))


async def _parts(plan: ChannelPlan) -> tuple[list[PlanChannel], list[PlanMilestone],
                                             list[PlanRisk]]:
    return (await PlanChannel.filter(plan_id=plan.id).order_by("id"),
            await PlanMilestone.filter(plan_id=plan.id).order_by("id"),
            await PlanRisk.filter(plan_id=plan.id).order_by("id"))


async def test_a_plan_from_the_template(org: dict[str, Principal]) -> None:
    with clock.frozen(NOW):
        plan = await _plan(org)
    assert (plan.state, plan.months, plan.owner_id, plan.department_id) == (
        "draft", 12, org["mkt.chen"].id, org["mkt.chen"].department_id)
    assert plan.code.startswith("QD20260803")
    chans, ms, rs = await _parts(plan)
    # the four candidates of channel_evaluation.yaml, with its scores
    assert [(c.name, c.channel, c.stage) for c in chans] == [
        ("主流综合电商平台", "other", "candidate"),
        ("社交内容电商平台", "xiaohongshu", "candidate"),
        ("自建官方商城/小程序", "website", "candidate"),
        ("垂直领域专业平台", "industry_forum", "candidate")]
    ranked = channels.ranking(chans)
    assert [(ranked[c.id].rank, ranked[c.id].total) for c in chans] == [
        (4, Decimal("3.10")), (2, Decimal("3.55")), (3, Decimal("3.35")), (1, Decimal("3.65"))]
    # seed 002's milestones month by month, due at the end of their last month
    assert [(m.phase, m.month_from, m.month_to, m.due_date, m.status) for m in ms] == [
        ("selection", 1, 1, date(2026, 8, 31), "pending"),
        ("onboarding", 2, 3, date(2026, 10, 31), "pending"),
        ("operation", 4, 6, date(2027, 1, 31), "pending"),
        ("optimisation", 7, 9, date(2027, 4, 30), "pending"),
        ("review", 10, 12, date(2027, 7, 31), "pending")]
    # and its four risks with their responses; response due in 10 working days
    assert [(r.category, r.likelihood, r.impact, r.status, r.respond_by) for r in rs] == [
        ("market_competition", "high", "medium", "open", date(2026, 8, 17)),
        ("platform_policy", "medium", "high", "open", date(2026, 8, 17)),
        ("operating_skill", "medium", "medium", "open", date(2026, 8, 17)),
        ("poor_roi", "medium", "high", "open", date(2026, 8, 17))]
    assert all(r.response for r in rs) and [risks.exposure(r) for r in rs] == [6, 6, 4, 6]
    # audited: the plan and each part; a draft has no deadlines yet
    assert await AuditEvent.filter(object_type="channel_plan", object_id=plan.id).count() == 1
    assert await AuditEvent.filter(object_type__in=[
        "plan_channel", "plan_milestone", "plan_risk"], action="create").count() == 13
    assert await Deadline.all().count() == 0


async def test_plan_workflow_guards_and_deadlines(org: dict[str, Principal]) -> None:
    with clock.frozen(NOW):
        empty = await _plan(org, use_template=False, candidates=[])
        with pytest.raises(GuardFailed) as err:
            await plans.advance(org["mkt.chen"], empty.id, "start")
        assert err.value.field == "channels"
        plan = await _plan(org)
        started = await plans.advance(org["mkt.chen"], plan.id, "start",
                                      expected_version=plan.version)
        assert (started.state, started.version) == ("active", 2)
        # deadlines of every open milestone and risk, due at the end of their working day
        assert await Deadline.filter(kind="plan_milestone").count() == 5
        first = (await _parts(plan))[1][0]
        d = await Deadline.get(kind="plan_milestone", object_id=first.id)
        assert d.due_at == datetime(2026, 8, 31, 10, 0, tzinfo=UTC)  # 18:00 Shanghai
        assert await Deadline.filter(kind="plan_risk", status="active").count() == 4
        # a stale version is a conflict, nothing changes
        with pytest.raises(Conflict):
            await plans.advance(org["mkt.chen"], plan.id, "begin_review", expected_version=1)
        await plans.advance(org["mkt.chen"], plan.id, "begin_review")
        # reviewing meets every deadline
        assert await Deadline.filter(status="active").count() == 0
        with pytest.raises(GuardFailed) as closing:
            await plans.advance(org["mkt.chen"], plan.id, "close")
        assert closing.value.field == "review_summary"
        summary = "两个核心渠道上线，新渠道销售占比提升"
        closed = await plans.advance(org["mkt.chen"], plan.id, "close", note=summary)
        assert (closed.state, closed.review_summary) == ("closed", summary)
        # a finished plan no longer changes
        with pytest.raises(ValidationFailed) as finished:
            await milestones.advance(org["mkt.chen"], first.id, "complete")
        assert finished.value.rule == "finished"
    events = [e.action for e in await AuditEvent.filter(object_type="channel_plan",
                                                        object_id=plan.id).order_by("id")]
    assert events == ["create", "start", "begin_review", "close"]


async def test_channels_through_evaluation_to_review(org: dict[str, Principal]) -> None:
    actor = org["mkt.chen"]
    with clock.frozen(NOW):
        plan = await _plan(org, candidates=["social_content"])
        social = (await _parts(plan))[0][0]
        custom = await channels.add(actor, plan.id, channels.ChannelInput(
            name="抖音小店", channel="douyin", scores={"user_match": 4}, revenue_target="50000"))
        # evaluation needs all five scores
        with pytest.raises(GuardFailed) as err:
            await channels.advance(actor, custom.id, "evaluate")
        assert err.value.field == "scores"
        with pytest.raises(ValidationFailed) as bad:
            await channels.update(actor, custom.id, channels.ChannelPatch(
                scores={"brand_fit": 7}))
        assert (bad.value.field, bad.value.rule) == ("scores.brand_fit", "range")
        await channels.update(actor, custom.id, channels.ChannelPatch(scores={
            "traffic_potential_and_cost": 5, "brand_fit": "3.5", "operational_complexity": 3,
            "profit_and_risk": 3}))
        await channels.advance(actor, custom.id, "evaluate")
        await channels.advance(actor, social.id, "evaluate")
        await channels.advance(actor, social.id, "select")
        with pytest.raises(ValidationFailed) as why:
            await channels.advance(actor, custom.id, "reject")
        assert why.value.field == "reason"
        await channels.advance(actor, custom.id, "reject", note="首年资源有限")
        # onboarding needs the plan started
        with pytest.raises(GuardFailed) as inactive:
            await channels.advance(actor, social.id, "start_onboarding")
        assert inactive.value.field == "plan"
        await plans.advance(actor, plan.id, "start")
        for event in ("start_onboarding", "go_live"):
            await channels.advance(actor, social.id, event)
        await channels.advance(actor, social.id, "review", note="内容种草转化超预期")
        row = await PlanChannel.get(id=social.id)
        assert (row.stage, row.review_note, row.selected_at is not None,
                row.live_at is not None) == ("reviewed", "内容种草转化超预期", True, True)
        ranked = channels.ranking([row, await PlanChannel.get(id=custom.id)])
        assert ranked[custom.id].total == Decimal("3.88")  # 1.2+1.25+0.525+0.45+0.45
        with pytest.raises(ValidationFailed) as dup:
            await channels.add(actor, plan.id, channels.ChannelInput(name="抖音小店"))
        assert dup.value.rule == "duplicate"
    stages = [(e.from_state, e.to_state) for e in await AuditEvent.filter(
        object_type="plan_channel", object_id=social.id, action__not="create").order_by("id")]
    assert stages == [("candidate", "evaluated"), ("evaluated", "selected"),
                      ("selected", "onboarding"), ("onboarding", "operating"),
                      ("operating", "reviewed")]


async def test_who_may_see_and_do_what(org: dict[str, Principal]) -> None:
    with clock.frozen(NOW):
        plan = await _plan(org)
        m = (await _parts(plan))[1][0]
        # the east manager reads the department's plan; west and a rep off the plan do not
        assert await plans.get(org["mgr.east"], plan.id) is not None
        assert await plans.get(org["mgr.west"], plan.id) is None
        assert await plans.get(org["rep.li"], plan.id) is None
        assert await plans.get(org["fin.qian"], plan.id) is not None
        with pytest.raises(Forbidden):
            await plans.update(org["fin.qian"], plan.id, plans.PlanPatch(name="x"))
        with pytest.raises(NotFound):
            await milestones.advance(org["rep.li"], m.id, "start")
        # given the milestone to rep.li: they see the plan and move their milestone only
        await milestones.update(org["mkt.chen"], m.id, milestones.MilestonePatch(
            owner_username="rep.li"))
        assert await plans.get(org["rep.li"], plan.id) is not None
        page = await plans.list_(org["rep.li"], plans.PlanFilter(), first=10, after=None)
        assert [p.id for p in page.items] == [plan.id]
        await milestones.advance(org["rep.li"], m.id, "start")
        with pytest.raises(Forbidden):
            await milestones.update(org["rep.li"], m.id, milestones.MilestonePatch(title="x"))
        with pytest.raises(Forbidden):
            await plans.advance(org["rep.li"], plan.id, "start")
        assert (await PlanMilestone.get(id=m.id)).title != "x"
        # the director may do everything, anywhere
        await plans.advance(org["dir.sun"], plan.id, "start")
        assert [p.id for p in (await plans.list_(org["mgr.west"], plans.PlanFilter(),
                                                 first=10, after=None)).items] == []


async def test_bad_input_names_the_field(org: dict[str, Principal]) -> None:
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"name": " "}, "name", "required"),
        ({"start_month": date(2026, 8, 2)}, "start_month", "month_start"),
        ({"months": 0}, "months", "range"),
        ({"months": 6}, "months", "template"),
        ({"candidates": ["nope"]}, "candidates.0.candidate_key", "unknown"),
        ({"candidates": [], "channels": [channels.ChannelInput(name="A", channel="mars")]},
         "channels.0.channel", "choice"),
        ({"candidates": ["own_store", "own_store"]}, "candidates", "duplicate"),
        ({"owner_username": "nobody"}, "owner_username", "unknown_user"),
        ({"department_code": "north"}, "department_code", "unknown"),
    ]
    for fields, field, rule in cases:
        with clock.frozen(NOW), pytest.raises(ValidationFailed) as err:
            await _plan(org, **fields)
        assert (err.value.field, err.value.rule) == (field, rule), fields
    assert await ChannelPlan.all().count() == 0


async def test_milestones_and_risks(org: dict[str, Principal]) -> None:
    actor = org["mkt.chen"]
    with clock.frozen(NOW) as advance:
        plan = await _plan(org)
        await plans.advance(actor, plan.id, "start")
        _, ms, rs = await _parts(plan)
        extra = await milestones.add(actor, plan.id, milestones.MilestoneInput(
            phase="optimisation", title="开通辅助渠道：视频号", month_from=7, month_to=8))
        assert extra.due_date == date(2027, 3, 31)
        with pytest.raises(ValidationFailed) as months:
            await milestones.add(actor, plan.id, milestones.MilestoneInput(
                phase="review", title="x", month_from=11, month_to=13))
        assert (months.value.field, months.value.rule) == ("month_to", "range")
        # moving the due date moves the deadline
        await milestones.update(actor, ms[0].id, milestones.MilestonePatch(
            due_date=date(2026, 9, 4)))
        d = await Deadline.get(kind="plan_milestone", object_id=ms[0].id)
        assert (d.due_at, d.generation) == (datetime(2026, 9, 4, 10, tzinfo=UTC), 2)
        # a risk: mitigating it meets its deadline; when it occurs it needs a response again
        await risks.advance(actor, rs[1].id, "mitigate")
        assert (await Deadline.get(kind="plan_risk", object_id=rs[1].id)).status == "met"
        advance(timedelta(days=30))
        await risks.advance(actor, rs[1].id, "occur", note="平台佣金上调")
        occurred = await PlanRisk.get(id=rs[1].id)
        assert (occurred.status, occurred.respond_by) == ("occurred", date(2026, 9, 16))
        assert (await Deadline.get(kind="plan_risk", object_id=rs[1].id)).status == "active"
        own = await risks.add(actor, plan.id, risks.RiskInput(
            category="other", title="物流高峰延迟", likelihood="low", impact="high"))
        with pytest.raises(GuardFailed) as guard:
            await risks.advance(actor, own.id, "mitigate")
        assert guard.value.field == "response"
        await risks.advance(actor, own.id, "mitigate", response="与两家物流商签订高峰协议")
        assert (await PlanRisk.get(id=own.id)).response == "与两家物流商签订高峰协议"
        # a milestone done by its due date is on time, after it late (today: 2 Sep)
        done = await milestones.advance(actor, ms[0].id, "complete")
        assert milestones.timing(done, date(2026, 9, 2)) == "on_time"
        await milestones.update(actor, ms[1].id, milestones.MilestonePatch(
            due_date=date(2026, 8, 20)))
        late = await milestones.advance(actor, ms[1].id, "complete")
        assert milestones.timing(late, date(2026, 9, 2)) == "late"
        assert milestones.timing(ms[2], date(2027, 2, 1)) == "overdue"
        with pytest.raises(Conflict):
            await risks.update(actor, rs[0].id, risks.RiskPatch(impact="high"),
                               expected_version=5)


async def test_deadlines_escalate_like_tasks(org: dict[str, Principal]) -> None:
    actor = org["mkt.chen"]
    with clock.frozen(NOW) as advance:
        plan = await _plan(org)
        _, ms, rs = await _parts(plan)
        await milestones.update(actor, ms[0].id, milestones.MilestonePatch(
            owner_username="rep.li"))
        await plans.advance(actor, plan.id, "start")
        await risks.advance(actor, rs[1].id, "mitigate")
        # the risks' responses are due Monday 17 Aug, the first milestone Monday 31 Aug,
        # both at 18:00
        advance(datetime(2026, 8, 31, 10, tzinfo=UTC) - clock.now())
        # the three open risks (step 0 on 17 Aug) and the milestone's step 0; then the
        # risks' step 1 (two working days later), also past: the next run applies it
        assert await escalation.apply_due() == 3 + 1
        assert await escalation.apply_due() == 3
        row = await PlanMilestone.get(id=ms[0].id)
        assert (row.status, row.status_reason) == ("delayed", "escalated")
        notes = [(n.title, n.recipient_id) for n in await Notification.filter(
            object_type="plan_milestone").order_by("id")]
        assert notes == [(f"里程碑已逾期：{plan.code} {ms[0].title}", org["rep.li"].id)]
        advance(timedelta(days=1))
        assert await escalation.apply_due() == 1
        escalated = {n.recipient_id for n in await Notification.filter(
            object_type="plan_milestone", kind="escalation")}
        assert escalated == {org["mkt.chen"].id, org["mgr.east"].id}
        risk_owner = {n.recipient_id for n in await Notification.filter(
            object_type="plan_risk", kind="reminder")}
        assert risk_owner == {org["mkt.chen"].id}
        # completing the milestone meets its deadline: no further steps
        await milestones.advance(org["rep.li"], ms[0].id, "complete")
        advance(timedelta(days=10))
        before = await Notification.filter(object_type="plan_milestone").count()
        await escalation.apply_due()
        assert await Notification.filter(object_type="plan_milestone").count() == before
    assert await AuditEvent.filter(object_type="plan_milestone", action="mark_delayed",
                                   actor_name="system").count() == 1


async def test_kpis_against_targets(org: dict[str, Principal],
                                    make_customer: CustomerFactory) -> None:
    actor = org["mkt.chen"]
    with clock.frozen(NOW) as advance:
        plan = await _plan(org, candidates=["social_content", "own_store"])
        social, store = (await _parts(plan))[0]
        await channels.update(actor, social.id, channels.ChannelPatch(
            revenue_target="10000", orders_target=4))
        customer = await make_customer(owner="rep.li", source_channel="xiaohongshu")
        advance(timedelta(days=10))
        for day, amount in ((date(2026, 8, 5), "3000"), (date(2026, 8, 10), "1500.50"),
                            (date(2026, 7, 30), "999")):  # the last before the plan
            await rfm.record_order(org["rep.li"], rfm.OrderInput(
                customer_id=customer.id, order_date=day, amount=amount,
                channel="xiaohongshu"))
        rows = {k.channel.id: k for k in await kpis.of_plan(
            plan, [await PlanChannel.get(id=social.id), store])}
    s, w = rows[social.id], rows[store.id]
    assert (s.date_from, s.date_to) == (START, date(2026, 8, 13))
    assert (s.revenue, s.orders, s.aov.value, s.new_customers) == (
        Decimal("4500.50"), 2, Decimal("2250.25"), 1)
    assert (s.revenue_achievement.value, s.orders_achievement.value) == (
        Decimal("0.4501"), Decimal("0.5000"))
    assert s.new_customers_achievement.reason == "no target set"
    assert (w.revenue, w.orders, w.aov.reason) == (Decimal("0.00"), 0, "no orders in the period")


async def test_export_and_report(org: dict[str, Principal], test_settings: Any,
                                 tmp_path: Any) -> None:
    import asyncio
    import csv
    import io

    import openpyxl

    from engine.report.plan_data import gather
    from engine.services import exports
    from tests.engine.test_report_cli import _run

    actor = org["mkt.chen"]
    with clock.frozen(NOW) as advance:
        plan = await _plan(org)
        other = await _plan(org, actor="dir.sun", name="华西拓展", department_code="west",
                            use_template=False, candidates=["own_store"])
        _, ms, _ = await _parts(plan)
        await plans.advance(actor, plan.id, "start")
        await milestones.update(actor, ms[0].id, milestones.MilestonePatch(
            due_date=date(2026, 8, 10)))
        advance(timedelta(days=14))
        await milestones.advance(actor, ms[0].id, "complete")
        # the export: plans in the caller's scope, one row each; XLSX adds the parts
        prepared = await exports.prepare(org["mgr.east"], "channel-plans", "csv", "zh", {})
        body = b"".join([c async for c in prepared.stream()])
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[0][:4] == ["计划编号", "计划名称", "核心目标", "状态"]
        assert [r[0] for r in rows[1:]] == [plan.code]
        assert rows[1][3:6] == ["执行中", "2026-08-01", "12"]
        assert rows[1][9:15] == ["4", "", "5", "1", "1", "4"]
        xlsx = await exports.prepare(org["dir.sun"], "channel-plans", "xlsx", "en",
                                     {"state": ["DRAFT"]})
        book = openpyxl.load_workbook(io.BytesIO(b"".join([c async for c in xlsx.stream()])))
        assert book.sheetnames == ["Channel plans", "Plan channels", "Plan milestones",
                                   "Plan risks"]
        assert [r[0] for r in book["Channel plans"].iter_rows(min_row=2, values_only=True)] \
            == [other.code]
        assert [r[1:3] for r in book["Plan channels"].iter_rows(min_row=2, values_only=True)] \
            == [("自建官方商城/小程序", "WEBSITE")]
        event = await AuditEvent.filter(object_type="export", action="channel-plans").first()
        assert event is not None and event.changes["rows"] == [None, 1]
        with pytest.raises(ValidationFailed) as bad:
            await exports.prepare(actor, "channel-plans", "csv", "zh", {"state": ["LIVE"]})
        assert bad.value.field == "state"
        # the report's data: channels ranked, milestones on time or late, risks by exposure
        data = await gather(org["mgr.east"], plan.code.lower())
        assert [c.rank for c in data.channels] == [1, 2, 3, 4]
        assert [m.timing for m in data.milestones][:2] == ["late", "open"]
        assert data.risks[0].exposure == 6 and data.risks[-1].exposure == 4
        with pytest.raises(NotFound):
            await gather(org["mgr.west"], plan.code)
    out = tmp_path / "plan.pdf"
    written = await asyncio.to_thread(_run, test_settings, plan.code, "--plan", "--out",
                                      str(out), "--as", "mgr.east")
    assert written.returncode == 0, written.stderr.decode()
    assert out.read_bytes().startswith(b"%PDF-")
    html = await asyncio.to_thread(_run, test_settings, str(plan.id), "--plan", "--format",
                                   "html", "--out", "-")
    assert "《渠道拓展复盘报告》" in html.stdout.decode()
    denied = await asyncio.to_thread(_run, test_settings, plan.code, "--plan", "--as",
                                     "rep.li", "--out", str(tmp_path / "no.pdf"))
    assert denied.returncode == 1 and not (tmp_path / "no.pdf").exists()
