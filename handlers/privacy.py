"""/mydata and /delete (they answer before consent too: "nothing is stored")."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.privacy import flow as privacy
from bot.privacy.flow import DeleteAnswer
from handlers.admin import after_staff_change
from handlers.common import turn_handler


def register(app: Application) -> None:
    app.add_handler(CommandHandler("mydata", turn_handler(privacy.my_data, pause_form=True,
                                                          needs_seller=False)))
    app.add_handler(CommandHandler("delete", turn_handler(privacy.ask_delete, pause_form=True,
                                                          needs_seller=False)))
    # A facilitator's /delete ends their role: the staff commands leave their chat.
    app.add_handler(CallbackQueryHandler(after_staff_change(
        turn_handler(privacy.delete, button=DeleteAnswer, needs_seller=False)),
        pattern=DeleteAnswer.pattern))
