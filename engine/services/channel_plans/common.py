"""What the parts of a channel plan share: input rules, audit writing, versioned firing."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import audit, calendar, clock, machines, validation
from engine.authz import Principal, can
from engine.calendar import Offset
from engine.errors import Conflict, ValidationFailed
from engine.models import ChannelPlan, User
from engine.models.base import Versioned
from engine.services import org
from engine.versioning import versioned_update

MAX_MONTHS = 36
M = TypeVar("M", bound=Versioned)


def month_end(start_month: date, month: int) -> date:
    """The last day of the plan's `month`-th month (1 = its first)."""
    index = start_month.month - 1 + month - 1
    year, month0 = start_month.year + index // 12, index % 12
    return date(year, month0 + 1, monthrange(year, month0 + 1)[1])


def plan_end(plan: ChannelPlan) -> date:
    return month_end(plan.start_month, plan.months)


def respond_by(since: date) -> date:
    """The default response date of a risk: the template's respond_within after `since`."""
    within = machines.plan_template().respond_within
    cal = calendar.current()
    at = cal.add(cal.end_of_day(since), Offset.parse(within, "respond_within"))
    return clock.local_date(at, cal.zone)


def check_start_month(field: str, value: date | None) -> date:
    if value is None:
        raise ValidationFailed(field, f"{field} is required", rule="required")
    if value.day != 1:
        raise ValidationFailed(field, "a plan starts on the first day of a month",
                               rule="month_start")
    if value < date(2000, 1, 1) or value > date(2100, 1, 1):
        raise ValidationFailed(field, f"{field} is out of range", rule="range")
    return value


def check_months(field: str, value: int | None) -> int:
    n = 12 if value is None else value
    if not 1 <= n <= MAX_MONTHS:
        raise ValidationFailed(field, f"{field} must be between 1 and {MAX_MONTHS}",
                               rule="range")
    return n


def check_month_range(prefix: str, month_from: int | None, month_to: int | None,
                      months: int) -> tuple[int, int]:
    if month_from is None or month_to is None:
        field = f"{prefix}month_from" if month_from is None else f"{prefix}month_to"
        raise ValidationFailed(field, "give the milestone's first and last month",
                               rule="required")
    if not 1 <= month_from <= months:
        raise ValidationFailed(f"{prefix}month_from", f"month_from must be 1–{months} (the "
                               "plan's months)", rule="range")
    if not month_from <= month_to <= months:
        raise ValidationFailed(f"{prefix}month_to", f"month_to must be {month_from}–{months}",
                               rule="range")
    return month_from, month_to


async def owner_or(field: str, username: str | None, default_id: int) -> User:
    """The named active user, or the default (the plan's owner)."""
    if username:
        return await org.resolve_user(field, username)
    return await User.get(id=default_id)


def text(field: str, value: Any, max_len: int) -> str | None:
    return validation.text(field, value, max_len=max_len)


async def fire(conn: BaseDBAsyncClient, actor: Principal, row: Versioned, *, workflow: str,
               audit_type: str, event: str, state_field: str, context: dict[str, Any],
               expected_version: int | None, extra: dict[str, Any] | None = None,
               reason: str | None = None) -> str:
    """Fire a workflow event on a row: guards, versioned update, audit. The new state."""
    if expected_version is not None and expected_version != row.version:
        raise Conflict(audit_type, row.pk, row.version)
    before = getattr(row, state_field)
    after = await machines.workflow(workflow).fire(before, event, **context)
    values: dict[str, Any] = {state_field: after, **(extra or {})}
    changes = audit.diff({k: getattr(row, k) for k in values}, values)
    version = await versioned_update(conn, row, audit_type, expected_version, values)
    await audit.write_event(conn, actor, audit_type, row.pk, event, from_state=before,
                            to_state=after, reason=reason, changes=changes, version=version)
    return after


async def insert_part(conn: BaseDBAsyncClient, actor: Principal, plan: ChannelPlan,
                      model: type[M], *, audit_type: str, workflow: str, state_field: str,
                      values: dict[str, Any]) -> M:
    """A new channel, milestone or risk of `plan` in its workflow's first state, audited
    with every value it was given."""
    state = machines.workflow(workflow).initial
    row = await model.create(using_db=conn, plan_id=plan.id, **{state_field: state}, **values)
    await audit.write_event(conn, actor, audit_type, row.pk, "create", to_state=state,
                            version=1, changes={
                                **{k: [None, audit.jsonable(v)] for k, v in values.items()
                                   if v is not None}, "plan": [None, plan.code]})
    return row


def part_events(actor: Principal, kind: str, workflow: str, state: str, owner_id: int,
                plan: ChannelPlan) -> list[str]:
    """Events a part's workflow allows from `state` that `actor` may perform on it."""
    return [e for e in machines.workflow(workflow).allowed_events(state)
            if can(actor, kind, e, owner_id, plan.department_id)]


async def patch(conn: BaseDBAsyncClient, actor: Principal, row: Versioned, *,
                audit_type: str, values: dict[str, Any], expected_version: int | None
                ) -> dict[str, list[Any]]:
    """A versioned update of the fields that changed, audited; the changes."""
    if expected_version is not None and expected_version != row.version:
        raise Conflict(audit_type, row.pk, row.version)
    changes = audit.diff({k: getattr(row, k) for k in values}, values)
    if not changes:
        return {}
    version = await versioned_update(conn, row, audit_type, expected_version, values)
    await audit.write_event(conn, actor, audit_type, row.pk, "update", changes=changes,
                            version=version)
    return changes

