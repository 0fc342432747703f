"""The /staff menu and the table of staff screens its buttons open."""

from __future__ import annotations

from bot.admin.broadcasts_screens import BROADCAST_FORM, broadcast_start
from bot.admin.exports_screens import export_menu
from bot.admin.help_screens import HELP_ANSWER, HELP_REPLY, needing_help
from bot.admin.posters_screens import poster
from bot.admin.progress_screens import progress
from bot.admin.screens import (
    StaffAction,
    districts_text,
    require,
)
from bot.admin.team import invite_screen, list_screen
from bot.conversation.turn import Button, Gone, Turn
from bot.i18n import _
from bot.workshops.flow import WorkshopAction


async def menu(turn: Turn) -> None:
    """/staff: what this staff member can do."""
    role = await require(turn)
    if role.operator:
        who = _("You are an operator: all districts.")
    else:
        who = _("You are a facilitator for: {districts}.").format(
            districts=districts_text(role.districts))
    rows = [[Button(_("📊 Progress"), StaffAction("progress", "").pack()),
             Button(_("🙋 Who needs help"), StaffAction("help", "").pack())],
            [Button(_("📤 Export"), StaffAction("export", "").pack()),
             Button(_("🖨 Poster"), StaffAction("poster", "").pack())],
            [Button(_("📣 Broadcast"), StaffAction("broadcast", "").pack())]]
    # Staff plan workshops (facilitators for their districts): the list shows drafts and
    # "➕ New workshop".
    rows.append([Button(_("🎓 Workshops"), WorkshopAction(0, "list", "").pack())])
    if role.operator:
        rows.append([Button(_("➕ Invite a facilitator"), StaffAction("invite", "").pack()),
                     Button(_("👥 Staff"), StaffAction("list", "").pack())])
    turn.say(_("Staff menu") + "\n" + who, buttons=rows)


FORMS = (BROADCAST_FORM, HELP_REPLY, HELP_ANSWER)


async def on_button(turn: Turn, data: StaffAction) -> None:
    await require(turn)  # each screen checks its district too
    action = SCREENS.get(data.action)
    if action is None:
        raise Gone(_("This button no longer works."))
    await action(turn, data.district)


async def _menu_screen(turn: Turn, _district: str) -> None:
    await menu(turn)


SCREENS = {
    "menu": _menu_screen,
    "progress": progress,
    "help": needing_help,
    "export": export_menu,
    "poster": poster,
    "invite": invite_screen,
    "list": list_screen,
    "broadcast": broadcast_start,
}
