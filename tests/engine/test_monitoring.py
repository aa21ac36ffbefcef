"""The state gauges of /metrics, read from the real database; docs/operations.md names only
metrics that exist."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from prometheus_client import REGISTRY

from engine import clock, escalation, metrics, monitoring, outbox
from engine.authz import Principal
from engine.models import OutboxMessage
from engine.services import follow_ups
from tests.conftest import CustomerFactory

ROOT = Path(__file__).resolve().parents[2]
MONDAY_NOON = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def _values(families: list) -> dict[tuple[str, tuple[str, ...]], float]:
    return {(f.name, tuple(s.labels.values())): s.value for f in families for s in f.samples}


async def test_the_state_gauges_tell_what_is_overdue_and_pending(
    org: dict[str, Principal], make_customer: CustomerFactory,
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        # given: two follow-ups due Monday 18:00, one of them done; an outbox message left
        customer = await make_customer()
        rows = [await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="回电", due_date=date(2026, 11, 23),
            follow_up_date=date(2026, 11, 23))) for _ in range(2)]
        await follow_ups.complete(org["rep.li"], rows[1].id)
        await OutboxMessage.filter(processed_at__isnull=True).update(processed_at=clock.now())
        await outbox.add(await _conn(), outbox.PUBLISH, {"notifications": []})
        # when: it is Tuesday, no worker has run, and the gauges are read
        advance(timedelta(days=1))
        monitoring.forget()
        values = _values(await monitoring.state_families())
    # then
    assert values[("promoflow_overdue_open", ("follow_up",))] == 1
    assert values[("promoflow_overdue_open", ("task",))] == 0
    assert values[("promoflow_escalation_steps_due", ())] == 1
    # Monday 18:00 to Tuesday 12:00
    assert values[("promoflow_escalation_oldest_due_seconds", ())] == 18 * 3600
    assert values[("promoflow_outbox_pending", ())] == 1
    assert values[("promoflow_outbox_oldest_pending_seconds", ())] == 86400
    assert values[("promoflow_outbox_dead", ())] == 0
    assert values[("promoflow_queue_depth", ())] == 0  # no queue in this process


async def test_the_ladder_done_still_counts_as_overdue(
    org: dict[str, Principal], make_customer: CustomerFactory,
) -> None:
    with clock.frozen(MONDAY_NOON) as advance:
        customer = await make_customer()
        await follow_ups.create(org["rep.li"], follow_ups.FollowUpInput(
            customer_id=customer.id, customer_code=None, method="phone", summary="s",
            feedback="neutral", next_action="回电", due_date=date(2026, 11, 23),
            follow_up_date=date(2026, 11, 23)))
        advance(timedelta(days=14))
        for _ in range(3):
            await escalation.apply_due()
        monitoring.forget()
        values = _values(await monitoring.state_families())
    assert values[("promoflow_overdue_open", ("follow_up",))] == 1
    assert values[("promoflow_escalation_steps_due", ())] == 0


async def _conn():  # type: ignore[no-untyped-def]
    from engine import db

    return db.connection()


async def test_operations_doc_names_only_metrics_that_exist(clean_db: None) -> None:
    monitoring.forget()
    names = {f.name for f in await monitoring.state_families()}
    for collector in list(REGISTRY._collector_to_names):
        names.update(REGISTRY._collector_to_names[collector])
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    mentioned = {re.sub(r"_(bucket|count|sum)$", "", m)
                 for m in re.findall(r"promoflow_[a-z_]+", text)}
    histograms = {"promoflow_graphql_request_duration_seconds",
                  "promoflow_escalation_lag_seconds", "promoflow_job_duration_seconds"}
    assert histograms <= mentioned
    assert mentioned - names - {"promoflow_metrics"} == set()
    assert metrics.GRAPHQL_REQUESTS is not None
