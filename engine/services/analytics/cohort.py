"""The customers a campaign figure counts: new in the period, and how far they got.

Shared by the effect analysis and the channel comparison, so both count alike: a
customer is new when their first stage-history entry (their creation) falls in the
period; intent, won and revenue are the entries made by the end of the period.
"""

from __future__ import annotations

from engine import sqlkit
from engine.models.enums import CustomerStage
from engine.services.analytics.figures import Period

# Stages reached only through intent: entering any of them counts as having reached intent.
INTENT_OR_LATER = (CustomerStage.INTENT.value, CustomerStage.NEGOTIATION.value,
                   CustomerStage.WON.value)
WON = CustomerStage.WON.value


def cohort_sql(p: sqlkit.Params, campaign_filter: str, period: Period,
               channel_column: bool) -> str:
    """Per customer of the chosen campaigns who is new in the period: first entry, first
    intent-or-later entry, first won entry, revenue in cents (by the end of the period)."""
    intent_list = ", ".join(f"'{s}'" for s in INTENT_OR_LATER)
    end = p(period.end)
    lower = f"HAVING MIN(h.at) >= {p(period.start)}" if period.start is not None else ""
    channel = "cu.source_channel AS channel, " if channel_column else ""
    group = "cu.id, cu.source_channel" if channel_column else "cu.id"
    return f"""
        SELECT cu.id AS customer_id, {channel}
               MIN(CASE WHEN h.to_stage IN ({intent_list}) THEN h.at END) AS intent_at,
               MIN(CASE WHEN h.to_stage = '{WON}' THEN h.at END) AS won_at,
               SUM(CASE WHEN h.to_stage = '{WON}' AND h.deal_amount IS NOT NULL
                        THEN {sqlkit.cents(p, 'h.deal_amount')} ELSE 0 END) AS revenue_cents
        FROM customer cu
        JOIN customer_stage_change h ON h.customer_id = cu.id
        WHERE {campaign_filter} AND h.at < {end}
        GROUP BY {group}
        {lower}
    """


def counts_sql(p: sqlkit.Params) -> str:
    """The figures of a group of cohort rows: new, intent, won, revenue, average cycle."""
    return f"""COUNT(*) AS new_count,
                   COUNT(intent_at) AS intent_count,
                   COUNT(won_at) AS won_count,
                   SUM(revenue_cents) AS revenue_cents,
                   AVG(CASE WHEN won_at IS NOT NULL
                            THEN {sqlkit.elapsed_days(p, 'won_at', 'intent_at')} END
                   ) AS cycle_days"""
