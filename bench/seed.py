"""Bulk data for benchmarks, written with COPY (not through the services: speed)."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import asyncpg

DEPARTMENTS = 20
REPS_PER_DEPARTMENT = 25  # 500 reps
STAGES = ["potential", "intent", "negotiation", "won", "lost"]
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


async def seed_org(conn: asyncpg.Connection) -> dict[str, list[int]]:
    """20 departments, a manager each, 25 reps each, an admin; returns ids by kind."""
    now = NOW
    dept_ids = []
    for d in range(DEPARTMENTS):
        dept_ids.append(await conn.fetchval(
            "INSERT INTO department (version, created_at, updated_at, code, name) "
            "VALUES (1, $1, $1, $2, $3) RETURNING id", now, f"d{d:02d}", f"部门{d:02d}"))
    users = [("bench.admin", "admin", None), ("bench.director", "director", None),
             ("bench.finance", "finance", None)]
    for d, dept in enumerate(dept_ids):
        users.append((f"mgr.d{d:02d}", "sales_manager", dept))
        users.append((f"mkt.d{d:02d}", "marketing", dept))
        users += [(f"rep.d{d:02d}.{r:02d}", "sales_rep", dept) for r in range(REPS_PER_DEPARTMENT)]
    await conn.copy_records_to_table(
        "app_user",
        records=[(1, now, now, u, u, role, None, True, dept) for u, role, dept in users],
        columns=["version", "created_at", "updated_at", "username", "display_name", "role",
                 "email", "active", "department_id"],
    )
    rows = await conn.fetch("SELECT id, role, department_id FROM app_user ORDER BY id")
    return {
        "reps": [r["id"] for r in rows if r["role"] == "sales_rep"],
        "rep_departments": [r["department_id"] for r in rows if r["role"] == "sales_rep"],
        "departments": dept_ids,
        "marketing": [r["id"] for r in rows if r["role"] == "marketing"],
    }


async def seed_campaigns(conn: asyncpg.Connection, org: dict[str, list[int]], count: int,
                         pending_director: int) -> None:
    """`count` campaigns; `pending_director` of them wait at the director's level, the rest
    are drafts, approved budgets, or wait for a department manager."""
    rng = random.Random(11)
    depts, marketers = org["departments"], org["marketing"]
    now = NOW
    batch: list[tuple[object, ...]] = []
    for n in range(count):
        d = n % len(depts)
        if n < pending_director:
            state, level, role = "submitted", 1, "director"
        else:
            state = ("draft", "approved", "submitted")[rng.randrange(3)]
            level, role = (0, "sales_manager") if state == "submitted" else (None, None)
        submitted = state in ("submitted", "approved")
        batch.append((
            1, now, now, f"HD2025{n:09d}", f"活动{n:06d}", "live_stream", None,
            now.date(), now.date() + timedelta(days=30), marketers[d], depts[d],
            json.dumps([]), Decimal("0.2"), marketers[d], Decimal("120000.00"), state,
            1 if submitted else 0, level, role, marketers[d] if submitted else None,
            now if submitted else None,
            Decimal("120000.00") if state == "approved" else None,
            now if state == "approved" else None,
        ))
        if len(batch) == 20_000:
            await _copy_campaigns(conn, batch)
            batch = []
    if batch:
        await _copy_campaigns(conn, batch)


async def _copy_campaigns(conn: asyncpg.Connection, batch: list[tuple[object, ...]]) -> None:
    await conn.copy_records_to_table(
        "campaign", records=batch,
        columns=["version", "created_at", "updated_at", "code", "name", "campaign_type",
                 "target_audience", "start_date", "end_date", "owner_id", "department_id",
                 "collaborators", "kpi_alert_threshold", "created_by_id", "budget_total",
                 "approval_state", "approval_round", "approval_level", "pending_role",
                 "submitted_by_id", "submitted_at", "approved_total", "approved_at"],
    )


async def seed_customers(conn: asyncpg.Connection, org: dict[str, list[int]], start: int,
                         count: int, *, stage: str | None = None, owner: int | None = None,
                         seed: int = 7) -> None:
    """`count` customers spread over the reps and stages (or all in one stage/owner)."""
    rng = random.Random(seed + start)
    reps, rep_depts = org["reps"], org["rep_departments"]
    dept_of = dict(zip(reps, rep_depts, strict=True))
    batch: list[tuple[object, ...]] = []
    empty = json.dumps({})
    for n in range(start, start + count):
        rep = owner if owner is not None else reps[n % len(reps)]
        st = stage or STAGES[rng.randrange(len(STAGES))]
        created = NOW - timedelta(minutes=n % 500_000)
        batch.append((
            1, created, created, f"C2025{n:09d}", f"客户{n:09d}", "制造业", "张伟",
            f"138{n % 100_000_000:08d}", None, None, None, st, created, None, None, None,
            None, empty, None, dept_of[rep], rep,
        ))
        if len(batch) == 50_000:
            await _copy(conn, batch)
            batch = []
    if batch:
        await _copy(conn, batch)


async def _copy(conn: asyncpg.Connection, batch: list[tuple[object, ...]]) -> None:
    await conn.copy_records_to_table(
        "customer", records=batch,
        columns=["version", "created_at", "updated_at", "code", "name", "industry",
                 "contact_name", "contact_phone", "contact_email", "contact_wechat",
                 "needs_summary", "stage", "stage_entered_at", "last_follow_up_date",
                 "deal_amount", "lost_reason", "notes", "custom_fields", "created_by_id",
                 "department_id", "owner_id"],
    )
