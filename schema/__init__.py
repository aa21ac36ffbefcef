"""The GraphQL schema: merges the per-aggregate roots and applies the hardening.

`build_schema(settings)` is the only entry point; the committed SDL (schema.graphql) is
printed from it and tests fail when the two drift apart.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql.error import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from engine.settings import Settings
from schema import input_limits, query_cost
from schema.errors import ERROR_TYPES
from schema.extensions import MaskUnexpectedErrors, ObserveOperations, RequestPolicy
from schema.mutations.analytics import AnalyticsMutation
from schema.mutations.approval import ApprovalMutation
from schema.mutations.campaign import CampaignMutation
from schema.mutations.channel_metric import ChannelMetricMutation
from schema.mutations.channel_plan import ChannelPlanMutation
from schema.mutations.custom_field import CustomFieldMutation
from schema.mutations.customer import CustomerMutation
from schema.mutations.follow_up import FollowUpMutation
from schema.mutations.imports import ImportMutation
from schema.mutations.incident import IncidentMutation
from schema.mutations.kpi import KpiMutation
from schema.mutations.notification import NotificationMutation
from schema.mutations.org import OrgMutation
from schema.mutations.people import PeopleMutation
from schema.mutations.pipeline import PipelineMutation
from schema.mutations.product import ProductMutation
from schema.mutations.recall import RecallMutation
from schema.mutations.task import TaskMutation
from schema.mutations.webhook import WebhookMutation
from schema.queries.analytics import AnalyticsQuery
from schema.queries.approval import ApprovalQuery
from schema.queries.audit import AuditQuery
from schema.queries.campaign import CampaignQuery
from schema.queries.channel_plan import ChannelPlanQuery
from schema.queries.customer import CustomerQuery
from schema.queries.escalation import EscalationQuery
from schema.queries.follow_up import FollowUpQuery
from schema.queries.imports import ImportQuery
from schema.queries.incident import IncidentQuery
from schema.queries.notification import NotificationQuery
from schema.queries.org import OrgQuery
from schema.queries.people import PeopleQuery
from schema.queries.permission import PermissionQuery
from schema.queries.pipeline import PipelineQuery
from schema.queries.product import ProductQuery
from schema.queries.recall import RecallQuery
from schema.queries.report import ReportQuery
from schema.subscriptions import Subscription


@strawberry.type(description="Everything a portal can read. Every field needs a bearer token.")
class Query(
    OrgQuery, CustomerQuery, FollowUpQuery, AuditQuery, CampaignQuery, ApprovalQuery,
    IncidentQuery, NotificationQuery, EscalationQuery, ImportQuery, AnalyticsQuery,
    ReportQuery, PipelineQuery, PermissionQuery, ProductQuery, PeopleQuery, RecallQuery,
    ChannelPlanQuery,
):
    pass


@strawberry.type(
    description="Everything a portal can change. Each mutation returns its result type or a "
    "typed error (NotFoundError, ForbiddenError, ValidationError, TransitionNotAllowedError, "
    "ConflictError); every change is audited."
)
class Mutation(
    CustomerMutation, FollowUpMutation, OrgMutation, CampaignMutation, ApprovalMutation,
    TaskMutation, KpiMutation, IncidentMutation, NotificationMutation, WebhookMutation,
    ImportMutation, AnalyticsMutation, PipelineMutation, ProductMutation, RecallMutation,
    ChannelMetricMutation, CustomFieldMutation, PeopleMutation, ChannelPlanMutation,
):
    pass


class PromoflowSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Unexpected errors are logged (with their id) by MaskUnexpectedErrors; expected
        # ones are answers to the client, not events for the operator.
        return None


def build_schema(settings: Settings) -> strawberry.Schema:
    # The limiters build their validation rule classes in __init__; a fresh class per
    # request would miss ValidationCache (keyed by the rules) on every request. Build the
    # rules once and hand each request a new extension holding the same classes.
    limits = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
        query_cost.cost_limit_rule(settings.max_query_cost),
    ]
    extensions: list[Any] = [
        lambda: AddValidationRules(limits),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        # after AddValidationRules: adds NoSchemaIntrospectionCustomRule per request (the
        # same class object every time, so ValidationCache still hits)
        lambda: RequestPolicy(settings),
        ParserCache,
        ValidationCache,
        MaskUnexpectedErrors,
        ObserveOperations,
    ]
    schema = PromoflowSchema(
        query=Query, mutation=Mutation, subscription=Subscription, types=ERROR_TYPES,
        extensions=extensions,
    )
    input_limits.install(schema._schema)
    return schema


def sdl() -> str:
    return build_schema(Settings()).as_str() + "\n"
