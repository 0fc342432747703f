"""The adapter between python-telegram-bot and the services in ``bot/``.

Every update: open one transaction, load the seller (locked), set the locale, run the
service, commit, then send what the service said. If the service fails, the transaction
rolls back (the seller's state stays as it was) and the seller is told so in their language.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.admin import menu as staff_menu
from bot.conversation import forms, links
from bot.conversation.callbacks import BadData
from bot.conversation.turn import JOBS_RUNNING, MESSAGE_LIMIT, Gone, Job, Reply, StaffLookup, Turn
from bot.db import presses, sellers
from bot.db.engine import Database
from bot.i18n import _, get_locale, normalise_locale, set_locale
from bot.runtime import delivery, metrics
from bot.runtime import waiting as waits
from bot.runtime.offload import Offload
from bot.runtime.replies import markup as reply_markup
from bot.seller import onboarding
from bot.settings import Settings

log = logging.getLogger("haat.handlers")

@dataclass
class Runtime:
    """What every handler needs; kept in ``application.bot_data`` (not per user)."""

    settings: Settings
    database: Database
    local: dict = field(default_factory=dict)  # Turn.local
    # Told of every reply sent. The reply limiter (bot/runtime/limits.py) counts replies
    # for the sender now; only bench (k)'s "before" baseline still sets this.
    on_send: Callable[[], None] | None = None
    # The staff role lookup (bot.admin.staff.role), handed over by build_application().
    staff_lookup: StaffLookup | None = None
    # Heavy work (exports) runs here, off the event loop; see bot/runtime/offload.py.
    offload: Offload = field(default_factory=Offload)
    jobs: set[asyncio.Task] = field(default_factory=set)  # running Turn.jobs
    last_job_peak_mb: float | None = None  # the last job's worker peak memory (bench)
    # The inbox (bot/runtime/intake.py): marks the update handled inside the turn's own
    # transaction, so the handling and the mark commit together. None: no inbox (tests).
    settle: Callable[[object, int], Awaitable[None]] | None = None

    async def close_jobs(self) -> None:
        """Stop: running jobs are cancelled (a staff member can ask again), workers end."""
        for task in list(self.jobs):
            task.cancel()
        await asyncio.gather(*self.jobs, return_exceptions=True)
        await asyncio.to_thread(self.offload.shutdown)


def runtime(context: ContextTypes.DEFAULT_TYPE) -> Runtime:
    return context.application.bot_data["runtime"]


def update_kind(update: Update) -> str:
    if update.callback_query:
        return "button"
    message = update.effective_message
    if message is None:
        return "other"
    if message.text:
        return "command" if message.text.startswith("/") else "text"
    return "media"


def _sent_at(update: Update) -> int | None:
    message = update.message
    return int(message.date.timestamp()) if message is not None and message.date else None


Prepare = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[object]]


def turn_handler(service: Callable[..., Awaitable[None] | None], *, button: type | None = None,
                 needs_seller: bool = True,
                 pause_form: bool = False, with_update: bool = False,
                 args: type | None = None, link: type | None = None,
                 prepare: Prepare | None = None,
                 once: Callable[[object], bool] | None = None):
    """Wrap a service as a PTB callback; every guard lives here, once.

    The service is called as ``service(turn)``; with ``button`` (a codec from
    ``bot.conversation.callbacks``) as ``service(turn, data)`` with the unpacked data, and
    crafted or outdated data never reaches it; with ``with_update`` as
    ``service(turn, update)`` (typed text, contacts); with ``args`` (an ``@arguments``
    class from ``bot.conversation.links``) as ``service(turn, args)``, parsed from the
    command's text; with ``link`` (a ``@deeplink`` codec) as ``service(turn, link)``, or
    ``service(turn, None)`` for a start parameter that codec did not write. ``needs_seller``:
    before consent, offer
    the language choice instead. Staff checks are the services' own (``await turn.staff()``
    asks the role, with its districts, only when a staff screen needs it).
    ``pause_form``: navigation leaves a form waiting. ``prepare``: network work (a download)
    done before the transaction opens, so that no transaction waits on Telegram; its result
    is ``turn.attachment``. A ``Gone`` raised by an owner's guard becomes its message.
    ``once(data)``: True for a creating button (duplicate...): a repeated tap of the same
    button on the same message answers "Already done" instead of creating again."""

    async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        started = metrics.clock()
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None or chat.type != "private":
            return  # the bot works in private chats only
        rt = runtime(context)
        hint = normalise_locale(user.language_code) if user.language_code else None
        set_locale(hint)
        data = _typed(update, button, args, link)
        turn: Turn | None = None
        waiting = waits.of(context.application)
        notice = None
        try:
            attachment = await prepare(update, context) if prepare is not None else None
            # A lock held elsewhere is waited out, however long; the seller hears once
            # that the answer is coming (bot/runtime/waiting.py), never "Sorry".
            # Timed from the update's arrival when it came through the inbox (it may have
            # waited there, or for a free slot, already); else from the moment the database
            # makes it wait: no timer at all when the transaction begins at once.
            notice = waiting.take(update.update_id)

            def slow() -> None:
                nonlocal notice
                if notice is None:
                    notice = waiting.notice(context.bot, chat.id, hint)

            async with rt.database.transaction(wait=None, on_wait=slow) as session:
                if notice is not None:
                    notice.begun()
                turn = await _load_turn(session, update, context, rt, waiting, hint,
                                        attachment)
                second = (data if button or args or link
                          else update if with_update else _ALONE)
                await _guarded(turn, update, service, button, data, second, needs_seller,
                               pause_form, once)
                if turn.row is not None:
                    await sellers.save(session, turn.row, turn.stored)
                if rt.settle is not None:
                    await rt.settle(session, update.update_id)
        except Exception:
            # No message text or personal data in logs: the kind of update is enough.
            log.exception("failed to handle a %s update %s", update_kind(update),
                          update.update_id)
            metrics.update_failed(started)
            if notice is not None:
                await notice.settled()
            await _say_sorry(update, context)
            return
        finally:
            if notice is not None:
                notice.begun()  # also when cancelled (shutdown): no notice after it
        if notice is not None:
            await notice.settled()
        await render(update, context, turn)
        for job in turn.jobs:
            start_job(context.application, chat.id, job)
        if turn.after_delivery:
            # Only after Telegram accepted every reply (render raises otherwise): a crash
            # before this leaves the work undone, and the seller can simply ask again.
            async with rt.database.transaction() as session:
                for hook in turn.after_delivery:
                    await hook(session)
        metrics.update_handled(started)

    return callback


def _typed(update: Update, button: type | None, args: type | None,
           link: type | None) -> object | None:
    """The update's button data, command arguments or deep link as its typed value; None
    for data no codec of this bot wrote (crafted, cut short or from an old version)."""
    text = update.effective_message.text if update.effective_message else None
    try:
        if button is not None:
            return button.unpack(update.callback_query.data)
        if args is not None:
            return args.parse(text)
        if link is not None:
            return link.unpack(links.start_payload(text))
    except (BadData, links.BadLink):
        return None
    return None


def start_job(application, chat_id: int, job: Job) -> None:
    """Run ``job`` beside the event loop; its replies go to ``chat_id`` when it is done.
    Marked running at once, so the chat's next update (handled after this one) sees it."""
    rt: Runtime = application.bot_data["runtime"]
    key = (chat_id, job.key)
    running = rt.local.setdefault(JOBS_RUNNING, set())
    running.add(key)
    task = asyncio.create_task(_run_job(application, chat_id, job, get_locale()))
    rt.jobs.add(task)

    def finished(done: asyncio.Task) -> None:
        rt.jobs.discard(done)
        running.discard(key)

    task.add_done_callback(finished)


async def _run_job(application, chat_id: int, job: Job, locale: str) -> None:
    rt: Runtime = application.bot_data["runtime"]
    set_locale(locale)
    try:
        result, peak = await rt.offload.run(job.build, *job.args)
        rt.last_job_peak_mb = peak
        replies = job.done(result)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("background job %s failed", job.key)  # no data in the log
        replies = [Reply(job.failed)]
    try:
        for reply in replies:
            await delivery.send(application.bot, chat_id, reply, rt.on_send)
    except TelegramError as exc:
        log.warning("could not send a job's result: %s", type(exc).__name__)


async def _load_turn(session, update: Update, context: ContextTypes.DEFAULT_TYPE,
                     rt: Runtime, waiting: waits.Waiting, hint: str | None,
                     attachment: object) -> Turn:
    """The person's row, locked (PostgreSQL), as this update's Turn, in their language:
    one query (an operator's own row adds one, below)."""
    user, chat = update.effective_user, update.effective_chat
    loaded = await sellers.load(session, user.id, lock=rt.database.is_postgres)
    row, stored = loaded if loaded else (None, {})
    set_locale(row.language if row else hint)
    waiting.remember(chat.id, row.language if row else None)
    if row is not None and row.unreachable_at is not None:
        row.unreachable_at = None  # they wrote to us: reachable again
    is_admin = user.id in rt.settings.admin_ids
    seller = row if sellers.is_seller(row) else None
    if is_admin and seller is not None:
        # An operator never counts as a seller (bot.db.sellers.counted).
        await sellers.mark_uncounted(session, user.id, sellers.OPERATOR, None)
    return Turn(session=session, telegram_id=user.id, chat_id=chat.id,
                seller=seller, stored=stored, language_hint=user.language_code,
                staff_chat=row if seller is None else None,
                telegram_name=user.full_name, is_admin=is_admin,
                attachment=attachment, local=rt.local,
                sent_at=_sent_at(update), staff_lookup=rt.staff_lookup,
                settings=rt.settings, bot_username=_username(context))


_ALONE = object()  # the service takes the turn alone


def _username(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    try:
        return context.bot.username
    except RuntimeError:  # the bot was not initialised (getMe not asked): no links then
        return None


async def no_seller(turn: Turn, prefix: str = "", pause: bool = False) -> None:
    """Someone without a seller row where a seller's screen was asked for: staff (who need
    no seller row) get the staff menu, headed by ``prefix`` ("🏠 Menu", /menu, an unknown
    command, stray text); anyone else the language and consent questions first.
    ``pause``: a staff form in progress waits, as navigation leaves a seller's form."""
    if await turn.staff() is None:
        onboarding.ask_language(turn)
        return
    if pause:
        forms.pause(turn)
    await staff_menu.menu(turn, prefix=prefix)


async def _guarded(turn: Turn, update: Update, service, button, data, second,
                   needs_seller: bool, pause_form: bool, once) -> None:
    if needs_seller and turn.seller is None:
        await no_seller(turn, pause=pause_form)
        return
    if button is not None and data is None:
        turn.notice = _("This button no longer works.")
        return
    query = update.callback_query
    # Any presser (a seller, a facilitator, an operator without a row): keyed by who.
    if (once is not None and once(data) and query is not None
            and query.message is not None and not await presses.first(
                turn.session, turn.telegram_id, query.message.message_id, query.data)):
        turn.notice = _("Already done ✓")
        return
    if pause_form and turn.row is not None:
        forms.pause(turn)
    try:
        result = service(turn) if second is _ALONE else service(turn, second)
        if inspect.isawaitable(result):  # a screen that needs no database is plain
            await result
    except Gone as gone:
        if update.callback_query:
            turn.notice = gone.message
        else:
            turn.say(gone.message)


async def _say_sorry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = _("Sorry, something went wrong on my side. Your answers are safe. "
             "Please try again, or send /menu.")
    try:
        if update.callback_query:
            await update.callback_query.answer()
        await context.bot.send_message(update.effective_chat.id, text)
    except Exception:
        log.warning("could not tell the user about a failure", exc_info=True)


async def render(update: Update, context: ContextTypes.DEFAULT_TYPE, turn: Turn) -> None:
    """Send the turn's replies. Text is sent as plain text: nothing a user typed can ever
    be read as markup."""
    query = update.callback_query
    chat_id = update.effective_chat.id
    on_send = runtime(context).on_send
    if query is not None:
        await query.answer(turn.notice)
    for reply in turn.replies:
        # A file's caption is not text to edit: a button under a file answers anew.
        if (reply.edit and query is not None and query.message is not None
                and query.message.text is not None):
            try:
                await query.edit_message_text(reply.text[:MESSAGE_LIMIT],
                                              reply_markup=reply_markup(reply)
                                              if reply.buttons else None)
            except BadRequest as exc:  # not modified, too old, deleted: nothing to fix
                log.debug("edit skipped: %s", exc.message)
            continue
        if reply.edit and (query is None or query.message is None):
            continue  # nothing to edit (the answer was typed): the next message says it all
        await delivery.send(context.bot, chat_id, reply, on_send)
