"""A ``Reply``'s keyboard as Telegram markup: shared by the update handlers and the sender."""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.conversation.turn import Reply


def markup(reply: Reply):
    if reply.buttons:
        return InlineKeyboardMarkup([[InlineKeyboardButton(b.text, callback_data=b.data)
                                      for b in row] for row in reply.buttons])
    if reply.contact_button:
        return ReplyKeyboardMarkup([[KeyboardButton(reply.contact_button, request_contact=True)]],
                                   resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    return None
