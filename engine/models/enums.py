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
