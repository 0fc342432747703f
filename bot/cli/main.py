"""``seller-bot``: run, chat, db upgrade, bench.

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
    setup_logging(settings.log_level if not getattr(args, "quiet", False) else "WARNING",
                  secrets=(settings.token, settings.webhook_secret))
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
    from telegram.error import InvalidToken, NetworkError, TelegramError

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


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    from bot.cli.bench import main as bench_main

    return bench_main(quick=args.quick)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="seller-bot", description="Haat seller bot")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="run on Telegram (or the terminal chat without a token)")
    sub.add_parser("chat", help="talk to the bot in this terminal")
    db = sub.add_parser("db", help="database tasks")
    db.add_argument("action", choices=["upgrade"])
    bench = sub.add_parser("bench", help="measure throughput, latency and memory")
    bench.add_argument("--quick", action="store_true", help="smaller run, for a smoke test")
    args = parser.parse_args(argv)
    try:
        settings = _prepare(args)
        if args.command == "db":
            return cmd_db_upgrade(settings)
        if args.command == "chat":
            return cmd_chat(settings)
        if args.command == "bench":
            return cmd_bench(settings, args)
        return cmd_run(settings)
    except (ConfigError, DatabaseError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
