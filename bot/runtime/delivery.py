"""The one way a ``Reply`` goes out as new messages: a turn's replies, a background job's
result and the outbox sender's rows all call ``send``. What to do when Telegram says no is
the caller's (the sender classifies 429/403/timeouts; a turn's render lets them raise).
"""

from __future__ import annotations

import inspect
import io
import logging
import zipfile
from collections.abc import Awaitable, Callable

from telegram import Bot, InputFile, Message
from telegram.error import TelegramError

from bot.conversation.turn import MESSAGE_LIMIT, Reply
from bot.i18n import _
from bot.runtime.replies import markup

log = logging.getLogger("haat.delivery")

CAPTION_LIMIT = 1024  # characters, Bot API limit for a photo's or document's caption


# Called before each message goes; may be a coroutine function (the sender waits there for
# the chat's next slot before a second part).
OnSend = Callable[[], Awaitable[None] | None]


def _nothing() -> None:
    pass


async def _before(on_send: OnSend) -> None:
    result = on_send()
    if inspect.isawaitable(result):
        await result


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split on line breaks (or spaces) so every part fits one Telegram message."""
    parts: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = text.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    parts.append(text)
    return [p for p in parts if p] or [""]


async def _zip(bot: Bot, chat_id: int, reply: Reply) -> Message:
    """Download the files through the Bot API and send them as one ZIP: the bot keeps
    Telegram's file ids, never the photos themselves."""
    name, files = reply.zip_of
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:  # JPEGs: no gain
            for inner, file_id in files:
                data = await (await bot.get_file(file_id)).download_as_bytearray()
                archive.writestr(inner, bytes(data))
    except TelegramError as exc:
        log.warning("zip download failed: %s", type(exc).__name__)
        return await bot.send_message(chat_id, _("Sorry, I could not fetch the photos from "
                                                 "Telegram just now. Please try again."))
    return await bot.send_document(chat_id, InputFile(out.getvalue(), filename=name),
                                   caption=reply.text[:CAPTION_LIMIT] or None,
                                   reply_markup=markup(reply))


async def send(bot: Bot, chat_id: int, reply: Reply, on_send: OnSend | None = None) -> Message:
    """Send ``reply`` as new message(s): a ZIP, a photo, a document (``text`` is the
    caption), or text split on line breaks to fit, its keyboard under the last part.
    ``on_send()`` is called before each message goes (the pacer counts replies; the sender
    paces parts and learns how many went before an error). Returns the last message."""
    on_send = on_send or _nothing
    if reply.zip_of is not None:
        await _before(on_send)
        return await _zip(bot, chat_id, reply)
    if reply.voice is not None:
        await _before(on_send)
        return await bot.send_voice(chat_id, reply.voice,
                                    caption=reply.text[:CAPTION_LIMIT] or None,
                                    reply_markup=markup(reply))
    if reply.photo is not None or reply.document is not None:
        name, data = reply.photo or reply.document
        api = bot.send_photo if reply.photo is not None else bot.send_document
        await _before(on_send)
        return await api(chat_id, InputFile(data, filename=name),
                         caption=reply.text[:CAPTION_LIMIT] or None, reply_markup=markup(reply))
    keyboard = markup(reply)
    parts = split_text(reply.text)
    for part in parts[:-1]:
        await _before(on_send)
        await bot.send_message(chat_id, part)
    await _before(on_send)
    return await bot.send_message(chat_id, parts[-1], reply_markup=keyboard)
