"""Channel-expansion plans through HTTP, as a portal uses them: the API and the report."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from engine import auth, clock
from engine.authz import Principal
from engine.settings import Settings
from tests.schema.conftest import Gql

NOW = datetime(2026, 8, 3, 2, 0, tzinfo=UTC)
ERRORS = """
    ... on ValidationError { field rule message }
    ... on ForbiddenError { action }
    ... on NotFoundError { objectType }
    ... on ConflictError { currentVersion }
    ... on TransitionNotAllowedError { currentState allowedEvents }"""
PLAN = """
  id code name state stateLabel months startMonth endDate version availableEvents
  owner { username } department { code }
  channels(first: 10) { totalCount edges { node { id name channel stage rank total
    missingCriteria availableEvents scores { criterion { key } score weight contribution } } } }
  milestones(first: 2) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { id phase monthFrom monthTo dueDate status timing owner { username } } } }
  risks(first: 10) { edges { node { id category categoryLabel likelihood impact exposure
    response status respondBy } } }
  reviewReport { htmlUrl pdfUrl }"""
CREATE = f"""
mutation($input: ChannelPlanCreateInput!) {{
  channelPlanCreate(input: $input) {{ __typename ... on ChannelPlan {{ {PLAN} }} {ERRORS} }}
}}"""
ADVANCE = f"""
mutation($id: ID!, $event: ChannelPlanEvent!, $note: String, $v: Int) {{
  channelPlanAdvance(id: $id, event: $event, note: $note, expectedVersion: $v) {{
    __typename ... on ChannelPlan {{ state version }} {ERRORS} }}
}}"""
CHANNEL_ADVANCE = f"""
mutation($id: ID!, $event: PlanChannelEvent!, $note: String) {{
  channelPlanChannelAdvance(id: $id, event: $event, note: $note) {{
    __typename ... on PlanChannel {{ stage stageLabel }} {ERRORS} }}
}}"""


async def _create(gql: Gql, user: str = "mkt.chen", **fields: Any) -> dict[str, Any]:
    body = await gql(CREATE, user, input={"name": "2026 网络渠道拓展", "startMonth": "2026-08-01",
                                          **fields})
    return dict(body["data"]["channelPlanCreate"])


async def test_create_read_and_move_a_plan(gql: Gql, org: dict[str, Principal]) -> None:
    with clock.frozen(NOW):
        plan = await _create(gql, candidates=["social_content", "vertical_platform"])
        assert plan["__typename"] == "ChannelPlan", plan
        assert (plan["state"], plan["stateLabel"], plan["months"], plan["endDate"],
                plan["owner"]["username"], plan["department"]["code"]) == (
            "DRAFT", "草拟", 12, "2027-07-31", "mkt.chen", "east")
        assert plan["availableEvents"] == ["START", "CANCEL"]
        chans = [e["node"] for e in plan["channels"]["edges"]]
        assert [(c["name"], c["channel"], c["rank"], c["total"]) for c in chans] == [
            ("社交内容电商平台", "XIAOHONGSHU", 2, "3.55"),
            ("垂直领域专业平台", "INDUSTRY_FORUM", 1, "3.65")]
        assert chans[0]["scores"][0] == {"criterion": {"key": "user_match"}, "score": "4",
                                         "weight": "0.3", "contribution": "1.2000"}
        assert chans[0]["availableEvents"] == ["EVALUATE", "REJECT"]
        ms = plan["milestones"]
        assert (ms["totalCount"], ms["pageInfo"]["hasNextPage"]) == (5, True)
        assert [(m["phase"], m["dueDate"], m["timing"]) for m in
                (e["node"] for e in ms["edges"])] == [
            ("SELECTION", "2026-08-31", "OPEN"), ("ONBOARDING", "2026-10-31", "OPEN")]
        more = await gql("query($id: ID!, $after: String) { channelPlan(id: $id) { "
                         "milestones(first: 5, after: $after) { edges { node { phase } } } } }",
                         "mkt.chen", id=plan["id"], after=ms["pageInfo"]["endCursor"])
        assert [e["node"]["phase"] for e in more["data"]["channelPlan"]["milestones"]["edges"]] \
            == ["OPERATION", "OPTIMISATION", "REVIEW"]
        risk = plan["risks"]["edges"][0]["node"]
        assert (risk["category"], risk["categoryLabel"], risk["likelihood"], risk["exposure"],
                risk["status"], risk["respondBy"]) == (
            "MARKET_COMPETITION", "市场竞争风险", "HIGH", 6, "OPEN", "2026-08-17")
        assert plan["reviewReport"]["pdfUrl"] == f"/reports/channel-plans/{plan['code']}/review.pdf"
        # moving it: guards, versions and the workflow answer as typed errors
        wrong = await gql(ADVANCE, "mkt.chen", id=plan["id"], event="CLOSE")
        assert wrong["data"]["channelPlanAdvance"] == {
            "__typename": "TransitionNotAllowedError", "currentState": "DRAFT",
            "allowedEvents": ["START", "CANCEL"]}
        stale = await gql(ADVANCE, "mkt.chen", id=plan["id"], event="START", v=7)
        assert stale["data"]["channelPlanAdvance"] == {"__typename": "ConflictError",
                                                       "currentVersion": 1}
        started = await gql(ADVANCE, "mkt.chen", id=plan["id"], event="START", v=1)
        assert started["data"]["channelPlanAdvance"] == {"__typename": "ChannelPlan",
                                                         "state": "ACTIVE", "version": 2}
        evaluated = await gql(CHANNEL_ADVANCE, "mkt.chen", id=chans[0]["id"], event="EVALUATE")
        assert evaluated["data"]["channelPlanChannelAdvance"] == {
            "__typename": "PlanChannel", "stage": "EVALUATED", "stageLabel": "已评估"}
        no_reason = await gql(CHANNEL_ADVANCE, "mkt.chen", id=chans[1]["id"], event="REJECT")
        assert no_reason["data"]["channelPlanChannelAdvance"]["field"] == "reason"
        # who may: finance reads but does not change; the west manager does not see it
        denied = await gql(ADVANCE, "fin.qian", id=plan["id"], event="BEGIN_REVIEW")
        assert denied["data"]["channelPlanAdvance"] == {"__typename": "ForbiddenError",
                                                        "action": "begin_review"}
        hidden = await gql(ADVANCE, "mgr.west", id=plan["id"], event="BEGIN_REVIEW")
        assert hidden["data"]["channelPlanAdvance"]["__typename"] == "NotFoundError"
        listed = await gql("{ channelPlans(first: 5) { totalCount } }", "mgr.west")
        assert listed["data"]["channelPlans"]["totalCount"] == 0
        trail = await gql("query($id: ID!) { auditTrail(objectType: CHANNEL_PLAN, objectId: "
                          "$id) { edges { node { action fromState toState } } } }", "dir.sun",
                          id=plan["id"])
        assert [e["node"]["action"] for e in trail["data"]["auditTrail"]["edges"]] == [
            "CREATE", "START"]


async def test_bad_input_is_a_typed_error_naming_the_field(gql: Gql,
                                                            org: dict[str, Principal]) -> None:
    with clock.frozen(NOW):
        bad = await _create(gql, startMonth="2026-08-15")
        assert bad == {"__typename": "ValidationError", "field": "startMonth",
                       "rule": "month_start", "message": bad["message"]}
        unknown = await _create(gql, candidates=["nope"])
        assert (unknown["field"], unknown["rule"]) == ("candidates.0.candidateKey", "unknown")
        score = await _create(gql, candidates=[], channels=[{
            "name": "抖音小店", "channel": "DOUYIN", "scores": [{"criterion": "brand_fit",
                                                             "score": "6"}]}])
        assert (score["field"], score["rule"]) == ("channels.0.scores.brandFit", "range")
        rep = await _create(gql, user="rep.li")
        assert rep["__typename"] == "ForbiddenError"
        listed = await gql("{ channelPlans(first: 5) { totalCount } }", "dir.sun")
        assert listed["data"]["channelPlans"]["totalCount"] == 0


async def test_milestones_and_risks_through_the_api(gql: Gql, org: dict[str, Principal]) -> None:
    with clock.frozen(NOW):
        plan = await _create(gql, candidates=[])
        add = await gql(f"""mutation($id: ID!) {{ channelPlanMilestoneAdd(planId: $id, input: {{
            phase: OPERATION, title: "直播首秀", monthFrom: 4, monthTo: 4,
            ownerUsername: "rep.li" }}) {{ __typename ... on PlanMilestone {{ id dueDate
            owner {{ username }} version }} {ERRORS} }} }}""", "mkt.chen", id=plan["id"])
        m = add["data"]["channelPlanMilestoneAdd"]
        assert (m["dueDate"], m["owner"]["username"]) == ("2026-11-30", "rep.li")
        done = await gql(f"""mutation($id: ID!) {{ channelPlanMilestoneAdvance(id: $id,
            event: COMPLETE) {{ __typename ... on PlanMilestone {{ status timing }} {ERRORS}
            }} }}""", "rep.li", id=m["id"])
        assert done["data"]["channelPlanMilestoneAdvance"] == {
            "__typename": "PlanMilestone", "status": "DONE", "timing": "ON_TIME"}
        risk = await gql(f"""mutation($id: ID!) {{ channelPlanRiskAdd(planId: $id, input: {{
            category: OTHER, title: "物流高峰延迟", impact: HIGH }}) {{ __typename
            ... on PlanRisk {{ id exposure availableEvents }} {ERRORS} }} }}""", "mkt.chen",
                         id=plan["id"])
        r = risk["data"]["channelPlanRiskAdd"]
        assert (r["exposure"], r["availableEvents"]) == (6, ["MITIGATE", "OCCUR", "CLOSE"])
        mitigate = f"""mutation($id: ID!, $response: String) {{ channelPlanRiskAdvance(id: $id,
            event: MITIGATE, response: $response) {{ __typename ... on PlanRisk {{ status
            response }} {ERRORS} }} }}"""
        no = await gql(mitigate, "mkt.chen", id=r["id"])
        assert no["data"]["channelPlanRiskAdvance"]["field"] == "response"
        yes = await gql(mitigate, "mkt.chen", id=r["id"], response="签订高峰协议")
        assert yes["data"]["channelPlanRiskAdvance"] == {
            "__typename": "PlanRisk", "status": "MITIGATING", "response": "签订高峰协议"}
        template = await gql("{ channelPlanTemplate { respondWithin milestones { phase "
                             "monthFrom monthTo } risks { category } } }", "rep.li")
        assert template["data"]["channelPlanTemplate"]["respondWithin"] == "10d"
        assert len(template["data"]["channelPlanTemplate"]["risks"]) == 4


async def test_the_review_report(http: httpx.AsyncClient, gql: Gql, org: dict[str, Principal],
                                 test_settings: Settings) -> None:
    with clock.frozen(NOW):
        plan = await _create(gql, name="<script>alert(1)</script> 拓展")

    def bearer(user: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {auth.issue_token(test_settings, user)}"}

    url = f"/reports/channel-plans/{plan['code']}/review"
    html = await http.get(f"{url}.html", headers=bearer("mgr.east"))
    assert html.status_code == 200, html.text
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    text = html.text
    assert "《渠道拓展复盘报告》" in text and "<script>alert" not in text
    for section in ("一、计划概况", "二、渠道评估与选择", "三、渠道 KPI 与目标", "四、里程碑",
                    "五、风险与应对", "六、复盘总结"):
        assert section in text
    assert "市场竞争风险" in text and "完成渠道调研、评估与最终选择" in text
    pdf = await http.get(f"{url}.pdf", headers=bearer("dir.sun"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"] == (
        f'inline; filename="plan-review-{plan["code"]}.pdf"')
    assert (await http.get(f"{url}.pdf", headers=bearer("mgr.west"))).status_code == 404
    assert (await http.get(f"{url}.pdf")).status_code == 401
