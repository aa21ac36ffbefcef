"""`promoflow export` as a real process on its own database."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import openpyxl

from tests.e2e.conftest import PROMOFLOW, ROOT, promoflow


def test_export_cli_writes_scoped_masked_files(e2e_env: dict[str, str], tmp_path: Path
                                               ) -> None:
    promoflow(e2e_env, "migrate")
    promoflow(e2e_env, "demo")
    # a rep's CSV on stdout: only their own customers, contacts in clear
    out = promoflow(e2e_env, "export", "customers", "--as", "rep.li", "--format", "csv",
                    "--lang", "en", "--out", "-")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0][:2] == ["Customer code", "Customer name"]
    assert len(rows) > 1 and {r[14] for r in rows[1:]} == {"rep.li"}
    assert all("*" not in r[7] for r in rows[1:])
    # marketing's XLSX in a file: every customer, phones masked
    target = tmp_path / "customers.xlsx"
    promoflow(e2e_env, "export", "customers", "--as", "mkt.chen", "--out", str(target))
    ws = openpyxl.load_workbook(target).active
    assert ws.cell(row=1, column=1).value == "客户编号"
    phones = [r[7] for r in ws.iter_rows(min_row=2, values_only=True) if r[7]]
    assert phones and all("****" in p for p in phones)
    assert ws.max_row - 1 > len(rows) - 1
    # a bad filter names itself and fails
    done = subprocess.run([*PROMOFLOW, "export", "customers", "--as", "admin", "--filter",
                           "stage=SOLD"], env=e2e_env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 2 and "--stage: stage must be one of" in done.stderr
