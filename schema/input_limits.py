"""One check of every argument of every field, before its resolver runs (issue 11).

`install(schema)` walks the built schema once and wraps the resolver of each field that
takes arguments: the coerced argument values (variables included) are checked against
their GraphQL types with the engine's rules (engine/validation.py) —

- every String and ID: at most `validation.MAX_TEXT` characters (or its override by name in
  `MAX_LENGTH`), no NUL, no unpaired surrogate;
- every list: at most `validation.MAX_LIST_ITEMS` entries;
- every Date and DateTime: in the years 1900-2100; a from..to pair (`PERIODS`) at most
  `validation.MAX_PERIOD_YEARS` long;
- every Decimal finite and of sane size; every JSON value's strings and lists as above;
  an Upload must be a file part of a multipart request.

Fields are found by their types, not their names, so a field another change adds is
covered without code here. A refusal is the field's `ValidationError` union member when its
result type has one, else a GraphQL error with `extensions.code = VALIDATION` naming the
argument (camelCase path; `input.` left out, as the services name their fields).

The same pass guards result unions: a resolver that answers a typed error its union does
not list (a ValidationError from `webhookRedeliver`) raises it as a GraphQL error with the
same code instead of failing type resolution as an internal error.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
)

from engine import validation
from engine.errors import ValidationFailed
from schema.errors import Error, camel, refused, to_graphql

# Maxima that differ from validation.MAX_TEXT, by argument or input field name.
MAX_LENGTH: Mapping[str, int] = {
    "search": 200,  # a search string runs a LIKE over indexed columns
    "after": 2_000,  # a cursor holds a few sort keys
    "username": 64, "ownerUsername": 64, "delegateUsername": 64, "approverUsername": 64,
    "assigneeUsername": 64,
}
MAX_ID = 200  # an ID is a number or a record code
# from..to pairs, by field name, checked together in one argument list or input object
PERIODS = (("from", "to"), ("startDate", "endDate"), ("startsOn", "endsOn"),
           ("periodStart", "periodEnd"), ("dueAfter", "dueBefore"))
MAX_DECIMAL = Decimal("1e18")


def _field_name(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _string(path: str, value: Any, scalar: str) -> None:
    if not isinstance(value, str):
        return
    limit = MAX_LENGTH.get(_field_name(path), MAX_ID if scalar == "ID" else validation.MAX_TEXT)
    validation.check_string(path, value, max_len=limit)


def _json(path: str, value: Any) -> None:
    """A JSON argument (custom fields): its strings, keys and lists as any other input."""
    if isinstance(value, str):
        validation.check_string(path, value)
    elif isinstance(value, list):
        validation.check_items(path, len(value))
        for i, item in enumerate(value):
            _json(f"{path}.{i}", item)
    elif isinstance(value, dict):
        validation.check_items(path, len(value))
        for key, item in value.items():
            validation.check_string(path, str(key), max_len=200)
            _json(f"{path}.{key}", item)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValidationFailed(path, f"{path} is not a number", rule="format")


def _scalar(path: str, value: Any, type_: GraphQLScalarType) -> None:
    name = type_.name
    if name in ("String", "ID"):
        _string(path, value, name)
    elif isinstance(value, datetime | date):
        validation.check_year(path, value)
    elif isinstance(value, Decimal):
        if not value.is_finite() or abs(value) >= MAX_DECIMAL:
            raise ValidationFailed(path, f"{path} is out of range", rule="range")
    elif name == "JSON":
        _json(path, value)
    elif name == "Upload":
        if not callable(getattr(value, "read", None)):
            raise ValidationFailed(path, f"{path} must be a file part of a multipart request "
                                   "(GraphQL multipart request spec)", rule="type")
        filename = getattr(value, "filename", None)
        if isinstance(filename, str):
            validation.check_string(f"{path}.filename", filename, max_len=255)


def _periods(prefix: str, values: Mapping[str, Any]) -> None:
    for start, end in PERIODS:
        first, last = values.get(start), values.get(end)
        if isinstance(first, date) and isinstance(last, date):
            validation.check_period(prefix + start, first, prefix + end, last)


def check_value(path: str, value: Any, type_: GraphQLInputType) -> None:
    """Check one coerced input value against its GraphQL type (raises ValidationFailed)."""
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if value is None:
        return
    if isinstance(type_, GraphQLList):
        if isinstance(value, list | tuple):
            validation.check_items(path, len(value))
            for i, item in enumerate(value):
                check_value(f"{path}.{i}", item, type_.of_type)
        else:  # a single value given for a list (GraphQL's input coercion allows it)
            check_value(path, value, type_.of_type)
    elif isinstance(type_, GraphQLInputObjectType):
        if isinstance(value, Mapping):
            check_values(f"{path}." if path else "", value, type_.fields)
    elif isinstance(type_, GraphQLScalarType):
        _scalar(path, value, type_)


def check_values(prefix: str, values: Mapping[str, Any], fields: Mapping[str, Any]) -> None:
    for name, value in values.items():
        field = fields.get(name)
        if field is not None:
            check_value(prefix + name, value, field.type)
    _periods(prefix, values)


def check_arguments(args: Mapping[str, Any], kwargs: Mapping[str, Any]) -> None:
    for name, value in kwargs.items():
        arg = args.get(name)
        if arg is None:
            continue
        # `input` is the mutation's one argument: its fields are named as the services name
        # them (phases.1.tasks.0.endDate)
        path = "" if name == "input" and isinstance(
            _named(arg.type), GraphQLInputObjectType) else name
        check_value(path, value, arg.type)
    _periods("", kwargs)


def _named(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _union_of(field: Any) -> GraphQLUnionType | None:
    type_ = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    return type_ if isinstance(type_, GraphQLUnionType) else None


def _as_error(result: Any, allowed: frozenset[str]) -> Any:
    """A typed error the union does not list, raised as a GraphQL error of the same code."""
    definition = getattr(type(result), "__strawberry_definition__", None)
    if isinstance(result, Error) and definition is not None and definition.name not in allowed:
        extensions = {camel(k): v for k, v in vars(result).items() if k != "message"}
        raise GraphQLError(result.message, extensions=extensions)
    return result


def _wrap(resolve: Callable[..., Any], args: Mapping[str, Any],
          union: GraphQLUnionType | None) -> Callable[..., Any]:
    allowed = frozenset(t.name for t in union.types) if union is not None else frozenset()
    typed_refusal = "ValidationError" in allowed

    def refuse(exc: ValidationFailed) -> Any:
        if not typed_refusal:
            raise exc
        refused(exc)
        return to_graphql(exc)

    if union is None:
        def checked(source: Any, info: Any, **kwargs: Any) -> Any:
            check_arguments(args, kwargs)
            return resolve(source, info, **kwargs)

        return checked

    async def guarded(source: Any, info: Any, **kwargs: Any) -> Any:
        try:
            check_arguments(args, kwargs)
        except ValidationFailed as exc:
            return refuse(exc)
        result = resolve(source, info, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return _as_error(result, allowed)

    return guarded


def install(schema: GraphQLSchema) -> None:
    """Wrap the resolvers of `schema` (once, when the schema is built)."""
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for field in type_.fields.values():
            union = _union_of(field)
            if (field.args or union is not None) and field.resolve is not None:
                field.resolve = _wrap(field.resolve, field.args, union)
            if field.args and field.subscribe is not None:
                field.subscribe = _wrap(field.subscribe, field.args, None)
