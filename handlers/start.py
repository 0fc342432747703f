"""/start (with its deep links), /language and the language and consent buttons (all
before a seller exists).

Deep links: ``/start fac_<token>`` accepts a facilitator invitation (the staff commands
then appear in that chat); ``/start d_<district>`` pre-selects the district in onboarding;
``/start w_<workshop>`` opens a workshop's card (after onboarding for a newcomer).
"""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.admin import team_screens
from bot.conversation.links import InviteLink
from bot.conversation.turn import Turn
from bot.seller import onboarding
from bot.seller.onboarding import (
    ConsentAnswer,
    LanguageChoice,
    LinkConsent,
    LinkLanguage,
    WorkshopConsent,
    WorkshopLanguage,
)
from handlers.admin import sync_commands
from handlers.common import turn_handler


def _payload(update: Update) -> str:
    parts = (update.effective_message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


async def _start(turn: Turn, update: Update) -> None:
    await onboarding.start(turn, _payload(update))


_accept = turn_handler(team_screens.accept_invite, needs_seller=False, link=InviteLink)


async def _invited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await _accept(update, context)
    if update.effective_user is not None:
        await sync_commands(context.application, update.effective_user.id)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", _invited,
                                   filters=filters.Regex(InviteLink.start_pattern)))
    app.add_handler(CommandHandler("start", turn_handler(_start, needs_seller=False,
                                                         with_update=True)))
    # /language keeps a form waiting: after the switch the same question comes back.
    app.add_handler(CommandHandler("language", turn_handler(onboarding.ask_language,
                                                            needs_seller=False)))
    for codec in (LanguageChoice, LinkLanguage, WorkshopLanguage):
        app.add_handler(CallbackQueryHandler(
            turn_handler(onboarding.choose_language, button=codec, needs_seller=False),
            pattern=codec.pattern))
    for codec in (ConsentAnswer, LinkConsent, WorkshopConsent):
        app.add_handler(CallbackQueryHandler(
            turn_handler(onboarding.consent, button=codec, needs_seller=False),
            pattern=codec.pattern))
