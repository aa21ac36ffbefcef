"""Custom field filters and the offboarding handover on PostgreSQL, in process.

    python -m bench.people_bench [--customers 100000] [--handover 5000] [--runs 30]

Seeds the bench organisation (20 departments × 25 reps) and `--customers` customers with
two custom fields (a NUMBER and a CHOICE) by COPY, then times, as the services run them:

- a page of 50 customers filtered by a custom field (`orderValue ≥ …`, ~2 % of rows) and its
  totalCount, for an admin (scope all), a manager (one department) and a rep (their own),
  beside the same page without the custom condition and the equivalent hand-written SQL;
- redefining the NUMBER field as text, which first checks every stored value;
- `userDeactivate` of a rep given `--handover` customers, each with an open follow-up.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from bench import common, seed

DB = "promoflow_bench_people"


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p99 = samples[int(len(samples) * .99) - 1]
    return f"p50 {statistics.median(samples):7.2f} ms  p99 {p99:7.2f} ms"


async def _time(fn: Callable[[], Awaitable[Any]], runs: int) -> list[float]:
    await fn()  # warm
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        await fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


async def main(customers_n: int, handover_n: int, runs: int) -> None:
    url = await common.recreate_database(DB)
    common.migrate(url)
    raw = await asyncpg.connect(url)
    org_ids = await seed.seed_org(raw)
    await seed.seed_customers(raw, org_ids, 0, customers_n)
    await raw.execute("""UPDATE customer SET custom_fields = jsonb_build_object(
        'orderValue', (abs(hashtext(id::text)) % 5000)::text,
        'maintenanceCycle', (ARRAY['月度', '季度', '年度'])[1 + id % 3])""")
    await raw.execute("ANALYZE customer")

    from engine import authz, db, machines, settings, wiring
    from engine.services import custom_fields, customers, offboarding, org

    settings.configure(settings.Settings(database_url=url.replace("postgresql://",
                                                                  "postgres://", 1),
                                         jwt_secret=common.SECRET, embedded_scheduler=False))
    machines.load()
    authz.load()
    wiring.install()
    ctx = await db.open_context(settings.current().database_url)
    db.bind(ctx)
    admin = await org.principal_for_username("bench.admin")
    manager = await org.principal_for_username("mgr.d00")
    rep = await org.principal_for_username("rep.d00.00")
    assert admin and manager and rep
    Define = custom_fields.Definition
    await custom_fields.define(admin, Define(key="orderValue", label="客单价",
                                             field_type="number"))
    await custom_fields.define(admin, Define(key="maintenanceCycle", label="维护周期",
                                             field_type="choice",
                                             choices=["月度", "季度", "年度"]))
    cond = [custom_fields.Condition(key="orderValue", min=4900)]
    print(f"{customers_n:,} customers, {runs} runs each, PostgreSQL, in process")
    for who, actor in (("admin", admin), ("manager", manager), ("rep", rep)):
        for label, flt in (("no custom condition", customers.CustomerFilter()),
                           ("orderValue >= 4900", customers.CustomerFilter(custom_fields=cond))):
            page = await _time(lambda f=flt, a=actor: customers.list_(a, f, first=50,
                                                                       after=None), runs)

            async def total(f: Any = flt, a: Any = actor) -> int:
                return await (await customers.list_(a, f, first=50, after=None)).count()

            counted = await _time(total, max(5, runs // 3))
            print(f"  {who:<8} {label:<22} page: {_ms(page)}   +count: {_ms(counted)}")
    sql = ("SELECT id FROM customer WHERE CAST(custom_fields ->> 'orderValue' AS NUMERIC) "
           ">= 4900 ORDER BY id DESC LIMIT 51")
    bare = await _time(lambda: raw.fetch(sql), runs)
    print(f"  hand-written SQL (admin page): {_ms(bare)}")

    t0 = time.perf_counter()
    await custom_fields.define(admin, Define(key="orderValue", label="客单价",
                                             field_type="string"))
    print(f"  redefine NUMBER → STRING, {customers_n:,} values checked: "
          f"{time.perf_counter() - t0:.2f} s")

    leaver = await org.principal_for_username("rep.d01.00")
    assert leaver is not None
    await raw.execute("UPDATE customer SET owner_id = $1, department_id = $2 WHERE id IN "
                      f"(SELECT id FROM customer WHERE department_id = $2 LIMIT {handover_n})",
                      leaver.id, leaver.department_id)
    await raw.execute(
        "INSERT INTO follow_up (version, created_at, updated_at, code, customer_id, "
        "follow_up_date, method, created_by_id, assignee_id, summary, feedback, next_action, "
        "due_at, status, custom_fields) SELECT 1, now(), now(), 'G' || id, id, current_date, "
        "'phone', owner_id, owner_id, 's', 'neutral', 'a', now() + interval '3 days', "
        "'pending', '{}' FROM customer WHERE owner_id = $1", leaver.id)
    t0 = time.perf_counter()
    done = await offboarding.deactivate(admin, "rep.d01.00", "rep.d01.01", reason="bench")
    print(f"  userDeactivate: {done.moved['customers']:,} customers + "
          f"{done.moved['follow_ups']:,} follow-ups handed over in "
          f"{time.perf_counter() - t0:.2f} s (one transaction, each audited)")
    await ctx.close_connections()
    await raw.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--handover", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(main(args.customers, args.handover, args.runs))
