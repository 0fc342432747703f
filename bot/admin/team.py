"""The staff team, as operator actions: invite a facilitator for some districts, list
the facilitators (by name), remove one, mark testers (never counted as sellers).
``staff.py`` keeps the staff rows, ``bot.db.sellers`` the testers."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.admin import access, broadcasts, staff
from bot.admin.staff import Role
from bot.conversation.links import InviteLink
from bot.conversation.turn import Gone
from bot.db import sellers
from bot.helpdesk import relay, voice
from bot.i18n import _, get_locale, use_locale
from bot.listing import english_needed, glossary_terms
from bot.outbox import notices
from bot.reference import districts as reference
from bot.workshops import workshops

log = logging.getLogger("haat.team")


@dataclass(frozen=True)
class Invitation:
    districts: list[str]
    link: str  # works once, within ``hours``
    hours: int


@dataclass(frozen=True)
class Member:
    id: int  # staff row id
    telegram_id: int
    districts: list[str]
    name: str | None = None  # their Telegram name, else the name they gave as a seller


@dataclass(frozen=True)
class Tester:
    telegram_id: int
    name: str | None


def invite_link(username: str | None, token: str) -> str:
    return f"https://t.me/{username or 'your_bot'}?start={InviteLink(token).pack()}"


async def invite(session: Any, role: Role | None, districts: list[str],
                 username: str | None) -> Invitation:
    role = access.require(role, operator=True)
    token = await staff.create_invite(session, districts, created_by=role.telegram_id)
    return Invitation(staff.known_districts(districts), invite_link(username, token),
                      int(staff.INVITE_LIFETIME.total_seconds() // 3600))


async def members(session: Any, role: Role | None) -> list[Member]:
    access.require(role, operator=True)
    rows = await staff.everyone(session)
    as_sellers = await sellers.names_of_telegram(session, [r.telegram_id for r in rows])
    return [Member(row.id, row.telegram_id, list(row.districts or []),
                   row.name or as_sellers.get(row.telegram_id)) for row in rows]


async def member(session: Any, role: Role | None, staff_id: int) -> Member:
    """One facilitator (to confirm a removal)."""
    access.require(role, operator=True)
    row = await staff.member(session, staff_id)
    if row is None:
        raise Gone(_("This facilitator was already removed."))
    as_seller = await sellers.names_of_telegram(session, [row.telegram_id])
    return Member(row.id, row.telegram_id, list(row.districts or []),
                  row.name or as_seller.get(row.telegram_id))


async def remove(session: Any, role: Role | None, staff_id: int) -> int:
    """Remove a facilitator; returns their Telegram id."""
    access.require(role, operator=True)
    removed = await staff.remove_by_id(session, staff_id)
    if removed is None:
        raise Gone(_("This facilitator was already removed."))
    return removed


async def testers(session: Any, role: Role | None) -> list[Tester]:
    access.require(role, operator=True)
    return [Tester(row.telegram_id, row.name)
            for row in await sellers.uncounted(session, sellers.TESTER)]


async def mark_tester(session: Any, role: Role | None, telegram_id: int, *,
                      remove: bool = False) -> bool:
    """A tester is never counted as a seller (``sellers.counted``); True if it changed."""
    role = access.require(role, operator=True)
    if remove:
        return await sellers.unmark_uncounted(session, telegram_id)
    return await sellers.mark_uncounted(session, telegram_id, sellers.TESTER,
                                        role.telegram_id)


def _left_text(districts: list[str]) -> str:
    found = [reference.district(code) for code in districts]
    names = ", ".join(d.name(get_locale()) for d in found if d) or "—"
    return _("A facilitator for {districts} deleted all their data with /delete. Their "
             "facilitator role has ended with it. If someone should go on serving these "
             "districts, send them a new invitation (➕ Invite a facilitator in /staff)."
             ).format(districts=names)


async def forget(session: Any, telegram_id: int, operators: frozenset[int],
                 now: datetime) -> bool:
    """/delete, for whatever a person did as staff: a facilitator's role ends (the staff
    row goes), and their Telegram id leaves invitations, broadcasts, workshops, relayed
    messages, voice work, English given and glossary words (what sellers received
    stays, without its author). The operators hear of a facilitator who left, in their
    language, by the outbox: the notice names the districts, not the person (a deletion
    makes no new copy of who they were). True if they were a facilitator."""
    districts = await staff.forget(session, telegram_id)
    await broadcasts.forget_author(session, telegram_id, staff.ANONYMOUS)
    await workshops.forget_author(session, telegram_id)
    await relay.forget_staff(session, telegram_id, staff.ANONYMOUS)
    await voice.forget_staff(session, telegram_id)
    await english_needed.forget_staff(session, telegram_id, staff.ANONYMOUS)
    await glossary_terms.forget_staff(session, telegram_id, staff.ANONYMOUS)
    if districts is None:
        return False
    texts = {}
    for language in ("en", "hi"):
        with use_locale(language):
            texts[language] = _left_text(districts)
    tag = secrets.token_hex(6)  # the key names nobody
    told = 0
    for operator in sorted(operators - {telegram_id}):
        row_id = await sellers.id_of_telegram(session, operator)
        if row_id is None:
            continue  # an operator who never wrote to the bot: nowhere to send it
        told += await notices.enqueue(session, key=f"staff-left:{tag}:{row_id}",
                                      seller_id=row_id, texts=texts, due_at=now, now=now)
    if not told:
        log.warning("a facilitator deleted their data; no operator could be told (none "
                    "has written to the bot)")
    return True
