"""``seller-bot``: run, chat, send, web, outbox, workshops, staff, export, poster, db upgrade,
bench, health, backup, restore.

Operator mistakes (a wrong token, database URL or setting) end with one clear line on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from bot.cli.parser import build_parser
from bot.db.engine import DatabaseError, upgrade
from bot.logs import setup_logging
from bot.settings import ConfigError, Settings, load_settings

log = logging.getLogger("haat")


def _fail(message: str) -> int:
    print(f"seller-bot: {message}", file=sys.stderr)
    return 2


def _prepare(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    setup_logging(settings.log_level if not getattr(args, "quiet", False) else "WARNING",
                  secrets=(settings.token, settings.webhook_secret))
    return settings


def cmd_db_upgrade(settings: Settings) -> int:
    upgrade(settings.database_url)
    print("Database schema is up to date.")
    return 0


def cmd_chat(settings: Settings, files: str | None = None) -> int:
    from bot.cli.chat import FILES_DIR, TerminalChat

    logging.getLogger().setLevel(logging.WARNING)  # keep the conversation readable
    upgrade(settings.database_url)
    asyncio.run(TerminalChat(settings, files_dir=Path(files) if files else FILES_DIR).run())
    return 0


def cmd_run(settings: Settings) -> int:
    if not settings.token:
        print("TELEGRAM_BOT_TOKEN is not set: starting the terminal chat instead "
              "(set it to run on Telegram).")
        return cmd_chat(settings)
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.app import build_application
    from bot.runtime import serve
    from bot.runtime.asgi import ListenError

    upgrade(settings.database_url)
    try:
        # First a plain getMe: a wrong token or address then ends with one line instead
        # of python-telegram-bot's start-up retry loop and its traceback.
        asyncio.run(_check_token(settings))
        app = build_application(settings)
        # The staff pages ride on the webhook's server; a polling bot serves them with
        # ``seller-bot web``.
        pages = []
        if settings.web_url and settings.webhook_url:
            from bot.web.app import routes as web_routes

            pages = web_routes(app.bot_data["runtime"].database, settings)
        elif settings.web_url:
            log.info("WEB_URL is set and the bot polls: serve the staff pages with "
                     "`seller-bot web`")
        # Polling or webhook, both through the inbox (bot/runtime/intake.py).
        asyncio.run(serve.run(app, settings, routes=pages))
    except InvalidToken:
        return _fail("Telegram refused TELEGRAM_BOT_TOKEN (invalid or revoked); copy it "
                     "again from @BotFather.")
    except ListenError as exc:
        return _fail(str(exc))
    except NetworkError as exc:
        return _fail(f"cannot reach the Bot API at TELEGRAM_API_URL ({settings.api_url}): "
                     f"{_first_line(exc.message)}")
    except TelegramError as exc:  # HTML from a proxy, a captive portal, a wrong address
        return _fail(f"the address in TELEGRAM_API_URL ({settings.api_url}) does not answer "
                     f"like the Telegram Bot API: {_first_line(exc.message)}")
    return 0


def _first_line(text: str, limit: int = 160) -> str:
    first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return first if len(first) <= limit else first[:limit] + "…"


async def _check_token(settings: Settings) -> None:
    """Ask the Bot API who we are."""
    from telegram import Bot

    # PTB logs an unreadable answer with its traceback before raising; we say it in one line.
    request_log = logging.getLogger("telegram.request.BaseRequest")
    request_log.disabled = True
    try:
        async with Bot(settings.token, base_url=settings.bot_base_url,
                       base_file_url=settings.file_base_url) as bot:
            log.info("connected as @%s", bot.username)
    finally:
        request_log.disabled = False


def cmd_web(settings: Settings) -> int:
    """The staff web page alone (a polling bot; a webhook bot serves it itself)."""
    if not settings.web_url:
        return _fail("WEB_URL is not set: the staff web page is off (see the README, "
                     "\"Staff web page\").")
    if not settings.token:
        return _fail("TELEGRAM_BOT_TOKEN is not set: the staff web page's cookies are "
                     "signed with a key made from it.")
    from bot.web import alone

    upgrade(settings.database_url)
    log.info("staff web page on port %s", settings.port)
    alone.serve(settings)
    return 0


def cmd_send(settings: Settings) -> int:
    """The outbox sender alone (OUTBOX_SENDER=separate runs the bot without one)."""
    if not settings.token:
        return _fail("TELEGRAM_BOT_TOKEN is not set: the sender sends through Telegram.")
    upgrade(settings.database_url)
    try:
        asyncio.run(_check_token(settings))
        asyncio.run(_send_forever(settings))
    except KeyboardInterrupt:
        pass
    return 0


async def _send_forever(settings: Settings) -> None:
    import signal

    from bot.app import build_sender, plan_nudges_forever
    from bot.db.engine import Database

    database = Database(settings.database_url)
    sender = build_sender(settings, database)
    planner = asyncio.create_task(plan_nudges_forever(database))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with sender.bot:
        log.info("outbox sender %s started (%.0f/s)", sender.owner, settings.outbox_rate)
        await sender.run(stop)
    planner.cancel()
    await database.dispose()
    log.info("outbox sender stopped: %s", dict(sender.stats))


def cmd_outbox(settings: Settings) -> int:
    """Counts by kind and status: what waits, what failed, what is unknown."""
    from bot.db.engine import Database
    from bot.outbox import queue

    async def counts() -> dict[tuple[str, str], int]:
        database = Database(settings.database_url)
        try:
            async with database.transaction() as session:
                return await queue.counts(session)
        finally:
            await database.dispose()

    upgrade(settings.database_url)
    table = asyncio.run(counts())
    kinds = sorted({kind for kind, _status in table})
    if not kinds:
        print("The outbox is empty.")
        return 0
    print(f"{'kind':<20}" + "".join(f"{s:>10}" for s in queue.STATUSES))
    for kind in kinds:
        print(f"{kind:<20}" + "".join(f"{table.get((kind, s), 0):>10}" for s in queue.STATUSES))
    return 0


def cmd_health(settings: Settings) -> int:
    """One line per check; exit 1 if any fails (a container HEALTHCHECK reads the code)."""
    from bot.runtime import health

    results = asyncio.run(health.check(settings))
    sys.stdout.write(health.report(results))
    return 0 if all(r.ok for r in results) else 1


def cmd_backup(settings: Settings, file: str) -> int:
    from bot.db import backup

    backup.backup(settings.database_url, Path(file))
    print(f"Backed up to {file}.")
    return 0


def cmd_restore(settings: Settings, file: str, replace: bool) -> int:
    from bot.db import backup

    backup.restore(settings.database_url, Path(file), replace=replace)
    print(f"Restored {file}; run seller-bot db upgrade if it came from an older version.")
    return 0


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cli.bench import main as bench_main

    # Each part migrates scratch databases: their migration lines would bury the results.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return bench_main(quick=args.quick, only=args.only)


def _district_codes(words: list[str]) -> list[str]:
    from bot.reference import districts

    codes, unknown = [], []
    for word in words:
        found = districts.district(word.lower()) or districts.district_named(word)
        (codes.append(found.code) if found else unknown.append(word))
    if unknown:
        raise ConfigError(f"not a district of Uttar Pradesh: {', '.join(unknown)} "
                          f"(use a code such as agra, or the name)")
    return codes


def cmd_staff(settings: Settings, args: argparse.Namespace) -> int:
    """Appoint, remove and list facilitators (operators are ADMIN_IDS); mark testers."""
    from bot.admin import staff
    from bot.db import sellers
    from bot.db.engine import Database

    upgrade(settings.database_url)

    async def run() -> int:
        database = Database(settings.database_url)
        try:
            async with database.transaction() as session:
                if args.action == "add":
                    districts = await staff.add(session, args.telegram_id,
                                                _district_codes(args.districts), added_by=None,
                                                name=args.name)
                    print(f"{args.telegram_id} is a facilitator for {', '.join(districts)}.")
                elif args.action == "tester":
                    if args.remove:
                        if not await sellers.unmark_uncounted(session, args.telegram_id):
                            print(f"{args.telegram_id} was not marked.")
                            return 1
                        print(f"{args.telegram_id} counts as a seller again.")
                    else:
                        await sellers.mark_uncounted(session, args.telegram_id,
                                                     sellers.TESTER, None)
                        print(f"{args.telegram_id} is a tester: never counted as a seller.")
                elif args.action == "remove":
                    if not await staff.remove(session, args.telegram_id):
                        print(f"{args.telegram_id} is not a facilitator.")
                        return 1
                    print(f"{args.telegram_id} is no longer a facilitator.")
                else:
                    rows = await staff.everyone(session)
                    for row in rows:
                        print(f"{row.telegram_id}\t{','.join(row.districts or [])}"
                              f"\t{row.name or ''}")
                    for admin in sorted(settings.admin_ids):
                        print(f"{admin}\toperator (ADMIN_IDS): all districts")
                    for row in await sellers.uncounted(session, sellers.TESTER):
                        print(f"{row.telegram_id}\ttester (not counted)\t{row.name or ''}")
                    if not rows and not settings.admin_ids:
                        print("No staff yet.")
            return 0
        finally:
            await database.dispose()

    return asyncio.run(run())


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    """Write sellers, products or workshop attendance of districts to files (the
    operator's own copy)."""
    from pathlib import Path

    from bot.admin import exports
    from bot.reference import districts

    codes = ([d.code for d in districts.districts()] if args.district == ["all"]
             else _district_codes(args.district))
    upgrade(settings.database_url)

    # The bot's own worker function: a plain read (on SQLite it holds no write lock, so a
    # running bot's sellers do not wait), then the files.
    count, files = exports.build_from(settings.database_url, args.kind, codes, args.format,
                                      exports.file_stem(args.kind, codes),
                                      not args.no_contacts)
    if not count:
        print(f"Nothing to export: no {args.kind} in {', '.join(codes)}.")
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (out / name).write_bytes(data)
        what = "workshop answers" if args.kind == exports.WORKSHOPS else args.kind
        print(f"{out / name}: {count} {what}")
    return 0


def cmd_poster(settings: Settings, args: argparse.Namespace) -> int:
    """A printable A4 poster (PDF) for a district or a workshop, as the staff get in the bot."""
    from bot.admin import posters
    from bot.db.engine import Database
    from bot.workshops import workshops as store

    username = (args.bot or "").lstrip("@") or asyncio.run(_username(settings))
    if not username:
        return _fail("give the bot's username with --bot (or set TELEGRAM_BOT_TOKEN to ask "
                     "Telegram for it)")
    if args.district:
        (code,) = _district_codes([args.district])
        made = posters.poster(username, code)
    else:
        upgrade(settings.database_url)

        async def workshop() -> dict | None:
            database = Database(settings.database_url)
            try:
                async with database.transaction() as session:
                    return await store.get(session, args.workshop)
            finally:
                await database.dispose()

        found = asyncio.run(workshop())
        if found is None or found["status"] == store.DRAFT:
            return _fail(f"no announced workshop #{args.workshop} (a draft's link leads "
                         f"nowhere: announce it first)")
        if found["status"] == store.CANCELLED:
            return _fail(f"workshop #{args.workshop} is cancelled")
        made = posters.workshop_poster(username, found)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / made.file_name).write_bytes(made.pdf)
    print(f"{out / made.file_name}: QR code to {made.url}")
    return 0


async def _username(settings: Settings) -> str | None:
    if not settings.token:
        return None
    from telegram import Bot

    async with Bot(settings.token, base_url=settings.bot_base_url,
                   base_file_url=settings.file_base_url) as bot:
        return bot.username


def cmd_facts(months: int, today: str | None) -> int:
    """Print the facts to re-check, oldest first, one a line; exit 0 (a listing, not a
    health check)."""
    from datetime import date

    from bot.reference import facts_age

    day = date.fromisoformat(today) if today else date.today()
    stale = facts_age.older_than(day, months)
    total = len(facts_age.dated_facts())
    print(f"{len(stale)} of {total} dated facts are older than {months} months "
          f"(as of {day.isoformat()}); re-check their source:")
    for fact in stale:
        print(f"{fact.as_of:<10}  {fact.file}  {fact.name}  [{fact.confidence or '-'}]  "
              f"{fact.source}")
    undated = facts_age.undated_files()
    if undated:
        print("No as-of column (names and words, not rates): " + ", ".join(undated))
    return 0


def _workshops(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cli import workshops as workshops_cli

    upgrade(settings.database_url)
    return workshops_cli.main(settings, args)


def _staff(settings: Settings, args: argparse.Namespace) -> int:
    if args.action == "add":
        _district_codes(args.districts)  # refuse a typo before touching anything
    return cmd_staff(settings, args)


# seller-bot COMMAND -> what runs it, once the settings are read.
COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "db": lambda settings, _args: cmd_db_upgrade(settings),
    "chat": lambda settings, args: cmd_chat(settings, args.files),
    "send": lambda settings, _args: cmd_send(settings),
    "web": lambda settings, _args: cmd_web(settings),
    "outbox": lambda settings, _args: cmd_outbox(settings),
    "workshops": _workshops,
    "bench": cmd_bench,
    "backup": lambda settings, args: cmd_backup(settings, args.file),
    "restore": lambda settings, args: cmd_restore(settings, args.file, args.replace),
    "poster": cmd_poster,
    "export": cmd_export,
    "staff": _staff,
    "run": lambda settings, _args: cmd_run(settings),
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "facts":  # reads the data files only: no settings, no database
        return cmd_facts(args.months, args.today)
    if args.command == "health":
        # Docker reserves exit code 2: every problem, a wrong setting too, is 1 here.
        try:
            return cmd_health(_prepare(args))
        except (ConfigError, DatabaseError) as exc:
            print(f"FAIL settings: {exc}")
            return 1
    try:
        return COMMANDS[args.command](_prepare(args), args)
    except (ConfigError, DatabaseError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
