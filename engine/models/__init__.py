"""Tortoise models, one module per aggregate; this package is the app's model module."""

from engine.models.audit import AuditEvent
from engine.models.counter import CodeCounter
from engine.models.customer import (
    Customer,
    CustomerSourceLink,
    CustomerStageChange,
    CustomFieldDefinition,
)
from engine.models.follow_up import FollowUp
from engine.models.org import Department, User

__all__ = [
    "AuditEvent",
    "CodeCounter",
    "CustomFieldDefinition",
    "Customer",
    "CustomerSourceLink",
    "CustomerStageChange",
    "Department",
    "FollowUp",
    "User",
]
