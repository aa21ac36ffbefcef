"""Soak: the server, two workers, PostgreSQL and Redis for half an hour, with faults.

    python -m bench.soak [--minutes 30] [--rate 2] [--kill-every 240]

Follow-ups arrive continuously through the GraphQL API (`--rate` per second, as three
reps) and come due 5–90 s later; their ladder is shortened for the run (mark and remind
at due, the manager 10 s later, flag for reassignment 30 s later). Meanwhile the script:

- SIGKILLs the second worker every `--kill-every` seconds and starts a new one (the
  first worker lives through the run, for its memory figures);
- restarts Redis twice (stopped, 3 s away, started again empty: not a FLUSHDB);
- restarts PostgreSQL once (a fast shutdown, 5 s away, started again).

PostgreSQL and Redis are private instances the script starts on free ports (initdb as
the `postgres` user), so the faults disturb nothing else on the machine. Three live
subscriptions (rep.li, rep.wang, mgr.east) count every push they receive.

Printed at the end: steps due, applied, lost, duplicated; the lag from due time to applied
(p50/p99/max); the outbox backlog once the load stopped (it must drain to 0); pushes a
subscriber received twice (must be 0); the recovery time after each fault (until no step
is more than 2 s late and the API answers); worker and server memory at start and end.
The figures also go to bench/results/soak-<time>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench import common
from bench.escalation_bench import rss_mb

SOAK_LADDER_STEPS = """  follow_up:
    description: A follow-up's next action past its due time (soak run).
    steps:
      - at: "0"
        actions: [mark, notify_owner]
      - at: 10s
        actions: [notify_manager]
      - at: 30s
        actions: [flag_for_reassignment, notify_manager]"""
STEPS = 3
LATE = 2.0  # a step due longer ago than this and not applied is late
SWEEP_INTERVAL = 10


def soak_ladder() -> str:
    from engine import ladders

    text = ladders.DEFAULT_PATH.read_text(encoding="utf-8")
    start = text.index("  follow_up:")
    end = text.index("  task:")
    return text[:start] + SOAK_LADDER_STEPS + "\n" + text[end:]


# -- private PostgreSQL and Redis ------------------------------------------------------------


class PrivatePostgres:
    def __init__(self) -> None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
        if not versions:
            raise SystemExit("PostgreSQL server binaries are needed (/usr/lib/postgresql)")
        self.bin = versions[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="promoflow-soak-pg-"))
        self.port = common.free_port()
        shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.dir / "data"),
                          "--auth=trust", "--username=postgres", "--no-sync", quiet=True)

    def _as_postgres(self, *args: str, quiet: bool = False) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True,
                       stdout=subprocess.DEVNULL if quiet else None,
                       stderr=subprocess.DEVNULL if quiet else None)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/soak"

    def start(self) -> None:
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-w", "-l",
                          str(self.dir / "pg.log"), "-o",
                          f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                          "-c max_connections=200", "start", quiet=True)

    def stop(self) -> None:
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-w", "-m",
                          "fast", "stop", quiet=True)

    def remove(self) -> None:
        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    def __init__(self) -> None:
        self.port = common.free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="promoflow-soak-redis-"))
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], check=False,
                                  capture_output=True, text=True)
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# -- the run ---------------------------------------------------------------------------------


@dataclass
class Fault:
    kind: str
    at: float  # seconds into the run
    recovered_after: float | None = None


@dataclass
class Run:
    env: dict[str, str]
    url: str
    started: datetime
    logs: Path
    created: int = 0
    create_failures: int = 0
    pushes: dict[str, list[int]] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    spawned: int = 0

    def start_worker(self, slot: str) -> None:
        self.spawned += 1
        log = (self.logs / f"worker-{slot}-{self.spawned}.log").open("w")
        self.workers[slot] = subprocess.Popen(
            [sys.executable, "-m", "engine.cli", "worker"], env=self.env, cwd=common.ROOT,
            stdout=log, stderr=subprocess.STDOUT)


async def _customers(url: str, tokens: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        for rep, token in tokens.items():
            body = (await client.post("/graphql", headers={"Authorization": f"Bearer {token}"},
                                      json={"query": "{ customers(first: 50) { edges { node "
                                            "{ id owner { username } } } } }"})).json()
            found[rep] = [e["node"]["id"] for e in body["data"]["customers"]["edges"]
                          if e["node"]["owner"]["username"] == rep]
    return found


CREATE = """mutation($input: FollowUpCreateInput!) { followUpCreate(input: $input) {
  __typename } }"""


async def load(run: Run, tokens: dict[str, str], rate: float, until: float) -> None:
    """Follow-ups at `rate` per second, each due 5–90 s after it is written."""
    customers = await _customers(run.url, tokens)
    reps = list(customers)
    async with httpx.AsyncClient(base_url=run.url, timeout=15) as client:
        next_at = time.monotonic()
        while time.monotonic() < until:
            rep = random.choice(reps)
            due = datetime.now(UTC) + timedelta(seconds=random.uniform(5, 90))
            try:
                response = await client.post("/graphql", headers={
                    "Authorization": f"Bearer {tokens[rep]}"}, json={
                    "query": CREATE, "variables": {"input": {
                        "customerId": random.choice(customers[rep]), "method": "PHONE",
                        "summary": "soak", "feedback": "NEUTRAL", "nextAction": "回电",
                        "dueAt": due.isoformat()}}})
                ok = response.status_code == 200 and \
                    response.json()["data"]["followUpCreate"]["__typename"] == "FollowUp"
            except (httpx.HTTPError, KeyError, TypeError, ValueError):
                ok = False
            if ok:
                run.created += 1
            else:
                run.create_failures += 1
            next_at += 1 / rate
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))


async def subscribe(run: Run, name: str, token: str, until: float) -> None:
    """A live subscription that records every notification id it receives (reconnects)."""
    import websockets

    seen = run.pushes.setdefault(name, [])
    ws_url = run.url.replace("http://", "ws://") + "/graphql"
    while time.monotonic() < until:
        try:
            async with websockets.connect(ws_url, subprotocols=["graphql-transport-ws"]) as ws:
                await ws.send(json.dumps({"type": "connection_init",
                                          "payload": {"Authorization": f"Bearer {token}"}}))
                await ws.recv()
                await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
                    "query": "subscription { notifications { id } }"}}))
                while time.monotonic() < until:
                    try:
                        raw = await asyncio.wait_for(ws.recv(), 1.0)
                    except TimeoutError:
                        continue
                    message = json.loads(raw)
                    if message.get("type") == "next":
                        seen.append(int(message["payload"]["data"]["notifications"]["id"]))
                    elif message.get("type") == "ping":
                        await ws.send(json.dumps({"type": "pong"}))
        except Exception:  # the server is there all along; reconnect after a hiccup
            await asyncio.sleep(1)


async def late_steps(dsn: str) -> int | None:
    """Steps due more than LATE seconds ago and not applied (None: the database is away)."""
    try:
        conn = await asyncpg.connect(dsn, timeout=3)
    except Exception:
        return None
    try:
        return int(await conn.fetchval(
            "SELECT count(*) FROM deadline WHERE status = 'active' AND next_at <= "
            f"now() - interval '{LATE} seconds'"))
    except Exception:
        return None
    finally:
        await conn.close()


async def recovered(run: Run, dsn: str) -> bool:
    if await late_steps(dsn) != 0:
        return False
    try:
        async with httpx.AsyncClient(timeout=3) as client:
            return (await client.get(f"{run.url}/readyz")).status_code == 200
    except httpx.HTTPError:
        return False


async def faults(run: Run, pg: PrivatePostgres, redis: PrivateRedis, dsn: str,
                 minutes: float, kill_every: float, t0: float) -> None:
    total = minutes * 60
    plan: list[tuple[float, str]] = [(t, "kill worker") for t in
                                     _every(kill_every, total - 120)]
    plan += [(total * 0.3, "restart redis"), (total * 0.7, "restart redis"),
             (total * 0.5, "restart postgres")]
    for at, kind in sorted(plan):
        await asyncio.sleep(max(0.0, t0 + at - time.monotonic()))
        fault = Fault(kind, round(time.monotonic() - t0, 1))
        run.faults.append(fault)
        print(f"  [{fault.at:7.1f} s] {kind}", flush=True)
        if kind == "kill worker":
            run.workers["b"].send_signal(signal.SIGKILL)
            run.workers["b"].wait()
            await asyncio.sleep(2)
            run.start_worker("b")
        elif kind == "restart redis":
            redis.stop()
            await asyncio.sleep(3)
            redis.start()
        else:
            await asyncio.to_thread(pg.stop)
            await asyncio.sleep(5)
            await asyncio.to_thread(pg.start)
        started = t0 + fault.at
        await asyncio.sleep(0.5)
        for _ in range(1200):
            if await recovered(run, dsn):
                fault.recovered_after = round(time.monotonic() - started, 1)
                break
            await asyncio.sleep(0.5)
        print(f"            recovered after {fault.recovered_after} s", flush=True)


def _every(step: float, until: float) -> list[float]:
    out, t = [], step
    while t < until:
        out.append(t)
        t += step
    return out


async def drain(dsn: str, started: datetime, wait: float = 300) -> dict[str, Any]:
    """Wait until every step of the run's follow-ups is due and applied, and the outbox
    is empty (or `wait` seconds)."""
    deadline = time.monotonic() + wait
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        conn = await asyncpg.connect(dsn)
        try:
            state = dict(await conn.fetchrow(
                "SELECT (SELECT count(*) FROM deadline WHERE kind = 'follow_up' AND "
                "created_at >= $1 AND status = 'active') AS active, "
                "(SELECT count(*) FROM outbox WHERE processed_at IS NULL) AS pending, "
                "(SELECT count(*) FROM outbox WHERE processed_at IS NULL AND attempts >= 10) "
                "AS dead", started))
        finally:
            await conn.close()
        if state["active"] == 0 and state["pending"] == 0:
            break
        await asyncio.sleep(2)
    return state


async def figures(dsn: str, started: datetime) -> dict[str, Any]:
    conn = await asyncpg.connect(dsn)
    try:
        steps = await conn.fetchrow(
            "SELECT count(*) AS applied, count(DISTINCT (s.deadline_id, s.generation, s.step)) "
            "AS distinct_steps, "
            "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.applied_at - "
            "s.due_at)) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch "
            "FROM s.applied_at - s.due_at)) AS p99, max(extract(epoch FROM s.applied_at - "
            "s.due_at)) AS max, min(extract(epoch FROM s.applied_at - s.due_at)) AS min "
            "FROM escalation_step s JOIN deadline d ON d.id = s.deadline_id "
            "WHERE d.kind = 'follow_up' AND d.created_at >= $1", started)
        deadlines = int(await conn.fetchval(
            "SELECT count(*) FROM deadline WHERE kind = 'follow_up' AND created_at >= $1",
            started))
        marks = await conn.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT a.object_id) AS d FROM audit_event a "
            "JOIN follow_up f ON f.id = a.object_id WHERE a.object_type = 'follow_up' AND "
            "a.action = 'mark_overdue' AND f.created_at >= $1", started)
        reminders = await conn.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT n.object_id) AS d FROM notification n "
            "JOIN follow_up f ON f.id = n.object_id WHERE n.object_type = 'follow_up' AND "
            "n.kind = 'reminder' AND f.created_at >= $1", started)
        outbox = await conn.fetchrow(
            "SELECT count(*) FILTER (WHERE processed_at IS NULL) AS pending, "
            "count(*) FILTER (WHERE processed_at IS NULL AND attempts >= 10) AS dead "
            "FROM outbox")
    finally:
        await conn.close()
    due = deadlines * STEPS
    return {
        "follow_ups": deadlines, "steps_due": due, "steps_applied": int(steps["applied"]),
        "steps_lost": due - int(steps["distinct_steps"]),
        "steps_duplicated": int(steps["applied"]) - int(steps["distinct_steps"]),
        "marks_duplicated": int(marks["n"]) - int(marks["d"]),
        "reminders_duplicated": int(reminders["n"]) - int(reminders["d"]),
        "lag_p50_s": steps["p50"], "lag_p99_s": steps["p99"], "lag_max_s": steps["max"],
        "lag_min_s": steps["min"], "outbox_pending": int(outbox["pending"]),
        "outbox_dead": int(outbox["dead"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=2.0, help="follow-ups per second")
    parser.add_argument("--kill-every", type=float, default=240.0, metavar="SECONDS")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("the soak starts a private PostgreSQL as the postgres user: run as root")
    logs = Path(tempfile.mkdtemp(prefix="promoflow-soak-logs-"))
    pg, redis = PrivatePostgres(), PrivateRedis()
    try:
        pg.start()
        redis.start()
        subprocess.run(["runuser", "-u", "postgres", "--", str(pg.bin / "createdb"), "-h",
                        "127.0.0.1", "-p", str(pg.port), "soak"], check=True)
        ladder = logs / "escalation.yaml"
        ladder.write_text(soak_ladder(), encoding="utf-8")
        env = dict(os.environ, DATABASE_URL=pg.url, REDIS_URL=redis.url,
                   JWT_SECRET=common.SECRET, LOG_LEVEL="INFO", LOG_FORMAT="json",
                   PROMOFLOW_ESCALATION_FILE=str(ladder),
                   PROMOFLOW_SCHEDULER_INTERVAL=str(SWEEP_INTERVAL),
                   PROMOFLOW_METRICS_DIR=str(logs / "metrics"), ALLOWED_ORIGINS="*")
        for command in (["migrate"], ["demo"]):
            subprocess.run([sys.executable, "-m", "engine.cli", *command], env=env,
                           cwd=common.ROOT, check=True, capture_output=True)
        port = common.free_port()
        url = f"http://127.0.0.1:{port}"
        server_log = (logs / "server.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "engine.cli", "serve", "--port", str(port)], env=env,
            cwd=common.ROOT, stdout=server_log, stderr=subprocess.STDOUT)
        common.wait_http(f"{url}/readyz", timeout=60)
        started = datetime.now(UTC)
        run = Run(env=env, url=url, started=started, logs=logs)
        run.start_worker("a")
        run.start_worker("b")
        time.sleep(3)
        memory = {"worker_start_mb": rss_mb(run.workers["a"].pid),
                  "server_start_mb": rss_mb(server.pid)}
        tokens = {u: common.token(u) for u in ("rep.li", "rep.wang", "rep.zhao", "mgr.east")}
        dsn = pg.url.replace("postgres://", "postgresql://", 1)
        print(f"soak: {args.minutes:g} min, {args.rate:g} follow-ups/s, sweep every "
              f"{SWEEP_INTERVAL} s, logs in {logs}", flush=True)

        async def soak() -> dict[str, Any]:
            t0 = time.monotonic()
            until = t0 + args.minutes * 60
            tasks = [asyncio.create_task(load(run, {k: v for k, v in tokens.items()
                                                    if k.startswith("rep.")},
                                              args.rate, until))]
            tasks += [asyncio.create_task(subscribe(run, u, tokens[u], until + 150))
                      for u in ("rep.li", "rep.wang", "mgr.east")]
            tasks.append(asyncio.create_task(
                faults(run, pg, redis, dsn, args.minutes, args.kill_every, t0)))
            await asyncio.gather(tasks[0], tasks[-1])
            print("  load stopped; waiting for the backlog to drain", flush=True)
            drained_at = time.monotonic()
            state = await drain(dsn, started)
            drained = round(time.monotonic() - drained_at, 1)
            await asyncio.gather(*tasks[1:-1])
            result = await figures(dsn, started)
            result["drain_s"] = drained
            result["state_at_drain"] = state
            return result

        result = asyncio.run(soak())
        memory.update(worker_end_mb=rss_mb(run.workers["a"].pid),
                      server_end_mb=rss_mb(server.pid))
        pushed = {u: len(ids) for u, ids in run.pushes.items()}
        twice = {u: len(ids) - len(set(ids)) for u, ids in run.pushes.items()}
        result.update(memory, created=run.created, create_failures=run.create_failures,
                      pushes=pushed, pushes_twice=twice,
                      faults=[f.__dict__ for f in run.faults], minutes=args.minutes,
                      rate=args.rate, sweep_interval_s=SWEEP_INTERVAL,
                      load_average=os.getloadavg())
        for proc in [*run.workers.values(), server]:
            proc.terminate()
        for proc in [*run.workers.values(), server]:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=30)
        _report(result)
        out = common.ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        path = out / f"soak-{started:%Y%m%dT%H%M%S}.json"
        path.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
        print(f"\nwritten to {path}; process logs in {logs}")
    finally:
        redis.remove()
        pg.remove()


def _report(r: dict[str, Any]) -> None:
    print()
    print(f"{r['minutes']:g} min soak, {r['created']:,} follow-ups created "
          f"({r['create_failures']} refused or failed while PostgreSQL was away)")
    print(f"  steps due / applied      {r['steps_due']:,} / {r['steps_applied']:,}")
    print(f"  lost / duplicated        {r['steps_lost']} / {r['steps_duplicated']} "
          f"(marks doubled {r['marks_duplicated']}, reminders doubled "
          f"{r['reminders_duplicated']})")
    print(f"  lag p50 / p99 / max      {r['lag_p50_s']:.2f} / {r['lag_p99_s']:.2f} / "
          f"{r['lag_max_s']:.2f} s (min {r['lag_min_s']:.2f} s: none early)")
    print(f"  outbox at the end        {r['outbox_pending']} pending, {r['outbox_dead']} dead "
          f"(drained {r['drain_s']} s after the load stopped)")
    print(f"  pushes received          {r['pushes']}")
    print(f"  pushed twice             {r['pushes_twice']}")
    for f in r["faults"]:
        print(f"  {f['kind']:<17} at {f['at']:7.1f} s: recovered after {f['recovered_after']} s")
    print(f"  worker RSS start / end   {r['worker_start_mb']:.0f} / {r['worker_end_mb']:.0f} MB"
          f"; server {r['server_start_mb']:.0f} / {r['server_end_mb']:.0f} MB")
    print(f"  load average             {', '.join(f'{x:.2f}' for x in r['load_average'])}")


if __name__ == "__main__":
    main()
