"""The domain's closed vocabularies, with the Chinese labels portals show.

Values are stored as the lower-case strings; GraphQL exposes the upper-case names.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label (`label`)."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def of(cls, value: str) -> Self:
        """The member for a stored value (what `cls(value)` does, spelled for type checkers)."""
        return cls(value)  # type: ignore[call-arg]


class Role(LabelledEnum):
    SALES_REP = "sales_rep", "销售专员"
    SALES_MANAGER = "sales_manager", "销售经理"
    MARKETING = "marketing", "市场专员"
    DIRECTOR = "director", "总监"
    FINANCE = "finance", "财务"
    ADMIN = "admin", "管理员"


class ProductStatus(LabelledEnum):
    ACTIVE = "active", "在售"
    ARCHIVED = "archived", "已归档"


class CustomerStage(LabelledEnum):
    POTENTIAL = "potential", "潜在"
    INTENT = "intent", "意向"
    NEGOTIATION = "negotiation", "谈判"
    WON = "won", "成交"
    LOST = "lost", "流失"


class CustomerStageEvent(LabelledEnum):
    QUALIFY = "qualify", "确认意向"
    NEGOTIATE = "negotiate", "进入谈判"
    WIN = "win", "成交"
    LOSE = "lose", "流失"
    REACTIVATE = "reactivate", "重新激活"


class CustomerSource(LabelledEnum):
    TRADE_SHOW = "trade_show", "展会"
    REFERRAL = "referral", "转介绍"
    ONLINE_AD_DOUYIN = "online_ad_douyin", "线上推广(抖音)"
    ONLINE_AD_WEBSITE = "online_ad_website", "线上推广(官网)"
    SOCIAL_MEDIA = "social_media", "社交媒体"
    PHONE_INQUIRY = "phone_inquiry", "电话咨询"
    ONLINE_FORM = "online_form", "线上表单"
    HISTORICAL_ORDER = "historical_order", "历史订单"
    CAMPAIGN = "campaign", "推广活动"
    OTHER = "other", "其他"


class FollowUpMethod(LabelledEnum):
    PHONE = "phone", "电话"
    VISIT_ONLINE = "visit_online", "拜访(线上)"
    VISIT_OFFLINE = "visit_offline", "拜访(线下)"
    EMAIL = "email", "邮件"
    ONLINE_MEETING = "online_meeting", "线上会议"
    SMS = "sms", "短信"


class Feedback(LabelledEnum):
    POSITIVE = "positive", "积极"
    NEUTRAL = "neutral", "中性"
    NEGATIVE = "negative", "消极"


class FollowUpStatus(LabelledEnum):
    PENDING = "pending", "待处理"
    DONE = "done", "已完成"
    OVERDUE = "overdue", "已延期"


class FollowUpEvent(LabelledEnum):
    COMPLETE = "complete", "完成"
    MARK_OVERDUE = "mark_overdue", "标记延期"


class CustomFieldType(LabelledEnum):
    STRING = "string", "文本"
    NUMBER = "number", "数字"
    DATE = "date", "日期"
    BOOLEAN = "boolean", "是/否"
    CHOICE = "choice", "选项"


class CustomFieldRecordType(LabelledEnum):
    CUSTOMER = "customer", "客户"
    FOLLOW_UP = "follow_up", "跟进记录"
    CAMPAIGN = "campaign", "推广活动"


class CampaignType(LabelledEnum):
    LIVE_STREAM = "live_stream", "线上直播"
    TRADE_SHOW = "trade_show", "线下展会"
    CONTENT_MARKETING = "content_marketing", "内容营销(白皮书/案例)"
    GROUND_PROMOTION = "ground_promotion", "地推"
    CHANNEL_PARTNERSHIP = "channel_partnership", "渠道合作"


class Channel(LabelledEnum):
    WECHAT_OFFICIAL = "wechat_official", "公众号"
    WECHAT_CHANNELS = "wechat_channels", "视频号"
    DOUYIN = "douyin", "抖音"
    XIAOHONGSHU = "xiaohongshu", "小红书"
    WEIBO = "weibo", "微博"
    BILIBILI = "bilibili", "B站"
    LINKEDIN = "linkedin", "LinkedIn"
    INDUSTRY_FORUM = "industry_forum", "行业论坛"
    WEBSITE = "website", "官网"
    SEARCH_ADS = "search_ads", "搜索广告"
    EMAIL = "email", "邮件"
    SMS = "sms", "短信"
    TRADE_SHOW = "trade_show", "展会"
    OFFLINE_EVENT = "offline_event", "线下活动/地推"
    PARTNER = "partner", "渠道伙伴"
    OTHER = "other", "其他"


class GoalMetric(LabelledEnum):
    """What a goal measures. The first six the engine computes from its own records
    (`engine.services.kpis.DERIVED`); the others are recorded or imported."""

    NEW_LEADS = "new_leads", "新增留资"
    INTENT_CUSTOMERS = "intent_customers", "意向客户"
    WON_CUSTOMERS = "won_customers", "成交客户"
    REVENUE = "revenue", "销售额(元)"
    ORDERS = "orders", "订单量"
    FOLLOW_UPS_DONE = "follow_ups_done", "完成跟进"
    VIEWERS = "viewers", "观看人数"
    CONSULTATIONS = "consultations", "咨询量"
    UV = "uv", "访客数(UV)"
    PV = "pv", "浏览量(PV)"
    CLICKS = "clicks", "点击量"
    ADD_TO_CART = "add_to_cart", "加购人数"


class KpiSource(LabelledEnum):
    """Where a goal's actuals come from."""

    DERIVED = "derived", "系统计算"
    CHANNEL_METRICS = "channel_metrics", "渠道数据汇总"
    RECORDED = "recorded", "手工录入"


class ChannelMetricKind(LabelledEnum):
    """A figure only the channel's platform knows, recorded per campaign, channel and day
    (channelMetricRecord, or imported from the platform's export)."""

    IMPRESSIONS = "impressions", "曝光量"
    CLICKS = "clicks", "点击量"
    UV = "uv", "访客数(UV)"
    PV = "pv", "浏览量(PV)"
    NEW_VISITORS = "new_visitors", "新访客数"
    ADD_TO_CART = "add_to_cart", "加购人数"
    FAVOURITES = "favourites", "收藏人数"
    COMPLAINTS = "complaints", "客诉数"
    SPEND = "spend", "推广花费(元)"
    VIEWERS = "viewers", "观看人数"
    CONSULTATIONS = "consultations", "咨询量"
    TRAFFIC_SEARCH = "traffic_search", "搜索流量访客"
    TRAFFIC_RECOMMENDATION = "traffic_recommendation", "推荐流量访客"
    TRAFFIC_PAID = "traffic_paid", "付费推广访客"
    TRAFFIC_SOCIAL = "traffic_social", "社交内容访客"
    TRAFFIC_DIRECT = "traffic_direct", "直接访问访客"
    TRAFFIC_OTHER = "traffic_other", "其他来源访客"


class CompareTo(LabelledEnum):
    """The period figures are compared with."""

    PREVIOUS_PERIOD = "previous_period", "环比（上一周期）"
    SAME_PERIOD_LAST_YEAR = "same_period_last_year", "同比（去年同期）"
    CUSTOM = "custom", "指定周期"


class BudgetCategory(LabelledEnum):
    MATERIALS = "materials", "物料费"
    HOST = "host", "主播/嘉宾费"
    PLATFORM_PROMOTION = "platform_promotion", "平台推广费"
    VENUE = "venue", "场地费"
    PRODUCTION = "production", "制作费"
    TRAVEL = "travel", "差旅费"
    GIFTS = "gifts", "礼品费"
    PARTNER_FEES = "partner_fees", "渠道费用"
    OTHER = "other", "其他"


class CampaignPhase(LabelledEnum):
    PREPARATION = "preparation", "筹备期"
    WARM_UP = "warm_up", "预热期"
    EXECUTION = "execution", "执行期"
    REVIEW = "review", "复盘期"


class ApprovalState(LabelledEnum):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "审批中"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"
    WITHDRAWN = "withdrawn", "已撤回"


class ApprovalEvent(LabelledEnum):
    SUBMIT = "submit", "提交审批"
    APPROVE = "approve", "批准"
    REJECT = "reject", "驳回"
    WITHDRAW = "withdraw", "撤回"
    REVISE = "revise", "修改后重新审批"


class ApprovalDecisionKind(LabelledEnum):
    APPROVED = "approved", "批准"
    REJECTED = "rejected", "驳回"


class TaskStatus(LabelledEnum):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DELAYED = "delayed", "延期"
    DONE = "done", "已完成"


class TaskEvent(LabelledEnum):
    START = "start", "开始"
    COMPLETE = "complete", "完成"
    MARK_DELAYED = "mark_delayed", "标记延期"
    REOPEN = "reopen", "重新打开"


class KpiGranularity(LabelledEnum):
    DAY = "day", "日"
    WEEK = "week", "周"


class IncidentState(LabelledEnum):
    REPORTED = "reported", "已上报"
    ACKNOWLEDGED = "acknowledged", "已确认"
    RESOLVING = "resolving", "处理中"
    RESOLVED = "resolved", "已解决"
    CLOSED = "closed", "已关闭"


class IncidentEvent(LabelledEnum):
    ACKNOWLEDGE = "acknowledge", "确认"
    START_RESOLVING = "start_resolving", "开始处理"
    RESOLVE = "resolve", "解决"
    CLOSE = "close", "关闭"
    REOPEN = "reopen", "重新打开"


class Severity(LabelledEnum):
    LOW = "low", "低"
    MEDIUM = "medium", "中"
    HIGH = "high", "高"
    CRITICAL = "critical", "紧急"


class NotificationKind(LabelledEnum):
    APPROVAL_REQUEST = "approval_request", "审批请求"
    APPROVAL_DECISION = "approval_decision", "审批结果"
    INCIDENT_COPY = "incident_copy", "异常抄送"
    INCIDENT_UPDATE = "incident_update", "异常进展"
    KPI_ALERT = "kpi_alert", "指标偏差预警"
    TASK_ASSIGNED = "task_assigned", "任务分配"
    REMINDER = "reminder", "提醒"
    ESCALATION = "escalation", "升级通知"
    HANDOVER = "handover", "工作交接"


# -- the channel-expansion plan (网络销售渠道拓展计划书, seed 002) -------------------------


class PlanState(LabelledEnum):
    DRAFT = "draft", "草拟"
    ACTIVE = "active", "执行中"
    IN_REVIEW = "in_review", "复盘中"
    CLOSED = "closed", "已结束"
    CANCELLED = "cancelled", "已取消"


class PlanEvent(LabelledEnum):
    START = "start", "启动"
    BEGIN_REVIEW = "begin_review", "进入复盘"
    RESUME = "resume", "恢复执行"
    CLOSE = "close", "结束"
    CANCEL = "cancel", "取消"


class PlanChannelStage(LabelledEnum):
    CANDIDATE = "candidate", "候选"
    EVALUATED = "evaluated", "已评估"
    SELECTED = "selected", "已选定"
    REJECTED = "rejected", "未入选"
    ONBOARDING = "onboarding", "入驻筹备"
    OPERATING = "operating", "运营中"
    REVIEWED = "reviewed", "已复盘"
    DISCONTINUED = "discontinued", "已停止"


class PlanChannelEvent(LabelledEnum):
    EVALUATE = "evaluate", "完成评估"
    SELECT = "select", "选定"
    REJECT = "reject", "不予入选"
    RECONSIDER = "reconsider", "重新评估"
    START_ONBOARDING = "start_onboarding", "开始入驻筹备"
    GO_LIVE = "go_live", "正式运营"
    REVIEW = "review", "复盘"
    CONTINUE_OPERATING = "continue_operating", "继续运营"
    DISCONTINUE = "discontinue", "停止运营"


class PlanPhase(LabelledEnum):
    """The plan's month-by-month milestones (五、进度管理: 项目里程碑与时间表)."""

    SELECTION = "selection", "渠道调研与选择"
    ONBOARDING = "onboarding", "入驻筹备与账号搭建"
    OPERATION = "operation", "正式运营与初步转化"
    OPTIMISATION = "optimisation", "策略优化与辅助渠道"
    REVIEW = "review", "效果评估与下阶段计划"


class MilestoneStatus(LabelledEnum):
    PENDING = "pending", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DELAYED = "delayed", "已延期"
    DONE = "done", "已完成"


class MilestoneEvent(LabelledEnum):
    START = "start", "开始"
    COMPLETE = "complete", "完成"
    MARK_DELAYED = "mark_delayed", "标记延期"
    REOPEN = "reopen", "重新打开"


class RiskCategory(LabelledEnum):
    """The plan's risks (五、风险识别与应对)."""

    MARKET_COMPETITION = "market_competition", "市场竞争风险"
    PLATFORM_POLICY = "platform_policy", "平台政策变动风险"
    OPERATING_SKILL = "operating_skill", "运营能力不足风险"
    POOR_ROI = "poor_roi", "投入产出比不理想风险"
    OTHER = "other", "其他风险"


class RiskLevel(LabelledEnum):
    LOW = "low", "低"
    MEDIUM = "medium", "中"
    HIGH = "high", "高"


class RiskStatus(LabelledEnum):
    OPEN = "open", "待应对"
    MITIGATING = "mitigating", "应对中"
    OCCURRED = "occurred", "已发生"
    CLOSED = "closed", "已关闭"


class RiskEvent(LabelledEnum):
    MITIGATE = "mitigate", "开始应对"
    OCCUR = "occur", "风险发生"
    CLOSE = "close", "关闭"
    REOPEN = "reopen", "重新打开"
