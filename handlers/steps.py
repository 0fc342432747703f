"""/steps and the buttons on the steps screens."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.steps import flow as steps
from handlers.common import turn_handler


def register(app: Application) -> None:
    app.add_handler(CommandHandler("steps", turn_handler(steps.overview, pause_form=True)))
    app.add_handler(CallbackQueryHandler(
        turn_handler(steps.on_button, button=steps.StepAction, pause_form=True),
        pattern=steps.StepAction.pattern))
