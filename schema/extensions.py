"""Error masking: expected errors pass through, anything else is logged with an id and
replaced by a message that carries only that id (no traceback, SQL or path)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.error import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionResult

from engine.errors import EngineError

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
        log.error(
            "unexpected error in %s",
            ".".join(str(p) for p in error.path or []) or "operation",
            exc_info=error.original_error,
            extra={"error_id": error_id},
        )
        return GraphQLError(
            message=f"Internal error (reference {error_id})",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": "INTERNAL", "errorId": error_id},
        )

    def on_operation(self) -> Iterator[None]:
        yield
        result: Any = self.execution_context.result
        if isinstance(result, GraphQLExecutionResult | ExecutionResult) and result.errors:
            result.errors = [self._mask(e) for e in result.errors]
