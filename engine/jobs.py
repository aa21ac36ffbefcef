"""Job functions: the same code runs in arq workers and in the in-process scheduler.

Jobs act as the system actor through the ordinary services, so every effect is
authorized, versioned and audited like a user's change. Each effect is a conditional
update: running a job twice, or in two workers at once, changes nothing the second time.
"""

from __future__ import annotations

import logging

from engine.authz import SYSTEM
from engine.errors import Conflict, TransitionNotAllowed
from engine.services import follow_ups

log = logging.getLogger("promoflow.jobs")

OVERDUE_REASON = "escalated: next action past its due time"


async def sweep_overdue_follow_ups(batch: int = 500) -> int:
    """Mark every pending follow-up whose due time has passed as overdue."""
    marked = 0
    while True:
        ids = await follow_ups.overdue_candidates(batch)
        if not ids:
            break
        progressed = 0
        for follow_up_id in ids:
            try:
                await follow_ups.mark_overdue(SYSTEM, follow_up_id, reason=OVERDUE_REASON)
                marked += 1
                progressed += 1
            except (Conflict, TransitionNotAllowed):
                # Completed meanwhile, or another worker got there first: nothing to do.
                continue
        if progressed == 0 or len(ids) < batch:
            break
    if marked:
        log.info("marked %d follow-up(s) overdue", marked, extra={"job": "sweep_overdue"})
    return marked
