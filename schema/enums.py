"""GraphQL enums: upper-case names of the engine's vocabularies, described by their labels.

The engine keeps lower-case values; `value_of` and `upper` translate at the edge.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

import strawberry

from engine.models import enums as domain

E = TypeVar("E", bound=Enum)


def _mirror(source: type[domain.LabelledEnum], description: str, name: str | None = None
            ) -> Any:
    members = {
        m.name: strawberry.enum_value(m.value, description=f"{m.label}") for m in source
    }
    mirrored: Any = Enum(name or source.__name__, members)  # type: ignore[misc]
    return strawberry.enum(mirrored, description=description)


CustomerStage = _mirror(
    domain.CustomerStage,
    "The sales stage of a customer (需求阶段). Each value's description is its Chinese label.",
)
CustomerStageEvent = _mirror(
    domain.CustomerStageEvent,
    "A trigger of the customer stage workflow (workflows/customer_stage.yaml).",
)
CustomerSource = _mirror(domain.CustomerSource, "Where a customer came from (客户来源).")
FollowUpMethod = _mirror(domain.FollowUpMethod, "How the customer was contacted (跟进方式).")
Feedback = _mirror(domain.Feedback, "The customer's reaction (客户反馈类型).")
FollowUpStatus = _mirror(domain.FollowUpStatus, "The state of a follow-up's next action.")
Role = _mirror(domain.Role, "A user's role in the role–permission matrix (岗位).")
CustomFieldType = _mirror(
    domain.CustomFieldType,
    "The type of a custom field's value (STRING is text, ≤ 500 chars; NUMBER a decimal; DATE "
    "YYYY-MM-DD; BOOLEAN true/false; CHOICE one of the definition's choices).",
)
CustomFieldRecordType = _mirror(
    domain.CustomFieldRecordType, "The kind of record a custom field belongs to."
)
ProductStatus = _mirror(domain.ProductStatus, "Whether a catalogue entry is in use (产品状态).")

CampaignType = _mirror(domain.CampaignType, "The kind of campaign (活动类型).")
Channel = _mirror(domain.Channel, "A promotion channel (推广渠道).")
GoalMetric = _mirror(domain.GoalMetric, "What a campaign goal measures (推广目标指标).")
BudgetCategory = _mirror(domain.BudgetCategory, "The kind of a budget line (预算科目).")
CampaignPhase = _mirror(domain.CampaignPhase, "A phase of a campaign (关键节点).")
ApprovalState = _mirror(domain.ApprovalState, "The state of a campaign's budget approval.")
ApprovalDecisionKind = _mirror(domain.ApprovalDecisionKind, "An approver's decision.")
TaskStatus = _mirror(domain.TaskStatus, "The status of a campaign task (任务状态).")
KpiGranularity = _mirror(domain.KpiGranularity, "The length of a KPI period.")
KpiSource = _mirror(domain.KpiSource, "Where a goal's actuals come from.")
ChannelMetricKind = _mirror(domain.ChannelMetricKind, "A platform figure recorded per "
                            "campaign, channel and day (docs/analytics.md).")
CompareTo = _mirror(domain.CompareTo, "The period figures are compared with (同比/环比).")
ExceptionState = _mirror(domain.IncidentState, "The state of a campaign exception.")
Severity = _mirror(domain.Severity, "How serious an exception is.")
NotificationKind = _mirror(domain.NotificationKind, "What a notification is about.")

ChannelPlanState = _mirror(domain.PlanState, "The state of a channel-expansion plan "
                           "(workflows/channel_plan.yaml).", "ChannelPlanState")
ChannelPlanEvent = _mirror(domain.PlanEvent, "A trigger of the channel plan workflow.",
                           "ChannelPlanEvent")
PlanChannelStage = _mirror(domain.PlanChannelStage, "Where a candidate channel stands in its "
                           "plan (workflows/plan_channel.yaml).")
PlanChannelEvent = _mirror(domain.PlanChannelEvent, "A trigger of the plan channel workflow.")
PlanPhase = _mirror(domain.PlanPhase, "The phase a plan milestone belongs to (项目里程碑).")
PlanMilestoneStatus = _mirror(domain.MilestoneStatus, "The status of a plan milestone.",
                              "PlanMilestoneStatus")
PlanMilestoneEvent = _mirror(domain.MilestoneEvent, "A trigger of the plan milestone workflow.",
                             "PlanMilestoneEvent")
PlanRiskCategory = _mirror(domain.RiskCategory, "The kind of a plan risk (风险类别).",
                           "PlanRiskCategory")
RiskLevel = _mirror(domain.RiskLevel, "Likelihood or impact of a risk.")
PlanRiskStatus = _mirror(domain.RiskStatus, "The status of a risk in a plan's register.",
                         "PlanRiskStatus")
PlanRiskEvent = _mirror(domain.RiskEvent, "A trigger of the plan risk workflow.",
                        "PlanRiskEvent")

# The enums portals may ask labels for, by GraphQL name.
LABELLED: dict[str, type[domain.LabelledEnum]] = {
    "CampaignType": domain.CampaignType,
    "Channel": domain.Channel,
    "GoalMetric": domain.GoalMetric,
    "BudgetCategory": domain.BudgetCategory,
    "CampaignPhase": domain.CampaignPhase,
    "ApprovalState": domain.ApprovalState,
    "ApprovalDecisionKind": domain.ApprovalDecisionKind,
    "TaskStatus": domain.TaskStatus,
    "KpiGranularity": domain.KpiGranularity,
    "KpiSource": domain.KpiSource,
    "ChannelMetricKind": domain.ChannelMetricKind,
    "ExceptionState": domain.IncidentState,
    "Severity": domain.Severity,
    "NotificationKind": domain.NotificationKind,
    "CustomerStage": domain.CustomerStage,
    "CustomerStageEvent": domain.CustomerStageEvent,
    "CustomerSource": domain.CustomerSource,
    "FollowUpMethod": domain.FollowUpMethod,
    "Feedback": domain.Feedback,
    "FollowUpStatus": domain.FollowUpStatus,
    "Role": domain.Role,
    "CustomFieldType": domain.CustomFieldType,
    "CustomFieldRecordType": domain.CustomFieldRecordType,
    "ChannelPlanState": domain.PlanState,
    "ChannelPlanEvent": domain.PlanEvent,
    "PlanChannelStage": domain.PlanChannelStage,
    "PlanChannelEvent": domain.PlanChannelEvent,
    "PlanPhase": domain.PlanPhase,
    "PlanMilestoneStatus": domain.MilestoneStatus,
    "PlanMilestoneEvent": domain.MilestoneEvent,
    "PlanRiskCategory": domain.RiskCategory,
    "RiskLevel": domain.RiskLevel,
    "PlanRiskStatus": domain.RiskStatus,
    "PlanRiskEvent": domain.RiskEvent,
    "ProductStatus": domain.ProductStatus,
}


@strawberry.enum(description="Sort order of a customer list.")
class CustomerOrder(Enum):
    CREATED_DESC = strawberry.enum_value("created_desc", description="newest first (default)")
    CREATED_ASC = strawberry.enum_value("created_asc", description="oldest first")
    NAME_ASC = strawberry.enum_value("name_asc", description="by name")
    UPDATED_DESC = strawberry.enum_value("updated_desc", description="recently changed first")


@strawberry.enum(description="Sort order of a follow-up list.")
class FollowUpOrder(Enum):
    CREATED_DESC = strawberry.enum_value("created_desc", description="newest first (default)")
    DUE_ASC = strawberry.enum_value("due_asc", description="earliest due first")


@strawberry.enum(description="The kinds of record that have an audit trail.")
class AuditObjectType(Enum):
    CUSTOMER = strawberry.enum_value("customer", description="客户")
    FOLLOW_UP = strawberry.enum_value("follow_up", description="跟进记录")
    USER = strawberry.enum_value("user", description="用户")
    DEPARTMENT = strawberry.enum_value("department", description="部门")
    CUSTOM_FIELD = strawberry.enum_value("custom_field", description="自定义字段")
    CAMPAIGN = strawberry.enum_value("campaign", description="推广活动(含预算与审批)")
    TASK = strawberry.enum_value("task", description="活动任务")
    EXCEPTION = strawberry.enum_value("exception", description="异常")
    APPROVAL_DELEGATION = strawberry.enum_value("approval_delegation", description="审批委托")
    APPROVAL_CONFIG = strawberry.enum_value("approval_config", description="审批分级配置")
    WEBHOOK = strawberry.enum_value("webhook", description="Webhook 端点")
    IMPORT = strawberry.enum_value(
        "import", description="历史数据导入 (objectId: the import job's id; who may read the job)"
    )
    PRODUCT = strawberry.enum_value("product", description="产品/服务")
    ORGANIZATION = strawberry.enum_value("organization", description="企业信息")
    EXPORT = strawberry.enum_value(
        "export", description="数据导出 (objectId: the exporter's user id; admin, director)"
    )
    CHANNEL_PLAN = strawberry.enum_value("channel_plan", description="渠道拓展计划")
    PLAN_CHANNEL = strawberry.enum_value("plan_channel", description="计划中的候选渠道")
    PLAN_MILESTONE = strawberry.enum_value("plan_milestone", description="计划里程碑")
    PLAN_RISK = strawberry.enum_value("plan_risk", description="计划风险")
    RECALL_BATCH = strawberry.enum_value(
        "recall_batch", description="RFM 召回批次 (whoever may see the batch)"
    )


def value_of(member: Enum) -> str:
    return str(member.value)


def values_of(members: list[Any] | None) -> list[str]:
    return [value_of(m) for m in members or []]


def upper(value: str) -> str:
    """The GraphQL spelling of an engine value (won → WON)."""
    return value.upper()
