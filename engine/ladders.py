"""Escalation ladders and house rules as data (workflows/escalation.yaml), validated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Any

import yaml

from engine.calendar import WEEKDAYS, Offset
from engine.machines import WORKFLOWS_DIR, WorkflowDefinitionError

MARK, NOTIFY_OWNER, NOTIFY_MANAGER = "mark", "notify_owner", "notify_manager"
NOTIFY_SUBMITTER, FLAG = "notify_submitter", "flag_for_reassignment"
ALLOWED: dict[str, frozenset[str]] = {
    "follow_up": frozenset({MARK, NOTIFY_OWNER, NOTIFY_MANAGER, FLAG}),
    "task": frozenset({MARK, NOTIFY_OWNER, NOTIFY_MANAGER, FLAG}),
    "approval": frozenset({NOTIFY_OWNER, NOTIFY_MANAGER, NOTIFY_SUBMITTER}),
    "exception_acknowledge": frozenset({NOTIFY_OWNER, NOTIFY_MANAGER}),
    "exception_resolve": frozenset({NOTIFY_OWNER, NOTIFY_MANAGER}),
    "plan_milestone": frozenset({MARK, NOTIFY_OWNER, NOTIFY_MANAGER}),
    "plan_risk": frozenset({NOTIFY_OWNER, NOTIFY_MANAGER}),
}


@dataclass(frozen=True)
class Step:
    index: int
    offset: Offset
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Ladder:
    kind: str
    description: str
    steps: tuple[Step, ...]
    due_after: Offset | None = None


@dataclass(frozen=True)
class HouseRules:
    daily_reminder_at: time
    digest_weekday: int
    digest_at: time


@dataclass(frozen=True)
class EscalationConfig:
    ladders: dict[str, Ladder]
    house_rules: HouseRules
    path: Path


def _time(raw: Any, where: str) -> time:
    try:
        return time.fromisoformat(str(raw))
    except ValueError:
        raise WorkflowDefinitionError(f"{where}: {raw!r} is not HH:MM") from None


def parse(path: Path, data: Any) -> EscalationConfig:
    where = path.name
    if not isinstance(data, dict) or not isinstance(data.get("ladders"), dict):
        raise WorkflowDefinitionError(f"{where}: expected 'ladders:' by kind")
    raw_ladders: dict[str, Any] = data["ladders"]
    unknown = set(raw_ladders) - set(ALLOWED)
    if unknown:
        raise WorkflowDefinitionError(
            f"{where}: unknown ladder(s) {sorted(unknown)} (known: {sorted(ALLOWED)})")
    missing = set(ALLOWED) - set(raw_ladders)
    if missing:
        raise WorkflowDefinitionError(f"{where}: no ladder for {sorted(missing)}")
    ladders: dict[str, Ladder] = {}
    for kind, raw in raw_ladders.items():
        label = f"{where}: ladder {kind!r}"
        steps_raw = raw.get("steps") if isinstance(raw, dict) else None
        if not isinstance(steps_raw, list) or not steps_raw:
            raise WorkflowDefinitionError(f"{label}: needs at least one step")
        steps: list[Step] = []
        for i, step in enumerate(steps_raw):
            if not isinstance(step, dict):
                raise WorkflowDefinitionError(f"{label}: step {i + 1} must be a mapping")
            offset = Offset.parse(step.get("at", "0"), f"{label}, step {i + 1}")
            actions = step.get("actions")
            if not isinstance(actions, list) or not actions:
                raise WorkflowDefinitionError(f"{label}, step {i + 1}: no actions")
            for action in actions:
                if action not in ALLOWED[kind]:
                    raise WorkflowDefinitionError(
                        f"{label}, step {i + 1}: action {action!r} does not apply "
                        f"(allowed: {', '.join(sorted(ALLOWED[kind]))})")
            if steps and offset.unit == steps[-1].offset.unit and \
                    offset.amount < steps[-1].offset.amount:
                raise WorkflowDefinitionError(f"{label}, step {i + 1}: offsets must grow")
            steps.append(Step(index=i, offset=offset, actions=tuple(actions)))
        due_after = raw.get("due_after")
        if kind == "approval" and due_after is None:
            raise WorkflowDefinitionError(f"{label}: needs 'due_after' (e.g. 2d)")
        ladders[kind] = Ladder(
            kind=kind, description=str(raw.get("description") or ""), steps=tuple(steps),
            due_after=Offset.parse(due_after, f"{label}, due_after")
            if due_after is not None else None)
    rules = data.get("house_rules") or {}
    daily = rules.get("daily_reminder") or {}
    digest = rules.get("weekly_digest") or {}
    weekday = str(digest.get("weekday", "mon"))
    if weekday not in WEEKDAYS:
        raise WorkflowDefinitionError(f"{where}: weekly_digest.weekday {weekday!r}")
    return EscalationConfig(
        ladders=ladders,
        house_rules=HouseRules(
            daily_reminder_at=_time(daily.get("at", "16:30"), f"{where}: daily_reminder.at"),
            digest_weekday=WEEKDAYS[weekday],
            digest_at=_time(digest.get("at", "09:00"), f"{where}: weekly_digest.at")),
        path=path,
    )


DEFAULT_PATH = WORKFLOWS_DIR / "escalation.yaml"
_config: EscalationConfig | None = None


def load(path: Path | None = None) -> EscalationConfig:
    global _config
    target = path or DEFAULT_PATH
    try:
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise WorkflowDefinitionError(f"{target.name}: not valid YAML: {exc}") from None
    _config = parse(target, data)
    return _config


def current() -> EscalationConfig:
    return _config if _config is not None else load()


def ladder(kind: str) -> Ladder:
    return current().ladders[kind]
