"""The committed migrations describe exactly the current models, for both dialects."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from engine import db, migrate

# Run aerich in a child process: initialising Tortoise for another dialect would change
# per-model state this test process shares with the database tests (STACK-NOTES.md).
DRIFT_CHECK = """
import asyncio, sys
from pathlib import Path
from engine import migrate
print("\\n".join(migrate.make("drift_check", root=Path(sys.argv[1]))))
"""


def test_no_model_change_lacks_a_migration(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_ROOT, root)
    before = {p.relative_to(root) for p in root.rglob("*.py")}
    done = subprocess.run([sys.executable, "-c", DRIFT_CHECK, str(root)], check=False,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    after = {p.relative_to(root) for p in root.rglob("*.py")}
    assert done.stdout.strip() == "" and after == before, (
        f"models changed without a migration: {done.stdout}; run "
        "`promoflow migrate --make NAME`"
    )


def test_both_dialects_have_the_same_history() -> None:
    sqlite = [f.split("_", 1)[0] for f in migrate.migration_files("sqlite://x")]
    postgres = [f.split("_", 1)[0] for f in migrate.migration_files("postgres://x@y/z")]
    assert sqlite == postgres and sqlite
