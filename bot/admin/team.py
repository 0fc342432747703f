"""Invitations (a one-time link that makes a facilitator) and the staff list, for
operators."""

from __future__ import annotations

from bot.admin import staff
from bot.admin.screens import (
    ALL,
    back_row,
    district_from,
    districts_text,
    pick_district,
    require,
)
from bot.conversation.callbacks import callback
from bot.conversation.links import InviteLink, arguments
from bot.conversation.turn import Button, Gone, Turn
from bot.i18n import _


@callback("sm")
class StaffManage:
    staff: int  # staff row id
    action: str


def invite_link(username: str | None, token: str) -> str:
    return f"https://t.me/{username or 'your_bot'}?start={InviteLink(token).pack()}"


async def _invite(turn: Turn, districts: list[str]) -> None:
    token = await staff.create_invite(turn.session, districts, created_by=turn.telegram_id)
    hours = int(staff.INVITE_LIFETIME.total_seconds() // 3600)
    turn.say(_("Send this link to the new facilitator for {districts}. It works once, "
               "within {hours} hours:\n{link}").format(
        districts=districts_text(districts), hours=hours,
        link=invite_link(turn.bot_username, token)), buttons=[back_row()])


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
    await _invite(turn, codes)


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


async def staff_list(turn: Turn) -> None:
    await require(turn, operator=True)
    rows = await staff.everyone(turn.session)
    if not rows:
        turn.say(_("No facilitators yet. Invite one from the staff menu."),
                 buttons=[back_row()])
        return
    lines = [_("Facilitators:")]
    buttons = []
    for row in rows:
        lines.append(f"• {row.telegram_id}: {districts_text(row.districts or [])}")
        buttons.append([Button(_("✖ Remove {id}").format(id=row.telegram_id),
                               StaffManage(row.id, "remove").pack())])
    turn.say("\n".join(lines), buttons=[*buttons, back_row()])


async def manage(turn: Turn, data: StaffManage) -> None:
    await require(turn, operator=True)
    if data.action != "remove":
        raise Gone(_("This button no longer works."))
    removed = await staff.remove_by_id(turn.session, data.staff)
    if removed is None:
        raise Gone(_("This facilitator was already removed."))
    turn.notice = _("Removed ✓")
    await staff_list(turn)


async def invite_screen(turn: Turn, district: str) -> None:
    role = await require(turn, district, operator=True)
    if not district or district == ALL:
        pick_district(turn, role, "invite", _("For which district is the new facilitator? "
                                               "(For several, send /invite agra firozabad.)"),
                       allow_all=False)
        return
    await _invite(turn, [district])


async def list_screen(turn: Turn, _district: str) -> None:
    await staff_list(turn)
