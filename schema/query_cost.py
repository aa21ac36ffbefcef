"""The query cost limit: a validation rule, so its verdict is cached with the document.

Modelled on graphql-armor's cost limit (an object field costs 2, a leaf 1, fragments
counted where they are spread, introspection free), with one change that matters for
cursor lists: graphql-armor multiplies only by a literal `first`, so `first: $n` or no
`first` at all costs as one row. Here a field that takes `first` multiplies what it selects
by the literal value, by `pagination.MAX_PAGE` when it is a variable (the most it may be),
and by the argument's default (`pagination.DEFAULT_PAGE`) when it is left out; a field with
a list argument (ids) multiplies by the list's length (MAX_PAGE for a variable).
graphql-armor's depth factor (1.5 per level) is left out: depth has its own limit
(GRAPHQL_MAX_DEPTH), and page sizes already grow the cost with each nested list.

A page of 100 customers (three fields) with 20 follow-ups each (four fields) costs 21,000
(a connection, its edges and each node count as objects); the default limit is 50,000
(GRAPHQL_MAX_COST): some 5,000 rows' worth. 100 × 100 × 100 nested lists cost millions.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    VariableNode,
)

from engine.pagination import DEFAULT_PAGE, MAX_PAGE

OBJECT_COST, LEAF_COST = 2, 1


def _named(type_: Any) -> Any:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_


def _is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def multiplier(node: FieldNode, field: Any) -> int:
    """How many times a field's selection is resolved, at most."""
    given = {a.name.value: a.value for a in node.arguments or ()}
    if "first" in field.args:
        value = given.get("first")
        if isinstance(value, IntValueNode):
            return max(1, int(value.value))
        if isinstance(value, VariableNode):
            return MAX_PAGE
        default = field.args["first"].default_value
        return default if isinstance(default, int) and default > 0 else DEFAULT_PAGE
    if _is_list(field.type):
        sizes = [len(v.values) if isinstance(v, ListValueNode) else MAX_PAGE
                 for name, v in given.items()
                 if name in field.args and _is_list(field.args[name].type)
                 and isinstance(v, ListValueNode | VariableNode)]
        if sizes:
            return max(1, *sizes)
    return 1


class _Cost:
    def __init__(self, context: Any) -> None:
        self.context = context
        self.schema = context.schema
        self.spreading: set[str] = set()

    def of(self, selection_set: SelectionSetNode | None, parent: Any) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self.schema.get_type(condition.name.value) if condition else parent
                total += self.of(selection.selection_set, on)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in self.spreading:
                    continue  # unknown or cyclic: other rules report it
                self.spreading.add(name)
                total += self.of(fragment.selection_set,
                                 self.schema.get_type(fragment.type_condition.name.value))
                self.spreading.discard(name)
        return total

    def field(self, node: FieldNode, parent: Any) -> int:
        name = node.name.value
        if name.startswith("__"):
            return 0  # introspection and __typename
        fields = parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) \
            else {}
        field = fields.get(name)
        if field is None:
            return 0  # an unknown field: FieldsOnCorrectTypeRule reports it
        if node.selection_set is None:
            return LEAF_COST
        inner = self.of(node.selection_set, _named(field.type))
        return multiplier(node, field) * (OBJECT_COST + inner)


def cost_limit_rule(max_cost: int) -> type[ValidationRule]:
    """A rule class refusing operations that cost more than `max_cost`. Build it once per
    schema: ValidationCache keys its entries by the rule classes."""

    class QueryCostRule(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            root = self.context.schema.get_root_type(node.operation)
            if root is None:
                return
            cost = _Cost(self.context).of(node.selection_set, root)
            if cost > max_cost:
                self.report_error(GraphQLError(
                    f"The query costs {cost}, more than the limit of {max_cost}: ask for "
                    "fewer rows (first) or fewer nested lists.",
                    node, extensions={"code": "QUERY_TOO_COSTLY", "cost": cost,
                                      "maxCost": max_cost}))

    return QueryCostRule
