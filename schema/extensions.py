"""Error masking: expected errors pass through, anything else is logged with an id and
replaced by a message that carries only that id (no traceback, SQL or path); and the
operations' metrics."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import FieldNode, OperationDefinitionNode
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from engine import db, metrics
from engine.errors import EngineError
from schema.errors import refusals

log = logging.getLogger("promoflow.graphql")


def is_expected(error: GraphQLError) -> bool:
    original = error.original_error
    # No original error: a syntax or validation error of the query itself, for the client.
    return original is None or isinstance(original, EngineError | GraphQLError)


class MaskUnexpectedErrors(SchemaExtension):
    def _mask(self, error: GraphQLError) -> GraphQLError:
        if is_expected(error):
            return error
        error_id = uuid.uuid4().hex[:12]
        where = ".".join(str(p) for p in error.path or []) or "operation"
        if error.original_error is not None and db.is_unavailable(error.original_error):
            # an outage, not a defect: the client may retry; the operator sees it in
            # /readyz and the metrics rather than in one error line per request
            log.warning("database unavailable in %s", where,
                        extra={"error_id": error_id, "error": repr(error.original_error)[:300]})
            message, code = f"The database is unavailable; retry shortly ({error_id})", \
                "UNAVAILABLE"
        else:
            log.error("unexpected error in %s", where, exc_info=error.original_error,
                      extra={"error_id": error_id})
            message, code = f"Internal error (reference {error_id})", "INTERNAL"
        return GraphQLError(
            message=message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": code, "errorId": error_id},
        )

    def on_operation(self) -> Iterator[None]:
        yield
        result: Any = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | ExecutionResult) and result.errors:
            result.errors = [self._mask(e) for e in result.errors]


class ObserveOperations(SchemaExtension):
    """Count and time every operation (promoflow_graphql_requests_total,
    promoflow_graphql_request_duration_seconds) by its first root field — a label bounded
    by the schema, whatever clients send — and log expected GraphQL errors at info."""

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        refusals.set([])
        yield
        ctx = self.execution_context
        operation = _root_field(ctx)
        outcome = _outcome(ctx, refusals.get() or [])
        metrics.GRAPHQL_REQUESTS.labels(operation, outcome).inc()
        if not _is_subscription(ctx):
            metrics.GRAPHQL_DURATION.labels(operation).observe(time.perf_counter() - started)


_ROOT_FIELDS: dict[int, frozenset[str]] = {}


def _root_names(ctx: Any) -> frozenset[str]:
    schema = ctx.schema._schema
    key = id(schema)
    if key not in _ROOT_FIELDS:
        names: set[str] = set()
        for root in (schema.query_type, schema.mutation_type, schema.subscription_type):
            if root is not None:
                names.update(root.fields)
        _ROOT_FIELDS[key] = frozenset(names)
    return _ROOT_FIELDS[key]


def _root_field(ctx: Any) -> str:
    document = ctx.graphql_document
    if document is None:
        return "__invalid"
    wanted = ctx.provided_operation_name
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if wanted and (definition.name is None or definition.name.value != wanted):
            continue
        for selection in definition.selection_set.selections:
            if isinstance(selection, FieldNode):
                name = selection.name.value
                if name.startswith("__"):
                    return "__introspection"
                return name if name in _root_names(ctx) else "__invalid"
        return "__fragment"
    return "__invalid"


def _is_subscription(ctx: Any) -> bool:
    try:
        return str(ctx.operation_type.value) == "subscription"
    except (RuntimeError, AttributeError, KeyError):
        return False


def _outcome(ctx: Any, refused_codes: list[str]) -> str:
    result: Any = ctx.result
    errors: list[GraphQLError] = list(getattr(result, "errors", None) or [])
    errors += list(ctx.pre_execution_errors or [])
    if not errors:
        return "refused" if refused_codes else "ok"
    codes = {str((e.extensions or {}).get("code", "")) for e in errors}
    if "UNAVAILABLE" in codes or any(
            e.original_error is not None and db.is_unavailable(e.original_error)
            for e in errors):
        return "unavailable"
    if "INTERNAL" in codes or not all(is_expected(e) for e in errors):
        return "internal"
    if all(e.original_error is None for e in errors) and getattr(result, "data", None) is None:
        return "invalid"  # the document failed to parse or validate
    for e in errors:
        if isinstance(e.original_error, EngineError):
            log.info("refused: %s", e.message,
                     extra={"code": e.original_error.code,
                            "path": ".".join(str(p) for p in e.path or [])})
    if "UNAUTHENTICATED" in codes:
        return "unauthenticated"
    if "FORBIDDEN" in codes:
        return "forbidden"
    return "error"
