"""The permission report (who can do what, on which scope) and explain (why / why not).

Both read the Casbin policy the engine enforces (`engine.authz`) and the user table; no
second copy of the rules exists. A report row is one user × one (object type, action) with
the widest scope any policy line of the user's role grants (through `g` role links too),
the line that grants it (file, line number, text) and the effective scope: a department
scope reaches only the user's own records when the user has no department, as
`authz.scope_filter` decides.

Who may read them is policy too (object `permission`): `report` for admin and director
(the quarterly review), `explain` for admin only, because explaining a decision about
record Z discloses who owns Z and in which department.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tortoise.functions import Count

from engine import validation
from engine.authz import SYSTEM_ROLE, Principal, Rel, authorizer, can, scope_covers
from engine.errors import Forbidden, NotFound, ValidationFailed
from engine.models import Campaign, Customer, Department, FollowUp, Incident, Task, User
from engine.models.enums import Role
from engine.pagination import OrderKey, Page, decode_cursor, encode_cursor, validate_first
from engine.services import org

OBJECT = "permission"
REPORT = "report"
EXPLAIN = "explain"
WILDCARD = "*"
SCOPE_LABELS = {"own": "本人", "department": "本部门", "all": "全部", "none": "无"}
REL_LABELS = {Rel.OWN: "owner", Rel.DEPARTMENT: "same department", Rel.OTHER: "other"}


# -- where each policy line is written ---------------------------------------------------


@dataclass(frozen=True)
class PolicyLine:
    """A line of a policy file as written: which file, which line, what it says."""

    file: str
    line: int
    text: str


@lru_cache(maxsize=4)
def _source(path: Path, mtime: float) -> dict[tuple[str, ...], PolicyLine]:
    lines: dict[tuple[str, ...], PolicyLine] = {}
    shown = f"{path.parent.name}/{path.name}"
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        key = tuple(part.strip() for part in text.split(","))
        lines.setdefault(key, PolicyLine(shown, number, text))
    return lines


def policy_source() -> dict[tuple[str, ...], PolicyLine]:
    """Every rule of the loaded policy file keyed by its values (("p", role, obj, act, scope))."""
    path = authorizer().policy_path
    return _source(path, path.stat().st_mtime)


def line_of(ptype: str, values: Sequence[str]) -> PolicyLine | None:
    return policy_source().get((ptype, *values))


# -- grants of a role ----------------------------------------------------------------------


@dataclass(frozen=True)
class Grant:
    """What a role may do: an action on an object type up to a scope, and why."""

    object_type: str
    action: str
    scope: str
    via_role: str | None
    policy: PolicyLine | None


def _widest(a: str, b: str) -> bool:
    order = {"own": 1, "department": 2, "all": 3}
    return order.get(a, 0) > order.get(b, 0)


def grants_for_role(role: str) -> list[Grant]:
    """The role's grants (inherited ones too), widest scope per (object, action), sorted."""
    return list(_grants(role, id(authorizer())))


@lru_cache(maxsize=64)
def _grants(role: str, _authorizer_id: int) -> tuple[Grant, ...]:
    best: dict[tuple[str, str], list[str]] = {}
    for line in authorizer().enforcer.get_implicit_permissions_for_user(role):
        sub, obj, act, scope = (str(x) for x in line[:4])
        current = best.get((obj, act))
        if current is None or _widest(scope, current[3]):
            best[(obj, act)] = [sub, obj, act, scope]
    return tuple(
        Grant(obj, act, line[3], line[0] if line[0] != role else None, line_of("p", line))
        for (obj, act), line in sorted(best.items())
    )


def object_types() -> list[str]:
    """Object types named by the policy (the aggregates), sorted; `*` excluded."""
    return sorted({str(p[1]) for p in authorizer().policy_lines() if p[1] != WILDCARD})


def actions_of(object_type: str) -> list[str]:
    return sorted({str(p[2]) for p in authorizer().policy_lines()
                   if p[1] == object_type and p[2] != WILDCARD})


def effective_scope(scope: str, department_id: int | None) -> str:
    """What `scope_filter` makes of a scope for this user: department without one is own."""
    if scope == "department" and department_id is None:
        return "own"
    return scope


def require_report(actor: Principal) -> None:
    if not can(actor, OBJECT, REPORT, None, None):
        raise Forbidden(OBJECT, REPORT, "the permission report is for admin and director")


def require_explain(actor: Principal) -> None:
    if not can(actor, OBJECT, EXPLAIN, None, None):
        raise Forbidden(OBJECT, EXPLAIN, "only an admin may explain permission decisions")


# -- the report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    username: str | None = None
    role: str | None = None
    department_id: int | None = None
    object_type: str | None = None


@dataclass(frozen=True)
class PermissionRow:
    """One user × one grant."""

    user: User
    department_name: str | None
    grant: Grant

    @property
    def user_id(self) -> int:
        return int(self.user.id)

    @property
    def username(self) -> str:
        return str(self.user.username)

    @property
    def display_name(self) -> str:
        return str(self.user.display_name)

    @property
    def role(self) -> str:
        return str(self.user.role)

    @property
    def department_id(self) -> int | None:
        return self.user.department_id

    @property
    def effective_scope(self) -> str:
        return effective_scope(self.grant.scope, self.department_id)


def _check_filter(flt: ReportFilter) -> None:
    if flt.role is not None:
        validation.enum_value("role", Role, flt.role)
    if flt.object_type is not None and flt.object_type not in object_types():
        raise ValidationFailed(
            "object_type", f"object_type must be one of {', '.join(object_types())}",
            rule="choice",
        )


def _users(flt: ReportFilter) -> Any:
    qs = User.filter(active=True).exclude(role=SYSTEM_ROLE)
    if flt.username:
        qs = qs.filter(username=flt.username.strip())
    if flt.role:
        qs = qs.filter(role=validation.enum_value("role", Role, flt.role).value)
    if flt.department_id is not None:
        qs = qs.filter(department_id=flt.department_id)
    return qs


def _grants_matching(role: str, object_type: str | None) -> list[Grant]:
    grants = grants_for_role(role)
    if object_type is None:
        return grants
    return [g for g in grants if g.object_type in (object_type, WILDCARD)]


CURSOR_ORDER = (OrderKey("user_id"), OrderKey("index"))


def _encode(user_id: int, index: int) -> str:
    return encode_cursor(SimpleNamespace(user_id=user_id, index=index), CURSOR_ORDER)


def _decode(cursor: str) -> tuple[int, int]:
    user_id, index = decode_cursor(cursor, CURSOR_ORDER)
    return int(user_id), int(index)


async def count(actor: Principal, flt: ReportFilter) -> int:
    """Rows in the report: users per role (SQL GROUP BY) × that role's grants."""
    require_report(actor)
    _check_filter(flt)
    per_role = await _users(flt).annotate(n=Count("id")).group_by("role").values("role", "n")
    return sum(int(r["n"]) * len(_grants_matching(r["role"], flt.object_type))
               for r in per_role)


async def report(actor: Principal, flt: ReportFilter, *, first: int | None, after: str | None
                 ) -> Page[PermissionRow]:
    """A page of the report, ordered by user id then object type and action."""
    require_report(actor)
    _check_filter(flt)
    limit = validate_first(first)
    start_user, start_index = _decode(after) if after else (0, -1)
    rows: list[PermissionRow] = []
    cursors: list[str] = []
    departments: dict[int, Department] = {}
    last_id = start_user - 1
    while len(rows) <= limit:
        batch = await _users(flt).filter(id__gt=last_id).order_by("id").limit(100)
        if not batch:
            break
        departments.update(await org.departments_by_ids(
            u.department_id for u in batch if u.department_id is not None
            and u.department_id not in departments))
        for user in batch:
            for index, grant in enumerate(_grants_matching(user.role, flt.object_type)):
                if user.id == start_user and index <= start_index:
                    continue
                dept = departments.get(user.department_id) if user.department_id else None
                rows.append(PermissionRow(user, dept.name if dept else None, grant))
                cursors.append(_encode(user.id, index))
                if len(rows) > limit:
                    break
            if len(rows) > limit:
                break
        last_id = batch[-1].id

    async def total() -> int:
        return await count(actor, flt)

    return Page(items=rows[:limit], has_next=len(rows) > limit, has_previous=bool(after),
                cursors=cursors[:limit], count=total)


def export_rows(actor: Principal, flt: ReportFilter, lang: str
                ) -> Callable[[], AsyncIterator[list[Any]]]:
    """The report as export rows (see engine.services.exports.PERMISSION_COLUMNS)."""

    def role_text(role: str | None) -> str | None:
        if role is None:
            return None
        try:
            member = Role.of(role)
        except ValueError:
            return role
        return member.label if lang == "zh" else member.name

    def scope_text(scope: str) -> str:
        return SCOPE_LABELS.get(scope, scope) if lang == "zh" else scope

    async def rows() -> AsyncIterator[list[Any]]:
        after: str | None = None
        while True:
            page = await report(actor, flt, first=100, after=after)
            for r in page.items:
                g = r.grant
                yield [
                    r.username, r.display_name, role_text(r.role), r.department_name,
                    g.object_type, g.action, scope_text(g.scope),
                    scope_text(r.effective_scope), role_text(g.via_role),
                    g.policy.line if g.policy else None, g.policy.text if g.policy else None,
                ]
            if not page.has_next:
                return
            after = page.end_cursor

    return rows


# -- explain -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    """Why a user may or may not do an action on a record, per the policy."""

    allowed: bool
    user: User
    department_name: str | None
    object_type: str
    action: str
    object_id: int | None
    relation: str
    record_owner: User | None
    record_department: str | None
    policy: PolicyLine | None
    via_role: str | None
    role_link: PolicyLine | None
    near_misses: list[PolicyLine]
    reason: str


# Records whose owner and department decide the relation, as the services compute it.
async def _customer(i: int) -> tuple[int | None, int | None]:
    c = await Customer.get_or_none(id=i)
    if c is None:
        raise NotFound("customer", i)
    return c.owner_id, c.department_id


async def _follow_up(i: int) -> tuple[int | None, int | None]:
    f = await FollowUp.get_or_none(id=i)
    if f is None:
        raise NotFound("follow_up", i)
    return await _customer(f.customer_id)


async def _campaign(i: int) -> tuple[int | None, int | None]:
    c = await Campaign.get_or_none(id=i)
    if c is None:
        raise NotFound("campaign", i)
    return c.owner_id, c.department_id


async def _task(i: int) -> tuple[int | None, int | None]:
    t = await Task.get_or_none(id=i)
    if t is None:
        raise NotFound("task", i)
    _, dept = await _campaign(t.campaign_id)
    return t.owner_id, dept


async def _incident(i: int) -> tuple[int | None, int | None]:
    row = await Incident.get_or_none(id=i)
    if row is None:
        raise NotFound("exception", i)
    return await _campaign(row.campaign_id)


async def _user_keyed(i: int) -> tuple[int | None, int | None]:
    u = await User.get_or_none(id=i)
    if u is None:
        raise NotFound("user", i)
    return u.id, u.department_id


RECORDS = {
    "customer": _customer,
    "follow_up": _follow_up,
    "campaign": _campaign,
    "task": _task,
    "exception": _incident,
    "kpi": _campaign,  # KPI figures belong to a campaign: give the campaign's id
    "notification": _user_keyed,  # whose notifications: a user id
    "overdue": _user_keyed,  # whose deadlines: a user id
    "approval": _user_keyed,  # delegate: the approver's user id
}


async def explain(actor: Principal, username: str, action: str, object_type: str,
                  object_id: int | None) -> Explanation:
    """Decide `username`'s `action` on `object_type` record `object_id` and name the line.

    Without `object_id` the relation is the one the services use for requests that name
    no record (neither owner nor department: "other").
    """
    require_explain(actor)
    user = await User.get_or_none(username=(username or "").strip())
    if user is None:
        raise ValidationFailed("username", f"no user {username!r}", rule="unknown")
    if object_type not in object_types():
        raise ValidationFailed(
            "object_type", f"object_type must be one of {', '.join(object_types())}",
            rule="choice",
        )
    known = actions_of(object_type)
    if action not in known:
        raise ValidationFailed("action", f"action for {object_type} must be one of "
                               f"{', '.join(known)}", rule="choice")
    owner_id: int | None = None
    dept_id: int | None = None
    if object_id is not None:
        loader = RECORDS.get(object_type)
        if loader is None:
            raise ValidationFailed("object_id", f"{object_type} has no records to name; "
                                   "leave object_id out", rule="not_applicable")
        owner_id, dept_id = await loader(object_id)
    principal = org.principal_of(user)
    relation = principal.relation(owner_id, dept_id)
    ok, rule = authorizer().explain(user.role, object_type, action, relation)
    names = await org.users_by_ids([i for i in (owner_id,) if i is not None])
    depts = await org.departments_by_ids(
        [i for i in (dept_id, user.department_id) if i is not None])
    policy = line_of("p", rule) if ok and rule else None
    via = rule[0] if ok and rule and rule[0] != user.role else None
    role_link = line_of("g", (user.role, via)) if via else None
    misses = [] if ok else [
        g.policy for g in grants_for_role(user.role)
        if g.policy is not None and g.object_type in (object_type, WILDCARD)
        and g.action in (action, WILDCARD) and not scope_covers(g.scope, relation)
    ]
    rel_text = REL_LABELS[relation]
    if ok and policy is not None:
        reason = (f"allowed: {policy.file}:{policy.line} '{policy.text}' grants {action} on "
                  f"{object_type} up to scope {rule[3]}, which covers a record whose "
                  f"relation to {user.username} is {rel_text}")
    elif ok:
        reason = f"allowed by the rule {', '.join(rule)}"
    elif misses:
        reason = (f"denied: the role {user.role} may {action} {object_type} only within "
                  + ", ".join(f"{m.file}:{m.line} '{m.text}'" for m in misses)
                  + f"; this record's relation to {user.username} is {rel_text}")
    else:
        reason = (f"denied: no policy line allows this (default deny): the role {user.role} "
                  f"has no grant of {action} on {object_type}")
    dept = depts.get(user.department_id) if user.department_id is not None else None
    rec_dept = depts.get(dept_id) if dept_id is not None else None
    return Explanation(
        allowed=ok, user=user, department_name=dept.name if dept else None,
        object_type=object_type, action=action, object_id=object_id, relation=relation,
        record_owner=names.get(owner_id) if owner_id is not None else None,
        record_department=rec_dept.name if rec_dept else None,
        policy=policy, via_role=via, role_link=role_link, near_misses=misses, reason=reason,
    )
