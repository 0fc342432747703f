"""``build_application()``: wires settings, database and handlers into a PTB Application."""

from __future__ import annotations

import logging

from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder
from telegram.request import BaseRequest

from bot.checklists import flow as checklists
from bot.conversation import forms
from bot.db.engine import Database
from bot.i18n import _, use_locale
from bot.listing import drafts_flow
from bot.listing import flow as listing
from bot.pricing import flow as pricing
from bot.runtime.ordering import PerChatUpdateProcessor
from bot.runtime.transport import LOCAL_TOKEN
from bot.seller import profile
from bot.seller.menu import COMMANDS
from bot.settings import Settings
from bot.steps import flow as steps
from handlers import register_all
from handlers.admin import sync_all
from handlers.common import Runtime

log = logging.getLogger("haat.app")

# Every form a seller can have in progress (its key is stored in sellers.form_state).
FORMS = (profile.FORM, *steps.FORMS, listing.FORM, drafts_flow.ADDRESS,
         drafts_flow.ENGLISH_NAMES, pricing.FORM, checklists.LABEL)


def bot_commands(locale: str) -> list[BotCommand]:
    with use_locale(locale):
        return [BotCommand(name, _(description)) for name, description in COMMANDS]


async def _post_init(app: Application) -> None:
    try:
        await app.bot.set_my_commands(bot_commands("en"))
        await app.bot.set_my_commands(bot_commands("hi"), language_code="hi")
    except TelegramError as exc:  # the bot works without its command list
        log.warning("could not register bot commands: %s", type(exc).__name__)
    await sync_all(app)  # staff commands, only in staff members' chats


async def dispose(app: Application) -> None:
    """Close the database pool (run_polling does this itself through post_shutdown)."""
    await app.bot_data["runtime"].database.dispose()


async def _post_shutdown(app: Application) -> None:
    await dispose(app)


def build_application(settings: Settings, *, request: BaseRequest | None = None,
                      rate_limit: bool = True, concurrency: int = 16) -> Application:
    """The whole bot. ``request`` replaces only the transport (tests, terminal chat);
    ``rate_limit`` keeps within Telegram's limits and retries on flood waits."""
    builder = (ApplicationBuilder()
               .token(settings.token or LOCAL_TOKEN)
               .base_url(settings.bot_base_url)
               .base_file_url(settings.file_base_url)
               .concurrent_updates(PerChatUpdateProcessor(concurrency))
               .post_init(_post_init)
               .post_shutdown(_post_shutdown))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if rate_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    app = builder.build()
    app.bot_data["runtime"] = Runtime(settings=settings,
                                      database=Database(settings.database_url))
    forms.register(*FORMS)
    register_all(app)
    return app
