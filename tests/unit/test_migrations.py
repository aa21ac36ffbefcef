"""The committed migrations describe exactly the current models, for both dialects."""

from __future__ import annotations

import shutil
from pathlib import Path

from engine import db, migrate


async def test_no_model_change_lacks_a_migration(tmp_path: Path) -> None:
    root = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS_ROOT, root)
    before = {p.relative_to(root) for p in root.rglob("*.py")}
    written = await migrate.make("drift_check", root=root)
    after = {p.relative_to(root) for p in root.rglob("*.py")}
    assert written == [] and after == before, (
        f"models changed without a migration: {written}; run `promoflow migrate --make NAME`"
    )


def test_both_dialects_have_the_same_history() -> None:
    sqlite = [f.split("_", 1)[0] for f in migrate.migration_files("sqlite://x")]
    postgres = [f.split("_", 1)[0] for f in migrate.migration_files("postgres://x@y/z")]
    assert sqlite == postgres and sqlite
