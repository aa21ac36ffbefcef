"""What every process loads and validates at start-up, from the settings."""

from __future__ import annotations

from pathlib import Path

from engine import authz, calendar, ladders, machines, wiring
from engine.services import analytics
from engine.settings import Settings


def load_definitions(settings: Settings) -> None:
    """Workflows, policies, the working calendar, the escalation ladders and the channel
    evaluation, and the outbox's handlers: every entry point loads the same.

    Each is validated; a bad file stops the process with a message naming it.
    """
    machines.load()
    authz.load()
    calendar.load(zone=settings.zone, day_end=settings.workday_end)
    ladders.load(Path(settings.escalation_file) if settings.escalation_file else None)
    analytics.load()  # workflows/channel_evaluation.yaml
    wiring.install()  # the outbox's handlers
