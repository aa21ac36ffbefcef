"""The organisation: departments and users (with their roles).

Admins (or a portal's user sync) maintain these; every change is audited like any other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from engine import audit, db, outbox, validation
from engine.authz import Principal, require
from engine.errors import ValidationFailed
from engine.models import Department, User
from engine.models.enums import Role
from engine.pagination import OrderKey, Page, paginate

OWNER_ROLES = frozenset({Role.SALES_REP.value, Role.SALES_MANAGER.value})
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def principal_of(user: User) -> Principal:
    return Principal(
        id=user.id,
        username=user.username,
        role=user.role,
        department_id=user.department_id,
        display_name=user.display_name,
    )


async def principal_for_username(username: str) -> Principal | None:
    """The active user behind a token, or None. On every request: one lean query."""
    conn = db.connection()
    (p,) = db.placeholders(conn, 1)
    rows = await db.fetch_all(
        conn,
        "SELECT id, username, role, department_id, display_name FROM app_user "
        f"WHERE username = {p} AND active",
        [username],
    )
    return Principal(**rows[0]) if rows else None


async def users_by_ids(ids: Iterable[int]) -> dict[int, User]:
    wanted = list(set(ids))
    return {u.id: u for u in await User.filter(id__in=wanted)} if wanted else {}


async def users_by_username(names: Iterable[str | None]) -> dict[str, User]:
    wanted = list({n.strip() for n in names if n and n.strip()})
    return {u.username: u for u in await User.filter(username__in=wanted)} if wanted else {}


async def departments_by_ids(ids: Iterable[int]) -> dict[int, Department]:
    wanted = list(set(ids))
    return {d.id: d for d in await Department.filter(id__in=wanted)} if wanted else {}


async def resolve_user(field: str, username: str | None,
                       known: Mapping[str, User] | None = None) -> User:
    """An active user by username, or a ValidationFailed naming `field`.

    `known` (from `users_by_username`) saves the query when resolving many at once.
    """
    name = (username or "").strip()
    user = None
    if name:
        user = known.get(name) if known is not None else await User.get_or_none(username=name)
    if user is None or not user.active:
        raise ValidationFailed(field, f"no active user {username!r}", rule="unknown_user")
    return user


async def resolve_owner(field: str, username: str) -> User:
    """An active user who may own customers, or a ValidationFailed naming `field`."""
    user = await resolve_user(field, username)
    if user.role not in OWNER_ROLES:
        raise ValidationFailed(
            field, f"{username!r} is a {user.role}; customers are owned by sales staff",
            rule="owner_role",
        )
    return user


async def lock_active(conn: BaseDBAsyncClient, field: str, user_ids: Iterable[int]) -> None:
    """Re-read users a write is about to make owners, inside its transaction and locked
    (FOR SHARE on PostgreSQL; SQLite's transactions are serial anyway): a user deactivated
    since the write looked them up is refused, and a deactivation running meanwhile waits
    for this write and then hands its records over too (engine/services/offboarding.py)."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return
    marks = db.placeholders(conn, len(wanted))
    share = " FOR SHARE" if db.dialect_of(conn) == "postgres" else ""
    rows = await db.fetch_all(
        conn, f"SELECT id, username, active FROM app_user WHERE id IN ({', '.join(marks)}) "
        f"ORDER BY id{share}", wanted)
    gone = [r["username"] for r in rows if not r["active"]]
    if gone or len(rows) != len(wanted):
        raise ValidationFailed(field, f"{', '.join(gone) or 'a user'} is no longer active",
                               rule="unknown_user")


async def managers_of(department_id: int | None) -> list[User]:
    return (await managers_by_department([department_id])).get(department_id or -1, [])


async def managers_by_department(department_ids: Iterable[int | None],
                                 conn: BaseDBAsyncClient | None = None
                                 ) -> dict[int, list[User]]:
    """The active sales managers of each department (departments without one left out)."""
    wanted = list({d for d in department_ids if d is not None})
    result: dict[int, list[User]] = defaultdict(list)
    if wanted:
        for user in await User.filter(department_id__in=wanted, role=Role.SALES_MANAGER.value,
                                      active=True).using_db(conn).order_by("id"):
            result[user.department_id or -1].append(user)
    return dict(result)


# -- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UserFilter:
    role: str | None = None
    department_code: str | None = None
    search: str | None = None
    active: bool | None = None


async def list_users(
    actor: Principal, flt: UserFilter, *, first: int | None, after: str | None
) -> Page[User]:
    require(actor, "org", "read", None, None)
    qs = User.all()
    if flt.role:
        qs = qs.filter(role=validation.enum_value("role", Role, flt.role).value)
    if flt.department_code:
        qs = qs.filter(department__code=flt.department_code)
    if flt.search:
        term = flt.search.strip()
        qs = qs.filter(Q(username__icontains=term) | Q(display_name__icontains=term))
    if flt.active is not None:
        qs = qs.filter(active=flt.active)
    return await paginate(qs, first=first, after=after, order=(OrderKey("id"),))


async def get_user(actor: Principal, user_id: int | None = None,
                   username: str | None = None) -> User | None:
    require(actor, "org", "read", None, None)
    if user_id is not None:
        return await User.get_or_none(id=user_id)
    if username is not None:
        return await User.get_or_none(username=username)
    return None


async def list_departments(
    actor: Principal, *, first: int | None, after: str | None
) -> Page[Department]:
    require(actor, "org", "read", None, None)
    return await paginate(Department.all(), first=first, after=after, order=(OrderKey("id"),))


# -- changing (admin) ------------------------------------------------------------------


async def department_by_code(code: str | None) -> Department | None:
    if code is None or not code.strip():
        return None
    dept = await Department.get_or_none(code=code.strip())
    if dept is None:
        raise ValidationFailed("department_code", f"no department {code!r}", rule="unknown")
    return dept


async def create_department(actor: Principal, code: str, name: str) -> Department:
    require(actor, "org", "manage", None, None)
    code_v = validation.required_text("code", code, max_len=32)
    name_v = validation.required_text("name", name, max_len=100)
    async with outbox.atomic() as conn:
        if await Department.filter(code=code_v).using_db(conn).exists():
            raise ValidationFailed("code", f"department {code_v!r} exists", rule="unique")
        dept = await Department.create(using_db=conn, code=code_v, name=name_v)
        await audit.write_event(
            conn, actor, "department", dept.id, "create",
            changes={"code": [None, code_v], "name": [None, name_v]}, version=1,
        )
    return dept


def clean_username(raw: str | None) -> str:
    uname = validation.required_text("username", raw, max_len=64).lower()
    if not _USERNAME.match(uname):
        raise ValidationFailed(
            "username", "username: lower-case letters, digits, '.', '_' or '-'", rule="format"
        )
    return uname


def check_department(role: str, department_id: int | None) -> None:
    if role in OWNER_ROLES and department_id is None:
        raise ValidationFailed(
            "department_code", "sales staff need a department", rule="required"
        )


async def insert_user(conn: BaseDBAsyncClient, actor: Principal, values: dict[str, Any]
                      ) -> User:
    """A new user from checked values (username unique), audited."""
    if await User.filter(username=values["username"]).using_db(conn).exists():
        raise ValidationFailed("username", f"user {values['username']!r} exists",
                               rule="unique")
    user = await User.create(using_db=conn, **values)
    await audit.write_event(
        conn, actor, "user", user.id, "create",
        changes={k: [None, v] for k, v in values.items()}, version=1,
    )
    return user


async def create_user(
    actor: Principal,
    *,
    username: str,
    display_name: str,
    role: str,
    department_code: str | None,
    email: str | None = None,
) -> User:
    require(actor, "org", "manage", None, None)
    values: dict[str, Any] = {
        "username": clean_username(username),
        "display_name": validation.required_text("display_name", display_name, max_len=100),
        "role": validation.enum_value("role", Role, role).value,
        "email": validation.email("email", email),
    }
    dept = await department_by_code(department_code)
    values["department_id"] = dept.id if dept else None
    check_department(values["role"], values["department_id"])
    async with outbox.atomic() as conn:
        return await insert_user(conn, actor, values)
