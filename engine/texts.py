"""The Chinese of the engine's fixed English texts, for the Chinese report and exports.

The API gives reasons in English (stable strings portals may match on); the review
report and the `lang=zh` exports are read by people, in Chinese. Every text the engine
produces on its own — why a figure is null, why a record was marked — is translated
here, in one table, so that a Chinese page never carries an English fragment (a test
checks every reason constant has its entry). Text people typed (a lost reason, an
overdue reason written by a rep) is shown as it was written.
"""

from __future__ import annotations

import re

UNATTRIBUTED = "未归属渠道"  # the row of customers without a source channel, everywhere

ZH: dict[str, str] = {
    # engine/services/analytics
    "no new customers in the period": "期间无新增客户",
    "no won customers in the period": "期间无成交客户",
    "budget not approved": "预算未批准",
    "budget not visible to you": "无权查看预算",
    "nothing spent yet (spent = 0)": "尚无实际花费（花费为 0）",
    "no revenue in the period": "期间无成交金额",
    "no approved budget assigned to this channel": "该渠道无已批准预算",
    "customers without a source channel carry no channel cost": "未归属渠道的客户不分摊渠道费用",
    "no planned cost": "无计划费用",
    "no value in this period": "本期无数值",
    "no value in the comparison period": "对比期无数值",
    "the comparison period's value is 0: no relative change": "对比期数值为 0，无法计算增长率",
    # engine/services/analytics/kpiset
    "no orders in the period": "期间无订单",
    "no buyers in the period": "期间无成交买家",
    "no buyers in the previous period": "上一周期无成交买家",
    "the period has no first day: there is no previous period":
        "统计区间无起始日，无法对比上一周期",
    "no sales in the period compared with": "对比周期无销售额",
    "not recorded for this channel in the period": "期间未录入该渠道数据",
    "no new users in the period": "期间无新增用户",
    "no customers acquired through it by the end of the period": "截至期末无经此获取的客户",
    "no cost: no spend recorded and no approved budget for it": "无费用：未录入花费且无已批准预算",
    "no visitors (UV 0)": "访客数为 0",
    "no impressions (0)": "曝光量为 0",
    "no visitors by source": "无分来源访客数",
    "no cost (0)": "费用为 0",
    # engine/services/kpis
    "no actual recorded for this period": "本期未录入实际值",
    "the period has not started yet": "本期尚未开始",
    "the period is not over yet: its deviation is judged when it ends":
        "本期尚未结束，结束后判定偏差",
    "no plan for this period (outside the goal period)": "本期不在目标周期内，无计划值",
    "recorded per week: ask for weekly figures": "该指标按周录入，请按周查看",
    "nothing recorded yet": "尚未录入",
    "the goal period has not started yet": "目标周期尚未开始",
    # engine/report
    "first step": "第一步",
    "no amount budgeted on this line": "该预算行金额为 0",
    "no budget lines": "没有预算行",
    # engine/escalation: the reason stored when a deadline's ladder marks a record
    "escalated": "逾期未处理，系统已自动升级",
}

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^no customer reached (\w+)$"), "没有客户到达{stage}阶段"),
    (re.compile(r"^no customer entered (\w+) in the period$"), "期间没有客户进入{stage}阶段"),
]


def zh(text: str | None) -> str | None:
    """The Chinese of an engine text; anything else (people's own words) as it is."""
    if text is None:
        return None
    found = ZH.get(text)
    if found is not None:
        return found
    for pattern, template in _PATTERNS:
        m = pattern.match(text)
        if m:
            from engine.models.enums import CustomerStage

            try:
                stage = CustomerStage.of(m.group(1)).label
            except ValueError:
                stage = m.group(1)
            return template.format(stage=stage)
    return text


def in_lang(text: str | None, lang: str) -> str | None:
    """`text` for a `lang` output: Chinese for zh, as it is for en."""
    return zh(text) if lang == "zh" else text
