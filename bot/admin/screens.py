"""What every staff screen shares: the role check, the district a screen is for (asked
with buttons when not given), the way back to the menu.

Every entry point starts with ``require``: the role and the district are checked again on
each command and each press (nothing is trusted from the button's data), so a facilitator
who was removed, or who edits a button to name another district, gets a plain "no".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from bot.admin import staff
from bot.admin.staff import Role
from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Gone, Turn
from bot.i18n import N_, _, get_locale
from bot.reference import districts as reference


class DistrictArgs(Protocol):
    """A command's ``@arguments`` whose rest is a district (``/progress agra``)."""

    rest: str


Screen = Callable[[Turn, str], Awaitable[None]]  # a staff screen for a district
ALL = "*"  # "all my districts" in button data


# Registered as bot commands only in staff members' chats (with the seller commands: a
# staff member who is also a seller keeps those).
STAFF_COMMANDS = (
    ("staff", N_("Staff menu")),
    ("progress", N_("Staff: progress by district")),
    ("needhelp", N_("Staff: sellers who need help")),
    ("export", N_("Staff: export sellers, products or workshop attendance")),
    ("poster", N_("Staff: a QR poster for a district or its workshops")),
    ("broadcast", N_("Staff: a message to a district's sellers")),
    ("newworkshop", N_("Staff: plan a workshop for your districts")),
)


OPERATOR_COMMANDS = (("invite", N_("Staff: invite a facilitator")),)


@callback("sa")
class StaffAction:
    action: str
    district: str  # a district code, ALL, or "" (not chosen yet)


async def _role(turn: Turn) -> Role | None:
    return await turn.staff()  # staff.role, asked once per update (bot.app hands it over)


async def require(turn: Turn, district: str | None = None, operator: bool = False) -> Role:
    """The presser's role, checked now; ``Gone`` with the reason if they may not."""
    role = await _role(turn)
    if role is None:
        raise Gone(_("This is for programme staff only. If you were a facilitator, an "
                     "operator has removed you, so this does nothing now."))
    if operator and not role.operator:
        raise Gone(_("Only an operator can do this."))
    if district not in (None, "", ALL) and not role.can_see(district):
        raise Gone(_("That district is not one of yours, so I cannot show it."))
    return role


def scope(role: Role, district: str) -> list[str]:
    """The district codes one request covers: one district, or all the presser's."""
    if district == ALL:
        return staff.known_districts(list(role.districts))
    return [district]


def district_name(code: str) -> str:
    if code == ALL:
        return _("all your districts")
    found = reference.district(code)
    return found.name(get_locale()) if found else code


def districts_text(codes: list[str] | frozenset[str]) -> str:
    return ", ".join(district_name(c) for c in staff.known_districts(list(codes)))


def district_from(words: list[str]) -> str | None:
    """A district code from a command's words (code, English or Hindi name), or None."""
    text = " ".join(words).strip()
    if not text:
        return None
    if text.lower() in ("all", "सभी", ALL):
        return ALL
    found = reference.district(text.lower()) or reference.district_named(text)
    return found.code if found else ""


# The command that opens each screen (for hints).
COMMAND_OF = {"progress": "progress", "help": "needhelp", "export": "export",
              "poster": "poster", "broadcast": "broadcast"}


def back_row() -> list[Button]:
    return [Button(_("◀ Staff menu"), StaffAction("menu", "").pack())]


def chosen(turn: Turn, role: Role, district: str, action: str, question: str,
            allow_all: bool = True) -> str | None:
    """The district a screen is for: the one given, the staff member's only district, or
    None after asking which (``allow_all``: "all my districts" is an answer)."""
    if not district and len(role.districts) == 1:
        district = next(iter(role.districts))
    if not district or (district == ALL and not allow_all):
        pick_district(turn, role, action, question, allow_all=allow_all)
        return None
    return district


def pick_district(turn: Turn, role: Role, action: str, question: str,
                   allow_all: bool = True) -> None:
    codes = staff.known_districts(list(role.districts))
    buttons = [Button(district_name(c), StaffAction(action, c).pack()) for c in codes]
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    if allow_all and len(codes) > 1:
        rows.insert(0, [Button(_("All my districts"), StaffAction(action, ALL).pack())])
    rows.append(back_row())
    turn.say(question, buttons=rows)


async def district_command(turn: Turn, args: DistrictArgs, action: str, question: str,
                           screen: Screen) -> None:
    """A staff command with an optional district: ``/progress agra``, ``/progress all``."""
    role = await require(turn)
    code = district_from(args.rest.split())
    if code is None:
        if len(role.districts) == 1:
            await screen(turn, next(iter(role.districts)))
        else:
            pick_district(turn, role, action, question)
        return
    if code == "":
        turn.say(_("I do not know that district. Please use its name, for example: "
                   "/{command} agra").format(command=COMMAND_OF.get(action, action)))
        return
    await screen(turn, code)
