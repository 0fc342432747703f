"""The packing checklist's button data, shared by its screens and its handler."""

from __future__ import annotations

from bot.conversation.callbacks import callback
from bot.conversation.turn import Button

NO_ITEM = "-"


@callback("ck")
class ChecklistAction:
    id: int  # the product; 0 for the list of products
    action: str
    item: str  # an item code, or NO_ITEM


def button(label: str, product_id: int, action: str, item: str = NO_ITEM) -> Button:
    return Button(label, ChecklistAction(product_id, action, item).pack())

