"""/poster: a district's A4 poster, and a workshop's (its "🖨 Poster" button)."""

from __future__ import annotations

import asyncio

from bot.admin import posters
from bot.admin.screens import (
    back_row,
    chosen,
    district_command,
    district_name,
    require,
)
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Gone, Turn
from bot.db.models import utcnow
from bot.i18n import _
from bot.workshops import access as workshops_access
from bot.workshops import flow as workshops_flow
from bot.workshops import workshops as workshops_store
from bot.workshops.flow import WorkshopAction


async def poster(turn: Turn, district: str) -> None:
    role = await require(turn, district)
    district = chosen(turn, role, district, "poster", _("A poster for which district?"),
                       allow_all=False)
    if district is None:
        return
    if not turn.bot_username:  # asked from Telegram at start-up
        raise Gone(_("I cannot make the link right now. Please try again in a minute."))
    made = await asyncio.to_thread(posters.poster, turn.bot_username, district)
    turn.say(_("🖨 A4 poster for {where}, in Hindi and English. Its QR code opens the bot "
               "with {where} already chosen: {link}").format(
        where=district_name(district), link=made.url),
        document=(made.file_name, made.pdf))
    # The district's coming workshops have posters of their own (checked again on press).
    coming = [w for w in await workshops_store.all_workshops(turn.session, since=utcnow())
              if w["status"] == workshops_store.PUBLISHED and workshops_access.sees(role, w)
              and (workshops_store.for_everyone(w) or district in w["districts"])]
    if coming:
        turn.say(_("Posters for the coming workshops of {where}:").format(
            where=district_name(district)),
            buttons=[[Button(f"🖨 {workshops_flow.title(w)}"[:48] + " · "
                             + workshops_flow.short_date(w),
                             WorkshopAction(w["id"], workshops_flow.POSTER, "").pack())]
                     for w in coming[:10]] + [back_row()])


async def workshop_poster(turn: Turn, data: WorkshopAction) -> None:
    """The "🖨 Poster" button of a workshop (its staff card, or the poster screen): the
    role and the workshop's districts are checked on each press; a draft, cancelled or
    past workshop gets none (its link would lead nowhere)."""
    role = await require(turn)
    workshop = await workshops_store.get(turn.session, data.id)
    if workshop is None or (workshop["status"] == workshops_store.DRAFT
                            and not role.operator):
        raise Gone(_("This workshop no longer exists."))
    if not workshops_access.sees(role, workshop):  # the workshops slice's rule
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    if workshop["status"] == workshops_store.DRAFT:
        raise Gone(_("Announce the workshop first: until then its link shows nothing."))
    if (workshop["status"] != workshops_store.PUBLISHED
            or workshops_store.ends_at(workshop) <= utcnow()):
        raise Gone(_("This workshop is cancelled or over, so it gets no poster."))
    if not turn.bot_username:
        raise Gone(_("I cannot make the link right now. Please try again in a minute."))
    made = await asyncio.to_thread(posters.workshop_poster, turn.bot_username, workshop)
    turn.say(_("🖨 A4 poster for the workshop “{title}”, in Hindi and English. Its QR code "
               "opens the workshop in the bot: {link}").format(
        title=workshops_flow.title(workshop), link=made.url),
        document=(made.file_name, made.pdf))


@arguments("poster")
class PosterArgs:
    rest: str  # a district (its code, or its name in English or Hindi), or "all"


async def poster_command(turn: Turn, args: PosterArgs) -> None:
    await district_command(turn, args, "poster", _("A poster for which district?"),
                           poster)
