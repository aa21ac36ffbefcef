"""Where a goal's actual comes from: the engine's own records, or the channels' platforms.

Derived metrics (the engine knows them; recording them is refused), per period of company
days, for the campaign's customers (`source_campaign`):

- `new_leads` 新增留资: customers whose first stage entry (their creation) falls in it;
- `intent_customers` 意向客户: customers whose first entry into intent or a later stage
  (negotiation, won: reached only through intent) falls in it;
- `won_customers` 成交客户: customers whose first entry into won falls in it;
- `revenue` 销售额: the deal amounts of the entries into won made in it (stage history,
  as the effect analysis' 成交金额);
- `orders` 订单量: orders dated in it whose campaign is this one (the order's own
  campaign, or, when it names none, its customer's source campaign);
- `follow_ups_done` 完成跟进: follow-ups of the campaign's customers completed in it.

These are event counts: summed over the periods of a goal they give the goal period's
total, and each event counts in exactly one period.

External metrics with a per-channel counterpart (viewers, consultations, UV, PV, clicks,
add-to-cart) are summed from the channel metrics of all the campaign's channels when those
are recorded; otherwise (and for every other external metric) they are what
`kpiActualRecord` recorded. One source per metric and campaign: a metric recorded with
`kpiActualRecord` is not recorded per channel too, and the other way round.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import settings, sqlkit
from engine.models.enums import ChannelMetricKind, CustomerStage, GoalMetric

G = GoalMetric
DERIVED = frozenset({G.NEW_LEADS.value, G.INTENT_CUSTOMERS.value, G.WON_CUSTOMERS.value,
                     G.REVENUE.value, G.ORDERS.value, G.FOLLOW_UPS_DONE.value})
# goal metric → the channel metric whose per-channel values add up to it
PER_CHANNEL = {G.VIEWERS.value: ChannelMetricKind.VIEWERS.value,
               G.CONSULTATIONS.value: ChannelMetricKind.CONSULTATIONS.value,
               G.UV.value: ChannelMetricKind.UV.value, G.PV.value: ChannelMetricKind.PV.value,
               G.CLICKS.value: ChannelMetricKind.CLICKS.value,
               G.ADD_TO_CART.value: ChannelMetricKind.ADD_TO_CART.value}
_INTENT_OR_LATER = (CustomerStage.INTENT.value, CustomerStage.NEGOTIATION.value,
                    CustomerStage.WON.value)
_WON = CustomerStage.WON.value

Window = tuple[date, date]  # first and last company day, both included


def bounds(day_from: date, day_to: date) -> tuple[datetime, datetime]:
    """The UTC instants of `day_from` 00:00 and of the day after `day_to` 00:00, local."""
    zone = settings.current().zone
    start = datetime.combine(day_from, time.min, tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day_to + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    return start, end


def _periods_cte(p: sqlkit.Params, windows: Sequence[Window]) -> str:
    rows = []
    for n, (lo, hi) in enumerate(windows):
        start, end = bounds(lo, hi)
        rows.append(f"({p(n, 'integer')}, {p(start, 'timestamptz')}, {p(end, 'timestamptz')}, "
                    f"{p(lo, 'date')}, {p(hi, 'date')})")
    return f"periods(n, s, e, ds, de) AS (VALUES {', '.join(rows)})"


async def derived(conn: BaseDBAsyncClient, campaign_id: int, windows: Sequence[Window]
                  ) -> dict[str, dict[int, Decimal]]:
    """metric → window index → actual, for every derived metric with events in a window
    (a window without events has no entry: its actual is 0, a fact the engine knows)."""
    if not windows:
        return {}
    p = sqlkit.Params(conn)
    periods = _periods_cte(p, windows)
    campaign = p(campaign_id)
    lo, hi = bounds(min(w[0] for w in windows), max(w[1] for w in windows))
    start, end = p(lo), p(hi)
    intent = ", ".join(f"'{s}'" for s in _INTENT_OR_LATER)
    sql = f"""
        WITH {periods},
        firsts AS (
            SELECT cu.id, MIN(h.at) AS created_at,
                   MIN(CASE WHEN h.to_stage IN ({intent}) THEN h.at END) AS intent_at,
                   MIN(CASE WHEN h.to_stage = '{_WON}' THEN h.at END) AS won_at
            FROM customer cu JOIN customer_stage_change h ON h.customer_id = cu.id
            WHERE cu.source_campaign_id = {campaign} AND h.at < {end}
            GROUP BY cu.id
        ),
        events AS (
            SELECT '{G.NEW_LEADS.value}' AS metric, created_at AS at, 1 AS qty FROM firsts
            UNION ALL
            SELECT '{G.INTENT_CUSTOMERS.value}', intent_at, 1 FROM firsts
            WHERE intent_at IS NOT NULL
            UNION ALL
            SELECT '{G.WON_CUSTOMERS.value}', won_at, 1 FROM firsts WHERE won_at IS NOT NULL
            UNION ALL
            SELECT '{G.REVENUE.value}', h.at, {sqlkit.cents(p, 'h.deal_amount')}
            FROM customer_stage_change h JOIN customer cu ON cu.id = h.customer_id
            WHERE cu.source_campaign_id = {campaign} AND h.to_stage = '{_WON}'
              AND h.deal_amount IS NOT NULL AND h.at >= {start} AND h.at < {end}
            UNION ALL
            SELECT '{G.FOLLOW_UPS_DONE.value}', f.completed_at, 1
            FROM follow_up f JOIN customer cu ON cu.id = f.customer_id
            WHERE cu.source_campaign_id = {campaign} AND f.completed_at >= {start}
              AND f.completed_at < {end}
        )
        SELECT e.metric, p.n, SUM(e.qty) AS qty
        FROM events e JOIN periods p ON e.at >= p.s AND e.at < p.e
        GROUP BY e.metric, p.n
        UNION ALL
        SELECT '{G.ORDERS.value}', p.n, COUNT(*)
        FROM customer_order o JOIN periods p ON o.order_date >= p.ds AND o.order_date <= p.de
        WHERE o.campaign_id = {campaign}
           OR (o.campaign_id IS NULL AND o.customer_id IN (
               SELECT id FROM customer WHERE source_campaign_id = {campaign}))
        GROUP BY p.n
    """
    out: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for row in await p.fetch(sql):
        qty = row["qty"]
        value = (sqlkit.from_cents(qty) if row["metric"] == G.REVENUE.value
                 else Decimal(int(qty or 0)))
        out[str(row["metric"])][int(row["n"])] = value
    return out


async def per_channel(conn: BaseDBAsyncClient, campaign_id: int, metrics: Sequence[str],
                      windows: Sequence[Window]) -> dict[str, dict[int, Decimal]]:
    """goal metric → window index → the sum of its channel metric over all channels, for
    the goal metrics among `metrics` that have channel metrics recorded for the campaign
    (a metric without any has no entry; a window without values has none either)."""
    wanted = {PER_CHANNEL[m]: m for m in metrics if m in PER_CHANNEL}
    if not wanted or not windows:
        return {}
    p = sqlkit.Params(conn)
    campaign = p(campaign_id)
    sql = f"""
        WITH {_periods_cte(p, windows)}
        SELECT m.metric, p.n, SUM({sqlkit.cents(p, 'm.value')}) AS cents, COUNT(*) AS k
        FROM channel_metric m
        LEFT JOIN periods p ON m.day >= p.ds AND m.day <= p.de
        WHERE m.campaign_id = {campaign} AND m.metric IN ({sqlkit.in_list(p, list(wanted))})
        GROUP BY m.metric, p.n
    """
    out: dict[str, dict[int, Decimal]] = {}
    for row in await p.fetch(sql):
        series = out.setdefault(wanted[str(row["metric"])], {})
        if row["n"] is not None:  # the metric is recorded, if not in this window
            series[int(row["n"])] = sqlkit.from_cents(row["cents"])
    return out
