"""/newproduct, /products, the product buttons, and photos sent for a product."""

import asyncio
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.conversation import forms
from bot.conversation.turn import Turn
from bot.i18n import _
from bot.listing import drafts_flow
from bot.listing import flow as listing
from bot.listing.photo_checks import check_image
from bot.pricing import flow as pricing_flow
from bot.seller import dialog
from handlers.common import turn_handler
from handlers.menu import _needs_seller

log = logging.getLogger("haat.photos")
MAX_DOWNLOAD = 20 * 1024 * 1024  # the Bot API serves files up to 20 MB


async def _newproduct(turn: Turn, update: Update) -> None:
    await listing.new_product(turn)


async def _products(turn: Turn, update: Update) -> None:
    await listing.products(turn)


def _parts(turn: Turn, update: Update, count: int) -> list[str] | None:
    """The button's data split into ``count`` parts, the second a product id; None (and
    a notice) for anything else: button data comes from the client and is not trusted."""
    parts = update.callback_query.data.split("|")
    if len(parts) != count or not parts[1].isdigit():
        turn.notice = _("This button no longer works.")
        return None
    return parts


async def _product_button(turn: Turn, update: Update) -> None:
    if (parts := _parts(turn, update, 3)) is None:
        return
    product_id, action = int(parts[1]), parts[2]
    forms.pause(turn)
    if action == "new":
        await listing.new_product(turn)
    elif action == "fresh":
        forms.discard(turn)
        await listing.start_new(turn)
    elif action == "list":
        await listing.products(turn)
    elif action == "open":
        await listing.show(turn, product_id)
    elif action == "edit":
        await listing.edit(turn, product_id)
    elif action == "copy":
        await listing.duplicate(turn, product_id)
    elif action == "del":
        listing.ask_delete(turn, product_id)
    elif action == "delyes":
        await listing.delete_product(turn, product_id)
    elif action == "photos":
        await listing.photos_screen(turn, product_id)
    elif action.startswith(("main", "rm")):
        await listing.change_photos(turn, product_id, action)
    elif action == "drafts":
        await drafts_flow.choose(turn, product_id)
    elif action == "price":
        await pricing_flow.start(turn, product_id)
    else:
        await listing.show(turn, product_id)


async def _download(update: Update, context: ContextTypes.DEFAULT_TYPE) -> dict | None:
    """Fetch and check the picture before the transaction opens. None: not a picture."""
    message = update.effective_message
    as_file = not message.photo  # sent "as a file": full quality, no compression
    media = message.document if as_file else message.photo[-1]
    if media is None or (media.file_size or 0) > MAX_DOWNLOAD:
        return None
    try:
        data = await (await media.get_file()).download_as_bytearray()
    except TelegramError as exc:
        log.warning("photo download failed: %s", type(exc).__name__)
        return None
    # Pillow work takes 50-100 ms on a phone photo: keep it off the event loop.
    report = await asyncio.to_thread(check_image, bytes(data), main=True)
    return listing.photo_record(media.file_id, media.file_unique_id, as_file, report)


async def _photo(turn: Turn, update: Update) -> None:
    if turn.seller is None or not await listing.on_photo(turn, turn.attachment):
        await dialog.on_other(turn)


async def _draft_button(turn: Turn, update: Update) -> None:
    if (parts := _parts(turn, update, 3)) is None:
        return
    forms.pause(turn)
    await drafts_flow.send(turn, int(parts[1]), parts[2])


async def _price(turn: Turn, update: Update) -> None:
    await pricing_flow.start(turn)


async def _price_apply(turn: Turn, update: Update) -> None:
    if (parts := _parts(turn, update, 4)) is None:
        return
    await pricing_flow.apply(turn, int(parts[1]), parts[2], parts[3])


def register(app: Application) -> None:
    app.add_handler(CommandHandler("price", turn_handler(_needs_seller(_price),
                                                         pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(_needs_seller(_price_apply)),
                                         pattern=r"^pq\|"))
    app.add_handler(CallbackQueryHandler(turn_handler(_needs_seller(_draft_button)),
                                         pattern=r"^dr\|"))
    app.add_handler(CommandHandler("newproduct", turn_handler(_needs_seller(_newproduct),
                                                              pause_form=True)))
    app.add_handler(CommandHandler("products", turn_handler(_needs_seller(_products),
                                                            pause_form=True)))
    app.add_handler(CallbackQueryHandler(turn_handler(_needs_seller(_product_button)),
                                         pattern=r"^pr\|"))
    pictures = filters.ChatType.PRIVATE & (filters.PHOTO | filters.Document.IMAGE)
    app.add_handler(MessageHandler(pictures, turn_handler(_photo, prepare=_download)))
