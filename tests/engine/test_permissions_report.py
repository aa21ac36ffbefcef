"""The permission report and explain, on the demo organisation and the real policy file."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import authz, demo
from engine.authz import SYSTEM, Principal
from engine.errors import Forbidden, NotFound, ValidationFailed
from engine.services import customers, permissions
from engine.services import org as org_service
from engine.services.permissions import ReportFilter
from tests.conftest import CampaignFactory, CustomerFactory

POLICY = Path(authz.POLICIES_DIR) / "policy.csv"


def line_no(text: str) -> int:
    """Where `text` is written in policies/policy.csv (1-based)."""
    lines = POLICY.read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


async def _all(actor: Principal, flt: ReportFilter, first: int = 100
               ) -> list[permissions.PermissionRow]:
    rows: list[permissions.PermissionRow] = []
    after = None
    while True:
        page = await permissions.report(actor, flt, first=first, after=after)
        rows.extend(page.items)
        if not page.has_next:
            return rows
        after = page.end_cursor


async def test_report_rows_for_a_rep_name_their_policy_lines(org: dict[str, Principal]
                                                             ) -> None:
    rows = await _all(org["admin"], ReportFilter(username="rep.li"))
    got = {(r.grant.object_type, r.grant.action): r for r in rows}
    read = got[("customer", "read")]
    assert (read.username, read.display_name, read.role, read.department_name) == (
        "rep.li", "李娜", "sales_rep", "华东销售部")
    assert (read.grant.scope, read.effective_scope, read.grant.via_role) == ("own", "own", None)
    assert read.grant.policy == permissions.PolicyLine(
        "policies/policy.csv", line_no("p, sales_rep, customer, read, own"),
        "p, sales_rep, customer, read, own")
    assert got[("campaign", "read")].grant.scope == "all"
    # what a rep may not do is not in the report
    assert ("customer", "reassign") not in got
    assert ("campaign", "read_budget") not in got
    # one row per policy line of the role
    role_lines = [p for p in authz.authorizer().policy_lines() if p[0] == "sales_rep"]
    assert len(rows) == len(role_lines)


async def test_report_for_the_whole_org_counts_and_pages(org: dict[str, Principal]) -> None:
    # given the demo organisation: 9 users; per role as many rows as its policy lines
    per_role = {}
    for line in authz.authorizer().policy_lines():
        per_role[line[0]] = per_role.get(line[0], 0) + 1
    expected = sum(per_role[role] for _, _, role, _ in demo.USERS)
    # when
    everything = await _all(org["dir.sun"], ReportFilter(), first=7)
    page = await permissions.report(org["dir.sun"], ReportFilter(), first=7, after=None)
    # then
    assert len(everything) == expected == await page.count()
    keys = [(r.user_id, r.grant.object_type, r.grant.action) for r in everything]
    assert len(set(keys)) == len(keys)
    assert keys == sorted(keys)
    admin = [r for r in everything if r.username == "admin"]
    assert [(r.grant.object_type, r.grant.action, r.grant.scope) for r in admin] == [
        ("*", "*", "all")]


async def test_report_filters(org: dict[str, Principal]) -> None:
    rows = await _all(org["admin"], ReportFilter(object_type="customer", role="sales_manager"))
    assert {r.username for r in rows} == {"mgr.east", "mgr.west"}
    assert all(r.grant.object_type == "customer" and r.grant.scope == "department"
               for r in rows)
    rows = await _all(org["admin"], ReportFilter(object_type="permission"))
    assert sorted((r.username, r.grant.action) for r in rows) == [
        ("admin", "*"), ("dir.sun", "report")]
    east = await org_service.department_by_code("east")
    assert east is not None
    rows = await _all(org["admin"], ReportFilter(department_id=east.id,
                                                 object_type="follow_up"))
    assert {r.username for r in rows} == {"mgr.east", "rep.li", "rep.wang"}
    for bad, field in ((ReportFilter(role="boss"), "role"),
                       (ReportFilter(object_type="spaceship"), "object_type")):
        with pytest.raises(ValidationFailed) as err:
            await permissions.report(org["admin"], bad, first=10, after=None)
        assert err.value.field == field
    with pytest.raises(ValidationFailed) as err:
        await permissions.report(org["admin"], ReportFilter(), first=10, after="garbage!")
    assert err.value.field == "after"


async def test_department_scope_without_a_department_is_own(org: dict[str, Principal]
                                                            ) -> None:
    await org_service.create_user(SYSTEM, username="mkt.free", display_name="自由市场",
                                  role="marketing", department_code=None)
    rows = await _all(org["admin"], ReportFilter(username="mkt.free", object_type="campaign"))
    create = next(r for r in rows if r.grant.action == "create")
    assert (create.grant.scope, create.effective_scope) == ("department", "own")


@pytest.mark.parametrize("who", ["mgr.east", "rep.li", "mkt.chen", "fin.qian"])
async def test_only_admin_and_director_read_the_report(org: dict[str, Principal], who: str
                                                       ) -> None:
    with pytest.raises(Forbidden):
        await permissions.report(org[who], ReportFilter(), first=10, after=None)


async def test_explain_allow_names_the_deciding_line(
    org: dict[str, Principal], make_customer: CustomerFactory
) -> None:
    c = await make_customer(owner="rep.li")
    own = await permissions.explain(org["admin"], "rep.li", "read", "customer", c.id)
    assert own.allowed and own.relation == "own"
    assert own.policy == permissions.PolicyLine(
        "policies/policy.csv", line_no("p, sales_rep, customer, read, own"),
        "p, sales_rep, customer, read, own")
    assert own.record_owner is not None and own.record_owner.username == "rep.li"
    manager = await permissions.explain(org["admin"], "mgr.east", "read_contact", "customer",
                                        c.id)
    assert manager.allowed and manager.relation == "department"
    assert manager.policy is not None
    assert manager.policy.text == "p, sales_manager, customer, read_contact, department"
    admin = await permissions.explain(org["admin"], "admin", "reassign", "customer", c.id)
    assert admin.allowed and admin.policy is not None
    assert admin.policy.line == line_no("p, admin, *, *, all")


async def test_explain_deny_names_the_narrower_line_or_default_deny(
    org: dict[str, Principal], make_customer: CustomerFactory, make_campaign: CampaignFactory
) -> None:
    c = await make_customer(owner="rep.li")
    # a colleague of the same department: the own-only line is the near miss
    other = await permissions.explain(org["admin"], "rep.wang", "read", "customer", c.id)
    assert not other.allowed and other.relation == "department" and other.policy is None
    assert [m.text for m in other.near_misses] == ["p, sales_rep, customer, read, own"]
    assert f"policies/policy.csv:{line_no('p, sales_rep, customer, read, own')}" in other.reason
    # the service agrees: rep.wang cannot read it, rep.li can
    assert await customers.get(org["rep.wang"], customer_id=c.id) is None
    assert await customers.get(org["rep.li"], customer_id=c.id) is not None
    # nothing at all grants a director contact details: default deny
    director = await permissions.explain(org["admin"], "dir.sun", "read_contact", "customer",
                                         c.id)
    assert not director.allowed and director.near_misses == [] and director.policy is None
    assert "no policy line allows this (default deny)" in director.reason
    campaign = await make_campaign()
    rep = await permissions.explain(org["admin"], "rep.li", "approve", "campaign", campaign.id)
    assert not rep.allowed and "default deny" in rep.reason
    assert rep.relation == "department"  # rep.li and mkt.chen are both east
    west = await permissions.explain(org["admin"], "mgr.west", "approve", "campaign",
                                     campaign.id)
    assert not west.allowed and west.relation == "other"
    assert [m.text for m in west.near_misses] == [
        "p, sales_manager, campaign, approve, department"]


async def test_explain_without_a_record_and_bad_arguments(org: dict[str, Principal]) -> None:
    read_org = await permissions.explain(org["admin"], "rep.li", "read", "org", None)
    assert read_org.allowed and read_org.relation == "other"
    assert read_org.policy is not None and read_org.policy.text == "p, sales_rep, org, read, all"
    cases = [
        (("ghost", "read", "customer", 1), "username"),
        (("rep.li", "read", "spaceship", 1), "object_type"),
        (("rep.li", "fly", "customer", 1), "action"),
        (("rep.li", "read", "org", 1), "object_id"),
    ]
    for args, field in cases:
        with pytest.raises(ValidationFailed) as err:
            await permissions.explain(org["admin"], *args)  # type: ignore[arg-type]
        assert err.value.field == field
    with pytest.raises(NotFound):
        await permissions.explain(org["admin"], "rep.li", "read", "customer", 999_999)


@pytest.mark.parametrize("who", ["dir.sun", "mgr.east", "rep.li"])
async def test_only_admin_explains(org: dict[str, Principal], who: str) -> None:
    with pytest.raises(Forbidden):
        await permissions.explain(org[who], "rep.li", "read", "org", None)
