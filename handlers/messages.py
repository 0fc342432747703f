"""Everything that is not a known command or button: typed text, shared contacts, media,
unknown commands and unknown buttons (e.g. from an older version of the bot)."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.conversation.turn import Turn
from bot.i18n import _
from bot.seller import dialog, menu, onboarding
from handlers.common import turn_handler


async def _text(turn: Turn, update: Update) -> None:
    await dialog.on_text(turn, update.effective_message.text)


async def _contact(turn: Turn, update: Update) -> None:
    await dialog.on_contact(turn, update.effective_message.contact.phone_number)


async def _other(turn: Turn, update: Update) -> None:
    await dialog.on_other(turn)


async def _unknown_command(turn: Turn, update: Update) -> None:
    if turn.seller is None:
        onboarding.ask_language(turn)
        return
    await menu.show(turn, prefix=_("I do not know that command."))


async def _unknown_button(turn: Turn, update: Update) -> None:
    turn.notice = _("This button no longer works.")
    if turn.seller is not None:
        await menu.show(turn)


def register(app: Application) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & filters.COMMAND, turn_handler(_unknown_command)))
    app.add_handler(MessageHandler(private & filters.TEXT, turn_handler(_text)))
    app.add_handler(MessageHandler(private & filters.CONTACT, turn_handler(_contact)))
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, turn_handler(_other)))
    app.add_handler(CallbackQueryHandler(turn_handler(_unknown_button)))
