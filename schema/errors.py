"""Typed errors of mutation payloads, mapped from engine errors in one place.

Expected failures are union members of a mutation's result; anything else surfaces as
a GraphQL error (engine errors with their `extensions.code`, the rest masked with an id,
see schema/extensions.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import strawberry

from engine import errors as engine_errors
from schema.enums import upper

log = logging.getLogger("promoflow.graphql")

# The codes of the typed errors an operation answered with (read by the metrics extension).
refusals: ContextVar[list[str] | None] = ContextVar("promoflow_refusals", default=None)


def refused(exc: engine_errors.EngineError) -> None:
    """An expected refusal: logged at info with its code (it is an answer, not an incident)
    and counted for the operation's metrics."""
    log.info("refused: %s", exc.message, extra={"code": exc.code})
    seen = refusals.get()
    if seen is not None:
        seen.append(exc.code)


def camel(name: str) -> str:
    """Engine field names (snake_case, dotted for nested) to GraphQL's camelCase.

    The part after `custom_fields` is a custom field's key, which is data: kept as it is.
    """
    parts = name.split(".")
    return ".".join(
        part if i and parts[i - 1] == "custom_fields"
        else re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), part)
        for i, part in enumerate(parts)
    )


@contextmanager
def camel_fields() -> Iterator[None]:
    """In a query resolver: name the argument at fault as the query spells it
    (ownerUsername, windowDays) in the VALIDATION error's `field`."""
    try:
        yield
    except engine_errors.ValidationFailed as exc:
        exc.field = camel(exc.field)
        raise


@strawberry.interface(description="Something the caller can act on went wrong.")
class Error:
    message: str = strawberry.field(description="What went wrong, for people.")
    code: str = strawberry.field(description="A stable machine-readable code.")


@strawberry.type(description="The record does not exist or the caller may not see it.")
class NotFoundError(Error):
    object_type: str = strawberry.field(description="The kind of record looked for.")
    id: strawberry.ID = strawberry.field(description="The id or code that was looked for.")


@strawberry.type(description="The caller may see the record but not do this to it.")
class ForbiddenError(Error):
    object_type: str = strawberry.field(description="The kind of record.")
    action: str = strawberry.field(description="The action that was refused.")


@strawberry.type(description="An input value breaks a rule; nothing was changed.")
class ValidationError(Error):
    field: str = strawberry.field(description="The input field at fault (camelCase path).")
    rule: str = strawberry.field(description="The rule that failed, e.g. required, max_length.")


@strawberry.type(
    description="The workflow has no such transition from the record's current state."
)
class TransitionNotAllowedError(Error):
    event: str = strawberry.field(description="The event that was asked for.")
    current_state: str = strawberry.field(description="The record's state (upper-case).")
    allowed_events: list[str] = strawberry.field(
        description="Events the workflow allows from the current state (upper-case)."
    )


@strawberry.type(description="The record changed since the caller read it (optimistic lock).")
class ConflictError(Error):
    current_version: int | None = strawberry.field(
        description="The record's version now; re-read it and try again."
    )


def to_graphql(exc: engine_errors.EngineError) -> Any:
    if isinstance(exc, engine_errors.NotFound):
        return NotFoundError(message=exc.message, code=exc.code, object_type=exc.object_type,
                             id=strawberry.ID(exc.key))
    if isinstance(exc, engine_errors.Forbidden):
        return ForbiddenError(message=exc.message, code=exc.code, object_type=exc.object_type,
                              action=exc.action)
    if isinstance(exc, engine_errors.ValidationFailed):
        return ValidationError(message=exc.message, code=exc.code, field=camel(exc.field),
                               rule=exc.rule)
    if isinstance(exc, engine_errors.TransitionNotAllowed):
        return TransitionNotAllowedError(
            message=exc.message, code=exc.code, event=upper(exc.event),
            current_state=upper(exc.state), allowed_events=[upper(e) for e in exc.allowed],
        )
    if isinstance(exc, engine_errors.Conflict):
        return ConflictError(message=exc.message, code=exc.code,
                             current_version=exc.current_version)
    raise exc


T = TypeVar("T")
R = TypeVar("R")


async def mutate(operation: Callable[[], Awaitable[T]], present: Callable[[T], R]) -> Any:
    """Run an engine operation; expected failures become typed union members.

    Typed `Any` because each mutation's result union names its own subset of the errors.
    """
    try:
        result = await operation()
    except engine_errors.Unauthenticated:
        raise
    except engine_errors.EngineError as exc:
        refused(exc)
        return to_graphql(exc)
    return present(result)


ERROR_TYPES: list[Any] = [
    NotFoundError, ForbiddenError, ValidationError, TransitionNotAllowedError, ConflictError,
]
