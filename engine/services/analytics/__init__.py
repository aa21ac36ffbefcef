"""Effect analysis (推广效果分析表), channel comparison and channel evaluation.

One module per figure family; this package re-exports their public names, so callers
keep writing `analytics.campaign_effect(…)`:

- `figures`: a value or a reason (`Figure`), the period (`period_of`), `ratio`, and
  the reasons a figure is null;
- `cohort`: the customers a campaign figure counts, as SQL shared by the next two;
- `effect`: one campaign's effect analysis and the customers behind each figure;
- `channels`: the comparison of channels across campaigns, with their cost;
- `review`: the review texts and recorded spend that people add to the figures;
- `evaluation`: the weighted evaluation of candidate channels (data in workflows/);
- `kpiset`: seed 002's KPI set per channel, campaign and in total (channelKpis).

Each of campaign_effect, channel_comparison and channel_kpis takes a comparison period
(`figures.comparison_period`: previous period, same period last year, or explicit days)
and then returns that period's figures and the change of each.

Definitions (docs/analytics.md states them for portal teams):

- A campaign's customers are those whose `source_campaign` is the campaign; a channel's
  customers are those whose `source_channel` is the channel (within the chosen campaigns).
- The period is [date_from, date_to] in company-time-zone days. `date_from` None: no lower
  bound; `date_to` None: up to now.
- new: customers whose FIRST stage-history entry (their creation) falls in the period.
- intent: new customers that entered intent, negotiation or won (every later stage is
  reached through intent) by the end of the period.
- won: new customers that entered won by the end of the period.
- revenue: the deal amounts of those won entries (stage history), by the end of the period.
- CAC = budget / new, where budget is the campaign's approved total.
- conversion = intent / new × 100 (percent).
- average cycle = mean over won customers of days from their first intent-or-later entry
  to their first won entry.
- spent = sum of the budget lines' recorded spend; ROI = (revenue − spent) / spent.

Every figure is a value with a reason when it is null (a division by zero, a budget not
approved, a budget the caller may not see): never a crash, never a fake 0.

Who sees what: the aggregate figures of a campaign are visible to whoever may read the
campaign (every role may); money figures that come from the budget (budget, CAC, spent,
ROI, channel cost) need `read_budget` on the campaign, otherwise they are null with the
reason "budget not visible to you". The customer records behind a figure
(`campaign_effect_customers`) are a customers list: scoped and masked exactly as the
customers list is. All counting runs in one SQL statement per figure set (CTEs with
GROUP BY), on SQLite and PostgreSQL, with its values bound through `engine.sqlkit`.
"""

from __future__ import annotations

from engine.services.analytics.channels import (
    ChannelComparison,
    ChannelRow,
    ComparisonOfChannels,
    channel_comparison,
)
from engine.services.analytics.cohort import INTENT_OR_LATER, WON
from engine.services.analytics.effect import (
    METRICS,
    CampaignEffect,
    EffectComparison,
    campaign_effect,
    campaign_effect_customers,
)
from engine.services.analytics.evaluation import (
    CRITERIA,
    EVALUATION_FILE,
    ChannelEvaluation,
    Criterion,
    CriterionScore,
    EvaluationFileError,
    EvaluationModel,
    channel_evaluation,
    load,
    load_evaluation,
    parse_evaluation,
    rank,
)
from engine.services.analytics.figures import (
    REASON_BUDGET_HIDDEN,
    REASON_NO_COST,
    REASON_NO_NEW,
    REASON_NO_REVENUE,
    REASON_NO_SPEND,
    REASON_NO_WON,
    REASON_NOT_APPROVED,
    Change,
    Figure,
    Period,
    comparison_period,
    period_of,
    ratio,
)
from engine.services.analytics.kpiset import (
    ChannelKpis,
    KpiComparison,
    KpiSet,
    RowChange,
    TrafficShare,
    channel_kpis,
)
from engine.services.analytics.review import REVIEW_MAX, record_spend, set_review

__all__ = [
    "CRITERIA",
    "EVALUATION_FILE",
    "INTENT_OR_LATER",
    "METRICS",
    "REASON_BUDGET_HIDDEN",
    "REASON_NOT_APPROVED",
    "REASON_NO_COST",
    "REASON_NO_NEW",
    "REASON_NO_REVENUE",
    "REASON_NO_SPEND",
    "REASON_NO_WON",
    "REVIEW_MAX",
    "WON",
    "CampaignEffect",
    "Change",
    "ChannelComparison",
    "ChannelEvaluation",
    "ChannelKpis",
    "ChannelRow",
    "ComparisonOfChannels",
    "Criterion",
    "CriterionScore",
    "EffectComparison",
    "EvaluationFileError",
    "EvaluationModel",
    "Figure",
    "KpiComparison",
    "KpiSet",
    "Period",
    "RowChange",
    "TrafficShare",
    "campaign_effect",
    "campaign_effect_customers",
    "channel_comparison",
    "channel_evaluation",
    "channel_kpis",
    "comparison_period",
    "load",
    "load_evaluation",
    "parse_evaluation",
    "period_of",
    "rank",
    "ratio",
    "record_spend",
    "set_review",
]
