"""/staff and the staff screens; the staff-only command list (``BotCommandScopeChat``).

The services check the role and the district on every update; this module only wires
them and keeps each staff member's Telegram command list in step with their role.
"""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.admin import flow, staff
from bot.admin.flow import (
    BroadcastAction,
    ExportAction,
    HelpAction,
    HelpAnswer,
    NudgeSwitch,
    StaffAction,
    StaffManage,
)
from bot.i18n import _, use_locale
from bot.seller.menu import COMMANDS
from handlers.common import runtime, turn_handler

log = logging.getLogger("haat.handlers.admin")


def staff_commands(locale: str, operator: bool) -> list[BotCommand]:
    entries = (*flow.STAFF_COMMANDS, *(flow.OPERATOR_COMMANDS if operator else ()), *COMMANDS)
    with use_locale(locale):
        return [BotCommand(name, _(description)) for name, description in entries]


async def sync_commands(application: Application, telegram_id: int) -> None:
    """Show the staff commands in this person's chat if they are staff now, else remove
    them (private chat id = user id). The command list is a convenience; the role is
    checked again on every press anyway."""
    rt = application.bot_data["runtime"]
    async with rt.database.transaction() as session:
        role = await staff.role(session, telegram_id, telegram_id in rt.settings.admin_ids)
    scope = BotCommandScopeChat(telegram_id)
    try:
        if role is None:
            await application.bot.delete_my_commands(scope=scope)
            await application.bot.delete_my_commands(scope=scope, language_code="hi")
        else:
            await application.bot.set_my_commands(staff_commands("en", role.operator),
                                                  scope=scope)
            await application.bot.set_my_commands(staff_commands("hi", role.operator),
                                                  scope=scope, language_code="hi")
    except TelegramError as exc:  # e.g. the person never opened the bot
        log.info("could not set staff commands: %s", type(exc).__name__)


async def sync_all(application: Application) -> None:
    """At start-up: every operator and facilitator (staff added with the CLI included)."""
    rt = application.bot_data["runtime"]
    async with rt.database.transaction() as session:
        ids = {row.telegram_id for row in await staff.everyone(session)}
    for telegram_id in sorted(ids | set(rt.settings.admin_ids)):
        await sync_commands(application, telegram_id)


def _then_sync(callback):
    async def wrapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await callback(update, context)
        if update.effective_user is not None:
            await sync_commands(context.application, update.effective_user.id)
    return wrapped


async def _bot_username(_update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    return context.bot.username


def register(app: Application) -> None:
    def command(name: str, service, **kwargs) -> None:
        app.add_handler(CommandHandler(name, turn_handler(
            service, needs_seller=False, pause_form=True, prepare=_bot_username, **kwargs)))

    app.add_handler(CommandHandler("staff", _then_sync(turn_handler(
        flow.menu, needs_seller=False, pause_form=True))))
    command("invite", flow.invite_command, with_update=True)
    command("progress", flow.progress_command, with_update=True)
    command("needhelp", flow.needhelp_command, with_update=True)
    command("export", flow.export_command, with_update=True)
    command("poster", flow.poster_command, with_update=True)
    command("broadcast", flow.broadcast_command, with_update=True)
    # The time estimate in a broadcast's preview uses the sender's rate.
    runtime_of(app).local[flow.RATE_KEY] = runtime_of(app).settings.outbox_rate
    runtime_of(app).local[flow.ADMINS_KEY] = runtime_of(app).settings.admin_ids
    runtime_of(app).local[flow.DATABASE_URL_KEY] = runtime_of(app).settings.database_url
    app.add_handler(CommandHandler("nudges", turn_handler(flow.nudge_settings,
                                                          pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(
        flow.on_nudge_switch, button=NudgeSwitch, pause_form=True),
        pattern=NudgeSwitch.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        flow.on_answer_button, button=HelpAnswer, pause_form=True),
        pattern=HelpAnswer.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        flow.on_broadcast_button, button=BroadcastAction, needs_seller=False,
        pause_form=True, once=lambda data: data.action == "send"),
        pattern=BroadcastAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        flow.on_button, button=StaffAction, needs_seller=False, pause_form=True,
        prepare=_bot_username), pattern=StaffAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        flow.on_help_button, button=HelpAction, needs_seller=False, pause_form=True),
        pattern=HelpAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        flow.on_export_button, button=ExportAction, needs_seller=False, pause_form=True),
        pattern=ExportAction.pattern))
    app.add_handler(CallbackQueryHandler(_after_manage(turn_handler(
        flow.manage, button=StaffManage, needs_seller=False)), pattern=StaffManage.pattern))


def runtime_of(app: Application):
    return app.bot_data["runtime"]


def _after_manage(callback):
    async def wrapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        rt = runtime(context)
        async with rt.database.transaction() as session:
            before = {row.telegram_id for row in await staff.everyone(session)}
        await callback(update, context)
        async with rt.database.transaction() as session:
            after = {row.telegram_id for row in await staff.everyone(session)}
        for telegram_id in before - after:
            await sync_commands(context.application, telegram_id)
    return wrapped
