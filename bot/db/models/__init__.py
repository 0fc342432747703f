"""Database tables, one module per family. The conversation's only memory (design decision 1)
is here; each table's statements live with its one owner (README, layout)."""

from bot.db.models.base import Base, as_utc, utcnow
from bot.db.models.help import EnteredAnswer, HelpFollowup, HelpMessage, VoiceNote, VoicePrompt
from bot.db.models.listing import (
    EnglishRequest,
    GlossaryTerm,
    PriceQuote,
    Product,
    ProductChecklist,
)
from bot.db.models.messaging import Broadcast, InboxUpdate, OutboxMessage, Press, SenderLease
from bot.db.models.people import NudgeSetting, Seller, Staff, StaffInvite, StepProgress, Uncounted
from bot.db.models.web import StaffAudit, WebLogin
from bot.db.models.workshops import Rsvp, Workshop

__all__ = [
    "Base",
    "as_utc",
    "utcnow",
    "Seller",
    "StepProgress",
    "Staff",
    "Uncounted",
    "StaffInvite",
    "NudgeSetting",
    "Product",
    "ProductChecklist",
    "PriceQuote",
    "EnglishRequest",
    "GlossaryTerm",
    "Workshop",
    "Rsvp",
    "OutboxMessage",
    "SenderLease",
    "Broadcast",
    "InboxUpdate",
    "Press",
    "HelpFollowup",
    "HelpMessage",
    "VoiceNote",
    "EnteredAnswer",
    "VoicePrompt",
    "WebLogin",
    "StaffAudit",
]
