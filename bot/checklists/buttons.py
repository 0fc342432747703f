"""The packing checklist's button data, shared by its screens and its handler."""

from __future__ import annotations

from bot.conversation.callbacks import callback
from bot.conversation.turn import Button
from bot.i18n import _

NO_ITEM = "-"


@callback("ck")
class ChecklistAction:
    id: int  # the product; 0 for the list of products
    action: str
    item: str  # an item code, or NO_ITEM


def button(label: str, product_id: int, action: str, item: str = NO_ITEM) -> Button:
    return Button(label, ChecklistAction(product_id, action, item).pack())


def open_all_button() -> Button:
    """For the Packaging step: every product's checklist."""
    return button(_("📦 Packing checklists"), 0, "mine")
