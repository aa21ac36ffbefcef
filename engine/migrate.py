"""Schema migrations with aerich, one migration folder per dialect (docs/adr/0002).

`upgrade` brings a database to the newest schema (what `promoflow migrate` runs);
`make` writes the next migration for both dialects from the models (developers only).
"""

from __future__ import annotations

from pathlib import Path

from aerich import Command
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.context import TortoiseContext
from tortoise.exceptions import OperationalError

from engine import db
from engine.settings import database_dialect

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


async def make(name: str, root: Path = db.MIGRATIONS_ROOT) -> list[str]:
    """Write the next migration for each dialect (offline: compares models with files)."""
    written: list[str] = []
    placeholder = {
        "sqlite": "sqlite://:memory:",
        "postgres": "postgres://postgres@127.0.0.1:5432/postgres",
    }
    for dialect in DIALECTS:
        url = placeholder[dialect]
        assert database_dialect(url) == dialect
        location = str(root / dialect)
        folder = Path(location) / db.APP
        has_files = any(p.name[0].isdigit() for p in folder.glob("*.py"))
        cmd = _command(url, location)
        # aerich initialises Tortoise globally once per context: give each dialect its own.
        isolated = TortoiseContext()
        token = db.bind(isolated)
        try:
            if not has_files:
                await cmd.init_migrations(safe=True)
                written.append(f"{dialect}: initial")
                continue
            await cmd.init(offline=True)
            result = await cmd.migrate(name, offline=True, no_input=True)
            if result:
                written.append(f"{dialect}: {result}")
        finally:
            await cmd.aclose()
            db.unbind(token)
    return written


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
