"""Platform figures per campaign, channel and day (channelMetricRecord, channel-metrics
imports): what only the channel's platform knows — UV, PV, clicks, add-to-cart, spend, ….

One row per campaign, channel, day and metric: recording it again with the same value
changes nothing (idempotent), with another value updates it (versioned, audited). The
channel must be one of the campaign's, the day inside the campaign and not in the future;
counts are whole numbers, spend an amount in CNY. A metric whose campaign goal is recorded
with kpiActualRecord is not recorded per channel too (one source per metric).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from engine import audit, clock, outbox, settings, validation
from engine.authz import Principal, require
from engine.errors import Conflict, NotFound, ValidationFailed
from engine.models import Campaign, ChannelMetric, KpiActual
from engine.models.enums import Channel, ChannelMetricKind
from engine.pagination import OrderKey, Page, paginate
from engine.services import campaigns, kpi_sources

OBJECT = "channel_metric"
MONEY_METRICS = frozenset({ChannelMetricKind.SPEND.value})
TRAFFIC_SOURCES = (ChannelMetricKind.TRAFFIC_SEARCH, ChannelMetricKind.TRAFFIC_RECOMMENDATION,
                   ChannelMetricKind.TRAFFIC_PAID, ChannelMetricKind.TRAFFIC_SOCIAL,
                   ChannelMetricKind.TRAFFIC_DIRECT, ChannelMetricKind.TRAFFIC_OTHER)
MAX_VALUES = 50
_GOAL_OF = {channel_metric: goal for goal, channel_metric in kpi_sources.PER_CHANNEL.items()}


@dataclass(frozen=True)
class MetricValue:
    metric: str
    value: Any
    expected_version: int | None = None


def clean_value(field: str, metric: str, raw: Any) -> Decimal:
    """A metric's value: ≥ 0; a whole number, except money (spend: two decimals)."""
    value = validation.money(field, raw, required=True)
    assert value is not None
    if metric not in MONEY_METRICS and value != value.to_integral_value():
        raise ValidationFailed(field, f"{metric} is a count: give a whole number",
                               rule="whole_number")
    return value


def check_day(field: str, campaign: Campaign, day: date, today: date) -> None:
    if day > today:
        raise ValidationFailed(field, f"{day} is in the future", rule="in_future")
    if not campaign.start_date <= day <= campaign.end_date:
        raise ValidationFailed(field, f"{day} is outside the campaign ({campaign.start_date}"
                               f"…{campaign.end_date})", rule="outside_campaign")


async def recorded_per_campaign(conn: BaseDBAsyncClient, campaign_id: int,
                                metrics: Sequence[str]) -> set[str]:
    """The channel metrics among `metrics` whose goal is recorded with kpiActualRecord."""
    goals = {_GOAL_OF[m]: m for m in metrics if m in _GOAL_OF}
    if not goals:
        return set()
    found = await KpiActual.filter(campaign_id=campaign_id, metric__in=list(goals)).using_db(
        conn).distinct().values_list("metric", flat=True)
    return {goals[str(g)] for g in found}


async def record(actor: Principal, campaign_id: int, channel: str, day: date,
                 values: Sequence[MetricValue]) -> list[ChannelMetric]:
    """Record one day's figures of a campaign's channel: all of them or, on any problem,
    none (the ValidationError names `values.N.value` and the rule)."""
    channel_v = validation.enum_value("channel", Channel, channel).value
    if not values:
        raise ValidationFailed("values", "give at least one metric", rule="required")
    if len(values) > MAX_VALUES:
        raise ValidationFailed("values", f"at most {MAX_VALUES} values", rule="max_items")
    cleaned: list[tuple[str, Decimal, int | None]] = []
    for i, item in enumerate(values):
        metric = validation.enum_value(f"values.{i}.metric", ChannelMetricKind,
                                       item.metric).value
        if any(metric == m for m, _, _ in cleaned):
            raise ValidationFailed(f"values.{i}.metric", f"{metric} is given twice",
                                   rule="unique")
        cleaned.append((metric, clean_value(f"values.{i}.value", metric, item.value),
                        item.expected_version))
    today = clock.local_date(clock.now(), settings.current().zone)
    async with outbox.atomic() as conn:
        campaign = await campaigns.load_for(conn, actor, campaign_id)
        require(actor, OBJECT, "record", *campaigns.rel_args(campaign))
        if channel_v not in (await campaigns.channels_of([campaign.id]))[campaign.id]:
            raise ValidationFailed("channel", f"{channel_v} is not a channel of this campaign",
                                   rule="not_campaign_channel")
        check_day("day", campaign, day, today)
        doubled = await recorded_per_campaign(conn, campaign.id, [m for m, _, _ in cleaned])
        for i, (metric, _, _) in enumerate(cleaned):
            if metric in doubled:
                raise ValidationFailed(
                    f"values.{i}.metric", f"{metric} is recorded for the whole campaign "
                    "(kpiActualRecord); record it in one way only", rule="recorded_per_campaign")
        rows, changes = await write_day(conn, actor, campaign.id, channel_v, day, cleaned,
                                        source="api")
        if changes:
            await audit.write_event(conn, actor, campaigns.OBJECT, campaign.id,
                                    "channel_metrics_recorded", changes=changes)
        return rows


async def write_day(conn: BaseDBAsyncClient, actor: Principal, campaign_id: int, channel: str,
                    day: date, values: Sequence[tuple[str, Decimal, int | None]], *,
                    source: str) -> tuple[list[ChannelMetric], dict[str, list[Any]]]:
    """Insert or update one day's values (inside the caller's transaction); returns the
    rows and the audit changes ({"channel_metrics.<channel>.<day>.<metric>": [old, new]})."""
    existing = {r.metric: r for r in await ChannelMetric.filter(
        campaign_id=campaign_id, channel=channel, day=day,
        metric__in=[m for m, _, _ in values]).using_db(conn)}
    rows: list[ChannelMetric] = []
    changes: dict[str, list[Any]] = {}
    for metric, value, expected in values:
        key = f"channel_metrics.{channel}.{day.isoformat()}.{metric}"
        row = existing.get(metric)
        if row is None:
            if expected not in (None, 0):
                raise Conflict(OBJECT, key, None)
            try:
                row = await ChannelMetric.create(
                    using_db=conn, campaign_id=campaign_id, channel=channel, day=day,
                    metric=metric, value=value, recorded_by_id=actor.id, source=source)
            except IntegrityError:  # a concurrent writer recorded it first
                raise Conflict(OBJECT, key, None) from None
            changes[key] = [None, audit.jsonable(value)]
        elif Decimal(row.value) != value:
            if expected is not None and expected != row.version:
                raise Conflict(OBJECT, key, row.version)
            updated = await ChannelMetric.filter(id=row.id, version=row.version).using_db(
                conn).update(value=value, version=row.version + 1, recorded_by_id=actor.id,
                             source=source, updated_at=clock.now())
            if updated != 1:
                raise Conflict(OBJECT, key, row.version)
            changes[key] = [audit.jsonable(row.value), audit.jsonable(value)]
            row.value, row.version = value, row.version + 1
        elif expected is not None and expected != row.version:
            raise Conflict(OBJECT, key, row.version)
        rows.append(row)
    return rows, changes


@dataclass(frozen=True)
class MetricFilter:
    campaign_id: int
    channel: str | None = None
    metric: str | None = None
    date_from: date | None = None
    date_to: date | None = None


async def list_(actor: Principal, flt: MetricFilter, *, first: int | None, after: str | None
                ) -> Page[ChannelMetric]:
    """A campaign's recorded values, newest day first; spend only with read_budget."""
    campaign = await campaigns.get(actor, campaign_id=flt.campaign_id)
    if campaign is None:
        raise NotFound(campaigns.OBJECT, flt.campaign_id)
    require(actor, OBJECT, "read", *campaigns.rel_args(campaign))
    qs = ChannelMetric.filter(campaign_id=campaign.id)
    if not campaigns.can_read_budget(actor, campaign):
        qs = qs.exclude(metric__in=list(MONEY_METRICS))
    if flt.channel:
        qs = qs.filter(channel=validation.enum_value("channel", Channel, flt.channel).value)
    if flt.metric:
        qs = qs.filter(metric=validation.enum_value("metric", ChannelMetricKind,
                                                    flt.metric).value)
    if flt.date_from is not None:
        qs = qs.filter(day__gte=flt.date_from)
    if flt.date_to is not None:
        qs = qs.filter(day__lte=flt.date_to)
    return await paginate(qs, first=first, after=after, order=(
        OrderKey("day", descending=True, kind="date"), OrderKey("id", descending=True)))
