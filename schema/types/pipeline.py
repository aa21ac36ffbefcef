"""Pipeline, team and RFM analytics, and customer orders (docs/pipeline-rfm.md)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Optional

import strawberry

from engine.authz import Principal
from engine.models import CustomerOrder as OrderRow
from engine.models.enums import CustomerStage as DomainStage
from engine.services import pipeline, rfm
from schema.context import Info
from schema.enums import Channel, CustomerStage
from schema.types.analytics_enums import AnalyticsScope, RfmSegment
from schema.types.common import deprecated_for, percent_of
from schema.types.customer import Customer
from schema.types.org import User

if TYPE_CHECKING:
    from schema.types.campaign import Campaign

CampaignType = Annotated["Campaign", strawberry.lazy("schema.types.campaign")]


def _scope(name: str) -> AnalyticsScope:
    return AnalyticsScope(name)


# -- funnel ----------------------------------------------------------------------------


@strawberry.type(description="One stage of the funnel.")
class FunnelStage:
    stage: CustomerStage = strawberry.field(description="The stage.")
    stage_label: str = strawberry.field(description="Its Chinese label, e.g. 意向.")
    entered: int = strawberry.field(
        description="Distinct customers who entered the stage during the period.")
    current: int = strawberry.field(
        description="Customers in the stage now (not limited to the period).")

    @classmethod
    def of(cls, s: pipeline.StageFigures) -> FunnelStage:
        return cls(stage=CustomerStage(s.stage), stage_label=DomainStage.of(s.stage).label,
                   entered=s.entered, current=s.current)


@strawberry.type(description="Conversion from one stage to the next.")
class StageConversion:
    from_stage: CustomerStage = strawberry.field(description="The earlier stage.")
    to_stage: CustomerStage = strawberry.field(description="The next stage.")
    entered: int = strawberry.field(description="Customers who entered fromStage in the period.")
    advanced: int = strawberry.field(
        description="… of whom entered toStage afterwards, before the period ended.")
    rate: Decimal | None = strawberry.field(
        description="advanced ÷ entered as a fraction (0.2500 = 25 %); null when entered is 0.",
        deprecation_reason=deprecated_for("ratePercent", "a fraction"))
    rate_percent: Decimal | None = strawberry.field(
        description="advanced ÷ entered × 100, percent (25.00 = 25 %); null when entered is 0.")
    rate_reason: str | None = strawberry.field(description="Why the rate is null.")

    @classmethod
    def of(cls, c: pipeline.Conversion) -> StageConversion:
        return cls(from_stage=CustomerStage(c.from_stage), to_stage=CustomerStage(c.to_stage),
                   entered=c.entered, advanced=c.advanced, rate=c.rate,
                   rate_percent=percent_of(c.rate), rate_reason=c.reason)


@strawberry.type(description="The sales funnel (销售漏斗) over a period, within your scope.")
class PipelineFunnel:
    from_: date = strawberry.field(name="from", description="First day (company time).")
    to: date = strawberry.field(description="Last day, included.")
    scope: AnalyticsScope = strawberry.field(description="Which customers were counted.")
    stages: list[FunnelStage] = strawberry.field(
        description="POTENTIAL, INTENT, NEGOTIATION, WON, LOST in that order.")
    conversions: list[StageConversion] = strawberry.field(
        description="POTENTIAL→INTENT, INTENT→NEGOTIATION, NEGOTIATION→WON.")

    @classmethod
    def of(cls, f: pipeline.Funnel) -> PipelineFunnel:
        return cls(from_=f.period.start, to=f.period.end, scope=_scope(f.scope),
                   stages=[FunnelStage.of(s) for s in f.stages],
                   conversions=[StageConversion.of(c) for c in f.conversions])


# -- lost reasons ----------------------------------------------------------------------


@strawberry.type(description="How often one (normalised) reason was given for a loss.")
class LostReasonCount:
    reason: str = strawberry.field(
        description="Trimmed, lower-case reason text; empty when none was given.")
    count: int = strawberry.field(description="Losses with this reason.")
    share: Decimal | None = strawberry.field(
        description="count ÷ all losses (fraction).",
        deprecation_reason=deprecated_for("sharePercent", "a fraction"))
    share_percent: Decimal | None = strawberry.field(
        description="count ÷ all losses × 100, percent.")


@strawberry.type(description="Why customers were lost (流失原因) in a period.")
class LostReasons:
    from_: date = strawberry.field(name="from", description="First day (company time).")
    to: date = strawberry.field(description="Last day, included.")
    scope: AnalyticsScope = strawberry.field(description="Which customers were counted.")
    total: int = strawberry.field(description="Losses (entries into LOST) in the period.")
    distinct_reasons: int = strawberry.field(description="Distinct normalised reasons.")
    reasons: list[LostReasonCount] = strawberry.field(
        description="The most frequent reasons, most frequent first (at most `first`).")
    other_count: int = strawberry.field(description="Losses whose reason is not listed.")
    other_share: Decimal | None = strawberry.field(
        description="otherCount ÷ total, a fraction.",
        deprecation_reason=deprecated_for("otherSharePercent", "a fraction"))
    other_share_percent: Decimal | None = strawberry.field(
        description="otherCount ÷ total × 100, percent.")
    share_reason: str | None = strawberry.field(description="Why shares are null.")

    @classmethod
    def of(cls, r: pipeline.LostReasons) -> LostReasons:
        return cls(from_=r.period.start, to=r.period.end, scope=_scope(r.scope),
                   total=r.total, distinct_reasons=r.distinct,
                   reasons=[LostReasonCount(reason=x.reason, count=x.count, share=x.share,
                                            share_percent=percent_of(x.share))
                            for x in r.reasons],
                   other_count=r.other_count, other_share=r.other_share,
                   other_share_percent=percent_of(r.other_share),
                   share_reason=r.share_reason)


# -- team ------------------------------------------------------------------------------


@strawberry.type(description="Follow-ups recorded in one ISO week.")
class WeekCount:
    week_start: date = strawberry.field(description="The Monday of the week.")
    iso_week: str = strawberry.field(description="ISO 8601 week, e.g. 2026-W27.")
    count: int = strawberry.field(description="Follow-ups recorded (by contact day).")


@strawberry.type(description="One person's follow-up discipline over the period.")
class RepPerformance:
    rep: User = strawberry.field(description="The sales rep (or manager) counted.")
    due: int = strawberry.field(description="Next actions assigned to them due in the period.")
    on_time: int = strawberry.field(description="… completed by their due time.")
    overdue: int = strawberry.field(
        description="… completed after their due time, or still open past it.")
    not_yet_due: int = strawberry.field(description="… still open and due later than now.")
    overdue_rate: Decimal | None = strawberry.field(
        description="overdue ÷ (onTime + overdue), a fraction; null when both are 0.",
        deprecation_reason=deprecated_for("overdueRatePercent", "a fraction"))
    overdue_rate_percent: Decimal | None = strawberry.field(
        description="overdue ÷ (onTime + overdue) × 100, percent; null when both are 0.")
    overdue_rate_reason: str | None = strawberry.field(description="Why overdueRate is null.")
    follow_ups: int = strawberry.field(description="Follow-ups they recorded in the period.")
    weekly: list[WeekCount] = strawberry.field(
        description="Follow-ups they recorded per ISO week of the period (zeros included).")
    weekly_average: Decimal = strawberry.field(
        description="followUps ÷ the number of weeks the period touches.")


@strawberry.type(description="Overdue rate and weekly follow-ups per person (团队跟进情况).")
class TeamPerformance:
    from_: date = strawberry.field(name="from", description="First day (company time).")
    to: date = strawberry.field(description="Last day, included.")
    scope: AnalyticsScope = strawberry.field(description="Whose customers were counted.")
    weeks: list[date] = strawberry.field(description="The Mondays of the weeks of the period.")
    reps: list[RepPerformance] = strawberry.field(
        description="One row per person in scope (sales reps and managers), by user id.")

    @classmethod
    def of(cls, t: pipeline.TeamPerformance) -> TeamPerformance:
        from schema.types.org import User as UserType

        return cls(
            from_=t.period.start, to=t.period.end, scope=_scope(t.scope), weeks=t.weeks,
            reps=[RepPerformance(
                rep=UserType.from_row(r.user), due=r.due, on_time=r.on_time,
                overdue=r.overdue, not_yet_due=r.not_yet_due, overdue_rate=r.overdue_rate,
                overdue_rate_percent=percent_of(r.overdue_rate),
                overdue_rate_reason=r.overdue_rate_reason, follow_ups=r.follow_ups,
                weekly=[WeekCount(week_start=w.week_start, iso_week=w.iso_week, count=w.count)
                        for w in r.weekly],
                weekly_average=r.weekly_average) for r in t.reps])


# -- RFM -------------------------------------------------------------------------------


@strawberry.type(description="A customer's RFM figures and 1–5 scores (5 is best).")
class RfmScore:
    last_order_date: date = strawberry.field(description="Day of the last order in the window.")
    recency_days: int = strawberry.field(description="Days from the last order to asOf.")
    frequency: int = strawberry.field(description="Orders in the window.")
    monetary: Decimal = strawberry.field(description="Sum of their amounts (CNY).")
    r_score: int = strawberry.field(description="Recency score 1–5 (5: most recent).")
    f_score: int = strawberry.field(description="Frequency score 1–5.")
    m_score: int = strawberry.field(description="Monetary score 1–5.")
    fm_score: int = strawberry.field(description="⌈(F + M) ÷ 2⌉, the grid's column.")
    code: str = strawberry.field(description="R, F and M as one code, e.g. 254.")
    segment: RfmSegment = strawberry.field(description="The segment from R and FM.")
    segment_label: str = strawberry.field(description="The segment's Chinese label.")
    recall: bool = strawberry.field(
        description="The segment is one to call back (CANT_LOSE, AT_RISK).")

    @classmethod
    def of(cls, r: rfm.Rfm) -> RfmScore:
        seg = next(s for s in rfm.SEGMENTS if s.key == r.segment)
        return cls(last_order_date=r.last_order_date, recency_days=r.recency_days,
                   frequency=r.frequency, monetary=r.monetary, r_score=r.r_score,
                   f_score=r.f_score, m_score=r.m_score, fm_score=r.fm_score, code=r.code,
                   segment=RfmSegment(r.segment), segment_label=seg.label, recall=seg.recall)


@strawberry.type(description="A customer and their RFM scores as of a day.")
class CustomerRfm:
    customer: Customer = strawberry.field(
        description="The customer (contact details masked as in the customer list).")
    as_of: date = strawberry.field(description="The reference day.")
    window_days: int = strawberry.field(description="Days of orders counted, up to asOf.")
    scores: RfmScore | None = strawberry.field(
        description="Null when the customer has no order in the window.")
    scores_reason: str | None = strawberry.field(description="Why scores is null.")


@strawberry.type(description="One RFM segment: its rule and the customers in it.")
class RfmSegmentSummary:
    segment: RfmSegment = strawberry.field(description="The segment.")
    label: str = strawberry.field(description="Chinese label, e.g. 重要挽回客户.")
    description: str = strawberry.field(description="What the customers in it have in common.")
    r_scores: list[int] = strawberry.field(description="The R scores it covers.")
    fm_scores: list[int] = strawberry.field(description="The FM scores it covers.")
    recall: bool = strawberry.field(description="Worth a call back (in the default recall list).")
    customers: int = strawberry.field(description="Customers in it, within your scope.")
    share: Decimal | None = strawberry.field(
        description="customers ÷ all scored customers in scope; null when there are none.")
    monetary: Decimal = strawberry.field(description="Their monetary value, summed (CNY).")
    average_recency_days: Decimal | None = strawberry.field(
        description="Mean recency in days; null when the segment is empty.")
    average_frequency: Decimal | None = strawberry.field(
        description="Mean orders per customer; null when the segment is empty.")


@strawberry.type(description="Customers per RFM segment (客户分层汇总), within your scope.")
class RfmSegments:
    as_of: date = strawberry.field(description="The reference day.")
    window_days: int = strawberry.field(description="Days of orders counted, up to asOf.")
    first_day: date = strawberry.field(description="The first day of the window.")
    scope: AnalyticsScope = strawberry.field(description="Which customers were counted.")
    customers: int = strawberry.field(description="Scored customers in scope.")
    monetary: Decimal = strawberry.field(description="Their monetary value, summed (CNY).")
    segments: list[RfmSegmentSummary] = strawberry.field(
        description="Every segment, in the grid's order (empty ones included).")
    computed_at: datetime | None = strawberry.field(
        description="For the standing window (asOf today, 730 days): when the segment tally "
        "was last refreshed (every few minutes; customers who ordered since count in their "
        "old segment until the next refresh). Null: ranked in full for this answer (any "
        "other window).")

    @classmethod
    def of(cls, s: rfm.Segments) -> RfmSegments:
        return cls(
            as_of=s.window.as_of, window_days=s.window.days, first_day=s.window.first_day,
            scope=_scope(s.scope), customers=s.customers, monetary=s.monetary,
            computed_at=s.computed_at,
            segments=[RfmSegmentSummary(
                segment=RfmSegment(x.segment.key), label=x.segment.label,
                description=x.segment.description,
                r_scores=list(range(x.segment.r[0], x.segment.r[1] + 1)),
                fm_scores=list(range(x.segment.fm[0], x.segment.fm[1] + 1)),
                recall=x.segment.recall, customers=x.customers, share=x.share,
                monetary=x.monetary, average_recency_days=x.average_recency_days,
                average_frequency=x.average_frequency) for x in s.segments])


@strawberry.type(description="A customer worth calling back, with their scores.")
class RfmRecallEntry:
    customer: Customer = strawberry.field(
        description="The customer (contact details masked as in the customer list).")
    scores: RfmScore = strawberry.field(description="Their RFM figures and scores.")

    @classmethod
    def presenter(cls, actor: Principal) -> Any:
        return lambda e: cls(customer=Customer.from_row(e.customer, actor),
                             scores=RfmScore.of(e.rfm))


# -- orders ----------------------------------------------------------------------------


@strawberry.type(description="A purchase by a customer (订单), recorded or imported.")
class Order:
    id: strawberry.ID = strawberry.field(description="Order id.")
    order_date: date = strawberry.field(description="Day of the order (company time).")
    amount: Decimal = strawberry.field(description="Amount (CNY).")
    channel: Channel | None = strawberry.field(description="The channel it came through.")
    product: str | None = strawberry.field(description="What was bought.")
    external_id: str | None = strawberry.field(
        description="Its key in the system it came from (unique).")
    created_at: datetime = strawberry.field(description="When it was recorded (UTC).")
    _row: strawberry.Private[OrderRow]
    _actor: strawberry.Private[Principal]

    @strawberry.field(description="The customer who ordered.")
    async def customer(self, info: Info) -> Customer | None:
        row = await info.context.loaders.customer.load(self._row.customer_id)
        return Customer.from_row(row, self._actor) if row else None

    @strawberry.field(description="The campaign it is attributed to, if any.",
                      graphql_type=Optional[CampaignType])  # noqa: UP045
    async def campaign(self, info: Info) -> Any:
        from schema.types.campaign import Campaign

        if self._row.campaign_id is None:
            return None
        row = await info.context.loaders.campaign.load(self._row.campaign_id)
        return Campaign.from_row(row, self._actor) if row else None

    @classmethod
    def presenter(cls, actor: Principal) -> Any:
        return lambda row: cls(
            id=strawberry.ID(str(row.id)), order_date=row.order_date, amount=row.amount,
            channel=Channel(row.channel) if row.channel else None, product=row.product,
            external_id=row.external_id, created_at=row.created_at, _row=row, _actor=actor)
