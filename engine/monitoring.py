"""The deployment's state as Prometheus gauges, read from the database and the job queue
when `/metrics` is scraped (engine/metrics.py holds the counters).

Read, not kept: every server process reports the same true figures, and a process that
restarts forgets nothing. A scrape costs a handful of indexed aggregate queries; the
figures are reused for `CACHE_SECONDS`, so several scrapers cost no more.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from prometheus_client.core import Metric
from tortoise.functions import Count, Min

from engine import clock, deadlines, metrics, outbox, runtime
from engine.models import Deadline, OutboxMessage, WebhookDelivery

log = logging.getLogger("promoflow.monitoring")

CACHE_SECONDS = 5.0
_cache: dict[str, Any] = {"until": 0.0, "families": []}


async def state_families() -> list[Metric]:
    now_mono = time.monotonic()
    if now_mono < _cache["until"]:
        return list(_cache["families"])
    families = await _read()
    _cache.update(until=now_mono + CACHE_SECONDS, families=families)
    return families


def forget() -> None:
    _cache["until"] = 0.0


async def _read() -> list[Metric]:
    now = clock.now()
    overdue: dict[str, float] = dict.fromkeys(sorted(set(deadlines.OBJECT_TYPES.values())), 0.0)
    for row in await Deadline.filter(status__in=list(deadlines.OWED), due_at__lte=now) \
            .annotate(n=Count("id")).group_by("kind").values("kind", "n"):
        object_type = deadlines.OBJECT_TYPES.get(str(row["kind"]), str(row["kind"]))
        overdue[object_type] = overdue.get(object_type, 0.0) + float(row["n"])
    due = await Deadline.filter(status=deadlines.ACTIVE, next_at__lte=now).annotate(
        n=Count("id"), oldest=Min("next_at")).values("n", "oldest")
    due_n, due_oldest = (due[0]["n"], due[0]["oldest"]) if due else (0, None)
    pending = await outbox.pending().annotate(n=Count("id"), oldest=Min("created_at")) \
        .values("n", "oldest")
    pending_n, pending_oldest = (pending[0]["n"], pending[0]["oldest"]) if pending else (0, None)
    dead = await OutboxMessage.filter(processed_at__isnull=True,
                                      attempts__gte=outbox.MAX_ATTEMPTS).count()
    webhooks_pending = await WebhookDelivery.filter(status="pending").count()
    families: list[Metric] = [
        metrics.gauge("promoflow_overdue_open",
                      "Records past their deadline whose action is not done, by record type "
                      "(the objectType auditTrail takes).", labels={"object_type": overdue}),
        metrics.gauge("promoflow_escalation_steps_due",
                      "Escalation steps due and not yet applied.", float(due_n or 0)),
        metrics.gauge("promoflow_escalation_oldest_due_seconds",
                      "Age of the oldest escalation step due and not applied (0: none).",
                      _age(now, due_oldest)),
        metrics.gauge("promoflow_outbox_pending",
                      "Outbox messages not yet carried out (dead ones excluded).",
                      float(pending_n or 0)),
        metrics.gauge("promoflow_outbox_oldest_pending_seconds",
                      "Age of the oldest outbox message not yet carried out (0: none).",
                      _age(now, pending_oldest)),
        metrics.gauge("promoflow_outbox_dead",
                      f"Outbox messages set aside after {outbox.MAX_ATTEMPTS} failed "
                      "attempts.", float(dead)),
        metrics.gauge("promoflow_webhook_deliveries_pending",
                      "Webhook deliveries waiting for their next attempt.",
                      float(webhooks_pending)),
    ]
    queue = runtime.queue()
    total, ready = 0, 0
    if queue is not None:
        try:
            total, ready = await queue.depth()
        except Exception as exc:  # Redis away: the scrape still answers, and says so
            log.warning("queue depth unavailable", extra={"error": repr(exc)})
            total = ready = -1
    families += [
        metrics.gauge("promoflow_queue_depth",
                      "Jobs in the queue, due or deferred (-1: the queue is unreachable).",
                      float(total)),
        metrics.gauge("promoflow_queue_ready",
                      "Jobs in the queue that are due to run now (-1: unreachable).",
                      float(ready)),
    ]
    return families


def _age(now: Any, oldest: Any) -> float:
    if oldest is None:
        return 0.0
    return max(0.0, (now - oldest).total_seconds())
