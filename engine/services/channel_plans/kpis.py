"""A plan's KPIs against its targets, per channel (六、效果评估: 销售指标, 用户指标).

What the engine records it computes, over the plan's months up to today: sales (the
orders of the channel's engine channel, `customer_order.channel`), orders, AOV (客单价 =
sales ÷ orders) and new customers (customers whose source channel it is and who were
created in the period, by their first stage entry). Each target a channel has gets its
achievement (actual ÷ target); a figure without its inputs is null with the reason.
Like a campaign's effect figures, these are counts and sums visible to whoever may read
the plan: they disclose no customer record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from engine import clock, db, settings, sqlkit
from engine.models import ChannelPlan, PlanChannel
from engine.models.enums import CustomerStage
from engine.services.analytics.figures import RATIO, Figure, ratio
from engine.services.channel_plans import common

NO_ORDERS = "no orders in the period"
NO_TARGET = "no target set"
NOT_STARTED = "the plan's months have not begun"


@dataclass(frozen=True)
class ChannelKpis:
    channel: PlanChannel
    date_from: date
    date_to: date
    revenue: Decimal
    orders: int
    aov: Figure
    new_customers: int
    revenue_achievement: Figure  # fractions: 0.8500 = 85 %
    orders_achievement: Figure
    new_customers_achievement: Figure


def period(plan: ChannelPlan) -> tuple[date, date] | None:
    """The plan's months up to today (None: not begun yet)."""
    today = clock.local_date(clock.now(), settings.current().zone)
    end = min(common.plan_end(plan), today)
    return None if end < plan.start_month else (plan.start_month, end)


def _utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=settings.current().zone).astimezone(UTC)


def _achieved(actual: Decimal | int, target: Decimal | int | None) -> Figure:
    if target is None:
        return Figure.none(NO_TARGET)
    return ratio(actual, target, "the target is 0", quantum=RATIO)


async def of_plan(plan: ChannelPlan, rows: Sequence[PlanChannel]) -> list[ChannelKpis]:
    span = period(plan)
    if span is None:
        return []
    lo, hi = span
    channels = sorted({r.channel for r in rows})
    sales: dict[str, tuple[int, int]] = {}
    new: dict[str, int] = {}
    if channels:
        p = sqlkit.Params(db.connection())
        for r in await p.fetch(
                f"SELECT o.channel, COUNT(*) AS n, SUM({sqlkit.cents(p, 'o.amount')}) AS cents"
                f" FROM customer_order o WHERE o.channel IN ({sqlkit.in_list(p, channels)})"
                f" AND o.order_date >= {p(lo, 'date')} AND o.order_date <= {p(hi, 'date')}"
                " GROUP BY o.channel"):
            sales[str(r["channel"])] = (int(r["n"]), int(r["cents"] or 0))
        q = sqlkit.Params(db.connection())
        stages = [s.value for s in CustomerStage]  # every stage: the (to_stage, at) index
        for r in await q.fetch(
                "SELECT c.source_channel AS channel, COUNT(DISTINCT c.id) AS n"
                " FROM customer_stage_change h JOIN customer c ON c.id = h.customer_id"
                f" WHERE h.to_stage IN ({sqlkit.in_list(q, stages)}) AND h.from_stage IS NULL"
                f" AND h.at >= {q(_utc(lo))} AND h.at < {q(_utc(hi + timedelta(days=1)))}"
                f" AND c.source_channel IN ({sqlkit.in_list(q, channels)})"
                " GROUP BY c.source_channel"):
            new[str(r["channel"])] = int(r["n"])
    out = []
    for row in rows:
        n, cents = sales.get(row.channel, (0, 0))
        revenue = sqlkit.from_cents(cents)
        newcomers = new.get(row.channel, 0)
        out.append(ChannelKpis(
            channel=row, date_from=lo, date_to=hi, revenue=revenue, orders=n,
            aov=ratio(revenue, n, NO_ORDERS), new_customers=newcomers,
            revenue_achievement=_achieved(revenue, row.revenue_target),
            orders_achievement=_achieved(n, row.orders_target),
            new_customers_achievement=_achieved(newcomers, row.new_customers_target)))
    return out
