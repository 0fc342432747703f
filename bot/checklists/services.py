"""What the checklist screens and a web page both need, as plain functions.

A session, the acting seller and a product id in; plain data out. No Turn, Reply or Update:
the bot's screens (``screens.py``, ``printables.py``) format what these return. Ownership is
checked inside through the products' owner (``products.owned_by``): someone else's or a
made-up product raises ``Gone``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.checklists import checklists, labels, ticks
from bot.checklists.checklists import Item, Progress
from bot.db.models import Seller
from bot.listing import drafts, products, readiness


@dataclass(frozen=True)
class ProductChecklist:
    product: dict[str, Any]  # the products row
    traits: frozenset[str]
    items: list[Item]  # each with its tick state

    @property
    def progress(self) -> Progress:
        return checklists.progress(self.items)

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)


@dataclass(frozen=True)
class LabelContent:
    product: dict[str, Any]
    label: labels.LegalLabel
    stored: dict[str, Any]  # the label facts kept from the last label (month, FSSAI, ...)


def traits(seller: Seller, answers: dict[str, Any]) -> frozenset[str]:
    return checklists.traits_of(answers, seller.district_code, seller.wants_export == "yes")


async def _checklist(session: Any, seller: Seller, product: dict[str, Any]) -> ProductChecklist:
    tick_map, _label = await ticks.load(session, seller.id, product["id"])
    found = traits(seller, product["answers"])
    return ProductChecklist(product, found, checklists.checklist(found, tick_map))


async def product_checklist(session: Any, seller: Seller, product_id: int) -> ProductChecklist:
    """One product's checklist items with their tick state."""
    return await _checklist(session, seller, await products.owned_by(session, seller.id,
                                                                     product_id))


async def every_checklist(session: Any, seller: Seller) -> list[ProductChecklist]:
    """Every product of the seller with its checklist, in the products' order."""
    return [await _checklist(session, seller, product)
            for product in await products.all_by(session, seller.id)]


async def tick(session: Any, seller: Seller, product_id: int, code: str,
               state: str | None) -> bool:
    """Tick an item done or not needed (None: open again); False when the product's
    checklist has no such item (crafted data, or it stopped applying after an edit)."""
    checklist = await product_checklist(session, seller, product_id)
    if checklist.item(code) is None:
        return False
    await ticks.set_tick(session, seller.id, product_id, code, state)
    return True


async def product_facts(session: Any, seller: Seller,
                        product: dict[str, Any]) -> drafts.ProductFacts:
    return drafts.product_facts(product["answers"], product["photos"],
                                await readiness.facts_for(session, seller))


async def legal_label(session: Any, seller: Seller, product_id: int) -> LabelContent:
    """The Legal Metrology label's content from the profile, the product and the label
    facts kept for it, with what is still missing (``label.missing``)."""
    product = await products.owned_by(session, seller.id, product_id)
    _ticks, stored = await ticks.load(session, seller.id, product_id)
    facts = await product_facts(session, seller, product)
    return LabelContent(product, labels.legal_label(facts, stored), stored)


async def story(session: Any, seller: Seller, product_id: int) -> labels.Story:
    """The maker's story card for a product, in English and Hindi."""
    product = await products.owned_by(session, seller.id, product_id)
    return labels.story(await product_facts(session, seller, product), seller.name or "",
                        seller.craft_key, seller.craft_text)
