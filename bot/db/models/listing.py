"""Products and what hangs on them: checklists, price quotes, lines waiting for English,
the districts' glossary words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, utcnow


class Product(Base):
    """One product a seller described in the listing wizard.

    ``answers`` holds the wizard's answers as the form engine stores them (forms are
    data: a new question needs no migration); ``photos`` holds Telegram file ids and the
    check results, never image bytes.
    """

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    status: Mapped[str] = mapped_column(String(12))  # ready | sent (drafts sent)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    photos: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    drafts_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class ProductChecklist(Base):
    """A product's packing checklist ticks and the facts asked for its labels.

    ``ticks`` maps an item code (``bot.checklists.checklists.RULES``) to "done" or "skip";
    the items themselves are recomputed from the product each time, so an edit that changes
    the product's traits keeps the ticks of the items that still apply. ``label`` holds
    what the labels need beyond the product's answers (month and year of manufacture,
    FSSAI number, best-before, the sheet layout chosen last).
    """

    __tablename__ = "product_checklists"

    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    ticks: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    label: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class PriceQuote(Base):
    """The price calculator's last result for a product, kept until the seller applies it.

    The "✅ Use this price" button names this row; prices never travel in button data,
    where a client could change them. One row per product: a new quote replaces the old.
    """

    __tablename__ = "price_quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"),
                                            unique=True)
    price: Mapped[str] = mapped_column(String(16))
    mrp: Mapped[str] = mapped_column(String(16))
    # The quote's marketplace: an export-only one (Walmart) sets the export price.
    marketplace: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EnglishRequest(Base):
    """A seller's feature, care or story line the bot could not put into English, waiting
    for (or answered by) a facilitator of the seller's district. Owned by
    ``bot.listing.english_needed``; one row per (product, field, line), so a line is sent
    once however often the product is saved; deleted with the seller or the product."""

    __tablename__ = "english_requests"
    __table_args__ = (UniqueConstraint("product_id", "field", "line"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    district_code: Mapped[str | None] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(12))  # features | care | story
    line: Mapped[str] = mapped_column(Text)
    english: Mapped[str | None] = mapped_column(Text)
    # A facilitator's correction of a line the bot had rendered: the bot's English then.
    bot_english: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8))  # open | done | settled
    answered_by: Mapped[int | None] = mapped_column(BigInteger)  # staff Telegram id
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class GlossaryTerm(Base):
    """A word or short phrase a facilitator put into English for a seller's line, kept
    for the district: proposed, then reviewed by someone else (approved or rejected);
    an operator may promote an approved one to every district. Only approved terms are
    used, by the drafts of the district's sellers (all sellers once shared), before the
    shipped glossary. Owned by ``bot.listing.glossary_terms``."""

    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    district_code: Mapped[str] = mapped_column(String(40), index=True)
    term: Mapped[str] = mapped_column(String(120))  # the seller's words, as written
    term_key: Mapped[str] = mapped_column(String(200))  # folded, to find it again
    english: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))  # product | material | colour | descriptor
    status: Mapped[str] = mapped_column(String(10))  # proposed | approved | rejected
    shared: Mapped[bool] = mapped_column(Boolean, default=False)  # promoted: all districts
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("english_requests.id", ondelete="SET NULL"))
    proposed_by: Mapped[int] = mapped_column(BigInteger)  # staff Telegram ids
    reviewed_by: Mapped[int | None] = mapped_column(BigInteger)
    promoted_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    promoted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
