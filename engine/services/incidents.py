"""Exceptions during a campaign (异常处理流程), workflows/exception_handling.yaml.

Anyone on the campaign (its owner, a task owner, its department) reports one; the campaign
owner's manager is copied. Acknowledge and resolve deadlines are set when it is reported,
for the deadline worker to escalate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import (
    audit,
    calendar,
    clock,
    codes,
    deadlines,
    machines,
    outbox,
    settings,
    validation,
)
from engine.authz import NoAccess, Principal, Rel, authorizer, can, require, scope_filter
from engine.calendar import Offset
from engine.errors import Conflict, Forbidden, NotFound, ValidationFailed
from engine.models import Campaign, Incident, Task, User
from engine.models.enums import IncidentEvent, IncidentState, NotificationKind, Severity
from engine.pagination import Page, empty_page, paginate
from engine.services import campaigns, notifications, org
from engine.versioning import versioned_update

OBJECT = "exception"
AUDIT_TYPE = "exception"
WORKFLOW = "exception_handling"
CODE_PREFIX = "YC"


def due(since: datetime, key: str) -> datetime:
    """`since` plus a deadline of exception_handling.yaml, counted in working time."""
    raw = machines.workflow(WORKFLOW).settings["deadlines"][key]
    return calendar.current().add(since, Offset.parse(raw, f"exception_handling {key}"))


@dataclass(frozen=True)
class IncidentInput:
    campaign_id: int
    problem: str
    cause: str | None = None
    impact: str | None = None
    proposed_solution: str | None = None
    severity: str = Severity.MEDIUM.value
    task_id: int | None = None


async def _reporter_relation(conn: BaseDBAsyncClient, actor: Principal, campaign: Campaign
                             ) -> str:
    """Everyone on the campaign counts as its own: owner and task owners."""
    if actor.id is not None and (
        actor.id == campaign.owner_id
        or await Task.filter(campaign_id=campaign.id, owner_id=actor.id).using_db(conn).exists()
    ):
        return Rel.OWN
    return actor.relation(None, campaign.department_id)


async def report(actor: Principal, data: IncidentInput) -> Incident:
    values: dict[str, Any] = {
        "problem": validation.required_text("problem", data.problem, max_len=500),
        "cause": validation.text("cause", data.cause, max_len=500),
        "impact": validation.text("impact", data.impact, max_len=500),
        "proposed_solution": validation.text("proposed_solution", data.proposed_solution,
                                             max_len=500),
        "severity": validation.enum_value("severity", Severity, data.severity).value,
    }
    async with outbox.atomic() as conn:
        campaign = await campaigns.load_for(conn, actor, data.campaign_id)
        rel = await _reporter_relation(conn, actor, campaign)
        if not authorizer().allowed(actor, OBJECT, "report", rel):
            raise Forbidden(OBJECT, "report",
                            "only people on the campaign (owner, task owners, its department) "
                            "report its exceptions")
        if data.task_id is not None:
            task = await Task.filter(id=data.task_id, campaign_id=campaign.id).using_db(
                conn).first()
            if task is None:
                raise ValidationFailed("task_id", "that task is not part of this campaign",
                                       rule="unknown_task")
        now = clock.now()
        code = await codes.next_code(conn, CODE_PREFIX,
                                     clock.local_date(now, settings.current().zone))
        state = machines.workflow(WORKFLOW).initial
        row = await Incident.create(
            using_db=conn, code=code, campaign_id=campaign.id, task_id=data.task_id,
            reporter_id=actor.id, state=state, reported_at=now,
            acknowledge_due_at=due(now, "acknowledge_within"),
            resolve_due_at=due(now, "resolve_within"), **values)
        for kind, at in ((deadlines.EXCEPTION_ACK, row.acknowledge_due_at),
                         (deadlines.EXCEPTION_RESOLVE, row.resolve_due_at)):
            await deadlines.set_deadline(conn, kind, row.id, at, owner_id=campaign.owner_id,
                                          department_id=campaign.department_id)
        await audit.write_event(
            conn, actor, AUDIT_TYPE, row.id, "report", to_state=state, version=1,
            changes={**{k: [None, v] for k, v in values.items()}, "code": [None, code],
                     "campaign": [None, campaign.code], "task_id": [None, data.task_id]})
        owner = await User.filter(id=campaign.owner_id).using_db(conn).get()
        managers = [m.id for m in await org.managers_of(owner.department_id)]
        severity = Severity.of(values["severity"]).label
        await notifications.notify(
            conn, [campaign.owner_id, *managers], NotificationKind.INCIDENT_COPY.value,
            f"异常上报（{severity}）：{campaign.code} {campaign.name}", values["problem"],
            object_type=AUDIT_TYPE, object_id=row.id, exclude=actor.id)
        return row


def allowed_events(actor: Principal, incident: Incident, campaign: Campaign) -> list[str]:
    """Events the workflow allows from the current state and that `actor` may perform."""
    wf = machines.workflow(WORKFLOW)
    return [e for e in wf.allowed_events(incident.state)
            if can(actor, OBJECT, e, *campaigns.rel_args(campaign))]


async def fire(actor: Principal, incident_id: int, event: str, *, note: str | None = None,
               expected_version: int | None = None) -> Incident:
    """acknowledge, start_resolving, resolve (note = resolution), close, reopen (note)."""
    event_v = validation.enum_value("event", IncidentEvent, event).value
    note_v = validation.text("note", note, max_len=1000)
    async with outbox.atomic() as conn:
        row = await Incident.filter(id=incident_id).using_db(conn).first()
        if row is None:
            raise NotFound(OBJECT, incident_id)
        campaign = await Campaign.filter(id=row.campaign_id).using_db(conn).get()
        if not can(actor, OBJECT, "read", *campaigns.rel_args(campaign)):
            raise NotFound(OBJECT, incident_id)
        require(actor, OBJECT, event_v, *campaigns.rel_args(campaign))
        if expected_version is not None and expected_version != row.version:
            raise Conflict(OBJECT, row.id, row.version)
        before = row.state
        after = await machines.workflow(WORKFLOW).fire(
            before, event_v, resolution=note_v, reason=note_v)
        now = clock.now()
        values: dict[str, Any] = {"state": after}
        # deadlines first (the escalation job locks in the same order)
        if event_v == IncidentEvent.ACKNOWLEDGE.value:
            await deadlines.meet(conn, deadlines.EXCEPTION_ACK, row.id)
        elif event_v == IncidentEvent.RESOLVE.value:
            await deadlines.meet(conn, deadlines.EXCEPTION_RESOLVE, row.id)
        elif event_v == IncidentEvent.REOPEN.value:
            values["resolve_due_at"] = due(now, "resolve_within")
            await deadlines.set_deadline(
                conn, deadlines.EXCEPTION_RESOLVE, row.id, values["resolve_due_at"],
                owner_id=campaign.owner_id, department_id=campaign.department_id)
        if after == IncidentState.ACKNOWLEDGED.value:
            values["acknowledged_at"] = now
        if after == IncidentState.RESOLVED.value:
            values.update(resolved_at=now, resolution=note_v)
        if after == IncidentState.CLOSED.value:
            values["closed_at"] = now
        if event_v == IncidentEvent.REOPEN.value:
            values["resolved_at"] = None
        changes = audit.diff({k: getattr(row, k) for k in values}, values)
        version = await versioned_update(conn, row, OBJECT, expected_version, values)
        await audit.write_event(conn, actor, AUDIT_TYPE, row.id, event_v, from_state=before,
                                to_state=after, reason=note_v, changes=changes,
                                version=version)
        await notifications.notify(
            conn, [row.reporter_id, campaign.owner_id], NotificationKind.INCIDENT_UPDATE.value,
            f"异常{IncidentState.of(after).label}：{row.code}", note_v,
            object_type=AUDIT_TYPE, object_id=row.id, exclude=actor.id)
        return row


async def get(actor: Principal, incident_id: int) -> Incident | None:
    row = await Incident.get_or_none(id=incident_id)
    if row is None:
        return None
    campaign = await Campaign.get(id=row.campaign_id)
    return row if can(actor, OBJECT, "read", *campaigns.rel_args(campaign)) else None


@dataclass(frozen=True)
class IncidentFilter:
    campaign_id: int | None = None
    states: Sequence[str] = ()
    severities: Sequence[str] = ()
    reporter_username: str | None = None
    open_only: bool = False


async def list_(actor: Principal, flt: IncidentFilter, *, first: int | None,
                after: str | None) -> Page[Incident]:
    try:
        scope = scope_filter(actor, OBJECT, "read", owner_field="campaign__owner_id",
                             department_field="campaign__department_id")
    except NoAccess:
        return empty_page()
    qs = Incident.all() if scope is None else Incident.filter(scope)
    if flt.campaign_id is not None:
        qs = qs.filter(campaign_id=flt.campaign_id)
    if flt.states:
        qs = qs.filter(state__in=[validation.enum_value("state", IncidentState, s).value
                                  for s in flt.states])
    if flt.severities:
        qs = qs.filter(severity__in=[validation.enum_value("severity", Severity, s).value
                                     for s in flt.severities])
    if flt.open_only:
        qs = qs.exclude(state__in=[IncidentState.RESOLVED.value, IncidentState.CLOSED.value])
    if flt.reporter_username:
        reporter = await User.get_or_none(username=flt.reporter_username.strip())
        if reporter is None:
            return empty_page()
        qs = qs.filter(reporter_id=reporter.id)
    return await paginate(qs, first=first, after=after)
