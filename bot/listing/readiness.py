"""One truth for "ready" (issue 24 §2): per marketplace, ready, or blocked with the
reasons, and advice. The product card, the drafts' notes, the spreadsheet's "Blocking
problems" column and the steps all read ``status``; none decides on its own.

A marketplace is ready when its draft has no blocking issue and no line of the seller's
is missing from the English (a gap). Advice never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.conversation.turn import Turn
from bot.db.models import Seller
from bot.i18n import _
from bot.listing import drafts, glossary_terms
from bot.listing.drafts import ADVICE, Draft, Issue, ProductFacts, SellerFacts
from bot.reference.glossary import Entry
from bot.reference.marketplaces import all_rules
from bot.steps import flow as steps


@dataclass(frozen=True)
class Status:
    marketplace: str
    name: str
    blockers: tuple[Issue, ...]  # blocking issues, then gaps: what stops the listing
    advice: tuple[Issue, ...]

    @property
    def ready(self) -> bool:
        return not self.blockers


def blockers(draft: Draft) -> tuple[Issue, ...]:
    """What stops the listing: blocking issues, then gaps (the spreadsheet's column reads
    this alone, without the status's translated name)."""
    return tuple(draft.blocking + draft.gaps)


def status(draft: Draft) -> Status:
    return Status(draft.marketplace, _(draft.rules.label), blockers(draft),
                  tuple(i for i in draft.issues if i.severity == ADVICE))


def marketplaces_for(seller: Seller) -> list[str]:
    """The marketplaces this seller may list on (Walmart only for exporters)."""
    exporter = seller.wants_export == "yes"
    return [key for key, rules in all_rules().items() if exporter or not rules.export_only]


def confirmed(seller: Seller, kind: str, current: str | None) -> str | None:
    """The confirmed English spelling of a name, if it was confirmed for the name as it is
    now (a changed business name needs a new confirmation)."""
    entry = (seller.names_en or {}).get(kind)
    return entry["en"] if entry and current and entry.get("from") == current else None


def seller_facts(seller: Seller, gst_data: dict | None,
                 terms: tuple[Entry, ...] = ()) -> SellerFacts:
    """``terms``: the district's reviewed glossary words (``glossary_terms.in_use``)."""
    gst_data = gst_data or {}
    return SellerFacts(name=seller.name or "", business_name=seller.business_name,
                       district_code=seller.district_code, address=seller.address,
                       phone=seller.phone, email=seller.email, gstin=gst_data.get("gstin"),
                       enrolment_id=gst_data.get("eid"),
                       business_name_en=confirmed(seller, "business", seller.business_name),
                       name_en=confirmed(seller, "name", seller.name), terms=terms)


async def facts_of(turn: Turn) -> SellerFacts:
    gst_row = (await steps.statuses(turn)).get("gst")
    return seller_facts(turn.seller, gst_row.data if gst_row else None,
                        await glossary_terms.in_use(turn.session, turn.seller.district_code))


async def facts_for(session: Any, seller: Seller) -> SellerFacts:
    """``facts_of`` for a service without a Turn."""
    gst_row = (await steps.statuses_of(session, seller.id)).get("gst")
    return seller_facts(seller, gst_row.data if gst_row else None,
                        await glossary_terms.in_use(session, seller.district_code))


def statuses(facts: ProductFacts, keys: list[str]) -> list[Status]:
    return [status(drafts.draft_for(facts, key)) for key in keys]


async def of_product(turn: Turn, product: dict[str, Any]) -> list[Status]:
    facts = drafts.product_facts(product["answers"], product["photos"], await facts_of(turn))
    return statuses(facts, marketplaces_for(turn.seller))


def line(state: Status) -> str:
    """The card's one short line for a marketplace."""
    if state.ready:
        return _("✅ {marketplace}: ready").format(marketplace=state.name)
    return _("⛔ {marketplace}: {count} to fix").format(marketplace=state.name,
                                                       count=len(state.blockers))
