"""Optimistic locking: every change is `UPDATE … WHERE id = ? AND version = ?`."""

from __future__ import annotations

from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F

from engine import clock
from engine.errors import Conflict
from engine.models.base import Versioned

M = TypeVar("M", bound=Versioned)


async def versioned_update(
    conn: BaseDBAsyncClient,
    row: M,
    object_type: str,
    expected_version: int | None,
    values: dict[str, Any],
) -> int:
    """Apply `values` to `row` if nobody changed it since it was read; returns the new version.

    `expected_version` is the version the caller read (None: the one `row` was loaded at).
    Two concurrent writers both reading version n: exactly one update matches, the other
    gets Conflict with the version that is current now. On success `row` itself carries
    the new values, so callers need not read it back.
    """
    model = type(row)
    version = row.version if expected_version is None else expected_version
    if version != row.version:
        raise Conflict(object_type, row.pk, row.version)
    now = clock.now()
    updated = await model.filter(pk=row.pk, version=version).using_db(conn).update(
        version=F("version") + 1, updated_at=now, **values
    )
    if updated != 1:
        current = await model.filter(pk=row.pk).using_db(conn).first()
        raise Conflict(object_type, row.pk, current.version if current else None)
    for name, value in values.items():
        setattr(row, name, value)
    row.version = version + 1
    row.updated_at = now
    return version + 1
