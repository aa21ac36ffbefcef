"""Prometheus metrics (`promoflow_*`): what operations watch, from every process.

Counters and histograms are counted where things happen (GraphQL operations, escalation
steps, webhook deliveries, outbox dispatch, live pushes, jobs). Several processes — uvicorn
workers of `serve --workers N` and `promoflow worker`s on the same host — count into one
directory of metric files (prometheus-client's multiprocess mode, switched on by the CLI
through `PROMETHEUS_MULTIPROC_DIR` before this module is imported), and `GET /metrics` of
any server process reports their sum.

The state of the deployment — what is overdue, how far behind the outbox and the
escalation are, how many jobs wait — is read from the database and Redis when scraped
(`state_families`), so every process reports the same, true figures and none has to keep
them up to date.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

CONTENT_TYPE = CONTENT_TYPE_LATEST
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

_LATENCY = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_LAG = (0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600, 4 * 3600, 86400, 3 * 86400)

GRAPHQL_REQUESTS = Counter(
    "promoflow_graphql_requests_total",
    "GraphQL operations by root field and outcome (ok, refused: a typed error in the "
    "payload, error: an expected GraphQL error, unauthenticated, forbidden, invalid: the "
    "document failed to parse or validate, internal: an unexpected error).",
    ["operation", "outcome"])
GRAPHQL_DURATION = Histogram(
    "promoflow_graphql_request_duration_seconds",
    "Time to execute a GraphQL operation (parse, validate, resolve), by root field.",
    ["operation"], buckets=_LATENCY)
HTTP_REQUESTS = Counter(
    "promoflow_http_requests_total", "HTTP requests by route and status code.",
    ["route", "status"])
ESCALATION_STEPS = Counter(
    "promoflow_escalation_steps_total", "Escalation steps applied, by ladder and step.",
    ["ladder", "step"])
ESCALATION_LAG = Histogram(
    "promoflow_escalation_lag_seconds",
    "From a step's due time to its application, by ladder.", ["ladder"], buckets=_LAG)
WEBHOOK_DELIVERIES = Counter(
    "promoflow_webhook_deliveries_total",
    "Webhook delivery attempts by outcome (delivered, failed: to be retried, dead, "
    "refused: endpoint switched off or destination not allowed).", ["outcome"])
OUTBOX_DISPATCHED = Counter(
    "promoflow_outbox_dispatched_total", "Outbox messages carried out or failed, by kind.",
    ["kind", "outcome"])
NOTIFICATIONS_PUSHED = Counter(
    "promoflow_notifications_pushed_total",
    "Live notification pushes seen by this process's subscribers, by outcome (delivered, "
    "duplicate: already pushed, dropped: the subscriber's queue was full, stale: older "
    "than the live window, not pushed).", ["outcome"])
JOBS = Counter("promoflow_jobs_total", "Jobs run, by job and outcome (ok, failed).",
               ["job", "outcome"])
JOB_DURATION = Histogram("promoflow_job_duration_seconds", "Time a job ran, by job.",
                         ["job"], buckets=_LATENCY)
SUBSCRIPTIONS = Gauge("promoflow_subscriptions_open",
                      "GraphQL subscriptions open (live notification sockets).",
                      multiprocess_mode="livesum")


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROCESS_ENV) or None


def registry() -> CollectorRegistry:
    """The counters of every process on this host (multiprocess), or of this one."""
    if multiprocess_dir() is None:
        return REGISTRY
    merged = CollectorRegistry()
    MultiProcessCollector(merged)
    return merged


class _Families:
    def __init__(self, families: Iterable[Metric]) -> None:
        self.families = list(families)

    def collect(self) -> Iterable[Metric]:
        return self.families


def render(state: Iterable[Metric] = ()) -> bytes:
    """The Prometheus text exposition: the processes' counters, then the state gauges."""
    out = generate_latest(registry())
    extra = CollectorRegistry(auto_describe=False)
    extra.register(_Families(state))
    return out + generate_latest(extra)


def gauge(name: str, documentation: str, value: float | None = None,
          labels: dict[str, dict[str, float]] | None = None) -> GaugeMetricFamily:
    """A gauge family: one value, or one value per label (`{label: {value: v}}`)."""
    if labels is None:
        family = GaugeMetricFamily(name, documentation)
        family.add_metric([], float(value or 0.0))
        return family
    (label, values), = labels.items()
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for key, v in sorted(values.items()):
        family.add_metric([key], float(v))
    return family


class Timer:
    """`with Timer() as t: …` then `t.seconds`."""

    def __enter__(self) -> Timer:
        self.started = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: Any) -> None:
        self.seconds = time.perf_counter() - self.started

    def seconds_so_far(self) -> float:
        return time.perf_counter() - self.started


def clean_dead_processes(path: str, alive: Any = None) -> int:
    """Remove the live-gauge files of processes that are gone (their open subscriptions
    would otherwise be counted for ever); counters and histograms of dead processes stay,
    so totals never go backwards. Returns how many files were removed."""
    from prometheus_client import multiprocess

    removed = 0
    is_alive = alive or _pid_alive
    for name in os.listdir(path) if os.path.isdir(path) else ():
        if not name.startswith("gauge_live") or not name.endswith(".db"):
            continue
        pid = name.rsplit("_", 1)[-1].removesuffix(".db")
        if pid.isdigit() and not is_alive(int(pid)):
            multiprocess.mark_process_dead(int(pid), path)
            removed += 1
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
