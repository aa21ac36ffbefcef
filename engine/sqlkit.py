"""Raw-SQL helpers for analytics: bound parameters, scope clauses, dialect differences.

Analytics aggregate in the database (GROUP BY, window functions) on SQLite and
PostgreSQL alike. Every analytics, pipeline, RFM and report statement binds its values
through `Params` (one parameter style for all of them), and the few places where the two
dialects differ (date and timestamp arithmetic, the start of an ISO week, decimals that
SQLite keeps as text) are spelled once here — as are the members of a JSON column that
custom field filters read (PostgreSQL's `->>`, SQLite's `json_extract`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import db
from engine.authz import NoAccess, Principal, Scope, authorizer

CENT = Decimal("0.01")


class Params:
    """Numbered placeholders (`$n` on PostgreSQL, `?n` on SQLite) and their values.

    Numbered on both dialects, so SQL fragments can be composed in any order and a
    value can be referred to twice.
    """

    def __init__(self, conn: BaseDBAsyncClient) -> None:
        self.conn = conn
        self.pg = db.dialect_of(conn) == "postgres"
        self.values: list[Any] = []

    def __call__(self, value: Any, cast: str | None = None) -> str:
        self.values.append(db.adapt(self.conn, value))
        mark = f"${len(self.values)}" if self.pg else f"?{len(self.values)}"
        # PostgreSQL infers a parameter's type from its context; where the context does
        # not say (arithmetic, CASE) the cast does. SQLite has no types to cast to.
        return f"CAST({mark} AS {cast})" if cast and self.pg else mark

    async def fetch(self, sql: str) -> list[dict[str, Any]]:
        return await db.fetch_all(self.conn, sql, self.values)


@dataclass(frozen=True)
class ScopeClause:
    """The rows a principal may see, as SQL: `sql` is `TRUE`-like when unrestricted."""

    scope: Scope
    sql: str

    @property
    def name(self) -> str:
        return self.scope.name.lower()


def scope_clause(
    actor: Principal, obj: str, act: str, p: Params, *, owner_col: str, department_col: str
) -> ScopeClause:
    """`engine.authz.scope_filter` for raw SQL: the same decision, as a WHERE fragment.

    Raises NoAccess when the policy grants nothing.
    """
    scope = authorizer().scope(actor, obj, act)
    if scope is None:
        raise NoAccess
    if scope is Scope.ALL:
        return ScopeClause(scope, "1 = 1")
    if scope is Scope.DEPARTMENT and actor.department_id is not None:
        return ScopeClause(scope, f"{department_col} = {p(actor.department_id)}")
    if actor.id is None:
        raise NoAccess
    return ScopeClause(Scope.OWN, f"{owner_col} = {p(actor.id)}")


def week_start(p: Params, date_col: str) -> str:
    """The Monday of the ISO week of a DATE column (weeks start on Monday, ISO 8601)."""
    if p.pg:
        return f"CAST(date_trunc('week', {date_col}) AS date)"
    # 'weekday 0' moves forward to the next Sunday (or stays on one); 6 days back is Monday
    return f"date({date_col}, 'weekday 0', '-6 days')"


def days_between(p: Params, later: str, earlier: str) -> str:
    """Whole days from DATE expression `earlier` to DATE expression `later`."""
    if p.pg:
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def elapsed_days(p: Params, later: str, earlier: str) -> str:
    """Fractional days from TIMESTAMP expression `earlier` to `later` (12 hours = 0.5)."""
    if p.pg:
        return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
    return f"(julianday({later}) - julianday({earlier}))"


def cents(p: Params, amount_col: str) -> str:
    """A DECIMAL(…, 2) column as whole cents (an exact integer on both dialects).

    SQLite stores Tortoise decimals as text: read as REAL and rounded, which is exact
    for amounts below ¥10,000,000,000,000 (15 significant digits).
    """
    if p.pg:
        return f"CAST({amount_col} * 100 AS BIGINT)"
    return f"CAST(ROUND(CAST({amount_col} AS REAL) * 100) AS INTEGER)"


def number(p: Params, column: str) -> str:
    """A DECIMAL column for arithmetic: SQLite keeps decimals as text, so read it as REAL."""
    return column if p.pg else f"CAST({column} AS REAL)"


def from_cents(value: Any) -> Decimal:
    """Cents from the database (an integer, or a share of one) as money, half up."""
    if value is None:
        return Decimal("0.00")
    return (Decimal(str(value)) / 100).quantize(CENT, ROUND_HALF_UP)


def as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def in_list(p: Params, values: Sequence[Any]) -> str:
    return ", ".join(p(v) for v in values)


# -- members of a JSON object column (custom fields) ------------------------------------
# Custom field values live in a record's `custom_fields` JSON object by key. Filters read
# one member as text, a number or a boolean; each pair below is the same expression in
# both dialects: PostgreSQL's JSON operators and SQLite's json_extract.

_JSON_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")


def _json_key(key: str) -> str:
    # Keys are spelled into the SQL (a JSON path is no bind parameter in SQLite): only
    # the custom field key format may pass.
    if not _JSON_KEY.match(key):
        raise ValueError(f"not a custom field key: {key!r}")
    return key


def json_text(pg: bool, column: str, key: str) -> str:
    """Member `key` of JSON object `column` as text; NULL when absent."""
    if pg:
        return f"({column} ->> '{_json_key(key)}')"
    return f"json_extract({column}, '$.{_json_key(key)}')"


def json_number(pg: bool, column: str, key: str) -> str:
    """Member `key` as a number (stored as a decimal string or a JSON number)."""
    if pg:
        return f"CAST({column} ->> '{_json_key(key)}' AS NUMERIC)"
    return f"CAST(json_extract({column}, '$.{_json_key(key)}') AS REAL)"


def json_bool(pg: bool, column: str, key: str) -> str:
    """Member `key` as a boolean (SQLite: 1 or 0)."""
    if pg:
        return f"CAST({column} ->> '{_json_key(key)}' AS BOOLEAN)"
    return f"json_extract({column}, '$.{_json_key(key)}')"
