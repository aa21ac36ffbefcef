"""The company profile (企业信息): one row per deployment, created by `promoflow init`."""

from __future__ import annotations

from tortoise import fields

from engine.models.base import Versioned


class Organization(Versioned):
    """Seed 000 step 1 (整理企业基础信息): name, logo, main business, core strengths.

    One row: the deployment is one company. `timezone` is fixed when the company is set
    up; deadlines and record codes count in PROMOFLOW_TIMEZONE, which must match it.
    """

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    short_name = fields.CharField(max_length=50, null=True)
    industry = fields.CharField(max_length=100, null=True)
    main_business = fields.TextField(null=True)
    core_strengths = fields.TextField(null=True)
    logo_url = fields.CharField(max_length=500, null=True)
    website = fields.CharField(max_length=500, null=True)
    timezone = fields.CharField(max_length=64)

    class Meta:
        table = "organization"
