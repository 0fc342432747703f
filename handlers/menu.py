"""/menu, /help, /cancel and the main-menu buttons."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.conversation import forms
from bot.conversation.turn import Turn
from bot.privacy import flow as privacy
from bot.seller import dialog, menu, onboarding, profile
from bot.steps import flow as steps
from handlers.common import turn_handler


def _needs_seller(service):
    """Commands that only make sense after /start: before it, offer the language choice."""

    async def wrapped(turn: Turn, update: Update) -> None:
        if turn.seller is None:
            onboarding.ask_language(turn)
            return
        await service(turn, update)

    return wrapped


async def _menu(turn: Turn, update: Update) -> None:
    await menu.show(turn)


async def _help(turn: Turn, update: Update) -> None:
    await menu.show_help(turn)


async def _cancel(turn: Turn, update: Update) -> None:
    await dialog.cancel(turn)


MENU_ACTIONS = {
    "menu": lambda turn: menu.show(turn),
    "next": lambda turn: steps.show_next(turn),
    "steps": lambda turn: steps.overview(turn),
    "profile": lambda turn: profile.show(turn),
    "help": lambda turn: menu.show_help(turn),
    "mydata": lambda turn: privacy.my_data(turn),
}


async def _menu_button(turn: Turn, update: Update) -> None:
    action = update.callback_query.data.split("|")[1]
    if action == "resume":
        await forms.resume(turn)
    elif action == "language":
        onboarding.ask_language(turn)
    elif action in MENU_ACTIONS:
        forms.pause(turn)
        await MENU_ACTIONS[action](turn)
    else:
        await menu.show(turn)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("menu", turn_handler(_needs_seller(_menu), pause_form=True)))
    app.add_handler(CommandHandler("help", turn_handler(_help, pause_form=True)))
    app.add_handler(CommandHandler("cancel", turn_handler(_needs_seller(_cancel))))
    app.add_handler(CallbackQueryHandler(turn_handler(_needs_seller(_menu_button)),
                                         pattern=r"^m\|"))
