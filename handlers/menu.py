"""/menu, /help, /cancel and the main-menu buttons (also "🏠 Menu" and "▶ Continue")."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation import forms
from bot.conversation.navigation import MenuAction
from bot.conversation.turn import Turn
from bot.privacy import flow as privacy
from bot.seller import dialog, menu, onboarding, profile
from bot.steps import flow as steps
from handlers.common import turn_handler


async def _resume(turn: Turn) -> None:
    await forms.resume(turn)


async def _language(turn: Turn) -> None:
    onboarding.ask_language(turn)  # a paused form comes back after the switch


# Menu buttons that leave a form waiting (paused) before they open another screen.
NAVIGATE = {
    "menu": menu.show,
    "next": steps.show_next,
    "steps": steps.overview,
    "profile": profile.show,
    "help": menu.show_help,
    "mydata": privacy.my_data,
}


async def _menu_button(turn: Turn, data: MenuAction) -> None:
    if data.action == "resume":
        await _resume(turn)
    elif data.action == "language":
        await _language(turn)
    else:
        forms.pause(turn)
        await NAVIGATE.get(data.action, menu.show)(turn)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("menu", turn_handler(menu.show, pause_form=True)))
    app.add_handler(CommandHandler("help", turn_handler(menu.show_help, pause_form=True,
                                                        needs_seller=False)))
    app.add_handler(CommandHandler("cancel", turn_handler(dialog.cancel, needs_seller=False)))
    app.add_handler(CallbackQueryHandler(turn_handler(_menu_button, button=MenuAction),
                                         pattern=MenuAction.pattern))
