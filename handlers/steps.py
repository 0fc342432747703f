"""/steps and the buttons on the steps screens."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation import forms
from bot.conversation.turn import Turn
from bot.steps import flow as steps
from handlers.common import turn_handler
from handlers.menu import _needs_seller


async def _steps(turn: Turn, update: Update) -> None:
    await steps.overview(turn)


async def _step_button(turn: Turn, update: Update) -> None:
    _prefix, key, action = (update.callback_query.data.split("|") + ["", ""])[:3]
    forms.pause(turn)
    if action == "o":
        await steps.overview(turn)
    elif action == "v":
        await steps.detail(turn, key)
    else:
        await steps.mark(turn, key, action)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("steps", turn_handler(_needs_seller(_steps),
                                                         pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(_needs_seller(_step_button)),
                                         pattern=r"^s\|"))
