"""Per-request DataLoaders: one query per kind of related record per request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from engine.models import Campaign, Customer, Department, Task, User
from engine.services import campaigns, customers, org, products, tasks, webhooks
from engine.services.channel_plans import channels as plan_channels

K = TypeVar("K")
V = TypeVar("V")


def _batched(
    fetch: Callable[[Iterable[K]], Awaitable[Mapping[K, V]]],
) -> Callable[[list[K]], Awaitable[list[V | None]]]:
    async def load(keys: list[K]) -> list[V | None]:
        found = await fetch(keys)
        return [found.get(k) for k in keys]

    return load


class Loaders:
    def __init__(self) -> None:
        self.user: DataLoader[int, User | None] = DataLoader(_batched(org.users_by_ids))
        self.department: DataLoader[int, Department | None] = DataLoader(
            _batched(org.departments_by_ids)
        )
        self.customer: DataLoader[int, Customer | None] = DataLoader(
            _batched(customers.by_ids)
        )
        self.sources: DataLoader[int, Any] = DataLoader(_batched(customers.sources_of))
        self.campaign: DataLoader[int, Campaign | None] = DataLoader(
            _batched(campaigns.by_ids)
        )
        self.channels: DataLoader[int, Any] = DataLoader(_batched(campaigns.channels_of))
        self.goals: DataLoader[int, Any] = DataLoader(_batched(campaigns.goals_by_campaign))
        self.phases: DataLoader[int, Any] = DataLoader(_batched(campaigns.phases_by_campaign))
        self.budget_lines: DataLoader[int, Any] = DataLoader(
            _batched(campaigns.lines_by_campaign))
        self.webhook_attempts: DataLoader[int, Any] = DataLoader(
            _batched(webhooks.attempts_of))
        self.task: DataLoader[int, Task | None] = DataLoader(_batched(tasks.by_ids))
        # a plan's channels ranked by their weighted evaluation, by plan id
        self.plan_ranking: DataLoader[int, Any] = DataLoader(
            _batched(plan_channels.rankings_of))
        self.campaign_products: DataLoader[int, Any] = DataLoader(
            _batched(products.of_campaigns))
        self.customer_products: DataLoader[int, Any] = DataLoader(
            _batched(products.of_customers))
