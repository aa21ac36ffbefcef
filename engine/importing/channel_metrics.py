"""Channel metrics: each row a campaign's channel on one day, its figures in columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from engine import clock, db, settings
from engine.authz import Principal, can
from engine.errors import ValidationFailed
from engine.importing.cells import DATE_PROBLEM, cell_text, label_value, parse_amount, parse_date
from engine.importing.lookups import campaigns_by_ref
from engine.importing.plan import OBJECT, Plan, Progress, check_rows
from engine.importing.problems import Report
from engine.importing.readers import Table
from engine.models import Campaign, ChannelMetric
from engine.models.enums import Channel, ChannelMetricKind
from engine.services import channel_metrics

KIND = "channel-metrics"
METRICS = tuple(m.value for m in ChannelMetricKind)


@dataclass
class MetricRow:
    row: int
    campaign_ref: str
    channel: str
    day: date
    values: dict[str, Decimal]
    campaign_id: int = 0
    external_id: str | None = None  # the key is campaign, channel and day
    existing: dict[str, Any] | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)


MetricPlan = Plan[MetricRow]


def _check(number: int, cells: dict[str, Any], report: Report, today: date
           ) -> MetricRow | None:
    before = report.count
    campaign_ref = cell_text(cells.get("campaign"))
    if not campaign_ref:
        report.add(number, "campaign", None, "campaign is required (its code or name)")
    channel_raw = cell_text(cells.get("channel"))
    channel = None
    if not channel_raw:
        report.add(number, "channel", None, "channel is required")
    else:
        channel = label_value(Channel, channel_raw, report, number, "channel", "channel")
    raw_day = cells.get("day")
    day = None
    if cell_text(raw_day) is None:
        report.add(number, "day", None, "the day is required")
    else:
        try:
            day = parse_date(raw_day)[0]
            if day > today:
                report.add(number, "day", cell_text(raw_day), "the day is in the future")
        except ValueError:
            report.add(number, "day", cell_text(raw_day), DATE_PROBLEM)
    values: dict[str, Decimal] = {}
    for metric in METRICS:
        raw = cells.get(metric)
        if cell_text(raw) is None:
            continue
        try:
            values[metric] = channel_metrics.clean_value(metric, metric, parse_amount(raw))
        except ValidationFailed as exc:
            report.add(number, metric, cell_text(raw), exc.message)
    if report.count != before or not campaign_ref or channel is None or day is None:
        return None
    if not values:
        report.add(number, None, None, "no figure on this row")
        return None
    return MetricRow(row=number, campaign_ref=campaign_ref, channel=channel, day=day,
                     values=values)


async def validate(actor: Principal, table: Table, report: Report, progress: Progress
                   ) -> MetricPlan:
    """Every row checked, campaigns resolved and judged, existing values matched."""
    if not any(m in table.columns for m in METRICS):
        raise ValidationFailed("file", "no metric column (曝光量, 点击量, 访客数, 浏览量, "
                               "加购人数, 花费, …; see docs/import.md)", rule="missing_column")
    today = clock.local_date(clock.now(), settings.current().zone)
    plan = await check_rows(table, report, progress,
                            lambda number, cells: _check(number, cells, report, today),
                            "row")
    refs = await campaigns_by_ref({i.campaign_ref for i in plan.items})
    rows = {c.id: c for c in await Campaign.filter(id__in=[v[0] for v in refs.values()])}
    seen: dict[tuple[int, str, date], int] = {}
    kept: list[MetricRow] = []
    doubled: dict[int, set[str]] = {}
    for item in plan.items:
        hit = refs.get(item.campaign_ref)
        if hit is None:
            report.add(item.row, "campaign", item.campaign_ref,
                       f"no campaign with code or name {item.campaign_ref!r}")
            continue
        campaign = rows[hit[0]]
        if not can(actor, OBJECT, KIND, campaign.owner_id, campaign.department_id):
            report.add(item.row, "campaign", item.campaign_ref,
                       "you may not import figures of this campaign (outside your department)")
            continue
        if item.channel not in hit[1]:
            report.add(item.row, "channel", item.channel, "not a channel of this campaign")
            continue
        try:
            channel_metrics.check_day("day", campaign, item.day, today)
        except ValidationFailed as exc:
            report.add(item.row, "day", item.day.isoformat(), exc.message)
            continue
        key = (campaign.id, item.channel, item.day)
        if key in seen:
            report.add(item.row, "day", item.day.isoformat(),
                       f"this campaign, channel and day are already on row {seen[key]}")
            continue
        seen[key] = item.row
        if campaign.id not in doubled:
            doubled[campaign.id] = await channel_metrics.recorded_per_campaign(
                db.connection(), campaign.id, METRICS)
        clash = sorted(set(item.values) & doubled[campaign.id])
        if clash:
            report.add(item.row, clash[0], None, f"{clash[0]} is recorded for the whole "
                       "campaign (kpiActualRecord); record it in one way only")
            continue
        item.campaign_id = campaign.id
        kept.append(item)
    await _match(kept)
    plan.items = kept
    plan.count()
    return plan


async def _match(items: list[MetricRow]) -> None:
    """What each row changes against the values stored."""
    by_campaign: dict[int, list[MetricRow]] = {}
    for item in items:
        by_campaign.setdefault(item.campaign_id, []).append(item)
    for campaign_id, group in by_campaign.items():
        days = sorted({i.day for i in group})
        stored: dict[tuple[str, date, str], Decimal] = {}
        for r in await ChannelMetric.filter(campaign_id=campaign_id, day__gte=days[0],
                                            day__lte=days[-1]).values(
                "channel", "day", "metric", "value"):
            stored[(r["channel"], r["day"], r["metric"])] = Decimal(r["value"])
        for item in group:
            old = {m: stored.get((item.channel, item.day, m)) for m in item.values}
            if any(v is not None for v in old.values()):
                item.existing = {"values": old}
            item.changes = {m: [None if old[m] is None else str(old[m]), str(v)]
                            for m, v in item.values.items() if old[m] != v}
