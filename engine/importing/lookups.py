"""References an import resolves in bulk: records by key, campaigns by code or name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from engine import db
from engine.importing.bulk import LOOKUP_CHUNK, chunks
from engine.models import Campaign, CampaignChannelLink


async def lookup(model: type[Any], columns: Sequence[str], key: str, values: Sequence[Any],
                 order: str | None = None) -> list[dict[str, Any]]:
    """Rows of `model` whose `key` is one of `values`, as typed dicts.

    PostgreSQL: one query with `= ANY($1)` (an array parameter: one plan, one round trip
    for 100,000 keys). SQLite: the ORM in chunks of `LOOKUP_CHUNK` (it also converts
    SQLite's text decimals and dates to Python types)."""
    if not values:
        return []
    conn = db.connection()
    if db.dialect_of(conn) == "postgres":
        sql = (f"SELECT {', '.join(columns)} FROM {model._meta.db_table} "
               f"WHERE {key} = ANY($1)" + (f" ORDER BY {order}" if order else ""))
        return await db.fetch_all(conn, sql, [list(values)])
    out: list[dict[str, Any]] = []
    for chunk in chunks(list(values), LOOKUP_CHUNK):
        qs = model.filter(**{f"{key}__in": list(chunk)})
        if order:
            qs = qs.order_by(order)
        out.extend(await qs.values(*columns))
    return out


async def campaigns_by_ref(refs: set[str]) -> dict[str, tuple[int, set[str]]]:
    """Campaign id and channels by reference (its code, upper-case, or exact name)."""
    found: dict[str, tuple[int, set[str]]] = {}
    if not refs:
        return found
    rows = await Campaign.filter(code__in=[r.upper() for r in refs]).values("id", "code")
    rows += await Campaign.filter(name__in=list(refs)).values("id", "name")
    ids = {r["id"] for r in rows}
    channels: dict[int, set[str]] = {i: set() for i in ids}
    for link in await CampaignChannelLink.filter(campaign_id__in=list(ids)).values(
            "campaign_id", "channel"):
        channels[link["campaign_id"]].add(link["channel"])
    for r in rows:
        key = r.get("code") or r.get("name")
        found[str(key)] = (r["id"], channels[r["id"]])
    return {ref: found[k] for ref in refs
            for k in (ref.upper(), ref) if k in found}
