"""The one source of "now" for the engine (UTC, aware), replaceable in tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    return _now()


@contextmanager
def frozen(at: datetime) -> Iterator[Callable[[timedelta], None]]:
    """Freeze the engine's clock at `at`; yields a function that moves it forward."""
    global _now
    if at.tzinfo is None:
        raise ValueError("frozen() needs an aware datetime")
    state = {"at": at.astimezone(UTC)}
    previous = _now
    _now = lambda: state["at"]  # noqa: E731

    def advance(delta: timedelta) -> None:
        state["at"] = state["at"] + delta

    try:
        yield advance
    finally:
        _now = previous


def local_date(at: datetime, zone: ZoneInfo) -> date:
    return at.astimezone(zone).date()


