"""What every staff screen shares: the role check, the district a screen is for (asked
with buttons when not given), the way back to the menu.

Every entry point starts with ``require`` (``access.require``, which the services call
too): the role and the district are checked again on each command and each press (nothing is
trusted from the button's data), so a facilitator
who was removed, or who edits a button to name another district, gets a plain "no".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select

from bot.admin import access, staff
from bot.admin.access import ALL
from bot.admin.staff import Role
from bot.conversation.callbacks import callback
from bot.conversation.turn import Button, Turn
from bot.db.models import Seller
from bot.i18n import _, get_locale
from bot.reference import districts as reference


class DistrictArgs(Protocol):
    """A command's ``@arguments`` whose rest is a district (``/progress agra``)."""

    rest: str




@callback("sa")
class StaffAction:
    action: str
    district: str  # a district code, ALL, or "" (not chosen yet)


async def require(turn: Turn, district: str | None = None, operator: bool = False) -> Role:
    """The presser's role (asked once per update), checked now by ``access.require``."""
    return access.require(await turn.staff(), district, operator=operator)


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


def back_row() -> list[Button]:
    return [Button(_("◀ Staff menu"), StaffAction("menu", "").pack())]


async def chosen(turn: Turn, role: Role, district: str, action: str, question: str,
                 allow_all: bool = True, command: str = "") -> str | None:
    """The district a screen is for: the one given, the staff member's only district, or
    None after asking which (``allow_all``: "all my districts" is an answer)."""
    if not district and len(role.districts) == 1:
        district = next(iter(role.districts))
    if not district or (district == ALL and not allow_all):
        await pick_district(turn, role, action, question, allow_all=allow_all,
                            command=command)
        return None
    return district


PICK_MAX = 6  # district buttons at most: an operator's 75 would hide the question


async def _busiest(session: Any, codes: list[str]) -> list[str]:
    """The districts with the most sellers, most first: where staff look most often."""
    count = func.count(Seller.id)
    rows = await session.execute(
        select(Seller.district_code, count).where(Seller.district_code.in_(codes))
        .group_by(Seller.district_code).order_by(count.desc(), Seller.district_code)
        .limit(PICK_MAX))
    return [code for code, _n in rows]


async def pick_district(turn: Turn, role: Role, action: str, question: str,
                        allow_all: bool = True, command: str = "") -> None:
    codes = staff.known_districts(list(role.districts))
    if len(codes) > PICK_MAX:
        codes = await _busiest(turn.session, codes)
        if command:
            question += "\n" + _("Another district: type /{command} and its name, for "
                                  "example /{command} agra.").format(command=command)
    buttons = [Button(district_name(c), StaffAction(action, c).pack()) for c in codes]
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    if allow_all and len(role.districts) > 1:
        rows.insert(0, [Button(_("All my districts"), StaffAction(action, ALL).pack())])
    rows.append(back_row())
    turn.say(question, buttons=rows)


Show = Callable[[Turn, Role, str], Awaitable[None]]


@dataclass(frozen=True)
class StaffScreen:
    """One staff screen as data: the menu's button, the command, the district question.
    ``open_screen`` walks it: the role and the district are checked, the district is asked
    for when needed, then ``show(turn, role, district)`` formats what a service returns."""

    action: str  # in StaffAction's data
    label: str  # N_: the menu's button ("" for none)
    show: Show
    command: str = ""  # /command that opens it too ("" for none)
    description: str = ""  # N_: the command in Telegram's list of staff commands
    args: type | None = None  # the command's @arguments (``rest``: a district)
    question: str = ""  # N_: which district? ("" for a screen without a district)
    allow_all: bool = True  # "all my districts" is an answer
    operator: bool = False  # only operators see and open it
    on_command: Callable[[Turn, Any], Awaitable[None]] | None = None  # its own parsing


async def open_screen(turn: Turn, screen: StaffScreen, district: str) -> None:
    role = await require(turn, district, operator=screen.operator)
    if screen.question:
        chosen_code = await chosen(turn, role, district, screen.action, _(screen.question),
                                   allow_all=screen.allow_all, command=screen.command)
        if chosen_code is None:
            return
        district = chosen_code
    await screen.show(turn, role, district)


async def district_command(turn: Turn, screen: StaffScreen, args: DistrictArgs) -> None:
    """A staff command with an optional district: ``/progress agra``, ``/progress all``."""
    role = await require(turn)
    code = district_from(args.rest.split())
    if code is None:
        if len(role.districts) == 1:
            await open_screen(turn, screen, next(iter(role.districts)))
        else:
            await pick_district(turn, role, screen.action, _(screen.question),
                                command=screen.command)
        return
    if code == "":
        turn.say(_("I do not know that district. Please use its name, for example: "
                   "/{command} agra").format(command=screen.command))
        return
    await open_screen(turn, screen, code)
