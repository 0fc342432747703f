"""Workshops and the sellers' answers to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, utcnow


class Workshop(Base):
    """A training session staff announce (Vriddhi, Samarth, an ODOP cell, EPCH); owned by
    ``bot.workshops.workshops``. Times are UTC; ``sequence`` goes up with every change a
    seller must hear of (the .ics SEQUENCE, and the version in reminder dedupe keys)."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_en: Mapped[str] = mapped_column(String(120))
    title_hi: Mapped[str] = mapped_column(String(120))
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_hi: Mapped[str] = mapped_column(Text, default="")
    organiser: Mapped[str] = mapped_column(String(16))  # vriddhi | samarth | odop | epch | other
    topic: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    place: Mapped[str | None] = mapped_column(String(300))
    online_url: Mapped[str | None] = mapped_column(String(300))
    districts: Mapped[list[str]] = mapped_column(JSON)  # district codes, or ["*"] for all
    crafts: Mapped[list[str]] = mapped_column(JSON, default=list)  # craft keys; [] = any
    session_language: Mapped[str] = mapped_column(String(8))  # hi | en | both
    capacity: Mapped[int] = mapped_column(Integer)
    reminder_minutes: Mapped[list[int]] = mapped_column(JSON)  # before the start: [1440, 60]
    status: Mapped[str] = mapped_column(String(10))  # draft | published | cancelled
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    checkin_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class Rsvp(Base):
    """A seller's answer to one workshop, their place on the waiting list, attendance and
    feedback; owned by ``bot.workshops.workshops``."""

    __tablename__ = "workshop_rsvps"
    __table_args__ = (UniqueConstraint("workshop_id", "seller_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"),
                                             index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    answer: Mapped[str] = mapped_column(String(8))  # going | waiting | maybe | no
    # When the answer last changed: the waiting list moves up in this order.
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    feedback_score: Mapped[int | None] = mapped_column(Integer)
    feedback_comment: Mapped[str | None] = mapped_column(String(500))
