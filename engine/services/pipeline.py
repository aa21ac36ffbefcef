"""Team and pipeline analytics: the funnel, lost reasons, overdue rates, weekly activity.

Every figure is aggregated by the database (GROUP BY, joins) on SQLite and PostgreSQL,
within the caller's scope: the policy's scope for `pipeline/read` (funnel, lost reasons)
or `team/read` (per-rep figures) becomes a WHERE on the customer's owner or department,
exactly as customer lists do. A period is a range of days in the company's time zone,
both ends included. Definitions and formulas: docs/pipeline-rfm.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from engine import clock, db, settings, sqlkit, validation
from engine.authz import NoAccess, Principal
from engine.errors import ValidationFailed
from engine.models import Campaign, Department, User
from engine.models.enums import CustomerStage, FollowUpStatus
from engine.services import org

RATIO = Decimal("0.0001")
MAX_PERIOD_DAYS = 5 * 366
FUNNEL = (CustomerStage.POTENTIAL.value, CustomerStage.INTENT.value,
          CustomerStage.NEGOTIATION.value, CustomerStage.WON.value)
STAGES = (*FUNNEL, CustomerStage.LOST.value)
NO_REASON = ""
PIPELINE_OBJECT = "pipeline"
TEAM_OBJECT = "team"


def ratio(part: int, whole: int, why_empty: str) -> tuple[Decimal | None, str | None]:
    """part ÷ whole to four decimals, or None and the reason when there is no whole."""
    if whole == 0:
        return None, why_empty
    return (Decimal(part) / Decimal(whole)).quantize(RATIO, ROUND_HALF_UP), None


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def utc_start(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=settings.current().zone
                                ).astimezone(UTC)

    @property
    def utc_end(self) -> datetime:
        """The first instant after the period (exclusive bound)."""
        return datetime.combine(self.end + timedelta(days=1), time.min,
                                tzinfo=settings.current().zone).astimezone(UTC)


def period(start: date | None, end: date | None) -> Period:
    if start is None:
        raise ValidationFailed("from", "give the first day of the period", rule="required")
    if end is None:
        raise ValidationFailed("to", "give the last day of the period", rule="required")
    if end < start:
        raise ValidationFailed("to", "the period ends before it starts", rule="range")
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise ValidationFailed("to", f"a period is at most {MAX_PERIOD_DAYS} days",
                               rule="range")
    return Period(start, end)


@dataclass(frozen=True)
class PipelineFilter:
    department_id: int | None = None
    owner_username: str | None = None
    campaign_id: int | None = None


@dataclass(frozen=True)
class _Resolved:
    """A filter checked against the database once, ready to render into any query."""

    department_id: int | None
    owner_id: int | None
    campaign_id: int | None

    def sql(self, p: sqlkit.Params) -> str:
        """Conditions on the customer (alias `c`)."""
        parts = [f"{column} = {p(value)}" for column, value in (
            ("c.department_id", self.department_id), ("c.owner_id", self.owner_id),
            ("c.source_campaign_id", self.campaign_id)) if value is not None]
        return "".join(f" AND {part}" for part in parts)


async def _resolve(flt: PipelineFilter) -> _Resolved:
    """Unknown keys are input errors, not zeros."""
    owner_id: int | None = None
    if flt.department_id is not None and not await Department.filter(
            id=flt.department_id).exists():
        raise ValidationFailed("department_id", f"no department {flt.department_id}",
                               rule="unknown")
    if flt.owner_username is not None:
        name = validation.required_text("owner_username", flt.owner_username, max_len=64)
        owner = await User.get_or_none(username=name)
        if owner is None:
            raise ValidationFailed("owner_username", f"no user {name!r}", rule="unknown")
        owner_id = owner.id
    if flt.campaign_id is not None and not await Campaign.filter(id=flt.campaign_id).exists():
        raise ValidationFailed("campaign_id", f"no campaign {flt.campaign_id}", rule="unknown")
    return _Resolved(flt.department_id, owner_id, flt.campaign_id)


# -- the funnel ------------------------------------------------------------------------


@dataclass(frozen=True)
class StageFigures:
    stage: str
    entered: int  # distinct customers who entered the stage in the period
    current: int  # customers in the stage now (within scope and filter)


@dataclass(frozen=True)
class Conversion:
    from_stage: str
    to_stage: str
    entered: int  # entered `from_stage` in the period
    advanced: int  # … and entered `to_stage` afterwards, within the period
    rate: Decimal | None
    reason: str | None


@dataclass(frozen=True)
class Funnel:
    period: Period
    scope: str
    stages: list[StageFigures]
    conversions: list[Conversion]


def _next_stage_case() -> str:
    pairs = " ".join(f"WHEN '{a}' THEN '{b}'" for a, b in pairwise(FUNNEL))
    return f"CASE a.to_stage {pairs} END"


async def funnel(actor: Principal, start: date | None, end: date | None,
                 flt: PipelineFilter = PipelineFilter()) -> Funnel:
    """Customers entering each stage in the period, now in each stage, and conversions.

    Conversion A → B = customers who entered A in the period and entered B at or after
    that, before the period ended ÷ customers who entered A in the period.
    """
    per = period(start, end)
    resolved = await _resolve(flt)
    conn = db.connection()
    p = sqlkit.Params(conn)
    try:
        scope = sqlkit.scope_clause(actor, PIPELINE_OBJECT, "read", p,
                                    owner_col="c.owner_id", department_col="c.department_id")
    except NoAccess:
        return _empty_funnel(per)
    where = scope.sql + resolved.sql(p)
    lo, hi = p(per.utc_start), p(per.utc_end)
    entered_rows = await p.fetch(
        "WITH entries AS ("
        " SELECT sc.customer_id, sc.to_stage, MIN(sc.at) AS first_at"
        " FROM customer_stage_change sc JOIN customer c ON c.id = sc.customer_id"
        # every stage is listed so that the (to_stage, at) index serves the period
        f" WHERE sc.to_stage IN ({sqlkit.in_list(p, STAGES)})"
        f" AND sc.at >= {lo} AND sc.at < {hi} AND {where}"
        " GROUP BY sc.customer_id, sc.to_stage)"
        " SELECT a.to_stage AS stage, COUNT(*) AS entered, COUNT(b.customer_id) AS advanced"
        " FROM entries a LEFT JOIN entries b ON b.customer_id = a.customer_id"
        f" AND b.to_stage = {_next_stage_case()} AND b.first_at >= a.first_at"
        " GROUP BY a.to_stage"
    )
    q = sqlkit.Params(conn)
    scope_now = sqlkit.scope_clause(actor, PIPELINE_OBJECT, "read", q,
                                    owner_col="c.owner_id", department_col="c.department_id")
    current_rows = await q.fetch(
        "SELECT c.stage AS stage, COUNT(*) AS n FROM customer c"
        f" WHERE {scope_now.sql}{resolved.sql(q)} GROUP BY c.stage"
    )
    entered = {r["stage"]: (int(r["entered"]), int(r["advanced"])) for r in entered_rows}
    current = {r["stage"]: int(r["n"]) for r in current_rows}
    stages = [StageFigures(s, entered.get(s, (0, 0))[0], current.get(s, 0)) for s in STAGES]
    conversions = []
    for a, b in pairwise(FUNNEL):
        n, advanced = entered.get(a, (0, 0))
        rate, why = ratio(advanced, n, f"no customer entered {a} in the period")
        conversions.append(Conversion(a, b, n, advanced, rate, why))
    return Funnel(per, scope.name, stages, conversions)


def _empty_funnel(per: Period) -> Funnel:
    return Funnel(
        per, "none", [StageFigures(s, 0, 0) for s in STAGES],
        [Conversion(a, b, 0, 0, None, "you may not read the pipeline")
         for a, b in pairwise(FUNNEL)])


# -- lost reasons ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonCount:
    reason: str  # normalised: trimmed, lower-case; "" when none was given
    count: int
    share: Decimal | None


@dataclass(frozen=True)
class LostReasons:
    period: Period
    scope: str
    total: int  # losses (entries into lost) in the period
    distinct: int  # distinct normalised reasons
    reasons: list[ReasonCount]  # the `first` most frequent
    other_count: int  # losses whose reason is not among `reasons`
    other_share: Decimal | None
    share_reason: str | None


async def lost_reasons(actor: Principal, start: date | None, end: date | None,
                       flt: PipelineFilter = PipelineFilter(), *, first: int | None = None
                       ) -> LostReasons:
    """How often each reason was given for losing a customer in the period."""
    per = period(start, end)
    limit = 20 if first is None else first
    if limit < 1 or limit > 100:
        raise ValidationFailed("first", "first must be between 1 and 100", rule="range")
    resolved = await _resolve(flt)
    p = sqlkit.Params(db.connection())
    try:
        scope = sqlkit.scope_clause(actor, PIPELINE_OBJECT, "read", p,
                                    owner_col="c.owner_id", department_col="c.department_id")
    except NoAccess:
        return LostReasons(per, "none", 0, 0, [], 0, None, "you may not read the pipeline")
    where = scope.sql + resolved.sql(p)
    rows = await p.fetch(
        "WITH losses AS ("
        f" SELECT COALESCE(LOWER(TRIM(sc.reason)), {p(NO_REASON)}) AS reason"
        " FROM customer_stage_change sc JOIN customer c ON c.id = sc.customer_id"
        f" WHERE sc.to_stage = {p(CustomerStage.LOST.value)}"
        f" AND sc.at >= {p(per.utc_start)} AND sc.at < {p(per.utc_end)} AND {where})"
        " SELECT reason, COUNT(*) AS n, SUM(COUNT(*)) OVER () AS total,"
        " COUNT(*) OVER () AS distinct_reasons"
        " FROM losses GROUP BY reason ORDER BY n DESC, reason"
        f" LIMIT {p(limit)}"
    )
    if not rows:
        return LostReasons(per, scope.name, 0, 0, [], 0, None,
                           "no customer was lost in the period")
    total = int(rows[0]["total"])
    why = "no customer was lost in the period"
    reasons = [ReasonCount(r["reason"], int(r["n"]), ratio(int(r["n"]), total, why)[0])
               for r in rows]
    other = total - sum(r.count for r in reasons)
    return LostReasons(per, scope.name, total, int(rows[0]["distinct_reasons"]), reasons,
                       other, ratio(other, total, why)[0], None)


# -- team performance ------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCount:
    week_start: date  # the Monday

    count: int

    @property
    def iso_week(self) -> str:
        year, week, _ = self.week_start.isocalendar()
        return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class RepFigures:
    user: User
    due: int  # follow-ups whose next action fell due in the period
    on_time: int  # … done by their due time
    overdue: int  # … done late, or still open past their due time
    not_yet_due: int  # … open and due later than now
    overdue_rate: Decimal | None  # overdue ÷ (on_time + overdue)
    overdue_rate_reason: str | None
    follow_ups: int  # follow-ups recorded in the period (by contact day)
    weekly: list[WeekCount]
    weekly_average: Decimal


@dataclass(frozen=True)
class TeamPerformance:
    period: Period
    scope: str
    weeks: list[date]
    reps: list[RepFigures]


def weeks_of(per: Period) -> list[date]:
    monday = per.start - timedelta(days=per.start.weekday())
    weeks = []
    while monday <= per.end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


async def team_performance(actor: Principal, start: date | None, end: date | None,
                           department_id: int | None = None) -> TeamPerformance:
    """Per rep: the overdue rate of next actions due in the period and weekly follow-ups.

    Follow-ups are counted within the `team/read` scope, judged (like lists) by the
    customer's owner and department. Overdue figures belong to the assignee (who owed the
    next action), weekly counts to whoever recorded the follow-up.
    """
    per = period(start, end)
    weeks = weeks_of(per)
    resolved = await _resolve(PipelineFilter(department_id=department_id))
    conn = db.connection()
    p = sqlkit.Params(conn)
    try:
        scope = sqlkit.scope_clause(actor, TEAM_OBJECT, "read", p,
                                    owner_col="c.owner_id", department_col="c.department_id")
    except NoAccess:
        return TeamPerformance(per, "none", weeks, [])
    where = scope.sql + resolved.sql(p)
    done, now = p(FollowUpStatus.DONE.value), p(clock.now())
    due_rows = await p.fetch(
        "SELECT f.assignee_id AS user_id, COUNT(*) AS due,"
        f" SUM(CASE WHEN f.status = {done} AND f.completed_at <= f.due_at"
        " THEN 1 ELSE 0 END) AS on_time,"
        f" SUM(CASE WHEN (f.status = {done} AND f.completed_at > f.due_at)"
        f" OR (f.status <> {done} AND f.due_at <= {now}) THEN 1 ELSE 0 END) AS overdue,"
        f" SUM(CASE WHEN f.status <> {done} AND f.due_at > {now}"
        " THEN 1 ELSE 0 END) AS not_yet_due"
        " FROM follow_up f JOIN customer c ON c.id = f.customer_id"
        # every status is listed so that the (status, due_at) index serves the period
        f" WHERE f.status IN ({sqlkit.in_list(p, [s.value for s in FollowUpStatus])})"
        f" AND f.due_at >= {p(per.utc_start)} AND f.due_at < {p(per.utc_end)} AND {where}"
        " GROUP BY f.assignee_id"
    )
    q = sqlkit.Params(conn)
    scope_q = sqlkit.scope_clause(actor, TEAM_OBJECT, "read", q,
                                  owner_col="c.owner_id", department_col="c.department_id")
    week_expr = sqlkit.week_start(q, "f.follow_up_date")
    week_rows = await q.fetch(
        f"SELECT f.created_by_id AS user_id, {week_expr} AS week, COUNT(*) AS n"
        " FROM follow_up f JOIN customer c ON c.id = f.customer_id"
        f" WHERE f.follow_up_date >= {q(per.start)} AND f.follow_up_date <= {q(per.end)}"
        f" AND {scope_q.sql}{resolved.sql(q)}"
        f" GROUP BY f.created_by_id, {week_expr}"
    )
    due = {int(r["user_id"]): r for r in due_rows}
    weekly: dict[int, dict[date, int]] = {}
    for r in week_rows:
        weekly.setdefault(int(r["user_id"]), {})[sqlkit.as_date(r["week"])] = int(r["n"])
    users = await _team_members(actor, scope.scope.name.lower(), department_id,
                                set(due) | set(weekly))
    reps = []
    for user in users:
        d = due.get(user.id)
        on_time, overdue = (int(d["on_time"] or 0), int(d["overdue"] or 0)) if d else (0, 0)
        rate, why = ratio(overdue, on_time + overdue,
                          "no next action fell due (and was decided) in the period")
        counts = weekly.get(user.id, {})
        total = sum(counts.values())
        reps.append(RepFigures(
            user=user, due=int(d["due"]) if d else 0, on_time=on_time, overdue=overdue,
            not_yet_due=int(d["not_yet_due"] or 0) if d else 0, overdue_rate=rate,
            overdue_rate_reason=why, follow_ups=total,
            weekly=[WeekCount(w, counts.get(w, 0)) for w in weeks],
            weekly_average=(Decimal(total) / len(weeks)).quantize(Decimal("0.01"),
                                                                   ROUND_HALF_UP)))
    return TeamPerformance(per, scope.name, weeks, reps)


async def _team_members(actor: Principal, scope: str, department_id: int | None,
                        seen: set[int]) -> list[User]:
    """The reps in scope (even with nothing to count) and everyone who has figures."""
    qs = User.filter(role__in=sorted(org.OWNER_ROLES), active=True)
    if scope == "own":
        qs = qs.filter(id=actor.id)
    elif scope == "department":
        qs = qs.filter(department_id=actor.department_id)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    members = {u.id: u for u in await qs}
    missing = seen - set(members)
    if missing:
        members.update({u.id: u for u in await User.filter(id__in=sorted(missing))})
    return sorted(members.values(), key=lambda u: u.id)
