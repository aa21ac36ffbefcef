"""The `promoflow` command: serve, worker, migrate, demo, token, import, export, report."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date

from engine import __version__, log
from engine.settings import Settings, SettingsError, configure

DEMO_USERS = "admin, mgr.east, mgr.west, rep.li, rep.wang, rep.zhao, mkt.chen, dir.sun, fin.qian"


def _settings(*, boot: bool = True) -> Settings:
    """The settings, logging, the metrics directory and — unless `boot` is False — the
    definitions every process loads alike (workflows, policies, the calendar, the
    escalation ladders of PROMOFLOW_ESCALATION_FILE, the outbox's handlers)."""
    try:
        settings = configure(Settings.from_env())
    except SettingsError as exc:
        print(f"promoflow: bad setting: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    log.setup(settings.log_level, settings.log_format)
    _metrics_dir(settings)
    if boot:
        from engine import boot as boot_module
        from engine.machines import WorkflowDefinitionError

        try:
            boot_module.load_definitions(settings)
        except (WorkflowDefinitionError, OSError) as exc:
            print(f"promoflow: {exc}", file=sys.stderr)
            raise SystemExit(2) from None
    return settings


def _metrics_dir(settings: Settings) -> None:
    """Count metrics into the deployment's directory, shared by this host's processes
    (`serve --workers N`, workers), before anything imports the metrics client."""
    path = settings.metrics_dir
    if path is None or "prometheus_client" in sys.modules:
        return
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        print(f"promoflow: metrics directory {path!r} unusable ({exc}); each process counts "
              "its own metrics (set PROMOFLOW_METRICS_DIR)", file=sys.stderr)
        return
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
    from engine import metrics

    metrics.clean_dead_processes(path)


def _launcher() -> str:
    """How the user started us, so hints name a command that works in their shell."""
    return os.environ.get("PROMOFLOW_LAUNCHER") or "promoflow"


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in creds else url
    return url


async def _migrate(settings: Settings) -> list[str]:
    from engine import migrate

    return await migrate.upgrade(settings.database_url)


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = _settings(boot=False)
    if args.make:
        from engine import migrate

        written = migrate.make(args.make)
        print("\n".join(written) if written else "no model changes: nothing written")
        return 0
    applied = asyncio.run(_migrate(settings))
    print(f"applied {len(applied)} migration(s): {', '.join(applied)}" if applied
          else "database schema is up to date")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    settings = _settings()
    from engine import db, demo, demo_reset

    remove = bool(getattr(args, "reset", False) or getattr(args, "remove", False))
    load = not getattr(args, "remove", False)

    async def run() -> tuple[demo_reset.Removal | None, dict[str, int]]:
        await _migrate(settings)
        async with db.database(settings.database_url):
            removal = await demo_reset.remove() if remove else None
            return removal, (await demo.load() if load else {})

    removal, created = asyncio.run(run())
    if removal is not None:
        gone = ", ".join(f"{v} {k}" for k, v in removal.removed.items() if v)
        print(f"demo data removed ({gone or 'there was none'})")
        for line in removal.kept:
            print(f"  kept {line}")
    if load:
        summary = ", ".join(f"{v} {k}" for k, v in created.items() if v)
        print(f"demo organisation ready ({summary or 'already loaded, nothing new'})")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """Set a company up on an empty database: migrate, the organisation, its first admin."""
    settings = _settings()
    from engine import db
    from engine.errors import ValidationFailed
    from engine.services import organization

    zone = args.timezone or settings.timezone
    names = {"name": "--company", "timezone": "--timezone", "username": "--admin",
             "display_name": "--admin-name", "email": "--admin-email"}

    async def run() -> tuple[str, str]:
        await _migrate(settings)
        async with db.database(settings.database_url):
            company, admin = await organization.initialise(
                company=args.company, admin_username=args.admin, timezone=zone,
                admin_display_name=args.admin_name, admin_email=args.admin_email)
            return company.name, admin.username

    try:
        company, admin = asyncio.run(run())
    except organization.AlreadyInitialised as exc:
        print(f"promoflow init: {exc.message}; nothing was changed. (init is for an empty "
              "database; to try the demo instead use `promoflow demo`.)", file=sys.stderr)
        return 1
    except ValidationFailed as exc:
        print(f"promoflow init: {names.get(exc.field, exc.field)}: {exc.message}; nothing "
              "was changed", file=sys.stderr)
        return 2
    launcher = _launcher()
    lines = [f"initialised {company!r} (time zone {zone}) on {_redact(settings.database_url)}",
             f"  first admin:  {admin}",
             f"  next:         {launcher} token {admin}   "
             "(a bearer token for GraphiQL or your portal)"]
    if zone != settings.timezone:
        lines.append(f"  set PROMOFLOW_TIMEZONE={zone} for every promoflow process (serve, "
                     "worker): deadlines and record codes count in it")
    if settings.uses_dev_secret and settings.hs256_enabled:
        lines.append("  warning: JWT_SECRET is not set: tokens would be signed with the public "
                     "development secret; set it (or JWT_JWKS_URL) before going live")
    print("\n".join(lines))
    return 0


def cmd_graphiql_assets(args: argparse.Namespace) -> int:
    settings = _settings()
    from engine import graphiql_assets

    folder = settings.graphiql_assets_path
    absent = graphiql_assets.missing(folder)
    if args.check:
        for asset in absent:
            print(f"missing {asset.relative}")
        return 1 if absent else 0
    if not absent:
        if not args.quiet:
            print(f"GraphiQL's assets are in place ({folder})")
        return 0
    try:
        written = graphiql_assets.fetch(folder, registry=args.registry)
    except graphiql_assets.AssetError as exc:
        print(f"promoflow: could not fetch GraphiQL's assets: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"fetched {len(written)} GraphiQL file(s) into {folder}")
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    settings = _settings()
    from engine import auth, db
    from engine.models import User
    from engine.services import org

    if not settings.hs256_enabled:
        print("promoflow: tokens come from your identity provider (JWT_JWKS_URL / "
              "JWT_PUBLIC_KEY); set JWT_SECRET as well to print engine-signed tokens",
              file=sys.stderr)
        return 2

    async def lookup() -> tuple[bool, int]:
        async with db.database(settings.database_url):
            found = await org.principal_for_username(args.username) is not None
            return found, await User.all().count()

    found, users = asyncio.run(lookup())
    if not found:
        hint = (f"demo users: {DEMO_USERS}; load them with `{_launcher()} demo`" if users
                else f"the database has no users yet: `{_launcher()} init --company NAME "
                f"--admin USERNAME`, or `{_launcher()} demo` for the demo organisation")
        print(f"promoflow: no active user {args.username!r} ({hint})", file=sys.stderr)
        return 1
    if settings.uses_dev_secret:
        print("warning: JWT_SECRET is not set; this token is signed with the development "
              "secret", file=sys.stderr)
    print(auth.issue_token(settings, args.username, args.ttl))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings()
    import uvicorn

    if args.demo or settings.dialect == "sqlite":
        # Embedded mode runs everything in one process, so it also keeps its schema current;
        # on PostgreSQL migrations are an explicit deployment step (`promoflow migrate`).
        asyncio.run(_migrate(settings))
    if args.demo:
        # the server process loads the calendar again a second later and says the same:
        # its warnings are printed once, by the server
        calendar_log = logging.getLogger("promoflow.calendar")
        level = calendar_log.level
        calendar_log.setLevel(logging.ERROR)
        try:
            cmd_demo(args)
        finally:
            calendar_log.setLevel(level)
    url = f"http://{'127.0.0.1' if args.host in ('0.0.0.0', '::') else args.host}:{args.port}"
    launcher = _launcher()
    lines = [
        "",
        f"promoflow {__version__} is starting",
        f"  GraphQL API + GraphiQL:  {url}/graphql   (open it in a browser)",
        f"  database:                {_redact(settings.database_url)}",
        "  deadline jobs:           "
        + ("arq workers on " + _redact(settings.redis_url) if settings.redis_url
           else "in-process scheduler (no REDIS_URL)"),
        "",
        "  Get a token for a user:  " + f"{launcher} token rep.li",
        f"  demo users:              {DEMO_USERS}",
        '  then in GraphiQL → Headers: {"Authorization": "Bearer <token>"}',
        "",
    ]
    if settings.uses_dev_secret and settings.hs256_enabled:
        lines.append("  WARNING: JWT_SECRET is not set; tokens use the public development "
                     "secret. Never expose this server.")
        lines.append("")
    print("\n".join(lines), flush=True)
    uvicorn.run(
        "server:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=None,
        proxy_headers=True,
    )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    settings = _settings()
    if not settings.redis_url:
        print("promoflow: the worker needs REDIS_URL (without Redis, `serve` runs the jobs "
              "in-process)", file=sys.stderr)
        return 2
    from engine import worker

    if settings.dialect == "sqlite":
        asyncio.run(_migrate(settings))
    if args.metrics_port:
        from prometheus_client import start_http_server

        from engine import metrics

        start_http_server(args.metrics_port, addr=args.metrics_host,
                          registry=metrics.registry())
        print(f"worker metrics at http://{args.metrics_host}:{args.metrics_port}/metrics",
              file=sys.stderr)
    worker.run(settings, burst=args.burst)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    settings = _settings()
    from engine import db
    from engine.cli_import import run_import

    if not os.path.isfile(args.file):
        print(f"promoflow: no such file {args.file!r}", file=sys.stderr)
        return 2
    if args.as_user is None:
        print("note: importing as 'admin' (give --as USERNAME to import as someone else)",
              file=sys.stderr)
    async def run() -> int:
        if settings.dialect == "sqlite":
            await _migrate(settings)
        async with db.database(settings.database_url):
            defaults = {k: v for k, v in (("campaign", args.campaign),
                                          ("channel", args.channel)) if v}
            return await run_import(args.file, args.kind, args.dry_run,
                                    args.as_user or "admin", args.problems, defaults)

    return asyncio.run(run())


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a date like 2026-07-01") from None


def cmd_report(args: argparse.Namespace) -> int:
    """Write a campaign's review report (《推广活动复盘报告》), or with --plan a channel
    plan's (《渠道拓展复盘报告》), as PDF or HTML."""
    settings = _settings()
    from engine import authz, db
    from engine.errors import EngineError
    from engine.report import render_report
    from engine.services import org

    async def run() -> tuple[bytes, str]:
        async with db.database(settings.database_url):
            actor = authz.SYSTEM
            if args.as_user:
                found = await org.principal_for_username(args.as_user)
                if found is None:
                    raise EngineError(f"no active user {args.as_user!r}")
                actor = found
            if args.plan:
                from engine.report.plan_layout import render_plan_report

                plan = await render_plan_report(actor, args.campaign, args.format)
                return plan.content, plan.filename
            report = await render_report(actor, args.campaign, args.format, args.date_from,
                                         args.date_to)
            return report.content, report.filename

    if args.plan and (args.date_from or args.date_to):
        print("promoflow: --from/--to apply to campaign reports; a plan's report covers its "
              "months", file=sys.stderr)
        return 2
    try:
        content, filename = asyncio.run(run())
    except EngineError as exc:
        print(f"promoflow: {exc.message}", file=sys.stderr)
        return 1
    if args.out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return 0
    out = args.out or filename
    with open(out, "wb") as fh:
        fh.write(content)
    print(f"wrote {out} ({len(content):,} bytes)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    settings = _settings()
    from engine import db
    from engine.errors import EngineError
    from engine.services import exports, org

    params: dict[str, list[str]] = {}
    for item in args.filter or []:
        name, sep, value = item.partition("=")
        if not sep:
            print(f"promoflow: --filter {item!r}: write NAME=VALUE", file=sys.stderr)
            return 2
        params.setdefault(name.strip(), []).append(value)

    async def run() -> tuple[str, int] | None:
        async with db.database(settings.database_url):
            principal = await org.principal_for_username(args.as_user)
            if principal is None:
                print(f"promoflow: no active user {args.as_user!r}", file=sys.stderr)
                return None
            prepared = await exports.prepare(principal, args.table, args.format, args.lang,
                                             params)
            target = args.out or prepared.filename
            if target == "-":
                await exports.write_to(prepared, sys.stdout.buffer.write)
                sys.stdout.flush()
            else:
                # one task in this process: a blocking write holds up nobody
                with open(target, "wb") as out:  # noqa: ASYNC230
                    await exports.write_to(prepared, out.write)
            return target, prepared.sheets[0].written

    try:
        done = asyncio.run(run())
    except EngineError as exc:
        field = getattr(exc, "field", None)
        print(f"promoflow: {('--' + field + ': ') if field else ''}{exc.message}",
              file=sys.stderr)
        return 2
    if done is None:
        return 1
    target, rows = done
    if target != "-":
        print(f"exported {rows} {args.table} row(s) to {target}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="promoflow",
        description="promoflow: a headless workflow engine for sales promotion. Settings come "
        "from the environment: DATABASE_URL (default: ./promoflow.sqlite3), REDIS_URL "
        "(unset: embedded mode), JWT_SECRET.",
    )
    parser.add_argument("--version", action="version", version=f"promoflow {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the GraphQL server",
                           description="Run the GraphQL API (GraphiQL at /graphql).")
    serve.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="uvicorn processes (default 1)")
    serve.add_argument("--demo", action="store_true",
                       help="load the demo organisation first (idempotent)")
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run an arq worker (needs REDIS_URL)",
                            description="Run an arq worker for deadline and escalation jobs.")
    worker.add_argument("--burst", action="store_true", help="exit when the queue is empty")
    worker.add_argument("--metrics-port", type=int, default=None, metavar="PORT",
                        help="also serve this host's metrics at http://HOST:PORT/metrics "
                        "(for a host that runs workers and no server; the server's /metrics "
                        "reports the workers of its own host)")
    worker.add_argument("--metrics-host", default="127.0.0.1", metavar="HOST",
                        help="interface for --metrics-port (default 127.0.0.1)")
    worker.set_defaults(func=cmd_worker)

    mig = sub.add_parser("migrate", help="bring the database schema up to date",
                         description="Apply pending aerich migrations to DATABASE_URL.")
    mig.add_argument("--make", metavar="NAME",
                     help="(developers) write the next migration for SQLite and PostgreSQL "
                     "from the models instead")
    mig.set_defaults(func=cmd_migrate)

    init = sub.add_parser(
        "init", help="set a company up on an empty database (organisation + first admin)",
        description="Bring DATABASE_URL's schema up to date, then create the organisation and "
        "its first admin, audited. Refused (exit 1, nothing changed) when the database "
        "already has an organisation or any user. Then `promoflow token USERNAME` prints "
        "the admin's token.")
    init.add_argument("--company", required=True, metavar="NAME",
                      help="the company's name (企业名称)")
    init.add_argument("--admin", required=True, metavar="USERNAME",
                      help="the first admin's username (lower-case letters, digits, . _ -); "
                      "with an identity provider, the value of its username claim")
    init.add_argument("--timezone", metavar="ZONE",
                      help="the company's time zone, e.g. Asia/Shanghai (default: "
                      "PROMOFLOW_TIMEZONE); fixed from then on")
    init.add_argument("--admin-name", metavar="NAME", help="the admin's display name")
    init.add_argument("--admin-email", metavar="EMAIL", help="the admin's e-mail")
    init.set_defaults(func=cmd_init)

    demo = sub.add_parser(
        "demo", help="load the demo organisation (idempotent; --reset starts it afresh)",
        description="Create the demo organisation: departments east/west, nine users, a "
        "company profile (if there is none), four products, four campaigns and 36 customers "
        "with follow-ups and orders. Running it again adds only what is missing. The demo "
        "keeps a record (table demo_record) of every row it made and finds its rows only "
        "through it, never by name, so records you add — even with the same names — are "
        "never touched.",
        epilog="--reset / --remove delete exactly the rows in demo_record and what hangs off "
        "them: the demo customers with their follow-ups (also ones you added to a demo "
        "customer), stage history, orders and deadlines; the demo campaigns with their tasks, "
        "budgets, approvals, KPIs and exceptions; notifications about those. They keep, and "
        "list: a demo user, department or product that something of yours still refers to "
        "(e.g. a customer you gave rep.li). Your customers that a demo campaign brought lose "
        "that attribution. The audit trail is kept; each removal is audited. Nothing else is "
        "deleted.")
    mode = demo.add_mutually_exclusive_group()
    mode.add_argument("--reset", action="store_true",
                      help="remove the demo's data, then load it afresh")
    mode.add_argument("--remove", action="store_true",
                      help="remove the demo's data and do not load it again")
    demo.set_defaults(func=cmd_demo)

    token = sub.add_parser("token", help="print a bearer token for a user",
                           description="Print a signed JWT for USERNAME (HS256, JWT_SECRET).")
    token.add_argument("username", metavar="USERNAME")
    token.add_argument("--ttl", type=int, default=None, help="lifetime in seconds")
    token.set_defaults(func=cmd_token)

    assets = sub.add_parser(
        "graphiql-assets", help="fetch GraphiQL's browser files (./run does it)",
        description="Fetch the React, GraphiQL and explorer files that GraphiQL's page loads "
        "from the npm registry into GRAPHIQL_ASSETS_DIR (default engine/graphiql-assets), "
        "checked against the registry's sha512 and the page's SRI hashes, so the server "
        "serves GraphiQL without any request leaving the machine. Does nothing when they "
        "are there (docs/graphiql.md).")
    assets.add_argument("--check", action="store_true",
                        help="only list what is missing (exit 1 if anything is)")
    assets.add_argument("--registry", default="https://registry.npmjs.org", metavar="URL",
                        help="an npm registry or mirror (default the public one)")
    assets.add_argument("--quiet", action="store_true", help="print only errors")
    assets.set_defaults(func=cmd_graphiql_assets)

    imp = sub.add_parser(
        "import", help="import historical customers or orders, channel metrics, or an HR "
        "export of users, from CSV/XLSX",
        description="Import FILE (.csv UTF-8/GB18030 or .xlsx; Chinese or English headers, "
        "see docs/import.md). All-or-nothing: one invalid row imports nothing. Re-importing "
        "updates records with the same external id. Exit status 0 when the file imported "
        "(or, with --dry-run, would import), 1 when it has problems.",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--kind", choices=["customers", "orders", "channel-metrics", "users"],
                     default="customers",
                     help="what the file holds (default customers); channel-metrics: a "
                     "platform's daily figures (UV, PV, clicks, spend, …) of a campaign's "
                     "channel; users: an HR export, admins only, see docs/people.md")
    imp.add_argument("--campaign", metavar="CODE",
                     help="channel-metrics: the campaign (code or name) of every row, for "
                     "files without a campaign column")
    imp.add_argument("--channel", metavar="CHANNEL",
                     help="channel-metrics: the channel (抖音 or douyin, …) of every row, for "
                     "files without a channel column")
    imp.add_argument("--dry-run", action="store_true",
                     help="validate and report only; write nothing but the job record")
    imp.add_argument("--as", dest="as_user", metavar="USERNAME",
                     help="the user the import acts as (default admin); their permissions "
                     "bound whose customers the file may name")
    imp.add_argument("--problems", type=int, default=20, metavar="N",
                     help="how many problems to print (default 20)")
    imp.set_defaults(func=cmd_import)

    report = sub.add_parser(
        "report", help="write a campaign's review report (PDF or HTML)",
        description="Write the review report (推广活动复盘报告) of a campaign: effect "
        "figures, KPI plan vs actual, funnel, channels, budget vs spend, exceptions and "
        "late tasks, with charts. Reads DATABASE_URL directly.")
    report.add_argument("campaign", metavar="CAMPAIGN",
                        help="the campaign's code (or id); with --plan a channel plan's")
    report.add_argument("--plan", action="store_true",
                        help="write a channel-expansion plan's review report (渠道拓展复盘报告): "
                        "channels, scores, milestones on time or late, risks, KPIs vs targets")
    report.add_argument("--format", choices=("pdf", "html"), default="pdf",
                        help="pdf (default) or html")
    report.add_argument("--out", metavar="FILE",
                        help="where to write it (default review-CODE.FORMAT; - for stdout)")
    report.add_argument("--as", dest="as_user", metavar="USERNAME",
                        help="see the report as this user would (their permissions apply); "
                        "default: the system actor, which sees everything")
    report.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD",
                        help="first day of the period (company time zone)")
    report.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD",
                        help="last day of the period (inclusive)")
    report.set_defaults(func=cmd_report)


    export = sub.add_parser(
        "export", help="export a table as CSV or XLSX",
        description="Export customers, campaigns, follow-ups, effect-analysis, permissions or "
        "channel-plans "
        "as the user given with --as sees them (scope, masking), audited as that user. "
        "Filters take the names of the HTTP query parameters (docs/exports.md).")
    export.add_argument("table", metavar="TABLE",
                        choices=["customers", "campaigns", "follow-ups", "effect-analysis",
                                 "permissions", "channel-plans"])
    export.add_argument("--format", choices=["csv", "xlsx"], default="xlsx",
                        help="file format (default xlsx)")
    export.add_argument("--lang", choices=["zh", "en"], default="zh",
                        help="header and label language (default zh)")
    export.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                        help="whose view to export (required: exports are scoped, masked "
                        "and audited per user)")
    export.add_argument("--out", metavar="FILE",
                        help="where to write ('-' for stdout; default: a dated file name "
                        "in the current directory)")
    export.add_argument("--filter", action="append", metavar="NAME=VALUE",
                        help="a filter, e.g. stage=INTENT or from=2026-07-01 (repeatable)")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    raise SystemExit(main())
