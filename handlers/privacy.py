"""/mydata and /delete."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation.turn import Turn
from bot.i18n import _
from bot.privacy import flow as privacy
from handlers.common import turn_handler


async def _mydata(turn: Turn, update: Update) -> None:
    if turn.seller is None:
        turn.say(_("There is nothing stored about you."))
        return
    await privacy.my_data(turn)


async def _delete(turn: Turn, update: Update) -> None:
    if turn.seller is None:
        turn.say(_("There is nothing stored about you."))
        return
    privacy.ask_delete(turn)


async def _delete_button(turn: Turn, update: Update) -> None:
    await privacy.delete(turn, update.callback_query.data.split("|")[-1])


def register(app: Application) -> None:
    app.add_handler(CommandHandler("mydata", turn_handler(_mydata, pause_form=True)))
    app.add_handler(CommandHandler("delete", turn_handler(_delete, pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(_delete_button), pattern=r"^p\|del\|"))
