"""/profile, and the buttons of every form (profile, steps, listing, price, address)."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation import forms
from bot.conversation.forms import FormAction
from bot.seller import profile
from handlers.common import turn_handler


def register(app: Application) -> None:
    app.add_handler(CommandHandler("profile", turn_handler(profile.show, pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(forms.on_callback, button=FormAction),
                                         pattern=FormAction.pattern))
