"""Schema migrations with aerich, one migration folder per dialect (docs/adr/0002).

`upgrade` brings a database to the newest schema (what `promoflow migrate` runs);
`make` writes the next migration for both dialects from the models (developers only).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from aerich import Command
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import OperationalError

from engine import db

DIALECTS = ("sqlite", "postgres")


def _command(database_url: str, location: str | None = None) -> Command:
    return Command(
        db.tortoise_config(database_url),
        app=db.APP,
        location=location or db.migrations_location(database_url),
    )


async def upgrade(database_url: str) -> list[str]:
    """Apply every migration the database has not seen; returns the files applied."""
    cmd = _command(database_url)
    try:
        await cmd.init()
        return list(await cmd.upgrade(run_in_transaction=True))
    finally:
        await cmd.aclose()


def make(name: str, root: Path = db.MIGRATIONS_ROOT) -> list[str]:
    """Write the next migration for each dialect (offline: compares models with files).

    Each dialect runs in its own process: aerich keeps the operations it collects in
    class attributes, so a second run in one process would repeat the first one's.
    Review what it writes: aerich's ALTER statements for SQLite need a look (SQLite
    cannot add a foreign key constraint to an existing table, for one).
    """
    written: list[str] = []
    for dialect in DIALECTS:
        done = subprocess.run(
            [sys.executable, "-m", "engine.migrate", dialect, name, str(root)],
            check=False, capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"aerich failed for {dialect}: {done.stderr.strip()}")
        if done.stdout.strip():
            written.append(f"{dialect}: {done.stdout.strip()}")
    return written


async def _make_one(dialect: str, name: str, root: Path) -> str | None:
    placeholder = {
        "sqlite": "sqlite://:memory:",
        "postgres": "postgres://postgres@127.0.0.1:5432/postgres",
    }[dialect]
    location = str(root / dialect)
    folder = Path(location) / db.APP
    has_files = any(p.name[0].isdigit() for p in folder.glob("*.py"))
    cmd = _command(placeholder, location)
    try:
        if not has_files:
            await cmd.init_migrations(safe=True)
            return "initial"
        await cmd.init(offline=True)
        return await cmd.migrate(name, offline=True, no_input=True) or None
    finally:
        await cmd.aclose()


def migration_files(database_url: str) -> list[str]:
    folder = Path(db.migrations_location(database_url)) / db.APP
    files = [p.name for p in folder.glob("*.py") if p.name.split("_", 1)[0].isdigit()]
    return sorted(files, key=lambda name: int(name.split("_", 1)[0]))


async def pending_files(conn: BaseDBAsyncClient, database_url: str) -> list[str]:
    """Migration files not yet applied to the database behind `conn` (no aerich init)."""
    try:
        rows = await conn.execute_query_dict(
            "SELECT version FROM aerich WHERE app = 'models'"
        )
    except OperationalError:
        rows = []
    applied = {r["version"] for r in rows}
    return [f for f in migration_files(database_url) if f not in applied]


if __name__ == "__main__":
    written_file = asyncio.run(_make_one(sys.argv[1], sys.argv[2], Path(sys.argv[3])))
    print(written_file or "", end="")
