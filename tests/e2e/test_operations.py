"""What an operator sees of real processes: configuration loaded by every entry point,
metrics across `serve --workers 2`, and logs at the right level (issue 8, points 6 and 7)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from engine import ladders
from tests.e2e.conftest import PROMOFLOW, ROOT, Server, promoflow

SHANGHAI = ZoneInfo("Asia/Shanghai")
SLOW_FIRST_STEP = ladders.DEFAULT_PATH.read_text(encoding="utf-8").replace(
    """  follow_up:
    description: A follow-up's next action past its due time.
    steps:
      - at: "0"
""",
    """  follow_up:
    description: A follow-up's next action past its due time (first step 2 h late).
    steps:
      - at: 2h
""")

DEADLINES = """
import asyncio, json, os
from engine import db

async def main():
    async with db.database(os.environ["DATABASE_URL"]):
        rows = await db.fetch_all(db.connection(),
            "SELECT d.status, d.due_at, d.next_step, d.next_at, s.due_at AS first_step_at "
            "FROM deadline d LEFT JOIN escalation_step s ON s.deadline_id = d.id "
            "AND s.step = 0 WHERE d.kind = 'follow_up'")
        print(json.dumps(rows, default=str))

asyncio.run(main())
"""


def _at(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def test_demo_loads_the_configured_ladder_and_calendar(
    e2e_env: dict[str, str], tmp_path: Path
) -> None:
    # given: a ladder whose first follow-up step is two hours late, a day that ends 17:30
    assert "first step 2 h late" in SLOW_FIRST_STEP
    ladder = tmp_path / "escalation.yaml"
    ladder.write_text(SLOW_FIRST_STEP, encoding="utf-8")
    env = {**e2e_env, "PROMOFLOW_ESCALATION_FILE": str(ladder),
           "PROMOFLOW_WORKDAY_END": "17:30"}
    # when: the demo is loaded
    promoflow(env, "demo")
    # then: its follow-ups are due at 17:30 and their first step counts from there
    out = subprocess.run([sys.executable, "-c", DEADLINES], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    rows = [r for r in json.loads(out) if r["first_step_at"] or r["next_at"]]
    assert rows
    for row in rows:
        due = _at(row["due_at"])
        assert due.astimezone(SHANGHAI).time() == clock_time(17, 30)
        first = _at(row["first_step_at"]) if row["first_step_at"] else _at(row["next_at"])
        assert first > due  # not at the due time, as the shipped ladder has it


def _metric(text: str, name: str, **labels: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        if head.split("{", 1)[0] != name:
            continue
        if all(f'{k}="{v}"' in head for k, v in labels.items()):
            total += float(value)
    return total


@pytest.fixture
def two_process_server(e2e_env: dict[str, str], tmp_path: Path) -> Server:
    promoflow(e2e_env, "migrate")
    promoflow(e2e_env, "demo")
    env = {**e2e_env, "PROMOFLOW_METRICS_DIR": str(tmp_path / "metrics"),
           "LOG_LEVEL": "INFO"}
    srv = Server(env, tmp_path / "server.log", args=("serve", "--workers", "2"))
    srv.wait_ready(timeout=60)
    yield srv
    srv.stop()


def test_metrics_count_every_process_and_logs_stay_calm(
    two_process_server: Server, e2e_env: dict[str, str]
) -> None:
    server = two_process_server
    rep = promoflow(e2e_env, "token", "rep.li").strip()
    headers = {"Authorization": f"Bearer {rep}"}
    # when: 40 requests over fresh connections (spread over both processes), one of them
    # an ordinary refusal: WIN from a potential customer
    with httpx.Client(base_url=server.url, timeout=10) as client:
        customers = client.post("/graphql", headers=headers, json={"query": """{
            customers(first: 50, filter: {stage: [POTENTIAL]}) {
              edges { node { id version } } } }"""}).json()
    potential = customers["data"]["customers"]["edges"][0]["node"]
    for _ in range(39):
        httpx.post(f"{server.url}/graphql", headers=headers,
                   json={"query": "{ me { username } }"}, timeout=10)
    refusal = httpx.post(f"{server.url}/graphql", headers=headers, timeout=10, json={
        "query": """mutation($id: ID!) { customerAdvanceStage(id: $id, event: WIN,
          dealAmount: "1.00") { __typename ... on TransitionNotAllowedError { code } } }""",
        "variables": {"id": potential["id"]}}).json()
    assert refusal["data"]["customerAdvanceStage"]["__typename"] == \
        "TransitionNotAllowedError"
    # then: /metrics (from loopback) counts all of them, whichever process answers
    deadline = time.monotonic() + 10
    text = ""
    while time.monotonic() < deadline:
        text = httpx.get(f"{server.url}/metrics", timeout=10).text
        if _metric(text, "promoflow_graphql_requests_total", operation="me") >= 39:
            break
        time.sleep(0.2)
    assert _metric(text, "promoflow_graphql_requests_total", operation="me",
                   outcome="ok") == 39
    assert _metric(text, "promoflow_graphql_requests_total",
                   operation="customerAdvanceStage", outcome="refused") == 1
    assert _metric(text, "promoflow_graphql_request_duration_seconds_count",
                   operation="me") == 39
    for family in ("promoflow_overdue_open", "promoflow_outbox_pending",
                   "promoflow_outbox_oldest_pending_seconds", "promoflow_queue_depth",
                   "promoflow_escalation_oldest_due_seconds"):
        assert f"\n{family}" in text or text.startswith(family), family
    assert _metric(text, "promoflow_overdue_open", object_type="follow_up") > 0
    # and the log: the refusal at info with its code, no error line, no terminal escapes
    server.stop()
    lines = [json.loads(line) for line in server.log_path.read_text().splitlines()
             if line.startswith("{")]
    assert lines
    assert not [r for r in lines if r["level"] in ("error", "critical")], \
        [r["msg"] for r in lines if r["level"] in ("error", "critical")]
    assert any(r.get("code") == "TRANSITION_NOT_ALLOWED" and r["level"] == "info"
               for r in lines)
    assert "\x1b" not in server.log_path.read_text()


def test_metrics_need_the_token_when_one_is_set(
    e2e_env: dict[str, str], tmp_path: Path
) -> None:
    promoflow(e2e_env, "migrate")
    env = {**e2e_env, "METRICS_TOKEN": "scrape-" + "x" * 20}
    srv = Server(env, tmp_path / "server.log")
    try:
        srv.wait_ready()
        assert httpx.get(f"{srv.url}/metrics", timeout=10).status_code == 401
        wrong = httpx.get(f"{srv.url}/metrics", timeout=10,
                          headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        ok = httpx.get(f"{srv.url}/metrics", timeout=10,
                       headers={"Authorization": f"Bearer {env['METRICS_TOKEN']}"})
        assert ok.status_code == 200 and "promoflow_outbox_pending" in ok.text
        assert ok.headers["content-type"].startswith("text/plain")
    finally:
        srv.stop()


def test_the_cli_commands_run_without_redis_or_a_server(e2e_env: dict[str, str]) -> None:
    """Every entry point boots the same definitions: a bad ladder file stops each one."""
    env = {**e2e_env, "PROMOFLOW_ESCALATION_FILE": "/nonexistent/escalation.yaml"}
    for args in (("demo",), ("token", "rep.li"), ("report", "X")):
        done = subprocess.run([*PROMOFLOW, *args], env=env, cwd=ROOT, capture_output=True,
                              text=True, timeout=60, check=False)
        assert done.returncode == 2, (args, done.stderr)
        assert "escalation.yaml" in done.stderr


def test_a_workers_escalations_show_in_the_servers_metrics(
    e2e_env: dict[str, str], tmp_path: Path
) -> None:
    """A worker on the server's host counts into the same directory: its escalation
    steps, their lag and its jobs are in the server's /metrics."""
    from tests.conftest import REDIS_URL

    promoflow(e2e_env, "migrate")
    promoflow(e2e_env, "demo")
    env = {**e2e_env, "REDIS_URL": REDIS_URL, "REDIS_PREFIX": f"e2e-{tmp_path.name[-12:]}",
           "PROMOFLOW_METRICS_DIR": str(tmp_path / "metrics"),
           "PROMOFLOW_SCHEDULER_INTERVAL": "5"}
    srv = Server(env, tmp_path / "server.log")
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([*PROMOFLOW, "worker"], env=env, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        srv.wait_ready()
        rep = promoflow(env, "token", "rep.li").strip()
        headers = {"Authorization": f"Bearer {rep}"}
        before = httpx.get(f"{srv.url}/metrics", timeout=10).text
        customer = httpx.post(f"{srv.url}/graphql", headers=headers, timeout=10, json={
            "query": "{ customers(first: 1) { edges { node { id } } } }"}).json()
        cid = customer["data"]["customers"]["edges"][0]["node"]["id"]
        due = datetime.now(SHANGHAI).replace(microsecond=0)
        made = httpx.post(f"{srv.url}/graphql", headers=headers, timeout=10, json={
            "query": """mutation($input: FollowUpCreateInput!) { followUpCreate(input: $input) {
              __typename } }""",
            "variables": {"input": {"customerId": cid, "method": "PHONE", "summary": "s",
                                    "feedback": "NEUTRAL", "nextAction": "回电",
                                    "dueAt": (due.isoformat())}}}).json()
        assert made["data"]["followUpCreate"]["__typename"] == "FollowUp", made
        text = before
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            text = httpx.get(f"{srv.url}/metrics", timeout=10).text
            if (_metric(text, "promoflow_escalation_steps_total", ladder="follow_up")
                    > _metric(before, "promoflow_escalation_steps_total", ladder="follow_up")):
                break
            time.sleep(0.5)
        assert _metric(text, "promoflow_escalation_steps_total", ladder="follow_up",
                       step="0") >= 1
        assert _metric(text, "promoflow_escalation_lag_seconds_count", ladder="follow_up") >= 1
        assert _metric(text, "promoflow_jobs_total", job="sweep", outcome="ok") >= 1
        assert _metric(text, "promoflow_queue_depth") >= 0
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        log.close()
        srv.stop()
