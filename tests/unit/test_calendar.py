"""The working calendar: offsets across weekends, holidays, make-up days and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from engine import calendar, ladders
from engine.calendar import Offset, WorkingCalendar
from engine.machines import WORKFLOWS_DIR, WorkflowDefinitionError

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")


def _cal(zone: ZoneInfo = SHANGHAI, holidays: frozenset[date] = frozenset(),
         makeup: frozenset[date] = frozenset()) -> WorkingCalendar:
    return WorkingCalendar(zone=zone, working_days=frozenset(range(5)),
                           day_start=time(9, 0), day_end=time(18, 0), holidays=holidays,
                           makeup_days=makeup)


def local(cal: WorkingCalendar, *args: int) -> datetime:
    return datetime(*args, tzinfo=cal.zone).astimezone(UTC)


def test_days_skip_the_weekend() -> None:
    cal = _cal()
    friday = local(cal, 2026, 11, 27, 18, 0)
    assert cal.add(friday, Offset.parse("1d", "t")) == local(cal, 2026, 11, 30, 18, 0)
    assert cal.add(friday, Offset.parse("3d", "t")) == local(cal, 2026, 12, 2, 18, 0)
    assert cal.add(friday, Offset.parse("0", "t")) == friday


def test_days_skip_holidays_and_count_make_up_days() -> None:
    shipped = calendar.load(zone=SHANGHAI)
    # 30 Sep 2026 (Wed) + 1 working day: the National Day holiday runs 1–7 Oct, then
    # Thu 8 Oct is the next working day
    assert shipped.add(local(shipped, 2026, 9, 30, 18, 0), Offset.parse("1d", "t")) == \
        local(shipped, 2026, 10, 8, 18, 0)
    # Sat 10 Oct is a make-up working day (调休)
    assert shipped.is_working_day(date(2026, 10, 10))
    assert shipped.add(local(shipped, 2026, 10, 9, 18, 0), Offset.parse("1d", "t")) == \
        local(shipped, 2026, 10, 10, 18, 0)
    assert not shipped.is_working_day(date(2026, 10, 11))


def test_hours_count_only_working_time() -> None:
    cal = _cal()
    # Fri 17:00 + 4 working hours: 1 hour on Friday, 3 on Monday from 09:00
    assert cal.add(local(cal, 2026, 11, 27, 17, 0), Offset.parse("4h", "t")) == \
        local(cal, 2026, 11, 30, 12, 0)
    # before opening time counts from 09:00
    assert cal.add(local(cal, 2026, 11, 24, 7, 30), Offset.parse("30m", "t")) == \
        local(cal, 2026, 11, 24, 9, 30)
    # after closing time counts from the next working morning
    assert cal.add(local(cal, 2026, 11, 24, 20, 0), Offset.parse("9h", "t")) == \
        local(cal, 2026, 11, 25, 18, 0)
    # seconds are plain seconds, weekends or not
    assert cal.add(local(cal, 2026, 11, 28, 3, 0), Offset.parse("45s", "t")) == \
        local(cal, 2026, 11, 28, 3, 0, 45)


def test_days_keep_the_wall_clock_across_dst() -> None:
    cal = _cal(BERLIN)
    # Europe/Berlin moves to summer time on Sun 29 Mar 2026: Friday 18:00 CET is 17:00 UTC,
    # Monday 18:00 CEST is 16:00 UTC — still 18:00 on the office clock
    friday = local(cal, 2026, 3, 27, 18, 0)
    monday = cal.add(friday, Offset.parse("1d", "t"))
    assert friday == datetime(2026, 3, 27, 17, 0, tzinfo=UTC)
    assert monday == datetime(2026, 3, 30, 16, 0, tzinfo=UTC)
    assert monday.astimezone(BERLIN).hour == 18
    # and back on Sun 25 Oct 2026
    assert cal.add(local(cal, 2026, 10, 23, 18, 0), Offset.parse("1d", "t")) == \
        datetime(2026, 10, 26, 17, 0, tzinfo=UTC)


def test_hours_across_dst() -> None:
    cal = _cal(BERLIN)
    # Fri 16:00 CET + 4 working hours = Mon 11:00 CEST (two on Friday, two on Monday)
    assert cal.add(local(cal, 2026, 3, 27, 16, 0), Offset.parse("4h", "t")) == \
        datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def test_end_of_day_is_local() -> None:
    cal = _cal()
    assert cal.end_of_day(date(2026, 11, 23)) == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("raw", ["1.5d", "soon", "-1d", "2w"])
def test_bad_offsets_are_refused(raw: str) -> None:
    with pytest.raises(WorkflowDefinitionError):
        Offset.parse(raw, "escalation.yaml")


def test_shipped_ladders() -> None:
    config = ladders.load()
    follow_up = config.ladders["follow_up"]
    assert [(str(s.offset), s.actions) for s in follow_up.steps] == [
        ("0", ("mark", "notify_owner")), ("1d", ("notify_manager",)),
        ("3d", ("flag_for_reassignment", "notify_manager"))]
    assert str(config.ladders["approval"].due_after) == "2d"
    assert config.house_rules.daily_reminder_at == time(16, 30)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("actions: [mark, notify_owner]", "actions: [mark, notify_owner, dance]",
         "action 'dance' does not apply"),
        ("    due_after: 2d\n", "", "needs 'due_after'"),
        ("  exception_resolve:", "  exception_solve:", "unknown ladder"),
        ("      - at: 3d", "      - at: 3x", "offset '3x'"),
    ],
)
def test_bad_ladders_are_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = ladders.DEFAULT_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "escalation.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(WorkflowDefinitionError, match=message):
        ladders.load(path)
    ladders.load()


def test_years_without_holidays_are_reported() -> None:
    from engine.calendar import missing_years

    cal = calendar.parse_calendar(Path("calendar.yaml"), {"holidays": ["2026-10-01"]}, SHANGHAI)
    assert missing_years(cal, date(2026, 11, 23)) == []
    assert missing_years(cal, date(2026, 12, 1)) == [2027]  # next year's notice is due
    assert missing_years(cal, date(2027, 3, 1)) == [2027]


def test_workday_end_setting_is_the_calendars_end_of_day() -> None:
    from engine.settings import Settings

    assert Settings.from_env({}).workday_end is None  # the calendar file decides
    assert Settings.from_env({"PROMOFLOW_WORKDAY_END": "17:30"}).workday_end == time(17, 30)
    try:
        cal = calendar.load(zone=SHANGHAI, day_end=time(17, 30))
        # a next action due on a day, and working-hour offsets, both end at 17:30
        assert cal.end_of_day(date(2026, 11, 23)) == datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
        assert cal.day_end == time(17, 30)
        with pytest.raises(WorkflowDefinitionError, match="working_hours"):
            calendar.load(zone=SHANGHAI, day_end=time(8, 0))
    finally:
        calendar.load(zone=SHANGHAI)


def test_next_years_missing_holidays_are_a_reminder_this_years_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from engine import clock
    from engine.calendar import _warned

    path = tmp_path / "calendar.yaml"
    path.write_text((WORKFLOWS_DIR / "calendar.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    _warned.clear()
    with caplog.at_level(logging.INFO, logger="promoflow.calendar"):
        with clock.frozen(datetime(2026, 12, 4, 4, 0, tzinfo=UTC)):
            calendar.load(path, zone=ZoneInfo("Asia/Shanghai"))  # Dec 2026: no 2027 yet
        with clock.frozen(datetime(2027, 3, 1, 4, 0, tzinfo=UTC)):
            calendar.load(path, zone=ZoneInfo("Asia/Shanghai"))  # March 2027: still none
    levels = [(r.levelname, r.missing_years) for r in caplog.records]  # type: ignore[attr-defined]
    assert levels == [("INFO", [2027]), ("WARNING", [2027])]
