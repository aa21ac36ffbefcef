"""A plan's risk register (风险识别与应对), workflows/plan_risk.yaml.

Each risk has a category (seed 002 names four), likelihood and impact (low / medium /
high; their product ranks the register), the response (应对措施), an owner, a status and
the date its response must be in place by; while the plan runs that date escalates
(ladder plan_risk) until the risk is being mitigated or closed. A risk that occurs, or
is reopened, needs a response again within the template's respond_within.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, outbox, settings, validation
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.models import ChannelPlan, PlanRisk
from engine.models.enums import RiskCategory, RiskEvent, RiskLevel
from engine.services import org
from engine.services.channel_plans import access, common, deadlines
from engine.services.channel_plans.access import RISK

WORKFLOW = "plan_risk"
LEVELS = {RiskLevel.LOW.value: 1, RiskLevel.MEDIUM.value: 2, RiskLevel.HIGH.value: 3}


def exposure(row: PlanRisk) -> int:
    """likelihood × impact, 1 (low, low) to 9 (high, high)."""
    return LEVELS.get(row.likelihood, 0) * LEVELS.get(row.impact, 0)


@dataclass(frozen=True)
class RiskInput:
    category: str
    title: str
    likelihood: str = RiskLevel.MEDIUM.value
    impact: str = RiskLevel.MEDIUM.value
    response: str | None = None
    description: str | None = None
    owner_username: str | None = None
    respond_by: date | None = None


@dataclass(frozen=True)
class RiskPatch:
    category: Any = validation.UNSET
    title: Any = validation.UNSET
    description: Any = validation.UNSET
    likelihood: Any = validation.UNSET
    impact: Any = validation.UNSET
    response: Any = validation.UNSET
    owner_username: Any = validation.UNSET
    respond_by: Any = validation.UNSET


def _today() -> date:
    return clock.local_date(clock.now(), settings.current().zone)


def _check_respond_by(value: date) -> date:
    if value < _today():
        raise ValidationFailed("respond_by", "the response date is in the past",
                               rule="not_past")
    return value


async def insert(conn: BaseDBAsyncClient, actor: Principal, plan: ChannelPlan,
                 values: dict[str, Any]) -> PlanRisk:
    row = await common.insert_part(conn, actor, plan, PlanRisk, audit_type=RISK,
                                   workflow=WORKFLOW, state_field="status", values=values)
    await deadlines.track_risk(conn, plan, row)
    return row


async def add(actor: Principal, plan_id: int, data: RiskInput) -> PlanRisk:
    values: dict[str, Any] = {
        "category": validation.enum_value("category", RiskCategory, data.category).value,
        "title": validation.required_text("title", data.title, max_len=200),
        "description": common.text("description", data.description, 1000),
        "likelihood": validation.enum_value("likelihood", RiskLevel, data.likelihood).value,
        "impact": validation.enum_value("impact", RiskLevel, data.impact).value,
        "response": common.text("response", data.response, 1000),
        "respond_by": _check_respond_by(data.respond_by) if data.respond_by
        else common.respond_by(_today()),
    }
    async with outbox.atomic() as conn:
        plan = await access.plan_for(conn, actor, plan_id)
        access.open_for_changes(plan)
        owner = await common.owner_or("owner_username", data.owner_username, plan.owner_id)
        access.require_part(actor, RISK, "create", owner.id, plan)
        return await insert(conn, actor, plan, {**values, "owner_id": owner.id})


async def update(actor: Principal, risk_id: int, patch: RiskPatch,
                 expected_version: int | None = None) -> PlanRisk:
    """Reassess, rewrite the response, move the date or hand it to someone else."""
    values: dict[str, Any] = {}
    for key, enum in (("category", RiskCategory), ("likelihood", RiskLevel),
                      ("impact", RiskLevel)):
        if getattr(patch, key) is not validation.UNSET:
            values[key] = validation.enum_value(key, enum, getattr(patch, key)).value
    if patch.title is not validation.UNSET:
        values["title"] = validation.required_text("title", patch.title, max_len=200)
    for key in ("description", "response"):
        if getattr(patch, key) is not validation.UNSET:
            values[key] = common.text(key, getattr(patch, key), 1000)
    if patch.respond_by is not validation.UNSET:
        if patch.respond_by is None:
            raise ValidationFailed("respond_by", "a risk keeps a response date",
                                   rule="required")
        values["respond_by"] = _check_respond_by(patch.respond_by)
    async with outbox.atomic() as conn:
        await deadlines.lock(conn, deadlines.RISK_KIND, risk_id)  # deadline first
        row, plan = await access.part_to_change(conn, actor, RISK, risk_id,
                                                "update")
        if patch.owner_username is not validation.UNSET:
            values["owner_id"] = (await org.resolve_user("owner_username",
                                                         patch.owner_username)).id
        changes = await common.patch(conn, actor, row, audit_type=RISK, values=values,
                                     expected_version=expected_version)
        if {"respond_by", "owner_id"} & set(changes):
            await deadlines.track_risk(conn, plan, row)
        return row


def allowed_events(actor: Principal, row: PlanRisk, plan: ChannelPlan) -> list[str]:
    return common.part_events(actor, RISK, WORKFLOW, row.status, row.owner_id, plan)


async def advance(actor: Principal, risk_id: int, event: str, *, note: str | None = None,
                  response: str | None = None, expected_version: int | None = None
                  ) -> PlanRisk:
    """mitigate (the response given or already written), occur (note = what happened),
    close (note = why), reopen (note = why)."""
    event_v = validation.enum_value("event", RiskEvent, event).value
    note_v = validation.text("note", note, max_len=500)
    response_v = common.text("response", response, 1000)
    async with outbox.atomic() as conn:
        await deadlines.lock(conn, deadlines.RISK_KIND, risk_id)  # deadline first
        row, plan = await access.part_to_change(conn, actor, RISK, risk_id,
                                                event_v)
        extra: dict[str, Any] = {"status_reason": note_v}
        if response_v is not None:
            extra["response"] = response_v
        if event_v == RiskEvent.CLOSE.value:
            extra["closed_at"] = clock.now()
        if event_v in (RiskEvent.OCCUR.value, RiskEvent.REOPEN.value):
            extra["respond_by"] = common.respond_by(_today())
        if event_v == RiskEvent.REOPEN.value:
            extra["closed_at"] = None
        await common.fire(conn, actor, row, workflow=WORKFLOW, audit_type=RISK,
                          event=event_v, state_field="status", context={
                              "reason": note_v, "response": response_v or row.response},
                          expected_version=expected_version, extra=extra, reason=note_v)
        await deadlines.track_risk(conn, plan, row)
        return row
