"""What goes out and comes in: the outbox, its lease, broadcasts, the inbox, presses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base, utcnow


class OutboxMessage(Base):
    """One message Haat sends without being asked (design decision 6); owned by
    ``bot.outbox.queue``. ``dedupe_key`` makes enqueueing idempotent; ``payload`` is what the
    kind's renderer needs, rendered in the seller's language at send time."""

    __tablename__ = "outbox"
    __table_args__ = (
        # The sender's claim reads only due pending rows.
        Index("ix_outbox_pending_due", "due_at", postgresql_where=text("status = 'pending'"),
              sqlite_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    dedupe_key: Mapped[str] = mapped_column(String(160), unique=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # pending | sending | sent | failed | unknown | cancelled
    status: Mapped[str] = mapped_column(String(10), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(String(200))
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SenderLease(Base):
    """Which outbox sender is active, where no advisory lock exists (SQLite): one row per
    lease name, held by ``owner`` until ``until`` and renewed while it sends; owned by
    ``bot.outbox.lead``."""

    __tablename__ = "sender_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    until: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Broadcast(Base):
    """A message from staff to the sellers of one district (optionally one craft or one
    funnel stage), written
    in English and Hindi. Owned by ``bot.admin.broadcasts``; each seller's copy is an outbox
    row keyed ``b:<id>:<seller>``, so what was sent is counted from the outbox."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    district_code: Mapped[str] = mapped_column(String(40))
    craft_key: Mapped[str | None] = mapped_column(String(60))
    # Only sellers stuck at this funnel stage (reached it, not the next); None: everyone.
    stage: Mapped[str | None] = mapped_column(String(16))
    text_en: Mapped[str] = mapped_column(Text)
    text_hi: Mapped[str] = mapped_column(Text)
    # draft (previewed) -> queued (confirmed once) -> cancelled
    status: Mapped[str] = mapped_column(String(12), default="draft")
    audience: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InboxUpdate(Base):
    """One update from Telegram, written before it is acknowledged (issue 22); owned by
    ``bot.db.inbox``. ``update_id`` is unique: a second delivery of it is ignored. The raw
    JSON is dropped once the update is handled; the rest stays a short while (a late
    duplicate is still recognised), then is pruned."""

    __tablename__ = "inbox"
    __table_args__ = (
        # The claim: the oldest pending update of each chat, and whether a chat is busy.
        Index("ix_inbox_chat_update", "chat_id", "update_id"),
        Index("ix_inbox_open", "status", "update_id",
              postgresql_where=text("status <> 'done'"), sqlite_where=text("status <> 'done'")),
    )

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    payload: Mapped[str | None] = mapped_column(Text)
    # pending | working (claimed, leased) | done
    status: Mapped[str] = mapped_column(String(8))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class Press(Base):
    """A creating button already acted on: (message, data) per person, kept for a day.

    Telegram delivers every tap of a quick double (or fivefold) tap; a button marked
    ``once`` acts on the first and answers "Already done" to the rest, in any process.
    Keyed by the presser's Telegram id, not a seller row: staff (an operator has no row at
    all) press creating buttons too. /delete removes a person's presses
    (``bot.db.presses.forget``).
    """

    __tablename__ = "presses"
    __table_args__ = (UniqueConstraint("telegram_id", "message_id", "data"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
