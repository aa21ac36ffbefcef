"""Orders: writing a validated plan (new orders inserted or COPYed, changed ones updated)."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock
from engine.authz import Principal
from engine.importing.bulk import MAX_PARAMS, chunks, insert, update_many
from engine.importing.orders import FIELDS, OrderPlan
from engine.importing.plan import Progress
from engine.models import ImportJob
from engine.services import rfm_summary


async def write(conn: BaseDBAsyncClient, actor: Principal, job: ImportJob, plan: OrderPlan,
                progress: Progress) -> None:
    now = clock.now()
    new = [i for i in plan.items if i.existing is None]
    batch = max(1, MAX_PARAMS // (len(FIELDS) + 2))
    for chunk in chunks(new, batch):
        await insert(
            conn, "customer_order", ("external_id", *FIELDS, "created_at"),
            [(i.external_id, *(i.values[k] for k in FIELDS), now) for i in chunk],
        )
        progress.advance(len(chunk))
    changed = [i for i in plan.items if i.existing is not None and i.changes]
    await update_many(
        conn, "customer_order", FIELDS,
        [(*(i.values[k] for k in FIELDS), (i.existing or {})["id"]) for i in changed],
    )
    # RFM's order summaries, in the same transaction: the customers of new orders, and
    # both customers of an order moved from one to another
    await rfm_summary.customers_changed(conn, {
        *(i.values["customer_id"] for i in new), *(i.values["customer_id"] for i in changed),
        *((i.existing or {})["customer_id"] for i in changed)})
    progress.advance(len(changed) + plan.unchanged)
