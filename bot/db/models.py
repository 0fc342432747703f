"""Database tables. The conversation's only memory (design decision 1) is here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Seller(Base):
    """One Telegram user who agreed to what is stored. No row exists before consent.

    Read and written per update by ``bot.sellers`` (plain statements, not the ORM session).
    """

    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(5), default="en")
    consented_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    # Profile (filled by the profile form; empty until it is saved).
    # address: the manufacturer's address for Legal Metrology labels (asked when needed).
    name: Mapped[str | None] = mapped_column(String(80))
    district_code: Mapped[str | None] = mapped_column(String(40), index=True)
    craft_key: Mapped[str | None] = mapped_column(String(40))
    craft_text: Mapped[str | None] = mapped_column(String(100))
    business_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(16))
    email: Mapped[str | None] = mapped_column(String(254))
    wants_export: Mapped[str | None] = mapped_column(String(8))
    address: Mapped[str | None] = mapped_column(String(300))
    # The business name and the seller's name as confirmed in English letters, with the
    # Devanagari they were confirmed for: {"business": {"from": ..., "en": ...}, "name": ...}
    names_en: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    profile_saved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # The form in progress, if any (see bot.forms): form key, current field, answers so far.
    form_state: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class StepProgress(Base):
    """Where a seller stands on one digitisation step, with the numbers they gave for it."""

    __tablename__ = "step_progress"
    __table_args__ = (UniqueConstraint("seller_id", "step_key"),
                      # The staff funnel counts done steps per seller from this index alone.
                      Index("ix_step_progress_status_seller", "status", "seller_id",
                            "updated_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    step_key: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(8))  # done | todo | help
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


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


class Staff(Base):
    """A facilitator appointed by an operator (operators are ADMIN_IDS, not stored here).

    Owned by ``bot.admin.staff``. ``districts`` is the list of district codes they serve."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)
    districts: Mapped[list[str]] = mapped_column(JSON)
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StaffInvite(Base):
    """A one-time invitation link for a facilitator. Only the token's SHA-256 is kept: a
    copy of the database does not give anyone a working link."""

    __tablename__ = "staff_invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    districts: Mapped[list[str]] = mapped_column(JSON)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HelpFollowup(Base):
    """When staff last marked a seller's request for help resolved: the seller is listed
    again only for help asked (or a stop) after that."""

    __tablename__ = "help_followups"

    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           primary_key=True)
    resolved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[int] = mapped_column(BigInteger)


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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Press(Base):
    """A creating button already acted on: (message, data) per seller, kept for a day.

    Telegram delivers every tap of a quick double (or fivefold) tap; a button marked
    ``once`` acts on the first and answers "Already done" to the rest, in any process.
    """

    __tablename__ = "presses"
    __table_args__ = (UniqueConstraint("seller_id", "message_id", "data"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    message_id: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
