"""Channel metrics: writing a validated plan, one campaign-channel-day at a time."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import audit
from engine.authz import Principal
from engine.importing.channel_metrics import MetricPlan
from engine.importing.plan import Progress
from engine.models import ImportJob
from engine.services import campaigns, channel_metrics


async def write(conn: BaseDBAsyncClient, actor: Principal, job: ImportJob, plan: MetricPlan,
                progress: Progress) -> None:
    """Insert or update each row's values; one audit event per row that changed something
    (on the campaign, as channelMetricRecord writes it)."""
    for item in plan.items:
        if item.changes:
            values = [(m, v, None) for m, v in item.values.items()]
            _, changes = await channel_metrics.write_day(
                conn, actor, item.campaign_id, item.channel, item.day, values, source="import")
            if changes:
                await audit.write_event(conn, actor, campaigns.OBJECT, item.campaign_id,
                                        "channel_metrics_recorded", changes=changes,
                                        reason=f"import #{job.id}")
        progress.advance()
