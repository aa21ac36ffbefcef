"""`promoflow import FILE` as a user runs it: a subprocess on its own SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def promoflow(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PROMOFLOW_", "REDIS"))}
    env.update(DATABASE_URL=f"sqlite://{db}", LOG_LEVEL="error")
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], check=False, cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "cli.sqlite3"
    done = promoflow(db, "demo")
    assert done.returncode == 0, done.stderr
    return db


def test_import_prints_progress_and_report(database: Path, tmp_path: Path) -> None:
    file = tmp_path / "客户.csv"
    file.write_text(
        "外部编号,客户名称,联系人,电话,客户来源,阶段,负责人,成交金额\n"
        "CLI-1,华东机械,张伟,13800138000,展会,潜在,rep.li,\n"
        "CLI-2,上海贸易,李雷,13900139000,转介绍,成交,rep.wang,8000\n",
        encoding="utf-8-sig",
    )
    done = promoflow(database, "import", str(file), "--as", "mgr.east")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "import #" in done.stdout and ": succeeded" in done.stdout
    assert "created 2" in done.stdout and "problems 0" in done.stdout
    assert "[##############################] 100.0%  writing" in done.stderr

    again = promoflow(database, "import", str(file), "--as", "mgr.east")
    assert again.returncode == 0 and "created 0" in again.stdout
    assert "unchanged 2" in again.stdout


def test_dry_run_with_problems_exits_1_and_lists_them(database: Path, tmp_path: Path) -> None:
    file = tmp_path / "bad.csv"
    file.write_text("name,contact,phone,source,owner\nA,B,,trade_show,rep.li\n"
                    "C,D,13800138000,pigeon,nobody\nE,F,13800138000,referral,rep.li\n")
    done = promoflow(database, "import", str(file), "--dry-run", "--problems", "2")
    assert done.returncode == 1
    assert "note: importing as 'admin'" in done.stderr
    assert "dry run #" in done.stdout and ": failed" in done.stdout
    assert "problems 3" in done.stdout
    lines = done.stdout.splitlines()
    assert any(line.split()[:2] == ["2", "phone"] for line in lines)
    assert any(line.split()[:3] == ["3", "source", "pigeon"] for line in lines)
    assert "… and 1 more problem(s)" in done.stdout


def test_unknown_user_and_missing_file(database: Path, tmp_path: Path) -> None:
    file = tmp_path / "x.csv"
    file.write_text("name,contact,phone,source,owner\n")
    assert promoflow(database, "import", str(file), "--as", "ghost").returncode == 2
    assert promoflow(database, "import", str(tmp_path / "none.csv")).returncode == 2
    refused = promoflow(database, "import", str(file), "--as", "rep.li")
    assert refused.returncode == 1 and "you may not import customers" in refused.stderr
