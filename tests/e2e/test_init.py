"""A company's first day: `promoflow init` on an empty database, then its admin signs in."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx

from tests.e2e.conftest import PROMOFLOW, ROOT, Server, promoflow


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PROMOFLOW, *args], check=False, env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_init_then_token_then_the_admin_signs_in(e2e_env: dict[str, str],
                                                 tmp_path: Path) -> None:
    # when: a company is set up on an empty database (no migrate before: init does it)
    done = run(e2e_env, "init", "--company", "苏州云帆科技有限公司", "--admin", "it.admin",
               "--timezone", "Asia/Shanghai", "--admin-name", "IT 管理员")
    # then: it says what it made and which command comes next
    assert done.returncode == 0, done.stderr
    assert "initialised '苏州云帆科技有限公司' (time zone Asia/Shanghai)" in done.stdout
    assert "promoflow token it.admin" in done.stdout
    # a second init refuses, saying what it found, and changes nothing
    again = run(e2e_env, "init", "--company", "别的公司", "--admin", "other")
    assert again.returncode == 1
    assert ("the database is already initialised: found the organisation "
            "'苏州云帆科技有限公司' and 1 user(s) (it.admin); nothing was changed") in again.stderr
    # the admin's token works against the server
    token = promoflow(e2e_env, "token", "it.admin").strip()
    server = Server(e2e_env, tmp_path / "server.log")
    try:
        server.wait_ready()
        body = httpx.post(f"{server.url}/graphql", headers={"Authorization": f"Bearer {token}"},
                          json={"query": "{ me { username role displayName } organization "
                                         "{ name timezone } users { totalCount } }"},
                          timeout=10).json()
    finally:
        server.stop()
    assert body == {"data": {
        "me": {"username": "it.admin", "role": "ADMIN", "displayName": "IT 管理员"},
        "organization": {"name": "苏州云帆科技有限公司", "timezone": "Asia/Shanghai"},
        "users": {"totalCount": 1}}}


def test_init_refuses_bad_input_and_a_demo_database(e2e_env: dict[str, str]) -> None:
    bad_zone = run(e2e_env, "init", "--company", "X", "--admin", "it.admin",
                   "--timezone", "Mars/Olympus")
    assert bad_zone.returncode == 2
    assert "--timezone: unknown time zone 'Mars/Olympus'" in bad_zone.stderr
    bad_name = run(e2e_env, "init", "--company", "X", "--admin", "Not A Name")
    assert bad_name.returncode == 2 and "--admin: username" in bad_name.stderr
    no_user = run(e2e_env, "token", "it.admin")
    assert no_user.returncode == 1 and "the database has no users yet" in no_user.stderr
    # a database holding the demo is initialised too
    promoflow(e2e_env, "demo")
    demo = run(e2e_env, "init", "--company", "X", "--admin", "it.admin")
    assert demo.returncode == 1
    assert "already initialised: found the organisation" in demo.stderr
    assert "9 user(s) (admin, mgr.east, mgr.west, …)" in demo.stderr
