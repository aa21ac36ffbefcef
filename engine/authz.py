"""Authorization glue: Casbin decides, scopes become SQL, sensitive fields are masked.

Casbin answers two questions from the same policy lines (policies/):
- `allowed(principal, obj, act, rel)`: may this user act on one record that stands in
  relation `rel` (own / department / other) to them? — a real `enforce()` call.
- `scope(principal, obj, act)`: the widest scope any of the role's lines grants, which
  list queries turn into a SQL `WHERE` (`scope_filter`) so a page never fetches rows the
  caller may not see. Scopes nest (own < department < all), so a record is allowed
  exactly when the widest scope covers its relation; tests/policies checks that both
  answers agree for every role, object, action and relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

import casbin
from tortoise.expressions import Q

from engine.errors import Forbidden, Unauthenticated

POLICIES_DIR = Path(__file__).resolve().parent.parent / "policies"
SYSTEM_ROLE = "system"


class Scope(IntEnum):
    OWN = 1
    DEPARTMENT = 2
    ALL = 3


class Rel:
    OWN = "own"
    DEPARTMENT = "department"
    OTHER = "other"


_SCOPE_NAMES = {"own": Scope.OWN, "department": Scope.DEPARTMENT, "all": Scope.ALL}
_REL_NEEDS = {Rel.OWN: Scope.OWN, Rel.DEPARTMENT: Scope.DEPARTMENT, Rel.OTHER: Scope.ALL}


def scope_covers(scope: str, rel: str) -> bool:
    """Casbin matcher function: does a policy's scope reach a record in relation `rel`?"""
    granted = _SCOPE_NAMES.get(scope)
    needed = _REL_NEEDS.get(rel)
    return granted is not None and needed is not None and granted >= needed


@dataclass(frozen=True)
class Principal:
    """Who is acting: a user from the engine's user table, or the system actor."""

    id: int | None
    username: str
    role: str
    department_id: int | None = None
    display_name: str = ""

    @property
    def is_system(self) -> bool:
        return self.role == SYSTEM_ROLE

    def relation(self, owner_id: int | None, department_id: int | None) -> str:
        if self.id is not None and owner_id == self.id:
            return Rel.OWN
        if self.department_id is not None and department_id == self.department_id:
            return Rel.DEPARTMENT
        return Rel.OTHER


SYSTEM = Principal(id=None, username="system", role=SYSTEM_ROLE, display_name="System")


class Authorizer:
    def __init__(self, model_path: Path, policy_path: Path) -> None:
        self.model_path = model_path
        self.policy_path = policy_path
        self.enforcer = casbin.Enforcer(str(model_path), str(policy_path))
        self.enforcer.add_function("scopeCovers", scope_covers)
        self._scopes: dict[tuple[str, str, str], Scope | None] = {}
        # Decisions depend only on (role, object, action, relation) and the loaded policy,
        # so each is asked of Casbin once per process and policy load.
        self._decisions: dict[tuple[str, str, str, str], bool] = {}
        self._validate()

    def _validate(self) -> None:
        for i, line in enumerate(self.enforcer.get_policy(), start=1):
            if len(line) != 4 or line[3] not in _SCOPE_NAMES:
                raise ValueError(
                    f"{self.policy_path.name}: policy rule {i} {line!r} must be "
                    "'p, role, object, action, own|department|all'"
                )

    def allowed(self, principal: Principal, obj: str, act: str, rel: str) -> bool:
        key = (principal.role, obj, act, rel)
        decision = self._decisions.get(key)
        if decision is None:
            decision = self._decisions[key] = bool(self.enforcer.enforce(*key))
        return decision

    def explain(self, role: str, obj: str, act: str, rel: str) -> tuple[bool, list[str]]:
        """The decision and the policy line that made it (empty when nothing allowed)."""
        ok, rule = self.enforcer.enforce_ex(role, obj, act, rel)
        return bool(ok), [str(x) for x in rule]

    def scope(self, principal: Principal, obj: str, act: str) -> Scope | None:
        key = (principal.role, obj, act)
        if key not in self._scopes:
            widest: Scope | None = None
            for line in self.enforcer.get_implicit_permissions_for_user(principal.role):
                _, p_obj, p_act, p_scope = line[:4]
                if p_obj in (obj, "*") and p_act in (act, "*"):
                    s = _SCOPE_NAMES[p_scope]
                    widest = s if widest is None or s > widest else widest
            self._scopes[key] = widest
        return self._scopes[key]

    def policy_lines(self) -> list[list[str]]:
        return [list(p) for p in self.enforcer.get_policy()]

    def role_links(self) -> list[list[str]]:
        return [list(g) for g in self.enforcer.get_grouping_policy()]


_authorizer: Authorizer | None = None


def load(policies_dir: Path = POLICIES_DIR) -> Authorizer:
    """Load and validate the policy files (at start-up); replaces the current one."""
    global _authorizer
    _authorizer = Authorizer(policies_dir / "model.conf", policies_dir / "policy.csv")
    return _authorizer


def authorizer() -> Authorizer:
    return _authorizer if _authorizer is not None else load()


def require_principal(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthenticated("sign in: send 'Authorization: Bearer <token>'")
    return principal


def require(
    principal: Principal, obj: str, act: str, owner_id: int | None, department_id: int | None
) -> None:
    """Raise Forbidden unless `principal` may `act` on a record with this owner/department."""
    rel = principal.relation(owner_id, department_id)
    if not authorizer().allowed(principal, obj, act, rel):
        raise Forbidden(obj, act)


def can(
    principal: Principal, obj: str, act: str, owner_id: int | None, department_id: int | None
) -> bool:
    return authorizer().allowed(principal, obj, act, principal.relation(owner_id, department_id))


class NoAccess(Exception):
    """The caller has no scope at all for a list: the answer is an empty page."""


def scope_filter(
    principal: Principal,
    obj: str,
    act: str,
    *,
    owner_field: str,
    department_field: str,
) -> Q | None:
    """The SQL condition for the rows `principal` may `act` on (None: no restriction).

    Raises NoAccess when the policy grants nothing, so the caller can skip the query.
    """
    scope = authorizer().scope(principal, obj, act)
    if scope is None:
        raise NoAccess
    if scope is Scope.ALL:
        return None
    if scope is Scope.DEPARTMENT and principal.department_id is not None:
        # A record's department is its owner's, so the department covers "own" too.
        dept: dict[str, Any] = {department_field: principal.department_id}
        return Q(**dept)
    if principal.id is None:
        raise NoAccess
    own: dict[str, Any] = {owner_field: principal.id}
    return Q(**own)


def mask_value(value: Any) -> Any:
    """Mask a contact detail while keeping enough shape to recognise it."""
    if value is None or value == "":
        return value
    text = str(value)
    if "@" in text:
        local, _, domain = text.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = sum(ch.isdigit() for ch in text)
    if digits >= 7:
        return f"{text[:3]}****{text[-4:]}"
    return f"{text[:1]}***"
