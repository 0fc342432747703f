"""What a message means depends on where the seller is: this routes free text, contacts
and media to the form in progress, or explains what the bot expects."""

from __future__ import annotations

from bot.conversation import forms
from bot.conversation.navigation import continue_button, menu_button
from bot.conversation.turn import Turn
from bot.i18n import _
from bot.seller import menu, onboarding


async def on_text(turn: Turn, text: str) -> None:
    if turn.seller is None:
        # Only a staff form reaches here without a seller (handlers/messages.py answers
        # the rest): it is on a staff member's chat row.
        await forms.on_text(turn, text)
        return
    if forms.is_active(turn):
        if onboarding.away_long(turn):
            # Days later "hi" is a greeting, not the answer to the question left open.
            turn.say(_("Welcome back! Let us continue where you stopped."))
            await forms.resume(turn)
            return
        await forms.on_text(turn, text)
        return
    if forms.current_form(turn) is not None:
        turn.say(_("You have unfinished answers for “{what}”. Continue?").format(
            what=forms.describe(turn)),
            buttons=[[continue_button(), menu_button()]])
        return
    await menu.show(turn, prefix=_("I did not understand that. Please use the buttons."))


async def on_contact(turn: Turn, phone: str, *, own: bool = True) -> None:
    """A shared contact card; ``own``: it is the sender's own number (Telegram says so)."""
    if turn.seller is None:
        onboarding.ask_language(turn)
        return
    if forms.is_active(turn):
        if not own:
            # Someone else's card is not the seller's mobile: ask for their own.
            turn.say(_("This contact is not your own number. Please press “📱 Share my "
                       "number”, or type your own 10-digit mobile number."))
            await forms.resume(turn)
            return
        await forms.on_contact(turn, phone)
        return
    turn.say(_("Thank you, but I did not ask for a phone number just now."))
    await menu.show(turn)


async def on_other(turn: Turn) -> None:
    """A photo, sticker, voice note, file... where only typed text makes sense (for now)."""
    if turn.seller is None:
        onboarding.ask_language(turn)
        return
    if forms.is_active(turn):
        turn.say(_("I can only read typed text here. Please type your answer."))
        await forms.resume(turn)
        return
    await menu.show(turn, prefix=_("I can only read typed text and buttons here."))


async def cancel(turn: Turn) -> None:
    if turn.row is not None and forms.current_form(turn) is not None:
        await forms.cancel(turn)
        return
    turn.say(_("There is nothing to cancel."))
    if turn.seller is not None:
        await menu.show(turn)
