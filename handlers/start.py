"""/start, /language and the language and consent buttons (all before a seller exists)."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.seller import onboarding
from bot.seller.onboarding import ConsentAnswer, LanguageChoice
from handlers.common import turn_handler


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", turn_handler(onboarding.start, needs_seller=False)))
    # /language keeps a form waiting: after the switch the same question comes back.
    app.add_handler(CommandHandler("language", turn_handler(onboarding.ask_language,
                                                            needs_seller=False)))
    app.add_handler(CallbackQueryHandler(
        turn_handler(onboarding.choose_language, button=LanguageChoice, needs_seller=False),
        pattern=LanguageChoice.pattern))
    app.add_handler(CallbackQueryHandler(
        turn_handler(onboarding.consent, button=ConsentAnswer, needs_seller=False),
        pattern=ConsentAnswer.pattern))
