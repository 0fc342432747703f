"""The packing checklist's buttons and the printable labels."""

from telegram.ext import Application, CallbackQueryHandler

from bot.checklists import printables, screens
from bot.checklists.buttons import ChecklistAction
from bot.checklists.checklists import DONE, NOT_NEEDED
from bot.conversation.turn import Turn
from bot.i18n import _
from handlers.common import turn_handler


async def on_button(turn: Turn, data: ChecklistAction) -> None:
    action = ACTIONS.get(data.action)
    if action is None:
        turn.notice = _("This button no longer works.")
        return
    await action(turn, data)


ACTIONS = {
    "mine": lambda turn, _d: screens.mine(turn),
    "show": lambda turn, d: screens.show(turn, d.id),
    "item": lambda turn, d: screens.item(turn, d.id, d.item),
    DONE: lambda turn, d: screens.tick(turn, d.id, d.item, DONE),
    NOT_NEEDED: lambda turn, d: screens.tick(turn, d.id, d.item, NOT_NEEDED),
    "undo": lambda turn, d: screens.tick(turn, d.id, d.item, None),
    "labels": lambda turn, d: printables.labels_menu(turn, d.id),
    "legal": lambda turn, d: printables.start_legal(turn, d.id),
    "sticker": lambda turn, d: printables.sticker(turn, d.id),
    "story": lambda turn, d: printables.story_card(turn, d.id),
    "storypdf": lambda turn, d: printables.story_pdf(turn, d.id),
}


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(
        turn_handler(on_button, button=ChecklistAction, pause_form=True),
        pattern=ChecklistAction.pattern))
