"""Database tables. The conversation's only memory (design decision 1) is here."""

from __future__ import annotations

from datetime import UTC, datetime
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
    Text,
    UniqueConstraint,
    text,
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
    """One Telegram user who agreed to what is stored. No row exists before consent, with
    one exception: a staff member who writes in a staff form before (or without) agreeing
    as a seller gets a row with ``consented_at`` NULL that holds only the chat, the
    language and the form in progress. Such a row is never a seller (``turn.seller`` is
    None for it, and ``bot.db.sellers.counted`` leaves it out of every count).

    Read and written per update by ``bot.sellers`` (plain statements, not the ORM session).
    """

    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(5), default="en")
    consented_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                          default=utcnow)

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
    # When the seller's done steps first reached half of theirs (``bot.steps.flow`` keeps
    # it true as steps and the export answer change): the staff funnel reads this column
    # instead of counting every step row (``make bench`` part (e)).
    half_steps_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
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
    # The quote's marketplace: an export-only one (Walmart) sets the export price.
    marketplace: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


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


class NudgeSetting(Base):
    """A seller's weekly nudge: off unless they switch it on. Owned by
    ``bot.admin.nudges``; deleted with the seller."""

    __tablename__ = "nudge_settings"

    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"),
                                           primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_planned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SenderLease(Base):
    """Which outbox sender is active, where no advisory lock exists (SQLite): one row per
    lease name, held by ``owner`` until ``until`` and renewed while it sends; owned by
    ``bot.outbox.lead``."""

    __tablename__ = "sender_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    until: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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
    status: Mapped[str] = mapped_column(String(8))  # open | done
    answered_by: Mapped[int | None] = mapped_column(BigInteger)  # staff Telegram id
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebLogin(Base):
    """A one-time link to the staff web page, sent by the bot (``/web``). Only the token's
    SHA-256 is kept; valid 10 minutes, used once, for the one staff member it was sent to.
    Owned by ``bot.admin.web_login``."""

    __tablename__ = "web_logins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(5), default="en")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class StaffAudit(Base):
    """What staff did on the web page (who, what, on what, when), for operators to read.
    Owned by ``bot.admin.audit``."""

    __tablename__ = "staff_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(32))  # a code: login, write, resolve, logout
    seller_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
