"""End-to-end: real `promoflow` processes on a database of their own."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND, _create_pg_database, _drop_pg_database

ROOT = Path(__file__).resolve().parents[2]
PROMOFLOW = [sys.executable, "-m", "engine.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def e2e_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for the processes: a fresh database, a real secret, no Redis."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS"))}
    name = f"promoflow_e2e_{uuid.uuid4().hex[:8]}"
    if BACKEND == "postgres":
        env["DATABASE_URL"] = asyncio.run(_create_pg_database(name))
    else:
        env["DATABASE_URL"] = f"sqlite://{tmp_path / 'e2e.sqlite3'}"
    env["JWT_SECRET"] = "e2e-secret-" + uuid.uuid4().hex
    env["LOG_FORMAT"] = "json"
    yield env
    if BACKEND == "postgres":
        asyncio.run(_drop_pg_database(name))


def promoflow(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    done = subprocess.run([*PROMOFLOW, *args], check=False, env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Server:
    def __init__(self, env: dict[str, str], log_path: Path,
                 args: tuple[str, ...] = ("serve",)) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = log_path.open("w")
        self.process = subprocess.Popen(
            [*PROMOFLOW, *args, "--port", str(self.port)], env=env, cwd=ROOT,
            stdout=self.log, stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.log_path.read_text()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"server not ready: {self.log_path.read_text()}")

    def stop(self) -> int:
        self.process.terminate()
        try:
            code = self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self.log.close()
        return code


@pytest.fixture
def server(e2e_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    promoflow(e2e_env, "migrate")
    promoflow(e2e_env, "demo")
    srv = Server(e2e_env, tmp_path / "server.log")
    srv.wait_ready()
    yield srv
    srv.stop()
