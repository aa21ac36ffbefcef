"""Connect the outbox's kinds of message to the services that carry them out.

The outbox is a mechanism that imports no service (engine/outbox.py); here the services
register what they handle. Every entry point calls `install()` through
`boot.load_definitions` (the server, a worker, the CLI) and the test harness calls it too,
so every process dispatches the same way.
"""

from __future__ import annotations

from engine import deadlines, outbox
from engine.services import notifications, webhooks


def install() -> None:
    """Register the handlers (idempotent)."""
    outbox.register(outbox.ESCALATE, deadlines.on_escalate_messages)
    outbox.register(outbox.PUBLISH, notifications.on_publish_messages)
    outbox.register(outbox.EVENT, webhooks.on_event_messages)
    outbox.register_finaliser(outbox.EVENT, webhooks.add_snapshots)
