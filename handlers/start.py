"""/start, /language and the language and consent buttons."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation.turn import Turn
from bot.seller import onboarding
from handlers.common import turn_handler


async def _start(turn: Turn, update: Update) -> None:
    await onboarding.start(turn)


async def _language(turn: Turn, update: Update) -> None:
    onboarding.ask_language(turn)


async def _language_button(turn: Turn, update: Update) -> None:
    await onboarding.choose_language(turn, update.callback_query.data.split("|")[1])


async def _consent_button(turn: Turn, update: Update) -> None:
    parts = update.callback_query.data.split("|")
    await onboarding.consent(turn, parts[1], parts[2] if len(parts) > 2 else "")


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", turn_handler(_start)))
    # /language keeps a form waiting: after the switch the same question comes back.
    app.add_handler(CommandHandler("language", turn_handler(_language)))
    app.add_handler(CallbackQueryHandler(turn_handler(_language_button), pattern=r"^l\|"))
    app.add_handler(CallbackQueryHandler(turn_handler(_consent_button), pattern=r"^c\|"))


