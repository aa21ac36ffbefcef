"""State machines as data: `workflows/*.yaml` loaded into one static machine each.

A workflow is validated when loaded (unknown guard, state or event → an error naming the
file and the offending entry). Records are never added to a machine: each fire wraps the
stored state in a throw-away proxy and triggers the shared event directly, the cheap path
STACK-NOTES.md measured (and the one that avoids Tortoise's pk-based equality).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from transitions import MachineError
from transitions.extensions.asyncio import AsyncMachine

from engine.errors import GuardFailed, TransitionNotAllowed
from engine.models.enums import (
    ApprovalEvent,
    ApprovalState,
    CustomerStage,
    CustomerStageEvent,
    FollowUpEvent,
    FollowUpStatus,
    IncidentEvent,
    IncidentState,
    MilestoneEvent,
    MilestoneStatus,
    PlanChannelEvent,
    PlanChannelStage,
    PlanEvent,
    PlanState,
    RiskEvent,
    RiskStatus,
    TaskEvent,
    TaskStatus,
)

WORKFLOWS_DIR = Path(__file__).resolve().parent.parent / "workflows"


class WorkflowDefinitionError(ValueError):
    """A workflow file is malformed; the message names the file and the bad entry."""


@dataclass(frozen=True)
class Guard:
    """A named rule a transition can require. `field` is the input it is about."""

    check: Callable[[Mapping[str, Any]], bool]
    field: str
    message: str


def _text_given(name: str) -> Callable[[Mapping[str, Any]], bool]:
    return lambda ctx: bool(str(ctx.get(name) or "").strip())


def _positive_amount(ctx: Mapping[str, Any]) -> bool:
    amount = ctx.get("deal_amount")
    return isinstance(amount, Decimal) and amount > 0


def _budget_not_empty(ctx: Mapping[str, Any]) -> bool:
    total = ctx.get("budget_total")
    return isinstance(total, Decimal) and total > 0


def _dependencies_done(ctx: Mapping[str, Any]) -> bool:
    return not ctx.get("unfinished_dependencies")


GUARDS: dict[str, Guard] = {
    "deal_amount_given": Guard(
        _positive_amount, "deal_amount", "a won customer needs a deal amount greater than 0"
    ),
    "reason_given": Guard(_text_given("reason"), "reason", "this change needs a reason"),
    "comment_given": Guard(_text_given("comment"), "comment", "a rejection needs a comment"),
    "resolution_given": Guard(
        _text_given("resolution"), "resolution", "resolving needs a resolution note"
    ),
    "budget_not_empty": Guard(
        _budget_not_empty, "budget_lines", "a budget needs lines with a total above 0"
    ),
    "dependencies_done": Guard(
        _dependencies_done, "depends_on", "a task it depends on is not done yet"
    ),
    # channel-expansion plans (seed 002)
    "plan_has_channels": Guard(lambda ctx: int(ctx.get("channels") or 0) > 0, "channels",
                               "a plan starts with at least one candidate channel"),
    "plan_has_milestones": Guard(lambda ctx: int(ctx.get("milestones") or 0) > 0,
                                 "milestones", "a plan starts with its milestones"),
    "review_summary_given": Guard(_text_given("review_summary"), "review_summary",
                                  "closing a plan needs its review summary"),
    "scores_complete": Guard(lambda ctx: not ctx.get("missing_criteria"), "scores",
                             "every evaluation criterion needs a score first"),
    "plan_active": Guard(lambda ctx: ctx.get("plan_state") == PlanState.ACTIVE.value, "plan",
                         "the plan must be active (started, not in review)"),
    "review_note_given": Guard(_text_given("review_note"), "review_note",
                               "a channel's review needs a note"),
    "response_given": Guard(_text_given("response"), "response",
                            "a risk is mitigated by a response: write it first"),
}

# The closed vocabularies each workflow's states and events must come from: GraphQL
# enums are built from these, so a YAML file may not invent a state the API cannot name.
VOCABULARIES: dict[str, tuple[type[StrEnum], type[StrEnum]]] = {
    "customer_stage": (CustomerStage, CustomerStageEvent),
    "follow_up_status": (FollowUpStatus, FollowUpEvent),
    "campaign_approval": (ApprovalState, ApprovalEvent),
    "task_status": (TaskStatus, TaskEvent),
    "exception_handling": (IncidentState, IncidentEvent),
    "channel_plan": (PlanState, PlanEvent),
    "plan_channel": (PlanChannelStage, PlanChannelEvent),
    "plan_milestone": (MilestoneStatus, MilestoneEvent),
    "plan_risk": (RiskStatus, RiskEvent),
}
KNOWN_KEYS = {"workflow", "description", "states", "transitions"}


@dataclass(frozen=True)
class StateDef:
    name: str
    label: str
    initial: bool = False
    final: bool = False


@dataclass(frozen=True)
class TransitionDef:
    trigger: str
    sources: tuple[str, ...]
    dest: str
    guards: tuple[str, ...] = ()
    label: str = ""


class _Proxy:
    __slots__ = ("state",)

    def __init__(self, state: str) -> None:
        self.state = state


@dataclass
class Workflow:
    name: str
    path: Path
    description: str
    states: dict[str, StateDef]
    transitions: list[TransitionDef]
    # Sections beyond the machine (approval bands, deadlines), validated by their users.
    settings: dict[str, Any] = field(default_factory=dict)
    _machine: AsyncMachine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._machine = AsyncMachine(
            model=None,
            states=list(self.states),
            initial=None,
            transitions=[
                {
                    "trigger": t.trigger,
                    "source": list(t.sources),
                    "dest": t.dest,
                    "conditions": [_guard_condition(g) for g in t.guards],
                }
                for t in self.transitions
            ],
            auto_transitions=False,
            send_event=True,
        )

    @property
    def initial(self) -> str:
        return next(s.name for s in self.states.values() if s.initial)

    @property
    def events(self) -> list[str]:
        return list(dict.fromkeys(t.trigger for t in self.transitions))

    def allowed_events(self, state: str) -> list[str]:
        """Events with a transition out of `state` (before guards are asked)."""
        return list(dict.fromkeys(t.trigger for t in self.transitions if state in t.sources))

    def guards_for(self, state: str, event: str) -> list[str]:
        return [g for t in self.transitions if t.trigger == event and state in t.sources
                for g in t.guards]

    def label(self, state: str) -> str:
        return self.states[state].label

    async def fire(self, state: str, event: str, **context: Any) -> str:
        """Return the state `event` leads to from `state`, or raise a typed error.

        Guards see `context`; the first guard that refuses becomes a `GuardFailed`.
        """
        allowed = self.allowed_events(state) if state in self.states else []
        if event not in allowed:
            # refused here, before the machine: an ordinary business refusal is an answer
            # to the caller, not an error `transitions` would log
            raise TransitionNotAllowed(self.name, state, event, allowed)
        proxy = _Proxy(state)
        failures: list[str] = []
        try:
            moved = await self._machine.events[event].trigger(
                proxy, context=context, failures=failures
            )
        except MachineError:
            raise TransitionNotAllowed(
                self.name, state, event, self.allowed_events(state)
            ) from None
        if not moved:
            guard = GUARDS[failures[0]]
            raise GuardFailed(guard.field, guard.message, rule=failures[0])
        return proxy.state


def _guard_condition(name: str) -> Callable[[Any], bool]:
    guard = GUARDS[name]

    def condition(event_data: Any) -> bool:
        ok = guard.check(event_data.kwargs.get("context", {}))
        if not ok:
            event_data.kwargs["failures"].append(name)
        return ok

    condition.__name__ = f"guard_{name}"
    return condition


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def parse_workflow(path: Path, data: Any) -> Workflow:
    where = path.name

    def fail(message: str) -> WorkflowDefinitionError:
        return WorkflowDefinitionError(f"{where}: {message}")

    if not isinstance(data, dict):
        raise fail("expected a mapping with 'workflow', 'states' and 'transitions'")
    name = data.get("workflow")
    if not isinstance(name, str) or not name:
        raise fail("missing 'workflow' (the workflow's name)")
    vocab = VOCABULARIES.get(name)
    if vocab is None:
        raise fail(f"unknown workflow {name!r} (known: {', '.join(sorted(VOCABULARIES))})")
    state_enum, event_enum = vocab
    known_states = {m.value for m in state_enum}
    known_events = {m.value for m in event_enum}

    states: dict[str, StateDef] = {}
    for i, raw in enumerate(_as_list(data.get("states"))):
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise fail(f"states[{i}]: expected a mapping with a 'name'")
        sname = raw["name"]
        if sname not in known_states:
            raise fail(f"state {sname!r} is not one of {sorted(known_states)}")
        if sname in states:
            raise fail(f"state {sname!r} is declared twice")
        states[sname] = StateDef(
            name=sname,
            label=str(raw.get("label") or state_enum(sname).label),  # type: ignore[attr-defined]
            initial=bool(raw.get("initial", False)),
            final=bool(raw.get("final", False)),
        )
    if not states:
        raise fail("no states declared")
    initials = [s.name for s in states.values() if s.initial]
    if len(initials) != 1:
        raise fail(f"exactly one state must be 'initial: true' (found {initials or 'none'})")

    transitions: list[TransitionDef] = []
    for i, raw in enumerate(_as_list(data.get("transitions"))):
        if not isinstance(raw, dict):
            raise fail(f"transitions[{i}]: expected a mapping")
        trigger = raw.get("trigger")
        label = f"transition {trigger!r}" if trigger else f"transitions[{i}]"
        if trigger not in known_events:
            raise fail(f"{label}: trigger must be one of {sorted(known_events)}")
        sources = _as_list(raw.get("source"))
        if sources == ["*"]:
            sources = list(states)
        for src in sources:
            if src not in states:
                raise fail(f"{label}: unknown source state {src!r}")
        if not sources:
            raise fail(f"{label}: no source state")
        dest = raw.get("dest")
        if dest not in states:
            raise fail(f"{label}: unknown dest state {dest!r}")
        guards = _as_list(raw.get("guards"))
        for g in guards:
            if g not in GUARDS:
                raise fail(f"{label}: unknown guard {g!r} (known: {', '.join(sorted(GUARDS))})")
        transitions.append(
            TransitionDef(
                trigger=trigger,
                sources=tuple(sources),
                dest=dest,
                guards=tuple(guards),
                label=str(raw.get("label") or ""),
            )
        )
    for s in states.values():
        if s.final and any(s.name in t.sources for t in transitions):
            raise fail(f"state {s.name!r} is final but has outgoing transitions")
    return Workflow(
        name=name,
        path=path,
        description=str(data.get("description") or ""),
        states=states,
        transitions=transitions,
        settings={k: v for k, v in data.items() if k not in KNOWN_KEYS},
    )


@dataclass(frozen=True)
class Band:
    """Budgets up to `up_to` (inclusive; None: no bound) need these approvers in order."""

    up_to: Decimal | None
    approvers: tuple[str, ...]


def parse_bands(raw: Any, where: str) -> list[Band]:
    """Validate approval bands (from the YAML file or an admin's override)."""
    from engine.models.enums import Role

    roles = {r.value for r in Role}
    if not isinstance(raw, list) or not raw:
        raise WorkflowDefinitionError(f"{where}: approval bands must be a non-empty list")
    bands: list[Band] = []
    for i, item in enumerate(raw):
        label = f"{where}: band {i + 1}"
        if not isinstance(item, dict):
            raise WorkflowDefinitionError(f"{label}: expected 'up_to' and 'approvers'")
        approvers = item.get("approvers")
        if not isinstance(approvers, list) or not approvers:
            raise WorkflowDefinitionError(f"{label}: 'approvers' must list at least one role")
        for role in approvers:
            if role not in roles or role == Role.SALES_REP.value:
                raise WorkflowDefinitionError(f"{label}: {role!r} cannot approve budgets")
        if len(set(approvers)) != len(approvers):
            raise WorkflowDefinitionError(f"{label}: a role appears twice in one route")
        up_to_raw = item.get("up_to")
        up_to: Decimal | None = None
        if up_to_raw is not None:
            try:
                up_to = Decimal(str(up_to_raw))
            except ArithmeticError:
                raise WorkflowDefinitionError(f"{label}: up_to {up_to_raw!r} is not a number"
                                              ) from None
            if not up_to.is_finite() or up_to <= 0:
                raise WorkflowDefinitionError(f"{label}: up_to must be above 0")
            if bands and (bands[-1].up_to is None or bands[-1].up_to >= up_to):
                raise WorkflowDefinitionError(f"{label}: up_to must grow from band to band")
        elif i != len(raw) - 1:
            raise WorkflowDefinitionError(f"{label}: only the last band may have no up_to")
        bands.append(Band(up_to=up_to, approvers=tuple(approvers)))
    if bands[-1].up_to is not None:
        raise WorkflowDefinitionError(f"{where}: the last band needs 'up_to: null' (no bound)")
    return bands


def _check_settings(wf: Workflow) -> None:
    where = wf.path.name
    if wf.name == "campaign_approval":
        approval = wf.settings.get("approval")
        if not isinstance(approval, dict):
            raise WorkflowDefinitionError(f"{where}: missing the 'approval: bands:' section")
        parse_bands(approval.get("bands"), where)
    if wf.name == "channel_plan":
        parse_plan_template(wf.settings.get("template"), where)
    if wf.name == "exception_handling":
        from engine.calendar import Offset

        deadlines = wf.settings.get("deadlines")
        for key in ("acknowledge_within", "resolve_within"):
            value = deadlines.get(key) if isinstance(deadlines, dict) else None
            if value is None:
                raise WorkflowDefinitionError(f"{where}: missing deadlines.{key} (e.g. 4h, 1d)")
            if Offset.parse(value, f"{where}: deadlines.{key}").amount <= 0:
                raise WorkflowDefinitionError(f"{where}: deadlines.{key} must be above 0")


@dataclass(frozen=True)
class MilestoneTemplate:
    phase: str
    month_from: int
    month_to: int
    title: str


@dataclass(frozen=True)
class RiskTemplate:
    category: str
    title: str
    likelihood: str
    impact: str
    response: str


@dataclass(frozen=True)
class PlanTemplate:
    milestones: tuple[MilestoneTemplate, ...]
    risks: tuple[RiskTemplate, ...]
    respond_within: str


def parse_plan_template(raw: Any, where: str) -> PlanTemplate:
    """The channel plan's milestone and risk template (channel_plan.yaml), validated."""
    from engine.calendar import Offset
    from engine.models.enums import PlanPhase, RiskCategory, RiskLevel

    def fail(message: str) -> WorkflowDefinitionError:
        return WorkflowDefinitionError(f"{where}: template: {message}")

    if not isinstance(raw, dict):
        raise fail("expected 'milestones', 'risks' and 'respond_within'")
    milestones: list[MilestoneTemplate] = []
    for i, m in enumerate(_as_list(raw.get("milestones"))):
        months = m.get("months") if isinstance(m, dict) else None
        if not (isinstance(months, list) and len(months) == 2
                and all(isinstance(x, int) for x in months) and 1 <= months[0] <= months[1]):
            raise fail(f"milestones[{i}]: months must be [first, last], 1 ≤ first ≤ last")
        if m.get("phase") not in {p.value for p in PlanPhase}:
            raise fail(f"milestones[{i}]: unknown phase {m.get('phase')!r}")
        if not str(m.get("title") or "").strip():
            raise fail(f"milestones[{i}]: no title")
        milestones.append(MilestoneTemplate(m["phase"], months[0], months[1],
                                            str(m["title"]).strip()))
    risks: list[RiskTemplate] = []
    levels = {lv.value for lv in RiskLevel}
    for i, r in enumerate(_as_list(raw.get("risks"))):
        if not isinstance(r, dict) or r.get("category") not in {c.value for c in RiskCategory}:
            raise fail(f"risks[{i}]: unknown category")
        for key in ("likelihood", "impact"):
            if r.get(key) not in levels:
                raise fail(f"risks[{i}]: {key} must be one of {sorted(levels)}")
        if not str(r.get("title") or "").strip():
            raise fail(f"risks[{i}]: no title")
        risks.append(RiskTemplate(r["category"], str(r["title"]).strip(), r["likelihood"],
                                  r["impact"], str(r.get("response") or "").strip()))
    within = str(raw.get("respond_within") or "")
    if Offset.parse(within, f"{where}: template.respond_within").amount <= 0:
        raise fail("respond_within must be above 0")
    return PlanTemplate(tuple(milestones), tuple(risks), within)


def plan_template() -> PlanTemplate:
    wf = workflow("channel_plan")
    return parse_plan_template(wf.settings.get("template"), wf.path.name)


def default_bands() -> list[Band]:
    wf = workflow("campaign_approval")
    return parse_bands(wf.settings["approval"]["bands"], wf.path.name)


def load_directory(directory: Path = WORKFLOWS_DIR) -> dict[str, Workflow]:
    """Every `*.yaml` with a `workflow:` key is a state machine; others are other data."""
    loaded: dict[str, Workflow] = {}
    for path in sorted(directory.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise WorkflowDefinitionError(f"{path.name}: not valid YAML: {exc}") from None
        if not isinstance(data, dict) or "workflow" not in data:
            continue
        wf = parse_workflow(path, data)
        _check_settings(wf)
        if wf.name in loaded:
            raise WorkflowDefinitionError(
                f"{path.name}: workflow {wf.name!r} is also defined in {loaded[wf.name].path.name}"
            )
        loaded[wf.name] = wf
    missing = set(VOCABULARIES) - set(loaded)
    if missing:
        raise WorkflowDefinitionError(
            f"{directory}: no definition for workflow(s) {', '.join(sorted(missing))}"
        )
    return loaded


_registry: dict[str, Workflow] = {}


def load(directory: Path = WORKFLOWS_DIR) -> dict[str, Workflow]:
    """Load and validate every workflow (at start-up); replaces the registry."""
    global _registry
    _registry = load_directory(directory)
    return _registry


def workflow(name: str) -> Workflow:
    if not _registry:
        load()
    return _registry[name]
