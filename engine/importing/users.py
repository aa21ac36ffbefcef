"""Users from an HR export: each row checked by the rules of `usersUpsert`
(engine/services/people.py), matched to existing users by external id or username.

A column the file has sets the value (an empty cell: none — no department, no e-mail); a
column it lacks leaves existing users as they are. The status column (在职/离职) may
deactivate only users who hold nothing: the others are reported, as `userDeactivate` must
hand their records over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.importing.cells import cell_text, parse_label
from engine.importing.lookups import lookup
from engine.importing.plan import Plan, Progress, check_rows
from engine.importing.problems import Report
from engine.importing.readers import Table
from engine.models import Department, User
from engine.models.enums import Role
from engine.services import offboarding, org, people

ACTIVE = {"在职", "正常", "启用", "active", "yes", "y", "是", "true", "1"}
INACTIVE = {"离职", "停用", "禁用", "inactive", "no", "n", "否", "false", "0", "left"}
# file column → the user field it sets (department: a code once resolved)
FIELDS = {"username": "username", "display_name": "display_name", "role": "role",
          "external_id": "external_id", "email": "email", "department": "department_code"}


@dataclass
class UserRow:
    row: int
    values: dict[str, Any]  # as people.clean_user returns them
    external_id: str | None
    existing: dict[str, Any] | None = None
    changes: dict[str, list[Any]] = field(default_factory=dict)


UserPlan = Plan[UserRow]


class _Departments:
    """Departments by code, and by name when the name is unique."""

    def __init__(self, rows: list[Department]) -> None:
        self.codes = {d.code.casefold(): d.code for d in rows}
        self.names: dict[str, list[str]] = {}
        for d in rows:
            self.names.setdefault(d.name.strip(), []).append(d.code)

    def find(self, ref: str) -> tuple[str | None, str | None]:
        code = self.codes.get(ref.casefold())
        if code is not None:
            return code, None
        named = self.names.get(ref.strip(), [])
        if len(named) == 1:
            return named[0], None
        if named:
            return None, f"{len(named)} departments are named {ref!r}; use the code"
        return None, f"no department with code or name {ref!r}"


def _check(number: int, cells: dict[str, Any], columns: set[str], report: Report,
           departments: _Departments) -> UserRow | None:
    before = report.count
    values: dict[str, Any] = {"external_id": None}
    for column, name in FIELDS.items():
        if column not in columns:
            continue
        text = cell_text(cells.get(column))
        if column == "role" and text:
            member = parse_label(Role, text)
            text = member.value if member is not None else text
        if column == "department" and text:
            text, why = departments.find(text)
            if why:
                report.add(number, column, cell_text(cells.get(column)), why)
                continue
        try:
            values[name] = people.USER_FIELDS[name](text)
        except ValidationFailed as exc:
            report.add(number, column, cell_text(cells.get(column)), exc.message)
    status = cell_text(cells.get("active")) if "active" in columns else None
    if status:
        if status.casefold() in ACTIVE or status.casefold() in INACTIVE:
            values["active"] = status.casefold() in ACTIVE
        else:
            report.add(number, "active", status, "status: 在职/离职 (active/inactive)")
    if report.count != before:
        return None
    return UserRow(row=number, values=values, external_id=values["external_id"])


async def validate(actor: Principal, table: Table, report: Report, progress: Progress
                   ) -> UserPlan:
    """Every row checked, matched to an existing user; what a re-import would change, and
    whether the change is allowed (a deactivation or a new role of someone who holds
    records is reported)."""
    departments = _Departments(list(await Department.all()))
    columns = set(table.columns)
    plan = await check_rows(table, report, progress,
                            lambda n, cells: _check(n, cells, columns, report, departments),
                            "external id")
    dept_ids = {d.code: d.id for d in await Department.all()}
    wanted = ("id", "username", "external_id", "display_name", "role", "email",
              "department_id", "active", "version")
    by_external = {r["external_id"]: r for r in await lookup(
        User, wanted, "external_id", [i.external_id for i in plan.items if i.external_id])}
    by_name = {r["username"]: r for r in await lookup(
        User, wanted, "username", [i.values["username"] for i in plan.items])}
    seen: dict[str, int] = {}
    for item in plan.items:
        uname = item.values["username"]
        first = seen.setdefault(uname, item.row)
        if first != item.row:
            report.add(item.row, "username", uname, f"username already on row {first}")
            continue
        hit_external = by_external.get(item.external_id or "")
        hit_name = by_name.get(uname)
        if hit_external and hit_name and hit_external["id"] != hit_name["id"]:
            report.add(item.row, "username", uname,
                       f"{uname!r} is another user than external id {item.external_id!r}")
            continue
        current = hit_external or hit_name
        if current is not None and item.external_id and current["external_id"] \
                and current["external_id"] != item.external_id:
            report.add(item.row, "external_id", item.external_id,
                       f"{uname} has external id {current['external_id']!r}")
            continue
        if current is None:
            _needs_department(item, item.values["role"],
                              dept_ids.get(item.values.get("department_code") or ""), report)
            continue
        item.existing = current
        new = {k: v for k, v in item.values.items()
               if k not in ("department_code", "external_id") or v is not None}
        if "department_code" in item.values:
            code = new.pop("department_code", None)
            new["department_id"] = dept_ids.get(code) if code else None
        item.changes = {k: [current.get(k), v] for k, v in new.items()
                        if current.get(k) != v}
        _needs_department(item, new.get("role", current["role"]),
                          new.get("department_id", current["department_id"]), report)
        await _allowed(item, current, report)
    plan.count()
    return plan


def _needs_department(item: UserRow, role: str, department_id: int | None,
                      report: Report) -> None:
    try:
        org.check_department(role, department_id)
    except ValidationFailed as exc:
        report.add(item.row, "department", None, exc.message)


async def _allowed(item: UserRow, current: dict[str, Any], report: Report) -> None:
    """A deactivation or a new role of someone who holds records, reported as the sync
    would refuse it."""
    leaving = item.changes.get("active") == [True, False]
    if not leaving and "role" not in item.changes:
        return
    user = await User.get(id=current["id"])
    held = await offboarding.holdings(None, user)
    if leaving and held.anything:
        report.add(item.row, "active", None,
                   f"{user.username} holds {offboarding.describe(held.counts)}: "
                   "deactivate them with userDeactivate, naming who takes over")
    if "role" in item.changes:
        probe = User(id=user.id, username=user.username, role=item.values["role"],
                     department_id=user.department_id)
        for refusal in offboarding.role_refusals(held, probe, "role"):
            report.add(item.row, "role", item.values["role"], refusal.message)

