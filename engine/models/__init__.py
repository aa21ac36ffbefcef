"""Tortoise models, one module per aggregate; this package is the app's model module."""

from engine.models.approval import (
    ApprovalDecision,
    ApprovalDelegation,
    ApprovalRound,
    EngineSetting,
)
from engine.models.audit import AuditEvent
from engine.models.campaign import (
    BudgetLine,
    Campaign,
    CampaignChannelLink,
    CampaignGoal,
    CampaignReview,
    PhaseWindow,
    Task,
    TaskDependency,
)
from engine.models.channel_plan import ChannelPlan, PlanChannel, PlanMilestone, PlanRisk
from engine.models.counter import CodeCounter
from engine.models.customer import (
    Customer,
    CustomerOrder,
    CustomerSourceLink,
    CustomerStageChange,
    CustomFieldDefinition,
)
from engine.models.deadline import Deadline, EscalationStep, HouseRuleRun, OutboxMessage
from engine.models.demo import DemoRecord
from engine.models.follow_up import FollowUp
from engine.models.imports import ImportJob
from engine.models.incident import Incident
from engine.models.kpi import ChannelMetric, KpiActual, KpiAlert
from engine.models.notification import Notification
from engine.models.org import Department, User
from engine.models.organization import Organization
from engine.models.product import CampaignProduct, CustomerProduct, Product
from engine.models.rfm import (
    CustomerOrderSummary,
    RecallBatch,
    RecallEntry,
    RfmBoundaries,
    RfmSegmentTally,
    RfmState,
)
from engine.models.webhook import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApprovalDecision",
    "ApprovalDelegation",
    "ApprovalRound",
    "AuditEvent",
    "BudgetLine",
    "Campaign",
    "CampaignChannelLink",
    "CampaignGoal",
    "CampaignProduct",
    "CampaignReview",
    "ChannelMetric",
    "ChannelPlan",
    "CodeCounter",
    "CustomFieldDefinition",
    "Customer",
    "CustomerOrder",
    "CustomerOrderSummary",
    "CustomerProduct",
    "CustomerSourceLink",
    "CustomerStageChange",
    "Deadline",
    "DemoRecord",
    "Department",
    "EngineSetting",
    "EscalationStep",
    "FollowUp",
    "HouseRuleRun",
    "ImportJob",
    "Incident",
    "KpiActual",
    "KpiAlert",
    "Notification",
    "Organization",
    "OutboxMessage",
    "PhaseWindow",
    "PlanChannel",
    "PlanMilestone",
    "PlanRisk",
    "Product",
    "RecallBatch",
    "RecallEntry",
    "RfmBoundaries",
    "RfmSegmentTally",
    "RfmState",
    "Task",
    "TaskDependency",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
