"""The database built by the migrations has every table and column the models expect.

The migrations are generated per dialect and sometimes corrected by hand (SQLite cannot
add a foreign key to an existing table); this catches a correction that lost a column.
"""

from __future__ import annotations

from engine import db
from engine.models import __all__ as model_names


async def _columns(table: str) -> set[str]:
    conn = db.connection()
    if db.dialect_of(conn) == "postgres":
        rows = await db.fetch_all(
            conn, "SELECT column_name AS name FROM information_schema.columns "
            "WHERE table_name = $1", [table])
    else:
        rows = await db.fetch_all(conn, f"PRAGMA table_info('{table}')")
    return {str(r["name"]) for r in rows}


async def test_every_model_column_exists() -> None:
    from engine import models

    missing: dict[str, set[str]] = {}
    extra: dict[str, set[str]] = {}
    for name in model_names:
        model = getattr(models, name)
        table = model._meta.db_table
        expected = set(model._meta.fields_db_projection.values())
        actual = await _columns(table)
        if expected - actual:
            missing[table] = expected - actual
        if actual - expected:
            extra[table] = actual - expected
    assert missing == {} and extra == {}


async def test_foreign_key_to_campaign_is_enforced() -> None:
    conn = db.connection()
    if db.dialect_of(conn) == "postgres":
        rows = await db.fetch_all(
            conn, "SELECT confdeltype FROM pg_constraint WHERE conrelid = 'customer'::regclass "
            "AND contype = 'f' AND conname LIKE 'fk_customer_campaign%'")
        kinds = [r["confdeltype"] for r in rows]
        assert [k.decode() if isinstance(k, bytes) else k for k in kinds] == ["n"]  # SET NULL
    else:
        rows = await db.fetch_all(conn, "PRAGMA foreign_key_list('customer')")
        assert {(r["table"], r["from"], r["on_delete"]) for r in rows} >= {
            ("campaign", "source_campaign_id", "SET NULL")}
