"""`promoflow report`: the review report from the command line, on the run's database."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

from engine.authz import Principal
from engine.settings import Settings
from tests.conftest import TEST_SECRET, CampaignFactory, CustomerFactory
from tests.report_seed import seed

ROOT = Path(__file__).resolve().parents[2]


def _run(settings: Settings, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS"))}
    env |= {"DATABASE_URL": settings.database_url, "JWT_SECRET": TEST_SECRET,
            "LOG_FORMAT": "text"}
    return subprocess.run([sys.executable, "-m", "engine.cli", "report", *args], env=env,
                          cwd=ROOT, capture_output=True, timeout=120, check=False)


async def test_report_command(org: dict[str, Principal], make_campaign: CampaignFactory,
                              make_customer: CustomerFactory, test_settings: Settings,
                              tmp_path: Path) -> None:
    s = await seed(org, make_campaign, make_customer)
    out = tmp_path / "r.pdf"
    # when
    written = await asyncio.to_thread(_run, test_settings, s.campaign.code, "--out", str(out),
                                      "--as", "mgr.east", "--from", "2026-07-01")
    html = await asyncio.to_thread(_run, test_settings, s.campaign.code.lower(), "--format",
                                   "html", "--out", "-")
    denied = await asyncio.to_thread(_run, test_settings, s.campaign.code, "--as", "rep.li",
                                     "--out", str(tmp_path / "no.pdf"))
    bad = await asyncio.to_thread(_run, test_settings, s.campaign.code, "--from", "July")
    # then
    assert written.returncode == 0, written.stderr.decode()
    assert written.stdout.decode().startswith(f"wrote {out} (")
    assert out.read_bytes().startswith(b"%PDF-")
    assert html.returncode == 0 and "《推广活动复盘报告》" in html.stdout.decode()
    assert denied.returncode == 1 and not (tmp_path / "no.pdf").exists()
    assert "may not read_budget this campaign" in denied.stderr.decode()
    assert bad.returncode == 2 and "not a date" in bad.stderr.decode()
