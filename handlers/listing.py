"""/newproduct, /products, /price, the product card's buttons and the drafts buttons."""

from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.checklists import screens as checklists
from bot.conversation.turn import Turn
from bot.i18n import _
from bot.listing import drafts_flow
from bot.listing import flow as listing
from bot.listing import photos as listing_photos
from bot.listing.drafts_flow import DraftExtra, DraftRequest
from bot.listing.flow import ProductAction
from bot.pricing import flow as pricing
from bot.pricing.flow import PriceNotes, UsePrice
from handlers.common import turn_handler

# What each product button does; the product id is checked by products.owned() inside.
PRODUCT_ACTIONS = {
    "new": lambda turn, _pid: listing.new_product(turn),
    "fresh": lambda turn, _pid: listing.start_fresh(turn),
    "list": lambda turn, _pid: listing.show_all(turn),
    "open": listing.reopen,
    "info": listing.details,
    "edit": listing.edit,
    "copy": listing.duplicate,
    "del": listing.ask_delete,
    "delyes": listing.delete,
    "photos": listing_photos.screen,
    "drafts": drafts_flow.choose,
    "price": pricing.start,
    "pack": checklists.show,
}

# Buttons that create something: a repeated tap of the same button does nothing twice.
# "📝 All of them" too (a dozen files a tap); one marketplace's draft stays repeatable,
# as the way to ask again when a delivery failed.
CREATING = frozenset({"copy", "fresh"})


async def _product_button(turn: Turn, data: ProductAction) -> None:
    action = PRODUCT_ACTIONS.get(data.action)
    if action is None:
        turn.notice = _("This button no longer works.")
        return
    await action(turn, data.id)


def register(app: Application) -> None:
    app.add_handler(CommandHandler("newproduct", turn_handler(listing.new_product,
                                                              pause_form=True)))
    app.add_handler(CommandHandler("products", turn_handler(listing.show_all,
                                                            pause_form=True)))
    app.add_handler(CommandHandler("price", turn_handler(pricing.start, pause_form=True)))
    app.add_handler(CallbackQueryHandler(
        turn_handler(_product_button, button=ProductAction, pause_form=True,
                     once=lambda data: data.action in CREATING),
        pattern=ProductAction.pattern))
    app.add_handler(CallbackQueryHandler(
        turn_handler(drafts_flow.send, button=DraftRequest, pause_form=True,
                     once=lambda data: data.marketplace == drafts_flow.ALL),
        pattern=DraftRequest.pattern))
    app.add_handler(CallbackQueryHandler(
        turn_handler(drafts_flow.extra, button=DraftExtra, pause_form=True),
        pattern=DraftExtra.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(pricing.apply, button=UsePrice),
                                         pattern=UsePrice.pattern))
    app.add_handler(CallbackQueryHandler(turn_handler(pricing.notes, button=PriceNotes),
                                         pattern=PriceNotes.pattern))
