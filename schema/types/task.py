"""Campaign tasks and the Gantt view."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from engine import clock
from engine.models import Task as TaskRow
from engine.models.enums import CampaignPhase as DomainPhase
from engine.models.enums import TaskStatus as DomainStatus
from engine.services import campaigns
from schema.context import Info
from schema.enums import CampaignPhase, TaskStatus
from schema.types.org import User


@strawberry.type(description="A task of a campaign phase (任务).")
class Task:
    id: strawberry.ID = strawberry.field(description="Task id.")
    phase: CampaignPhase = strawberry.field(description="The phase it belongs to.")
    title: str = strawberry.field(description="What is to be done.")
    description: str | None = strawberry.field(description="Details.")
    start_date: date = strawberry.field(description="Planned first day.")
    end_date: date = strawberry.field(description="Planned last day.")
    status: TaskStatus = strawberry.field(description="not started / in progress / delayed / done.")
    status_label: str = strawberry.field(description="Chinese label of the status.")
    status_reason: str | None = strawberry.field(description="Why delayed, when it is.")
    progress: int = strawberry.field(description="Percent done, 0–100.")
    started_at: datetime | None = strawberry.field(description="When it was started.")
    completed_at: datetime | None = strawberry.field(description="When it was completed.")
    version: int = strawberry.field(description="Optimistic-lock version; pass it back.")
    flagged_for_reassignment: bool = strawberry.field(
        description="Set by escalation when the task stayed delayed; changing its owner "
        "clears it.")
    _row: strawberry.Private[TaskRow]

    @strawberry.field(description="Who is responsible (负责人).")
    async def owner(self, info: Info) -> User:
        row = await info.context.loaders.user.load(self._row.owner_id)
        assert row is not None
        return User.from_row(row)

    @strawberry.field(description="True when past its end date and not done (today, company time).")
    def late(self, info: Info) -> bool:
        return campaigns.is_late(self._row, clock.local_date(clock.now(),
                                                             info.context.settings.zone))

    @strawberry.field(description="The campaign's id.")
    def campaign_id(self) -> strawberry.ID:
        return strawberry.ID(str(self._row.campaign_id))

    @classmethod
    def from_row(cls, row: TaskRow) -> Task:
        return cls(
            id=strawberry.ID(str(row.id)), phase=CampaignPhase(row.phase), title=row.title,
            description=row.description, start_date=row.start_date, end_date=row.end_date,
            status=TaskStatus(row.status), status_label=DomainStatus.of(row.status).label,
            status_reason=row.status_reason, progress=campaigns.progress_of(row),
            started_at=row.started_at, completed_at=row.completed_at, version=row.version,
            flagged_for_reassignment=row.flagged_for_reassignment, _row=row,
        )


@strawberry.type(description="A bar of the Gantt chart: a task with its dependencies and flags.")
class GanttTask:
    task: Task = strawberry.field(description="The task.")
    depends_on: list[strawberry.ID] = strawberry.field(
        description="Tasks that must be done before this one starts."
    )
    late: bool = strawberry.field(description="Past its end date and not done.")
    blocked: bool = strawberry.field(description="Not done and waiting on an unfinished task.")


@strawberry.type(description="A phase of the Gantt chart with its tasks.")
class GanttPhase:
    phase: CampaignPhase = strawberry.field(description="The phase.")
    label: str = strawberry.field(description="Chinese label, e.g. 预热期.")
    start_date: date | None = strawberry.field(description="The phase window's first day.")
    end_date: date | None = strawberry.field(description="The phase window's last day.")
    progress: int = strawberry.field(description="Mean progress of its tasks, 0–100.")
    tasks: list[GanttTask] = strawberry.field(description="Its tasks, by start date.")


@strawberry.type(description="What a portal needs to draw the campaign's Gantt chart.")
class CampaignGantt:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign.")
    start_date: date = strawberry.field(description="The campaign's first day.")
    end_date: date = strawberry.field(description="The campaign's last day.")
    today: date = strawberry.field(description="Today in the company's time zone.")
    phases: list[GanttPhase] = strawberry.field(description="Phases in order, with tasks.")

    @classmethod
    def from_gantt(cls, gantt: campaigns.Gantt) -> CampaignGantt:
        return cls(
            campaign_id=strawberry.ID(str(gantt.campaign.id)),
            start_date=gantt.campaign.start_date, end_date=gantt.campaign.end_date,
            today=gantt.today,
            phases=[
                GanttPhase(
                    phase=CampaignPhase(p.phase), label=DomainPhase.of(p.phase).label,
                    start_date=p.start_date, end_date=p.end_date, progress=p.progress,
                    tasks=[GanttTask(task=Task.from_row(t.task),
                                     depends_on=[strawberry.ID(str(d)) for d in t.depends_on],
                                     late=t.late, blocked=t.blocked) for t in p.tasks],
                )
                for p in gantt.phases
            ],
        )
