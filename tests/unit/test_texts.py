"""Every text the engine writes on its own has its Chinese (no database)."""

from __future__ import annotations

from engine import texts
from engine.escalation import REASON as ESCALATED
from engine.services import kpis
from engine.services.analytics import figures, kpiset


def test_every_reason_constant_has_a_chinese_text() -> None:
    constants = [v for m in (figures, kpis, kpiset) for k, v in vars(m).items()
                 if k.startswith("REASON_") and isinstance(v, str)]
    assert len(constants) >= 27
    missing = [c for c in [*constants, ESCALATED] if texts.zh(c) == c]
    assert missing == []


def test_patterns_and_peoples_own_words() -> None:
    assert texts.zh("no customer reached intent") == "没有客户到达意向阶段"
    assert texts.zh("客户预算不足") == "客户预算不足"
    assert texts.in_lang("budget not approved", "en") == "budget not approved"
    assert texts.zh(None) is None
