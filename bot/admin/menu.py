"""The /staff menu and ``SCREENS``, the one table of staff screens: each entry (declared
beside its screen) gives the menu's button, the command, the district question and the
screen; ``open_screen`` walks it for a button and ``command`` for a typed command.
Adding a staff report is one module (service, screen, ``@arguments``, a ``StaffScreen``)
and one line here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.admin import glossary_screens
from bot.admin.broadcasts_screens import BROADCAST, BROADCAST_FORM
from bot.admin.english_fixes import BOT_ENGLISH, FIX_FORM
from bot.admin.english_screens import ENGLISH, ENGLISH_FORM, say_count
from bot.admin.exports_screens import EXPORT
from bot.admin.glossary_screens import GLOSSARY, GLOSSARY_FORM
from bot.admin.help_screens import HELP, HELP_ANSWER, HELP_REPLY
from bot.admin.posters_screens import POSTER
from bot.admin.progress_screens import PROGRESS, TABLE
from bot.admin.screens import (
    StaffAction,
    StaffScreen,
    district_command,
    districts_text,
    open_screen,
    require,
)
from bot.admin.staff import Role
from bot.admin.team_screens import INVITE, STAFF_LIST, TESTER
from bot.admin.voice_screens import RECORDINGS
from bot.conversation.turn import Button, Gone, Turn
from bot.i18n import N_, _
from bot.workshops.buttons import WorkshopAction


async def menu(turn: Turn, prefix: str = "") -> None:
    """/staff: what this staff member can do (``prefix`` heads it: a short word on what
    was just typed)."""
    role = await require(turn)
    if role.operator:
        who = _("You are an operator: all districts.")
    else:
        who = _("You are a facilitator for: {districts}.").format(
            districts=districts_text(role.districts))
    rows = _rows([s for s in SCREENS.values() if s.label and not s.operator])
    # Staff plan workshops (facilitators for their districts): the list shows drafts and
    # "➕ New workshop".
    rows.append([Button(_("🎓 Workshops"), WorkshopAction(0, "list", "").pack())])
    if role.operator:
        rows += _rows([s for s in SCREENS.values() if s.label and s.operator])
    turn.say((prefix + "\n\n" if prefix else "") + _("Staff menu") + "\n" + who,
             buttons=rows)
    await say_count(turn, role)
    await glossary_screens.say_count(turn, role)


def _rows(screens: list[StaffScreen]) -> list[list[Button]]:
    buttons = [Button(_(s.label), StaffAction(s.action, "").pack()) for s in screens]
    return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]


async def _menu_screen(turn: Turn, _role: Role, _district: str) -> None:
    await menu(turn)


SCREENS = {screen.action: screen for screen in (
    StaffScreen("menu", "", _menu_screen),
    PROGRESS, TABLE, HELP, EXPORT, POSTER, BROADCAST, INVITE, STAFF_LIST, TESTER, RECORDINGS,
    ENGLISH, BOT_ENGLISH, GLOSSARY,
)}

FORMS = (BROADCAST_FORM, HELP_REPLY, HELP_ANSWER, ENGLISH_FORM, FIX_FORM, GLOSSARY_FORM)

# Registered as bot commands only in staff members' chats (with the seller commands: a
# staff member who is also a seller keeps those).
STAFF_COMMANDS = (
    ("staff", N_("Staff menu")),
    *((s.command, s.description) for s in SCREENS.values() if s.command and not s.operator),
    ("newworkshop", N_("Staff: plan a workshop for your districts")),
    ("web", N_("Staff: a login link to the staff web page")),
)
OPERATOR_COMMANDS = tuple((s.command, s.description) for s in SCREENS.values()
                          if s.command and s.operator)


async def on_button(turn: Turn, data: StaffAction) -> None:
    await require(turn)  # open_screen checks the district too
    screen = SCREENS.get(data.action)
    if screen is None:
        raise Gone(_("This button no longer works."))
    await open_screen(turn, screen, data.district)


def command(screen: StaffScreen) -> Callable[[Turn, Any], Awaitable[None]]:
    """The service for ``/<screen.command>`` (``turn_handler(..., args=screen.args)``)."""
    if screen.on_command is not None:
        return screen.on_command

    async def run(turn: Turn, args: Any) -> None:
        await district_command(turn, screen, args)

    return run
