"""The company profile (企业信息) and setting a company up on an empty database.

`initialise` is what `promoflow init` runs: the organisation row and its first admin in
one audited transaction, refused on a database that already has an organisation or users.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine import audit, outbox, validation
from engine.authz import SYSTEM, Principal, require
from engine.errors import Conflict, EngineError, NotFound, ValidationFailed
from engine.models import Organization, User
from engine.models.enums import Role
from engine.services import org
from engine.settings import Settings
from engine.versioning import versioned_update

OBJECT = "organization"
PROFILE_FIELDS = ("name", "short_name", "industry", "main_business", "core_strengths",
                  "logo_url", "website")


class AlreadyInitialised(EngineError):
    """`init` found a company (or users) in the database; the message says what."""

    code = "ALREADY_INITIALISED"


@dataclass(frozen=True)
class OrganizationPatch:
    name: Any = validation.UNSET
    short_name: Any = validation.UNSET
    industry: Any = validation.UNSET
    main_business: Any = validation.UNSET
    core_strengths: Any = validation.UNSET
    logo_url: Any = validation.UNSET
    website: Any = validation.UNSET


def _clean(patch: OrganizationPatch) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if patch.name is not validation.UNSET:
        values["name"] = validation.required_text("name", patch.name, max_len=200)
    if patch.short_name is not validation.UNSET:
        values["short_name"] = validation.text("short_name", patch.short_name, max_len=50)
    if patch.industry is not validation.UNSET:
        values["industry"] = validation.text("industry", patch.industry, max_len=100)
    if patch.main_business is not validation.UNSET:
        values["main_business"] = validation.text("main_business", patch.main_business,
                                                  max_len=2000)
    if patch.core_strengths is not validation.UNSET:
        values["core_strengths"] = validation.text("core_strengths", patch.core_strengths,
                                                   max_len=2000)
    if patch.logo_url is not validation.UNSET:
        values["logo_url"] = validation.url("logo_url", patch.logo_url)
    if patch.website is not validation.UNSET:
        values["website"] = validation.url("website", patch.website)
    return values


def clean_timezone(field: str, zone: str | None) -> str:
    name = validation.required_text(field, zone, max_len=64)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(field, f"unknown time zone {name!r} (e.g. Asia/Shanghai)",
                               rule="timezone") from None
    return name


async def current() -> Organization | None:
    """The company row, if the deployment has one (no permission check: internal use)."""
    return await Organization.all().order_by("id").first()


async def get(actor: Principal) -> Organization | None:
    require(actor, OBJECT, "read", None, None)
    return await current()


async def update(actor: Principal, patch: OrganizationPatch,
                 expected_version: int | None) -> Organization:
    """Change the company profile (admins)."""
    require(actor, OBJECT, "update", None, None)
    values = _clean(patch)
    async with outbox.atomic() as conn:
        row = await Organization.all().using_db(conn).order_by("id").first()
        if row is None:
            raise NotFound(OBJECT, "-", "no organisation yet: run `promoflow init`")
        if expected_version is not None and expected_version != row.version:
            raise Conflict(OBJECT, row.id, row.version)
        changes = audit.diff({k: getattr(row, k) for k in values}, values)
        if not changes:
            return row
        version = await versioned_update(conn, row, OBJECT, expected_version,
                                         {k: values[k] for k in changes})
        await audit.organization_updated_event(conn, actor, row.id, changes, version)
    return row


async def check_timezone(settings: Settings) -> None:
    """Refuse to run in another zone than the company's: codes and deadlines would be off."""
    company = await current()
    if company is not None and company.timezone != settings.timezone:
        raise RuntimeError(
            f"PROMOFLOW_TIMEZONE is {settings.timezone} but {company.name!r} was set up in "
            f"{company.timezone}: set PROMOFLOW_TIMEZONE={company.timezone} for every "
            "promoflow process")


async def what_is_there() -> str | None:
    """What makes the database initialised, in words (None: nothing, init may run)."""
    found: list[str] = []
    company = await current()
    if company is not None:
        found.append(f"the organisation {company.name!r}")
    users = await User.all().count()
    if users:
        names = [u.username for u in await User.all().order_by("id").limit(3)]
        more = ", …" if users > len(names) else ""
        found.append(f"{users} user(s) ({', '.join(names)}{more})")
    return " and ".join(found) or None


async def create_profile(actor: Principal, name: str, timezone: str,
                         **profile: Any) -> Organization:
    """The organisation row (once per deployment)."""
    values = _clean(OrganizationPatch(name=name, **profile))
    values["timezone"] = clean_timezone("timezone", timezone)
    async with outbox.atomic() as conn:
        if await Organization.all().using_db(conn).exists():
            raise AlreadyInitialised("the database already has an organisation")
        row = await Organization.create(using_db=conn, **values)
        await audit.organization_created_event(conn, actor, row.id, values)
    return row


async def initialise(*, company: str, admin_username: str, timezone: str,
                     admin_display_name: str | None = None,
                     admin_email: str | None = None) -> tuple[Organization, User]:
    """Set a company up on an empty database: its profile and its first admin, audited
    as the system actor, in one transaction. Refused when anything is there already."""
    found = await what_is_there()
    if found is not None:
        raise AlreadyInitialised(f"the database is already initialised: found {found}")
    async with outbox.atomic():
        company_row = await create_profile(SYSTEM, company, timezone)
        admin = await org.create_user(
            SYSTEM, username=admin_username,
            display_name=admin_display_name or admin_username, role=Role.ADMIN.value,
            department_code=None, email=admin_email,
        )
    return company_row, admin
