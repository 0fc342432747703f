"""The sellers as staff look them up at a desk (the staff web page): a table with search
and filters, one page at a time, and one seller's page. Reads only; access is checked here
(``access``), so every front end gets the same "no". Writing to a seller and "resolved" are
``help_queue``'s.

Search: a name, a mobile number (its digits) or a craft, case-insensitive. Filters: a
district (or all the staff member's), the furthest funnel stage reached (``stats.STAGES``),
needing help (``stats.needing_help``, the bot's own definition), having answered a
workshop (one they see; optionally with one answer). Pages by LIMIT/OFFSET in
seller id order; one more row than shown tells whether a next page exists (no COUNT over
100,000 sellers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from bot.admin import access, help_queue, stats
from bot.admin.staff import Role
from bot.conversation.turn import Gone
from bot.db import sellers
from bot.db.models import Seller
from bot.helpdesk import relay
from bot.i18n import _
from bot.listing import drafts, glossary_terms, readiness
from bot.listing import products as products_store
from bot.steps import flow as steps
from bot.workshops import services as workshop_services
from bot.workshops import workshops as workshop_store

# The answers a seller can have given a workshop (the sellers table's filter).
ANSWERS = (workshop_store.GOING, workshop_store.WAITING, workshop_store.MAYBE,
           workshop_store.NO)

SELLERS = Seller.__table__
PAGE_SIZE = 50


@dataclass(frozen=True)
class Filters:
    text: str = ""
    district: str = access.ALL
    stage: str | None = None  # the furthest stage reached (a code of stats.STAGES)
    needs_help: bool = False
    page: int = 1
    workshop: int | None = None  # only sellers who answered this workshop
    answer: str | None = None  # ... with this answer (``workshops.ANSWERS`` or waiting)


@dataclass(frozen=True)
class Row:
    seller_id: int
    name: str | None
    district: str | None
    phone: str | None
    craft: str | None
    stage: str  # the furthest stage reached
    needs_help: bool


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    filters: Filters
    has_next: bool


def _like(text: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


def _furthest(reached: dict[str, Any]) -> str:
    stage = stats.JOINED
    for code in stats.STAGES:
        if reached.get(code) is not None:
            stage = code
    return stage


async def search(session: Any, role: Role | None, filters: Filters,
                 page_size: int = PAGE_SIZE) -> Page:
    role = access.require(role, filters.district)
    districts = access.scope(role, filters.district)
    if filters.stage is not None and filters.stage not in stats.STAGES:
        raise ValueError(filters.stage)
    where = [stats.in_districts(districts)]
    text = filters.text.strip()[:80]
    if text:
        digits = re.sub(r"\D", "", text)
        terms = [sellers.NAME.ilike(_like(text), escape="\\"),
                 SELLERS.c.craft_text.ilike(_like(text), escape="\\"),
                 SELLERS.c.craft_key.ilike(_like(text), escape="\\")]
        if len(digits) >= 3:
            terms.append(SELLERS.c.phone.like(_like(digits), escape="\\"))
        where.append(or_(*terms))
    if filters.stage is not None:
        where.append(stats.reached_at(filters.stage).is_not(None))
        position = stats.STAGES.index(filters.stage)
        if position + 1 < len(stats.STAGES):
            where.append(stats.reached_at(stats.STAGES[position + 1]).is_(None))
    if filters.workshop is not None:
        # The workshop must be one they see (a crafted id of another district's: Gone).
        await workshop_services.seen(session, role, filters.workshop)
        if filters.answer is not None and filters.answer not in ANSWERS:
            raise ValueError(filters.answer)
        where.append(SELLERS.c.id.in_(workshop_store.answered(filters.workshop,
                                                               filters.answer)))
    if filters.needs_help:
        where.append(SELLERS.c.id.in_(stats.needing_help_ids(districts)))
    page = max(1, filters.page)
    reached = [stats.reached_at(code).label(code) for code in stats.STAGES]
    rows = list(await session.execute(
        select(SELLERS.c.id, sellers.NAME.label("name"), stats.DISTRICT.label("district"),
               SELLERS.c.phone, SELLERS.c.craft_text, *reached)
        .where(*where).order_by(SELLERS.c.id)
        .limit(page_size + 1).offset((page - 1) * page_size)))
    # Whether those shown need help (asked for them alone, not for all 100,000).
    helping = {s.seller_id for s in await stats.needing_help(
        session, districts, only=[r.id for r in rows[:page_size]])} if rows else set()
    shown = [Row(r.id, r.name, r.district, r.phone, r.craft_text,
                 _furthest({code: getattr(r, code) for code in stats.STAGES}),
                 r.id in helping) for r in rows[:page_size]]
    return Page(shown, filters, len(rows) > page_size)


@dataclass(frozen=True)
class ProductView:
    product_id: int
    name: str
    statuses: list[readiness.Status]


@dataclass(frozen=True)
class SellerView:
    seller: Seller
    district: str
    steps: list[tuple[steps.Step, str | None]]  # each step that applies, with its status
    products: list[ProductView]
    messages: list[dict[str, Any]]  # the help conversation, oldest first
    needs_help: bool


async def seller(session: Any, role: Role | None, seller_id: int) -> SellerView:
    """One seller of the staff member's districts (``Gone`` otherwise, as the bot says)."""
    district = await help_queue.seller_district(session, role, seller_id)
    row = await sellers.by_id(session, seller_id)
    if row is None:  # deleted between the two reads
        raise Gone(_("This seller's data has been deleted."))
    status = await steps.statuses_of(session, seller_id)
    applicable = [s for s in steps.STEPS if row.wants_export == "yes" or not s.export_only]
    gst = status.get("gst")
    facts = readiness.seller_facts(row, gst.data if gst else None,
                                   await glossary_terms.in_use(session, row.district_code))
    keys = readiness.marketplaces_for(row)
    views = []
    for product in await products_store.all_by(session, seller_id):
        product_facts = drafts.product_facts(product["answers"], product["photos"], facts)
        views.append(ProductView(product["id"], product["answers"].get("name") or "—",
                                 readiness.statuses(product_facts, keys)))
    waiting = {s.seller_id for s in await stats.needing_help(session, [district],
                                                             only=[seller_id])}
    return SellerView(row, district,
                      [(s, status[s.key].status if s.key in status else None)
                       for s in applicable],
                      views, await relay.of_seller(session, seller_id), seller_id in waiting)
