"""KPI actuals recorded against a campaign's goals, and the alerts deviations raise."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.base import Versioned
from engine.models.campaign import Campaign
from engine.models.org import User


class KpiActual(Versioned):
    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="kpi_actuals", on_delete=fields.CASCADE
    )
    campaign_id: int
    metric = fields.CharField(max_length=32)
    granularity = fields.CharField(max_length=8)
    period_start = fields.DateField()
    value = fields.DecimalField(max_digits=16, decimal_places=2)
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    recorded_by_id: int | None

    class Meta:
        table = "kpi_actual"
        unique_together = (("campaign_id", "metric", "granularity", "period_start"),)


class KpiAlert(Model):
    """Raised once per campaign, metric and period whose actual deviates beyond threshold."""

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="kpi_alerts", on_delete=fields.CASCADE
    )
    campaign_id: int
    metric = fields.CharField(max_length=32)
    granularity = fields.CharField(max_length=8)
    period_start = fields.DateField()
    plan = fields.DecimalField(max_digits=16, decimal_places=2)
    actual = fields.DecimalField(max_digits=16, decimal_places=2)
    deviation = fields.DecimalField(max_digits=10, decimal_places=4)
    threshold = fields.DecimalField(max_digits=6, decimal_places=4)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "kpi_alert"
        unique_together = (("campaign_id", "metric", "granularity", "period_start"),)


class ChannelMetric(Versioned):
    """One platform figure (UV, PV, clicks, spend, …) of a campaign's channel on one day.

    Recorded through channelMetricRecord or imported (`--kind channel-metrics`); one row per
    campaign, channel, day and metric, so recording or importing it again updates it.
    """

    id = fields.BigIntField(primary_key=True)
    campaign: fields.ForeignKeyRelation[Campaign] = fields.ForeignKeyField(
        "models.Campaign", related_name="channel_metrics", on_delete=fields.CASCADE
    )
    campaign_id: int
    channel = fields.CharField(max_length=32)
    day = fields.DateField()
    metric = fields.CharField(max_length=32)
    value = fields.DecimalField(max_digits=16, decimal_places=2)
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    recorded_by_id: int | None
    source = fields.CharField(max_length=16, default="api", description="api or import")

    class Meta:
        table = "channel_metric"
        unique_together = (("campaign_id", "channel", "day", "metric"),)
        indexes = (Index(fields=("campaign_id", "metric", "day"), name="ix_channel_metric_metric"),)
