"""Customers: writing a validated plan (new records, changed records, their history).

New customers get codes allocated as one block and go in by binary COPY on PostgreSQL
(ids drawn from the sequence first; a pipe of COPYs runs while the next chunk is built)
or by multi-row INSERT … RETURNING on SQLite; changed customers by one batched UPDATE.
Each gets its stage history at the historical dates and an audit event.
"""

from __future__ import annotations

import json
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import clock, db
from engine.authz import Principal
from engine.importing.bulk import (
    LOOKUP_CHUNK,
    MAX_PARAMS,
    CopyPipe,
    Timer,
    allocate_codes,
    chunks,
    insert,
    next_ids,
    update_many,
)
from engine.importing.customers import PLAIN, POTENTIAL, WON, CustomerPlan
from engine.importing.plan import Progress
from engine.log import request_id
from engine.models import CustomerSourceLink, ImportJob
from engine.services import customers, org

_INSERT_COLUMNS = (
    "code", "external_id", *PLAIN, "stage", "stage_entered_at", "owner_id",
    "department_id", "created_by_id", "custom_fields", "flagged_for_reassignment",
    "version", "created_at", "updated_at",
)
_STAGE_COLUMNS = ("customer_id", "event", "from_stage", "to_stage", "at", "actor_id",
                  "reason", "deal_amount")
_AUDIT_COLUMNS = ("object_type", "object_id", "action", "actor_id", "actor_name", "at",
                  "from_state", "to_state", "reason", "changes", "version", "request_id")


async def write(conn: BaseDBAsyncClient, actor: Principal, job: ImportJob, plan: CustomerPlan,
                progress: Progress) -> None:
    now = clock.now()
    rid = request_id.get()
    reason = f"import #{job.id} ({job.filename})"[:500]
    new = [i for i in plan.items if i.existing is None]
    # owners were looked up before the transaction: none may have left since
    await org.lock_active(conn, "owner", {i.owner.id for i in new})
    codes = await allocate_codes(conn, customers.CODE_PREFIX, len(new))
    timer = Timer(job.id)
    stage_rows: list[tuple[Any, ...]] = []
    audit_rows: list[tuple[Any, ...]] = []
    link_rows: list[tuple[Any, ...]] = []
    postgres = db.dialect_of(conn) == "postgres"
    batch = 5_000 if postgres else max(1, MAX_PARAMS // len(_INSERT_COLUMNS))
    # PostgreSQL: a pipe of COPYs runs on the connection while the next chunk is built.
    all_ids = await next_ids(conn, "customer", len(new)) if postgres and new else []
    pipe = CopyPipe(conn) if postgres else None
    try:
        for number, (chunk_items, chunk_codes) in enumerate(
                zip(chunks(new, batch), chunks(codes, batch), strict=True)):
            rows = []
            for item, code in zip(chunk_items, chunk_codes, strict=True):
                created = item.created_at or now
                entered = item.stage_at or created
                rows.append((code, item.external_id, *(item.values[k] for k in PLAIN),
                             item.stage, entered, item.owner.id, item.owner.department_id,
                             actor.id, json.dumps(item.custom_fields, ensure_ascii=False),
                             False, 1, created, now))
            if pipe is not None:  # ids drawn from the sequence as a block; binary COPY
                id_list = all_ids[number * batch:number * batch + len(rows)]
                await pipe.put("customer", ("id", *_INSERT_COLUMNS),
                               [(i, *r) for i, r in zip(id_list, rows, strict=True)])
            else:
                returned = await insert(conn, "customer", _INSERT_COLUMNS, rows, "id, code")
                by_code = {r["code"]: int(r["id"]) for r in returned}
                id_list = [by_code[c] for c in chunk_codes]
            for item, code, cid in zip(chunk_items, chunk_codes, id_list, strict=True):
                created = item.created_at or now
                link_rows.extend((cid, s) for s in item.sources)
                stage_rows.append((cid, "import", None, POTENTIAL, created, actor.id,
                                   reason, None))
                if item.stage != POTENTIAL:
                    stage_rows.append((cid, "import", POTENTIAL, item.stage,
                                       item.stage_at or created, actor.id, reason,
                                       item.values["deal_amount"] if item.stage == WON
                                       else None))
                values = {k: v for k, v in item.values.items() if v is not None}
                if item.custom_fields:
                    values["custom_fields"] = item.custom_fields
                audit_rows.append((
                    "customer", cid, "import", actor.id, actor.username, now, None,
                    item.stage, reason, json.dumps({
                        **{k: [None, v] for k, v in values.items()}, "code": [None, code],
                        "external_id": [None, item.external_id],
                        "sources": [None, item.sources],
                        "owner": [None, item.owner.username]},
                        ensure_ascii=False, default=str),
                    1, rid,
                ))
            if pipe is not None:
                await pipe.put("customer_source", ("customer_id", "source"), link_rows)
                await pipe.put("customer_stage_change", _STAGE_COLUMNS, stage_rows)
                await pipe.put("audit_event", _AUDIT_COLUMNS, audit_rows)
                link_rows, stage_rows, audit_rows = [], [], []
            progress.advance(len(chunk_items))
        if pipe is not None:
            await pipe.close()
    except BaseException:
        if pipe is not None:
            pipe.abort()
        raise
    timer.lap("customers")
    # Re-imported customers whose fields changed: one batched UPDATE.
    changed = [i for i in plan.items if i.existing is not None and i.changes]
    update_columns = (*PLAIN, "custom_fields", "stage", "stage_entered_at", "updated_at")
    update_rows = []
    relink: list[int] = []
    for item in changed:
        current = item.existing or {}
        cid = int(current["id"])
        moved = current["stage"] != item.stage
        entered = item.stage_at or now
        update_rows.append((*(item.values[k] for k in PLAIN), item.custom_fields, item.stage,
                            entered if moved else current["stage_entered_at"], now, cid))
        if moved:
            stage_rows.append((cid, "import", current["stage"], item.stage, entered, actor.id,
                               reason, item.values["deal_amount"] if item.stage == WON
                               else None))
        if item.new_sources:
            relink.append(cid)
            link_rows.extend((cid, s) for s in item.sources)
        audit_rows.append((
            "customer", cid, "import", actor.id, actor.username, now,
            current["stage"] if moved else None, item.stage if moved else None, reason,
            json.dumps(item.changes, ensure_ascii=False, default=str),
            int(current["version"]) + 1, rid,
        ))
    if update_rows:
        await update_many(
            conn, "customer", update_columns, update_rows,
            extra_set=", version = version + 1",
        )
    for chunk in chunks(relink, LOOKUP_CHUNK):
        await CustomerSourceLink.filter(customer_id__in=list(chunk)).using_db(conn).delete()
    progress.advance(len(changed) + plan.unchanged)
    timer.lap("updates")
    await insert(conn, "customer_source", ("customer_id", "source"), link_rows)
    timer.lap("sources")
    await insert(conn, "customer_stage_change", _STAGE_COLUMNS, stage_rows)
    timer.lap("stage history")
    await insert(conn, "audit_event", _AUDIT_COLUMNS, audit_rows)
    timer.lap("audit events")
