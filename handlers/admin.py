"""/staff and the staff screens; the staff-only command list (``BotCommandScopeChat``).

The services check the role and the district on every update; this module only wires
them and keeps each staff member's Telegram command list in step with their role.
"""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.admin import (
    broadcasts_screens,
    english_fixes,
    english_screens,
    exports_screens,
    glossary_screens,
    help_screens,
    menu,
    staff,
    team_screens,
    web_screens,
)
from bot.admin.broadcasts_screens import BroadcastAction
from bot.admin.english_fixes import FixAction
from bot.admin.english_screens import EnglishAction
from bot.admin.exports_screens import ExportAction
from bot.admin.glossary_screens import KeepTerm, TermAction
from bot.admin.help_screens import HelpAction, HelpAnswer
from bot.admin.screens import StaffAction
from bot.admin.team_screens import StaffManage
from bot.i18n import _, use_locale
from bot.seller import nudge_switch
from bot.seller.menu import COMMANDS
from bot.seller.nudge_switch import NudgeSwitch
from handlers.common import runtime, turn_handler

log = logging.getLogger("haat.handlers.admin")


def staff_commands(locale: str, operator: bool) -> list[BotCommand]:
    entries = (*menu.STAFF_COMMANDS, *(menu.OPERATOR_COMMANDS if operator else ()), *COMMANDS)
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


def _creates(data: StaffAction) -> bool:
    """A creating staff button acts once per message: a district's "➕ Invite a
    facilitator" makes one link however often it is tapped (the picker itself is a
    question, tapped as often as wanted)."""
    return data.action == team_screens.INVITE.action and bool(data.district)


def register(app: Application) -> None:
    def command(name: str, service, **kwargs) -> None:
        app.add_handler(CommandHandler(name, turn_handler(
            service, needs_seller=False, pause_form=True, **kwargs)))

    app.add_handler(CommandHandler("staff", _then_sync(turn_handler(
        menu.menu, needs_seller=False, pause_form=True))))
    for screen in menu.SCREENS.values():  # /progress, /needhelp, /export, /invite...
        if screen.command:
            command(screen.command, menu.command(screen), args=screen.args)
    command("web", web_screens.link)
    app.add_handler(CommandHandler("nudges", turn_handler(nudge_switch.nudge_settings,
                                                          pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(
        nudge_switch.on_nudge_switch, button=NudgeSwitch, pause_form=True),
        pattern=NudgeSwitch.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        help_screens.on_answer_button, button=HelpAnswer, pause_form=True),
        pattern=HelpAnswer.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        broadcasts_screens.on_broadcast_button, button=BroadcastAction, needs_seller=False,
        pause_form=True, once=lambda data: data.action == "send"),
        pattern=BroadcastAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        menu.on_button, button=StaffAction, needs_seller=False, pause_form=True,
        once=_creates),
        pattern=StaffAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        help_screens.on_help_button, button=HelpAction, needs_seller=False, pause_form=True),
        pattern=HelpAction.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        english_screens.on_button, button=EnglishAction, needs_seller=False, pause_form=True),
        pattern=EnglishAction.pattern))
    for service, codec in ((english_fixes.on_button, FixAction),
                           (glossary_screens.on_keep, KeepTerm),
                           (glossary_screens.on_term, TermAction)):
        app.add_handler(CallbackQueryHandler(turn_handler(
            service, button=codec, needs_seller=False, pause_form=True),
            pattern=codec.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(
        exports_screens.on_export_button, button=ExportAction, needs_seller=False, pause_form=True),
        pattern=ExportAction.pattern))
    app.add_handler(CallbackQueryHandler(after_staff_change(turn_handler(
        team_screens.manage, button=StaffManage, needs_seller=False)), pattern=StaffManage.pattern))


def after_staff_change(callback):
    """Wrap a callback that may end someone's staff role (a removal, their /delete): their
    chat loses the staff commands afterwards."""
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
