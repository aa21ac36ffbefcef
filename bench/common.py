"""Shared benchmark plumbing: databases, processes, wrk runs and their figures."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SECRET = "bench-secret-" + "b" * 32


def pg_url(name: str) -> str:
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


async def recreate_database(name: str) -> str:
    conn = await asyncpg.connect(PG_ADMIN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return pg_url(name)


def migrate(url: str) -> None:
    env = dict(os.environ, DATABASE_URL=url.replace("postgresql://", "postgres://", 1))
    subprocess.run([sys.executable, "-m", "engine.cli", "migrate"], env=env, cwd=ROOT,
                   check=True, capture_output=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 30) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def process(
    args: list[str], env: dict[str, str], ready_url: str
) -> Iterator[subprocess.Popen[bytes]]:
    with tempfile.NamedTemporaryFile(prefix="bench-", suffix=".log", delete=False) as log:
        proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_http(ready_url)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def promoflow_server(database_url: str, workers: int = 1) -> Iterator[str]:
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url.replace("postgresql://", "postgres://", 1),
               JWT_SECRET=SECRET, LOG_LEVEL="WARNING", PROMOFLOW_EMBEDDED_SCHEDULER="false")
    args = [sys.executable, "-m", "engine.cli", "serve", "--port", str(port),
            "--workers", str(workers)]
    with process(args, env, f"http://127.0.0.1:{port}/healthz"):
        yield f"http://127.0.0.1:{port}"


@contextmanager
def baseline_server(database_url: str) -> Iterator[str]:
    port = free_port()
    env = dict(os.environ, BENCH_DATABASE_URL=database_url)
    args = [sys.executable, "-m", "uvicorn", "bench.baseline_app:app", "--port", str(port),
            "--log-level", "warning", "--no-access-log"]
    with process(args, env, f"http://127.0.0.1:{port}/healthz"):
        yield f"http://127.0.0.1:{port}"


def token(username: str) -> str:
    from engine import auth
    from engine.settings import Settings

    return auth.issue_token(Settings(jwt_secret=SECRET), username, ttl_seconds=3 * 3600)


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: int
    non_2xx: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    if not m:
        raise ValueError(text)
    return float(m.group(1)) * _UNITS[m.group(2)]


def wrk(url: str, script: Path, *, connections: int, duration: int, threads: int = 1,
        env: dict[str, str] | None = None) -> WrkResult:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    out = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency",
         "-s", str(script), url],
        capture_output=True, text=True, check=True, env=dict(os.environ, **(env or {})),
    ).stdout
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, re.M))
    max_ms = _ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return WrkResult(rps, _ms(lat["50"]), _ms(lat["99"]), max_ms, total, errors,
                     int(non2xx.group(1)) if non2xx else 0)


def run(coro: object) -> object:
    return asyncio.run(coro)  # type: ignore[arg-type]
