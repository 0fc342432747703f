"""Help between sellers and staff: follow-ups, relayed messages, voice notes, entered
answers, recordings."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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


class HelpFollowup(Base):
    """When staff last marked a seller's request for help resolved: the seller is listed
    again only for help asked (or a stop) after that."""

    __tablename__ = "help_followups"

    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           primary_key=True)
    resolved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[int] = mapped_column(BigInteger)


class HelpMessage(Base):
    """One message of a staff ↔ seller conversation relayed by the bot. Owned by
    ``bot.helpdesk.relay``; shown in the seller's /mydata and deleted with the seller."""

    __tablename__ = "help_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    staff_telegram_id: Mapped[int] = mapped_column(BigInteger)
    from_staff: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # A spoken message instead of (or beside) the words: Telegram's file id, nothing else.
    voice_file_id: Mapped[str | None] = mapped_column(String(200))


class VoiceNote(Base):
    """A voice note a seller sent where the bot expected an answer: Telegram's file id and
    the question she was at (form and field keys), never the audio. Owned by
    ``bot.helpdesk.voice``; in /mydata, deleted with the seller."""

    __tablename__ = "voice_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    file_id: Mapped[str] = mapped_column(String(200))
    form_key: Mapped[str | None] = mapped_column(String(40))
    field_key: Mapped[str | None] = mapped_column(String(40))
    # held (sent, not passed on) | queued (for staff) | answered | closed
    status: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    queued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    handled_by: Mapped[int | None] = mapped_column(BigInteger)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EnteredAnswer(Base):
    """An answer someone else entered into a seller's form (a facilitator who heard her
    voice note; later a transcript): who, from what, when. Owned by ``bot.helpdesk.voice``;
    in /mydata, deleted with the seller."""

    __tablename__ = "entered_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           index=True)
    form_key: Mapped[str] = mapped_column(String(40))
    field_key: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)  # what was entered, as typed
    source: Mapped[str] = mapped_column(String(20))  # facilitator | transcript
    entered_by: Mapped[int | None] = mapped_column(BigInteger)  # staff Telegram id
    voice_note_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class VoicePrompt(Base):
    """Staff's spoken explanation of one screen (``step:gst``, ``check:<item>``,
    ``ask:<form>:<field>``) for one district, or for all (district ``*``, operators):
    Telegram's file id only. Owned by ``bot.helpdesk.voice``."""

    __tablename__ = "voice_prompts"
    __table_args__ = (UniqueConstraint("screen", "district_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    screen: Mapped[str] = mapped_column(String(60))
    district_code: Mapped[str] = mapped_column(String(40))
    file_id: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
