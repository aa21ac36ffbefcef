"""Seed 002's KPI set per channel, per campaign and in total, for a period (channelKpis).

Definitions, inputs and null reasons: docs/analytics.md ("Channel KPIs"). In short, for
the chosen campaigns C, the period P (company days) and a channel h:

- orders of h: orders dated in P whose campaign is in C (the order's own, else its
  customer's source campaign) and whose channel is h (the order's own, else its
  customer's source channel) → sales 销售额, orders 订单量, buyers, AOV = sales ÷ orders,
  客单价 = sales ÷ buyers, repurchase = buyers with ≥ 2 orders ÷ buyers, retention =
  buyers of the previous period who bought again ÷ buyers of the previous period, growth
  同比 / 环比 of sales against the same period last year / the previous period;
- customers of h: customers of C whose source channel is h → new users (first stage
  entry in P), LTV = their orders up to the end of P ÷ those acquired by then;
- channel metrics recorded for C and h on the days of P (UV, PV, new visitors, traffic
  sources, impressions, clicks, add-to-cart, favourites, complaints, spend) → new-visitor
  share, traffic-source mix, CTR = clicks ÷ impressions, CVR = buyers ÷ UV, add-to-cart and
  favourite rates ÷ UV, complaint rate = complaints ÷ orders;
- cost, per campaign and channel: the spend recorded for it in P, or, when none is, the
  approved budget bought for the channel (its lines, plus an equal share of shared lines)
  spread evenly over the campaign's days, the days inside P counted; a row's cost is the
  sum of its cells → CAC = cost ÷ new users, ROI = (sales − cost) ÷ cost.

Every figure is a value or null with the reason; rates are percents (`…_percent`). Counts
and sums from the engine's own records are facts (0 when nothing happened); a platform
figure nobody recorded is null ("not recorded"). Money figures need read_budget on every
chosen campaign, as in channelComparison.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from engine import db, sqlkit
from engine.authz import Principal
from engine.models import Campaign
from engine.models.enums import Channel, ChannelMetricKind
from engine.services import campaigns
from engine.services.analytics.channels import chosen_campaigns
from engine.services.analytics.figures import (
    PREVIOUS_PERIOD,
    REASON_BUDGET_HIDDEN,
    REASON_NO_COST,
    SAME_PERIOD_LAST_YEAR,
    Figure,
    Period,
    RowChange,
    change,
    comparison_period,
    period_of,
    ratio,
)

M = ChannelMetricKind
TRAFFIC = (M.TRAFFIC_SEARCH.value, M.TRAFFIC_RECOMMENDATION.value, M.TRAFFIC_PAID.value,
           M.TRAFFIC_SOCIAL.value, M.TRAFFIC_DIRECT.value, M.TRAFFIC_OTHER.value)
UNATTRIBUTED, TOTAL = "~", "*"  # level keys: no source channel; everything

REASON_NO_ORDERS = "no orders in the period"
REASON_NO_BUYERS = "no buyers in the period"
REASON_NO_PREVIOUS_BUYERS = "no buyers in the previous period"
REASON_NO_START = "the period has no first day: there is no previous period"
REASON_NO_SALES_BEFORE = "no sales in the period compared with"
REASON_NOT_RECORDED = "not recorded for this channel in the period"
REASON_NO_NEW_USERS = "no new users in the period"
REASON_NO_CUSTOMERS = "no customers acquired through it by the end of the period"
REASON_NO_CHANNEL_COST = "customers without a source channel carry no channel cost"
REASON_NO_COST_FIGURE = "no cost: no spend recorded and no approved budget for it"

# the basis of a cost: recorded spend, the budget's share, or each for some of its cells
RECORDED_SPEND, BUDGET_SHARE, MIXED = "recorded_spend", "budget_share", "mixed"


@dataclass(frozen=True)
class TrafficShare:
    source: str  # a TRAFFIC_* channel metric
    visitors: Figure
    share_percent: Figure


@dataclass(frozen=True)
class KpiSet:
    """One row: a channel (`channel`, None = unattributed), a campaign or the total."""

    level: str  # channel, campaign or total
    channel: str | None
    campaign_id: int | None
    sales: Figure
    orders: Figure
    buyers: Figure
    average_order_value: Figure
    sales_per_buyer: Figure
    sales_growth_yoy_percent: Figure
    sales_growth_pop_percent: Figure
    uv: Figure
    pv: Figure
    new_visitors: Figure
    new_visitor_share_percent: Figure
    traffic_sources: list[TrafficShare]
    impressions: Figure
    clicks: Figure
    ctr_percent: Figure
    cvr_percent: Figure
    add_to_cart: Figure
    add_to_cart_rate_percent: Figure
    favourites: Figure
    favourite_rate_percent: Figure
    new_users: Figure
    repurchase_rate_percent: Figure
    retention_rate_percent: Figure
    complaints: Figure
    complaint_rate_percent: Figure
    cost: Figure
    cost_basis: str | None
    cac: Figure
    ltv: Figure
    roi_percent: Figure

    def figures(self) -> dict[str, Figure]:
        return {k: v for k, v in vars(self).items() if isinstance(v, Figure)}


@dataclass(frozen=True)
class KpiComparison:
    period: Period
    figures: ChannelKpis
    channels: list[RowChange]
    campaigns: list[RowChange]
    total: RowChange


@dataclass(frozen=True)
class ChannelKpis:
    period: Period
    campaign_ids: list[int]
    channels: list[KpiSet]
    campaigns: list[KpiSet]
    total: KpiSet
    comparison: KpiComparison | None = field(default=None)


# -- SQL --------------------------------------------------------------------------------


def _levels(p: sqlkit.Params, source: str, channel: str, campaign: str, columns: str) -> str:
    """`source` rows keyed three ways: by channel, by campaign, and all together."""
    return f"""
        SELECT 'channel' AS lvl, COALESCE({channel}, '{UNATTRIBUTED}') AS key, {columns}
        FROM {source}
        UNION ALL
        SELECT 'campaign', CAST({campaign} AS VARCHAR(20)), {columns} FROM {source}
        UNION ALL
        SELECT 'total', '{TOTAL}', {columns} FROM {source}"""


def _scope(p: sqlkit.Params, chosen: Sequence[int], channels: Sequence[str] | None,
           campaign_col: str, channel_col: str) -> str:
    sql = f"{campaign_col} IN ({sqlkit.in_list(p, list(chosen))})"
    if channels:
        sql += f" AND {channel_col} IN ({sqlkit.in_list(p, list(channels))})"
    return sql


async def _orders(chosen: Sequence[int], channels: Sequence[str] | None,
                  windows: Sequence[tuple[date, date]]) -> tuple[list[dict[str, Any]],
                                                                 list[dict[str, Any]]]:
    """Per window, level and key: sales cents, orders, buyers, repeat buyers; and per level
    and key the buyers of window 1 who bought again in window 0."""
    p = sqlkit.Params(db.connection())
    lo, hi = min(w[0] for w in windows), max(w[1] for w in windows)
    ids = sqlkit.in_list(p, list(chosen))
    where_channel = (f" AND COALESCE(o.channel, cu.source_channel) IN "
                     f"({sqlkit.in_list(p, list(channels))})" if channels else "")
    rows = ", ".join(f"({p(n, 'integer')}, {p(a, 'date')}, {p(b, 'date')})"
                     for n, (a, b) in enumerate(windows))
    cte = f"""
        WITH periods(n, ds, de) AS (VALUES {rows}),
        ord AS (
            SELECT o.customer_id, {sqlkit.cents(p, 'o.amount')} AS cents, o.order_date,
                   COALESCE(o.channel, cu.source_channel) AS channel,
                   COALESCE(o.campaign_id, cu.source_campaign_id) AS campaign_id
            FROM customer_order o JOIN customer cu ON cu.id = o.customer_id
            WHERE o.order_date >= {p(lo)} AND o.order_date <= {p(hi)}
              AND (o.campaign_id IN ({ids})
                   OR (o.campaign_id IS NULL AND cu.source_campaign_id IN ({ids}))){where_channel}
        ),
        keyed AS ({_levels(p, 'ord', 'channel', 'campaign_id',
                           'customer_id, cents, order_date')}),
        pb AS (
            SELECT pr.n, k.lvl, k.key, k.customer_id, COUNT(*) AS k, SUM(k.cents) AS cents
            FROM keyed k JOIN periods pr ON k.order_date >= pr.ds AND k.order_date <= pr.de
            GROUP BY pr.n, k.lvl, k.key, k.customer_id
        )"""
    totals = await p.fetch(cte + """
        SELECT n, lvl, key, SUM(cents) AS cents, SUM(k) AS orders, COUNT(*) AS buyers,
               SUM(CASE WHEN k >= 2 THEN 1 ELSE 0 END) AS repeaters
        FROM pb GROUP BY n, lvl, key""")
    retained = await p.fetch(cte + """
        SELECT b.lvl, b.key, COUNT(*) AS retained
        FROM pb b JOIN pb a ON a.n = 0 AND b.n = 1 AND a.lvl = b.lvl AND a.key = b.key
                          AND a.customer_id = b.customer_id
        GROUP BY b.lvl, b.key""")
    return totals, retained


async def _customers(chosen: Sequence[int], channels: Sequence[str] | None, period: Period
                     ) -> list[dict[str, Any]]:
    """Per level and key: new users in P, customers acquired by its end, their orders'
    lifetime cents up to its end."""
    p = sqlkit.Params(db.connection())
    scope = _scope(p, chosen, channels, "cu.source_campaign_id", "cu.source_channel")
    new = (f"CASE WHEN created_at >= {p(period.start)} THEN 1 ELSE 0 END"
           if period.start is not None else "1")
    sql = f"""
        WITH cust AS (
            SELECT cu.id, cu.source_campaign_id AS campaign_id, cu.source_channel AS channel,
                   MIN(h.at) AS created_at
            FROM customer cu JOIN customer_stage_change h ON h.customer_id = cu.id
            WHERE {scope} AND h.at < {p(period.end)}
            GROUP BY cu.id, cu.source_campaign_id, cu.source_channel
        ),
        life AS (
            SELECT o.customer_id, SUM({sqlkit.cents(p, 'o.amount')}) AS cents
            FROM customer_order o
            WHERE o.order_date <= {p(period.date_to)}
              AND o.customer_id IN (SELECT id FROM cust)
            GROUP BY o.customer_id
        ),
        joined AS (
            SELECT cust.campaign_id, cust.channel, cust.created_at,
                   COALESCE(life.cents, 0) AS cents
            FROM cust LEFT JOIN life ON life.customer_id = cust.id
        ),
        keyed AS ({_levels(p, 'joined', 'channel', 'campaign_id', 'created_at, cents')})
        SELECT lvl, key, SUM({new}) AS new_users, COUNT(*) AS customers,
               SUM(cents) AS lifetime_cents
        FROM keyed GROUP BY lvl, key"""
    return await p.fetch(sql)


async def _metrics(chosen: Sequence[int], channels: Sequence[str] | None, period: Period
                   ) -> list[dict[str, Any]]:
    p = sqlkit.Params(db.connection())
    scope = _scope(p, chosen, channels, "m.campaign_id", "m.channel")
    day = f" AND m.day >= {p(period.date_from)}" if period.date_from is not None else ""
    sql = f"""
        WITH vals AS (
            SELECT m.campaign_id, m.channel, m.metric, {sqlkit.cents(p, 'm.value')} AS cents
            FROM channel_metric m
            WHERE {scope}{day} AND m.day <= {p(period.date_to)}
        ),
        keyed AS ({_levels(p, 'vals', 'channel', 'campaign_id', 'metric, cents')})
        SELECT lvl, key, metric, SUM(cents) AS cents FROM keyed GROUP BY lvl, key, metric"""
    return await p.fetch(sql)


async def _cell_costs(chosen: Sequence[int], channels: Sequence[str] | None, period: Period
                      ) -> dict[tuple[int, str], tuple[Decimal, str]]:
    """(campaign, channel) → its cost in P in cents and the basis: the spend recorded for
    it on the days of P, else the approved budget bought for the channel (its lines and an
    equal share of the shared lines) spread over the campaign's days, the days of P kept."""
    p = sqlkit.Params(db.connection())
    ids = sqlkit.in_list(p, list(chosen))
    day = f" AND m.day >= {p(period.date_from)}" if period.date_from is not None else ""
    spend = f"""
        SELECT m.campaign_id, m.channel, SUM({sqlkit.cents(p, 'm.value')}) AS cents
        FROM channel_metric m
        WHERE m.campaign_id IN ({ids}) AND m.metric = '{M.SPEND.value}'{day}
          AND m.day <= {p(period.date_to)}
        GROUP BY m.campaign_id, m.channel"""
    out: dict[tuple[int, str], tuple[Decimal, str]] = {
        (int(r["campaign_id"]), str(r["channel"])): (Decimal(str(r["cents"] or 0)),
                                                     RECORDED_SPEND)
        for r in await p.fetch(spend)}
    p = sqlkit.Params(db.connection())
    ids = sqlkit.in_list(p, list(chosen))
    planned = f"""
        WITH width AS (
            SELECT campaign_id, COUNT(*) AS n FROM campaign_channel
            WHERE campaign_id IN ({ids}) GROUP BY campaign_id
        )
        SELECT bl.campaign_id, COALESCE(bl.channel, cc.channel) AS channel,
               SUM(CASE WHEN bl.channel IS NULL
                        THEN {sqlkit.cents(p, 'bl.amount')} * 1.0 / width.n
                        ELSE {sqlkit.cents(p, 'bl.amount')} END) AS cents
        FROM budget_line bl
        JOIN campaign c ON c.id = bl.campaign_id AND c.approved_total IS NOT NULL
        JOIN width ON width.campaign_id = bl.campaign_id
        LEFT JOIN campaign_channel cc ON bl.channel IS NULL AND cc.campaign_id = bl.campaign_id
        WHERE bl.campaign_id IN ({ids})
        GROUP BY bl.campaign_id, COALESCE(bl.channel, cc.channel)"""
    dates = {c.id: (c.start_date, c.end_date)
             for c in await Campaign.filter(id__in=list(chosen))}
    for row in await p.fetch(planned):
        cell = (int(row["campaign_id"]), str(row["channel"]))
        if cell in out:
            continue  # what was spent, not what was planned
        start, end = dates[cell[0]]
        lo = max(start, period.date_from) if period.date_from is not None else start
        hi = min(end, period.date_to)
        share = Decimal(max(0, (hi - lo).days + 1)) / Decimal((end - start).days + 1)
        out[cell] = (Decimal(str(row["cents"] or 0)) * share, BUDGET_SHARE)
    if channels:
        out = {cell: v for cell, v in out.items() if cell[1] in channels}
    return out


# -- the figures of one row ----------------------------------------------------------------


def _count(value: Any) -> Figure:
    return Figure.of(Decimal(int(value or 0)))


def _kpi_set(key: str, lvl: str, data: dict[str, Any], hidden: bool, bounded: bool) -> KpiSet:
    now = data.get("orders0") or {}
    sales = sqlkit.from_cents(now.get("cents"))
    orders, buyers = int(now.get("orders") or 0), int(now.get("buyers") or 0)
    before = data.get("orders1")
    last_year = data.get("orders2")

    def growth(other: dict[str, Any] | None) -> Figure:
        if not bounded:
            return Figure.none(REASON_NO_START)
        then = sqlkit.from_cents((other or {}).get("cents"))
        return ratio(sales - then, then, REASON_NO_SALES_BEFORE, percent=True)

    metrics: dict[str, Decimal] = data.get("metrics", {})

    def metric(name: str) -> Figure:
        if name not in metrics:
            return Figure.none(REASON_NOT_RECORDED)
        value = metrics[name]
        return Figure.of(value if name in (M.SPEND.value,) else value.quantize(Decimal("1")))

    def per(numerator: Figure, denominator: Figure | int, reason: str) -> Figure:
        if numerator.value is None:
            return numerator
        if isinstance(denominator, Figure):
            if denominator.value is None:
                return denominator
            denominator = int(denominator.value)
        return ratio(numerator.value, denominator, reason, percent=True)

    uv = metric(M.UV.value)
    visitors = [metrics.get(s) for s in TRAFFIC]
    known = [v for v in visitors if v is not None]
    mix_total = sum(known, Decimal("0"))
    mix = [TrafficShare(s, metric(s), per(metric(s), int(mix_total), "no visitors by source")
                        if v is not None else Figure.none(REASON_NOT_RECORDED))
           for s, v in zip(TRAFFIC, visitors, strict=True)] if known else []
    people = data.get("customers") or {}
    new_users = int(people.get("new_users") or 0)
    acquired = int(people.get("customers") or 0)
    previous_buyers = int((before or {}).get("buyers") or 0)
    retained = int(data.get("retained") or 0)
    sales_f = Figure.of(sales)
    # cost: recorded spend, else the budget's share
    if hidden:
        cost, basis = Figure.none(REASON_BUDGET_HIDDEN), None
    elif lvl == "channel" and key == UNATTRIBUTED:
        cost, basis = Figure.none(REASON_NO_CHANNEL_COST), None
    elif data.get("cost") is not None:
        cents, bases = data["cost"]
        cost = Figure.of(sqlkit.from_cents(cents))
        basis = bases.pop() if len(bases) == 1 else MIXED
    else:
        cost, basis = Figure.none(REASON_NO_COST if lvl == "channel"
                                  else REASON_NO_COST_FIGURE), None
    if cost.value is not None:
        cac = ratio(cost.value, new_users, REASON_NO_NEW_USERS)
        roi = ratio(sales - cost.value, cost.value, "no cost (0)", percent=True)
    else:
        cac = roi = cost
    return KpiSet(
        level=lvl,
        channel=(None if key == UNATTRIBUTED else key) if lvl == "channel" else None,
        campaign_id=int(key) if lvl == "campaign" else None,
        sales=sales_f, orders=_count(orders), buyers=_count(buyers),
        average_order_value=ratio(sales, orders, REASON_NO_ORDERS),
        sales_per_buyer=ratio(sales, buyers, REASON_NO_BUYERS),
        sales_growth_yoy_percent=growth(last_year),
        sales_growth_pop_percent=growth(before),
        uv=uv, pv=metric(M.PV.value), new_visitors=metric(M.NEW_VISITORS.value),
        new_visitor_share_percent=per(metric(M.NEW_VISITORS.value), uv, "no visitors (UV 0)"),
        traffic_sources=mix,
        impressions=metric(M.IMPRESSIONS.value), clicks=metric(M.CLICKS.value),
        ctr_percent=per(metric(M.CLICKS.value), metric(M.IMPRESSIONS.value),
                        "no impressions (0)"),
        cvr_percent=per(_count(buyers), uv, "no visitors (UV 0)"),
        add_to_cart=metric(M.ADD_TO_CART.value),
        add_to_cart_rate_percent=per(metric(M.ADD_TO_CART.value), uv, "no visitors (UV 0)"),
        favourites=metric(M.FAVOURITES.value),
        favourite_rate_percent=per(metric(M.FAVOURITES.value), uv, "no visitors (UV 0)"),
        new_users=_count(new_users),
        repurchase_rate_percent=ratio(int(now.get("repeaters") or 0), buyers,
                                      REASON_NO_BUYERS, percent=True),
        retention_rate_percent=(ratio(retained, previous_buyers, REASON_NO_PREVIOUS_BUYERS,
                                      percent=True) if bounded
                                else Figure.none(REASON_NO_START)),
        complaints=metric(M.COMPLAINTS.value),
        complaint_rate_percent=per(metric(M.COMPLAINTS.value), orders, REASON_NO_ORDERS),
        cost=cost, cost_basis=basis, cac=cac,
        ltv=ratio(sqlkit.from_cents(people.get("lifetime_cents")), acquired,
                  REASON_NO_CUSTOMERS),
        roi_percent=roi,
    )


async def _compute(actor: Principal, period: Period, chosen: list[int],
                   channels: Sequence[str] | None) -> ChannelKpis:
    bounded = period.date_from is not None
    windows = [(period.date_from or date(1900, 1, 1), period.date_to)]
    if bounded:
        assert period.date_from is not None
        windows.append(comparison_period(period.date_from, period.date_to, PREVIOUS_PERIOD)
                       or windows[0])
        windows.append(comparison_period(period.date_from, period.date_to,
                                         SAME_PERIOD_LAST_YEAR) or windows[0])
    data: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    if chosen:
        totals, retained = await _orders(chosen, channels, windows)
        for r in totals:
            data[(r["lvl"], r["key"])][f"orders{int(r['n'])}"] = r
        for r in retained:
            data[(r["lvl"], r["key"])]["retained"] = r["retained"]
        for r in await _customers(chosen, channels, period):
            data[(r["lvl"], r["key"])]["customers"] = r
        for r in await _metrics(chosen, channels, period):
            data[(r["lvl"], r["key"])].setdefault("metrics", {})[str(r["metric"])] = (
                sqlkit.from_cents(r["cents"]))
        for (cid, channel), (cents, basis) in (await _cell_costs(chosen, channels,
                                                                  period)).items():
            for key in (("channel", channel), ("campaign", str(cid)), ("total", TOTAL)):
                slot = data[key]
                cost, bases = slot.get("cost", (Decimal("0"), set()))
                slot["cost"] = (cost + cents, bases | {basis})
    visible = {c.id: campaigns.can_read_budget(actor, c)
               for c in await Campaign.filter(id__in=chosen)}
    hidden = not all(visible.values())
    own_channels = {ch for cs in (await campaigns.channels_of(chosen)).values() for ch in cs}
    if channels:
        own_channels &= set(channels)
    keys = own_channels | {k for lvl, k in data if lvl == "channel"}
    order = {c.value: i for i, c in enumerate(Channel)}
    channel_rows = [_kpi_set(k, "channel", data.get(("channel", k), {}), hidden, bounded)
                    for k in sorted(keys, key=lambda k: (k == UNATTRIBUTED, order.get(k, 99)))]
    campaign_rows = [_kpi_set(str(c), "campaign", data.get(("campaign", str(c)), {}), hidden,
                              bounded) for c in chosen]
    total = _kpi_set(TOTAL, "total", data.get(("total", TOTAL), {}), hidden, bounded)
    return ChannelKpis(period, chosen, channel_rows, campaign_rows, total)


def _row_change(now: KpiSet, then: KpiSet | None) -> RowChange:
    other = then.figures() if then is not None else {}
    return RowChange(now.channel, now.campaign_id,
                     {name: change(fig, other.get(name)) for name, fig in now.figures().items()})


async def channel_kpis(
    actor: Principal, date_from: date | None, date_to: date | None, *,
    campaign_ids: Sequence[int] | None = None, channels: Sequence[str] | None = None,
    department_id: int | None = None, compare_to: str | None = None,
    compare_from: date | None = None, compare_through: date | None = None,
) -> ChannelKpis:
    """The KPI set per channel, per campaign and in total (see the module docstring).

    Campaigns: `campaign_ids`, else those running in the period (of `department_id`);
    with a comparison, the same named campaigns, else those running in the other period.
    """
    period = period_of(date_from, date_to)
    other_days = comparison_period(date_from, date_to, compare_to, compare_from,
                                   compare_through)
    wanted = sorted(set(channels)) if channels else None
    chosen = await chosen_campaigns(actor, period, campaign_ids, department_id)
    result = await _compute(actor, period, chosen, wanted)
    if other_days is None:
        return result
    other_period = period_of(*other_days)
    other_chosen = (chosen if campaign_ids else
                    await chosen_campaigns(actor, other_period, None, department_id))
    other = await _compute(actor, other_period, other_chosen, wanted)

    def by_channel(rows: list[KpiSet]) -> dict[str | None, KpiSet]:
        return {r.channel: r for r in rows}

    def by_campaign(rows: list[KpiSet]) -> dict[int | None, KpiSet]:
        return {r.campaign_id: r for r in rows}

    then_channels, then_campaigns = by_channel(other.channels), by_campaign(other.campaigns)
    comparison = KpiComparison(
        period=other_period, figures=other,
        channels=[_row_change(r, then_channels.get(r.channel)) for r in result.channels],
        campaigns=[_row_change(r, then_campaigns.get(r.campaign_id))
                   for r in result.campaigns],
        total=_row_change(result.total, other.total))
    return ChannelKpis(result.period, result.campaign_ids, result.channels, result.campaigns,
                       result.total, comparison)
