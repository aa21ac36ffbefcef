"""RFM's precomputed state: the per-customer order summary, the standing window, the score
boundaries, the per-owner segment tally, and recall batches with their entries.

The summary is kept by every order write (engine/services/rfm_summary.py); the boundaries
and the tally are refreshed by a job. docs/pipeline-rfm.md says what is current when.
"""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from engine.models.customer import Customer
from engine.models.follow_up import FollowUp
from engine.models.org import User


class CustomerOrderSummary(Model):
    """One customer's orders summed: over all time, and over the standing RFM window.

    Always equal to the aggregate of the customer's `customer_order` rows (the order
    writers recompute it in their transaction); the window columns are as of
    `rfm_state.as_of`. Scores and segment are the customer's in the standing window,
    against the boundaries current when the row was last written or rescored.
    """

    id = fields.BigIntField(primary_key=True)
    customer: fields.OneToOneRelation[Customer] = fields.OneToOneField(
        "models.Customer", related_name="order_summary", on_delete=fields.CASCADE
    )
    customer_id: int
    first_order_date = fields.DateField()
    last_order_date = fields.DateField()
    orders = fields.IntField(description="orders of all time")
    cents = fields.BigIntField(description="their amounts summed, in fen")
    window_last_order_date = fields.DateField(null=True, description="null: none in window")
    window_orders = fields.IntField(description="orders in the standing window")
    window_cents = fields.BigIntField(description="their amounts summed, in fen")
    r_score = fields.SmallIntField(null=True)
    f_score = fields.SmallIntField(null=True)
    m_score = fields.SmallIntField(null=True)
    segment = fields.CharField(max_length=24, null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "customer_order_summary"
        indexes = (
            # a recall page: one segment, most valuable first, read in index order
            Index(fields=("segment", "window_cents", "customer_id"), name="ix_summary_recall"),
        )


class RfmState(Model):
    """The day the summary's window columns are counted to (one row).

    Order writers hold it FOR SHARE while they write summaries; moving the window to a
    new day takes it FOR UPDATE, so no summary is ever written against a stale day.
    """

    id = fields.IntField(primary_key=True)
    window_days = fields.IntField()
    as_of = fields.DateField()
    rolled_at = fields.DatetimeField()

    class Meta:
        table = "rfm_state"


class RfmBoundaries(Model):
    """Where the scores change, from the last ranking of the whole scored population.

    `thresholds` holds, per dimension, the values t2…t5: a customer scores
    1 + #{k : value > t_k} (recency by last order date), which is exactly the
    rank-based quintile score for every customer of the population they came from.
    """

    id = fields.IntField(primary_key=True)
    as_of = fields.DateField(description="the window day they were computed for")
    window_days = fields.IntField()
    population = fields.IntField(description="customers scored")
    thresholds: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    computed_at = fields.DatetimeField()
    seconds = fields.FloatField(description="how long the last refresh took")

    class Meta:
        table = "rfm_boundaries"


class RfmSegmentTally(Model):
    """Customers and value per (owner, department, segment), as of the last refresh."""

    id = fields.BigIntField(primary_key=True)
    owner_id = fields.IntField()
    department_id = fields.IntField(null=True)
    segment = fields.CharField(max_length=24)
    customers = fields.IntField()
    cents = fields.BigIntField()
    orders = fields.BigIntField()
    last_order_days = fields.BigIntField(description="Σ days from 2000-01-01 to last orders")

    class Meta:
        table = "rfm_segment_tally"
        indexes = (
            Index(fields=("owner_id",), name="ix_tally_owner"),
            Index(fields=("department_id",), name="ix_tally_department"),
        )


class RecallBatch(Model):
    """A recall list turned into follow-ups for the customers' owners (召回批次)."""

    id = fields.BigIntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    created_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="recall_batches", on_delete=fields.RESTRICT
    )
    created_by_id: int
    created_at = fields.DatetimeField()
    recall_date = fields.DateField(description="the company day the recall started")
    as_of = fields.DateField(description="the RFM reference day the list was taken on")
    window_days = fields.IntField()
    segments: fields.JSONField[list[str]] = fields.JSONField(default=list)
    next_action = fields.CharField(max_length=200)
    method = fields.CharField(max_length=32)
    due_at = fields.DatetimeField()
    size = fields.IntField(description="customers recalled (follow-ups created)")
    skipped = fields.IntField(description="customers left out: already in an open recall")
    idempotency_key = fields.CharField(max_length=100, null=True, unique=True)
    request: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)

    class Meta:
        table = "recall_batch"


class RecallEntry(Model):
    """One recalled customer: their scores when recalled and the follow-up created."""

    id = fields.BigIntField(primary_key=True)
    batch: fields.ForeignKeyRelation[RecallBatch] = fields.ForeignKeyField(
        "models.RecallBatch", related_name="entries", on_delete=fields.CASCADE
    )
    batch_id: int
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="recall_entries", on_delete=fields.CASCADE
    )
    customer_id: int
    follow_up: fields.ForeignKeyRelation[FollowUp] = fields.ForeignKeyField(
        "models.FollowUp", related_name="recall_entries", on_delete=fields.RESTRICT
    )
    follow_up_id: int
    owner_id = fields.IntField(description="the owner the follow-up went to")
    segment = fields.CharField(max_length=24)
    r_score = fields.SmallIntField()
    f_score = fields.SmallIntField()
    m_score = fields.SmallIntField()
    window_cents = fields.BigIntField()
    last_order_date = fields.DateField()

    class Meta:
        table = "recall_entry"
        unique_together = (("batch_id", "customer_id"),)
        indexes = (Index(fields=("customer_id", "batch_id"), name="ix_recall_entry_customer"),)
