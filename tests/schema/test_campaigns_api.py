"""Campaigns, approvals, tasks, KPIs, exceptions and notifications through HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from engine import clock
from engine.authz import Principal
from tests.schema.conftest import Gql

CREATE = """mutation($input: CampaignCreateInput!) { campaignCreate(input: $input) {
  __typename
  ... on Campaign { id code approvalState approvalStateLabel budgetTotal budgetVisible
    channels goals { metric target periodStart periodEnd } phases { phase label startDate }
    budgetLines { id category amount } owner { username } department { code }
    collaborators { department responsibility } tasks { totalCount edges { node { id title
    status owner { username } } } } }
  ... on ValidationError { field rule message }
} }"""

PLAN: dict[str, Any] = {
    "name": "2026年Q3新品X线上直播推广",
    "type": "LIVE_STREAM",
    "startDate": "2026-07-01",
    "endDate": "2026-07-31",
    "channels": ["WECHAT_OFFICIAL", "DOUYIN", "INDUSTRY_FORUM"],
    "targetAudience": "制造业中小企业负责人",
    "goals": [{"metric": "NEW_LEADS", "target": "310"},
              {"metric": "REVENUE", "target": "500000"},
              {"metric": "CONSULTATIONS", "target": "310"}],
    "budgetLines": [{"category": "MATERIALS", "description": "宣传册", "amount": "5000"},
                    {"category": "HOST", "description": "主播费用", "amount": "8000"},
                    {"category": "PLATFORM_PROMOTION", "description": "平台推广",
                     "amount": "120000"}],
    "phases": [
        {"phase": "PREPARATION", "startDate": "2026-07-01", "endDate": "2026-07-05",
         "tasks": [{"key": "script", "title": "撰写直播脚本", "ownerUsername": "mkt.chen",
                    "startDate": "2026-07-01", "endDate": "2026-07-05"}]},
        {"phase": "WARM_UP", "startDate": "2026-07-06", "endDate": "2026-07-15",
         "tasks": [{"key": "invite", "title": "电话邀约", "ownerUsername": "rep.li",
                    "startDate": "2026-07-06", "endDate": "2026-07-15",
                    "dependsOn": ["script"]}]},
    ],
    "collaborators": [{"department": "技术部", "responsibility": "直播支持"}],
}


async def _create(gql: Gql, **overrides: Any) -> dict[str, Any]:
    body = await gql(CREATE, "mkt.chen", input=PLAN | overrides)
    result: dict[str, Any] = body["data"]["campaignCreate"]
    return result


async def test_plan_and_read(org: dict[str, Principal], gql: Gql) -> None:
    made = await _create(gql)
    assert made["__typename"] == "Campaign", made
    assert made["code"].startswith("HD") and made["approvalState"] == "DRAFT"
    assert (made["approvalStateLabel"], made["budgetTotal"]) == ("草稿", "133000.00")
    assert made["channels"] == ["WECHAT_OFFICIAL", "DOUYIN", "INDUSTRY_FORUM"]
    assert made["goals"][0] == {"metric": "NEW_LEADS", "target": "310.00",
                                "periodStart": "2026-07-01", "periodEnd": "2026-07-31"}
    assert made["phases"][0] == {"phase": "PREPARATION", "label": "筹备期",
                                 "startDate": "2026-07-01"}
    assert made["tasks"]["totalCount"] == 2
    assert made["collaborators"] == [{"department": "技术部", "responsibility": "直播支持"}]
    as_rep = await gql("""query($code: String) { campaign(code: $code) { name budgetVisible
        budgetTotal budgetLines { amount } approvalDecisions { totalCount } } }""", "rep.li",
                       code=made["code"])
    assert as_rep["data"]["campaign"] == {"name": PLAN["name"], "budgetVisible": False,
                                          "budgetTotal": None, "budgetLines": None,
                                          "approvalDecisions": None}
    listed = await gql("""{ campaigns(filter: {channel: [DOUYIN], approvalState: [DRAFT]}) {
        totalCount edges { node { code } } } }""", "dir.sun")
    assert listed["data"]["campaigns"]["totalCount"] == 1


async def test_validation_names_nested_fields(org: dict[str, Principal], gql: Gql) -> None:
    bad_task = [*PLAN["phases"][:1], {
        "phase": "WARM_UP", "startDate": "2026-07-06", "endDate": "2026-07-15",
        "tasks": [{"title": "太晚", "ownerUsername": "rep.li", "startDate": "2026-07-30",
                   "endDate": "2026-08-02"}]}]
    made = await _create(gql, phases=bad_task)
    assert (made["__typename"], made["field"], made["rule"]) == (
        "ValidationError", "phases.1.tasks.0.endDate", "outside_campaign")
    one_channel = await _create(gql, channels=["DOUYIN"])
    assert (one_channel["field"], one_channel["rule"]) == ("channels", "min_two")
    negative = await _create(gql, budgetLines=[{"category": "HOST", "description": "x",
                                                "amount": "-1"}])
    assert (negative["field"], negative["rule"]) == ("budgetLines.0.amount", "range")
    empty = await gql("{ campaigns { totalCount } }", "admin")
    assert empty["data"]["campaigns"]["totalCount"] == 0


APPROVE = """mutation($id: ID!, $comment: String) { campaignApproveBudget(id: $id,
  comment: $comment) { __typename ... on Campaign { approvalState approvalLevel pendingRole
  approvedTotal } ... on Error { code message } } }"""


async def test_approval_round_over_http(org: dict[str, Principal], gql: Gql) -> None:
    made = await _create(gql)
    route = await gql("""query($d: ID!) { approvalRoute(amount: "133000", departmentId: $d) {
        level role roleLabel approvers { username } } }""", "mkt.chen",
                      d=str(org["mkt.chen"].department_id))
    assert route["data"]["approvalRoute"] == [
        {"level": 1, "role": "SALES_MANAGER", "roleLabel": "销售经理",
         "approvers": [{"username": "mgr.east"}]},
        {"level": 2, "role": "DIRECTOR", "roleLabel": "总监",
         "approvers": [{"username": "dir.sun"}]}]
    submitted = await gql("""mutation($id: ID!) { campaignSubmitBudget(id: $id,
        expectedVersion: 1) { __typename ... on Campaign { approvalState approvalLevel
        pendingRole approvalRoute { level role } } } }""", "mkt.chen", id=made["id"])
    assert submitted["data"]["campaignSubmitBudget"] == {
        "__typename": "Campaign", "approvalState": "SUBMITTED", "approvalLevel": 1,
        "pendingRole": "SALES_MANAGER",
        "approvalRoute": [{"level": 1, "role": "SALES_MANAGER"}, {"level": 2, "role": "DIRECTOR"}]}
    inbox = await gql("""{ approvalInbox { totalCount edges { node { level role
        campaign { code budgetTotal } onBehalfOf { username } } } } }""", "mgr.east")
    assert inbox["data"]["approvalInbox"] == {"totalCount": 1, "edges": [{"node": {
        "level": 1, "role": "SALES_MANAGER", "onBehalfOf": None,
        "campaign": {"code": made["code"], "budgetTotal": "133000.00"}}}]}
    too_early = await gql(APPROVE, "dir.sun", id=made["id"])
    assert too_early["data"]["campaignApproveBudget"]["code"] == "FORBIDDEN"
    level1 = await gql(APPROVE, "mgr.east", id=made["id"], comment="同意")
    assert level1["data"]["campaignApproveBudget"]["pendingRole"] == "DIRECTOR"
    no_comment = await gql("""mutation($id: ID!) { campaignRejectBudget(id: $id) {
        __typename ... on ValidationError { field rule code } } }""", "dir.sun", id=made["id"])
    assert no_comment["data"]["campaignRejectBudget"] == {
        "__typename": "ValidationError", "field": "comment", "rule": "comment_given",
        "code": "GUARD_FAILED"}
    final = await gql(APPROVE, "dir.sun", id=made["id"], comment="批准")
    assert final["data"]["campaignApproveBudget"] == {
        "__typename": "Campaign", "approvalState": "APPROVED", "approvalLevel": None,
        "pendingRole": None, "approvedTotal": "133000.00"}
    again = await gql(APPROVE, "dir.sun", id=made["id"])
    assert again["data"]["campaignApproveBudget"]["code"] == "TRANSITION_NOT_ALLOWED"
    decisions = await gql("""query($id: ID!) { campaign(id: $id) { approvalDecisions {
        edges { node { round level role decision comment approver { username } } } } } }""",
                          "mkt.chen", id=made["id"])
    assert [e["node"] for e in decisions["data"]["campaign"]["approvalDecisions"]["edges"]] == [
        {"round": 1, "level": 1, "role": "SALES_MANAGER", "decision": "APPROVED",
         "comment": "同意", "approver": {"username": "mgr.east"}},
        {"round": 1, "level": 2, "role": "DIRECTOR", "decision": "APPROVED",
         "comment": "批准", "approver": {"username": "dir.sun"}}]
    # a changed line sends it back; approvers see what changed
    line_id = made["budgetLines"][2]["id"]
    changed = await gql("""mutation($id: ID!) { campaignBudgetLineUpdate(id: $id, input: {
        category: PLATFORM_PROMOTION, description: "平台推广(追加)", amount: "150000"}) {
        __typename ... on Campaign { approvalState budgetTotal
        budgetChangesSinceApproval { lineId change before after } } } }""", "mkt.chen",
                        id=line_id)
    result = changed["data"]["campaignBudgetLineUpdate"]
    assert (result["approvalState"], result["budgetTotal"]) == ("SUBMITTED", "163000.00")
    assert [(c["lineId"], c["change"]) for c in result["budgetChangesSinceApproval"]] == [
        (line_id, "CHANGED")]
    assert result["budgetChangesSinceApproval"][0]["after"]["amount"] == "150000.00"
    # the rep sees no budget figures in the campaign's audit trail
    trail = await gql("""query($id: ID!) { auditTrail(objectType: CAMPAIGN, objectId: $id,
        first: 50) { edges { node { action changes { field before after } } } } }""",
                      "rep.li", id=made["id"])
    changes = [c for e in trail["data"]["auditTrail"]["edges"] for c in e["node"]["changes"]
               if c["field"].startswith("budget")]
    assert changes and all(c["before"] == "***" and c["after"] == "***" for c in changes)


async def test_gantt_kpis_exceptions_notifications(org: dict[str, Principal], gql: Gql) -> None:
    made = await _create(gql)
    gantt = await gql("""query($id: ID!) { campaignGantt(id: $id) { startDate endDate
        phases { phase label progress tasks { task { title owner { username } status }
        dependsOn late blocked } } } }""", "rep.li", id=made["id"])
    phases = gantt["data"]["campaignGantt"]["phases"]
    assert [p["phase"] for p in phases] == ["PREPARATION", "WARM_UP"]
    invite = phases[1]["tasks"][0]
    assert invite["blocked"] is True and invite["task"]["owner"] == {"username": "rep.li"}
    assert invite["dependsOn"] == [made["tasks"]["edges"][0]["node"]["id"]] or \
        invite["dependsOn"] == [made["tasks"]["edges"][1]["node"]["id"]]
    record = await gql("""mutation($id: ID!) { kpiActualRecord(input: {campaignId: $id,
        metric: CONSULTATIONS, granularity: WEEK, periodStart: "2026-07-08", value: "30"}) {
        __typename ... on KpiActualRecorded { plan deviation deviationPercent alertRaised
        actual { periodStart value } } } }""", "mkt.chen", id=made["id"])
    assert record["data"]["kpiActualRecord"] == {
        "__typename": "KpiActualRecorded", "plan": "70.00", "deviation": "-0.5714",
        "deviationPercent": "-57.14", "alertRaised": True,
        "actual": {"periodStart": "2026-07-06", "value": "30.00"}}
    derived = await gql("""mutation($id: ID!) { kpiActualRecord(input: {campaignId: $id,
        metric: NEW_LEADS, granularity: WEEK, periodStart: "2026-07-08", value: "30"}) {
        __typename ... on ValidationError { field rule } } }""", "mkt.chen", id=made["id"])
    assert derived["data"]["kpiActualRecord"] == {
        "__typename": "ValidationError", "field": "metric", "rule": "derived"}
    with clock.frozen(datetime(2026, 7, 10, 4, 0, tzinfo=UTC)):
        kpis = await gql("""query($id: ID!) { campaignKpis(id: $id, granularity: WEEK) {
            metric metricLabel source target actualTotal actualSoFar { value reason }
            achievementPercent { value reason }
            periods { start plan actual actualNote deviation deviationPercent deviationNote
                      alerted closed } } }""", "rep.li", id=made["id"])
    by = {s["metric"]: s for s in kpis["data"]["campaignKpis"]}
    talks = by["CONSULTATIONS"]
    assert (talks["metricLabel"], talks["source"], talks["actualTotal"]) == (
        "咨询量", "RECORDED", "30.00")
    assert talks["actualSoFar"] == {"value": "30.00", "reason": None}
    assert talks["achievementPercent"] == {"value": "9.68", "reason": None}
    assert talks["periods"][1] == {
        "start": "2026-07-06", "plan": "70.00", "actual": "30.00", "actualNote": None,
        "deviation": "-0.5714", "deviationPercent": "-57.14", "deviationNote": None,
        "alerted": True, "closed": False}
    assert talks["periods"][0]["actual"] is None
    assert talks["periods"][0]["actualNote"] == "no actual recorded for this period"
    assert talks["periods"][2]["actualNote"] == "the period has not started yet"
    # computed from the engine: no customers yet is 0 in a period that has begun, and the
    # current week is not judged before it ends
    leads = by["NEW_LEADS"]
    assert (leads["source"], leads["actualSoFar"]) == ("DERIVED", {"value": "0.00",
                                                                    "reason": None})
    assert [p["actual"] for p in leads["periods"]] == ["0.00", "0.00", None, None, None]
    assert leads["periods"][1]["deviationNote"] == \
        "the period is not over yet: its deviation is judged when it ends"
    reported = await gql("""mutation($id: ID!) { exceptionReport(input: {campaignId: $id,
        problem: "直播设备故障", cause: "推流宕机", impact: "中断30分钟",
        proposedSolution: "备用设备", severity: HIGH}) { __typename
        ... on CampaignException { id code state stateLabel availableEvents
        reporter { username } } } }""", "rep.li", id=made["id"])
    exc = reported["data"]["exceptionReport"]
    # the reporter may not handle it: no event offered; the campaign owner may acknowledge
    assert (exc["state"], exc["stateLabel"], exc["availableEvents"]) == (
        "REPORTED", "已上报", [])
    seen = await gql("""query($id: ID!) { exception(id: $id) { availableEvents } }""",
                     "mkt.chen", id=exc["id"])
    assert seen["data"]["exception"]["availableEvents"] == ["ACKNOWLEDGE"]
    ack = await gql("""mutation($id: ID!) { exceptionAcknowledge(id: $id, expectedVersion: 1) {
        __typename ... on CampaignException { state version } } }""", "mkt.chen", id=exc["id"])
    assert ack["data"]["exceptionAcknowledge"] == {"__typename": "CampaignException",
                                                   "state": "ACKNOWLEDGED", "version": 2}
    listed = await gql("""{ exceptions(filter: {openOnly: true, severity: [HIGH]}) {
        totalCount } }""", "dir.sun")
    assert listed["data"]["exceptions"]["totalCount"] == 1
    inbox = await gql("""{ notificationsUnreadCount notifications(unreadOnly: true) {
        edges { node { id kind kindLabel title } } } }""", "mgr.east")
    kinds = [e["node"]["kind"] for e in inbox["data"]["notifications"]["edges"]]
    assert kinds == ["INCIDENT_COPY"] and inbox["data"]["notificationsUnreadCount"] == 1
    marked = await gql("""mutation { notificationMarkRead(all: true) { __typename
        ... on NotificationsMarked { marked unread } } }""", "mgr.east")
    assert marked["data"]["notificationMarkRead"] == {"__typename": "NotificationsMarked",
                                                      "marked": 1, "unread": 0}


async def test_submitting_without_a_goal_is_a_validation_error_naming_goals(
        org: dict[str, Principal], gql: Gql) -> None:
    made = await _create(gql, goals=[])
    submitted = await gql("""mutation($id: ID!) { campaignSubmitBudget(id: $id) {
        __typename ... on ValidationError { field rule code } } }""", "mkt.chen", id=made["id"])
    assert submitted["data"]["campaignSubmitBudget"] == {
        "__typename": "ValidationError", "field": "goals", "rule": "required",
        "code": "VALIDATION"}
