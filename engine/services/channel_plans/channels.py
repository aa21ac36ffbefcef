"""A plan's candidate channels: scored on the five weighted criteria, then selected (or
not), onboarded, operated and reviewed (workflows/plan_channel.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, outbox, validation
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.models import ChannelPlan, PlanChannel
from engine.models.enums import Channel, PlanChannelEvent
from engine.services import org
from engine.services.analytics import evaluation
from engine.services.channel_plans import access, common
from engine.services.channel_plans.access import CHANNEL

WORKFLOW = "plan_channel"
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ChannelInput:
    name: str | None = None
    channel: str | None = None
    candidate_key: str | None = None
    scores: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None
    owner_username: str | None = None
    revenue_target: Any = None
    orders_target: int | None = None
    new_customers_target: int | None = None


@dataclass(frozen=True)
class ChannelPatch:
    name: Any = validation.UNSET
    channel: Any = validation.UNSET
    scores: Any = validation.UNSET  # a mapping: the criteria given replace theirs
    note: Any = validation.UNSET
    owner_username: Any = validation.UNSET
    revenue_target: Any = validation.UNSET
    orders_target: Any = validation.UNSET
    new_customers_target: Any = validation.UNSET


def model() -> evaluation.EvaluationModel:
    return evaluation.channel_evaluation()[0]


def clean_scores(prefix: str, raw: Mapping[str, Any]) -> dict[str, str]:
    """Scores by criterion, within the evaluation scale, to a tenth (kept as text)."""
    m = model()
    out: dict[str, str] = {}
    for key, value in raw.items():
        where = f"{prefix}scores.{key}"
        if key not in evaluation.CRITERIA:
            raise ValidationFailed(where, f"unknown criterion {key!r}; one of "
                                   f"{', '.join(evaluation.CRITERIA)}", rule="choice")
        if value is None:
            continue
        try:
            score = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise ValidationFailed(where, "a score is a number", rule="format") from None
        if not score.is_finite() or score != score.quantize(TENTH):
            raise ValidationFailed(where, "a score has at most one decimal", rule="precision")
        if not m.scale_min <= score <= m.scale_max:
            raise ValidationFailed(where, f"a score is {m.scale_min}–{m.scale_max}",
                                   rule="range")
        out[key] = _text(score)
    return out


def _text(score: Decimal) -> str:
    """A score as stored: 4, 3.5 (no trailing zeros, never an exponent)."""
    return format(score.normalize(), "f")


def _target_int(field_name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationFailed(field_name, f"{field_name} is a whole number ≥ 0", rule="range")
    return value


def clean_targets(prefix: str, data: Any) -> dict[str, Any]:
    return {
        "revenue_target": validation.money(f"{prefix}revenue_target", data.revenue_target),
        "orders_target": _target_int(f"{prefix}orders_target", data.orders_target),
        "new_customers_target": _target_int(f"{prefix}new_customers_target",
                                            data.new_customers_target),
    }


async def _clean(prefix: str, data: ChannelInput, default_owner: int) -> dict[str, Any]:
    candidate: dict[str, Any] | None = None
    if data.candidate_key:
        candidate = next((c for c in model().candidates if c["key"] == data.candidate_key),
                         None)
        if candidate is None:
            keys = ", ".join(c["key"] for c in model().candidates)
            raise ValidationFailed(f"{prefix}candidate_key", f"no candidate "
                                   f"{data.candidate_key!r}; one of {keys}", rule="unknown")
    name = validation.text(f"{prefix}name", data.name, max_len=100) or (
        candidate["name"] if candidate else None)
    if name is None:
        raise ValidationFailed(f"{prefix}name", "name the channel", rule="required")
    raw_channel = data.channel or (candidate["channel"] if candidate else None) or "other"
    scores = {k: _text(v) for k, v in candidate["scores"].items()} if candidate else {}
    scores |= clean_scores(prefix, data.scores)
    owner = await common.owner_or(f"{prefix}owner_username", data.owner_username,
                                  default_owner)
    return {
        "name": name,
        "channel": validation.enum_value(f"{prefix}channel", Channel, raw_channel).value,
        "candidate_key": data.candidate_key or None,
        "scores": scores,
        "note": validation.text(f"{prefix}note", data.note, max_len=500)
        or (candidate["note"][:500] if candidate else None),
        "owner_id": owner.id,
        **clean_targets(prefix, data),
    }


async def clean_new(candidate_keys: Sequence[str] | None, inputs: Sequence[ChannelInput],
                    default_owner: int) -> list[dict[str, Any]]:
    """The channels a new plan starts with: candidates of the evaluation file, and more."""
    keys = [c["key"] for c in model().candidates] if candidate_keys is None \
        else list(candidate_keys)
    planned = [await _clean(f"candidates.{i}.", ChannelInput(candidate_key=k), default_owner)
               for i, k in enumerate(keys)]
    planned += [await _clean(f"channels.{i}.", c, default_owner) for i, c in enumerate(inputs)]
    seen: set[str] = set()
    for i, item in enumerate(planned):
        if item["name"] in seen:
            raise ValidationFailed("channels" if i >= len(keys) else "candidates",
                                   f"the channel {item['name']!r} is listed twice",
                                   rule="duplicate")
        seen.add(item["name"])
    if len(planned) > 20:
        raise ValidationFailed("channels", "at most 20 channels per plan", rule="max_items")
    return planned


async def insert(conn: BaseDBAsyncClient, actor: Principal, plan: ChannelPlan,
                 values: dict[str, Any]) -> PlanChannel:
    row = await common.insert_part(conn, actor, plan, PlanChannel, audit_type=CHANNEL,
                                   workflow=WORKFLOW, state_field="stage", values=values)
    return row


async def add(actor: Principal, plan_id: int, data: ChannelInput) -> PlanChannel:
    async with outbox.atomic() as conn:
        plan = await access.plan_for(conn, actor, plan_id)
        access.open_for_changes(plan)
        values = await _clean("", data, plan.owner_id)
        access.require_part(actor, CHANNEL, "create", values["owner_id"], plan)
        if await PlanChannel.filter(plan_id=plan.id, name=values["name"]).using_db(
                conn).exists():
            raise ValidationFailed("name", f"the plan has a channel {values['name']!r}",
                                   rule="duplicate")
        if await PlanChannel.filter(plan_id=plan.id).using_db(conn).count() >= 20:
            raise ValidationFailed("plan", "at most 20 channels per plan", rule="max_items")
        return await insert(conn, actor, plan, values)


async def update(actor: Principal, channel_id: int, patch: ChannelPatch,
                 expected_version: int | None = None) -> PlanChannel:
    async with outbox.atomic() as conn:
        row, plan = await access.part_to_change(conn, actor, CHANNEL, channel_id,
                                                "update")
        values: dict[str, Any] = {}
        if patch.name is not validation.UNSET:
            values["name"] = validation.required_text("name", patch.name, max_len=100)
            if values["name"] != row.name and await PlanChannel.filter(
                    plan_id=plan.id, name=values["name"]).using_db(conn).exists():
                raise ValidationFailed("name", f"the plan has a channel {values['name']!r}",
                                       rule="duplicate")
        if patch.channel is not validation.UNSET:
            values["channel"] = validation.enum_value("channel", Channel, patch.channel).value
        if patch.scores is not validation.UNSET:
            values["scores"] = {**row.scores, **clean_scores("", patch.scores or {})}
        if patch.note is not validation.UNSET:
            values["note"] = validation.text("note", patch.note, max_len=500)
        if patch.owner_username is not validation.UNSET:
            values["owner_id"] = (await org.resolve_user("owner_username",
                                                         patch.owner_username)).id
        if patch.revenue_target is not validation.UNSET:
            values["revenue_target"] = validation.money("revenue_target", patch.revenue_target)
        for key in ("orders_target", "new_customers_target"):
            if getattr(patch, key) is not validation.UNSET:
                values[key] = _target_int(key, getattr(patch, key))
        await common.patch(conn, actor, row, audit_type=CHANNEL, values=values,
                           expected_version=expected_version)
        return row


def missing_criteria(row: PlanChannel) -> list[str]:
    return [c for c in evaluation.CRITERIA if c not in (row.scores or {})]


def allowed_events(actor: Principal, row: PlanChannel, plan: ChannelPlan) -> list[str]:
    return common.part_events(actor, CHANNEL, WORKFLOW, row.stage, row.owner_id, plan)


async def advance(actor: Principal, channel_id: int, event: str, *, note: str | None = None,
                  expected_version: int | None = None) -> PlanChannel:
    """evaluate (all five criteria scored), select, reject (note = reason), reconsider,
    start_onboarding and go_live (the plan active), review (note = review), continue,
    discontinue (note = reason)."""
    event_v = validation.enum_value("event", PlanChannelEvent, event).value
    note_v = validation.text("note", note, max_len=1000)
    async with outbox.atomic() as conn:
        row, plan = await access.part_to_change(conn, actor, CHANNEL, channel_id,
                                                event_v)
        now = clock.now()
        extra: dict[str, Any] = {"stage_reason": note_v}
        if event_v == PlanChannelEvent.SELECT.value:
            extra["selected_at"] = now
        if event_v == PlanChannelEvent.GO_LIVE.value:
            extra["live_at"] = now
        if event_v == PlanChannelEvent.REVIEW.value:
            extra["review_note"] = note_v
        await common.fire(conn, actor, row, workflow=WORKFLOW, audit_type=CHANNEL,
                          event=event_v, state_field="stage", context={
                              "missing_criteria": missing_criteria(row),
                              "plan_state": plan.state, "reason": note_v,
                              "review_note": note_v},
                          expected_version=expected_version, extra=extra, reason=note_v)
        return row


def ranking(rows: Sequence[PlanChannel]) -> dict[int, evaluation.ChannelEvaluation]:
    """The weighted evaluation of the plan's fully scored channels, by channel id."""
    m = model()
    scored = [r for r in rows if not missing_criteria(r)]
    ranked = evaluation.rank(evaluation.EvaluationModel(
        m.scale_min, m.scale_max, m.criteria,
        [{"key": str(r.id), "name": r.name, "channel": r.channel, "note": r.note or "",
          "scores": {k: Decimal(v) for k, v in r.scores.items()}} for r in scored]))
    return {int(e.key): e for e in ranked}


async def rankings_of(plan_ids: Iterable[int]
                      ) -> dict[int, dict[int, evaluation.ChannelEvaluation]]:
    """Each plan's ranking (`ranking`), by plan id, in one query."""
    rows: dict[int, list[PlanChannel]] = {int(i): [] for i in plan_ids}
    for row in await PlanChannel.filter(plan_id__in=list(rows)).order_by("id"):
        rows[row.plan_id].append(row)
    return {plan_id: ranking(found) for plan_id, found in rows.items()}
