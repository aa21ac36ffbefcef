"""The sweep interval setting becomes arq cron fields."""

from __future__ import annotations

import pytest

from engine.worker import sweep_schedule


@pytest.mark.parametrize(("interval", "fields"), [
    (1, {"second": set(range(60))}),
    (5, {"second": set(range(0, 60, 5))}),
    (7, {"second": set(range(0, 60, 6))}),  # rounds down to a divisor of a minute
    (60, {"minute": set(range(60)), "second": {0}}),
    (300, {"minute": set(range(0, 60, 5)), "second": {0}}),
    (3600, {"minute": {0}, "second": {0}}),
])
def test_sweep_every_interval(interval: int, fields: dict[str, set[int]]) -> None:
    assert sweep_schedule(interval) == fields
