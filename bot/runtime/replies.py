"""A ``Reply``'s keyboard as Telegram markup: shared by the update handlers and the sender."""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.conversation.turn import Button, Reply

# Inline keyboards already built, by their buttons: most replies carry one of a few
# keyboards (a question's navigation in each language), and building Telegram's objects
# cost as much as a twentieth of a form step. They are immutable, so one object serves
# every chat. Kept small: past the cap the cache starts again (keyboards with a seller's
# own data come and go).
_INLINE: dict[tuple[tuple[Button, ...], ...], InlineKeyboardMarkup] = {}
_INLINE_KEPT = 256


def _inline(buttons: list[list[Button]]) -> InlineKeyboardMarkup:
    key = tuple(tuple(row) for row in buttons)
    keyboard = _INLINE.get(key)
    if keyboard is None:
        if len(_INLINE) >= _INLINE_KEPT:
            _INLINE.clear()
        keyboard = _INLINE[key] = InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
             for row in buttons])
    return keyboard


def markup(reply: Reply):
    if reply.buttons:
        return _inline(reply.buttons)
    if reply.contact_button:
        return ReplyKeyboardMarkup([[KeyboardButton(reply.contact_button, request_contact=True)]],
                                   resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    return None
