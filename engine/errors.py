"""Expected failures of engine operations.

Each has a stable `code`; the GraphQL layer maps them to union members of a mutation's
payload (schema/errors.py) and to `extensions` of a query error. Anything that is not an
`EngineError` is unexpected: it is logged with an id and masked in responses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class EngineError(Exception):
    code = "ENGINE_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def extensions(self) -> dict[str, Any]:
        """Read by graphql-core when the error surfaces as a top-level GraphQL error."""
        return {"code": self.code}


class Unauthenticated(EngineError):
    code = "UNAUTHENTICATED"


class NotFound(EngineError):
    code = "NOT_FOUND"

    def __init__(self, object_type: str, key: object, message: str | None = None) -> None:
        super().__init__(message or f"{object_type} {key} was not found")
        self.object_type = object_type
        self.key = str(key)

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "objectType": self.object_type, "id": self.key}


class Forbidden(EngineError):
    code = "FORBIDDEN"

    def __init__(self, object_type: str, action: str, message: str | None = None) -> None:
        super().__init__(message or f"you may not {action} this {object_type}")
        self.object_type = object_type
        self.action = action

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "objectType": self.object_type, "action": self.action}


class ValidationFailed(EngineError):
    """Bad input. `field` is the engine's (snake_case) name of the field at fault."""

    code = "VALIDATION"

    def __init__(self, field: str, message: str, rule: str = "invalid") -> None:
        super().__init__(message)
        self.field = field
        self.rule = rule

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "rule": self.rule}


class GuardFailed(ValidationFailed):
    """A state-machine guard refused a transition; `rule` is the guard's name."""

    code = "GUARD_FAILED"


class TransitionNotAllowed(EngineError):
    code = "TRANSITION_NOT_ALLOWED"

    def __init__(self, workflow: str, state: str, event: str, allowed: Sequence[str]) -> None:
        allowed_text = ", ".join(allowed) if allowed else "none"
        super().__init__(
            f"{event!r} is not allowed from {state!r} in {workflow}; allowed: {allowed_text}"
        )
        self.workflow = workflow
        self.state = state
        self.event = event
        self.allowed = list(allowed)

    @property
    def extensions(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "event": self.event,
            "state": self.state,
            "allowedEvents": self.allowed,
        }


class Conflict(EngineError):
    """Optimistic lock lost: the record changed since the caller read it."""

    code = "CONFLICT"

    def __init__(self, object_type: str, key: object, current_version: int | None) -> None:
        super().__init__(
            f"{object_type} {key} was changed by someone else"
            + (f" (now at version {current_version})" if current_version is not None else "")
        )
        self.object_type = object_type
        self.key = str(key)
        self.current_version = current_version

    @property
    def extensions(self) -> dict[str, Any]:
        return {"code": self.code, "currentVersion": self.current_version}
