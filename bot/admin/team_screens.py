"""Invitations (a one-time link that makes a facilitator) and the staff list, for
operators (the services are in ``team.py``); accepting an invitation."""

from __future__ import annotations

from bot.admin import staff, team
from bot.admin.access import ALL
from bot.admin.screens import (
    StaffScreen,
    back_row,
    district_from,
    districts_text,
    require,
)
from bot.admin.staff import Role
from bot.conversation.callbacks import callback
from bot.conversation.links import InviteLink, arguments
from bot.conversation.turn import Button, Gone, Turn
from bot.i18n import N_, _


@callback("sm")
class StaffManage:
    staff: int  # staff row id
    action: str


def _show_invitation(turn: Turn, made: team.Invitation) -> None:
    turn.say(_("Send this link to the new facilitator for {districts}. It works once, "
               "within {hours} hours:\n{link}").format(
        districts=districts_text(made.districts), hours=made.hours, link=made.link),
        buttons=[back_row()])


@arguments("invite")
class InviteArgs:
    rest: str  # district names, one word each


async def invite_command(turn: Turn, args: InviteArgs) -> None:
    """/invite agra firozabad: an invitation link for one or more districts."""
    await require(turn, operator=True)
    codes, unknown = [], []
    for word in args.rest.split():
        code = district_from([word])
        (codes.append(code) if code and code != ALL else unknown.append(word))
    if unknown or not codes:
        turn.say(_("Please name the districts after /invite, for example: "
                   "/invite agra firozabad"))
        return
    _show_invitation(turn, await team.invite(turn.session, await turn.staff(), codes,
                                             turn.bot_username))


async def accept_invite(turn: Turn, link: InviteLink | None) -> None:
    """``/start fac_<token>``: the invited person becomes a facilitator (once); ``None``
    for a link no invitation wrote."""
    result, districts = ((staff.UNKNOWN, []) if link is None else
                         await staff.accept_invite(turn.session, link.token, turn.telegram_id))
    if result == staff.ACCEPTED:
        turn.say(_("Welcome! You are now a facilitator for {districts}. Send /staff to "
                   "see your districts' sellers.").format(districts=districts_text(districts)))
        return
    turn.say({staff.USED: _("This invitation link was already used. Please ask the "
                            "operator for a new one."),
              staff.EXPIRED: _("This invitation link has expired. Please ask the operator "
                               "for a new one."),
              }.get(result, _("This invitation link is not valid. Please ask the operator "
                              "for a new one.")))


async def staff_list(turn: Turn, role: Role, _district: str = "") -> None:
    rows = await team.members(turn.session, role)
    if not rows:
        turn.say(_("No facilitators yet. Invite one from the staff menu."),
                 buttons=[back_row()])
        return
    lines = [_("Facilitators:")]
    buttons = []
    for row in rows:
        lines.append(f"• {row.telegram_id}: {districts_text(row.districts)}")
        buttons.append([Button(_("✖ Remove {id}").format(id=row.telegram_id),
                               StaffManage(row.id, "remove").pack())])
    turn.say("\n".join(lines), buttons=[*buttons, back_row()])


async def manage(turn: Turn, data: StaffManage) -> None:
    role = await require(turn, operator=True)
    if data.action != "remove":
        raise Gone(_("This button no longer works."))
    await team.remove(turn.session, role, data.staff)
    turn.notice = _("Removed ✓")
    await staff_list(turn, role)


async def invite_screen(turn: Turn, role: Role, district: str) -> None:
    _show_invitation(turn, await team.invite(turn.session, role, [district],
                                             turn.bot_username))


INVITE = StaffScreen("invite", N_("➕ Invite a facilitator"), invite_screen, command="invite",
                     description=N_("Staff: invite a facilitator"), args=InviteArgs,
                     question=N_("For which district is the new facilitator? (For several, "
                                 "send /invite agra firozabad.)"),
                     allow_all=False, operator=True, on_command=invite_command)
STAFF_LIST = StaffScreen("list", N_("👥 Staff"), staff_list, operator=True)
