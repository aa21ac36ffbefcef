"""People from HR: departments and users synced in batches — `departmentsUpsert`,
`usersUpsert` and `promoflow import FILE --kind users` — and the rules every change of a
user obeys (userUpdate's too).

Matching (idempotent): a row names its record by the HR system's external id first, then
by username (users) or code (departments). A row whose external id and username name two
different users, or that gives a record another external id than it has, is refused. A
row that matches and changes nothing is reported `unchanged` and writes nothing.

One transaction per row (docs/people.md): each row is checked and written on its own, so
a refused row writes nothing and never holds back the valid ones; re-sending the same
batch is harmless (what was written comes back `unchanged`). Rows are checked before any
is written: bad values and repeats within the batch are refused up front. A batch has at
most `MAX_BATCH` rows.

What HR cannot do through a sync: deactivate someone who still holds records (their
customers, follow-ups, tasks, campaigns or budget levels would be left with someone who is
gone: `userDeactivate` hands them over), nor give such a user a role that may not hold
them. Both are refusals naming the field (`active`, `role`, rule `holds_records`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import audit, clock, deadlines, outbox, validation
from engine.authz import Principal, require
from engine.errors import Conflict, EngineError, NotFound, ValidationFailed
from engine.models import Customer, Deadline, Department, User
from engine.models.enums import Role
from engine.services import offboarding, org
from engine.versioning import versioned_update

MAX_BATCH = 200
CREATED, CHANGED, UNCHANGED, REFUSED = "created", "changed", "unchanged", "refused"
U = validation.UNSET


@dataclass(frozen=True)
class DepartmentRow:
    code: str
    name: str
    external_id: str | None = None


@dataclass(frozen=True)
class UserRow:
    """A user as HR sends them. UNSET (left out): an existing user keeps the value, a new
    one gets none (active: true)."""

    username: str
    display_name: str
    role: str
    department_code: Any = U
    email: Any = U
    external_id: str | None = None
    active: Any = U


@dataclass
class RowResult:
    index: int
    key: str | None  # the username or department code the row names
    outcome: str  # created | changed | unchanged | refused
    changed: list[str] = field(default_factory=list)
    record: Any = None
    error: EngineError | None = None


# -- the rules of a user change ----------------------------------------------------------


async def change_user(conn: BaseDBAsyncClient, actor: Principal, user: User,
                      new: dict[str, Any], expected_version: int | None,
                      reason: str | None = None) -> list[str]:
    """Apply `new` (engine field names, checked values) to `user`: versioned, audited,
    the user's customers and their deadlines following a move of department. Returns the
    changed fields. Refused while the change would strand what the user holds."""
    role = new.get("role", user.role)
    org.check_department(role, new.get("department_id", user.department_id))
    changes = audit.diff({k: getattr(user, k) for k in new}, new)
    if not changes:
        return []
    leaving = changes.get("active") == [True, False]
    if leaving or "role" in changes:
        held = await offboarding.holdings(conn, user)
        if leaving and held.anything:
            raise ValidationFailed(
                "active", f"{user.username} holds {offboarding.describe(held.counts)}: "
                "deactivate them with userDeactivate, naming who takes over",
                rule="holds_records")
        if (leaving or "role" in changes) and user.role == Role.ADMIN.value \
                and user.active and await User.filter(
                    role=Role.ADMIN.value, active=True).using_db(conn).count() <= 1:
            raise ValidationFailed("active" if leaving else "role",
                                   f"{user.username} is the last active admin",
                                   rule="last_admin")
        if "role" in changes:
            probe = User(id=user.id, role=role, department_id=new.get(
                "department_id", user.department_id), username=user.username)
            refused = offboarding.role_refusals(held, probe, "role")
            if held.counts["approvals"]:
                refused.append(ValidationFailed(
                    "role", f"{held.counts['approvals']} budget level(s) wait on "
                    f"{user.username} as a {user.role}", rule="holds_records"))
            if refused:
                raise refused[0]
    values = {k: new[k] for k in changes}
    if "active" in changes:
        values["deactivated_at"] = None if new["active"] else clock.now()
    version = await versioned_update(conn, user, "user", expected_version, values)
    if "department_id" in changes:
        # A customer's department is its owner's: keep the scope column in step, and the
        # department their follow-ups escalate to.
        await Customer.filter(owner_id=user.id).using_db(conn).update(
            department_id=new["department_id"])
        await Deadline.filter(kind=deadlines.FOLLOW_UP, owner_id=user.id).using_db(
            conn).update(department_id=new["department_id"])
    await audit.write_event(conn, actor, "user", user.id, "update", changes=changes,
                            version=version, reason=reason)
    return list(changes)


@dataclass(frozen=True)
class UserPatch:
    display_name: Any = validation.UNSET
    role: Any = validation.UNSET
    department_code: Any = validation.UNSET
    email: Any = validation.UNSET
    active: Any = validation.UNSET


async def update_user(
    actor: Principal, user_id: int, patch: UserPatch, expected_version: int | None
) -> User:
    """Change a user's name, role, department, e-mail or activity (admins), by the rules
    of `change_user` (a user who holds records leaves only through userDeactivate)."""
    require(actor, "org", "manage", None, None)
    async with outbox.atomic() as conn:
        user = await User.filter(id=user_id).using_db(conn).first()
        if user is None:
            raise NotFound("user", user_id)
        if expected_version is not None and user.version != expected_version:
            raise Conflict("user", user_id, user.version)
        new: dict[str, Any] = {}
        if patch.display_name is not validation.UNSET:
            new["display_name"] = validation.required_text(
                "display_name", patch.display_name, max_len=100
            )
        if patch.role is not validation.UNSET:
            new["role"] = validation.enum_value("role", Role, patch.role).value
        if patch.department_code is not validation.UNSET:
            dept = await org.department_by_code(patch.department_code)
            new["department_id"] = dept.id if dept else None
        if patch.email is not validation.UNSET:
            new["email"] = validation.email("email", patch.email)
        if patch.active is not validation.UNSET:
            if patch.active is None:
                raise ValidationFailed("active", "active cannot be null", rule="required")
            new["active"] = bool(patch.active)
        await change_user(conn, actor, user, new, expected_version)
    return user


# -- departments -------------------------------------------------------------------------


def _external_id(raw: str | None) -> str | None:
    return validation.text("external_id", raw, max_len=100)


def clean_department(row: DepartmentRow) -> dict[str, Any]:
    return {"code": validation.required_text("code", row.code, max_len=32),
            "name": validation.required_text("name", row.name, max_len=100),
            "external_id": _external_id(row.external_id)}


async def _match(conn: BaseDBAsyncClient, model: type[Any], key_field: str,
                 values: dict[str, Any]) -> Any:
    """The record a row names: by external id, else by its key; refused when the two
    name different records or the record has another external id."""
    by_external = await model.filter(external_id=values["external_id"]).using_db(
        conn).select_for_update().first() if values["external_id"] else None
    by_key = await model.filter(**{key_field: values[key_field]}).using_db(
        conn).select_for_update().first()
    if by_external is not None and by_key is not None and by_external.id != by_key.id:
        raise ValidationFailed(
            key_field, f"{values[key_field]!r} belongs to another record than external id "
            f"{values['external_id']!r}", rule="unique")
    found = by_external or by_key
    if found is not None and values["external_id"] and found.external_id \
            and found.external_id != values["external_id"]:
        raise ValidationFailed(
            "external_id", f"{values[key_field]!r} has external id {found.external_id!r}",
            rule="external_id_mismatch")
    return found


async def write_department(conn: BaseDBAsyncClient, actor: Principal,
                           values: dict[str, Any]) -> tuple[str, list[str], Department]:
    existing = await _match(conn, Department, "code", values)
    if existing is None:
        dept = await Department.create(using_db=conn, **values)
        await audit.write_event(conn, actor, "department", dept.id, "create", version=1,
                                changes={k: [None, v] for k, v in values.items() if v})
        return CREATED, [], dept
    new = {k: v for k, v in values.items() if k != "external_id" or v is not None}
    changes = audit.diff({k: getattr(existing, k) for k in new}, new)
    if not changes:
        return UNCHANGED, [], existing
    version = await versioned_update(conn, existing, "department", None,
                                     {k: new[k] for k in changes})
    await audit.write_event(conn, actor, "department", existing.id, "update",
                            changes=changes, version=version)
    return CHANGED, list(changes), existing


# -- users -------------------------------------------------------------------------------


# Each field of a user row and its rule (the users import checks cells with the same).
USER_FIELDS: dict[str, Callable[[Any], Any]] = {
    "username": org.clean_username,
    "display_name": lambda v: validation.required_text("display_name", v, max_len=100),
    "role": lambda v: validation.enum_value("role", Role, v).value,
    "external_id": _external_id,
    "email": lambda v: validation.email("email", v),
    "department_code": lambda v: validation.text("department_code", v, max_len=32),
}


def clean_user(row: UserRow) -> dict[str, Any]:
    """A user row's values (engine field names); `department_code` stays a code."""
    values = {name: rule(getattr(row, name)) for name, rule in USER_FIELDS.items()
              if getattr(row, name) is not U}
    if row.active is not U:
        if row.active is None:
            raise ValidationFailed("active", "active is true or false", rule="required")
        values["active"] = bool(row.active)
    return values


async def write_user(conn: BaseDBAsyncClient, actor: Principal, values: dict[str, Any]
                     ) -> tuple[str, list[str], User]:
    """Create or change the user a checked row names (inside the caller's transaction)."""
    new = dict(values)
    if "department_code" in new:
        code = new.pop("department_code")
        dept = await Department.filter(code=code).using_db(conn).first() if code else None
        if code and dept is None:
            raise ValidationFailed("department_code", f"no department {code!r}",
                                   rule="unknown")
        new["department_id"] = dept.id if dept else None
    existing = await _match(conn, User, "username", new)
    if existing is None:
        new.setdefault("department_id", None)
        org.check_department(new["role"], new["department_id"])
        if new.get("active") is False:
            new["deactivated_at"] = clock.now()
        return CREATED, [], await org.insert_user(conn, actor, new)
    if new["external_id"] is None:
        del new["external_id"]
    changed = await change_user(conn, actor, existing, new, None, reason="people sync")
    return (CHANGED if changed else UNCHANGED), changed, existing


R = TypeVar("R")


async def _upsert(actor: Principal, rows: Sequence[R], keys: Sequence[str],
                  clean: Callable[[R], dict[str, Any]],
                  write: Callable[[BaseDBAsyncClient, Principal, dict[str, Any]],
                                  Awaitable[tuple[str, list[str], Any]]]) -> list[RowResult]:
    """Check every row, then write each valid one in its own transaction."""
    require(actor, "org", "sync", None, None)
    if len(rows) > MAX_BATCH:
        raise ValidationFailed("input", f"at most {MAX_BATCH} rows per call (got {len(rows)})",
                               rule="max_items")
    results: list[RowResult] = []
    checked: list[tuple[RowResult, dict[str, Any]]] = []
    seen: dict[tuple[str, Any], int] = {}
    for index, row in enumerate(rows):
        result = RowResult(index=index, key=str(getattr(row, keys[0]) or "") or None,
                           outcome=REFUSED)
        results.append(result)
        try:
            values = clean(row)
            result.key = values[keys[0]]
            for name in keys:
                if values.get(name) is None:
                    continue
                first = seen.setdefault((name, values[name]), index)
                if first != index:
                    raise ValidationFailed(name, f"{values[name]!r} is on row {first} already",
                                           rule="duplicate")
        except ValidationFailed as exc:
            result.error = _at(index, exc)
            continue
        checked.append((result, values))
    for result, values in checked:
        try:
            async with outbox.atomic() as conn:
                result.outcome, result.changed, result.record = await write(conn, actor,
                                                                            values)
        except ValidationFailed as exc:
            result.error = _at(result.index, exc)
        except EngineError as exc:  # a conflict with a concurrent change
            result.error = exc
    return results


def _at(index: int, exc: ValidationFailed) -> ValidationFailed:
    """The error, naming `input.<index>.<field>`."""
    return ValidationFailed(f"input.{index}.{exc.field}", exc.message, rule=exc.rule)


async def upsert_departments(actor: Principal, rows: Sequence[DepartmentRow]
                             ) -> list[RowResult]:
    """Create or rename departments by external id or code (admins); per row: created,
    changed (with the fields), unchanged or refused (with the error)."""
    return await _upsert(actor, rows, ("code", "external_id"), clean_department,
                         write_department)


async def upsert_users(actor: Principal, rows: Sequence[UserRow]) -> list[RowResult]:
    """Create or change users by external id or username (admins); per row as
    `upsert_departments`. Deactivating through a sync only works for users who hold
    nothing (userDeactivate hands over the rest)."""
    return await _upsert(actor, rows, ("username", "external_id"), clean_user, write_user)
