"""RFM recall (客户召回): a recall list turned into follow-ups for the customers' owners,
and what came of it — who ordered again within N days, and the rate (seed 001: 12 %).

A batch takes the customers of the standing window's recall segments (or one segment,
or chosen customers of them) that the caller may act on (`recall/create`, judged by the
customer's owner and department like the lists), most valuable first, at most
`MAX_BATCH`; each gets one follow-up whose next action is the recall, assigned to the
owner, with its deadline (so it escalates like any other follow-up). A customer who
already has an open recall follow-up is left out (`skipped`). The same `idempotency_key`
with the same request returns the batch already made; with another request it is refused.

The outcome counts, of the batch's customers the caller may read (`recall/read`, current
owner and department), those recalled, those whose follow-up is done (contacted) and
those with an order dated from the recall day to `within_days` after it (reactivated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q, Subquery

from engine import audit, calendar, clock, codes, db, outbox, settings, sqlkit, validation
from engine.authz import NoAccess, Principal, Scope, authorizer
from engine.errors import Forbidden, NotFound, ValidationFailed
from engine.models import Customer, FollowUp, RecallBatch, RecallEntry
from engine.models.enums import Feedback, FollowUpMethod, FollowUpStatus
from engine.pagination import OrderKey, Page, empty_page, paginate
from engine.services import customers, follow_ups, rfm_summary
from engine.services.rfm_grid import RECALL_SEGMENTS, SEGMENT_KEYS, SEGMENTS

OBJECT = "recall"
AUDIT_TYPE = "recall_batch"
CODE_PREFIX = "ZH"  # 召回
MAX_BATCH = 500
DEFAULT_LIMIT = 100
DEFAULT_WITHIN_DAYS = 30
MAX_WITHIN_DAYS = 365
OPEN = (FollowUpStatus.PENDING.value, FollowUpStatus.OVERDUE.value)
LABELS = {s.key: s.label for s in SEGMENTS}


@dataclass(frozen=True)
class RecallInput:
    next_action: str
    due_date: date | None
    method: str = FollowUpMethod.PHONE.value
    segment: str | None = None
    customer_ids: Sequence[int] = ()
    limit: int | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class _Candidate:
    customer_id: int
    segment: str
    r: int
    f: int
    m: int
    cents: int
    last_order: date


def _scope(actor: Principal, act: str, p: sqlkit.Params) -> sqlkit.ScopeClause:
    return sqlkit.scope_clause(actor, OBJECT, act, p, owner_col="c.owner_id",
                               department_col="c.department_id")


def _request(data: RecallInput, wanted: Sequence[str], limit: int) -> dict[str, Any]:
    """What was asked, as stored with the batch (an idempotent retry must match it)."""
    return audit.jsonable({
        "next_action": data.next_action.strip(), "due_date": data.due_date,
        "method": data.method, "segments": list(wanted), "limit": limit,
        "customer_ids": sorted(data.customer_ids)})


def _check(data: RecallInput) -> tuple[dict[str, Any], tuple[str, ...], int]:
    values = {
        "next_action": validation.required_text("next_action", data.next_action, max_len=200),
        "method": validation.enum_value("method", FollowUpMethod, data.method).value,
        "idempotency_key": validation.text("idempotency_key", data.idempotency_key,
                                           max_len=100),
    }
    if data.due_date is None:
        raise ValidationFailed("due_date", "the recall needs a due date", rule="required")
    if data.due_date < rfm_summary.today():
        raise ValidationFailed("due_date", "the due date is in the past", rule="not_past")
    if data.segment is not None and data.segment not in SEGMENT_KEYS:
        raise ValidationFailed("segment", f"segment must be one of {', '.join(SEGMENT_KEYS)}",
                               rule="choice")
    limit = DEFAULT_LIMIT if data.limit is None else data.limit
    if not 1 <= limit <= MAX_BATCH:
        raise ValidationFailed("limit", f"limit must be between 1 and {MAX_BATCH}",
                               rule="range")
    if len(data.customer_ids) > MAX_BATCH:
        raise ValidationFailed("customer_ids", f"at most {MAX_BATCH} customers per batch",
                               rule="max_items")
    if len(set(data.customer_ids)) != len(data.customer_ids):
        raise ValidationFailed("customer_ids", "a customer is listed twice", rule="duplicate")
    wanted = (data.segment,) if data.segment else RECALL_SEGMENTS
    return values, wanted, limit


async def _candidates(actor: Principal, wanted: Sequence[str], limit: int,
                      customer_ids: Sequence[int]) -> tuple[list[_Candidate], int]:
    """The customers to recall, most valuable first, and how many were left out because
    they already have an open recall follow-up (of the chosen ones, or of the list)."""
    conn = db.connection()

    def listed(p: sqlkit.Params, open_recall: bool) -> str:
        try:
            scope = _scope(actor, "create", p)
        except NoAccess:
            raise Forbidden(OBJECT, "create", "you may not start recalls") from None
        chosen = f" AND s.customer_id IN ({sqlkit.in_list(p, customer_ids)})" \
            if customer_ids else ""
        busy = ("EXISTS (SELECT 1 FROM recall_entry e JOIN follow_up f ON f.id = e.follow_up_id"
                " WHERE e.customer_id = s.customer_id"
                f" AND f.status IN ({sqlkit.in_list(p, OPEN)}))")
        return (f" FROM {rfm_summary.SUMMARY} s JOIN customer c ON c.id = s.customer_id"
                f" WHERE {scope.sql} AND s.segment IN ({sqlkit.in_list(p, wanted)}){chosen}"
                f" AND {'' if open_recall else 'NOT '}{busy}")

    p = sqlkit.Params(conn)
    rows = await p.fetch(
        "SELECT s.customer_id, s.segment, s.r_score, s.f_score, s.m_score, s.window_cents,"
        f" s.window_last_order_date{listed(p, False)}"
        f" ORDER BY s.window_cents DESC, s.customer_id DESC LIMIT {p(limit)}")
    q = sqlkit.Params(conn)
    busy = [int(r["customer_id"]) for r in await q.fetch(
        f"SELECT s.customer_id{listed(q, True)}")]
    if customer_ids:
        known = {int(r["customer_id"]) for r in rows} | set(busy)
        for i, cid in enumerate(customer_ids):
            if cid not in known:
                raise ValidationFailed(
                    f"customer_ids.{i}", f"customer {cid} is not in the recall list you may "
                    "act on (segment, scope)", rule="not_in_list")
    return [_Candidate(int(r["customer_id"]), str(r["segment"]), int(r["r_score"]),
                       int(r["f_score"]), int(r["m_score"]), int(r["window_cents"]),
                       sqlkit.as_date(r["window_last_order_date"])) for r in rows], len(busy)


async def create(actor: Principal, data: RecallInput) -> RecallBatch:
    """Turn the recall list (or chosen customers of it) into follow-ups for the owners."""
    values, wanted, limit = _check(data)
    request = _request(data, wanted, limit)
    key = values["idempotency_key"]
    if key is not None:
        existing = await RecallBatch.get_or_none(idempotency_key=key)
        if existing is not None:
            return _same_or_duplicate(existing, request)
    await rfm_summary.ensure_current()
    picked, skipped = await _candidates(actor, wanted, limit, list(data.customer_ids))
    if not picked:
        field = "customer_ids" if data.customer_ids else "segment"
        raise ValidationFailed(field, "nobody to recall: the list is empty or everyone on it "
                               "already has an open recall follow-up", rule="empty")
    now = clock.now()
    day = clock.local_date(now, settings.current().zone)
    assert data.due_date is not None
    due_at = calendar.current().end_of_day(data.due_date)
    found = await customers.by_ids(c.customer_id for c in picked)
    try:
        async with outbox.atomic() as conn:
            code = await codes.next_code(conn, CODE_PREFIX, day)
            batch = await RecallBatch.create(
                using_db=conn, code=code, created_by_id=actor.id, created_at=now,
                recall_date=day, as_of=day, window_days=rfm_summary.STANDING_DAYS,
                segments=list(wanted), next_action=values["next_action"],
                method=values["method"], due_at=due_at, size=len(picked), skipped=skipped,
                idempotency_key=key, request=request)
            entries = []
            for c in picked:
                customer = found[c.customer_id]
                follow_up = await follow_ups.insert(
                    conn, actor, customer, {
                        "method": values["method"],
                        "summary": f"RFM召回 {code}：{LABELS[c.segment]}（RFM {c.r}{c.f}{c.m}）",
                        "feedback": Feedback.NEUTRAL.value,
                        "next_action": values["next_action"]},
                    due_at=due_at, contact_day=day, contacted=False)
                entries.append(RecallEntry(
                    batch_id=batch.id, customer_id=c.customer_id, follow_up_id=follow_up.id,
                    owner_id=customer.owner_id, segment=c.segment, r_score=c.r, f_score=c.f,
                    m_score=c.m, window_cents=c.cents, last_order_date=c.last_order))
            await RecallEntry.bulk_create(entries, using_db=conn)
            await audit.write_event(
                conn, actor, AUDIT_TYPE, batch.id, "create", version=1,
                reason=f"recalled {len(picked)} customer(s), {skipped} left out",
                changes={"code": [None, code], "segments": [None, list(wanted)],
                         "size": [None, len(picked)], "skipped": [None, skipped],
                         "next_action": [None, values["next_action"]],
                         "due_at": [None, due_at], "method": [None, values["method"]],
                         "customers": [None, [found[c.customer_id].code for c in picked]]})
    except IntegrityError:
        if key is None:
            raise
        existing = await RecallBatch.get_or_none(idempotency_key=key)
        if existing is None:
            raise
        return _same_or_duplicate(existing, request)  # a concurrent retry won the race
    return batch


def _same_or_duplicate(existing: RecallBatch, request: dict[str, Any]) -> RecallBatch:
    if existing.request == request:
        return existing
    raise ValidationFailed("idempotency_key", "this idempotency key was used for another "
                           "recall request", rule="duplicate")


# -- reading batches and their outcome ---------------------------------------------------


def _visible(actor: Principal) -> Q | None:
    """Batches with a customer the caller may read, or that the caller started."""
    scope = authorizer().scope(actor, OBJECT, "read")
    if scope is None:
        raise NoAccess
    if scope is Scope.ALL:
        return None
    mine = Q(created_by_id=actor.id) if actor.id is not None else Q(id=-1)
    if scope is Scope.DEPARTMENT and actor.department_id is not None:
        inside = RecallEntry.filter(customer__department_id=actor.department_id)
    else:
        inside = RecallEntry.filter(customer__owner_id=actor.id)
    return mine | Q(id__in=Subquery(inside.values("batch_id")))


async def get(actor: Principal, batch_id: int) -> RecallBatch | None:
    try:
        visible = _visible(actor)
    except NoAccess:
        return None
    qs = RecallBatch.filter(id=batch_id)
    return await (qs if visible is None else qs.filter(visible)).first()


async def list_(actor: Principal, *, first: int | None, after: str | None
                ) -> Page[RecallBatch]:
    """Batches the caller may see, newest first."""
    try:
        visible = _visible(actor)
    except NoAccess:
        return empty_page()
    qs = RecallBatch.all() if visible is None else RecallBatch.filter(visible)
    return await paginate(qs, first=first, after=after, order=(OrderKey("id", descending=True),))


@dataclass(frozen=True)
class Outcome:
    batch: RecallBatch
    within_days: int
    window_ends_on: date
    complete: bool  # the window is over: the figures will not change any more
    scope: str
    recalled: int
    contacted: int
    reactivated: int
    revenue: Decimal
    rate: Decimal | None
    rate_reason: str | None


def _within(within_days: int | None) -> int:
    n = DEFAULT_WITHIN_DAYS if within_days is None else within_days
    if not 1 <= n <= MAX_WITHIN_DAYS:
        raise ValidationFailed("within_days", f"within_days must be between 1 and "
                               f"{MAX_WITHIN_DAYS}", rule="range")
    return n


def _entries_sql(p: sqlkit.Params, batch: RecallBatch, scope: sqlkit.ScopeClause,
                 until: date) -> tuple[str, str]:
    """FROM/WHERE of a batch's entries in scope, and the 'ordered again' condition."""
    since_mark, until_mark = p(batch.recall_date, "date"), p(until, "date")
    ordered = (f"o.customer_id = e.customer_id AND o.order_date >= {since_mark}"
               f" AND o.order_date <= {until_mark}")
    return (" FROM recall_entry e JOIN customer c ON c.id = e.customer_id"
            " JOIN follow_up f ON f.id = e.follow_up_id"
            f" WHERE e.batch_id = {p(batch.id)} AND {scope.sql}"), ordered


async def outcome(actor: Principal, batch_id: int, within_days: int | None = None
                  ) -> Outcome:
    """Recalled, contacted and reactivated customers of a batch, and the rate."""
    n = _within(within_days)
    batch = await get(actor, batch_id)
    if batch is None:
        raise NotFound(AUDIT_TYPE, batch_id)
    until = batch.recall_date + timedelta(days=n)
    p = sqlkit.Params(db.connection())
    try:
        scope = _scope(actor, "read", p)
    except NoAccess:  # pragma: no cover - get() already refused
        raise NotFound(AUDIT_TYPE, batch_id) from None
    base, ordered = _entries_sql(p, batch, scope, until)
    done = p(FollowUpStatus.DONE.value)
    rows = await p.fetch(
        "SELECT COUNT(*) AS recalled,"
        f" SUM(CASE WHEN f.status = {done} THEN 1 ELSE 0 END) AS contacted,"
        " SUM(CASE WHEN EXISTS (SELECT 1 FROM customer_order o WHERE"
        f" {ordered}) THEN 1 ELSE 0 END) AS reactivated" + base)
    q = sqlkit.Params(db.connection())
    base, ordered = _entries_sql(q, batch, _scope(actor, "read", q), until)
    cents = await q.fetch(f"SELECT SUM({sqlkit.cents(q, 'o.amount')}) AS cents" + base.replace(
        " WHERE ", f" JOIN customer_order o ON {ordered} WHERE ", 1))
    r = rows[0]
    recalled = int(r["recalled"] or 0)
    reactivated = int(r["reactivated"] or 0)
    rate = (Decimal(reactivated) / recalled).quantize(Decimal("0.0001"), ROUND_HALF_UP) \
        if recalled else None
    return Outcome(
        batch=batch, within_days=n, window_ends_on=until,
        complete=until < rfm_summary.today(), scope=scope.name, recalled=recalled,
        contacted=int(r["contacted"] or 0), reactivated=reactivated,
        revenue=sqlkit.from_cents(cents[0]["cents"]), rate=rate,
        rate_reason=None if recalled else "no recalled customer in your scope")


@dataclass(frozen=True)
class EntryView:
    entry: RecallEntry
    customer: Customer
    follow_up: FollowUp
    first_order_after: date | None  # the first order dated on or after the recall day


async def entries(actor: Principal, batch_id: int, *, first: int | None,
                  after: str | None) -> Page[EntryView]:
    """A batch's customers the caller may read, most valuable (when recalled) first."""
    batch = await get(actor, batch_id)
    if batch is None:
        raise NotFound(AUDIT_TYPE, batch_id)
    try:
        scope = customers.visible(actor)
    except NoAccess:
        return empty_page()
    qs = RecallEntry.filter(batch_id=batch.id)
    if scope is not None:
        qs = qs.filter(customer_id__in=Subquery(
            Customer.filter(scope).values("id")))
    page = await paginate(qs, first=first, after=after,
                          order=(OrderKey("window_cents", descending=True),
                                 OrderKey("id", descending=True)))
    follow = {f.id: f for f in await FollowUp.filter(
        id__in=[e.follow_up_id for e in page.items])}
    found = await customers.by_ids(e.customer_id for e in page.items)
    firsts: dict[int, date] = {}
    if page.items:
        p = sqlkit.Params(db.connection())
        for row in await p.fetch(
                "SELECT customer_id, MIN(order_date) AS d FROM customer_order WHERE"
                f" customer_id IN ({sqlkit.in_list(p, [e.customer_id for e in page.items])})"
                f" AND order_date >= {p(batch.recall_date, 'date')} GROUP BY customer_id"):
            firsts[int(row["customer_id"])] = sqlkit.as_date(row["d"])
    return Page(items=[EntryView(e, found[e.customer_id], follow[e.follow_up_id],
                                 firsts.get(e.customer_id))
                       for e in page.items], has_next=page.has_next,
                has_previous=page.has_previous, cursors=page.cursors, count=page.count)

