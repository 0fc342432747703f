"""The admin slice's outbox renderers: a broadcast and the two relay messages, worded at
send time in the recipient's language."""

from __future__ import annotations

from typing import Any

from bot.admin import broadcasts, stats
from bot.admin.help_screens import HelpAction, HelpAnswer
from bot.admin.screens import (
    district_name,
)
from bot.conversation.turn import Button, Reply
from bot.db import sellers
from bot.db.models import Seller
from bot.helpdesk import relay
from bot.i18n import _, get_locale
from bot.outbox.queue import Kind, Message


def broadcast_text(district: str, text: str) -> str:
    """What a seller sees, in the current language."""
    return _("📣 A message from the Haat facilitator for {district}:").format(
        district=district_name(district)) + "\n\n" + text


async def render_broadcast(session: Any, message: Message, seller: Seller) -> Reply | None:
    """At send time, in the seller's language; nothing once the broadcast is stopped."""
    row = await broadcasts.get(session, int(message.payload.get("broadcast", 0)))
    if row is None or row.status != broadcasts.QUEUED:
        return None
    return Reply(text=broadcast_text(row.district_code, in_language(row, get_locale())))


def in_language(row: Any, language: str) -> str:
    """The seller's language where staff wrote it, the other one otherwise (staff write
    in their language first; the second is optional)."""
    first, other = (row.text_hi, row.text_en) if language == "hi" else (row.text_en,
                                                                        row.text_hi)
    return first or other


async def render_to_seller(session: Any, message: Message, seller: Seller) -> Reply | None:
    row = await relay.get(session, int(message.payload.get("message", 0)))
    if row is None:
        return None
    district = await stats.seller_district(session, row.seller_id)
    where = district_name(district) if district else _("your district")
    return Reply(text=_("💬 A message from the Haat facilitator for {where}:").format(
        where=where) + "\n\n" + row.text,
        buttons=[[Button(_("↩ Answer"), HelpAnswer(row.id).pack())]],
        voice=row.voice_file_id)


async def render_to_staff(session: Any, message: Message, seller: Seller) -> Reply | None:
    row = await relay.get(session, int(message.payload.get("message", 0)))
    if row is None:
        return None
    writer = await sellers.by_id(session, row.seller_id)
    district = await stats.seller_district(session, row.seller_id) or ""
    name = (writer.name if writer else None) or _("(no name yet)")
    return Reply(text=_("💬 {name} answers:").format(name=name) + "\n\n" + row.text,
                 buttons=[[Button(_("💬 Write back"),
                                  HelpAction(row.seller_id, "reply", district).pack())]],
                 voice=row.voice_file_id)


KINDS = (Kind(broadcasts.KIND, render_broadcast), Kind(relay.TO_SELLER, render_to_seller),
         Kind(relay.TO_STAFF, render_to_staff))
