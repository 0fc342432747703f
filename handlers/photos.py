"""Photos and image files sent for a product, and the product's photo buttons."""

import asyncio
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.conversation.turn import Turn
from bot.db import sellers
from bot.listing import photos
from bot.listing.photo_checks import check_image
from bot.listing.photos import PhotoAction
from bot.seller import dialog
from handlers.common import runtime, turn_handler

log = logging.getLogger("haat.photos")
MAX_DOWNLOAD = 20 * 1024 * 1024  # the Bot API serves files up to 20 MB


async def _download(update: Update, context: ContextTypes.DEFAULT_TYPE) -> dict | str | None:
    """Fetch and check the picture before the transaction opens. None: not a picture (or
    nobody asked for one); ``photos.TOO_BIG`` over the Bot API's 20 MB."""
    if not await _photo_wanted(update, context):
        return None  # a stranger or a seller not at the photo question costs no download
    message = update.effective_message
    as_file = not message.photo  # sent "as a file": full quality, no compression
    media = message.document if as_file else message.photo[-1]
    if media is None:
        return None
    if (media.file_size or 0) > MAX_DOWNLOAD:
        return photos.TOO_BIG
    try:
        data = await (await media.get_file()).download_as_bytearray()
    except TelegramError as exc:
        log.warning("photo download failed: %s", type(exc).__name__)
        return None
    # Pillow work takes 50-100 ms on a phone photo: keep it off the event loop.
    report = await asyncio.to_thread(check_image, bytes(data), main=True)
    return photos.photo_record(media.file_id, media.file_unique_id, as_file, report)


async def _photo_wanted(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Has this user consented, and is a product waiting for photos? One short read."""
    async with runtime(context).database.transaction() as session:
        loaded = await sellers.load(session, update.effective_user.id, lock=False)
    return loaded is not None and photos.wants_photo(loaded[0])


async def _photo(turn: Turn) -> None:
    if turn.seller is None or not await photos.on_photo(turn, turn.attachment):
        await dialog.on_other(turn)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(turn_handler(photos.change, button=PhotoAction),
                                         pattern=PhotoAction.pattern))
    pictures = filters.ChatType.PRIVATE & (filters.PHOTO | filters.Document.IMAGE)
    app.add_handler(MessageHandler(pictures, turn_handler(_photo, needs_seller=False,
                                                          prepare=_download)))
