"""The packing checklist's buttons and the printable labels."""

from telegram.ext import Application, CallbackQueryHandler

from bot.checklists import flow as checklists
from bot.checklists.flow import ChecklistAction
from handlers.common import turn_handler


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(
        turn_handler(checklists.on_button, button=ChecklistAction, pause_form=True),
        pattern=ChecklistAction.pattern))
