"""`promoflow demo --reset`: remove what the demo made, and nothing anybody else made.

What is removed is exactly what `demo_record` lists (the demo's customers, campaigns,
products, users, departments and company profile, its channel plan and RFM recall batch)
with what hangs off those rows: a
demo customer's follow-ups, stage history, orders and deadlines, a demo campaign's
tasks, budget, approvals, KPIs and exceptions, and the notifications about them — also
the ones users added to demo records (a follow-up on a demo customer goes with it).

Kept, and reported: a demo user or department that anything outside the demo still
refers to (a customer a user created for rep.li, a campaign mkt.chen planned), and a
demo product that a user's record names. A user's customer that a demo campaign brought
loses that attribution (audited). The audit trail is never deleted: each removal adds
an event of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from engine import audit, deadlines, escalation, outbox
from engine.authz import SYSTEM
from engine.models import (
    ApprovalDelegation,
    Campaign,
    ChannelPlan,
    Customer,
    Deadline,
    DemoRecord,
    Department,
    FollowUp,
    Incident,
    Notification,
    Organization,
    PlanMilestone,
    PlanRisk,
    Product,
    RecallBatch,
    RecallEntry,
    Task,
    User,
)
from engine.models import __all__ as MODEL_NAMES
from engine.versioning import versioned_update

REASON = "promoflow demo --reset"


@dataclass
class Removal:
    removed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    kept: list[str] = field(default_factory=list)


async def _audit_deleted(conn: BaseDBAsyncClient, object_type: str, ids: list[int]) -> None:
    for object_id in ids:
        await audit.write_event(conn, SYSTEM, object_type, object_id, "delete", reason=REASON)


async def _forget(conn: BaseDBAsyncClient, object_type: str, ids: list[int]) -> None:
    await DemoRecord.filter(object_type=object_type, object_id__in=ids).using_db(conn).delete()


async def _drop_deadlines(conn: BaseDBAsyncClient, kinds: tuple[str, ...], ids: list[int]
                          ) -> None:
    if ids:
        await Deadline.filter(kind__in=kinds, object_id__in=ids).using_db(conn).delete()


async def _drop_notifications(conn: BaseDBAsyncClient, object_type: str, ids: list[int]
                              ) -> None:
    if ids:
        await Notification.filter(object_type=object_type, object_id__in=ids).using_db(
            conn).delete()


async def _remove_plans_and_recalls(conn: BaseDBAsyncClient, plans: list[int],
                                    batches: list[int], customers: list[int], out: Removal
                                    ) -> None:
    """The demo's channel plans (their channels, milestones and risks go with them) and
    recall batches, and — as a demo customer's follow-ups go — any recall entry of a
    demo customer in a batch a user made."""
    milestones = [m.id for m in await PlanMilestone.filter(plan_id__in=plans).using_db(conn)]
    risks = [r.id for r in await PlanRisk.filter(plan_id__in=plans).using_db(conn)]
    await _drop_deadlines(conn, (deadlines.PLAN_MILESTONE,), milestones)
    await _drop_deadlines(conn, (deadlines.PLAN_RISK,), risks)
    for object_type, object_ids in (("plan_milestone", milestones), ("plan_risk", risks)):
        await _drop_notifications(conn, object_type, object_ids)
    if plans:
        await ChannelPlan.filter(id__in=plans).using_db(conn).delete()
        await _audit_deleted(conn, "channel_plan", plans)
        await _forget(conn, "channel_plan", plans)
        out.removed["channel plans"] += len(plans)
    if batches:
        await RecallBatch.filter(id__in=batches).using_db(conn).delete()  # entries cascade
        await _audit_deleted(conn, "recall_batch", batches)
        await _forget(conn, "recall_batch", batches)
        out.removed["recall batches"] += len(batches)
    await RecallEntry.filter(customer_id__in=customers).using_db(conn).delete()


async def _remove_customers(conn: BaseDBAsyncClient, ids: list[int], out: Removal) -> None:
    follow_ups = [f.id for f in await FollowUp.filter(customer_id__in=ids).using_db(conn)]
    await _drop_deadlines(conn, (escalation.FOLLOW_UP,), follow_ups)
    await _drop_notifications(conn, "follow_up", follow_ups)
    await _drop_notifications(conn, "customer", ids)
    await FollowUp.filter(id__in=follow_ups).using_db(conn).delete()
    # sources, stage history, orders and product interests go with the row (CASCADE)
    await Customer.filter(id__in=ids).using_db(conn).delete()
    await _audit_deleted(conn, "customer", ids)
    await _forget(conn, "customer", ids)
    out.removed["customers"] += len(ids)
    out.removed["follow-ups"] += len(follow_ups)


async def _remove_campaigns(conn: BaseDBAsyncClient, ids: list[int], out: Removal) -> None:
    tasks = [t.id for t in await Task.filter(campaign_id__in=ids).using_db(conn)]
    incidents = [i.id for i in await Incident.filter(campaign_id__in=ids).using_db(conn)]
    await _drop_deadlines(conn, (escalation.TASK,), tasks)
    await _drop_deadlines(conn, (escalation.APPROVAL,), ids)
    await _drop_deadlines(conn, (escalation.EXCEPTION_ACK, escalation.EXCEPTION_RESOLVE),
                          incidents)
    for object_type, object_ids in (("task", tasks), ("exception", incidents),
                                    ("campaign", ids)):
        await _drop_notifications(conn, object_type, object_ids)
    # a customer of the user's that a demo campaign brought keeps everything but that
    for customer in await Customer.filter(source_campaign_id__in=ids).using_db(conn):
        changes = audit.diff(
            {"source_campaign_id": customer.source_campaign_id,
             "source_channel": customer.source_channel},
            {"source_campaign_id": None, "source_channel": None})
        version = await versioned_update(conn, customer, "customer", None,
                                         {"source_campaign_id": None, "source_channel": None})
        await audit.customer_updated_event(conn, SYSTEM, customer.id, changes, version)
    await Incident.filter(id__in=incidents).using_db(conn).delete()
    # tasks, budget lines, goals, phases, approvals, KPIs and the review go with the row
    await Campaign.filter(id__in=ids).using_db(conn).delete()
    await _audit_deleted(conn, "campaign", ids)
    await _forget(conn, "campaign", ids)
    out.removed["campaigns"] += len(ids)


async def _references(conn: BaseDBAsyncClient, model: type[Any], row_id: int,
                      ignore: tuple[type[Any], ...] = ()) -> list[str]:
    """Which tables still point at this row (foreign keys found in the models)."""
    from engine import models

    found = []
    for name in MODEL_NAMES:
        other = getattr(models, name)
        if other in ignore:
            continue
        for fk in sorted(other._meta.fk_fields):
            if other._meta.fields_map[fk].related_model is not model:
                continue
            count = await other.filter(**{f"{fk}_id": row_id}).using_db(conn).count()
            if count:
                found.append(f"{count} {other._meta.db_table}.{fk}")
    return sorted(found, key=lambda ref: ref.split(" ", 1)[1])


async def _remove_if_unreferenced(conn: BaseDBAsyncClient, model: type[Any], object_type: str,
                                  ids: list[int], label: str, out: Removal,
                                  ignore: tuple[type[Any], ...] = ()) -> None:
    gone = []
    for row in await model.filter(id__in=ids).using_db(conn).order_by("id"):
        refs = await _references(conn, model, row.id, ignore)
        name = getattr(row, "username", None) or getattr(row, "code", None) or row.id
        if refs:
            out.kept.append(f"{object_type} {name}: still referred to by {', '.join(refs)}")
            continue
        gone.append(row.id)
    if gone:
        await model.filter(id__in=gone).using_db(conn).delete()
        await _audit_deleted(conn, object_type, gone)
        await _forget(conn, object_type, gone)
        out.removed[label] += len(gone)


async def remove() -> Removal:
    """Remove every row the demo made (see the module docstring); one transaction."""
    out = Removal()
    records: dict[str, list[int]] = defaultdict(list)
    for record in await DemoRecord.all().order_by("id"):
        records[record.object_type].append(record.object_id)
    async with outbox.atomic() as conn:
        await _remove_plans_and_recalls(conn, records["channel_plan"], records["recall_batch"],
                                        records["customer"], out)
        if records["customer"]:
            await _remove_customers(conn, records["customer"], out)
        if records["campaign"]:
            await _remove_campaigns(conn, records["campaign"], out)
        await _remove_if_unreferenced(conn, Product, "product", records["product"],
                                      "products", out)
        # a user's inbox and delegations are theirs: they go with the user
        await _remove_if_unreferenced(conn, User, "user", records["user"], "users", out,
                                      ignore=(Notification, ApprovalDelegation))
        await _remove_if_unreferenced(conn, Department, "department", records["department"],
                                      "departments", out)
        if records["organization"]:
            await Organization.filter(id__in=records["organization"]).using_db(conn).delete()
            await _audit_deleted(conn, "organization", records["organization"])
            await _forget(conn, "organization", records["organization"])
            out.removed["organization"] += len(records["organization"])
    return out

