"""Everything that is not a known command or button: typed text, shared contacts, media,
unknown commands and unknown buttons (e.g. from an older version of the bot)."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.conversation import forms
from bot.conversation.turn import Turn
from bot.i18n import _
from bot.seller import dialog, menu, onboarding
from handlers.common import no_seller, turn_handler


async def _text(turn: Turn, update: Update) -> None:
    text = update.effective_message.text
    if turn.seller is None and not forms.is_active(turn):
        # No seller and no staff form: "हाँ" at the consent question, else no seller's
        # answer at all.
        if not await onboarding.typed_before_consent(turn, text):
            await no_seller(turn, prefix=_("I did not understand that. Please use the "
                                           "buttons."))
        return
    await dialog.on_text(turn, text)


async def _contact(turn: Turn, update: Update) -> None:
    contact = update.effective_message.contact
    # A forwarded card or someone else's contact has another user_id (or none).
    own = contact.user_id is not None and contact.user_id == update.effective_user.id
    await dialog.on_contact(turn, contact.phone_number, own=own)


async def _unknown_command(turn: Turn) -> None:
    if turn.seller is None:
        await no_seller(turn, prefix=_("I do not know that command."))
    else:
        await menu.show(turn, prefix=_("I do not know that command."))


async def _unknown_button(turn: Turn) -> None:
    turn.notice = _("This button no longer works.")
    if turn.seller is not None:
        await menu.show(turn)


def register(app: Application) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & filters.COMMAND,
                                   turn_handler(_unknown_command, needs_seller=False)))
    app.add_handler(MessageHandler(private & filters.TEXT,
                                   turn_handler(_text, with_update=True, needs_seller=False)))
    app.add_handler(MessageHandler(private & filters.CONTACT,
                                   turn_handler(_contact, with_update=True, needs_seller=False)))
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL,
                                   turn_handler(dialog.on_other, needs_seller=False)))
    app.add_handler(CallbackQueryHandler(turn_handler(_unknown_button, needs_seller=False)))
