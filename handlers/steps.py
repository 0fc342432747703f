"""/steps and the buttons on the steps screens."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.checklists import screens as checklists
from bot.conversation.turn import Turn
from bot.listing import flow as listing
from bot.steps import flow as steps
from handlers.common import turn_handler

# What a step's ``opens`` button shows (steps sit below the features they point to).
OPENS = {"packaging": checklists.mine, "first_listing": listing.show_all}


async def _step_button(turn: Turn, data: steps.StepAction) -> None:
    if data.action == steps.OPEN and data.step in OPENS:
        await OPENS[data.step](turn)
        return
    await steps.on_button(turn, data)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("steps", turn_handler(steps.overview, pause_form=True)))
    app.add_handler(CallbackQueryHandler(
        turn_handler(_step_button, button=steps.StepAction, pause_form=True),
        pattern=steps.StepAction.pattern))
