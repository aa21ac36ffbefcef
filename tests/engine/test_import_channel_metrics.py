"""Importing a platform's daily export as channel metrics (kind channel-metrics)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock
from engine.authz import Principal
from engine.errors import ValidationFailed
from engine.models import AuditEvent, ChannelMetric
from engine.services import approvals, imports
from tests.engine.test_imports import csv_bytes, xlsx_bytes

CST = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 7, 20, 10, tzinfo=CST)


@pytest.fixture
async def campaign(org: dict[str, Principal], make_campaign: Any) -> Any:
    made = await make_campaign()  # July, wechat_official + douyin, east
    await approvals.submit(org["mkt.chen"], made.id)
    return made


async def test_a_douyin_export_with_the_campaign_and_channel_for_the_whole_file(
        org: dict[str, Principal], campaign: Any) -> None:
    # given: what the platform exports (no campaign, no channel column), Chinese headers
    data = csv_bytes("日期,曝光量,点击量,访客数,浏览量,加购人数,花费（元）,备注",
                     "2026-07-01,20000,600,1000,3000,90,\"1,500.00\",首日",
                     "2026/7/2,18000,500,800,2500,70,1200,")
    mkt = org["mkt.chen"]
    with clock.frozen(NOW):
        # when: a dry run, the import, the same file again
        dry = await imports.start_import(mkt, data, "抖音.csv", "channel-metrics", True,
                                         defaults={"campaign": campaign.code,
                                                   "channel": "抖音"})
        done = await imports.start_import(mkt, data, "抖音.csv", "channel-metrics",
                                          defaults={"campaign": campaign.code,
                                                    "channel": "douyin"})
        again = await imports.start_import(mkt, data, "抖音.csv", "channel-metrics",
                                           defaults={"campaign": campaign.code,
                                                     "channel": "douyin"})
    # then
    assert (dry.status, dry.created_count, dry.error_count) == ("succeeded", 2, 0)
    assert "ignored columns: 备注" in (dry.message or "")
    assert (done.status, done.created_count, done.updated_count) == ("succeeded", 2, 0)
    assert (again.status, again.created_count, again.updated_count) == ("succeeded", 0, 0)
    stored = {(m.day, m.metric): m.value for m in await ChannelMetric.filter(
        campaign_id=campaign.id, channel="douyin")}
    assert len(stored) == 12 and stored[(date(2026, 7, 1), "spend")] == Decimal("1500.00")
    assert stored[(date(2026, 7, 2), "uv")] == Decimal("800.00")
    assert {m.source for m in await ChannelMetric.all()} == {"import"}
    assert await AuditEvent.filter(object_type="campaign", object_id=campaign.id,
                                   action="channel_metrics_recorded").count() == 2
    # a corrected file updates what changed only
    fixed = csv_bytes("日期,访客数", "2026-07-02,820")
    with clock.frozen(NOW):
        third = await imports.start_import(mkt, fixed, "fix.csv", "channel-metrics",
                                           defaults={"campaign": campaign.code,
                                                     "channel": "douyin"})
    assert (third.created_count, third.updated_count) == (0, 1)
    assert (await ChannelMetric.get(campaign_id=campaign.id, day=date(2026, 7, 2),
                                    metric="uv")).value == Decimal("820.00")


async def test_every_problem_is_reported_and_nothing_is_written(
        org: dict[str, Principal], campaign: Any) -> None:
    rows = [["活动编号", "渠道", "日期", "访客数", "点击量"],
            [campaign.code, "抖音", date(2026, 7, 1), 100, 5],
            [campaign.code, "小红书", date(2026, 7, 1), 100, 5],       # not its channel
            [campaign.code, "douyin", date(2026, 7, 25), 100, 5],      # in the future
            [campaign.code, "douyin", date(2026, 6, 30), 100, 5],      # before the campaign
            [campaign.code, "douyin", date(2026, 7, 1), 1.5, 5],       # not a whole number
            ["HD00000000000", "douyin", date(2026, 7, 1), 100, 5],     # unknown campaign
            [campaign.code, "公众号", date(2026, 7, 3), None, None],     # no figure
            [campaign.code, "抖音", date(2026, 7, 1), 100, 5]]         # the same day twice
    with clock.frozen(NOW):
        job = await imports.start_import(org["mkt.chen"], xlsx_bytes(rows), "m.xlsx",
                                         "channel-metrics")
        other = await imports.start_import(org["mgr.west"], xlsx_bytes(rows[:2]), "m.xlsx",
                                           "channel-metrics")
    assert job.status == "failed" and await ChannelMetric.all().count() == 0
    assert [(p["row"], p["column"]) for p in job.problems] == [
        (3, "渠道"), (4, "日期"), (5, "日期"), (6, "访客数"), (7, "活动编号"), (8, None),
        (9, "日期")]
    assert other.problems[0]["problem"].startswith("you may not import figures")
    with pytest.raises(ValidationFailed) as refused:
        await imports.start_import(org["mkt.chen"], b"x", "x.csv", "customers",
                                   defaults={"channel": "douyin"})
    assert refused.value.field == "channel"
    with clock.frozen(NOW):
        no_metric = await imports.start_import(org["mkt.chen"], csv_bytes(
            "活动,渠道,日期", f"{campaign.code},抖音,2026-07-01"), "n.csv", "channel-metrics")
    assert no_metric.status == "failed" and "no metric column" in (no_metric.message or "")
