"""/profile, and the buttons of every form (profile, steps, listing, price, address)."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation import forms
from bot.conversation.forms import FormAction
from bot.conversation.turn import Turn
from bot.seller import onboarding, profile
from handlers.common import turn_handler


async def _form_button(turn: Turn, data: FormAction) -> None:
    # A staff member's form may wait on their chat row (no seller row): its buttons work.
    if turn.row is None:
        onboarding.ask_language(turn)
        return
    await forms.on_callback(turn, data)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("profile", turn_handler(profile.show, pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(_form_button, button=FormAction,
                                                      needs_seller=False),
                                         pattern=FormAction.pattern))
