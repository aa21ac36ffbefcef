"""RFM: recency, frequency and monetary value of customers, from their orders.

Only orders count (recorded or imported `CustomerOrder` rows, see `record_order`); won
deals are not orders — a deal amount is what was agreed, an order is what was bought,
and counting both would count one purchase twice when the deal's order is recorded too.

For a reference day `as_of` and a window (default two years), every customer with at
least one order in (as_of − window, as_of] gets:
- recency R: days from their last order to `as_of`;
- frequency F: the number of orders in the window;
- monetary M: the sum of their amounts in the window;
- a 1–5 score for each: 1 + ⌊5 × (customers with a strictly worse value) ÷ (customers
  scored)⌋, computed by a window function (RANK) over the whole scored population, so a
  customer's scores do not depend on who asks; ties share a score;
- a segment from R and FM = ⌈(F + M) ÷ 2⌉ (SEGMENTS, first matching row wins).
Which customers a caller sees follows the `customer/read` scope, pushed into SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from typing import Any

from tortoise.exceptions import IntegrityError

from engine import audit, clock, db, outbox, settings, sqlkit, validation
from engine.authz import NoAccess, Principal, Scope, require
from engine.errors import NotFound, ValidationFailed
from engine.models import Campaign, Customer, CustomerOrder
from engine.models.enums import Channel
from engine.pagination import (
    OrderKey,
    Page,
    decode_cursor,
    empty_page,
    encode_cursor,
    paginate,
    validate_first,
)
from engine.services import customers, rfm_summary
from engine.services.rfm_grid import (
    RECALL_SEGMENTS,
    SEGMENT_KEYS,
    SEGMENTS,
    Segment,
    segment_case,
    segment_of,  # noqa: F401 (re-exported: rfm.segment_of)
)

DEFAULT_WINDOW_DAYS = rfm_summary.STANDING_DAYS
MAX_WINDOW_DAYS = 3660


@dataclass(frozen=True)
class Window:
    as_of: date
    days: int

    @property
    def first_day(self) -> date:
        return self.as_of - timedelta(days=self.days - 1)


def window(as_of: date | None, days: int | None) -> Window:
    today = clock.local_date(clock.now(), settings.current().zone)
    day = as_of or today
    n = DEFAULT_WINDOW_DAYS if days is None else days
    if n < 1 or n > MAX_WINDOW_DAYS:
        raise ValidationFailed("window_days", f"window_days must be between 1 and "
                               f"{MAX_WINDOW_DAYS}", rule="range")
    return Window(day, n)


@dataclass(frozen=True)
class Rfm:
    customer_id: int
    last_order_date: date
    recency_days: int
    frequency: int
    monetary: Decimal
    r_score: int
    f_score: int
    m_score: int
    segment: str

    @property
    def fm_score(self) -> int:
        return (self.f_score + self.m_score + 1) // 2

    @property
    def code(self) -> str:
        return f"{self.r_score}{self.f_score}{self.m_score}"


def _base_sql(p: sqlkit.Params, w: Window) -> str:
    """CTEs `agg` → `base`: one row per customer with orders in the window."""
    as_of = p(w.as_of, "date")
    return (
        "WITH agg AS ("
        " SELECT o.customer_id, MAX(o.order_date) AS last_order, COUNT(*) AS frequency,"
        f" CAST(SUM({sqlkit.cents(p, 'o.amount')}) AS BIGINT) AS monetary_cents"
        " FROM customer_order o"
        f" WHERE o.order_date >= {p(w.first_day)} AND o.order_date <= {as_of}"
        " GROUP BY o.customer_id),"
        " base AS ("
        " SELECT customer_id, last_order, frequency, monetary_cents,"
        f" {sqlkit.days_between(p, as_of, 'last_order')} AS recency_days FROM agg)"
    )


SEGMENTED = f" segmented AS (SELECT s.*, {segment_case()} AS segment FROM scored s)"


def _scored_sql(p: sqlkit.Params, w: Window) -> str:
    """… → `scored` → `segmented`: everyone's scores, by rank (RANK() − 1 = worse)."""
    return (
        _base_sql(p, w) + ","
        " ranked AS ("
        " SELECT b.*, COUNT(*) OVER () AS n,"
        " RANK() OVER (ORDER BY recency_days DESC) AS r_rank,"
        " RANK() OVER (ORDER BY frequency) AS f_rank,"
        " RANK() OVER (ORDER BY monetary_cents) AS m_rank FROM base b),"
        " scored AS ("
        " SELECT customer_id, last_order, frequency, monetary_cents, recency_days,"
        " 1 + (5 * (r_rank - 1)) / n AS r_score, 1 + (5 * (f_rank - 1)) / n AS f_score,"
        " 1 + (5 * (m_rank - 1)) / n AS m_score FROM ranked),"
        + SEGMENTED
    )


def _one_scored_sql(p: sqlkit.Params, w: Window, customer_id: int) -> str:
    """The same scores for one customer, by counting who is worse instead of sorting all.

    RANK() − 1 is the number of customers strictly worse, so one pass that counts them
    gives the same score without the three sorts of the whole population.
    """
    keys = "me.customer_id, me.last_order, me.frequency, me.monetary_cents, me.recency_days"
    return (
        _base_sql(p, w) + ","
        f" me AS (SELECT * FROM base WHERE customer_id = {p(customer_id)}),"
        f" counted AS (SELECT {keys}, COUNT(*) AS n,"
        " SUM(CASE WHEN b.recency_days > me.recency_days THEN 1 ELSE 0 END) AS r_worse,"
        " SUM(CASE WHEN b.frequency < me.frequency THEN 1 ELSE 0 END) AS f_worse,"
        " SUM(CASE WHEN b.monetary_cents < me.monetary_cents THEN 1 ELSE 0 END) AS m_worse"
        f" FROM me CROSS JOIN base b GROUP BY {keys}),"
        " scored AS ("
        " SELECT customer_id, last_order, frequency, monetary_cents, recency_days,"
        " 1 + (5 * r_worse) / n AS r_score, 1 + (5 * f_worse) / n AS f_score,"
        " 1 + (5 * m_worse) / n AS m_score FROM counted),"
        + SEGMENTED
    )


def _row(r: dict[str, Any]) -> Rfm:
    return Rfm(
        customer_id=int(r["customer_id"]), last_order_date=sqlkit.as_date(r["last_order"]),
        recency_days=int(r["recency_days"]), frequency=int(r["frequency"]),
        monetary=sqlkit.from_cents(r["monetary_cents"]), r_score=int(r["r_score"]),
        f_score=int(r["f_score"]), m_score=int(r["m_score"]), segment=str(r["segment"]))


COLUMNS = ("s.customer_id, s.last_order, s.frequency, s.monetary_cents, s.recency_days,"
           " s.r_score, s.f_score, s.m_score, s.segment")


def _scope(actor: Principal, p: sqlkit.Params, alias: str = "c") -> sqlkit.ScopeClause:
    return sqlkit.scope_clause(actor, customers.OBJECT, "read", p,
                               owner_col=f"{alias}.owner_id",
                               department_col=f"{alias}.department_id")


def _standing(w: Window) -> bool:
    """Is `w` the standing window (today, the default length), kept precomputed?"""
    return w.days == rfm_summary.STANDING_DAYS and w.as_of == rfm_summary.today()


def _standing_sql(p: sqlkit.Params, w: Window) -> str:
    """The precomputed figures and scores (`s`), in the full computation's columns."""
    recency = sqlkit.days_between(p, p(w.as_of, "date"), "s.window_last_order_date")
    return (
        "SELECT s.customer_id, s.window_last_order_date AS last_order,"
        " s.window_orders AS frequency, s.window_cents AS monetary_cents,"
        f" {recency} AS recency_days, s.r_score, s.f_score, s.m_score, s.segment"
        f" FROM {rfm_summary.SUMMARY} s")


async def customer_rfm(actor: Principal, customer_id: int, *, as_of: date | None = None,
                       window_days: int | None = None, full: bool = False) -> Rfm | None:
    """One customer's figures and scores (None: no order in the window).

    NotFound when the customer does not exist or `actor` may not read it.
    """
    w = window(as_of, window_days)
    customer = await customers.get(actor, customer_id=customer_id)
    if customer is None:
        raise NotFound(customers.OBJECT, customer_id)
    p = sqlkit.Params(db.connection())
    if _standing(w) and not full:
        await rfm_summary.ensure_current()
        rows = await p.fetch(_standing_sql(p, w) + f" WHERE s.customer_id = {p(customer.id)}"
                             " AND s.segment IS NOT NULL")
    else:
        rows = await p.fetch(_one_scored_sql(p, w, customer.id)
                             + f" SELECT {COLUMNS} FROM segmented s")
    return _row(rows[0]) if rows else None


@dataclass(frozen=True)
class SegmentSummary:
    segment: Segment
    customers: int
    share: Decimal | None
    monetary: Decimal
    average_recency_days: Decimal | None
    average_frequency: Decimal | None


@dataclass(frozen=True)
class Segments:
    window: Window
    scope: str
    customers: int
    monetary: Decimal
    segments: list[SegmentSummary]
    # the standing window is answered from the tally of the last refresh (its time);
    # None: computed in full for this call
    computed_at: datetime | None = None


def _avg(total: Any, n: int) -> Decimal | None:
    if n == 0:
        return None
    return (Decimal(str(total)) / n).quantize(Decimal("0.01"), ROUND_HALF_UP)


async def segments(actor: Principal, *, as_of: date | None = None,
                   window_days: int | None = None, full: bool = False) -> Segments:
    """Per segment: how many customers (in scope), their share, value and averages.

    The standing window (today, the default 730 days) sums the segment tally of the last
    refresh in the caller's scope; any other window (or `full`) ranks the population for
    this call.
    """
    w = window(as_of, window_days)
    p = sqlkit.Params(db.connection())
    b = await rfm_summary.ensure_current() if _standing(w) and not full else None
    try:
        scope = _scope(actor, p, "t" if b is not None else "c")
    except NoAccess:
        return Segments(w, "none", 0, Decimal("0.00"),
                        [SegmentSummary(s, 0, None, Decimal("0.00"), None, None)
                         for s in SEGMENTS])
    if b is not None:
        # recency = as_of − last order; the tally keeps Σ (last order − EPOCH) in days
        base = (w.as_of - rfm_summary.EPOCH).days
        rows = await p.fetch(
            "SELECT t.segment, SUM(t.customers) AS n, SUM(t.cents) AS cents,"
            f" SUM(t.customers) * {p(base)} - SUM(t.last_order_days) AS recency,"
            " SUM(t.orders) AS frequency"
            f" FROM rfm_segment_tally t WHERE {scope.sql} GROUP BY t.segment")
    else:
        rows = await p.fetch(
            _scored_sql(p, w)
            + " SELECT s.segment, COUNT(*) AS n, SUM(s.monetary_cents) AS cents,"
            " SUM(s.recency_days) AS recency, SUM(s.frequency) AS frequency"
            f" FROM segmented s JOIN customer c ON c.id = s.customer_id WHERE {scope.sql}"
            " GROUP BY s.segment")
    by_key = {r["segment"]: r for r in rows}
    total = sum(int(r["n"]) for r in rows)
    summaries = []
    for s in SEGMENTS:
        r = by_key.get(s.key)
        n = int(r["n"]) if r else 0
        share = (Decimal(n) / total).quantize(Decimal("0.0001"), ROUND_HALF_UP) \
            if total else None
        summaries.append(SegmentSummary(
            s, n, share, sqlkit.from_cents(r["cents"] if r else 0),
            _avg(r["recency"], n) if r else None, _avg(r["frequency"], n) if r else None))
    return Segments(w, scope.name, total,
                    sum((x.monetary for x in summaries), Decimal("0.00")), summaries,
                    computed_at=b.computed_at if b is not None else None)


@dataclass(frozen=True)
class RecallEntry:
    rfm: Rfm
    customer: Customer


async def recall_list(actor: Principal, *, as_of: date | None = None,
                      window_days: int | None = None, segment: str | None = None,
                      first: int | None = None, after: str | None = None, full: bool = False
                      ) -> Page[RecallEntry]:
    """Customers worth calling back, most valuable first (monetary, then id, descending).

    By default the recall segments (cant_lose, at_risk: bought often or much, but not
    lately); `segment` narrows to one segment, any of them.
    """
    limit = validate_first(first)
    w = window(as_of, window_days)
    if segment is not None and segment not in SEGMENT_KEYS:
        raise ValidationFailed("segment", f"segment must be one of {', '.join(SEGMENT_KEYS)}",
                               rule="choice")
    wanted = (segment,) if segment else RECALL_SEGMENTS
    cursor = _decode(after) if after else None
    if _standing(w) and not full:
        await rfm_summary.ensure_current()
        return await _standing_recall(actor, w, wanted, limit, cursor, bool(after))
    conn = db.connection()

    def base(p: sqlkit.Params) -> str:
        scope = _scope(actor, p)
        return (_scored_sql(p, w) + " SELECT {cols} FROM segmented s"
                " JOIN customer c ON c.id = s.customer_id"
                f" WHERE {scope.sql} AND s.segment IN ({sqlkit.in_list(p, wanted)})")

    p = sqlkit.Params(conn)
    try:
        sql = base(p).format(cols=COLUMNS)
    except NoAccess:
        return empty_page()
    if cursor is not None:
        m, cid = p(cursor[0]), p(cursor[1])
        sql += (f" AND (s.monetary_cents < {m}"
                f" OR (s.monetary_cents = {m} AND s.customer_id < {cid}))")
    sql += f" ORDER BY s.monetary_cents DESC, s.customer_id DESC LIMIT {p(limit + 1)}"
    rows = await p.fetch(sql)
    has_next = len(rows) > limit
    scored = [_row(r) for r in rows[:limit]]
    found = await customers.by_ids(r.customer_id for r in scored)
    items = [RecallEntry(r, found[r.customer_id]) for r in scored]

    async def count() -> int:
        q = sqlkit.Params(conn)
        counted = await q.fetch(base(q).format(cols="COUNT(*) AS n"))
        return int(counted[0]["n"])

    return Page(items=items, has_next=has_next, has_previous=bool(after),
                cursors=[_encode(r) for r in scored], count=count)


async def _standing_recall(actor: Principal, w: Window, wanted: tuple[str, ...], limit: int,
                           cursor: tuple[int, int] | None, after: bool) -> Page[RecallEntry]:
    """A recall page from the summaries: per segment, an index walk in page order."""
    conn = db.connection()
    p = sqlkit.Params(conn)
    try:
        scope = _scope(actor, p)
    except NoAccess:
        return empty_page()
    keyset = ""
    if cursor is not None:
        m, cid = p(cursor[0]), p(cursor[1])
        keyset = (f" AND (s.window_cents < {m}"
                  f" OR (s.window_cents = {m} AND s.customer_id < {cid}))")
    n = p(limit + 1)
    order = f" ORDER BY monetary_cents DESC, customer_id DESC LIMIT {n}"
    if scope.scope is Scope.OWN and p.pg:
        # a rep's few customers first (their owner index), then each one's summary, then
        # sorted: walking the recall index for the 0.2 % that are theirs reads most of it,
        # and the hash join PostgreSQL prefers reads every entry of the segments. LIMIT 1
        # (one summary per customer) keeps the lateral a nested loop of key lookups.
        sql = (f"WITH mine AS MATERIALIZED (SELECT c.id FROM customer c WHERE {scope.sql})"
               f" SELECT x.* FROM mine c CROSS JOIN LATERAL ({_standing_sql(p, w)}"
               f" WHERE s.customer_id = c.id AND s.segment IN ({sqlkit.in_list(p, wanted)})"
               f"{keyset} LIMIT 1) x{order}")
    elif scope.scope is Scope.OWN:  # SQLite: nested loops from the owner's index anyway
        sql = (f"{_standing_sql(p, w)} JOIN customer c ON c.id = s.customer_id"
               f" WHERE {scope.sql} AND s.segment IN ({sqlkit.in_list(p, wanted)})"
               f"{keyset}{order}")
    else:
        # one ordered, limited walk of ix_summary_recall per segment, merged: a page costs
        # about `first` index entries, and for a department as many index-only scope
        # checks (ix_customer_scope) as it takes to find them
        join = "" if scope.scope is Scope.ALL else " JOIN customer c ON c.id = s.customer_id"
        sql = " UNION ALL ".join(
            f"SELECT * FROM ({_standing_sql(p, w)}{join}"
            f" WHERE {scope.sql} AND s.segment = {p(seg)}{keyset}"
            f" ORDER BY s.window_cents DESC, s.customer_id DESC LIMIT {n}) part{i}"
            for i, seg in enumerate(wanted)) + order
    rows = await p.fetch(sql)
    has_next = len(rows) > limit
    scored = [_row(r) for r in rows[:limit]]
    found = await customers.by_ids(r.customer_id for r in scored)

    async def count() -> int:
        q = sqlkit.Params(conn)
        where = _scope(actor, q)
        join = "" if where.scope is Scope.ALL else " JOIN customer c ON c.id = s.customer_id"
        counted = await q.fetch(
            f"SELECT COUNT(*) AS n FROM {rfm_summary.SUMMARY} s{join} WHERE {where.sql}"
            f" AND s.segment IN ({sqlkit.in_list(q, wanted)})")
        return int(counted[0]["n"])

    return Page(items=[RecallEntry(r, found[r.customer_id]) for r in scored],
                has_next=has_next, has_previous=after, cursors=[_encode(r) for r in scored],
                count=count)


RECALL_ORDER = (OrderKey("monetary_cents", descending=True),
                OrderKey("customer_id", descending=True))


def _encode(r: Rfm) -> str:
    return encode_cursor(SimpleNamespace(monetary_cents=int(r.monetary * 100),
                                         customer_id=r.customer_id), RECALL_ORDER)


def _decode(after: str) -> tuple[int, int]:
    values = decode_cursor(after, RECALL_ORDER)
    return int(values[0]), int(values[1])


# -- orders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderInput:
    customer_id: int
    order_date: date | None
    amount: Any
    channel: str | None = None
    campaign_id: int | None = None
    product: str | None = None
    external_id: str | None = None


ORDER_FIELDS = ("order_date", "amount", "channel", "campaign_id", "product", "external_id")


async def record_order(actor: Principal, data: OrderInput) -> CustomerOrder:
    """Record a purchase of a customer (reps: own customers; managers: the department).

    A repeated call with the same `external_id` and the same values returns the order
    already recorded (a portal may retry safely); different values are a validation error.
    """
    if data.order_date is None:
        raise ValidationFailed("order_date", "order_date is required", rule="required")
    today = clock.local_date(clock.now(), settings.current().zone)
    if data.order_date > today:
        raise ValidationFailed("order_date", "an order is recorded once it happened: not in "
                               "the future", rule="not_future")
    if data.order_date < date(2000, 1, 1):
        raise ValidationFailed("order_date", "order_date is before 2000", rule="range")
    amount = validation.money("amount", data.amount, required=True, positive=True)
    values: dict[str, Any] = {
        "order_date": data.order_date,
        "amount": amount,
        "channel": validation.enum_value("channel", Channel, data.channel).value
        if data.channel else None,
        "campaign_id": None,
        "product": validation.text("product", data.product, max_len=200),
        "external_id": validation.text("external_id", data.external_id, max_len=100),
    }
    if data.campaign_id is not None:
        if not await Campaign.filter(id=data.campaign_id).exists():
            raise ValidationFailed("campaign_id", f"no campaign {data.campaign_id}",
                                   rule="unknown")
        values["campaign_id"] = data.campaign_id
    customer = await customers.get(actor, customer_id=data.customer_id)
    if customer is None:
        raise NotFound(customers.OBJECT, data.customer_id)
    require(actor, customers.OBJECT, "record_order", customer.owner_id, customer.department_id)
    if values["external_id"] is not None:
        existing = await CustomerOrder.get_or_none(external_id=values["external_id"])
        if existing is not None:
            return _same_or_duplicate(existing, customer.id, values)
    try:
        async with outbox.atomic() as conn:
            order = await CustomerOrder.create(using_db=conn, customer_id=customer.id,
                                               **values)
            await rfm_summary.customers_changed(conn, [customer.id])
            await audit.write_event(
                conn, actor, customers.OBJECT, customer.id, "order_recorded",
                changes={f"order.{order.id}.{k}": [None, audit.jsonable(v)]
                         for k, v in values.items() if v is not None})
    except IntegrityError:
        # a concurrent call with the same external id won the race
        existing = await CustomerOrder.get_or_none(external_id=values["external_id"])
        if existing is None:
            raise
        return _same_or_duplicate(existing, customer.id, values)
    return order


def _same_or_duplicate(existing: CustomerOrder, customer_id: int, values: dict[str, Any]
                       ) -> CustomerOrder:
    same = existing.customer_id == customer_id and all(
        audit.jsonable(getattr(existing, k)) == audit.jsonable(v) for k, v in values.items())
    if same:
        return existing
    raise ValidationFailed("external_id", f"external id {values['external_id']!r} belongs to "
                           "another order", rule="duplicate")


async def orders_of(actor: Principal, customer_id: int, *, first: int | None,
                    after: str | None) -> Page[CustomerOrder]:
    """A customer's orders, newest first (whoever may read the customer)."""
    customer = await customers.get(actor, customer_id=customer_id)
    if customer is None:
        raise NotFound(customers.OBJECT, customer_id)
    return await paginate(
        CustomerOrder.filter(customer_id=customer.id), first=first, after=after,
        order=(OrderKey("order_date", descending=True, kind="date"),
               OrderKey("id", descending=True)))

