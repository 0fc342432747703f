"""Sellers, their steps, staff and who is not counted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, utcnow


class Seller(Base):
    """One Telegram user who agreed to what is stored. No row exists before consent, with
    one exception: a staff member who writes in a staff form before (or without) agreeing
    as a seller gets a row with ``consented_at`` NULL that holds only the chat, the
    language and the form in progress. Such a row is never a seller (``turn.seller`` is
    None for it, and ``bot.db.sellers.counted`` leaves it out of every count).

    Read and written per update by ``bot.sellers`` (plain statements, not the ORM session).
    """

    __tablename__ = "sellers"
    # By district, with what the staff funnel reads of each seller (who counts, the
    # moments of its first stages): the funnel of every district reads this index alone,
    # in district order (``make bench`` parts (e) and (m)).
    __table_args__ = (Index("ix_sellers_district_funnel", "district_code", "consented_at",
                            "telegram_id", "created_at", "profile_saved_at",
                            "half_steps_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(5), default="en")
    consented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                          default=utcnow)

    # Profile (filled by the profile form; empty until it is saved).
    # address: the manufacturer's address for Legal Metrology labels (asked when needed).
    name: Mapped[str | None] = mapped_column(String(80))
    district_code: Mapped[str | None] = mapped_column(String(40))
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
    # When the seller's done steps first reached half of theirs (``bot.steps.flow`` keeps
    # it true as steps and the export answer change): the staff funnel reads this column
    # instead of counting every step row (``make bench`` part (e)).
    half_steps_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # How many of the seller's steps are done (kept by ``bot.steps.flow`` too): who needs
    # help compares it with the seller's steps instead of counting every seller's step
    # rows on each request (``make bench`` part (m), the operator's overview).
    steps_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Telegram said 403 (blocked, deactivated): nothing unasked is sent until they are back.
    unreachable_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    # A workshop's deep link (``start=w_<id>``) that came before the profile was done: the
    # workshop card is shown once it is saved (a plain id: the workshop may be gone by then).
    pending_workshop_id: Mapped[int | None] = mapped_column(Integer)

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


class Staff(Base):
    """A facilitator appointed by an operator (operators are ADMIN_IDS, not stored here).

    Owned by ``bot.admin.staff``. ``districts`` is the list of district codes they serve."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)
    districts: Mapped[list[str]] = mapped_column(JSON)
    # Their Telegram name when they accepted the invitation (or given with the CLI): the
    # staff list shows people, not numbers.
    name: Mapped[str | None] = mapped_column(String(80))
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Uncounted(Base):
    """A Telegram user who never counts as a seller: a tester an operator marked, or an
    operator (``ADMIN_IDS``, written here when they act). Owned by ``bot.db.sellers``;
    facilitators need no row (the ``staff`` table says it)."""

    __tablename__ = "uncounted"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reason: Mapped[str] = mapped_column(String(12))  # tester | operator
    marked_by: Mapped[int | None] = mapped_column(BigInteger)
    marked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


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


class NudgeSetting(Base):
    """A seller's weekly nudge: off unless they switch it on. Owned by
    ``bot.admin.nudges``; deleted with the seller."""

    __tablename__ = "nudge_settings"

    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_planned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
