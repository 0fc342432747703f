"""/poster: a district's A4 poster, and a workshop's (its "🖨 Poster" button)."""

from __future__ import annotations

from bot.admin import printing
from bot.admin.screens import (
    StaffScreen,
    back_row,
    district_name,
)
from bot.admin.staff import Role
from bot.conversation.links import arguments
from bot.conversation.turn import Button, Turn
from bot.i18n import N_, _
from bot.workshops import buttons as workshop_buttons
from bot.workshops import words as workshop_words
from bot.workshops.buttons import WorkshopAction


async def poster(turn: Turn, role: Role, district: str) -> None:
    made = await printing.for_district(turn.session, role, turn.bot_username, district)
    turn.say(_("🖨 A4 poster for {where}, in Hindi and English. Its QR code opens the bot "
               "with {where} already chosen: {link}").format(
        where=district_name(district), link=made.poster.url),
        document=(made.poster.file_name, made.poster.pdf))
    # The district's coming workshops have posters of their own (checked again on press).
    if made.workshops:
        turn.say(_("Posters for the coming workshops of {where}:").format(
            where=district_name(district)),
            buttons=[[Button(f"🖨 {workshop_words.title(w)}"[:48] + " · "
                             + workshop_words.short_date(w),
                             WorkshopAction(w["id"], workshop_buttons.POSTER, "").pack())]
                     for w in made.workshops[:10]] + [back_row()])


async def workshop_poster(turn: Turn, data: WorkshopAction) -> None:
    """The "🖨 Poster" button of a workshop (its staff card, or the poster screen): the
    role and the workshop's districts are checked on each press."""
    made, workshop = await printing.for_workshop(turn.session, await turn.staff(),
                                                 turn.bot_username, data.id)
    turn.say(_("🖨 A4 poster for the workshop “{title}”, in Hindi and English. Its QR code "
               "opens the workshop in the bot: {link}").format(
        title=workshop_words.title(workshop), link=made.url),
        document=(made.file_name, made.pdf))


@arguments("poster")
class PosterArgs:
    rest: str  # a district (its code, or its name in English or Hindi), or "all"


POSTER = StaffScreen("poster", N_("🖨 Poster"), poster, command="poster",
                     description=N_("Staff: a QR poster for a district or its workshops"),
                     args=PosterArgs, question=N_("A poster for which district?"),
                     allow_all=False)
