"""The real server process over HTTP, as a portal team first meets it."""

from __future__ import annotations

import json

import httpx

from tests.e2e.conftest import Server, promoflow


def _post(server: Server, token: str, query: str, **variables: object) -> dict:
    response = httpx.post(
        f"{server.url}/graphql", json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"}, timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_portal_flow_over_http(server: Server, e2e_env: dict[str, str]) -> None:
    # GraphiQL for people
    page = httpx.get(f"{server.url}/graphql", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    # tokens from the CLI
    rep = promoflow(e2e_env, "token", "rep.li").strip()
    mgr = promoflow(e2e_env, "token", "mgr.east").strip()
    # the demo organisation is there, scoped
    body = _post(server, rep, "{ me { username } customers(first: 100) { totalCount "
                 "edges { node { owner { username } } } } }")
    assert body["data"]["me"] == {"username": "rep.li"}
    owners = {e["node"]["owner"]["username"] for e in body["data"]["customers"]["edges"]}
    assert owners == {"rep.li"} and body["data"]["customers"]["totalCount"] == 12
    overdue = _post(server, mgr, "{ followUps(first: 100, filter: {status: [OVERDUE]}) { "
                    "totalCount } }")
    assert overdue["data"]["followUps"]["totalCount"] > 0
    # the demo campaigns wait for the right approvers
    director = promoflow(e2e_env, "token", "dir.sun").strip()
    inbox = _post(server, director, "{ approvalInbox { totalCount edges { node { level role "
                  "campaign { name budgetTotal } } } } }")
    assert inbox["data"]["approvalInbox"]["totalCount"] == 1
    assert inbox["data"]["approvalInbox"]["edges"][0]["node"]["role"] == "DIRECTOR"
    gantt = _post(server, rep, "{ campaigns(filter: {approvalState: [APPROVED]}) { edges { "
                  "node { id name } } } }")
    live = gantt["data"]["campaigns"]["edges"][0]["node"]
    chart = _post(server, rep, "query($id: ID!) { campaignGantt(id: $id) { phases { phase "
                  "tasks { late blocked task { title status } } } } }", id=live["id"])
    assert [p["phase"] for p in chart["data"]["campaignGantt"]["phases"]] == [
        "PREPARATION", "WARM_UP", "EXECUTION", "REVIEW"]
    # a write, then its audit trail
    created = _post(server, rep, """mutation { customerCreate(input: {name: "端到端测试公司",
        contactName: "测试", contactPhone: "13800000000", sources: [REFERRAL]}) {
        __typename ... on Customer { id code } } }""")["data"]["customerCreate"]
    assert created["__typename"] == "Customer"
    moved = _post(server, rep, """mutation($id: ID!) { customerAdvanceStage(id: $id,
        event: QUALIFY, expectedVersion: 1) { __typename ... on Customer { stage } } }""",
                  id=created["id"])
    assert moved["data"]["customerAdvanceStage"] == {"__typename": "Customer", "stage": "INTENT"}
    trail = _post(server, mgr, """query($id: ID!) { auditTrail(objectType: CUSTOMER,
        objectId: $id) { edges { node { action actorUsername fromState toState } } } }""",
                  id=created["id"])
    assert [e["node"] for e in trail["data"]["auditTrail"]["edges"]] == [
        {"action": "CREATE", "actorUsername": "rep.li", "fromState": None,
         "toState": "POTENTIAL"},
        {"action": "QUALIFY", "actorUsername": "rep.li", "fromState": "POTENTIAL",
         "toState": "INTENT"},
    ]
    # a bad token is refused before GraphQL runs
    refused = httpx.post(f"{server.url}/graphql", json={"query": "{ me { username } }"},
                         headers={"Authorization": "Bearer nope"}, timeout=10)
    assert refused.status_code == 401
    # structured logs, one JSON object per line, with request ids
    code = server.stop()
    lines = [json.loads(line) for line in server.log_path.read_text().splitlines()
             if line.startswith("{")]
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the parent sees it
    assert code in (0, -15)
    assert any(r["msg"] == "Application shutdown complete." for r in lines)
    requests = [r for r in lines if r.get("logger") == "promoflow.server" and "status" in r]
    assert requests and all(r.get("request_id") for r in requests)
    assert any(r["user"] == "rep.li" and r["status"] == 200 for r in requests)
