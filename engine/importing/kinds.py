"""The file kinds an import reads: for each, its validator, its writer and its tables."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient

from engine.authz import Principal
from engine.importing import (
    channel_metrics,
    channel_metrics_writer,
    customers,
    customers_writer,
    orders,
    orders_writer,
)
from engine.importing.plan import Plan, Progress
from engine.importing.problems import Report
from engine.importing.readers import Table
from engine.models import ImportJob

P = TypeVar("P", bound=Plan[Any])


@dataclass(frozen=True)
class Kind(Generic[P]):
    name: str  # the file kind: the mapping's section, the policy's action, `--kind`
    validate: Callable[[Principal, Table, Report, Progress], Awaitable[P]]
    write: Callable[[BaseDBAsyncClient, Principal, ImportJob, P, Progress], Awaitable[None]]
    tables: tuple[str, ...]  # what a big import grows (PostgreSQL's statistics refreshed)


KINDS: dict[str, Kind[Any]] = {kind.name: kind for kind in (
    Kind("customers", customers.validate, customers_writer.write,
         ("customer", "customer_source", "customer_stage_change")),
    Kind("orders", orders.validate, orders_writer.write, ("customer_order",)),
    Kind(channel_metrics.KIND, channel_metrics.validate, channel_metrics_writer.write,
         ("channel_metric",)),
)}
