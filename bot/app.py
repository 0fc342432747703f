"""``build_application()``: wires settings, database and handlers into a PTB Application."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import Bot, BotCommand
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder
from telegram.request import BaseRequest, HTTPXRequest

from bot.admin import menu as admin_menu
from bot.admin import notices as admin_notices
from bot.admin import staff, voice_screens
from bot.checklists import printables
from bot.conversation import forms
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.helpdesk import entering, voice
from bot.i18n import _, use_locale
from bot.listing import drafts_flow, english_needed
from bot.listing import flow as listing
from bot.outbox import notices
from bot.outbox.pacing import Clock
from bot.pricing import flow as pricing
from bot.runtime import metrics
from bot.runtime.limits import ReplyLimiter
from bot.runtime.ordering import PerChatUpdateProcessor
from bot.runtime.sender import Sender
from bot.runtime.transport import LOCAL_TOKEN
from bot.seller import nudge_switch, nudges, profile
from bot.seller.menu import COMMANDS
from bot.settings import Settings
from bot.steps import flow as steps
from bot.workshops import notices as workshop_notices
from bot.workshops import screens as workshops
from handlers import register_all
from handlers.admin import sync_all
from handlers.common import Runtime

log = logging.getLogger("haat.app")

# Every form a seller can have in progress (its key is stored in sellers.form_state).
FORMS = (profile.FORM, *steps.FORMS, listing.FORM, drafts_flow.ADDRESS,
         drafts_flow.ENGLISH_NAMES, pricing.FORM, printables.LABEL, *workshops.FORMS,
         *admin_menu.FORMS, *voice_screens.FORMS)

# Every kind of outbox message and the slice function that renders it at send time.
OUTBOX_KINDS = (notices.KIND, *workshop_notices.KINDS, *nudge_switch.KINDS, *admin_notices.KINDS,
                *entering.KINDS, *english_needed.KINDS)


def bot_commands(locale: str) -> list[BotCommand]:
    with use_locale(locale):
        return [BotCommand(name, _(description)) for name, description in COMMANDS]


def build_sender(settings: Settings, database: Database, *, request: BaseRequest | None = None,
                 clock: Clock | None = None) -> Sender:
    """The outbox sender, with a Bot of its own: no AIORateLimiter (its flood waits would
    hold up replies to sellers; the sender paces itself) and its own connection pool."""
    if request is None:
        # Sends overlap (one task each): a pool as wide as a batch, not PTB's default of 1.
        size = max(int(settings.outbox_rate), 1) + 4
        request = HTTPXRequest(connection_pool_size=size, pool_timeout=30.0)
    bot = Bot(settings.token or LOCAL_TOKEN, base_url=settings.bot_base_url,
              base_file_url=settings.file_base_url, request=request)
    sender = Sender(database, bot, OUTBOX_KINDS, rate=settings.outbox_rate,
                    lease=timedelta(seconds=settings.outbox_lease_seconds), clock=clock)
    metrics.observe_sender(sender)  # its stats at /metrics (429s, 403s, sent)
    return sender


async def start_sender(app: Application, sender: Sender) -> None:
    """Run ``sender`` beside the Application until ``stop_sender``."""
    await sender.bot.initialize()
    limiter = app.bot_data.get("limiter")
    if limiter is not None:  # replies and the outbox count in one budget; replies first
        limiter.share(sender.pacer, sender.clock)
    stop = asyncio.Event()
    app.bot_data["sender"] = (sender, stop, asyncio.create_task(sender.run(stop)))


async def stop_sender(app: Application) -> None:
    running = app.bot_data.pop("sender", None)
    if running is not None:
        sender, stop, task = running
        stop.set()
        # The batch in hand finishes (its sends are recorded); one that does not finish
        # within a lease is cancelled, and its rows in flight become "unknown", as after a
        # crash: nothing is sent twice.
        try:
            await asyncio.wait_for(task, timeout=sender.lease.total_seconds())
        except TimeoutError:
            log.warning("the outbox sender did not stop within its lease; cancelled it")
        await sender.bot.shutdown()


NUDGE_PLAN_EVERY = 3600.0  # seconds; planning is idempotent within a week


async def plan_nudges_forever(database: Database) -> None:
    """Queue the weekly nudges now and then (the outbox sends them when due). Runs beside
    the outbox sender, wherever that runs (``seller-bot run`` or ``seller-bot send``)."""
    while True:
        try:
            async with database.transaction() as session:
                await nudges.plan(session, now=utcnow())
        except Exception:  # a database hiccup must not end the loop
            log.exception("planning nudges failed")
        await asyncio.sleep(NUDGE_PLAN_EVERY)


async def _post_init(app: Application) -> None:
    try:
        await app.bot.set_my_commands(bot_commands("en"))
        await app.bot.set_my_commands(bot_commands("hi"), language_code="hi")
    except TelegramError as exc:  # the bot works without its command list
        log.warning("could not register bot commands: %s", type(exc).__name__)
    await sync_all(app)  # staff commands, only in staff members' chats
    rt: Runtime = app.bot_data["runtime"]
    if rt.settings.outbox_sender == "inline":
        # The same transport as the Application's when one was given (tests, terminal chat).
        await start_sender(app, build_sender(rt.settings, rt.database,
                                             request=app.bot_data.get("transport")))
        app.bot_data["nudge_planner"] = asyncio.create_task(plan_nudges_forever(rt.database))


async def _post_stop(app: Application) -> None:
    planner = app.bot_data.pop("nudge_planner", None)
    if planner is not None:
        planner.cancel()
    await stop_sender(app)


async def dispose(app: Application) -> None:
    """Close the database pool (run_polling does this itself through post_shutdown)."""
    runtime = app.bot_data["runtime"]
    await runtime.close_jobs()
    await runtime.database.dispose()


async def _post_shutdown(app: Application) -> None:
    await dispose(app)


def build_application(settings: Settings, *, request: BaseRequest | None = None,
                      rate_limit: bool = True, concurrency: int = 16) -> Application:
    """The whole bot. ``request`` replaces only the transport (tests, terminal chat);
    ``rate_limit`` keeps replies within Telegram's limits and sends them again after flood
    waits until delivered (``bot.runtime.limits``)."""
    builder = (ApplicationBuilder()
               .token(settings.token or LOCAL_TOKEN)
               .base_url(settings.bot_base_url)
               .base_file_url(settings.file_base_url)
               .concurrent_updates(PerChatUpdateProcessor(concurrency))
               .post_init(_post_init)
               .post_stop(_post_stop)
               .post_shutdown(_post_shutdown))
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    limiter = ReplyLimiter() if rate_limit else None
    if limiter is not None:
        builder = builder.rate_limiter(limiter)
    app = builder.build()
    app.bot_data["limiter"] = limiter
    app.bot_data["runtime"] = Runtime(settings=settings,
                                      database=Database(settings.database_url),
                                      staff_lookup=staff.role)
    app.bot_data["transport"] = request
    forms.register(*FORMS)
    forms.add_question_buttons(voice.question_buttons)
    register_all(app)
    return app
