"""/profile, and the buttons of every form (the profile and the steps' questions)."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation import forms
from bot.conversation.turn import Turn
from bot.seller import profile
from handlers.common import turn_handler
from handlers.menu import _needs_seller


async def _profile(turn: Turn, update: Update) -> None:
    await profile.show(turn)


async def _form_button(turn: Turn, update: Update) -> None:
    await forms.on_callback(turn, update.callback_query.data)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("profile", turn_handler(_needs_seller(_profile),
                                                           pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(_needs_seller(_form_button)),
                                         pattern=r"^f\|"))
