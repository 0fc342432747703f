"""``seller-bot``: run, chat, send, outbox, workshops, db upgrade, bench.

Operator mistakes (a wrong token, database URL or setting) end with one clear line on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.db.engine import DatabaseError, upgrade
from bot.logs import setup_logging
from bot.settings import ConfigError, Settings, load_settings

log = logging.getLogger("haat")


def _fail(message: str) -> int:
    print(f"seller-bot: {message}", file=sys.stderr)
    return 2


def _prepare(args: argparse.Namespace) -> Settings:
    settings = load_settings()
    setup_logging(settings.log_level if not getattr(args, "quiet", False) else "WARNING")
    return settings


def cmd_db_upgrade(settings: Settings) -> int:
    upgrade(settings.database_url)
    print("Database schema is up to date.")
    return 0


def cmd_chat(settings: Settings) -> int:
    from bot.cli.chat import TerminalChat

    logging.getLogger().setLevel(logging.WARNING)  # keep the conversation readable
    upgrade(settings.database_url)
    asyncio.run(TerminalChat(settings).run())
    return 0


def cmd_run(settings: Settings) -> int:
    if not settings.token:
        print("TELEGRAM_BOT_TOKEN is not set: starting the terminal chat instead "
              "(set it to run on Telegram).")
        return cmd_chat(settings)
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError

    from bot.app import build_application

    upgrade(settings.database_url)
    try:
        # First a plain getMe: a wrong token or address then ends with one line instead
        # of python-telegram-bot's start-up retry loop and its traceback.
        asyncio.run(_check_token(settings))
        app = build_application(settings)
        if settings.webhook_url:
            from bot.runtime.webhook import run_webhook

            run_webhook(app, settings)
        else:
            log.info("starting long polling against %s", settings.api_url)
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        return _fail("Telegram refused TELEGRAM_BOT_TOKEN (invalid or revoked); copy it "
                     "again from @BotFather.")
    except NetworkError as exc:
        return _fail(f"cannot reach the Bot API at TELEGRAM_API_URL ({settings.api_url}): "
                     f"{exc.message}")
    return 0


async def _check_token(settings: Settings) -> None:
    """Ask the Bot API who we are."""
    from telegram import Bot

    async with Bot(settings.token, base_url=settings.bot_base_url,
                   base_file_url=settings.file_base_url) as bot:
        log.info("connected as @%s", bot.username)


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

    from bot.app import build_sender
    from bot.db.engine import Database

    database = Database(settings.database_url)
    sender = build_sender(settings, database)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with sender.bot:
        log.info("outbox sender %s started (%.0f/s)", sender.owner, settings.outbox_rate)
        await sender.run(stop)
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


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cli.bench import main as bench_main

    return bench_main(quick=args.quick, only=args.only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seller-bot", description="Haat seller bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run on Telegram (or the terminal chat without a token)")
    sub.add_parser("chat", help="talk to the bot in this terminal")
    sub.add_parser("send", help="run the outbox sender alone (a process of its own)")
    sub.add_parser("outbox", help="count outbox messages by kind and status")
    db = sub.add_parser("db", help="database tasks")
    db.add_argument("action", choices=["upgrade"])
    from bot.cli import workshops as workshops_cli

    workshops_cli.add_arguments(sub.add_parser("workshops", help="staff: add, list, show, "
                                               "cancel and import workshops"))
    bench = sub.add_parser("bench", help="measure throughput, latency and memory")
    bench.add_argument("--quick", action="store_true", help="smaller run, for a smoke test")
    bench.add_argument("--only", choices=["outbox"], help="run one part only")
    args = parser.parse_args(argv)
    try:
        settings = _prepare(args)
        if args.command == "db":
            return cmd_db_upgrade(settings)
        if args.command == "chat":
            return cmd_chat(settings)
        if args.command == "send":
            return cmd_send(settings)
        if args.command == "outbox":
            return cmd_outbox(settings)
        if args.command == "workshops":
            upgrade(settings.database_url)
            return workshops_cli.main(settings, args)
        if args.command == "bench":
            return cmd_bench(settings, args)
        return cmd_run(settings)
    except (ConfigError, DatabaseError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
