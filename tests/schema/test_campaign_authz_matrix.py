"""The authorization matrix for campaign operations, through GraphQL.

Three campaigns: east/own by mkt.chen (with a task owned by rep.li), east by mgr.east,
west by mgr.west. Each user meets them as own, department or other; the expected reach
of each role is stated here, and a denied operation must change nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from engine.authz import Principal
from engine.models import AuditEvent, BudgetLine, Campaign, Incident, KpiActual, Task
from engine.services import campaigns
from engine.services import org as org_service
from tests.conftest import CampaignFactory
from tests.schema.conftest import Gql

OWN, DEPT, OTHER = "own", "department", "other"
TARGETS = {
    "mkt.chen": {OWN: "mkt", DEPT: "mgr", OTHER: "west"},
    "mgr.east": {OWN: "mgr", DEPT: "mkt", OTHER: "west"},
    "rep.li": {OWN: "mkt", DEPT: "mgr", OTHER: "west"},  # own: rep.li has a task in it
    "dir.sun": {OTHER: "west"},
    "fin.qian": {OTHER: "west"},
    "admin": {OTHER: "west"},
}
OPS = ["read", "budget", "update", "line_add", "submit", "kpi_record", "exception_report",
       "task_start"]
ORDER = {OWN: 0, DEPT: 1, OTHER: 2}


def _reach(*scopes: str | None) -> dict[str, str | None]:
    return dict(zip(OPS, scopes, strict=True))


REACH = {
    #                  read   budget update line  submit kpi   report task_start
    "mkt.chen": _reach(OTHER, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT),
    "mgr.east": _reach(OTHER, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT),
    "rep.li": _reach(OTHER, None, None, None, None, None, OWN, OWN),
    "dir.sun": _reach(OTHER, OTHER, None, None, None, None, None, None),
    "fin.qian": _reach(OTHER, OTHER, None, None, None, None, None, None),
    "admin": _reach(*[OTHER] * len(OPS)),
}
QUERIES = {
    "update": """mutation($id: ID!) { r: campaignUpdate(id: $id, input: {name: "改名"}) {
        __typename } }""",
    "line_add": """mutation($id: ID!) { r: campaignBudgetLineAdd(campaignId: $id, input: {
        category: GIFTS, description: "礼品", amount: "100"}) { __typename } }""",
    "submit": """mutation($id: ID!) { r: campaignSubmitBudget(id: $id) { __typename } }""",
    "kpi_record": """mutation($id: ID!) { r: kpiActualRecord(input: {campaignId: $id,
        metric: VIEWERS, granularity: DAY, periodStart: "2026-07-02", value: "7"}) {
        __typename } }""",
    "exception_report": """mutation($id: ID!) { r: exceptionReport(input: {campaignId: $id,
        problem: "设备故障"}) { __typename } }""",
    "task_start": """mutation($task: ID!) { r: taskStart(id: $task) { __typename } }""",
}


GOALS = [campaigns.GoalInput("new_leads", "200"), campaigns.GoalInput("viewers", "5000")]


@pytest.fixture
async def world(org: dict[str, Principal], make_campaign: CampaignFactory) -> dict[str, Any]:
    # a second east manager, so that mgr.east's own budget has someone else to approve it
    await org_service.create_user(org["admin"], username="mgr.east2", display_name="副经理",
                                  role="sales_manager", department_code="east")

    def plan(task_owner: str) -> list[campaigns.PhaseInput]:
        return [campaigns.PhaseInput("preparation", date(2026, 7, 1), date(2026, 7, 5), [
            campaigns.TaskInput("准备", task_owner, date(2026, 7, 1), date(2026, 7, 5))])]

    made = {
        "mkt": await make_campaign(actor="mkt.chen", goals=GOALS, phases=plan("rep.li")),
        "mgr": await make_campaign(actor="mgr.east", goals=GOALS, phases=plan("mgr.east")),
        "west": await make_campaign(actor="mgr.west", goals=GOALS, phases=plan("mgr.west")),
    }
    task_of = {k: (await Task.get(campaign_id=c.id)).id for k, c in made.items()}
    return {"campaigns": made, "tasks": task_of}


async def _snapshot(campaign_id: int) -> tuple[Any, ...]:
    c = await Campaign.get(id=campaign_id)
    return (
        c.version, c.name, c.approval_state,
        await BudgetLine.filter(campaign_id=campaign_id).count(),
        await KpiActual.filter(campaign_id=campaign_id).count(),
        await Incident.filter(campaign_id=campaign_id).count(),
        tuple(t.status for t in await Task.filter(campaign_id=campaign_id)),
        await AuditEvent.all().count(),
    )


CASES = [(u, op, rel) for u, rels in TARGETS.items() for rel in rels for op in OPS]


@pytest.mark.parametrize(("user", "op", "rel"), CASES)
async def test_matrix(gql: Gql, world: dict[str, Any], user: str, op: str, rel: str) -> None:
    key = TARGETS[user][rel]
    campaign = world["campaigns"][key]
    reach = REACH[user][op]
    allowed = reach is not None and ORDER[rel] <= ORDER[reach]
    before = await _snapshot(campaign.id)
    if op in ("read", "budget"):
        body = await gql("""query($id: ID!) { campaign(id: $id) { id budgetVisible budgetTotal
            budgetLines { amount } } }""", user, id=str(campaign.id))
        found = body["data"]["campaign"]
        assert found is not None  # every role reads campaigns
        if op == "budget":
            assert found["budgetVisible"] is allowed
            assert (found["budgetTotal"] is not None) is allowed
            assert (found["budgetLines"] is not None) is allowed
        assert await _snapshot(campaign.id) == before
        return
    body = await gql(QUERIES[op], user, id=str(campaign.id), task=str(world["tasks"][key]))
    typename = body["data"]["r"]["__typename"]
    if allowed:
        assert typename in {"Campaign", "KpiActualRecorded", "CampaignException", "Task"}, body
        assert await _snapshot(campaign.id) != before
    else:
        assert typename == "ForbiddenError", body
        assert await _snapshot(campaign.id) == before
